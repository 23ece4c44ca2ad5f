"""BigCommerce's records read into the unified model, on the examples of BigCommerce's own
OpenAPI files (``reference/platforms/bigcommerce``): nothing written here, so the mapping
is checked against what BigCommerce says its answers look like."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from anycart.platforms.bigcommerce_api import entities as E
from anycart.platforms.bigcommerce_api import mapping as M
from tests.platforms.bigcommerce_api.bc_schema import REFERENCE


@cache
def _doc(name: str) -> dict[str, Any]:
    return json.loads((REFERENCE / name).read_text())


def example(name: str, *path: str) -> Any:
    """The (first) example at ``path`` of a reference file (``examples`` keep a ``value``)."""
    node: Any = _doc(name)
    for step in path:
        node = node[step]
    content = node["content"]["application/json"]
    if "example" in content:
        return content["example"]
    return next(iter(content["examples"].values()))["value"]


def test_a_product_example_reads_whole():
    raw = example("products_catalog.v3.json", "paths", "/catalog/products/{product_id}", "get",
                  "responses", "200")["data"]
    p = E.PRODUCT.to_unified(raw, {"brands": {"36": "Le Parfait"}})
    assert (p["id"], p["name"], p["price"], p["weight"]) == ("174", "1L Le Parfait Jar", 7.95, 1)
    assert p["categories_ids"] == ["23", "21"] and p["u_brand"] == "Le Parfait"
    assert p["u_brand_id"] == "36" and p["seo_url"] == "all/1l-le-parfait-jar"
    # untracked stock: in stock whatever the level; a visible, available product
    assert p["in_stock"] is True and p["manage_stock"] == "no" and p["quantity"] == 0
    assert p["avail_view"] is True and p["avail_sale"] is True
    assert "special_price" not in p  # a sale price of 0 is none
    assert not p.get("related_products_ids")  # -1: BigCommerce picks them itself
    assert p["create_at"]["value"] == "2018-08-15T14:48:46+0000"
    assert p["modified_at"]["value"] == "2018-09-05T20:42:07+0000"
    extra = p["additional_fields"]
    assert extra["retail_price"] == 10 and extra["search_keywords"] == "jar, glass"
    assert extra["base_variant_id"] == 345 and extra["condition"] == "New"


def test_a_sale_price_below_the_price_is_the_special_price():
    raw = {**example("products_catalog.v3.json", "paths", "/catalog/products/{product_id}", "get",
                     "responses", "200")["data"], "sale_price": 5.5, "inventory_tracking": "product"}
    p = E.PRODUCT.to_unified(raw, {})
    assert p["special_price"]["value"] == 5.5
    assert p["in_stock"] is False and p["manage_stock"] == "yes"  # tracked, none left


def test_variant_examples_read_as_child_items():
    listed = example("product-variants_catalog.v3.json", "paths",
                     "/catalog/products/{product_id}/variants", "get", "responses", "200")["data"]
    for raw in listed:
        c = E.VARIANT.to_unified(raw, {})
        assert c["id"] == str(raw["id"]) and c["parent_id"] == str(raw["product_id"])
        assert c["sku"] == raw["sku"] and c["default_price"] == raw.get("price")
        assert [x["option_value_id"] for x in c["combination"]] == [
            str(v["id"]) for v in raw["option_values"]]
        assert c["name"] == (" ".join(v["label"] for v in raw["option_values"]) or None)
        assert c["avail_for_sale"] is not raw["purchasing_disabled"]


def test_a_category_example_reads_whole():
    for raw in example("categories_catalog.v3.json", "paths", "/catalog/categories", "get",
                       "responses", "200")["data"]:
        c = E.CATEGORY.to_unified(raw, {})
        assert (c["id"], c["name"], c["parent_id"]) == (str(raw["id"]), raw["name"], str(raw["parent_id"]))
        assert c["avail"] is raw["is_visible"] and c["sort_order"] == raw["sort_order"]
        url = (raw.get("custom_url") or {}).get("url")
        assert c["seo_url"] == (url.strip("/") if url else None)


def test_a_customer_example_reads_with_its_address_book():
    [raw] = example("customers.v3.json", "components", "responses", "GetCustomerCollectionResponse")["data"]
    c = E.CUSTOMER.to_unified({**raw, "id": 7}, {})
    assert (c["email"], c["first_name"], c["last_name"], c["company"], c["phone"]) == (
        "jane.smith@example.com", "Jane", "Smith", "Acme Corp", "555-123-4567")
    assert c["group"] == [] and c["news_letter_subscription"] is True  # group 0 is none
    [book] = c["address_book"]
    assert (book["address1"], book["type"], book["first_name"]) == ("Addr1", "residential", "Jane")
    assert c["additional_fields"]["notes"] == "Preferred customer"
    assert c["additional_fields"]["store_credit_amounts"] == [{"amount": 43.15}]


def test_an_order_example_reads_with_its_lines_and_status_name():
    raw = example("orders.v2.oas2.json", "components", "responses", "order_Resp")
    lines = example("orders.v2.oas2.json", "components", "responses", "orderProductsCollection_Resp")
    o = E.ORDER.to_unified({**raw, "_lines": lines, "_ship_to": []}, {"statuses": {"7": "Awaiting Payment"}})
    assert (o["id"], o["order_id"]) == ("218", "218")
    assert o["status"] == {"id": "7", "name": "Awaiting Payment"}
    assert o["totals"] == {"total": 69.84, "subtotal": 62.6793, "shipping": 12.0, "tax": 5.31,
                           "discount": 5.0}
    assert o["customer"]["id"] == "11" and o["customer"]["email"] == "janedoe@example.com"
    bill = o["billing_address"]
    assert (bill["address1"], bill["city"], bill["postcode"]) == ("555 East Street", "Austin", "78108")
    assert bill["country"]["code2"] == "US" and bill["state"]["name"] == "Texas"
    assert o["currency"]["iso3"] == "USD" and o["payment_method"]["name"] == "Cash"
    assert o["create_at"]["value"] == "2019-03-05T21:40:11+0000"  # RFC 2822 read
    first = o["order_products"][0]
    assert (first["order_product_id"], first["product_id"], first["model"]) == ("65", "77", "S-ORAN")
    assert (first["price"], first["price_inc_tax"], first["tax_value"]) == (55.99, 65.23, 9.24)
    assert first["tax_percent"] == pytest.approx(16.5, abs=0.01)
    assert len(o["order_products"]) == len(lines)


def test_shipment_bodies_take_one_tracking_number():
    body = M.shipment_body({"tracking_numbers": [{"carrier_id": "ups", "tracking_number": "1Z"}],
                            "shipping_method": "Ground", "admin_comment": "boxed"})
    assert body == {"tracking_number": "1Z", "tracking_carrier": "ups", "shipping_method": "Ground",
                    "comments": "boxed"}
    with pytest.raises(Exception, match="tracking_numbers"):
        M.shipment_body({"tracking_numbers": [{"tracking_number": "A"}, {"tracking_number": "B"}]})


def test_variant_attributes_take_the_products_option_ids():
    product = {"options": [{"id": 5, "display_name": "Color", "option_values": [
        {"id": 51, "label": "Red"}, {"id": 52, "label": "Blue"}]}]}
    named = M.option_values([{"attribute_name": "color", "attribute_value": "BLUE"}], product)
    assert named == [{"option_display_name": "color", "label": "BLUE", "id": 52, "option_id": 5}]
    with pytest.raises(Exception, match="Green"):
        M.option_values([{"attribute_name": "Color", "attribute_value": "Green"}], product)
