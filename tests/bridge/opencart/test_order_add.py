"""order.add on real OpenCart tables (3.0.x and 4.0.x): the rows the cart's checkout writes,
read back through order.info, and the failures, which leave nothing behind."""

from __future__ import annotations

import json

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.model import Order
from anycart.platforms.base import Call

from .conftest import run


def call(conn, method, params=None):
    return run(getattr(conn, method.replace(".", "_"))(Call(method, params or {}, start=0, count=10)))


def failure(conn, params):
    with pytest.raises(ApiError) as err:
        call(conn, "order.add", params)
    return err.value


def sql(conn, query, params=()):
    return run(conn.db.select(query, list(params)))


def one(conn, query, params=()):
    rows = sql(conn, query, params)
    return rows[0] if rows else None


def stats(conn):
    return {r["code"]: float(r["value"]) for r in sql(conn, "SELECT code, value FROM {p}statistics")}


def stock(conn, pid):
    return int(one(conn, "SELECT quantity FROM {p}product WHERE product_id = ?", [pid])["quantity"])


def value_stock(conn, pov):
    return int(one(conn, "SELECT quantity FROM {p}product_option_value WHERE "
                         "product_option_value_id = ?", [pov])["quantity"])


def counts(conn):
    return {t: one(conn, f"SELECT COUNT(*) AS n FROM `{{p}}{t}`")["n"]
            for t in ("order", "order_product", "order_option", "order_total", "order_history")}


def pov_of(conn, pid, option, value):
    """The product_option_value id of ``option: value`` on product ``pid``."""
    return one(conn, "SELECT pov.product_option_value_id FROM {p}product_option_value pov "
                     "JOIN {p}option_description od ON od.option_id = pov.option_id "
                     "JOIN {p}option_value_description ovd ON ovd.option_value_id = pov.option_value_id "
                     "WHERE pov.product_id = ? AND od.name = ? AND ovd.name = ?",
               [pid, option, value])["product_option_value_id"]


def params(**extra):
    base = {
        "customer_email": "walk.in@example.com", "order_status": "Processing",
        "bill_first_name": "Ann", "bill_last_name": "O'Neil & Co", "bill_address_1": "1 Main St",
        "bill_city": "Austin", "bill_postcode": "73301", "bill_state": "TX", "bill_country": "US",
        "bill_phone": "555-1234",
        "order_item": [
            {"order_item_id": "3", "order_item_name": "Mug <XL>", "order_item_model": "MUG-XL",
             "order_item_price": 10, "order_item_quantity": 2, "order_item_tax": 10},
            {"order_item_id": "20", "order_item_name": "Shirt", "order_item_price": 5.5,
             "order_item_quantity": 1, "order_item_option": [
                 {"order_item_option_name": "Size", "order_item_option_value": "Large"},
                 {"order_item_option_name": "Engraving", "order_item_option_value": "Hi & bye"}]}],
        "shipping_price": 4, "order_shipping_method": "Flat Shipping Rate",
        "order_payment_method": "Cash On Delivery", "comment": "Leave at the door",
        "date": "2025-03-04 05:06:07"}
    return {**base, **extra}


