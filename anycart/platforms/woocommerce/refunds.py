"""``order.refund.add`` as ``wc_create_refund`` writes a refund, in the store's order storage:
a ``shop_order_refund`` child order (a post with its meta, or a placeholder post and a
``wc_orders`` row) holding the amount, the reason and the totals negative (``_refunded_by``
1: no user is logged in), a negative copy of each line (``_refunded_item_id`` naming it) and
of the shipping given back, and its negative ``wc_order_stats`` row. The amount may not exceed
what is left to refund ("Invalid refund amount."), nor a line what it has left; a fully
refunded order becomes Refunded, as ``woocommerce_order_fully_refunded_status`` does. No
gateway is asked and no stock restored: ``is_online`` and ``item_restock`` are 109.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import Nested
from anycart.platforms.base import Call
from anycart.platforms.bridge.batch import Batch
from anycart.platforms.bridge.returns import with_refunds
from anycart.platforms.bridge.sqlentity import Row
from anycart.platforms.bridge.sqlkit import Statement, insert
from anycart.platforms.bridge.values import now_gmt, number
from anycart.platforms.bridge.wordpress import insert_post, local, meta_inserts
from anycart.platforms.kit import returns as R

from . import entities as E
from . import mapping as M

if TYPE_CHECKING:
    from .connector import WooCommerceConnector

APPLIED = {"order.refund.add": R.REFUND_READS | {"order_id", "message"}}
NESTED: dict[str, dict[str, Nested]] = {"order.refund.add": {"items": R.REFUND_ITEM_KEYS}}
#: ``wc_create_refund``'s refusal of an amount above what is left to refund.
INVALID_AMOUNT = "Invalid refund amount."
REFUNDED = "wc-refunded"


async def _refund_rows(conn: Any, returns: E.PostReturns, oids: list[int]) -> list[Row]:
    """The orders' refunds as ``return.list`` reads them (with ``_meta`` and ``_lines``)."""
    if not oids:
        return []
    ctx = {**await returns.context(conn, {}), "method": "list"}
    w = await returns.where(conn, {"order_ids": oids}, ctx)
    rows = await returns.select(conn, w, ctx, f" ORDER BY {returns.key}")
    await returns.hydrate(conn, rows, ctx)
    return rows


