"""The BigCommerce connector (``BigcommerceApi``), driven through the AnyCart HTTP API against
the simulator (``BigCommerceSimulator``) mounted in AnyCart's HTTP layer, every answer of the
simulator checked against BigCommerce's OpenAPI files (:mod:`.bc_schema`): credentials,
paging past 250, every served method, errors, native webhooks with the header check."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx
import pytest

from anycart.platforms.base import PlatformSettings
from anycart.platforms.bigcommerce_api.platform import PLATFORMS
from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator
from tests.platforms.bigcommerce_api.bc_schema import validated
from tests.platforms.gateway_env import GatewayEnv, ToAnycart, ok, open_gateway

API_HOST = "api.bigcommerce.com"
HASH, TOKEN, CLIENT_ID = "abc123", "tok_0123456789abcdef0123456789ab", "client_0123456789"
SIZE = 260
PUBLIC_URL = "https://anycart.example"
CREDENTIALS = {"cart_id": "BigcommerceApi", "bigcommerceapi_context": f"stores/{HASH}",
               "bigcommerceapi_access_token": TOKEN, "bigcommerceapi_client_id": CLIENT_ID,
               "store_url": "https://shop.example"}


class Env(GatewayEnv):
    @property
    def shop(self) -> Any:
        return self.sim.shops.get(HASH)

    @property
    def store(self) -> Any:
        """The store as AnyCart keeps it (its credentials unsealed)."""
        account = self.services.repo.authenticate(self.api_key)
        assert account is not None and self.store_key
        return self.services.repo.get_store(account.id, self.store_key)

    async def connect(self, **more: Any) -> dict:
        """account.cart.add of the store (by a new account after the first: one store each)."""
        return await self.add_cart({**CREDENTIALS, **more})


@contextlib.asynccontextmanager
async def open_env(tmp_path, size: int = SIZE, quota: int | None = 100_000, clock: Any = None,
                   sim: BigCommerceSimulator | None = None):
    """A store of ``size`` products; ``quota`` requests per 30 s window (a wide one by
    default: the window is tested on its own, test_ratelimit). Given a ``sim``: another
    AnyCart (its own process state) on that simulator's store."""
    to_anycart = ToAnycart(PUBLIC_URL)  # BigCommerce -> AnyCart
    if sim is None:
        sim = BigCommerceSimulator(clock, callback_client=to_anycart.client)
        sim.shops.add_shop(HASH, TOKEN, size=size, seed=5, quota=quota)
    async with open_gateway(tmp_path, sim, PLATFORMS, {API_HOST: validated(sim.app)}, Env,
                            public_url=PUBLIC_URL, to_anycart=to_anycart,
                            platform_settings=PlatformSettings(clock=clock),
                            connect=Env.connect) as e:
        yield e


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path) as e:
        yield e


