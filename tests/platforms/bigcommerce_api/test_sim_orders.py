"""The v2 Orders API: bare JSON arrays, 204 for an empty page, ``page``/``limit``, filters and
``sort``, RFC 2822 dates, an order's products, shipping addresses and shipments (a shipment
moving the order to Shipped), order statuses, v2 error arrays; every answer checked against
``orders.v2.oas2.json``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import pytest

from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator

from .bc_schema import CHECKED, checked_client

HASH, TOKEN = "orders1", "tok"
V2 = f"/stores/{HASH}/v2"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
BILLING = {"first_name": "Jane", "last_name": "Doe", "street_1": "1 Main St", "city": "Austin",
           "state": "Texas", "zip": "78701", "country": "United States", "country_iso2": "US",
           "email": "jane@example.com"}


@pytest.fixture
def sim() -> BigCommerceSimulator:
    sim = BigCommerceSimulator(now=lambda: NOW)
    sim.shops.add_shop(HASH, TOKEN, size=40)
    return sim


@pytest.fixture
async def http(sim: BigCommerceSimulator) -> AsyncIterator[httpx.AsyncClient]:
    async with checked_client(sim.app, TOKEN) as client:
        yield client


async def test_orders_page_and_the_empty_page_is_204(http: httpx.AsyncClient) -> None:
    first = await http.get(f"{V2}/orders", params={"limit": 7})
    assert first.status_code == 200 and [o["id"] for o in first.json()] == list(range(1, 8))
    rest = await http.get(f"{V2}/orders", params={"limit": 7, "page": 3})
    assert [o["id"] for o in rest.json()] == list(range(15, 21))
    empty = await http.get(f"{V2}/orders", params={"limit": 7, "page": 4})
    assert empty.status_code == 204 and empty.content == b""
    assert len((await http.get(f"{V2}/orders", params={"limit": 500})).json()) == 20


async def test_order_dates_are_rfc_2822_and_filter(http: httpx.AsyncClient) -> None:
    orders = (await http.get(f"{V2}/orders")).json()
    stamps = [parsedate_to_datetime(o["date_modified"]) for o in orders]
    assert orders[0]["date_created"].endswith("+0000")
    pivot = orders[9]["date_modified"]
    newer = (await http.get(f"{V2}/orders", params={"min_date_modified": pivot})).json()
    assert {o["id"] for o in newer} == {o["id"] for o, s in zip(orders, stamps, strict=True)
                                        if s >= stamps[9]}
    iso = stamps[9].isoformat()
    older = (await http.get(f"{V2}/orders", params={"max_date_created": iso})).json()
    assert 10 in {o["id"] for o in older} and 11 not in {o["id"] for o in older}


async def test_filters_and_sort(http: httpx.AsyncClient) -> None:
    orders = (await http.get(f"{V2}/orders")).json()
    buyer = orders[3]["customer_id"]

    async def ids(**params: str) -> list[int]:
        r = await http.get(f"{V2}/orders", params=params)
        return [o["id"] for o in r.json()] if r.status_code == 200 else []
    assert await ids(min_id="18") == [18, 19, 20]
    assert await ids(max_id="2") == [1, 2]
    assert await ids(customer_id=str(buyer)) == [o["id"] for o in orders
                                                 if o["customer_id"] == buyer]
    assert await ids(email=orders[3]["billing_address"]["email"]) == [
        o["id"] for o in orders if o["billing_address"]["email"] ==
        orders[3]["billing_address"]["email"]]
    shipped = await ids(status_id="2")
    assert shipped and all((i - 1) % 3 == 0 for i in shipped)
    total = float(orders[0]["total_inc_tax"])
    assert await ids(min_total=str(total)) == [o["id"] for o in orders
                                               if float(o["total_inc_tax"]) >= total]
    assert await ids(sort="id:desc", limit="3") == [20, 19, 18]
    r = await http.get(f"{V2}/orders", params={"min_id": "x"})
    assert r.status_code == 400 and r.json() == [
        {"status": 400, "message": "The field 'min_id' is invalid."}]


async def test_count_and_statuses(http: httpx.AsyncClient) -> None:
    count = (await http.get(f"{V2}/orders/count")).json()
    assert count["count"] == 20 and sum(s["count"] for s in count["statuses"]) == 20
    statuses = (await http.get(f"{V2}/order_statuses")).json()
    assert [s["id"] for s in statuses] == list(range(15))
    assert (await http.get(f"{V2}/order_statuses/11")).json()["name"] == "Awaiting Fulfillment"
    assert (await http.get(f"{V2}/order_statuses/99")).status_code == 404


async def test_an_order_and_its_parts(http: httpx.AsyncClient) -> None:
    order = (await http.get(f"{V2}/orders/1")).json()
    assert order["products"]["resource"] == "/orders/1/products"
    lines = (await http.get(f"{V2}/orders/1/products")).json()
    assert lines and all(line["order_id"] == 1 for line in lines)
    assert (await http.get(f"{V2}/orders/1/products/{lines[0]['id']}")).json() == lines[0]
    addresses = (await http.get(f"{V2}/orders/1/shipping_addresses")).json()
    assert addresses[0]["order_id"] == 1 and addresses[0]["email"] == order[
        "billing_address"]["email"]
    shipments = (await http.get(f"{V2}/orders/1/shipments")).json()
    assert shipments[0]["tracking_number"] == "1Z00000001"
    assert (await http.get(f"{V2}/orders/1/shipments/count")).json() == {"count": 1}
    assert (await http.get(f"{V2}/orders/2/shipments")).status_code == 204
    missing = await http.get(f"{V2}/orders/999/products")
    assert missing.status_code == 404 and missing.json() == [
        {"status": 404, "message": "The requested resource was not found."}]


async def create(http: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await http.post(f"{V2}/orders", json={
        "billing_address": BILLING, "products": [{"product_id": 2, "quantity": 2},
                                                 {"name": "Gift wrap", "quantity": 1,
                                                  "price_inc_tax": 4.5}], **body})


async def test_creating_updating_and_archiving_an_order(http: httpx.AsyncClient) -> None:
    product = (await http.get(f"/stores/{HASH}/v3/catalog/products/2")).json()["data"]
    r = await create(http)
    assert r.status_code == 200
    order = r.json()
    assert order["status_id"] == 1 and order["status"] == "Pending"
    assert order["items_total"] == 3
    assert float(order["subtotal_inc_tax"]) == pytest.approx(product["price"] * 2 + 4.5)
    assert order["date_created"] == "Sun, 01 Mar 2026 12:00:00 +0000"
    lines = (await http.get(f"{V2}/orders/{order['id']}/products")).json()
    assert [line["name"] for line in lines] == [product["name"], "Gift wrap"]
    updated = (await http.put(f"{V2}/orders/{order['id']}", json={
        "status_id": 11, "staff_notes": "rush"})).json()
    assert updated["status"] == "Awaiting Fulfillment" and updated["staff_notes"] == "rush"
    assert (await http.delete(f"{V2}/orders/{order['id']}")).status_code == 204
    assert order["id"] not in [o["id"] for o in (await http.get(
        f"{V2}/orders", params={"limit": 250})).json()]
    archived = (await http.get(f"{V2}/orders", params={"is_deleted": "true"})).json()
    assert [o["id"] for o in archived] == [order["id"]]


@pytest.mark.parametrize(("body", "message"), [
    ({"billing_address": BILLING}, "The required field 'products' was not supplied."),
    ({"products": [{"product_id": 2, "quantity": 1}]},
     "The required field 'billing_address' was not supplied."),
    ({"billing_address": BILLING, "products": [{"product_id": 9999, "quantity": 1}]},
     "The field 'products[0].product_id' is invalid."),
    ({"billing_address": BILLING, "products": [{"product_id": 2, "quantity": 1}],
      "items_total": 4},
     "The field 'items_total' cannot be written to. Please remove it from your request "
     "before trying again."),
])
async def test_an_invalid_order_is_400_with_bigcommerce_text(http: httpx.AsyncClient,
                                                             body: dict[str, Any],
                                                             message: str) -> None:
    r = await http.post(f"{V2}/orders", json=body)
    assert r.status_code == 400 and r.json() == [{"status": 400, "message": message}]


async def test_shipping_an_order(http: httpx.AsyncClient) -> None:
    order = (await create(http)).json()
    lines = (await http.get(f"{V2}/orders/{order['id']}/products")).json()
    address = (await http.get(f"{V2}/orders/{order['id']}/shipping_addresses")).json()[0]
    r = await http.post(f"{V2}/orders/{order['id']}/shipments", json={
        "order_address_id": address["id"], "tracking_number": "TRACK1",
        "shipping_provider": "usps", "items": [{"order_product_id": lines[0]["id"],
                                                 "quantity": 2}]})
    assert r.status_code == 201, r.text
    shipment = r.json()
    assert shipment["items"] == [{"order_product_id": lines[0]["id"],
                                  "product_id": 2, "quantity": 2}]
    assert shipment["shipping_address"]["city"] == "Austin"
    partly = (await http.get(f"{V2}/orders/{order['id']}")).json()
    assert partly["status_id"] == 3 and partly["items_shipped"] == 2
    too_many = await http.post(f"{V2}/orders/{order['id']}/shipments", json={
        "order_address_id": address["id"], "items": [{"order_product_id": lines[0]["id"],
                                                       "quantity": 1}]})
    assert too_many.status_code == 400
    await http.post(f"{V2}/orders/{order['id']}/shipments", json={
        "order_address_id": address["id"], "items": [{"order_product_id": lines[1]["id"],
                                                       "quantity": 1}]})
    assert (await http.get(f"{V2}/orders/{order['id']}")).json()["status"] == "Shipped"
    put = await http.put(f"{V2}/orders/{order['id']}/shipments/{shipment['id']}",
                         json={"tracking_number": "TRACK2"})
    assert put.json()["tracking_number"] == "TRACK2"
    gone = await http.delete(f"{V2}/orders/{order['id']}/shipments/{shipment['id']}")
    assert gone.status_code == 204
    assert (await http.get(f"{V2}/orders/{order['id']}/shipments/count")).json() == {
        "count": 1}


async def test_every_v2_answer_is_checked(http: httpx.AsyncClient) -> None:
    before = CHECKED.copy()
    for path in ("/orders", "/orders/1", "/orders/1/products", "/orders/1/shipments",
                 "/order_statuses"):
        await http.get(V2 + path)
    for template in ("/orders", "/orders/{order_id}", "/orders/{order_id}/products",
                     "/orders/{order_id}/shipments", "/order_statuses"):
        assert CHECKED[("GET", 200, template)] == before[("GET", 200, template)] + 1, template
