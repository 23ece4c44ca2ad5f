"""Stock kept as rows of a table of its own, one per product, variant and location
(PrestaShop's ``stock_available`` per shop, Magento's ``cataloginventory_stock_item`` per
stock): the contract's ``quantity`` sets the units, ``increase_quantity`` and
``reduce_quantity`` change them; a row missing is added.

``StockRows("stock_available", "id_stock_available", ("quantity", "physical_quantity"),
defaults={"id_shop_group": 0})`` names the table, its row id, the columns that hold the units
(all set alike) and the other columns of a new row; the row is found by the keys a call gives
(``{"id_product": 7, "id_product_attribute": 0, "id_shop": 1}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from anycart.errors import ApiError

from .batch import update
from .columns import integer
from .sqlkit import SqlExecutor, Statement, insert
from .values import stock_delta

#: The contract parameters :meth:`StockRows.changes` applies (for a driver's applied sets).
PARAMS = frozenset({"quantity", "increase_quantity", "reduce_quantity"})


@dataclass(frozen=True)
class StockRows:
    table: str
    key: str
    units: tuple[str, ...] = ("quantity",)
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def new(self, keys: Mapping[str, Any], quantity: int) -> Statement:
        """The INSERT of a new row holding ``quantity`` units."""
        return insert(self.table, {**keys, **self.defaults, **dict.fromkeys(self.units, quantity)})

    async def changes(self, db: SqlExecutor, keys: Mapping[str, Any],
                      params: Mapping[str, Any]) -> list[Statement]:
        """The stock the call gives (``quantity``, then plus ``increase_quantity`` less
        ``reduce_quantity``) on the row of ``keys``; nothing when it gives none."""
        delta = stock_delta(params)
        if delta != int(delta):  # units are whole: a fraction would be cut off
            name = "increase_quantity" if params.get("increase_quantity") else "reduce_quantity"
            raise ApiError.invalid(name, "a whole number")
        if params.get("quantity") is None and not delta:
            return []
        where = " AND ".join(f"`{c}` = ?" for c in keys)
        rows = await db.select(f"SELECT `{self.key}` AS id, `{self.units[0]}` AS units FROM"
                               f" {{p}}{self.table} WHERE {where}", list(keys.values()))
        base = params.get("quantity")
        quantity = (integer("quantity", base) if base is not None else
                    int(rows[0]["units"]) if rows else 0) + int(delta)
        if not rows:
            return [self.new(keys, quantity)]
        return [update(self.table, dict.fromkeys(self.units, quantity), f"`{self.key}` = ?",
                       rows[0]["id"])]
