"""PrestaShop 1.7.8 / 8.x through the bridge (``bridge.php`` in the store root running the
driver's SQL on the cart's own tables)."""

from __future__ import annotations

from anycart.platforms.bridge.platform import BridgePlatform

from .capabilities import CAPABILITIES
from .connector import PrestaShopConnector


class PrestaShop(BridgePlatform):
    cart_id = "Prestashop"
    name = "PrestaShop"
    capabilities = CAPABILITIES
    connector = PrestaShopConnector


PLATFORMS = [PrestaShop]
