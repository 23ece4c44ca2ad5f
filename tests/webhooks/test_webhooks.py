"""Webhooks end to end: subscribe, change the simulated store, receive signed POSTs.

The worker is driven with ``drain()`` (poll what is due, deliver what is due, until
nothing is left) so each step is deterministic; ``test_embedded_worker_*`` runs the real loop.
"""

from __future__ import annotations

import asyncio
import itertools
import time

import pytest

from anycart.config import Settings
from anycart.webhooks import outbox, signing
from tests.webhooks.conftest import HookEnv, close_hook_env


def secret_of(env: HookEnv) -> str:
    account = env.services.repo.authenticate(env.api_key)
    return outbox.account_secret(env.services.db, account.id)


async def change_price(env: HookEnv, product_id: int, price: float) -> None:
    r = await env.call("product.update", body={"id": str(product_id), "price": price})
    assert r["return_code"] == 0, r


async def test_product_update_is_delivered_signed(hooks):
    hook_id = await hooks.subscribe("product", "update", fields="id,price,name")
    await hooks.worker.drain()  # baseline: no events for what already exists
    assert hooks.receiver.received == []

    await change_price(hooks, 3, 123.45)
    await hooks.worker.drain()

    [got] = hooks.receiver.delivered()
    body = got.json
    assert body["entity"] == "product" and body["action"] == "update"
    assert body["entity_id"] == "3" and body["webhook_id"] == hook_id
    assert body["data"] == {"id": "3", "price": 123.45, "name": body["data"]["name"]}
    assert got.headers["x-webhook-entity"] == "product"
    assert got.headers["x-webhook-action"] == "update"
    assert got.headers["x-webhook-store-id"] == hooks.store_key
    assert got.headers["webhook-id"] == f"{body['event_id']}_{hook_id}"
    secret = secret_of(hooks)
    assert signing.verify(secret, got.headers, got.body)
    assert not signing.verify(secret, got.headers, got.body + b" ")
    assert not signing.verify(signing.new_secret(), got.headers, got.body)

    await hooks.worker.drain()  # nothing changed since: nothing more is sent
    assert len(hooks.receiver.received) == 1


async def test_add_and_delete_are_detected(hooks):
    await hooks.subscribe("product", "add")
    await hooks.subscribe("product", "delete")
    await hooks.subscribe("category", "add")
    await hooks.worker.drain()
    added = await hooks.call("product.add", body={"name": "Hook test", "sku": "HOOK-1", "model": "HOOK-1",
                                                  "price": 5, "description": "x"})
    assert added["return_code"] == 0, added
    new_id = added["result"]["product_id"]
    gone = await hooks.call("product.delete", {"id": "4"})
    assert gone["return_code"] == 0, gone
    cat = await hooks.call("category.add", {"name": "Hooked"})
    assert cat["return_code"] == 0, cat
    await hooks.worker.drain()
    seen = {(r.json["entity"], r.json["action"], r.json["entity_id"])
            for r in hooks.receiver.delivered()}
    assert seen == {("product", "add", str(new_id)), ("product", "delete", "4"),
                    ("category", "add", str(cat["result"]["category_id"]))}


async def test_filtering_conditions_and_response_fields(hooks):
    await hooks.subscribe("product", "update", response_fields="{result{product{id,price}}}",
                          filtering_conditions={"field": "price", "operator": "gt", "value": 100})
    await hooks.worker.drain()
    await change_price(hooks, 5, 50)
    await change_price(hooks, 6, 500)
    await hooks.worker.drain()
    [got] = hooks.receiver.delivered()
    assert got.json["data"] == {"id": "6", "price": 500.0}


async def test_callback_down_then_up_is_delivered(hooks):
    hooks.receiver.statuses = [503, 502]
    await hooks.subscribe("product", "update")
    await hooks.worker.drain()
    await change_price(hooks, 2, 9.99)
    deadline = time.monotonic() + 10
    while not hooks.receiver.delivered() and time.monotonic() < deadline:
        await hooks.worker.drain()
        await asyncio.sleep(0.05)
    statuses = [r.status for r in hooks.receiver.received]
    assert statuses == [503, 502, 200]
    event_ids = {r.json["event_id"] for r in hooks.receiver.received}
    assert len(event_ids) == 1  # the same event, retried
    assert [r.headers["x-webhook-attempt"] for r in hooks.receiver.received] == ["1", "2", "3"]


