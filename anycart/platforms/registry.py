"""Which platforms this AnyCart serves, by ``cart_id``."""

from __future__ import annotations

from anycart.platforms.base import Platform


class PlatformRegistry:
    def __init__(self) -> None:
        self._by_cart_id: dict[str, type[Platform]] = {}

    def register(self, platform: type[Platform]) -> type[Platform]:
        self._by_cart_id[platform.cart_id] = platform
        return platform

    def get(self, cart_id: str) -> type[Platform] | None:
        return self._by_cart_id.get(cart_id)

    def __iter__(self):
        return iter(sorted(self._by_cart_id.values(), key=lambda p: p.cart_id))

    def __contains__(self, cart_id: str) -> bool:
        return cart_id in self._by_cart_id


def default_registry() -> PlatformRegistry:
    """The product platforms. Imported lazily so a broken platform cannot break the core."""
    import importlib

    registry = PlatformRegistry()
    for module in ("anycart.platforms.shift4shop.platform", "anycart.platforms.shopify.platform",
                   "anycart.platforms.opencart.platform", "anycart.platforms.woocommerce.platform",
                   "anycart.platforms.prestashop.platform"):
        try:
            platforms = importlib.import_module(module).PLATFORMS
        except ImportError:  # a platform package being built; the core works without it
            continue
        for p in platforms:
            registry.register(p)
    return registry
