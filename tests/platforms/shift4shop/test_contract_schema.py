"""Shift4Shop answers conform to the contract's response schemas (issue 12 item 18)."""

from __future__ import annotations

import json

from tests.contract_schema import read_violations
from tests.platforms.shift4shop.test_connector import connected, env  # noqa: F401


async def test_read_answers_conform_to_the_contract(connected):
    found = await read_violations(connected)
    assert found == {}, json.dumps(found, indent=1)


async def test_address_country_has_both_codes_and_the_full_name(connected):
    listed = await connected.call("customer.list", {"params": "force_all", "count": 5})
    countries = [a["country"] for c in listed["result"]["customer"] for a in c["address_book"]]
    assert countries and {"code2": "US", "code3": "USA", "name": "United States"} in countries
    for country in countries:
        assert len(country["code2"]) == 2 and len(country["code3"]) == 3, country
        assert len(country["name"]) > 3, country
