"""The WooCommerce REST connector (``WoocommerceApi``), driven through the AnyCart HTTP API
against the simulator (``WooSimulator``), mounted in AnyCart's HTTP layer: both auth modes,
paging past 100, every served method, error shapes, native webhooks."""

from __future__ import annotations

import contextlib
import json

import pytest

from anycart.platforms.woocommerce_api.platform import PLATFORMS
from anycart.platforms.woocommerce_api.simulator import WooSimulator
from tests.platforms.gateway_env import GatewayEnv, ToAnycart, ok, open_gateway

HOST = "shop.example"
KEY, SECRET = "ck_0123456789abcdef0123456789abcdef01234567", "cs_0123456789abcdef0123456789abcdef01234567"
SIZE = 230
PUBLIC_URL = "https://anycart.example"


class Env(GatewayEnv):
    @property
    def shop(self):
        return self.sim.shops.get(HOST)

    async def connect(self, scheme: str = "https", **more: str) -> dict:
        """account.cart.add of the shop (by a new account after the first: one store each)."""
        return await self.add_cart({"cart_id": "WoocommerceApi", "store_url": f"{scheme}://{HOST}",
                                    "wc_consumer_key": KEY, "wc_consumer_secret": SECRET, **more})


@contextlib.asynccontextmanager
async def open_env(tmp_path, size: int = SIZE, scheme: str = "https"):
    to_anycart = ToAnycart(PUBLIC_URL)  # WooCommerce -> AnyCart
    sim = WooSimulator(callback_client=to_anycart.client)
    sim.shops.add_shop(HOST, KEY, SECRET, size=size, seed=5)
    async with open_gateway(tmp_path, sim, PLATFORMS, {HOST: sim.app}, Env, public_url=PUBLIC_URL,
                            to_anycart=to_anycart, connect=lambda e: e.connect(scheme)) as e:
        yield e


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path) as e:
        yield e


@pytest.fixture
async def plain(tmp_path):
    """The same shop over plain http: every request signed with OAuth 1.0a."""
    async with open_env(tmp_path, size=30, scheme="http") as e:
        yield e


# -- connection and auth --------------------------------------------------------------------
async def test_credentials_checked_with_a_real_call(env):
    wrong = await env.connect(wc_consumer_secret="cs_wrong")
    assert wrong["return_code"] == 107 and "Consumer secret is invalid" in wrong["return_message"]
    assert "woocommerce_rest_authentication_error" in wrong["return_message"]
    env.store_key = None
    missing = await env.call("account.cart.add", body={"cart_id": "WoocommerceApi",
                                                       "store_url": f"https://{HOST}",
                                                       "wc_consumer_key": KEY})
    assert missing["return_code"] == 114 and "wc_consumer_secret" in missing["return_message"]


async def test_oauth1_over_plain_http(plain):
    listed = ok(await plain.call("product.list", {"count": 5}))
    assert len(listed["product"]) == 5
    added = ok(await plain.call("product.add", body={"name": "Signed", "model": "SIG-1",
                                                     "price": 2.5, "description": "d"}))
    assert plain.shop.data.products[int(added["product_id"])]["name"] == "Signed"
    # a wrong secret signs wrongly: refused by the shop, the store not added
    bad = await plain.connect("http", wc_consumer_secret="cs_other")
    assert bad["return_code"] == 107 and "signature" in bad["return_message"].lower()


async def test_cart_info(env):
    info = ok(await env.call("cart.info", {"params": "force_all"}))
    assert info["url"] == f"https://{HOST}" and info["stores_info"][0]["store_id"] == "1"
    assert info["version"].startswith("WooCommerce")


# -- products -------------------------------------------------------------------------------
async def test_paging_past_100_in_id_order(env):
    first = ok(await env.call("product.list", {"count": 250, "params": "id,name"}))
    total = len(env.shop.data.products)
    assert first["products_count"] == total > 200
    ids = [p["id"] for p in first["product"]]
    assert ids == sorted(ids, key=int) and len(ids) == min(250, total)
    jump = ok(await env.call("product.list", {"start": 150, "count": 7, "params": "id"}))
    assert [p["id"] for p in jump["product"]] == ids[150:157]
    assert ok(await env.call("product.count"))["products_count"] == total


