"""The PrestaShop webservice connector (``PrestashopApi``), driven through the AnyCart HTTP
API against the simulator (``PrestashopSimulator``) mounted in AnyCart's HTTP layer: the key
checked on account.cart.add, every served method, languages and shops, filters and paging,
XML writes, a key's permissions, errors, polled webhooks."""

from __future__ import annotations

import contextlib

import httpx
import pytest

from anycart.platforms.prestashop_api.platform import PLATFORMS
from anycart.platforms.prestashop_api.simulator import PrestashopSimulator
from tests.platforms.gateway_env import GatewayEnv, ok, open_gateway

HOST = "shop.example"
KEY = "CKJ1ZEWRJWRLTPVBQJ9FGGRORD4AGS96"
SIZE = 60


class Env(GatewayEnv):
    @property
    def shop(self):
        return self.sim.shops.get(HOST)

    async def connect(self, key: str = KEY, **more: str) -> dict:
        """account.cart.add of the shop (by a new account after the first: one store each)."""
        return await self.add_cart({"cart_id": "PrestashopApi", "store_url": f"https://{HOST}",
                                    "prestashop_webservice_key": key, **more})


@contextlib.asynccontextmanager
async def open_env(tmp_path, size: int = SIZE, **shop):
    sim = PrestashopSimulator()
    sim.shops.add_shop(HOST, KEY, size=size, seed=3, **shop)
    async with open_gateway(tmp_path, sim, PLATFORMS, {HOST: sim.app}, Env, connect=Env.connect) as e:
        yield e


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path) as e:
        yield e


async def raw(env: Env, path: str, key: str = KEY, **params: str) -> dict:
    """The simulator's own answer (JSON), read past AnyCart: what a write really stored."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=env.sim.app),
                                 base_url=f"https://{HOST}") as c:
        r = await c.get(f"/api/{path}", params={"output_format": "JSON", **params}, auth=(key, ""))
    assert r.status_code == 200, r.text
    return r.json()


def langs(value) -> dict[str, str]:
    """A multilingual value as the webservice answers it: language id -> text."""
    return {str(v["id"]): v["value"] for v in value} if isinstance(value, list) else {"1": value}


async def test_account_cart_add_checks_the_key(env):
    wrong = await env.connect("W" * 32)
    assert wrong["return_code"] == 107 and "prestashop_webservice_key" in wrong["return_message"]
    missing = await env.call("account.cart.add", body={"cart_id": "PrestashopApi",
                                                       "store_url": f"https://{HOST}"})
    assert missing["return_code"] == 114 and "prestashop_webservice_key" in missing["return_message"]
    assert (await env.connect())["return_code"] == 0


async def test_cart_info_lists_shops_languages_currencies_carriers(env):
    info = ok(await env.call("cart.info", {"params": "force_all"}))
    shops = (await raw(env, "shops", display="full"))["shops"]
    assert [s["store_id"] for s in info["stores_info"]] == [str(s["id"]) for s in shops]
    assert sum(s["default"] for s in info["stores_info"]) == 1
    languages = (await raw(env, "languages", display="full"))["languages"]
    first = info["stores_info"][0]
    assert [lang["iso_code"] for lang in first["store_languages"]] == [lang["iso_code"] for lang in languages]
    assert first["language"] == languages[0]["iso_code"]
    currencies = (await raw(env, "currencies", display="full"))["currencies"]
    assert [c["iso3"] for c in first["store_currencies"]] == [c["iso_code"] for c in currencies]
    assert first["currency"]["iso3"] == currencies[0]["iso_code"]
    carriers = (await raw(env, "carriers", display="full", **{"filter[deleted]": "[0]"}))["carriers"]
    assert [(c["id"], c["name"]) for c in first["carrier_info"]] == [(str(c["id"]), c["name"]) for c in carriers]


async def test_paging_by_offset_and_count(env):
    """``limit=<offset>,<count>`` pages: every page as PrestaShop's own order of ids says."""
    ids = [str(p["id"]) for p in (await raw(env, "products", display="[id]"))["products"]]
    page = ok(await env.call("product.list", {"start": 50, "count": 7, "params": "id"}))
    assert [p["id"] for p in page["product"]] == ids[50:57]
    assert page["products_count"] == len(ids) == SIZE
    assert ok(await env.call("product.count"))["products_count"] == SIZE
    seen, cursor = [], None
    while True:
        answer = await env.call("product.list", {"count": 25, "params": "id",
                                                 **({"page_cursor": cursor} if cursor else {})})
        seen += [p["id"] for p in ok(answer)["product"]]
        cursor = answer["pagination"]["next"]
        if not cursor:
            break
    assert seen == ids
    desc = ok(await env.call("product.list", {"count": 3, "sort_by": "id", "sort_direction": "desc",
                                              "params": "id"}))
    assert [p["id"] for p in desc["product"]] == ids[::-1][:3]


