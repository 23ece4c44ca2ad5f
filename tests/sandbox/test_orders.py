"""Order bookkeeping: totals, shipped/refunded units, derived fields, what a shipment or a
refund may take; declared once Shopify-like and once with a second platform's names
(Magento-like items, shipments and credit memos)."""

from __future__ import annotations

from typing import Any

import pytest

from anycart.sandbox.errors import SimError
from anycart.sandbox.orders import NOW, NOW_ONCE, Action, Book, Shows, Take, Tracking, tracking_urls
from anycart.sandbox.values import Errors

SHOP = Book(live=("pending", "open", "success"), shows=Shows(
    current="current_quantity", open="fulfillable_quantity", line_state="fulfillment_status",
    order_state="fulfillment_status"))
#: a second platform: items / shipments / creditmemos, its own field names and state names
MAGE = Book(lines="items", shipments="shipments", shipment_lines="items", live=None,
            refunds="creditmemos", refund_lines="items", refund_ref="order_item_id",
            transactions="payments", kind_field="type", refund_kind="credit",
            amount="base_amount", id="item_id", quantity="qty_ordered", price="base_price",
            tax_lines="taxes", tax_amount="amount", tax_key=("code",),
            shows=Shows(open="qty_to_ship", order_state="state",
                        states=("processing", "partially_shipped", "complete")))


def _line(lid: int, price: str, qty: int, tax: str | None = None) -> dict[str, Any]:
    return {"id": lid, "price": price, "quantity": qty,
            "tax_lines": [{"title": "VAT", "rate": 0.2, "price": tax}] if tax else []}


def _order() -> dict[str, Any]:
    return {"line_items": [_line(1, "10.00", 3, "6.00"), _line(2, "5.50", 2)],
            "fulfillments": [], "refunds": []}


def test_totals_group_taxes_and_add_shipping_less_discounts() -> None:
    lines = [_line(1, "10.00", 3, "6.00"), _line(2, "5.50", 2, "2.20"),
             {**_line(3, "1.00", 1), "tax_lines": [{"title": "GST", "rate": 0.1,
                                                    "price": "0.10"}]}]
    t = SHOP.totals(lines, [{"amount": "4.00"}], [{"price": "7.25"}, {"price": "0.75"}])
    assert (t.lines, t.discount, t.tax, t.shipping) == (4200, 400, 830, 800)
    assert t.taxes == {("VAT", 0.2): 820, ("GST", 0.1): 10}
    assert (t.subtotal, t.total) == (3800, 5430)


def test_recount_after_partial_and_full_shipments_and_a_refund() -> None:
    order = _order()
    SHOP.recount(order)
    assert order["fulfillment_status"] is None
    assert [li["fulfillable_quantity"] for li in order["line_items"]] == [3, 2]
    order["fulfillments"].append({"status": "success", "line_items": [{"id": 1, "quantity": 2}]})
    SHOP.recount(order)
    first = order["line_items"][0]
    assert (first["fulfillable_quantity"], first["fulfillment_status"]) == (1, "partial")
    assert order["fulfillment_status"] == "partial"
    # a cancelled shipment does not count; refunding the rest of line 1 and all of line 2
    order["fulfillments"].append({"status": "cancelled", "line_items": [{"id": 2, "quantity": 2}]})
    order["refunds"].append({"refund_line_items": [{"line_item_id": 1, "quantity": 1},
                                                   {"line_item_id": 2, "quantity": 2}],
                             "transactions": [{"kind": "refund", "amount": "21.00"},
                                              {"kind": "void", "amount": "99.00"}]})
    SHOP.recount(order)
    assert [(li["current_quantity"], li["fulfillable_quantity"], li["fulfillment_status"])
            for li in order["line_items"]] == [(2, 0, "fulfilled"), (0, 0, None)]
    assert order["fulfillment_status"] == "fulfilled"  # line 2 holds nothing any more
    assert SHOP.refunded_money(order) == 2100
    assert [SHOP.paid_back(order, total) for total in (5000, 2100)] == [1, 2]
    assert SHOP.paid_back(_order(), 100) == 0


