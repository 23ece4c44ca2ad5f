"""``kit.returns``' order-side parts: an order's return status (the FAQ's
``additional_fields.return_status``) and what ``order.list``'s ``return_status`` asks for;
``order.refund.add``'s items and amount, and lines refunded beyond what was bought."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.kit.returns import (
    NO_RETURN,
    RefundLine,
    ReturnStatuses,
    Unified,
    check_returnable,
    order_return_status,
    refund_amount,
    refund_lines,
    wanted_statuses,
)

U = Unified
SHOP = ReturnStatuses("Shop", {"1": ("Pending", U.REQUESTED), "2": ("Approved", U.APPROVED),
                               "3": ("Awaiting parcel", U.APPROVED), "4": ("Refunded", U.REFUNDED)})


def test_an_orders_return_status():
    assert order_return_status(SHOP, None) == NO_RETURN == "no_return"
    assert order_return_status(SHOP, "3") == "approved"
    assert order_return_status(SHOP, 4) == "refunded"
    # a status the table does not declare: its name read as a state, else the name itself
    assert order_return_status(SHOP, "9", "Cancelled") == "canceled"
    assert order_return_status(SHOP, "9", "Inspecting") == "Inspecting"
    assert order_return_status(SHOP, "9") == "9"


def test_what_the_filter_asks_for():
    assert wanted_statuses(SHOP, "no_return") == (True, [])
    assert wanted_statuses(SHOP, "approved") == (False, ["2", "3"])  # every status in the state
    assert wanted_statuses(SHOP, "Pending, 4") == (False, ["1", "4"])  # names and ids
    assert wanted_statuses(SHOP, ["no_return", "refunded"]) == (True, ["4"])
    assert wanted_statuses(SHOP, "closed") == (False, [])  # a state no status has: none match
    with pytest.raises(ApiError) as err:
        wanted_statuses(SHOP, "lost")
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    assert "'return_status'" in err.value.message and "no_return" in err.value.message


def test_refund_items_and_amount():
    assert refund_lines(None) == []
    assert refund_lines([{"order_product_id": "7"}, {"order_product_id": 8, "quantity": "2",
                                                     "price": "2.5"}]) == [
        RefundLine("7", 1), RefundLine("8", 2, 2.5)]
    for bad, name in (([{"quantity": 1}], "items[0][order_product_id]"),
                      ([{"order_product_id": "7", "quantity": 0}], "items[0][quantity]"),
                      ([{"order_product_id": "7", "quantity": 1.5}], "items[0][quantity]"),
                      ([{"order_product_id": "7", "price": -1}], "items[0][price]"),
                      ([{"order_product_id": "7", "price": "x"}], "items[0][price]")):
        with pytest.raises(ApiError) as err:
            refund_lines(bad)
        assert name in err.value.message, bad
    assert refund_amount(10.0, 5.0, None) == 15.0
    assert refund_amount(10.0, 5.0, "7.5") == 7.5
    for lines_total, shipping, total in ((0.0, 0.0, None), (10.0, 5.0, 4), (1.0, 0.0, -2)):
        with pytest.raises(ApiError) as err:
            refund_amount(lines_total, shipping, total)
        assert "'total_price'" in err.value.message


def test_lines_are_not_refunded_twice():
    check_returnable([RefundLine("7", 2)], {"7": 3.0}, {"7": 1.0}, verb="refund")
    with pytest.raises(ApiError) as err:
        check_returnable([RefundLine("7", 1)], {"7": 3.0}, {"7": 3.0}, verb="refund")
    assert err.value.code == ReturnCode.PLATFORM_ERROR
    assert "Unable to refund order product with id = '7'" in err.value.message
    assert "already been refunded" in err.value.message
    with pytest.raises(ApiError) as err:
        check_returnable([RefundLine("8", 1)], {"7": 3.0}, {}, verb="refund")
    assert err.value.code == ReturnCode.NOT_FOUND
