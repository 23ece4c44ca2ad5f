"""PrestaShop 1.7.8 / 8.x through the bridge (``bridge.php`` in the store root running the
driver's SQL on the cart's own tables): no native webhooks (AnyCart polls the list methods by
``modified_from``), pages of the bridge's size, and a store URL AnyCart connects to."""

from __future__ import annotations

from anycart.platforms.base import Capabilities
from anycart.platforms.bridge.platform import BRIDGE_PAGE_LIMIT, BridgePlatform

from .connector import PrestaShopConnector

_EVENTS = (("product", "add"), ("product", "update"), ("product", "delete"),
           ("category", "add"), ("category", "update"), ("category", "delete"),
           ("customer", "add"), ("customer", "update"), ("customer", "delete"),
           ("order", "add"), ("order", "update"), ("order", "delete"),
           ("shipment", "add"), ("return", "add"), ("return", "update"))


class PrestaShop(BridgePlatform):
    cart_id = "Prestashop"
    name = "PrestaShop"
    capabilities = Capabilities(page_limit=BRIDGE_PAGE_LIMIT, native_webhooks=False,
                                webhook_events=_EVENTS, connects_to_store_url=True)
    connector = PrestaShopConnector


PLATFORMS = [PrestaShop]
