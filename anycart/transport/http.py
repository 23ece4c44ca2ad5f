"""The one HTTP client layer every connector talks through.

:class:`HttpLayer` is process-wide: its guarded transport (``_GuardedTransport``) is the
bottom of every request: hosts mounted to in-process ASGI simulators never touch the network;
every other destination is resolved and checked by the SSRF guard; connection pools per
origin. Over it, per store or per call, the wrapping transports of :mod:`.layers` (retry,
auth, rate limit): :meth:`HttpLayer.stack` composes them and :meth:`HttpLayer.send` sends
through them.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from anycart.transport.layers import (
    IDEMPOTENT,
    IDEMPOTENT_METHODS,
    NOT_SENT,
    AuthTransport,
    PlatformUnavailable,
    RateLimitTransport,
    RetryPolicy,
    RetryTransport,
    UnsafeDestination,
    deliver,
    repeatable,
)
from anycart.transport.ratelimit import BucketBudget, ClientBucket, Clock, Limiter
from anycart.transport.ssrf import UnsafeURLError, check_addresses, resolve

__all__ = ["IDEMPOTENT", "IDEMPOTENT_METHODS", "LOOPBACK_OK", "AuthTransport", "HttpLayer",
           "PlatformUnavailable", "RateLimitTransport", "RetryPolicy", "RetryTransport",
           "UnsafeDestination", "deliver", "repeatable"]

Resolver = Callable[[str, int], Awaitable[list[str]]]
#: Builds one network transport (one connection pool) for one origin.
NetworkFactory = Callable[[], httpx.AsyncBaseTransport]

#: Request extension set by the webhook delivery when its callback may be on loopback
#: (:attr:`HttpLayer.allow_loopback_callbacks`): an extension, so no user input can set it.
LOOPBACK_OK = "anycart.loopback_ok"

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
            except NOT_SENT:
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