class Refunds:
    """``order.refund.add`` over the order's ``shop_order_refund`` children."""

    async def run(self, conn: WooCommerceConnector, call: Call) -> dict[str, Any]:
        orders, oid = await conn.order(call.require("order_id"))
        asked = R.refund_lines(call.params.get("items"))
        facts = (await orders.facts(conn, [oid]))[oid]
        items = (await E._items(conn, [oid]))[oid]
        lines = {str(i["order_item_id"]): i for i in items if i["order_item_type"] == "line_item"}
        before = await _refund_rows(conn, await E.Returns().pick(conn), [oid])
        refunded: dict[str, float] = defaultdict(float)
        for item in (li for r in before for li in r["_lines"]):
            refunded[str(item["_meta"].get("_refunded_item_id"))] -= float(item["_meta"].get("_qty") or 0)
        R.check_returnable(asked, {i: float(li["_meta"].get("_qty") or 0) for i, li in lines.items()},
                           refunded, verb="refund")
        given = []  # (line, the refund item, its total, its tax)
        for line in asked:
            item, m = lines[line.order_product_id], lines[line.order_product_id]["_meta"]
            share = line.quantity / (float(m.get("_qty") or 1) or 1)
            total = line.price * line.quantity if line.price is not None else \
                (number(m.get("_line_total")) or 0) * share
            tax = 0.0 if line.price is not None else (number(m.get("_line_tax")) or 0) * share
            given.append((line, item, round(total, 2), round(tax, 2)))
        shipping = float(call.params.get("shipping_price") or 0)
        amount = R.refund_amount(sum(t + x for *_, t, x in given), shipping, call.params.get("total_price"))
        left = round((number(facts["total"]) or 0)
                     - sum(number(r["_meta"].get("_refund_amount")) or 0 for r in before), 2)
        if amount > left + 1e-9:
            raise ApiError(ReturnCode.PLATFORM_ERROR, f"{INVALID_AMOUNT} {left:.2f} is left to refund "
                           f"of order {oid}.")
        batch, now = Batch(), now_gmt()
        reason, tax = str(call.params.get("message") or ""), sum(x for *_, x in given)
        rid = batch.add(insert_post(
            "shop_order_placehold" if orders.hpos else "shop_order_refund", now, now,
            post_title=M.title("Refund", now), post_excerpt=reason,
            post_status="draft" if orders.hpos else "wc-completed", post_parent=oid))
        own = {"_refund_amount": M.price(amount), "_refunded_by": "1", "_refunded_payment": "",
               "_refund_reason": reason}
        if orders.hpos:
            batch.add(insert("wc_orders", {
                "id": rid, "status": "wc-completed", "currency": facts["currency"],
                "type": "shop_order_refund", "tax_amount": -tax, "total_amount": -amount,
                "customer_id": 0, "date_created_gmt": now, "date_updated_gmt": now,
                "parent_order_id": oid}), *meta_inserts("wc_orders_meta", "order_id", rid, own))
        else:
            version = await conn.wp.one("woocommerce_version") or "9.3.3"
            batch.add(*meta_inserts("postmeta", "post_id", rid, {
                "_order_currency": facts["currency"], "_cart_discount": "0", "_cart_discount_tax": "0",
                "_order_shipping": M.price(-shipping), "_order_shipping_tax": "0", "_order_tax": M.price(-tax),
                "_order_total": M.price(-amount), "_order_version": version, "_prices_include_tax": "no",
                **own}))
        for line, item, total, line_tax in given:
            m = item["_meta"]
            given_back = M.price(-total), M.price(-line_tax)
            E.add_item(batch, rid, item["order_item_name"], "line_item", {**E.line_meta(
                m.get("_product_id") or 0, m.get("_variation_id"), -line.quantity, m.get("_tax_class") or "",
                *given_back, *given_back), "_refunded_item_id": line.order_product_id})
        carried = next((i for i in items if i["order_item_type"] == "shipping"), None)
        if shipping and carried is not None:
            E.add_item(batch, rid, carried["order_item_name"], "shipping", {
                "method_id": carried["_meta"].get("method_id") or "",
                "instance_id": carried["_meta"].get("instance_id") or "0", "cost": M.price(-shipping),
                "total_tax": "0", "taxes": E.tax_data(total="0"),
                "_refunded_item_id": str(carried["order_item_id"])})
        columns: dict[str, Any] = {}
        if amount >= left - 1e-9 and facts["status"] != REFUNDED:  # fully refunded
            columns["status" if orders.hpos else "post_status"] = REFUNDED
            batch.add(*conn.status_changed(oid, facts["status"], REFUNDED, now))
        # WooCommerce Analytics' row of the refund: negative, under its order, with the order's
        # status and customer (OrdersStatsDataStore); none when the order has no row of its own
        qty = sum(li.quantity for li, *_ in given)
        batch.add(Statement(
            "INSERT INTO {p}wc_order_stats (order_id, parent_id, date_created, date_created_gmt, "
            "num_items_sold, total_sales, tax_total, shipping_total, net_total, returning_customer, "
            "status, customer_id) SELECT ?, order_id, ?, ?, ?, ?, ?, ?, ?, returning_customer, status, "
            "customer_id FROM {p}wc_order_stats WHERE order_id = ?",
            [rid, local(now), now, -qty, -amount, -tax, -shipping, round(-amount + tax + shipping, 2), oid]),
            orders.save(oid, columns))
        written = await batch.run(conn.db)
        return {"refund_id": str(written[rid.index].insert_id)}

    def methods(self) -> Any:
        return {"order.refund.add": (self.run, APPLIED["order.refund.add"])}


async def order_refunds(conn: Any, orders: list[Row], returns: E.PostReturns) -> list[Row]:
    """Mapped orders with their ``refunds`` (``returns``: the store's storage's declaration)."""
    rows = await _refund_rows(conn, returns, [int(o["id"]) for o in orders])
    return with_refunds(orders, ((r["parent_id"], M.REFUND.read(r)) for r in rows))


DECLARED = Refunds()
