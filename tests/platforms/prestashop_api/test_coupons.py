"""PrestaShop coupons (cart rules) through the AnyCart API against the webservice simulator:
add writes a cart rule (code, name in the language, reduction, the required dates), list and
count read them back, delete takes one away; an unknown one is 112."""

from __future__ import annotations

import pytest

from tests.contract_schema import violations
from tests.platforms.gateway_env import ok

from .test_connector import open_env


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path, size=5) as e:
        yield e


ADD = {"code": "SPRING15", "action_type": "percent", "action_apply_to": "order_total",
       "action_scope": "order", "action_amount": 15, "name": "Spring sale",
       "date_end": "2030-05-01 00:00:00", "usage_limit": 100, "usage_limit_per_customer": 2}


def rules(env):
    table = env.shop.tables["cart_rules"]
    return [table.peek(k) for k in table.sorted_keys()]


async def test_coupon_add_writes_a_cart_rule(env):
    new = ok(await env.call("cart.coupon.add", body=ADD))
    [rule] = rules(env)
    assert str(rule["id"]) == new["coupon_id"] and rule["code"] == "SPRING15"
    assert float(rule["reduction_percent"]) == 15 and int(rule["quantity"]) == 100
    assert int(rule["quantity_per_user"]) == 2 and str(rule["date_to"]).startswith("2030-05-01")
    assert "Spring sale" in str(rule["name"])
    fixed = ok(await env.call("cart.coupon.add", body={**ADD, "code": "FIVE", "action_type": "fixed",
                                                         "action_amount": 5}))
    assert float(env.shop.tables["cart_rules"].peek(int(fixed["coupon_id"]))["reduction_amount"]) == 5


async def test_coupon_list_count_and_delete(env):
    new = ok(await env.call("cart.coupon.add", body=ADD))
    assert ok(await env.call("cart.coupon.count"))["coupons_count"] == 1
    answer = await env.call("cart.coupon.list", {"params": "force_all"})
    assert violations("cart.coupon.list", answer) == []  # the contract's Coupon, nulls only where allowed
    [c] = ok(answer)["coupon"]
    assert c["id"] == new["coupon_id"] and c["code"] == "SPRING15" and c["usage_limit"] == 100
    assert c["actions"][0]["type"] == "percent" and c["actions"][0]["amount"] == 15.0
    assert ok(await env.call("cart.coupon.delete", {"id": new["coupon_id"]}, verb="DELETE")) == {"deleted": "true"}
    assert rules(env) == []
    missing = await env.call("cart.coupon.delete", {"id": "asdasd"}, verb="DELETE")
    assert missing["return_code"] == 112 and "Coupon" in missing["return_message"]


async def test_coupon_add_refuses_what_it_cannot_apply(env):
    refused = await env.call("cart.coupon.add", body={**ADD, "customer_id": "3"})
    assert refused["return_code"] == 109 and "customer_id" in refused["return_message"]
    assert rules(env) == []
