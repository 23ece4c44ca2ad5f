"""Each bridge cart, driven through AnyCart's HTTP API into bridge.php on real PHP and its
real schema on MariaDB: reads of seeded rows, and writes checked in the cart's own tables.

The same contract calls run against every cart; what differs is only where a cart keeps a
thing (``ROW_CHECKS``), which is the point of the unified API.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import pytest

from tests.bridge.harness import close_bridge_env, open_bridge_env

INJECTION = "Robert'); DROP TABLE {table}; --"
#: How a cart keeps a text its admin saved: OpenCart HTML-escapes input (``&``, ``<``, ``>``,
#: ``"``); the injection string has none of those, so every cart stores it verbatim.


@dataclass(frozen=True)
class Cart:
    folder: str      # tests/bridge/site.py's cart name and the platform package
    prefix: str
    products: int = 40
    customers: int = 12
    orders: int = 15
    hpos: bool = False  # WooCommerce: orders in the HPOS tables instead of posts

    @property
    def name(self) -> str:
        return self.folder + ("-hpos" if self.hpos else "")

    def platform(self):
        return importlib.import_module(f"anycart.platforms.{self.folder}.platform").PLATFORMS[0]

    def loader(self):
        seed = importlib.import_module(f"anycart.platforms.{self.folder}.seed")

        def load(conn, prefix: str) -> None:
            seed.apply_schema(conn, prefix)
            extra = {"hpos": True} if self.hpos else {}
            seed.load(conn, prefix, products=self.products, customers=self.customers,
                      orders=self.orders, **extra)
        return load


CARTS = [Cart("opencart", "oc_"), Cart("woocommerce", "wp_"), Cart("woocommerce", "wp_", hpos=True),
         Cart("prestashop", "ps_")]

#: Where each cart keeps a product's name (in the default language) and a customer's e-mail,
#: read back with plain SQL.
ROW_CHECKS = {
    "opencart": ("SELECT name FROM {p}product_description WHERE product_id = %s",
                 "SELECT email FROM {p}customer WHERE customer_id = %s", "{p}product"),
    "woocommerce": ("SELECT post_title AS name FROM {p}posts WHERE ID = %s",
                    "SELECT user_email AS email FROM {p}users WHERE ID = %s", "{p}posts"),
    "prestashop": ("SELECT pl.name FROM {p}product_lang pl JOIN {p}configuration c "
                   "ON c.name = 'PS_LANG_DEFAULT' AND pl.id_lang = c.value "
                   "WHERE pl.id_product = %s",
                   "SELECT email FROM {p}customer WHERE id_customer = %s", "{p}product"),
}


@pytest.fixture(params=CARTS, ids=lambda c: c.name)
async def env(request, tmp_path, mariadb):
    cart: Cart = request.param
    try:
        platform = cart.platform()
    except ImportError as exc:  # pragma: no cover - every cart is built; keep the error visible
        pytest.fail(f"{cart.folder} driver does not import: {exc}")
    e = await open_bridge_env(tmp_path, mariadb, cart.folder, [platform], cart.loader(),
                              prefix=cart.prefix)
    e.cart = cart
    yield e
    await close_bridge_env(e)


def ok(answer: dict) -> dict:
    assert answer["return_code"] == 0, answer
    return answer["result"]


async def test_reads_page_through_seeded_rows(env):
    cart: Cart = env.cart
    count = ok(await env.call("product.count"))["products_count"]
    assert count >= cart.products
    seen: list[str] = []
    page = await env.call("product.list", {"count": 7, "params": "id,name,price,modified_at"})
    while True:
        seen += [p["id"] for p in ok(page)["product"]]
        if not page["pagination"]["next"]:
            break
        page = await env.call("product.list", {"page_cursor": page["pagination"]["next"]})
    assert len(seen) == count == len(set(seen))
    first = ok(await env.call("product.info", {"id": seen[0], "params": "force_all"}))
    assert first["id"] == seen[0] and first["name"]
    assert ok(await env.call("category.count"))["categories_count"] > 0
    assert ok(await env.call("customer.count"))["customers_count"] == cart.customers
    orders = ok(await env.call("order.list", {"count": 5, "params": "force_all"}))
    assert orders["orders_count"] == cart.orders and orders["order"][0]["order_products"]
    missing = await env.call("product.info", {"id": "987654321"})
    assert missing["return_code"] == 112, missing


async def test_product_add_update_delete_writes_the_carts_tables(env):
    name_sql, _, table = ROW_CHECKS[env.cart.folder]
    injection = INJECTION.format(table=table.replace("{p}", env.prefix))
    added = ok(await env.call("product.add", body={
        "name": injection, "model": "BR-1", "sku": "BR-1", "price": 12.5,
        "description": "<p>Through the bridge</p>", "quantity": 4}))
    pid = added["product_id"]
    assert env.sql(name_sql, [int(pid)]) == [{"name": injection}]
    info = ok(await env.call("product.info", {"id": pid, "params": "force_all"}))
    assert info["name"] == injection and info["price"] == 12.5
    assert ok(await env.call("product.update", body={"id": pid, "name": "Renamed",
                                                     "price": 20}))["updated_items"] >= 1
    assert env.sql(name_sql, [int(pid)]) == [{"name": "Renamed"}]
    assert ok(await env.call("product.info", {"id": pid, "params": "id,price"}))["price"] == 20
    assert ok(await env.call("product.delete", {"id": pid}))
    gone = await env.call("product.info", {"id": pid})
    assert gone["return_code"] == 112, gone
    # the injection string was data: every seeded product is still there
    assert ok(await env.call("product.count"))["products_count"] == env.cart.products


async def test_category_and_customer_writes(env):
    _, email_sql, _ = ROW_CHECKS[env.cart.folder]
    category = ok(await env.call("category.add", {"name": "Bridge Category"}))
    cid = category["category_id"]
    assert ok(await env.call("category.info", {"id": cid}))["name"] == "Bridge Category"
    customer = ok(await env.call("customer.add", body={
        "email": "bridge.buyer@example.com", "first_name": "Bri", "last_name": "Dge"}))
    uid = customer["customer_id"]
    assert env.sql(email_sql, [int(uid)]) == [{"email": "bridge.buyer@example.com"}]
    found = ok(await env.call("customer.info", {"id": uid, "params": "force_all"}))
    assert found["first_name"] == "Bri" and found["email"] == "bridge.buyer@example.com"
    ok(await env.call("customer.update", body={"id": uid, "last_name": "Changed"}))
    assert ok(await env.call("customer.info", {"id": uid, "params": "id,last_name"}))[
        "last_name"] == "Changed"
    assert ok(await env.call("category.delete", {"id": cid}))
    assert (await env.call("category.info", {"id": cid}))["return_code"] == 112


async def test_order_status_update(env):
    statuses = ok(await env.call("order.status.list"))
    names = [s["id"] for s in statuses["cart_order_statuses"]]
    order = ok(await env.call("order.list", {"count": 1, "params": "id,status"}))["order"][0]
    target = next(s for s in names if s != (order.get("status") or {}).get("id"))
    ok(await env.call("order.update", {"order_id": order["id"], "order_status": target}))
    after = ok(await env.call("order.info", {"id": order["id"], "params": "id,status"}))
    assert after["status"]["id"] == target


async def test_order_add_then_read_back(env):
    product = ok(await env.call("product.list", {"count": 1, "params": "id,name,price"}))[
        "product"][0]
    statuses = ok(await env.call("order.status.list"))["cart_order_statuses"]
    country, state = "US", "TX"  # every cart's seed knows Texas
    before = ok(await env.call("order.count"))["orders_count"]
    body = {"customer_email": "new.buyer@example.com", "order_status": statuses[0]["id"],
            "bill_first_name": "Ada", "bill_last_name": "Lovelace", "bill_address_1": "1 Main St",
            "bill_city": "Austin", "bill_postcode": "78701", "bill_state": state,
            "bill_country": country, "currency": None,
            "order_item": [{"order_item_id": product["id"], "order_item_name": product["name"],
                            "order_item_price": 10.0, "order_item_quantity": 2}]}
    body = {k: v for k, v in body.items() if v is not None}
    missing_item = await env.call("order.add", body={**body, "order_item": [{
        **body["order_item"][0], "order_item_id": "987654321"}]})
    assert missing_item["return_code"] == 112, missing_item
    assert ok(await env.call("order.count"))["orders_count"] == before
    added = ok(await env.call("order.add", body=body))
    order = ok(await env.call("order.info", {"id": added["order_id"], "params": "force_all"}))
    assert order["customer"]["email"] == "new.buyer@example.com"
    assert [(i["product_id"], i["quantity"]) for i in order["order_products"]] == [
        (product["id"], 2)]
    assert order["totals"]["total"] == 20.0 and order["billing_address"]["city"] == "Austin"
    assert ok(await env.call("order.count"))["orders_count"] == before + 1
