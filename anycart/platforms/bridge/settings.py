"""A cart's settings table, declared once and read once per connector, and the store or
language a call names (else the cart's default one, a setting).

Every bridge cart keeps its configuration as name/value rows: PrestaShop's
``configuration`` (a shop's own row beside the global one), OpenCart's ``setting`` (per
``store_id``), WordPress's ``options``. ``Settings(sql, names)`` reads the names a driver
needs in one query, the first time a call asks; rows come in the order the query gives, so
the one that should win (the shop's own value) is ordered last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError

from .sqlentity import bind

_CACHE = "_bridge_settings"


@dataclass(frozen=True)
class Settings:
    #: ``SELECT <name>, <value> ... WHERE <name> IN (??)``: the rows of ``names``.
    sql: str
    names: tuple[str, ...]
    name_key: str = "name"
    value_key: str = "value"

    async def read(self, conn: Any) -> dict[str, str]:
        """The settings (NULL values left out), read once per connector ``conn``."""
        cache: dict[Settings, dict[str, str]] = conn.__dict__.setdefault(_CACHE, {})
        if self not in cache:
            rows = await conn.db.select(*bind(self.sql, {}, self.names))
            cache[self] = {str(r[self.name_key]): str(r[self.value_key]) for r in rows
                           if r[self.value_key] is not None}
        return cache[self]

    async def get(self, conn: Any, name: str) -> str | None:
        return (await self.read(conn)).get(name)

    async def integer(self, conn: Any, name: str, fallback: int) -> int:
        """A whole-number setting (an id), ``fallback`` when unset or not a number."""
        value = await self.get(conn, name)
        return int(value) if value and value.isdecimal() else fallback


def chosen(params: Mapping[str, Any], name: str, what: str, zero_is_default: bool = False) -> int | None:
    """The id a call gives as ``name`` (``store_id``, ``lang_id``), None when not given (or
    0 where store 0 means the default one): the caller's default applies. 109 naming it for
    what is no whole number."""
    text = "" if params.get(name) in (None, "") else str(params[name])
    if text and not text.isdecimal():
        raise ApiError.invalid(name, f"numeric {what} id")
    if not text or (zero_is_default and not int(text)):
        return None
    return int(text)
