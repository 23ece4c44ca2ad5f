"""Magento 2 / Adobe Commerce through its REST API (``cart_id`` ``Magento2Api``): no file on
the store's server, only an integration (System > Extensions > Integrations, activated).
Credentials: ``store_url`` and the integration's ``magento_access_token``, with its consumer
key and secret and token secret to sign requests with OAuth 1.0a. Open-source Magento pushes
no webhooks: AnyCart polls ``updated_at`` (categories and credit memos are listed whole).
"""

from __future__ import annotations

from anycart.platforms.base import Capabilities, CredentialSpec, Platform

from .client import PAGE_LIMIT
from .connector import MagentoConnector

MAGENTO2_API = CredentialSpec(required=(("store_url", "magento_access_token"),),
                              additional=("magento_consumer_key", "magento_consumer_secret",
                                          "magento_token_secret"))

_POLLED = ("product", "category", "customer", "order", "shipment", "return")
CAPABILITIES = Capabilities(
    page_limit=PAGE_LIMIT, native_webhooks=False, connects_to_store_url=True,
    webhook_events=tuple((e, a) for e in _POLLED for a in ("add", "update", "delete")))


class Magento2Api(Platform):
    cart_id = "Magento2Api"
    name = "Magento 2"
    credentials = MAGENTO2_API
    capabilities = CAPABILITIES
    connector = MagentoConnector


PLATFORMS = (Magento2Api,)
