"""tax.class.info's ``tax_rates`` through the AnyCart HTTP API against the simulator: each
rate of the class (``/taxes?class=<slug>``, every page) in the contract's nested shape
(country -> state -> zip codes, cities), its rate a number; filters WooCommerce's tax classes
cannot honour refused with 109."""

from __future__ import annotations

import pytest

from tests.platforms.woocommerce_api.test_connector import env, ok  # noqa: F401


async def test_standard_class_rates_nested_by_place(env):
    info = ok(await env.call("tax.class.info", {"tax_class_id": "standard", "params": "force_all"}))
    assert (info["id"], info["name"]) == ("standard", "Standard Rate")
    state, city = info["tax_rates"]
    assert (state["id"], state["name"], state["tax"], state["tax_type"]) == ("1", "State Tax", 5.0, 0)
    [us] = state["countries"]
    assert (us["code"], us["name"], [s["code"] for s in us["states"]]) == ("US", "United States", ["IL"])
    assert us["states"][0]["name"] == "Illinois" and state["zip_codes"] == [] and state["cities"] == []
    assert state["additional_fields"] == {"priority": 1, "compound": False, "shipping": False,
                                          "order": 0, "class": "standard"}
    assert city["tax"] == 9.5 and city["cities"] == ["BEVERLY HILLS"]
    ca = city["countries"][0]["states"][0]
    assert (ca["code"], ca["name"]) == ("CA", "California")
    assert ca["zip_codes"] == city["zip_codes"] == [
        {"is_range": False, "range": [code], "fields": []} for code in ("90210", "90211")]


async def test_rates_follow_the_shop_and_every_page_is_read(env):
    shop = env.shop
    for n in range(105):  # past one page of /taxes (per_page at most 100)
        shop.create("taxes", {"country": "DE", "postcodes": [f"{10000 + n}...{10000 + n + 5}"],
                              "rate": "7", "name": f"Reduced {n}", "class": "reduced-rate",
                              "order": 10 + n})
    info = ok(await env.call("tax.class.info", {"tax_class_id": "reduced-rate", "params": "force_all"}))
    rates = info["tax_rates"]
    assert len(rates) == 106 and rates[0]["name"] == "Reduced Rate"
    assert rates[0]["countries"][0]["states"] == []  # every US state
    last = rates[-1]
    assert last["countries"][0]["name"] == "Germany" and last["tax"] == 7.0
    assert last["zip_codes"] == [{"is_range": True, "range": ["10104", "10109"],
                                  "fields": [{"from": "10104", "to": "10109"}]}]
    zero = ok(await env.call("tax.class.info", {"tax_class_id": "zero-rate",
                                                "params": "force_all"}))["tax_rates"]
    assert [(r["tax"], r["countries"]) for r in zero] == [(0.0, [])]  # every country


async def test_list_answers_classes_and_refuses_what_it_cannot_filter(env):
    listed = ok(await env.call("tax.class.list"))
    assert [c["id"] for c in listed["tax_classes"]] == ["reduced-rate", "standard", "zero-rate"]
    assert all("tax_rates" not in c for c in listed["tax_classes"])  # the contract lists none
    assert (await env.call("tax.class.info", {"tax_class_id": "gone"}))["return_code"] == 112


@pytest.mark.parametrize(("param", "value"), [
    ("find_value", "Zero"), ("find_where", "name"), ("created_from", "2024-01-01"),
    ("created_to", "2024-01-01"), ("modified_from", "2024-01-01"), ("modified_to", "2024-01-01")])
async def test_tax_class_filters_refused(env, param, value):
    answer = await env.call("tax.class.list", {param: value})
    assert answer["return_code"] == 109 and f"'{param}'" in answer["return_message"]


async def test_info_lang_id_refused(env):
    answer = await env.call("tax.class.info", {"tax_class_id": "standard", "lang_id": "2"})
    assert answer["return_code"] == 109 and "'lang_id'" in answer["return_message"]
