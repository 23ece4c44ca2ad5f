"""Customers and the order life cycle as Magento answers them: customer search, reads and
writes (e-mail unique, addresses with defaults), orders with items, addresses, payment and
status history; comments; invoice, ship (with tracks), refund moving the state and
``updated_at``; the documents' lists and reads; Magento's refusals. Every answer checked
against Magento's schema."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from .magento_schema import require_schema
from .sim_client import NOON, dated_client

require_schema()
HOST, TOKEN = "sales.m2.example", "tok"
ALL = {"searchCriteria": ""}
CLOCK = [NOON]
NO_ENTITY = {"message": "The entity that was requested doesn't exist. Verify the entity and "
                        "try again."}


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with dated_client(HOST, TOKEN, CLOCK) as client:
        yield client


def eq(field: str, value: str) -> dict[str, str]:
    base = "searchCriteria[filter_groups][0][filters][0]"
    return {f"{base}[field]": field, f"{base}[value]": value}


async def test_customers_read_and_search(http: httpx.AsyncClient) -> None:
    c = (await http.get("/rest/V1/customers/1")).json()
    assert c["email"] == "james.smith1@example.com" and c["default_billing"] == "1"
    assert c["addresses"][0]["default_billing"] is True
    assert c["addresses"][0]["region"]["region_code"] == "TX"
    found = (await http.get("/rest/V1/customers/search", params=eq("email", c["email"]))).json()
    assert [x["id"] for x in found["items"]] == [1]
    r = await http.get("/rest/V1/customers/999")
    assert (r.status_code, r.json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "customerId", "fieldValue": 999}})


async def test_customer_writes(http: httpx.AsyncClient) -> None:
    CLOCK[0] += timedelta(hours=1)
    body = {"customer": {"email": "New@Example.com", "firstname": "Ann", "lastname": "Lee",
                         "website_id": 1, "addresses": [{
                             "firstname": "Ann", "lastname": "Lee", "street": ["1 Main St"],
                             "city": "Austin", "postcode": "78701", "country_id": "US",
                             "telephone": "555", "default_shipping": True,
                             "region": {"region_code": "TX", "region": "Texas",
                                        "region_id": 57}}]}}
    made = (await http.post("/rest/V1/customers", json=body)).json()
    assert made["email"] == "new@example.com" and made["created_at"] == "2026-12-01 13:00:00"
    assert made["default_shipping"] == str(made["addresses"][0]["id"])
    assert made["default_billing"] == ""
    r = await http.post("/rest/V1/customers", json=body)
    assert (r.status_code, r.json()) == (400, {"message": "A customer with the same email "
                                                          "address already exists in an "
                                                          "associated website."})
    CLOCK[0] += timedelta(minutes=1)
    r = await http.put(f"/rest/V1/customers/{made['id']}",
                       json={"customer": {"lastname": "Li"}})
    assert r.json()["lastname"] == "Li" and r.json()["updated_at"] == "2026-12-01 13:01:00"
    r = await http.post("/rest/V1/customers", json={"customer": {"email": "x@example.com"}})
    assert r.status_code == 400 and r.json()["message"] == "One or more input exceptions " \
                                                           "have occurred."
    assert (await http.delete(f"/rest/V1/customers/{made['id']}")).json() is True
    assert (await http.get(f"/rest/V1/customers/{made['id']}")).status_code == 404


async def order_where(http: httpx.AsyncClient, status: str) -> dict[str, Any]:
    found = (await http.get("/rest/V1/orders", params=eq("status", status))).json()
    first: dict[str, Any] = found["items"][0]
    return first


async def test_orders_in_every_state_with_their_parts(http: httpx.AsyncClient) -> None:
    states = {o["status"] for o in (await http.get("/rest/V1/orders", params=ALL)).json()["items"]}
    assert states == {"pending", "processing", "complete", "closed"}
    order = await order_where(http, "complete")
    assert order["billing_address"]["address_type"] == "billing"
    shipping = order["extension_attributes"]["shipping_assignments"][0]["shipping"]
    assert shipping["address"]["address_type"] == "shipping"
    assert order["payment"]["method"] == "checkmo"
    assert order["total_paid"] == order["grand_total"] > 0
    sold = [i for i in order["items"] if i["parent_item_id"] is None]
    assert all(i["qty_shipped"] == i["qty_invoiced"] == i["qty_ordered"] for i in sold)
    items = (await http.get("/rest/V1/orders/items",
                            params=eq("order_id", str(order["entity_id"])))).json()
    assert [i["item_id"] for i in items["items"]] == [i["item_id"] for i in order["items"]]
    configured = (await http.get("/rest/V1/orders/items",
                                 params=eq("product_type", "configurable"))).json()["items"]
    child_of = {i["parent_item_id"] for i in
                (await http.get("/rest/V1/orders/items", params=ALL)).json()["items"]}
    assert configured and all(i["item_id"] in child_of for i in configured)
    assert (await http.get("/rest/V1/orders/9999")).json() == NO_ENTITY


async def test_comments(http: httpx.AsyncClient) -> None:
    order = await order_where(http, "pending")
    CLOCK[0] += timedelta(hours=2)
    r = await http.post(f"/rest/V1/orders/{order['entity_id']}/comments", json={
        "statusHistory": {"comment": "Called the buyer", "is_customer_notified": 0,
                          "is_visible_on_front": 0, "parent_id": order["entity_id"]}})
    assert r.json() is True
    comments = (await http.get(f"/rest/V1/orders/{order['entity_id']}/comments")).json()
    assert comments["items"][0]["comment"] == "Called the buyer"
    assert comments["total_count"] == len(comments["items"]) == 2
    again = (await http.get(f"/rest/V1/orders/{order['entity_id']}")).json()
    assert again["updated_at"] == "2026-12-01 14:00:00"
    assert again["status_histories"][0]["comment"] == "Called the buyer"


async def test_invoice_ship_refund_life_cycle(http: httpx.AsyncClient) -> None:
    order = await order_where(http, "pending")
    oid = order["entity_id"]
    CLOCK[0] += timedelta(hours=1)
    invoice_id = (await http.post(f"/rest/V1/order/{oid}/invoice", json={"capture": True})).json()
    invoice = (await http.get(f"/rest/V1/invoices/{invoice_id}")).json()
    assert invoice["order_id"] == oid and invoice["grand_total"] == order["grand_total"]
    assert (await http.get(f"/rest/V1/orders/{oid}")).json()["status"] == "processing"
    CLOCK[0] += timedelta(hours=1)
    r = await http.post(f"/rest/V1/order/{oid}/ship", json={"tracks": [
        {"track_number": "TRACK1", "title": "DHL", "carrier_code": "dhl"}], "notify": False})
    shipment = (await http.get(f"/rest/V1/shipment/{r.json()}")).json()
    assert shipment["tracks"][0]["track_number"] == "TRACK1"
    after = (await http.get(f"/rest/V1/orders/{oid}")).json()
    assert after["status"] == after["state"] == "complete"
    assert after["updated_at"] == "2026-12-01 14:00:00"
    r = await http.post(f"/rest/V1/order/{oid}/ship", json={})
    assert (r.status_code, r.json()["message"]) == (400, "Shipment Document Validation "
                                                         "Error(s):\nThe order does not allow "
                                                         "a shipment to be created.\nYou can't "
                                                         "create a shipment without products.")
    r = await http.post("/rest/V1/shipment/track", json={"entity": {
        "order_id": oid, "parent_id": shipment["entity_id"], "weight": 1, "qty": 1,
        "description": "", "track_number": "TRACK2", "title": "UPS", "carrier_code": "ups"}})
    assert r.json()["track_number"] == "TRACK2" and r.json()["parent_id"] == shipment["entity_id"]
    tracks = (await http.get(f"/rest/V1/shipment/{shipment['entity_id']}")).json()["tracks"]
    assert [t["track_number"] for t in tracks] == ["TRACK1", "TRACK2"]
    memo_id = (await http.post(f"/rest/V1/order/{oid}/refund", json={})).json()
    memo = (await http.get(f"/rest/V1/creditmemo/{memo_id}")).json()
    assert memo["order_id"] == oid and memo["grand_total"] == order["grand_total"]
    closed = (await http.get(f"/rest/V1/orders/{oid}")).json()
    assert closed["status"] == "closed" and closed["total_refunded"] == order["grand_total"]
    r = await http.post(f"/rest/V1/order/{oid}/refund", json={})
    assert r.status_code == 400 and r.json()["message"].startswith("Creditmemo Document")
    polled = (await http.get("/rest/V1/orders", params={
        "searchCriteria[filter_groups][0][filters][0][field]": "updated_at",
        "searchCriteria[filter_groups][0][filters][0][value]": "2026-12-01 12:30:00",
        "searchCriteria[filter_groups][0][filters][0][condition_type]": "gteq"})).json()
    assert [o["entity_id"] for o in polled["items"]] == [oid]


async def test_document_lists_and_refusals(http: httpx.AsyncClient) -> None:
    for path in ("/rest/V1/invoices", "/rest/V1/shipments", "/rest/V1/creditmemos"):
        body = (await http.get(path, params={"searchCriteria[pageSize]": 2})).json()
        assert body["total_count"] > 0 and len(body["items"]) <= 2
    for path in ("/rest/V1/invoices/999", "/rest/V1/shipment/999", "/rest/V1/creditmemo/999"):
        r = await http.get(path)
        assert (r.status_code, r.json()) == (404, NO_ENTITY)
    r = await http.post("/rest/V1/shipment/track", json={"entity": {"parent_id": 999}})
    assert r.status_code == 404
    r = await http.post("/rest/V1/order/9999/ship", json={})
    assert (r.status_code, r.json()) == (404, NO_ENTITY)


async def test_partial_documents_take_the_items_asked(http: httpx.AsyncClient) -> None:
    orders = (await http.get("/rest/V1/orders", params=eq("status", "pending"))).json()["items"]
    order = next(o for o in orders if any(i["qty_ordered"] > 1 for i in o["items"]
                                          if i["parent_item_id"] is None))
    oid = order["entity_id"]
    line = next(i for i in order["items"] if i["parent_item_id"] is None and i["qty_ordered"] > 1)
    one = [{"order_item_id": line["item_id"], "qty": 1}]
    for path, too_much in (("invoice", "Invoice"), ("ship", "Shipment")):
        r = await http.post(f"/rest/V1/order/{oid}/{path}", json={"items": [
            {"order_item_id": line["item_id"], "qty": line["qty_ordered"] + 1}]})
        assert r.status_code == 400 and r.json()["message"].startswith(too_much)
        r = await http.post(f"/rest/V1/order/{oid}/{path}", json={"items": one})
        assert r.status_code == 200, r.text
    after = (await http.get(f"/rest/V1/orders/{oid}")).json()
    item = next(i for i in after["items"] if i["item_id"] == line["item_id"])
    assert (item["qty_invoiced"], item["qty_shipped"]) == (1, 1)
    assert after["status"] == "processing"
    children = [i for i in after["items"] if i["parent_item_id"] == line["item_id"]]
    assert all(c["qty_shipped"] == 1 for c in children)
    memo_id = (await http.post(f"/rest/V1/order/{oid}/refund", json={
        "items": one, "arguments": {"shipping_amount": 0, "adjustment_negative": 1.5}})).json()
    memo = (await http.get(f"/rest/V1/creditmemo/{memo_id}")).json()
    assert memo["grand_total"] == round(line["price"] - 1.5, 2)
    assert memo["adjustment_negative"] == 1.5 and memo["shipping_amount"] == 0
    r = await http.post(f"/rest/V1/order/{oid}/refund", json={"items": one})
    assert r.status_code == 400  # only one unit was invoiced
    assert (await http.get(f"/rest/V1/orders/{oid}")).json()["status"] == "processing"


async def test_cancel_hold_unhold_answer_booleans(http: httpx.AsyncClient) -> None:
    pending = await order_where(http, "pending")
    complete = await order_where(http, "complete")
    CLOCK[0] += timedelta(hours=1)
    oid = pending["entity_id"]
    assert (await http.post(f"/rest/V1/orders/{oid}/hold")).json() is True
    assert (await http.get(f"/rest/V1/orders/{oid}")).json()["status"] == "holded"
    assert (await http.post(f"/rest/V1/orders/{oid}/unhold")).json() is True
    back = (await http.get(f"/rest/V1/orders/{oid}")).json()
    assert back["state"] == "new" and back["status"] == "pending"
    assert (await http.post(f"/rest/V1/orders/{oid}/cancel")).json() is True
    canceled = (await http.get(f"/rest/V1/orders/{oid}")).json()
    assert canceled["status"] == "canceled" and canceled["updated_at"] == "2026-12-01 13:00:00"
    assert all(i["qty_canceled"] == i["qty_ordered"] for i in canceled["items"])
    assert (await http.post(f"/rest/V1/order/{oid}/invoice", json={})).status_code == 400
    assert (await http.post(f"/rest/V1/orders/{complete['entity_id']}/cancel")).json() is False
    assert (await http.post(f"/rest/V1/orders/{oid}/unhold")).json() is False


async def test_a_quantity_that_is_no_number_is_magentos_type_error(http: httpx.AsyncClient) -> None:
    """Magento's input processor converts ``qty`` to the contract's float before the order is
    touched: a text that is no number is its 400, and nothing is invoiced or shipped."""
    orders = (await http.get("/rest/V1/orders", params=eq("status", "pending"))).json()["items"]
    order = orders[0]
    line = next(i for i in order["items"] if i["parent_item_id"] is None)
    for path in ("invoice", "ship"):
        r = await http.post(f"/rest/V1/order/{order['entity_id']}/{path}", json={"items": [
            {"order_item_id": line["item_id"], "qty": "abc"}]})
        assert r.status_code == 400, r.text
        assert r.json() == {"message": 'Error occurred during "qty" processing. The "abc" '
                            'value\'s type is invalid. The "float" type was expected. Verify '
                            "and try again."}
    after = (await http.get(f"/rest/V1/orders/{order['entity_id']}")).json()
    item = next(i for i in after["items"] if i["item_id"] == line["item_id"])
    assert (item["qty_invoiced"], item["qty_shipped"]) == (0, 0)
