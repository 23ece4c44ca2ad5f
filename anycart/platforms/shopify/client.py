"""Shopify's GraphQL Admin API client, composed of kit objects (:func:`graphql`): the shop's
host, the API version (settings option ``api_version``), the ``X-Shopify-Access-Token``
header, the shop's cost bucket (planned from each answer's ``extensions.cost``) and Shopify's
HTTP error bodies (``{"errors": ...}``) mapped to contract codes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.errors import ReturnCode
from anycart.platforms.base import PlatformSettings
from anycart.platforms.kit import ErrorMap, HeaderToken, RestClient, Rule, limit_rule
from anycart.platforms.kit.graphql import GraphQL
from anycart.platforms.kit.rest import store_host
from anycart.transport.http import HttpLayer
from anycart.transport.ratelimit import BucketBudget, CostBucket

PLATFORM = "Shopify"
#: The GraphQL Admin API version (a supported one; settings option ``api_version``).
API_VERSION = "2025-10"
PAGE_LIMIT = 250
#: A standard plan's GraphQL cost bucket: 2 000 points, 100 restored a second (the answers'
#: ``extensions.cost.throttleStatus`` corrects it for the shop's own plan at once).
COST_BUDGET = (2000.0, 100.0)
#: The REST Admin API's leaky bucket (40 requests leaking 2/s per app and shop): what the
#: platform's capabilities say of a shop's request budget.
RATE_BUDGET = BucketBudget(capacity=40, leak_per_s=2)

#: The most requests one contract call may spend walking a connection where Shopify offers
#: no narrower way (a jump to a far ``start``). Past it the call is refused, never answered
#: short.
WALK_LIMIT = 200

ERRORS = ErrorMap(PLATFORM, paths=("errors",), not_found_text="Not Found (HTTP 404).", rules=(
    Rule((401, 403), message="{text}. Check store_url and shopify_access_token (and the app's "
                             "access scopes).", default="access denied"),
    limit_rule(PLATFORM),
    Rule(range(500, 600), message="HTTP {status}."),
    Rule(422, ReturnCode.ALREADY_EXISTS, contains="already been taken"),
    Rule(400, ReturnCode.INCORRECT_VALUE),
))


def graphql(http: HttpLayer, store_url: str, credentials: Mapping[str, Any],
            settings: PlatformSettings) -> GraphQL:
    """``/admin/api/<version>/graphql.json``, planned by the shop's cost bucket (one per
    app and shop, its clock from the settings)."""
    # a custom domain works too: the Admin API answers on the shop's own host
    host = store_host(store_url or str(credentials.get("store_url") or ""))
    token = credentials.get("shopify_access_token") or credentials.get("shopify_api_password")
    version = settings.option(PLATFORM, "api_version") or API_VERSION
    bucket = http.limiter("shopify-graphql:" + host, lambda: CostBucket(
        *COST_BUDGET, clock=settings.clock))
    rest = RestClient(http, f"https://{host}/admin/api/{version}/", platform=PLATFORM,
                      auth=HeaderToken("X-Shopify-Access-Token", str(token or "")),
                      limiter=bucket, error_map=ERRORS, headers={"Accept": "application/json"})
    return GraphQL(rest, "graphql.json", page_size=PAGE_LIMIT)

