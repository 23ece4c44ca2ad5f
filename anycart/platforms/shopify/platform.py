"""Shopify (``cart_id`` ``Shopify``): GraphQL Admin API, native webhooks, CarrierService.

Credentials: ``store_url`` and ``shopify_access_token`` (an app's Admin API token), or an old
private app's ``shopify_api_key`` + ``shopify_api_password``; ``shopify_shared_secret``, the
app's secret, signs the webhooks Shopify pushes (``X-Shopify-Hmac-Sha256``): needed for
``webhook.create``, checked before anything is recorded. A push is re-read by its record's
id over GraphQL (:data:`.entities.REREAD`): what is delivered is the record's current state.
"""

from __future__ import annotations

from collections.abc import Mapping

from anycart.events import ChangeEvent
from anycart.platforms.base import Capabilities, Connector, CredentialSpec, Platform
from anycart.platforms.kit.thinpush import fetched
from anycart.storage.repository import StoreRecord

from .client import PAGE_LIMIT, RATE_BUDGET
from .connector import ShopifyConnector
from .entities import PUSH, REREAD, TOPICS

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

    @classmethod
    async def complete_push(cls, connector: Connector,
                            events: list[ChangeEvent]) -> list[ChangeEvent]:
        """Each pushed record re-read by its id (:data:`.entities.REREAD`)."""
        return await fetched(connector, events, REREAD)


PLATFORMS = (Shopify,)
