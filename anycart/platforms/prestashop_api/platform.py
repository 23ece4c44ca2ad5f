"""PrestaShop through its webservice (``cart_id`` ``PrestashopApi``): being built."""

from __future__ import annotations

from anycart.platforms.base import Platform

PLATFORMS: tuple[type[Platform], ...] = ()
