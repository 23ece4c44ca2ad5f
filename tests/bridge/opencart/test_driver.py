"""The OpenCart driver against real OpenCart tables (3.0.x and 4.0.x) in MariaDB."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.model import (
    Category,
    Child,
    Customer,
    Order,
    Product,
    ProductOption,
    Return,
    Shipment,
)
from anycart.platforms.base import Call

from ..images import PNG
from .conftest import run

INJECTION = "x'); DROP TABLE oc_product; --"
SHORT_INJECTION = "x');DROP TABLE oc_c;--"


def call(conn, method, params=None, start=0, count=10):
    return run(getattr(conn, method.replace(".", "_"))(Call(method, params or {}, start=start, count=count)))


def code_of(conn, method, params=None):
    with pytest.raises(ApiError) as err:
        call(conn, method, params)
    return err.value.code


def test_store_info(oc):
    info = run(oc.store_info({}))
    assert info == {"name": "Your Store", "email": "owner@example.com",
                    "currency": {"id": "2", "iso3": "USD"}}


def test_product_list_paging_and_total(oc):
    first = call(oc, "product.list", start=0, count=5)
    second = call(oc, "product.list", start=5, count=5)
    assert first.total == second.total == 300
    ids = [p["id"] for p in first.items + second.items]
    assert ids == [str(i) for i in range(1, 11)]
    for item in first.items:
        Product.model_validate(item)


def test_product_filters(oc):
    assert call(oc, "product.list", {"product_ids": "3,5,999"}).total == 2
    assert call(oc, "product.count", {"sku": "SKU-000042"}) == {"products_count": 1}
    late = call(oc, "product.list", {"modified_from": "2025-06-01 00:00:00"}, count=300)
    assert late.total == len(late.items) > 0
    assert all(p["modified_at"]["value"] >= "2025-06-01" for p in late.items)
    desc = call(oc, "product.list", {"sort_by": "price", "sort_direction": "desc"}, count=3)
    prices = [p["price"] for p in desc.items]
    assert prices == sorted(prices, reverse=True)
    cat = call(oc, "product.list", {"category_id": "101"}, count=300)
    assert all("101" in p["categories_ids"] for p in cat.items)


def test_bad_params(oc):
    assert code_of(oc, "product.list", {"sort_by": "color"}) == ReturnCode.INCORRECT_VALUE
    assert code_of(oc, "product.list", {"product_ids": "1,x"}) == ReturnCode.INCORRECT_VALUE
    assert code_of(oc, "product.list", {"modified_from": "yesterday-ish"}) == ReturnCode.INCORRECT_VALUE
    assert code_of(oc, "product.info", {}) == ReturnCode.REQUIRED_PARAM_MISSING
    assert code_of(oc, "product.info", {"id": "99999"}) == ReturnCode.NOT_FOUND
    assert code_of(oc, "product.info", {"id": "abc"}) == ReturnCode.NOT_FOUND
    assert code_of(oc, "category.info", {"id": "99999"}) == ReturnCode.NOT_FOUND
    assert code_of(oc, "customer.info", {"id": "99999"}) == ReturnCode.NOT_FOUND
    assert code_of(oc, "order.info", {"order_id": "99999"}) == ReturnCode.NOT_FOUND
    assert code_of(oc, "order.update", {"order_id": "1", "order_status": "Teleported"}) == ReturnCode.INCORRECT_VALUE


def test_product_info_with_options_and_images(oc):
    product = call(oc, "product.info", {"id": "20"})  # every 10th product has Size and Color
    Product.model_validate(product)
    names = [o["name"] for o in product["product_options"]]
    assert names == ["Size", "Color"]
    assert [v["name"] for v in product["product_options"][0]["option_items"]] == ["Small", "Medium", "Large"]
    assert product["images"][0]["type"] == "base"
    assert product["images"][0]["http_path"] == "https://shop.example/image/catalog/product/20.jpg"
    assert len(product["images"]) == 1 + 20 % 3
    assert product["seo_url"] == "product-20"
    options = call(oc, "product.option.list", {"product_id": "20"})
    assert options.total == 2
    ProductOption.model_validate(options.items[0])


def test_child_items(oc):
    page = call(oc, "product.child_item.list", {"product_id": "20"})
    assert page.total == 3 if oc.version.startswith("4") else page.total == 6
    for child in page.items:
        Child.model_validate(child)
        assert child["parent_id"] == "20"
    one = call(oc, "product.child_item.info", {"product_id": "20", "id": page.items[0]["id"]})
    assert one["id"] == page.items[0]["id"]
    assert code_of(oc, "product.child_item.info",
                   {"product_id": "21", "id": page.items[0]["id"]}) == ReturnCode.NOT_FOUND


def test_product_add_info_update_delete(oc):
    added = call(oc, "product.add", {"name": "Tea & Cake", "model": "TC-1", "description": "<b>hot</b>",
                                     "price": 9.5, "sku": "TC-SKU", "quantity": 4,
                                     "categories_ids": "101,102", "seo_url": "tea-cake"})
    pid = added["product_id"]
    product = call(oc, "product.info", {"id": pid})
    assert (product["name"], product["u_sku"], product["price"], product["quantity"]) == (
        "Tea & Cake", "TC-SKU", 9.5, 4.0)
    assert product["categories_ids"] == ["101", "102"] and product["seo_url"] == "tea-cake"
    assert product["description"] == "<b>hot</b>"
    assert call(oc, "product.update", {"id": pid, "price": 11, "increase_quantity": 3,
                                       "categories_ids": "103", "name": "Tea"}) == {"updated_items": 1}
    product = call(oc, "product.info", {"id": pid})
    assert (product["price"], product["quantity"], product["categories_ids"], product["name"]) == (
        11.0, 7.0, ["103"], "Tea")
    assert code_of(oc, "product.update", {"id": pid}) == ReturnCode.UPDATE_PARAMS_MISSING
    # a stock change is a number not below 0 (not a 500 for junk)
    for bad in ({"increase_quantity": "lots"}, {"reduce_quantity": -2}):
        assert code_of(oc, "product.update", {"id": pid, **bad}) == ReturnCode.INCORRECT_VALUE
    assert call(oc, "product.update", {"id": pid, "reduce_quantity": 2})["updated_items"] == 1
    assert call(oc, "product.info", {"id": pid})["quantity"] == 5.0
    assert call(oc, "product.delete", {"id": pid}) == {"delete_items": 1}
    assert code_of(oc, "product.info", {"id": pid}) == ReturnCode.NOT_FOUND
    assert code_of(oc, "product.delete", {"id": pid}) == ReturnCode.NOT_FOUND


def test_product_image_add_delete(oc):
    image = call(oc, "product.image.add", {"product_id": "2", "type": "additional", "image_name": "a b.png",
                                           "content": PNG, "position": 3})
    assert image["image_path"] == "catalog/anycart/a_b.png"
    assert (oc.root / "image/catalog/anycart/a_b.png").read_bytes().startswith(b"\x89PNG")
    product = call(oc, "product.info", {"id": "2"})
    assert any(i["id"] == image["id"] for i in product["images"])
    assert call(oc, "product.image.delete", {"product_id": "2", "id": image["id"]}) == {"deleted": "true"}
    assert code_of(oc, "product.image.delete", {"product_id": "2", "id": image["id"]}) == ReturnCode.NOT_FOUND
    # the main image: the product row's column (its modification time with it)
    before = call(oc, "product.info", {"id": "2"})["modified_at"]
    main = call(oc, "product.image.add", {"product_id": "2", "type": "thumbnail", "image_name": "m.png",
                                          "content": PNG})
    assert main == {"id": "0", "image_path": "catalog/anycart/m.png"}
    after = call(oc, "product.info", {"id": "2"})
    assert after["images"][0]["http_path"].endswith("/image/catalog/anycart/m.png")
    assert after["modified_at"]["value"] >= before["value"]
    assert code_of(oc, "product.image.add", {"product_id": "2", "type": "banner", "image_name": "x.png",
                                             "content": PNG}) == ReturnCode.INCORRECT_VALUE
    # a position that is no number is 109, before any file is written (not a 500 after)
    assert code_of(oc, "product.image.add", {"product_id": "2", "type": "additional", "image_name": "p.png",
                                             "content": PNG, "position": "first"}) == ReturnCode.INCORRECT_VALUE
    assert not (oc.root / "image/catalog/anycart/p.png").exists()


def test_injection_is_stored_as_data(oc):
    pid = call(oc, "product.add", {"name": INJECTION, "model": INJECTION, "description": "d", "price": 1})["product_id"]
    product = call(oc, "product.info", {"id": pid})
    assert product["name"] == INJECTION and product["u_model"] == INJECTION
    assert call(oc, "product.find", {"find_value": INJECTION})["product"][0]["id"] == pid
    assert call(oc, "product.count", {})["products_count"] >= 300


def test_write_is_atomic(oc):
    before = call(oc, "category.count", {"avail": None})["categories_count"]
    with pytest.raises(ApiError):
        # The description insert fails (name too long for varchar(255) in strict mode) after
        # the category row went in: the whole write must be rolled back.
        call(oc, "category.add", {"name": "n" * 300})
    assert call(oc, "category.count", {"avail": None})["categories_count"] == before


def test_categories(oc):
    page = call(oc, "category.list", {"parent_id": "101", "avail": True})
    assert page.total == 3
    Category.model_validate(page.items[0])
    cid = call(oc, "category.add", {"name": "Gadgets", "parent_id": "101", "seo_url": "gadgets"})["category_id"]
    info = call(oc, "category.info", {"id": cid})
    assert (info["name"], info["parent_id"], info["seo_url"]) == ("Gadgets", "101", "gadgets")
    sub = call(oc, "category.add", {"name": "Tiny Gadgets", "parent_id": cid})["category_id"]
    assert call(oc, "category.update", {"id": cid, "parent_id": "105", "name": "Gizmos"}) == {"updated_items": 1}
    path = run(oc.db.select("SELECT path_id FROM {p}category_path WHERE category_id = ? ORDER BY level", [int(sub)]))
    assert [r["path_id"] for r in path] == [105, int(cid), int(sub)]
    assert call(oc, "category.find", {"find_value": "Gizmos"})["category"][0]["id"] == cid
    call(oc, "category.assign", {"category_id": cid, "product_id": "1"})
    assert cid in call(oc, "product.info", {"id": "1"})["categories_ids"]
    call(oc, "category.unassign", {"category_id": cid, "product_id": "1"})
    assert cid not in call(oc, "product.info", {"id": "1"})["categories_ids"]
    assert call(oc, "category.delete", {"id": cid}) == {"delete_items": True}
    assert code_of(oc, "category.info", {"id": sub}) == ReturnCode.NOT_FOUND


def test_customers(oc):
    page = call(oc, "customer.list", {"avail": None, "sort_by": "id"}, count=5)
    assert page.total == 60 and [c["id"] for c in page.items] == ["1", "2", "3", "4", "5"]
    customer = Customer.model_validate(page.items[0])
    assert customer.address_book and customer.address_book[0].country.code2 == "US"
    assert customer.address_book[0].default is True
    cid = call(oc, "customer.add", {"email": "new@example.com", "first_name": "Ann", "last_name": SHORT_INJECTION,
                                    "address": [{"address_book_address1": "1 Road", "address_book_city": "Austin",
                                                 "address_book_country": "US", "address_book_state": "TX",
                                                 "address_book_postcode": "73301"}]})["customer_id"]
    info = call(oc, "customer.info", {"id": cid})
    assert info["last_name"] == SHORT_INJECTION and info["address_book"][0]["state"]["code"] == "TX"
    assert info["address_book"][0]["default"] is True
    assert code_of(oc, "customer.add", {"email": "NEW@example.com"}) == ReturnCode.ALREADY_EXISTS
    assert code_of(oc, "customer.add", {"email": "no-at-sign"}) == ReturnCode.INCORRECT_VALUE
    assert code_of(oc, "customer.update", {"id": cid, "email": "x" * 91 + "@b.com"}) == ReturnCode.INCORRECT_VALUE
    assert call(oc, "customer.update", {"id": cid, "first_name": "Anna", "group_id": "2"}) == {"updated_items": 1}
    # an e-mail is the customer's own to keep, another's in any case is 113
    other = call(oc, "customer.add", {"email": "other@example.com"})["customer_id"]
    with pytest.raises(ApiError) as err:
        call(oc, "customer.update", {"id": other, "email": "New@Example.com"})
    assert err.value.code == ReturnCode.ALREADY_EXISTS
    assert err.value.message == "Customer with email New@Example.com already exists"
    assert call(oc, "customer.update", {"id": cid, "email": "NEW@example.com"}) == {"updated_items": 1}
    assert call(oc, "customer.find", {"find_value": "new@example.com"})["customer"][0]["first_name"] == "Anna"
    aid = call(oc, "customer.address.add", {"customer_id": cid, "address1": "2 Lane", "city": "Berlin",
                                            "country": "DEU", "postcode": "10115", "default": True})["id"]
    book = call(oc, "customer.info", {"id": cid})["address_book"]
    assert [a["default"] for a in book if a["id"] == aid] == [True]
    assert code_of(oc, "customer.address.add", {"customer_id": cid, "address1": "x", "city": "y",
                                                "country": "Atlantis", "postcode": "1"}) == ReturnCode.INCORRECT_VALUE
    assert call(oc, "customer.delete", {"id": cid}) == {"delete_items": 1}
    groups = call(oc, "customer.group.list")
    assert [g["name"] for g in groups.items] == ["Default", "Wholesale"]


def test_orders(oc):
    page = call(oc, "order.list", {}, count=5)
    assert page.total == 80
    order = Order.model_validate(page.items[0])
    assert order.order_products and order.totals.total is not None and order.status.name
    assert order.billing_address.country.code2 == "US"
    assert order.payment_method.name == "Cash On Delivery"
    shipped = call(oc, "order.list", {"order_status": "Shipped"}, count=100)
    assert all(o["status"]["name"] == "Shipped" for o in shipped.items)
    assert call(oc, "order.count", {"order_status": "Shipped"}) == {"orders_count": shipped.total}
    # statuses by name or id; order_status_ids a comma list of them, order_status one
    both = call(oc, "order.list", {"order_status_ids": "Shipped, 5"}, count=100)
    assert {o["status"]["name"] for o in both.items} == {"Shipped", "Complete"}
    assert both.total == shipped.total + call(oc, "order.count", {"order_status": "5"})["orders_count"]
    for params in ({"order_status": "Shipped,5"}, {"order_status_ids": "Shipped,Lost"}):
        with pytest.raises(ApiError) as err:
            call(oc, "order.list", params)
        assert err.value.code == ReturnCode.INCORRECT_VALUE and "order.status.list" in err.value.message
    assert code_of(oc, "order.update", {"order_id": "1", "comment": "a", "admin_comment": "b"}) \
        == ReturnCode.INCORRECT_VALUE
    assert call(oc, "order.update", {"order_id": "1", "order_status": "Complete",
                                     "comment": "done"}) == {"updated_items": 1}
    info = call(oc, "order.info", {"order_id": "1"})
    assert info["status"]["name"] == "Complete"
    recent = call(oc, "order.list", {"modified_from": info["modified_at"]["value"]}, count=100)
    assert "1" in [o["id"] for o in recent.items]
    statuses = call(oc, "order.status.list")["cart_order_statuses"]
    assert {"id": "5", "name": "Complete"} in statuses


def test_shipments(oc):
    if oc.version.startswith("4"):
        assert code_of(oc, "order.shipment.list", {}) == ReturnCode.METHOD_NOT_SUPPORTED
        return
    page = call(oc, "order.shipment.list", {})
    assert page.total > 0
    Shipment.model_validate(page.items[0])
    sid = call(oc, "order.shipment.add", {"order_id": "2", "tracking_numbers": [
        {"carrier_id": "ups", "tracking_number": "1ZTEST"}]})["shipment_id"]
    info = call(oc, "order.shipment.info", {"id": sid, "order_id": "2"})
    # one number and one carrier per shipment: more, or a second carrier, would be dropped
    for params in ({"tracking_numbers": [{"tracking_number": "A"}, {"tracking_number": "B"}]},
                   {"tracking_numbers": [{"carrier_id": "ups", "tracking_number": "A"}], "shipment_provider": "dhl"},
                   {"tracking_numbers": ["A"]}):
        assert code_of(oc, "order.shipment.add", {"order_id": "2", **params}) == ReturnCode.INCORRECT_VALUE
    assert code_of(oc, "order.shipment.tracking.add", {"shipment_id": sid, "tracking_number": "1Z",
                                                       "carrier_id": "ups", "tracking_provider": "dhl"}) \
        == ReturnCode.INCORRECT_VALUE
    assert info["shipment_provider"] == "UPS" and info["tracking_numbers"][0]["tracking_number"] == "1ZTEST"
    call(oc, "order.shipment.tracking.add", {"shipment_id": sid, "tracking_number": "1ZNEW"})
    assert call(oc, "order.shipment.info", {"id": sid})["tracking_numbers"][0]["tracking_number"] == "1ZNEW"


def test_returns(oc):
    page = call(oc, "return.list", {}, count=3)
    assert page.total == call(oc, "return.count", {})["returns_count"] > 0
    ret = Return.model_validate(page.items[0])
    assert ret.status.name and ret.order_products[0].reason.name
    assert call(oc, "return.info", {"id": ret.id})["id"] == ret.id
    assert code_of(oc, "return.info", {"id": "9999"}) == ReturnCode.NOT_FOUND
    assert [s["name"] for s in call(oc, "return.status.list")["return_statuses"]] == [
        "Pending", "Awaiting Products", "Complete"]


def test_seed_is_fast_for_the_benchmark(mariadb):
    import time

    from anycart.platforms.opencart.seed import apply_schema, load
    name = mariadb.create_database("ocbench")
    try:
        with mariadb.connect(name) as conn:
            apply_schema(conn, "oc_")
            started = time.monotonic()
            load(conn, "oc_", products=10_000, customers=500, orders=500)
            assert time.monotonic() - started < 10
    finally:
        mariadb.drop_database(name)
