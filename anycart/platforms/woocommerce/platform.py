"""WooCommerce, reached through the bridge (``bridge2cart`` in the WordPress root)."""

from __future__ import annotations

from anycart.platforms.bridge.platform import BridgePlatform

from .capabilities import CAPABILITIES
from .connector import WooCommerceConnector


class WooCommerce(BridgePlatform):
    cart_id = "Woocommerce"
    name = "WooCommerce"
    capabilities = CAPABILITIES
    connector = WooCommerceConnector


PLATFORMS = [WooCommerce]