async def test_product_info_filters_and_find(env):
    raw = next(p for p in env.shop.data.products.values() if p.get("sku"))
    info = ok(await env.call("product.info", {"id": str(raw["id"]), "params": "force_all"}))
    assert (info["name"], info["u_sku"], info["url"]) == (raw["name"], raw["sku"], raw["permalink"])
    assert info["categories_ids"] == [str(c["id"]) for c in raw["categories"]]
    by_sku = ok(await env.call("product.list", {"sku": raw["sku"], "params": "id"}))
    assert [p["id"] for p in by_sku["product"]] == [str(raw["id"])]
    found = ok(await env.call("product.find", {"find_value": raw["name"]}))
    assert str(raw["id"]) in [p["id"] for p in found["product"]]
    assert all(p["name"] == raw["name"] for p in found["product"])
    missing = await env.call("product.info", {"id": "999999"})
    assert missing["return_code"] == 112 and "Product with id 999999 not found" in missing["return_message"]
    if raw["categories"]:
        cat = raw["categories"][0]["id"]
        in_cat = ok(await env.call("product.list", {"category_id": str(cat), "count": 250, "params": "categories_ids"}))
        assert in_cat["product"] and all(str(cat) in p["categories_ids"] for p in in_cat["product"])
    newest = ok(await env.call("product.list", {"sort_by": "id", "sort_direction": "desc", "count": 3,
                                                "params": "id"}))
    assert [int(p["id"]) for p in newest["product"]] == sorted(env.shop.data.products)[-3:][::-1]


async def test_product_add_update_stock_delete(env):
    added = ok(await env.call("product.add", body={
        "name": "Kit Mug", "model": "MUG-1", "price": 9.5, "description": "<p>mug</p>",
        "quantity": 4, "categories_ids": str(next(iter(env.shop.data.categories))),
        "weight": 0.4, "visible": "catalog"}))
    pid = int(added["product_id"])
    raw = env.shop.data.products[pid]
    assert (raw["sku"], raw["regular_price"], raw["stock_quantity"], raw["manage_stock"]) == (
        "MUG-1", "9.50", 4, True)
    assert raw["catalog_visibility"] == "catalog" and raw["weight"] == "0.4"
    ok(await env.call("product.update", body={"id": str(pid), "increase_quantity": 3,
                                               "special_price": 7, "name": "Kit Mug 2"}))
    raw = env.shop.data.products[pid]
    assert (raw["stock_quantity"], raw["sale_price"], raw["name"]) == (7, "7.00", "Kit Mug 2")
    info = ok(await env.call("product.info", {"id": str(pid), "params": "force_all"}))
    assert info["quantity"] == 7 and info["special_price"]["value"] == 7
    ok(await env.call("product.delete", {"id": str(pid)}))
    assert pid not in env.shop.data.products  # deleted for good (force), not trashed
    again = await env.call("product.delete", {"id": str(pid)})
    assert again["return_code"] == 112


async def test_error_shapes(env):
    # WooCommerce's own validation error, its code named, as 109
    bad = await env.call("product.add", body={"name": "Bad", "model": "B", "price": 1,
                                              "description": "d", "type": "bundle"})
    assert bad["return_code"] == 109 and "'type'" in bad["return_message"]
    dup = await env.call("product.add", body={"name": "Dup", "model": "DUP-1", "price": 1,
                                              "description": "d"})
    assert dup["return_code"] == 0
    twice = await env.call("product.add", body={"name": "Dup", "model": "DUP-1", "price": 1,
                                                "description": "d"})
    assert twice["return_code"] in (109, 113) and "WooCommerce error message" in twice["return_message"]
    assert "(" in twice["return_message"]  # the WooCommerce error code travels with it
    hidden = await env.call("product.add", body={"name": "H", "model": "H-1", "price": 1,
                                                 "description": "d", "visible": "sometimes"})
    assert hidden["return_code"] == 109 and "'visible'" in hidden["return_message"]
    unsupported = await env.call("product.list", {"brand_name": "x"})
    assert unsupported["return_code"] == 109 and "'brand_name'" in unsupported["return_message"]
    not_served = await env.call("product.manufacturer.add", {"product_id": "1", "manufacturer": "m"})
    assert not_served["return_code"] == 120


