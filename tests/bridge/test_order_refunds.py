"""bridge.returns.with_refunds: mapped orders given their Order_Refund objects, grouped by
order id whatever type the id comes in, in the order given, an order without refunds
given an empty list."""

from __future__ import annotations

from anycart.model import OrderRefund
from anycart.platforms.bridge.returns import with_refunds


def test_refunds_reach_their_orders_in_order_and_none_is_an_empty_list():
    orders = [{"id": "7"}, {"id": "8"}, {"id": "9"}]
    out = with_refunds(orders, [(7, OrderRefund(id="1", total=2.5)), ("9", OrderRefund(id="2", total=1.0)),
                                (7, OrderRefund(id="3", total=4.0, comment="late"))])
    assert out is orders
    assert [[r["id"] for r in o["refunds"]] for o in orders] == [["1", "3"], [], ["2"]]
    assert orders[0]["refunds"][1] == {"id": "3", "total": 4.0, "comment": "late"}  # unset fields left out
