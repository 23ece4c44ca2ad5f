"""The one HTTP client layer every connector talks through, as a stack of httpx transports.

Each concern is one wrapping :class:`httpx.AsyncBaseTransport`, so a connector composes them
instead of re-writing them (outermost first):

* :class:`RetryTransport`: transport errors, 429 (honouring ``Retry-After``) and 5xx are
  retried with exponential backoff and full jitter, but only what is safe to repeat;
* :class:`AuthTransport`: an ``httpx.Auth`` run per attempt (a fresh nonce, timestamp or
  signature each time; a bearer refreshed on 401);
* :class:`RateLimitTransport`: a per-store :class:`~.ratelimit.Limiter` awaited before each
  request and told each answer;
* ``_GuardedTransport`` (process-wide, one per :class:`HttpLayer`): hosts mounted to
  in-process ASGI simulators never touch the network; every other destination is resolved
  and checked by the SSRF guard; connection pools per origin.

The wrappers are cheap, per store or per call; the pools below them are shared.
"""

from __future__ import annotations

import asyncio
import random
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from anycart.transport.ratelimit import BucketBudget, ClientBucket, Clock, Limiter, retry_after
from anycart.transport.ssrf import UnsafeURLError, check_addresses, resolve


class PlatformUnavailable(Exception):
    """The platform could not be reached, or kept failing, after every retry."""


class UnsafeDestination(httpx.ConnectError):
    """The SSRF guard refused the destination: nothing was sent, and retrying cannot help."""


#: Methods whose repetition has the effect of one request (RFC 9110, 9.2.2): safe to retry.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
#: Transport errors raised before any byte of the request left: retrying cannot apply it twice.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

Resolver = Callable[[str, int], Awaitable[list[str]]]
#: Builds one network transport (one connection pool) for one origin.
NetworkFactory = Callable[[], httpx.AsyncBaseTransport]

#: Request extension set by the webhook delivery when its callback may be on loopback
#: (:attr:`HttpLayer.allow_loopback_callbacks`): an extension, so no user input can set it.
LOOPBACK_OK = "anycart.loopback_ok"

#: Request extension: True/False overrides whether :class:`RetryTransport` may send the
#: request again after it may have reached the platform (a POST with an idempotency key).
IDEMPOTENT = "anycart.idempotent"

#: Origins with a pool of their own at once; the least recently used one is closed past it.
_MAX_POOLS = 512


def _network_factory() -> NetworkFactory:
    context = httpx.create_ssl_context()  # one CA bundle load shared by every pool
    return lambda: httpx.AsyncHTTPTransport(verify=context, retries=0)


class _GuardedTransport(httpx.AsyncBaseTransport):
    """Routes mounted hosts to their ASGI app; checks all others against the SSRF guard.

    The request is sent to the very address that was checked (the URL's host becomes that
    IP; ``Host`` and TLS SNI keep the name), so a DNS answer that changes between the check
    and the connect (rebinding) cannot reach a private address. Pools are per origin: a pool
    keyed by IP would hand a TLS connection verified for one host to another host on that IP.
    """

    def __init__(self, mounts: Mapping[str, httpx.AsyncBaseTransport], allow_private: bool,
                 resolver: Resolver = resolve, network: NetworkFactory | None = None) -> None:
        self._mounts = mounts
        self._allow_private = allow_private
        self._resolve = resolver
        self._new_network = network or _network_factory()
        self._pools: OrderedDict[tuple[str, str, int], httpx.AsyncBaseTransport] = OrderedDict()
        self._closing: set[asyncio.Task[None]] = set()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        mounted = self._mounts.get(url.host)
        if mounted is not None:
            return await mounted.handle_async_request(request)
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = await self._resolve(url.host, port)
        except UnsafeURLError as exc:  # DNS failed: nothing sent, a retry may do better
            raise httpx.ConnectError(str(exc), request=request) from None
        try:
            check_addresses(url.host, addresses, self._allow_private,
                            bool(request.extensions.get(LOOPBACK_OK)))
        except UnsafeURLError as exc:
            raise UnsafeDestination(str(exc), request=request) from None
        network = self._pool(url.scheme, url.host, port)
        for i, address in enumerate(addresses):
            try:
                return await network.handle_async_request(_pinned(request, address))
            except _NOT_SENT:
                if i + 1 == len(addresses):
                    raise
        raise httpx.ConnectError(f"host '{url.host}' has no address", request=request)

    def _pool(self, scheme: str, host: str, port: int) -> httpx.AsyncBaseTransport:
        key = (scheme, host, port)
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = self._new_network()
            if len(self._pools) > _MAX_POOLS:
                _, oldest = self._pools.popitem(last=False)
                closing = asyncio.get_running_loop().create_task(oldest.aclose())
                self._closing.add(closing)  # a task nobody holds may be collected mid-way
                closing.add_done_callback(self._closing.discard)
        self._pools.move_to_end(key)
        return pool

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            await pool.aclose()


