"""What the shared order.add steps declare they read (``OrderAdd.reads``/``item_reads``), a
cart's applied set and nested keys built from it, and the name/value pairs of an item."""

from __future__ import annotations

from typing import Any, ClassVar

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import Nested
from anycart.platforms.base import Call
from anycart.platforms.bridge.orders import ITEM_PAIRS, OrderAdd


class _Recording(dict[str, Any]):
    """A mapping that notes every key read from it."""

    def __init__(self, data: dict[str, Any], seen: set[str]) -> None:
        super().__init__(data)
        self.seen = seen

    def get(self, key: str, default: Any = None) -> Any:
        self.seen.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.seen.add(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.seen.add(str(key))
        return super().__contains__(key)


def test_the_shared_steps_read_only_what_they_declare():
    seen: set[str] = set()
    item_seen: set[str] = set()
    item = _Recording({"order_item_id": "7", "order_item_quantity": 2, "order_item_price": 10,
                       "order_item_tax": 20, "order_item_price_includes_tax": True}, item_seen)
    params = _Recording({"order_status": "1", "customer_email": "a@example.com", "order_item": [item],
                         "prices_inc_tax": True, "subtotal_price": 30, "shipping_price": 5}, seen)
    steps = OrderAdd()
    d = steps.validate(Call("order.add", params))
    steps.price(d)
    totals = steps.totals(d)
    assert seen <= OrderAdd.reads and item_seen <= OrderAdd.item_reads
    assert {"order_status", "customer_email", "order_item", "prices_inc_tax"} <= seen
    assert round(d.lines[0].price, 4) == round(10 / 1.2, 4) and totals.shipping == 5


def test_a_carts_applied_set_and_item_keys_come_from_its_declaration():
    class Cart(OrderAdd):
        required = ("bill_city",)
        own = frozenset({"comment"})
        item_own: ClassVar[Nested] = {"order_item_name": None,
                                      "order_item_option": dict.fromkeys(ITEM_PAIRS["order_item_option"])}

    assert Cart.applied() == OrderAdd.reads | {"bill_city", "comment"}
    nested = Cart.nested()["order_item"]
    assert set(nested) == OrderAdd.item_reads | {"order_item_name", "order_item_option"}
    assert nested["order_item_option"] == {"order_item_option_name": None, "order_item_option_value": None}
    assert OrderAdd.applied() == OrderAdd.reads and "comment" not in OrderAdd.applied()


def test_pairs_are_stripped_named_and_checked():
    item = {"order_item_option": [{"order_item_option_name": " Size ", "order_item_option_value": " L "},
                                  {"order_item_option_value": "no name"},
                                  {"order_item_option_name": "Qty", "order_item_option_value": 0}]}
    assert OrderAdd.pairs(item, "order_item_option") == [("Size", "L"), ("Qty", "0")]
    assert OrderAdd.pairs({}, "order_item_property") == []
    for bad in ("Size", [{"order_item_property_name": "a"}, "b"]):
        with pytest.raises(ApiError) as err:
            OrderAdd.pairs({"order_item_property": bad}, "order_item_property")
        assert err.value.code == ReturnCode.INCORRECT_VALUE and "'order_item_property'" in err.value.message
