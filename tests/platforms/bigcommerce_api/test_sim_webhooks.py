"""Native webhooks as BigCommerce documents them: ``/v3/hooks`` (scope, https destination,
is_active, custom headers), the thin payload ``{scope, store_id, data: {type, id}, hash,
created_at, producer}`` pushed on every matching change with the hook's custom headers,
retries on later rounds and the hook deactivated once they are spent."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from anycart.platforms.bigcommerce_api.sim_store import RETRY_S
from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator

from .bc_schema import CHECKED, check_push, checked_client

HASH, TOKEN = "hooks1", "tok"
V3, V2 = f"/stores/{HASH}/v3", f"/stores/{HASH}/v2"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
DEST = "https://app.example/bc/hooks"


class Receiver:
    """The app's end: records every push, answers ``status``."""

    def __init__(self) -> None:
        self.got: list[tuple[dict[str, str], Any]] = []
        self.status = 200

    async def endpoint(self, request: Request) -> Response:
        payload = json.loads(await request.body())
        check_push(payload)  # every push fits its scope's payload schema
        self.got.append((dict(request.headers), payload))
        return Response(status_code=self.status)


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
def sim(receiver: Receiver) -> BigCommerceSimulator:
    app = Starlette(routes=[Route("/bc/hooks", receiver.endpoint, methods=["POST"])])
    sim = BigCommerceSimulator(now=lambda: NOW, callback_client=httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app)))
    sim.shops.add_shop(HASH, TOKEN, size=6)
    return sim


@pytest.fixture
async def http(sim: BigCommerceSimulator) -> AsyncIterator[httpx.AsyncClient]:
    async with checked_client(sim.app, TOKEN) as client:
        yield client


async def hook(http: httpx.AsyncClient, scope: str, **more: Any) -> dict[str, Any]:
    r = await http.post(f"{V3}/hooks", json={"scope": scope, "destination": DEST,
                                            "is_active": True, **more})
    assert r.status_code == 200, r.text
    created: dict[str, Any] = r.json()["data"]
    return created


async def test_creating_a_hook_answers_it(http: httpx.AsyncClient) -> None:
    created = await hook(http, "store/product/updated", headers={"X-Secret": "s3"})
    assert created["scope"] == "store/product/updated" and created["destination"] == DEST
    assert created["is_active"] is True and created["headers"] == {"X-Secret": "s3"}
    assert created["store_hash"] == HASH and created["created_at"] == int(NOW.timestamp())
    listed = (await http.get(f"{V3}/hooks")).json()["data"]
    assert [h["id"] for h in listed] == [created["id"]]
    one = (await http.get(f"{V3}/hooks/{created['id']}")).json()["data"]
    assert one == created
    r = await http.put(f"{V3}/hooks/{created['id']}", json={"is_active": False})
    assert r.json()["data"]["is_active"] is False
    assert (await http.get(f"{V3}/hooks", params={"is_active": "true"})).json()["data"] == []
    r = await http.delete(f"{V3}/hooks/{created['id']}")
    assert r.status_code == 200 and r.json()["data"]["id"] == created["id"]
    assert (await http.get(f"{V3}/hooks/{created['id']}")).status_code == 404


@pytest.mark.parametrize(("body", "field"), [
    ({"scope": "store/product/updated", "destination": "http://app.example/h"}, "destination"),
    ({"scope": "store/product/updated"}, "destination"),
    ({"scope": "store/nothing/happened", "destination": DEST}, "scope"),
    ({"destination": DEST}, "scope"),
    ({"scope": "store/order/created", "destination": DEST, "headers": {"X": 1}}, "headers"),
    ({"scope": "store/order/created", "destination": DEST, "is_active": "yes"}, "is_active"),
])
async def test_an_invalid_hook_is_422_naming_the_field(http: httpx.AsyncClient,
                                                       body: dict[str, Any],
                                                       field: str) -> None:
    r = await http.post(f"{V3}/hooks", json=body)
    assert r.status_code == 422 and field in r.json()["errors"], r.text


async def test_a_change_pushes_the_thin_payload_with_the_custom_headers(
        http: httpx.AsyncClient, sim: BigCommerceSimulator, receiver: Receiver) -> None:
    await hook(http, "store/product/updated", headers={"X-Secret": "s3cr3t"})
    await hook(http, "store/order/*")
    await http.put(f"{V3}/catalog/products/2", json={"price": 12.5})
    before = (await http.get(f"{V2}/orders/1")).json()["status_id"]
    await http.put(f"{V2}/orders/1", json={"status_id": 10})
    outcomes = await sim.flush_webhooks()
    assert [status for _, _, status in outcomes] == [200, 200, 200]
    (headers, product), (plain, updated), (_, status) = receiver.got
    assert headers["x-secret"] == "s3cr3t" and "x-secret" not in plain
    assert product["scope"] == "store/product/updated"
    assert product["data"] == {"type": "product", "id": 2}
    assert product["producer"] == f"stores/{HASH}" and product["created_at"] == int(
        NOW.timestamp())
    assert set(product) == {"scope", "store_id", "data", "hash", "created_at", "producer"}
    assert len(product["hash"]) == 40
    assert (updated["scope"], status["scope"]) == ("store/order/updated",
                                                   "store/order/statusUpdated")
    assert status["data"] == {"type": "order", "id": 1, "status": {
        "previous_status_id": before, "new_status_id": 10}}


