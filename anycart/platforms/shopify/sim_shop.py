"""Access scopes, carrier services and webhook subscriptions.

A carrier service needs a ``name`` (unique: "<name> is already configured") and a
``callback_url``. A webhook subscription's ``address`` is an absolute ``https://`` URL (plain
http can be allowed for loopback sandboxes), its ``topic`` one Shopify knows, ``format``
json or xml, one subscription per topic and address (deliveries:
:meth:`.sim_store.SimulatedShop.fire`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx

from anycart.sandbox import values as v_
from anycart.sandbox.forms import Form, Unique
from anycart.sandbox.rates import ask
from anycart.sandbox.table import Record
from anycart.sandbox.values import Errors, url_errors
from anycart.sandbox.webhooks import hmac_signer

from .sim_store import FACTS, RECORDS, UNLISTED, Crud, Ctx, SimulatedShop, new_id, stamp

SCOPES: list[str] = FACTS["access_scopes"]


# -- carrier services ---------------------------------------------------------------------
def _callback_url(ctx: Ctx, c: Record, body: Mapping[str, Any], errors: Errors) -> None:
    if url := url_errors(c["callback_url"]):
        errors["callback_url"] = url


_FORMAT = v_.one_of("json", "xml")
CARRIER = Form("carrier_services", RECORDS["carrier_service"], rules={
    "name": v_.stripped, "callback_url": v_.stripped, "active": v_.flag,
    "service_discovery": v_.flag, "format": _FORMAT}, required=("name",),
    unique=(Unique("name", "{name} is already configured", at="base"),),
    hooks=(_callback_url,), start=new_id("carrier_service"))
CARRIER_SERVICES = Crud("carrier_services", "carrier_service",
                        UNLISTED, CARRIER.create,
                        CARRIER.update)

#: Shopify gives a carrier service this long to answer a rate request at checkout.
RATE_TIMEOUT_S = 10.0


async def request_rates(shop: SimulatedShop, client: httpx.AsyncClient,
                        rate: Mapping[str, Any]) -> list[Record]:
    """Checkout: Shopify POSTs ``{"rate": ...}`` to every active carrier service's
    ``callback_url``, signed like its webhooks (``X-Shopify-Hmac-Sha256``: base64 HMAC-SHA256
    of the body with the app's shared secret), and shows the ``rates`` of those that answer
    200 in time (:func:`anycart.sandbox.rates.ask`); a service that fails is left out (the
    shop falls back to its own rates)."""
    body = json.dumps({"rate": dict(rate)}, separators=(",", ":")).encode()
    headers = {"X-Shopify-Shop-Domain": shop.domain,
               **hmac_signer("X-Shopify-Hmac-Sha256", lambda: shop.shared_secret)(body)}
    shown: list[Record] = []
    for service in list(shop.data.carrier_services.values()):
        if service.get("active"):
            answer = await ask(client, service["callback_url"], body, headers, RATE_TIMEOUT_S)
            shown.extend((answer.get("rates") if isinstance(answer, dict) else None) or [])
    return shown


# -- webhook subscriptions ----------------------------------------------------------------
def _strip(errors: Errors, name: str, value: Any, current: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def webhooks(allow_http: bool) -> Crud:
    def subscription(ctx: Ctx, hook: Record, body: Mapping[str, Any], errors: Errors) -> None:
        subscriptions = ctx.data.subscriptions(allow_http)
        errors.update(subscriptions.errors(hook))  # the format is the schema's enum
        if not errors:
            subscriptions.duplicate(hook, hook["id"] if hook["id"] in ctx.data.webhooks
                                    else None, errors)

    form = Form("webhooks", RECORDS["webhook"], rules={
        "address": _strip, "topic": _strip, "format": _strip, "fields": v_.strings},
        hooks=(subscription,),
        start=lambda ctx: {"id": ctx.data.ids.next("webhook"), "api_version": ctx.version},
        stamp=stamp)
    return Crud("webhooks", "webhook", UNLISTED,
                form.create, form.update)
