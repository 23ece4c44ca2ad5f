"""Issue 12 on WooCommerce: parameters applied or refused (item 4), sale windows, storefront
links and payment gateways as WooCommerce itself writes them (item 7)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from anycart.errors import ApiError, ReturnCode

from .test_catalog import call


def meta(raw, post_id: int) -> dict[str, str]:
    with raw.cursor() as cur:
        cur.execute("SELECT meta_key, meta_value FROM wp_postmeta WHERE post_id = %s", (post_id,))
        return dict(cur.fetchall())


def stamp(text: str) -> str:
    return str(int(datetime.fromisoformat(text).replace(tzinfo=timezone.utc).timestamp()))


@pytest.mark.parametrize("method,params,name", [
    ("product.add", {"name": "X", "price": 1, "tier_prices": [{"price": 1}]}, "tier_prices"),
    ("product.add", {"name": "X", "price": 1, "cost_price": 0.5}, "cost_price"),
    ("product.update", {"id": "1", "meta_title": "Hello"}, "meta_title"),
    ("product.update", {"id": "1", "mpn": "M-1"}, "mpn"),
    ("customer.add", {"email": "n@example.test", "birth_day": "1990-01-01"}, "birth_day"),
    ("customer.update", {"id": "2", "note": "vip"}, "note"),
    ("category.add", {"name": "C", "meta_title": "T"}, "meta_title"),
    ("category.update", {"id": "1", "avail": False}, "avail"),
    ("order.update", {"order_id": "1", "order_payment_method": "cod"}, "order_payment_method"),
])
async def test_parameters_it_cannot_store_are_refused_by_name(woo, method, params, name):
    with pytest.raises(ApiError) as err:
        await call(woo, method, **params)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message


async def test_sale_price_window_is_written_and_decides_the_price(woo, raw):
    # sprice_create / sprice_expire were accepted and dropped: the sale ran forever.
    added = await call(woo, "product.add", name="Window Mug", price=20, special_price=15,
                       sprice_create="2030-01-01T00:00:00+00:00", sprice_expire="2030-02-01T00:00:00+00:00")
    pid = int(added["product_id"])
    m = meta(raw, pid)
    assert m["_sale_price"] == "15" and m["_sale_price_dates_from"] == stamp("2030-01-01T00:00:00")
    assert m["_sale_price_dates_to"] == stamp("2030-02-01T00:00:00")
    assert m["_price"] == "20"  # the sale has not started: WooCommerce charges the regular price
    info = await call(woo, "product.info", id=str(pid))
    assert info["special_price"]["value"] == 15 and info["special_price"]["avail"] is False
    assert info["on_sale"] is False
    await call(woo, "product.update", id=str(pid), sprice_create="2020-01-01T00:00:00+00:00")
    assert meta(raw, pid)["_price"] == "15"
    assert (await call(woo, "product.info", id=str(pid)))["on_sale"] is True
    await call(woo, "product.update", id=str(pid), special_price=0)
    m = meta(raw, pid)
    assert (m["_sale_price"], m["_sale_price_dates_from"], m["_price"]) == ("", "", "20")
    with pytest.raises(ApiError) as err:
        await call(woo, "product.update", id=str(pid), sprice_expire="2031-01-01T00:00:00+00:00")
    assert "sprice_expire" in err.value.message
    await call(woo, "product.delete", id=str(pid))


async def test_product_url_is_the_permalink(woo, raw):
    added = await call(woo, "product.add", name="Link Lamp", price=5)
    pid = int(added["product_id"])
    info = await call(woo, "product.info", id=str(pid))
    assert info["url"] == "https://shop.example.com/product/link-lamp/"
    draft = await call(woo, "product.add", name="Draft Lamp", price=5, status="draft")
    assert (await call(woo, "product.info", id=draft["product_id"]))["url"] == (
        f"https://shop.example.com/?post_type=product&p={draft['product_id']}")
    for ident in (pid, int(draft["product_id"])):
        await call(woo, "product.delete", id=str(ident))


def test_plain_and_category_permalinks():
    from anycart.platforms.woocommerce.mapping import product_url

    row = {"ID": 7, "post_name": "lamp", "post_status": "publish"}
    assert product_url(row, {"site": "https://s.test", "permalink_structure": ""}) == "https://s.test/?product=lamp"
    assert product_url(row, {"site": "https://s.test", "home": "https://s.test/shop",
                             "permalink_structure": "/%postname%/", "product_base": "/store/%product_cat%/",
                             "category_slug": "lights"}) == "https://s.test/shop/store/lights/lamp/"


async def test_order_add_uses_the_installed_gateway(woo, raw):
    bill = {"bill_first_name": "Ann", "bill_last_name": "Lee", "bill_address_1": "1 Way",
            "bill_city": "Austin", "bill_postcode": "73301", "bill_country": "US", "bill_state": "TX"}
    (product,), = [(r["id"],) for r in (await call(woo, "product.list", 0, 1)).items]
    added = await call(woo, "order.add", customer_email="ann@example.test", order_status="processing",
                       order_payment_method="Cash on delivery", transaction_id="T-9",
                       order_item=[{"order_item_id": product, "order_item_quantity": 1,
                                    "order_item_price": 3}], **bill)
    m = meta(raw, int(added["order_id"]))
    assert (m["_payment_method"], m["_payment_method_title"], m["_transaction_id"]) == (
        "cod", "Cash on delivery", "T-9")
    other = await call(woo, "order.add", customer_email="ann@example.test", order_status="processing",
                       order_payment_method="Stripe Card", order_item=[{"order_item_id": product}], **bill)
    m = meta(raw, int(other["order_id"]))
    assert (m["_payment_method"], m["_payment_method_title"]) == ("stripe_card", "Stripe Card")