async def test_names_in_the_language_asked(env):
    record = (await raw(env, "products/1"))["product"]
    names = langs(record["name"])
    default = ok(await env.call("product.info", {"id": 1, "params": "id,name,description"}))
    assert default["name"] == names["1"]
    french = ok(await env.call("product.info", {"id": 1, "lang_id": 2, "params": "id,name"}))
    assert french["name"] == names["2"] != names["1"]
    listed = ok(await env.call("category.list", {"lang_id": 2, "params": "id,name"}))["category"]
    cats = {str(c["id"]): langs(c["name"])["2"] for c in (await raw(env, "categories", display="full"))["categories"]}
    assert {c["id"]: c["name"] for c in listed} == cats
    unknown = await env.call("product.info", {"id": 1, "lang_id": 9})
    assert unknown["return_code"] == 109 and "lang_id" in unknown["return_message"]


async def test_store_id_is_the_shop(env):
    theirs = [str(p["id"]) for p in (await raw(env, "products", display="[id]", id_shop="2"))["products"]]
    assert 0 < len(theirs) < SIZE
    listed = ok(await env.call("product.list", {"store_id": 2, "count": 250, "params": "id"}))
    assert [p["id"] for p in listed["product"]] == theirs and listed["products_count"] == len(theirs)
    other = next(str(i) for i in range(1, SIZE) if str(i) not in theirs)
    assert (await env.call("product.info", {"id": other, "store_id": 2}))["return_code"] == 112
    made = ok(await env.call("product.add", {"name": "Outlet only", "model": "OUT-1", "description": "d",
                                             "price": 5, "store_id": 2}))["product_id"]
    assert ok(await env.call("product.info", {"id": made, "store_id": 2, "params": "id,name"}))["name"] == "Outlet only"


