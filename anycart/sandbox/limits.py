"""Rate-limit middleware: each tenant's limiter admits a request or the platform's 429.

A limiter has ``try_acquire() -> bool`` and ``retry_after() -> float`` (platform seconds):
:class:`~anycart.transport.ratelimit.LeakyBucket` (Shift4Shop 50/2 per s, Shopify 40/2 per
s) and :class:`FixedWindow` (N requests per window, reset headers) both fit. ``headers``
adds the platform's usage headers (``X-Shopify-Shop-Api-Call-Limit``...) to every answer
that passed the limiter, and to the 429.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any, Protocol

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from anycart.transport.ratelimit import BucketBudget, Clock, LeakyBucket, Window

from .tenants import tenant_of

__all__ = ["BucketBudget", "FixedWindow", "LeakyBucket", "Limiter", "RateLimitMiddleware"]


def bucket_usage(header: str) -> Callable[[Any], dict[str, str]]:
    """``header: <used>/<capacity>`` for a leaky bucket (Shopify's
    ``X-Shopify-Shop-Api-Call-Limit: 12/40``): requests held, rounded up, at most the
    capacity."""
    def headers(bucket: Any) -> dict[str, str]:
        assert isinstance(bucket, LeakyBucket)
        used = min(bucket.budget.capacity, math.ceil(bucket.level - 1e-9))
        return {header: f"{used}/{bucket.budget.capacity}"}
    return headers


class Limiter(Protocol):
    def try_acquire(self) -> bool: ...

    def retry_after(self) -> float: ...


class FixedWindow(Window):
    """Enforces ``limit`` requests per ``window_s`` platform seconds (the transport's
    :class:`~anycart.transport.ratelimit.Window` count) and says so in ``X-RateLimit-*``."""

    def __init__(self, limit: int, window_s: float, clock: Clock | None = None) -> None:
        super().__init__(limit, window_s, clock)
        self._lock = threading.Lock()  # the simulator's handlers may run in threads

    def try_acquire(self) -> bool:
        with self._lock:
            return self.take()

    @property
    def remaining(self) -> int:
        with self._lock:
            self.roll()
            return self.left

    def retry_after(self) -> float:
        """Platform seconds until the window resets."""
        with self._lock:
            return self.until_reset()

    def headers(self) -> dict[str, str]:
        """The common ``X-RateLimit-*`` trio (reset in whole seconds)."""
        reset = self.retry_after()
        return {"X-RateLimit-Limit": str(self.quota),
                "X-RateLimit-Remaining": str(self.remaining),
                "X-RateLimit-Reset": str(max(0, round(reset + 0.4999)))}


class RateLimitMiddleware:
    """``limiter(tenant)`` admits the request, or ``deny(limiter)`` answers (429);
    ``headers(limiter)`` (the limiter's own type) is added to every answer."""

    def __init__(self, app: ASGIApp, limiter: Callable[[Any], Limiter],
                 deny: Callable[[Any], Response],
                 headers: Callable[[Any], dict[str, str]] | None = None) -> None:
        self.app, self.limiter, self.deny, self.headers = app, limiter, deny, headers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lim = self.limiter(tenant_of(Request(scope)))
        if not lim.try_acquire():
            response = self.deny(lim)
            if self.headers is not None:
                for k, v in self.headers(lim).items():
                    response.headers.setdefault(k, v)
            await response(scope, receive, send)
            return
        if self.headers is None:
            await self.app(scope, receive, send)
            return
        extra = self.headers(lim)

        async def send_with(message: Message) -> None:
            if message["type"] == "http.response.start":
                h = MutableHeaders(scope=message)
                for k, v in extra.items():
                    if k not in h:
                        h[k] = v
            await send(message)

        await self.app(scope, receive, send_with)
