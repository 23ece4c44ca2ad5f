"""A platform's short lists of named things (order statuses, customer groups, return
reasons): read whole, kept per store for a while (``KitConnector.cached``), read again when
a record names one the kept list lacks (added since), and looked up by id or by name.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from anycart.errors import ApiError, ReturnCode

from .fields import get

if TYPE_CHECKING:
    from .connector import KitConnector

Names = dict[str, str | None]  # id -> name (None: one without a name)
Read = Callable[[str], Awaitable[Iterable[dict[str, Any]]]]


@dataclass(frozen=True)
class Named:
    """``path``: where the list is read; ``id_path``: a record's id; ``name_paths``: its
    name, the first given; ``label``: its noun in 109 messages (``order status``)."""

    path: str
    id_path: str
    name_paths: tuple[str, ...]
    label: str

    async def names(self, connector: KitConnector, read: Read,
                    wanted: Collection[str] = ()) -> Names:
        """id -> name, kept; read again when an id of ``wanted`` is not in it."""
        async def load() -> Names:
            return {str(get(r, self.id_path)): next(
                (v for p in self.name_paths if (v := get(r, p))), None) for r in await read(self.path)}

        names: Names = await connector.cached(self.path, load)
        if not set(wanted) <= set(names):
            connector.forget(self.path)
            names = await connector.cached(self.path, load)
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