async def test_500_is_retried_on_schedule_then_listed_as_failed(hooks):
    hooks.receiver.default = 500
    hook_id = await hooks.subscribe("product", "update")
    await hooks.worker.drain()
    await change_price(hooks, 7, 1.5)
    deadline = time.monotonic() + 15
    while len(hooks.receiver.received) < 4 and time.monotonic() < deadline:
        await hooks.worker.drain()
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.5)
    await hooks.worker.drain()
    times = [r.at for r in hooks.receiver.received]
    assert len(times) == 4  # webhook_max_attempts, and not one more
    gaps = [b - a for a, b in itertools.pairwise(times)]  # base 0.1 s: ~0.1, ~0.3, ~0.9 s
    # Lower bounds only: a busy machine may deliver late, never early.
    assert [round(g, 2) >= round(0.1 * 3 ** i * 0.8, 2) for i, g in enumerate(gaps)] == [True] * 3, gaps
    assert gaps[2] > gaps[0], gaps

    failed = await hooks.call("account.failed_webhooks")
    assert failed["return_code"] == 0, failed
    assert failed["result"]["all_failed_webhook"] == "1"
    [item] = failed["result"]["webhook"]
    assert item["webhook_id"] == hook_id and item["entity_id"] == "7"
    assert item["time"]["value"]

    hooks.receiver.default = 200
    account = hooks.services.repo.authenticate(hooks.api_key)
    assert outbox.redeliver(hooks.services.db, account.id) == 1
    await hooks.worker.drain()
    assert len(hooks.receiver.delivered()) == 1
    again = await hooks.call("account.failed_webhooks")
    assert again["result"]["webhook"] == [] and again["result"]["all_failed_webhook"] == "0"


def test_retry_schedule_is_exponential_with_jitter():
    settings = Settings()
    for failures, nominal in enumerate((10, 30, 90, 270, 810, 2430, 7290), start=1):
        delays = [outbox.retry_delay(settings, failures) for _ in range(200)]
        assert nominal * 0.8 <= min(delays) <= max(delays) <= nominal * 1.2
        assert max(delays) - min(delays) > nominal * 0.1  # jittered, not fixed
    assert settings.webhook_max_attempts == 8


async def test_webhook_is_deactivated_after_five_failed_events_and_resumes(hooks):
    hooks.receiver.default = 500
    hooks.services.settings.webhook_max_attempts = 1
    hook_id = await hooks.subscribe("product", "update")
    await hooks.worker.drain()
    for pid in range(1, 7):
        await change_price(hooks, pid, 10 + pid)
    await hooks.worker.drain()
    listed = await hooks.call("webhook.list", {"ids": str(hook_id), "params": "id,active"})
    assert listed["result"]["webhook"] == [{"id": hook_id, "active": False}]
    hooks.receiver.default = 200
    await change_price(hooks, 9, 99)
    await hooks.worker.drain()  # inactive: the new event waits
    assert not hooks.receiver.delivered()
    r = await hooks.call("webhook.update", body={"id": str(hook_id), "active": True})
    assert r["return_code"] == 0, r
    await hooks.worker.drain()
    assert [g.json["entity_id"] for g in hooks.receiver.delivered()] == ["9"]


async def test_webhook_crud_and_events(hooks):
    events = await hooks.call("webhook.events")
    names = {e["webhook_name"] for e in events["result"]["events"]}
    assert {"product.add", "order.update", "shipment.add", "return.delete"} <= names
    first = await hooks.subscribe("order", "add", label="orders", idempotency_key="k-1")
    again = await hooks.subscribe("order", "add", label="orders", idempotency_key="k-1")
    assert again == first
    second = await hooks.subscribe("customer", "update", active=False)
    listed = await hooks.call("webhook.list", {"params": "force_all"})
    assert [w["id"] for w in listed["result"]["webhook"]] == [first, second]
    assert listed["result"]["webhook"][0]["label"] == "orders"
    count = await hooks.call("webhook.count", {"active": "true"})
    assert count["result"]["webhook_count"] == 1
    upd = await hooks.call("webhook.update", body={"id": str(second), "label": "renamed"})
    assert upd["return_code"] == 0
    gone = await hooks.call("webhook.delete", {"id": str(first)})
    assert gone["return_code"] == 0
    missing = await hooks.call("webhook.delete", {"id": str(first)})
    assert missing["return_code"] == 112
    bad = await hooks.call("webhook.create", body={"entity": "planet", "action": "add",
                                                   "callback": hooks.receiver_url})
    assert bad["return_code"] == 109 and "planet" in bad["return_message"]
    bad_filter = await hooks.call("webhook.create", body={
        "entity": "order", "action": "add", "callback": hooks.receiver_url,
        "filtering_conditions": {"field": "id", "operator": "approximately"}})
    assert bad_filter["return_code"] == 109 and "filtering_conditions" in bad_filter["return_message"]
    nothing = await hooks.call("webhook.update", body={"id": str(second)})
    assert nothing["return_code"] == 110


