"""The Shopify GraphQL Admin API simulator: versions, auth, scopes, cost and throttling, and
product reads with Shopify's connections, cursors and search syntax."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from anycart.platforms.shopify.simulator import ShopifySimulator

SHOP = "demo.myshopify.com"
TOKEN = "shpat_graphql_test_token"
ANCHOR = datetime(2025, 6, 1, tzinfo=UTC)
VERSION = "2025-10"
PATH = f"/admin/api/{VERSION}/graphql.json"


class FrozenClock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t


class Gql:
    """A client for one simulated shop's GraphQL endpoint."""

    def __init__(self, sim: ShopifySimulator, clock: FrozenClock) -> None:
        self.sim, self.clock = sim, clock
        self.http = httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                      base_url=f"https://{SHOP}")

    async def post(self, query: str, variables: dict[str, Any] | None = None, *,
                   token: str = TOKEN, path: str = PATH) -> httpx.Response:
        return await self.http.post(path, json={"query": query, "variables": variables or {}},
                                    headers={"X-Shopify-Access-Token": token})

    async def __call__(self, query: str, variables: dict[str, Any] | None = None,
                       **kw: Any) -> dict[str, Any]:
        """The answer's ``data``; fails on any top-level error."""
        answer = await self.post(query, variables, **kw)
        assert answer.status_code == 200, answer.text
        body: dict[str, Any] = answer.json()
        assert "errors" not in body, body["errors"]
        self.clock.t += 60  # let the bucket refill between steps
        data: dict[str, Any] = body["data"]
        return data

    @property
    def shop(self) -> Any:
        return self.sim.shops.find(SHOP)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def sim(clock: FrozenClock) -> ShopifySimulator:
    s = ShopifySimulator(clock=clock, now=lambda: datetime(2025, 6, 1, 12, tzinfo=UTC))
    s.shops.add_shop(SHOP, TOKEN, shared_secret="secret", size=60, anchor=ANCHOR)
    return s


@pytest.fixture
def gql(sim: ShopifySimulator, clock: FrozenClock) -> Gql:
    return Gql(sim, clock)


PRODUCTS = """query ($first: Int, $after: String, $query: String, $sortKey: ProductSortKeys,
                    $reverse: Boolean) {
  products(first: $first, after: $after, query: $query, sortKey: $sortKey, reverse: $reverse) {
    edges { cursor node { id legacyResourceId title status updatedAt } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}"""


# -- versions and auth ----------------------------------------------------------------------
@pytest.mark.parametrize("asked,served", [("2025-10", "2025-10"), ("2026-10", "2026-10"),
                                          ("2024-04", "2025-10"), ("2025-07", "2025-10"),
                                          ("2027-01", "2027-01"), ("unstable", "unstable")])
async def test_supported_versions_and_fall_forward(gql: Gql, asked: str, served: str) -> None:
    answer = await gql.post("{ shop { name } }", path=f"/admin/api/{asked}/graphql.json")
    assert answer.status_code == 200
    assert answer.headers["X-Shopify-API-Version"] == served


@pytest.mark.parametrize("asked", ["2027-04", "2030-01", "2026-02", "latest"])
async def test_unknown_versions_are_not_found(gql: Gql, asked: str) -> None:
    answer = await gql.post("{ shop { name } }", path=f"/admin/api/{asked}/graphql.json")
    assert answer.status_code == 404
    assert answer.json() == {"errors": "Not Found"}


async def test_a_wrong_token_is_refused(gql: Gql) -> None:
    answer = await gql.post("{ shop { name } }", token="shpat_wrong")
    assert answer.status_code == 401
    assert answer.json() == {"errors": "[API] Invalid API key or access token (unrecognized "
                                       "login or wrong password)"}


async def test_a_body_without_query_is_a_400(gql: Gql) -> None:
    answer = await gql.http.post(PATH, content=b"not json", headers={
        "X-Shopify-Access-Token": TOKEN, "Content-Type": "application/json"})
    assert answer.status_code == 400


async def test_a_missing_scope_is_access_denied(gql: Gql, sim: ShopifySimulator) -> None:
    sim.graphql.grant(SHOP, "shpat_orders_only", {"read_orders"})
    answer = (await gql.post("{ products(first: 1) { nodes { id } } orders(first: 1) "
                             "{ nodes { id } } }", token="shpat_orders_only")).json()
    # products is non-null in Shopify's schema: the denial nulls the whole answer
    assert answer["data"] is None
    err = answer["errors"][0]
    assert err["extensions"]["code"] == "ACCESS_DENIED"
    assert err["path"] == ["products"] and "`read_products`" in err["message"]
    assert (await gql("{ orders(first: 1) { nodes { id } } }", token="shpat_orders_only"))
    # write_ implies read_
    sim.graphql.grant(SHOP, "shpat_writer", {"write_products"})
    assert (await gql("{ products(first: 1) { nodes { id } } }", token="shpat_writer"))


