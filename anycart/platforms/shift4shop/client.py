"""Shift4Shop's REST client, composed from the kit: base URL, auth headers, the store's leaky
bucket (50 requests, leak 2/s), the error map, 1-based offset paging.

The base URL is ``PlatformSettings.api_urls["3DCart"]`` (or the cart_id's own), else
``ANYCART_SHIFT4SHOP_API_URL``, else ``https://apirest.3dcart.com``; paths are under
``/3dCartWebAPI/v1/``. A 404 on a list is "no records". Writes answer an array of
``{Key, Value, Status, Message}``: a 206 or an item whose Status is not 200/201 is a partial
failure (107 naming the items).
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Mapping
from typing import Any

import httpx

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import PlatformSettings, platform_error
from anycart.platforms.kit import ErrorMap, RestClient, Rule, limit_rule
from anycart.platforms.kit.entities import Entity, Query
from anycart.platforms.kit.pagination import Offset
from anycart.transport.http import HttpLayer

from .capabilities import RATE_BUDGET, batch_limit
from .credentials import PRIVATE_KEY_ENV, auth_headers, server_private_key

API_URL_ENV = "ANYCART_SHIFT4SHOP_API_URL"
DEFAULT_API_URL = "https://apirest.3dcart.com"
PATH_PREFIX = "/3dCartWebAPI/v1/"
PLATFORM = "Shift4Shop"

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


def valid_id(ident: Any) -> bool:
    try:
        return int(str(ident)) > 0
    except ValueError:
        return False


class Shift4ShopClient:
    def __init__(self, http: HttpLayer, cart_id: str, store_url: str,
                 credentials: Mapping[str, Any], settings: PlatformSettings) -> None:
        store_url = store_url or str(credentials.get("store_url") or "")
        if cart_id == "3DCartApi" and not server_private_key():
            raise platform_error(PLATFORM, f"this AnyCart server has no Shift4Shop app private "
                                           f"key: set {PRIVATE_KEY_ENV} to use cart_id 3DCartApi.")
        base = settings.api_url(cart_id, "3DCart",
                                default=os.environ.get(API_URL_ENV) or DEFAULT_API_URL)
        self.rest = RestClient(
            http, base + PATH_PREFIX, platform=PLATFORM, error_map=ERRORS, booleans=("1", "0"),
            limiter=http.bucket("shift4shop:" + store_url.lower(), RATE_BUDGET, settings.clock),
            headers={**auth_headers(cart_id, store_url, dict(credentials)),
                     "Accept": "application/json", "Content-Type": "application/json"})

    async def get_list(self, path: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """One GET: its records (a single object is a list of one; 404 is none)."""
        response = await self.rest.request("GET", path, params=params, allow={404})
        data = response.json() if response.status_code != 404 and response.content else []
        items = data if isinstance(data, list) else [data]
        return [d for d in items if isinstance(d, dict)]

    async def get_one(self, path: str, entity: str, ident: Any) -> dict[str, Any]:
        """GET one record: an unknown (or non-numeric) id is 112 naming ``entity``."""
        items = await self.get_list(path) if valid_id(ident) else []
        if not items:
            raise ApiError.not_found(entity, ident)
        return items[0]

    async def count(self, path: str, params: Mapping[str, Any] | None = None) -> int:
        response = await self.rest.request("GET", path, params={**(params or {}), "countonly": 1},
                                           allow={404})
        data = response.json() if response.status_code != 404 and response.content else 0
        if isinstance(data, dict):
            return int(next((v for k, v in data.items() if k.lower() == "totalcount"), 0))
        return data if isinstance(data, int) else len(data) if isinstance(data, list) else 0

    async def page(self, path: str, params: Mapping[str, Any] | None, start: int,
                   count: int) -> list[dict[str, Any]]:
        """Records ``start .. start+count`` in as few GETs as the batch limit allows."""
        if count <= 0:
            return []
        walk = Offset(base=1, page_size=batch_limit(path.split("/", 1)[0]))
        return [r async for chunk in self.rest.pages(path, walk, params, start, count) for r in chunk]

    def walk(self, path: str, params: Mapping[str, Any] | None) -> AsyncIterator[list[dict[str, Any]]]:
        """Every record of a list, one batch at a time."""
        batch = batch_limit(path.split("/", 1)[0])
        return self.rest.pages(path, Offset(base=1, page_size=batch), params, 0, None)

    async def page_and_total(self, path: str, params: Mapping[str, Any] | None, start: int,
                             count: int) -> tuple[list[dict[str, Any]], int]:
        items, total = await asyncio.gather(self.page(path, params, start, count),
                                            self.count(path, params))
        return items, total

    async def all(self, path: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return await self.page(path, params, 0, 100_000)

    async def write(self, method: str, path: str, body: Any = None, entity: str | None = None,
                    ident: Any = None) -> list[dict[str, Any]]:
        """POST/PUT/DELETE; the response array, after checking every item succeeded."""
        if entity is not None and ident is not None and not valid_id(ident):
            raise ApiError.not_found(entity, ident)
        response = await self.rest.request(method, path, json=body, entity=entity, ident=ident)
        return _entries(response)


def _entries(response: httpx.Response) -> list[dict[str, Any]]:
    try:
        data = response.json() if response.content else []
    except ValueError:
        data = []
    entries = [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []
    failed = [e for e in entries if str(e.get("Status", "200")) not in ("200", "201")]
    if response.status_code == 206 or failed:
        names = ", ".join(f"{e.get('Key')} {e.get('Value')} (HTTP {e.get('Status')}"
                          f"{': ' + str(e['Message']) if e.get('Message') else ''})"
                          for e in failed) or "some items"
        raise platform_error(PLATFORM, f"Partial update: failed items: {names}.")
    return entries


def created_id(entries: list[dict[str, Any]]) -> str:
    for e in entries:
        if e.get("Value") not in (None, ""):
            return str(e["Value"])
    raise platform_error(PLATFORM, "the response did not name the created record.")


class Records:
    """One declared entity's records, as the kit runner reads and writes them."""

    def __init__(self, client: Shift4ShopClient, entity: Entity) -> None:
        self.client, self.path, self.label = client, entity.path, entity.label

    async def page(self, query: Query, start: int, count: int) -> tuple[list[dict[str, Any]], int | None]:
        return await self.client.page_and_total(self.path, query, start, count)

    async def count(self, query: Query) -> int:
        return await self.client.count(self.path, query)

    async def get(self, ident: str) -> dict[str, Any] | None:
        found = await self.client.get_list(f"{self.path}/{ident}") if valid_id(ident) else []
        return found[0] if found else None

    async def create(self, body: dict[str, Any]) -> str:
        return created_id(await self.client.write("POST", self.path, [body]))

    async def update(self, ident: str, body: dict[str, Any]) -> None:
        await self.client.write("PUT", f"{self.path}/{ident}", body, self.label, ident)

    async def delete(self, ident: str) -> None:
        await self.client.write("DELETE", f"{self.path}/{ident}", None, self.label, ident)
