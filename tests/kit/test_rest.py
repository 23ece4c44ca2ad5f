"""RestClient against a small Starlette platform mounted on an HttpLayer: auth on every
request, the store's limiter, the error map, list walks by paginator (GET and GraphQL)."""

from __future__ import annotations

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from anycart.errors import ApiError
from anycart.platforms.kit import BearerRefresh, ErrorMap, HeaderToken, RestClient, Rule
from anycart.platforms.kit.pagination import BodyCursor, Offset
from anycart.transport.http import HttpLayer, PlatformUnavailable, RetryPolicy
from anycart.transport.ratelimit import BucketBudget, ClientBucket

HOST = "api.platform.example"
PRODUCTS = [{"id": i, "name": f"P{i}"} for i in range(1, 12)]


def platform(log: list[str]) -> Starlette:
    def authorized(request: Request) -> bool:
        log.append(f"{request.method} {request.url.path}?{request.url.query}")
        return request.headers.get("x-token") == "secret"

    async def products(request: Request) -> Response:
        if not authorized(request):
            return JSONResponse({"message": "bad token"}, 401)
        if request.method == "POST":
            return JSONResponse({"id": 99, **(await request.json())}, 201)
        q = request.query_params
        if q.get("active") not in (None, "1"):
            return JSONResponse({"message": "active is 1 or nothing"}, 400)
        first = int(q.get("offset", "0"))
        rows = PRODUCTS[first:first + int(q.get("limit", "100"))]
        return JSONResponse(rows) if rows else JSONResponse([], 404)  # Shift4Shop: none is 404

    async def product(request: Request) -> Response:
        authorized(request)
        ident = int(request.path_params["id"])
        found = [p for p in PRODUCTS if p["id"] == ident]
        return JSONResponse(found[0]) if found else JSONResponse({"message": "no"}, 404)

    async def graphql(request: Request) -> Response:
        authorized(request)
        variables = (await request.json())["variables"]
        at, first = int(variables.get("after") or 0), variables["first"]
        nodes = PRODUCTS[at:at + first]
        return JSONResponse({"data": {"products": {"nodes": nodes, "pageInfo": {
            "endCursor": str(at + len(nodes)), "hasNextPage": at + len(nodes) < len(PRODUCTS)}}}})

    async def broken(request: Request) -> Response:
        authorized(request)
        return JSONResponse({"message": "boom"}, 500)

    return Starlette(routes=[Route("/v1/products", products, methods=["GET", "POST"]),
                             Route("/v1/products/{id}", product),
                             Route("/graphql", graphql, methods=["POST"]),
                             Route("/v1/broken", broken, methods=["GET", "POST"])])


@pytest.fixture
def layer_and_log():
    log: list[str] = []
    layer = HttpLayer(retry=RetryPolicy(attempts=2, base_delay_s=0.001, max_delay_s=0.001))
    layer.mount(HOST, platform(log))
    return layer, log


def client(layer: HttpLayer, **kw) -> RestClient:
    return RestClient(layer, f"https://{HOST}/v1/", platform="Acme",
                      auth=HeaderToken("X-Token", kw.pop("token", "secret")),
                      error_map=ErrorMap("Acme", paths=("message",), empty=frozenset({404}),
                                         rules=[Rule(400, 109, read=True)]),
                      headers={"Accept": "application/json"}, booleans=("1", "0"), **kw)


async def test_request_authenticates_limits_and_maps_errors(layer_and_log):
    layer, log = layer_and_log
    bucket = ClientBucket(BucketBudget(capacity=40, leak_per_s=2))
    rest = client(layer, limiter=bucket)
    assert (await rest.get_json("products/3", entity="Product", ident=3)) == PRODUCTS[2]
    assert bucket.level > 0.5  # the request went through the store's bucket
    created = await rest.request("POST", "products", json={"name": "New"})
    assert created.status_code == 201 and created.json()["id"] == 99
    with pytest.raises(ApiError) as missing:
        await rest.get_json("products/50", entity="Product", ident=50)
    assert (missing.value.code, missing.value.message) == (112, "Product with id 50 not found")
    with pytest.raises(ApiError) as bad:
        await rest.get_json("products", params={"active": False})  # booleans as 1/0: "0"
    assert (bad.value.code, bad.value.message) == (109, "Acme error message: active is 1 or nothing")
    assert log[-1] == "GET /v1/products?active=0"
    with pytest.raises(ApiError) as denied:
        await client(layer, token="wrong").get_json("products")
    assert denied.value.code == 107 and denied.value.message == "Acme error message: bad token"
    allowed = await rest.request("GET", "products/50", allow={404})
    assert allowed.status_code == 404


