"""BigCommerce through its REST API (``cart_id`` ``BigcommerceApi``): being built."""

from __future__ import annotations

from anycart.platforms.base import Platform

PLATFORMS: tuple[type[Platform], ...] = ()
