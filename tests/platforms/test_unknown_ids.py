"""An id that names nothing is 112 in API2Cart's words, whatever the call does with it
(docs/conformance.md, "lookups"): the drivers' own gaps found replaying the recordings."""

from __future__ import annotations

from tests.platforms.test_params_audit import magento, prestashop_api, shopify  # noqa: F401


async def test_shopify_deleting_an_unknown_product_is_112(shopify):
    gone = await shopify.call("product.delete", {"id": "1000"})
    assert (gone["return_code"], gone["return_message"]) == (
        112, "Product with id 1000 not found"), gone


async def test_magento_an_order_id_that_is_no_number_names_no_order(magento):
    for method in ("order.shipment.list", "return.list"):
        r = await magento.call(method, {"order_id": "99-99999-99999"})
        assert (r["return_code"], r["return_message"]) == (
            112, "Order with id 99-99999-99999 not found"), (method, r)


async def test_prestashop_a_product_filter_naming_no_category_is_112_in_its_name(prestashop_api):
    for name in ("categories_ids", "category_id"):
        r = await prestashop_api.call("product.list", {name: "999999"})
        assert (r["return_code"], r["return_message"]) == (
            112, f"Category with {name} 999999 not found"), r
