"""Magento 2's REST API client, composed of kit objects: ``<store_url>/rest/<store code>/V1/``,
one client per store view code (``all``, the global scope, when a call names none). An
integration's token is sent OAuth 1.0a-signed with its consumer key and secrets (the only way
Magento 2.4.4+ takes it by default), else as a bearer. Lists page by ``searchCriteria``, at
most 300 a page (Magento sets no cap, its admin grids stop at 200-300). Errors come as
``{"message": "... %1 ...", "parameters": [...]}``: the placeholders are filled in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import httpx

from anycart.errors import ReturnCode
from anycart.platforms.base import PlatformSettings
from anycart.platforms.kit import ErrorMap, HeaderToken, OAuth1, RestClient, Rule, limit_rule
from anycart.platforms.kit.module_routes import ModuleRoute
from anycart.platforms.kit.pagination import SearchCriteria
from anycart.platforms.kit.rest import site_url
from anycart.transport.http import HttpLayer

PLATFORM = "Magento"
PAGE_LIMIT = 300
#: The scope of a call naming no store view: global values, every website's records.
ALL = "all"

#: ``%1``, ``%fieldName``: a placeholder of Magento's message, filled from ``parameters``.
_PLACEHOLDER = re.compile(r"%(\w+)")


def message(response: httpx.Response) -> str:
    """Magento's message with its ``parameters`` put in (a list by number from 1, an object
    by name); a body that is not Magento's JSON is its text."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:300]
    if not isinstance(body, dict):
        return str(body)[:300]
    params = body.get("parameters") or {}
    named = {str(i + 1): v for i, v in enumerate(params)} if isinstance(params, list) else params
    return _PLACEHOLDER.sub(lambda m: str(named.get(m.group(1), m.group(0))), str(body.get("message") or ""))


#: What Magento's 404 for a route it lacks says (a module's route, on a store without it).
NO_ROUTE = "does not match any route"
#: Adobe Commerce's ``/V1/returns``: 120 on Magento Open Source.
RMA_ROUTE = ModuleRoute(ReturnCode.METHOD_NOT_SUPPORTED, "Magento returns are Adobe Commerce's RMAs "
                        "(Magento_Rma): this store has no /V1/returns route (Magento Open Source, or the "
                        "module disabled).", NO_ROUTE)

ERRORS = ErrorMap(PLATFORM, extract=message, rules=(
    Rule((401, 403), message="{text} Check store_url and the integration's magento_access_token "
                             "(and its consumer key and secrets, and its API resources).",
         default="access denied."),
    limit_rule(PLATFORM),
    Rule(range(500, 600), message="{text} (HTTP {status}).", default="internal error"),
    RMA_ROUTE.rule(),
    Rule(404, default="not found (HTTP 404)."),
    Rule(400, ReturnCode.ALREADY_EXISTS, contains="already exist"),
    Rule(400, ReturnCode.INCORRECT_VALUE),
))

#: ``searchCriteria[pageSize]``/``[currentPage]``, the total in ``total_count``.
PAGES = SearchCriteria(page_size=PAGE_LIMIT)


def auth(credentials: Mapping[str, Any]) -> httpx.Auth:
    """OAuth 1.0a (HMAC-SHA256) with all four integration values, else the token as bearer."""
    token = str(credentials.get("magento_access_token") or "")
    key, secret, token_secret = (str(credentials.get(f"magento_{n}") or "") for n in (
        "consumer_key", "consumer_secret", "token_secret"))
    if key and secret and token_secret:
        return OAuth1(key, secret, token=token, token_secret=token_secret,
                      signature_method="HMAC-SHA256", in_header=True)
    return HeaderToken("Authorization", token, prefix="Bearer ")


def client(http: HttpLayer, store_url: str, credentials: Mapping[str, Any],
           settings: PlatformSettings, code: str = ALL) -> RestClient:
    """The REST API of store view ``code`` (a site in a folder keeps it)."""
    url = site_url(store_url or str(credentials.get("store_url") or ""), f"/rest/{code}/V1/")
    return RestClient(http, url, platform=PLATFORM, auth=auth(credentials), error_map=ERRORS,
                      headers={"Accept": "application/json"})
