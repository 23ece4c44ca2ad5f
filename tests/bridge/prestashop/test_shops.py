"""A second shop in its own shop group (multistore): customers added in it carry its group,
as Customer::add (``id_shop_group`` from the shop) and validateOrder's guest write it."""

from __future__ import annotations

import pytest

from .conftest import call, rows

BILL = {"bill_first_name": "Multi", "bill_last_name": "Store", "bill_address_1": "2 Branch St",
        "bill_city": "Lyon", "bill_postcode": "69001", "bill_country": "FR"}


@pytest.fixture
def second_shop(raw):
    with raw.cursor() as cur:
        cur.execute("INSERT INTO ps_shop_group (id_shop_group, name, color, share_customer,"
                    " share_order, share_stock, active, deleted) VALUES (2, 'Europe', '', 0, 0, 0, 1, 0)")
        cur.execute("INSERT INTO ps_shop (id_shop, id_shop_group, name, color, id_category,"
                    " theme_name, active, deleted) VALUES (2, 2, 'Second Shop', '', 2, 'classic', 1, 0)")
    raw.commit()
    yield 2


async def test_a_customer_added_in_a_shop_is_in_its_shop_group(ps, raw, second_shop):
    added = await call(ps, "customer.add", email="branch@example.test", first_name="Bo",
                       last_name="Branch", store_id=str(second_shop))
    assert rows(raw, "SELECT id_shop, id_shop_group FROM {p}customer WHERE id_customer = %s",
                int(added["customer_id"])) == [(2, 2)]
    order = await call(ps, "order.add", customer_email="guest@example.test", order_status="2",
                       store_id=str(second_shop), order_item=[{"order_item_id": "4"}], **BILL)
    assert rows(raw, "SELECT c.id_shop, c.id_shop_group, o.id_shop_group FROM {p}orders o JOIN"
                     " {p}customer c ON c.id_customer = o.id_customer WHERE o.id_order = %s",
                int(order["order_id"])) == [(2, 2, 2)]
