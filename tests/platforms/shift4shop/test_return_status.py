"""Issue 22 on Shift4Shop, through the AnyCart API against the simulator: an order's
``additional_fields.return_status`` is its latest RMA's unified state (no_return before any),
on order.info and order.list alike; the RMA API cannot select orders by RMA status, so
``order.list``'s ``return_status`` is refused with 109 naming it."""

from __future__ import annotations

from anycart.platforms.shift4shop.seed import _SHIPPED
from tests.platforms.shift4shop.test_returns import _add_body


def _order_with_two_lines(env) -> dict:
    data = env.store.data
    returned = {r["OrderID"] for r in data.rmas.values()}
    full = (data.orders.get(o["OrderID"]) for o in data.orders.values()
            if o["OrderID"] not in returned and o["OrderStatusID"] == _SHIPPED)
    return next(o for o in full if len(o["OrderItemList"]) > 1)


async def _status(env, oid: str) -> str:
    info = await env.call("order.info", {"order_id": oid, "params": "force_all"})
    assert info["return_code"] == 0, info
    return info["result"]["additional_fields"]["return_status"]


async def test_return_status_follows_the_latest_rma(s4s):
    order = _order_with_two_lines(s4s)
    oid = str(order["OrderID"])
    assert await _status(s4s, oid) == "no_return"
    first = await s4s.call("order.return.add", body=_add_body(order))
    assert first["return_code"] == 0, first
    assert await _status(s4s, oid) == "requested"
    moved = await s4s.call("order.return.update", body={"return_id": first["result"]["return_id"],
                                                        "return_status_id": "Approved"})
    assert moved["return_code"] == 0, moved
    assert await _status(s4s, oid) == "approved"
    body = _add_body(order, return_status_id="4")
    body["order_products"][0]["order_product_id"] = str(order["OrderItemList"][1]["ItemIndexID"])
    second = await s4s.call("order.return.add", body=body)
    assert second["return_code"] == 0, second
    assert await _status(s4s, oid) == "received"  # the latest RMA's
    listed = await s4s.call("order.list", {"order_ids": oid, "params": "force_all"})
    assert [o["additional_fields"]["return_status"] for o in listed["result"]["order"]] == ["received"]
    page = await s4s.call("order.list", {"count": 10, "params": "force_all"})
    rmas = {r["OrderID"] for r in s4s.store.data.rmas.values()}
    for o in page["result"]["order"]:
        assert (o["additional_fields"]["return_status"] == "no_return") == (int(o["id"]) not in rmas)


async def test_refunds_are_the_orders_refund_transactions(s4s):
    order = _order_with_two_lines(s4s)
    oid = str(order["OrderID"])
    added = await s4s.call("order.refund.add", body={"order_id": oid, "total_price": 7.25,
                                                     "message": "late delivery"})
    assert added["return_code"] == 0, added
    info = await s4s.call("order.info", {"order_id": oid, "params": "force_all"})
    (refund,) = info["result"]["refunds"]
    assert (refund["id"], refund["total"], refund["comment"]) == (
        added["result"]["refund_id"], 7.25, "late delivery")


async def test_the_return_status_filter_is_refused(s4s):
    answer = await s4s.call("order.list", {"return_status": "requested"})
    assert answer["return_code"] == 109 and "return_status" in answer["return_message"], answer
