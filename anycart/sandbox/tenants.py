"""Which tenant (store, shop) a request is for, kept in the ASGI scope's ``state``.

Simulators serve many stores from one app; the middlewares of this package find the store
once (:class:`TenantMiddleware`, or an authenticator) and later pieces read it with
:func:`tenant_of`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

#: request -> the tenant, or None when there is none
FindTenant = Callable[[Request], Any]
_KEY = "sandbox.tenant"
T = TypeVar("T")


class Registry(Generic[T]):
    """The tenants a simulator serves, keyed by ``normalize(name)`` (a host, a store URL):
    however a request spells the name, it finds the same tenant."""

    def __init__(self, normalize: Callable[[str], str]) -> None:
        self.normalize = normalize
        self._tenants: dict[str, T] = {}

    def put(self, name: str, tenant: T) -> T:
        self._tenants[self.normalize(name)] = tenant
        return tenant

    def get(self, name: str | None) -> T | None:
        return self._tenants.get(self.normalize(name)) if name else None

    def find(self, name: str) -> T:
        """The tenant called ``name``; ``KeyError`` when there is none."""
        tenant = self.get(name)
        if tenant is None:
            raise KeyError(name)
        return tenant

    def __iter__(self) -> Iterator[T]:
        return iter(self._tenants.values())

    def __len__(self) -> int:
        return len(self._tenants)


Clock = Callable[[], datetime]


class Stores(Registry[T]):
    """Stores kept by host on one clock, each made by ``make(host, clock)`` and seeded when
    first added: same seeding and anchor (default: midnight UTC of the clock's day), same
    data; adding a known host again only adds what the caller adds (one more key)."""

    def __init__(self, make: Callable[[str, Clock], T], now: Clock | None = None) -> None:
        super().__init__(host_key)
        self.make = make
        self.now: Clock = now or (lambda: datetime.now(UTC))

    def seeded(self, host: str, seed: Callable[[T, datetime], None],
               anchor: datetime | None = None) -> T:
        """The store of ``host``; a new one is made and ``seed(store, anchor)`` fills it."""
        store = self.get(host)
        if store is None:
            store = self.put(host, self.make(host_key(host), self.now))
            day = self.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
            seed(store, anchor or day)
        return store


def host_key(value: str) -> str:
    """A host (or a URL naming one) as a registry key: no scheme, path, port or trailing
    dot; lower case."""
    host = value.strip().lower()
    for prefix in ("https://", "http://"):
        host = host.removeprefix(prefix)
    return host.split("/", 1)[0].split(":", 1)[0].rstrip(".")


def tenant_of(conn: HTTPConnection) -> Any:
    """The tenant found for this request (None before any middleware found one)."""
    return conn.scope.get("state", {}).get(_KEY)


def set_tenant(scope: Scope, tenant: Any) -> None:
    scope.setdefault("state", {})[_KEY] = tenant


class TenantMiddleware:
    """Find the tenant with ``find`` (by Host, a header...); answer ``missing()`` if none."""

    def __init__(self, app: ASGIApp, find: FindTenant, missing: Callable[[], Response]) -> None:
        self.app, self.find, self.missing = app, find, missing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tenant = self.find(Request(scope))
        if tenant is None:
            await self.missing()(scope, receive, send)
            return
        set_tenant(scope, tenant)
        await self.app(scope, receive, send)
