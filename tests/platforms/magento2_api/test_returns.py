"""Magento returns: Adobe Commerce's RMAs (``/V1/returns``) through the AnyCart API, every
simulator answer validated against the published ``rma-data-*`` definitions; the simulator's
own checks (an item of the order, no more than is left); a Magento Open Source store (no
``Magento_Rma``) answering 120 while its orders read on."""

from __future__ import annotations

import contextlib

import httpx
import pytest

from anycart.platforms.magento2_api.platform import PLATFORMS
from anycart.platforms.magento2_api.simulator import Magento2Simulator
from tests.platforms.gateway_env import ok, open_gateway

from .magento_schema import require_schema, validated, validated_client
from .test_connector import HOST, TOKEN, Env, open_env

require_schema()


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path) as e:
        yield e


def _fresh_order(env: Env) -> dict:
    """An order no RMA asks anything of, and its first line."""
    data, asked = env.shop.data, {r["order_id"] for r in env.shop.data.returns.values()}
    return next(o for o in (data.orders.peek(k) for k in data.orders.sorted_keys())
                if o["entity_id"] not in asked)


async def test_a_return_made_read_moved_and_deleted(env):
    order = _fresh_order(env)
    oid, line = str(order["entity_id"]), order["items"][0]
    assert ok(await env.call("order.info", {"order_id": oid, "params": "force_all"}))[
        "additional_fields"]["return_status"] == "no_return"
    made = ok(await env.call("order.return.add", body={
        "order_id": oid, "return_reason_id": "4", "comment": "Too small", "order_products": [
            {"order_product_id": str(line["item_id"]), "order_product_quantity": 1,
             "order_product_action_id": "7"}]}))
    rid = made["return_id"]
    rma = env.shop.data.returns.peek(int(rid))
    assert (rma["order_id"], rma["status"], rma["comments"][0]["comment"]) == (
        order["entity_id"], "pending", "Too small")
    assert [(i["order_item_id"], i["qty_requested"], i["reason"], i["resolution"])
            for i in rma["items"]] == [(line["item_id"], 1, "4", "7")]
    info = ok(await env.call("return.info", {"id": rid, "order_id": oid, "params": "force_all"}))
    assert info["status"]["additional_fields"]["unified_status"] == "requested"
    assert info["order_products"][0]["sku"] == line["sku"] and info["comment"] == "Too small"
    listed = ok(await env.call("return.list", {"order_ids": oid}))["returns"]
    assert [r["id"] for r in listed] == [rid]
    assert ok(await env.call("return.count", {"status": "requested", "order_ids": oid}))["returns_count"] == 1
    assert ok(await env.call("return.count", {"status": "approved", "order_ids": oid}))["returns_count"] == 0
    assert ok(await env.call("order.return.update", body={
        "return_id": rid, "order_id": oid, "return_status_id": "authorized", "comment": "OK"}))
    assert env.shop.data.returns.peek(int(rid))["status"] == "authorized"
    assert ok(await env.call("order.list", {"ids": oid, "params": "force_all"}))["order"][0][
        "additional_fields"]["return_status"] == "approved"
    for asked, states, found in (("approved", {"approved"}, True),
                                 ("authorized,received", {"approved", "received"}, True),
                                 ("no_return", {"no_return"}, False),
                                 ("no_return,approved", {"no_return", "approved"}, True),
                                 ("requested", {"requested"}, False)):
        listed = ok(await env.call("order.list", {"return_status": asked, "count": 250,
                                                  "params": "force_all"}))["order"]
        assert (oid in {o["id"] for o in listed}) is found, asked
        assert listed and {o["additional_fields"]["return_status"] for o in listed} <= states, asked
    assert (await env.call("order.list", {"return_status": "lost"}))["return_code"] == 109
    back = await env.call("order.return.update", body={"return_id": rid, "order_id": oid,
                                                       "return_status_id": "pending"})
    assert back["return_code"] == 109 and "approved" in back["return_message"]
    other = str(next(k for k in env.shop.data.orders.sorted_keys() if k != order["entity_id"]))
    assert (await env.call("order.return.delete", {"return_id": rid, "order_id": other}))["return_code"] == 112
    assert ok(await env.call("order.return.delete", {"return_id": rid, "order_id": oid}))["deleted"]
    assert int(rid) not in env.shop.data.returns
    assert (await env.call("return.info", {"id": rid}))["return_code"] == 112


