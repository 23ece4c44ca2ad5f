"""Stock held per item and location, as multi-location platforms keep it.

One :class:`Stock` wraps a table keyed by ``(item, location)`` whose records the platform
shapes (Shopify's inventory levels, Magento's MSI source items, BigCommerce's location
inventory). The kit keeps the arithmetic: the total over locations, set, adjust, connect,
remove, dropping an item everywhere; the platform declares the quantity field and is told of
every change through ``on_change`` (to mirror the total into a variant, fire a webhook).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from .table import Record, Table

#: (item, location, quantity, stamp) -> the platform's level record
MakeLevel = Callable[[Any, Any, int | None, str], Record]
#: (item, level or None when removed, stamp)
OnChange = Callable[[Any, Record | None, str], None]


@dataclass
class Stock:
    levels: Table
    #: the location keys, in the order totals are summed
    locations: Callable[[], Iterable[Any]]
    make: MakeLevel
    quantity: str = "available"
    stamp_field: str = "updated_at"
    on_change: OnChange | None = None

    def level(self, item: Any, location: Any) -> Record | None:
        key = (item, location)
        return self.levels.peek(key) if key in self.levels else None

    def stocked(self, item: Any, location: Any) -> bool:
        return (item, location) in self.levels

    def at(self, item: Any, location: Any) -> int:
        """Units at one location (0 where the item is not stocked or its count is null)."""
        level = self.level(item, location)
        return int(level[self.quantity] or 0) if level is not None else 0

    def total(self, item: Any) -> int:
        return sum(self.at(item, loc) for loc in self.locations())

    def covers(self, item: Any, wanted: int) -> bool:
        return self.total(item) >= wanted

    def set(self, item: Any, location: Any, quantity: int, stamp: str) -> Record:
        """Set the count (creating the level where there was none); ``on_change`` follows."""
        key = (item, location)
        if key in self.levels:
            level = self.levels[key]
            level[self.quantity], level[self.stamp_field] = quantity, stamp
            self.levels.changed()
        else:
            level = self.levels[key] = self.make(item, location, quantity, stamp)
        if self.on_change is not None:
            self.on_change(item, level, stamp)
        return level

    def adjust(self, item: Any, location: Any, delta: int, stamp: str) -> Record:
        return self.set(item, location, self.at(item, location) + delta, stamp)

    def seed(self, item: Any, location: Any, quantity: int | None, stamp: str) -> Record:
        """A level for an item just created, without ``on_change``."""
        level = self.levels[(item, location)] = self.make(item, location, quantity, stamp)
        return level

    def connect(self, item: Any, location: Any, stamp: str) -> Record:
        """The level, made with 0 units when the item was not stocked there yet."""
        key = (item, location)
        if key not in self.levels:
            self.seed(item, location, 0, stamp)
        return self.levels[key]

    def remove(self, item: Any, location: Any, stamp: str) -> bool:
        """Stop stocking ``item`` at ``location``; False when it was not stocked there."""
        key = (item, location)
        if key not in self.levels:
            return False
        del self.levels[key]
        if self.on_change is not None:
            self.on_change(item, None, stamp)
        return True

    def drop(self, items: Iterable[Any]) -> None:
        """Forget every level of ``items`` (their variants are gone), without ``on_change``."""
        for item in items:
            for loc in self.locations():
                if (item, loc) in self.levels:
                    del self.levels[(item, loc)]
