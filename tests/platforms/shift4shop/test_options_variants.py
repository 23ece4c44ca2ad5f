"""Product options and variants on Shift4Shop: the simulator's Options / AdvancedOptions
services as documented, and every option / child item / variant method of the connector
driven through the AnyCart HTTP API against the simulator."""

from __future__ import annotations

from datetime import datetime

import pytest

from anycart.platforms.shift4shop.seed import OPTION_SHARE
from anycart.platforms.shift4shop.sim_store import SimulatedStores
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator

from .conftest import SIZE
from .sim_api import KEY, TOKEN, URL, P, api_client


class FrozenClock:
    def now(self) -> float:
        return 0.0


@pytest.fixture
async def sim_client():
    sim = Shift4ShopSimulator(clock=FrozenClock())
    sim.stores.add_store(URL, KEY, TOKEN, size=40, seed=3, anchor=datetime(2025, 6, 1))
    async with api_client(sim) as c:
        yield sim, c


def optioned(env, *, colors: bool | None = None) -> int:
    """The first seeded product with option sets (with or without the Color set)."""
    for rid in env.store.data.products.ids():
        sets = env.store.data.products.get(rid)["OptionSetList"]
        if sets and (colors is None or (len(sets) == 2) is colors):
            return rid
    raise AssertionError("no product with options")


def plain(env) -> int:
    return next(rid for rid in env.store.data.products.ids()
                if not env.store.data.products.get(rid)["OptionSetList"])


# -- the simulator ----------------------------------------------------------------------------
def test_seed_gives_one_product_in_five_options_and_every_combination() -> None:
    a = SimulatedStores().add_store("a.example", "k", "t", size=100, seed=3)
    b = SimulatedStores().add_store("b.example", "k", "t", size=100, seed=3)
    products = [a.data.products.get(rid) for rid in a.data.products.ids()]
    with_options = [p for p in products if p["OptionSetList"]]
    assert len(with_options) == 100 // OPTION_SHARE
    assert {len(p["OptionSetList"]) for p in with_options} == {1, 2}
    set_ids = [o["OptionSetID"] for p in with_options for o in p["OptionSetList"]]
    option_ids = [v["OptionID"] for p in with_options for o in p["OptionSetList"]
                  for v in o["OptionList"]]
    assert len(set(set_ids)) == len(set_ids) and len(set(option_ids)) == len(option_ids)
    for p in with_options:
        sizes = [len(o["OptionList"]) for o in p["OptionSetList"]]
        combos = [ao["AdvancedOptionCode"] for ao in p["AdvancedOptionList"]]
        assert len(combos) == len(set(combos)) == (sizes[0] * (sizes[1] if len(sizes) > 1 else 1))
        ids = {str(v["OptionID"]) for o in p["OptionSetList"] for v in o["OptionList"]}
        assert all(set(c.split(",")) <= ids for c in combos)
        assert all(ao["AdvancedOptionSufix"].startswith("-") for ao in p["AdvancedOptionList"])
    assert all(not p["AdvancedOptionList"] for p in products if not p["OptionSetList"])
    assert [b.data.products.get(p["SKUInfo"]["CatalogID"]) for p in with_options] == with_options
    # new ids continue after the seeded ones
    assert a.data.counters["OptionSetID"] == max(set_ids)
    assert a.data.counters["OptionID"] == max(option_ids)


