"""Lists of what Shopify nests in other records cover the whole shop (issue 12, "never
silently drop").

Shopify lists variants only inside products. Without a product id,
``product.child_item.list`` used to read the first 250 products: pages and totals silently
missed everything after them. On a shop of 4 000 products (8 000+ variants), paging through
must give every record exactly once and totals equal to the simulator's own, each further
page for a request or two. (Returns are the Returns API's, listed by the orders named:
``test_returns_gql``.)
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from anycart.methods.paging import decode_cursor
from anycart.platforms.shopify import client as shopify_client
from anycart.platforms.shopify.client import API_VERSION
from tests.platforms.shopify.test_connector import SHOP, TOKEN, env, open_env  # noqa: F401

SIZE = 4000
GRAPHQL = f"/admin/api/{API_VERSION}/graphql.json"
CUSTOMER_CREATE = ("mutation ($input: CustomerInput!) { customerCreate(input: $input) "
                   "{ customer { id } userErrors { field message } } }")


@pytest.fixture
async def big(tmp_path):
    async with open_env(tmp_path, SIZE) as e:
        yield e


def _variants(env) -> list[str]:
    products = env.shop.data.products
    return [str(v["id"]) for k in products.sorted_keys() for v in products[k]["variants"]]


class _Counting:
    """The simulator's app, counting the requests AnyCart sends it."""

    def __init__(self, app: Any) -> None:
        self.app, self.paths = app, []

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            self.paths.append(scope["path"])
        await self.app(scope, receive, send)


def _count_requests(env) -> _Counting:
    counting = _Counting(env.sim.app)
    env.services.http.mount(SHOP, counting)
    return counting


async def _mutate(sim: httpx.AsyncClient, query: str, variables: dict) -> dict:
    """A mutation on the simulator, waiting out its cost bucket (THROTTLED)."""
    while True:
        body = (await sim.post(GRAPHQL, json={"query": query, "variables": variables})).json()
        if not any(e.get("extensions", {}).get("code") == "THROTTLED"
                   for e in body.get("errors", [])):
            return body
        await asyncio.sleep(0.05)


async def _page_through(env, method: str, items_key: str, count: int,
                        params: dict | None = None) -> tuple[list[str], list[int]]:
    """Every id over ``page_cursor`` pages, and the platform requests each page cost."""
    counting = _count_requests(env)
    answer = await env.call(method, {"count": count, **(params or {})})
    seen, costs = [], [len(counting.paths)]
    while True:
        assert answer["return_code"] == 0, answer
        seen += [item["id"] for item in answer["result"][items_key]]
        cursor = answer["pagination"]["next"]
        if not cursor:
            return seen, costs
        # the next page resumes after the connection's end cursor (productVariants)
        assert {"_total", "_page_info"} <= set(decode_cursor(method, cursor).filters)
        before = len(counting.paths)
        answer = await env.call(method, {"page_cursor": cursor})
        costs.append(len(counting.paths) - before)


async def test_child_items_of_every_product_page_by_page(big):
    truth = _variants(big)
    assert len(big.shop.data.products.sorted_keys()) > 250 and len(truth) > 8000
    first = await big.call("product.child_item.list", {"count": 7})
    assert first["result"]["total_count"] == len(truth), first
    assert [c["id"] for c in first["result"]["children"]] == truth[:7]
    # pages end inside products (they have 1, 3 or 4 variants)
    seen, costs = await _page_through(big, "product.child_item.list", "children", 250)
    assert seen == truth  # each once, in product order
    assert max(costs[1:]) <= 2  # a page from the cursor reads from where the last stopped
    # a jump to an arbitrary start lands on the same records, and a cursor from there goes on
    jump = await big.call("product.child_item.list", {"start": 5001, "count": 7})
    assert [c["id"] for c in jump["result"]["children"]] == truth[5001:5008]
    after = await big.call("product.child_item.list", {"page_cursor": jump["pagination"]["next"]})
    assert [c["id"] for c in after["result"]["children"]] == truth[5008:5015]


async def test_a_walk_past_its_bound_is_refused_not_cut_short(big, monkeypatch):
    monkeypatch.setattr(shopify_client, "WALK_LIMIT", 3)  # 750 variants; the shop has 8 000+
    # the total is productVariantsCount's: nothing to walk, every variant counted
    answer = await big.call("product.child_item.list")
    assert answer["return_code"] == 0 and answer["result"]["total_count"] == len(_variants(big))
    # a jump to a start past the bound would walk the ids before it: refused, never cut short
    answer = await big.call("product.child_item.list", {"start": 5001})
    assert answer["return_code"] == 108, answer
    assert "narrow it with" in answer["return_message"]
    # returns are listed by the orders named (Shopify's Returns API has no shop-wide list, as
    # API2Cart says): no walk at all, never a list cut short (test_returns_gql)
    for method in ("return.count", "return.list"):
        assert (await big.call(method))["return_code"] == 114
    assert (await big.call("return.list", {"order_ids": str(
        big.shop.data.orders.sorted_keys()[-1])}))["return_code"] == 0


async def test_a_customers_orders_list_answers_their_total_not_the_page(big):
    orders = big.shop.data.orders
    per: dict[int, list[int]] = {}
    for k in orders.sorted_keys():
        if orders[k]["customer"]:
            per.setdefault(orders[k]["customer"]["id"], []).append(k)
    cid, theirs = max(per.items(), key=lambda kv: len(kv[1]))
    assert len(theirs) >= 3
    listed = await big.call("order.list", {"customer_id": str(cid), "count": 1})
    assert listed["return_code"] == 0, listed
    assert listed["result"]["orders_count"] == len(theirs)
    assert listed["pagination"]["next"]


async def test_finds_answer_every_match_past_250(env):
    """``*.find`` has no paging: every match, not the first page of 250."""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=env.sim.app),
                                 base_url=f"https://{SHOP}",
                                 headers={"X-Shopify-Access-Token": TOKEN}) as sim:
        for i in range(260):
            made = await _mutate(sim, CUSTOMER_CREATE, {"input": {
                "email": f"twin{i}@example.com", "firstName": "Ada", "lastName": "Twinfield"}})
            assert made["data"]["customerCreate"]["userErrors"] == [], made
    found = await env.call("customer.find", {"find_value": "Twinfield",
                                             "find_where": "last_name"})
    assert found["return_code"] == 0, found
    assert found["result"]["customers_count"] == 260
    assert len({c["id"] for c in found["result"]["customer"]}) == 260
