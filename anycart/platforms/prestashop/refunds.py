"""PrestaShop refunds (``order.refund.add``) as credit slips, written as the back office's
partial refund writes them (PrestaShop 8: ``IssuePartialRefundHandler``, whose
``OrderSlipCreator::createOrderSlip`` is ``OrderSlip::create`` without the order detail
part, and ``OrderRefundUpdater``), and read back as the order's ``refunds``.

An ``order_slip`` row is one refund of one order: the products' totals with and without tax,
the shipping given back (``shipping_cost`` 1 and its totals), ``amount`` (what the products
give back, or the amount chosen: ``order_slip_type`` 2, a specific amount) and the currency's
rate; each line is an ``order_slip_detail`` row (how many, the unit and line prices with and
without tax), and the order line's ``product_quantity_refunded`` and
``total_refunded_tax_excl``/``_incl`` grow by it. Prices are taken as tax included, as the
back office's refund form shows them to a customer paying tax; a line's price without tax
keeps the line's own ratio. A line cannot be refunded beyond what was bought less what its
slips already took back (``OrderSlip::getProductSlipResume``). The order's state is left as
it is (a partial refund changes none: the merchant picks "Refunded"). A slip keeps no reason,
so ``message`` is refused with 109, as are restocking and the other refund parameters.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from anycart.errors import ApiError
from anycart.model import OrderRefund, RefundItem
from anycart.platforms.applied import Nested
from anycart.platforms.base import Call
from anycart.platforms.bridge.returns import with_refunds
from anycart.platforms.bridge.sqlentity import Row
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert
from anycart.platforms.bridge.values import a2c, now_db, number, one_id
from anycart.platforms.kit.returns import (
    REFUND_ITEM_KEYS,
    REFUND_READS,
    check_returnable,
    refund_amount,
    refund_lines,
)

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
        raw = call.require("order_id")
        found = await conn.db.select(
            "SELECT o.id_order, o.id_customer, o.carrier_tax_rate, cur.conversion_rate FROM "
            "{p}orders o LEFT JOIN {p}currency cur ON cur.id_currency = o.id_currency WHERE "
            "o.id_order = ? AND o.id_shop = ?", [one_id(raw, "Order"), await conn._shop(call.params)])
        if not found:
            raise ApiError.not_found("Order", raw)
        order, asked = found[0], refund_lines(call.params.get("items"))
        oid = int(order["id_order"])
        details = {str(d["id_order_detail"]): d for d in await conn.db.select(
            "SELECT id_order_detail, product_quantity, unit_price_tax_excl, unit_price_tax_incl "
            "FROM {p}order_detail WHERE id_order = ?", [oid])}
        slipped = {str(r["id_order_detail"]): float(r["n"]) for r in await conn.db.select(
            "SELECT sd.id_order_detail, SUM(sd.product_quantity) AS n FROM {p}order_slip_detail sd "
            "JOIN {p}order_slip s ON s.id_order_slip = sd.id_order_slip WHERE s.id_order = ? "
            "GROUP BY sd.id_order_detail", [oid])}
        check_returnable(asked, {i: float(d["product_quantity"]) for i, d in details.items()},
                         slipped, verb="refund")
        lines = []
        for line in asked:
            d = details[line.order_product_id]
            incl = line.price if line.price is not None else float(d["unit_price_tax_incl"])
            ratio = float(d["unit_price_tax_excl"]) / float(d["unit_price_tax_incl"]) \
                if float(d["unit_price_tax_incl"]) else 1.0
            lines.append((line, _round(incl * ratio), _round(incl)))
        products_incl = sum(incl * li.quantity for li, _, incl in lines)
        products_excl = sum(excl * li.quantity for li, excl, _ in lines)
        shipping = float(call.params.get("shipping_price") or 0)
        total = refund_amount(products_incl, shipping, call.params.get("total_price"))
        chosen = call.params.get("total_price") not in (None, "")
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
            statements.append(insert("order_slip_detail", {
                "id_order_slip": InsertId(0), "id_order_detail": int(li.order_product_id),
                "product_quantity": li.quantity, "unit_price_tax_excl": excl,
                "unit_price_tax_incl": incl, "total_price_tax_excl": _round(excl * li.quantity),
                "total_price_tax_incl": _round(incl * li.quantity),
                "amount_tax_excl": _round(excl * li.quantity),
                "amount_tax_incl": _round(incl * li.quantity)}))
            statements.append(Statement(  # OrderRefundUpdater, after the slip
                "UPDATE {p}order_detail SET product_quantity_refunded = product_quantity_refunded "
                "+ ?, total_refunded_tax_excl = total_refunded_tax_excl + ?, "
                "total_refunded_tax_incl = total_refunded_tax_incl + ? WHERE id_order_detail = ?",
                [li.quantity, _round(excl * li.quantity), _round(incl * li.quantity),
                 int(li.order_product_id)]))
        statements.append(Statement("UPDATE {p}orders SET date_upd = ? WHERE id_order = ?",
                                    [now, oid]))
        written = await conn.db.write(statements)
        return {"refund_id": str(written[0].insert_id)}

    def methods(self) -> Any:
        return {"order.refund.add": (self.run, APPLIED["order.refund.add"])}


async def order_refunds(conn: Any, orders: list[Row]) -> list[Row]:
    """Mapped orders with their ``refunds`` (their credit slips, one query each for the
    page's slips and their lines)."""
    oids = [int(o["id"]) for o in orders]
    marks = ", ".join("?" * len(oids))
    slips = await conn.db.select(f"SELECT * FROM {{p}}order_slip WHERE id_order IN ({marks}) "
                                 "ORDER BY id_order_slip", oids) if oids else []
    ids = [int(s["id_order_slip"]) for s in slips]
    items: dict[int, list[RefundItem]] = defaultdict(list)
    for d in await conn.db.select(
            "SELECT sd.*, od.product_id, od.product_attribute_id FROM {p}order_slip_detail sd "
            "JOIN {p}order_detail od ON od.id_order_detail = sd.id_order_detail WHERE "
            f"sd.id_order_slip IN ({', '.join('?' * len(ids))})", ids) if ids else []:
        items[int(d["id_order_slip"])].append(RefundItem(
            product_id=str(d["product_id"]), order_product_id=str(d["id_order_detail"]),
            variant_id=str(d["product_attribute_id"]) if d["product_attribute_id"] else None,
            qty=float(d["product_quantity"]), refund=number(d["amount_tax_incl"])))
    return with_refunds(orders, ((s["id_order"], _slip(s, items[int(s["id_order_slip"])])) for s in slips))


def _slip(s: Row, items: list[RefundItem]) -> OrderRefund:
    """A credit slip as the Order_Refund it is: what it gave back, tax included."""
    incl = (number(s["total_products_tax_incl"]) or 0) + (number(s["total_shipping_tax_incl"]) or 0)
    excl = (number(s["total_products_tax_excl"]) or 0) + (number(s["total_shipping_tax_excl"]) or 0)
    return OrderRefund(
        id=str(s["id_order_slip"]), shipping=number(s["shipping_cost_amount"]),
        tax=round(incl - excl, 2), total=round((number(s["amount"]) or 0)
                                               + (number(s["shipping_cost_amount"]) or 0), 2),
        modified_time=a2c(s["date_upd"]), items=items)


DECLARED = Refunds()
