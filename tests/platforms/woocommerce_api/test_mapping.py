"""WooCommerce's documented examples (``reference/platforms/woocommerce``, from
woocommerce-rest-api-docs) mapped into the unified model: every key the contract has a place
for lands there, every other key is kept in ``additional_fields`` (``_links`` aside: it only
points back at the API), nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from anycart.platforms.kit import fields as F
from anycart.platforms.woocommerce_api import entities as E
from anycart.platforms.woocommerce_api import mapping as M

REFERENCE = Path(__file__).resolve().parents[3] / ".." / "shared" / "reference" / "platforms" / "woocommerce"


def example(resource: str, section: str) -> dict[str, Any]:
    doc = json.loads((REFERENCE / f"{resource}.json").read_text())
    found = [e["json"] for e in doc["examples"] if e["section"] == section]
    assert found, (resource, section)
    return found[-1]


def unread(record: dict[str, Any], unified: dict[str, Any], entity: E.Entity) -> set[str]:
    """The example's keys neither read into a unified field nor kept as additional ones."""
    read = F.used_keys(entity.fields) | entity.consumed
    return {k for k in record if k not in read and k not in unified["additional_fields"]
            and k != "_links"}


def test_simple_product_example():
    p = example("products", "Retrieve a product")
    u = E.PRODUCT.to_unified(p)
    assert not unread(p, u, E.PRODUCT)
    assert (u["id"], u["name"], u["type"], u["price"]) == ("794", "Premium Quality", "simple", 21.99)
    assert u["description"].startswith("<p>Pellentesque") and u["short_description"]
    assert u["categories_ids"] == ["9", "14"] and u["seo_url"] == "premium-quality-19"
    assert u["url"] == "https://example.com/product/premium-quality-19/"
    assert u["create_at"]["value"] == "2017-03-23T20:01:14+0000"  # the _gmt date, in UTC
    assert u["avail_view"] is True and u["avail_sale"] is True and u["in_stock"] is True
    assert [i["type"] for i in u["images"]] == ["base", "additional"]
    first = p["images"][0]
    assert (u["images"][0]["id"], u["images"][0]["http_path"]) == (str(first["id"]), first["src"])
    assert u.get("special_price") is None  # no sale price
    # what the contract has no name for stays, with WooCommerce's own values
    extra = u["additional_fields"]
    for key in ("status", "catalog_visibility", "featured", "tax_status", "stock_status",
                "total_sales", "related_ids", "meta_data", "date_created", "price_html"):
        assert extra[key] == p[key], key


def test_variable_product_example_options():
    p = example("products", "Create a product")  # the second one: variable, with attributes
    assert p["type"] == "variable"
    u = E.PRODUCT.to_unified(p)
    assert not unread(p, u, E.PRODUCT)
    assert u["type"] == "configurable" and len(u["images"]) == len(p["images"])
    assert [o["name"] for o in u["product_options"]] == [a["name"] for a in p["attributes"]]
    color = u["product_options"][0]
    assert [v["name"] for v in color["option_items"]] == p["attributes"][0]["options"]
    assert color["used_in_combination"] is p["attributes"][0]["variation"]
    assert u["additional_fields"]["variations"] == p["variations"]


def test_variation_example():
    v = example("product-variations", "Retrieve a product variation")
    parent = {"id": 22, "attributes": [{"id": 6, "name": "Color", "options": ["Black", "Green"]}]}
    u = E.VARIATION.to_unified(v, {"parent": parent})
    assert not unread(v, u, E.VARIATION)
    assert (u["id"], u["parent_id"], u["default_price"]) == (str(v["id"]), "22", float(v["regular_price"]))
    assert u["combination"] == [{"option_id": "6", "option_value_id": v["attributes"][0]["option"],
                                 "additional_fields": {}, "custom_fields": {}}]
    assert u["images"][0]["http_path"] == v["image"]["src"]
    assert u["url"] == v["permalink"] and u["in_stock"] is True and u["manage_stock"] is False
    assert u["allow_backorders"] is False and u["avail_for_sale"] is True
    assert u["additional_fields"]["tax_status"] == v["tax_status"]