# -- variants, images, categories -------------------------------------------------------------
async def test_variations_as_child_items_and_variants(env):
    parent = next(p for p in env.shop.data.products.values() if p["type"] == "variable" and p["variations"])
    listed = ok(await env.call("product.child_item.list", {"product_id": str(parent["id"]),
                                                            "params": "force_all"}))
    kids = listed["children"]
    assert [c["id"] for c in kids] == [str(v) for v in sorted(parent["variations"])] or \
        sorted(c["id"] for c in kids) == sorted(str(v) for v in parent["variations"])
    first = kids[0]
    assert first["parent_id"] == str(parent["id"]) and first["combination"]
    one = ok(await env.call("product.child_item.info", {"product_id": str(parent["id"]), "id": first["id"]}))
    assert one["id"] == first["id"]
    added = ok(await env.call("product.variant.add", body={
        "product_id": str(parent["id"]), "model": "VAR-NEW", "price": 11,
        "attributes": [{"attribute_name": parent["attributes"][0]["name"],
                        "attribute_value": parent["attributes"][0]["options"][0]}]}))
    vid = int(added["product_variant_id"])
    assert env.shop.data.variations[vid]["sku"] == "VAR-NEW"
    ok(await env.call("product.variant.update", body={"product_id": str(parent["id"]), "id": str(vid),
                                                       "price": 12.25, "quantity": 5}))
    v = env.shop.data.variations[vid]
    assert (v["regular_price"], v["stock_quantity"], v["sku"]) == ("12.25", 5, "VAR-NEW")
    ok(await env.call("product.variant.delete", {"product_id": str(parent["id"]), "id": str(vid)}))
    assert vid not in env.shop.data.variations
    needs_parent = await env.call("product.child_item.list")
    assert needs_parent["return_code"] == 114


async def test_images_by_url(env):
    pid = next(iter(sorted(env.shop.data.products)))
    before = len(env.shop.data.products[pid]["images"])
    added = ok(await env.call("product.image.add", body={
        "product_id": str(pid), "url": "https://cdn.example/a.jpg", "image_name": "a.jpg", "type": "base",
        "label": "Front"}))
    images = env.shop.data.products[pid]["images"]
    assert len(images) == before + 1 and images[0]["src"] == "https://cdn.example/a.jpg"
    assert images[0]["alt"] == "Front" and str(images[0]["id"]) == added["id"]
    ok(await env.call("product.image.update", {"product_id": str(pid), "id": added["id"],
                                                "label": "Back"}))
    assert env.shop.data.products[pid]["images"][0]["alt"] == "Back"
    ok(await env.call("product.image.delete", {"product_id": str(pid), "id": added["id"]}))
    assert len(env.shop.data.products[pid]["images"]) == before
    content = await env.call("product.image.add", body={"product_id": str(pid), "content": "aGk=",
                                                        "image_name": "x.png", "type": "additional"})
    assert content["return_code"] == 109 and "'content'" in content["return_message"]


