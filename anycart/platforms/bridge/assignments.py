"""``category.assign`` / ``category.unassign`` from a link table, declared: a product linked to a
category (OpenCart's ``product_to_category``, PrestaShop's ``category_product``).

``Assignment(link, PRODUCTS, CATEGORIES)`` checks both ids name existing rows (112 naming the
first missing, category first), adds the link once (last in the category's order for a
:class:`~.positions.RankedLink`) or removes it, and touches the product in the same write: a
change to its links is a change to it. ``missing_link_is_404``: unassigning a product that is
not in the category answers 112 instead of success.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit.serve import Methods

from .positions import RankedLink
from .sqlentity import SqlEntity
from .sqlkit import Statement
from .writes import Link

#: What both methods apply (for a driver's applied sets).
APPLIED = {"category.assign": frozenset({"category_id", "product_id"}),
           "category.unassign": frozenset({"category_id", "product_id"})}


@dataclass(frozen=True)
class Assignment:
    link: Link
    products: SqlEntity
    categories: SqlEntity
    missing_link_is_404: bool = False

    async def _ids(self, conn: Any, call: Call) -> tuple[int, int]:
        cid = await self.categories.existing(conn, call.require("category_id"))
        pid = await self.products.existing(conn, call.require("product_id"))
        return pid, cid

    async def _added(self, conn: Any, pid: int, cid: int) -> list[Statement]:
        if isinstance(self.link, RankedLink):
            return await self.link.assigned(conn.db, pid, cid)
        link = self.link
        found = await conn.db.select(f"SELECT 1 FROM {{p}}{link.table} WHERE `{link.key}` = ?"
                                     f" AND `{link.other}` = ?", [pid, cid])
        return [] if found else self.link.rows(pid, [cid])

    async def assign(self, conn: Any, call: Call) -> dict[str, Any]:
        pid, cid = await self._ids(conn, call)
        if added := await self._added(conn, pid, cid):
            await conn.db.write([*added, self.products.touch(pid)])
        return {}

    async def unassign(self, conn: Any, call: Call) -> dict[str, Any]:
        pid, cid = await self._ids(conn, call)
        done = await conn.db.write([self.link.remove(pid, cid), self.products.touch(pid)])
        if self.missing_link_is_404 and not done[0].affected:
            raise ApiError.not_found(f"{self.products.label} category", f"{pid}/{cid}")
        return {}

    def methods(self) -> Methods:
        """Both methods for :func:`~anycart.platforms.kit.serve.attach`."""
        return {"category.assign": (self.assign, APPLIED["category.assign"]),
                "category.unassign": (self.unassign, APPLIED["category.unassign"])}