def test_units_open_refundable_unshipped_and_tax_share() -> None:
    order = _order()
    order["fulfillments"].append({"status": "open", "line_items": [{"id": 1, "quantity": 1}]})
    order["refunds"].append({"refund_line_items": [{"line_item_id": 1, "quantity": 1}],
                             "transactions": []})
    li = order["line_items"][0]
    assert (SHOP.open_units(order, li), SHOP.refundable(order, li), SHOP.unshipped(order, li)) \
        == (1, 2, 2)
    assert SHOP.everything_open(order) == [(li, 1), (order["line_items"][1], 2)]
    assert SHOP.tax_share(li, 1) == 200 and SHOP.tax_share(li, 2) == 400
    assert SHOP.tax_share(order["line_items"][1], 2) == 0


FULFIL = Take("id", "line_items", ("line_items", "Line item {id} does not exist"),
              ("base", "Invalid quantity for {id}"))
REFUND = Take("line_item_id", "line_item_id", ("refunds", "No line {id}"),
              ("refunds", "Too many"), default=1, blank=0)


def test_take_checks_lines_and_units_in_entry_order() -> None:
    order = _order()
    errors: Errors = {}
    taken = SHOP.take(order, [{"id": 1}, {"id": 2, "quantity": 5}, {"id": 9}, "x"], errors,
                      FULFIL, lambda li: li["quantity"])
    assert taken == [(order["line_items"][0], 3), (order["line_items"][1], 5)]
    assert errors == {"base": ["Invalid quantity for 2"],
                      "line_items": ["Line item 9 does not exist", "Line item None does not exist"]}
    # a unit count that is no number: checked no further, or counted as ``blank`` (0)
    errors = {}
    assert SHOP.take(order, [{"id": 1, "quantity": "lots"}], errors, FULFIL,
                     lambda li: 3) == [(order["line_items"][0], 0)]
    assert errors == {"quantity": ["is not a number"]}
    errors = {}
    made = SHOP.take(order, [{"line_item_id": 2, "quantity": "lots"}, {"line_item_id": 1}],
                     errors, REFUND, lambda li: 2,
                     then=lambda src, li, qty: (li["id"], qty, errors.setdefault("then", [])))
    assert [m[:2] for m in made] == [(2, 0), (1, 1)]  # the default is 1 unit
    assert list(errors) == ["quantity", "refunds", "then"]


def test_a_second_declaration_magento_like() -> None:
    order: dict[str, Any] = {
        "items": [{"item_id": 11, "base_price": "20.00", "qty_ordered": 2,
                   "taxes": [{"code": "US-CA", "amount": "3.00"}]},
                  {"item_id": 12, "base_price": "1.00", "qty_ordered": 4, "taxes": []}],
        "shipments": [{"items": [{"item_id": 11, "qty_ordered": 2}]}],
        "creditmemos": [{"items": [{"order_item_id": 12, "qty_ordered": 1}],
                         "payments": [{"type": "credit", "base_amount": "1.00"}]}]}
    t = MAGE.totals(order["items"], [{"value": "2.00"}], [{"cost": "5.00"}],
                    discount_amount="value", shipping_price="cost")
    assert (t.total, t.taxes) == (4000 + 400 - 200 + 300 + 500, {("US-CA",): 300})
    MAGE.recount(order)
    assert [li["qty_to_ship"] for li in order["items"]] == [0, 3]
    assert "current_quantity" not in order["items"][0]
    assert order["state"] == "partially_shipped"
    assert MAGE.shipped(order) == {11: 2} and MAGE.refunded(order) == {12: 1}
    assert MAGE.refunded_money(order) == 100 and MAGE.tax_share(order["items"][0], 1) == 150
    order["shipments"].append({"items": [{"item_id": 12, "qty_ordered": 3}]})
    MAGE.recount(order)
    assert order["state"] == "complete"


def test_tracking_urls_for_known_carriers_and_a_second_table() -> None:
    assert tracking_urls("USPS", ["9400", "9401"]) == [
        "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400",
        "https://tools.usps.com/go/TrackConfirmAction?tLabels=9401"]
    assert tracking_urls("Pigeon Post", ["1"]) == [] and tracking_urls(None, ["1"]) == []
    by_code = {"ups": "https://ups.example/{}", "dhl": "https://dhl.example/?awb={}"}
    assert tracking_urls("dhl", ["77"], by_code) == ["https://dhl.example/?awb=77"]
    assert tracking_urls("UPS", ["1Z"], by_code) == []  # codes, not names