async def test_advanced_options_allow_get_and_put_only(sim_client) -> None:
    _, c = sim_client
    rid = OPTION_SHARE
    listed = (await c.get(f"{P}/Products/{rid}/AdvancedOptions")).json()
    code = listed[0]["AdvancedOptionCode"]
    body = {"AdvancedOptionCode": "999", "AdvancedOptionSufix": "-X", "AdvancedOptionStock": 1}
    assert (await c.post(f"{P}/Products/{rid}/AdvancedOptions", json=body)).status_code == 405
    one = f"{P}/Products/{rid}/AdvancedOptions/{code}"
    assert (await c.post(one, json=body)).status_code == 405
    assert (await c.delete(one)).status_code == 405
    assert (await c.delete(f"{P}/Products/{rid}/AdvancedOptions")).status_code == 405
    assert len((await c.get(f"{P}/Products/{rid}/AdvancedOptions")).json()) == len(listed)
    r = await c.put(f"{P}/Products/{rid}/AdvancedOptions/{code}",
                    json={"AdvancedOptionStock": 77, "AdvancedOptionCode": "ignored"})
    assert r.status_code == 200 and r.json()[0]["Value"] == code
    one = (await c.get(f"{P}/Products/{rid}/AdvancedOptions/{code}")).json()
    assert one[0]["AdvancedOptionStock"] == 77 and one[0]["AdvancedOptionCode"] == code
    r = await c.put(f"{P}/Products/{rid}/AdvancedOptions", json=[
        {"AdvancedOptionCode": code, "AdvancedOptionPrice": 1.25},
        {"AdvancedOptionCode": "no-such-code", "AdvancedOptionPrice": 1}])
    assert r.status_code == 206 and [e["Status"] for e in r.json()] == ["200", "404"]
    assert (await c.put(f"{P}/Products/{rid}/AdvancedOptions/no-such-code",
                        json={"AdvancedOptionStock": 1})).status_code == 404
    r = await c.put(f"{P}/Products/{rid}/AdvancedOptions/{code}",
                    json={"AdvancedOptionStock": 2.5})
    assert r.status_code == 400  # an int in the model


async def test_option_sets_post_and_put(sim_client) -> None:
    sim, c = sim_client
    rid = OPTION_SHARE
    r = await c.post(f"{P}/Products/{rid}/Options", json={
        "OptionSetID": 1, "OptionSetName": "Engraving", "OptionType": "Text",
        "OptionList": [{"OptionID": 1, "OptionName": "Yes", "OptionValue": 5},
                       {"OptionName": "No"}]})
    assert r.status_code == 201
    set_id = int(r.json()[0]["Value"])
    assert set_id > sim.stores.get(URL).data.products.get(rid)["OptionSetList"][0]["OptionSetID"]
    new = (await c.get(f"{P}/Products/{rid}/Options/{set_id}")).json()[0]
    ids = [v["OptionID"] for v in new["OptionList"]]
    assert len(set(ids)) == 2 and 1 not in ids  # the service numbers new rows itself
    assert new["OptionList"][0]["OptionValue"] == 5 and "OptionImagePath" in new["OptionList"][1]
    # PUT of one set: values named by OptionID change, values without one are added,
    # values not sent stay
    r = await c.put(f"{P}/Products/{rid}/Options/{set_id}", json={
        "OptionSetName": "Gift engraving",
        "OptionList": [{"OptionID": ids[1], "OptionName": "None", "OptionValue": 0},
                       {"OptionName": "Gold"}]})
    assert r.status_code == 200
    got = (await c.get(f"{P}/Products/{rid}/Options/{set_id}")).json()[0]
    assert got["OptionSetName"] == "Gift engraving"
    assert [v["OptionName"] for v in got["OptionList"]] == ["Yes", "None", "Gold"]
    assert got["OptionList"][2]["OptionID"] not in ids
    # PUT of the collection
    r = await c.put(f"{P}/Products/{rid}/Options", json=[
        {"OptionSetID": set_id, "OptionRequired": True}, {"OptionSetID": 987654}])
    assert r.status_code == 206 and [e["Status"] for e in r.json()] == ["200", "404"]
    assert (await c.delete(f"{P}/Products/{rid}/Options/{set_id}")).status_code == 405
    r = await c.post(f"{P}/Products/987654/Options", json={"OptionSetName": "x"})
    assert r.status_code == 404


# -- child items ------------------------------------------------------------------------------
async def test_child_item_list_of_a_product(s4s) -> None:
    env = s4s
    rid = optioned(env, colors=True)
    raw = env.store.data.products.get(rid)
    r = await env.call("product.child_item.list", {"product_id": str(rid)})
    assert r["return_code"] == 0, r
    children = r["result"]["children"]
    assert r["result"]["total_count"] == len(raw["AdvancedOptionList"]) == 6
    first, ao = children[0], raw["AdvancedOptionList"][0]
    assert first["id"] == f"{rid}-{ao['AdvancedOptionCode']}" and first["parent_id"] == str(rid)
    assert first["sku"] == raw["SKUInfo"]["SKU"] + ao["AdvancedOptionSufix"]
    assert first["default_price"] == ao["AdvancedOptionPrice"]
    assert first["inventory_level"] == ao["AdvancedOptionStock"]
    assert first["cost_price"] == ao["AdvancedOptionCost"]
    assert first["name"] == ao["AdvancedOptionName"]
    assert first["combination"] == [
        {"option_id": str(s["OptionSetID"]), "option_value_id": str(s["OptionList"][0]["OptionID"]),
         "additional_fields": {}, "custom_fields": {}} for s in raw["OptionSetList"]]
    none = await env.call("product.child_item.list", {"product_id": str(plain(env))})
    assert none["return_code"] == 0 and none["result"]["children"] == []
    two = await env.call("product.child_item.list", {"product_ids": f"{rid},{plain(env)},{rid - 5}",
                                                     "params": "id,parent_id"})
    assert {c["parent_id"] for c in two["result"]["children"]} == {str(rid), str(rid - 5)}
    assert set(two["result"]["children"][0]) == {"id", "parent_id"}


