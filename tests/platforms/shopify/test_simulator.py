"""The Shopify simulator behaves as Shopify's Admin REST API documentation says."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from anycart.platforms.shopify.sim_store import SimulatedShops
from anycart.platforms.shopify.simulator import API_VERSION, ShopifySimulator

SHOP = "demo.myshopify.com"
TOKEN = "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"
SECRET = "shpss_test_shared_secret"
ANCHOR = datetime(2025, 6, 1, tzinfo=UTC)
SIZE = 1200
A = f"/admin/api/{API_VERSION}"
FIXTURES = Path(__file__).parent / "fixtures"


class FrozenClock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


class Receiver:
    """A webhook endpoint that records deliveries and answers the scripted statuses."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.got: list[tuple[dict[str, str], bytes]] = []
        self.app = Starlette(routes=[Route("/{path:path}", self._hook, methods=["POST"])])

    async def _hook(self, request: Request) -> JSONResponse:
        self.got.append((dict(request.headers), await request.body()))
        return JSONResponse({}, status_code=self.statuses.pop(0) if self.statuses else 200)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def sim(clock: FrozenClock) -> ShopifySimulator:
    s = ShopifySimulator(clock=clock)
    s.shops.add_shop(SHOP, TOKEN, shared_secret=SECRET, size=SIZE, seed=7, anchor=ANCHOR)
    return s


@pytest.fixture
async def client(sim: ShopifySimulator):
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{SHOP}",
                                 headers={"X-Shopify-Access-Token": TOKEN}) as c:
        yield c


def _links(response: httpx.Response) -> dict[str, str]:
    out = {}
    for part in filter(None, (response.headers.get("link") or "").split(", ")):
        url, rel = part.split("; ")
        out[rel.split('"')[1]] = url.strip("<>")
    return out


