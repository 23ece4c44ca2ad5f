"""bridge.lookups.require on its own: one query for a write's ids, 112 naming the first one
missing, a narrowing condition bound to its context, nothing asked for no ids."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.lookups import free, require


class Db:
    def __init__(self, ids: list[int]) -> None:
        self.ids, self.seen = ids, []

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.seen.append((sql, list(params)))
        return [{"id": i} for i in self.ids]


def test_the_first_missing_id_is_112_naming_the_label():
    db = Db([2])
    with pytest.raises(ApiError) as err:
        asyncio.run(require(db, "category", [9, 2, 5, 2], "Category"))
    assert err.value.code == ReturnCode.NOT_FOUND and "Category" in err.value.message
    assert "5" in err.value.message and "9" not in err.value.message
    assert db.seen == [("SELECT id_category AS id FROM `{p}category` WHERE id_category IN (?, ?, ?)",
                        [2, 5, 9])]


def test_a_narrowing_condition_and_key_and_no_query_for_no_ids():
    db = Db([4])
    asyncio.run(require(db, "product_shop", [4], "Product", key="id_product",
                        where=" AND id_shop = :shop", shop=3))
    assert db.seen == [("SELECT id_product AS id FROM `{p}product_shop` WHERE id_product IN (?)"
                        " AND id_shop = ?", [4, 3])]
    asyncio.run(require(db, "carrier", [], "Carrier"))
    assert len(db.seen) == 1


def test_a_taken_value_is_113_and_the_rows_that_do_not_count_are_left_out():
    db = Db([1])
    with pytest.raises(ApiError) as err:
        asyncio.run(free(db, "customer", "email", "a@b.c", "Customer", where=" AND id_customer <> :but",
                         but=4))
    assert err.value.code == ReturnCode.ALREADY_EXISTS
    assert err.value.message == "Customer with email a@b.c already exists"
    assert db.seen == [("SELECT 1 FROM `{p}customer` WHERE `email` = ? AND id_customer <> ? LIMIT 1",
                        ["a@b.c", 4])]
    asyncio.run(free(Db([]), "customer", "email", "x@b.c", "Customer"))  # not taken: no error
