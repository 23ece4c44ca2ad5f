"""A platform's short lists of named things (order statuses, customer groups, return
reasons): read whole, kept per store for :data:`TTL_S` (they change seldom), read again
when a record names one the kept list lacks (added since), and looked up by id or by name.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Connector

from .fields import get

Names = dict[str, str | None]  # id -> name (None: one without a name)
Read = Callable[[str], Awaitable[Iterable[dict[str, Any]]]]

#: The kept lists by (cart, store, path, what is read of each record): (monotonic time
#: read, the list). Two lists read from one path (customer groups' names, their price
#: levels) are kept apart.
CACHE: dict[tuple[str, ...], tuple[float, Names]] = {}
TTL_S = 300.0


@dataclass(frozen=True)
class Named:
    """``path``: where the list is read; ``id_path``: a record's id; ``name_paths``: its
    name, the first given; ``label``: its noun in 109 messages (``order status``)."""

    path: str
    id_path: str
    name_paths: tuple[str, ...]
    label: str

    async def names(self, connector: Connector, read: Read,
                    wanted: Collection[str] = ()) -> Names:
        """id -> name of ``connector``'s store, kept; read again when older than
        :data:`TTL_S` or when an id of ``wanted`` is not in it."""
        # the store's key too: stores on one API host (BigCommerce's) may share a URL, or have none
        key = (connector.platform.cart_id, connector.store.store_url.lower(),
               getattr(connector.store, "store_key", ""), self.path, self.id_path, *self.name_paths)
        hit = CACHE.get(key)
        if hit is not None and time.monotonic() - hit[0] < TTL_S and set(wanted) <= set(hit[1]):
            return hit[1]
        names = {str(get(r, self.id_path)): next(
            (v for p in self.name_paths if (v := get(r, p))), None) for r in await read(self.path)}
        CACHE[key] = (time.monotonic(), names)
        return names

    def id_of(self, names: Names, value: Any, param: str) -> str:
        """The id ``value`` is, or names (case aside); 109 naming ``param`` and the known."""
        text = str(value).strip()
        if text in names:
            return text
        for ident, name in names.items():
            if str(name or "").lower() == text.lower():
                return ident
        raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{param}' is not valid: unknown "
                       f"{self.label} '{text}'. Known: "
                       f"{', '.join(name or ident for ident, name in names.items())}.")
