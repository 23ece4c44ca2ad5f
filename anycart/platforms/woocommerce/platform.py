"""WooCommerce, reached through the bridge (``bridge2cart`` in the WordPress root)."""

from __future__ import annotations

from anycart.platforms.base import Capabilities
from anycart.platforms.bridge.platform import BRIDGE_PAGE_LIMIT, BridgePlatform

from .connector import WooCommerceConnector


class WooCommerce(BridgePlatform):
    cart_id = "Woocommerce"
    name = "WooCommerce"
    #: AnyCart polls the list methods by their modification dates: deletions leave no row to
    #: poll, and categories have no dates in WordPress.
    capabilities = Capabilities(
        page_limit=BRIDGE_PAGE_LIMIT, native_webhooks=False, connects_to_store_url=True,
        webhook_events=tuple((e, a) for e in ("product", "customer", "order") for a in ("add", "update")))
    connector = WooCommerceConnector


PLATFORMS = [WooCommerce]