async def test_child_item_list_filters_and_paging_across_products(s4s) -> None:
    env = s4s
    rid = optioned(env, colors=True)
    raw = env.store.data.products.get(rid)
    sku = raw["SKUInfo"]["SKU"] + raw["AdvancedOptionList"][3]["AdvancedOptionSufix"]
    by_sku = await env.call("product.child_item.list", {"sku": sku.lower()})
    assert [c["sku"] for c in by_sku["result"]["children"]] == [sku]
    assert by_sku["result"]["total_count"] == 1
    expected = [f"{p['SKUInfo']['CatalogID']}-{ao['AdvancedOptionCode']}"
                for p in map(env.store.data.products.get, env.store.data.products.ids())
                for ao in p["AdvancedOptionList"]]
    page = await env.call("product.child_item.list", {"count": 20, "params": "id"})
    assert [c["id"] for c in page["result"]["children"]] == expected[:20]
    nxt = await env.call("product.child_item.list", {"page_cursor": page["pagination"]["next"]})
    assert [c["id"] for c in nxt["result"]["children"]] == expected[20:40]
    tail = await env.call("product.child_item.list", {"start": len(expected) - 5, "count": 10})
    assert [c["id"] for c in tail["result"]["children"]] == expected[-5:]
    assert tail["result"]["total_count"] == len(expected)  # the scan reached the end
    assert tail["pagination"]["next"] is None
    name = raw["AdvancedOptionList"][0]["AdvancedOptionName"]
    found = await env.call("product.child_item.list", {"product_id": str(rid), "find_value": name,
                                                        "find_where": "name"})
    assert [c["name"] for c in found["result"]["children"]] == [name]
    bad = await env.call("product.child_item.list", {"find_value": "x", "find_where": "colour"})
    assert bad["return_code"] == 109
    created = raw["DateCreated"][:10]
    same_day = await env.call("product.child_item.list", {"product_id": str(rid),
                                                           "created_to": created})
    assert same_day["result"]["total_count"] == 6  # a bare end date takes the whole day
    before = await env.call("product.child_item.list", {"product_id": str(rid),
                                                         "created_to": "2000-01-01"})
    assert before["result"]["children"] == []
    since = await env.call("product.child_item.list", {"created_from": created, "count": 250,
                                                        "params": "parent_id"})
    parents = {c["parent_id"] for c in since["result"]["children"]}
    assert str(rid) in parents and all(
        env.store.data.products.get(int(i))["DateCreated"][:10] >= created for i in parents)


async def test_child_item_info_and_find(s4s) -> None:
    env = s4s
    rid = optioned(env)
    raw = env.store.data.products.get(rid)
    ao = raw["AdvancedOptionList"][1]
    cid = f"{rid}-{ao['AdvancedOptionCode']}"
    info = await env.call("product.child_item.info", {"product_id": str(rid), "id": cid})
    assert info["return_code"] == 0, info
    assert info["result"]["id"] == cid and info["result"]["parent_id"] == str(rid)
    bare = await env.call("product.child_item.info", {"product_id": str(rid),
                                                      "id": ao["AdvancedOptionCode"],
                                                      "params": "id"})
    assert bare["result"] == {"id": cid}
    missing = await env.call("product.child_item.info", {"product_id": str(rid),
                                                         "id": f"{rid}-999999"})
    assert missing["return_code"] == 112
    no_product = await env.call("product.child_item.info", {"product_id": "987654",
                                                            "id": "987654-1"})
    assert no_product["return_code"] == 112
    assert no_product["return_message"] == "Product with id 987654 not found"
    no_id = await env.call("product.child_item.info", {"product_id": str(rid)})
    assert no_id["return_code"] == 114 and "'id'" in no_id["return_message"]

    sku = raw["SKUInfo"]["SKU"] + ao["AdvancedOptionSufix"]
    found = await env.call("product.child_item.find", {"find_value": sku})
    assert found["return_code"] == 0, found
    assert [c["id"] for c in found["result"]["children"]] == [cid]
    partial = await env.call("product.child_item.find", {"find_value": sku[:-1],
                                                         "find_params": "any"})
    assert cid in [c["id"] for c in partial["result"]["children"]]
    by_id = await env.call("product.child_item.find", {"find_value": cid, "find_where": "id"})
    assert [c["id"] for c in by_id["result"]["children"]] == [cid]
    nothing = await env.call("product.child_item.find", {"find_value": "NO-SUCH-SKU-1"})
    assert nothing["return_code"] == 112
    assert (await env.call("product.child_item.find", {}))["return_code"] == 114


