"""The Shift4Shop connector, driven through the AnyCart HTTP API against the simulator.

The simulator is mounted on the API host (``apirest.3dcart.com``), so nothing touches the
network. Its clock runs 20x faster than real time and the connector's client bucket is
configured with the same clock, so rate-limit tests finish quickly with the real budget shape.
"""

from __future__ import annotations

import asyncio

import httpx
import pytest

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.base import PlatformSettings
from anycart.platforms.kit import named
from anycart.platforms.registry import PlatformRegistry
from anycart.platforms.shift4shop.platform import PLATFORMS
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.services import build_services
from anycart.transport.http import RetryPolicy
from anycart.transport.ratelimit import MonotonicClock
from tests.platforms.gateway_env import GatewayEnv

API_HOST = "apirest.3dcart.com"
STORE_URL = "https://demo-store.3dcartstores.com"
PRIVATE_KEY = "app-private-key-0001"
TOKEN = "merchant-token-0001"
SIZE = 600


class Env(GatewayEnv):
    def __init__(self, sim: Shift4ShopSimulator, services, client: httpx.AsyncClient,
                 api_key: str) -> None:
        super().__init__(sim, services, client, api_key)
        self.store = sim.stores.get(STORE_URL)

    async def connect(self, cart_id: str = "3DCart", **creds) -> dict:
        creds = creds or {"3dcart_private_key": PRIVATE_KEY, "3dcart_access_token": TOKEN}
        answer = await self.call("account.cart.add",
                                 body={"cart_id": cart_id, "store_url": STORE_URL, **creds})
        if answer["return_code"] == 0:
            self.store_key = answer["result"]["store_key"]
        return answer


async def open_env(settings: Settings, *, scale: float = 20, size: int = SIZE, seed: int = 7,
                   env_class: type[Env] = Env) -> Env:
    """The gateway with the simulator mounted on the API host and one seeded store in it.

    The simulator's clock runs ``scale`` times faster than real time; the connector's client
    bucket is given the same clock, so both sides of the leaky bucket keep the same pace."""
    clock = MonotonicClock(scale=scale)
    sim = Shift4ShopSimulator(clock=clock)
    sim.stores.add_store(STORE_URL, PRIVATE_KEY, TOKEN, size=size, seed=seed)
    named.CACHE.clear()
    registry = PlatformRegistry()
    for p in PLATFORMS:
        registry.register(p)
    services = build_services(settings, registry=registry)
    services.gateway.platform_settings = PlatformSettings(clock=clock)
    services.http.retry = RetryPolicy(attempts=5, base_delay_s=0.02, max_delay_s=0.5)
    services.http.mount(API_HOST, sim.app)
    _, api_key = services.repo.create_account("t")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    return env_class(sim, services, client, api_key)


async def close_env(e: Env) -> None:
    await e.client.aclose()
    await e.services.http.aclose()
    e.services.db.dispose()


@pytest.fixture
async def env(tmp_path):
    e = await open_env(Settings(data_dir=tmp_path))
    yield e
    await close_env(e)


@pytest.fixture
async def connected(env):
    answer = await env.connect()
    assert answer["return_code"] == 0, answer
    return env