def test_customer_example_addresses():
    c = example("customers", "Retrieve a customer")
    u = E.CUSTOMER.to_unified(c)
    assert not unread(c, u, E.CUSTOMER)
    assert (u["id"], u["email"], u["first_name"], u["last_name"]) == ("25", "john.doe@example.com", "John", "Doe")
    assert u["phone"] == c["billing"]["phone"] and u["group"][0]["id"] == "customer"
    assert u["created_time"]["value"] == "2017-03-21T19:09:28+0000"
    book = {a["type"]: a for a in u["address_book"]}
    assert set(book) == {"billing", "shipping"}
    bill = book["billing"]
    assert (bill["address1"], bill["city"], bill["postcode"], bill["country"]["code2"],
            bill["state"]["code"]) == ("969 Market", "San Francisco", "94103", "US", "CA")
    assert u["additional_fields"]["username"] == "john.doe"
    assert u["additional_fields"]["billing_email"] == c["billing"]["email"]


def test_order_example_lines_totals_addresses():
    o = example("orders", "Retrieve an order")
    u = E.ORDER.to_unified(o)
    assert not unread(o, u, E.ORDER)
    assert (u["id"], u["order_id"], u["status"]["id"]) == ("727", "727", "processing")
    assert u["customer"]["id"] == "0" and u["customer"]["email"] == "john.doe@example.com"
    assert u["currency"]["iso3"] == "USD" and u["payment_method"]["name"] == "Direct Bank Transfer"
    assert u["shipping_method"]["name"] == "Flat Rate"
    assert u["totals"] == {"total": 29.35, "subtotal": 18.0, "shipping": 10.0, "tax": 1.35,
                           "discount": 0.0}
    lines = u["order_products"]
    assert [(li["product_id"], li["variant_id"], li["quantity"], li["price"], li["total_price"])
            for li in lines] == [("93", None, 2, 3, 6.0), ("22", "23", 1, 12, 12.0)]
    assert lines[1]["model"] == "Bar3" and lines[1]["additional_fields"]["meta_data"]
    assert u["billing_address"]["city"] == "San Francisco" and u["shipping_address"]["postcode"] == "94103"
    assert u["create_at"]["value"] == "2017-03-22T19:28:02+0000"
    for key in ("order_key", "tax_lines", "fee_lines", "coupon_lines", "refunds", "date_paid_gmt",
                "payment_method", "status", "cart_tax", "prices_include_tax"):
        assert u["additional_fields"][key] == o[key], key


def test_refund_example_as_return():
    r = example("order-refunds", "Retrieve a refund")
    line = {"id": 315, "name": "Woo Single #1", "product_id": 93, "variation_id": 0,
            "quantity": -1, "sku": "W1", "total": "-3.00"}
    u = M.return_({"id": 723, "customer_id": 25}, {**r, "line_items": [line], "reason": "Broken"})
    assert (u["id"], u["order_id"], u["customer_id"]) == ("726", "723", "25")
    assert u["created_at"] == r["date_created_gmt"] and u["comment"] == "Broken"
    assert u["order_products"][0]["quantity"] == 1 and u["order_products"][0]["sku"] == "W1"
    kept = u["additional_fields"]
    for key in ("amount", "refunded_by", "refunded_payment", "meta_data", "date_created"):
        assert kept[key] == r[key], key


def test_category_example():
    c = example("product-categories", "Retrieve a product category")
    u = E.CATEGORY.to_unified(c)
    assert not unread(c, u, E.CATEGORY)
    assert (u["id"], u["name"], u["parent_id"], u["seo_url"]) == ("9", "Clothing", "0", "clothing")
    assert u["images"][0]["http_path"] == c["image"]["src"]
    assert u["additional_fields"]["count"] == c["count"]