def test_refunds_move_the_total_left_and_the_payment_state() -> None:
    book = Book(shows=Shows(total="total_price", total_left="current_total_price",
                            paid_state="financial_status", settled=("voided",)))
    order = {**_order(), "total_price": "41.00", "financial_status": "paid"}
    book.recount(order)
    assert (order["financial_status"], order["current_total_price"]) == ("paid", "41.00")
    order["refunds"].append({"refund_line_items": [], "transactions": [
        {"kind": "refund", "amount": "11.00"}]})
    book.recount(order)
    assert (order["financial_status"], order["current_total_price"]) == (
        "partially_refunded", "30.00")
    order["refunds"].append({"refund_line_items": [], "transactions": [
        {"kind": "refund", "amount": "30.00"}]})
    book.recount(order)
    assert (order["financial_status"], order["current_total_price"]) == ("refunded", "0.00")
    voided = {**order, "financial_status": "voided"}
    book.recount(voided)
    assert voided["financial_status"] == "voided"  # settled: refunds do not move it
    # a second naming: Magento-like state names, total due left
    mage = Book(shows=Shows(total="grand_total", total_left="total_due", paid_state="state",
                            paid_states=("processing", "closed"), settled=("canceled",)))
    memo = {"line_items": [], "fulfillments": [], "grand_total": "10.00", "state": "complete",
            "refunds": [{"refund_line_items": [], "transactions": [
                {"kind": "refund", "amount": "10.00"}]}]}
    mage.recount(memo)
    assert (memo["state"], memo["total_due"]) == ("closed", "0.00")


def test_tracking_derives_urls_and_keeps_them_while_nothing_changes() -> None:
    t = Tracking()
    fresh = {"tracking_company": None, "tracking_numbers": [], "tracking_urls": []}
    t.apply(fresh, {"tracking_company": "UPS", "tracking_number": " 1Z9 "}, fresh=True)
    assert fresh == {"tracking_company": "UPS", "tracking_numbers": ["1Z9"],
                     "tracking_number": "1Z9", "tracking_url": fresh["tracking_urls"][0],
                     "tracking_urls": ["https://www.ups.com/WebTracking?loc=en_US&requester=ST"
                                       "&trackNums=1Z9"]}
    shipped = {**fresh, "tracking_urls": ["https://mine/1Z9"], "tracking_url": "https://mine/1Z9"}
    t.apply(shipped, {"shipment_status": "in_transit"})
    assert shipped["tracking_urls"] == ["https://mine/1Z9"]  # nothing it follows changed
    t.apply(shipped, {"tracking_numbers": ["A", " ", "B"]})
    assert shipped["tracking_numbers"] == ["A", "B"] and shipped["tracking_urls"][1].endswith("=B")
    t.apply(shipped, {"tracking_company": "Nobody Post"})
    assert (shipped["tracking_urls"], shipped["tracking_url"]) == ([], None)
    t.apply(shipped, {"tracking_url": "https://x/y"})
    assert shipped["tracking_urls"] == ["https://x/y"] and shipped["tracking_company"] == "Nobody Post"


def test_actions_refuse_then_set_stamps_and_move_states() -> None:
    cancel = Action({"cancelled_at": NOW, "closed_at": NOW_ONCE, "note": "x"},
                    refuse=((lambda o: bool(o["cancelled_at"]), "Already cancelled"),),
                    moves={"state": {"pending": "voided"}}, topic="orders/cancelled")
    order = {"cancelled_at": None, "closed_at": "t0", "state": "pending", "note": None}
    cancel.check(order)
    cancel.apply(order, "t1")
    assert order == {"cancelled_at": "t1", "closed_at": "t0", "state": "voided", "note": "x"}
    with pytest.raises(SimError) as err:
        cancel.check(order)
    assert (err.value.status, err.value.body) == (422, {"errors": {"base": ["Already cancelled"]}})
    paid = {"cancelled_at": None, "closed_at": None, "state": "paid", "note": None}
    cancel.apply(paid, "t2")
    assert (paid["closed_at"], paid["state"]) == ("t2", "paid")
