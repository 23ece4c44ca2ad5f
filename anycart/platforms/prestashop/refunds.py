"""PrestaShop refunds (``order.refund.add``) as credit slips, written as PrestaShop 8's
partial refund writes them (``IssuePartialRefundHandler``: ``OrderSlip::create`` without the
order detail part, then ``OrderRefundUpdater``), read back as the order's ``refunds`` (:data:`.mapping.REFUND`).

An ``order_slip`` row is one refund: the products' totals with and without tax, the shipping
given back, ``amount`` (the products', or the amount chosen: ``order_slip_type`` 2) and the
currency's rate; an ``order_slip_detail`` row per line, and the order line's refunded
quantity and totals grow by it. Prices are tax included, as the back office's form shows
them; a line's price without tax keeps the line's own ratio. A line is not refunded beyond
what its slips left (``OrderSlip::getProductSlipResume``); the order's state is left as it
is. A slip keeps no reason: ``message`` is refused (109), as are restocking and the rest.
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import Nested
from anycart.platforms.base import Call
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert
from anycart.platforms.bridge.values import amount, now_db, one_id
from anycart.platforms.kit.returns import (
    REFUND_ITEM_KEYS,
    REFUND_READS,
    check_returnable,
    refund_amount,
    refund_lines,
)

from .shop import line_quantities

#: What order.refund.add applies (``store_id``: the shop the order is read in).
APPLIED = {"order.refund.add": REFUND_READS | {"order_id", "store_id"}}
NESTED: dict[str, dict[str, Nested]] = {"order.refund.add": {"items": REFUND_ITEM_KEYS}}
#: ``VoucherRefundType::SPECIFIC_AMOUNT_REFUND``: an amount chosen, or shipping given back.
SPECIFIC_AMOUNT = 2


def _round(value: float) -> float:
    return round(value, 6)


class Refunds:
    """``order.refund.add`` over the order's ``order_slip`` rows."""

    async def run(self, conn: Any, call: Call) -> dict[str, Any]:
        raw, p = call.require("order_id"), call.params
        found = await conn.db.select(
            "SELECT o.id_order, o.id_customer, o.carrier_tax_rate, cur.conversion_rate FROM "
            "{p}orders o LEFT JOIN {p}currency cur ON cur.id_currency = o.id_currency WHERE "
            "o.id_order = ? AND o.id_shop = ?", [one_id(raw, "Order"), await conn._shop(p)])
        if not found:
            raise ApiError.not_found("Order", raw)
        order, asked = found[0], refund_lines(p.get("items"))
        oid = int(order["id_order"])
        details = {str(d["id_order_detail"]): d for d in await conn.db.select(
            "SELECT id_order_detail, product_quantity, unit_price_tax_excl, unit_price_tax_incl "
            "FROM {p}order_detail WHERE id_order = ?", [oid])}
        check_returnable(asked, {i: float(d["product_quantity"]) for i, d in details.items()},
                         await line_quantities(conn.db, oid, "order_slip"), verb="refund")
        lines = []  # (line, unit price without tax, with tax)
        for line in asked:
            d = details[line.order_product_id]
            incl = line.price if line.price is not None else float(d["unit_price_tax_incl"])
            ratio = float(d["unit_price_tax_excl"]) / float(d["unit_price_tax_incl"]) \
                if float(d["unit_price_tax_incl"]) else 1.0
            lines.append((line, _round(incl * ratio), _round(incl)))
        products_incl = sum(incl * li.quantity for li, _, incl in lines)
        products_excl = sum(excl * li.quantity for li, excl, _ in lines)
        shipping = amount(p.get("shipping_price"), "shipping_price")
        total = refund_amount(products_incl, shipping, p.get("total_price"))
        chosen = p.get("total_price") not in (None, "")
        now, shipping_excl = now_db(), shipping / (1 + float(order["carrier_tax_rate"] or 0) / 100)
        statements = [insert("order_slip", {
            "conversion_rate": order["conversion_rate"] or 1, "id_customer": order["id_customer"],
            "id_order": oid, "total_products_tax_excl": _round(products_excl),
            "total_products_tax_incl": _round(products_incl),
            "total_shipping_tax_excl": _round(shipping_excl), "total_shipping_tax_incl": shipping,
            "shipping_cost": int(shipping > 0),
            "amount": _round(total - shipping if chosen else products_incl),
            "shipping_cost_amount": shipping, "partial": 0,
            "order_slip_type": SPECIFIC_AMOUNT if chosen or shipping > 0 else 0,
            "date_add": now, "date_upd": now})]
        for li, excl, incl in lines:
            line_excl, line_incl, detail = _round(excl * li.quantity), _round(incl * li.quantity), \
                int(li.order_product_id)
            statements.append(insert("order_slip_detail", {
                "id_order_slip": InsertId(0), "id_order_detail": detail,
                "product_quantity": li.quantity, "unit_price_tax_excl": excl,
                "unit_price_tax_incl": incl, "total_price_tax_excl": line_excl,
                "total_price_tax_incl": line_incl, "amount_tax_excl": line_excl,
                "amount_tax_incl": line_incl}))
            statements.append(Statement(  # OrderRefundUpdater, after the slip
                "UPDATE {p}order_detail SET product_quantity_refunded = product_quantity_refunded "
                "+ ?, total_refunded_tax_excl = total_refunded_tax_excl + ?, "
                "total_refunded_tax_incl = total_refunded_tax_incl + ? WHERE id_order_detail = ?",
                [li.quantity, line_excl, line_incl, detail]))
        statements.append(update("orders", {"date_upd": now}, "id_order = ?", oid))
        written = await conn.db.write(statements)
        return {"refund_id": str(written[0].insert_id)}

    def methods(self) -> Any:
        return {"order.refund.add": (self.run, APPLIED["order.refund.add"])}



DECLARED = Refunds()