async def test_a_write_that_failed_on_the_platform_is_not_repeated(layer_and_log):
    layer, log = layer_and_log
    rest = client(layer)
    with pytest.raises(PlatformUnavailable, match="not sent again"):
        await rest.request("POST", "broken", json={})
    assert log == ["POST /v1/broken?"]
    with pytest.raises(ApiError, match="Acme error message: boom"):  # a read: retried, then mapped
        await rest.get_json("broken")
    assert log[1:] == ["GET /v1/broken?"] * 2


async def test_pages_walk_by_paginator_until_count_or_the_end(layer_and_log):
    layer, log = layer_and_log
    rest = client(layer)
    pages = [page async for page in rest.pages("products", Offset(page_size=4), {"active": True},
                                               start=2, count=7)]
    assert [[p["id"] for p in page] for page in pages] == [[3, 4, 5, 6], [7, 8, 9]]
    assert log == ["GET /v1/products?active=1&offset=2&limit=4",
                   "GET /v1/products?active=1&offset=6&limit=3"]
    # All of them by name; the platform's 404 past the end is the end of the list, not an error.
    every = [p["id"] async for page in rest.pages("products", "offset") for p in page]
    assert every == [p["id"] for p in PRODUCTS]
    beyond = [page async for page in rest.pages("products", "offset", start=40)]
    assert beyond == []
    before = len(log)
    assert [page async for page in rest.pages("products", "offset", count=0)] == []
    assert len(log) == before  # nothing wanted, nothing asked


async def test_pages_of_a_graphql_query(layer_and_log):
    layer, log = layer_and_log
    rest = client(layer)
    cursor = BodyCursor(records="data.products.nodes", page_size=5,
                        cursor_path="data.products.pageInfo.endCursor",
                        more_path="data.products.pageInfo.hasNextPage")
    pages = [page async for page in rest.pages(f"https://{HOST}/graphql", cursor,
                                               query="query($first:Int!,$after:String){...}")]
    assert [len(p) for p in pages] == [5, 5, 1] and log.count("POST /graphql?") == 3


def test_no_settings_are_shared_between_clients():
    layer = HttpLayer()
    a = RestClient(layer, "https://a.example/api", platform="A", headers={"X": "1"})
    b = RestClient(layer, "https://b.example/api/", platform="B")
    assert (a.url("p"), b.url("/p")) == ("https://a.example/api/p", "https://b.example/api/p")
    assert a.url("https://c.example/x") == "https://c.example/x"
    assert b.headers == {} and a.error_map.platform == "A" and b.error_map.platform == "B"
    assert isinstance(httpx.URL(a.url("p")), httpx.URL)


async def test_a_refreshed_bearer_is_one_attempt_and_each_send_is_rate_limited():
    """Auth runs under the retry and over the limiter: the 401 and its resend are one
    attempt (a GET is not retried for a 401), each costing a drop of the store's bucket."""
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return httpx.Response(200 if seen[-1] == "Bearer fresh" else 401, json={"ok": True})

    async def refresh() -> str:
        return "fresh"

    layer = HttpLayer(retry=RetryPolicy(attempts=3, base_delay_s=0.001, max_delay_s=0.001))
    layer.mounts[HOST] = httpx.MockTransport(handle)
    bucket = ClientBucket(BucketBudget(capacity=40, leak_per_s=0.001))
    rest = RestClient(layer, f"https://{HOST}/api", platform="Acme",
                      auth=BearerRefresh("stale", refresh), limiter=bucket)
    assert await rest.get_json("me") == {"ok": True}
    assert seen == ["Bearer stale", "Bearer fresh"] and round(bucket.level) == 2
