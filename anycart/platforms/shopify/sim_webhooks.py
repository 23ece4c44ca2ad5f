"""Webhook subscriptions and their delivery, as Shopify does them.

A change made through the API queues one delivery per subscription whose topic matches; the
body is the record as the API renders it (``{"id": ...}`` for deletes), cut to the
subscription's ``fields`` when it has some. :func:`flush` POSTs the queue with the headers
Shopify sends (``X-Shopify-Topic``, ``-Hmac-Sha256``, ``-Shop-Domain``, ``-API-Version``,
``-Webhook-Id``, ``-Event-Id``, ``-Triggered-At``); the HMAC is base64(HMAC-SHA256(app shared
secret, raw body)). A delivery that is not answered 2xx stays queued for the next flush, with
the same webhook id, as Shopify's retries keep it.

Subscriptions: ``address`` must be an absolute ``https://`` URL (Shopify refuses plain http;
the simulator can allow it for loopback sandboxes), ``topic`` one Shopify knows, ``format``
``json`` or ``xml`` (xml subscriptions are accepted, but deliveries are always JSON here), and
one subscription per topic and address.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx

from .sim_http import Ctx, check

#: API resource path -> (create, update, delete) topics.
RESOURCE_TOPICS: dict[str, tuple[str, str, str]] = {
    "products": ("products/create", "products/update", "products/delete"),
    "orders": ("orders/create", "orders/updated", "orders/delete"),
    "customers": ("customers/create", "customers/update", "customers/delete"),
    "custom_collections": ("collections/create", "collections/update", "collections/delete"),
}

#: Topics a subscription may name (a REST-era subset of Shopify's list).
KNOWN_TOPICS = frozenset({
    "app/uninstalled", "carts/create", "carts/update", "checkouts/create", "checkouts/update",
    "checkouts/delete", "collections/create", "collections/update", "collections/delete",
    "collection_listings/add", "collection_listings/remove", "collection_listings/update",
    "customers/create", "customers/update", "customers/delete", "customers/enable",
    "customers/disable", "customer_groups/create", "customer_groups/update",
    "customer_groups/delete", "draft_orders/create", "draft_orders/update",
    "draft_orders/delete", "fulfillments/create", "fulfillments/update",
    "fulfillment_events/create", "fulfillment_events/delete", "inventory_items/create",
    "inventory_items/update", "inventory_items/delete", "inventory_levels/connect",
    "inventory_levels/update", "inventory_levels/disconnect", "locations/create",
    "locations/update", "locations/delete", "orders/create", "orders/updated", "orders/delete",
    "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled",
    "orders/edited", "order_transactions/create", "products/create", "products/update",
    "products/delete", "product_listings/add", "product_listings/remove",
    "product_listings/update", "refunds/create", "shop/update", "themes/create",
    "themes/publish", "themes/update", "themes/delete",
})


@dataclass
class Delivery:
    """One queued notification."""

    webhook_id: int
    address: str
    topic: str
    body: bytes
    headers: dict[str, str]
    attempts: int = 0
    statuses: list[int | None] = field(default_factory=list)


def signature(secret: str, body: bytes) -> str:
    """``X-Shopify-Hmac-Sha256``: base64 of HMAC-SHA256 over the raw body."""
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def project(record: dict[str, Any], fields: list[str] | None) -> dict[str, Any]:
    """Only the named top-level fields (all of them when ``fields`` is empty)."""
    if not fields:
        return record
    return {k: v for k, v in record.items() if k in fields}


def delivery(domain: str, secret: str, hook: dict[str, Any], topic: str,
             payload: dict[str, Any]) -> Delivery:
    body = json.dumps(project(payload, hook.get("fields")), separators=(",", ":")).encode()
    headers = {
        "Content-Type": "application/json",
        "X-Shopify-Topic": topic,
        "X-Shopify-Hmac-Sha256": signature(secret, body),
        "X-Shopify-Shop-Domain": domain,
        "X-Shopify-API-Version": str(hook.get("api_version") or ""),
        "X-Shopify-Webhook-Id": str(uuid.uuid4()),
        "X-Shopify-Event-Id": str(uuid.uuid4()),
        "X-Shopify-Triggered-At": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
    }
    return Delivery(int(hook["id"]), str(hook["address"]), topic, body, headers)


async def flush(queue: list[Delivery], client: httpx.AsyncClient | None
                ) -> list[tuple[str, str, int | None]]:
    """POST every queued delivery once; keep those not answered 2xx. Returns
    ``(address, topic, status)`` per attempt, ``status`` None when the POST itself failed."""
    if not queue:
        return []
    own = client is None
    http = client or httpx.AsyncClient(timeout=10)
    outcomes: list[tuple[str, str, int | None]] = []
    try:
        for item in list(queue):
            item.attempts += 1
            status: int | None
            try:
                response = await http.post(item.address, content=item.body, headers=item.headers)
                status = response.status_code
            except httpx.HTTPError:
                status = None
            item.statuses.append(status)
            outcomes.append((item.address, item.topic, status))
            if status is not None and 200 <= status < 300:
                queue.remove(item)
    finally:
        if own:
            await http.aclose()
    return outcomes


# -- the Webhook resource ----------------------------------------------------------------
def _address_errors(address: Any, allow_http: bool) -> list[str]:
    if not isinstance(address, str) or not address.strip():
        return ["can't be blank"]
    parts = urlsplit(address.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ["is invalid"]
    if parts.scheme == "http" and not allow_http:
        return ["protocol http:// is not supported"]
    return []


def _fields_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [f.strip() for f in value.split(",") if f.strip()]
    if isinstance(value, list):
        return [str(f) for f in value]
    return []


def _validate(ctx: Ctx, hook: dict[str, Any], own_id: int | None, allow_http: bool) -> None:
    errors: dict[str, list[str]] = {}
    topic = hook.get("topic")
    if not topic:
        errors["topic"] = ["can't be blank"]
    elif not isinstance(topic, str) or topic not in KNOWN_TOPICS:
        errors["topic"] = [f"Invalid topic specified: {topic}. Topics allowed: "
                           + ", ".join(sorted(KNOWN_TOPICS))]
    address_errors = _address_errors(hook.get("address"), allow_http)
    if address_errors:
        errors["address"] = address_errors
    if not isinstance(hook.get("format"), str) or hook["format"] not in ("json", "xml"):
        errors["format"] = ["is not included in the list"]
    if not errors:
        for rid in ctx.data.webhooks.sorted_keys():
            other = ctx.data.webhooks.peek(rid)
            if rid != own_id and other["topic"] == topic and other["address"] == hook["address"]:
                errors["address"] = ["for this topic has already been taken"]
                break
    check(errors)


def create_webhook(ctx: Ctx, body: dict[str, Any], allow_http: bool) -> dict[str, Any]:
    now = ctx.shop.stamp()
    hook = {
        "id": ctx.data.ids.next("webhook"),
        "address": str(body.get("address") or "").strip(),
        "topic": body.get("topic"),
        "created_at": now,
        "updated_at": now,
        "format": body.get("format") or "json",
        "fields": _fields_list(body.get("fields")),
        "metafield_namespaces": _fields_list(body.get("metafield_namespaces")),
        "api_version": ctx.version,
        "private_metafield_namespaces": _fields_list(body.get("private_metafield_namespaces")),
    }
    _validate(ctx, hook, None, allow_http)
    return hook


def update_webhook(ctx: Ctx, hook: dict[str, Any], body: dict[str, Any],
                   allow_http: bool) -> None:
    changed = dict(hook)
    for key in ("address", "topic", "format"):
        if key in body:
            changed[key] = body[key].strip() if isinstance(body[key], str) else body[key]
    for key in ("fields", "metafield_namespaces", "private_metafield_namespaces"):
        if key in body:
            changed[key] = _fields_list(body[key])
    _validate(ctx, changed, hook["id"], allow_http)
    changed["updated_at"] = ctx.shop.stamp(hook["updated_at"])
    hook.update(changed)