# -- variants ---------------------------------------------------------------------------------
async def test_variant_update(s4s) -> None:
    env = s4s
    rid = optioned(env, colors=True)
    raw = env.store.data.products.get(rid)
    ao = raw["AdvancedOptionList"][2]
    vid = f"{rid}-{ao['AdvancedOptionCode']}"
    r = await env.call("product.variant.update", body={
        "id": vid, "price": 19.99, "quantity": 12, "cost_price": 7.5, "weight": 1.25,
        "sku": raw["SKUInfo"]["SKU"] + "-NEW"})
    assert r["return_code"] == 0 and r["result"] == {"updated_items": 1}, r
    got = env.store.data.products.get(rid)["AdvancedOptionList"][2]
    assert (got["AdvancedOptionPrice"], got["AdvancedOptionStock"], got["AdvancedOptionCost"],
            got["AdvancedOptionWeight"], got["AdvancedOptionSufix"]) == (
        19.99, 12, 7.5, 1.25, "-NEW")
    assert env.store.data.products.get(rid)["AdvancedOptionList"][0] == raw["AdvancedOptionList"][0]
    more = await env.call("product.variant.update", body={
        "id": ao["AdvancedOptionCode"], "product_id": str(rid), "increase_quantity": 5})
    assert more["return_code"] == 0, more
    assert env.store.data.products.get(rid)["AdvancedOptionList"][2]["AdvancedOptionStock"] == 17
    info = await env.call("product.child_item.info", {"product_id": str(rid), "id": vid})
    assert info["result"]["inventory_level"] == 17 and info["result"]["sku"].endswith("-NEW")

    async def code(body: dict) -> int:
        return (await env.call("product.variant.update", body=body))["return_code"]

    assert await code({"price": 1}) == 114
    assert await code({"id": f"{rid}-999999", "price": 1}) == 112
    assert await code({"id": "987654-1", "price": 1}) == 112
    assert await code({"id": "no-product-id", "price": 1}) == 109
    assert await code({"id": vid, "quantity": 2.5}) == 109
    assert await code({"id": vid, "sku": "OTHER-SKU"}) == 109
    assert await code({"id": vid}) == 110
    missing = await env.call("product.variant.update", body={"id": "987654-1", "price": 1})
    assert missing["return_message"] == "Product with id 987654 not found"
    unknown = await env.call("product.variant.update", body={"id": f"{rid}-999999", "price": 1})
    assert unknown["return_message"] == f"Variant with id {rid}-999999 not found"


async def test_what_shift4shop_cannot_do_is_120(s4s) -> None:
    env = s4s
    rid = optioned(env)
    calls = [("product.variant.add", None, {"product_id": str(rid), "model": "X-1"}),
             ("product.variant.delete", {"id": f"{rid}-1", "product_id": str(rid)}, None),
             ("product.option.delete", {"option_id": "1", "product_id": str(rid)}, None),
             ("product.option.value.delete", {"option_id": "1", "option_value_id": "1",
                                              "product_id": str(rid)}, None),
             ("product.option.value.assign", {"product_option_id": "1", "option_value_id": "1"},
              None)]
    for method, params, body in calls:
        r = await env.call(method, params, body)
        assert r["return_code"] == 120, (method, r)
        assert r["return_message"] == (
            f"Method '{method}' is not supported by platform 'Shift4Shop'.")
    served = set((await env.call("cart.methods"))["result"]["method"])
    assert {"product.child_item.list", "product.child_item.info", "product.child_item.find",
            "product.variant.update", "product.option.list", "product.option.add",
            "product.option.assign", "product.option.value.add",
            "product.option.value.update"} <= served
    assert not served & {method for method, _, _ in calls}


