"""Issue 12 item 7: addresses and codes filled as the cart itself fills them: absolute image
paths, the product page URL (plain or SEO), an order's store_url and method codes."""

from __future__ import annotations

import base64
import io
import json

from PIL import Image

from anycart.platforms.bridge.sqlkit import Statement
from anycart.platforms.opencart.storefront import Storefront

from .conftest import run
from .test_driver import call


def _png() -> str:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


def test_product_url_and_images_are_absolute(oc):
    v4 = oc.version.startswith("4")
    product = call(oc, "product.info", {"id": "20"})
    lang = "&language=en-gb" if v4 else ""
    assert product["url"] == f"https://shop.example/index.php?route=product/product{lang}&product_id=20"
    assert product["images"][0]["http_path"] == "https://shop.example/image/catalog/product/20.jpg"
    call(oc, "product.image.add", {"product_id": "20", "type": "additional", "image_name": "dot.png",
                                   "content": _png()})
    paths = [i["http_path"] for i in call(oc, "product.info", {"id": "20"})["images"]]
    assert "https://shop.example/image/catalog/anycart/dot.png" in paths
    category = call(oc, "category.info", {"id": "101"})
    assert category["images"][0]["http_path"] == "https://shop.example/image/catalog/category/101.jpg"


def test_product_url_with_seo_urls_on(oc):
    v4 = oc.version.startswith("4")
    rows = [Statement("INSERT INTO {p}setting (store_id, code, `key`, value, serialized) VALUES "
                      "(0, 'config', 'config_seo_url', '1', 0)")]
    if v4:  # the installer's language and route rows (install/opencart.sql)
        rows.append(Statement("INSERT INTO {p}seo_url (store_id, language_id, `key`, value, keyword, "
                              "sort_order) VALUES (0, 1, 'language', 'en-gb', 'en-gb', -2), "
                              "(0, 1, 'route', 'product/product', 'product', -1)"))
    run(oc.db.write(rows))
    try:
        url = call(oc, "product.info", {"id": "20"})["url"]
        assert url == ("https://shop.example/en-gb/product/product-20" if v4
                       else "https://shop.example/product-20")
    finally:
        run(oc.db.write([Statement("DELETE FROM {p}setting WHERE `key` = 'config_seo_url'"),
                         *([Statement("DELETE FROM {p}seo_url WHERE `key` IN ('language', 'route')")]
                           if v4 else [])]))


def test_storefront_rewrite_keeps_what_has_no_keyword():
    front = Storefront("https://shop.example/oc/", seo=True, language="de-de")
    assert front.product("7", "kettle") == "https://shop.example/oc/kettle?route=product/product&language=de-de"
    assert front.product("7", None) == "https://shop.example/oc/index.php?route=product/product&language=de-de&product_id=7"
    assert Storefront("https://shop.example/", seo=True).product("7", None) == (
        "https://shop.example/index.php?route=product/product&product_id=7")


def _order(oc, payment, shipping):
    oid = call(oc, "order.add", {
        "order_status": "Pending", "customer_email": "codes@example.com", "is_guest": True,
        "bill_first_name": "A", "bill_last_name": "B", "bill_address_1": "1 St", "bill_city": "Austin",
        "bill_postcode": "73301", "bill_country": "US", "bill_state": "TX",
        "order_payment_method": payment, "order_shipping_method": shipping, "shipping_price": 5,
        "order_item": [{"order_item_id": "3", "order_item_quantity": 1, "order_item_price": 2}]})["order_id"]
    return run(oc.db.select("SELECT * FROM `{p}order` WHERE order_id = ?", [int(oid)]))[0]


def test_order_store_url_and_method_codes(oc):
    v4 = oc.version.startswith("4")
    row = _order(oc, "cod", "Flat Shipping Rate")
    assert row["store_url"] == "https://shop.example/"
    if v4:
        assert json.loads(row["payment_method"])["code"] == "cod.cod"
        assert json.loads(row["shipping_method"])["code"] == "flat.flat"
    else:
        assert (row["payment_code"], row["shipping_code"]) == ("cod", "flat.flat")
    # A method no installed extension provides: a code of its name, as extension codes read.
    row = _order(oc, "PayPal Express", "weight.weight_5")
    if v4:
        assert json.loads(row["payment_method"])["code"] == "paypal_express.paypal_express"
        assert json.loads(row["shipping_method"])["code"] == "weight.weight_5"
    else:
        assert (row["payment_code"], row["shipping_code"]) == ("paypal_express", "weight.weight_5")
