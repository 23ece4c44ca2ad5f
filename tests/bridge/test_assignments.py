"""category.assign/unassign from a link table (``bridge/assignments.py``), on real MariaDB
tables of a made-up cart: both ids checked, the link added once (last for a ranked link) or
removed, the product touched in the same write."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.bridge.assignments import Assignment
from anycart.platforms.bridge.positions import RankedLink
from anycart.platforms.bridge.sqlentity import SqlEntity
from anycart.platforms.bridge.writes import Link
from tests.bridge.direct import DirectExecutor, scratch

SCHEMA = """
CREATE TABLE t_item (item_id INT PRIMARY KEY, changed DATETIME NOT NULL);
CREATE TABLE t_shelf (shelf_id INT PRIMARY KEY);
CREATE TABLE t_item_shelf (item_id INT NOT NULL, shelf_id INT NOT NULL);
CREATE TABLE t_shelf_item (shelf_id INT NOT NULL, item_id INT NOT NULL, position INT NOT NULL);
INSERT INTO t_item VALUES (1, '2020-01-01 00:00:00'), (2, '2020-01-01 00:00:00');
INSERT INTO t_shelf VALUES (10), (20);
"""


class Items(SqlEntity):
    method, label, plural = "product", "Product", "products"
    table, key, modified = "{p}item i", "i.item_id", "i.changed"


class Shelves(SqlEntity):
    method, label, plural = "category", "Category", "categories"
    table, key = "{p}shelf s", "s.shelf_id"


PLAIN = Assignment(Link("item_shelf", "item_id", "shelf_id"), Items(), Shelves())
RANKED = Assignment(RankedLink("shelf_item", "item_id", "shelf_id"), Items(), Shelves(),
                    missing_link_is_404=True)


class Conn:
    def __init__(self, db: DirectExecutor) -> None:
        self.db = db


@pytest.fixture
def conn(mariadb):
    with scratch(mariadb, "assign", SCHEMA) as direct:
        yield Conn(direct)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def call(assignment: Assignment, conn: Conn, method: str, **params: Any) -> Any:
    name = method.split(".")[1]
    return run(getattr(assignment, name)(conn, Call(f"category.{name}", params)))


def select(conn: Conn, sql: str) -> list[dict[str, Any]]:
    return run(conn.db.select(sql))


def test_a_link_is_added_once_and_the_product_touched(conn):
    assert call(PLAIN, conn, "category.assign", category_id="10", product_id="1") == {}
    call(PLAIN, conn, "category.assign", category_id="10", product_id="1")
    assert select(conn, "SELECT item_id, shelf_id FROM {p}item_shelf") == [{"item_id": 1, "shelf_id": 10}]
    touched = select(conn, "SELECT item_id FROM {p}item WHERE changed > '2020-01-01'")
    assert touched == [{"item_id": 1}]
    call(PLAIN, conn, "category.unassign", category_id="10", product_id="1")
    call(PLAIN, conn, "category.unassign", category_id="10", product_id="1")  # not there: fine
    assert select(conn, "SELECT * FROM {p}item_shelf") == []


def test_a_ranked_link_goes_last_and_a_missing_one_is_112(conn):
    call(RANKED, conn, "category.assign", category_id="20", product_id="2")
    call(RANKED, conn, "category.assign", category_id="20", product_id="1")
    assert select(conn, "SELECT item_id, position FROM {p}shelf_item ORDER BY position") == \
        [{"item_id": 2, "position": 0}, {"item_id": 1, "position": 1}]
    call(RANKED, conn, "category.unassign", category_id="20", product_id="2")
    with pytest.raises(ApiError) as err:
        call(RANKED, conn, "category.unassign", category_id="20", product_id="2")
    assert err.value.code == ReturnCode.NOT_FOUND and "Product category" in err.value.message


@pytest.mark.parametrize("params,label", [({"category_id": "30", "product_id": "1"}, "Category"),
                                          ({"category_id": "10", "product_id": "9"}, "Product")])
def test_both_ids_must_name_rows(conn, params, label):
    with pytest.raises(ApiError) as err:
        call(PLAIN, conn, "category.assign", **params)
    assert err.value.code == ReturnCode.NOT_FOUND and label in err.value.message
    assert select(conn, "SELECT * FROM {p}item_shelf") == []
