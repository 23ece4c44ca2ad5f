"""Unified fields read from a cart row, declared: ``FieldMap(text={"name": "pl_name"}, ...)``.

Fields are grouped by how their column reads (text with blank as None, number, whole number,
a DATETIME on the store's clock, a flag), so a mapper lists column names instead of calling a
converter per field. The columns a map reads, and those it names as ``used`` (read by hand),
are kept out of ``additional_fields``; every other column goes there, never lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .values import a2c, html_text, number, sid


def integer(value: Any) -> int | None:
    return None if value in (None, "") else int(value)


@dataclass(frozen=True)
class FieldMap:
    text: Mapping[str, str] = field(default_factory=dict)
    number: Mapping[str, str] = field(default_factory=dict)
    integer: Mapping[str, str] = field(default_factory=dict)
    date: Mapping[str, str] = field(default_factory=dict)
    flag: Mapping[str, str] = field(default_factory=dict)
    #: Text the cart stores HTML-escaped (``&amp;``), read unescaped; NULL stays None.
    html: Mapping[str, str] = field(default_factory=dict)
    #: Columns the mapper reads by hand (not extras).
    used: frozenset[str] = frozenset()

    def _groups(self) -> tuple[tuple[Mapping[str, str], Callable[[Any], Any]], ...]:
        return ((self.text, sid), (self.number, number), (self.integer, integer),
                (self.date, a2c), (self.flag, bool), (self.html, html_text))

    def read(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """The unified values, by field name."""
        return {name: convert(row.get(column)) for group, convert in self._groups()
                for name, column in group.items()}

    def extras(self, row: Mapping[str, Any]) -> dict[str, Any]:
        """The row's other columns (hydrated ``_keys`` aside): its ``additional_fields``."""
        skip = self.used | {c for group, _ in self._groups() for c in group.values()}
        return {k: v for k, v in row.items() if k not in skip and not k.startswith("_")}
