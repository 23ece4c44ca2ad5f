"""PrestaShop order writes: ``order.add`` (the steps of :mod:`.order_add`), ``order.update``,
shipments (``order_carrier`` rows, one tracking number each) and the status lists."""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.columns import bounded, columns
from anycart.platforms.bridge.lookups import require
from anycart.platforms.bridge.sqlkit import Statement, insert, scalar
from anycart.platforms.bridge.values import given_db_time, now_db, number
from anycart.platforms.overlap import one_tracking

from . import writes as W
from .entities import ORDERS, SHIPMENTS
from .order_add import PrestaShopOrderAdd
from .shop import ORDER_STATES, PrestaShopBase


class OrderWrites(PrestaShopBase):
    async def order_status_list(self, call: Call) -> dict[str, Any]:
        return {"cart_order_statuses": await ORDER_STATES.listed(self.db, await self._lang(call.params)),
                "additional_fields": {}, "custom_fields": {}}

    async def order_update(self, call: Call) -> dict[str, Any]:
        """A status change is an ``order_history`` row (the order valid for a logable status),
        a comment a ``message`` row (private for ``admin_comment``), as the back office
        writes them."""
        p = explicit(call)
        order = await ORDERS.row(self, call.require("order_id"), p)
        oid = int(order["id_order"])
        stamp = given_db_time(p, "date_modified") or now_db()
        cols = columns(p, W.ORDER_COLUMNS)["orders"]
        statements: list[Statement] = []
        if p.get("order_status") not in (None, ""):
            state = await ORDER_STATES.resolve(self.db, p["order_status"], await self._lang(p))
            logable = await scalar(self.db, "SELECT logable FROM {p}order_state WHERE id_order_state = ?",
                                   [state])
            cols.update(current_state=state, valid=1 if logable else 0)
            statements.append(insert("order_history", {"id_employee": 0, "id_order": oid,
                                                        "id_order_state": state, "date_add": stamp}))
        for src, private in (("comment", 0), ("admin_comment", 1)):
            if p.get(src) not in (None, ""):
                statements.append(insert("message", {
                    "id_customer": order["id_customer"], "id_order": oid, "id_employee": 0,
                    "message": str(p[src]), "private": private, "date_add": stamp}))
        if not cols and not statements:
            raise ApiError.nothing_to_update()
        await self.db.write([update("orders", {**cols, "date_upd": stamp}, "id_order = ?", oid),
                             *statements])
        return {"updated_items": 1}

    async def order_add(self, call: Call) -> dict[str, Any]:
        return await PrestaShopOrderAdd().run(self, call)

    # -- shipments -----------------------------------------------------------------------------
    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        """Fills the order's shipment that has no tracking number yet, else adds one (an
        ``order_carrier`` row; PrestaShop ships an order whole, so ``items`` only check that
        each line exists and is shipped whole)."""
        p = call.params
        order = await ORDERS.row(self, call.require("order_id"), p)
        oid = int(order["id_order"])
        known = {str(r["id_order_detail"]): float(r["product_quantity"]) for r in await self.db.select(
            "SELECT id_order_detail, product_quantity FROM {p}order_detail WHERE id_order = ?", [oid])}
        for n, item in enumerate(p.get("items") or []):
            line = str(item.get("order_product_id"))
            if line not in known:
                raise ApiError.not_found("Order product", item.get("order_product_id"))
            # order_carrier has no lines: only a whole line can be shipped, never part of one.
            if item.get("quantity") not in (None, "") and number(item["quantity"]) != known[line]:
                raise ApiError.invalid(f"items[{n}][quantity]", f"the ordered quantity {known[line]:g}"
                                       " (PrestaShop ships whole order lines)")
        first = one_tracking(p, "PrestaShop")  # add shipments for more numbers
        carrier = int(order["id_carrier"])
        if str(first.get("carrier_id") or "").isdecimal():
            carrier = int(first["carrier_id"])
            await require(self.db, "carrier", [carrier], "Carrier")
        given = first.get("tracking_number")
        tracking = bounded("tracking_number", given, 64) if given not in (None, "") else None
        cols: dict[str, Any] = {"id_carrier": carrier, "tracking_number": tracking}
        if p.get("weight") is not None:
            cols["weight"] = float(p["weight"])
        stamp = ORDERS.touch(oid)
        open_ = await self.db.select(
            "SELECT id_order_carrier FROM {p}order_carrier WHERE id_order = ? AND"
            " (tracking_number IS NULL OR tracking_number = '') ORDER BY id_order_carrier LIMIT 1", [oid])
        if open_:
            sid = int(open_[0]["id_order_carrier"])
            await self.db.write([update("order_carrier", cols, "id_order_carrier = ?", sid), stamp])
            return {"shipment_id": str(sid)}
        written = await self.db.write([insert("order_carrier", {
            **cols, "id_order": oid, "shipping_cost_tax_excl": 0, "shipping_cost_tax_incl": 0,
            "date_add": now_db()}), stamp])
        return {"shipment_id": str(written[0].insert_id)}

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        row = await SHIPMENTS.row(self, call.require("shipment_id"), call.params)
        tracking = bounded("tracking_number", call.require("tracking_number"), 64)
        current = row.get("tracking_number") or ""
        if current and current != tracking:
            raise ApiError(ReturnCode.ALREADY_EXISTS,
                           f"Shipment {row['id_order_carrier']} already has tracking number {current}:"
                           " PrestaShop keeps one per shipment (add a shipment for another).")
        await self.db.write([
            Statement("UPDATE {p}order_carrier SET tracking_number = ? WHERE id_order_carrier = ?",
                      [tracking, row["id_order_carrier"]]),
            ORDERS.touch(row["id_order"])])
        return {"shipment_tracking_id": str(row["id_order_carrier"])}