@pytest.mark.parametrize("resource,section", [("products", "Retrieve a product"),
                                              ("orders", "Retrieve an order"),
                                              ("customers", "Retrieve a customer")])
def test_pushed_record_is_the_unified_one(resource, section):
    """A webhook delivers the REST representation: the push reads it the same way."""
    record = example(resource, section)
    entity = {"products": "product", "orders": "order", "customers": "customer"}[resource]
    declared = {e.name: e for e in E.ENTITIES}[entity]
    assert E.PUSH.unified(entity, record) == declared.to_unified(record)


def test_order_add_body():
    body = E.ORDER.body({"order_status": "processing", "customer_email": "a@b.c", "bill_first_name": "A",
                         "bill_address_1": "1 St", "bill_city": "X", "shipp_city": "Y",
                         "order_item": [{"order_item_id": "93", "order_item_quantity": 2,
                                         "order_item_price": 3.5}],
                         "shipping_price": 4, "order_shipping_method": "Flat", "coupons": ["SAVE"]})
    assert body["billing"] == {"first_name": "A", "address_1": "1 St", "city": "X", "email": "a@b.c"}
    assert body["shipping"] == {"city": "Y"} and body["status"] == "processing"
    # an update takes none of the lines
    assert E.ORDER.body({"order_status": "completed"}) == {"status": "completed"}
    assert body["line_items"] == [{"product_id": 93, "quantity": 2, "subtotal": "7.00", "total": "7.00"}]
    assert body["shipping_lines"][0]["total"] == "4.00" and body["coupon_lines"] == [{"code": "SAVE"}]


def test_coupon_example():
    c = example("coupons", "Retrieve a coupon")
    u = M.coupon(c)
    read = {"id", "code", "amount", "discount_type", "description", "usage_count", "usage_limit",
            "usage_limit_per_user", "date_expires_gmt", "_links"}
    assert not {k for k in c if k not in read and k not in u["additional_fields"]}
    assert (u["id"], u["code"], u["avail"], u.get("date_end")) == ("719", "10off", True, None)
    assert u["actions"] == [{"type": "percent", "amount": 10.0, "scope": "order", "apply_to": "order_total"}]
    assert u["codes"][0]["used_times"] == 0
    assert u["additional_fields"]["minimum_amount"] == "100.00"
    assert u["additional_fields"]["individual_use"] is True
    assert not read & set(u["additional_fields"])  # what the coupon's fields read is not extra
    assert (u["used_times"], u["usage_limit"], u["usage_limit_per_customer"]) == (
        c["usage_count"], c["usage_limit"], c["usage_limit_per_user"])
    assert u["name"] == (c["description"] or c["code"]) and u["custom_fields"] == {}


def test_error_map_keeps_woocommerce_words():
    import httpx

    from anycart.platforms.woocommerce_api.client import ERRORS

    request = httpx.Request("DELETE", "https://shop.example/wp-json/wc/v3/customers/3")
    trash = ERRORS.error(httpx.Response(501, request=request, json={
        "code": "woocommerce_rest_trash_not_supported", "message": "Customers do not support trashing.",
        "data": {"status": 501}}))
    assert trash is not None and trash.code == 107
    assert trash.message == ("WooCommerce error message: Customers do not support trashing. "
                             "(woocommerce_rest_trash_not_supported) (HTTP 501).")
    route = ERRORS.error(httpx.Response(404, request=request, json={
        "code": "rest_no_route", "message": "No route was found matching the URL and request method.",
        "data": {"status": 404}}))
    assert route is not None and "(rest_no_route)" in route.message
    taken = ERRORS.error(httpx.Response(400, request=request, json={
        "code": "registration-error-email-exists", "message": "An account is already registered.",
        "data": {"status": 400}}))
    assert taken is not None and taken.code == 113
