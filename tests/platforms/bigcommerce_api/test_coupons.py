"""BigCommerce coupons through the AnyCart API against the simulator's v2 coupons API (every
answer checked against the contract schema): cart.coupon.add makes a v2 coupon of the type
the action names, list/count read them back, delete takes one away; an unknown one is 112 in
API2Cart's words, a taken code is refused, what v2 cannot keep is 109."""

from __future__ import annotations

import httpx
import pytest

from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator
from tests.contract_schema import violations
from tests.platforms.bigcommerce_api.bc_schema import validated
from tests.platforms.gateway_env import ok

from .test_connector import API_HOST, HASH, TOKEN, open_env


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path, size=5) as e:
        yield e


ADD = {"code": "SPRING15", "action_type": "percent", "action_apply_to": "item_price",
       "action_scope": "matching_items", "action_amount": 15, "name": "Spring sale",
       "date_end": "2030-05-01", "usage_limit": 100, "usage_limit_per_customer": 2}


async def test_coupon_add_makes_a_v2_coupon_of_the_actions_type(env):
    new = ok(await env.call("cart.coupon.add", body=ADD))
    stored = env.shop.data.coupons.peek(int(new["coupon_id"]))
    assert stored["code"] == "SPRING15" and stored["name"] == "Spring sale"
    assert stored["type"] == "percentage_discount" and stored["amount"] == "15.0000"
    assert stored["max_uses"] == 100 and stored["max_uses_per_customer"] == 2
    assert stored["expires"].startswith("Wed, 01 May 2030") and stored["enabled"] is True
    assert stored["applies_to"] == {"entity": "categories", "ids": [0]}
    kinds = {}
    for code, action in (("ORDER5", {"action_type": "fixed", "action_scope": "order",
                                     "action_apply_to": "order_total"}),
                         ("EACH5", {"action_type": "fixed", "action_scope": "matching_items",
                                    "action_apply_to": "item_price"}),
                         ("SHIP5", {"action_type": "fixed", "action_scope": "order",
                                    "action_apply_to": "shipping"})):
        made = ok(await env.call("cart.coupon.add", body={**ADD, "code": code, "name": code,
                                                         "action_amount": 5, **action}))
        kinds[code] = env.shop.data.coupons.peek(int(made["coupon_id"]))["type"]
    assert kinds == {"ORDER5": "per_total_discount", "EACH5": "per_item_discount",
                     "SHIP5": "shipping_discount"}


async def test_coupon_list_and_count_read_them_back(env):
    new = ok(await env.call("cart.coupon.add", body=ADD))
    ok(await env.call("cart.coupon.add", body={**ADD, "code": "SHIP5", "name": "Ship",
                                               "action_type": "fixed", "action_apply_to": "shipping",
                                               "action_scope": "order", "action_amount": 5}))
    assert ok(await env.call("cart.coupon.count"))["coupons_count"] == 2
    answer = await env.call("cart.coupon.list", {"params": "force_all"})
    assert violations("cart.coupon.list", answer) == []  # the contract's Coupon
    listed = ok(answer)["coupon"]
    assert [c["code"] for c in listed] == ["SPRING15", "SHIP5"]
    c = listed[0]
    assert c["id"] == new["coupon_id"] and c["name"] == "Spring sale" and c["usage_limit"] == 100
    assert c["date_end"].startswith("2030-05-01") and c["avail"] is True
    assert c["actions"][0] == {**c["actions"][0], "type": "percent", "amount": 15.0,
                               "scope": "matching_items", "apply_to": "item_price"}
    assert listed[1]["actions"][0]["apply_to"] == "shipping"
    assert listed[1]["actions"][0]["type"] == "fixed"
    free = env.shop.data.coupons.peek(int(listed[1]["id"]))
    env.shop.data.coupons[free["id"]] = {**free, "type": "free_shipping", "amount": "0.0000"}
    shipped = ok(await env.call("cart.coupon.list", {"params": "force_all"}))["coupon"][1]["actions"][0]
    assert (shipped["type"], shipped["amount"], shipped["apply_to"]) == ("percent", 100.0, "shipping")


