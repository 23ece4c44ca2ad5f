"""kit.prices.SalePrice: a sale price and its window read as the contract's special price."""

from __future__ import annotations

from anycart.platforms.kit.dates import Dates
from anycart.platforms.kit.prices import SalePrice

WOO = SalePrice("sale_price", "from_gmt", "to_gmt", avail="on_sale")
EAV = SalePrice("attrs.special", "attrs.from", "attrs.to", Dates(formats=("%Y-%m-%d %H:%M:%S",)))


def test_a_price_with_its_window_and_whether_it_applies():
    found = WOO.read({"sale_price": "9.50", "on_sale": False, "from_gmt": "2024-05-01T00:00:00",
                      "to_gmt": None})
    assert found is not None and found.value == 9.5 and found.avail is False
    assert found.created_at is not None and found.created_at.value.startswith("2024-05-01")
    assert found.expired_at is None
    assert WOO.read({"sale_price": "", "on_sale": True}) is None  # no price: no special price
    eav = EAV.read({"attrs": {"special": 7, "to": "2025-01-02 03:04:05"}})
    assert eav is not None and eav.avail is True and eav.expired_at is not None  # no avail path: applies
    assert EAV.read({"attrs": {}}) is None
