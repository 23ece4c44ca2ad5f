"""bridge.settings on its own, over a real SQLite settings table: one query per connector for
the names declared, the row ordered last wins (a shop's own value over the global one),
NULL values and non-numbers fall back; ``chosen`` reads a store or language id a call names."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.settings import Settings, chosen


class Db:
    def __init__(self) -> None:
        self.sql = sqlite3.connect(":memory:")
        self.sql.row_factory = sqlite3.Row
        self.sql.execute("CREATE TABLE configuration (id INTEGER PRIMARY KEY, name TEXT,"
                         " value TEXT, id_shop INTEGER)")
        self.sql.executemany("INSERT INTO configuration (name, value, id_shop) VALUES (?, ?, ?)", [
            ("SHOP_NAME", "Global", None), ("SHOP_NAME", "Shop one", 1), ("HOME", "7", None),
            ("EMPTY", None, None), ("WORD", "abc", None), ("OTHER", "x", None)])
        self.queries = 0

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.queries += 1
        return [dict(r) for r in self.sql.execute(sql.replace("{p}", ""), list(params))]


class Conn:
    def __init__(self) -> None:
        self.db = Db()


SETTINGS = Settings("SELECT name, value FROM {p}configuration WHERE name IN (??)"
                    " ORDER BY id_shop IS NOT NULL, id", ("SHOP_NAME", "HOME", "EMPTY", "WORD"))


def test_read_once_per_connector_the_last_row_winning():
    conn = Conn()
    assert asyncio.run(SETTINGS.read(conn)) == {"SHOP_NAME": "Shop one", "HOME": "7", "WORD": "abc"}
    assert asyncio.run(SETTINGS.get(conn, "SHOP_NAME")) == "Shop one"
    assert asyncio.run(SETTINGS.integer(conn, "HOME", 2)) == 7
    assert conn.db.queries == 1
    other = Conn()
    asyncio.run(SETTINGS.get(other, "HOME"))
    assert other.db.queries == 1 and conn.db.queries == 1


def test_integer_falls_back_for_null_missing_and_words():
    conn = Conn()
    assert [asyncio.run(SETTINGS.integer(conn, n, 3)) for n in ("EMPTY", "WORD", "OTHER")] == [3, 3, 3]


def test_chosen_ids():
    assert chosen({"store_id": "4"}, "store_id", "shop") == 4
    assert chosen({"store_id": ""}, "store_id", "shop") is None
    assert chosen({}, "lang_id", "language") is None
    assert chosen({"lang_id": "0"}, "lang_id", "language") == 0
    assert chosen({"store_id": 0}, "store_id", "shop", zero_is_default=True) is None
    with pytest.raises(ApiError) as err:
        chosen({"lang_id": "en"}, "lang_id", "language")
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "lang_id" in err.value.message
