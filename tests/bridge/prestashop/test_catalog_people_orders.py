"""Categories (nested set), customers, orders, shipments and returns."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.model import Category, Customer, CustomerGroup, Order, Return, Shipment

from .conftest import CUSTOMERS, call, rows


def _nested_set_is_valid(raw) -> None:
    cats = {c: (p, lft, rgt) for c, p, lft, rgt in rows(raw, "SELECT id_category, id_parent, nleft,"
                                                               " nright FROM {p}category")}
    bounds = sorted(v for _, lft, rgt in cats.values() for v in (lft, rgt))
    assert bounds == list(range(1, 2 * len(cats) + 1))
    for cid, (parent, left, right) in cats.items():
        if parent in cats:
            assert cats[parent][1] < left and right < cats[parent][2], cid


async def test_categories_list_info_and_nested_set_writes(ps, raw):
    page = await call(ps, "category.list", count=100)
    assert page.total == 17 and all(Category.model_validate(c) for c in page.items)
    assert (await call(ps, "category.count", parent_id="3")) == {"categories_count": 4}
    added = (await call(ps, "category.add", name="Posters", parent_id="3", avail=True))["category_id"]
    _nested_set_is_valid(raw)
    info = await call(ps, "category.info", id=added)
    assert (info["name"], info["parent_id"], info["avail"]) == ("Posters", "3", True)
    child = (await call(ps, "category.add", name="Big", parent_id=added))["category_id"]
    assert await call(ps, "category.update", id=added, name="Wall posters", parent_id="4") == \
        {"updated_items": 1}
    _nested_set_is_valid(raw)
    with pytest.raises(ApiError) as err:  # under its own child
        await call(ps, "category.update", id=added, parent_id=child)
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    assert (await call(ps, "category.find", find_value="Wall posters"))["category"][0]["id"] == added
    await call(ps, "category.assign", category_id=added, product_id="1")
    assert rows(raw, "SELECT COUNT(*) FROM {p}category_product WHERE id_category = %s", added) == [(1,)]
    assert await call(ps, "category.unassign", category_id=added, product_id="1") == {}
    assert await call(ps, "category.delete", id=added) == {"delete_items": True}
    _nested_set_is_valid(raw)
    for cid in (added, child):
        with pytest.raises(ApiError) as err:
            await call(ps, "category.info", id=cid)
        assert err.value.code == ReturnCode.NOT_FOUND
    with pytest.raises(ApiError) as err:
        await call(ps, "category.delete", id="2")  # Home
    assert err.value.code == ReturnCode.INCORRECT_VALUE


async def test_customers(ps, raw):
    page = await call(ps, "customer.list", count=5, sort_by="id", avail=None)
    assert page.total == CUSTOMERS and [c["id"] for c in page.items] == ["1", "2", "3", "4", "5"]
    Customer.model_validate(page.items[0])
    assert page.items[0]["address_book"] and page.items[0]["group"][0]["name"] == "Customer"
    evil = "x'); DROP TABLE ps_customer; --"
    new = (await call(ps, "customer.add", email="ada@example.test", first_name=evil,
                      last_name="Lovelace", group_ids="3,4", news_letter_subscription=True,
                      address=[{"address_book_address1": "1 Analytical Way",
                                "address_book_city": "London", "address_book_country": "GB",
                                "address_book_postcode": "N1 1AA"}]))["customer_id"]
    info = await call(ps, "customer.info", id=new)
    assert (info["first_name"], info["email"], info["news_letter_subscription"]) == \
        (evil, "ada@example.test", True)
    assert [g["id"] for g in info["group"]] == ["3", "4"]
    assert info["address_book"][0]["country"]["code2"] == "GB"
    with pytest.raises(ApiError) as err:
        await call(ps, "customer.add", email="ada@example.test")
    assert err.value.code == ReturnCode.ALREADY_EXISTS
    addr = await call(ps, "customer.address.add", customer_id=new, address1="5 Main Street",
                      city="Austin", country="US", state="TX", postcode="73301")
    assert len((await call(ps, "customer.info", id=new))["address_book"]) == 2 and addr["id"]
    assert await call(ps, "customer.update", id=new, last_name="King", status="disabled") == \
        {"updated_items": 1}
    found = await call(ps, "customer.find", find_value="ada@example.test")
    assert found["customer"][0]["last_name"] == "King"
    assert found["customer"][0]["status"] == "disabled"
    groups = await call(ps, "customer.group.list")
    assert groups.total == 4 and CustomerGroup.model_validate(groups.items[0])
    assert await call(ps, "customer.delete", id=new) == {"delete_items": 1}
    with pytest.raises(ApiError) as err:
        await call(ps, "customer.info", id=new)
    assert err.value.code == ReturnCode.NOT_FOUND
    assert rows(raw, "SELECT COUNT(*) FROM {p}customer")[0][0] >= CUSTOMERS
    for params, code in (({"customer_id": "99999", "address1": "a", "city": "c", "country": "US",
                           "postcode": "1"}, ReturnCode.NOT_FOUND),
                         ({"customer_id": "1", "address1": "a", "city": "c", "country": "Atlantis",
                           "postcode": "1"}, ReturnCode.INCORRECT_VALUE)):
        with pytest.raises(ApiError) as err:
            await call(ps, "customer.address.add", **params)
        assert err.value.code == code


async def test_orders(ps, raw):
    page = await call(ps, "order.list", count=3)
    assert page.total == 150 and [o["id"] for o in page.items] == ["1", "2", "3"]
    order = Order.model_validate(page.items[0])
    assert order.order_products and order.billing_address and order.status.name
    shipped = await call(ps, "order.list", count=100, order_status="Shipped")
    assert shipped.items and all(o["status"]["id"] == "4" for o in shipped.items)
    statuses = await call(ps, "order.status.list")
    assert {"id": "5", "name": "Delivered"} in statuses["cart_order_statuses"]
    assert await call(ps, "order.update", order_id="1", order_status="Delivered",
                      comment="Left with the neighbour") == {"updated_items": 1}
    info = await call(ps, "order.info", order_id="1")
    assert (info["status"]["name"], info["comment"]) == ("Delivered", "Left with the neighbour")
    assert rows(raw, "SELECT id_order_state FROM {p}order_history WHERE id_order = 1"
                     " ORDER BY id_order_history DESC LIMIT 1") == [(5,)]
    (stamp,) = rows(raw, "SELECT date_upd FROM {p}orders WHERE id_order = 1")[0]
    recent = await call(ps, "order.list", count=250,
                        modified_from=stamp.strftime("%Y-%m-%d %H:%M:%S"))
    assert "1" in [o["id"] for o in recent.items]
    for method, params, code in (
            ("order.info", {"order_id": "99999"}, ReturnCode.NOT_FOUND),
            ("order.update", {"order_id": "1", "order_status": "Teleported"}, ReturnCode.INCORRECT_VALUE),
            ("order.update", {"order_id": "1"}, ReturnCode.UPDATE_PARAMS_MISSING),
            ("order.list", {"sort_by": "colour"}, ReturnCode.INCORRECT_VALUE)):
        with pytest.raises(ApiError) as err:
            await call(ps, method, **params)
        assert err.value.code == code, method


async def test_shipments(ps):
    listed = await call(ps, "order.shipment.list", order_id="2")
    assert listed.total == 1 and Shipment.model_validate(listed.items[0])
    sid = listed.items[0]["id"]
    if listed.items[0]["tracking_numbers"]:
        new = (await call(ps, "order.shipment.add", order_id="2",
                          tracking_numbers=[{"tracking_number": "TRACK-2"}]))["shipment_id"]
        assert new != sid
    else:
        new = (await call(ps, "order.shipment.add", order_id="2",
                          tracking_numbers=[{"tracking_number": "TRACK-2"}]))["shipment_id"]
        assert new == sid
    info = await call(ps, "order.shipment.info", order_id="2", id=new)
    assert info["tracking_numbers"][0]["tracking_number"] == "TRACK-2" and info["items"]
    empty = (await call(ps, "order.shipment.add", order_id="2"))["shipment_id"]
    assert await call(ps, "order.shipment.tracking.add", order_id="2", shipment_id=empty,
                      tracking_number="TRACK-3") == {"shipment_tracking_id": empty}
    with pytest.raises(ApiError) as err:
        await call(ps, "order.shipment.tracking.add", order_id="2", shipment_id=empty,
                   tracking_number="OTHER")
    assert err.value.code == ReturnCode.ALREADY_EXISTS
    with pytest.raises(ApiError) as err:
        await call(ps, "order.shipment.info", order_id="2", id="999999")
    assert err.value.code == ReturnCode.NOT_FOUND
    # one number per order_carrier row: a second one would be dropped, so it is refused
    with pytest.raises(ApiError) as err:
        await call(ps, "order.shipment.add", order_id="2", tracking_numbers=[
            {"tracking_number": "A-1"}, {"tracking_number": "A-2"}])
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'tracking_numbers'" in err.value.message


async def test_shipment_items_ship_whole_lines_or_are_refused(ps, raw):
    # PrestaShop ships an order whole (order_carrier has no lines): a quantity below the ordered
    # one cannot be stored, so it is 109 naming it rather than a shipment of everything.
    detail, ordered = rows(raw, "SELECT id_order_detail, product_quantity FROM {p}order_detail"
                                " WHERE id_order = 2 ORDER BY id_order_detail LIMIT 1")[0]
    before = rows(raw, "SELECT COUNT(*) FROM {p}order_carrier WHERE id_order = 2")
    with pytest.raises(ApiError) as err:
        await call(ps, "order.shipment.add", order_id="2",
                   items=[{"order_product_id": str(detail), "quantity": ordered - 1}])
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    assert "'items[0][quantity]'" in err.value.message
    assert rows(raw, "SELECT COUNT(*) FROM {p}order_carrier WHERE id_order = 2") == before
    shipped = await call(ps, "order.shipment.add", order_id="2",
                         items=[{"order_product_id": str(detail), "quantity": ordered}])
    assert shipped["shipment_id"]


async def test_returns(ps, raw):
    (expected,) = rows(raw, "SELECT COUNT(*) FROM {p}order_return")[0]
    page = await call(ps, "return.list", count=100)
    assert page.total == expected > 0
    ret = Return.model_validate(page.items[0])
    assert ret.order_products and ret.status.name
    assert (await call(ps, "return.count")) == {"returns_count": expected}
    info = await call(ps, "return.info", id=ret.id)
    assert info["order_id"] == ret.order_id
    statuses = await call(ps, "return.status.list")
    assert len(statuses["return_statuses"]) == 5
    by_status = await call(ps, "return.list", count=100, status=ret.status.id)
    assert all(r["status"]["id"] == ret.status.id for r in by_status.items)
    with pytest.raises(ApiError) as err:
        await call(ps, "return.info", id="99999")
    assert err.value.code == ReturnCode.NOT_FOUND


async def test_store_info(ps):
    info = await ps.store_info({})
    assert info == {"name": "AnyCart Demo Shop", "email": "owner@anycart-demo.test",
                    "currency": {"id": "1", "iso3": "USD"}}


async def test_order_add_is_one_write(ps, raw):
    before = rows(raw, "SELECT COUNT(*) FROM {p}orders")[0][0]
    bill = {"bill_first_name": "Grace", "bill_last_name": "Hopper", "bill_address_1": "1 Navy Yard",
            "bill_city": "New York", "bill_postcode": "10001", "bill_state": "NY",
            "bill_country": "US"}
    added = await call(ps, "order.add", customer_email="grace@example.test", order_status="2",
                       order_item=[{"order_item_id": "4", "order_item_quantity": 2,
                                    "order_item_price": 10.0}], shipping_price=5, **bill)
    order = Order.model_validate(await call(ps, "order.info", order_id=added["order_id"]))
    assert order.totals.total == 25.0 and order.order_products[0].quantity == 2
    assert order.customer.email == "grace@example.test" and order.billing_address.city == "New York"
    with pytest.raises(ApiError) as err:  # an unknown product: nothing written
        await call(ps, "order.add", customer_email="nobody@example.test", order_status="2",
                   order_item=[{"order_item_id": "999999"}], **bill)
    assert err.value.code == ReturnCode.NOT_FOUND
    assert rows(raw, "SELECT COUNT(*) FROM {p}orders")[0][0] == before + 1
    assert rows(raw, "SELECT COUNT(*) FROM {p}customer WHERE email = 'nobody@example.test'") == [(0,)]


@pytest.mark.parametrize("method,params,name", [
    ("customer.add", {"email": "fax@example.test", "fax": "123"}, "fax"),
    ("customer.add", {"email": "phone@example.test", "phone": "555"}, "phone"),
    ("customer.update", {"id": "1", "address": [{"address1": "x"}]}, "address"),
    ("category.add", {"name": "Shops", "stores_ids": "1,2"}, "stores_ids"),
    ("order.add", {"customer_email": "a@example.test", "order_status": "2", "coupons": ["X"],
                   "order_item": [{"order_item_id": "4"}]}, "coupons"),
    ("order.update", {"order_id": "1", "tags": "vip"}, "tags"),
])
async def test_parameters_it_cannot_store_are_refused_by_name(ps, method, params, name):
    # Issue 12 item 4: accepted and dropped is never an answer.
    with pytest.raises(ApiError) as err:
        await call(ps, method, **params)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message


async def test_category_add_keeps_the_given_dates(ps, raw):
    added = await call(ps, "category.add", name="Dated", created_time="2021-05-06 07:08:09")
    cid = int(added["category_id"])
    (start,), = rows(raw, "SELECT date_add FROM {p}category WHERE id_category = %s", cid)
    assert str(start).startswith("2021-05-06")
    await call(ps, "category.delete", id=str(cid))


async def test_order_add_names_payment_module_carrier_and_payment_as_the_cart_does(ps, raw):
    # Issue 12 item 7: the cart's own order validation writes the payment module's technical
    # name, the carrier, and (for a paid status) an order_payment row with the transaction.
    bill = {"bill_first_name": "Ada", "bill_last_name": "King", "bill_address_1": "2 Lovelace Way",
            "bill_city": "New York", "bill_postcode": "10001", "bill_country": "US"}
    added = await call(ps, "order.add", customer_email="ada@example.test", order_status="2",
                       order_payment_method="ps_wirepayment", transaction_id="TX-77",
                       order_shipping_method="My carrier",
                       order_item=[{"order_item_id": "4", "order_item_price": 10.0}], **bill)
    oid = int(added["order_id"])
    (module, payment, carrier, reference, paid_real), = rows(
        raw, "SELECT module, payment, id_carrier, reference, total_paid_real FROM {p}orders"
             " WHERE id_order = %s", oid)
    assert (module, payment, carrier, float(paid_real)) == ("ps_wirepayment", "ps_wirepayment", 2, 10.0)
    assert rows(raw, "SELECT amount, payment_method, transaction_id FROM {p}order_payment"
                     " WHERE order_reference = %s", reference)[0][1:] == ("ps_wirepayment", "TX-77")
    assert rows(raw, "SELECT id_shop_group, conversion_rate FROM {p}orders WHERE id_order = %s",
                oid)[0][0] == 1
    (sold,), = rows(raw, "SELECT quantity FROM {p}product_sale WHERE id_product = 4")
    assert sold >= 1  # a paid (logable) status counts the sale, as validateOrder does
    other = await call(ps, "order.add", customer_email="ada@example.test", order_status="1",
                       order_payment_method="Credit Card (Stripe)",
                       order_item=[{"order_item_id": "4"}], **bill)
    (module, paid_real), = rows(raw, "SELECT module, total_paid_real FROM {p}orders WHERE id_order = %s",
                                int(other["order_id"]))
    assert module == "credit_card_stripe" and float(paid_real) == 0
    with pytest.raises(ApiError) as err:
        await call(ps, "order.add", customer_email="ada@example.test", order_status="2",
                   order_shipping_method="Teleport", order_item=[{"order_item_id": "4"}], **bill)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "order_shipping_method" in err.value.message
    # a currency the shop does not have is refused too (it used to fall back to the default)
    with pytest.raises(ApiError) as err:
        await call(ps, "order.add", customer_email="ada@example.test", order_status="2", currency="XYZ",
                   order_item=[{"order_item_id": "4"}], **bill)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'currency'" in err.value.message
    usd = await call(ps, "order.add", customer_email="ada@example.test", order_status="2", currency="usd",
                     order_item=[{"order_item_id": "4"}], **bill)
    assert rows(raw, "SELECT id_currency FROM {p}orders WHERE id_order = %s", int(usd["order_id"])) == [(1,)]


@pytest.mark.parametrize("method,params,name", [
    ("product.list", {"vendor_id": "3"}, "vendor_id"),
    ("product.count", {"product_attributes": ["color:red"]}, "product_attributes"),
    ("order.list", {"financial_status": "paid"}, "financial_status"),
    ("order.count", {"tags": "vip"}, "tags"),
    ("customer.list", {"customer_list_id": "7"}, "customer_list_id"),
    ("category.list", {"product_type": "simple"}, "product_type"),
    ("product.info", {"id": "1", "currency_id": "EUR"}, "currency_id"),
    ("return.list", {"return_type": "refund"}, "return_type"),
    ("product.find", {"find_value": "Mug", "find_what": "variant"}, "find_what"),
    ("order.add", {"customer_email": "a@example.test", "order_status": "2", "bill_address_1": "x",
                   "bill_city": "y", "bill_country": "US",
                   "order_item": [{"order_item_id": "4", "order_item_option": [{"order_item_option_name": "Size"}]}]},
     "order_item[0][order_item_option]"),
    ("customer.add", {"email": "fax2@example.test", "address": [{"address_book_address1": "x",
                      "address_book_city": "y", "address_book_country": "US", "address_book_fax": "1"}]},
     "address[0][address_book_fax]"),
    ("product.child_item.list", {"product_id": "5", "return_global": True}, "return_global"),
    ("product.image.add", {"product_id": "1", "type": "base", "url": "https://x.test/a.png",
                           "product_variant_id": "3"}, "product_variant_id"),
    ("order.shipment.add", {"order_id": "1", "tracking_link": "https://t.test/1"}, "tracking_link"),
    ("order.shipment.tracking.add", {"order_id": "1", "shipment_id": "1", "tracking_number": "Z",
                                     "carrier_id": "2"}, "carrier_id"),
    ("customer.address.add", {"customer_id": "1", "address1": "x", "city": "y", "country": "US",
                              "fax": "1"}, "fax"),
])
async def test_filters_it_cannot_apply_are_refused_not_ignored(ps, method, params, name):
    # An ignored filter answers the unfiltered list, which a client takes as filtered.
    with pytest.raises(ApiError) as err:
        await call(ps, method, **params)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message


async def test_store_zero_is_the_store_cart_info_lists(ps):
    # cart.info lists one store, id "0" (BridgeConnector.cart_info): given back, it is the
    # default shop, not a shop 0 PrestaShop does not have (ids start at 1).
    every = await call(ps, "product.list")
    assert every.total > 0
    assert (await call(ps, "product.list", store_id="0")).total == every.total
    assert (await call(ps, "order.count", store_id="0")) == await call(ps, "order.count")
