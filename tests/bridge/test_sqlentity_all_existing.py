"""SqlEntity.all_existing: the ids a write links to, checked in one query (112 naming the
lowest missing one), over a recording executor."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.sqlentity import SqlEntity


class Db:
    def __init__(self, have: set[int]) -> None:
        self.have, self.seen = have, []

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.seen.append((sql, list(params)))
        return [{"_id": i} for i in params if i in self.have]


class Conn:
    def __init__(self, db: Db) -> None:
        self.db = db


class Cats(SqlEntity):
    method, label, plural = "category", "Category", "categories"
    table, key = "{p}category c", "c.category_id"


def test_all_existing_in_one_query_else_112_naming_the_lowest_missing():
    db = Db({1, 2, 5})
    assert asyncio.run(Cats().all_existing(Conn(db), [5, 1])) == [5, 1]
    assert db.seen == [("SELECT c.category_id AS _id FROM {p}category c WHERE c.category_id IN (?, ?)",
                        [5, 1])]
    with pytest.raises(ApiError) as err:
        asyncio.run(Cats().all_existing(Conn(db), [9, 2, 7]))
    assert err.value.code == ReturnCode.NOT_FOUND and "7" in err.value.message
    db.seen.clear()
    assert asyncio.run(Cats().all_existing(Conn(db), [])) == [] and db.seen == []
