"""The one HTTP client layer every connector talks through.

* pooling: one ``httpx.AsyncClient`` per process;
* sandboxes: hosts mounted to in-process ASGI simulators never touch the network;
* SSRF: every other destination is resolved and checked before the request is sent;
* budgets: a per-store :class:`ClientBucket` is awaited before each request;
* retries: transport errors, 429 (honouring ``Retry-After``) and 5xx are retried with
  exponential backoff and full jitter; other statuses go back to the connector.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from anycart.transport.ratelimit import BucketBudget, ClientBucket, Clock
from anycart.transport.ssrf import UnsafeURLError, check_addresses, resolve


class PlatformUnavailable(Exception):
    """The platform could not be reached, or kept failing, after every retry."""


class _GuardedTransport(httpx.AsyncBaseTransport):
    """Routes mounted hosts to their ASGI app; checks all others against the SSRF guard."""

    def __init__(self, mounts: Mapping[str, httpx.AsyncBaseTransport], allow_private: bool) -> None:
        self._mounts = mounts
        self._allow_private = allow_private
        self._network = httpx.AsyncHTTPTransport(retries=0)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        host = request.url.host
        mounted = self._mounts.get(host)
        if mounted is not None:
            return await mounted.handle_async_request(request)
        try:
            check_addresses(host, await resolve(host, request.url.port or 443), self._allow_private)
        except UnsafeURLError as exc:
            raise httpx.ConnectError(str(exc), request=request) from None
        return await self._network.handle_async_request(request)

    async def aclose(self) -> None:
        await self._network.aclose()


@dataclass
class RetryPolicy:
    attempts: int = 5
    base_delay_s: float = 0.25
    max_delay_s: float = 10.0

    def delay(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)]."""
        return random.uniform(0, min(self.max_delay_s, self.base_delay_s * 2**attempt))


@dataclass
class HttpLayer:
    """Process-wide: the pooled client, sandbox mounts and the per-store buckets."""

    allow_private: bool = False
    timeout_s: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    mounts: dict[str, httpx.AsyncBaseTransport] = field(default_factory=dict)
    _client: httpx.AsyncClient | None = None
    _buckets: dict[str, ClientBucket] = field(default_factory=dict)

    def mount(self, host: str, app: Any) -> None:
        """Serve ``host`` from an in-process ASGI app (a platform simulator)."""
        self.mounts[host] = httpx.ASGITransport(app=app)

    def is_mounted(self, url: str) -> bool:
        return httpx.URL(url).host in self.mounts

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                transport=_GuardedTransport(self.mounts, self.allow_private),
                timeout=self.timeout_s,
                limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
            )
        return self._client

    def bucket(self, key: str, budget: BucketBudget, clock: Clock | None = None) -> ClientBucket:
        """The bucket of one store, shared by every request to it from this process."""
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = ClientBucket(budget, clock)
        return bucket

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def send(self, request: httpx.Request, bucket: ClientBucket | None = None) -> httpx.Response:
        last_error: str = ""
        for attempt in range(self.retry.attempts):
            if bucket is not None:
                await bucket.acquire()
            try:
                response = await self.client.send(request)
            except httpx.TransportError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
                if "private/loopback" in str(exc):
                    raise PlatformUnavailable(str(exc)) from None
                await asyncio.sleep(self.retry.delay(attempt))
                continue
            if response.status_code == 429:
                retry_after = _retry_after(response)
                if bucket is not None:
                    bucket.penalize(retry_after)
                last_error = "HTTP 429"
                await asyncio.sleep(retry_after if retry_after is not None
                                    else self.retry.delay(attempt))
                continue
            if response.status_code >= 500 and attempt + 1 < self.retry.attempts:
                last_error = f"HTTP {response.status_code}"
                await asyncio.sleep(self.retry.delay(attempt))
                continue
            return response
        raise PlatformUnavailable(f"{request.method} {request.url.path} failed after "
                                  f"{self.retry.attempts} attempts ({last_error})")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
