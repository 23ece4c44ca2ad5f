"""What PrestaShop's values mean, read alike by the bridge driver (table rows: ints, Decimals)
and the webservice (records: text): product type and availability, a combination's name,
price, weight and cost, an order's totals (plain ones where the webservice leaves the taxed
ones out), and the image path."""

from __future__ import annotations

from decimal import Decimal

from anycart.platforms.prestashop_values import (
    child_cost,
    child_name,
    for_sale,
    image_path,
    on,
    order_totals,
    product_type,
    viewable,
    with_impact,
)


def test_flags_from_rows_and_records():
    assert [on(v) for v in (1, "1", True, "true", 0, "0", None, "")] == [True] * 4 + [False] * 4


def test_product_type_and_availability():
    assert product_type(True, "1") == "configurable"
    assert (product_type(False, 1), product_type(False, "0")) == ("virtual", "simple")
    assert viewable(1, "both") and viewable("1", None) and viewable("1", "search")
    assert not viewable("1", "none") and not viewable("0", "both")
    assert for_sale(1, "1") and not for_sale(1, 0) and not for_sale(None, 1)


def test_a_combination_from_its_product():
    assert child_name("Shirt", ["Red", None, "XL"]) == "Shirt - Red, XL"
    assert (child_name("Shirt", []), child_name("", []), child_name(None, ["S"])) == ("Shirt", None, " - S")
    assert with_impact("10.100000", "0.200000") == 10.3 and with_impact(Decimal("5"), None) == 5.0
    assert child_cost("3.5", "9") == 3.5
    assert (child_cost("0.000000", "9"), child_cost(None, Decimal("2")), child_cost(0, None)) == (9.0, 2.0, None)


def test_order_totals_taxed_else_plain():
    row = {"total_paid_tax_incl": Decimal("25.0"), "total_paid_tax_excl": Decimal("20.0"),
           "total_products": Decimal("18"), "total_shipping_tax_incl": Decimal("7"),
           "total_discounts_tax_incl": Decimal("0")}
    t = order_totals(row)
    assert (t.total, t.subtotal, t.shipping, t.tax, t.discount) == (25.0, 18.0, 7.0, 5.0, 0.0)
    record = {"total_paid_tax_incl": "0.000000", "total_paid": "12.500000", "total_paid_tax_excl": "10",
              "total_shipping": "2.000000"}
    t = order_totals(record)
    assert (t.total, t.subtotal, t.shipping, t.tax, t.discount) == (12.5, None, 2.0, 2.5, None)


def test_image_path():
    assert image_path(123) == "img/p/1/2/3/123.jpg"
