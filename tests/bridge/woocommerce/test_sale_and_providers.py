"""A variation's ``on_sale`` read as WooCommerce decides it, and a listed shipment provider
stored by the Shipment Tracking extension's slug (session 34 fixes)."""

from __future__ import annotations

import pytest

from anycart.platforms.bridge.phpserial import loads

from .test_catalog import call


@pytest.fixture(params=["legacy", "hpos"])
def shop(request, woo, woo_hpos):
    return woo if request.param == "legacy" else woo_hpos


def _set_meta(raw, post_id: int, values: dict[str, str]) -> None:
    with raw.cursor() as cur:
        for key, value in values.items():
            cur.execute("UPDATE wp_postmeta SET meta_value = %s WHERE post_id = %s AND meta_key = %s",
                        (value, post_id, key))
            if not cur.rowcount:
                cur.execute("INSERT INTO wp_postmeta (post_id, meta_key, meta_value) VALUES (%s, %s, %s)",
                            (post_id, key, value))


async def test_variation_on_sale_is_the_sale_window_and_price(woo, raw):
    # a variation with any sale price read on_sale true, even past its window or above its price
    variable = (await call(woo, "product.list", 0, 1, type="variable")).items[0]
    child = (await call(woo, "product.child_item.list", 0, 1, product_id=variable["id"])).items[0]
    vid, regular = int(child["id"]), child["default_price"]
    info = {"product_id": variable["id"], "id": child["id"]}
    try:
        _set_meta(raw, vid, {"_sale_price": str(regular - 1), "_sale_price_dates_from": "",
                             "_sale_price_dates_to": "946684800"})  # ended on 2000-01-01
        assert (await call(woo, "product.child_item.info", **info))["on_sale"] is False
        _set_meta(raw, vid, {"_sale_price": str(regular + 1), "_sale_price_dates_to": ""})
        assert (await call(woo, "product.child_item.info", **info))["on_sale"] is False
        _set_meta(raw, vid, {"_sale_price": str(regular - 1)})
        assert (await call(woo, "product.child_item.info", **info))["on_sale"] is True
    finally:
        _set_meta(raw, vid, {"_sale_price": "", "_sale_price_dates_to": "", "_sale_price_dates_from": ""})


async def test_listed_provider_is_stored_by_its_slug(shop):
    # "Royal Mail" was known to be listed but stored as "royal mail", a slug the extension has not
    oid = (await call(shop, "order.list", 0, 1)).items[0]["id"]
    sid = (await call(shop, "order.shipment.add", order_id=oid, tracking_provider="Royal Mail",
                      tracking_numbers=[{"tracking_number": "RM1"}]))["shipment_id"]
    orders = await shop.order(oid)
    table, owner = orders[0].meta_table, orders[0].meta_owner
    rows = await shop.db.select(f"SELECT meta_value FROM {{p}}{table} WHERE {owner} = ? AND meta_key = ?",
                                [int(oid), "_wc_shipment_tracking_items"])
    stored = next(i for i in loads(rows[0]["meta_value"]).values() if i["tracking_id"] == sid)
    assert (stored["tracking_provider"], stored["custom_tracking_provider"]) == ("royal-mail", "")
    info = await call(shop, "order.shipment.info", order_id=oid, id=sid)
    assert info["shipment_provider"] == "royal-mail"


async def test_shipment_add_carrier_id_is_its_provider(shop):
    # order.shipment.add applied carrier_id and dropped it: the shipment had no provider
    oid = (await call(shop, "order.list", 0, 1)).items[0]["id"]
    sid = (await call(shop, "order.shipment.add", order_id=oid, carrier_id="UPS",
                      tracking_numbers=[{"tracking_number": "1ZC"}]))["shipment_id"]
    info = await call(shop, "order.shipment.info", order_id=oid, id=sid)
    assert (info["shipment_provider"], info["tracking_numbers"]) == (
        "ups", [{"carrier_id": "ups", "tracking_number": "1ZC"}])


def _place(raw, uid: str) -> tuple:
    with raw.cursor() as cur:
        cur.execute("SELECT city, state, postcode, country FROM wp_wc_customer_lookup WHERE user_id = %s", (uid,))
        return cur.fetchone()


async def test_a_new_billing_address_moves_the_customer_lookup_place(woo, raw):
    # WooCommerce Analytics copies the billing city, state, postcode and country to the lookup
    # row on every customer save; customer.update and customer.address.add left the old place
    cid = (await call(woo, "customer.add", email="place@example.test", first_name="P",
                      address=[{"type": "billing", "address1": "1 Elm", "city": "Austin", "state": "TX",
                                "postcode": "73301", "country": "US"}]))["customer_id"]
    try:
        assert _place(raw, cid) == ("Austin", "TX", "73301", "US")
        await call(woo, "customer.update", id=cid, address=[{"type": "billing", "address1": "2 Rue",
                                                             "city": "Lyon", "postcode": "69001", "country": "FR"}])
        assert _place(raw, cid) == ("Lyon", "TX", "69001", "FR")
        await call(woo, "customer.address.add", customer_id=cid, types="shipping", address1="3 Rd", city="Oslo",
                   postcode="0150", country="NO")
        assert _place(raw, cid) == ("Lyon", "TX", "69001", "FR")  # a shipping address is not the place
        await call(woo, "customer.address.add", customer_id=cid, types="billing", address1="4 Rd", city="Bergen",
                   postcode="5003", country="NO", state="")
        assert _place(raw, cid) == ("Bergen", "", "5003", "NO")
    finally:
        await call(woo, "customer.delete", id=cid)


@pytest.mark.parametrize("name", ["avail_sale", "avail_view"])
async def test_product_avail_filters_pick_what_the_products_read(woo, name):
    # avail_sale filtered on the stock alone and avail_view on the status alone, while a product
    # reads avail_sale as published and in stock, avail_view as published and not hidden
    every = (await call(woo, "product.list", 0, 250)).items
    hidden = await call(woo, "product.add", name="Hidden Hat", price=3, visible="hidden")
    every.append(await call(woo, "product.info", id=hidden["product_id"]))
    try:
        for flag in (True, False):
            picked = await call(woo, "product.list", 0, 250, **{name: flag})
            assert sorted(p["id"] for p in picked.items) == sorted(p["id"] for p in every if p[name] is flag)
            assert picked.total == (await call(woo, "product.count", **{name: flag}))["products_count"]
        assert {p[name] for p in every} == {True, False}
    finally:
        await call(woo, "product.delete", id=hidden["product_id"])


async def test_a_return_reads_its_order_s_customer(shop):
    # return.list filtered by customer_id, but every return read customer_id None
    page = await call(shop, "return.list", 0, 50)
    for r in page.items:
        buyer = (await call(shop, "order.info", id=r["order_id"]))["customer"]["id"]
        assert r["customer_id"] == (None if buyer == "0" else buyer)
        assert (await call(shop, "return.info", id=r["id"]))["customer_id"] == r["customer_id"]
    assert any(r["customer_id"] for r in page.items)
