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
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from anycart.transport.ratelimit import BucketBudget, ClientBucket, Clock
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


@dataclass
class HttpLayer:
    """Process-wide: the pooled client, sandbox mounts and the per-store buckets."""

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
                transport=_GuardedTransport(self.mounts, self.allow_private, self.resolver,
                                            self.network),
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

    async def send(self, request: httpx.Request, bucket: ClientBucket | None = None, *,
                   idempotent: bool | None = None) -> httpx.Response:
        """Send with retries. Only a request safe to repeat is sent again after it may have
        reached the platform (a timeout after sending, a 5xx): by its method, or
        ``idempotent=True`` from a connector whose POST carries an idempotency key the platform
        honours. Otherwise a create could run twice; it answers store-unreachable instead.
        A request that never left (connection refused, 429) is always retried."""
        repeatable = request.method in IDEMPOTENT_METHODS if idempotent is None else idempotent
        what = f"{request.method} {request.url.path}"
        last_error: str = ""
        for attempt in range(self.retry.attempts):
            if bucket is not None:
                await bucket.acquire()
            try:
                response = await self.client.send(request)
            except httpx.TransportError as exc:
                last_error = f"{type(exc).__name__}: {exc}"
                if isinstance(exc, UnsafeDestination):
                    raise PlatformUnavailable(str(exc)) from None
                if not repeatable and not isinstance(exc, _NOT_SENT):
                    raise PlatformUnavailable(_not_resent(what, last_error)) from None
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
            if response.status_code >= 500 and not repeatable:
                await response.aclose()
                raise PlatformUnavailable(_not_resent(what, f"HTTP {response.status_code}"))
            if response.status_code >= 500 and attempt + 1 < self.retry.attempts:
                last_error = f"HTTP {response.status_code}"
                await response.aclose()
                await asyncio.sleep(self.retry.delay(attempt))
                continue
            return response
        raise PlatformUnavailable(f"{what} failed after {self.retry.attempts} attempts "
                                  f"({last_error})")


def _not_resent(what: str, error: str) -> str:
    return (f"{what} failed ({error}) after it may have reached the platform; it is not sent "
            "again, as repeating it could apply it twice: check whether it was applied.")


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
