"""kit.shipments.left_to_ship: a cart that counts what each order line shipped refuses more,
in API2Cart's words (Bol/order/shipment.add/error-all-items-shipped: 113,
Bol/order/shipment.add/error-quantity-over-available: 107)."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.shipments import ALL_SHIPPED, left_to_ship

LINES = [{"id": "1", "ordered": 2, "shipped": 2}, {"id": "2", "ordered": 3, "shipped": 1}]


def picked(lines, items):
    return [(li["id"], q) for li, q in left_to_ship(lines, "id", "ordered", "shipped", items)]


def refused(lines, items) -> tuple[int, str]:
    with pytest.raises(ApiError) as err:
        left_to_ship(lines, "id", "ordered", "shipped", items)
    return int(err.value.code), err.value.message


def test_no_items_ship_what_each_line_has_left():
    assert picked(LINES, []) == [("2", 2.0)]


def test_items_ship_their_quantities_within_what_is_left():
    assert picked(LINES, [{"order_product_id": "2", "quantity": 2}]) == [("2", 2.0)]
    assert picked(LINES, [{"order_product_id": "2"}]) == [("2", 1.0)]  # one, by default


def test_more_than_a_line_has_left_is_107_in_api2carts_words():
    assert refused(LINES, [{"order_product_id": "2", "quantity": 5}]) == (
        107, "The specified quantity = 5 of order_product_id = 2 is larger than are available "
             "for the shipment. Available quantity for the shipment is 2.")
    assert refused(LINES, [{"order_product_id": "1", "quantity": 1}])[0] == 107


def test_an_order_with_nothing_left_is_113_whatever_the_items():
    done = [{**li, "shipped": li["ordered"]} for li in LINES]
    assert refused(done, []) == (113, ALL_SHIPPED)
    assert refused(done, [{"order_product_id": "1", "quantity": 1}]) == (113, ALL_SHIPPED)


def test_a_line_the_order_lacks_is_112_first():
    done = [{**li, "shipped": li["ordered"]} for li in LINES]
    assert refused(done, [{"order_product_id": "9", "quantity": 1}]) == (
        112, "Order product with id 9 not found")
