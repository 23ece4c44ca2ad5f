"""The Shopify connector, driven through the AnyCart HTTP API against the simulator.

The simulator serves the shop's own host (``demo.myshopify.com``), mounted in AnyCart's HTTP
layer, so nothing touches the network. Its clock runs faster than real time and the client
bucket shares it, so rate limiting keeps its real shape.
"""

from __future__ import annotations

import asyncio
import contextlib
import json

import httpx
import pytest

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.methods.paging import decode_cursor
from anycart.platforms.base import PlatformSettings
from anycart.platforms.registry import PlatformRegistry
from anycart.platforms.shopify.platform import PLATFORMS
from anycart.platforms.shopify.simulator import ShopifySimulator
from anycart.services import build_services
from anycart.transport.http import RetryPolicy
from anycart.transport.ratelimit import MonotonicClock
from anycart.worker.loop import Worker
from tests.platforms.gateway_env import GatewayEnv

SHOP = "demo.myshopify.com"
STORE_URL = f"https://{SHOP}"
TOKEN = "shpat_0123456789abcdef0123456789abcdef"
SECRET = "shpss_app_shared_secret_0001"
SIZE = 1100
PUBLIC_URL = "https://anycart.example"


class Env(GatewayEnv):
    def __init__(self, sim, services, client, api_key) -> None:
        super().__init__(sim, services, client, api_key)
        self.shop = sim.shops.get(SHOP)


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path, SIZE) as e:
        yield e


@contextlib.asynccontextmanager
async def open_env(tmp_path, size: int):
    """AnyCart serving one store on a simulated shop seeded with ``size`` products/orders."""
    clock = MonotonicClock(scale=20)
    services_holder: dict = {}

    async def to_anycart(request: httpx.Request) -> httpx.Response:  # Shopify -> AnyCart pushes
        app = create_app(services_holder["services"])
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url=PUBLIC_URL) as c:
            return await c.send(request)

    sim = ShopifySimulator(clock=clock, callback_client=httpx.AsyncClient(
        transport=httpx.MockTransport(to_anycart)))
    sim.shops.add_shop(SHOP, TOKEN, shared_secret=SECRET, size=size, seed=3)
    registry = PlatformRegistry()
    for p in PLATFORMS:
        registry.register(p)
    services = build_services(Settings(data_dir=tmp_path, public_url=PUBLIC_URL,
                                       allow_private_networks=True), registry=registry)
    services_holder["services"] = services
    services.gateway.platform_settings = PlatformSettings(clock=clock)
    services.http.retry = RetryPolicy(attempts=6, base_delay_s=0.02, max_delay_s=0.5)
    services.http.mount(SHOP, sim.app)
    _, api_key = services.repo.create_account("t")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    e = Env(sim, services, client, api_key)
    answer = await e.call("account.cart.add", body={
        "cart_id": "Shopify", "store_url": STORE_URL, "shopify_access_token": TOKEN,
        "shopify_shared_secret": SECRET})
    assert answer["return_code"] == 0, answer
    e.store_key = answer["result"]["store_key"]
    try:
        yield e
    finally:
        await client.aclose()
        await services.http.aclose()
        services.db.dispose()


async def test_bad_token_is_refused(env):
    env.store_key = None
    r = await env.call("account.cart.add", body={
        "cart_id": "Shopify", "store_url": "https://demo.myshopify.com/x",
        "shopify_access_token": "wrong"})
    assert r["return_code"] == 107 and "Shopify" in r["return_message"]
    missing = await env.call("account.cart.add", body={"cart_id": "Shopify",
                                                       "store_url": STORE_URL})
    assert missing["return_code"] == 114 and "shopify_access_token" in missing["return_message"]


async def test_paging_1100_products_with_cursors(env):
    seen: list[str] = []
    answer = await env.call("product.list", {"count": 250, "params": "id,name,price"})
    assert answer["result"]["products_count"] == SIZE
    while True:
        assert answer["return_code"] == 0, answer
        seen += [p["id"] for p in answer["result"]["product"]]
        cursor = answer["pagination"]["next"]
        if not cursor:
            break
        # the next page resumes from Shopify's own Link cursor, carried inside AnyCart's
        assert "_page_info" in decode_cursor("product.list", cursor).filters
        answer = await env.call("product.list", {"page_cursor": cursor})
    assert len(seen) == SIZE and len(set(seen)) == SIZE
    assert seen == sorted(seen, key=int)
    # a jump to an arbitrary start walks the ids and lands on the same records
    jump = await env.call("product.list", {"start": 600, "count": 5, "params": "id"})
    assert [p["id"] for p in jump["result"]["product"]] == seen[600:605]


