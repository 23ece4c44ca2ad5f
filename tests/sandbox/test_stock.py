"""Stock per item and location: totals, set/adjust/connect/remove/drop, the change hook;
declared once Shopify-like and once as Magento MSI source items (sku x source code)."""

from __future__ import annotations

from typing import Any

from anycart.sandbox.stock import Stock
from anycart.sandbox.table import Record, Table


def _levels() -> tuple[Stock, list[tuple[Any, Any, str]]]:
    seen: list[tuple[Any, Any, str]] = []
    stock = Stock(Table(), lambda: [1, 2, 3], lambda i, loc, n, ts: {
        "inventory_item_id": i, "location_id": loc, "available": n, "updated_at": ts},
        on_change=lambda item, level, ts: seen.append((item, level and level["available"], ts)))
    return stock, seen


def test_total_sums_every_location_and_reads_null_counts_as_zero() -> None:
    stock, seen = _levels()
    stock.seed(7, 1, 5, "t0")
    stock.seed(7, 3, None, "t0")
    stock.seed(8, 2, 4, "t0")
    assert stock.total(7) == 5 and stock.at(7, 3) == 0 and stock.at(7, 2) == 0
    assert stock.stocked(7, 3) and not stock.stocked(7, 2)
    assert stock.covers(7, 5) and not stock.covers(7, 6)
    assert seen == []  # seeding tells nobody


def test_set_adjust_and_connect() -> None:
    stock, seen = _levels()
    stock.seed(7, 1, 5, "t0")
    level = stock.adjust(7, 1, -2, "t1")
    assert level == {"inventory_item_id": 7, "location_id": 1, "available": 3, "updated_at": "t1"}
    assert stock.adjust(7, 2, 4, "t2")["available"] == 4  # a new level from 0
    assert stock.total(7) == 7
    assert seen == [(7, 3, "t1"), (7, 4, "t2")]
    assert stock.connect(7, 3, "t3")["available"] == 0
    assert stock.connect(7, 1, "t4")["available"] == 3  # an existing level is kept
    assert len(seen) == 2


def test_remove_tells_the_hook_and_drop_forgets_items_silently() -> None:
    stock, seen = _levels()
    for loc in (1, 2):
        stock.seed(7, loc, 1, "t0")
    stock.seed(9, 1, 1, "t0")
    assert stock.remove(7, 2, "t1") and not stock.remove(7, 2, "t2")
    assert seen == [(7, None, "t1")]
    stock.drop([7, 9])
    assert len(stock.levels) == 0 and len(seen) == 1


def test_a_second_declaration_msi_source_items() -> None:
    sources = ["default", "eu_warehouse"]
    qty_changes: list[str] = []

    def source_item(sku: Any, source: Any, n: int | None, ts: str) -> Record:
        return {"sku": sku, "source_code": source, "quantity": n, "status": 1, "modified": ts}

    msi = Stock(Table(), lambda: sources, source_item, quantity="quantity",
                stamp_field="modified", on_change=lambda sku, item, ts: qty_changes.append(sku))
    msi.set("24-MB01", "default", 10, "2024-01-01")
    msi.adjust("24-MB01", "eu_warehouse", 3, "2024-01-02")
    assert msi.total("24-MB01") == 13
    assert msi.level("24-MB01", "default") == {"sku": "24-MB01", "source_code": "default",
                                               "quantity": 10, "status": 1,
                                               "modified": "2024-01-01"}
    msi.set("24-MB01", "default", 1, "2024-01-03")
    assert msi.level("24-MB01", "default")["modified"] == "2024-01-03"  # type: ignore[index]
    sources.pop()  # a source no longer counted
    assert msi.total("24-MB01") == 1
    assert qty_changes == ["24-MB01"] * 3