def test_guest_order_is_stored_as_the_checkout_stores_it(oc):
    v4 = oc.version.startswith("4")
    before_stats, before_stock = stats(oc), stock(oc, 3)
    answer = call(oc, "order.add", params())
    oid = answer["order_id"]
    assert answer["customer_id"] is None and answer["id"] == oid

    info = call(oc, "order.info", {"order_id": oid})
    order = Order.model_validate(info)
    assert order.status.name == "Processing" and order.comment == "Leave at the door"
    assert order.customer.email == "walk.in@example.com" and order.customer.id == "0"  # guest
    assert (order.customer.first_name, order.customer.last_name) == ("Ann", "O'Neil & Co")
    assert order.create_at.value.startswith("2025-03-04T05:06:07")
    assert order.currency.iso3 == "USD"
    assert (order.totals.subtotal, order.totals.shipping, order.totals.tax, order.totals.total) == (
        25.5, 4.0, 2.0, 31.5)
    for address in (order.billing_address, order.shipping_address):
        assert (address.first_name, address.last_name, address.address1, address.city) == (
            "Ann", "O'Neil & Co", "1 Main St", "Austin")
        assert (address.state.code, address.state.name, address.country.code2) == ("TX", "Texas", "US")
        assert address.phone == "555-1234"
    assert order.payment_method.name == "Cash On Delivery"
    assert order.shipping_method.name == "Flat Shipping Rate"
    mug, shirt = info["order_products"]
    assert (mug["product_id"], mug["name"], mug["model"], mug["price"], mug["quantity"],
            mug["total_price"], mug["additional_fields"]["tax"]) == (
        "3", "Mug <XL>", "MUG-XL", 10.0, 2.0, 20.0, 1.0)
    assert shirt["model"] == "M-000020"  # the product's own model when the item gives none
    large = pov_of(oc, 20, "Size", "Large")
    assert shirt["additional_fields"]["options"] == [
        {"name": "Size", "value": "Large", "product_option_value_id": str(large)},
        {"name": "Engraving", "value": "Hi & bye", "product_option_value_id": "0"}]

    row = one(oc, "SELECT * FROM `{p}order` WHERE order_id = ?", [int(oid)])
    assert (row["customer_id"], row["customer_group_id"], row["store_id"], row["store_name"],
            row["invoice_no"], row["invoice_prefix"]) == (0, 1, 0, "Your Store", 0, "INV-2024-00")
    assert row["lastname"] == row["payment_lastname"] == "O'Neil &amp; Co"  # as the cart escapes input
    assert (row["payment_country"], row["payment_country_id"], row["payment_zone_id"],
            row["shipping_zone"]) == ("United States", 223, 3669, "Texas")
    assert (row["currency_id"], row["currency_code"], float(row["currency_value"])) == (2, "USD", 1.0)
    assert (row["language_id"], row["order_status_id"], float(row["total"])) == (1, 2, 31.5)
    assert row["date_added"] == row["date_modified"] == "2025-03-04 05:06:07"
    if v4:
        assert json.loads(row["payment_method"]) == {"name": "Cash On Delivery", "code": "cod.cod"}
        assert json.loads(row["shipping_method"]) == {"name": "Flat Shipping Rate", "code": "flat.flat",
                                                      "cost": 4.0, "tax_class_id": 0}
        assert row["language_code"] == "en-gb"
    else:
        assert (row["payment_method"], row["payment_code"], row["fax"]) == ("Cash On Delivery", "cod", "")
        assert (row["shipping_method"], row["shipping_code"]) == ("Flat Shipping Rate", "flat.flat")
    assert row["store_url"] == "https://shop.example/"  # the catalog's HTTP_SERVER, as checkout writes it
    products = sql(oc, "SELECT * FROM {p}order_product WHERE order_id = ? ORDER BY order_product_id",
                   [int(oid)])
    assert [(p["product_id"], p["name"], p["quantity"], float(p["price"]), float(p["total"]),
             float(p["tax"])) for p in products] == [(3, "Mug &lt;XL&gt;", 2, 10.0, 20.0, 1.0),
                                                     (20, "Shirt", 1, 5.5, 5.5, 0.0)]
    options = sql(oc, "SELECT * FROM {p}order_option WHERE order_id = ? ORDER BY order_option_id",
                  [int(oid)])
    assert [(o["order_product_id"], o["name"], o["value"], o["type"]) for o in options] == [
        (products[1]["order_product_id"], "Size", "Large", "select"),
        (products[1]["order_product_id"], "Engraving", "Hi &amp; bye", "text")]
    assert options[0]["product_option_id"] > 0 and options[1]["product_option_id"] == 0
    totals = sql(oc, "SELECT * FROM {p}order_total WHERE order_id = ? ORDER BY sort_order", [int(oid)])
    assert [(t["code"], t["title"], float(t["value"]), t["sort_order"]) for t in totals] == [
        ("sub_total", "Sub-Total", 25.5, 1), ("shipping", "Flat Shipping Rate", 4.0, 3),
        ("tax", "Tax", 2.0, 5), ("total", "Total", 31.5, 9)]
    if v4:
        assert {t["extension"] for t in totals} == {"opencart"}
    history = sql(oc, "SELECT * FROM {p}order_history WHERE order_id = ?", [int(oid)])
    assert [(h["order_status_id"], h["notify"], h["comment"], h["date_added"]) for h in history] == [
        (2, 0, "", "2025-03-04 05:06:07")]
    after = stats(oc)  # Processing is one of the store's processing statuses
    assert after["order_sale"] == pytest.approx(before_stats["order_sale"] + 31.5)
    assert after["order_processing"] == before_stats["order_processing"] + 1
    assert after["order_complete"] == before_stats["order_complete"]
    assert stock(oc, 3) == before_stock  # inventory_behaviour defaults to bypass
    listed = call(oc, "order.list", {"customer_email": "walk.in@example.com"})
    assert oid in [o["id"] for o in listed.items]