async def test_product_info_add_update_delete(env):
    first = next(iter(sorted(env.shop.data.products)))
    info = await env.call("product.info", {"id": str(first), "params": "force_all"})
    assert info["return_code"] == 0, info
    raw = env.shop.data.products[first]
    assert info["result"]["name"] == raw["title"]
    assert info["result"]["price"] == float(raw["variants"][0]["price"])
    added = await env.call("product.add", body={"name": "AnyCart tee", "sku": "AC-TEE",
                                                "model": "ac-tee", "price": 19.5,
                                                "description": "<p>soft</p>", "quantity": 4})
    assert added["return_code"] == 0, added
    pid = int(added["result"]["product_id"])
    assert env.shop.data.products[pid]["variants"][0]["sku"] == "AC-TEE"
    upd = await env.call("product.update", body={"id": str(pid), "price": 21, "name": "Tee 2"})
    assert upd["return_code"] == 0, upd
    assert env.shop.data.products[pid]["title"] == "Tee 2"
    assert env.shop.data.products[pid]["variants"][0]["price"] == "21.00"
    stock = await env.call("product.update", body={"id": str(pid), "quantity": 9})
    assert stock["return_code"] == 0, stock
    info = await env.call("product.info", {"id": str(pid), "params": "quantity"})
    assert info["result"]["quantity"] == 9
    vid = env.shop.data.products[pid]["variants"][0]["id"]
    v = await env.call("product.variant.update", body={"id": str(vid), "product_id": str(pid),
                                                       "price": 25, "quantity": 2})
    assert v["return_code"] == 0, v
    child = await env.call("product.child_item.info", {"product_id": str(pid), "id": str(vid)})
    assert child["result"]["default_price"] == 25 and child["result"]["inventory_level"] == 2
    gone = await env.call("product.delete", {"id": str(pid)})
    assert gone["return_code"] == 0 and pid not in env.shop.data.products
    again = await env.call("product.info", {"id": str(pid)})
    assert again["return_code"] == 112


async def test_422_is_reported(env):
    blank = await env.call("product.add", body={"name": "x", "sku": "S", "model": "m",
                                                "price": 1, "description": "d"})
    assert blank["return_code"] == 0
    taken = await env.call("customer.add", body={"email": "dup@example.com", "first_name": "A"})
    assert taken["return_code"] == 0, taken
    dup = await env.call("customer.add", body={"email": "dup@example.com", "first_name": "B"})
    assert dup["return_code"] == 113 and "taken" in dup["return_message"]


async def test_categories_customers_orders(env):
    cats = await env.call("category.list", {"count": 50, "params": "id,name"})
    assert cats["return_code"] == 0 and cats["result"]["categories_count"] >= 1
    cid = cats["result"]["category"][0]["id"]
    assert (await env.call("category.info", {"id": cid}))["return_code"] == 0
    made = await env.call("category.add", {"name": "Summer"})
    assert made["return_code"] == 0, made
    customers = await env.call("customer.list", {"count": 5, "params": "force_all"})
    assert customers["return_code"] == 0 and customers["result"]["customer"]
    email = customers["result"]["customer"][0]["email"]
    found = await env.call("customer.find", {"find_value": email})
    assert found["return_code"] == 0 and found["result"]["customer"][0]["email"] == email
    orders = await env.call("order.list", {"count": 3, "params": "force_all"})
    assert orders["return_code"] == 0 and orders["result"]["orders_count"] > 0
    order = orders["result"]["order"][0]
    assert order["order_products"] and order["totals"]["total"] > 0
    info = await env.call("order.info", {"order_id": order["id"], "params": "id,order_id"})
    assert info["result"]["id"] == order["id"]