def _rel(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


# -- access ------------------------------------------------------------------------------
async def test_auth_and_unknown_shop(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{A}/products.json", headers={"X-Shopify-Access-Token": "wrong"})
    assert r.status_code == 401
    assert r.json() == {"errors": "[API] Invalid API key or access token "
                                  "(unrecognized login or wrong password)"}
    assert "x-shopify-shop-api-call-limit" not in r.headers
    async with httpx.AsyncClient(transport=client._transport, base_url=f"https://{SHOP}") as bare:
        assert (await bare.get(f"{A}/shop.json")).status_code == 401
    r = await client.get(f"https://other.myshopify.com{A}/shop.json")
    assert r.status_code == 404 and r.json() == {"errors": "Not Found"}
    shop = (await client.get(f"{A}/shop.json")).json()["shop"]
    assert shop["myshopify_domain"] == SHOP and shop["currency"] == "USD"


async def test_versions_and_paths(client: httpx.AsyncClient) -> None:
    for unknown in ("2099-01", "2024-13", "2024-05", "latest"):
        assert (await client.get(f"/admin/api/{unknown}/products.json")).status_code == 404
    old = await client.get("/admin/api/2019-04/shop.json")  # retired: falls forward
    assert old.status_code == 200 and old.headers["x-shopify-api-version"] == "2024-04"
    r = await client.get("/admin/api/2025-01/products/count.json")
    assert r.status_code == 200 and r.headers["x-shopify-api-version"] == "2025-01"
    assert (await client.get(f"{A}/products")).status_code == 404  # no .json
    assert (await client.get(f"{A}/nothing.json")).status_code == 404
    assert (await client.get(f"{A}/products/abc.json")).status_code == 404
    assert (await client.get(f"{A}/products/1.json")).json() == {"errors": "Not Found"}
    assert (await client.delete(f"{A}/locations.json")).status_code == 405


# -- lists -------------------------------------------------------------------------------
async def test_paging_forward_and_back_over_1200_products(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{A}/products.json", params={"limit": 250, "fields": "id,title"})
    pages = [r]
    assert "previous" not in _links(r)
    while "next" in _links(pages[-1]):
        nxt = _links(pages[-1])["next"]
        assert nxt.startswith(f"https://{SHOP}{A}/products.json?limit=250&fields=id,title"
                              "&page_info=")
        pages.append(await client.get(_rel(nxt)))
    ids = [p["id"] for page in pages for p in page.json()["products"]]
    assert len(ids) == SIZE == len(set(ids)) and ids == sorted(ids)
    assert [len(p.json()["products"]) for p in pages] == [250, 250, 250, 250, 200]
    assert set(pages[1].json()["products"][0]) == {"id", "title"}
    back, page = [], pages[-1]
    while "previous" in _links(page):
        page = await client.get(_rel(_links(page)["previous"]))
        back.append([p["id"] for p in page.json()["products"]])
    assert back == [[p["id"] for p in pg.json()["products"]] for pg in reversed(pages[:-1])]
    assert "next" in _links(page)
    default = await client.get(f"{A}/products.json")
    assert len(default.json()["products"]) == 50


async def test_limit_and_page_info_rules(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{A}/products.json", params={"limit": 251})
    assert r.status_code == 400 and "limit" in r.json()["errors"]
    assert (await client.get(f"{A}/products.json", params={"limit": 0})).status_code == 400
    assert (await client.get(f"{A}/orders.json", params={"limit": 250})).status_code == 200
    first = await client.get(f"{A}/products.json", params={"limit": 5, "status": "active"})
    token = parse_qs(urlsplit(_links(first)["next"]).query)["page_info"][0]
    r = await client.get(f"{A}/products.json", params={"page_info": token, "status": "active"})
    assert r.status_code == 400
    assert r.json() == {"errors": {"status": "status cannot be passed when page_info is present. "
                                             "See https://shopify.dev/api/usage/pagination-rest "
                                             "for more information."}}
    ok = await client.get(f"{A}/products.json", params={"page_info": token, "limit": 7,
                                                        "fields": "id,status"})
    assert ok.status_code == 200 and len(ok.json()["products"]) == 7
    assert all(p["status"] == "active" for p in ok.json()["products"])  # filter kept in cursor
    bad = await client.get(f"{A}/products.json", params={"page_info": "not-a-cursor"})
    assert bad.status_code == 400 and bad.json() == {"errors": {"page_info": "Invalid value."}}
    other = await client.get(f"{A}/customers.json", params={"page_info": token})
    assert other.status_code == 400


async def test_product_filters_and_count(client: httpx.AsyncClient, sim) -> None:
    shop = sim.shops.get(SHOP)
    keys = shop.data.products.sorted_keys()
    total = (await client.get(f"{A}/products/count.json")).json()
    assert total == {"count": SIZE}
    r = await client.get(f"{A}/products.json", params={"since_id": keys[9], "limit": 3})
    assert [p["id"] for p in r.json()["products"]] == keys[10:13]
    r = await client.get(f"{A}/products.json", params={"ids": f"{keys[5]},{keys[2]},999"})
    assert [p["id"] for p in r.json()["products"]] == [keys[2], keys[5]]
    sample = shop.data.products.peek(keys[3])
    for name in ("vendor", "product_type", "handle"):
        params = {name: sample[name], "limit": 250}
        got = (await client.get(f"{A}/products.json", params=params)).json()["products"]
        assert got and all(p[name] == sample[name] for p in got)
        count = (await client.get(f"{A}/products/count.json", params={name: sample[name]})).json()
        listed = []
        page = await client.get(f"{A}/products.json", params=params)
        while True:
            listed += page.json()["products"]
            if "next" not in _links(page):
                break
            page = await client.get(_rel(_links(page)["next"]))
        assert count["count"] == len(listed)
    drafts = (await client.get(f"{A}/products.json", params={"status": "draft,archived",
                                                             "limit": 250})).json()["products"]
    assert drafts and all(p["status"] in ("draft", "archived") for p in drafts)
    assert (await client.get(f"{A}/products.json", params={"status": "gone"})).status_code == 400
    mid = shop.data.products.peek(keys[600])["created_at"]
    older = (await client.get(f"{A}/products/count.json", params={"created_at_max": mid})).json()
    newer = (await client.get(f"{A}/products/count.json", params={"created_at_min": mid})).json()
    assert older["count"] + newer["count"] == SIZE + 1
    r = await client.get(f"{A}/products.json", params={"updated_at_min": "2025-05-01T00:00:00Z"})
    assert all(p["updated_at"] >= "2025-04-30" for p in r.json()["products"])
    bad = await client.get(f"{A}/products.json", params={"created_at_min": "yesterday"})
    assert bad.status_code == 400 and "created_at_min" in bad.json()["errors"]
    collection = next(c for c in shop.data.custom_collections.values() if c["title"] == "Kitchen")
    members = (await client.get(f"{A}/products.json", params={"collection_id": collection["id"],
                                                              "limit": 250})).json()["products"]
    assert members and all(p["product_type"] == "Kitchen" for p in members)


async def test_fields_on_list_and_single(client: httpx.AsyncClient) -> None:
    r = await client.get(f"{A}/customers.json", params={"fields": "id,email", "limit": 3})
    assert [set(c) for c in r.json()["customers"]] == [{"id", "email"}] * 3
    cid = r.json()["customers"][0]["id"]
    one = (await client.get(f"{A}/customers/{cid}.json", params={"fields": "id,first_name"}))
    assert set(one.json()["customer"]) == {"id", "first_name"}


async def test_order_status_filters(client: httpx.AsyncClient, sim) -> None:
    orders = list(sim.shops.get(SHOP).data.orders.values())
    count = lambda **p: client.get(f"{A}/orders/count.json", params=p)  # noqa: E731
    assert (await count(status="any")).json()["count"] == len(orders)
    open_n = sum(1 for o in orders if not o["closed_at"] and not o["cancelled_at"])
    assert (await count()).json()["count"] == open_n  # open is the default
    assert (await count(status="cancelled")).json()["count"] == \
        sum(1 for o in orders if o["cancelled_at"])
    assert (await count(status="closed")).json()["count"] == sum(1 for o in orders if o["closed_at"])
    refunded = await client.get(f"{A}/orders.json", params={"status": "any", "limit": 250,
                                                             "financial_status": "refunded"})
    assert refunded.json()["orders"]
    assert all(o["financial_status"] == "refunded" for o in refunded.json()["orders"])
    shipped = await client.get(f"{A}/orders.json", params={"status": "any",
                                                            "fulfillment_status": "shipped"})
    assert all(o["fulfillment_status"] == "fulfilled" for o in shipped.json()["orders"])
    assert (await count(status="bogus")).status_code == 400
    first = orders[0]
    assert first["name"] == "#1001" and first["order_number"] == 1001


async def test_customer_search_and_nested_lists(client: httpx.AsyncClient, sim) -> None:
    shop = sim.shops.get(SHOP)
    customer = next(c for c in shop.data.customers.values() if c["orders_count"] > 1)
    r = await client.get(f"{A}/customers/search.json",
                         params={"query": f"email:{customer['email'].upper()}"})
    assert [c["id"] for c in r.json()["customers"]] == [customer["id"]]
    r = await client.get(f"{A}/customers/search.json",
                         params={"query": f"{customer['first_name']} {customer['last_name']}"})
    assert customer["id"] in [c["id"] for c in r.json()["customers"]]
    addresses = (await client.get(f"{A}/customers/{customer['id']}/addresses.json")).json()
    assert addresses["addresses"][0]["default"] is True
    own = await client.get(f"{A}/customers/{customer['id']}/orders.json",
                           params={"status": "any"})
    assert len(own.json()["orders"]) == customer["orders_count"]
    assert {o["customer"]["id"] for o in own.json()["orders"]} == {customer["id"]}
    pid = shop.data.products.sorted_keys()[0]
    variants = (await client.get(f"{A}/products/{pid}/variants.json")).json()["variants"]
    n = (await client.get(f"{A}/products/{pid}/variants/count.json")).json()["count"]
    assert len(variants) == n >= 1
    one = (await client.get(f"{A}/variants/{variants[0]['id']}.json")).json()["variant"]
    assert one == variants[0] and isinstance(one["price"], str)
    levels = await client.get(f"{A}/inventory_levels.json",
                              params={"inventory_item_ids": one["inventory_item_id"]})
    assert levels.json()["inventory_levels"][0]["available"] == one["inventory_quantity"]
    assert (await client.get(f"{A}/inventory_levels.json")).status_code == 422
    item = (await client.get(f"{A}/inventory_items/{one['inventory_item_id']}.json")).json()
    assert item["inventory_item"]["sku"] == one["sku"]
    locations = (await client.get(f"{A}/locations.json")).json()["locations"]
    assert len(locations) == 2


# -- writes ------------------------------------------------------------------------------
async def test_product_create_update_delete(client: httpx.AsyncClient, sim) -> None:
    shop = sim.shops.get(SHOP)
    body = {"product": {"title": "Trail Mug", "vendor": "Acme", "tags": "b, a, A",
                        "options": [{"name": "Color"}],
                        "variants": [{"option1": "Red", "price": 12.5, "sku": "MUG-R",
                                      "inventory_quantity": 7},
                                     {"option1": "Blue", "price": "13", "sku": "MUG-B"}]}}
    r = await client.post(f"{A}/products.json", json=body)
    assert r.status_code == 201, r.text
    p = r.json()["product"]
    assert p["handle"] == "trail-mug" and p["tags"] == "a, b" and p["status"] == "active"
    assert [v["price"] for v in p["variants"]] == ["12.50", "13.00"]
    assert p["options"][0]["values"] == ["Red", "Blue"]
    assert shop.data.products[p["id"]]["variants"][0]["inventory_quantity"] == 7
    level = shop.data.inventory_levels[(p["variants"][0]["inventory_item_id"],
                                        shop.data.primary_location_id)]
    assert level["available"] == 7
    again = await client.post(f"{A}/products.json", json={"product": {"title": "Trail Mug"}})
    assert again.json()["product"]["handle"] == "trail-mug-1"
    assert again.json()["product"]["variants"][0]["title"] == "Default Title"
    upd = await client.put(f"{A}/products/{p['id']}.json",
                           json={"product": {"id": p["id"], "title": "Trail Mug 2"}})
    assert upd.status_code == 200 and upd.json()["product"]["title"] == "Trail Mug 2"
    assert upd.json()["product"]["updated_at"] > p["updated_at"]
    upd2 = await client.put(f"{A}/products/{p['id']}.json", json={"product": {"status": "draft"}})
    assert upd2.json()["product"]["updated_at"] > upd.json()["product"]["updated_at"]
    v = p["variants"][1]
    r = await client.put(f"{A}/variants/{v['id']}.json", json={"variant": {"price": "15.00"}})
    assert r.status_code == 200 and r.json()["variant"]["price"] == "15.00"
    r = await client.put(f"{A}/variants/{v['id']}.json",
                         json={"variant": {"inventory_quantity": 3}})
    assert r.status_code == 400 and "Inventory Levels API" in r.json()["error"]
    r = await client.delete(f"{A}/products/{p['id']}.json")
    assert r.status_code == 200 and r.json() == {}
    assert (await client.get(f"{A}/products/{p['id']}.json")).status_code == 404
    assert (await client.delete(f"{A}/products/{p['id']}.json")).status_code == 404
    assert (level["inventory_item_id"], level["location_id"]) not in shop.data.inventory_levels


async def test_write_errors(client: httpx.AsyncClient) -> None:
    r = await client.post(f"{A}/products.json", json={"product": {"body_html": "x"}})
    assert r.status_code == 422 and r.json() == {"errors": {"title": ["can't be blank"]}}
    r = await client.post(f"{A}/products.json",
                          json={"product": {"title": "X", "variants": [{"price": "abc"}]}})
    assert r.status_code == 422 and r.json()["errors"]["price"] == ["is not a number"]
    r = await client.post(f"{A}/products.json", json={"product": {"title": "X", "status": "live"}})
    assert r.json()["errors"] == {"status": ["is not included in the list"]}
    r = await client.post(f"{A}/products.json", json={"product": {
        "title": "X", "variants": [{"option1": "A"}, {"option1": "A"}]}})
    assert r.status_code == 422 and "already exists" in r.json()["errors"]["base"][0]
    r = await client.post(f"{A}/products.json", json={"title": "unwrapped"})
    assert r.status_code == 400
    assert r.json() == {"errors": {"product": "Required parameter missing or invalid"}}
    r = await client.post(f"{A}/products.json", content=b"{oops",
                          headers={"Content-Type": "application/json"})
    assert r.status_code == 400
    r = await client.post(f"{A}/products.json", content=b"title=x",
                          headers={"Content-Type": "text/plain"})
    assert r.status_code == 400
    r = await client.post(f"{A}/customers.json", json={"customer": {"note": "nobody"}})
    assert r.status_code == 422 and "base" in r.json()["errors"]


async def test_customers_email_taken_and_addresses(client: httpx.AsyncClient) -> None:
    body = {"customer": {"first_name": "Ada", "email": "Ada@Example.com", "phone": "(503) 555-0101",
                         "addresses": [{"address1": "1 Main", "city": "Portland",
                                        "province_code": "OR", "country_code": "US"}]}}
    r = await client.post(f"{A}/customers.json", json=body)
    assert r.status_code == 201
    c = r.json()["customer"]
    assert c["email"] == "ada@example.com" and c["phone"] == "+15035550101"
    assert c["default_address"]["province"] == "Oregon" and c["default_address"]["default"]
    dup = await client.post(f"{A}/customers.json", json={"customer": {"email": "ada@example.com"}})
    assert dup.status_code == 422
    assert dup.json() == {"errors": {"email": ["has already been taken"]}}
    bad = await client.post(f"{A}/customers.json", json={"customer": {"email": "no-at-sign"}})
    assert bad.json() == {"errors": {"email": ["is invalid"]}}
    added = await client.post(f"{A}/customers/{c['id']}/addresses.json",
                              json={"address": {"address1": "2 Side", "city": "Salem"}})
    assert added.status_code == 201
    aid = added.json()["customer_address"]["id"]
    r = await client.put(f"{A}/customers/{c['id']}/addresses/{aid}/default.json")
    assert r.json()["customer_address"]["default"] is True
    first = c["addresses"][0]["id"]
    assert (await client.delete(f"{A}/customers/{c['id']}/addresses/{first}.json")).status_code == 200
    refused = await client.delete(f"{A}/customers/{c['id']}/addresses/{aid}.json")
    assert refused.status_code == 422
    assert (await client.delete(f"{A}/customers/{c['id']}.json")).status_code == 200


async def test_inventory_set_and_adjust(client: httpx.AsyncClient, sim) -> None:
    shop = sim.shops.get(SHOP)
    pid = shop.data.products.sorted_keys()[4]
    v = shop.data.products.peek(pid)["variants"][0]
    body = {"location_id": shop.data.primary_location_id,
            "inventory_item_id": v["inventory_item_id"], "available": 33}
    r = await client.post(f"{A}/inventory_levels/set.json", json=body)
    assert r.status_code == 200 and r.json()["inventory_level"]["available"] == 33
    other = shop.data.locations.sorted_keys()[1]
    r = await client.post(f"{A}/inventory_levels/set.json", json={**body, "location_id": other,
                                                                  "available": 5})
    r = await client.post(f"{A}/inventory_levels/adjust.json", json={
        "location_id": other, "inventory_item_id": v["inventory_item_id"],
        "available_adjustment": -2})
    assert r.json()["inventory_level"]["available"] == 3
    variant = (await client.get(f"{A}/variants/{v['id']}.json")).json()["variant"]
    assert variant["inventory_quantity"] == 36
    missing = await client.post(f"{A}/inventory_levels/set.json",
                                json={**body, "inventory_item_id": 12345})
    assert missing.status_code == 422


async def test_order_fulfillment_and_refund(client: httpx.AsyncClient, sim) -> None:
    shop = sim.shops.get(SHOP)
    product = shop.data.products.peek(shop.data.products.sorted_keys()[0])
    v = product["variants"][0]
    r = await client.post(f"{A}/orders.json", json={"order": {
        "email": "buyer@example.com", "line_items": [{"variant_id": v["id"], "quantity": 2}],
        "shipping_lines": [{"title": "Standard", "price": "5.00"}]}})
    assert r.status_code == 201, r.text
    o = r.json()["order"]
    assert o["name"] == f"#{1000 + SIZE + 1}" and o["line_items"][0]["sku"] == v["sku"]
    assert o["total_price"] == f"{float(v['price']) * 2 + 5:.2f}"
    assert o["customer"]["email"] == "buyer@example.com"  # created from the order's e-mail
    li = o["line_items"][0]
    f = await client.post(f"{A}/orders/{o['id']}/fulfillments.json", json={"fulfillment": {
        "line_items": [{"id": li["id"], "quantity": 1}], "tracking_number": "1Z999",
        "tracking_company": "UPS"}})
    assert f.status_code == 201, f.text
    fj = f.json()["fulfillment"]
    assert fj["tracking_numbers"] == ["1Z999"] and "ups.com" in fj["tracking_urls"][0]
    assert (await client.get(f"{A}/orders/{o['id']}.json")).json()["order"][
        "fulfillment_status"] == "partial"
    too_many = await client.post(f"{A}/orders/{o['id']}/fulfillments.json", json={
        "fulfillment": {"line_items": [{"id": li["id"], "quantity": 5}]}})
    assert too_many.status_code == 422
    upd = await client.put(f"{A}/orders/{o['id']}/fulfillments/{fj['id']}.json", json={
        "fulfillment": {"tracking_numbers": ["1Z999", "1Z111"]}})
    assert upd.json()["fulfillment"]["tracking_numbers"] == ["1Z999", "1Z111"]
    tr = await client.post(f"{A}/fulfillments/{fj['id']}/update_tracking.json", json={
        "fulfillment": {"tracking_info": {"number": "9400", "company": "USPS"}}})
    assert tr.json()["fulfillment"]["tracking_company"] == "USPS"
    rest = await client.post(f"{A}/orders/{o['id']}/fulfillments.json",
                             json={"fulfillment": {}})
    assert rest.status_code == 201
    order = (await client.get(f"{A}/orders/{o['id']}.json")).json()["order"]
    assert order["fulfillment_status"] == "fulfilled" and len(order["fulfillments"]) == 2
    refund = await client.post(f"{A}/orders/{o['id']}/refunds.json", json={"refund": {
        "refund_line_items": [{"line_item_id": li["id"], "quantity": 1,
                               "restock_type": "return"}]}})
    assert refund.status_code == 201, refund.text
    assert refund.json()["refund"]["transactions"][0]["amount"] == v["price"]
    order = (await client.get(f"{A}/orders/{o['id']}.json")).json()["order"]
    assert order["financial_status"] == "partially_refunded"
    listed = (await client.get(f"{A}/orders/{o['id']}/refunds.json")).json()["refunds"]
    assert [x["id"] for x in listed] == [refund.json()["refund"]["id"]]
    cancel = await client.post(f"{A}/orders/{o['id']}/cancel.json", json={})
    assert cancel.status_code == 422  # fulfilled orders cannot be cancelled
    closed = await client.post(f"{A}/orders/{o['id']}/close.json", json={})
    assert closed.json()["order"]["closed_at"]
    bad = await client.post(f"{A}/orders.json", json={"order": {"line_items": []}})
    assert bad.status_code == 422 and "line_items" in bad.json()["errors"]


async def test_collections_and_collects(client: httpx.AsyncClient, sim) -> None:
    shop = sim.shops.get(SHOP)
    pids = shop.data.products.sorted_keys()[:3]
    r = await client.post(f"{A}/custom_collections.json", json={"custom_collection": {
        "title": "Staff Picks", "collects": [{"product_id": pids[0]}, {"product_id": pids[1]}]}})
    assert r.status_code == 201, r.text
    cid = r.json()["custom_collection"]["id"]
    listed = (await client.get(f"{A}/products.json", params={"collection_id": cid})).json()
    assert [p["id"] for p in listed["products"]] == pids[:2]
    c = await client.post(f"{A}/collects.json", json={"collect": {"collection_id": cid,
                                                                  "product_id": pids[2]}})
    assert c.status_code == 201 and c.json()["collect"]["position"] == 3
    dup = await client.post(f"{A}/collects.json", json={"collect": {"collection_id": cid,
                                                                    "product_id": pids[2]}})
    assert dup.status_code == 422
    mine = (await client.get(f"{A}/collects.json", params={"collection_id": cid})).json()
    assert len(mine["collects"]) == 3
    assert (await client.delete(f"{A}/collects/{c.json()['collect']['id']}.json")).status_code == 200
    assert (await client.post(f"{A}/custom_collections.json",
                              json={"custom_collection": {"title": ""}})).status_code == 422
    assert (await client.delete(f"{A}/custom_collections/{cid}.json")).status_code == 200
    left = (await client.get(f"{A}/collects/count.json", params={"collection_id": cid})).json()
    assert left == {"count": 0}


async def test_carrier_service_once_per_name(client: httpx.AsyncClient) -> None:
    body = {"carrier_service": {"name": "AnyCart Rates", "callback_url": "https://r.example/q",
                                "service_discovery": True}}
    first = await client.post(f"{A}/carrier_services.json", json=body)
    assert first.status_code == 201
    assert first.json()["carrier_service"]["carrier_service_type"] == "api"
    second = await client.post(f"{A}/carrier_services.json", json=body)
    assert second.status_code == 422
    assert second.json() == {"errors": {"base": ["AnyCart Rates is already configured"]}}
    other = await client.post(f"{A}/carrier_services.json", json={"carrier_service": {
        "name": "Other", "callback_url": "https://r.example/2"}})
    assert other.status_code == 201
    sid = first.json()["carrier_service"]["id"]
    assert (await client.delete(f"{A}/carrier_services/{sid}.json")).status_code == 200
    assert (await client.post(f"{A}/carrier_services.json", json=body)).status_code == 201
    blank = await client.post(f"{A}/carrier_services.json", json={"carrier_service": {}})
    assert set(blank.json()["errors"]) == {"name", "callback_url"}


# -- rate limit and failures -------------------------------------------------------------
async def test_leaky_bucket(client: httpx.AsyncClient, sim, clock: FrozenClock) -> None:
    for i in range(1, 41):
        r = await client.get(f"{A}/shop.json")
        assert r.status_code == 200
        assert r.headers["x-shopify-shop-api-call-limit"] == f"{i}/40"
    r = await client.get(f"{A}/shop.json")
    assert r.status_code == 429
    assert r.headers["retry-after"] == "2.0"
    assert r.headers["x-shopify-shop-api-call-limit"] == "40/40"
    assert r.json() == {"errors": "Exceeded 2 calls per second for api client. Reduce request "
                                  "rates to resume uninterrupted service."}
    clock.t += 1.0  # two requests leak out
    assert (await client.get(f"{A}/shop.json")).status_code == 200
    assert (await client.get(f"{A}/shop.json")).status_code == 200
    assert (await client.get(f"{A}/shop.json")).status_code == 429
    assert sim.requests[429] == 2 and sim.requests[200] == 42
    clock.t += 10.0
    r = await client.get(f"{A}/shop.json")
    assert r.headers["x-shopify-shop-api-call-limit"] == "21/40"


async def test_injected_failure(client: httpx.AsyncClient, sim) -> None:
    sim.inject_failure(SHOP, status=503, times=2)
    assert (await client.get(f"{A}/shop.json")).status_code == 503
    assert (await client.get(f"{A}/shop.json")).status_code == 503
    assert (await client.get(f"{A}/shop.json")).status_code == 200


# -- webhooks ----------------------------------------------------------------------------
async def test_webhooks_queued_signed_and_retried(client: httpx.AsyncClient, sim) -> None:
    receiver = Receiver(statuses=[500])
    sim.callback_client = httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app))
    shop = sim.shops.get(SHOP)
    r = await client.post(f"{A}/webhooks.json", json={"webhook": {
        "topic": "products/create", "address": "https://app.example/hooks", "format": "json"}})
    assert r.status_code == 201 and r.json()["webhook"]["api_version"] == API_VERSION
    for topic in ("products/update", "products/delete"):
        await client.post(f"{A}/webhooks.json", json={"webhook": {
            "topic": topic, "address": "https://app.example/hooks"}})
    dup = await client.post(f"{A}/webhooks.json", json={"webhook": {
        "topic": "products/create", "address": "https://app.example/hooks"}})
    assert dup.json() == {"errors": {"address": ["for this topic has already been taken"]}}
    plain = await client.post(f"{A}/webhooks.json", json={"webhook": {
        "topic": "orders/create", "address": "http://app.example/hooks"}})
    assert plain.status_code == 422
    bad = await client.post(f"{A}/webhooks.json", json={"webhook": {
        "topic": "products/explode", "address": "https://app.example/hooks"}})
    assert bad.status_code == 422 and "topic" in bad.json()["errors"]
    assert (await client.get(f"{A}/webhooks/count.json")).json() == {"count": 3}

    created = (await client.post(f"{A}/products.json",
                                 json={"product": {"title": "Hooked"}})).json()["product"]
    assert [d.topic for d in shop.outbox] == ["products/create"]
    first = await sim.flush_webhooks()
    assert first == [("https://app.example/hooks", "products/create", 500)]
    assert len(shop.outbox) == 1  # kept for a retry
    again = await sim.flush_webhooks()
    assert again == [("https://app.example/hooks", "products/create", 200)] and not shop.outbox
    (headers, body), (headers2, _) = receiver.got
    assert headers["x-shopify-webhook-id"] == headers2["x-shopify-webhook-id"]
    assert headers["x-shopify-topic"] == "products/create"
    assert headers["x-shopify-shop-domain"] == SHOP
    assert headers["x-shopify-api-version"] == API_VERSION
    digest = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    assert hmac.compare_digest(headers["x-shopify-hmac-sha256"], digest)
    assert json.loads(body)["id"] == created["id"]

    shop.touch("products", created["id"])
    await client.delete(f"{A}/products/{created['id']}.json")
    await sim.flush_webhooks()
    topics = [(h["x-shopify-topic"], json.loads(b)) for h, b in receiver.got[2:]]
    assert topics[0][0] == "products/update" and topics[0][1]["id"] == created["id"]
    assert topics[1] == ("products/delete", {"id": created["id"]})
    assert await sim.flush_webhooks() == []


async def test_webhook_fields_and_order_topics(client: httpx.AsyncClient, sim) -> None:
    receiver = Receiver()
    sim.callback_client = httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app))
    for topic in ("orders/updated", "customers/update", "collections/update",
                  "fulfillments/create", "refunds/create"):
        await client.post(f"{A}/webhooks.json", json={"webhook": {
            "topic": topic, "address": f"https://app.example/{topic}", "fields": "id,updated_at"}})
    shop = sim.shops.get(SHOP)
    order = next(o for o in shop.data.orders.values() if o["fulfillment_status"] is None
                 and not o["cancelled_at"])
    await client.post(f"{A}/orders/{order['id']}/fulfillments.json", json={"fulfillment": {}})
    await client.put(f"{A}/customers/{shop.data.customers.sorted_keys()[0]}.json",
                     json={"customer": {"note": "vip"}})
    shop.touch("collections", shop.data.custom_collections.sorted_keys()[0])
    outcomes = await sim.flush_webhooks()
    assert sorted(t for _, t, _ in outcomes) == ["collections/update", "customers/update",
                                                  "fulfillments/create", "orders/updated"]
    assert all(set(json.loads(b)) == {"id", "updated_at"} for _, b in receiver.got)