# -- options ----------------------------------------------------------------------------------
async def test_option_list(s4s) -> None:
    env = s4s
    rid = optioned(env, colors=True)
    raw = env.store.data.products.get(rid)
    r = await env.call("product.option.list", {"product_id": str(rid), "params": "force_all"})
    assert r["return_code"] == 0, r
    size, color = r["result"]["option"]
    assert size["id"] == str(raw["OptionSetList"][0]["OptionSetID"]) and size["name"] == "Size"
    assert size["type"] == "select" and size["required"] is True and size["used_in_combination"]
    assert [v["name"] for v in size["option_items"]] == ["S", "M", "L"]
    large = raw["OptionSetList"][0]["OptionList"][2]
    assert size["option_items"][2]["price"] == large["OptionValue"]
    assert size["additional_fields"]["product_id"] == str(rid) and color["name"] == "Color"
    default = await env.call("product.option.list", {"product_id": str(rid)})
    assert set(default["result"]["option"][0]) == {"id", "name", "description"}
    info = await env.call("product.info", {"id": str(rid), "params": "product_options"})
    assert [o["id"] for o in info["result"]["product_options"]] == [size["id"], color["id"]]
    everywhere = await env.call("product.option.list", {"count": 30})
    expected = [str(o["OptionSetID"]) for i in env.store.data.products.ids()
                for o in env.store.data.products.get(i)["OptionSetList"]]
    assert [o["id"] for o in everywhere["result"]["option"]] == expected[:30]
    assert everywhere["pagination"]["next"]
    assert (await env.call("product.option.list", {"product_id": "987654"}))["return_code"] == 112


async def test_option_add(s4s) -> None:
    env = s4s
    pid = plain(env)
    r = await env.call("product.option.add", body={
        "product_id": str(pid), "name": "Material", "type": "option_type_radio",
        "required": True, "description": "Pick one",
        "values": [{"value": "Cotton"}, {"value": "Linen", "is_default": True}]})
    assert r["return_code"] == 0, r
    sets = env.store.data.products.get(pid)["OptionSetList"]
    assert [o["OptionSetName"] for o in sets] == ["Material"]
    new = sets[0]
    assert r["result"]["option_id"] == r["result"]["product_option_id"] == str(new["OptionSetID"])
    assert r["result"]["product_value_ids"] == ",".join(
        str(v["OptionID"]) for v in new["OptionList"])
    assert (new["OptionType"], new["OptionRequired"], new["OptionAdditionalInformation"]) == (
        "Radio", True, "Pick one")
    assert [(v["OptionName"], v["OptionSelected"]) for v in new["OptionList"]] == [
        ("Cotton", False), ("Linen", True)]
    csv = await env.call("product.option.add", body={"product_id": str(pid), "name": "Fit",
                                                     "type": "option_type_select",
                                                     "option_values": "Slim,Regular"})
    assert csv["return_code"] == 0 and len(csv["result"]["product_value_ids"].split(",")) == 2

    async def code(body: dict) -> int:
        return (await env.call("product.option.add", body=body))["return_code"]

    assert await code({"product_id": str(pid), "type": "option_type_select"}) == 114
    assert await code({"name": "No product", "type": "option_type_select"}) == 114
    assert await code({"product_id": "987654", "name": "X", "type": "option_type_select"}) == 112
    assert await code({"product_id": str(pid), "name": "X", "type": "option_type_date"}) == 109
    assert await code({"product_id": str(pid), "name": "X", "type": "option_type_select",
                       "values": [{"value": "A"}, {"value": "a"}]}) == 109


