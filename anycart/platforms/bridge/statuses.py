"""A cart's own status table (order or return statuses, named per language): the list a
``*.status.list`` method answers, and a status given by id or by name resolved to its id
(109 naming the parameter and the listing method when the store has no such status)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.kit.returns import ReturnStatuses, from_names

from .sqlentity import Ctx, Resolver
from .sqlkit import SqlExecutor, scalar


@dataclass(frozen=True)
class Statuses:
    table: str
    key: str
    #: The contract parameter a status comes in, and the method listing the store's own.
    param: str
    listing: str
    name: str = "name"
    lang: str = "language_id"
    #: How a stored name reads (a cart storing HTML-escaped text unescapes it).
    read: Callable[[Any], Any] = str
    #: What a row is, in the refusal (a table of return reasons is not one of statuses).
    what: str = "status"

    async def listed(self, db: SqlExecutor, lang: int) -> list[dict[str, Any]]:
        """``[{"id", "name"}]`` in the language ``lang``, by id."""
        rows = await db.select(f"SELECT `{self.key}` AS id, `{self.name}` AS name FROM "
                               f"{{p}}{self.table} WHERE `{self.lang}` = ? ORDER BY `{self.key}`", [lang])
        return [{"id": str(r["id"]), "name": self.read(r["name"])} for r in rows]

    async def machine(self, db: SqlExecutor, lang: int, platform: str) -> ReturnStatuses:
        """A return status table on the unified return machine: each of the merchant's
        names read as its unified state (:func:`~anycart.platforms.kit.returns.from_names`)."""
        rows = await self.listed(db, lang)
        return from_names(platform, [(r["id"], r["name"]) for r in rows])

    def ids(self, split: bool = False) -> Resolver:
        """A filter's ``resolve`` (``Filter("o.status IN (??)", resolve=...)``): the statuses
        a filter gives, by id or name in the call's language (``ctx["lang"]``), as ids; a
        list, or with ``split`` ids/names separated by commas; 109 as :meth:`resolve`."""
        async def resolve(conn: Any, value: Any, ctx: Ctx) -> list[int]:
            given = value if isinstance(value, list) else str(value).split(",") if split else [value]
            return [await self.resolve(conn.db, v, ctx["lang"]) for v in given if str(v).strip()]

        return resolve

    async def resolve(self, db: SqlExecutor, value: Any, lang: int) -> int:
        """The id of the status ``value`` gives by id or by its name in ``lang``."""
        text = str(value).strip()
        found = await scalar(db, f"SELECT `{self.key}` FROM {{p}}{self.table} WHERE `{self.lang}` = ? "
                                 f"AND (`{self.key}` = ? OR `{self.name}` = ?)",
                             [lang, int(text) if text.isdecimal() else -1, text])
        if found is None:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{self.param}' is not valid: the store has no {self.what} "
                           f"'{text}' (an id or name from {self.listing}).")
        return int(found)