async def test_filters_and_find(env):
    every = (await raw(env, "products", display="full"))["products"]
    cut = sorted(p["date_upd"] for p in every)[len(every) // 2]
    recent = ok(await env.call("product.list", {"modified_from": cut, "count": 250, "params": "id"}))
    assert {p["id"] for p in recent["product"]} == {str(p["id"]) for p in every if p["date_upd"] >= cut}
    made = sorted(p["date_add"] for p in every)[len(every) // 3]
    older = ok(await env.call("product.count", {"created_to": made}))
    assert older["products_count"] == sum(p["date_add"] <= made for p in every)
    some = ok(await env.call("product.list", {"product_ids": "3,5,8", "params": "id"}))
    assert [p["id"] for p in some["product"]] == ["3", "5", "8"]
    # in a category: every product it holds, not only those it is the default category of
    named = [a["id"] for a in (await raw(env, "categories/4"))["category"]["associations"]["products"]]
    in_cat = ok(await env.call("product.list", {"category_id": 4, "count": 250, "params": "id,categories_ids"}))
    assert [p["id"] for p in in_cat["product"]] == named and in_cat["products_count"] == len(named)
    assert all("4" in p["categories_ids"] for p in in_cat["product"])
    both = ok(await env.call("product.count", {"categories_ids": "4,5"}))["products_count"]
    five = (await raw(env, "categories/5"))["category"]["associations"]["products"]
    assert both == len(set(named) | {a["id"] for a in five})
    assert ok(await env.call("product.count", {"category_id": 4, "product_ids": named[0]}))["products_count"] == 1
    assert (await env.call("product.count", {"category_id": 999}))["return_code"] == 112
    word = langs(every[6]["name"])["1"].split()[-1]
    found = ok(await env.call("product.find", {"find_value": word, "find_where": "name",
                                               "find_params": "any"}))
    assert str(every[6]["id"]) in {p["id"] for p in found["product"]}
    assert all(word.lower() in p["name"].lower() for p in found["product"])
    after = ok(await env.call("product.list", {"since_id": 55, "params": "id"}))["product"]
    assert [p["id"] for p in after] == [str(p["id"]) for p in every if int(p["id"]) > 55]
    hidden = [str(p["id"]) for p in every if p["visibility"] == "none"]
    assert ok(await env.call("product.count", {"visible": "nowhere"}))["products_count"] == len(hidden)
    sku = ok(await env.call("product.list", {"sku": every[4]["reference"], "params": "id"}))
    assert [p["id"] for p in sku["product"]] == [str(every[4]["id"])]


async def test_customer_order_and_category_filters(env):
    customers = (await raw(env, "customers", display="full"))["customers"]
    cut = sorted(c["date_add"] for c in customers)[len(customers) // 2]
    one = ok(await env.call("customer.list", {"find_value": customers[3]["email"], "params": "id"}))
    assert [c["id"] for c in one["customer"]] == [str(customers[3]["id"])]
    after = ok(await env.call("customer.count", {"since_id": 5}))["customers_count"]
    assert after == sum(int(c["id"]) > 5 for c in customers)
    newer = ok(await env.call("customer.list", {"created_from": cut, "count": 250, "params": "id"}))
    assert {c["id"] for c in newer["customer"]} == {str(c["id"]) for c in customers if c["date_add"] >= cut}
    orders = (await raw(env, "orders", display="full"))["orders"]
    buyer = orders[0]["id_customer"]
    theirs = ok(await env.call("order.list", {"customer_id": buyer, "count": 250, "params": "id"}))
    assert [o["id"] for o in theirs["order"]] == [str(o["id"]) for o in orders if o["id_customer"] == buyer]
    email = next(c["email"] for c in customers if str(c["id"]) == buyer)
    by_email = ok(await env.call("order.list", {"customer_email": email, "count": 250, "params": "id"}))
    assert by_email["order"] == theirs["order"]
    assert ok(await env.call("order.count", {"customer_email": "nobody@example.com"}))["orders_count"] == 0
    latest = ok(await env.call("order.list", {"sort_by": "modified_at", "sort_direction": "desc", "count": 1,
                                              "params": "id,modified_at"}))["order"][0]
    newest = max(o["date_upd"] for o in orders)
    assert next(o["date_upd"] for o in orders if str(o["id"]) == latest["id"]) == newest
    categories = (await raw(env, "categories", display="full"))["categories"]
    kids = [str(c["id"]) for c in categories if str(c["id_parent"]) == "2"]
    assert [c["id"] for c in ok(await env.call("category.list", {"parent_id": 2, "params": "id"}))["category"]] == kids
    name = langs(categories[2]["name"])["1"]
    found = ok(await env.call("category.find", {"find_value": name, "find_where": "name"}))
    assert [c["id"] for c in found["category"]] == [str(categories[2]["id"])]


async def test_product_writes_go_as_xml(env):
    added = ok(await env.call("product.add", {
        "name": "Linen Shirt", "model": "LIN-1", "description": "<p>Linen</p>", "price": 25.5,
        "quantity": 7, "categories_ids": "2,3"}))
    pid = added["product_id"]
    record = (await raw(env, f"products/{pid}"))["product"]
    assert langs(record["name"]) == {"1": "Linen Shirt", "2": "Linen Shirt"}  # every language
    assert langs(record["link_rewrite"])["1"] == "linen-shirt"
    assert (record["reference"], float(record["price"]), str(record["id_category_default"])) == ("LIN-1", 25.5, "2")
    assert [c["id"] for c in record["associations"]["categories"]] == ["2", "3"]
    got = ok(await env.call("product.info", {"id": pid, "params": "force_all"}))
    assert (got["quantity"], got["categories_ids"], got["price"]) == (7, ["2", "3"], 25.5)
    # an update in one language leaves the other; stock is a record of its own
    ok(await env.call("product.update", {"id": pid, "name": "Chemise en lin", "lang_id": 2, "quantity": 3}))
    record = (await raw(env, f"products/{pid}"))["product"]
    assert langs(record["name"]) == {"1": "Linen Shirt", "2": "Chemise en lin"}
    assert (record["reference"], float(record["price"])) == ("LIN-1", 25.5)  # the rest kept
    ok(await env.call("product.update", {"id": pid, "increase_quantity": 4}))
    assert ok(await env.call("product.info", {"id": pid, "params": "quantity"}))["quantity"] == 7
    ok(await env.call("product.update", {"id": pid, "price": 30, "available_for_view": False}))
    record = (await raw(env, f"products/{pid}"))["product"]
    assert (float(record["price"]), record["active"]) == (30.0, "0")
    assert ok(await env.call("product.delete", {"id": pid})) == {"delete_items": 1}
    assert (await env.call("product.info", {"id": pid}))["return_code"] == 112
    assert (await env.call("product.update", {"id": pid, "price": 1}))["return_code"] == 112


async def test_category_writes(env):
    added = ok(await env.call("category.add", {"name": "Summer Sale", "parent_id": 2}))
    cid = added["category_id"]
    record = (await raw(env, f"categories/{cid}"))["category"]
    assert (str(record["id_parent"]), langs(record["link_rewrite"])["1"]) == ("2", "summer-sale")
    ok(await env.call("category.update", {"id": cid, "name": "Soldes", "lang_id": 2}))
    assert langs((await raw(env, f"categories/{cid}"))["category"]["name"]) == {"1": "Summer Sale", "2": "Soldes"}
    assert ok(await env.call("category.info", {"id": cid, "params": "id,parent_id,name"})) == {
        "id": cid, "parent_id": "2", "name": "Summer Sale"}
    ok(await env.call("category.delete", {"id": cid}))
    assert (await env.call("category.info", {"id": cid}))["return_code"] == 112
    home = ok(await env.call("category.add", {"name": "Top level"}))["category_id"]
    assert str((await raw(env, f"categories/{home}"))["category"]["id_parent"]) == "2"  # the shop's home
    ok(await env.call("category.update", {"id": home, "description": "<p>d</p>"}))
    assert str((await raw(env, f"categories/{home}"))["category"]["id_parent"]) == "2"


async def test_customer_writes_and_addresses(env):
    added = ok(await env.call("customer.add", {"email": "ana@example.com", "first_name": "Ana",
                                               "last_name": "Lima"}))
    cid = added["customer_id"]
    record = (await raw(env, f"customers/{cid}"))["customer"]
    assert record["passwd"] and (record["firstname"], record["email"]) == ("Ana", "ana@example.com")
    again = await env.call("customer.add", {"email": "ana@example.com", "first_name": "A", "last_name": "L"})
    assert again["return_code"] == 113
    found = ok(await env.call("customer.find", {"find_value": "ana@example.com", "find_where": "email"}))
    assert [c["id"] for c in found["customer"]] == [cid]
    ok(await env.call("customer.update", {"id": cid, "last_name": "Souza"}))
    assert (await raw(env, f"customers/{cid}"))["customer"]["lastname"] == "Souza"
    book = (await raw(env, "addresses", display="full", **{"filter[id_customer]": "[1]"}))["addresses"]
    one = ok(await env.call("customer.info", {"id": 1, "params": "id,address_book,group"}))
    assert [a["id"] for a in one["address_book"]] == [str(a["id"]) for a in book if a["deleted"] == "0"]
    assert one["address_book"][0]["city"] == book[0]["city"] and one["address_book"][0]["country"]["code2"]
    countries = (await raw(env, "countries", display="full"))["countries"]
    made = ok(await env.call("customer.address.add", {
        "customer_id": cid, "address1": "5 Rua Augusta", "city": "Lisboa", "postcode": "1100-048",
        "country": countries[-1]["iso_code"], "phone": "+351 21 000 0000"}))
    address = (await raw(env, f"addresses/{made['address_id']}"))["address"]
    assert (address["id_customer"], address["firstname"], address["lastname"], str(address["id_country"])) == (
        cid, "Ana", "Souza", str(countries[-1]["id"]))
    assert address["alias"] == "My address"
    named = ok(await env.call("customer.address.add", {
        "customer_id": cid, "address1": "1 A St", "city": "B", "postcode": "1",
        "country": langs(countries[0]["name"])["1"]}))
    assert str((await raw(env, f"addresses/{named['address_id']}"))["address"]["id_country"]) == str(countries[0]["id"])
    book = ok(await env.call("customer.info", {"id": cid, "params": "address_book"}))["address_book"]
    assert [a["id"] for a in book] == [made["address_id"], named["address_id"]]
    nowhere = await env.call("customer.address.add", {"customer_id": cid, "address1": "x", "city": "y",
                                                      "postcode": "1", "country": "Atlantis"})
    assert nowhere["return_code"] == 109 and "country" in nowhere["return_message"]
    ok(await env.call("customer.delete", {"id": cid}))
    assert (await env.call("customer.info", {"id": cid}))["return_code"] == 112


async def test_orders_statuses_and_shipments(env):
    orders = (await raw(env, "orders", display="full"))["orders"]
    assert ok(await env.call("order.count"))["orders_count"] == len(orders)
    first = orders[0]
    got = ok(await env.call("order.info", {"order_id": first["id"], "params": "force_all"}))
    rows = first["associations"]["order_rows"]
    assert [i["product_id"] for i in got["order_products"]] == [str(r["product_id"]) for r in rows]
    assert got["totals"]["total"] == float(first["total_paid_tax_incl"])
    buyer = (await raw(env, f"customers/{first['id_customer']}"))["customer"]
    assert got["customer"]["email"] == buyer["email"]
    states = ok(await env.call("order.status.list"))["cart_order_statuses"]
    listed = (await raw(env, "order_states", display="full"))["order_states"]
    assert {s["id"]: s["name"] for s in states} == {str(s["id"]): langs(s["name"])["1"] for s in listed}
    current = next(s for s in listed if str(s["id"]) == first["current_state"])
    assert got["status"]["name"] == langs(current["name"])["1"]
    # a status change is an order history (the order's current state follows it)
    target = next(s for s in states if s["id"] != str(first["current_state"]))
    ok(await env.call("order.update", {"order_id": first["id"], "order_status": target["name"]}))
    assert str((await raw(env, f"orders/{first['id']}"))["order"]["current_state"]) == target["id"]
    by_status = ok(await env.call("order.list", {"order_status_ids": f"{target['id']},99", "count": 250,
                                                 "params": "id"}))
    assert str(first["id"]) in {o["id"] for o in by_status["order"]}
    bad = await env.call("order.update", {"order_id": first["id"], "order_status": "No such"})
    assert bad["return_code"] == 109
    carriers = (await raw(env, "order_carriers", display="full",
                          **{"filter[id_order]": f"[{first['id']}]"}))["order_carriers"]
    shipments = ok(await env.call("order.shipment.list", {"order_id": first["id"]}))["shipment"]
    assert [s["id"] for s in shipments] == [str(c["id"]) for c in carriers]
    ok(await env.call("order.shipment.tracking.add", {"order_id": first["id"], "shipment_id": shipments[0]["id"],
                                                      "tracking_number": "1Z999"}))
    one = ok(await env.call("order.shipment.info", {"order_id": first["id"], "id": shipments[0]["id"],
                                                    "params": "force_all"}))
    assert one["tracking_numbers"][0]["tracking_number"] == "1Z999" and one["is_shipped"] is True
    added = ok(await env.call("order.shipment.add", body={"order_id": first["id"], "tracking_numbers": [
        {"carrier_id": "1", "tracking_number": "TRK-2"}]}))
    again = ok(await env.call("order.shipment.list", {"order_id": first["id"], "params": "force_all"}))
    assert [s["id"] for s in again["shipment"]] == [*(s["id"] for s in shipments), added["shipment_id"]]
    assert again["shipment"][-1]["tracking_numbers"] == [{"carrier_id": "1", "tracking_number": "TRK-2"}]
    assert (await env.call("order.info", {"order_id": 99999}))["return_code"] == 112


async def test_combinations_are_child_items(env):
    combos = (await raw(env, "combinations", display="full"))["combinations"]
    pid = combos[0]["id_product"]
    mine = [c for c in combos if c["id_product"] == pid]
    children = ok(await env.call("product.child_item.list", {"product_id": pid, "params": "force_all"}))["children"]
    assert [c["id"] for c in children] == [str(c["id"]) for c in mine]
    parent = (await raw(env, f"products/{pid}"))["product"]
    assert children[0]["default_price"] == round(float(parent["price"]) + float(mine[0]["price"]), 6)
    assert children[0]["seo_url"] == langs(parent["link_rewrite"])["1"]
    assert children[0]["length"] == float(parent["depth"])
    assert children[0]["created_time"] is not None and children[0]["sort_order"] in (0, 1)
    values = {str(v["id"]) for v in mine[0]["associations"]["product_option_values"]}
    assert {c["option_value_id"] for c in children[0]["combination"]} == values
    one = ok(await env.call("product.child_item.info", {"product_id": pid, "id": children[-1]["id"]}))
    assert one["sku"] == mine[-1]["reference"]
    assert ok(await env.call("product.info", {"id": pid, "params": "type"}))["type"] == "configurable"


async def test_variant_writes(env):
    combos = (await raw(env, "combinations", display="full"))["combinations"]
    combo = combos[1]
    pid, cid = combo["id_product"], str(combo["id"])
    parent = (await raw(env, f"products/{pid}"))["product"]
    price = round(float(parent["price"]) + 5, 2)
    ok(await env.call("product.variant.update", body={"id": cid, "product_id": pid, "price": price,
                                                      "sku": "VAR-NEW", "quantity": 11}))
    stored = (await raw(env, f"combinations/{cid}"))["combination"]
    assert (stored["reference"], round(float(stored["price"]), 2)) == ("VAR-NEW", 5.0)  # an impact
    child = ok(await env.call("product.child_item.info", {"product_id": pid, "id": cid, "params": "force_all"}))
    assert (child["sku"], child["default_price"], child["inventory_level"]) == ("VAR-NEW", price, 11)
    ok(await env.call("product.variant.update", body={"id": cid, "reduce_quantity": 4}))
    child = ok(await env.call("product.child_item.info", {"product_id": pid, "id": cid, "params": "inventory_level"}))
    assert child["inventory_level"] == 7
    other = next(c for c in combos if c["id_product"] != pid)
    wrong = await env.call("product.variant.delete", {"id": str(other["id"]), "product_id": pid})
    assert wrong["return_code"] == 112
    assert ok(await env.call("product.variant.delete", {"id": cid, "product_id": pid})) == {"delete_items": 1}
    left = ok(await env.call("product.child_item.list", {"product_id": pid, "params": "id"}))["children"]
    assert cid not in {c["id"] for c in left}


async def test_options_are_attribute_groups(env):
    groups = (await raw(env, "product_options", display="full"))["product_options"]
    values = (await raw(env, "product_option_values", display="full"))["product_option_values"]
    every = ok(await env.call("product.option.list", {"count": 100, "params": "force_all"}))
    assert [o["id"] for o in every["option"]] == [str(g["id"]) for g in sorted(
        groups, key=lambda g: (int(g["position"]), g["id"]))]
    items = {i["id"] for o in every["option"] for i in o["option_items"]}
    assert items == {str(v["id"]) for v in values}
    combos = (await raw(env, "combinations", display="full"))["combinations"]
    pid = combos[0]["id_product"]
    used = {str(v["id"]) for c in combos if c["id_product"] == pid
            for v in c["associations"]["product_option_values"]}
    mine = ok(await env.call("product.option.list", {"product_id": pid, "params": "force_all"}))["option"]
    assert {i["id"] for o in mine for i in o["option_items"]} == used
    french = ok(await env.call("product.option.list", {"product_id": pid, "lang_id": 2,
                                                       "params": "force_all"}))["option"]
    by_id = {str(g["id"]): langs(g["name"]) for g in groups}
    assert [o["name"] for o in french] == [by_id[o["id"]]["2"] for o in mine]
    info = ok(await env.call("product.info", {"id": pid, "params": "product_options"}))
    assert {i["id"] for o in info["product_options"] for i in o["option_items"]} == used


async def test_a_resource_the_key_may_not_read(tmp_path):
    async with open_env(tmp_path) as env:
        env.sim.shops.add_shop(HOST, "R" * 32, permissions={"products": {"GET", "HEAD"},
                                                            "languages": {"GET"}, "stock_availables": {"GET"}})
        assert (await env.connect("R" * 32))["return_code"] == 0
        assert ok(await env.call("product.count"))["products_count"] == SIZE
        refused = await env.call("customer.list")
        assert refused["return_code"] == 107 and "customers" in refused["return_message"]
        assert "Advanced Parameters > Webservice" in refused["return_message"]
        write = await env.call("product.update", {"id": 1, "price": 3})
        assert write["return_code"] == 107
        # what only names things (shops, carriers, a buyer's country) is left out, not refused
        info = ok(await env.call("cart.info", {"params": "force_all"}))
        assert info["stores_info"] == [] and info["url"] == f"https://{HOST}/"


async def test_a_key_kept_to_one_shop(tmp_path):
    async with open_env(tmp_path) as env:
        env.sim.shops.add_shop(HOST, "S" * 32, shops={1})
        assert (await env.connect("S" * 32))["return_code"] == 0
        assert ok(await env.call("product.count", {"store_id": 1}))["products_count"] == SIZE
        other = await env.call("product.count", {"store_id": 2})
        assert other["return_code"] == 107 and "shops the key may reach" in other["return_message"]


async def test_nothing_found_is_an_empty_page(env):
    """PrestaShop answers a list with no records as ``[]``: an empty page, a count of 0."""
    assert (await raw(env, "products", display="[id]", **{"filter[reference]": "[NOPE]"})) == []
    none = ok(await env.call("product.list", {"sku": "NOPE", "params": "id"}))
    assert none["product"] == [] and none["products_count"] == 0
    assert ok(await env.call("customer.count", {"find_value": "nobody@example.com"}))["customers_count"] == 0
    found = await env.call("customer.find", {"find_value": "nobody@example.com", "find_where": "email"})
    assert found["return_code"] != 0


async def test_unserved_parameters_are_refused(env):
    answer = await env.call("product.list", {"brand_name": "x"})
    assert answer["return_code"] == 109 and "brand_name" in answer["return_message"]
