"""Apps, the OAuth code flow and CallBackURL notifications of the Shift4Shop API.

An app is its public key (``client_id``), private key (``client_secret`` and the
``PrivateKey`` header) and an optional CallBackURL. The merchant picks the store by
``store_url``. When a merchant authorizes an app the platform POSTs
``{"PublicKey","TimeStamp","TokenKey","Action":"AUTHORIZE","SecureURL"}`` to that URL and
completes the subscription only on a 200 answer; ``REMOVE`` is sent on unsubscribe.
TimeStamp is US Eastern time, ``MM-DD-YYYY HH:MM:SS``.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from starlette.datastructures import QueryParams
from starlette.responses import Response

from anycart.sandbox.oauth import CallbackOutcome, CodeFlow, Grant, OAuthApp

from .sim_store import SimulatedStore, SimulatedStores

__all__ = ["App", "Apps", "CallbackOutcome"]

App = OAuthApp

try:
    from zoneinfo import ZoneInfo

    _EASTERN: Any = ZoneInfo("America/New_York")
except Exception:  # no tz database: fixed EST
    _EASTERN = timezone(timedelta(hours=-5))


@dataclass
class Apps(CodeFlow):
    """Shift4Shop's app store: tokens are issued only if the CallBackURL accepts them."""

    stores: SimulatedStores | None = None

    def tenant(self, query: QueryParams) -> Any:
        if not query.get("store_url"):
            # The real service shows a page asking for the store URL.
            return Response("<form><input name='store_url'></form>", media_type="text/html")
        store = self.stores.get(query["store_url"]) if self.stores is not None else None
        return store or Response("unknown store", status_code=400, media_type="text/plain")

    async def issue(self, grant: Grant) -> str | None:
        return await self.subscribe(grant.app, grant.tenant)

    def token_body(self, token: str) -> dict[str, Any]:
        return {"access_token": token, "token_type": "bearer", "user_id": 0}

    async def subscribe(self, app: App, store: SimulatedStore) -> str | None:
        """A new token of ``app`` for ``store``, or None when the CallBackURL refused it."""
        token = secrets.token_hex(16)
        if not await self.notify(app, store, token, "AUTHORIZE"):
            return None
        store.authorize(app.client_secret, token)
        return token

    async def unsubscribe(self, app: App, store: SimulatedStore) -> bool:
        tokens = [t for t, key in store.tokens.items() if key == app.client_secret]
        for t in tokens:
            del store.tokens[t]
        return await self.notify(app, store, tokens[0] if tokens else "", "REMOVE")

    async def notify(self, app: App, store: SimulatedStore, token: str, action: str) -> bool:
        """POST the CallBackURL event; True when there is no URL or it answered 200."""
        if not app.callback_url:
            return True
        return (await self.post(app.callback_url, {
            "PublicKey": app.client_id,
            "TimeStamp": datetime.now(_EASTERN).strftime("%m-%d-%Y %H:%M:%S"),
            "TokenKey": token, "Action": action, "SecureURL": "https://" + store.key})).ok
