"""``order.shipment.tracking.add`` for a cart whose shipment row holds one tracking number
(PrestaShop's ``order_carrier``, OpenCart 3's ``order_shipment``), declared rather than
written per cart: the number is set on the shipment the call names (read by the cart's
shipment entity, so 112 for one not there or of another order), and its order is touched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.kit.serve import Methods
from anycart.platforms.overlap import one_of

from .batch import update
from .columns import bounded
from .sqlentity import SqlEntity

#: What a call may name the shipment's carrier by (``courier`` carts).
_COURIER = ("carrier_id", "tracking_provider")


@dataclass(frozen=True)
class OneTracking:
    """``shipments``/``orders``: the cart's entities; ``table``, ``key`` and ``order_key``:
    the shipment row's table, id and order id columns. ``keep``: a shipment that has another
    number keeps it (113: add a shipment for another), else the number is replaced;
    ``size``: the column's length (longer is 109); ``courier``: the column the call's
    ``carrier_id``/``tracking_provider`` sets (not applied without one)."""

    cart: str
    shipments: SqlEntity
    orders: SqlEntity
    table: str
    key: str
    order_key: str
    keep: bool = False
    size: int | None = None
    courier: str | None = None

    async def run(self, conn: Any, call: Call) -> dict[str, Any]:
        row = await self.shipments.row(conn, call.require("shipment_id"), call.params)
        number = str(call.require("tracking_number"))
        if self.size is not None:
            number = bounded("tracking_number", number, self.size)
        current = row.get("tracking_number") or ""
        if self.keep and current and current != number:
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"Shipment {row[self.key]} already has tracking number {current}:"
                           f" {self.cart} keeps one per shipment (add a shipment for another).")
        sets = {"tracking_number": number}
        if self.courier and (courier := one_of(call.params, *_COURIER)):
            sets[self.courier] = str(courier)
        await conn.db.write([update(self.table, sets, f"{self.key} = ?", row[self.key]),
                             self.orders.touch(row[self.order_key])])
        return {"shipment_tracking_id": str(row[self.key])}

    def methods(self) -> Methods:
        applied = {"order_id", "shipment_id", "tracking_number", *self.shipments.params,
                   *(_COURIER if self.courier else ())}
        return {"order.shipment.tracking.add": (self.run, frozenset(applied))}