# -- data --------------------------------------------------------------------------------
def _same_shape(fixture: object, record: object, path: str = "") -> list[str]:
    """Fields of ``fixture`` missing from ``record`` or of another JSON type (null in the
    fixture matches anything)."""
    if fixture is None:
        return []
    kinds = {bool: "bool", int: "number", float: "number", str: "str", list: "list",
             dict: "dict", type(None): "null"}
    if kinds[type(fixture)] != kinds[type(record)]:
        return [f"{path}: {kinds[type(fixture)]} != {kinds[type(record)]}"]
    problems = []
    if isinstance(fixture, dict):
        assert isinstance(record, dict)
        for key, value in fixture.items():
            if key not in record:
                problems.append(f"{path}.{key} missing")
            else:
                problems += _same_shape(value, record[key], f"{path}.{key}")
    elif isinstance(fixture, list) and fixture and isinstance(record, list):
        for item in record:
            problems += _same_shape(fixture[0], item, f"{path}[]")
    return problems


async def test_records_have_every_fixture_field(client: httpx.AsyncClient, sim) -> None:
    shop = sim.shops.get(SHOP)
    data = shop.data
    product = next(p for p in data.products.values() if p["variants"][0]["compare_at_price"]
                   and len(p["options"]) > 1 and p["published_at"])
    order = next(o for o in data.orders.values() if o["refunds"] and o["fulfillments"]
                 and o["customer"] and o["discount_codes"])
    customer = next(c for c in data.customers.values() if c["orders_count"]
                    and c["email_marketing_consent"]["state"] == "subscribed")
    hook = (await client.post(f"{A}/webhooks.json", json={"webhook": {
        "topic": "orders/create", "address": "https://hooks.example/x"}})).json()["webhook"]
    carrier = (await client.post(f"{A}/carrier_services.json", json={"carrier_service": {
        "name": "Rates", "callback_url": "https://rates.example/q"}})).json()["carrier_service"]
    made = (await client.post(f"{A}/products.json", json={"product": {
        "title": "Shaped", "images": [{"src": "https://img.example/a.png", "alt": "A"}],
        "options": [{"name": "Size"}, {"name": "Color"}],
        "variants": [{"option1": "S", "option2": "Red", "price": "1", "compare_at_price": "2",
                      "barcode": "123"}]}})).json()["product"]
    level_key = next(iter(data.inventory_levels))
    records = {
        "product": product, "order": order, "customer": customer,
        "custom_collection": data.custom_collections.peek(data.custom_collections.sorted_keys()[0]),
        "collect": data.collects.peek(data.collects.sorted_keys()[0]),
        "fulfillment": order["fulfillments"][0], "refund": order["refunds"][0], "webhook": hook,
        "carrier_service": carrier, "inventory_level": data.inventory_levels[level_key],
        "location": data.locations.peek(data.primary_location_id),
    }
    for name, record in records.items():
        fixture = json.loads((FIXTURES / f"{name}.json").read_text())[name]
        assert _same_shape(fixture, record, name) == [], name
    made_fixture = json.loads((FIXTURES / "product.json").read_text())["product"]
    assert _same_shape(made_fixture, made, "created product") == []


