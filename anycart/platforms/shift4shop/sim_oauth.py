"""Apps, the OAuth code flow and CallBackURL notifications of the Shift4Shop API.

An app is its public key (``client_id``), private key (``client_secret`` and the
``PrivateKey`` header) and an optional CallBackURL. When a merchant authorizes an app the
platform POSTs ``{"PublicKey","TimeStamp","TokenKey","Action":"AUTHORIZE","SecureURL"}`` to
that URL and completes the subscription only on a 200 answer; ``REMOVE`` is sent on
unsubscribe. TimeStamp is US Eastern time, ``MM-DD-YYYY HH:MM:SS``.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httpx
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from .sim_store import SimulatedStore, SimulatedStores

try:
    from zoneinfo import ZoneInfo

    _EASTERN: Any = ZoneInfo("America/New_York")
except Exception:  # no tz database: fixed EST
    _EASTERN = timezone(timedelta(hours=-5))


@dataclass
class App:
    public_key: str
    private_key: str
    callback_url: str | None = None


@dataclass
class CallbackOutcome:
    url: str
    payload: dict[str, str]
    status: int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class _Grant:
    app: App
    store: SimulatedStore
    redirect_uri: str


def _text(text: str, status: int = 400, media: str = "text/plain") -> Response:
    return Response(text, status_code=status, media_type=media)


def _json(data: Any, status: int) -> Response:
    return Response(json.dumps(data), status_code=status,
                    media_type="application/json; charset=utf-8")


@dataclass
class Apps:
    """Registered apps, pending authorization codes, the CallBackURL delivery log and the
    ``/oauth/authorize`` and ``/oauth/token`` endpoints."""

    stores: SimulatedStores
    callback_client: httpx.AsyncClient | None = None
    apps: dict[str, App] = field(default_factory=dict)
    grants: dict[str, _Grant] = field(default_factory=dict)
    callbacks: list[CallbackOutcome] = field(default_factory=list)

    def add(self, public_key: str, private_key: str, callback_url: str | None = None) -> App:
        app = self.apps[public_key] = App(public_key, private_key, callback_url)
        return app

    def grant(self, app: App, store: SimulatedStore, redirect_uri: str) -> str:
        code = secrets.token_hex(16)
        self.grants[code] = _Grant(app, store, redirect_uri)
        return code

    async def notify(self, app: App, store: SimulatedStore, token: str, action: str) -> bool:
        """POST the CallBackURL event; True when there is no URL or it answered 200."""
        if not app.callback_url:
            return True
        payload = {
            "PublicKey": app.public_key,
            "TimeStamp": datetime.now(_EASTERN).strftime("%m-%d-%Y %H:%M:%S"),
            "TokenKey": token,
            "Action": action,
            "SecureURL": "https://" + store.key,
        }
        outcome = CallbackOutcome(app.callback_url, payload, None)
        try:
            if self.callback_client is not None:
                resp = await self.callback_client.post(app.callback_url, json=payload)
            else:
                async with httpx.AsyncClient(timeout=10) as client:
                    resp = await client.post(app.callback_url, json=payload)
            outcome.status = resp.status_code
        except httpx.HTTPError as exc:
            outcome.error = repr(exc)
        self.callbacks.append(outcome)
        return outcome.ok

    async def subscribe(self, app: App, store: SimulatedStore) -> str | None:
        """A new token of ``app`` for ``store``, or None when the CallBackURL refused it."""
        token = secrets.token_hex(16)
        if not await self.notify(app, store, token, "AUTHORIZE"):
            return None
        store.authorize(app.private_key, token)
        return token

    async def unsubscribe(self, app: App, store: SimulatedStore) -> bool:
        tokens = [t for t, key in store.tokens.items() if key == app.private_key]
        for t in tokens:
            del store.tokens[t]
        return await self.notify(app, store, tokens[0] if tokens else "", "REMOVE")

    async def authorize_page(self, request: Request) -> Response:
        q = request.query_params
        app = self.apps.get(q.get("client_id", ""))
        redirect_uri = q.get("redirect_uri")
        if app is None or not redirect_uri or q.get("response_type") != "code":
            return _text("invalid_request")
        if not q.get("store_url"):
            # The real service shows a page asking for the store URL.
            return _text("<form><input name='store_url'></form>", 200, "text/html")
        store = self.stores.get(q["store_url"])
        if store is None:
            return _text("unknown store")
        params = {"code": self.grant(app, store, redirect_uri), "state": q.get("state", "")}
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
                or grant.app.public_key != form.get("client_id")
                or grant.app.private_key != form.get("client_secret")):
            return _json({"error": "invalid_grant"}, 400)
        del self.grants[form["code"]]  # codes are single use
        token = await self.subscribe(grant.app, grant.store)
        if token is None:
            return _json({"error": "Server not Responding"}, 400)
        return _json({"access_token": token, "token_type": "bearer", "user_id": 0}, 200)
