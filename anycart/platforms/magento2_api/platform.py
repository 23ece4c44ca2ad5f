"""Magento 2 / Adobe Commerce through its REST API (``cart_id`` ``Magento2Api``): being built."""

from __future__ import annotations

from anycart.platforms.base import Platform

PLATFORMS: tuple[type[Platform], ...] = ()
