"""bridge.lookups.free with ``nocase``: a value taken in another case is taken (run on SQLite,
whose ``=`` tells cases apart, so the lower-case comparison is what matches)."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.lookups import free


class Sqlite:
    def __init__(self) -> None:
        self.conn = sqlite3.connect(":memory:")
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("CREATE TABLE oc_customer (customer_id INTEGER PRIMARY KEY, email TEXT)")
        self.conn.execute("INSERT INTO oc_customer VALUES (1, 'Ann@Example.com')")

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in self.conn.execute(sql.replace("{p}", "oc_"), list(params))]


def _free(db: Sqlite, email: str, **kw: Any) -> None:
    asyncio.run(free(db, "customer", "email", email, "Customer", **kw))


def test_nocase_finds_the_value_in_another_case_and_the_row_changed_does_not_count():
    db = Sqlite()
    _free(db, "ann@example.com")  # the column's own comparison: another value
    with pytest.raises(ApiError) as err:
        _free(db, "ann@example.com", nocase=True)
    assert err.value.code == ReturnCode.ALREADY_EXISTS
    assert err.value.message == "Customer with email ann@example.com already exists"
    _free(db, "ANN@example.com", nocase=True, where=" AND customer_id <> :but", but=1)
    _free(db, "bob@example.com", nocase=True)