async def sim_get(env: Env, path: str, **params: Any) -> Any:
    """What the simulator itself answers (BigCommerce's own view of the store)."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=env.sim.app),
                                 base_url=f"https://{API_HOST}") as http:
        r = await http.get(f"/stores/{HASH}/{path}", params=params, headers={"X-Auth-Token": TOKEN})
    assert r.status_code == 200, r.text
    return r.json()


# -- credentials -------------------------------------------------------------------------------
async def test_account_cart_add_checks_the_credentials(env):
    wrong = await env.connect(bigcommerceapi_access_token="tok_wrong")
    assert wrong["return_code"] != 0 and "bigcommerceapi_access_token" in wrong["return_message"]
    missing = await env.call("account.cart.add", body={
        "cart_id": "BigcommerceApi", "bigcommerceapi_access_token": TOKEN})
    assert missing["return_code"] == 114 and "bigcommerceapi_context" in missing["return_message"]
    bare = await env.connect(bigcommerceapi_context=HASH)  # a bare hash is the same store
    assert bare["return_code"] == 0, bare
    store = env.store
    secret = store.credentials["bigcommerceapi_webhook_secret"]
    assert len(secret) >= 40  # generated for the store's push header, never given
    info = ok(await env.call("cart.info"))
    assert info["url"] == "https://shop.example" and info["name"] == HASH


# -- products ----------------------------------------------------------------------------------
async def test_products_page_past_250_whole_and_in_order(env):
    first = ok(await env.call("product.list", {"count": 250, "params": "id,name"}))
    assert first["products_count"] == SIZE and len(first["product"]) == 250
    rest = ok(await env.call("product.list", {"start": 250, "count": 250, "params": "id"}))
    ids = [int(p["id"]) for p in first["product"] + rest["product"]]
    assert ids == sorted(ids) and len(set(ids)) == SIZE
    assert ok(await env.call("product.count"))["products_count"] == SIZE


async def test_product_read_whole_from_the_platform_record(env):
    [raw] = (await sim_get(env, "v3/catalog/products", **{"id:in": "3", "include":
                                                           "variants,images,custom_fields,options"}))["data"]
    brands = {b["id"]: b["name"] for b in (await sim_get(env, "v3/catalog/brands"))["data"]}
    p = ok(await env.call("product.info", {"id": "3", "params": "force_all"}))
    assert p["name"] == raw["name"] and p["u_sku"] == raw["sku"] and p["price"] == raw["price"]
    assert p["quantity"] == raw["inventory_level"] and p["weight"] == raw["weight"]
    assert p["categories_ids"] == [str(c) for c in raw["categories"]]
    assert p["u_brand_id"] == str(raw["brand_id"]) and p["u_brand"] == brands[raw["brand_id"]]
    assert p["avail_view"] is raw["is_visible"] and p["seo_url"] == raw["custom_url"]["url"].strip("/")
    assert [i["id"] for i in p["images"]] == sorted(
        (str(i["id"]) for i in raw["images"]), key=lambda i: next(
            (not r["is_thumbnail"], r["sort_order"]) for r in raw["images"] if str(r["id"]) == i))
    assert p["type"] == ("configurable" if len(raw["variants"]) > 1 else "simple")
    assert len(p["product_options"]) == len(raw["options"])
    assert p["create_at"]["value"].startswith(raw["date_created"][:19])
    assert "inventory_warning_level" in p["additional_fields"]  # unnamed keys are kept


async def test_product_filters_sorts_and_finds(env):
    p = ok(await env.call("product.list", {"count": 1, "params": "force_all"}))["product"][0]
    by_sku = ok(await env.call("product.list", {"sku": p["u_sku"], "params": "id"}))
    assert [x["id"] for x in by_sku["product"]] == [p["id"]]
    cat = p["categories_ids"][0]
    in_cat = ok(await env.call("product.count", {"category_id": cat}))["products_count"]
    assert 0 < in_cat < SIZE
    brand = ok(await env.call("product.list", {"manufacturer_id": p["u_brand_id"], "count": 250,
                                               "params": "u_brand_id"}))["product"]
    assert brand and {x["u_brand_id"] for x in brand} == {p["u_brand_id"]}
    after = ok(await env.call("product.list", {"since_id": "250", "count": 50, "params": "id"}))
    assert [x["id"] for x in after["product"]] == [str(i) for i in range(251, SIZE + 1)]
    by_name = ok(await env.call("product.list", {"sort_by": "name", "sort_direction": "desc",
                                                 "count": 20, "params": "name"}))["product"]
    assert [x["name"] for x in by_name] == sorted((x["name"] for x in by_name), reverse=True)
    found = ok(await env.call("product.find", {"find_value": p["name"]}))
    assert p["id"] in [x["id"] for x in found["product"]]
    assert ok(await env.call("product.list", {"modified_from": "2999-01-01 00:00:00"}))[
        "products_count"] == 0
    refused = await env.call("product.list", {"created_from": "2020-01-01 00:00:00"})
    assert refused["return_code"] == 109 and "created_from" in refused["return_message"]


async def test_product_written_with_brand_stock_categories_images_and_variants(env):
    added = ok(await env.call("product.add", body={
        "name": "Enamel Mug", "description": "<p>Mug</p>", "price": 12.5, "sku": "MUG-1",
        "quantity": 4, "manage_stock": True, "manufacturer": "Brand New Co", "categories_ids": "2",
        "weight": 0.4, "seo_url": "enamel-mug", "meta_keywords": "mug,enamel"}))
    pid = added["product_id"]
    p = ok(await env.call("product.info", {"id": pid, "params": "force_all"}))
    assert (p["name"], p["u_sku"], p["price"], p["quantity"]) == ("Enamel Mug", "MUG-1", 12.5, 4)
    assert p["u_brand"] == "Brand New Co" and p["categories_ids"] == ["2"]  # a new brand made
    assert p["seo_url"] == "enamel-mug" and p["meta_keywords"] == "mug,enamel"
    ok(await env.call("product.update", body={"id": pid, "price": 14, "increase_quantity": 3,
                                              "manufacturer": "Brand New Co"}))
    p = ok(await env.call("product.info", {"id": pid, "params": "price,quantity,u_brand_id"}))
    assert (p["price"], p["quantity"]) == (14, 7)
    assert len([b for b in (await sim_get(env, "v3/catalog/brands", name="Brand New Co"))["data"]]) == 1
    ok(await env.call("category.assign", {"product_id": pid, "category_id": "3"}))
    assert ok(await env.call("product.info", {"id": pid, "params": "categories_ids"}))[
        "categories_ids"] == ["2", "3"]
    ok(await env.call("category.unassign", {"product_id": pid, "category_id": "2"}))
    missing = await env.call("category.unassign", {"product_id": pid, "category_id": "2"})
    assert missing["return_code"] == 112
    image = ok(await env.call("product.image.add", body={
        "product_id": pid, "image_name": "mug.jpg", "url": "https://cdn.example/mug.jpg", "type": "base"}))
    imgs = ok(await env.call("product.info", {"id": pid, "params": "images"}))["images"]
    assert [i["id"] for i in imgs] == [image["id"]]
    content = await env.call("product.image.add", body={
        "product_id": pid, "image_name": "a.jpg", "type": "additional", "content": "aGVsbG8="})
    assert content["return_code"] == 109 and "content" in content["return_message"], content
    second = ok(await env.call("product.image.add", body={
        "product_id": pid, "image_name": "side.jpg", "url": "https://cdn.example/side.jpg",
        "type": "additional", "label": "Side"}))
    ok(await env.call("product.image.update", {"product_id": pid, "id": second["id"], "type": "base",
                                               "label": "Side view", "position": 0}))
    [raw] = [i for i in (await sim_get(env, f"v3/catalog/products/{pid}/images"))["data"]
             if str(i["id"]) == second["id"]]
    assert raw["is_thumbnail"] is True and raw["description"] == "Side view"
    ok(await env.call("product.image.delete", {"product_id": pid, "id": image["id"]}))
    ok(await env.call("product.delete", {"id": pid}))
    gone = await env.call("product.info", {"id": pid})
    assert gone["return_code"] == 112


async def test_variants_are_child_items_written_under_their_product(env):
    """Product 3 has Color x Size variants: one taken away is added back by its option
    values (as names and labels), changed, listed, deleted."""
    children = ok(await env.call("product.child_item.list", {"product_id": "3", "params": "force_all"}))
    green_large = next(c for c in children["children"] if c["name"] == "Green Large")
    assert len(green_large["combination"]) == 2 and green_large["parent_id"] == "3"
    ok(await env.call("product.variant.delete", {"product_id": "3", "id": green_large["id"]}))
    again = await env.call("product.child_item.info", {"product_id": "3", "id": green_large["id"]})
    assert again["return_code"] == 112
    variant = ok(await env.call("product.variant.add", body={
        "product_id": "3", "model": "GL-2", "sku": "GL-2", "price": 15, "attributes": [
            {"attribute_name": "Color", "attribute_value": "Green"},
            {"attribute_name": "Size", "attribute_value": "Large"}]}))
    vid = variant["product_variant_id"]
    ok(await env.call("product.variant.update", body={"product_id": "3", "id": vid, "quantity": 9,
                                                      "price": 16}))
    one = ok(await env.call("product.child_item.info", {"product_id": "3", "id": vid,
                                                        "params": "force_all"}))
    assert (one["sku"], one["inventory_level"], one["default_price"], one["name"]) == (
        "GL-2", 9, 16, "Green Large")
    assert {c["option_value_id"] for c in one["combination"]} == {
        c["option_value_id"] for c in green_large["combination"]}
    shop_wide = ok(await env.call("product.child_item.list", {"count": 250, "params": "id,parent_id"}))
    total = shop_wide["total_count"]
    assert total > 250 and len(shop_wide["children"]) == 250  # paged shop-wide
    last = ok(await env.call("product.child_item.list", {"start": total - 1, "params": "id"}))
    assert [c["id"] for c in last["children"]] == [vid]  # the newest, last in id order
    by_sku = ok(await env.call("product.child_item.list", {"sku": "GL-2", "params": "id"}))
    assert [c["id"] for c in by_sku["children"]] == [vid]
    elsewhere = await env.call("product.child_item.info", {"product_id": "4", "id": vid})
    assert elsewhere["return_code"] == 112  # not a child of that product
    unknown = await env.call("product.variant.add", body={
        "product_id": "3", "model": "X-1", "attributes": [{"attribute_name": "Color",
                                                          "attribute_value": "Purple"}]})
    assert unknown["return_code"] == 109 and "Purple" in unknown["return_message"], unknown


async def test_manufacturer_add_makes_a_brand_and_gives_it_to_the_product(env):
    made = ok(await env.call("product.manufacturer.add", {"manufacturer": "Fresh Brand",
                                                          "product_id": "5"}))
    p = ok(await env.call("product.info", {"id": "5", "params": "u_brand,u_brand_id"}))
    assert p["u_brand_id"] == made["manufacturer_id"] and p["u_brand"] == "Fresh Brand"
    brands = ok(await env.call("product.brand.list", {"count": 250}))
    assert "Fresh Brand" in [b["name"] for b in brands["brands"]]


# -- categories ------------------------------------------------------------------------------
async def test_categories_listed_found_written(env):
    cats = ok(await env.call("category.list", {"count": 250, "params": "force_all"}))
    raw = (await sim_get(env, "v3/catalog/categories", limit=250))["data"]
    assert cats["categories_count"] == len(raw)
    assert [(c["id"], c["parent_id"], c["name"]) for c in cats["category"]] == [
        (str(r["id"]), str(r["parent_id"]), r["name"]) for r in raw]
    added = ok(await env.call("category.add", {"name": "Outdoor", "parent_id": "1", "avail": "false",
                                               "seo_url": "outdoor"}))
    cid = added["category_id"]
    c = ok(await env.call("category.info", {"id": cid, "params": "force_all"}))
    assert (c["name"], c["parent_id"], c["avail"], c["seo_url"]) == ("Outdoor", "1", False, "outdoor")
    hidden = {"parent_id": "1", "avail": "false"}  # a count is of visible ones by default
    assert ok(await env.call("category.count", hidden))["categories_count"] == 1
    found = ok(await env.call("category.find", {"find_value": "Outdoor"}))
    assert [x["id"] for x in found["category"]] == [cid]
    ok(await env.call("category.update", {"id": cid, "name": "Outdoors"}))
    assert ok(await env.call("category.info", {"id": cid}))["name"] == "Outdoors"
    ok(await env.call("category.delete", {"id": cid}))
    assert (await env.call("category.info", {"id": cid}))["return_code"] == 112


# -- customers --------------------------------------------------------------------------------
async def test_customers_listed_found_written_with_addresses(env):
    listed = ok(await env.call("customer.list", {"count": 250, "params": "force_all"}))
    raw = (await sim_get(env, "v3/customers", limit=250))["data"]
    assert listed["customers_count"] == len(raw)
    added = ok(await env.call("customer.add", body={"email": "ada@example.com", "first_name": "Ada",
                                                    "last_name": "Lovelace", "phone": "555-0101"}))
    cid = added["customer_id"]
    taken = await env.call("customer.add", body={"email": "ada@example.com", "first_name": "A",
                                                 "last_name": "L"})
    assert taken["return_code"] == 113
    ok(await env.call("customer.address.add", body={
        "customer_id": cid, "first_name": "Ada", "last_name": "Lovelace", "address1": "1 Analytical Way",
        "city": "Austin", "postcode": "73301", "state": "Texas", "country": "US"}))
    c = ok(await env.call("customer.info", {"id": cid, "params": "force_all"}))
    assert (c["email"], c["first_name"], c["phone"]) == ("ada@example.com", "Ada", "555-0101")
    [book] = c["address_book"]
    assert (book["address1"], book["city"], book["country"]["code2"]) == ("1 Analytical Way", "Austin", "US")
    found = ok(await env.call("customer.find", {"find_value": "ada@example.com"}))
    assert [x["id"] for x in found["customer"]] == [cid]
    ok(await env.call("customer.update", {"id": cid, "last_name": "King"}))
    assert ok(await env.call("customer.info", {"id": cid}))["last_name"] == "King"
    assert ok(await env.call("customer.count", {"ids": cid}))["customers_count"] == 1
    ok(await env.call("customer.delete", {"id": cid}))
    assert (await env.call("customer.info", {"id": cid}))["return_code"] == 112
    assert (await env.call("customer.delete", {"id": cid}))["return_code"] == 112


# -- orders ----------------------------------------------------------------------------------
async def test_orders_read_with_lines_addresses_and_status_names(env):
    total = ok(await env.call("order.count"))["orders_count"]
    listed = ok(await env.call("order.list", {"count": 250, "params": "force_all"}))
    assert len(listed["order"]) == total == listed["orders_count"]
    o = listed["order"][0]
    raw = await sim_get(env, f"v2/orders/{o['id']}")
    lines = await sim_get(env, f"v2/orders/{o['id']}/products")
    assert o["totals"]["total"] == float(raw["total_inc_tax"])
    assert [li["order_product_id"] for li in o["order_products"]] == [str(li["id"]) for li in lines]
    assert o["status"]["id"] == str(raw["status_id"]) and o["status"]["name"]
    assert o["billing_address"]["city"] == raw["billing_address"]["city"]
    assert o["customer"]["email"] == raw["billing_address"]["email"]
    statuses = ok(await env.call("order.status.list"))["cart_order_statuses"]
    assert {"id": str(raw["status_id"]), "name": o["status"]["name"]} in statuses
    shipped = ok(await env.call("order.count", {"order_status": o["status"]["name"]}))["orders_count"]
    assert 0 < shipped <= total
    some = ok(await env.call("order.list", {"order_ids": f"{o['id']},2", "params": "id"}))
    assert [x["id"] for x in some["order"]] == [o["id"], "2"]
    ok(await env.call("order.update", {"order_id": o["id"], "order_status": "Completed",
                                       "admin_comment": "checked"}))
    after = await sim_get(env, f"v2/orders/{o['id']}")
    assert after["status"] == "Completed" and after["staff_notes"] == "checked"


async def test_shipments_added_listed_updated_deleted(env):
    orders = ok(await env.call("order.list", {"count": 250, "params": "force_all"}))["order"]

    def unshipped(o: dict) -> list[dict]:
        return [li for li in o["order_products"]
                if (li["additional_fields"].get("quantity_shipped") or 0) < li["quantity"]]

    order, other = [o for o in orders if unshipped(o)][:2]
    line = unshipped(order)[0]
    added = ok(await env.call("order.shipment.add", body={
        "order_id": order["id"], "items": [{"order_product_id": line["order_product_id"], "quantity": 1}],
        "tracking_numbers": [{"carrier_id": "ups", "tracking_number": "1ZTEST"}]}))
    sid = added["shipment_id"]
    listed = ok(await env.call("order.shipment.list", {"order_id": order["id"]}))
    mine = next(s for s in listed["shipment"] if s["id"] == sid)
    assert mine["tracking_numbers"] == [{"carrier_id": "ups", "tracking_number": "1ZTEST"}]
    assert mine["items"][0]["order_product_id"] == line["order_product_id"]
    ok(await env.call("order.shipment.update", body={
        "order_id": order["id"], "shipment_id": sid,
        "tracking_numbers": [{"carrier_id": "ups", "tracking_number": "1ZNEW"}]}))
    one = ok(await env.call("order.shipment.info", {"order_id": order["id"], "id": sid}))
    assert one["tracking_numbers"][0]["tracking_number"] == "1ZNEW"
    two = await env.call("order.shipment.update", body={
        "order_id": order["id"], "shipment_id": sid, "tracking_numbers": [
            {"tracking_number": "A"}, {"tracking_number": "B"}]})
    assert two["return_code"] == 109 and "tracking_numbers" in two["return_message"]
    ok(await env.call("order.shipment.delete", {"order_id": order["id"], "shipment_id": sid}))
    assert sid not in [s["id"] for s in ok(await env.call("order.shipment.list", {
        "order_id": order["id"]}))["shipment"]]
    # another order shipped bare, then given a tracking number
    bare = ok(await env.call("order.shipment.add", body={
        "order_id": other["id"], "items": [{"order_product_id": unshipped(other)[0]["order_product_id"],
                                           "quantity": 1}]}))
    ok(await env.call("order.shipment.tracking.add", {
        "order_id": other["id"], "shipment_id": bare["shipment_id"], "tracking_number": "TRK-9",
        "tracking_provider": "fedex"}))
    raw = await sim_get(env, f"v2/orders/{other['id']}/shipments/{bare['shipment_id']}")
    assert (raw["tracking_number"], raw["tracking_carrier"]) == ("TRK-9", "fedex")
    second = await env.call("order.shipment.tracking.add", {
        "order_id": other["id"], "shipment_id": bare["shipment_id"], "tracking_number": "TRK-10"})
    assert second["return_code"] == 109 and "TRK-9" in second["return_message"]
    unknown = await env.call("order.shipment.add", body={
        "order_id": order["id"], "items": [{"order_product_id": "999999", "quantity": 1}]})
    assert unknown["return_code"] == 112


async def test_a_tracking_number_added_keeps_its_carrier_id(env):
    """order.shipment.tracking.add applies carrier_id (it is not ignored): the v2 shipment's
    tracking carrier, as tracking_provider is; the two naming different carriers is 109."""
    orders = ok(await env.call("order.list", {"count": 250, "params": "force_all"}))["order"]
    order = next(o for o in orders if any((li["additional_fields"].get("quantity_shipped") or 0)
                                          < li["quantity"] for li in o["order_products"]))
    bare = ok(await env.call("order.shipment.add", body={"order_id": order["id"]}))
    names = {"order_id": order["id"], "shipment_id": bare["shipment_id"]}
    both = await env.call("order.shipment.tracking.add", {**names, "tracking_number": "1Z9",
                                                          "carrier_id": "ups", "tracking_provider": "dhl"})
    assert both["return_code"] == 109 and "carrier" in both["return_message"]
    ok(await env.call("order.shipment.tracking.add", {**names, "tracking_number": "1Z9",
                                                      "carrier_id": "ups"}))
    raw = await sim_get(env, f"v2/orders/{order['id']}/shipments/{bare['shipment_id']}")
    assert (raw["tracking_number"], raw["tracking_carrier"]) == ("1Z9", "ups")


# -- native webhooks --------------------------------------------------------------------------
async def test_native_webhook_registered_with_its_header_pushed_fetched_delivered(env):
    from anycart.worker.loop import Worker
    from tests.conftest import LiveServer
    from tests.webhooks.receiver import Receiver

    receiver = Receiver()
    with LiveServer(receiver.app) as server:
        ok(await env.call("webhook.create", body={"entity": "product", "action": "update",
                                                  "callback": server.url + "/hook", "fields": "id,name,price"}))
        [hook] = (await sim_get(env, "v3/hooks"))["data"]
        secret = env.store.credentials["bigcommerceapi_webhook_secret"]
        assert hook["scope"] == "store/product/updated" and hook["is_active"] is True
        assert hook["destination"].startswith(PUBLIC_URL + "/ingress/")
        assert hook["headers"] == {"X-Anycart-Webhook-Secret": secret}
        # the same subscription again registers nothing more
        ok(await env.call("webhook.create", body={"entity": "product", "action": "update",
                                                  "callback": server.url + "/other"}))
        assert len((await sim_get(env, "v3/hooks"))["data"]) == 1
        ok(await env.call("product.update", body={"id": "7", "name": "Pushed name", "price": 3.25}))
        outcomes = await env.sim.flush_webhooks()
        assert [status for _, _, status in outcomes] == [200], outcomes
        await Worker(env.services).drain()
        got = receiver.delivered()
        assert {(g.json["entity"], g.json["action"]) for g in got} == {("product", "update")}
        # one delivery per webhook, sent concurrently: they may arrive in either order; the
        # first webhook's is projected to its fields, the second's is the whole record
        projected, whole = sorted((g.json["data"] for g in got), key=len)
        assert projected == {"id": "7", "name": "Pushed name", "price": 3.25}  # fetched
        assert {k: whole[k] for k in projected} == projected and len(whole) > len(projected)


async def test_pushes_carry_the_record_fetched_or_the_id_of_a_deleted_one(env):
    from sqlalchemy import select

    from anycart.storage.models import Event

    ok(await env.call("webhook.create", body={"entity": "order", "action": "update",
                                              "callback": "http://127.0.0.1:9/x"}))
    ok(await env.call("webhook.create", body={"entity": "category", "action": "delete",
                                              "callback": "http://127.0.0.1:9/x"}))
    assert {h["scope"] for h in (await sim_get(env, "v3/hooks"))["data"]} == {
        "store/order/updated", "store/category/deleted"}
    ok(await env.call("order.update", {"order_id": "3", "admin_comment": "pushed"}))
    ok(await env.call("category.delete", {"id": "10"}))
    outcomes = await env.sim.flush_webhooks()
    assert sorted(status for _, _, status in outcomes) == [200, 200], outcomes
    with env.services.db.session() as s:
        events = {(e.entity, e.action): (e.entity_id, e.data) for e in s.scalars(select(Event)).all()}
    assert set(events) == {("order", "update"), ("category", "delete")}
    assert events[("category", "delete")] == ("10", {"id": "10"})  # gone: its id only
    oid, order = events[("order", "update")]
    assert oid == "3" and order["id"] == "3" and order["order_products"]  # fetched whole
    assert order["billing_address"]["city"]


async def test_forged_or_unknown_pushes_are_refused_or_ignored(env):
    from sqlalchemy import func, select

    from anycart.storage.models import Event

    ok(await env.call("webhook.create", body={"entity": "order", "action": "add",
                                              "callback": "http://127.0.0.1:9/x"}))
    [hook] = (await sim_get(env, "v3/hooks"))["data"]
    path = hook["destination"][len(PUBLIC_URL):]
    thin = json.dumps({"scope": "store/order/created", "store_id": "1", "data": {"type": "order", "id": 1},
                       "hash": "x", "created_at": 1700000000, "producer": f"stores/{HASH}"}).encode()
    for headers in ({}, {"X-Anycart-Webhook-Secret": "forged"}):
        r = await env.client.post(path, content=thin, headers=headers)
        assert r.status_code == 401, r.text
    secret = hook["headers"]["X-Anycart-Webhook-Secret"]
    other = json.dumps({"scope": "store/cart/created", "data": {"type": "cart", "id": "c1"}}).encode()
    r = await env.client.post(path, content=other, headers={"X-Anycart-Webhook-Secret": secret})
    assert r.status_code == 200 and r.json() == {"received": 0}
    with env.services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 0
    r = await env.client.post(path, content=thin, headers={"X-Anycart-Webhook-Secret": secret})
    assert r.status_code == 200 and r.json() == {"received": 1}
    with env.services.db.session() as s:
        [event] = s.scalars(select(Event)).all()
    assert (event.entity, event.action, event.entity_id) == ("order", "add", "1")
