"""Rate-limit middleware: each tenant's limiter admits a request or the platform's 429.

A limiter has ``try_acquire() -> bool`` and ``retry_after() -> float`` (platform seconds):
:class:`~anycart.transport.ratelimit.LeakyBucket` (Shift4Shop 50/2 per s, Shopify 40/2 per
s) and :class:`FixedWindow` (N requests per window, reset headers) both fit. ``headers``
adds the platform's usage headers (``X-Shopify-Shop-Api-Call-Limit``...) to every answer
that passed the limiter, and to the 429.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Protocol

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from anycart.transport.ratelimit import BucketBudget, Clock, LeakyBucket, MonotonicClock

from .tenants import tenant_of

__all__ = ["BucketBudget", "FixedWindow", "LeakyBucket", "Limiter", "RateLimitMiddleware"]


class Limiter(Protocol):
    def try_acquire(self) -> bool: ...

    def retry_after(self) -> float: ...


class FixedWindow:
    """``limit`` requests per ``window_s`` platform seconds; windows start at clock 0."""

    def __init__(self, limit: int, window_s: float, clock: Clock | None = None) -> None:
        self.limit, self.window_s = limit, window_s
        self.clock: Clock = clock or MonotonicClock()
        self._window = -1
        self.used = 0
        self._lock = threading.Lock()

    def _roll(self) -> float:
        now = self.clock.now()
        window = int(now // self.window_s)
        if window != self._window:
            self._window, self.used = window, 0
        return now

    def try_acquire(self) -> bool:
        with self._lock:
            self._roll()
            if self.used >= self.limit:
                return False
            self.used += 1
            return True

    @property
    def remaining(self) -> int:
        with self._lock:
            self._roll()
            return self.limit - self.used

    def retry_after(self) -> float:
        """Platform seconds until the window resets."""
        with self._lock:
            now = self._roll()
            return (self._window + 1) * self.window_s - now

    def headers(self) -> dict[str, str]:
        """The common ``X-RateLimit-*`` trio (reset in whole seconds)."""
        reset = self.retry_after()
        return {"X-RateLimit-Limit": str(self.limit),
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
