"""sandbox.tenants.Stores: stores by host on one clock, seeded once, anchored at midnight."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from anycart.sandbox.tenants import Clock, Stores


class _Shop:
    def __init__(self, host: str, now: Clock) -> None:
        self.host, self.now = host, now
        self.anchors: list[datetime] = []


def _seed(shop: _Shop, anchor: datetime) -> None:
    shop.anchors.append(anchor)


def test_a_store_is_made_and_seeded_once_per_host() -> None:
    clock = datetime(2024, 5, 1, 22, 30, tzinfo=timezone(timedelta(hours=-5)))  # May 2 UTC
    stores: Stores[_Shop] = Stores(_Shop, lambda: clock)
    shop = stores.seeded("HTTPS://Shop.Example:443/admin", _seed)
    assert shop.host == "shop.example" and shop.now() == clock
    assert shop.anchors == [datetime(2024, 5, 2, tzinfo=UTC)]  # midnight UTC of the clock
    assert stores.seeded("shop.example", _seed) is shop and len(shop.anchors) == 1
    given = datetime(2020, 1, 1, tzinfo=UTC)
    assert stores.seeded("other.example", _seed, given).anchors == [given]
    assert len(stores) == 2 and stores.find("Other.Example.") is not shop
