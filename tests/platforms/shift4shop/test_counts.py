"""Counts with an id filter answer how many of the ids exist (issue 12 item 21b, audited on
Shift4Shop too: its ids are fetched one by one, unknown ones skipped)."""

from __future__ import annotations

from tests.platforms.shift4shop.test_connector import connected, env  # noqa: F401


async def test_counts_with_ids_count_the_ones_found(connected):
    products = await connected.call("product.count", {"product_ids": "5,3,999999,3"})
    assert products["return_code"] == 0 and products["result"]["products_count"] == 2, products
    cids = connected.store.data.customers.ids()[:2]
    customers = await connected.call("customer.count",
                                     {"ids": ",".join(str(c) for c in cids) + ",999999"})
    assert customers["result"]["customers_count"] == 2, customers
