"""Customers, orders (legacy posts and HPOS), shipment tracking and refunds."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.model import Customer, Order, Return, Shipment
from tests.bridge.woocommerce.test_catalog import INJECTION, call


async def test_customer_list_filters_and_shapes(woo):
    page = await call(woo, "customer.list", 0, 5)
    assert page.total == (await call(woo, "customer.count"))["customers_count"] == 30
    for c in page.items:
        Customer.model_validate(c)
        assert c["group"][0]["id"] == "customer" and c["address_book"][0]["type"] == "billing"
    stamps = sorted(c["modified_time"]["value"] for c in (await call(woo, "customer.list", 0, 50)).items)
    pivot = stamps[15]
    later = await call(woo, "customer.list", 0, 50, modified_from=pivot)
    assert later.total == sum(1 for s in stamps if s >= pivot)
    assert [g["id"] for g in (await call(woo, "customer.group.list", 0, 20)).items][:1] == ["administrator"]


async def test_customer_add_update_address_delete(woo):
    added = await call(woo, "customer.add", email="new.buyer@example.org", first_name=INJECTION,
                       last_name="Buyer", password="s3cret", phone="+1 555 0100")
    cid = added["customer_id"]
    info = await call(woo, "customer.info", id=cid)
    assert (info["email"], info["first_name"], info["phone"]) == ("new.buyer@example.org", INJECTION, "+1 555 0100")
    with pytest.raises(ApiError) as err:
        await call(woo, "customer.add", email="new.buyer@example.org")
    assert err.value.code == ReturnCode.ALREADY_EXISTS
    await call(woo, "customer.update", id=cid, last_name="Changed")
    found = await call(woo, "customer.find", find_value="new.buyer@example.org")
    assert found["customer"][0]["last_name"] == "Changed"
    assert (await call(woo, "customer.address.add", customer_id=cid, address1="1 Road", city="Paris",
                       country="FR", postcode="75001"))["id"] == "billing"
    assert (await call(woo, "customer.address.add", customer_id=cid, address1="2 Road", city="Lyon",
                       country="FR", postcode="69001"))["id"] == "shipping"
    book = (await call(woo, "customer.info", id=cid))["address_book"]
    assert [(a["type"], a["city"]) for a in book] == [("billing", "Paris"), ("shipping", "Lyon")]
    assert (await call(woo, "customer.delete", id=cid))["delete_items"] == 1
    with pytest.raises(ApiError) as err:
        await call(woo, "customer.info", id=cid)
    assert err.value.code == ReturnCode.NOT_FOUND


@pytest.fixture(params=["legacy", "hpos"])
def shop(request, woo, woo_hpos):
    return woo if request.param == "legacy" else woo_hpos


async def test_order_list_info_in_both_storages(shop):
    page = await call(shop, "order.list", 0, 5)
    assert page.total == (await call(shop, "order.count"))["orders_count"] == 80
    ids = [int(o["id"]) for o in page.items]
    assert ids == sorted(ids)
    for o in page.items:
        Order.model_validate(o)
        assert o["order_products"] and o["billing_address"]["city"]
        assert o["totals"]["total"] > 0 and o["status"]["id"].startswith("wc-")
    completed = await call(shop, "order.list", 0, 100, order_status="completed")
    assert completed.total and {o["status"]["id"] for o in completed.items} == {"wc-completed"}
    stamps = sorted(o["modified_at"]["value"] for o in (await call(shop, "order.list", 0, 100)).items)
    later = await call(shop, "order.list", 0, 100, modified_from=stamps[40])
    assert later.total == sum(1 for s in stamps if s >= stamps[40])
    customer = page.items[1]["customer"]["id"]
    mine = await call(shop, "order.list", 0, 100, customer_id=customer)
    assert mine.total and {o["customer"]["id"] for o in mine.items} == {customer}
    info = await call(shop, "order.info", order_id=page.items[0]["id"])
    assert info["id"] == page.items[0]["id"]
    with pytest.raises(ApiError) as err:
        await call(shop, "order.info", order_id="999999")
    assert err.value.code == ReturnCode.NOT_FOUND
    with pytest.raises(ApiError) as err:
        await call(shop, "order.list", order_status="lost")
    assert err.value.code == ReturnCode.INCORRECT_VALUE


async def test_order_update_status_and_comment(shop):
    oid = (await call(shop, "order.list", 0, 1, order_status="processing")).items[0]["id"]
    before = (await call(shop, "order.info", order_id=oid))["modified_at"]["value"]
    await call(shop, "order.update", order_id=oid, order_status="wc-completed", comment=INJECTION)
    info = await call(shop, "order.info", order_id=oid)
    assert (info["status"]["id"], info["comment"]) == ("wc-completed", INJECTION)
    assert info["modified_at"]["value"] > before
    with pytest.raises(ApiError) as err:
        await call(shop, "order.update", order_id=oid)
    assert err.value.code == ReturnCode.UPDATE_PARAMS_MISSING
    statuses = (await call(shop, "order.status.list"))["cart_order_statuses"]
    assert len(statuses) == 7


async def test_shipments_from_tracking_meta(shop):
    oid = (await call(shop, "order.list", 0, 1, order_status="pending")).items[0]["id"]
    assert (await call(shop, "order.shipment.list", order_id=oid)).total == 0
    before = (await call(shop, "order.info", order_id=oid))["modified_at"]["value"]
    sid = (await call(shop, "order.shipment.add", order_id=oid, tracking_provider="UPS",
                      tracking_numbers=[]))["shipment_id"]
    assert (await call(shop, "order.info", order_id=oid))["modified_at"]["value"] > before  # the order saved
    tid = (await call(shop, "order.shipment.tracking.add", order_id=oid, shipment_id=sid,
                      tracking_number="1ZTEST"))["shipment_tracking_id"]
    assert tid == sid
    other = (await call(shop, "order.shipment.tracking.add", order_id=oid, shipment_id=sid,
                        tracking_number="1ZMORE", carrier_id="Acme Post"))["shipment_tracking_id"]
    ships = await call(shop, "order.shipment.list", order_id=oid)
    assert ships.total == 2
    for s in ships.items:
        Shipment.model_validate(s)
    info = await call(shop, "order.shipment.info", order_id=oid, id=other)
    assert info["tracking_numbers"] == [{"carrier_id": "Acme Post", "tracking_number": "1ZMORE"}]
    with pytest.raises(ApiError) as err:
        await call(shop, "order.shipment.info", order_id=oid, id="nope")
    assert err.value.code == ReturnCode.NOT_FOUND
    # a first number on an untracked shipment fills it, with its provider: one the extension
    # lists by its slug, another as a custom provider
    for given, stored in (("FedEx", "fedex"), ("Acme Post", "Acme Post")):
        fresh = (await call(shop, "order.shipment.add", order_id=oid, tracking_numbers=[]))["shipment_id"]
        assert (await call(shop, "order.shipment.tracking.add", order_id=oid, shipment_id=fresh,
                           tracking_number="FX1", carrier_id=given))["shipment_tracking_id"] == fresh
        info = await call(shop, "order.shipment.info", order_id=oid, id=fresh)
        assert (info["shipment_provider"], info["tracking_numbers"]) == (
            stored, [{"carrier_id": stored, "tracking_number": "FX1"}])


async def test_returns_are_refunds(shop):
    page = await call(shop, "return.list", 0, 50)
    assert page.total == (await call(shop, "return.count"))["returns_count"] > 0
    for r in page.items:
        Return.model_validate(r)
        assert r["order_products"] and r["comment"]
    first = page.items[0]
    assert (await call(shop, "return.info", id=first["id"]))["order_id"] == first["order_id"]
    by_order = await call(shop, "return.list", order_id=first["order_id"])
    assert {r["order_id"] for r in by_order.items} == {first["order_id"]}
    # a customer's returns are those of the customer's orders (the refund's parent owns them)
    buyer = (await call(shop, "order.info", id=first["order_id"]))["customer"]["id"]
    theirs = await call(shop, "return.list", 0, 50, customer_id=buyer)
    owners = {(await call(shop, "order.info", id=r["order_id"]))["customer"]["id"] for r in theirs.items}
    assert first["id"] in {r["id"] for r in theirs.items} and owners == {buyer}
    assert theirs.total < page.total
    assert (await call(shop, "return.status.list"))["return_statuses"][0]["id"] == "completed"