async def test_another_account_cannot_see_or_change_webhooks(hooks):
    hook_id = await hooks.subscribe("product", "update")
    _, other_key = hooks.services.repo.create_account("other")
    foreign = HookEnv(hooks.sim, hooks.services, hooks.client, other_key)
    foreign.store_key = hooks.store_key
    for method, params in (("webhook.list", {}), ("webhook.delete", {"id": str(hook_id)})):
        r = await foreign.call(method, params)
        assert r["return_code"] == 101, r


@pytest.mark.parametrize("callback", ["http://127.0.0.1:9/hook", "http://169.254.169.254/latest",
                                      "http://localhost/x", "ftp://example.com/x"])
async def test_private_callback_is_refused(tmp_path, callback):
    from tests.webhooks.conftest import make_hook_env

    env = await make_hook_env(Settings(data_dir=tmp_path))
    env.services.settings.allow_private_networks = False
    try:
        r = await env.call("webhook.create", body={"entity": "product", "action": "update",
                                                   "callback": callback})
        assert r["return_code"] == 109, r
        assert "callback" in r["return_message"]
        listed = await env.call("webhook.count")
        assert listed["result"]["webhook_count"] == 0
    finally:
        await close_hook_env(env)


async def test_order_and_shipment_events(hooks):
    await hooks.subscribe("order", "update")
    await hooks.subscribe("shipment", "add")
    await hooks.subscribe("shipment", "update")
    await hooks.worker.drain()
    orders = await hooks.call("order.list", {"count": 1})
    order_id = orders["result"]["order"][0]["order_id"]
    r = await hooks.call("order.shipment.add", body={
        "order_id": order_id,
        "tracking_numbers": [{"carrier_id": "ups", "tracking_number": "1Z999"}]})
    assert r["return_code"] == 0, r
    await hooks.worker.drain()
    got = {(g.json["entity"], g.json["action"]): g.json for g in hooks.receiver.delivered()}
    assert ("order", "update") in got, got.keys()
    [shipment] = [v for (entity, _), v in got.items() if entity == "shipment"]
    assert shipment["entity_id"] == str(r["result"]["shipment_id"])
    numbers = [t["tracking_number"] for t in shipment["data"]["tracking_numbers"]]
    assert "1Z999" in numbers


async def test_embedded_worker_delivers_while_serving(settings, receiver):
    """``anycart serve``: a real uvicorn server whose lifespan runs the worker."""
    import httpx

    from anycart.http.app import create_app
    from tests.conftest import LiveServer
    from tests.webhooks.conftest import make_hook_env

    env = await make_hook_env(settings)
    env.services.settings.poll_interval_s = 0.2
    await env.services.http.aclose()  # the server's event loop makes its own client
    try:
        with LiveServer(create_app(env.services)) as server:
            async with httpx.AsyncClient(base_url=server.url) as http:
                env.client = http
                env.receiver, env.receiver_url = receiver, receiver.url
                await env.subscribe("product", "update")
                await asyncio.sleep(1.0)  # baseline
                await change_price(env, 8, 77.7)
                deadline = time.monotonic() + 10
                while not receiver.delivered() and time.monotonic() < deadline:
                    await asyncio.sleep(0.05)
        assert [r.json["entity_id"] for r in receiver.delivered()] == ["8"]
    finally:
        env.client = httpx.AsyncClient()
        await close_hook_env(env)


async def test_unreachable_store_sends_the_connection_lost_notice(hooks):
    await hooks.subscribe("product", "update")
    await hooks.subscribe("order", "add")
    await hooks.worker.drain()
    hooks.sim.inject_failure(hooks.store, 500, times=10_000)
    for _ in range(3):  # three polls in a row fail
        poll = hooks.worker.lanes[0]
        await poll.step()
        await poll.settle()
    await hooks.worker.lanes[1].step()
    await hooks.worker.lanes[1].settle()
    notices = hooks.receiver.delivered()
    assert len(notices) == 2  # one per webhook of the store
    for got in notices:
        assert got.body == b""
        assert got.headers["x-webhook-entity"] == "store"
        assert got.headers["x-webhook-error-code"] == "107"  # the platform's own refusal
        assert got.headers["x-webhook-error-try-count"] == "3"
        assert "HTTP 500" in got.headers["x-webhook-error-message"]
        assert signing.verify(secret_of(hooks), got.headers, got.body)
