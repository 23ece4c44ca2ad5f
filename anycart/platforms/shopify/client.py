"""Shopify's Admin REST client, composed of kit objects.

The shop's own host (``https://<shop>/admin/api/<version>/``, the version from the
connector's :class:`~anycart.platforms.base.PlatformSettings`, option ``api_version``), the
``X-Shopify-Access-Token`` header, the shop's leaky bucket (40 requests leaking 2/s, synced
from ``X-Shopify-Shop-Api-Call-Limit``; its clock from the settings) and Shopify's error
bodies (``{"errors": ...}``) mapped to contract codes. Lists are id-ordered behind ``Link``
cursors (:class:`~anycart.platforms.kit.idlist.IdList`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.errors import ReturnCode
from anycart.platforms.base import PlatformSettings
from anycart.platforms.kit import ErrorMap, HeaderToken, RestClient, Rule, limit_rule
from anycart.platforms.kit.idlist import IdList
from anycart.transport.http import HttpLayer
from anycart.transport.ratelimit import ClientBucket

from .capabilities import PAGE_LIMIT, RATE_BUDGET
from .credentials import access_token, shop_host

PLATFORM = "Shopify"
API_VERSION = "2024-10"
CALL_LIMIT = "X-Shopify-Shop-Api-Call-Limit"

#: The most list requests (250 records each) one contract call may spend reading a list
#: through where Shopify offers no narrower way: 50 000 records, under two minutes at the
#: shop's 2 requests a second. Past it the call is refused, never answered short.
WALK_LIMIT = 200

ERRORS = ErrorMap(PLATFORM, paths=("errors",), not_found_text="Not Found (HTTP 404).", rules=(
    Rule((401, 403), message="{text}. Check store_url and shopify_access_token (and the app's "
                             "access scopes).", default="access denied"),
    limit_rule(PLATFORM),
    Rule(range(500, 600), message="HTTP {status}."),
    Rule(422, ReturnCode.ALREADY_EXISTS, contains="already been taken"),
    Rule(400, ReturnCode.INCORRECT_VALUE),
))


def client(http: HttpLayer, store_url: str, credentials: Mapping[str, Any],
           settings: PlatformSettings) -> RestClient:
    host = shop_host(store_url or str(credentials.get("store_url") or ""))
    version = settings.option(PLATFORM, "api_version") or API_VERSION
    bucket = http.limiter("shopify:" + host, lambda: ClientBucket(
        RATE_BUDGET, settings.clock, level_header=CALL_LIMIT))
    return RestClient(http, f"https://{host}/admin/api/{version}/", platform=PLATFORM,
                      auth=HeaderToken("X-Shopify-Access-Token", access_token(dict(credentials))),
                      limiter=bucket, error_map=ERRORS, headers={"Accept": "application/json"})


def lists(rest: RestClient) -> IdList:
    return IdList(rest, PAGE_LIMIT, WALK_LIMIT)
