"""A Shift4Shop order status without a name (found by mypy: None reached ``str.join``)."""

from __future__ import annotations

import pytest

from anycart.config import Settings
from tests.platforms.shift4shop.test_connector import close_env, open_env


@pytest.fixture
async def connected(tmp_path):
    e = await open_env(Settings(data_dir=tmp_path), size=20)
    assert (await e.connect())["return_code"] == 0
    yield e
    await close_env(e)


async def test_unknown_status_with_an_unnamed_one_is_109(connected):
    # Shift4Shop answers null for a status the merchant left without a definition or text.
    connected.store.data.order_statuses.seed_doc({"OrderStatusID": 99, "StatusDefinition": None,
                                                  "StatusText": None, "Visible": True,
                                                  "Sorting": 99})
    answer = await connected.call("order.update", {"order_id": "5", "order_status": "Nope"})
    assert answer["return_code"] == 109, answer
    assert "order_status" in answer["return_message"]
    assert "'Nope'" in answer["return_message"]
    statuses = await connected.call("order.status.list")
    assert statuses["return_code"] == 0, statuses
    assert {"id": "99", "name": None} in [
        {"id": s["id"], "name": s["name"]} for s in statuses["result"]["cart_order_statuses"]]
