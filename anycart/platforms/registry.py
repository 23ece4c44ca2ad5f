"""Which platforms this AnyCart serves, by ``cart_id``.

Platforms register through the ``anycart.platforms`` entry-point group (see pyproject.toml),
so a separate package adds one by declaring an entry point, without editing AnyCart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from importlib.metadata import EntryPoint, entry_points

from anycart.platforms.base import Platform

log = logging.getLogger("anycart.platforms")

ENTRY_POINT_GROUP = "anycart.platforms"


class PlatformRegistry:
    def __init__(self) -> None:
        self._by_cart_id: dict[str, type[Platform]] = {}

    def register(self, platform: type[Platform]) -> type[Platform]:
        known = self._by_cart_id.get(platform.cart_id)
        if known is not None and known is not platform:
            raise ValueError(f"cart_id {platform.cart_id} is declared twice "
                             f"({known.__module__} and {platform.__module__})")
        self._by_cart_id[platform.cart_id] = platform
        return platform

    def get(self, cart_id: str) -> type[Platform] | None:
        return self._by_cart_id.get(cart_id)

    def __iter__(self) -> Iterator[type[Platform]]:
        return iter(sorted(self._by_cart_id.values(), key=lambda p: p.cart_id))

    def __contains__(self, cart_id: str) -> bool:
        return cart_id in self._by_cart_id


def registry_from(points: Iterable[EntryPoint]) -> PlatformRegistry:
    """A registry of the platforms the entry points name. One that fails to load is logged
    and left out: a broken plug-in must not take the core (and the other platforms) down."""
    registry = PlatformRegistry()
    for point in sorted(points, key=lambda p: p.name):
        try:
            platforms = point.load()
        except Exception:
            log.exception("platform entry point %r (%s) failed to load", point.name, point.value)
            continue
        for platform in platforms:
            registry.register(platform)
    return registry


def default_registry() -> PlatformRegistry:
    """Every platform installed: this distribution's and any other package's."""
    return registry_from(entry_points(group=ENTRY_POINT_GROUP))
