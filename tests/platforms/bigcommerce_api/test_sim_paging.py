"""Walking a v3 list's pages selects the records once: the kit's cached selection
(``sandbox.filtering.select``) is keyed by the filters and the sort, not by the page, so a
large store is filtered and sorted once however many pages are read, until it changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator
from anycart.sandbox.table import Table

from .bc_schema import checked_client

HASH, TOKEN = "abc123", "tok-all"
V3 = f"/stores/{HASH}/v3"


async def test_the_pages_of_one_list_share_one_selection(monkeypatch: pytest.MonkeyPatch) -> None:
    sim = BigCommerceSimulator()
    sim.shops.add_shop(HASH, TOKEN, size=30)
    selected: list[Any] = []
    real = Table.cached

    def cached(self: Table, key: Any, compute: Callable[[], Any], limit: int = 64) -> Any:
        def counted() -> Any:
            selected.append(key)
            return compute()
        return real(self, key, counted if key[0] == "select" else compute, limit)

    monkeypatch.setattr(Table, "cached", cached)
    async with checked_client(sim.app, TOKEN) as http:
        ids: list[int] = []
        for page in (1, 2, 3):
            r = await http.get(f"{V3}/catalog/products", params={
                "sort": "name", "limit": 10, "page": page, "include_fields": "name"})
            assert r.status_code == 200
            ids += [p["id"] for p in r.json()["data"]]
        assert len(selected) == 1 and sorted(ids) == sorted(set(ids)) and len(ids) == 30
        # another filter is another selection; a change of the table selects afresh
        r = await http.get(f"{V3}/catalog/products", params={"sort": "name", "id:min": "5"})
        assert len(selected) == 2 and all(p["id"] >= 5 for p in r.json()["data"])
        r = await http.put(f"{V3}/catalog/products/{ids[0]}", json={"name": "Aardvark"})
        assert r.status_code == 200
        r = await http.get(f"{V3}/catalog/products", params={"sort": "name", "limit": 1})
        assert len(selected) == 3 and r.json()["data"][0]["name"] == "Aardvark"
