"""A whole-catalog export above ``bulk_threshold`` is one bulk operation (its JSONL read once,
the contract pages served from it); a filtered list, or a catalog below it, is paged."""

from __future__ import annotations

import json

import httpx

from tests.platforms.shopify.test_connector import SHOP, SIZE, env  # noqa: F401


class Queries:
    """The GraphQL operations the shop is sent (by the root field of each)."""

    def __init__(self, app) -> None:
        self.app, self.sent = app, []

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["path"].endswith("/graphql.json"):
            body = b""
            more = True
            while more:
                message = await receive()
                body += message.get("body", b"")
                more = message.get("more_body", False)
            self.sent.append(json.loads(body)["query"])

            async def replay():
                return {"type": "http.request", "body": body, "more_body": False}
            await self.app(scope, replay, send)
            return
        await self.app(scope, receive, send)


async def _all_pages(env, **first) -> list[str]:
    answer = await env.call("product.list", {"count": 250, "params": "id,name,price", **first})
    seen: list[str] = []
    while True:
        assert answer["return_code"] == 0, answer
        seen += [p["id"] for p in answer["result"]["product"]]
        if not answer["pagination"]["next"]:
            return seen
        answer = await env.call("product.list", {"page_cursor": answer["pagination"]["next"]})


async def test_an_export_above_the_threshold_is_one_bulk_operation(env):
    settings = env.services.gateway.platform_settings
    env.services.gateway.platform_settings = settings.merged(
        options={"Shopify": {"bulk_threshold": 1000}})
    meter = Queries(env.services.http.mounts[SHOP].app)
    env.services.http.mounts[SHOP] = httpx.ASGITransport(app=meter)
    seen = await _all_pages(env)
    assert seen == sorted(str(k) for k in env.shop.data.products.sorted_keys())
    assert len(seen) == SIZE
    assert sum("bulkOperationRunQuery" in q for q in meter.sent) == 1
    assert not any("products(first:" in q.replace(" ", "") for q in meter.sent)  # no page read
    meter.sent.clear()  # a look at a few products is paged, not exported
    first = await env.call("product.list", {"count": 3, "params": "id,name,price,quantity"})
    assert not any("bulkOperationRunQuery" in q for q in meter.sent)
    raw = env.shop.data.products[int(first["result"]["product"][0]["id"])]
    assert first["result"]["product"][0]["name"] == raw["title"]
    assert first["result"]["product"][0]["price"] == float(raw["variants"][0]["price"])

    # a filtered list is paged as before, whatever the catalog's size
    meter.sent.clear()
    brand = raw.get("vendor")
    some = await env.call("product.list", {"brand_name": brand, "count": 5, "params": "id"})
    assert some["return_code"] == 0 and some["result"]["product"], some
    assert not any("bulkOperationRunQuery" in q for q in meter.sent)


async def test_below_the_threshold_the_catalog_is_paged(env):
    meter = Queries(env.services.http.mounts[SHOP].app)
    env.services.http.mounts[SHOP] = httpx.ASGITransport(app=meter)
    seen = await _all_pages(env)
    assert len(seen) == SIZE and not any("bulkOperationRunQuery" in q for q in meter.sent)
