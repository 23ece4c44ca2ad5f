"""Shift4Shop (formerly 3dcart), two cart_ids: ``3DCart``, the caller's own app (``store_url``:
the merchant's SecureURL, ``3dcart_private_key``, ``3dcart_access_token``), and ``3DCartApi``,
this server's app (``store_url``, ``3dcartapi_api_key``; the app's private key read from
``ANYCART_SHIFT4SHOP_PRIVATE_KEY`` per request). No native webhooks (AnyCart polls);
``store_url`` is only sent as the ``SecureURL`` header, never connected to.
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
    credentials = SHIFT4SHOP_API


PLATFORMS = (Shift4Shop, Shift4ShopApi)
