"""Link tables that keep an order: one row per (entity, other) pair and its position among the
other's links (PrestaShop's ``category_product``: a category's products in the shop's order;
WordPress's ``term_relationships.term_order``). A new link goes last in its other's order, as
the carts' admins append it, and a link kept keeps its place.

``RankedLink("category_product", "id_product", "id_category")`` answers the statements; the
positions it reads come first, so a write stays one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .sqlentity import bind
from .sqlkit import SqlExecutor, Statement, insert
from .writes import Link


@dataclass(frozen=True)
class RankedLink(Link):
    position: str = "position"

    async def next_free(self, db: SqlExecutor, others: Sequence[int]) -> dict[int, int]:
        """The next free position among each of ``others``' links (0 when it has none)."""
        if not others:
            return {}
        rows = await db.select(*bind(
            f"SELECT `{self.other}` AS other, MAX(`{self.position}`) AS top FROM {{p}}{self.table}"
            f" WHERE `{self.other}` IN (??) GROUP BY `{self.other}`", {}, others))
        top = {int(r["other"]): int(r["top"]) for r in rows}
        return {o: top.get(o, -1) + 1 for o in others}

    async def appended(self, db: SqlExecutor, ident: Any, others: Sequence[int]) -> list[Statement]:
        """INSERTs linking ``ident`` last to each of ``others``."""
        free = await self.next_free(db, list(dict.fromkeys(others)))
        return [insert(self.table, {self.other: o, self.key: ident, self.position: n})
                for o, n in free.items()]

    async def gathered(self, db: SqlExecutor, idents: Sequence[Any], other: int) -> list[Statement]:
        """INSERTs linking each of ``idents`` to ``other``, after its links, in that order."""
        start = (await self.next_free(db, [other]))[other]
        return [insert(self.table, {self.other: other, self.key: ident, self.position: start + n})
                for n, ident in enumerate(idents)]

    async def linked(self, db: SqlExecutor, ident: Any) -> set[int]:
        """The others ``ident`` is linked to."""
        return {int(r["o"]) for r in await db.select(
            f"SELECT `{self.other}` AS o FROM {{p}}{self.table} WHERE `{self.key}` = ?", [ident])}

    async def assigned(self, db: SqlExecutor, ident: Any, other: int) -> list[Statement]:
        """The link of ``ident`` to ``other``, last, unless there is one (then nothing)."""
        if other in await self.linked(db, ident):
            return []
        return await self.appended(db, ident, [other])

    async def replaced(self, db: SqlExecutor, ident: Any, others: Sequence[int]) -> list[Statement]:
        """The links of ``ident`` become ``others``: the ones dropped go, the new ones go last,
        the ones kept keep their positions."""
        current = await self.linked(db, ident)
        drop = Statement(*bind(f"DELETE FROM {{p}}{self.table} WHERE `{self.key}` = :ident AND"
                               f" `{self.other}` NOT IN (??)", {"ident": ident}, list(others)))
        return [drop, *await self.appended(db, ident, [o for o in others if o not in current])]
