"""Which tenant (store, shop) a request is for, kept in the ASGI scope's ``state``.

Simulators serve many stores from one app; the middlewares of this package find the store
once (:class:`TenantMiddleware`, or an authenticator) and later pieces read it with
:func:`tenant_of`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
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
