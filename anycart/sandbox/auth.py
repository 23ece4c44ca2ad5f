"""Auth middleware: a request passes only with credentials its tenant accepts.

An authenticator is a callable ``request -> tenant | None``: :class:`HeaderToken` (one or
more headers, e.g. Shift4Shop's ``PrivateKey`` + ``Token``, Shopify's
``X-Shopify-Access-Token``) and :class:`Basic` (``Authorization: Basic``, e.g. WooCommerce
keys). Each first finds the tenant (``tenant=``, by default the one already in the scope) and
then asks ``accepts(tenant, *credentials)``. OAuth 1.0a verification plugs in the same way.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from .tenants import FindTenant, set_tenant, tenant_of

Authenticator = Callable[[Request], Any]
Accepts = Callable[..., bool]


class HeaderToken:
    """Credentials in ``headers`` (all required, names case-insensitive)."""

    def __init__(self, *headers: str, accepts: Accepts, tenant: FindTenant = tenant_of) -> None:
        self.headers, self.accepts, self.tenant = headers, accepts, tenant

    def __call__(self, request: Request) -> Any:
        tenant = self.tenant(request)
        values = [request.headers.get(h) for h in self.headers]
        if tenant is None or any(v is None for v in values):
            return None
        return tenant if self.accepts(tenant, *values) else None


def basic_credentials(value: str | None) -> tuple[str, str] | None:
    """(user, password) of an ``Authorization: Basic`` value, or None."""
    scheme, _, encoded = (value or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(encoded.strip(), validate=True).decode()
        user, sep, password = decoded.partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return (user, password) if sep else None


class Basic:
    """HTTP Basic: ``accepts(tenant, user, password)``."""

    def __init__(self, accepts: Accepts, tenant: FindTenant = tenant_of) -> None:
        self.accepts, self.tenant = accepts, tenant

    def __call__(self, request: Request) -> Any:
        tenant = self.tenant(request)
        creds = basic_credentials(request.headers.get("authorization"))
        if tenant is None or creds is None:
            return None
        return tenant if self.accepts(tenant, *creds) else None


class AuthMiddleware:
    """Answer ``deny(request)`` (a 401 in the platform's shape) unless ``check`` finds the
    tenant; the tenant found is stored for the pieces after."""

    def __init__(self, app: ASGIApp, check: Authenticator,
                 deny: Callable[[Request], Response]) -> None:
        self.app, self.check, self.deny = app, check, deny

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        tenant = self.check(request)
        if tenant is None:
            await self.deny(request)(scope, receive, send)
            return
        set_tenant(scope, tenant)
        await self.app(scope, receive, send)
