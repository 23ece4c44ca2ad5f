"""Authenticators as ``httpx.Auth`` objects, one per scheme the platforms use.

A client picks one and hands it to :class:`~anycart.platforms.kit.rest.RestClient` (or to
``HttpLayer.send(auth=...)``); the transport stack runs it again on each retry, so what must be
fresh per attempt (an OAuth nonce, a signature over a new body) is. They also work as the
``auth=`` of any plain ``httpx.AsyncClient``, which is how the tests check them one by one.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator, Sequence
from typing import Literal

import httpx
from oauthlib import oauth1

__all__ = ["Basic", "BearerRefresh", "HeaderToken", "HmacSigned", "OAuth1"]


class HeaderToken(httpx.Auth):
    """One header carrying a token: ``X-Shopify-Access-Token: <t>``, ``Authorization: Bearer <t>``
    (``prefix="Bearer "``)."""

    def __init__(self, header: str, token: str, prefix: str = "") -> None:
        self.header = header
        self.value = prefix + token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[self.header] = self.value
        yield request


class Basic(httpx.BasicAuth):
    """HTTP Basic (WooCommerce over https, PrestaShop's webservice key as the user name)."""


class OAuth1(httpx.Auth):
    """OAuth 1.0a with the signature in the query string, as WooCommerce asks for over plain
    http (one-legged: consumer key and secret, no token unless given), or in the header. Signed by ``oauthlib``;
    only the URL's query takes part (a JSON body is not a form and is not signed). Each call
    gets a fresh nonce and timestamp, so a retried request is not refused as a replay."""

    def __init__(self, consumer_key: str, consumer_secret: str, *,
                 signature_method: Literal["HMAC-SHA1", "HMAC-SHA256"] = "HMAC-SHA1",
                 token: str | None = None, token_secret: str | None = None,
                 in_header: bool = False) -> None:
        # ``in_header``: the signature in ``Authorization: OAuth ...`` (Magento's
        # integrations, three-legged with their access token), not in the query
        self.in_header = in_header
        self._client = oauth1.Client(
            consumer_key, client_secret=consumer_secret, resource_owner_key=token,
            resource_owner_secret=token_secret, signature_method=signature_method,
            signature_type=oauth1.SIGNATURE_TYPE_AUTH_HEADER if in_header
            else oauth1.SIGNATURE_TYPE_QUERY)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # A new request, not the given one changed: a retry signs the unsigned URL again.
        signed, added, _ = self._client.sign(str(request.url), http_method=request.method)
        headers = httpx.Headers(request.headers)
        if self.in_header:
            headers["Authorization"] = added["Authorization"]
        yield httpx.Request(request.method, signed, headers=headers,
                            stream=request.stream, extensions=request.extensions)


class BearerRefresh(httpx.Auth):
    """``Authorization: Bearer <token>``; on a 401 the token is refreshed once (``refresh``
    returns the new one) and the request sent again. Concurrent requests that fail with the
    same old token share one refresh. Async only: refreshing is a network call."""

    def __init__(self, token: str, refresh: Callable[[], Awaitable[str]]) -> None:
        self.token = token
        self._refresh = refresh
        self._lock = asyncio.Lock()

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        raise RuntimeError("BearerRefresh is for async clients")
        yield request  # pragma: no cover

    async def async_auth_flow(self, request: httpx.Request
                              ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        used = self.token
        request.headers["Authorization"] = f"Bearer {used}"
        response = yield request
        if response.status_code != 401:
            return
        async with self._lock:
            if self.token == used:  # nobody refreshed it meanwhile
                self.token = await self._refresh()
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


Part = Literal["method", "path", "query", "body"]


class HmacSigned(httpx.Auth):
    """HMAC-SHA256 over chosen parts of the request, in a header. ``parts`` are joined by
    ``separator`` in the order given: ``method``, ``path`` (the raw path), ``query`` (the raw
    query string), ``body``. The bridge signs the body alone, hex, in ``X-Bridge-Signature``."""

    requires_request_body = True

    def __init__(self, secret: str | bytes, *, header: str = "X-Signature",
                 parts: Sequence[Part] = ("body",), separator: bytes = b"\n",
                 encoding: Literal["hex", "base64"] = "hex", prefix: str = "") -> None:
        self._secret = secret.encode() if isinstance(secret, str) else secret
        self.header = header
        self.parts = tuple(parts)
        self.separator = separator
        self.encoding = encoding
        self.prefix = prefix

    def signature(self, request: httpx.Request) -> str:
        values = {"method": request.method.encode(), "path": request.url.raw_path.split(b"?")[0],
                  "query": request.url.query, "body": request.content}
        digest = hmac.new(self._secret, self.separator.join(values[p] for p in self.parts),
                          hashlib.sha256)
        text = digest.hexdigest() if self.encoding == "hex" else base64.b64encode(
            digest.digest()).decode()
        return self.prefix + text

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers[self.header] = self.signature(request)
        yield request
