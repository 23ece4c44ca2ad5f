"""order.add in both order storages (legacy ``shop_order`` posts and HPOS tables): the order
read back through order.info, the rows WooCommerce keeps for it, stock handling, validation
and atomicity."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.model import Order
from anycart.platforms.bridge.phpserial import loads
from tests.bridge.woocommerce.test_catalog import INJECTION, call

PREFIX = "wp_"


@pytest.fixture(params=["legacy", "hpos"])
def store(request, mariadb, woo, woo_hpos, woo_db, woo_hpos_db):
    """(driver, raw autocommit connection, hpos?) for one storage."""
    hpos = request.param == "hpos"
    with mariadb.connect(woo_hpos_db if hpos else woo_db) as raw:
        yield (woo_hpos if hpos else woo), raw, hpos


def rows(raw, sql: str, *params) -> list[tuple]:
    with raw.cursor() as cur:
        cur.execute(sql, params)
        return list(cur.fetchall())


def one(raw, sql: str, *params):
    found = rows(raw, sql, *params)
    return found[0][0] if found else None


def meta(raw, table: str, owner: str, owner_id) -> dict[str, str]:
    return {k: v for k, v in rows(raw, f"SELECT meta_key, meta_value FROM {PREFIX}{table} WHERE {owner} = %s", owner_id)}


def simple_product(raw, min_stock: int = 5) -> tuple[int, str, int]:
    """(id, name, stock) of a published simple product that manages its stock."""
    pid, name, stock = rows(raw, f"""
        SELECT p.ID, p.post_title, CAST(s.meta_value AS SIGNED) FROM {PREFIX}posts p
        JOIN {PREFIX}postmeta m ON m.post_id = p.ID AND m.meta_key = '_manage_stock' AND m.meta_value = 'yes'
        JOIN {PREFIX}postmeta s ON s.post_id = p.ID AND s.meta_key = '_stock'
        WHERE p.post_type = 'product' AND p.post_status = 'publish' AND CAST(s.meta_value AS SIGNED) >= %s
        ORDER BY p.ID LIMIT 1""", min_stock)[0]
    return int(pid), name, int(stock)


def variation(raw) -> tuple[int, int]:
    """(parent id, variation id) of a published variable product."""
    parent, vid = rows(raw, f"""
        SELECT v.post_parent, v.ID FROM {PREFIX}posts v JOIN {PREFIX}posts p ON p.ID = v.post_parent
        WHERE v.post_type = 'product_variation' AND p.post_status = 'publish' ORDER BY v.ID LIMIT 1""")[0]
    return int(parent), int(vid)


def counts(raw, hpos: bool) -> dict[str, int]:
    tables = ["posts", "postmeta", "woocommerce_order_items", "woocommerce_order_itemmeta", "wc_order_stats",
              "wc_customer_lookup", "wc_order_product_lookup", "comments", "commentmeta"]
    if hpos:
        tables += ["wc_orders", "wc_order_addresses", "wc_order_operational_data", "wc_orders_meta"]
    return {t: one(raw, f"SELECT COUNT(*) FROM {PREFIX}{t}") for t in tables}


BILL = {"bill_first_name": "Ada", "bill_last_name": "Lovelace", "bill_address_1": "12 Analytical Way",
        "bill_city": "San Francisco", "bill_postcode": "94103", "bill_state": "CA", "bill_country": "US",
        "bill_phone": "+1 555 0199", "bill_company": "Engines Inc"}


async def test_guest_order_reads_back_and_fills_the_carts_tables(store):
    shop, raw, hpos = store
    pid, name, stock = simple_product(raw)
    parent, vid = variation(raw)
    sales_before = int(one(raw, f"SELECT meta_value FROM {PREFIX}postmeta WHERE post_id = %s AND meta_key = 'total_sales'", pid))
    email = f"guest.{'h' if hpos else 'l'}@example.org"
    added = await call(shop, "order.add", order_status="processing", customer_email=email, **BILL,
                       shipp_first_name="Charles", shipp_last_name="Babbage", shipp_address_1="1 Difference Rd",
                       shipp_city="London", shipp_postcode="SW1A 1AA", shipp_country="gb",
                       customer_first_name="Ada", customer_last_name="King",
                       date="2024-05-02 10:30:00", currency="EUR", comment=INJECTION,
                       order_payment_method="Bank transfer", transaction_id="TX-42",
                       order_shipping_method="Flat rate", shipping_price=7.5,
                       order_item=[{"order_item_id": str(pid), "order_item_name": "Custom name",
                                    "order_item_price": 20, "order_item_quantity": 2, "order_item_tax": 10,
                                    "order_item_option": [{"order_item_option_name": "Gift wrap",
                                                           "order_item_option_value": "Yes"}]},
                                   {"order_item_id": str(parent), "order_item_variant_id": str(vid),
                                    "order_item_name": "Variant thing", "order_item_price": 5.25,
                                    "order_item_quantity": 1}])
    oid = added["order_id"]
    assert added == {"order_id": oid, "id": oid, "customer_id": None}

    info = await call(shop, "order.info", order_id=oid)
    Order.model_validate(info)
    assert info["status"]["id"] == "wc-processing"
    assert info["customer"] == {**info["customer"], "id": "0", "email": email, "first_name": "Ada"}
    assert info["create_at"]["value"].startswith("2024-05-02T10:30:00")
    assert info["currency"]["id"] == "EUR" and info["comment"] == INJECTION
    assert info["payment_method"]["name"] == "Bank transfer" and info["shipping_method"]["name"] == "Flat rate"
    bill, ship = info["billing_address"], info["shipping_address"]
    assert (bill["city"], bill["state"]["code"], bill["country"]["code2"], bill["company"]) == \
        ("San Francisco", "CA", "US", "Engines Inc")
    assert (ship["first_name"], ship["city"], ship["country"]["code2"]) == ("Charles", "London", "GB")
    lines = info["order_products"]
    assert [(x["product_id"], x["variant_id"], x["name"], x["quantity"], x["price"], x["total_price"])
            for x in lines] == [
        (str(pid), None, "Custom name", 2, 20.0, 40.0), (str(parent), str(vid), "Variant thing", 1, 5.25, 5.25)]
    assert lines[0]["tax_percent"] == 10.0 and lines[0]["additional_fields"]["attributes"]["Gift wrap"] == "Yes"
    assert lines[1]["additional_fields"]["attributes"], "the variation's attributes are copied onto its line"
    totals = info["totals"]
    assert (totals["subtotal"], totals["shipping"], totals["tax"], totals["total"]) == (45.25, 7.5, 4.0, 56.75)
    assert info["additional_fields"]["order_key"].startswith("wc_order_")
    assert info["additional_fields"]["created_via"] == "admin"

    # the order's own rows
    if hpos:
        assert rows(raw, f"SELECT post_type, post_status FROM {PREFIX}posts WHERE ID = %s", oid) == [("shop_order_placehold", "draft")]
        order = rows(raw, f"SELECT status, type, currency, total_amount, tax_amount, customer_id, billing_email, "
                          f"transaction_id, payment_method FROM {PREFIX}wc_orders WHERE id = %s", oid)[0]
        assert order[:3] == ("wc-processing", "shop_order", "EUR") and float(order[3]) == 56.75 and float(order[4]) == 4
        assert order[5:] == (0, email, "TX-42", "bank_transfer")
        assert {r[0] for r in rows(raw, f"SELECT address_type FROM {PREFIX}wc_order_addresses WHERE order_id = %s", oid)} == \
            {"billing", "shipping"}
        ops = rows(raw, f"SELECT created_via, order_key, order_stock_reduced, recorded_sales, date_paid_gmt, "
                        f"shipping_total_amount FROM {PREFIX}wc_order_operational_data WHERE order_id = %s", oid)[0]
        assert ops[0] == "admin" and ops[1].startswith("wc_order_") and ops[2:4] == (1, 1)
        assert str(ops[4]) == "2024-05-02 10:30:00" and float(ops[5]) == 7.5
        om = meta(raw, "wc_orders_meta", "order_id", oid)
    else:
        post = rows(raw, f"SELECT post_type, post_status, post_excerpt, post_password FROM {PREFIX}posts WHERE ID = %s", oid)[0]
        assert post[:3] == ("shop_order", "wc-processing", INJECTION) and post[3].startswith("wc_order_")
        om = meta(raw, "postmeta", "post_id", oid)
        assert (om["_order_total"], om["_order_tax"], om["_order_shipping"], om["_customer_user"]) == ("56.75", "4.00", "7.50", "0")
        assert (om["_billing_email"], om["_billing_state"], om["_shipping_country"], om["_order_currency"]) == \
            (email, "CA", "GB", "EUR")
        assert om["_order_stock_reduced"] == "yes" and om["_recorded_sales"] == "yes"
    assert om["_billing_address_index"].startswith("Ada Lovelace Engines Inc 12 Analytical Way")
    assert email in om["_billing_address_index"] and "London" in om["_shipping_address_index"]

    items = rows(raw, f"SELECT order_item_id, order_item_type, order_item_name FROM {PREFIX}woocommerce_order_items "
                      f"WHERE order_id = %s ORDER BY order_item_id", oid)
    assert [(t, n) for _, t, n in items] == [("line_item", "Custom name"), ("line_item", "Variant thing"),
                                             ("shipping", "Flat rate"), ("tax", "TAX-1")]
    first = meta(raw, "woocommerce_order_itemmeta", "order_item_id", items[0][0])
    assert (first["_product_id"], first["_variation_id"], first["_qty"], first["_line_subtotal"], first["_line_total"],
            first["_line_tax"]) == (str(pid), "0", "2", "40", "40", "4")
    assert "_reduced_stock" not in first
    # the taxes serialized by rate (0: the driver keeps no rate rows), as WooCommerce does
    assert loads(first["_line_tax_data"]) == {"total": {0: "4"}, "subtotal": {0: "4"}}
    shipping = meta(raw, "woocommerce_order_itemmeta", "order_item_id", items[2][0])
    assert loads(shipping["taxes"]) == ({"total": {0: shipping["total_tax"]}} if float(shipping["total_tax"])
                                        else {"total": {}})
    assert meta(raw, "woocommerce_order_itemmeta", "order_item_id", items[1][0])["_variation_id"] == str(vid)
    assert meta(raw, "woocommerce_order_itemmeta", "order_item_id", items[2][0])["cost"] == "7.5"
    assert meta(raw, "woocommerce_order_itemmeta", "order_item_id", items[3][0])["tax_amount"] == "4"

    # analytics lookups
    stats = rows(raw, f"SELECT status, num_items_sold, total_sales, tax_total, shipping_total, net_total, customer_id, "
                      f"returning_customer FROM {PREFIX}wc_order_stats WHERE order_id = %s", oid)[0]
    assert stats[:6] == ("wc-processing", 3, 56.75, 4.0, 7.5, 45.25) and stats[7] == 0
    lookup = rows(raw, f"SELECT customer_id, user_id, first_name, last_name, country FROM {PREFIX}wc_customer_lookup "
                       f"WHERE email = %s", email)
    assert lookup == [(stats[6], None, "Ada", "King", "US")]
    products = rows(raw, f"SELECT product_id, variation_id, product_qty, product_net_revenue, tax_amount, customer_id "
                         f"FROM {PREFIX}wc_order_product_lookup WHERE order_id = %s ORDER BY order_item_id", oid)
    assert products == [(pid, 0, 2, 40.0, 4.0, stats[6]), (parent, vid, 1, 5.25, 0.0, stats[6])]
    notes = [r[0] for r in rows(raw, f"SELECT comment_content FROM {PREFIX}comments WHERE comment_post_ID = %s", oid)]
    assert notes == ["Order status changed from Pending payment to Processing."]

    # bypass (the default) leaves stock alone; a processing order records its sales
    assert int(one(raw, f"SELECT meta_value FROM {PREFIX}postmeta WHERE post_id = %s AND meta_key = '_stock'", pid)) == stock
    assert int(one(raw, f"SELECT meta_value FROM {PREFIX}postmeta WHERE post_id = %s AND meta_key = 'total_sales'", pid)) == \
        sales_before + 2
    assert oid in [o["id"] for o in (await call(shop, "order.list", 0, 10, customer_email=email)).items]

    # the same guest again: the same lookup row, now a returning customer
    again = await call(shop, "order.add", order_status="pending", customer_email=email, **BILL,
                       date="2024-06-01 08:00:00", order_item=[{"order_item_id": str(pid), "order_item_price": 1,
                                                                "order_item_quantity": 1}])
    stats2 = rows(raw, f"SELECT customer_id, returning_customer, status FROM {PREFIX}wc_order_stats WHERE order_id = %s",
                  again["order_id"])[0]
    assert stats2 == (stats[6], 1, "wc-pending")
    assert one(raw, f"SELECT COUNT(*) FROM {PREFIX}comments WHERE comment_post_ID = %s", again["order_id"]) == 0
    pending = await call(shop, "order.info", order_id=again["order_id"])
    assert pending["order_products"][0]["name"] == name, "the product's own name when none is given"
    assert pending["shipping_address"]["city"] == "San Francisco", "no shipping address: the billing one"
    assert pending["totals"]["total"] == 1.0


async def test_registered_customer_is_linked_by_email(store):
    shop, raw, hpos = store
    uid, email = rows(raw, f"SELECT ID, user_email FROM {PREFIX}users WHERE ID = 3")[0]
    pid, _, _ = simple_product(raw)
    lookup = one(raw, f"SELECT customer_id FROM {PREFIX}wc_customer_lookup WHERE user_id = %s", uid)
    added = await call(shop, "order.add", order_status="wc-completed", customer_email=email, **BILL,
                       date_finished="2024-07-03 12:00:00",
                       order_item=[{"order_item_id": str(pid), "order_item_price": 12.5, "order_item_quantity": 3}],
                       admin_comment="Thanks for your order", admin_private_comment="Paid by phone")
    assert added["customer_id"] == str(uid)
    info = await call(shop, "order.info", order_id=added["order_id"])
    assert info["customer"]["id"] == str(uid) and info["status"]["id"] == "wc-completed"
    mine = await call(shop, "order.list", 0, 100, customer_id=str(uid))
    assert added["order_id"] in [o["id"] for o in mine.items]
    stats = rows(raw, f"SELECT customer_id, date_completed, returning_customer FROM {PREFIX}wc_order_stats WHERE order_id = %s",
                 added["order_id"])[0]
    assert (stats[0], str(stats[1]), stats[2]) == (lookup, "2024-07-03 12:00:00", 1)
    assert one(raw, f"SELECT COUNT(*) FROM {PREFIX}wc_customer_lookup WHERE user_id = %s", uid) == 1
    assert meta(raw, "usermeta", "user_id", uid)["paying_customer"] == "1"
    notes = rows(raw, f"SELECT comment_ID, comment_content FROM {PREFIX}comments WHERE comment_post_ID = %s "
                      f"ORDER BY comment_ID", added["order_id"])
    assert [n for _, n in notes] == ["Order status changed from Pending payment to Completed.", "Thanks for your order",
                                     "Paid by phone"]
    assert meta(raw, "commentmeta", "comment_id", notes[1][0]) == {"is_customer_note": "1"}
    assert meta(raw, "commentmeta", "comment_id", notes[2][0]) == {}
    if not hpos:
        om = meta(raw, "postmeta", "post_id", added["order_id"])
        assert om["_customer_user"] == str(uid) and om["_completed_date"] == "2024-07-03 12:00:00"

    # a new customer's first order is not a returning one, the second is; a variation's id
    # stands for that variation of its parent
    fresh = await call(shop, "customer.add", email=f"fresh.{int(hpos)}@example.org", first_name="Fresh", last_name="One")
    parent, vid = variation(raw)
    for n in (0, 1):
        made = await call(shop, "order.add", order_status="processing", customer_email=f"fresh.{int(hpos)}@example.org",
                          **BILL, order_item=[{"order_item_id": str(vid), "order_item_price": 4, "order_item_quantity": 1}])
        assert made["customer_id"] == fresh["customer_id"]
        assert one(raw, f"SELECT returning_customer FROM {PREFIX}wc_order_stats WHERE order_id = %s", made["order_id"]) == n
    line = (await call(shop, "order.info", order_id=made["order_id"]))["order_products"][0]
    assert (line["product_id"], line["variant_id"]) == (str(parent), str(vid))

    # is_guest keeps a known e-mail's order a guest order
    guest = await call(shop, "order.add", order_status="on-hold", customer_email=email, is_guest=True, **BILL,
                       order_item=[{"order_item_id": str(pid), "order_item_price": 1, "order_item_quantity": 1}])
    assert guest["customer_id"] is None
    assert (await call(shop, "order.info", order_id=guest["order_id"]))["customer"]["id"] == "0"


async def test_inventory_behaviour_claims_stock_as_the_cart_does(store):
    shop, raw, hpos = store
    pid, name, stock = simple_product(raw, 5)
    added = await call(shop, "order.add", order_status="processing", customer_email="stock@example.org", **BILL,
                       inventory_behaviour="decrement_obeying_policy",
                       order_item=[{"order_item_id": str(pid), "order_item_price": 3, "order_item_quantity": 2}])
    assert int(one(raw, f"SELECT meta_value FROM {PREFIX}postmeta WHERE post_id = %s AND meta_key = '_stock'", pid)) == stock - 2
    assert one(raw, f"SELECT stock_quantity FROM {PREFIX}wc_product_meta_lookup WHERE product_id = %s", pid) == stock - 2
    item = one(raw, f"SELECT order_item_id FROM {PREFIX}woocommerce_order_items WHERE order_id = %s AND "
                    f"order_item_type = 'line_item'", added["order_id"])
    assert meta(raw, "woocommerce_order_itemmeta", "order_item_id", item)["_reduced_stock"] == "2"
    notes = [r[0] for r in rows(raw, f"SELECT comment_content FROM {PREFIX}comments WHERE comment_post_ID = %s",
                                added["order_id"])]
    assert f"Stock levels reduced: {name} (" in notes[1] and f"{stock}&rarr;{stock - 2}" in notes[1]
    assert (await call(shop, "product.info", id=str(pid)))["quantity"] == stock - 2

    # obeying the policy: no more than the stock of a product without backorders, and nothing written
    before = counts(raw, hpos)
    with pytest.raises(ApiError) as err:
        await call(shop, "order.add", order_status="processing", customer_email="stock@example.org", **BILL,
                   inventory_behaviour="decrement_obeying_policy",
                   order_item=[{"order_item_id": str(pid), "order_item_price": 3, "order_item_quantity": stock + 5}])
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "stock" in err.value.message
    assert counts(raw, hpos) == before

    # ignoring it: the stock goes below zero and the product out of stock
    await call(shop, "order.add", order_status="processing", customer_email="stock@example.org", **BILL,
               inventory_behaviour="decrement_ignoring_policy",
               order_item=[{"order_item_id": str(pid), "order_item_price": 3, "order_item_quantity": stock}])
    assert int(one(raw, f"SELECT meta_value FROM {PREFIX}postmeta WHERE post_id = %s AND meta_key = '_stock'", pid)) == -2
    assert one(raw, f"SELECT stock_status FROM {PREFIX}wc_product_meta_lookup WHERE product_id = %s", pid) == "outofstock"
    product = await call(shop, "product.info", id=str(pid))
    assert product["in_stock"] is False


@pytest.mark.parametrize("change,code,named", [
    ({"order_status": "shipped-ish"}, ReturnCode.INCORRECT_VALUE, "shipped-ish"),
    ({"order_item": [{"order_item_id": "999999", "order_item_price": 1, "order_item_quantity": 1}]},
     ReturnCode.NOT_FOUND, "999999"),
    ({"order_item": [{"order_item_id": "PID", "order_item_variant_id": "999998", "order_item_price": 1,
                      "order_item_quantity": 1}]}, ReturnCode.NOT_FOUND, "999998"),
    ({"bill_country": "ZZ"}, ReturnCode.INCORRECT_VALUE, "bill_country"),
    ({"bill_state": "XX"}, ReturnCode.INCORRECT_VALUE, "bill_state"),
    ({"shipp_country": "Narnia", "shipp_city": "Cair Paravel"}, ReturnCode.INCORRECT_VALUE, "shipp_country"),
    ({"order_item": []}, ReturnCode.INCORRECT_VALUE, "order_item"),
    ({"order_item": None}, ReturnCode.REQUIRED_PARAM_MISSING, "order_item"),
    ({"customer_email": None}, ReturnCode.REQUIRED_PARAM_MISSING, "customer_email"),
    ({"order_item": [{"order_item_id": "PID", "order_item_price": 1, "order_item_quantity": 0}]},
     ReturnCode.INCORRECT_VALUE, "order_item_quantity"),
    ({"subtotal_price": 99}, ReturnCode.INCORRECT_VALUE, "subtotal_price"),
    ({"inventory_behaviour": "sometimes"}, ReturnCode.INCORRECT_VALUE, "inventory_behaviour"),
])
async def test_refused_orders_write_nothing(store, change, code, named):
    shop, raw, hpos = store
    pid, _, _ = simple_product(raw)
    params = {"order_status": "processing", "customer_email": "refused@example.org", **BILL,
              "order_item": [{"order_item_id": str(pid), "order_item_price": 10, "order_item_quantity": 1}]}
    for key, value in change.items():
        if isinstance(value, list):
            value = [{k: (str(pid) if v == "PID" else v) for k, v in i.items()} for i in value]
        params[key] = value
    params = {k: v for k, v in params.items() if v is not None}
    before = counts(raw, hpos)
    with pytest.raises(ApiError) as err:
        await call(shop, "order.add", **params)
    assert err.value.code == code and named in err.value.message
    assert counts(raw, hpos) == before


async def test_states_follow_the_carts_lists(store):
    shop, raw, _ = store
    pid, _, _ = simple_product(raw)
    base = {"order_status": "pending", "customer_email": "geo@example.org", **BILL,
            "order_item": [{"order_item_id": str(pid), "order_item_price": 1, "order_item_quantity": 1}]}
    # a country without a state list takes any region; one with a list takes its codes in any case
    de = await call(shop, "order.add", **{**base, "bill_country": "de", "bill_state": "Berlin"})
    addr = (await call(shop, "order.info", order_id=de["order_id"]))["billing_address"]
    assert (addr["country"]["code2"], addr["state"]["code"]) == ("DE", "Berlin")
    ca = await call(shop, "order.add", **{**base, "bill_country": "CA", "bill_state": "on"})
    assert (await call(shop, "order.info", order_id=ca["order_id"]))["billing_address"]["state"]["code"] == "ON"
    with pytest.raises(ApiError) as err:
        await call(shop, "order.add", **{**base, "bill_state": ""})
    assert err.value.code in (ReturnCode.REQUIRED_PARAM_MISSING, ReturnCode.INCORRECT_VALUE)


async def test_a_write_failing_midway_leaves_no_row(store):
    """The last statements (the order notes) refuse a note over the comments column's 64 KB:
    the order, its items, lookups, sales counts and stock claim all go with them."""
    shop, raw, hpos = store
    pid, _, stock = simple_product(raw)
    sales = one(raw, f"SELECT meta_value FROM {PREFIX}postmeta WHERE post_id = %s AND meta_key = 'total_sales'", pid)
    before = counts(raw, hpos)
    with pytest.raises(ApiError):
        await call(shop, "order.add", order_status="processing", customer_email="atomic@example.org", **BILL,
                   inventory_behaviour="decrement_ignoring_policy", admin_private_comment="x" * 70000,
                   order_item=[{"order_item_id": str(pid), "order_item_price": 2, "order_item_quantity": 2}])
    assert counts(raw, hpos) == before
    assert int(one(raw, f"SELECT meta_value FROM {PREFIX}postmeta WHERE post_id = %s AND meta_key = '_stock'", pid)) == stock
    assert one(raw, f"SELECT meta_value FROM {PREFIX}postmeta WHERE post_id = %s AND meta_key = 'total_sales'", pid) == sales
    assert one(raw, f"SELECT COUNT(*) FROM {PREFIX}wc_customer_lookup WHERE email = %s", "atomic@example.org") == 0


async def test_discount_shipping_tax_and_prices_including_tax(store):
    shop, raw, hpos = store
    pid, _, _ = simple_product(raw)
    added = await call(shop, "order.add", order_status="on-hold", customer_email="incl@example.org", **BILL,
                       prices_inc_tax=True, subtotal_price=21.6, discount=2, shipping_price=5, shipping_tax=0.5,
                       order_item=[{"order_item_id": str(pid), "order_item_price": 10.8, "order_item_quantity": 2,
                                    "order_item_tax": 8}])
    info = await call(shop, "order.info", order_id=added["order_id"])
    totals = info["totals"]
    assert (totals["subtotal"], totals["discount"], totals["shipping"], totals["tax"], totals["total"]) == \
        (20.0, 2.0, 5.0, 1.94, 24.94)
    line = info["order_products"][0]
    assert (line["price"], line["total_price"], line["tax_percent"]) == (10.0, 18.0, 8.0)
    item = one(raw, f"SELECT order_item_id FROM {PREFIX}woocommerce_order_items WHERE order_id = %s AND "
                    f"order_item_type = 'line_item'", added["order_id"])
    m = meta(raw, "woocommerce_order_itemmeta", "order_item_id", item)
    assert (m["_line_subtotal"], m["_line_subtotal_tax"], m["_line_total"], m["_line_tax"]) == ("20", "1.6", "18", "1.44")
    assert loads(m["_line_tax_data"]) == {"total": {0: "1.44"}, "subtotal": {0: "1.6"}}
    if not hpos:
        om = meta(raw, "postmeta", "post_id", added["order_id"])
        assert (om["_prices_include_tax"], om["_cart_discount"], om["_order_tax"], om["_order_shipping_tax"]) == \
            ("yes", "2.00", "1.44", "0.50")
    else:
        assert one(raw, f"SELECT prices_include_tax FROM {PREFIX}wc_order_operational_data WHERE order_id = %s",
                   added["order_id"]) == 1
    stats = rows(raw, f"SELECT tax_total, shipping_total, net_total, total_sales FROM {PREFIX}wc_order_stats "
                      f"WHERE order_id = %s", added["order_id"])[0]
    assert stats == (1.94, 5.0, 18.0, 24.94)
    # an explicit total is kept as given
    kept = await call(shop, "order.add", order_status="pending", customer_email="incl@example.org", **BILL,
                      total_price=99.99, order_item=[{"order_item_id": str(pid), "order_item_price": 1,
                                                      "order_item_quantity": 1}])
    assert (await call(shop, "order.info", order_id=kept["order_id"]))["totals"]["total"] == 99.99
    with pytest.raises(ApiError) as err:
        await call(shop, "order.add", order_status="pending", customer_email="incl@example.org", **BILL,
                   coupons=["SAVE10"], order_item=[{"order_item_id": str(pid), "order_item_price": 1,
                                                    "order_item_quantity": 1}])
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "coupons" in err.value.message


async def test_a_store_without_the_product_lookup_table(mariadb, tmp_path):
    """wc_order_product_lookup belongs to WooCommerce Analytics: a store without it still
    takes orders, and everything else is written."""
    from anycart.platforms.woocommerce import seed
    from tests.bridge.woocommerce.conftest import _connector

    name = mariadb.create_database("woo_nolookup")
    try:
        with mariadb.connect(name) as raw:
            seed.apply_schema(raw, PREFIX)
            seed.load(raw, PREFIX, products=10, customers=3, orders=3)
            with raw.cursor() as cur:
                cur.execute(f"DROP TABLE {PREFIX}wc_order_product_lookup")
            shop = _connector(mariadb, name, tmp_path)
            try:
                pid, _, _ = simple_product(raw, 1)
                added = await call(shop, "order.add", order_status="processing", customer_email="n@example.org", **BILL,
                                   order_item=[{"order_item_id": str(pid), "order_item_price": 2, "order_item_quantity": 1}])
                assert (await call(shop, "order.info", order_id=added["order_id"]))["totals"]["total"] == 2.0
                assert one(raw, f"SELECT COUNT(*) FROM {PREFIX}wc_order_stats WHERE order_id = %s", added["order_id"]) == 1
            finally:
                shop.db.close()
    finally:
        mariadb.drop_database(name)
