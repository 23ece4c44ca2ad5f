"""Statuses whose names live beside them (PrestaShop's ``order_state`` and its
``order_state_lang`` rows): :class:`~.statuses.Statuses` read through a join, so a status the
language has no name for still lists (its name None) and ``where`` keeps retired ones out
(``s.deleted = 0``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError, ReturnCode

from .sqlkit import SqlExecutor
from .statuses import Statuses


@dataclass(frozen=True)
class NamedStatuses(Statuses):
    #: The table of the names (``<table>_lang`` when blank).
    names: str = ""
    where: str = ""

    def _sql(self, condition: str = "") -> str:
        names = self.names or f"{self.table}_lang"
        where = " AND ".join(c for c in (self.where, condition) if c)
        return (f"SELECT s.`{self.key}` AS id, sl.`{self.name}` AS name FROM {{p}}{self.table} s"
                f" LEFT JOIN {{p}}{names} sl ON sl.`{self.key}` = s.`{self.key}` AND"
                f" sl.`{self.lang}` = ?{' WHERE ' + where if where else ''} ORDER BY s.`{self.key}`")

    async def listed(self, db: SqlExecutor, lang: int) -> list[dict[str, Any]]:
        return [{"id": str(r["id"]), "name": self.read(r["name"])}
                for r in await db.select(self._sql(), [lang])]

    async def resolve(self, db: SqlExecutor, value: Any, lang: int) -> int:
        text = str(value).strip()
        found = await db.select(self._sql(f"(s.`{self.key}` = ? OR sl.`{self.name}` = ?)"),
                                [lang, int(text) if text.isdecimal() else -1, text])
        if not found:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{self.param}' is not valid: the store has no status "
                           f"'{text}' (an id or name from {self.listing}).")
        return int(found[0]["id"])
