"""add/update/delete generated from a write declaration (``bridge/writers.py``), on real
MariaDB tables of a made-up cart: the main row, its per-language row and a hook's link rows
in one write, only what an update gives (with the modification time), 101/112/nothing to
update, the delete's cascade, and what each generated method applies."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.bridge.columns import escaped, number
from anycart.platforms.bridge.sqlentity import Ctx, SqlEntity
from anycart.platforms.bridge.sqlkit import Statement
from anycart.platforms.bridge.writers import EntityWriter
from anycart.platforms.bridge.writes import Extra, Link, Part, Writes
from anycart.platforms.kit.serve import attach
from tests.bridge.direct import DirectExecutor, scratch

SCHEMA = """
CREATE TABLE t_item (item_id INT AUTO_INCREMENT PRIMARY KEY, price DECIMAL(10,2) NOT NULL,
                     kind VARCHAR(8) NOT NULL, added DATETIME, changed DATETIME);
CREATE TABLE t_item_lang (item_id INT NOT NULL, lang INT NOT NULL, name VARCHAR(64) NOT NULL);
CREATE TABLE t_item_shelf (item_id INT NOT NULL, shelf_id INT NOT NULL);
CREATE TABLE t_review (item_id INT NOT NULL);
"""

ITEM = Writes(main=Part("item", "item_id", defaults={"price": 0, "kind": "plain"}),
              parts=(Part("item_lang", "item_id", {"lang": "lang"}),),
              spec=(("price", "item.price", number), ("name", "item_lang.name", escaped)),
              created="added", modified="changed", cascade=("item_shelf", "review"))
SHELVES = Link("item_shelf", "item_id", "shelf_id")


class Items(SqlEntity):
    method, label, plural = "product", "Product", "products"
    table, key, modified = "{p}item i", "i.item_id", "i.changed"


class ItemWriter(EntityWriter):
    method, writes, entity = "product", ITEM, Items()
    required = ("name",)
    add_params = frozenset({"shelf_ids", "kind"})
    update_params = frozenset({"shelf_ids"})
    update_only = frozenset({"price"})

    async def context(self, conn: Any, params: dict[str, Any]) -> Ctx:
        return {"lang": 1}

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        if p.get("kind") == "bad":
            raise ApiError.invalid("kind")
        return {"item": {"kind": p["kind"]}} if ident is None and p.get("kind") else {}

    async def more(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> list[Statement]:
        if p.get("shelf_ids") is None:
            return []
        return SHELVES.replace(ident, [int(x) for x in str(p["shelf_ids"]).split(",")])


WRITER = ItemWriter()


class Conn:
    def __init__(self, db: DirectExecutor) -> None:
        self.db = db


@pytest.fixture
def conn(mariadb):
    with scratch(mariadb, "writers", SCHEMA) as direct:
        yield Conn(direct)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def call(conn: Conn, verb: str, **params: Any) -> Any:
    runs = {"add": WRITER.run_add, "update": WRITER.run_update, "delete": WRITER.run_delete}
    return run(runs[verb](conn, Call(f"product.{verb}", params)))


def select(conn: Conn, sql: str) -> list[dict[str, Any]]:
    return run(conn.db.select(sql))


def test_add_writes_the_rows_and_the_hooks_in_one_write(conn):
    assert call(conn, "add", name="A & B", kind="big", shelf_ids="3,4") == {"product_id": "1"}
    item = select(conn, "SELECT kind, price, added IS NOT NULL AS stamped FROM {p}item")
    assert item == [{"kind": "big", "price": "0.00", "stamped": 1}]
    assert select(conn, "SELECT * FROM {p}item_lang") == \
        [{"item_id": 1, "lang": 1, "name": "A &amp; B"}]
    assert select(conn, "SELECT shelf_id FROM {p}item_shelf ORDER BY shelf_id") == \
        [{"shelf_id": 3}, {"shelf_id": 4}]


def test_add_refusals_write_nothing(conn):
    with pytest.raises(ApiError) as err:
        call(conn, "add", kind="big")
    assert err.value.code == ReturnCode.REQUIRED_PARAM_MISSING and "'name'" in err.value.message
    with pytest.raises(ApiError) as err:
        call(conn, "add", name="x", kind="bad")
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    assert select(conn, "SELECT * FROM {p}item") == []


def test_update_writes_what_is_given_and_touches_the_row(conn):
    call(conn, "add", name="Old")
    run(conn.db.select("UPDATE {p}item SET changed = '2020-01-01 00:00:00'"))
    assert call(conn, "update", id="1", price="2.5") == {"updated_items": 1}
    assert select(conn, "SELECT price, changed > '2020-01-01' AS touched FROM {p}item") == \
        [{"price": "2.50", "touched": 1}]
    assert select(conn, "SELECT name FROM {p}item_lang") == [{"name": "Old"}]
    run(conn.db.select("UPDATE {p}item SET changed = '2020-01-01 00:00:00'"))
    call(conn, "update", id="1", shelf_ids="7")  # only the hook's rows: the row is touched too
    assert select(conn, "SELECT changed > '2020-01-01' AS touched FROM {p}item") == [{"touched": 1}]
    assert select(conn, "SELECT shelf_id FROM {p}item_shelf") == [{"shelf_id": 7}]


def test_update_refusals(conn):
    call(conn, "add", name="x")
    with pytest.raises(ApiError) as err:
        call(conn, "update", id="1")
    assert err.value.code == ReturnCode.UPDATE_PARAMS_MISSING
    with pytest.raises(ApiError) as err:
        call(conn, "update", id="9", price="1")
    assert err.value.code == ReturnCode.NOT_FOUND and "Product" in err.value.message


def test_delete_clears_the_cascade(conn):
    call(conn, "add", name="x", shelf_ids="1")
    run(conn.db.select("INSERT INTO {p}review VALUES (1)"))
    call(conn, "add", name="y", shelf_ids="2")
    assert call(conn, "delete", id="1") == {"delete_items": 1}
    assert select(conn, "SELECT item_id FROM {p}item") == [{"item_id": 2}]
    for table in ("item_lang", "item_shelf", "review"):
        assert select(conn, f"SELECT DISTINCT item_id FROM {{p}}{table}") in ([], [{"item_id": 2}])
    with pytest.raises(ApiError) as err:
        call(conn, "delete", id="1")
    assert err.value.code == ReturnCode.NOT_FOUND


def test_applied_sets_and_attached_methods():
    assert WRITER.applied() == {
        "product.add": frozenset({"name", "shelf_ids", "kind"}),
        "product.update": frozenset({"id", "name", "price", "shelf_ids"}),
        "product.delete": frozenset({"id"})}

    class Connector:
        pass

    assert attach(Connector, WRITER) == WRITER.applied()
    assert all(callable(getattr(Connector, f"product_{v}")) for v in ("add", "update", "delete"))