def test_seed_is_deterministic_consistent_and_fast() -> None:
    def make(seed: int, size: int = 300):
        return SimulatedShops().add_shop("a.myshopify.com", "t", size=size, seed=seed,
                                         anchor=ANCHOR)
    a, b, c = make(3), make(3), make(4)
    for table in ("products", "customers", "orders", "collects", "custom_collections"):
        ta, tb = getattr(a.data, table), getattr(b.data, table)
        assert list(ta) == list(tb)
        assert [ta.peek(k) for k in ta.sorted_keys()] == [tb.peek(k) for k in tb.sorted_keys()]
    assert a.data.products.peek(a.data.products.sorted_keys()[0]) != \
        c.data.products.peek(c.data.products.sorted_keys()[0])
    # line items point at real variants; counters add up
    spent: dict[int, int] = {}
    for order in a.data.orders.values():
        for li in order["line_items"]:
            found = a.data.find_variant(li["variant_id"])
            assert found is not None and found[1]["sku"] == li["sku"]
            assert found[1]["price"] == li["price"]
        if order["customer"] and order["financial_status"] != "voided":
            cid = order["customer"]["id"]
            spent[cid] = spent.get(cid, 0) + round(float(order["total_price"]) * 100)
    for cid, total in spent.items():
        assert round(float(a.data.customers[cid]["total_spent"]) * 100) == total
    assert all(col["product_id"] in a.data.products for col in a.data.collects.values())
    big = make(1, 50_000)  # its speed: benchmarks/simulators.py
    assert len(big.data.products) == 50_000 and len(big.data.orders) == 5_000
    assert len(big.data.customers) == 25_000


async def test_big_shop_pages_fully_by_cursor() -> None:
    sim = ShopifySimulator(clock=FrozenClock())
    sim.shops.add_shop(SHOP, TOKEN, size=20_000, seed=2, anchor=ANCHOR)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{SHOP}",
                                 headers={"X-Shopify-Access-Token": TOKEN}) as c:
        r = await c.get(f"{A}/products.json", params={"limit": 250})
        seen = {p["id"] for p in r.json()["products"]}
        for _ in range(9):
            r = await c.get(_rel(_links(r)["next"]))
            assert len(r.json()["products"]) == 250
            seen.update(p["id"] for p in r.json()["products"])
        assert len(seen) == 2500
