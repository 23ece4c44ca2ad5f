"""Magento 2 coupons through the AnyCart API against the simulator (every answer validated
against Magento's published schema): cart.coupon.add makes a cart price rule and its coupon,
list/count read them with the rule's action, delete takes the coupon away; an unknown one is
112 in API2Cart's words."""

from __future__ import annotations

import httpx
import pytest

from anycart.platforms.magento2_api.simulator import Magento2Simulator
from tests.contract_schema import violations
from tests.platforms.gateway_env import ok

from .test_connector import open_env


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path, size=5) as e:
        yield e


ADD = {"code": "SPRING15", "action_type": "percent", "action_apply_to": "item_price",
       "action_scope": "matching_items", "action_amount": 15, "name": "Spring sale",
       "date_end": "2030-05-01", "usage_limit": 100, "usage_limit_per_customer": 2}


async def test_coupon_add_makes_a_rule_and_its_coupon(env):
    new = ok(await env.call("cart.coupon.add", body=ADD))
    data = env.shop.data
    coupon = data.coupons.peek(int(new["coupon_id"]))
    rule = data.sales_rules.peek(coupon["rule_id"])
    assert coupon["code"] == "SPRING15" and coupon["usage_limit"] == 100 and coupon["usage_per_customer"] == 2
    assert rule["simple_action"] == "by_percent" and rule["discount_amount"] == 15
    assert rule["coupon_type"] == "SPECIFIC_COUPON" and rule["to_date"] == "2030-05-01"
    assert rule["name"] == "Spring sale" and rule["apply_to_shipping"] is False
    fixed = ok(await env.call("cart.coupon.add", body={
        **ADD, "code": "SHIPFREE", "action_type": "fixed", "action_apply_to": "shipping",
        "action_scope": "order", "action_amount": 5}))
    shipped = data.sales_rules.peek(data.coupons.peek(int(fixed["coupon_id"]))["rule_id"])
    assert shipped["simple_action"] == "cart_fixed" and shipped["apply_to_shipping"] is True


async def test_coupon_list_and_count_read_the_rules_action(env):
    new = ok(await env.call("cart.coupon.add", body=ADD))
    assert ok(await env.call("cart.coupon.count"))["coupons_count"] == 1
    answer = await env.call("cart.coupon.list", {"params": "force_all"})
    assert violations("cart.coupon.list", answer) == []  # the contract's Coupon, nulls only where allowed
    listed = ok(answer)["coupon"]
    assert [c["id"] for c in listed] == [new["coupon_id"]]
    c = listed[0]
    assert c["code"] == "SPRING15" and c["name"] == "Spring sale" and c["usage_limit"] == 100
    assert c["actions"][0] == {**c["actions"][0], "type": "percent", "amount": 15.0,
                               "scope": "matching_items", "apply_to": "item_price"}
    assert c["codes"][0]["code"] == "SPRING15"


async def test_a_taken_code_is_refused_and_leaves_no_rule(env):
    ok(await env.call("cart.coupon.add", body=ADD))
    again = await env.call("cart.coupon.add", body=ADD)
    assert again["return_code"] != 0
    assert len(env.shop.data.sales_rules) == 1 and len(env.shop.data.coupons) == 1


async def test_coupon_delete_and_an_unknown_one(env):
    new = ok(await env.call("cart.coupon.add", body=ADD))
    deleted = ok(await env.call("cart.coupon.delete", {"id": new["coupon_id"]}, verb="DELETE"))
    assert deleted == {"deleted": "true"}
    assert int(new["coupon_id"]) not in env.shop.data.coupons
    missing = await env.call("cart.coupon.delete", {"id": "asdasd"}, verb="DELETE")
    assert (missing["return_code"], missing["return_message"]) == (
        112, "Coupon with coupon_id asdasd not found")  # as API2Cart words it
    gone = await env.call("cart.coupon.delete", {"id": new["coupon_id"]}, verb="DELETE")
    assert (gone["return_code"], gone["return_message"]) == (
        112, f"Coupon with coupon_id {new['coupon_id']} not found")


async def test_coupon_add_refuses_what_it_cannot_apply(env):
    refused = await env.call("cart.coupon.add", body={**ADD, "customer_id": "3"})
    assert refused["return_code"] == 109 and "customer_id" in refused["return_message"]
    assert len(env.shop.data.coupons) == 0


async def test_coupons_need_the_cart_price_rules_resource():
    """An integration without ``Magento_SalesRule::quote`` reads no coupons (webapi.xml's ACL)."""
    sim = Magento2Simulator()
    sim.shops.add_shop("acl.example", "limited", size=2, acl=["Magento_Catalog::products"])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url="https://acl.example") as http:
        headers = {"Authorization": "Bearer limited"}
        denied = await http.get("/rest/V1/coupons/search", headers=headers)
        allowed = await http.get("/rest/V1/products", headers=headers,
                                 params={"searchCriteria[pageSize]": 1})
    assert denied.status_code == 401 and "Magento_SalesRule::quote" in denied.text
    assert allowed.status_code == 200