def test_existing_customer_is_linked_by_email(oc):
    customer = one(oc, "SELECT * FROM {p}customer WHERE customer_id = 7")
    before = stats(oc)
    answer = call(oc, "order.add", params(customer_email=customer["email"].upper(), order_status="5",
                                          shipp_first_name="Bob", shipp_address_1="9 Elm St",
                                          shipp_city="Berlin", shipp_postcode="10115",
                                          shipp_country="DEU", shipp_state="Berlin",
                                          admin_comment="Phoned in", send_notifications=True))
    assert answer["customer_id"] == "7"
    info = call(oc, "order.info", {"order_id": answer["order_id"]})
    assert info["customer"]["id"] == "7" and info["status"]["name"] == "Complete"
    assert info["customer"]["first_name"] == customer["firstname"]  # the account's name
    assert info["customer"]["phone"] == customer["telephone"]
    ship = info["shipping_address"]
    assert (ship["first_name"], ship["last_name"], ship["city"], ship["country"]["code3"],
            ship["state"]["code"]) == ("Bob", "O'Neil & Co", "Berlin", "DEU", "BER")
    assert info["billing_address"]["city"] == "Austin"
    row = one(oc, "SELECT customer_id, customer_group_id FROM `{p}order` WHERE order_id = ?",
              [int(answer["order_id"])])
    assert (row["customer_id"], row["customer_group_id"]) == (7, customer["customer_group_id"])
    history = one(oc, "SELECT * FROM {p}order_history WHERE order_id = ?", [int(answer["order_id"])])
    assert (history["order_status_id"], history["notify"], history["comment"]) == (5, 1, "Phoned in")
    after = stats(oc)  # Complete is both a processing and a complete status in the installer
    assert (after["order_processing"], after["order_complete"]) == (
        before["order_processing"] + 1, before["order_complete"] + 1)
    guest = call(oc, "order.add", params(customer_email=customer["email"], is_guest=True))
    assert guest["customer_id"] is None


