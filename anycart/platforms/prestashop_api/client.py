"""PrestaShop's webservice client, composed of kit objects.

The shop's own ``<store_url>/api/`` (a shop in a folder keeps it), the webservice key as the
HTTP Basic user with no password (PrestaShop > Advanced Parameters > Webservice). Every
request asks for ``output_format=JSON`` (the default is XML) and, in a multistore shop, for
the call's shop (``id_shop``); writes send XML, the only body PrestaShop reads
(:mod:`.webservice`, which pages lists by ``limit=<offset>,<count>``: no total).

Errors come as ``{"errors": [{"code", "message"}]}`` (XML: ``<errors><error>``); a key that
may not use a resource is 401 with the resource named, said so in the contract's envelope.
PrestaShop keeps no request budget of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from xml.parsers.expat import ExpatError

import httpx
import xmltodict

from anycart.errors import ReturnCode
from anycart.platforms.base import PlatformSettings
from anycart.platforms.kit import Basic, ErrorMap, RestClient, Rule, limit_rule
from anycart.platforms.kit.rest import site_url
from anycart.transport.http import HttpLayer

PLATFORM = "PrestaShop"
PAGE_LIMIT = 250
API_PATH = "/api/"
KEY = "prestashop_webservice_key"


def error_text(response: httpx.Response) -> str:
    """The messages of a PrestaShop error answer, JSON or XML (its codes in brackets)."""
    try:
        errors = (response.json() or {}).get("errors") or []
    except ValueError:
        try:
            tree = xmltodict.parse(response.content, force_list=("error",)) or {}
        except ExpatError:
            return response.text.strip()[:300]
        errors = ((tree.get("prestashop") or {}).get("errors") or {}).get("error") or []
    except AttributeError:  # a JSON body that is not an object
        return response.text.strip()[:300]
    return "; ".join(f"{e.get('message')} [{e.get('code')}]" if e.get("code") else str(e.get("message"))
                     for e in errors if isinstance(e, dict))


ERRORS = ErrorMap(PLATFORM, extract=error_text, rules=(
    Rule(401, message="{text}. Check store_url and prestashop_webservice_key, and that the key "
                      "may use this resource (Advanced Parameters > Webservice).",
         default="unauthorized"),
    Rule(403, message="{text}. Check the shops the key may reach (Advanced Parameters > Webservice).",
         default="forbidden"),
    limit_rule(PLATFORM),
    Rule(503, message="{text}. Enable it under Advanced Parameters > Webservice.",
         default="the webservice is disabled"),
    Rule(range(500, 600), message="{text} (HTTP {status}).", default="internal error"),
    Rule(400, ReturnCode.INCORRECT_VALUE),
))

def client(http: HttpLayer, store_url: str, credentials: Mapping[str, Any],
           settings: PlatformSettings, shop: str | None = None) -> RestClient:
    url = site_url(store_url or str(credentials.get("store_url") or ""), API_PATH)
    return RestClient(http, url, platform=PLATFORM, auth=Basic(str(credentials.get(KEY) or ""), ""),
                      error_map=ERRORS, headers={"Accept": "application/json"},
                      query={"output_format": "JSON", "id_shop": shop})
