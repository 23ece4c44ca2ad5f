"""Shift4Shop's REST client from the kit: ``<api_urls["3DCart"] or ANYCART_SHIFT4SHOP_API_URL or
apirest.3dcart.com>/3dCartWebAPI/v1/``, headers SecureURL (the store's host), PrivateKey (the
app's) and Token (the merchant's), the store's leaky bucket (50, leaking 2/s). A 404 on a list
is "no records"; writes answer ``[{Key, Value, Status, Message}]`` (a 206 or a failed item:
107). Lists: 1-based ``offset``/``limit`` pages (orders 300, products 200, others 500);
``countonly=1`` answers ``TotalCount``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from anycart.errors import ReturnCode
from anycart.platforms.base import PlatformSettings, platform_error
from anycart.platforms.kit import ErrorMap, RestClient, Rule, limit_rule
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.outcomes import ItemStatus
from anycart.platforms.kit.pagination import Offset
from anycart.platforms.kit.rest import store_host
from anycart.transport.http import HttpLayer
from anycart.transport.ratelimit import BucketBudget

API_URL_ENV = "ANYCART_SHIFT4SHOP_API_URL"
#: Environment variable holding the private key of this server's Shift4Shop app (3DCartApi).
PRIVATE_KEY_ENV = "ANYCART_SHIFT4SHOP_PRIVATE_KEY"
DEFAULT_API_URL = "https://apirest.3dcart.com"
PATH_PREFIX = "/3dCartWebAPI/v1/"
PLATFORM = "Shift4Shop"
RATE_BUDGET = BucketBudget(capacity=50, leak_per_s=2)
#: Most records one GET may return, per Shift4Shop resource (path name, lower case).
BATCH_LIMITS: dict[str, int] = {"products": 200, "orders": 300}

ERRORS = ErrorMap(PLATFORM, paths=("Message", "message", "error"), empty=frozenset({404}), rules=(
    Rule((401, 403), message="{text} Check store_url (SecureURL), the private key and the token.",
         default="Authorization has been denied for this request."),
    Rule(415, message="Unsupported media type (HTTP 415)."),
    limit_rule(PLATFORM),
    Rule(range(500, 600), default="internal server error (HTTP {status})."),
    Rule(400, ReturnCode.INCORRECT_VALUE, "{text} Check the filter values.", read=True,
         default="the request was invalid for the service (HTTP 400)."),
    Rule(400, default="the request was invalid for the service (HTTP 400)."),
))


def auth_headers(cart_id: str, store_url: str, credentials: Mapping[str, Any]) -> dict[str, str]:
    if cart_id == "3DCartApi":
        if not (private_key := os.environ.get(PRIVATE_KEY_ENV)):
            raise platform_error(PLATFORM, f"this AnyCart server has no Shift4Shop app private "
                                           f"key: set {PRIVATE_KEY_ENV} to use cart_id 3DCartApi.")
        token = credentials.get("3dcartapi_api_key")
    else:
        private_key, token = credentials.get("3dcart_private_key"), credentials.get("3dcart_access_token")
    return {"SecureURL": store_host(store_url), "PrivateKey": str(private_key or ""),
            "Token": str(token or "")}


def client(http: HttpLayer, cart_id: str, store_url: str, credentials: Mapping[str, Any],
           settings: PlatformSettings) -> RestClient:
    store_url = store_url or str(credentials.get("store_url") or "")
    base = settings.api_url(cart_id, "3DCart", default=os.environ.get(API_URL_ENV) or DEFAULT_API_URL)
    return RestClient(
        http, base + PATH_PREFIX, platform=PLATFORM, error_map=ERRORS, booleans=("1", "0"),
        limiter=http.bucket("shift4shop:" + store_url.lower(), RATE_BUDGET, settings.clock),
        outcomes=ItemStatus(PLATFORM),
        headers={**auth_headers(cart_id, store_url, credentials),
                 "Accept": "application/json", "Content-Type": "application/json"})


def records(rest: RestClient, entity: Entity) -> RestBackend:
    """An entity's records: GET by id answers a list of one, ids are numbers, creates POST
    an array."""
    size = BATCH_LIMITS.get(entity.path.split("/", 1)[0].lower(), 500)
    return RestBackend(rest, entity, Offset(base=1, page_size=size), count_query={"countonly": 1},
                       count_field="TotalCount", numeric_ids=True, batch=True)

