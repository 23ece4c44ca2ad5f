"""webhook.* and account.failed_webhooks: AnyCart serves these itself on every platform.

Platforms without native webhooks get them by polling (see :mod:`anycart.webhooks.polling`);
a subscription therefore only needs the platform to list the entity, which
``Capabilities.webhook_events`` declares.
"""

from __future__ import annotations

from typing import Any

from anycart.concurrency import in_thread
from anycart.contract.projection import parse_response_fields
from anycart.contract.validation import STORAGE_ID_MAX, parse_id, parse_ids
from anycart.errors import ApiError, ReturnCode
from anycart.methods.context import Context, Handler
from anycart.model import A2CDateTime
from anycart.platforms.base import Page
from anycart.webhooks import filters, outbox, subscriptions

#: Fields a ``filtering_conditions`` may test, per entity (dotted paths into the entity).
FILTERABLE: dict[str, dict[str, str]] = {
    "product": {"id": "string", "u_sku": "string", "u_model": "string", "name": "string",
                "price": "number", "quantity": "number", "avail_view": "boolean",
                "avail_sale": "boolean", "categories_ids": "array"},
    "category": {"id": "string", "name": "string", "parent_id": "string", "avail": "boolean"},
    "customer": {"id": "string", "email": "string", "group.id": "string"},
    "order": {"id": "string", "status.id": "string", "status.name": "string",
              "totals.total": "number", "customer.email": "string", "currency.iso3": "string"},
    "shipment": {"id": "string", "order_id": "string", "is_shipped": "boolean"},
    "return": {"id": "string", "order_id": "string", "status.id": "string"},
}


def _ids(text: Any, name: str) -> list[int]:
    return parse_ids(name, text, STORAGE_ID_MAX)


def _hook_id(ctx: Context) -> int:
    value = ctx.params.get("id")
    if value in (None, ""):
        raise ApiError.required("id")
    return parse_id("id", value, STORAGE_ID_MAX)


def _polled(ctx: Context) -> bool:
    caps = ctx.platform().capabilities
    return not caps.native_webhooks or caps.polls_too


#: AnyCart extension (not in the contract): how polling finds a subscription's changes.
CHANGE_DETECTION = ("modified_time", "checksum")


def _checked_detection(ctx: Context, params: dict[str, Any]) -> None:
    """``change_detection``: ``modified_time`` (default) or ``checksum``, which diffs every
    record's hash each poll (for stores edited without touching the modification date).
    Stored as None or ``checksum``; only polled platforms have a choice."""
    if "change_detection" not in params:
        return
    value = params["change_detection"]
    if value not in CHANGE_DETECTION:
        raise ApiError.invalid("change_detection", " or ".join(CHANGE_DETECTION))
    if value == "checksum" and not _polled(ctx):
        raise ApiError.invalid("change_detection", "modified_time: the platform pushes its "
                                                   "own webhooks, nothing is polled")
    params["change_detection"] = None if value == "modified_time" else value


def _checked_projection(params: dict[str, Any]) -> None:
    if params.get("response_fields"):
        parse_response_fields(params["response_fields"])
    filters.validate(params.get("filtering_conditions"))


async def webhook_events(ctx: Context) -> dict[str, Any]:
    caps = ctx.platform().capabilities
    events = [{"entity": e, "action": a, "webhook_name": f"{e}.{a}",
               "filterable_fields": FILTERABLE.get(e, {"id": "string"}),
               "additional_fields": {"source": "native" if caps.native_webhooks else "polling"},
               "custom_fields": {}}
              for e, a in caps.webhook_events]
    return {"events": events, "additional_fields": {}, "custom_fields": {}}


async def webhook_create(ctx: Context) -> dict[str, Any]:
    p = ctx.params
    entity, action = str(p["entity"]).strip().lower(), str(p["action"]).strip().lower()
    platform = ctx.platform()
    if (entity, action) not in platform.capabilities.webhook_events:
        known = ", ".join(f"{e}.{a}" for e, a in platform.capabilities.webhook_events)
        raise ApiError(ReturnCode.INCORRECT_VALUE,
                       f"Webhook for entity '{entity}' and action '{action}' is not supported "
                       f"by platform '{platform.name}'. Supported: {known}.")
    callback = str(p["callback"])
    await ctx.check_reachable_url("callback", callback)
    _checked_projection(p)
    _checked_detection(ctx, p)
    await in_thread(outbox.account_secret, ctx.repo.db, ctx.account.id)
    values = {"entity": entity, "action": action, "callback": callback,
              "label": p.get("label"), "fields": p.get("fields") or "force_all",
              "response_fields": p.get("response_fields"), "active": p.get("active", True),
              "platform_store_id": p.get("store_id"), "lang_id": p.get("lang_id"),
              "filtering_conditions": p.get("filtering_conditions") or None,
              "idempotency_key": p.get("idempotency_key"),
              "change_detection": p.get("change_detection")}
    assert ctx.store is not None
    if platform.capabilities.native_webhooks:
        await _subscribe_on_platform(ctx, entity, action)
    hook_id = await in_thread(subscriptions.create, ctx.repo.db, ctx.account.id, ctx.store.id,
                               values, _polled(ctx))
    return {"id": hook_id}


