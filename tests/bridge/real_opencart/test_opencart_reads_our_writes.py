"""What AnyCart wrote, checked OpenCart's own way: the storefront renders the product, and
OpenCart's admin saves the product and the category with the values its form shows. A
missing ``seo_url`` row (4.x requires one keyword per store and language) or a value the
admin model cannot read fails here, not in our own reads."""

from __future__ import annotations

import html

from tests.bridge.real_opencart.admin import Admin, php_errors, storefront_product
from tests.bridge.real_opencart.conftest import ok

PRODUCT = {"name": "Anycart Tea Pot & Cup", "model": "AT-1", "sku": "AT-1", "price": 31.5,
           "description": "<p>Poured through the bridge</p>", "quantity": 7}


async def _product(env) -> str:
    category = ok(await env.call("category.list", {"count": 1, "params": "id"}))["category"][0]
    return ok(await env.call("product.add", body={
        **PRODUCT, "category_id": category["id"]}))["product_id"]


async def test_the_storefront_renders_a_product_anycart_added(env):
    pid = await _product(env)
    page = await storefront_product(env.cart_store, pid)
    assert page.status_code == 200
    assert html.escape(PRODUCT["name"], quote=False) in page.text, page.text[:2000]
    assert "Poured through the bridge" in page.text
    assert not php_errors(page.text), php_errors(page.text)


async def test_opencart_admin_saves_a_product_anycart_added(env):
    """Item 2 of issue 12 (oc_seo_url rows) is what 4.x's admin refuses here."""
    pid = await _product(env)
    async with Admin(env.cart_store) as admin:
        saved = await admin.save("product", pid)
    assert saved.ok, saved.message
    after = ok(await env.call("product.info", {"id": pid, "params": "id,name,price,quantity"}))
    assert (after["name"], after["price"], after["quantity"]) == (
        PRODUCT["name"], PRODUCT["price"], PRODUCT["quantity"])


async def test_opencart_admin_saves_a_category_anycart_added(env):
    cid = ok(await env.call("category.add", {"name": "Anycart Kitchen"}))["category_id"]
    async with Admin(env.cart_store) as admin:
        saved = await admin.save("category", cid)
    assert saved.ok, saved.message
    assert ok(await env.call("category.info", {"id": cid}))["name"] == "Anycart Kitchen"


async def test_the_admin_check_catches_a_missing_seo_url_row(env):
    """The check above can fail: without its ``seo_url`` row, 4.x's admin refuses the save
    (3.x makes the keyword optional)."""
    pid = await _product(env)
    column = "`key` = 'product_id' AND value" if env.cart_store.major >= 4 else "query"
    wanted = pid if env.cart_store.major >= 4 else f"product_id={pid}"
    assert env.sql(f"SELECT keyword FROM {{p}}seo_url WHERE {column} = %s", [wanted])
    env.sql(f"DELETE FROM {{p}}seo_url WHERE {column} = %s", [wanted])
    async with Admin(env.cart_store) as admin:
        saved = await admin.save("product", pid)
    if env.cart_store.major >= 4:
        assert not saved.ok and "SEO URL" in saved.message, saved.message
    else:
        assert saved.ok, saved.message
