"""``basket.live_shipping_service.create/list/delete`` (see :mod:`anycart.shipping`), served
by AnyCart over the store's own record of a service (Shopify's CarrierService):

- create: the callback passes the SSRF guard, the platform's limit (Shopify: one service per
  store), and a signed test request answered as the FAQ requires; then the service's row is
  made and the platform's record points at AnyCart's rate endpoint
  (``<ANYCART_PUBLIC_URL>/shipping/<id>/rates``), never at the vendor;
- list: the platform's records, each with the vendor's callback and its error count;
- delete: the platform's record and the row.

A store's rate request is :mod:`anycart.methods.shipping_rates`.
"""

from __future__ import annotations

import logging
from typing import Any

from anycart.concurrency import in_thread
from anycart.errors import ApiError, ReturnCode
from anycart.methods.context import Context, Handler
from anycart.platforms.base import Call, Page
from anycart.shipping import callback as cb
from anycart.shipping import services
from anycart.shipping.models import RateRequest
from anycart.shipping.service_methods import CREATE, DELETE, LIST
from anycart.webhooks.outbox import account_secret

from .shipping_rates import NATIVE, forget

log = logging.getLogger("anycart.shipping")

#: Services one store may have, by cart_id (the FAQ: Shopify one; WooCommerce unlimited).
LIMITS: dict[str, int] = {"Shopify": 1}

_PLACE = {"postcode": "35004", "address1": "Test, 1/1", "address2": "", "phone": "",
          "city": "Moody", "country": {"code2": "US", "code3": "USA",
                                       "name": "United States of America"},
          "state": {"code": "AL", "name": "Alabama"}}
#: The test request sent on create: the FAQ's own example package.
SAMPLE = RateRequest.model_validate({"packages": [{
    "id": "1", "currency_code": "USD", "origin": _PLACE,
    "destination": {**_PLACE, "postcode": "35005", "city": "Adamsville"},
    "items": [{"product_id": "1", "model": "t1", "name": "Test Product 1", "price": 100.99,
               "quantity": 5.5, "total_price": 555.45, "tax_percent": 21, "tax_value": 116.64,
               "weight_unit": "kg", "weight": 5.5}]}]})


def rate_url(public_url: str, service_id: int) -> str:
    return f"{public_url.rstrip('/')}/shipping/{service_id}/rates"


async def create(ctx: Context) -> dict[str, Any]:
    store, gateway = ctx.store, ctx.gateway
    assert store is not None
    native = gateway.handler(store, CREATE)  # 120 where the platform has no such record
    gateway.refuse_unapplied(store, CREATE, ctx.params)  # before any request is sent
    name, url = str(ctx.params["name"]).strip(), str(ctx.params["callback"]).strip()
    await ctx.check_reachable_url("callback", url)
    public = gateway.settings.public_url
    if not public:
        raise ApiError(ReturnCode.INCORRECT_REQUEST, "The store asks AnyCart for rates: the "
                       "server needs its public URL (set ANYCART_PUBLIC_URL) first.")
    limit = LIMITS.get(store.cart_id)
    if limit is not None and await in_thread(services.count, ctx.repo.db, store.id) >= limit:
        raise ApiError(ReturnCode.INCORRECT_VALUE, f"{ctx.platform().name} allows {limit} live "
                       "shipping service(s) per store; delete the existing one first.")
    native_rates = NATIVE.get(store.cart_id)
    if native_rates is not None and not store.credentials.get(native_rates.credential):
        raise ApiError(ReturnCode.INCORRECT_VALUE, f"{ctx.platform().name} signs its rate "
                       f"requests: connect the store with {native_rates.credential} first.")
    key = await in_thread(account_secret, ctx.repo.db, ctx.account.id)
    await cb.ask(gateway.http, url, SAMPLE, key, None, cb.Rules.of(gateway.settings))
    row = await in_thread(services.add, ctx.repo.db, store.id, name, url)
    try:
        created: dict[str, Any] = await native(Call(CREATE, {
            **ctx.params, "name": name, "callback": rate_url(public, row.id)}))
    except BaseException:
        await in_thread(services.remove, ctx.repo.db, store.id, service_id=row.id)
        raise
    await in_thread(services.set_platform_id, ctx.repo.db, row.id, str(created["id"]))
    return created


async def listed(ctx: Context) -> Page:
    store = ctx.store
    assert store is not None and ctx.call is not None
    page: Page = await ctx.gateway.handler(store, LIST)(ctx.call)
    ours = await in_thread(services.of_store, ctx.repo.db, store.id)
    for item in page.items:
        if (row := ours.get(str(item.get("id")))) is not None:
            item["callback"] = row.callback
            item["callback_err_cnt"] = row.error_count  # the contract's field
            item["additional_fields"] = {**(item.get("additional_fields") or {}),
                                         "error_count": row.error_count, "enabled": row.active}
    return page


async def delete(ctx: Context) -> dict[str, Any]:
    store = ctx.store
    assert store is not None
    answer: dict[str, Any] = await ctx.gateway.handler(store, DELETE)(Call(DELETE, ctx.params))
    await in_thread(services.remove, ctx.repo.db, store.id, platform_id=str(ctx.params["id"]))
    forget(ctx.repo.db)
    return answer


METHODS: dict[str, Handler] = {CREATE: create, LIST: listed, DELETE: delete}
#: Served by AnyCart around the connector's own: only where the platform serves them.
AROUND_CONNECTOR = frozenset(METHODS)

