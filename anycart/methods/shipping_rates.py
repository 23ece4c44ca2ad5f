"""A store's rate request (``POST /shipping/<id>/rates``, anycart/http/shipping_routes.py):
the native request checked and unified (Shopify: :mod:`anycart.platforms.shopify.rates`),
sent signed with ``X-Shipping-Service-Id`` (:func:`anycart.shipping.callback.ask`), the
answer translated back, the service's error count moved either way.

Checkout waits on this, so the service, its store and the account's signing key are read
once and kept ``CACHE_S`` seconds (dropped at once when this process changes the service: a
failure, a delete); a success writes only when the count was not already 0.
"""

from __future__ import annotations

import dataclasses
import logging
import time
import weakref
from dataclasses import dataclass
from typing import Any, Protocol

from pydantic import ValidationError

from anycart.concurrency import in_thread
from anycart.config import Settings
from anycart.errors import ApiError, ReturnCode
from anycart.events import PushRejected
from anycart.platforms import woocommerce_shipping as woo
from anycart.platforms.magento2_api import shipping as magento
from anycart.platforms.shopify import rates as shopify
from anycart.shipping import callback as cb
from anycart.shipping import services
from anycart.shipping.native import NativeRates
from anycart.storage.db import Database
from anycart.storage.repository import Repository, StoreRecord
from anycart.transport.http import HttpLayer
from anycart.webhooks.outbox import account_secret

log = logging.getLogger("anycart.shipping")

#: How each platform asks for rates, by cart_id. WooCommerce's method and Magento's carrier
#: sign with a key derived from a store secret AnyCart keeps (WooCommerce REST: the consumer
#: secret; the bridge: its secret; Magento: the integration's access token).
NATIVE: dict[str, NativeRates] = {"Shopify": shopify.NATIVE,
                                  "WoocommerceApi": woo.native("wc_consumer_secret"),
                                  "Woocommerce": woo.native("bridge_secret"),
                                  "Magento2Api": magento.NATIVE}

#: Seconds a service read for a rate request is reused (another process's delete or
#: turning-off reaches this one within it).
CACHE_S = 5.0


class Wiring(Protocol):
    """What a rate request needs of :class:`anycart.services.Services` (a layer above)."""

    settings: Settings
    db: Database
    repo: Repository
    http: HttpLayer


@dataclass(frozen=True)
class Target:
    service: services.Service
    store: StoreRecord
    key: str


_cache: weakref.WeakKeyDictionary[Database, dict[int, tuple[float, Target]]] = (
    weakref.WeakKeyDictionary())


def forget(db: Database, service_id: int | None = None) -> None:
    """Drop what is kept of one service (every service: None) of ``db``."""
    kept = _cache.get(db)
    if kept is not None:
        kept.clear() if service_id is None else kept.pop(service_id, None)


def _read(app: Wiring, service_id: int) -> Target | None:
    service = services.get(app.db, service_id)
    if service is None or not service.active:
        return None
    store = app.repo.get_store_by_id(service.store_id)
    if store is None:
        return None
    return Target(service, store, account_secret(app.db, store.account_id))


async def _target(app: Wiring, service_id: int) -> Target | None:
    kept = _cache.setdefault(app.db, {})
    hit = kept.get(service_id)
    now = time.monotonic()
    if hit is not None and hit[0] > now:
        return hit[1]
    target = await in_thread(_read, app, service_id)
    if target is None:
        kept.pop(service_id, None)
    else:
        kept[service_id] = (now + CACHE_S, target)
    return target


class Refused(Exception):
    """The rate request is not for a known, enabled service (HTTP ``status``)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def answer(app: Wiring, service_id: int, headers: dict[str, str],
                 body: bytes) -> dict[str, Any]:
    """The store's answer to its rate request; :class:`Refused` or ApiError (109) else."""
    target = await _target(app, service_id)
    if target is None:
        raise Refused(404, f"no enabled shipping service {service_id}")
    native = NATIVE.get(target.store.cart_id)
    if native is None:
        raise Refused(404, f"platform {target.store.cart_id} does not ask for rates here yet")
    try:
        native.check(target.store.credentials, headers, body)
    except PushRejected as exc:
        raise Refused(401, str(exc)) from None
    try:
        request, currency = native.unified(body)
    except ValidationError as exc:
        raise ApiError(ReturnCode.INCORRECT_REQUEST,
                       f"Incorrect rate request: {exc.errors(include_url=False)[0]['msg']}"
                       ) from None
    service = target.service
    try:
        got = await cb.ask(app.http, service.callback, request, target.key,
                           service.id, cb.Rules.of(app.settings))
    except ApiError as err:
        log.warning("shipping service %s: %s", service.id, err.message)
        now = await in_thread(services.failed, app.db, service.id, err.message,
                              app.settings.shipping_error_limit)
        _keep(app.db, target, now)
        raise
    if service.error_count:
        await in_thread(services.succeeded, app.db, service)
        _keep(app.db, target, dataclasses.replace(service, error_count=0))
    return native.answered(got, currency)


def _keep(db: Database, target: Target, service: services.Service | None) -> None:
    """The service as this process just wrote it (gone or off: nothing kept)."""
    if service is None or not service.active:
        forget(db, target.service.id)
    elif (kept := _cache.get(db)) is not None and service.id in kept:
        kept[service.id] = (kept[service.id][0], dataclasses.replace(target, service=service))
