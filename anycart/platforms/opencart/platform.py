"""OpenCart (3.0.x, and 4.0.x where its schema differs), reached through the store's bridge."""

from __future__ import annotations

from anycart.platforms.bridge.platform import BridgePlatform

from .capabilities import CAPABILITIES
from .connector import OpenCartConnector


class OpenCart(BridgePlatform):
    cart_id = "Opencart14"
    name = "OpenCart"
    capabilities = CAPABILITIES
    connector = OpenCartConnector


PLATFORMS = [OpenCart]
