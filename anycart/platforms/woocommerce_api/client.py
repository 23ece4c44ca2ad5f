"""WooCommerce's REST API v3 client (``<store_url>/wp-json/wc/v3/``): HTTP Basic over https,
a one-legged OAuth 1.0a signature over plain http (WooCommerce refuses keys in clear there).
Lists page by ``page``/``per_page`` (at most 100), the total in ``X-WP-Total``; errors are
``{"code", "message", "data": {"status"}}``, their ``code`` deciding the contract code.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from anycart.errors import ReturnCode
from anycart.platforms.base import PlatformSettings
from anycart.platforms.kit import Basic, ErrorMap, OAuth1, RestClient, Rule, limit_rule
from anycart.platforms.kit.pagination import PageNumber
from anycart.platforms.kit.rest import site_url
from anycart.transport.http import HttpLayer

PLATFORM = "WooCommerce"
PAGE_LIMIT = 100
API_PATH = "/wp-json/wc/v3/"


#: ``{"code", "message", "data": {"status"}}``: the rules match WooCommerce's codes.
ERRORS = ErrorMap(PLATFORM, paths=("message",), code_path="code", rules=(
    Rule((401, 403), message="{text}. Check store_url, wc_consumer_key and wc_consumer_secret "
                             "(and the key's read/write permission).", default="access denied"),
    limit_rule(PLATFORM),
    Rule(range(500, 600), message="{text} (HTTP {status}).", default="internal error"),
    Rule(404, default="not found (HTTP 404)."),  # a route the site lacks: its own words
    Rule(400, ReturnCode.ALREADY_EXISTS, contains="exists"), Rule(400, ReturnCode.INCORRECT_VALUE),
))


#: ``page``/``per_page``, the total in ``X-WP-Total`` (each walk takes a copy).
PAGES = PageNumber(page_size=PAGE_LIMIT)


def client(http: HttpLayer, store_url: str, credentials: Mapping[str, Any],
           settings: PlatformSettings) -> RestClient:
    url = site_url(store_url or str(credentials.get("store_url") or ""), API_PATH)  # a folder kept
    key, secret = (str(credentials.get(n) or "") for n in ("wc_consumer_key", "wc_consumer_secret"))
    auth: httpx.Auth = Basic(key, secret) if url.startswith("https://") else OAuth1(
        key, secret, signature_method="HMAC-SHA256")
    return RestClient(http, url, platform=PLATFORM, auth=auth, error_map=ERRORS,
                      headers={"Accept": "application/json"})
