"""WooCommerce returns on the unified return state machine, through the AnyCart API against
the simulator: a refund is a return made refunded (final); a status update is refused
saying why and changes nothing; a refund is deleted for good."""

from __future__ import annotations

import copy

import pytest

from tests.platforms.woocommerce_api.test_connector import ok, open_env


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path, size=60) as e:
        yield e


def _order(env) -> dict:
    return next(o for o in env.shop.data.orders.values()
                if o["line_items"] and o["status"] in ("processing", "completed")
                and not o["refunds"])


def _refunds(env) -> dict:
    return {k: copy.deepcopy(env.shop.data.refunds[k]) for k in env.shop.data.refunds}


async def _refund(env, order: dict) -> str:
    line = order["line_items"][0]
    added = ok(await env.call("order.refund.add", body={
        "order_id": str(order["id"]), "message": "Broken",
        "items": [{"order_product_id": str(line["id"]), "quantity": 1}]}))
    return added["refund_id"]


async def test_a_refund_is_a_refunded_return(env):
    order = _order(env)
    rid = await _refund(env, order)
    refund = env.shop.data.refunds[int(rid)]
    assert refund["reason"] == "Broken" and float(refund["amount"]) > 0
    one = ok(await env.call("return.info", {"order_id": str(order["id"]), "id": rid}))
    assert one["status"]["id"] == "refunded" and one["status"]["name"] == "Refunded"
    assert one["status"]["additional_fields"] == {"unified_status": "refunded"}
    listed = ok(await env.call("return.status.list"))
    assert listed["return_statuses"] == [{"id": "refunded", "name": "Refunded",
                                          "additional_fields": {"unified_status": "refunded"}}]


async def test_status_updates_are_refused_and_change_nothing(env):
    order = _order(env)
    rid = await _refund(env, order)
    before = _refunds(env)
    moved = await env.call("order.return.update", body={
        "return_id": rid, "order_id": str(order["id"]), "return_status_id": "approved"})
    assert moved["return_code"] == 109
    assert "'return_status_id'" in moved["return_message"]
    assert "WooCommerce cannot change a return's status" in moved["return_message"]
    assert "no update of a refund" in moved["return_message"]
    bare = await env.call("order.return.update", body={"return_id": rid})
    assert bare["return_code"] == 120 and "WooCommerce cannot update a return" in bare["return_message"]
    noted = await env.call("order.return.update", body={"return_id": rid, "comment": "x"})
    assert noted["return_code"] == 109 and "'comment'" in noted["return_message"]
    made = await env.call("order.return.add", body={
        "order_id": str(order["id"]), "return_status_id": "refunded", "return_reason_id": "1",
        "return_action_id": "1", "order_products": [{
            "order_product_id": str(order["line_items"][0]["id"]), "order_product_quantity": 1,
            "order_product_reason_id": "1", "order_product_action_id": "1"}]})
    assert made["return_code"] == 120  # made by order.refund.add instead
    assert _refunds(env) == before


async def test_a_refund_is_deleted_for_good(env):
    order = _order(env)
    rid = await _refund(env, order)
    other = await env.call("order.return.delete", {"return_id": rid, "order_id": "999999"})
    assert other["return_code"] == 112 and int(rid) in env.shop.data.refunds
    gone = ok(await env.call("order.return.delete", {"return_id": rid,
                                                     "order_id": str(order["id"])}))
    assert gone == {"deleted": True} and int(rid) not in env.shop.data.refunds
    assert int(rid) not in [r["id"] for r in env.shop.data.orders[order["id"]]["refunds"]]
    again = await env.call("order.return.delete", {"return_id": rid, "order_id": str(order["id"])})
    assert again["return_code"] == 112
    left = ok(await env.call("return.list", {"order_id": str(order["id"])}))
    assert rid not in [r["id"] for r in left["returns"]]
