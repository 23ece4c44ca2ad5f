"""Values the cart cannot store are 109 naming the parameter, before anything is written
(not a crash of the driver): a category's ``sort_order`` that is no whole number, a
shipment's ``weight`` that is no number."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode

from .conftest import call, rows


@pytest.mark.parametrize("method,params,name,table", [
    ("category.add", {"name": "Misplaced", "sort_order": "first"}, "sort_order", "category"),
    ("order.shipment.add", {"order_id": "3", "weight": "heavy"}, "weight", "order_carrier"),
    ("order.shipment.add", {"order_id": "3", "weight": "-2"}, "weight", "order_carrier"),
])
async def test_a_value_the_cart_cannot_store_is_109(ps, raw, method, params, name, table):
    before = rows(raw, f"SELECT COUNT(*) FROM {{p}}{table}")
    with pytest.raises(ApiError) as err:
        await call(ps, method, **params)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message
    assert rows(raw, f"SELECT COUNT(*) FROM {{p}}{table}") == before


async def test_a_whole_sort_order_and_a_weight_are_written(ps, raw):
    added = await call(ps, "category.add", name="Placed", sort_order="4")
    assert rows(raw, "SELECT position FROM {p}category WHERE id_category = %s",
                int(added["category_id"])) == [(4,)]
    new = (await call(ps, "order.shipment.add", order_id="3", weight="2.5"))["shipment_id"]
    assert rows(raw, "SELECT weight FROM {p}order_carrier WHERE id_order_carrier = %s",
                int(new))[0][0] == 2.5