async def test_an_invalid_query_is_answered_with_validation_errors(gql: Gql) -> None:
    body = (await gql.post("{ products(first: 1) { nodes { accepts_marketing } } }")).json()
    assert "data" not in body
    assert "accepts_marketing" in body["errors"][0]["message"]


# -- cost and throttling --------------------------------------------------------------------
async def test_cost_follows_shopify_rules(gql: Gql) -> None:
    body = (await gql.post("{ products(first: 10) { edges { node { id title "
                           "variants(first: 5) { nodes { id sku } } } } } }")).json()
    cost = body["extensions"]["cost"]
    # products: 2 + 10 x (1 + variants: 2 + 5 x 1)
    assert cost["requestedQueryCost"] == 2 + 10 * (1 + 2 + 5)
    returned = body["data"]["products"]["edges"]
    variants = sum(len(e["node"]["variants"]["nodes"]) for e in returned)
    assert cost["actualQueryCost"] == 2 + len(returned) * 3 + variants
    status = cost["throttleStatus"]
    assert status["maximumAvailable"] == 2000 and status["restoreRate"] == 100
    assert status["currentlyAvailable"] == 2000 - cost["actualQueryCost"]
    mutation = (await gql.post('mutation { productDelete(input: {id: "gid://shopify/Product/1"})'
                               " { deletedProductId userErrors { field message } } }")).json()
    assert mutation["extensions"]["cost"]["requestedQueryCost"] == 10


async def test_a_query_above_1000_points_is_refused(gql: Gql) -> None:
    body = (await gql.post("{ products(first: 250) { nodes { id variants(first: 10) "
                           "{ nodes { id } } } } }")).json()
    assert "data" not in body
    assert body["errors"][0]["extensions"]["code"] == "MAX_COST_EXCEEDED"
    assert body["errors"][0]["extensions"]["maxCost"] == 1000


async def test_an_empty_bucket_throttles_then_restores(gql: Gql, clock: FrozenClock) -> None:
    heavy = "{ products(first: 190) { nodes { id variants(first: 2) { nodes { id } } } } }"
    statuses = []
    for _ in range(12):  # the clock stands still: nothing is restored
        body = (await gql.post(heavy)).json()
        statuses.append(body.get("errors", [{}])[0].get("extensions", {}).get("code"))
    assert "THROTTLED" in statuses
    assert gql.sim.graphql.throttled == statuses.count("THROTTLED")
    refused = (await gql.post(heavy)).json()
    assert refused["errors"] == [{"message": "Throttled", "extensions": {
        "code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"}}]
    cost = refused["extensions"]["cost"]
    assert cost["actualQueryCost"] is None
    assert cost["throttleStatus"]["currentlyAvailable"] < cost["requestedQueryCost"]
    need = cost["requestedQueryCost"] - cost["throttleStatus"]["currentlyAvailable"]
    clock.t += need / 100 + 0.01
    assert "data" in (await gql.post(heavy)).json()


@pytest.mark.parametrize("args", ["", "first: 251", "last: 300"])
async def test_connections_need_first_or_last_up_to_250(gql: Gql, args: str) -> None:
    inner = f"({args})" if args else ""
    body = (await gql.post(f"{{ products{inner} {{ nodes {{ id }} }} }}")).json()
    assert body["data"] is None and body["errors"]


