"""A small Shopify Admin REST client: token auth, errors -> ApiError, id-ordered paging.

``configure(clock=..., api_version=...)`` overrides the rate-limit clock (pass a simulator's
sped-up clock so both sides of the leaky bucket keep one pace) and the API version in-process.

Every request goes through :meth:`HttpLayer.send` with the shop's bucket (40 requests, leaking
2/s), which retries 429 (honouring ``Retry-After``) and 5xx.

Paging: the contract pages by ``start``/``count``; Shopify by cursor. A list read from the
start follows Shopify's ``Link`` header: the next ``page_info`` travels in AnyCart's
``page_cursor`` (``Page.resume``), so each page costs one request. A jump to an arbitrary
``start`` walks the ids before it with ``since_id`` (``fields=id``, 250 per request), and
continues by ``since_id`` after the last id seen.
"""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, Mapping
from typing import Any

import httpx

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import platform_error
from anycart.transport.http import HttpLayer
from anycart.transport.ratelimit import Clock

from .capabilities import PAGE_LIMIT, RATE_BUDGET
from .credentials import access_token, shop_host

PLATFORM = "Shopify"
API_VERSION = "2024-10"

_config: dict[str, Any] = {"clock": None, "api_version": None}

#: The most list requests (250 records each) one contract call may spend reading a list
#: through where Shopify offers no narrower way: 50 000 records, under two minutes at the
#: shop's 2 requests a second. Past it the call is refused, never answered short.
WALK_LIMIT = 200


def configure(clock: Clock | None = None, api_version: str | None = None) -> None:
    """Override the rate-limit clock and/or the API version for this process."""
    _config["clock"] = clock
    _config["api_version"] = api_version


def _errors_text(response: httpx.Response) -> str:
    """Shopify's ``{"errors": ...}`` (a string, a list or a field -> messages map) as text."""
    try:
        errors = response.json().get("errors")
    except (ValueError, AttributeError):
        return response.text.strip()[:300]
    if isinstance(errors, dict):
        return "; ".join(f"{field} {', '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
                         for field, msgs in errors.items())
    if isinstance(errors, list):
        return "; ".join(map(str, errors))
    return str(errors or "")