def test_given_totals_currency_and_invoice(oc):
    answer = call(oc, "order.add", params(
        currency="EUR", subtotal_price=25.5, tax_price=3, total_price=40, discount=2.5,
        create_invoice=True, order_item=[{"order_item_id": "5", "order_item_name": "Lamp",
                                          "order_item_price": 25.5, "order_item_quantity": 1}]))
    oid = int(answer["order_id"])
    row = one(oc, "SELECT * FROM `{p}order` WHERE order_id = ?", [oid])
    rate = float(row["currency_value"])
    assert (row["currency_code"], row["currency_id"]) == ("EUR", 3) and rate == pytest.approx(0.7846, abs=1e-6)
    # The cart keeps amounts in its default currency and shows them times currency_value.
    assert float(row["total"]) * rate == pytest.approx(40, abs=1e-3)
    totals = {t["code"]: float(t["value"]) * rate for t in sql(
        oc, "SELECT code, value FROM {p}order_total WHERE order_id = ?", [oid])}
    assert totals == pytest.approx({"sub_total": 25.5, "shipping": 4, "coupon": -2.5, "tax": 3,
                                    "total": 40}, abs=1e-3)
    assert row["invoice_no"] >= 1
    again = call(oc, "order.add", params(create_invoice=True))
    assert one(oc, "SELECT invoice_no FROM `{p}order` WHERE order_id = ?",
               [int(again["order_id"])])["invoice_no"] == row["invoice_no"] + 1


def test_stock_moves_only_when_asked_and_for_an_active_status(oc):
    large = pov_of(oc, 40, "Size", "Large")
    item = {"order_item_id": "40", "order_item_name": "Tee", "order_item_price": 3, "order_item_quantity": 2,
            "order_item_option": [{"order_item_option_name": "Size", "order_item_option_value": "Large"}]}
    before, before_value = stock(oc, 40), value_stock(oc, large)
    call(oc, "order.add", params(order_item=[item], inventory_behaviour="decrement_ignoring_policy"))
    assert (stock(oc, 40), value_stock(oc, large)) == (before - 2, before_value - 2)
    # Canceled is not a processing/complete status: the cart takes no stock for it (and
    # would take it when the order moves to one).
    before_stats = stats(oc)
    call(oc, "order.add", params(order_item=[item], order_status="Canceled",
                                 inventory_behaviour="decrement_ignoring_policy"))
    assert (stock(oc, 40), value_stock(oc, large)) == (before - 2, before_value - 2)
    assert stats(oc) == before_stats
    call(oc, "order.add", params(order_item=[item]))  # bypass
    assert stock(oc, 40) == before - 2


def test_child_item_takes_its_option_value_or_variant(oc):
    v4 = oc.version.startswith("4")
    if v4:
        variant = one(oc, "SELECT product_id, variant FROM {p}product WHERE master_id = 20 "
                          "ORDER BY product_id LIMIT 1")
        child, pov = variant["product_id"], int(next(iter(json.loads(variant["variant"]).values())))
    else:
        child = pov = pov_of(oc, 20, "Size", "Small")
    before = (stock(oc, 20), value_stock(oc, pov), stock(oc, child) if v4 else None)
    answer = call(oc, "order.add", params(
        inventory_behaviour="decrement_ignoring_policy",
        order_item=[{"order_item_id": "20", "order_item_variant_id": str(child),
                     "order_item_name": "Shirt", "order_item_price": 5, "order_item_quantity": 1}]))
    line = call(oc, "order.info", {"order_id": answer["order_id"]})["order_products"][0]
    assert line["product_id"] == str(child if v4 else 20)
    assert line.get("variant_id") == (str(child) if v4 else None)  # as order.add was given it
    assert [(o["name"], o["value"], o["product_option_value_id"])
            for o in line["additional_fields"]["options"]] == [("Size", "Small", str(pov))]
    assert value_stock(oc, pov) == before[1] - 1
    assert stock(oc, 20) == before[0] - 1  # 4.x: the master too, as the cart does
    if v4:
        assert stock(oc, child) == before[2] - 1
        row = one(oc, "SELECT master_id FROM {p}order_product WHERE order_id = ?", [int(answer["order_id"])])
        assert row["master_id"] == 20
    wrong = failure(oc, params(order_item=[{"order_item_id": "21", "order_item_variant_id": str(child),
                                            "order_item_name": "x", "order_item_price": 1,
                                            "order_item_quantity": 1}]))
    assert wrong.code == ReturnCode.NOT_FOUND


