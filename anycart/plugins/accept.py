"""A decrypted callback applied to an account, through the same repository and bridge
connection check as ``account.cart.add``.

``connect``: the store is added (or, when the account already has that store URL for that
cart, its bridge keys replaced: every Connect makes new ones), after the bridge answered a
signed ``checkbridge``. ``disconnect`` (the plugin was uninstalled and removed its bridge):
the store is marked disconnected (``stores.disconnected_at``) and loses its bridge keys, but only when the callback
carries the store's current secret, which only its bridge had.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from anycart.connect.callback import Callback
from anycart.connect.errors import PluginError
from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.platform import BridgePlatform
from anycart.services import Services
from anycart.storage.models import Store, utcnow
from anycart.storage.repository import StoreRecord


@dataclass
class Accepted:
    store_key: str
    event: str
    store_url: str


def _platform(services: Services, cart_id: str) -> type[BridgePlatform]:
    platform = services.gateway.registry.get(cart_id)
    if platform is None or not issubclass(platform, BridgePlatform):
        raise PluginError(f"x-webhook-cart-id '{cart_id}' is not a bridge cart of this server",
                          ReturnCode.PLATFORM_ERROR)
    return platform


def _credentials(callback: Callback) -> dict[str, Any]:
    f = callback.fields
    if not f.bridge_public_key:
        raise PluginError("the connect callback carries no bridge_public_key")
    return {"store_url": f.store_url.rstrip("/"), "bridge_url": f.bridge_url,
            "store_root": f.store_root, "bridge_secret": f.store_key,
            "bridge_public_key": f.bridge_public_key}


async def accept(services: Services, account_id: int, callback: Callback,
                 verify: bool = True) -> Accepted:
    platform = _platform(services, callback.cart_id)
    store_url = callback.fields.store_url.strip().rstrip("/")
    existing = services.repo.find_store_by_url(account_id, platform.cart_id, store_url)
    if callback.fields.event == "disconnect":
        return _disconnect(services, existing, callback)
    credentials = _credentials(callback)
    if verify:
        probe = StoreRecord(id=0, account_id=account_id, store_key="", cart_id=platform.cart_id,
                            store_url=store_url, label="", credentials=credentials,
                            created_at=None)  # type: ignore[arg-type]
        try:
            await platform.connect(probe, services.gateway.http,
                                   services.gateway.platform_settings).check_connection()
        except ApiError as err:
            raise PluginError(f"the store's bridge does not answer: {err.message}",
                              err.code) from None
    if existing is not None:
        services.repo.update_store(account_id, existing.store_key,
                                   credentials={**existing.credentials, **credentials})
        _mark(services, existing.id, disconnected=False)
        return Accepted(existing.store_key, "connect", store_url)
    store = services.repo.add_store(account_id, platform.cart_id, store_url, "", credentials)
    return Accepted(store.store_key, "connect", store_url)


def _mark(services: Services, store_id: int, *, disconnected: bool) -> None:
    with services.db.session() as s:
        s.get_one(Store, store_id).disconnected_at = utcnow() if disconnected else None


def _disconnect(services: Services, store: StoreRecord | None, callback: Callback) -> Accepted:
    secret = str((store.credentials if store else {}).get("bridge_secret", ""))
    if store is None or not hmac.compare_digest(secret, callback.fields.store_key):
        raise PluginError("no connected store of this account has that store_url and key",
                          ReturnCode.STORE_NOT_FOUND)
    # Its bridge is gone, and with it the keys' other half: AnyCart stops using them.
    kept = {k: v for k, v in store.credentials.items()
            if k not in ("bridge_secret", "bridge_public_key")}
    services.repo.update_store(store.account_id, store.store_key, credentials=kept)
    _mark(services, store.id, disconnected=True)
    return Accepted(store.store_key, "disconnect", store.store_url)


def disconnected_at(services: Services, store_id: int) -> datetime | None:
    """When the store's plugin was uninstalled; None while it is connected."""
    with services.db.session() as s:
        return s.get_one(Store, store_id).disconnected_at
