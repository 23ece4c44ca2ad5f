"""OpenCart (3.0.x, and 4.0.x where its schema differs), reached through the store's bridge."""

from __future__ import annotations

from anycart.platforms.base import Capabilities
from anycart.platforms.bridge.platform import BRIDGE_PAGE_LIMIT, BridgePlatform

from .connector import OpenCartConnector

#: AnyCart polls OpenCart (it pushes nothing). Customer updates are absent: OpenCart records
#: no modification time for customers.
WEBHOOK_EVENTS = (
    ("product", "add"), ("product", "update"), ("category", "add"), ("category", "update"),
    ("customer", "add"), ("order", "add"), ("order", "update"), ("shipment", "add"),
    ("return", "add"), ("return", "update"),
)
CAPABILITIES = Capabilities(page_limit=BRIDGE_PAGE_LIMIT, native_webhooks=False,
                            webhook_events=WEBHOOK_EVENTS, connects_to_store_url=True)


class OpenCart(BridgePlatform):
    cart_id = "Opencart14"
    name = "OpenCart"
    capabilities = CAPABILITIES
    connector = OpenCartConnector


PLATFORMS = [OpenCart]
