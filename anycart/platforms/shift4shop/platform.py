"""Shift4Shop (formerly 3dcart): the two cart_ids the contract names, and their credentials.

* ``3DCart`` - the caller's own Shift4Shop app: ``store_url`` (the merchant's SecureURL),
  ``3dcart_private_key`` (the app's private key) and ``3dcart_access_token`` (the token the
  merchant's authorization issued).
* ``3DCartApi`` - this server's app: ``store_url`` and ``3dcartapi_api_key``, the merchant's
  token; the app private key is server-wide, read from ``ANYCART_SHIFT4SHOP_PRIVATE_KEY`` at
  request time.

API host: ``PlatformSettings.api_urls["3DCart"]``, else ``ANYCART_SHIFT4SHOP_API_URL``
(default ``https://apirest.3dcart.com``). No native webhooks (AnyCart polls), and
``store_url`` is only sent as the ``SecureURL`` header to the API host, never connected to.
"""

from __future__ import annotations

from anycart.platforms.base import Capabilities, CredentialSpec, Platform

from .client import BATCH_LIMITS, RATE_BUDGET
from .connector import Shift4ShopConnector

SHIFT4SHOP = CredentialSpec(required=(("store_url", "3dcart_private_key", "3dcart_access_token"),))
SHIFT4SHOP_API = CredentialSpec(required=(("store_url", "3dcartapi_api_key"),))

_POLLED = ("product", "category", "customer", "order", "shipment", "return")
CAPABILITIES = Capabilities(
    page_limit=BATCH_LIMITS["products"], native_webhooks=False, rate_budget=RATE_BUDGET,
    webhook_events=tuple((e, a) for e in _POLLED for a in ("add", "update", "delete")),
    connects_to_store_url=False)


class Shift4Shop(Platform):
    cart_id = "3DCart"
    name = "Shift4Shop"
    credentials = SHIFT4SHOP
    capabilities = CAPABILITIES
    connector = Shift4ShopConnector


class Shift4ShopApi(Shift4Shop):
    cart_id = "3DCartApi"
    name = "Shift4Shop"
    credentials = SHIFT4SHOP_API


PLATFORMS = (Shift4Shop, Shift4ShopApi)
