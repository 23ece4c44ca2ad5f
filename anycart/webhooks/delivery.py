"""One webhook delivery: the body, the headers, the POST. Only a 2xx answer counts.

Body (JSON)::

    {"event_id": "<32 hex, the same on every attempt>", "webhook_id": 6,
     "entity": "product", "action": "update", "store_key": "...", "store_id": "1",
     "entity_id": "123", "occurred_at": {"value": "...", "format": "Y-m-d\\TH:i:sO"},
     "data": {...the entity, projected by the webhook's fields/response_fields...}}

A store AnyCart can no longer poll gets API2Cart's connection-lost notice instead: entity
``store``, action ``error``, an empty body and ``X-Webhook-Error-Code/-Reason/-Message/
-Try-Count``, sent to every webhook of the store.

Headers: ``X-Webhook-Entity``, ``X-Webhook-Action``, ``X-Webhook-Store-Id`` (the store_key),
``X-Webhook-Id``, ``X-Webhook-Event-Id``, ``X-Webhook-Attempt``, plus the signature headers of
:mod:`anycart.webhooks.signing`. ``webhook-id`` is ``<event_id>_<webhook_id>``: stable across
retries, distinct per subscription, so receivers can drop duplicates by it.

The callback is reached through the process's guarded HTTP layer: SSRF checks apply to every
attempt (DNS may change after ``webhook.create``), redirects are not followed; loopback is
open to callbacks only when the layer allows it (``anycart demo``).
"""

from __future__ import annotations

import json
import time
from typing import Any

import httpx

from anycart.contract.projection import (
    FieldTree,
    apply_tree,
    parse_response_fields,
    select_fields,
)
from anycart.events import STORE_ERROR
from anycart.model import A2CDateTime
from anycart.transport.http import LOOPBACK_OK, HttpLayer
from anycart.webhooks.outbox import DueDelivery
from anycart.webhooks.signing import sign_headers


def project(entity: str, data: dict[str, Any], fields: str | None,
            response_fields: str | None) -> dict[str, Any]:
    """The entity as the webhook asked for it: ``response_fields`` wins over ``fields``."""
    if response_fields:
        tree: FieldTree | None = parse_response_fields(response_fields)
        # Accept both the entity's own fields ({id,name}) and the response nesting
        # ({result{product{id,name}}}) the contract documents.
        for key in ("result", entity):
            if tree and set(tree) == {key} and tree[key] is not None:
                tree = tree[key]
        picked: dict[str, Any] = apply_tree(data, tree)
        return picked
    return select_fields(data, fields or "force_all", None)


def _is_notice(d: DueDelivery) -> bool:
    return (d.entity, d.action) == STORE_ERROR


def body_of(d: DueDelivery) -> bytes:
    if _is_notice(d):
        return b""  # API2Cart's connection-lost webhook: the headers say it all
    payload = {
        "event_id": d.event_id, "webhook_id": d.webhook_id, "entity": d.entity,
        "action": d.action, "store_key": d.store_key, "store_id": d.platform_store_id or "",
        "entity_id": d.entity_id,
        "occurred_at": A2CDateTime.of(d.occurred_at).model_dump(),
        "data": project(d.entity, d.data, d.fields, d.response_fields),
    }
    return json.dumps(payload, separators=(",", ":"), default=str).encode()


def headers_of(d: DueDelivery, body: bytes, now: float | None = None) -> dict[str, str]:
    message_id = f"{d.event_id}_{d.webhook_id}"
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "AnyCart-Webhooks/1",
        "X-Webhook-Entity": d.entity,
        "X-Webhook-Action": d.action,
        "X-Webhook-Store-Id": d.store_key,
        "X-Webhook-Id": str(d.webhook_id),
        "X-Webhook-Event-Id": d.event_id,
        "X-Webhook-Attempt": str(d.attempts + 1),
        **sign_headers(d.secret, message_id, int(now if now is not None else time.time()), body),
    }
    if _is_notice(d):
        headers.update({"X-Webhook-Error-Code": str(d.data.get("code", "")),
                        "X-Webhook-Error-Reason": str(d.data.get("reason", "")),
                        "X-Webhook-Error-Message": str(d.data.get("message", "")),
                        "X-Webhook-Error-Try-Count": str(d.data.get("try_count", ""))})
    return headers


async def deliver(http: HttpLayer, d: DueDelivery, timeout_s: float) -> tuple[bool, str | None]:
    """POST once: (delivered, error text)."""
    body = body_of(d)
    try:
        response = await http.client.post(d.callback, content=body, headers=headers_of(d, body),
                                          timeout=timeout_s, follow_redirects=False,
                                          extensions={LOOPBACK_OK: http.allow_loopback_callbacks})
    except httpx.HTTPError as exc:
        return False, f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= response.status_code < 300:
        return True, None
    return False, f"HTTP {response.status_code}"
