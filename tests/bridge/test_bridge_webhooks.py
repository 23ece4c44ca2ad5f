"""Polled webhooks on a bridge cart: a merchant's edit in OpenCart's own tables (as its admin
panel would make it) reaches a subscriber as a signed webhook, through bridge.php."""

from __future__ import annotations

import pytest

from anycart.platforms.opencart.platform import OpenCart
from anycart.platforms.opencart.seed import apply_schema, load
from anycart.webhooks.outbox import account_secret
from anycart.webhooks.signing import verify
from anycart.worker.loop import Worker
from tests.bridge.harness import close_bridge_env, open_bridge_env
from tests.conftest import LiveServer
from tests.webhooks.receiver import Receiver


def seed(conn, prefix: str) -> None:
    apply_schema(conn, prefix)
    load(conn, prefix, products=30, customers=5, orders=5)


@pytest.fixture
def receiver():
    r = Receiver()
    with LiveServer(r.app) as server:
        r.url = server.url
        yield r


async def test_a_merchants_edit_and_an_api_add_arrive_as_signed_webhooks(tmp_path, mariadb,
                                                                           receiver):
    env = await open_bridge_env(tmp_path, mariadb, "opencart", [OpenCart], seed,
                                poll_interval_s=0.0, webhook_retry_base_s=0.1)
    try:
        for action in ("update", "add"):
            hook = await env.call("webhook.create", body={
                "entity": "product", "action": action, "callback": receiver.url + "/hook"})
            assert hook["return_code"] == 0, hook
        worker = Worker(env.services)
        await worker.drain()  # the baseline poll: nothing to send yet
        assert receiver.received == []

        env.sql("UPDATE {p}product SET price = 77.7700, date_modified = NOW() "
                "WHERE product_id = 7")
        added = await env.call("product.add", body={
            "name": "Bridge webhook product", "model": "BW-1", "sku": "BW-1", "price": 5.5,
            "description": "<p>new</p>", "quantity": 3})
        assert added["return_code"] == 0, added
        await worker.drain()

        events = {(r.json["action"], r.json["entity_id"]): r for r in receiver.received}
        assert set(events) == {("update", "7"), ("add", added["result"]["product_id"])}
        update = events[("update", "7")]
        assert update.json["data"]["price"] == 77.77
        key = account_secret(env.services.db, env.services.repo.authenticate(env.api_key).id)
        assert verify(key, update.headers, update.body)
    finally:
        await close_bridge_env(env)
