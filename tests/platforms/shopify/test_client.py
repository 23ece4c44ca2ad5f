"""Shopify's GraphQL client as declared (``shopify/client.py``): the settings it is built
from, its token header, its cost bucket learning the shop's plan from
``extensions.cost.throttleStatus`` and the error map of Shopify's ``{"errors": ...}`` HTTP
bodies, over ``httpx.MockTransport``."""

from __future__ import annotations

import httpx
import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import PlatformSettings
from anycart.platforms.shopify import client as shopify_client
from anycart.transport.http import HttpLayer, RetryPolicy
from anycart.transport.ratelimit import CostBucket

SHOP = "unit.myshopify.com"


def _http(answer) -> tuple[HttpLayer, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return answer(request)

    http = HttpLayer(retry=RetryPolicy(attempts=1, base_delay_s=0, max_delay_s=0))
    http.mounts[SHOP] = httpx.MockTransport(handler)
    return http, seen


async def test_settings_token_and_the_cost_bucket():
    http, seen = _http(lambda r: httpx.Response(200, json={
        "data": {"shop": {"name": "Unit"}}, "extensions": {"cost": {
            "requestedQueryCost": 2, "actualQueryCost": 1, "throttleStatus": {
                "maximumAvailable": 4000.0, "currentlyAvailable": 1234, "restoreRate": 200.0}}}}))
    settings = PlatformSettings(options={"Shopify": {"api_version": "2026-01"}})
    gql = shopify_client.graphql(http, f"https://{SHOP.upper()}/", {"shopify_api_password": "pw"},
                                 settings)
    assert gql.rest.url(gql.path) == f"https://{SHOP}/admin/api/2026-01/graphql.json"
    assert gql.rest.auth is not None and isinstance(gql.rest.limiter, CostBucket)
    assert (await gql.run("query { shop { name } }"))["shop"]["name"] == "Unit"
    assert seen[0].headers["X-Shopify-Access-Token"] == "pw"  # a private app's password
    assert seen[0].url.path == "/admin/api/2026-01/graphql.json"
    # learnt from throttleStatus: the shop's plan (4 000 points, 200 a second), what is left
    bucket = gql.rest.limiter
    assert (bucket.maximum, bucket.restore_per_s) == (4000.0, 200.0)
    assert 1234 <= bucket.available < 1300
    default = shopify_client.graphql(http, SHOP, {"shopify_access_token": "t"}, PlatformSettings())
    assert default.rest.base_url.endswith("/admin/api/2025-10/")  # a supported version
    assert default.rest.limiter is gql.rest.limiter  # one cost bucket per shop
    await http.aclose()


@pytest.mark.parametrize(("status", "errors", "code", "text"), [
    (401, "[API] Invalid API key or access token", ReturnCode.PLATFORM_ERROR,
     "Shopify error message: [API] Invalid API key or access token. Check store_url"),
    (403, None, ReturnCode.PLATFORM_ERROR, "Shopify error message: access denied. Check"),
    (422, {"handle": ["has already been taken"]}, ReturnCode.ALREADY_EXISTS,
     "Shopify error message: handle has already been taken"),
    (422, {"title": ["can't be blank"], "base": ["x", "y"]}, ReturnCode.PLATFORM_ERROR,
     "Shopify error message: title can't be blank; base x, y"),
    (400, {"page_info": "Invalid value."}, ReturnCode.INCORRECT_VALUE,
     "Shopify error message: page_info Invalid value."),
    (404, "Not Found", ReturnCode.PLATFORM_ERROR, "Shopify error message: Not Found (HTTP 404)."),
    (503, "down", ReturnCode.PLATFORM_ERROR, "Shopify error message: HTTP 503."),
])
async def test_error_bodies_become_contract_errors(status, errors, code, text):
    http, _ = _http(lambda r: httpx.Response(status, json={} if errors is None else
                                             {"errors": errors}))
    gql = shopify_client.graphql(http, SHOP, {"shopify_access_token": "t"}, PlatformSettings())
    with pytest.raises(ApiError) as refused:
        await gql.run("query { shop { name } }")
    assert refused.value.code == code
    assert refused.value.message.startswith(text), refused.value.message
    await http.aclose()


async def test_a_404_naming_a_record_is_112():
    http, _ = _http(lambda r: httpx.Response(404, json={"errors": "Not Found"}))
    gql = shopify_client.graphql(http, SHOP, {"shopify_access_token": "t"}, PlatformSettings())
    with pytest.raises(ApiError) as missing:  # a bulk file or staged target read by the client
        await gql.rest.request("GET", "products/5.json", entity="Product", ident="5")
    assert missing.value.code == ReturnCode.NOT_FOUND and "5" in missing.value.message
    await http.aclose()
