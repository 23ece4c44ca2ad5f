"""The gateway's rules behind API2Cart's recorded answers, on real connectors (the Shopify
and Shift4Shop simulators as ``tests/conformance/stores.py`` builds them): a shipment's info
names the shipment, a ``find_where`` outside the fields searched lists them in API2Cart's
words, and a scope a driver cannot apply stays refused (109) before any lookup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conformance.stores import STORES, Store


async def call(store: Store, method: str, **query: Any) -> dict[str, Any]:
    r = await store.client.get(f"/v1.1/{method}.json", params={**store.keys, **query})
    answer: dict[str, Any] = r.json()
    return answer


@pytest.fixture(params=["Shopify", "Shift4Shop"])
async def store(request: pytest.FixtureRequest, tmp_path: Path):
    async with STORES[request.param](tmp_path, None) as s:  # type: ignore[arg-type]
        yield s


async def test_a_scope_the_driver_cannot_apply_is_refused_before_the_lookup(
        store: Store) -> None:
    # AmazonSP/order/info/error-not-found (API2Cart: 112) sends store_id to a single-store
    # driver: refused before anything is read (applied.py, the params audits), so 109.
    answer = await call(store, "order.info", order_id="997888", store_id="939343")
    assert answer["return_code"] == 109
    assert answer["return_message"].startswith("Parameter 'store_id' is not supported by ")


async def test_an_order_the_store_has_keeps_the_refusal_of_store_id(store: Store) -> None:
    orders = (await call(store, "order.list", count=1, params="id"))["result"]["order"]
    answer = await call(store, "order.info", order_id=orders[0]["id"], store_id="939343")
    assert answer["return_code"] == 109
    assert answer["return_message"].startswith("Parameter 'store_id' is not supported by ")


async def test_a_shipment_info_names_the_shipment_even_when_its_order_is_missing(
        store: Store) -> None:
    # TikTokShop/order/shipment.info/error-not-found
    answer = await call(store, "order.shipment.info", order_id="578978096837134766",
                        id="572590963682934173")
    assert (answer["return_code"], answer["return_message"]) == (
        112, "Shipment with id 572590963682934173 not found")


async def test_find_where_outside_the_fields_searched_lists_them(store: Store) -> None:
    # Facebook/category/count/error-invalid-find-where
    answer = await call(store, "category.count", find_value="x", find_where="bogus")
    assert answer["return_code"] == 109
    assert answer["return_message"].startswith(
        "Parameter 'find_where' is not valid. The required type of parameter is string. "
        "The following values are allowed: ")