async def test_categories_crud_and_assign(env):
    added = ok(await env.call("category.add", {"name": "Kit Things", "description": "d"}))
    cid = int(added["category_id"])
    child = ok(await env.call("category.add", {"name": "Kit Sub", "parent_id": str(cid)}))
    assert env.shop.data.categories[int(child["category_id"])]["parent"] == cid
    under = ok(await env.call("category.list", {"parent_id": str(cid)}))
    assert [c["id"] for c in under["category"]] == [child["category_id"]]
    found = ok(await env.call("category.find", {"find_value": "Kit Things"}))
    assert [c["id"] for c in found["category"]] == [str(cid)]
    ok(await env.call("category.update", {"id": str(cid), "name": "Kit Stuff"}))
    assert env.shop.data.categories[cid]["name"] == "Kit Stuff"
    pid = next(iter(sorted(env.shop.data.products)))
    ok(await env.call("category.assign", {"category_id": str(cid), "product_id": str(pid)}))
    assert cid in [c["id"] for c in env.shop.data.products[pid]["categories"]]
    ok(await env.call("category.unassign", {"category_id": str(cid), "product_id": str(pid)}))
    assert cid not in [c["id"] for c in env.shop.data.products[pid]["categories"]]
    gone = await env.call("category.unassign", {"category_id": str(cid), "product_id": str(pid)})
    assert gone["return_code"] == 112
    ok(await env.call("category.delete", {"id": child["category_id"]}))
    assert int(child["category_id"]) not in env.shop.data.categories
    assert ok(await env.call("category.count"))["categories_count"] == len(env.shop.data.categories)


# -- customers ----------------------------------------------------------------------------------
async def test_customers_with_addresses(env):
    added = ok(await env.call("customer.add", body={"email": "kit@example.com", "first_name": "Kit",
                                                    "last_name": "Tester", "phone": "555"}))
    cid = int(added["customer_id"])
    raw = env.shop.data.customers[cid]
    assert raw["email"] == "kit@example.com" and raw["billing"]["phone"] == "555"
    taken = await env.call("customer.add", body={"email": "kit@example.com"})
    assert taken["return_code"] == 113
    ok(await env.call("customer.address.add", body={
        "customer_id": str(cid), "first_name": "Kit", "address1": "1 Main St", "city": "Austin",
        "postcode": "73301", "country": "US", "state": "TX", "types": ["shipping"]}))
    assert env.shop.data.customers[cid]["shipping"]["address_1"] == "1 Main St"
    info = ok(await env.call("customer.info", {"id": str(cid), "params": "force_all"}))
    book = {a["type"]: a for a in info["address_book"]}
    assert book["shipping"]["city"] == "Austin" and book["shipping"]["state"]["code"] == "TX"
    found = ok(await env.call("customer.find", {"find_value": "kit@example.com"}))
    assert [c["id"] for c in found["customer"]] == [str(cid)]
    ok(await env.call("customer.update", body={"id": str(cid), "last_name": "Changed"}))
    assert env.shop.data.customers[cid]["last_name"] == "Changed"
    listed = ok(await env.call("customer.list", {"ids": str(cid)}))
    assert [c["id"] for c in listed["customer"]] == [str(cid)]
    ok(await env.call("customer.delete", {"id": str(cid)}))
    assert cid not in env.shop.data.customers


# -- orders -------------------------------------------------------------------------------------
async def test_orders_list_info_filters(env):
    orders = env.shop.data.orders
    listed = ok(await env.call("order.list", {"count": 250, "params": "id,status"}))
    assert listed["orders_count"] == len(orders)
    some = next(iter(orders.values()))
    status = some["status"]
    by_status = ok(await env.call("order.count", {"order_status": status}))
    assert by_status["orders_count"] == sum(1 for o in orders.values() if o["status"] == status)
    info = ok(await env.call("order.info", {"order_id": str(some["id"]), "params": "force_all"}))
    assert info["status"]["id"] == status and len(info["order_products"]) == len(some["line_items"])
    assert info["totals"]["total"] == float(some["total"])
    statuses = ok(await env.call("order.status.list"))["cart_order_statuses"]
    assert {"id": "completed", "name": "Completed"} in statuses


