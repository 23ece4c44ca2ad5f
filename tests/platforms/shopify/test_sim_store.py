"""What the Shopify simulator keeps besides the GraphQL surface: failures injected per shop,
webhooks queued, HMAC-signed and retried, the store's record shapes against Shopify's
published fixtures, and a deterministic seed. (Moved from the REST simulator's tests when the
legacy REST Admin API was removed; the same behaviour, reached through GraphQL mutations.)"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from anycart.platforms.shopify.sim_store import SimulatedShops
from anycart.platforms.shopify.simulator import ShopifySimulator

from .test_sim_graphql import SHOP, TOKEN, VERSION, FrozenClock, Gql, clock, gql, sim  # noqa: F401
from .test_sim_graphql_orders import _open_order, fulfil

ANCHOR = datetime(2025, 6, 1, tzinfo=UTC)
SECRET = "secret"  # the shared secret test_sim_graphql's shop is made with
FIXTURES = Path(__file__).parent / "fixtures"
SUBSCRIBE = """mutation ($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
  webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
    webhookSubscription { id } userErrors { field message } } }"""


class Receiver:
    """A webhook endpoint that records deliveries and answers the scripted statuses."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.statuses = list(statuses or [])
        self.got: list[tuple[dict[str, str], bytes]] = []
        self.app = Starlette(routes=[Route("/{path:path}", self._hook, methods=["POST"])])

    async def _hook(self, request: Request) -> JSONResponse:
        self.got.append((dict(request.headers), await request.body()))
        return JSONResponse({}, status_code=self.statuses.pop(0) if self.statuses else 200)


async def _subscribe(gql: Gql, topic: str, uri: str, **more: Any) -> None:
    made = (await gql(SUBSCRIBE, {"topic": topic, "sub": {"uri": uri, "format": "JSON",
                                                           **more}}))["webhookSubscriptionCreate"]
    assert made["userErrors"] == [], made


async def test_injected_failure(gql: Gql) -> None:
    gql.sim.inject_failure(SHOP, status=503, times=2)
    assert (await gql.post("{ shop { name } }")).status_code == 503
    assert (await gql.post("{ shop { name } }")).status_code == 503
    assert (await gql.post("{ shop { name } }")).status_code == 200
    assert gql.sim.requests[503] == 2


async def test_webhooks_queued_signed_and_retried(gql: Gql) -> None:
    receiver = Receiver(statuses=[500])
    gql.sim.callback_client = httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app))
    shop = gql.shop
    for topic in ("PRODUCTS_CREATE", "PRODUCTS_UPDATE", "PRODUCTS_DELETE"):
        await _subscribe(gql, topic, "https://app.example/hooks")
    assert [h["api_version"] for h in shop.data.webhooks.values()] == [VERSION] * 3

    made = (await gql("mutation { productCreate(product: {title: \"Hooked\"}) "
                      "{ product { legacyResourceId } } }"))["productCreate"]["product"]
    pid = int(made["legacyResourceId"])
    assert [d.topic for d in shop.outbox] == ["products/create"]
    first = await gql.sim.flush_webhooks()
    assert first == [("https://app.example/hooks", "products/create", 500)]
    assert len(shop.outbox) == 1  # kept for a retry
    again = await gql.sim.flush_webhooks()
    assert again == [("https://app.example/hooks", "products/create", 200)] and not shop.outbox
    (headers, body), (headers2, _) = receiver.got
    assert headers["x-shopify-webhook-id"] == headers2["x-shopify-webhook-id"]
    assert headers["x-shopify-topic"] == "products/create"
    assert headers["x-shopify-shop-domain"] == SHOP
    assert headers["x-shopify-api-version"] == VERSION
    digest = base64.b64encode(hmac.new(SECRET.encode(), body, hashlib.sha256).digest()).decode()
    assert hmac.compare_digest(headers["x-shopify-hmac-sha256"], digest)
    assert json.loads(body)["id"] == pid

    shop.touch("products", pid)
    await gql("mutation ($id: ID!) { productDelete(input: {id: $id}) { deletedProductId } }",
              {"id": f"gid://shopify/Product/{pid}"})
    await gql.sim.flush_webhooks()
    topics = [(h["x-shopify-topic"], json.loads(b)) for h, b in receiver.got[2:]]
    assert topics[0][0] == "products/update" and topics[0][1]["id"] == pid
    assert topics[1] == ("products/delete", {"id": pid})
    assert await gql.sim.flush_webhooks() == []


