"""The OrderAdd hooks a cart overrides when it differs from the shared steps
(``bridge/orders.py``): ``list_price`` for a line given no price, ``order_rows`` for the
order's further rows once its id is known."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.bridge.orders import Line, OrderAdd, OrderDraft
from anycart.platforms.bridge.sqlkit import InsertId, Statement, Written


def _call(*items: dict[str, Any]) -> Call:
    return Call("order.add", {"order_status": "1", "customer_email": "a@example.com",
                              "order_item": [{"order_item_id": "7", "order_item_quantity": 2, **i} for i in items]})


class _Catalogue(OrderAdd):
    def list_price(self, line: Line) -> Any:
        return {7: "12.5"}.get(line.product_id)


def test_a_line_without_a_price_takes_the_list_price_the_cart_gives():
    d = _Catalogue().validate(_call({}, {"order_item_price": 3}))
    _Catalogue().price(d)
    assert [line.price for line in d.lines] == [12.5, 3.0]
    # the shared steps have no list price: the price is required
    plain = OrderAdd().validate(_call({}))
    with pytest.raises(ApiError) as err:
        OrderAdd().price(plain)
    assert err.value.code == ReturnCode.REQUIRED_PARAM_MISSING and "order_item_price" in err.value.message


class _Rows(OrderAdd):
    async def insert_order(self, conn: Any, d: OrderDraft) -> Statement:
        return Statement("INSERT INTO {p}orders (a) VALUES (?)", [1])

    async def order_rows(self, conn: Any, d: OrderDraft) -> None:
        d.batch.add(Statement("INSERT INTO {p}order_meta (order_id) VALUES (?)", [d.order]))


async def test_order_rows_come_right_after_the_order_and_name_its_id():
    seen: list[Statement] = []

    async def write(statements: list[Statement]) -> list[Written]:
        seen.extend(statements)
        return [Written(40 + n, 1) for n in range(len(statements))]

    result = await _Rows().run(SimpleNamespace(db=SimpleNamespace(write=write)),
                               _call({"order_item_price": 1}))
    assert result == {"order_id": "40", "id": "40"}
    assert [s.sql.split()[2] for s in seen] == ["{p}orders", "{p}order_meta"]
    assert seen[1].params == [InsertId(0)]