async def test_order_add_update(env):
    product = next(p for p in env.shop.data.products.values() if p["type"] == "simple")
    customer = next(iter(env.shop.data.customers.values()))
    added = ok(await env.call("order.add", body={
        "order_status": "processing", "customer_email": customer["email"], "bill_first_name": "A",
        "bill_last_name": "B", "bill_address_1": "1 St", "bill_city": "Miami", "bill_state": "FL",
        "bill_postcode": "33101", "bill_country": "US", "shipping_price": 5,
        "order_shipping_method": "Flat rate",
        "order_item": [{"order_item_id": str(product["id"]), "order_item_name": product["name"],
                        "order_item_quantity": 2, "order_item_price": 10}]}))
    oid = int(added["order_id"])
    raw = env.shop.data.orders[oid]
    assert raw["customer_id"] == customer["id"] and added["customer_id"] == str(customer["id"])
    assert raw["status"] == "processing" and raw["billing"]["city"] == "Miami"
    assert (raw["line_items"][0]["product_id"], raw["line_items"][0]["quantity"]) == (product["id"], 2)
    assert raw["shipping_lines"][0]["method_title"] == "Flat rate" and float(raw["shipping_total"]) == 5
    guest = ok(await env.call("order.add", body={
        "order_status": "pending", "customer_email": customer["email"], "is_guest": True,
        "bill_first_name": "A", "bill_last_name": "B", "bill_address_1": "1 St", "bill_city": "Miami",
        "bill_state": "FL", "bill_postcode": "33101", "bill_country": "US",
        "order_item": [{"order_item_id": str(product["id"]), "order_item_name": product["name"],
                        "order_item_quantity": 1, "order_item_price": 3}]}))
    assert "customer_id" not in guest and env.shop.data.orders[int(guest["order_id"])]["customer_id"] == 0
    ok(await env.call("order.update", {"order_id": str(oid), "order_status": "completed",
                                       "comment": "Leave at door"}))
    raw = env.shop.data.orders[oid]
    assert raw["status"] == "completed" and raw["customer_note"] == "Leave at door"
    ok(await env.call("order.update", {"order_id": str(oid), "admin_comment": "Packed twice"}))
    [note] = [n for n in env.shop.data.notes.values() if n["note"] == "Packed twice"]
    assert note["customer_note"] is False
    assert env.shop.data.orders[oid]["status"] == "completed"  # the note alone changes nothing else
    bad = await env.call("order.add", body={"order_status": "shipped", "customer_email": "a@b.c",
                                            "bill_first_name": "A", "bill_last_name": "B",
                                            "bill_address_1": "1", "bill_city": "X", "bill_state": "FL",
                                            "bill_postcode": "1", "bill_country": "US",
                                            "order_item": [{"order_item_id": str(product["id"]),
                                                            "order_item_name": "x", "order_item_price": 1,
                                                            "order_item_quantity": 1}]})
    assert bad["return_code"] == 109 and "'order_status'" in bad["return_message"]


async def test_shipments_as_tracking_items_and_notes(env):
    order = next(o for o in env.shop.data.orders.values() if o["line_items"])
    oid = str(order["id"])
    line = str(order["line_items"][0]["id"])
    added = ok(await env.call("order.shipment.add", body={
        "order_id": oid, "items": [{"order_product_id": line, "quantity": 1}],
        "tracking_numbers": [{"carrier_id": "ups", "tracking_number": "1Z111"}],
        "tracking_provider": "UPS", "tracking_link": "https://ups.example/1Z111"}))
    sid = added["shipment_id"]
    notes = [n for n in env.shop.data.notes.values() if n.get("order_id", n.get("parent_id")) == order["id"]
             or True]
    assert any("1Z111" in n["note"] and n["customer_note"] for n in notes)
    listed = ok(await env.call("order.shipment.list", {"order_id": oid, "params": "force_all"}))
    [ship] = listed["shipment"]
    assert ship["id"] == sid and ship["shipment_provider"] == "UPS"
    assert [t["tracking_number"] for t in ship["tracking_numbers"]] == ["1Z111"]
    ok(await env.call("order.shipment.tracking.add", body={"order_id": oid, "shipment_id": sid,
                                                            "tracking_number": "1Z222"}))
    info = ok(await env.call("order.shipment.info", {"order_id": oid, "id": sid}))
    assert [t["tracking_number"] for t in info["tracking_numbers"]] == ["1Z111", "1Z222"]
    ok(await env.call("order.shipment.update", body={"order_id": oid, "shipment_id": sid,
                                                      "tracking_provider": "FedEx"}))
    info = ok(await env.call("order.shipment.info", {"order_id": oid, "id": sid, "params": "force_all"}))
    assert info["shipment_provider"] == "FedEx"
    ok(await env.call("order.shipment.delete", {"order_id": oid, "shipment_id": sid}))
    assert ok(await env.call("order.shipment.list", {"order_id": oid}))["shipment"] == []
    bad = await env.call("order.shipment.add", body={
        "order_id": oid, "items": [{"order_product_id": "999999", "quantity": 1}]})
    assert bad["return_code"] == 112