def spy_platform(env: Env, seen: list[tuple[httpx.URL, int]]) -> None:
    """Note the URL and status of every request that reaches the simulator."""
    inner = env.services.http.mounts[API_HOST]

    class Spy(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            response = await inner.handle_async_request(request)
            seen.append((request.url, response.status_code))
            return response

    env.services.http.mounts[API_HOST] = Spy()


def sim_product(env: Env, pid: int) -> dict:
    return env.store.data.products.get(pid)


# -- connecting ------------------------------------------------------------------------------
async def test_cart_add_verifies_credentials(env):
    bad = await env.connect(**{"3dcart_private_key": PRIVATE_KEY, "3dcart_access_token": "nope"})
    assert bad["return_code"] == 107
    assert "Shift4Shop error message" in bad["return_message"]
    missing = await env.call("account.cart.add", body={"cart_id": "3DCart", "store_url": STORE_URL,
                                                       "3dcart_private_key": PRIVATE_KEY})
    assert missing["return_code"] == 114 and "3dcart_access_token" in missing["return_message"]
    good = await env.connect()
    assert good["return_code"] == 0
    info = await env.call("cart.info")
    assert info["return_code"] == 0 and "demo-store" in info["result"]["url"]


async def test_3dcartapi_uses_server_private_key(env, monkeypatch):
    monkeypatch.delenv("ANYCART_SHIFT4SHOP_PRIVATE_KEY", raising=False)
    unset = await env.connect("3DCartApi", **{"3dcartapi_api_key": TOKEN})
    assert unset["return_code"] == 107 and "ANYCART_SHIFT4SHOP_PRIVATE_KEY" in unset["return_message"]
    monkeypatch.setenv("ANYCART_SHIFT4SHOP_PRIVATE_KEY", "wrong")
    bad = await env.connect("3DCartApi", **{"3dcartapi_api_key": TOKEN})
    assert bad["return_code"] == 107
    monkeypatch.setenv("ANYCART_SHIFT4SHOP_PRIVATE_KEY", PRIVATE_KEY)
    good = await env.connect("3DCartApi", **{"3dcartapi_api_key": TOKEN})
    assert good["return_code"] == 0, good
    r = await env.call("product.count")
    assert r["result"]["products_count"] == SIZE


# -- products ---------------------------------------------------------------------------------
async def test_product_list_info_count(connected):
    env = connected
    r = await env.call("product.list", {"count": 3, "params": "force_all"})
    assert r["return_code"] == 0, r
    products = r["result"]["product"]
    assert r["result"]["products_count"] == SIZE
    assert [p["id"] for p in products] == ["1", "2", "3"]
    raw = sim_product(env, 2)
    p = products[1]
    assert p["name"] == raw["SKUInfo"]["Name"] and p["u_sku"] == raw["SKUInfo"]["SKU"]
    assert p["price"] == raw["SKUInfo"]["Price"] and p["quantity"] == raw["SKUInfo"]["Stock"]
    assert p["categories_ids"] == [str(raw["CategoryList"][0]["CategoryID"])]
    assert p["u_brand"] == raw["ManufacturerName"] and p["avail_view"] is (not raw["Hide"])
    assert p["create_at"]["value"].startswith(raw["DateCreated"][:10])
    assert "GTIN" not in p["additional_fields"] and "WarehouseBin" in p["additional_fields"]

    info = await env.call("product.info", {"id": "2", "params": "id,name,u_sku"})
    assert info["result"] == {"id": "2", "name": raw["SKUInfo"]["Name"],
                              "u_sku": raw["SKUInfo"]["SKU"]}
    missing = await env.call("product.info", {"id": "99999"})
    assert missing["return_code"] == 112
    assert missing["return_message"] == "Product with id 99999 not found"

    count = await env.call("product.count", {"sku": raw["SKUInfo"]["SKU"]})
    assert count["result"]["products_count"] == 1
    cat = raw["CategoryList"][0]["CategoryID"]
    by_cat = await env.call("product.list", {"category_id": str(cat), "count": 50})
    expected = [i for i in env.store.data.products.ids()
                if env.store.data.products.view(i)["CategoryList"][0]["CategoryID"] == cat]
    assert [p["id"] for p in by_cat["result"]["product"]] == [str(i) for i in expected[:50]]
    assert by_cat["result"]["products_count"] == len(expected)
    some = await env.call("product.list", {"product_ids": "5,3,999999"})
    assert [p["id"] for p in some["result"]["product"]] == ["5", "3"]


async def test_paging_with_cursor(connected):
    env = connected
    first = await env.call("product.list", {"count": 7})
    ids = [p["id"] for p in first["result"]["product"]]
    assert ids == [str(i) for i in range(1, 8)]
    assert first["pagination"]["previous"] is None
    second = await env.call("product.list", {"page_cursor": first["pagination"]["next"]})
    assert [p["id"] for p in second["result"]["product"]] == [str(i) for i in range(8, 15)]
    # the last page: no next cursor
    last = await env.call("product.list", {"start": SIZE - 3, "count": 10})
    assert len(last["result"]["product"]) == 3 and last["pagination"]["next"] is None
    past = await env.call("product.list", {"start": SIZE + 10, "count": 10})
    assert past["return_code"] == 0 and past["result"]["product"] == []


async def test_count_250_spans_two_platform_pages(connected):
    env = connected
    seen: list[tuple[httpx.URL, int]] = []
    spy_platform(env, seen)
    r = await env.call("product.list", {"count": 250, "start": 10})
    ids = [p["id"] for p in r["result"]["product"]]
    assert ids == [str(i) for i in range(11, 261)]
    pages = sorted((int(u.params["offset"]), int(u.params["limit"])) for u, _ in seen
                   if "countonly" not in u.params and u.path.endswith("/Products"))
    assert pages == [(11, 200), (211, 50)]
    # beside them only the customer groups' price levels (for group_price), read once
    assert [u.path.rsplit("/", 1)[-1] for u, _ in seen if not u.path.endswith("/Products")] \
        in ([], ["CustomerGroups"])
    nxt = await env.call("product.list", {"page_cursor": r["pagination"]["next"]})
    assert [p["id"] for p in nxt["result"]["product"]][:1] == ["261"]


async def test_product_filters_and_find(connected):
    env = connected
    raw = sim_product(env, 42)
    found = await env.call("product.find", {"find_value": raw["SKUInfo"]["SKU"], "find_where": "sku"})
    assert found["return_code"] == 0 and found["result"]["product"][0]["id"] == "42"
    nothing = await env.call("product.find", {"find_value": "no such thing"})
    assert nothing["return_code"] == 112
    created = raw["DateCreated"]
    since = await env.call("product.count", {"created_from": created.replace("T", " ")})
    expected = sum(1 for p in env.store.data.products.values() if p["DateCreated"] >= created)
    assert since["result"]["products_count"] == expected
    bad = await env.call("product.list", {"created_from": "not a date"})
    assert bad["return_code"] == 109


async def test_product_add_update_delete(connected):
    env = connected
    added = await env.call("product.add", body={"name": "Test Widget", "model": "TW-1",
                                                 "sku": "TW-SKU-1", "description": "<p>x</p>",
                                                 "price": 12.5, "quantity": 4})
    assert added["return_code"] == 0, added
    pid = added["result"]["product_id"]
    raw = sim_product(env, int(pid))
    assert raw["SKUInfo"]["SKU"] == "TW-SKU-1" and raw["MFGID"] == "TW-1"
    dup = await env.call("product.add", body={"name": "Again", "model": "TW-1", "sku": "TW-SKU-1",
                                               "description": "d", "price": 1})
    assert dup["return_code"] == 113
    up = await env.call("product.update", body={"id": pid, "price": 15, "quantity": 9,
                                                 "name": "Renamed"})
    assert up["return_code"] == 0 and up["result"]["updated_items"] == 1
    info = await env.call("product.info", {"id": pid, "params": "force_all"})
    assert info["result"]["price"] == 15 and info["result"]["quantity"] == 9
    assert info["result"]["name"] == "Renamed"
    up_missing = await env.call("product.update", body={"id": "987654", "price": 1})
    assert up_missing["return_code"] == 112
    gone = await env.call("product.delete", {"id": pid})
    assert gone["return_code"] == 0
    again = await env.call("product.info", {"id": pid})
    assert again["return_code"] == 112


async def test_product_add_takes_the_model_as_sku_and_a_visibility_over_the_default(connected):
    env = connected
    added = await env.call("product.add", body={"name": "Hidden", "model": "HID-1",
                                                 "description": "d", "price": 2,
                                                 "visible": "nowhere"})
    assert added["return_code"] == 0, added
    raw = sim_product(env, int(added["result"]["product_id"]))
    assert raw["SKUInfo"]["SKU"] == "HID-1" and raw["MFGID"] == "HID-1" and raw["Hide"] is True
    again = await env.call("product.add", body={"name": "Same", "model": "HID-1",
                                                 "description": "d", "price": 2})
    assert again["return_code"] == 113  # the SKU taken from the model is unique too
    clash = await env.call("product.update", body={"id": added["result"]["product_id"],
                                                    "available_for_view": True,
                                                    "visible": "nowhere"})
    assert clash["return_code"] == 109 and "visible" in clash["return_message"], clash


async def test_manufacturer_add_links_product(connected):
    env = connected
    r = await env.call("product.manufacturer.add", {"manufacturer": "New Brand", "product_id": "3"})
    assert r["return_code"] == 0, r
    info = await env.call("product.info", {"id": "3", "params": "u_brand,u_brand_id"})
    assert info["result"] == {"u_brand": "New Brand", "u_brand_id": r["result"]["manufacturer_id"]}


# -- categories, customers -------------------------------------------------------------------
async def test_categories(connected):
    env = connected
    lst = await env.call("category.list", {"count": 5, "params": "force_all"})
    assert lst["return_code"] == 0 and lst["result"]["categories_count"] == len(env.store.data.categories)
    assert lst["result"]["category"][0]["name"] == env.store.data.categories.get(1)["CategoryName"]
    added = await env.call("category.add", {"name": "Clearance", "parent_id": "1"})
    cid = added["result"]["category_id"]
    info = await env.call("category.info", {"id": cid, "params": "force_all"})
    assert info["result"]["name"] == "Clearance" and info["result"]["parent_id"] == "1"
    up = await env.call("category.update", {"id": cid, "name": "Sale"})
    assert up["return_code"] == 0
    found = await env.call("category.find", {"find_value": "Sale"})
    assert [c["id"] for c in found["result"]["category"]] == [cid]
    children = await env.call("category.count", {"parent_id": "1"})
    assert children["result"]["categories_count"] >= 1
    deleted = await env.call("category.delete", {"id": cid})
    assert deleted["return_code"] == 0
    assert (await env.call("category.info", {"id": cid}))["return_code"] == 112


async def test_customers(connected):
    env = connected
    raw = env.store.data.customers.get(3)
    lst = await env.call("customer.list", {"count": 3, "params": "force_all"})
    assert lst["result"]["customers_count"] == SIZE // 2
    c = lst["result"]["customer"][2]
    assert c["email"] == raw["Email"] and c["first_name"] == raw["BillingFirstName"]
    assert c["address_book"][0]["city"] == raw["BillingCity"]
    found = await env.call("customer.find", {"find_value": raw["Email"]})
    assert found["result"]["customer"][0]["id"] == "3"
    added = await env.call("customer.add", body={"email": "new.buyer@example.com",
                                                  "first_name": "New", "last_name": "Buyer"})
    assert added["return_code"] == 0, added
    cid = added["result"]["customer_id"]
    dup = await env.call("customer.add", body={"email": "new.buyer@example.com"})
    assert dup["return_code"] == 113
    addr = await env.call("customer.address.add", body={
        "customer_id": cid, "address1": "1 Test Rd", "city": "Austin", "country": "US",
        "postcode": "73301", "types": ["shipping"]})
    assert addr["return_code"] == 0, addr
    info = await env.call("customer.info", {"id": cid, "params": "force_all"})
    assert any(a["city"] == "Austin" and a["type"] == "shipping"
               for a in info["result"]["address_book"])
    up = await env.call("customer.update", body={"id": cid, "last_name": "Changed"})
    assert up["return_code"] == 0
    assert (await env.call("customer.delete", {"id": cid}))["return_code"] == 0
    assert (await env.call("customer.info", {"id": cid}))["return_code"] == 112
    groups = await env.call("customer.group.list")
    assert groups["result"]["group_count"] == 4
    g = await env.call("customer.group.add", {"name": "Partners"})
    assert g["return_code"] == 0 and g["result"]["group_id"]


# -- orders, shipments, returns ---------------------------------------------------------------
async def test_orders(connected):
    env = connected
    raw = env.store.data.orders.get(5)
    statuses = await env.call("order.status.list")
    names = {s["id"]: s["name"] for s in statuses["result"]["cart_order_statuses"]}
    assert names["4"] == "Shipped"
    info = await env.call("order.info", {"order_id": "5", "params": "force_all"})
    o = info["result"]
    assert o["status"] == {"id": str(raw["OrderStatusID"]), "name": names[str(raw["OrderStatusID"])]}
    assert o["billing_address"]["first_name"] == raw["BillingFirstName"]
    assert o["totals"]["total"] == raw["OrderAmount"]
    assert len(o["order_products"]) == len(raw["OrderItemList"])
    assert o["shipping_address"]["city"] == raw["ShipmentList"][0]["ShipmentCity"]
    assert (await env.call("order.info", {"order_id": "999999"}))["return_code"] == 112

    shipped = [i for i in env.store.data.orders.ids()
               if env.store.data.orders.view(i)["OrderStatusID"] == 4]
    by_status = await env.call("order.list", {"order_status": "Shipped", "count": 20})
    assert by_status["result"]["orders_count"] == len(shipped)
    assert [x["order_id"] for x in by_status["result"]["order"]] == [str(i) for i in shipped[:20]]
    new = [i for i in env.store.data.orders.ids()
           if env.store.data.orders.view(i)["OrderStatusID"] in (1, 4)]
    both = await env.call("order.list", {"order_status_ids": "1,4", "count": 30, "start": 5})
    assert [x["order_id"] for x in both["result"]["order"]] == [str(i) for i in new[5:35]]
    assert both["result"]["orders_count"] == len(new)
    cnt = await env.call("order.count", {"customer_id": str(raw["CustomerID"])})
    assert cnt["result"]["orders_count"] >= 1

    up = await env.call("order.update", {"order_id": "5", "order_status": "Hold"})
    assert up["return_code"] == 0
    assert env.store.data.orders.get(5)["OrderStatusID"] == 6

    added = await env.call("order.add", body={
        "order_status": "New", "customer_email": raw["BillingEmail"],
        "bill_first_name": "A", "bill_last_name": "B", "bill_address_1": "1 St",
        "bill_city": "Miami", "bill_state": "FL", "bill_postcode": "33101", "bill_country": "US",
        "order_item": [{"order_item_id": "1", "order_item_name": "Thing", "order_item_model": "T1",
                        "order_item_price": 10, "order_item_quantity": 2}]})
    assert added["return_code"] == 0, added
    buyer = next((c for c in env.store.data.customers.values()
                  if str(c.get("Email")).lower() == str(raw["BillingEmail"]).lower()), None)
    assert added["result"]["id"] == added["result"]["order_id"]
    assert buyer is not None and added["result"]["customer_id"] == str(buyer["CustomerID"])
    guest = await env.call("order.add", body={
        "order_status": "New", "customer_email": raw["BillingEmail"], "is_guest": True,
        "bill_first_name": "A", "bill_last_name": "B", "bill_address_1": "1 St",
        "bill_city": "Miami", "bill_state": "FL", "bill_postcode": "33101", "bill_country": "US",
        "order_item": [{"order_item_id": "1", "order_item_name": "Thing", "order_item_price": 1,
                        "order_item_quantity": 1}]})
    assert guest["return_code"] == 0 and "customer_id" not in guest["result"], guest
    new_order = await env.call("order.info", {"order_id": added["result"]["order_id"],
                                              "params": "force_all"})
    assert new_order["result"]["order_products"][0]["quantity"] == 2
    tx = await env.call("order.transaction.list", {"order_ids": "5"})
    assert tx["return_code"] == 0 and tx["result"]["transactions_count"] == 1


async def test_shipments(connected):
    env = connected
    oid = next(i for i in env.store.data.orders.ids()
               if env.store.data.orders.view(i)["OrderStatusID"] == 1)
    raw = env.store.data.orders.get(oid)
    lst = await env.call("order.shipment.list", {"order_id": str(oid)})
    assert lst["return_code"] == 0, lst
    assert [s["id"] for s in lst["result"]["shipment"]] == [str(raw["ShipmentList"][0]["ShipmentID"])]
    added = await env.call("order.shipment.add", body={
        "order_id": str(oid), "shipment_provider": "UPS",
        "tracking_numbers": [{"carrier_id": "ups", "tracking_number": "1ZTEST"}]})
    assert added["return_code"] == 0, added
    sid = added["result"]["shipment_id"]
    tr = await env.call("order.shipment.tracking.add", body={"order_id": str(oid), "shipment_id": sid,
                                                              "tracking_number": "1ZMORE"})
    assert tr["return_code"] == 0, tr
    info = await env.call("order.shipment.info", {"order_id": str(oid), "id": sid})
    assert [t["tracking_number"] for t in info["result"]["tracking_numbers"]] == ["1ZTEST", "1ZMORE"]
    item = raw["OrderItemList"][0]
    second = await env.call("order.shipment.add", body={
        "order_id": str(oid), "items": [{"order_product_id": str(item["ItemIndexID"]), "quantity": 1}],
        "tracking_numbers": [{"tracking_number": "SECOND"}]})
    assert second["return_code"] == 0, second
    info2 = await env.call("order.shipment.info", {"order_id": str(oid),
                                                   "id": second["result"]["shipment_id"],
                                                   "params": "force_all"})
    assert [i["order_product_id"] for i in info2["result"]["items"]] == [str(item["ItemIndexID"])]
    up = await env.call("order.shipment.update", body={"order_id": str(oid), "shipment_id": sid,
                                                        "tracking_numbers": [{"tracking_number": "X9"}]})
    assert up["return_code"] == 0
    missing = await env.call("order.shipment.info", {"order_id": str(oid), "id": "999999"})
    assert missing["return_code"] == 112


async def test_a_new_shipment_takes_the_first_ones_address_not_its_stamp(connected):
    """A shipment added with lines is a new one, to the first one's address (every Shipment*
    address key and its email), but not its ShipmentLastUpdate: the first one's change is not
    the new one's (copied before: the address keys were prefixes, "ShipmentLast" taking it)."""
    env = connected
    oid = next(i for i in env.store.data.orders.ids()
               if env.store.data.orders.view(i)["OrderStatusID"] == 1)
    raw = env.store.data.orders.get(oid)
    first = dict(raw["ShipmentList"][0])
    first_stamp = first["ShipmentLastUpdate"]
    item = raw["OrderItemList"][0]
    added = await env.call("order.shipment.add", body={
        "order_id": str(oid), "items": [{"order_product_id": str(item["ItemIndexID"]), "quantity": 1}]})
    assert added["return_code"] == 0, added
    new = next(x for x in env.store.data.orders.get(oid)["ShipmentList"]
               if str(x["ShipmentID"]) == added["result"]["shipment_id"])
    for key in ("ShipmentFirstName", "ShipmentLastName", "ShipmentAddress", "ShipmentAddress2",
                "ShipmentCity", "ShipmentState", "ShipmentZipCode", "ShipmentCountry",
                "ShipmentCompany", "ShipmentPhone", "ShipmentEmail"):
        assert new.get(key) == first.get(key), key
    assert first_stamp and new.get("ShipmentLastUpdate") != first_stamp


async def test_returns(connected):
    env = connected
    rmas = list(env.store.data.rmas.values())
    assert rmas
    lst = await env.call("return.list", {"count": 5})
    assert lst["return_code"] == 0 and lst["result"]["total_count"] == len(rmas)
    info = await env.call("return.info", {"id": str(rmas[0]["RMAID"]), "params": "force_all"})
    assert info["result"]["order_id"] == str(rmas[0]["OrderID"])
    assert info["result"]["order_products"][0]["product_id"] == str(rmas[0]["RMAItemList"][0]["CatalogID"])
    by_order = await env.call("return.count", {"order_ids": str(rmas[0]["OrderID"])})
    assert by_order["result"]["returns_count"] == 1
    st = await env.call("return.status.list")
    assert st["return_code"] == 0 and st["result"]["return_statuses"]
    assert (await env.call("return.info", {"id": "99999"}))["return_code"] == 112


# -- resilience -------------------------------------------------------------------------------
async def test_injected_500_is_retried(connected):
    env = connected
    env.sim.inject_failure(env.store, 500, times=2)
    r = await env.call("product.info", {"id": "1"})
    assert r["return_code"] == 0
    env.sim.inject_failure(env.store, 500, times=10)
    r = await env.call("product.info", {"id": "1"})
    assert r["return_code"] in (106, 107) and r["result"] == {}
    env.store.failures.clear()


async def test_429_storm_never_reaches_the_user(connected):
    env = connected
    seen: list[tuple[httpx.URL, int]] = []
    spy_platform(env, seen)
    # Someone else (another app of the merchant) keeps the shared bucket empty until the
    # platform has pushed back once (whatever the machine's load: a slow event loop would
    # otherwise let the 20x clock refill the bucket as fast as the calls go out).

    async def other_app() -> None:
        while 429 not in [status for _, status in seen]:
            while env.store.bucket.try_acquire():
                pass
            await asyncio.sleep(0)

    drainer = asyncio.create_task(other_app())
    answers = await asyncio.gather(*(env.call("product.info", {"id": str(i % 50 + 1)})
                                     for i in range(120)))
    drainer.cancel()
    assert all(a["return_code"] == 0 for a in answers), [a for a in answers if a["return_code"]][:2]
    assert 429 in [status for _, status in seen]  # the platform did push back, and the user never saw it


async def test_update_keeps_flags_it_was_not_given(connected):
    env = connected
    assert (await env.call("product.update", body={"id": "4", "available_for_view": False}))[
        "return_code"] == 0
    assert sim_product(env, 4)["Hide"] is True
    # product.update's contract default avail=true must not unhide it
    assert (await env.call("product.update", body={"id": "4", "price": 3}))["return_code"] == 0
    assert sim_product(env, 4)["Hide"] is True and sim_product(env, 4)["SKUInfo"]["Price"] == 3
    hidden = await env.call("product.list", {"avail_view": "false", "params": "id,avail_view",
                                             "count": 250})
    assert {"id": "4", "avail_view": False} in hidden["result"]["product"]


async def test_order_by_invoice_number_and_date_bounds(connected):
    env = connected
    raw = env.store.data.orders.get(7)
    invoice = f"{raw['InvoiceNumberPrefix']}{raw['InvoiceNumber']}"
    info = await env.call("order.info", {"order_id": invoice, "params": "id,order_id"})
    assert info["result"] == {"id": "7", "order_id": "7"}
    day = raw["OrderDate"][:10]
    upto = await env.call("order.count", {"created_to": day})
    expected = sum(1 for o in env.store.data.orders.values() if o["OrderDate"][:10] <= day)
    assert upto["result"]["orders_count"] == expected


async def test_client_maps_206_and_400(connected):
    from anycart.errors import ApiError
    from anycart.platforms.shift4shop.client import client

    env = connected
    c = client(env.services.http, "3DCart", STORE_URL,
               {"3dcart_private_key": PRIVATE_KEY, "3dcart_access_token": TOKEN},
               env.services.gateway.platform_settings)
    with pytest.raises(ApiError) as partial:
        await c.request("PUT", "Products", json=[{"SKUInfo": {"CatalogID": 1, "Price": 9}},
                                                 {"SKUInfo": {"CatalogID": 987654, "Price": 9}}])
    assert partial.value.code == 107 and "987654" in partial.value.message
    with pytest.raises(ApiError) as bad:
        await c.request("PUT", "Products/1", json={"SKUInfo": {"Price": "abc"}})
    assert bad.value.code == 107 and bad.value.message.startswith("Shift4Shop error message")
    with pytest.raises(ApiError) as bad_filter:
        await c.request("GET", "Products", params={"pricefrom": "cheap"})
    assert bad_filter.value.code == 109
    unknown_item = await env.call("order.shipment.add", body={
        "order_id": "1", "items": [{"order_product_id": "99999999", "quantity": 1}]})
    assert unknown_item["return_code"] == 112


async def test_paging_past_the_end_is_an_empty_page(connected):
    """Shift4Shop answers 404 past the last record; through AnyCart that is an empty page."""
    env = connected
    past = await env.call("product.list", {"start": SIZE + 5, "count": 10})
    assert past["return_code"] == 0, past
    assert past["result"]["product"] == [] and past["result"]["products_count"] == SIZE
    assert past["pagination"]["next"] is None
    customers = await env.call("customer.list", {"start": 100000})
    assert customers["return_code"] == 0 and customers["result"]["customer"] == []


async def test_product_image_add_and_update(connected):
    env = connected
    added = await env.call("product.image.add", body={
        "product_id": "3", "image_name": "https://cdn.example/p3.jpg", "type": "additional",
        "label": "front"})
    assert added["return_code"] == 0, added
    image_id = added["result"]["id"]
    r = await env.call("product.image.update", {"product_id": "3", "id": str(image_id),
                                                "label": "back", "position": "4"})
    assert r["return_code"] == 0, r
    [image] = [i for i in sim_product(env, 3)["ImageGalleryList"]
               if str(i["ImageGalleryID"]) == str(image_id)]
    assert image["ImageGalleryCaption"] == "back" and image["ImageGallerySorting"] == 4
    assert image["ImageGalleryFile"] == "https://cdn.example/p3.jpg"
    missing = await env.call("product.image.update", {"product_id": "3", "id": "999999",
                                                      "label": "x"})
    assert missing["return_code"] == 112
    nothing = await env.call("product.image.update", {"product_id": "3", "id": str(image_id)})
    assert nothing["return_code"] == 110
    gone = await env.call("product.image.delete", {"product_id": "3", "id": str(image_id)})
    assert gone["return_code"] == 120  # the REST API has no DELETE for images