async def _subscribe_on_platform(ctx: Context, entity: str, action: str) -> None:
    """Native webhooks: the platform pushes to this store's ingress URL."""
    public = ctx.gateway.settings.public_url
    if not public:
        raise ApiError(ReturnCode.INCORRECT_REQUEST,
                       f"Platform '{ctx.platform().name}' pushes webhooks to AnyCart: the server "
                       "needs its public URL (set ANYCART_PUBLIC_URL) before webhook.create.")
    assert ctx.store is not None
    ingress = await in_thread(ctx.repo.ingress_id, ctx.store.id)
    connector = ctx.platform().connect(ctx.store, ctx.gateway.http, ctx.gateway.platform_settings)
    await connector.subscribe_native(entity, action, f"{public.rstrip('/')}/ingress/{ingress}")


async def webhook_update(ctx: Context) -> dict[str, Any]:
    hook_id = _hook_id(ctx)
    changes = {k: ctx.params[k] for k in subscriptions.EDITABLE if ctx.params.get(k) is not None}
    if not changes:
        raise ApiError.nothing_to_update()
    if "callback" in changes:
        changes["callback"] = str(changes["callback"])
        await ctx.check_reachable_url("callback", changes["callback"])
    _checked_projection(changes)
    _checked_detection(ctx, changes)
    assert ctx.store is not None
    ok = await in_thread(subscriptions.update, ctx.repo.db, ctx.account.id, ctx.store.id,
                          hook_id, changes, _polled(ctx))
    if not ok:
        raise ApiError.not_found("Webhook", hook_id)
    return {"updated": "true"}


async def webhook_delete(ctx: Context) -> dict[str, Any]:
    hook_id = _hook_id(ctx)
    assert ctx.store is not None
    if not await in_thread(subscriptions.delete, ctx.repo.db, ctx.account.id, ctx.store.id,
                            hook_id):
        raise ApiError.not_found("Webhook", hook_id)
    return {"deleted": "true"}


async def webhook_list(ctx: Context) -> Page:
    call, store = ctx.call, ctx.store
    assert call is not None and store is not None
    p = call.params
    items, total = await in_thread(lambda: subscriptions.page(
        ctx.repo.db, ctx.account.id, store.id, call.start, call.count,
        entity=p.get("entity"), action=p.get("action"), active=p.get("active"),
        ids=_ids(p.get("ids"), "ids")))
    return Page(items, total)


async def webhook_count(ctx: Context) -> dict[str, Any]:
    store = ctx.store
    assert store is not None
    p = ctx.params
    total = await in_thread(lambda: subscriptions.count(
        ctx.repo.db, ctx.account.id, store.id, entity=p.get("entity"),
        action=p.get("action"), active=p.get("active")))
    return {"webhook_count": total, "additional_fields": {}, "custom_fields": {}}


async def account_failed_webhooks(ctx: Context) -> Page:
    call = ctx.call
    assert call is not None
    items, total = await in_thread(outbox.failed_deliveries, ctx.repo.db, ctx.account.id,
                                    _ids(call.params.get("ids"), "ids"), call.start, call.count)
    wire = [{"webhook_id": i["webhook_id"], "entity_id": i["entity_id"],
             "time": A2CDateTime.of(i["failed_at"]).model_dump(),
             "additional_fields": {"event_id": i["event_id"], "attempts": i["attempts"],
                                   "last_error": i["last_error"]}} for i in items]
    return Page(wire, total, extra={"all_failed_webhook": str(total)})


METHODS: dict[str, Handler] = {
    "webhook.events": webhook_events,
    "webhook.create": webhook_create,
    "webhook.update": webhook_update,
    "webhook.delete": webhook_delete,
    "webhook.list": webhook_list,
    "webhook.count": webhook_count,
    "account.failed_webhooks": account_failed_webhooks,
}