async def test_refunds_and_returns(env):
    order = next(o for o in env.shop.data.orders.values()
                 if o["line_items"] and o["status"] in ("processing", "completed"))
    oid, line = str(order["id"]), order["line_items"][0]
    added = ok(await env.call("order.refund.add", body={
        "order_id": oid, "items": [{"order_product_id": str(line["id"]), "quantity": 1}],
        "message": "Broken", "item_restock": True}))
    rid = added["refund_id"]
    assert int(rid) in env.shop.data.refunds
    returns = ok(await env.call("return.list", {"order_id": oid, "params": "force_all"}))
    mine = [r for r in returns["returns"] if r["id"] == rid]
    assert mine and mine[0]["comment"] == "Broken" and mine[0]["order_id"] == oid
    assert mine[0]["order_products"][0]["order_product_id"] == str(line["id"])
    one = ok(await env.call("return.info", {"order_id": oid, "id": rid}))
    assert one["id"] == rid
    assert ok(await env.call("return.count", {"order_ids": oid}))["returns_count"] == len(returns["returns"])
    unknown = await env.call("order.refund.add", body={"order_id": oid, "items": [
        {"order_product_id": "999999", "quantity": 1}]})
    assert unknown["return_code"] == 112 and "Order product with id 999999" in unknown["return_message"]
    refund = env.shop.data.refunds[int(rid)]
    assert float(refund["amount"]) == float(line["price"]) and refund["reason"] == "Broken"


# -- taxes, zones -------------------------------------------------------------------------------
async def test_tax_classes_and_shipping_zones(env):
    classes = ok(await env.call("tax.class.list"))
    slugs = [c["id"] for c in classes["tax_classes"]]
    assert slugs == [c["slug"] for c in env.shop.data.tax_classes.values()] and slugs
    one = ok(await env.call("tax.class.info", {"tax_class_id": slugs[0], "params": "force_all"}))
    assert one["id"] == slugs[0]
    assert (await env.call("tax.class.info", {"tax_class_id": "nope"}))["return_code"] == 112
    zones = ok(await env.call("cart.shipping_zones.list"))["shipping_zone"]
    assert [z["id"] for z in zones] == [str(z["id"]) for z in env.shop.data.zones.values()] or zones
    zones = ok(await env.call("cart.shipping_zones.list", {"params": "force_all"}))["shipping_zone"]
    us = next(z for z in zones if z["name"] == "United States")  # each zone's own locations
    assert us["country_iso2_codes"] == ["US"] and us["additional_fields"]["locations"]


# -- native webhooks --------------------------------------------------------------------------
async def test_native_webhook_registered_pushed_verified_delivered(env):
    from anycart.worker.loop import Worker
    from tests.conftest import LiveServer
    from tests.webhooks.receiver import Receiver

    receiver = Receiver()
    with LiveServer(receiver.app) as server:
        ok(await env.call("webhook.create", body={"entity": "product", "action": "update",
                                                  "callback": server.url + "/hook", "fields": "id,name"}))
        [hook] = list(env.shop.data.webhooks.values())
        assert hook["topic"] == "product.updated" and hook["status"] == "active"
        assert hook["delivery_url"].startswith(PUBLIC_URL + "/ingress/")
        pid = next(iter(sorted(env.shop.data.products)))
        ok(await env.call("product.update", body={"id": str(pid), "name": "Pushed name"}))
        outcomes = await env.sim.flush_webhooks()
        assert [status for _, _, status in outcomes] == [200], outcomes
        await Worker(env.services).drain()
        [got] = receiver.delivered()
        assert got.json["entity"] == "product" and got.json["action"] == "update"
        assert got.json["data"] == {"id": str(pid), "name": "Pushed name"}


