"""Issue 12 on WooCommerce: parameters applied or refused (item 4), sale windows, storefront
links and payment gateways as WooCommerce itself writes them (item 7)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.woocommerce import mapping as M

from .test_catalog import call


def meta(raw, post_id: int) -> dict[str, str]:
    with raw.cursor() as cur:
        cur.execute("SELECT meta_key, meta_value FROM wp_postmeta WHERE post_id = %s", (post_id,))
        return dict(cur.fetchall())


def stamp(text: str) -> str:
    return str(int(datetime.fromisoformat(text).replace(tzinfo=UTC).timestamp()))


@pytest.mark.parametrize("method,params,name", [
    ("product.add", {"name": "X", "price": 1, "tier_prices": [{"price": 1}]}, "tier_prices"),
    ("product.add", {"name": "X", "price": 1, "cost_price": 0.5}, "cost_price"),
    ("product.update", {"id": "1", "meta_title": "Hello"}, "meta_title"),
    ("product.update", {"id": "1", "mpn": "M-1"}, "mpn"),
    ("product.update", {"id": "1", "upc": "012345678905", "ean": "4006381333931"}, "upc"),
    ("product.add", {"name": "X", "price": 1, "sku": "A-1", "model": "B-1"}, "model"),
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
    # the lowest-id category's slug is hydrated into the row
    assert product_url({**row, "_category_slug": "lights"}, {
        "site": "https://s.test", "home": "https://s.test/shop", "permalink_structure": "/%postname%/",
        "product_base": "/store/%product_cat%/"}) == "https://s.test/shop/store/lights/lamp/"


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


def shipping_line(raw, order_id: int) -> tuple[str, dict[str, str]]:
    (item, name), = q(raw, "SELECT order_item_id, order_item_name FROM wp_woocommerce_order_items"
                           " WHERE order_id = %s AND order_item_type = 'shipping'", order_id)
    return name, dict(q(raw, "SELECT meta_key, meta_value FROM wp_woocommerce_order_itemmeta"
                             " WHERE order_item_id = %s", item))


async def test_order_add_ships_with_the_zone_method_it_names(woo, raw):
    # Issue 12 item 7: the shipping line's method_id/instance_id are the zone method's.
    bill = {"bill_first_name": "Ann", "bill_last_name": "Lee", "bill_address_1": "1 Way",
            "bill_city": "Austin", "bill_postcode": "73301", "bill_country": "US", "bill_state": "TX"}
    product = (await call(woo, "product.list", 0, 1)).items[0]["id"]
    added = await call(woo, "order.add", customer_email="ann@example.test", order_status="processing",
                       order_shipping_method="flat rate", shipping_price=5,
                       order_item=[{"order_item_id": product}], **bill)
    name, item = shipping_line(raw, int(added["order_id"]))
    assert (name, item["method_id"], item["instance_id"]) == ("Flat rate", "flat_rate", "1")
    other = await call(woo, "order.add", customer_email="ann@example.test", order_status="processing",
                       order_shipping_method="Drone Drop", shipping_price=5,
                       order_item=[{"order_item_id": product}], **bill)
    name, item = shipping_line(raw, int(other["order_id"]))
    assert (name, item["method_id"], item["instance_id"]) == ("Drone Drop", "drone_drop", "0")


def test_a_made_up_method_id_keeps_any_script():
    """As sanitize_title does, letters of any script stay; nothing left is ``other``."""
    assert [M.method_id(n) for n in ("Flat rate", "Café Crème", "Доставка курьером", "!!")] == [
        "flat_rate", "café_crème", "доставка_курьером", "other"]


def q(raw, sql: str, *args):
    with raw.cursor() as cur:
        cur.execute(sql, args)
        return list(cur.fetchall())


def run(raw, *statements):
    with raw.cursor() as cur:
        for sql, args in statements:
            cur.execute(sql, args)
    raw.commit()


async def test_product_delete_removes_what_wp_delete_post_removes(woo, raw):
    # Issue 12 item 5: reviews, revisions, variations' rows and lookups were left behind.
    (pid,), = q(raw, "SELECT post_parent FROM wp_posts WHERE post_type = 'product_variation'"
                     " ORDER BY post_parent DESC LIMIT 1")
    variations = [r[0] for r in q(raw, "SELECT ID FROM wp_posts WHERE post_parent = %s AND"
                                       " post_type = 'product_variation'", pid)]
    now = "2025-01-01 00:00:00"
    run(raw,
        ("INSERT INTO wp_comments (comment_post_ID, comment_author, comment_date, comment_date_gmt,"
         " comment_content, comment_type) VALUES (%s, 'Ann', %s, %s, 'Great', 'review')", (pid, now, now)),
        ("INSERT INTO wp_commentmeta (comment_id, meta_key, meta_value) SELECT MAX(comment_ID),"
         " 'rating', '5' FROM wp_comments", ()),
        ("INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title,"
         " post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt,"
         " post_content_filtered, post_parent, guid, post_type) VALUES (1, %s, %s, '', 'rev', '',"
         " 'inherit', 'rev', '', '', %s, %s, '', %s, '', 'revision')", (now, now, now, now, pid)),
        ("INSERT INTO wp_posts (post_author, post_date, post_date_gmt, post_content, post_title,"
         " post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt,"
         " post_content_filtered, post_parent, guid, post_type, post_mime_type) VALUES (1, %s, %s, '',"
         " 'photo', '', 'inherit', 'photo-x', '', '', %s, %s, '', %s, '', 'attachment', 'image/png')",
         (now, now, now, now, pid)),
        ("INSERT INTO wp_wc_product_attributes_lookup VALUES (%s, %s, 'pa_color', 1, 1, 1)", (variations[0], pid)))
    (revision,), = q(raw, "SELECT ID FROM wp_posts WHERE post_type = 'revision' AND post_parent = %s", pid)
    (photo,), = q(raw, "SELECT ID FROM wp_posts WHERE post_name = 'photo-x'")

    await call(woo, "product.delete", id=str(pid))

    every = [pid, *variations, revision]
    marks = ", ".join(["%s"] * len(every))
    assert q(raw, f"SELECT COUNT(*) FROM wp_posts WHERE ID IN ({marks})", *every) == [(0,)]
    assert q(raw, f"SELECT COUNT(*) FROM wp_postmeta WHERE post_id IN ({marks})", *every) == [(0,)]
    assert q(raw, f"SELECT COUNT(*) FROM wp_term_relationships WHERE object_id IN ({marks})", *every) == [(0,)]
    assert q(raw, "SELECT COUNT(*) FROM wp_comments WHERE comment_post_ID = %s", pid) == [(0,)]
    assert q(raw, "SELECT COUNT(*) FROM wp_commentmeta cm LEFT JOIN wp_comments c ON"
                  " c.comment_ID = cm.comment_id WHERE c.comment_ID IS NULL") == [(0,)]
    assert q(raw, f"SELECT COUNT(*) FROM wp_wc_product_meta_lookup WHERE product_id IN ({marks})", *every) == [(0,)]
    assert q(raw, "SELECT COUNT(*) FROM wp_wc_product_attributes_lookup WHERE product_or_parent_id = %s", pid) == [(0,)]
    assert q(raw, "SELECT post_parent FROM wp_posts WHERE ID = %s", photo) == [(0,)]  # unattached, kept


@pytest.mark.parametrize("storage", ["woo", "woo_hpos"])
async def test_customer_delete_sets_its_orders_to_guest(storage, request, mariadb):
    conn = request.getfixturevalue(storage)
    database = request.getfixturevalue("woo_hpos_db" if storage == "woo_hpos" else "woo_db")
    with mariadb.connect(database) as raw:
        hpos = storage == "woo_hpos"
        sql = ("SELECT customer_id, COUNT(*) FROM wp_wc_orders WHERE customer_id > 0 GROUP BY customer_id"
               if hpos else "SELECT meta_value, COUNT(*) FROM wp_postmeta WHERE meta_key = '_customer_user'"
               " AND meta_value > 0 GROUP BY meta_value")
        (uid, orders), = q(raw, sql + " ORDER BY 2 DESC LIMIT 1")
        await call(conn, "customer.delete", id=str(uid))
        assert q(raw, "SELECT COUNT(*) FROM wp_users WHERE ID = %s", uid) == [(0,)]
        assert q(raw, "SELECT COUNT(*) FROM wp_usermeta WHERE user_id = %s", uid) == [(0,)]
        assert q(raw, "SELECT COUNT(*) FROM wp_wc_customer_lookup WHERE user_id = %s", uid) == [(0,)]
        if hpos:
            assert q(raw, "SELECT COUNT(*) FROM wp_wc_orders WHERE customer_id = %s", uid) == [(0,)]
        else:
            assert q(raw, "SELECT COUNT(*) FROM wp_postmeta WHERE meta_key = '_customer_user'"
                          " AND meta_value = %s", str(uid)) == [(0,)]
        assert orders > 0


async def test_category_delete_puts_products_left_without_one_in_the_default(woo, raw):
    made = await call(woo, "category.add", name="Fleeting")
    cid = int(made["category_id"])
    pid = int((await call(woo, "product.add", name="Orphan Vase", price=9, categories_ids=str(cid)))["product_id"])
    (default,), = q(raw, "SELECT option_value FROM wp_options WHERE option_name = 'default_product_cat'")
    (before,), = q(raw, "SELECT count FROM wp_term_taxonomy WHERE term_id = %s AND taxonomy = 'product_cat'", default)
    await call(woo, "category.delete", id=str(cid))
    assert (await call(woo, "product.info", id=str(pid)))["categories_ids"] == [str(default)]
    assert q(raw, "SELECT count FROM wp_term_taxonomy WHERE term_id = %s AND taxonomy = 'product_cat'",
             default) == [(before + 1,)]
    assert q(raw, "SELECT COUNT(*) FROM wp_terms WHERE term_id = %s", cid) == [(0,)]
    await call(woo, "product.delete", id=str(pid))


async def test_a_contract_default_the_gateway_filled_in_is_not_refused(woo):
    # category.add's query parameter avail defaults to true: the gateway passes it on every call.
    made = await call(woo, "category.add", name="Defaulted", avail=True)
    with pytest.raises(ApiError) as err:
        await call(woo, "category.add", name="Hidden", avail=False)
    assert "'avail'" in err.value.message
    await call(woo, "category.delete", id=made["category_id"])


@pytest.mark.parametrize("method,params,name", [
    ("product.list", {"brand_name": "Acme"}, "brand_name"),
    ("product.count", {"manufacturer_id": "2"}, "manufacturer_id"),
    ("order.list", {"shipping_method": "flat_rate"}, "shipping_method"),
    ("customer.count", {"include_guests": True}, "include_guests"),
    ("category.info", {"id": "1", "schema_type": "x"}, "schema_type"),
    ("product.image.add", {"product_id": "1", "type": "base", "url": "https://x.test/a.png",
                           "position": 2}, "position"),
    ("order.shipment.add", {"order_id": "1", "weight": 2}, "weight"),
    ("order.add", {"customer_email": "a@example.test", "order_status": "processing",
                   "order_item": [{"order_item_id": "1", "order_item_weight": 2}]}, "order_item[0][order_item_weight]"),
    ("customer.add", {"email": "m@example.test", "address": [{"address_book_address1": "x",
                      "address_book_website": "https://m.test"}]}, "address[0][address_book_website]"),
    ("order.shipment.list", {"order_id": "1", "created_from": "2024-01-01 00:00:00"}, "created_from"),
    ("product.find", {"find_value": "Mug", "find_what": "variant"}, "find_what"),
    ("customer.find", {"find_value": "a@b.test", "find_params": "contains"}, "find_params"),
    ("customer.address.add", {"customer_id": "2", "address1": "x", "city": "y", "country": "US",
                              "postcode": "1", "tax_id": "T"}, "tax_id"),
])
async def test_filters_it_cannot_apply_are_refused_not_ignored(woo, method, params, name):
    with pytest.raises(ApiError) as err:
        await call(woo, method, **params)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message


async def test_customer_add_reads_the_contract_s_address_book_keys(woo, raw):
    # The contract names them address_book_*; the driver read only bare keys and dropped them.
    added = await call(woo, "customer.add", email="book@example.test", first_name="Bo",
                       address=[{"address_book_type": "billing", "address_book_address1": "9 Elm St",
                                 "address_book_city": "Austin", "address_book_postcode": "73301",
                                 "address_book_country": "US", "address_book_state": "TX"}])
    uid = int(added["customer_id"])
    got = dict(q(raw, "SELECT meta_key, meta_value FROM wp_usermeta WHERE user_id = %s AND meta_key"
                      " LIKE 'billing\\_%%'", uid))
    assert (got["billing_address_1"], got["billing_city"], got["billing_state"]) == ("9 Elm St", "Austin", "TX")
    await call(woo, "customer.delete", id=str(uid))


async def test_customer_update_mirrors_names_and_email_in_the_lookup_row(woo, woo_db, mariadb):
    cid = (await call(woo, "customer.add", email="mirror@example.org", first_name="A", last_name="B"))["customer_id"]
    await call(woo, "customer.update", id=cid, first_name="C", email="mirrored@example.org", phone="+1 555")
    with mariadb.connect(woo_db) as raw:
        assert q(raw, "SELECT first_name, last_name, email FROM wp_wc_customer_lookup WHERE user_id = %s",
                 cid) == [("C", "B", "mirrored@example.org")]
        assert q(raw, "SELECT meta_key, meta_value FROM wp_usermeta WHERE user_id = %s AND meta_key IN"
                 " ('first_name', 'billing_phone') ORDER BY meta_key", cid) == [
            ("billing_phone", "+1 555"), ("first_name", "C")]
        assert q(raw, "SELECT user_email FROM wp_users WHERE ID = %s", cid) == [("mirrored@example.org",)]
        stamp = q(raw, "SELECT meta_value FROM wp_usermeta WHERE user_id = %s AND meta_key = 'last_update'", cid)
        assert len(stamp) == 1 and int(stamp[0][0]) > 0
    with pytest.raises(ApiError) as err:
        await call(woo, "customer.update", id=cid)
    assert err.value.code == ReturnCode.UPDATE_PARAMS_MISSING
    await call(woo, "customer.delete", id=cid)


def test_a_contract_address_as_billing_or_shipping_user_meta():
    from anycart.platforms.woocommerce.writers import address_meta

    meta = address_meta({"address1": "1 Rd", "address2": "", "state": "CA", "phone": 5,
                         "address_1": "ignored", "note": "x"}, "shipping")
    assert meta == {"shipping_address_1": "1 Rd", "shipping_address_2": "", "shipping_state": "CA",
                    "shipping_phone": "5"}
    assert list(address_meta({"city": "Lyon", "first_name": "A"}, "billing")) == [
        "billing_first_name", "billing_city"]