async def test_option_assign_copies_the_set(s4s) -> None:
    env = s4s
    source_pid = optioned(env, colors=True)
    source = env.store.data.products.get(source_pid)["OptionSetList"][1]
    pid = plain(env)
    r = await env.call("product.option.assign", {"product_id": str(pid),
                                                 "option_id": str(source["OptionSetID"]),
                                                 "required": "true"})
    assert r["return_code"] == 0, r
    copy = env.store.data.products.get(pid)["OptionSetList"][0]
    assert r["result"]["product_option_id"] == str(copy["OptionSetID"])
    assert copy["OptionSetID"] != source["OptionSetID"]
    assert copy["OptionSetName"] == source["OptionSetName"] and copy["OptionRequired"] is True

    def names(option_set: dict) -> list[str]:
        return [v["OptionName"] for v in option_set["OptionList"]]

    def ids(option_set: dict) -> set[int]:
        return {v["OptionID"] for v in option_set["OptionList"]}

    assert names(copy) == names(source) and not ids(copy) & ids(source)
    size = env.store.data.products.get(source_pid)["OptionSetList"][0]
    some = await env.call("product.option.assign", {
        "product_id": str(pid), "option_id": str(size["OptionSetID"]),
        "option_values": f"M,{size['OptionList'][2]['OptionID']}"})
    assert some["return_code"] == 0, some
    assert names(env.store.data.products.get(pid)["OptionSetList"][1]) == ["M", "L"]
    again = await env.call("product.option.assign", {"product_id": str(source_pid),
                                                     "option_id": str(source["OptionSetID"])})
    assert again["return_code"] == 113

    async def assign(params: dict) -> int:
        return (await env.call("product.option.assign", params))["return_code"]

    size_id = str(size["OptionSetID"])
    assert await assign({"product_id": str(pid), "option_id": "987654"}) == 112
    assert await assign({"product_id": "987654", "option_id": size_id}) == 112
    assert await assign({"product_id": str(pid), "option_id": size_id,
                         "option_values": "XXL"}) == 112
    assert await assign({"option_id": "1"}) == 114


async def test_option_value_add_and_update(s4s) -> None:
    env = s4s
    rid = optioned(env)
    size = env.store.data.products.get(rid)["OptionSetList"][0]
    oid = str(size["OptionSetID"])
    r = await env.call("product.option.value.add", {"product_id": str(rid), "option_id": oid,
                                                    "option_value": "XL"})
    assert r["return_code"] == 0, r
    values = env.store.data.products.get(rid)["OptionSetList"][0]["OptionList"]
    assert [v["OptionName"] for v in values] == ["S", "M", "L", "XL"]
    assert r["result"]["option_value_id"] == str(values[3]["OptionID"])
    assert values[:3] == size["OptionList"] and values[3]["OptionSorting"] == 4
    listed = await env.call("product.option.list", {"product_id": str(rid),
                                                    "params": "option_items"})
    assert "XL" in [v["name"] for v in listed["result"]["option"][0]["option_items"]]

    async def add(params: dict) -> int:
        return (await env.call("product.option.value.add", params))["return_code"]

    assert await add({"product_id": str(rid), "option_id": oid, "option_value": "xl"}) == 113
    assert await add({"product_id": str(rid), "option_id": "987654", "option_value": "Z"}) == 112
    assert await add({"product_id": "987654", "option_id": oid, "option_value": "Z"}) == 112
    assert await add({"product_id": str(rid), "option_id": oid}) == 114
    assert await add({"product_id": str(rid), "option_value": "Z"}) == 114

    vid = r["result"]["option_value_id"]
    up = await env.call("product.option.value.update", {
        "product_id": str(rid), "option_id": oid, "option_value_id": vid,
        "option_value": "Extra Large", "price": 3.5})
    assert up["return_code"] == 0 and up["result"] == {"updated_items": 1}, up
    got = env.store.data.products.get(rid)["OptionSetList"][0]["OptionList"]
    assert (got[3]["OptionName"], got[3]["OptionValue"]) == ("Extra Large", 3.5)
    assert got[:3] == size["OptionList"]

    async def update(params: dict) -> int:
        return (await env.call("product.option.value.update", params))["return_code"]

    base = {"product_id": str(rid), "option_id": oid}
    assert await update({**base, "option_value_id": "987654", "price": 1}) == 112
    assert await update({**base, "option_value_id": vid, "quantity": 4}) == 109
    assert await update({**base, "option_value_id": vid}) == 110
    assert await update({**base, "option_value_id": vid, "option_value": "s"}) == 113
    assert await update({**base, "price": 1}) == 114


async def test_seeded_store_still_counts_products(s4s) -> None:
    env = s4s
    r = await env.call("product.count")
    assert r["result"]["products_count"] == SIZE
