"""Documents counted on an order's lines: what a document may take (what is left, the
platform's refusal naming the entry at fault), the counters it adds to (lines that follow
another too), the line money and order totals it keeps; declared once Magento-like (three
kinds, child items, float units) and once BigCommerce-like (one kind, whole units, an order
count)."""

from __future__ import annotations

from typing import Any

import pytest

from anycart.sandbox.counted import Counted, Counters


class Refused(Exception):
    pass


MAGE = Counters({
    "invoice": Counted("qty_invoiced", "qty_ordered", "no invoice",
                       line_money=("row_invoiced",), order_money=("total_paid",)),
    "shipment": Counted("qty_shipped", "qty_ordered", "no shipment"),
    "creditmemo": Counted("qty_refunded", "qty_invoiced", "no refund")},
    Refused, "order_item_id", "qty", line_id="item_id", follows="parent_item_id",
    read_ref=lambda value: int(value) if str(value).isdecimal() else None,
    read_units=lambda value: float(value or 0))
BIG = Counters({"shipment": Counted("quantity_shipped", "quantity",
                                    "The field 'items[{n}]' is invalid.",
                                    nothing="The field 'items' is invalid.",
                                    order_count="items_shipped")},
               Refused, "order_product_id", "quantity",
               read_units=lambda value: value if isinstance(value, int) else None)


def _item(iid: int, qty: float, parent: int | None = None) -> dict[str, Any]:
    return {"item_id": iid, "qty_ordered": qty, "qty_invoiced": 0.0, "qty_shipped": 0.0,
            "qty_refunded": 0.0, "price": 0.0 if parent else 2.5, "row_invoiced": 0,
            "parent_item_id": parent}


def _refusal(counters: Counters, lines: list[dict[str, Any]], kind: str, entries: Any) -> str:
    with pytest.raises(Refused) as err:
        counters.take(lines, kind, entries)
    return str(err.value)


def test_everything_left_by_default_and_children_follow_their_parent() -> None:
    items = [_item(1, 2.0), _item(2, 2.0, parent=1), _item(3, 1.0)]
    order = {"total_paid": 0.0}
    taken = MAGE.take(items, "invoice", None)
    assert [(li["item_id"], n) for li, n in taken] == [(1, 2.0), (3, 1.0)]
    MAGE.count(order, items, "invoice", taken, 11.25)
    assert [i["qty_invoiced"] for i in items] == [2.0, 2.0, 1.0]
    assert [i["row_invoiced"] for i in items] == [5.0, 0, 2.5]  # taken lines only
    assert order["total_paid"] == 11.25
    assert MAGE.open(items, "invoice") == [] and MAGE.touched(items, "shipment", "invoice")
    assert not MAGE.touched(items, "shipment")
    assert _refusal(MAGE, items, "invoice", None) == "no invoice"


def test_a_bound_can_be_another_counter_and_entries_are_read_as_the_platform_reads() -> None:
    items = [_item(1, 3.0), _item(2, 3.0, parent=1)]
    assert _refusal(MAGE, items, "creditmemo", None) == "no refund"  # nothing invoiced
    MAGE.count({"total_paid": 0.0}, items, "invoice",
               MAGE.take(items, "invoice", [{"order_item_id": "1", "qty": "2"}]), 1.0)
    assert MAGE.left(items[0], "creditmemo") == 2.0
    for entries in ([{"order_item_id": 1, "qty": 3}], [{"order_item_id": 2, "qty": 1}],
                    [{"order_item_id": 1}], ["x"], [{"order_item_id": 9, "qty": 1}], []):
        assert _refusal(MAGE, items, "creditmemo", entries) == "no refund"
    MAGE.count({}, items, "creditmemo",
               MAGE.take(items, "creditmemo", [{"order_item_id": 1, "qty": 1.5}]))
    assert (items[0]["qty_refunded"], items[1]["qty_refunded"]) == (1.5, 1.5)


def test_the_refusal_names_the_first_entry_at_fault_and_the_order_counts_the_lines() -> None:
    lines = [{"id": 7, "quantity": 2, "quantity_shipped": 0},
             {"id": 8, "quantity": 1, "quantity_shipped": 1}]
    for entries, field in (([{"order_product_id": 7, "quantity": 1},
                             {"order_product_id": 8, "quantity": 1}], "items[1]"),
                           ([{"order_product_id": 7, "quantity": 1.0}], "items[0]"),
                           ([{"order_product_id": 7, "quantity": 3}], "items[0]"),
                           ([{"order_product_id": "7", "quantity": 1}], "items[0]"),
                           ([{"order_product_id": 7, "quantity": 0}], "items[0]"),
                           ([], "items")):
        assert _refusal(BIG, lines, "shipment", entries) == f"The field '{field}' is invalid."
    order: dict[str, Any] = {}
    BIG.count(order, lines, "shipment",
              BIG.take(lines, "shipment", [{"order_product_id": 7, "quantity": 2}]))
    assert (lines[0]["quantity_shipped"], order["items_shipped"]) == (2, 3)
