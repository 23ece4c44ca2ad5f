"""Issue 22 on WooCommerce's REST API, against the simulator: an order's
``additional_fields.return_status`` (no_return, then refunded once a refund is made) and its
``refunds``; the REST API has no filter by refund, so ``order.list``'s ``return_status`` is
refused with 109 naming it."""

from __future__ import annotations

import pytest

from tests.platforms.woocommerce_api.test_connector import ok, open_env
from tests.platforms.woocommerce_api.test_returns import _order, _refund


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path, size=60) as e:
        yield e


async def test_an_orders_return_status_and_refunds(env):
    order = _order(env)
    oid = str(order["id"])
    before = ok(await env.call("order.info", {"order_id": oid, "params": "force_all"}))
    assert before["additional_fields"]["return_status"] == "no_return"
    assert not before.get("refunds")
    rid = await _refund(env, order)
    after = ok(await env.call("order.info", {"order_id": oid, "params": "force_all"}))
    assert after["additional_fields"]["return_status"] == "refunded"
    (refund,) = after["refunds"]
    assert refund["id"] == rid and refund["comment"] == "Broken"
    assert refund["total"] == pytest.approx(float(env.shop.data.refunds[int(rid)]["amount"]))


async def test_the_return_status_filter_is_refused(env):
    answer = await env.call("order.list", {"return_status": "refunded"})
    assert answer["return_code"] == 109 and "return_status" in answer["return_message"], answer
