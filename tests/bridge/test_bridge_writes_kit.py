"""The bridge's write-side helpers on their own: column declarations (``bridge/columns.py``),
field maps (``bridge/fieldmap.py``), statement helpers (``bridge/batch.py``) and nested-set
trees (``bridge/nested.py``). The carts' own tests run them on MariaDB."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.attach import attach
from anycart.platforms.bridge.batch import Batch, update, written_id
from anycart.platforms.bridge.columns import (
    amount,
    bit,
    bounded,
    choice,
    columns,
    email,
    status,
    text,
    written,
)
from anycart.platforms.bridge.fieldmap import FieldMap
from anycart.platforms.bridge.nested import NEW, NestedSet, nested_set
from anycart.platforms.bridge.sqlkit import InsertId, Written

SPEC = (("price", "product+product_shop.price", amount), ("name", "product_lang.name", text(5)),
        ("avail", "product.active", bit), ("status", "product.active", status()),
        ("visible", "product.visibility", choice({"everywhere": "both", "nowhere": "none"})))


def _invalid(fn: Any, name: str) -> str:
    with pytest.raises(ApiError) as err:
        fn()
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message
    return err.value.message


def test_columns_write_only_what_is_given_to_every_table_named():
    assert columns({}, SPEC) == {"product": {}, "product_shop": {}, "product_lang": {}}
    out = columns({"price": "2.5", "name": "", "avail": "false", "visible": "Nowhere"}, SPEC)
    assert out == {"product": {"price": 2.5, "active": 0, "visibility": "none"},
                   "product_shop": {"price": 2.5}, "product_lang": {"name": ""}}
    # a later row wins (status after avail); blank is no value except for text (it clears)
    assert columns({"avail": True, "status": "disabled"}, SPEC)["product"] == {"active": 0}
    assert columns({"price": "", "status": ""}, SPEC)["product"] == {}
    assert written(SPEC) == {"price", "name", "avail", "status", "visible"}


def test_column_converters_refuse_naming_the_parameter():
    assert "at most 5" in _invalid(lambda: columns({"name": "toolong"}, SPEC), "name")
    _invalid(lambda: columns({"price": "-1"}, SPEC), "price")
    _invalid(lambda: columns({"price": "nan"}, SPEC), "price")
    _invalid(lambda: columns({"price": "x"}, SPEC), "price")
    assert "enabled or disabled" in _invalid(lambda: columns({"status": "on"}, SPEC), "status")
    assert "everywhere, nowhere" in _invalid(lambda: columns({"visible": "x"}, SPEC), "visible")
    assert bounded("x", 12345, 5) == "12345"
    spec = (("email", "customer.email", email(12)),)
    assert columns({"email": " a@b.example "}, spec)["customer"] == {"email": "a@b.example"}
    for bad in ("", "ab.example", "abcdef@g.example"):
        _invalid(lambda bad=bad: columns({"email": bad}, spec), "email")


def test_field_map_reads_by_kind_and_keeps_the_rest_as_extras():
    fields = FieldMap(text={"id": "pid", "name": "title"}, number={"price": "p"},
                      integer={"sort_order": "pos"}, flag={"avail": "on"},
                      date={"created_at": "added"}, used=frozenset({"secret"}))
    row = {"pid": 7, "title": "", "p": "1.50", "pos": "3", "on": 0, "added": "0000-00-00 00:00:00",
           "secret": "x", "extra": "kept", "_hydrated": [1]}
    assert fields.read(row) == {"id": "7", "name": None, "price": 1.5, "sort_order": 3,
                                "avail": False, "created_at": None}
    assert fields.extras(row) == {"extra": "kept"}


def test_statement_helpers():
    st = update("orders", {"a": 1, "b": None}, "id_order = ?", 9)
    assert (st.sql, list(st.params)) == ("UPDATE {p}orders SET `a` = ?, `b` = ? WHERE id_order = ?",
                                         [1, None, 9])


def test_batch_answers_insert_ids_for_later_statements():
    class Db:
        async def write(self, statements: list[Any]) -> list[Written]:
            self.seen = statements
            return [Written(100 + n, 1) for n in range(len(statements))]

    batch, db = Batch(), Db()
    parent = batch.insert("customer", {"email": "a@b"})
    batch.insert("address", {"id_customer": parent})
    assert parent == InsertId(0)
    written = asyncio.run(batch.run(db))
    assert db.seen[1].params == [InsertId(0)]
    assert written_id(written, parent) == 100 and written_id(written, 7) == 7


def _tree() -> NestedSet:
    # 1 root > 2 home > (3 > 5), 4 ; numbers as stored
    parents = {1: 0, 2: 1, 3: 2, 4: 2, 5: 3}
    positions = {1: 0, 2: 0, 3: 0, 4: 1, 5: 0}
    numbers = nested_set(parents, positions)
    return NestedSet({c: {"id_parent": parents[c], "position": positions[c], "nleft": n[0],
                          "nright": n[1], "level_depth": n[2]} for c, n in numbers.items()})


def test_nested_set_numbers_children_by_position_then_id():
    assert nested_set({1: 0, 2: 1, 3: 1}, {2: 1, 3: 0}) == {1: (1, 6, 0), 3: (2, 3, 1), 2: (4, 5, 1)}


def test_nested_set_add_move_delete():
    tree = _tree()
    assert tree.subtree(3) == {3, 5}
    updates, (left, right, depth) = tree.add(4, 0)  # a child of 4, the last node in order
    assert (left, right, depth) == (8, 9, 3)
    # the nodes whose right edge moves: 4, its parent 2 and the root 1 (3 and 5 stay)
    assert sorted(list(s.params) for s in updates) == [[1, 12, 0, 1], [2, 11, 1, 2], [7, 10, 2, 4]]
    moved = tree.move(3, 4, None)  # 3 (and 5) under 4
    assert {s.params[-1] for s in moved} == {3, 4, 5}
    assert tree.without({3, 5}) and all(s.params[-1] not in (3, 5) for s in tree.without({3, 5}))
    assert NEW not in tree.rows


def test_nested_set_refuses_cycles_and_unknown_parents():
    tree = _tree()
    _invalid(lambda: tree.move(3, 5, None), "parent_id")
    _invalid(lambda: tree.move(3, 3, None), "parent_id")
    with pytest.raises(ApiError) as err:
        tree.add(99, 0)
    assert err.value.code == ReturnCode.NOT_FOUND


def test_attach_hangs_each_rows_children_in_one_select():
    class Db:
        async def select(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
            self.seen = (sql, list(params))
            return [{"pid": 2, "v": "b"}, {"pid": 1, "v": "a1"}, {"pid": 1, "v": "a2"}]

    db, rows = Db(), [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 1}]
    asyncio.run(attach(db, rows, "id", "_kids", "SELECT * FROM {p}k WHERE pid IN (??) AND l = :lang",
                       {"lang": 4}, child_key="pid"))
    assert db.seen == ("SELECT * FROM {p}k WHERE pid IN (?, ?, ?) AND l = ?", [1, 2, 3, 4])
    assert [[k["v"] for k in r["_kids"]] for r in rows] == [["a1", "a2"], ["b"], [], ["a1", "a2"]]
