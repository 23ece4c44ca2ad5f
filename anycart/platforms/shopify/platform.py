"""Shopify (``cart_id`` ``Shopify``): GraphQL Admin API (2025-10; REST where a part has not
moved yet, see :mod:`.connector`), native webhooks, CarrierService.

Credentials: ``store_url`` (``https://<shop>.myshopify.com`` or the shop's own domain) and
``shopify_access_token`` (an app's Admin API token), or for the old private apps
``shopify_api_key`` + ``shopify_api_password``; ``shopify_shared_secret`` (optional) is the
app's secret, which signs the webhooks Shopify pushes (``X-Shopify-Hmac-Sha256``, base64
HMAC-SHA256 of the raw body): needed for ``webhook.create``, checked before anything is recorded.
"""

from __future__ import annotations

from collections.abc import Mapping

from anycart.events import ChangeEvent
from anycart.platforms.base import Capabilities, CredentialSpec, Platform
from anycart.storage.repository import StoreRecord

from .client import PAGE_LIMIT, RATE_BUDGET
from .connector import ShopifyConnector
from .entities import PUSH, TOPICS

SHOPIFY = CredentialSpec(
    required=(("store_url", "shopify_access_token"),
              ("store_url", "shopify_api_key", "shopify_api_password")),
    additional=("shopify_shared_secret", "shopify_client_id"),
)

CAPABILITIES = Capabilities(page_limit=PAGE_LIMIT, native_webhooks=True,
                            webhook_events=tuple(dict.fromkeys(TOPICS.values())),
                            rate_budget=RATE_BUDGET,
                            connects_to_store_url=True)


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
