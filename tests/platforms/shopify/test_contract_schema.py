"""Shopify answers conform to the contract's response schemas (issue 12 item 18)."""

from __future__ import annotations

import json

from tests.contract_schema import read_violations
from tests.platforms.shopify.test_connector import env  # noqa: F401


async def test_read_answers_conform_to_the_contract(env):
    found = await read_violations(env)
    assert found == {}, json.dumps(found, indent=1)


async def test_order_customer_and_addresses_are_filled(env):
    listed = await env.call("order.list", {"params": "force_all", "count": 5})
    for order in listed["result"]["order"]:
        customer = order["customer"]
        assert customer["id"], order["id"]
        for side in ("billing_address", "shipping_address"):
            address = order[side]
            assert address["id"] and isinstance(address["default"], bool), (side, address)
            country = address["country"]
            assert len(country["code2"]) == 2 and len(country["code3"]) == 3, country
            assert country["name"] not in (country["code2"], country["code3"]), country
