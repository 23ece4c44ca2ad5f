"""The OAuth 2.0 authorization-code flow of a platform's app store, and app callbacks.

:class:`CodeFlow` serves ``GET authorize`` (checks the app, ``redirect_uri`` and
``response_type=code``, picks the tenant, redirects back with a single-use ``code`` and the
``state``) and ``POST token`` (a form-encoded code exchange: ``grant_type``, ``code``,
``client_id``, ``client_secret``). A platform subclasses it for what differs: how the tenant is
chosen (:meth:`CodeFlow.tenant`), how a token is issued (:meth:`CodeFlow.issue`, which may ask
the app's callback first) and the token answer (:meth:`CodeFlow.token_body`).
:meth:`CodeFlow.post` delivers a JSON callback and logs the outcome.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response


@dataclass
class OAuthApp:
    client_id: str
    client_secret: str
    callback_url: str | None = None


@dataclass
class Grant:
    app: OAuthApp
    tenant: Any
    redirect_uri: str


@dataclass
class CallbackOutcome:
    url: str
    payload: dict[str, Any]
    status: int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


def _text(text: str, status: int = 400, media: str = "text/plain") -> Response:
    return Response(text, status_code=status, media_type=media)


def _json(data: Any, status: int) -> Response:
    return Response(json.dumps(data), status_code=status,
                    media_type="application/json; charset=utf-8")


@dataclass
class CodeFlow:
    """Registered apps, pending codes, the callback log and the two endpoints."""

    callback_client: httpx.AsyncClient | None = None
    apps: dict[str, OAuthApp] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)
    callbacks: list[CallbackOutcome] = field(default_factory=list)

    # -- hooks -----------------------------------------------------------------------------
    def tenant(self, query: QueryParams) -> Any:
        """The tenant the merchant authorizes, or a Response to answer instead."""
        raise NotImplementedError

    async def issue(self, grant: Grant) -> str | None:
        """A new token for the grant, or None when it cannot be issued."""
        return secrets.token_hex(16)

    def token_body(self, token: str) -> dict[str, Any]:
        return {"access_token": token, "token_type": "bearer"}

    # -- registry --------------------------------------------------------------------------
    def add(self, client_id: str, client_secret: str, callback_url: str | None = None) -> OAuthApp:
        app = self.apps[client_id] = OAuthApp(client_id, client_secret, callback_url)
        return app

    def grant(self, app: OAuthApp, tenant: Any, redirect_uri: str) -> str:
        code = secrets.token_hex(16)
        self.grants[code] = Grant(app, tenant, redirect_uri)
        return code

    # -- endpoints -------------------------------------------------------------------------
    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        app = self.apps.get(q.get("client_id", ""))
        redirect_uri = q.get("redirect_uri")
        if app is None or not redirect_uri or q.get("response_type") != "code":
            return _text("invalid_request")
        tenant = self.tenant(q)
        if isinstance(tenant, Response):
            return tenant
        params = {"code": self.grant(app, tenant, redirect_uri), "state": q.get("state", "")}
        sep = "&" if "?" in redirect_uri else "?"
        return RedirectResponse(redirect_uri + sep + urlencode(params), status_code=302)

    async def token(self, request: Request) -> Response:
        if not request.headers.get("content-type", "").startswith(
                "application/x-www-form-urlencoded"):
            return Response(status_code=415)
        # parsed here rather than request.form(): no python-multipart dependency
        pairs = parse_qsl((await request.body()).decode("utf-8", "replace"))
        form = {k.lower(): v for k, v in pairs}
        grant = self.grants.get(form.get("code", ""))
        if (form.get("grant_type") != "authorization_code" or grant is None
                or grant.app.client_id != form.get("client_id")
                or grant.app.client_secret != form.get("client_secret")):
            return _json({"error": "invalid_grant"}, 400)
        del self.grants[form["code"]]  # codes are single use
        token = await self.issue(grant)
        if token is None:
            return _json({"error": "Server not Responding"}, 400)
        return _json(self.token_body(token), 200)

    # -- callbacks -------------------------------------------------------------------------
    async def post(self, url: str, payload: dict[str, Any]) -> CallbackOutcome:
        """POST ``payload`` as JSON to ``url``; the outcome is logged in ``callbacks``."""
        outcome = CallbackOutcome(url, payload, None)
        try:
            if self.callback_client is not None:
                resp = await self.callback_client.post(url, json=payload)
            else:
                async with httpx.AsyncClient(timeout=10) as client:
                    resp = await client.post(url, json=payload)
            outcome.status = resp.status_code
        except httpx.HTTPError as exc:
            outcome.error = repr(exc)
        self.callbacks.append(outcome)
        return outcome