def _pinned(request: httpx.Request, address: str) -> httpx.Request:
    """``request`` sent to ``address``: same Host header, and the name as TLS SNI (the
    certificate is verified against it)."""
    extensions = dict(request.extensions)
    if request.url.scheme == "https":
        extensions["sni_hostname"] = request.url.host
    headers = request.headers.copy()
    headers.setdefault("Host", request.url.netloc.decode("ascii"))
    return httpx.Request(request.method, request.url.copy_with(host=address), headers=headers,
                         stream=request.stream, extensions=extensions)


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
                if not again and not isinstance(exc, _NOT_SENT):
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
        self.resends = resends

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


L = TypeVar("L", bound=Limiter)


@dataclass
class HttpLayer:
    """Process-wide: the pooled client, sandbox mounts and the per-store limiters."""

    allow_private: bool = False
    timeout_s: float = 30.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    mounts: dict[str, httpx.AsyncBaseTransport] = field(default_factory=dict)
    #: Webhook callbacks may be on loopback (``anycart demo``: the receiver is on this machine);
    #: private networks stay closed, and store URLs are not affected.
    allow_loopback_callbacks: bool = False
    #: How hosts are resolved and how their pools are built (tests put fakes here).
    resolver: Resolver = resolve
    network: NetworkFactory | None = None
    _client: httpx.AsyncClient | None = None
    _guarded: _GuardedTransport | None = None
    _limiters: dict[str, Any] = field(default_factory=dict)

    def mount(self, host: str, app: Any) -> None:
        """Serve ``host`` from an in-process ASGI app (a platform simulator)."""
        self.mounts[host] = httpx.ASGITransport(app=app)

    def is_mounted(self, url: str) -> bool:
        return httpx.URL(url).host in self.mounts

    @property
    def transport(self) -> httpx.AsyncBaseTransport:
        """The process-wide guarded transport (mounts, SSRF guard, pools) under every stack."""
        if self._guarded is None:
            self._guarded = _GuardedTransport(self.mounts, self.allow_private, self.resolver,
                                              self.network)
        return self._guarded

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                transport=self.transport,
                timeout=self.timeout_s,
                limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
            )
        return self._client

    def limiter(self, key: str, make: Callable[[], L]) -> L:
        """The limiter of one store (``make()`` the first time), shared by every request to
        it from this process."""
        limiter = self._limiters.get(key)
        if limiter is None:
            limiter = self._limiters[key] = make()
        return limiter

    def bucket(self, key: str, budget: BucketBudget, clock: Clock | None = None) -> ClientBucket:
        """The leaky bucket of one store (see :meth:`limiter`)."""
        return self.limiter(key, lambda: ClientBucket(budget, clock))

    def stack(self, limiter: Limiter | None = None,
              auth: httpx.Auth | None = None) -> httpx.AsyncBaseTransport:
        """Retry over auth over rate limit over the shared guarded transport."""
        transport = self.transport
        if limiter is not None:
            transport = RateLimitTransport(limiter, transport)
        if auth is not None:
            transport = AuthTransport(auth, transport)
        return RetryTransport(transport, self.retry)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
        elif self._guarded is not None:
            await self._guarded.aclose()
        self._guarded = None

    async def send(self, request: httpx.Request, bucket: Limiter | None = None, *,
                   idempotent: bool | None = None, auth: httpx.Auth | None = None
                   ) -> httpx.Response:
        """Send through :meth:`stack` (see :class:`RetryTransport` for what is repeated).
        ``idempotent=True``: a POST that carries an idempotency key the platform honours may
        be sent again; ``False``: this PUT/DELETE may not."""
        if idempotent is not None:
            request.extensions = {**request.extensions, IDEMPOTENT: idempotent}
        return await deliver(self.stack(bucket, auth), request)


def _not_resent(what: str, error: str) -> str:
    return (f"{what} failed ({error}) after it may have reached the platform; it is not sent "
            "again, as repeating it could apply it twice: check whether it was applied.")
