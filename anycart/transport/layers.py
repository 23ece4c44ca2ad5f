"""The wrapping transports every platform request goes through (outermost first).

* :class:`RetryTransport`: transport errors, 429 (honouring ``Retry-After``) and 5xx are
  retried with exponential backoff and full jitter, but only what is safe to repeat;
* :class:`AuthTransport`: an ``httpx.Auth`` run per attempt (a fresh nonce, timestamp or
  signature each time; a bearer refreshed on 401);
* :class:`RateLimitTransport`: a per-store :class:`~.ratelimit.Limiter` awaited before each
  request and told each answer.

Each is one concern over an inner transport, so a connector composes them instead of
re-writing them; they are cheap (per store or per call) and never close what is below them:
the pools at the bottom (:class:`~.http.HttpLayer`'s guarded transport) are process-wide.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass

import httpx

from anycart.transport.ratelimit import Limiter, retry_after


class PlatformUnavailable(Exception):
    """The platform could not be reached, or kept failing, after every retry."""


class UnsafeDestination(httpx.ConnectError):
    """The SSRF guard refused the destination: nothing was sent, and retrying cannot help."""


#: Methods whose repetition has the effect of one request (RFC 9110, 9.2.2): safe to retry.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: Transport errors raised before any byte of the request left: retrying cannot apply it twice.
NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

#: Request extension: True/False overrides whether :class:`RetryTransport` may send the
#: request again after it may have reached the platform (a POST with an idempotency key).
IDEMPOTENT = "anycart.idempotent"


@dataclass
class RetryPolicy:
    attempts: int = 5
    base_delay_s: float = 0.25
    max_delay_s: float = 10.0

    def delay(self, attempt: int) -> float:
        """Full jitter: uniform in [0, min(max, base * 2**attempt)]."""
        return random.uniform(0, min(self.max_delay_s, self.base_delay_s * 2**attempt))


def repeatable(request: httpx.Request) -> bool:
    """Safe to send again after it may have reached the platform: by its method, unless the
    :data:`IDEMPOTENT` extension says otherwise."""
    override = request.extensions.get(IDEMPOTENT)
    return request.method in IDEMPOTENT_METHODS if override is None else bool(override)


class RetryTransport(httpx.AsyncBaseTransport):
    """Retries with backoff. Only a request safe to repeat (:func:`repeatable`) is sent again
    after it may have reached the platform (a timeout after sending, a 5xx); otherwise a create
    could run twice, and it answers store-unreachable instead. A request that never left
    (connection refused, 429) is always retried. The last 5xx is returned when attempts run
    out; the other failures raise :class:`PlatformUnavailable`."""

    def __init__(self, inner: httpx.AsyncBaseTransport, policy: RetryPolicy) -> None:
        self.inner = inner
        self.policy = policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        again = repeatable(request)
        attempts = self.policy.attempts
        what = f"{request.method} {request.url.path}"
        last_error: str = ""
        for attempt in range(attempts):
            try:
                response = await self.inner.handle_async_request(request)
            except httpx.TransportError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
                if isinstance(exc, UnsafeDestination):
                    raise PlatformUnavailable(str(exc)) from None
                if not again and not isinstance(exc, NOT_SENT):
                    raise PlatformUnavailable(_not_resent(what, last_error)) from None
                await asyncio.sleep(self.policy.delay(attempt))
                continue
            status = response.status_code
            if status == 429:
                await response.aclose()
                last_error = "HTTP 429"
                after = retry_after(response)
                await asyncio.sleep(after if after is not None else self.policy.delay(attempt))
                continue
            if status >= 500 and not again:
                await response.aclose()
                raise PlatformUnavailable(_not_resent(what, f"HTTP {status}"))
            if status >= 500 and attempt + 1 < attempts:
                last_error = f"HTTP {status}"
                await response.aclose()
                await asyncio.sleep(self.policy.delay(attempt))
                continue
            return response
        raise PlatformUnavailable(f"{what} failed after {attempts} attempts ({last_error})")

    async def aclose(self) -> None:  # the inner layers are shared: their owner closes them
        pass


class RateLimitTransport(httpx.AsyncBaseTransport):
    """Awaits the store's limiter before each request and tells it each answer (429s,
    budget headers, GraphQL cost), so the limiter tracks the platform's own count. An answer
    the limiter calls refused (throttled, nothing applied) is sent again, up to ``resends``
    times, once the limiter lets it."""

    def __init__(self, limiter: Limiter, inner: httpx.AsyncBaseTransport,
                 resends: int = 3) -> None:
        self.limiter = limiter
        self.inner = inner
        # a limiter may say how often a refusal is worth sending again (a window's 429 costs
        # only the wait for its reset)
        self.resends: int = getattr(limiter, "resends", resends)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        sent = 0
        while True:
            await self.limiter.acquire()
            response = await self.inner.handle_async_request(request)
            sent += 1
            if self.limiter.needs_body:
                await response.aread()
            self.limiter.observe(response)
            if sent > self.resends or not self.limiter.refused(response):
                return response
            await response.aclose()

    async def aclose(self) -> None:
        pass


class AuthTransport(httpx.AsyncBaseTransport):
    """Runs an ``httpx.Auth`` flow at the transport level, so it runs again on every attempt
    of :class:`RetryTransport` above it (OAuth 1.0a nonces and HMAC timestamps are fresh; a
    platform that refuses a replayed nonce still accepts the retry)."""

    def __init__(self, auth: httpx.Auth, inner: httpx.AsyncBaseTransport) -> None:
        self.auth = auth
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.auth.requires_request_body:
            await request.aread()
        flow = self.auth.async_auth_flow(request)
        try:
            outgoing = await flow.__anext__()
            while True:
                response = await self.inner.handle_async_request(outgoing)
                if self.auth.requires_response_body:
                    await response.aread()
                try:
                    outgoing = await flow.asend(response)
                except StopAsyncIteration:
                    return response
                await response.aclose()
        finally:
            await flow.aclose()

    async def aclose(self) -> None:
        pass


async def deliver(transport: httpx.AsyncBaseTransport, request: httpx.Request) -> httpx.Response:
    """``request`` through ``transport``, the answer read in full (as ``AsyncClient.send``)."""
    response = await transport.handle_async_request(request)
    response.request = request
    try:
        await response.aread()
    except BaseException:
        await response.aclose()
        raise
    return response


def _not_resent(what: str, error: str) -> str:
    return (f"{what} failed ({error}) after it may have reached the platform; it is not sent "
            "again, as repeating it could apply it twice: check whether it was applied.")
