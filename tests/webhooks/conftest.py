"""Webhook tests: a Shift4Shop sandbox store, the gateway, and a receiver on loopback.

Callbacks go to 127.0.0.1, so these gateways run with private networks allowed (the
SSRF refusal itself is tested with the default settings).
"""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import delete

from anycart.config import Settings
from anycart.http.app import build_services, create_app
from anycart.platforms.registry import PlatformRegistry
from anycart.platforms.shift4shop import client as s4s_client
from anycart.platforms.shift4shop import connector as s4s_connector
from anycart.platforms.shift4shop.platform import PLATFORMS
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.storage.models import Webhook
from anycart.transport.http import RetryPolicy
from anycart.transport.ratelimit import MonotonicClock
from anycart.worker.loop import Worker
from tests.conftest import LiveServer
from tests.platforms.shift4shop.test_connector import API_HOST, PRIVATE_KEY, STORE_URL, TOKEN, Env
from tests.webhooks.receiver import Receiver

SIZE = 30


class HookEnv(Env):
    worker: Worker
    receiver: Receiver
    receiver_url: str

    async def subscribe(self, entity: str, action: str, **extra) -> int:
        answer = await self.call("webhook.create", body={
            "entity": entity, "action": action, "callback": self.receiver_url + "/hook", **extra})
        assert answer["return_code"] == 0, answer
        return answer["result"]["id"]


async def make_hook_env(settings: Settings) -> HookEnv:
    clock = MonotonicClock(scale=50)
    sim = Shift4ShopSimulator(clock=clock)
    sim.stores.add_store(STORE_URL, PRIVATE_KEY, TOKEN, size=SIZE, seed=11)
    s4s_client.configure(clock=clock)
    s4s_connector._cache.clear()
    registry = PlatformRegistry()
    for p in PLATFORMS:
        registry.register(p)
    settings = settings.model_copy(update={
        "allow_private_networks": True, "webhook_retry_base_s": 0.1, "webhook_max_attempts": 4,
        "webhook_timeout_s": 5.0, "poll_interval_s": 0.0, "worker_lease_s": 30.0})
    services = build_services(settings, registry=registry)
    services.http.retry = RetryPolicy(attempts=5, base_delay_s=0.02, max_delay_s=0.5)
    services.http.mount(API_HOST, sim.app)
    _, api_key = services.repo.create_account("hooks")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    env = HookEnv(sim, services, client, api_key)
    env.worker = Worker(services)
    answer = await env.connect()
    assert answer["return_code"] == 0, answer
    return env


@pytest.fixture
def receiver():
    r = Receiver()
    with LiveServer(r.app) as server:
        r.url = server.url
        yield r


async def close_hook_env(env: HookEnv) -> None:
    """Drop this test's subscriptions: on PostgreSQL the database outlives the test, and
    other tests' workers must not find work sealed with this test's key."""
    with env.services.db.session() as s:
        s.execute(delete(Webhook))
    await env.client.aclose()
    await env.services.http.aclose()
    env.services.db.dispose()
    s4s_client.configure()


@pytest.fixture
async def hooks(settings, receiver):
    env = await make_hook_env(settings)
    env.receiver = receiver
    env.receiver_url = receiver.url
    yield env
    await close_hook_env(env)
