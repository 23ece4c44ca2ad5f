"""Native webhooks: the platform pushes to AnyCart's ingress, which checks the platform's
signature and records the events in the outbox; the worker then delivers them.

No platform with native webhooks is built yet (Shopify is next), so a test platform plays
one here: it signs pushes Shopify-style (base64 HMAC-SHA256 of the body with the store's
shared secret) and remembers the address AnyCart asked it to push to.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import replace

import httpx
import pytest
from sqlalchemy import func, select

from anycart.events import ChangeEvent, PushRejected
from anycart.http.app import create_app
from anycart.platforms.registry import PlatformRegistry
from anycart.services import build_services
from anycart.storage.models import Event
from anycart.storage.repository import StoreRecord
from anycart.webhooks import outbox, signing
from anycart.worker.loop import Worker
from tests.memory_platform import TEST_KEY, TEST_URL, MemoryConnector, MemoryPlatform, seed_shop

PUBLIC_URL = "https://anycart.example"
#: address -> (entity, action) subscriptions the "platform" was asked for
REGISTERED: dict[str, set[tuple[str, str]]] = {}
_TOPICS = {"products/create": ("product", "add"), "products/update": ("product", "update"),
           "products/delete": ("product", "delete")}


class PushingConnector(MemoryConnector):
    async def subscribe_native(self, entity: str, action: str, address: str) -> None:
        REGISTERED.setdefault(address, set()).add((entity, action))


class PushingPlatform(MemoryPlatform):
    connector = PushingConnector
    capabilities = replace(MemoryPlatform.capabilities, native_webhooks=True,
                           webhook_events=tuple(_TOPICS.values()))

    @classmethod
    def read_push(cls, store: StoreRecord, headers: Mapping[str, str],
                  body: bytes) -> list[ChangeEvent]:
        secret = store.credentials["prestashop_webservice_key"].encode()
        expected = base64.b64encode(hmac.new(secret, body, hashlib.sha256).digest()).decode()
        if not hmac.compare_digest(expected, headers.get("x-test-hmac-sha256", "")):
            raise PushRejected("bad signature")
        push = json.loads(body)
        entity, action = _TOPICS[push["topic"]]
        return [ChangeEvent(entity, action, str(push["product"]["id"]), push["product"])]


def sign(body: bytes, secret: str = TEST_KEY) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


@pytest.fixture
async def native(settings, receiver):
    REGISTERED.clear()
    seed_shop()
    registry = PlatformRegistry()
    registry.register(PushingPlatform)
    services = build_services(settings.model_copy(update={
        "allow_private_networks": True, "public_url": PUBLIC_URL}), registry=registry)
    account, api_key = services.repo.create_account("native")
    store = services.repo.add_store(account.id, PushingPlatform.cart_id, TEST_URL, "push",
                                    {"store_url": TEST_URL, "prestashop_webservice_key": TEST_KEY})
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    yield services, client, {"api_key": api_key, "store_key": store.store_key}, account
    from sqlalchemy import delete

    from anycart.storage.models import Webhook

    with services.db.session() as s:
        s.execute(delete(Webhook))
    await client.aclose()
    services.db.dispose()


async def test_push_is_verified_recorded_and_delivered(native, receiver):
    services, client, keys, account = native
    r = await client.post("/v1.1/webhook.create.json", params=keys, json={
        "entity": "product", "action": "update", "callback": receiver.url + "/in"})
    assert r.json()["return_code"] == 0, r.json()
    [(address, subs)] = REGISTERED.items()
    assert subs == {("product", "update")}
    assert address.startswith(PUBLIC_URL + "/ingress/") and keys["store_key"] not in address
    path = address[len(PUBLIC_URL):]

    push = json.dumps({"topic": "products/update",
                       "product": {"id": "7", "name": "Pushed", "price": 3.5}}).encode()
    forged = await client.post(path, content=push, headers={"x-test-hmac-sha256": sign(push, "x")})
    assert forged.status_code == 401
    unknown = await client.post("/ingress/nope", content=push,
                                headers={"x-test-hmac-sha256": sign(push)})
    assert unknown.status_code == 404
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 0

    ok = await client.post(path, content=push, headers={"x-test-hmac-sha256": sign(push)})
    assert ok.status_code == 200 and ok.json() == {"received": 1}
    await Worker(services).drain()
    [got] = receiver.delivered()
    assert got.json["entity_id"] == "7" and got.json["data"]["name"] == "Pushed"
    secret = outbox.account_secret(services.db, account.id)
    assert signing.verify(secret, got.headers, got.body)


async def test_native_subscription_needs_the_public_url(native, receiver):
    services, client, keys, _ = native
    services.settings.public_url = None
    r = await client.post("/v1.1/webhook.create.json", params=keys, json={
        "entity": "product", "action": "add", "callback": receiver.url + "/in"})
    assert r.json()["return_code"] == 100 and "ANYCART_PUBLIC_URL" in r.json()["return_message"]
    assert REGISTERED == {}