async def test_webhook_fields_and_order_topics(gql: Gql) -> None:
    receiver = Receiver()
    gql.sim.callback_client = httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver.app))
    for topic in ("ORDERS_UPDATED", "CUSTOMERS_UPDATE", "COLLECTIONS_UPDATE",
                  "FULFILLMENTS_CREATE", "REFUNDS_CREATE"):
        await _subscribe(gql, topic, f"https://app.example/{topic.lower()}",
                         includeFields=["id", "updated_at"])
    shop = gql.shop
    await fulfil(gql, _open_order(gql))
    cid = shop.data.customers.sorted_keys()[0]
    await gql("mutation ($i: CustomerInput!) { customerUpdate(input: $i) { customer { id } } }",
              {"i": {"id": f"gid://shopify/Customer/{cid}", "note": "vip"}})
    shop.touch("collections", shop.data.custom_collections.sorted_keys()[0])
    outcomes = await gql.sim.flush_webhooks()
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


async def test_records_have_every_fixture_field(clock: FrozenClock) -> None:
    # a shop as big as the REST tests' (the small one has no order with all of these)
    sim = ShopifySimulator(clock=clock)
    sim.shops.add_shop(SHOP, TOKEN, shared_secret=SECRET, size=1200, seed=7, anchor=ANCHOR)
    gql = Gql(sim, clock)
    data = gql.shop.data
    product = next(p for p in data.products.values() if p["variants"][0]["compare_at_price"]
                   and len(p["options"]) > 1 and p["published_at"])
    order = next(o for o in data.orders.values() if o["refunds"] and o["fulfillments"]
                 and o["customer"] and o["discount_codes"])
    customer = next(c for c in data.customers.values() if c["orders_count"]
                    and c["email_marketing_consent"]["state"] == "subscribed")
    await _subscribe(gql, "ORDERS_CREATE", "https://hooks.example/x")
    made = (await gql("mutation ($i: DeliveryCarrierServiceCreateInput!) { carrierServiceCreate("
                      "input: $i) { carrierService { id } userErrors { field message } } }",
                      {"i": {"name": "Rates", "callbackUrl": "https://rates.example/q",
                             "supportsServiceDiscovery": True, "active": True}}))["carrierServiceCreate"]
    assert made["userErrors"] == []
    level_key = next(iter(data.inventory_levels))
    records = {
        "product": product, "order": order, "customer": customer,
        "custom_collection": data.custom_collections.peek(data.custom_collections.sorted_keys()[0]),
        "collect": data.collects.peek(data.collects.sorted_keys()[0]),
        "fulfillment": order["fulfillments"][0], "refund": order["refunds"][0],
        "webhook": data.webhooks.peek(data.webhooks.sorted_keys()[-1]),
        "carrier_service": data.carrier_services.peek(data.carrier_services.sorted_keys()[-1]),
        "inventory_level": data.inventory_levels[level_key],
        "location": data.locations.peek(data.primary_location_id),
    }
    for name, record in records.items():
        fixture = json.loads((FIXTURES / f"{name}.json").read_text())[name]
        assert _same_shape(fixture, record, name) == [], name
    shaped = {"title": "Shaped", "productOptions": [
        {"name": "Size", "position": 1, "values": [{"name": "S"}]},
        {"name": "Color", "position": 2, "values": [{"name": "Red"}]}],
        "variants": [{"optionValues": [{"optionName": "Size", "name": "S"},
                                       {"optionName": "Color", "name": "Red"}],
                      "price": "1", "compareAtPrice": "2", "barcode": "123"}]}
    created = (await gql("mutation ($input: ProductSetInput!) { productSet(input: $input) "
                         "{ product { id legacyResourceId } userErrors { field message } } }",
                         {"input": shaped}))["productSet"]
    assert created["userErrors"] == []
    media = (await gql("mutation ($p: ID!, $m: [CreateMediaInput!]!) { productCreateMedia("
                       "productId: $p, media: $m) { mediaUserErrors { field message } } }",
                       {"p": created["product"]["id"], "m": [
                           {"mediaContentType": "IMAGE", "alt": "A",
                            "originalSource": "https://img.example/a.png"}]}))
    assert media["productCreateMedia"]["mediaUserErrors"] == []
    made_fixture = json.loads((FIXTURES / "product.json").read_text())["product"]
    made = data.products.peek(int(created["product"]["legacyResourceId"]))
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
    clock = FrozenClock()
    big = ShopifySimulator(clock=clock)
    big.shops.add_shop(SHOP, TOKEN, size=20_000, seed=2, anchor=ANCHOR)
    query = ("query ($after: String) { products(first: 250, after: $after) { nodes { id } "
             "pageInfo { hasNextPage endCursor } } }")
    seen: set[str] = set()
    after = None
    for _ in range(10):
        page = (await Gql(big, clock)(query, {"after": after}))["products"]
        assert len(page["nodes"]) == 250 and page["pageInfo"]["hasNextPage"]
        seen.update(n["id"] for n in page["nodes"])
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == 2500