class ShopifyClient:
    def __init__(self, http: HttpLayer, store_url: str, credentials: Mapping[str, Any]) -> None:
        self.http = http
        self.host = shop_host(store_url or str(credentials.get("store_url") or ""))
        version = _config["api_version"] or API_VERSION
        self.base = f"https://{self.host}/admin/api/{version}/"
        self.headers = {"X-Shopify-Access-Token": access_token(dict(credentials)),
                        "Accept": "application/json", "Content-Type": "application/json"}
        self.bucket = http.bucket("shopify:" + self.host, RATE_BUDGET, _config["clock"])

    # -- raw -------------------------------------------------------------------------------
    async def request(self, method: str, path: str, params: Mapping[str, Any] | None = None,
                      body: Any = None, *, idempotent: bool | None = None) -> httpx.Response:
        request = self.http.client.build_request(
            method, self.base + path, headers=self.headers,
            params={k: v for k, v in (params or {}).items() if v is not None},
            content=None if body is None else json.dumps(body).encode())
        response = await self.http.send(request, bucket=self.bucket, idempotent=idempotent)
        if response.status_code in (401, 403):
            raise platform_error(PLATFORM, f"{_errors_text(response) or 'access denied'}. Check "
                                           "store_url and shopify_access_token (and the app's "
                                           "access scopes).")
        if response.status_code == 429:
            raise ApiError(ReturnCode.STORE_REQUEST_LIMIT, "Shopify request limit exceeded.")
        if response.status_code >= 500:
            raise platform_error(PLATFORM, f"HTTP {response.status_code}.")
        return response

    def _check(self, response: httpx.Response, entity: str | None, ident: Any) -> None:
        if response.status_code == 404:
            if entity is not None:
                raise ApiError.not_found(entity, ident)
            raise platform_error(PLATFORM, "Not Found (HTTP 404).")
        if response.status_code == 422:
            text = _errors_text(response)
            if "already been taken" in text:
                raise ApiError(ReturnCode.ALREADY_EXISTS, f"{PLATFORM} error message: {text}")
            raise platform_error(PLATFORM, text)
        if response.status_code == 400:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"{PLATFORM} error message: {_errors_text(response)}")
        if response.status_code >= 300:
            raise platform_error(PLATFORM,
                                 _errors_text(response) or f"HTTP {response.status_code}.")

    # -- reads -----------------------------------------------------------------------------
    async def get(self, path: str, key: str, params: Mapping[str, Any] | None = None, *,
                  entity: str | None = None, ident: Any = None) -> Any:
        if entity is not None and not str(ident).isdecimal():
            raise ApiError.not_found(entity, ident)
        response = await self.request("GET", path, params)
        self._check(response, entity, ident)
        return response.json().get(key)

    async def page(self, path: str, key: str, params: Mapping[str, Any], limit: int,
                   page_info: str | None = None) -> tuple[list[dict[str, Any]], str | None]:
        """One page and the ``page_info`` of the next (from the ``Link`` header), or None.
        With ``page_info`` Shopify takes no filters (the cursor carries them), only ``limit``
        and ``fields``."""
        query = ({"page_info": page_info, "limit": limit, "fields": params.get("fields")}
                 if page_info
                 else {**{k: v for k, v in params.items() if v is not None}, "limit": limit})
        response = await self.request("GET", path, query)
        self._check(response, None, None)
        nxt = response.links.get("next", {}).get("url")
        token = httpx.URL(nxt).params.get("page_info") if nxt else None
        return response.json().get(key) or [], token

    async def walk(self, path: str, key: str, params: Mapping[str, Any],
                   narrow: str) -> AsyncGenerator[list[dict[str, Any]], None]:
        """Every page of a list from ``params`` on, following the ``Link`` header. Past
        :data:`WALK_LIMIT` requests the call is refused (108, suggesting ``narrow``) rather
        than answered with what was read so far."""
        token: str | None = None
        for _ in range(WALK_LIMIT):
            items, token = await self.page(path, key, params, PAGE_LIMIT, token)
            yield items
            if not token:
                return
        raise ApiError(ReturnCode.SEARCH_PARAMS_MISSING,
                       f"Shopify has more than {WALK_LIMIT * PAGE_LIMIT} records in "
                       f"{path.removesuffix('.json')} to read for this call, the most AnyCart "
                       f"reads at once: narrow it with {narrow}.")

    async def count(self, path: str, params: Mapping[str, Any] | None = None) -> int:
        return int(await self.get(path, "count", params) or 0)

    async def count_listed(self, path: str, key: str, params: Mapping[str, Any]) -> int:
        """Count by listing ids (250 a request), for filters ``count.json`` does not take."""
        base = {k: v for k, v in params.items() if v is not None}
        since, total = int(base.pop("since_id", 0) or 0), 0
        while True:
            chunk = await self.get(path, key, {**base, "fields": "id", "since_id": since or None,
                                               "limit": PAGE_LIMIT}) or []
            total += len(chunk)
            if len(chunk) < PAGE_LIMIT:
                return total
            since = chunk[-1]["id"]

    async def window(self, path: str, key: str, params: Mapping[str, Any], start: int,
                     count: int, after_id: int | None = None) -> list[dict[str, Any]]:
        """Records ``start .. start+count`` in id order; ``after_id``: the id before ``start``
        when the caller knows it (then one request per 250 records, no walk)."""
        base = {k: v for k, v in params.items() if v is not None}
        since = int(base.pop("since_id", 0) or 0)
        if after_id is None and start > 0:
            skipped = 0
            while skipped < start:
                ids = await self.get(path, key, {**base, "fields": "id", "since_id": since or None,
                                                 "limit": min(PAGE_LIMIT, start - skipped)})
                if not ids:
                    return []
                since, skipped = ids[-1]["id"], skipped + len(ids)
        elif after_id is not None:
            since = max(since, after_id)
        out: list[dict[str, Any]] = []
        while len(out) < count:
            limit = min(PAGE_LIMIT, count - len(out))
            chunk = await self.get(path, key, {**base, "since_id": since or None, "limit": limit})
            out.extend(chunk or [])
            if not chunk or len(chunk) < limit:
                break
            since = chunk[-1]["id"]
        return out

    # -- writes ----------------------------------------------------------------------------
    async def write(self, method: str, path: str, key: str | None, body: Any = None, *,
                    entity: str | None = None, ident: Any = None,
                    idempotent: bool | None = None) -> dict[str, Any]:
        """POST/PUT/DELETE; the record Shopify answers with (``{}`` for a DELETE).
        ``idempotent=True``: a POST that sets a value, safe to send again after a timeout."""
        if entity is not None and ident is not None and not str(ident).isdecimal():
            raise ApiError.not_found(entity, ident)
        response = await self.request(method, path, body=body, idempotent=idempotent)
        self._check(response, entity, ident)
        if key is None or not response.content:
            return {}
        return response.json().get(key) or {}
