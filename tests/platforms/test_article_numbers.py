"""A UPC or an EAN is a GTIN (GTIN-12, GTIN-13): Shift4Shop's ``GTIN``, Shopify's variant
``barcode`` and WooCommerce's ``global_unique_id`` hold either, so ``product.add`` writes
``upc`` / ``ean`` there instead of refusing them (kit ``GTIN_PARAMS``); two of them with
different values are one field written twice, 109 naming the second."""

from __future__ import annotations

import pytest

from tests.platforms.test_params_audit import s4s, shopify, woocommerce  # noqa: F401

UPC = "012345678905"


async def _written(env, name: str) -> None:
    body = {"name": "Dog bed", "model": f"GTIN-{name}", "sku": f"GTIN-{name}", "price": 3,
            "description": "d", name: UPC}
    added = await env.call("product.add", body=body)
    assert added["return_code"] == 0, added
    info = await env.call("product.info", {"id": added["result"]["product_id"],
                                           "params": "force_all"})
    assert info["result"]["u_gtin"] == UPC, info
    twice = await env.call("product.add", body={**body, "model": "GTIN-2", "sku": "GTIN-2",
                                                "gtin": "4006381333931"})
    assert twice["return_code"] == 109 and f"'{name}'" in twice["return_message"], twice


@pytest.mark.parametrize("name", ["upc", "ean"])
async def test_shift4shop_writes_an_article_number_to_its_gtin(s4s, name):
    await _written(s4s, name)


@pytest.mark.parametrize("name", ["upc", "ean"])
async def test_shopify_writes_an_article_number_to_the_barcode(shopify, name):
    await _written(shopify, name)


@pytest.mark.parametrize("name", ["upc", "ean"])
async def test_woocommerce_writes_an_article_number_to_its_gtin(woocommerce, name):
    await _written(woocommerce, name)
