"""Shift4Shop return events: an RMA made and moved through the AnyCart API is delivered as
``return.add`` then ``return.update`` by the polled webhooks (the RMA service has no
modification filter: its list is read whole and diffed every poll)."""

from __future__ import annotations

import pytest

from anycart.config import Settings
from tests.platforms.shift4shop.test_returns import _add_body, _order_without_rma
from tests.webhooks.conftest import close_hook_env, make_hook_env
from tests.webhooks.conftest import receiver as receiver  # the loopback receiver fixture


@pytest.fixture
async def hooks(tmp_path, receiver):
    env = await make_hook_env(Settings(data_dir=tmp_path))
    env.receiver, env.receiver_url = receiver, receiver.url
    yield env
    await close_hook_env(env)


async def test_return_add_and_update_are_delivered(hooks):
    await hooks.subscribe("return", "add")
    await hooks.subscribe("return", "update")
    await hooks.worker.drain()  # the baseline: the seeded RMAs are no events
    assert hooks.receiver.received == []

    added = await hooks.call("order.return.add", body=_add_body(_order_without_rma(hooks)))
    assert added["return_code"] == 0, added
    rid = added["result"]["return_id"]
    await hooks.worker.drain()
    [add] = hooks.receiver.delivered()
    assert (add.json["entity"], add.json["action"], add.json["entity_id"]) == ("return", "add", rid)

    moved = await hooks.call("order.return.update", body={"return_id": rid,
                                                          "return_status_id": "approved"})
    assert moved["return_code"] == 0, moved
    await hooks.worker.drain()
    update = hooks.receiver.delivered()[-1]
    assert (update.json["action"], update.json["entity_id"]) == ("update", rid)
    assert update.json["data"]["status"]["additional_fields"]["unified_status"] == "approved"
    await hooks.worker.drain()  # nothing changed since: nothing more is sent
    assert len(hooks.receiver.delivered()) == 2