def test_failures_name_the_parameter_and_leave_nothing(oc):
    def params(**extra):  # an e-mail no other test orders with
        return globals()["params"](**{"customer_email": "refused@example.com", **extra})

    before, before_stats, before_stock = counts(oc), stats(oc), stock(oc, 3)
    item = {"order_item_id": "3", "order_item_name": "Mug", "order_item_price": 1, "order_item_quantity": 1}
    err = failure(oc, params(order_status="Teleported"))
    assert err.code == ReturnCode.INCORRECT_VALUE
    assert "order_status" in err.message and "Teleported" in err.message
    err = failure(oc, params(order_item=[item, {**item, "order_item_id": "999999"}]))
    assert err.code == ReturnCode.NOT_FOUND and "999999" in err.message
    err = failure(oc, params(bill_country="Atlantis"))
    assert err.code == ReturnCode.INCORRECT_VALUE and "bill_country" in err.message
    err = failure(oc, params(bill_state="Narnia"))
    assert err.code == ReturnCode.INCORRECT_VALUE and "bill_state" in err.message
    err = failure(oc, params(shipp_address_1="x", shipp_country="GB", shipp_state="Texas"))
    assert err.code == ReturnCode.INCORRECT_VALUE and "shipp_state" in err.message
    assert failure(oc, params(order_item=[])).code == ReturnCode.INCORRECT_VALUE
    missing = params()
    del missing["order_item"]
    assert failure(oc, missing).code == ReturnCode.REQUIRED_PARAM_MISSING
    assert failure(oc, params(bill_city="")).code == ReturnCode.INCORRECT_VALUE
    assert failure(oc, params(currency="XYZ")).code == ReturnCode.INCORRECT_VALUE
    assert failure(oc, params(inventory_behaviour="hoard")).code == ReturnCode.INCORRECT_VALUE
    for bad in ({"order_item_quantity": 0}, {"order_item_quantity": 1.5}, {"order_item_price": "cheap"},
                {"order_item_price": -1}, {"order_item_option": "Size"}):
        assert failure(oc, params(order_item=[{**item, **bad}])).code == ReturnCode.INCORRECT_VALUE, bad
    assert failure(oc, params(date="someday")).code == ReturnCode.INCORRECT_VALUE
    # Not enough stock for a store that does not sell without it.
    short = {**item, "order_item_quantity": before_stock + 1}
    err = failure(oc, params(order_item=[short], inventory_behaviour="decrement_obeying_policy"))
    assert err.code == ReturnCode.INCORRECT_VALUE and "order_item" in err.message
    # The database refuses the second item's name (order_product.name is varchar(255))
    # after the order row, the first item and its option went in: all of it rolls back.
    err = failure(oc, params(inventory_behaviour="decrement_ignoring_policy", order_item=[
        {**item, "order_item_option": [{"order_item_option_name": "Note", "order_item_option_value": "x"}]},
        {**item, "order_item_name": "n" * 300}]))
    assert err.code == ReturnCode.INCORRECT_VALUE and "'name'" in err.message
    assert counts(oc) == before and stats(oc) == before_stats and stock(oc, 3) == before_stock
    assert call(oc, "order.count", {"customer_email": "refused@example.com"}) == {"orders_count": 0}


def test_order_add_refuses_what_the_release_has_no_column_for(oc):
    """4.x orders have no fax (3.x no transaction id): given, it is 109 naming it, not dropped."""
    before = counts(oc)
    absent = ("customer_fax", "bill_fax") if oc.version.startswith("4") else ("transaction_id",)
    for name in absent:
        err = failure(oc, params(**{name: "555-9"}))
        assert err.code == ReturnCode.INCORRECT_VALUE and name in err.message
    assert counts(oc) == before
    for name in {"customer_fax", "bill_fax", "transaction_id"} - set(absent):
        oid = call(oc, "order.add", params(**{name: "555-9"}))["order_id"]
        row = one(oc, "SELECT * FROM `{p}order` WHERE order_id = ?", [int(oid)])
        assert row["transaction_id" if name == "transaction_id" else "fax"] == "555-9"