async def test_scopes_select_what_is_pushed(http: httpx.AsyncClient, sim: BigCommerceSimulator,
                                            receiver: Receiver) -> None:
    await hook(http, "store/product/created")
    await hook(http, "store/category/*")
    await hook(http, "store/customer/created")
    made = await http.post(f"{V3}/catalog/products", json={
        "name": "Hooked", "type": "physical", "weight": 1, "price": 3})
    await http.put(f"{V3}/catalog/products/1", json={"price": 4})  # nobody on updated
    cat = await http.post(f"{V3}/catalog/categories", json={"name": "New", "parent_id": 0})
    await http.delete(f"{V3}/catalog/categories/{cat.json()['data']['id']}")
    await http.post(f"{V3}/customers", json=[{"email": "new@example.com", "first_name": "N",
                                              "last_name": "W"}])
    await sim.flush_webhooks()
    assert [(p["scope"], p["data"]["id"]) for _, p in receiver.got] == [
        ("store/product/created", made.json()["data"]["id"]),
        ("store/category/created", cat.json()["data"]["id"]),
        ("store/category/deleted", cat.json()["data"]["id"]),
        ("store/customer/created", receiver.got[-1][1]["data"]["id"])]


async def test_a_failed_push_is_retried_then_the_hook_is_deactivated(
        http: httpx.AsyncClient, sim: BigCommerceSimulator, receiver: Receiver) -> None:
    created = await hook(http, "store/product/deleted")
    receiver.status = 500
    assert (await http.delete(f"{V3}/catalog/products/6")).status_code == 204
    assert [s for _, _, s in await sim.flush_webhooks()] == [500]
    assert [s for _, _, s in await sim.flush_webhooks()] == [500]  # retried, same body
    assert receiver.got[0][1] == receiver.got[1][1]
    for _ in range(len(RETRY_S) - 1):
        await sim.flush_webhooks()
    assert len(receiver.got) == len(RETRY_S) + 1
    assert await sim.flush_webhooks() == []  # given up
    after = (await http.get(f"{V3}/hooks/{created['id']}")).json()["data"]
    assert after["is_active"] is False


async def test_a_push_answered_later_is_delivered_once(
        http: httpx.AsyncClient, sim: BigCommerceSimulator, receiver: Receiver) -> None:
    await hook(http, "store/product/created")
    receiver.status = 503
    await http.post(f"{V3}/catalog/products", json={
        "name": "Later", "type": "physical", "weight": 1, "price": 3})
    await sim.flush_webhooks()
    receiver.status = 200
    assert [s for _, _, s in await sim.flush_webhooks()] == [200]
    assert await sim.flush_webhooks() == []
    assert len(receiver.got) == 2


async def test_an_inactive_hook_gets_nothing(http: httpx.AsyncClient,
                                             sim: BigCommerceSimulator,
                                             receiver: Receiver) -> None:
    await hook(http, "store/product/updated", is_active=False)
    await http.put(f"{V3}/catalog/products/1", json={"price": 4})
    assert await sim.flush_webhooks() == [] and receiver.got == []


async def test_event_data_beyond_type_and_id(http: httpx.AsyncClient, sim: BigCommerceSimulator,
                                             receiver: Receiver) -> None:
    await hook(http, "store/shipment/*")
    await hook(http, "store/customer/address/created")
    lines = (await http.get(f"{V2}/orders/2/products")).json()
    r = await http.post(f"{V2}/orders/2/shipments", json={
        "order_address_id": lines[0]["order_address_id"],
        "items": [{"order_product_id": lines[0]["id"], "quantity": 1}]})
    made = await http.post(f"{V3}/customers/addresses", json=[{
        "customer_id": 1, "first_name": "A", "last_name": "B", "address1": "1 Rd",
        "city": "Oslo", "country_code": "NO", "state_or_province": "Oslo",
        "postal_code": "0150"}])
    await sim.flush_webhooks()
    shipped, address = (p for _, p in receiver.got)
    assert shipped["data"] == {"type": "shipment", "id": r.json()["id"], "orderId": 2}
    assert address["data"] == {"type": "customer", "id": made.json()["data"][0]["id"],
                               "address": {"customer_id": 1}}
    assert CHECKED[("PUSH", 0, "store/shipment/created")] >= 1
