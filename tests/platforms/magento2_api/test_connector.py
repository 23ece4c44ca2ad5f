"""The Magento 2 REST connector (``Magento2Api``), driven through the AnyCart HTTP API against
the simulator (``Magento2Simulator``) mounted in AnyCart's HTTP layer, every simulator answer
validated against Magento's published REST schema (``magento_schema``): credentials, store
views, searchCriteria (filters, ranges, sort, paging past the end), every served method,
configurable products, multi-store writes, errors, polled webhooks."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from anycart.platforms.magento2_api.platform import PLATFORMS
from anycart.platforms.magento2_api.simulator import Magento2Simulator
from tests.platforms.gateway_env import GatewayEnv, ok, open_gateway

from .magento_schema import require_schema, validated

require_schema()
HOST, TOKEN = "m2.example", "0123456789abcdef0123456789abcdef"
SIZE = 40


class Env(GatewayEnv):
    @property
    def shop(self) -> Any:
        return self.sim.shops.get(HOST)

    async def connect(self, **more: str) -> dict:
        """account.cart.add of the store (by a new account after the first: one store each)."""
        return await self.add_cart({"cart_id": "Magento2Api", "store_url": f"https://{HOST}",
                                    "magento_access_token": TOKEN, **more})


@contextlib.asynccontextmanager
async def open_env(tmp_path, size: int = SIZE):
    sim = Magento2Simulator()
    sim.shops.add_shop(HOST, TOKEN, size=size, seed=5)
    app = validated(sim.app)  # every answer checked against magento.com.json
    async with open_gateway(tmp_path, sim, PLATFORMS, {HOST: app}, Env, connect=Env.connect) as e:
        e.checked = app.checked  # type: ignore[attr-defined]
        yield e
        assert e.checked  # type: ignore[attr-defined]


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path) as e:
        yield e


def products(env: Env) -> list[dict]:
    data = env.shop.data.products
    return [data.peek(k) for k in data.sorted_keys()]


# -- connection, store views -------------------------------------------------------------------
async def test_credentials_are_checked_with_a_real_call(env):
    wrong = await env.connect(magento_access_token="nope")
    assert wrong["return_code"] == 107
    assert "The consumer isn't authorized to access Magento_Backend::stores." in wrong["return_message"]
    env.store_key = None
    missing = await env.call("account.cart.add", body={"cart_id": "Magento2Api",
                                                       "store_url": f"https://{HOST}"})
    assert missing["return_code"] == 114 and "magento_access_token" in missing["return_message"]


async def test_cart_info_lists_the_store_views(env):
    info = ok(await env.call("cart.info", {"params": "force_all"}))
    assert info["url"] == f"https://{HOST}"
    views = {s["store_id"]: s for s in info["stores_info"]}
    assert set(views) == {"1", "2"}  # the admin view (0) is the global scope, not a store
    assert views["1"]["additional_fields"]["code"] == "default" and views["1"]["default"] is True
    assert views["2"]["language"] == "fr_FR" and views["2"]["default"] is False
    assert views["1"]["root_category_id"] == "2" and views["1"]["currency"]["iso3"] == "USD"


# -- products: lists through searchCriteria --------------------------------------------------
async def test_paging_reads_every_product_once_and_stops_at_the_end(env):
    total = ok(await env.call("product.count"))["products_count"]
    assert total == len(products(env))
    seen: list[str] = []
    for start in range(0, total, 7):
        page = ok(await env.call("product.list", {"start": start, "count": 7, "params": "id"}))
        seen += [p["id"] for p in page["product"]]
    assert seen == [str(p["id"]) for p in products(env)]
    # Magento answers a page past the end with the last page again: AnyCart answers none
    past = ok(await env.call("product.list", {"start": total + 5, "count": 10, "params": "id"}))
    assert past["product"] == [] and past["products_count"] == total


async def test_filters_ranges_and_sort_become_search_criteria(env):
    every = products(env)
    first = every[0]
    by_sku = ok(await env.call("product.list", {"sku": first["sku"], "params": "id,u_sku"}))
    assert [p["u_sku"] for p in by_sku["product"]] == [first["sku"]]
    ids = ",".join(str(p["id"]) for p in every[3:6])
    picked = ok(await env.call("product.list", {"product_ids": ids, "params": "id"}))
    assert [p["id"] for p in picked["product"]] == ids.split(",")
    kind = ok(await env.call("product.count", {"type": "configurable"}))["products_count"]
    assert kind == sum(1 for p in every if p["type_id"] == "configurable") > 0
    # a date range, both ends inclusive
    stamps = sorted({p["created_at"] for p in every})
    low, high = stamps[2], stamps[-3]
    ranged = ok(await env.call("product.count", {"created_from": low, "created_to": high}))
    assert ranged["products_count"] == sum(1 for p in every if low <= p["created_at"] <= high)
    # find by part of the name, sorted by name descending
    word = first["name"].split()[0]
    found = ok(await env.call("product.list", {"find_value": word, "find_where": "name",
                                               "sort_by": "name", "sort_direction": "desc",
                                               "count": 100, "params": "id,name"}))["product"]
    names = [p["name"] for p in found]
    assert names == sorted(names, reverse=True) and all(word.lower() in n.lower() for n in names)
    assert len(names) == sum(1 for p in every if word.lower() in p["name"].lower())
    bad = await env.call("product.list", {"sort_by": "price"})
    assert bad["return_code"] == 109 and "'sort_by'" in bad["return_message"]


async def test_product_info_find_and_the_unified_fields(env):
    raw = next(p for p in products(env) if p["type_id"] == "simple")
    info = ok(await env.call("product.info", {"id": str(raw["id"]), "params": "force_all"}))
    assert (info["u_sku"], info["name"], info["price"]) == (raw["sku"], raw["name"], raw["price"])
    stock = raw["extension_attributes"]["stock_item"]
    assert info["quantity"] == stock["qty"] and info["in_stock"] == stock["is_in_stock"]
    assert info["categories_ids"] == [str(c["category_id"]) for c in
                                      raw["extension_attributes"].get("category_links") or []]
    found = ok(await env.call("product.find", {"find_value": raw["name"], "find_where": "name"}))
    assert str(raw["id"]) in [p["id"] for p in found["product"]]
    missing = await env.call("product.info", {"id": "999999"})
    assert missing["return_code"] == 112


async def test_product_add_update_stock_and_delete(env):
    cat = str(env.shop.data.categories.sorted_keys()[-1])
    added = ok(await env.call("product.add", body={
        "name": "Kit Tee", "sku": "KIT-TEE", "price": 12.5, "description": "<p>Soft.</p>",
        "quantity": 7, "categories_ids": cat, "meta_title": "Kit"}))
    pid = added["product_id"]
    info = ok(await env.call("product.info", {"id": pid, "params": "force_all"}))
    assert (info["u_sku"], info["price"], info["quantity"], info["description"], info["meta_title"]) == (
        "KIT-TEE", 12.5, 7, "<p>Soft.</p>", "Kit")
    assert info["categories_ids"] == [cat] and info["avail_view"] is True
    # a SKU taken: Magento would save over it, AnyCart refuses
    again = await env.call("product.add", body={"name": "Other", "sku": "KIT-TEE", "price": 1,
                                                "description": "d"})
    assert again["return_code"] == 113
    ok(await env.call("product.update", body={"id": pid, "price": 15, "increase_quantity": 3,
                                              "name": "Kit Tee 2"}))
    info = ok(await env.call("product.info", {"id": pid, "params": "name,price,quantity"}))
    assert (info["name"], info["price"], info["quantity"]) == ("Kit Tee 2", 15, 10)
    hidden = ok(await env.call("product.update", body={"id": pid, "visible": "nowhere"}))
    assert hidden == {"updated_items": 1}
    assert env.shop.data.products[int(pid)]["visibility"] == 1
    assert ok(await env.call("product.delete", {"id": pid})) == {"delete_items": 1}
    assert (await env.call("product.info", {"id": pid}))["return_code"] == 112
    assert (await env.call("product.delete", {"id": pid}))["return_code"] == 112


async def test_a_store_view_reads_and_writes_its_own_values(env):
    pid = str(products(env)[0]["id"])
    name = products(env)[0]["name"]
    ok(await env.call("product.update", body={"id": pid, "name": "Nom français", "store_id": "2"}))
    fr = ok(await env.call("product.list", {"product_ids": pid, "store_id": "2", "params": "name"}))
    assert fr["product"][0]["name"] == "Nom français"
    assert ok(await env.call("product.info", {"id": pid, "params": "name"}))["name"] == name
    assert ok(await env.call("product.info", {"id": pid, "store_id": "2", "params": "name"}))["name"] == \
        "Nom français"
    default = ok(await env.call("product.list", {"product_ids": pid, "store_id": "1", "params": "name"}))
    assert default["product"][0]["name"] == name
    unknown = await env.call("product.list", {"store_id": "9"})
    assert unknown["return_code"] == 109 and "'store_id'" in unknown["return_message"]
    # the global scope (store 0) is what a call naming none reads
    assert ok(await env.call("product.count", {"store_id": "0"}))["products_count"] == len(products(env))


async def test_configurable_children_are_child_items(env):
    parent = next(p for p in products(env) if p["type_id"] == "configurable")
    links = parent["extension_attributes"]["configurable_product_links"]
    listed = ok(await env.call("product.child_item.list", {"product_id": str(parent["id"]),
                                                           "params": "force_all"}))
    children = listed["children"]
    assert sorted(c["id"] for c in children) == sorted(str(i) for i in links)
    options = {str(o["attribute_id"]): {str(v["value_index"]) for v in o["values"]}
               for o in parent["extension_attributes"]["configurable_product_options"]}
    for c in children:
        assert c["parent_id"] == str(parent["id"])
        assert {x["option_id"] for x in c["combination"]} == set(options)
        assert all(x["option_value_id"] in options[x["option_id"]] for x in c["combination"])
    one = ok(await env.call("product.child_item.info", {"product_id": str(parent["id"]),
                                                        "id": children[0]["id"]}))
    assert one["sku"] == children[0]["sku"]
    plain = next(p for p in products(env) if p["type_id"] == "simple")
    none = ok(await env.call("product.child_item.list", {"product_id": str(plain["id"])}))
    assert none["children"] == []


async def test_product_images_from_content(env):
    import base64

    raw = products(env)[0]
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"0" * 32).decode()
    added = ok(await env.call("product.image.add", body={
        "product_id": str(raw["id"]), "image_name": "front.png", "content": png,
        "label": "Front", "type": "base"}))
    info = ok(await env.call("product.info", {"id": str(raw["id"]), "params": "images"}))
    image = next(i for i in info["images"] if i["id"] == added["product_image_id"])
    assert image["type"] == "base" and image["alt"] == "Front"
    assert image["http_path"].startswith(f"https://{HOST}/media/catalog/product/")
    url = await env.call("product.image.add", body={"product_id": str(raw["id"]), "type": "base",
                                                    "image_name": "x.jpg", "url": "https://x/y.jpg"})
    assert url["return_code"] == 109 and "'url'" in url["return_message"]
    assert ok(await env.call("product.image.delete", {"product_id": str(raw["id"]),
                                                      "id": added["product_image_id"]})) == {"delete_items": 1}
    info = ok(await env.call("product.info", {"id": str(raw["id"]), "params": "images"}))
    assert added["product_image_id"] not in [i["id"] for i in info["images"]]
    gone = await env.call("product.image.delete", {"product_id": str(raw["id"]),
                                                   "id": added["product_image_id"]})
    assert gone["return_code"] == 112


# -- categories ------------------------------------------------------------------------------
async def test_categories(env):
    data = env.shop.data.categories
    total = ok(await env.call("category.count", {"avail": "false"}))["categories_count"]
    listed = ok(await env.call("category.list", {"count": 100, "params": "id,parent_id,name"}))
    assert len(listed["category"]) == sum(1 for k in data.sorted_keys() if data.peek(k)["is_active"])
    assert total == len(data) - len(listed["category"])
    children = ok(await env.call("category.list", {"parent_id": "2", "params": "id"}))
    assert {c["id"] for c in children["category"]} == {
        str(k) for k in data.sorted_keys() if data.peek(k)["parent_id"] == 2}
    added = ok(await env.call("category.add", {"name": "Kit Gear", "parent_id": "2",
                                               "description": "All the kit.", "seo_url": "kit-gear"}))
    cid = added["category_id"]
    info = ok(await env.call("category.info", {"id": cid, "params": "force_all"}))
    assert (info["name"], info["parent_id"], info["description"], info["seo_url"]) == (
        "Kit Gear", "2", "All the kit.", "kit-gear")
    ok(await env.call("category.update", {"id": cid, "name": "Kit Gear 2", "sort_order": 3}))
    assert ok(await env.call("category.info", {"id": cid, "params": "name"}))["name"] == "Kit Gear 2"
    found = ok(await env.call("category.find", {"find_value": "Kit Gear 2"}))
    assert [c["id"] for c in found["category"]] == [cid]
    assert ok(await env.call("category.delete", {"id": cid})) == {"delete_items": 1}
    assert (await env.call("category.info", {"id": cid}))["return_code"] == 112


async def test_category_assign_and_unassign(env):
    raw = next(p for p in products(env) if p["type_id"] == "simple")
    pid = str(raw["id"])
    have = {str(c["category_id"]) for c in raw["extension_attributes"].get("category_links") or []}
    cid = str(next(k for k in env.shop.data.categories.sorted_keys() if k > 2 and str(k) not in have))
    ok(await env.call("category.assign", {"product_id": pid, "category_id": cid}))
    assert cid in ok(await env.call("product.info", {"id": pid, "params": "categories_ids"}))["categories_ids"]
    ok(await env.call("category.assign", {"product_id": pid, "category_id": cid}))  # already: nothing
    ok(await env.call("category.unassign", {"product_id": pid, "category_id": cid}))
    assert cid not in ok(await env.call("product.info", {"id": pid, "params": "categories_ids"}))["categories_ids"]
    again = await env.call("category.unassign", {"product_id": pid, "category_id": cid})
    assert again["return_code"] == 112
    unknown = await env.call("category.assign", {"product_id": pid, "category_id": "999999"})
    assert unknown["return_code"] == 112


async def test_products_by_categories_ids_match_any_of_their_categories(env):
    """``categories_ids`` (and ``category_id``) as searchCriteria ``category_id`` ``in``: a
    product in two categories is listed and counted under either and under both once."""
    raw = next(p for p in products(env) if p["type_id"] == "simple")
    pid = str(raw["id"])
    first = str(raw["extension_attributes"]["category_links"][0]["category_id"])
    cid = str(next(k for k in env.shop.data.categories.sorted_keys() if k > 2 and str(k) != first))
    ok(await env.call("category.assign", {"product_id": pid, "category_id": cid}))

    def under(*cats: str) -> set[str]:
        return {str(p["id"]) for p in products(env) if {str(c["category_id"]) for c in
                p["extension_attributes"].get("category_links") or []} & set(cats)}
    for params in ({"categories_ids": first}, {"categories_ids": cid}, {"category_id": cid},
                   {"categories_ids": f"{first},{cid}"}):
        cats = tuple(next(iter(params.values())).split(","))
        listed = ok(await env.call("product.list", {**params, "count": 250, "params": "id"}))
        assert {p["id"] for p in listed["product"]} == under(*cats) and pid in under(*cats)
        counted = ok(await env.call("product.count", params))["products_count"]
        assert counted == len(under(*cats)), params
    assert len(under(first, cid)) > len(under(cid))
    for method in ("product.list", "product.count"):  # the gateway looks an empty answer's up
        missing = await env.call(method, {"categories_ids": "999999"})
        assert missing["return_code"] == 112, method
        assert missing["return_message"] == "Category with categories_ids 999999 not found"
    mixed = ok(await env.call("product.count", {"categories_ids": f"{cid},999999"}))
    assert mixed["products_count"] == len(under(cid))


# -- customers --------------------------------------------------------------------------------
async def test_customers_and_their_addresses(env):
    total = ok(await env.call("customer.count"))["customers_count"]
    assert total == len(env.shop.data.customers)
    added = ok(await env.call("customer.add", body={"email": "ada@example.com", "first_name": "Ada",
                                                    "last_name": "Lovelace", "password": "Secret-123x"}))
    cid = added["customer_id"]
    taken = await env.call("customer.add", body={"email": "ada@example.com", "first_name": "A",
                                                 "last_name": "L"})
    assert taken["return_code"] == 113
    address = ok(await env.call("customer.address.add", body={
        "customer_id": cid, "first_name": "Ada", "last_name": "Lovelace", "address1": "12 St James's Sq",
        "city": "London", "postcode": "SW1Y 4LB", "country": "GB", "phone": "0207", "default": True}))
    assert address["id"]
    # the update changes only what it names: the address and names stay
    ok(await env.call("customer.update", body={"id": cid, "last_name": "King"}))
    info = ok(await env.call("customer.info", {"id": cid, "params": "force_all"}))
    assert (info["email"], info["first_name"], info["last_name"]) == ("ada@example.com", "Ada", "King")
    [book] = info["address_book"]
    assert (book["id"], book["address1"], book["city"], book["country"]["code2"]) == (
        address["id"], "12 St James's Sq", "London", "GB")
    found = ok(await env.call("customer.find", {"find_value": "ada@example.com"}))
    assert [c["id"] for c in found["customer"]] == [cid]
    assert ok(await env.call("customer.delete", {"id": cid})) == {"delete_items": 1}
    assert (await env.call("customer.info", {"id": cid}))["return_code"] == 112


# -- orders, shipments, refunds -------------------------------------------------------------
async def test_orders_read_and_filtered(env):
    data = env.shop.data.orders
    total = ok(await env.call("order.count"))["orders_count"]
    assert total == len(data)
    raw = data.peek(data.sorted_keys()[0])
    info = ok(await env.call("order.info", {"order_id": str(raw["entity_id"]), "params": "force_all"}))
    assert info["order_id"] == raw["increment_id"] and info["totals"]["total"] == raw["grand_total"]
    assert info["customer"]["email"] == raw["customer_email"]
    assert {li["order_product_id"] for li in info["order_products"]} <= {
        str(li["item_id"]) for li in raw["items"]}
    status = raw["status"]
    by_status = ok(await env.call("order.count", {"order_status": status}))["orders_count"]
    assert by_status == sum(1 for k in data.sorted_keys() if data.peek(k)["status"] == status)
    by_number = ok(await env.call("order.list", {"order_ids": raw["increment_id"], "params": "id"}))
    assert [o["id"] for o in by_number["order"]] == [str(raw["entity_id"])]
    statuses = ok(await env.call("order.status.list"))["cart_order_statuses"]
    assert {"id": "processing", "name": "Processing"} in statuses


def _shippable(env: Env) -> dict:
    data = env.shop.data.orders
    return next(o for o in (data.peek(k) for k in data.sorted_keys())
                if o["status"] == "processing" and any(
                    li["qty_ordered"] > li.get("qty_shipped", 0) for li in o["items"]))


async def test_shipments_with_tracking(env):
    order = _shippable(env)
    oid = str(order["entity_id"])
    line = next(li for li in order["items"] if not li.get("parent_item_id"))
    added = ok(await env.call("order.shipment.add", body={
        "order_id": oid, "items": [{"order_product_id": str(line["item_id"]), "quantity": 1}],
        "tracking_numbers": [{"tracking_number": "1Z999AA10123456784"}],
        "tracking_provider": "United Parcel Service", "send_notifications": False}))
    sid = added["shipment_id"]
    tracked = ok(await env.call("order.shipment.tracking.add", body={
        "order_id": oid, "shipment_id": sid, "tracking_number": "1Z999AA10123456785",
        "tracking_provider": "UPS"}))
    assert tracked["shipment_tracking_id"]
    listed = ok(await env.call("order.shipment.list", {"order_id": oid, "params": "force_all"}))
    shipment = next(s for s in listed["shipment"] if s["id"] == sid)
    assert [t["tracking_number"] for t in shipment["tracking_numbers"]] == [
        "1Z999AA10123456784", "1Z999AA10123456785"]
    assert shipment["items"][0]["order_product_id"] == str(line["item_id"])
    info = ok(await env.call("order.shipment.info", {"order_id": oid, "id": sid}))
    assert info["id"] == sid
    other = next(k for k in env.shop.data.orders.sorted_keys() if k != order["entity_id"])
    assert (await env.call("order.shipment.info", {"order_id": str(other), "id": sid}))["return_code"] == 112
    unknown = await env.call("order.shipment.add", body={
        "order_id": oid, "items": [{"order_product_id": "999999", "quantity": 1}]})
    assert unknown["return_code"] == 112


async def test_refunds_become_credit_memos_read_as_the_orders_refunds(env):
    data = env.shop.data.orders
    order = next(o for o in (data.peek(k) for k in data.sorted_keys())
                 if o.get("total_invoiced") and not o.get("total_refunded"))
    oid = str(order["entity_id"])
    line = next(li for li in order["items"] if not li.get("parent_item_id"))
    before = ok(await env.call("order.info", {"order_id": oid, "params": "force_all"})).get("refunds", [])
    refund = ok(await env.call("order.refund.add", body={
        "order_id": oid, "items": [{"order_product_id": str(line["item_id"]), "quantity": 1}],
        "message": "Too small", "item_restock": True}))
    shown = ok(await env.call("order.info", {"order_id": oid, "params": "force_all"}))["refunds"]
    assert len(shown) == len(before) + 1
    memo = next(r for r in shown if r["id"] == refund["refund_id"])
    children = {str(li["item_id"]) for li in order["items"] if li.get("parent_item_id") == line["item_id"]}
    assert memo["items"][0]["order_product_id"] == str(line["item_id"])
    assert {p["order_product_id"] for p in memo["items"]} <= {str(line["item_id"]), *children}
    assert all(p["qty"] == 1 for p in memo["items"])  # only what was given back
    listed = ok(await env.call("order.list", {"ids": oid, "params": "force_all"}))["order"]
    assert [r["id"] for r in listed[0]["refunds"]] == [r["id"] for r in shown]
    assert ok(await env.call("return.count", {"order_ids": oid}))["returns_count"] == len(
        [k for k in env.shop.data.returns if env.shop.data.returns.peek(k)["order_id"] == order["entity_id"]])


async def test_order_update_adds_a_status_comment(env):
    order = _shippable(env)
    oid = str(order["entity_id"])
    ok(await env.call("order.update", {"order_id": oid, "order_status": "holded",
                                       "comment": "Waiting for stock"}))
    raw = env.shop.data.orders[order["entity_id"]]
    assert raw["status"] == "holded"
    assert raw["status_histories"][0]["comment"] == "Waiting for stock"
    nothing = await env.call("order.update", {"order_id": oid})
    assert nothing["return_code"] != 0


async def test_order_update_invoices_an_order(env):
    data = env.shop.data.orders
    order = next(o for o in (data.peek(k) for k in data.sorted_keys())
                 if not o.get("total_invoiced") and o["status"] in ("pending", "processing"))
    before = len(env.shop.data.invoices)
    ok(await env.call("order.update", {"order_id": str(order["entity_id"]), "create_invoice": "true"}))
    assert len(env.shop.data.invoices) == before + 1
    assert env.shop.data.orders[order["entity_id"]]["total_invoiced"] == order["grand_total"]


# -- errors --------------------------------------------------------------------------------
async def test_magento_errors_in_the_envelope(env):
    empty = await env.call("category.add", {"name": "x", "parent_id": "999999"})
    assert empty["return_code"] != 0 and "Magento error message" in empty["return_message"]
    assert "%" not in empty["return_message"]  # Magento's placeholders filled in
    unknown = await env.call("product.add", body={"name": "T", "sku": "T", "price": 1,
                                                  "description": "d", "type": "mystery"})
    assert unknown["return_code"] == 109 and "'type'" in unknown["return_message"]


async def test_modified_from_sees_a_write(env):
    pid = str(products(env)[3]["id"])
    ok(await env.call("product.update", body={"id": pid, "name": "Touched"}))
    stamp = env.shop.data.products[int(pid)]["updated_at"]
    moment = datetime.strptime(stamp, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    since = (moment - timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    recent = ok(await env.call("product.list", {"modified_from": since, "params": "id"}))
    assert pid in [p["id"] for p in recent["product"]]
    later = (moment + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    assert pid not in [p["id"] for p in ok(await env.call("product.list", {
        "modified_from": later, "params": "id"}))["product"]]