# -- products, cursors, search --------------------------------------------------------------
async def test_cursor_paging_reaches_every_product_once(gql: Gql) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = (await gql(PRODUCTS, {"first": 25, "after": after}))["products"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        assert page["pageInfo"]["endCursor"] == page["edges"][-1]["cursor"]
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == len(gql.shop.data.products)
    assert seen[0] == f"gid://shopify/Product/{min(gql.shop.data.products)}"


async def test_last_and_before_page_backwards(gql: Gql) -> None:
    first = (await gql(PRODUCTS, {"first": 10}))["products"]
    back = (await gql("query ($b: String) { products(last: 3, before: $b) { nodes { id } "
                      "pageInfo { hasPreviousPage hasNextPage } } }",
                      {"b": first["edges"][5]["cursor"]}))["products"]
    assert [n["id"] for n in back["nodes"]] == [e["node"]["id"] for e in first["edges"][2:5]]
    assert back["pageInfo"] == {"hasPreviousPage": True, "hasNextPage": True}


async def test_search_by_updated_at_id_and_status(gql: Gql) -> None:
    products = list(gql.shop.data.products.values())
    pivot = sorted(p["updated_at"] for p in products)[len(products) // 2]
    when = datetime.fromisoformat(pivot).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    got = (await gql(PRODUCTS, {"first": 250, "query": f"updated_at:>'{when}'"}))["products"]
    expected = {p["id"] for p in products
                if datetime.fromisoformat(p["updated_at"]) > datetime.fromisoformat(pivot)}
    assert {int(e["node"]["legacyResourceId"]) for e in got["edges"]} == expected
    middle = sorted(gql.shop.data.products)[30]
    by_id = (await gql(PRODUCTS, {"first": 250, "query": f"id:>{middle} AND status:active"}))
    assert {int(e["node"]["legacyResourceId"]) for e in by_id["products"]["edges"]} == {
        p["id"] for p in products if p["id"] > middle and p["status"] == "active"}


async def test_search_or_groups(gql: Gql) -> None:
    products = list(gql.shop.data.products.values())
    got = (await gql(PRODUCTS, {"first": 250, "query": "status:draft OR status:archived"}))
    assert got["products"]["edges"]
    assert {int(e["node"]["legacyResourceId"]) for e in got["products"]["edges"]} == {
        p["id"] for p in products if p["status"] in ("draft", "archived")}


async def test_sort_key_and_reverse(gql: Gql) -> None:
    got = (await gql(PRODUCTS, {"first": 250, "sortKey": "UPDATED_AT", "reverse": True}))
    stamps = [e["node"]["updatedAt"] for e in got["products"]["edges"]]
    assert stamps == sorted(stamps, reverse=True) and len(stamps) == 60
    titles = [e["node"]["title"] for e in (await gql(PRODUCTS, {
        "first": 250, "sortKey": "TITLE"}))["products"]["edges"]]
    assert titles == sorted(titles, key=str.lower)


async def test_a_product_reads_as_the_rest_record(gql: Gql) -> None:
    record = next(p for p in gql.shop.data.products.values() if len(p["variants"]) > 1)
    data = await gql("""query ($id: ID!) { product(id: $id) {
        id title handle vendor productType status tags descriptionHtml totalInventory
        options { name position values optionValues { name hasVariants } }
        variants(first: 100) { nodes { id sku price compareAtPrice inventoryQuantity
          selectedOptions { name value }
          inventoryItem { id tracked measurement { weight { unit value } } } } }
        media(first: 10) { nodes { ... on MediaImage { id image { url } } } }
    } }""", {"id": f"gid://shopify/Product/{record['id']}"})
    p = data["product"]
    assert p["title"] == record["title"] and p["handle"] == record["handle"]
    assert p["status"] == record["status"].upper()
    assert [o["name"] for o in p["options"]] == [o["name"] for o in record["options"]]
    assert [v["sku"] for v in p["variants"]["nodes"]] == [v["sku"] for v in record["variants"]]
    v0, r0 = p["variants"]["nodes"][0], record["variants"][0]
    assert v0["price"] == r0["price"] and v0["inventoryQuantity"] == r0["inventory_quantity"]
    assert v0["inventoryItem"]["id"] == f"gid://shopify/InventoryItem/{r0['inventory_item_id']}"
    assert v0["inventoryItem"]["measurement"]["weight"]["value"] == r0["weight"]
    assert v0["selectedOptions"][0] == {"name": record["options"][0]["name"],
                                        "value": r0["option1"]}
    assert p["totalInventory"] == sum(v["inventory_quantity"] for v in record["variants"])
    assert [m["image"]["url"] for m in p["media"]["nodes"]] == [i["src"] for i in
                                                                record["images"]]


async def test_node_and_nodes_find_objects_by_global_id(gql: Gql) -> None:
    pid = min(gql.shop.data.products)
    cid = min(gql.shop.data.customers)
    data = await gql("query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }",
                     {"ids": [f"gid://shopify/Product/{pid}", f"gid://shopify/Customer/{cid}",
                              "gid://shopify/Product/1"]})
    assert data["nodes"] == [{"__typename": "Product", "id": f"gid://shopify/Product/{pid}"},
                             {"__typename": "Customer", "id": f"gid://shopify/Customer/{cid}"},
                             None]


async def test_counts(gql: Gql) -> None:
    data = await gql('{ productsCount { count precision } active: productsCount(query: '
                     '"status:active") { count } ordersCount(limit: 5) { count precision } }')
    products = gql.shop.data.products.values()
    assert data["productsCount"] == {"count": 60, "precision": "EXACT"}
    assert data["active"]["count"] == sum(p["status"] == "active" for p in products)
    assert data["ordersCount"] == {"count": 5, "precision": "AT_LEAST"}
