"""``limit=<offset>,<count>`` in one parameter (PrestaShop's webservice; the SQL ``LIMIT``
spelling): one more paging style beside :mod:`.pagination`'s, declared the same way.

A list answers no total, so the end is a short page; the total of a query is a count of
its own (the platform's backend reads the ids alone).
"""

from __future__ import annotations

from typing import Any

from .pagination import Offset, Params

__all__ = ["OffsetCount"]


class OffsetCount(Offset):
    """``limit=10,25``: records 10..35 (``separator`` between the two; a bare count, the
    platform's ``limit=25``, is never sent: the offset is always given, 0 included)."""

    def __init__(self, *, limit_param: str = "limit", separator: str = ",", **kw: Any) -> None:
        super().__init__(limit_param=limit_param, **kw)
        self.separator = separator

    def _query(self) -> Params:
        self._asked = min(self.page_size, self._left)
        return {**self._base,
                self.limit_param: f"{self._offset + self.base}{self.separator}{self._asked}"}
