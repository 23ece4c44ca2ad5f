"""order.add on the shared OrderAdd steps, as PrestaShop records it: line taxes reach the
order's totals, a line without quantity is one unit, the shared validation refuses what
the cart cannot store, and nothing is written before every check passed."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode

from .conftest import call, rows

BILL = {"bill_first_name": "Tax", "bill_last_name": "Payer", "bill_address_1": "3 Ledger Rd",
        "bill_city": "Austin", "bill_postcode": "78701", "bill_country": "US"}


async def test_line_taxes_reach_the_totals_and_a_line_without_quantity_is_one(ps, raw):
    added = await call(ps, "order.add", customer_email="tax@example.test", order_status="2",
                       order_item=[{"order_item_id": "4", "order_item_price": 10.0,
                                    "order_item_tax": 20}], shipping_price=5, **BILL)
    oid = int(added["order_id"])
    (excl, incl, products, products_wt), = rows(
        raw, "SELECT total_paid_tax_excl, total_paid_tax_incl, total_products, total_products_wt"
             " FROM {p}orders WHERE id_order = %s", oid)
    assert (float(excl), float(incl), float(products), float(products_wt)) == (15.0, 17.0, 10.0, 12.0)
    (qty, unit_incl, line_incl), = rows(
        raw, "SELECT product_quantity, unit_price_tax_incl, total_price_tax_incl FROM"
             " {p}order_detail WHERE id_order = %s", oid)
    assert (qty, float(unit_incl), float(line_incl)) == (1, 12.0, 12.0)
    assert added["customer_id"] == str(rows(raw, "SELECT id_customer FROM {p}orders WHERE"
                                                 " id_order = %s", oid)[0][0])


@pytest.mark.parametrize("item,extra,name", [
    ({"order_item_id": "4", "order_item_quantity": 1.5}, {}, "order_item_quantity"),
    ({"order_item_id": "4", "order_item_price": -1}, {}, "order_item_price"),
    ({"order_item_id": "4"}, {"inventory_behaviour": "decrement_obeying_policy"}, "inventory_behaviour"),
    ({"order_item_id": "4"}, {"bill_country": "Atlantis"}, "bill_country"),
    ({"order_item_id": "4"}, {"total_paid": "lots"}, "total_paid"),
    ({"order_item_id": "4"}, {"total_paid": "-4"}, "total_paid"),
    ({"order_item_id": "4", "order_item_weight": "heavy"}, {}, "order_item_weight"),
])
async def test_what_the_steps_refuse_writes_nothing(ps, raw, item, extra, name):
    before = rows(raw, "SELECT COUNT(*) FROM {p}orders")[0][0]
    with pytest.raises(ApiError) as err:
        await call(ps, "order.add", customer_email="refused@example.test", order_status="2",
                   order_item=[item], **{**BILL, **extra})
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message
    assert rows(raw, "SELECT COUNT(*) FROM {p}orders")[0][0] == before
    assert rows(raw, "SELECT COUNT(*) FROM {p}customer WHERE email = 'refused@example.test'") == [(0,)]


@pytest.mark.parametrize("status,valid", [("2", 1), ("1", 0)])
async def test_an_added_order_is_valid_as_its_first_status_is_logable(ps, raw, status, valid):
    """validateOrder's first OrderHistory::changeIdOrderState sets ``valid`` from the status's
    ``logable``, as order.update does; its payment keeps the currency's conversion rate."""
    added = await call(ps, "order.add", customer_email="valid@example.test", order_status=status,
                       currency="EUR", order_item=[{"order_item_id": "4", "order_item_price": 10.0}],
                       **BILL)
    oid = int(added["order_id"])
    assert rows(raw, "SELECT valid FROM {p}orders WHERE id_order = %s", oid) == [(valid,)]
    info = await call(ps, "order.info", order_id=str(oid))
    assert info["additional_fields"]["valid"] == valid
    payments = rows(raw, "SELECT p.conversion_rate FROM {p}order_payment p JOIN {p}orders o"
                         " ON o.reference = p.order_reference WHERE o.id_order = %s", oid)
    assert [float(r[0]) for r in payments] == ([0.92] if valid else [])


async def test_the_tax_on_shipping_is_the_shippings_not_the_products(ps, raw):
    """``shipping_tax`` goes to the shipping with tax (and the carrier's rate), as
    validateOrder keeps it: the products with tax are the products' alone."""
    added = await call(ps, "order.add", customer_email="ship-tax@example.test", order_status="2",
                       order_item=[{"order_item_id": "4", "order_item_price": 10.0,
                                    "order_item_tax": 20}], shipping_price=5, shipping_tax=1, **BILL)
    oid = int(added["order_id"])
    found = rows(raw, "SELECT total_products_wt, total_shipping, total_shipping_tax_incl,"
                      " total_shipping_tax_excl, carrier_tax_rate, total_paid_tax_incl,"
                      " total_paid_tax_excl FROM {p}orders WHERE id_order = %s", oid)
    assert [float(v) for v in found[0]] == [12.0, 6.0, 6.0, 5.0, 20.0, 18.0, 15.0]
    assert [tuple(map(float, r)) for r in rows(
        raw, "SELECT shipping_cost_tax_excl, shipping_cost_tax_incl FROM {p}order_carrier"
             " WHERE id_order = %s", oid)] == [(5.0, 6.0)]
    info = await call(ps, "order.info", order_id=str(oid))
    assert (info["totals"]["shipping"], info["totals"]["total"], info["totals"]["tax"]) == (6.0, 18.0, 3.0)