async def test_shipment_add_and_tracking(env):
    raw = next(o for o in env.shop.data.orders.values()
               if not o.get("fulfillments") and not o.get("cancelled_at"))
    item = raw["line_items"][0]
    r = await env.call("order.shipment.add", body={
        "order_id": str(raw["id"]), "items": [{"order_product_id": str(item["id"]), "quantity": 1}],
        "tracking_numbers": [{"carrier_id": "UPS", "tracking_number": "1Z111"}]})
    assert r["return_code"] == 0, r
    sid = r["result"]["shipment_id"]
    listed = await env.call("order.shipment.list", {"order_id": str(raw["id"])})
    assert sid in [s["id"] for s in listed["result"]["shipment"]]
    t = await env.call("order.shipment.tracking.add", body={
        "order_id": str(raw["id"]), "shipment_id": sid, "tracking_number": "1Z222"})
    assert t["return_code"] == 0, t
    info = await env.call("order.shipment.info", {"order_id": str(raw["id"]), "id": sid})
    numbers = [n["tracking_number"] for n in info["result"]["tracking_numbers"]]
    assert numbers == ["1Z111", "1Z222"]
    bad = await env.call("order.shipment.add", body={
        "order_id": str(raw["id"]), "items": [{"order_product_id": "1", "quantity": 1}]})
    assert bad["return_code"] == 112


async def test_429_never_reaches_the_user(env):
    points = env.sim.graphql.state(env.shop).points
    assert points.take(points.level())  # no points left: the next queries must wait
    answers = await asyncio.gather(*(env.call("product.count") for _ in range(60)))
    assert all(a["return_code"] == 0 for a in answers), [a for a in answers if a["return_code"]][:2]


async def test_native_webhook_registered_pushed_verified_delivered(env):
    from tests.conftest import LiveServer
    from tests.webhooks.receiver import Receiver

    receiver = Receiver()
    with LiveServer(receiver.app) as server:
        r = await env.call("webhook.create", body={"entity": "product", "action": "update",
                                                   "callback": server.url + "/hook",
                                                   "fields": "id,name"})
        assert r["return_code"] == 0, r
        [hook] = list(env.shop.data.webhooks.values())
        assert hook["topic"] == "products/update"
        assert hook["address"].startswith(PUBLIC_URL + "/ingress/")
        pid = next(iter(sorted(env.shop.data.products)))
        upd = await env.call("product.update", body={"id": str(pid), "name": "Pushed name"})
        assert upd["return_code"] == 0
        outcomes = await env.sim.flush_webhooks()
        assert [status for _, _, status in outcomes] == [200], outcomes
        await Worker(env.services).drain()
        [got] = receiver.delivered()
        assert got.json["entity"] == "product" and got.json["action"] == "update"
        assert got.json["data"] == {"id": str(pid), "name": "Pushed name"}


async def test_forged_push_is_refused(env):
    from sqlalchemy import func, select

    from anycart.storage.models import Event

    await env.call("webhook.create", body={"entity": "order", "action": "add",
                                           "callback": "http://127.0.0.1:9/x"})
    address = next(iter(env.shop.data.webhooks.values()))["address"]
    body = json.dumps({"id": 1}).encode()
    r = await env.client.post(address[len(PUBLIC_URL):], content=body,
                              headers={"X-Shopify-Topic": "orders/create",
                                       "X-Shopify-Hmac-Sha256": "Zm9yZ2Vk"})
    assert r.status_code == 401
    with env.services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Event)) == 0


async def _pushed(env, topic: str, record: dict) -> dict:
    """``record`` pushed to the store's ingress as Shopify signs it: the event recorded."""
    from sqlalchemy import select

    from anycart.platforms.kit.push import signature
    from anycart.storage.models import Event

    address = next(iter(env.shop.data.webhooks.values()))["address"]
    body = json.dumps(record).encode()
    r = await env.client.post(address[len(PUBLIC_URL):], content=body, headers={
        "X-Shopify-Topic": topic, "X-Shopify-Hmac-Sha256": signature(SECRET, body).decode()})
    assert r.status_code == 200 and r.json() == {"received": 1}, r.text
    with env.services.db.session() as s:
        event = s.scalars(select(Event).order_by(Event.occurred_at.desc())).first()
        assert event is not None
        return {"entity": event.entity, "action": event.action, "id": event.entity_id,
                "data": event.data}


