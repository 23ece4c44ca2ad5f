"""Shift4Shop (formerly 3dcart): the two cart_ids the contract names.

* ``3DCart`` - the caller's own Shift4Shop app (private key + token per store).
* ``3DCartApi`` - this server's app: only the merchant token (``3dcartapi_api_key``) per store;
  the app private key comes from ``ANYCART_SHIFT4SHOP_PRIVATE_KEY``.

API host: ``PlatformSettings.api_urls["3DCart"]``, else ``ANYCART_SHIFT4SHOP_API_URL``
(default ``https://apirest.3dcart.com``).
"""

from __future__ import annotations

from anycart.platforms.base import Platform

from .capabilities import CAPABILITIES
from .connector import Shift4ShopConnector
from .credentials import SHIFT4SHOP, SHIFT4SHOP_API


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
