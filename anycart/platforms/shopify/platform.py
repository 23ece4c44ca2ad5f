"""Shopify (``cart_id`` ``Shopify``): Admin REST API, native webhooks, CarrierService.

Webhooks Shopify pushes are checked against ``X-Shopify-Hmac-Sha256`` (base64 HMAC-SHA256 of
the raw body, keyed with the store's ``shopify_shared_secret``) before anything is recorded.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

from anycart.events import ChangeEvent, PushRejected
from anycart.platforms.base import Platform
from anycart.storage.repository import StoreRecord

from . import mapping as M
from .capabilities import CAPABILITIES, TOPICS
from .connector import ShopifyConnector
from .credentials import SHOPIFY
from .entities import ENTITIES


def _unified(entity: str, record: dict[str, Any]) -> dict[str, Any]:
    declared = {e.name: e for e in ENTITIES}.get(entity)
    if declared is not None:
        return declared.to_unified(record)
    if entity == "shipment":
        return M.shipment(record.get("order_id"), record)
    if entity == "return":
        return M.return_({"id": record.get("order_id")}, record)
    return record


class Shopify(Platform):
    cart_id = "Shopify"
    name = "Shopify"
    credentials = SHOPIFY
    capabilities = CAPABILITIES
    connector = ShopifyConnector

    @classmethod
    def read_push(cls, store: StoreRecord, headers: Mapping[str, str],
                  body: bytes) -> list[ChangeEvent]:
        secret = str(store.credentials.get("shopify_shared_secret") or "")
        if not secret:
            raise PushRejected("the store has no shopify_shared_secret to check pushes with")
        expected = base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest())
        given = (headers.get("x-shopify-hmac-sha256") or "").encode()
        if not hmac.compare_digest(expected, given):
            raise PushRejected("X-Shopify-Hmac-Sha256 does not match the body")
        topic = headers.get("x-shopify-topic") or ""
        if topic not in TOPICS:
            return []  # a topic nobody subscribed through AnyCart: acknowledged, ignored
        entity, action = TOPICS[topic]
        try:
            record = json.loads(body)
        except ValueError:
            raise PushRejected("the body is not JSON") from None
        if not isinstance(record, dict) or "id" not in record:
            raise PushRejected("the body has no record id")
        data = {"id": str(record["id"])} if action == "delete" else _unified(entity, record)
        return [ChangeEvent(entity, action, str(record["id"]), data)]


PLATFORMS = (Shopify,)
