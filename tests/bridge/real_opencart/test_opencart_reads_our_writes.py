"""What AnyCart wrote, checked OpenCart's own way: the storefront renders the product, and
OpenCart's admin saves the product and the category with the values its form shows. A
missing ``seo_url`` row (4.x requires one keyword per store and language) or a value the
admin model cannot read fails here, not in our own reads."""

from __future__ import annotations

import base64
import html
import io
import re

from PIL import Image

from tests.bridge.real_opencart.admin import Admin, php_errors, storefront
from tests.bridge.real_opencart.conftest import ok, order_body

PRODUCT = {"name": "Anycart Tea Pot & Cup", "model": "AT-1", "sku": "AT-1", "price": 31.5,
           "description": "<p>Poured through the bridge</p>", "quantity": 7}


async def _product(env, category_id: str | None = None) -> str:
    if category_id is None:
        category_id = ok(await env.call("category.list", {"count": 1, "params": "id"}))[
            "category"][0]["id"]
    return ok(await env.call("product.add", body={
        **PRODUCT, "category_id": category_id}))["product_id"]


def _renders(page) -> str:
    assert page.status_code == 200
    assert not php_errors(page.text), php_errors(page.text)
    return page.text


async def test_the_storefront_renders_a_product_anycart_added(env):
    cid = ok(await env.call("category.add", {"name": "Anycart Teaware"}))["category_id"]
    pid = await _product(env, cid)
    shown = html.escape(PRODUCT["name"], quote=False)
    product = _renders(await storefront(env.cart_store, "product/product", product_id=pid))
    assert shown in product and "Poured through the bridge" in product, product[:2000]
    listing = _renders(await storefront(env.cart_store, "product/category", path=cid))
    assert "Anycart Teaware" in listing and shown in listing, listing[:2000]
    found = _renders(await storefront(env.cart_store, "product/search", search="Tea Pot"))
    assert shown in found


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


async def test_opencart_admin_shows_an_order_anycart_added(env):
    statuses = ok(await env.call("order.status.list"))["cart_order_statuses"]
    oid = ok(await env.call("order.add", body=order_body(
        "admin.view@example.com", statuses[0]["id"], 1)))["order_id"]
    async with Admin(env.cart_store) as admin:
        page = await admin.page("sale/order.info", order_id=oid)
    assert "admin.view@example.com" in page and "iPhone" in page


def _png(color: str) -> str:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), color).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode()


async def test_the_storefront_resizes_images_anycart_added(env):
    """OpenCart's storefront resizes product images with GD into image/cache/: the file is
    where OpenCart looks for it, and readable."""
    pid = await _product(env)
    for kind, name, color in (("base", "teapot.png", "teal"),
                              ("additional", "teapot-side.png", "orange")):
        ok(await env.call("product.image.add", body={
            "product_id": pid, "type": kind, "image_name": name, "content": _png(color)}))
    page = _renders(await storefront(env.cart_store, "product/product", product_id=pid))
    cache = env.cart_store.root / "image" / "cache" / "catalog" / "anycart"
    for stem in ("teapot", "teapot-side"):
        resized = sorted(p.name for p in cache.glob(f"{stem}-*")
                         if re.fullmatch(rf"{stem}-\d+x\d+\.\w+", p.name))
        assert resized, f"OpenCart made no thumbnail of {stem}.png"
        assert any(f"catalog/anycart/{name}" in page for name in resized), page[:3000]
