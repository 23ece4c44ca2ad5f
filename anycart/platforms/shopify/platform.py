"""Shopify (``cart_id`` ``Shopify``): Admin REST API, native webhooks, CarrierService.

Webhooks Shopify pushes are checked against ``X-Shopify-Hmac-Sha256`` (base64 HMAC-SHA256 of
the raw body, keyed with the store's ``shopify_shared_secret``) before anything is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.events import ChangeEvent
from anycart.platforms.base import Platform
from anycart.platforms.kit.push import SignedPush
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
    return M.return_({"id": record.get("order_id")}, record)  # the topics name nothing else


PUSH = SignedPush("shopify_shared_secret", "X-Shopify-Hmac-Sha256", "X-Shopify-Topic", TOPICS,
                  _unified)


class Shopify(Platform):
    cart_id = "Shopify"
    name = "Shopify"
    credentials = SHOPIFY
    capabilities = CAPABILITIES
    connector = ShopifyConnector

    @classmethod
    def read_push(cls, store: StoreRecord, headers: Mapping[str, str],
                  body: bytes) -> list[ChangeEvent]:
        return PUSH.read(store, headers, body)


PLATFORMS = (Shopify,)
