"""A small Shift4Shop REST client: auth headers, status codes -> ApiError, offset paging.

Configuration comes with the connector's :class:`~anycart.platforms.base.PlatformSettings`:
its ``api_urls["3DCart"]`` (or the cart_id's own) wins over ``ANYCART_SHIFT4SHOP_API_URL``
(default ``https://apirest.3dcart.com``; every path is under ``/3dCartWebAPI/v1/``), and its
``clock`` paces the per-store client bucket (a simulator's sped-up clock keeps both sides of
the leaky bucket at one pace).

Every request goes through :meth:`HttpLayer.send` with the store's bucket (key
``"shift4shop:" + store_url``, budget 50 requests leaking 2/s), which retries 429 and 5xx.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Mapping
from typing import Any

import httpx

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import PlatformSettings, platform_error
from anycart.transport.http import HttpLayer

from .capabilities import RATE_BUDGET, batch_limit
from .credentials import PRIVATE_KEY_ENV, auth_headers, server_private_key

API_URL_ENV = "ANYCART_SHIFT4SHOP_API_URL"
DEFAULT_API_URL = "https://apirest.3dcart.com"
PATH_PREFIX = "/3dCartWebAPI/v1/"
PLATFORM = "Shift4Shop"
#: Largest contract page (``count``) a single list call may ask for.
MAX_COUNT = 250


def api_url(settings: PlatformSettings, cart_id: str) -> str:
    return settings.api_url(cart_id, "3DCart",
                            default=os.environ.get(API_URL_ENV) or DEFAULT_API_URL)


def _message(response: httpx.Response) -> str:
    """The text a Shift4Shop error body carries, if any (it is often empty)."""
    try:
        data = response.json()
    except ValueError:
        return response.text.strip()
    if isinstance(data, list):
        texts = [str(e.get("Message")) for e in data if isinstance(e, dict) and e.get("Message")]
        return "; ".join(texts)
    if isinstance(data, dict):
        return str(data.get("Message") or data.get("message") or data.get("error") or "")
    return ""


class Shift4ShopClient:
    def __init__(self, http: HttpLayer, cart_id: str, store_url: str,
                 credentials: Mapping[str, Any], settings: PlatformSettings) -> None:
        self.http = http
        self.base_url = api_url(settings, cart_id) + PATH_PREFIX
        self.store_url = store_url or str(credentials.get("store_url") or "")
        if cart_id == "3DCartApi" and not server_private_key():
            raise platform_error(PLATFORM, f"this AnyCart server has no Shift4Shop app private "
                                           f"key: set {PRIVATE_KEY_ENV} to use cart_id 3DCartApi.")
        self.headers = {**auth_headers(cart_id, self.store_url, dict(credentials)),
                        "Accept": "application/json", "Content-Type": "application/json"}
        self.bucket = http.bucket("shift4shop:" + self.store_url.lower(), RATE_BUDGET,
                                  settings.clock)

    # -- raw -------------------------------------------------------------------------------
    async def request(self, method: str, path: str, params: Mapping[str, Any] | None = None,
                      body: Any = None) -> httpx.Response:
        url = self.base_url + path.lstrip("/")
        content = None if body is None else json.dumps(body).encode()
        request = self.http.client.build_request(
            method, url, params={k: _q(v) for k, v in (params or {}).items() if v is not None},
            headers=self.headers, content=content)
        response = await self.http.send(request, bucket=self.bucket)
        if response.status_code in (401, 403):
            text = _message(response) or "Authorization has been denied for this request."
            raise platform_error(PLATFORM, f"{text} Check store_url (SecureURL), the private key "
                                           "and the token.")
        if response.status_code == 415:
            raise platform_error(PLATFORM, "Unsupported media type (HTTP 415).")
        if response.status_code == 429:
            raise ApiError(ReturnCode.STORE_REQUEST_LIMIT, "Shift4Shop request limit exceeded.")
        if response.status_code >= 500:
            raise platform_error(PLATFORM, _message(response)
                                 or f"internal server error (HTTP {response.status_code}).")
        return response

    # -- reads -----------------------------------------------------------------------------
    async def get_list(self, path: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """One GET of a list: 404 means "no records" and is an empty list."""
        response = await self.request("GET", path, params)
        if response.status_code == 404:
            return []
        _raise_bad_request(response, read=True)
        data = response.json()
        if isinstance(data, dict):
            return [data]
        return [d for d in data if isinstance(d, dict)] if isinstance(data, list) else []

    async def get_one(self, path: str, entity: str, ident: Any,
                      params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """GET ``path`` (a single record): 404 is "<entity> with id X not found" (112)."""
        if not _valid_id(ident):
            raise ApiError.not_found(entity, ident)
        items = await self.get_list(path, params)
        if not items:
            raise ApiError.not_found(entity, ident)
        return items[0]

    async def count(self, path: str, params: Mapping[str, Any] | None = None) -> int:
        response = await self.request("GET", path, {**(params or {}), "countonly": 1})
        if response.status_code == 404:
            return 0
        _raise_bad_request(response, read=True)
        data = response.json()
        if isinstance(data, dict):
            for key, value in data.items():
                if key.lower() == "totalcount":
                    return int(value)
        if isinstance(data, int):
            return data
        if isinstance(data, list):
            return len(data)
        return 0

    async def page(self, resource: str, params: Mapping[str, Any] | None, start: int,
                   count: int, path: str | None = None) -> list[dict[str, Any]]:
        """Records ``start .. start+count`` (0-based) of a list, in as few GETs as the
        resource's batch limit allows (``offset`` is the 1-based record offset)."""
        path = path or resource
        batch = batch_limit(resource)
        out: list[dict[str, Any]] = []
        offset = start + 1
        remaining = max(0, count)
        while remaining > 0:
            limit = min(batch, remaining)
            chunk = await self.get_list(path, {**(params or {}), "limit": limit, "offset": offset})
            out.extend(chunk)
            if len(chunk) < limit:
                break
            offset += limit
            remaining -= limit
        return out

    async def page_and_total(self, resource: str, params: Mapping[str, Any] | None, start: int,
                             count: int, path: str | None = None) -> tuple[list[dict[str, Any]], int]:
        items, total = await asyncio.gather(self.page(resource, params, start, count, path),
                                            self.count(path or resource, params))
        return items, total

    async def all(self, resource: str, params: Mapping[str, Any] | None = None,
                  path: str | None = None, cap: int = 100_000) -> list[dict[str, Any]]:
        return await self.page(resource, params, 0, cap, path)

    # -- writes ----------------------------------------------------------------------------
    async def write(self, method: str, path: str, body: Any = None, entity: str | None = None,
                    ident: Any = None) -> list[dict[str, Any]]:
        """POST/PUT/DELETE; the response array, after checking every item succeeded."""
        if entity is not None and ident is not None and not _valid_id(ident):
            raise ApiError.not_found(entity, ident)
        response = await self.request(method, path, body=body)
        if response.status_code == 404:
            if entity is not None:
                raise ApiError.not_found(entity, ident)
            raise platform_error(PLATFORM, "Not found (HTTP 404).")
        _raise_bad_request(response, read=False)
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


def _raise_bad_request(response: httpx.Response, *, read: bool) -> None:
    if response.status_code == 400:
        text = _message(response) or "the request was invalid for the service (HTTP 400)."
        if read:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"{PLATFORM} error message: {text} Check the filter values.")
        raise platform_error(PLATFORM, text)
    if response.status_code >= 300 and response.status_code != 404:
        raise platform_error(PLATFORM, _message(response) or f"HTTP {response.status_code}.")


def _valid_id(ident: Any) -> bool:
    try:
        return int(str(ident)) > 0
    except ValueError:
        return False


def _q(value: Any) -> Any:
    if isinstance(value, bool):
        return "1" if value else "0"
    return value
