"""BigCommerce's REST clients: ``https://api.bigcommerce.com/stores/<hash>/`` ``v3/`` (catalog,
customers, hooks) and ``v2/`` (orders), both with ``X-Auth-Token`` (and ``X-Auth-Client``)
and sharing the store's one request window (``X-Rate-Limit-*`` headers on every answer).
The plan's quota is unknown until a store answers, so the first request goes alone (a
probe); a 429 anyway (another app spending the same quota) waits for the announced reset
and is sent again, never shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.errors import ReturnCode
from anycart.platforms.base import PlatformSettings
from anycart.platforms.kit import ErrorMap, HeaderToken, RestClient, Rule, limit_rule
from anycart.platforms.kit.pagination import PageNumber
from anycart.transport.http import HttpLayer
from anycart.transport.ratelimit import FixedWindow

PLATFORM = "BigCommerce"
CART_ID = "BigcommerceApi"
API_URL = "https://api.bigcommerce.com"
PAGE_LIMIT = 250
#: A Standard plan's window until the store's headers say its own: 150 requests per 30 s.
QUOTA, WINDOW_S = 150, 30.0

#: v3 ``errors`` per field (else its ``title``), v2 ``message`` (a list of them).
ERRORS = ErrorMap(PLATFORM, paths=("errors", "title", "message"), empty=frozenset({204}), rules=(
    Rule((401, 403), message="{text}. Check bigcommerceapi_context (stores/<store hash>) and "
                             "bigcommerceapi_access_token (and the API account's scopes).",
         default="access denied"),
    limit_rule(PLATFORM),
    Rule(range(500, 600), message="{text} (HTTP {status}).", default="internal error"),
    Rule(409, ReturnCode.ALREADY_EXISTS),
    Rule(422, ReturnCode.ALREADY_EXISTS, contains="already"),
    Rule((400, 422), ReturnCode.INCORRECT_VALUE),
))

#: v3: ``page``/``limit``, the total in ``meta.pagination.total``, the records in ``data``.
PAGES = PageNumber(size_param="limit", total_header=None, pages_header=None,
                   total_path="meta.pagination.total", records="data", page_size=PAGE_LIMIT)
#: v2: the same parameters, a bare array (204 past the end), no total.
V2_PAGES = PageNumber(size_param="limit", total_header=None, pages_header=None,
                      page_size=PAGE_LIMIT)


def storefront(credentials: Mapping[str, Any]) -> str:
    """Every store's own storefront domain, ``store-<hash>.mybigcommerce.com``."""
    store_hash = context(credentials).removeprefix("stores/")
    return f"https://store-{store_hash}.mybigcommerce.com" if store_hash else ""


def context(credentials: Mapping[str, Any]) -> str:
    """``stores/<hash>`` as the API path names the store (a bare hash taken too)."""
    text = str(credentials.get("bigcommerceapi_context") or "").strip().strip("/")
    return text if text.startswith("stores/") or not text else "stores/" + text


def client(http: HttpLayer, credentials: Mapping[str, Any], settings: PlatformSettings,
           version: str = "v3") -> RestClient:
    base = settings.api_url(CART_ID, default=API_URL)
    headers = {"Accept": "application/json"}
    if credentials.get("bigcommerceapi_client_id"):
        headers["X-Auth-Client"] = str(credentials["bigcommerceapi_client_id"])
    return RestClient(http, f"{base}/{context(credentials)}/{version}/", platform=PLATFORM,
                      auth=HeaderToken("X-Auth-Token", str(credentials.get(
                          "bigcommerceapi_access_token") or "")),
                      limiter=http.limiter("bigcommerce:" + context(credentials), lambda: FixedWindow(
                          QUOTA, WINDOW_S, settings.clock, probe=True)),  # v2's and v3's one window
                      error_map=ERRORS, headers=headers)
