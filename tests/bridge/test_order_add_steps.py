"""The shared order.add steps added for every cart (``bridge/orders.py``): the stock check
over what the lines take together, and the 404 of a line whose product is missing, the
quantity a line without one takes."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.bridge.orders import Line, OrderAdd


def _draft(*items: dict, behaviour: str = "decrement_obeying_policy"):
    return OrderAdd().validate(Call("order.add", {
        "order_status": "1", "customer_email": "a@example.com", "inventory_behaviour": behaviour,
        "order_item": [{"order_item_quantity": 1, "order_item_price": 1, **i} for i in items]}))


def _takes(stock: dict[int, int]):
    def takes(line: Line):
        yield "product", line.product_id, stock[line.product_id]
    return takes


def test_stock_is_checked_over_all_lines_together():
    d = _draft({"order_item_id": "7", "order_item_quantity": 2}, {"order_item_id": "7", "order_item_quantity": 2},
               {"order_item_id": "8"})
    OrderAdd.refuse_short(d, _takes({7: 4, 8: 1}))  # exactly enough
    with pytest.raises(ApiError) as err:
        OrderAdd.refuse_short(d, _takes({7: 3, 8: 5}))
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    assert err.value.message == ("Parameter 'order_item' is not valid: product 7 has 3 in stock, the order "
                                 "takes 4 (inventory_behaviour=decrement_obeying_policy; the store does "
                                 "not sell without stock).")
    OrderAdd.refuse_short(d, lambda line: ())  # nothing stocked: nothing to refuse


def test_a_line_whose_product_is_missing_is_404_naming_its_item():
    d = _draft({"order_item_id": "7"}, {"order_item_id": " 9 "})
    OrderAdd.need_products(d, {7, 9})
    with pytest.raises(ApiError) as err:
        OrderAdd.need_products(d, {7})
    assert err.value.code == ReturnCode.NOT_FOUND and "9" in err.value.message


class _OneByDefault(OrderAdd):
    quantity = 1


@pytest.mark.parametrize("given", [None, ""])
def test_a_line_without_quantity_takes_the_carts_default_else_is_refused(given):
    item = {"order_item_id": "7", "order_item_quantity": given}
    assert _OneByDefault.line(item).quantity == 1
    with pytest.raises(ApiError) as err:
        OrderAdd.line(item)  # no default declared: required
    assert err.value.code == ReturnCode.REQUIRED_PARAM_MISSING and "order_item_quantity" in err.value.message
    with pytest.raises(ApiError) as err:  # a quantity given is checked, never replaced
        _OneByDefault.line({**item, "order_item_quantity": 0})
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "order_item_quantity" in err.value.message