async def test_a_push_is_re_read_by_its_id_and_carries_the_current_state(tmp_path):
    """What a push carries is not trusted (pushes arrive out of order): the record is read
    again by its id, as ``<entity>.info`` reads it; a deletion carries only its id."""
    async with open_env(tmp_path, 20) as env:
        made = await env.call("webhook.create", body={"entity": "product", "action": "update",
                                                      "callback": "http://127.0.0.1:9/x"})
        assert made["return_code"] == 0, made
        pid = str(next(iter(sorted(env.shop.data.products))))
        upd = await env.call("product.update", body={"id": pid, "name": "Current name"})
        assert upd["return_code"] == 0, upd
        info = (await env.call("product.info", {"id": pid, "params": "force_all"}))["result"]
        stale = {"id": int(pid), "title": "An older name", "variants": []}
        got = await _pushed(env, "products/update", stale)
        assert (got["entity"], got["action"], got["id"]) == ("product", "update", pid)
        assert got["data"] == info and got["data"]["name"] == "Current name"

        cust = str(next(iter(env.shop.data.customers.sorted_keys())))
        got = await _pushed(env, "customers/update", {"id": int(cust), "email": "old@x.example"})
        assert got["data"] == (await env.call("customer.info", {"id": cust, "params": "force_all"}
                                              ))["result"]
        for topic, method, ident in (
                ("collections/update", "category.info",
                 str(env.shop.data.custom_collections.sorted_keys()[0])),
                ("orders/updated", "order.info", str(next(iter(env.shop.data.orders))))):
            got = await _pushed(env, topic, {"id": int(ident), "title": "stale"})
            assert got["data"] == (await env.call(method, {"id": ident, "params": "force_all"})
                                   )["result"], topic
        gone = await _pushed(env, "products/delete", {"id": int(pid)})
        assert (gone["action"], gone["data"]) == ("delete", {"id": pid})
        missing = await _pushed(env, "orders/updated", {"id": 999999999, "note": "x"})
        assert missing["data"] == {"id": "999999999"}  # gone by now: the id it named


async def test_a_fulfillment_push_is_re_read_under_its_order(tmp_path):
    async with open_env(tmp_path, 20) as env:
        await env.call("webhook.create", body={"entity": "shipment", "action": "add",
                                               "callback": "http://127.0.0.1:9/x"})
        raw = next(o for o in env.shop.data.orders.values()
                   if not o.get("fulfillments") and not o.get("cancelled_at"))
        oid, item = str(raw["id"]), raw["line_items"][0]
        made = await env.call("order.shipment.add", body={
            "order_id": oid, "items": [{"order_product_id": str(item["id"]), "quantity": 1}],
            "tracking_numbers": [{"carrier_id": "UPS", "tracking_number": "1Z111"}]})
        sid = made["result"]["shipment_id"]
        got = await _pushed(env, "fulfillments/create", {"id": int(sid), "order_id": int(oid)})
        info = await env.call("order.shipment.info", {"order_id": oid, "id": sid,
                                                      "params": "force_all"})
        assert got["data"] == info["result"]
        assert got["data"]["tracking_numbers"][0]["tracking_number"] == "1Z111"


async def test_carrier_service(env):
    # the vendor's callback answers the test request create sends (tests/shipping: the rest)
    from tests.shipping.vendor import Vendor

    env.services.http.mount("rates.example", Vendor().app())
    r = await env.call("basket.live_shipping_service.create",
                       {"name": "AnyCart rates", "callback": "https://rates.example/rates.php"})
    assert r["return_code"] == 0, r
    made = next(iter(env.shop.data.carrier_services.values()))
    assert (bool(made["active"]), bool(made["service_discovery"])) == (True, True), made
    listed = await env.call("basket.live_shipping_service.list")
    assert [s["name"] for s in listed["result"]["live_shipping_services"]] == ["AnyCart rates"]
    assert [s["callback"] for s in listed["result"]["live_shipping_services"]] == [
        "https://rates.example/rates.php"]
    # Shopify takes one service per store (the FAQ): refused before Shopify is asked
    again = await env.call("basket.live_shipping_service.create",
                           {"name": "AnyCart rates", "callback": "https://rates.example/rates.php"})
    assert again["return_code"] == 109, again
    assert "allows 1 live shipping service" in again["return_message"]
    assert len(env.shop.data.carrier_services) == 1
    gone = await env.call("basket.live_shipping_service.delete", {"id": str(r["result"]["id"])})
    assert gone["return_code"] == 0