async def test_forged_push_is_refused_and_paused_hook_revived(env):
    from sqlalchemy import func, select

    from anycart.storage.models import Event

    ok(await env.call("webhook.create", body={"entity": "order", "action": "add",
                                              "callback": "http://127.0.0.1:9/x"}))
    [hook] = list(env.shop.data.webhooks.values())
    address = hook["delivery_url"]
    body = json.dumps({"id": 1}).encode()
    r = await env.client.post(address[len(PUBLIC_URL):], content=body, headers={
        "X-WC-Webhook-Topic": "order.created", "X-WC-Webhook-Signature": "Zm9yZ2Vk"})
    assert r.status_code == 401
    # WooCommerce's ping of a new webhook (unsigned, no topic) is answered 2xx, nothing recorded
    ping = await env.client.post(address[len(PUBLIC_URL):], content=b"webhook_id=7", headers={
        "content-type": "application/x-www-form-urlencoded", "X-WC-Webhook-ID": "7"})
    assert ping.status_code == 200 and ping.json() == {"received": 0}
    with env.services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 0
    # WooCommerce disables a webhook after repeated failures; subscribing again revives it
    env.shop.data.webhooks[hook["id"]]["status"] = "disabled"
    ok(await env.call("webhook.create", body={"entity": "order", "action": "add",
                                              "callback": "http://127.0.0.1:9/y"}))
    assert [h["status"] for h in env.shop.data.webhooks.values()] == ["active"]


def _poll_now(env: Env) -> None:
    from sqlalchemy import update

    from anycart.storage.models import PollState, utcnow

    with env.services.db.session() as s:
        s.execute(update(PollState).values(next_poll_at=utcnow()))


async def test_polling_reconciles_missed_pushes(env):
    """A change pushed is delivered once (the poll after it skips it); a change the site never
    pushed (its webhook disabled after failures) is brought by the poll."""
    from anycart.worker.loop import Worker
    from tests.conftest import LiveServer
    from tests.webhooks.receiver import Receiver

    receiver = Receiver()
    with LiveServer(receiver.app) as server:
        ok(await env.call("webhook.create", body={"entity": "product", "action": "update",
                                                  "callback": server.url + "/hook", "fields": "id,name"}))
        await Worker(env.services).drain()  # the poll's baseline: no events
        assert receiver.received == []
        pushed, missed = sorted(env.shop.data.products)[:2]
        ok(await env.call("product.update", body={"id": str(pushed), "name": "Pushed"}))
        assert [status for _, _, status in await env.sim.flush_webhooks()] == [200]
        [hook] = list(env.shop.data.webhooks.values())
        env.shop.data.webhooks[hook["id"]]["status"] = "disabled"  # the site gave up on it
        ok(await env.call("product.update", body={"id": str(missed), "name": "Missed"}))
        assert await env.sim.flush_webhooks() == []  # nothing pushed
        _poll_now(env)
        await Worker(env.services).drain()
        got = sorted((d.json["data"]["id"], d.json["data"]["name"]) for d in receiver.delivered())
        assert got == sorted([(str(pushed), "Pushed"), (str(missed), "Missed")])


async def test_customers_polled_by_date_on_this_side(env):
    """WooCommerce filters customers by no date: a date-bounded list is kept here."""
    every = ok(await env.call("customer.list", {"count": 250, "params": "id,modified_time"}))["customer"]
    cid = every[0]["id"]
    ok(await env.call("customer.update", body={"id": cid, "first_name": "Fresh"}))
    stamp = env.shop.data.customers[int(cid)]["date_modified_gmt"]
    recent = ok(await env.call("customer.list", {"modified_from": stamp.replace("T", " "),
                                                 "params": "id,first_name"}))
    assert [c["id"] for c in recent["customer"]] == [cid]


