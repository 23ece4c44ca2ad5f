"""Webhooks as WooCommerce delivers them: registered through ``/webhooks`` with a secret, pushed
with ``X-WC-Webhook-Signature`` (base64 HMAC-SHA256 of the body) and the topic, resource,
event, id and delivery id headers; tried once each; disabled once a delivery fails with more
than 5 consecutive failures already counted (``woocommerce_max_webhook_delivery_failures``)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import AsyncIterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from anycart.platforms.woocommerce_api.sim_store import WooShop
from anycart.platforms.woocommerce_api.simulator import MAX_FAILURES, WooSimulator

HOST, KEY, SECRET, HOOK_SECRET = "hooks.example", "ck_h", "cs_h", "whsec-test"


class Receiver:
    """A delivery URL that records what it gets and answers the scripted statuses."""

    def __init__(self) -> None:
        self.statuses: list[int] = []
        self.got: list[tuple[dict[str, str], bytes]] = []
        self.pings: list[tuple[dict[str, str], bytes]] = []
        self.app = Starlette(routes=[Route("/{path:path}", self._hook, methods=["POST"])])

    async def _hook(self, request: Request) -> Response:
        got = (dict(request.headers), await request.body())
        if "x-wc-webhook-topic" not in got[0]:  # the creation ping: always welcome
            self.pings.append(got)
            return Response()
        self.got.append(got)
        return Response(status_code=self.statuses.pop(0) if self.statuses else 200)


@pytest.fixture
def receiver() -> Receiver:
    return Receiver()


@pytest.fixture
async def sim(receiver: Receiver) -> AsyncIterator[WooSimulator]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app)) as client:
        sim = WooSimulator(callback_client=client)
        sim.shops.add_shop(HOST, KEY, SECRET, size=8)
        yield sim


@pytest.fixture
def shop(sim: WooSimulator) -> WooShop:
    found = sim.shops.get(HOST)
    assert found is not None
    return found


@pytest.fixture
async def http(sim: WooSimulator) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{HOST}/wp-json/wc/v3",
                                 auth=(KEY, SECRET)) as client:
        yield client


async def register(http: httpx.AsyncClient, topic: str, **extra: str) -> dict[str, object]:
    r = await http.post("/webhooks", json={"topic": topic, "secret": HOOK_SECRET,
                                           "delivery_url": "https://app.example/wc", **extra})
    assert r.status_code == 201, r.text
    hook: dict[str, object] = r.json()
    return hook


async def test_push_is_signed_with_the_webhook_secret(
        http: httpx.AsyncClient, sim: WooSimulator, shop: WooShop, receiver: Receiver) -> None:
    hook = await register(http, "product.updated")
    assert hook["resource"] == "product" and hook["event"] == "updated"
    assert hook["status"] == "active" and "secret" not in hook
    # pinged before the answer: unsigned, form encoded, no X-WC-Webhook headers
    [(ping_headers, ping_body)] = receiver.pings
    assert ping_body == f"webhook_id={hook['id']}".encode()
    assert "x-wc-webhook-signature" not in ping_headers
    assert ping_headers["content-type"] == "application/x-www-form-urlencoded"
    assert shop.pinged == [("https://app.example/wc", 200)]
    pid = shop.data.products.sorted_keys()[0]
    assert (await http.put(f"/products/{pid}", json={"name": "Pushed"})).status_code == 200
    outcomes = await sim.flush_webhooks()
    assert [o[1:] for o in outcomes] == [("product.updated", 200)]
    headers, body = receiver.got[0]
    expected = base64.b64encode(hmac.new(HOOK_SECRET.encode(), body, hashlib.sha256).digest())
    assert headers["x-wc-webhook-signature"] == expected.decode()
    assert (headers["x-wc-webhook-topic"], headers["x-wc-webhook-resource"],
            headers["x-wc-webhook-event"], headers["x-wc-webhook-id"]) == \
        ("product.updated", "product", "updated", str(hook["id"]))
    assert headers["x-wc-webhook-delivery-id"] and headers["x-wc-webhook-source"] == \
        f"https://{HOST}/"
    sent = json.loads(body)
    assert sent["id"] == pid and sent["name"] == "Pushed" and "_links" in sent
    forged = hmac.new(b"other", body, hashlib.sha256).digest()
    assert base64.b64encode(forged).decode() != headers["x-wc-webhook-signature"]
    assert await sim.flush_webhooks() == []  # delivered: nothing left


async def test_topics_created_and_deleted(http: httpx.AsyncClient, sim: WooSimulator,
                                          shop: WooShop, receiver: Receiver) -> None:
    await register(http, "order.created")
    await register(http, "product.deleted")
    await register(http, "product.updated", status="paused")
    pid = shop.data.products.sorted_keys()[0]
    r = await http.post("/orders", json={"line_items": [{"product_id": pid, "quantity": 1}]})
    assert r.status_code == 201
    await http.put(f"/products/{pid}", json={"name": "Quiet"})  # paused: not delivered
    await http.delete(f"/products/{pid}", params={"force": "true"})
    await sim.flush_webhooks()
    topics = [h["x-wc-webhook-topic"] for h, _ in receiver.got]
    assert topics == ["order.created", "product.deleted"]
    assert json.loads(receiver.got[0][1])["id"] == r.json()["id"]
    assert json.loads(receiver.got[1][1]) == {"id": pid}


async def test_webhook_disabled_after_repeated_failures(
        http: httpx.AsyncClient, sim: WooSimulator, shop: WooShop, receiver: Receiver) -> None:
    hook = await register(http, "customer.updated")
    cid = shop.data.customers.sorted_keys()[0]

    async def change(status: int) -> None:
        receiver.statuses.append(status)
        await http.put(f"/customers/{cid}", json={"first_name": f"N{len(receiver.got)}"})
        await sim.flush_webhooks()

    await change(500)
    await change(200)  # a success resets the count
    for _ in range(MAX_FAILURES + 1):
        await change(503)
    assert (await http.get(f"/webhooks/{hook['id']}")).json()["status"] == "active"
    await change(500)  # count already above 5: this failure disables it
    assert (await http.get(f"/webhooks/{hook['id']}")).json()["status"] == "disabled"
    delivered = len(receiver.got)
    await http.put(f"/customers/{cid}", json={"first_name": "Later"})
    await sim.flush_webhooks()
    assert len(receiver.got) == delivered  # a disabled webhook gets nothing
    await http.put(f"/webhooks/{hook['id']}", json={"status": "active"})
    receiver.statuses.append(200)
    await http.put(f"/customers/{cid}", json={"first_name": "Again"})
    assert [o[2] for o in await sim.flush_webhooks()] == [200]


async def test_invalid_webhooks_refused(http: httpx.AsyncClient) -> None:
    r = await http.post("/webhooks", json={"topic": "product.exploded",
                                           "delivery_url": "https://app.example/wc"})
    assert (r.status_code, r.json()["code"]) == (400, "woocommerce_rest_shop_webhook_invalid_topic")
    r = await http.post("/webhooks", json={"topic": "order.created", "delivery_url": "ftp://x"})
    assert (r.status_code, r.json()["code"]) == \
        (400, "woocommerce_rest_shop_webhook_invalid_delivery_url")
    r = await http.delete("/webhooks/1")
    assert r.status_code == 404 and r.json()["code"] == "woocommerce_rest_shop_webhook_invalid_id"