async def test_what_the_order_has_left_to_return_is_checked_first(env):
    order = _fresh_order(env)
    oid, line = str(order["entity_id"]), order["items"][0]
    ordered, before = int(line["qty_ordered"]), len(env.shop.data.returns)

    async def add(item: str, quantity: int) -> dict:
        return await env.call("order.return.add", body={"order_id": oid, "order_products": [
            {"order_product_id": item, "order_product_quantity": quantity}]})

    unknown = await add("999999", 1)
    assert unknown["return_code"] == 112 and "999999" in unknown["return_message"]
    over = await add(str(line["item_id"]), ordered + 1)
    assert over["return_code"] == 107 and f"Only {ordered}" in over["return_message"]
    ok(await add(str(line["item_id"]), ordered))
    again = await add(str(line["item_id"]), 1)
    assert again["return_code"] == 107 and "already been returned" in again["return_message"]
    assert len(env.shop.data.returns) == before + 1
    bad = await env.call("order.return.add", body={"order_id": oid, "return_status_id": "lost",
                                                   "order_products": [{"order_product_id": str(
                                                       line["item_id"]), "order_product_quantity": 1}]})
    assert bad["return_code"] == 109 and "return_status_id" in bad["return_message"]
    statuses = ok(await env.call("return.status.list", {}))["return_statuses"]
    assert {s["id"] for s in statuses} >= {"pending", "authorized", "received", "closed"}


async def test_the_simulator_refuses_as_magento_does():
    sim = Magento2Simulator()
    shop = sim.shops.add_shop(HOST, TOKEN, size=10)
    order = shop.data.orders.peek(shop.data.orders.sorted_keys()[0])
    line = order["items"][0]
    async with validated_client(sim.app, f"https://{HOST}", TOKEN) as http:
        async def post(items: list[dict]) -> httpx.Response:
            return await http.post("/rest/V1/returns", json={"rmaDataObject": {
                "order_id": order["entity_id"], "items": items}})

        foreign = await post([{"order_item_id": 999999, "qty_requested": 1}])
        assert foreign.status_code == 400 and foreign.json()["parameters"] == ["999999"]
        over = await post([{"order_item_id": line["item_id"], "qty_requested": int(line["qty_ordered"]) + 1}])
        assert over.json() == {"message": "A quantity of %1 is greater than you can return.",
                               "parameters": [line["name"]]}
        assert (await post([])).status_code == 400
        made = (await post([{"order_item_id": line["item_id"], "qty_requested": 1}])).json()
        rid = made["entity_id"]
        assert (await http.put(f"/rest/V1/returns/{rid}", json={"rmaDataObject": {
            "status": "lost"}})).status_code == 400
        assert (await http.post(f"/rest/V1/returns/{rid}/comments", json={"data": {
            "comment": "Sent back"}})).json() is True
        assert (await http.get(f"/rest/V1/returns/{rid}/comments")).json()["total_count"] == 1
        assert (await http.post(f"/rest/V1/returns/{rid}/tracking-numbers", json={"track": {
            "track_number": "1Z1", "carrier_title": "UPS"}})).json() is True
        tracks = (await http.get(f"/rest/V1/returns/{rid}/tracking-numbers")).json()["items"]
        assert [t["track_number"] for t in tracks] == ["1Z1"]
        assert (await http.delete(f"/rest/V1/returns/{rid}/tracking-numbers/{tracks[0]['entity_id']}")).json()
        assert (await http.get(f"/rest/V1/returns/{rid}/labels")).json() == ""
        assert (await http.get("/rest/V1/returns", params={
            "searchCriteria[filter_groups][0][filters][0][field]": "order_id",
            "searchCriteria[filter_groups][0][filters][0][value]": str(order["entity_id"])})
                ).json()["total_count"] >= 1
        missing = await http.get("/rest/V1/returns/999")
        assert missing.status_code == 404 and missing.json()["parameters"]["fieldValue"] == 999


async def test_an_open_source_store_has_no_returns(tmp_path):
    sim = Magento2Simulator()
    shop = sim.shops.add_shop(HOST, TOKEN, size=10, rma=False)
    assert len(shop.data.returns) == 0
    app = validated(sim.app)
    async with contextlib.AsyncExitStack() as stack:
        env = await stack.enter_async_context(
            open_gateway(tmp_path, sim, PLATFORMS, {HOST: app}, Env, connect=Env.connect))
        oid = str(shop.data.orders.sorted_keys()[0])
        for method, params in (("return.list", {}), ("return.count", {}),
                               ("order.return.add", {"order_id": oid, "order_products": [
                                   {"order_product_id": "1", "order_product_quantity": 1}]}),
                               ("order.return.update", {"return_id": "1", "return_status_id": "authorized"})):
            answer = await env.call(method, body=params)
            assert answer["return_code"] == 120 and "Magento_Rma" in answer["return_message"], answer
        orders = ok(await env.call("order.list", {"params": "force_all"}))["order"]
        assert {o["additional_fields"]["return_status"] for o in orders} == {"no_return"}
