"""Apps, the OAuth code flow and CallBackURL notifications of the Shift4Shop API.

An app is its public key (``client_id``), private key (``client_secret`` and the
``PrivateKey`` header) and an optional CallBackURL. When a merchant authorizes an app the
platform POSTs ``{"PublicKey","TimeStamp","TokenKey","Action":"AUTHORIZE","SecureURL"}`` to
that URL and completes the subscription only on a 200 answer; ``REMOVE`` is sent on
unsubscribe. TimeStamp is US Eastern time, ``MM-DD-YYYY HH:MM:SS``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import httpx

from .sim_store import SimulatedStore

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


@dataclass
class Apps:
    """Registered apps, pending authorization codes and the CallBackURL delivery log."""

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
