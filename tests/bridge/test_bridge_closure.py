"""A closure-table tree (``bridge/closure.py``) on a real MariaDB table: paths, subtrees,
a node added (by an InsertId of the same write) and a subtree moved."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.platforms.bridge.closure import ClosureTable
from anycart.platforms.bridge.sqlkit import InsertId, Statement
from tests.bridge.direct import DirectExecutor

PATHS = ClosureTable("path", "node_id", "up_id")


@pytest.fixture
def db(mariadb):
    name = mariadb.create_database("closure")
    mariadb.run_script(name, "CREATE TABLE c_node (node_id INT AUTO_INCREMENT PRIMARY KEY, label "
                             "VARCHAR(8) NOT NULL); CREATE TABLE c_path (node_id INT NOT NULL, up_id "
                             "INT NOT NULL, level INT NOT NULL, PRIMARY KEY (node_id, up_id));")
    direct = DirectExecutor(host=mariadb.host, port=mariadb.port, user=mariadb.user,
                            password=mariadb.password, database=name, prefix="c_")
    yield direct
    direct.close()
    mariadb.drop_database(name)


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def _add(db: DirectExecutor, label: str, parent: int | None) -> int:
    path = run(PATHS.path(db, parent)) if parent else []
    written = run(db.write([Statement("INSERT INTO {p}node (label) VALUES (?)", [label]),
                            *PATHS.add(InsertId(0), path)]))
    return written[0].insert_id


def test_paths_subtrees_and_moves(db):
    root = _add(db, "root", None)
    a = _add(db, "a", root)
    b = _add(db, "b", a)
    c = _add(db, "c", b)
    other = _add(db, "other", None)
    assert run(PATHS.path(db, c)) == [root, a, b, c] and run(PATHS.path(db, 999)) == []
    assert run(PATHS.subtree(db, a)) == [a, b, c]
    # b (with c) moves under other: both paths rebuilt, the rest untouched
    run(db.write(run(PATHS.move(db, b, run(PATHS.path(db, other))))))
    assert run(PATHS.path(db, b)) == [other, b] and run(PATHS.path(db, c)) == [other, b, c]
    assert run(PATHS.path(db, a)) == [root, a] and run(PATHS.subtree(db, a)) == [a]
    levels = run(db.select("SELECT up_id, level FROM {p}path WHERE node_id = ? ORDER BY level", [c]))
    assert [(r["up_id"], r["level"]) for r in levels] == [(other, 0), (b, 1), (c, 2)]
    # to the root level
    run(db.write(run(PATHS.move(db, b, []))))
    assert run(PATHS.path(db, c)) == [b, c] and run(PATHS.subtree(db, other)) == [other]


def test_paths_of_many_nodes_in_one_query(db):
    root = _add(db, "root", None)
    a = _add(db, "a", root)
    b = _add(db, "b", a)
    assert run(PATHS.paths(db, [b, root, 999])) == {root: [root], b: [root, a, b]}
    assert run(PATHS.paths(db, [])) == {}
