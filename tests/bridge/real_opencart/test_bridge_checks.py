"""The bridge-cart checks on a real OpenCart install: its own sample catalogue read page by
page, writes read back through AnyCart and in OpenCart's tables, and a polled webhook after
a merchant's edit made in OpenCart's admin."""

from __future__ import annotations

from anycart.worker.loop import Worker
from tests.bridge.real_opencart.admin import Admin
from tests.bridge.real_opencart.conftest import ok, order_body, poll_and_deliver

SAMPLE_PRODUCTS, SAMPLE_CATEGORIES = 19, 38


async def test_connected_as_the_docs_say_and_pages_through_the_sample_catalogue(env):
    info = ok(await env.call("cart.info", {"params": "force_all"}))
    assert info["version"] == env.cart_store.version, info
    # Other files of this session add products to the same install: the cart's table is the truth.
    in_cart = env.sql("SELECT product_id FROM {p}product ORDER BY product_id")
    assert len(in_cart) >= SAMPLE_PRODUCTS
    assert ok(await env.call("product.count"))["products_count"] == len(in_cart)
    seen: list[str] = []
    page = await env.call("product.list", {"count": 5, "params": "id,name,price,modified_at"})
    while True:
        seen += [p["id"] for p in ok(page)["product"]]
        if not page["pagination"]["next"]:
            break
        page = await env.call("product.list", {"page_cursor": page["pagination"]["next"]})
    assert sorted(seen, key=int) == [str(r["product_id"]) for r in in_cart]
    assert len(seen) == len(set(seen)) == len(in_cart)
    iphone = ok(await env.call("product.info", {"id": "40", "params": "force_all"}))
    assert iphone["name"] == "iPhone" and iphone["price"] == 101.0
    categories = env.sql("SELECT COUNT(*) AS n FROM {p}category")[0]["n"]
    assert categories >= SAMPLE_CATEGORIES
    assert ok(await env.call("category.count"))["categories_count"] == categories


async def test_product_add_update_delete(env):
    before = ok(await env.call("product.count"))["products_count"]
    added = ok(await env.call("product.add", body={
        "name": "Bridge Lamp", "model": "BL-1", "sku": "BL-1", "price": 12.5,
        "description": "<p>Made by AnyCart</p>", "quantity": 4}))
    pid = added["product_id"]
    assert env.sql("SELECT name FROM {p}product_description WHERE product_id = %s",
                   [int(pid)])[0]["name"] == "Bridge Lamp"
    ok(await env.call("product.update", body={"id": pid, "name": "Bridge Lamp II",
                                              "price": 20}))
    info = ok(await env.call("product.info", {"id": pid, "params": "id,name,price"}))
    assert (info["name"], info["price"]) == ("Bridge Lamp II", 20.0)
    ok(await env.call("product.delete", {"id": pid}))
    assert (await env.call("product.info", {"id": pid}))["return_code"] == 112
    assert env.sql("SELECT product_id FROM {p}product WHERE product_id = %s", [int(pid)]) == []
    assert ok(await env.call("product.count"))["products_count"] == before


async def test_category_and_customer_add_update_delete(env):
    cid = ok(await env.call("category.add", {"name": "Bridge Shelf"}))["category_id"]
    assert ok(await env.call("category.info", {"id": cid}))["name"] == "Bridge Shelf"
    ok(await env.call("category.update", {"id": cid, "name": "Bridge Shelves"}))
    assert ok(await env.call("category.info", {"id": cid}))["name"] == "Bridge Shelves"
    ok(await env.call("category.delete", {"id": cid}))
    assert (await env.call("category.info", {"id": cid}))["return_code"] == 112

    uid = ok(await env.call("customer.add", body={
        "email": "real.buyer@example.com", "first_name": "Real", "last_name": "Buyer"}))[
        "customer_id"]
    assert env.sql("SELECT email FROM {p}customer WHERE customer_id = %s", [int(uid)]) == [
        {"email": "real.buyer@example.com"}]
    ok(await env.call("customer.update", body={"id": uid, "last_name": "Changed"}))
    assert ok(await env.call("customer.info", {"id": uid, "params": "id,last_name"}))[
        "last_name"] == "Changed"
    ok(await env.call("customer.delete", {"id": uid}))
    assert (await env.call("customer.info", {"id": uid}))["return_code"] == 112


async def test_order_add_on_the_sample_catalogue(env):
    statuses = ok(await env.call("order.status.list"))["cart_order_statuses"]
    before = ok(await env.call("order.count"))["orders_count"]
    added = ok(await env.call("order.add", body=order_body(
        "order.buyer@example.com", statuses[0]["id"], 2)))
    order = ok(await env.call("order.info", {"id": added["order_id"], "params": "force_all"}))
    assert [(i["product_id"], i["quantity"]) for i in order["order_products"]] == [("40", 2)]
    assert order["totals"]["total"] == 202.0
    assert order["billing_address"]["city"] == "Austin"
    assert ok(await env.call("order.count"))["orders_count"] == before + 1
    row = env.sql("SELECT email, total, payment_zone FROM `{p}order` WHERE order_id = %s",
                  [int(added["order_id"])])
    assert row == [{"email": "order.buyer@example.com", "total": 202, "payment_zone": "Texas"}]


async def test_an_admin_edit_arrives_as_a_polled_webhook(env, receiver):
    ok(await env.call("webhook.create", body={
        "entity": "product", "action": "update", "callback": receiver.url + "/hook"}))
    worker = Worker(env.services)
    await poll_and_deliver(worker)  # the baseline poll
    assert receiver.received == []
    async with Admin(env.cart_store) as admin:
        saved = await admin.save("product", "41", {"price": "123.4500"})
    assert saved.ok, saved.message
    await poll_and_deliver(worker)
    updates = [r.json for r in receiver.received if r.json["entity_id"] == "41"]
    assert [u["action"] for u in updates] == ["update"], receiver.received
    assert updates[0]["data"]["price"] == 123.45