async def test_date_filters_are_utc(env):
    """The contract's dates are UTC; the site's own zone is not UTC, yet the bound holds."""
    from datetime import UTC, datetime, timedelta

    pid = sorted(env.shop.data.products)[0]
    ok(await env.call("product.update", body={"id": str(pid), "name": "Touched"}))
    raw = env.shop.data.products[pid]
    assert raw["date_modified"] != raw["date_modified_gmt"]  # a site zone apart from UTC
    moment = datetime.fromisoformat(raw["date_modified_gmt"]).replace(tzinfo=UTC)
    since = (moment - timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    recent = ok(await env.call("product.list", {"modified_from": since, "params": "id"}))
    assert [p["id"] for p in recent["product"]] == [str(pid)]
    later = (moment + timedelta(seconds=1)).strftime("%Y-%m-%d %H:%M:%S")
    assert ok(await env.call("product.count", {"modified_from": later}))["products_count"] == 0


async def test_coupons(env):
    added = ok(await env.call("cart.coupon.add", {
        "code": "KIT10", "action_type": "percent", "action_apply_to": "order_total",
        "action_scope": "order", "action_amount": 10, "usage_limit": 5,
        "date_end": "2099-01-31 00:00:00"}))
    cid = int(added["coupon_id"])
    raw = env.shop.data.coupons[cid]
    assert (raw["code"].lower(), raw["discount_type"], raw["amount"], raw["usage_limit"]) == (
        "kit10", "percent", "10.00", 5)
    assert raw["date_expires_gmt"].startswith("2099-01-31")
    listed = ok(await env.call("cart.coupon.list", {"coupons_ids": str(cid), "params": "force_all"}))
    [coupon] = listed["coupon"]
    assert coupon["code"].lower() == "kit10" and coupon["avail"] is True
    assert coupon["actions"][0]["type"] == "percent" and coupon["actions"][0]["amount"] == 10
    fixed = ok(await env.call("cart.coupon.add", {
        "code": "KIT5", "action_type": "fixed", "action_apply_to": "item_price",
        "action_scope": "matching_items", "action_amount": 5}))
    assert env.shop.data.coupons[int(fixed["coupon_id"])]["discount_type"] == "fixed_product"
    assert ok(await env.call("cart.coupon.count"))["coupons_count"] == len(env.shop.data.coupons)
    shipping = await env.call("cart.coupon.add", {
        "code": "SHIP", "action_type": "fixed", "action_apply_to": "shipping", "action_scope": "order",
        "action_amount": 5})
    assert shipping["return_code"] == 109 and "'action_apply_to'" in shipping["return_message"]
    assert ok(await env.call("cart.coupon.delete", {"id": str(cid)})) == {"deleted": "true"}
    assert cid not in env.shop.data.coupons
    gone = await env.call("cart.coupon.delete", {"id": str(cid)})  # API2Cart's words for it
    assert (gone["return_code"], gone["return_message"]) == (
        112, f"Coupon with coupon_id {cid} not found")


async def test_category_webhooks_come_by_polling_alone(env):
    """WooCommerce pushes nothing of categories: no webhook is registered, the poll brings it."""
    from anycart.worker.loop import Worker
    from tests.conftest import LiveServer
    from tests.webhooks.receiver import Receiver

    receiver = Receiver()
    with LiveServer(receiver.app) as server:
        ok(await env.call("webhook.create", body={"entity": "category", "action": "add",
                                                  "callback": server.url + "/hook", "fields": "id,name"}))
        assert list(env.shop.data.webhooks.values()) == []
        await Worker(env.services).drain()  # the baseline
        added = ok(await env.call("category.add", {"name": "Polled in"}))
        _poll_now(env)
        await Worker(env.services).drain()
        [got] = receiver.delivered()
        assert got.json["data"] == {"id": added["category_id"], "name": "Polled in"}
