"""Webhook tests: a Shift4Shop sandbox store, the gateway, and a receiver on loopback.

Callbacks go to 127.0.0.1, so these gateways run with private networks allowed (the
SSRF refusal itself is tested with the default settings).
"""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from anycart.config import Settings
from anycart.storage.models import Webhook
from anycart.worker.loop import Worker
from tests.conftest import LiveServer
from tests.platforms.shift4shop.test_connector import Env, close_env, open_env
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
    settings = settings.model_copy(update={
        "allow_private_networks": True, "webhook_retry_base_s": 0.1, "webhook_max_attempts": 4,
        "webhook_timeout_s": 5.0, "poll_interval_s": 0.0, "worker_lease_s": 30.0})
    env = await open_env(settings, scale=50, size=SIZE, seed=11, env_class=HookEnv)
    env.worker = Worker(env.services)
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
    await close_env(env)


@pytest.fixture
async def hooks(settings, receiver):
    env = await make_hook_env(settings)
    env.receiver = receiver
    env.receiver_url = receiver.url
    yield env
    await close_hook_env(env)