async def test_an_empty_store_lists_no_coupons(env):
    assert ok(await env.call("cart.coupon.count"))["coupons_count"] == 0
    assert ok(await env.call("cart.coupon.list"))["coupon"] == []


async def test_a_taken_code_is_refused(env):
    ok(await env.call("cart.coupon.add", body=ADD))
    again = await env.call("cart.coupon.add", body={**ADD, "name": "Another"})
    assert again["return_code"] == 113 and "code" in again["return_message"]
    assert len(env.shop.data.coupons) == 1


async def test_coupon_delete_and_an_unknown_one(env):
    new = ok(await env.call("cart.coupon.add", body=ADD))
    deleted = ok(await env.call("cart.coupon.delete", {"id": new["coupon_id"]}, verb="DELETE"))
    assert deleted == {"deleted": "true"}
    assert int(new["coupon_id"]) not in env.shop.data.coupons
    for unknown in ("asdasd", new["coupon_id"]):
        missing = await env.call("cart.coupon.delete", {"id": unknown}, verb="DELETE")
        assert missing["return_code"] == 112
        assert missing["return_message"] == f"Coupon with id {unknown} not found"


async def test_coupon_add_refuses_what_v2_cannot_keep(env):
    for param, value in (("customer_id", "3"), ("date_start", "2030-01-01")):
        refused = await env.call("cart.coupon.add", body={**ADD, param: value})
        assert refused["return_code"] == 109 and param in refused["return_message"]
    percent_shipping = await env.call("cart.coupon.add", body={**ADD, "action_apply_to": "shipping"})
    assert percent_shipping["return_code"] != 0 and "action_type" in percent_shipping["return_message"]
    assert len(env.shop.data.coupons) == 0


async def test_the_simulators_v2_coupons_answer_as_bigcommerce_does():
    """Straight at the simulator (each answer checked by ``bc_schema``): a 204 empty page, a
    201 on POST, 409 for a taken name, 400 for a read-only field or a missing one, 404 for an
    unknown id, a PUT kept, a DELETE a 204."""
    sim = BigCommerceSimulator()
    sim.shops.add_shop(HASH, TOKEN, size=1)
    body = {"name": "Five off", "code": "FIVE", "type": "per_total_discount", "amount": 5,
            "applies_to": {"entity": "products", "ids": [1]}}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=validated(sim.app)),
                                 base_url=f"https://{API_HOST}/stores/{HASH}/v2",
                                 headers={"X-Auth-Token": TOKEN}) as http:
        assert (await http.get("/coupons")).status_code == 204
        made = await http.post("/coupons", json=body)
        assert made.status_code == 201 and made.json()["amount"] == "5.0000"
        cid = made.json()["id"]
        taken = await http.post("/coupons", json={**body, "code": "OTHER"})
        assert taken.status_code == 409 and "name" in taken.json()[0]["message"]
        assert (await http.post("/coupons", json={**body, "code": "X", "name": "X", "id": 9})).status_code == 400
        missing = await http.post("/coupons", json={k: v for k, v in body.items() if k != "applies_to"}
                                  | {"code": "Y", "name": "Y"})
        assert missing.status_code == 400 and "applies_to" in missing.json()[0]["message"]
        assert (await http.get("/coupons/999")).status_code == 404
        assert (await http.delete("/coupons/999")).status_code == 404
        changed = await http.put(f"/coupons/{cid}", json={"enabled": False, "max_uses": 3})
        assert changed.json()["enabled"] is False and changed.json()["max_uses"] == 3
        assert (await http.get("/coupons/count")).json() == {"count": 1}
        assert [c["code"] for c in (await http.get("/coupons", params={"code": "FIVE"})).json()] == ["FIVE"]
        assert (await http.delete(f"/coupons/{cid}")).status_code == 204
        assert (await http.get("/coupons/count")).json() == {"count": 0}
