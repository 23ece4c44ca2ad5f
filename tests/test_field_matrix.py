"""docs/fields.md against every platform's real answers: which contract properties it fills.

Each platform's store is built as the conformance replay builds it (``tests/conformance/
stores.py``) and read with ``params=force_all`` (``tools/field_matrix.py``). The test fails when
a platform fills a property the page shows empty or leaves one empty the page shows filled, when
a "has no such data" reason is declared for a property the platform fills, and when the page
differs in any way from what the tool writes (``python3 tools/field_matrix.py`` rewrites it).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.bridge.mariadb import mariadb  # noqa: F401  (session fixture)
from tests.conformance.stores import STORES
from tools import field_matrix as fm

#: Measured once per platform; the whole-page test reuses them.
_MEASURED: dict[str, fm.Measured] = {}


async def _measured(platform: str, db: Any) -> fm.Measured:
    if platform not in _MEASURED:
        with tempfile.TemporaryDirectory(prefix=f"fields-{platform}-") as tmp:
            async with STORES[platform](Path(tmp), db) as store:
                _MEASURED[platform] = await fm.measure_store(store)
    return _MEASURED[platform]


def test_filled_counts_only_values() -> None:
    records = [{"a": None, "b": "", "c": [], "d": {}, "e": 0, "f": False,
                "lines": [{"x": None}, {"x": "1", "y": {"z": []}}], "t": {"value": "2026"}}]
    assert fm.filled(records, ["a", "b", "c", "d", "e", "f", "lines.x", "lines.y.z", "t",
                               "missing", "lines.missing"]) == {"e", "f", "lines.x", "t"}


def test_contract_paths_follow_nested_schemas() -> None:
    order = fm.contract_paths("Order")
    assert {"total.subtotal_ex_tax", "total.total_paid", "currency.iso3", "status.history.name",
            "status.refund_info.refunded_items.qty", "order_products.price_inc_tax",
            "billing_address.phone_mobile", "billing_address.country.code2", "create_at",
            "bundles.options.value", "refunds.items.refund"} <= set(order)
    assert "additional_fields" not in order and "create_at.value" not in order
    assert len(order) == len(set(order))


def test_page_rows_are_the_contract_properties() -> None:
    rows = fm.documented()
    expected = {f"{e}.{p}" for e, r in fm.ENTITIES.items() for p in fm.contract_paths(r.schema)}
    assert sorted(rows) == sorted(STORES)
    for platform, cells in rows.items():
        assert set(cells) == expected, platform
        assert set(cells.values()) <= {"x", "-", ""}


def test_declared_reasons_name_contract_properties() -> None:
    every = {f"{e}.{p}" for e, r in fm.ENTITIES.items() for p in fm.contract_paths(r.schema)}
    for platform, reasons in fm.CANNOT.items():
        assert platform in STORES
        for key in reasons:
            assert any(p == key or (key.endswith(".") and p.startswith(key)) for p in every), key


@pytest.mark.parametrize("platform", sorted(STORES))
async def test_platform_fills_what_the_page_shows(platform: str, mariadb: Any) -> None:
    measured = await _measured(platform, mariadb)
    got = fm.filled_paths(measured)
    wrongly_declared = sorted(p for p in got if fm.cannot(platform, p))
    assert not wrongly_declared, f"declared 'no such data' but filled: {wrongly_declared}"
    now = fm.cells(measured)
    shown = fm.documented()[platform]
    newly = sorted(k for k, v in now.items() if v == "x" and shown.get(k) != "x")
    lost = sorted(k for k, v in shown.items() if v == "x" and now.get(k) != "x")
    assert not newly and not lost, (f"{platform}: filled now, not on the page: {newly}; "
                                    f"on the page, no longer filled: {lost} "
                                    "(python3 tools/field_matrix.py rewrites docs/fields.md)")
    assert now == shown
    # what every platform answers: the ids and the order's core
    assert {"Product.id", "Product.name", "Order.id", "Order.order_products.product_id",
            "Customer.email"} <= got


async def test_page_is_what_the_tool_writes(mariadb: Any) -> None:
    measured = [await _measured(p, mariadb) for p in STORES]
    text = fm.DOC.read_text()
    body = text[text.index(fm.BEGIN) + len(fm.BEGIN):text.index(fm.END)].strip("\n") + "\n"
    assert body == fm.render(measured), "docs/fields.md is stale: run python3 tools/field_matrix.py"
