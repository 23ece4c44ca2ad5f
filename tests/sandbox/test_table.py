"""The table store: lazy seeded rows, auto ids, key order, indexes and caches."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from anycart.sandbox import Table
from anycart.sandbox.table import Tables

built: list[int] = []


def _build(key: int, row: tuple[str, float]) -> dict:
    built.append(key)
    return {"id": key, "name": row[0], "price": row[1], "tags": ["a"]}


def _light(key: int, row: tuple[str, float]) -> dict:
    return {"id": key, "name": row[0]}


def _render(key: int, row: tuple[str, float]) -> str:
    return json.dumps({"id": key, "name": row[0], "price": row[1], "tags": ["a"]},
                      separators=(",", ":"))


def _seeded() -> Table:
    t = Table(_build, _light, _render)
    t.seed_rows({3: ("c", 3.0), 1: ("a", 1.0), 2: ("b", 2.0)})
    built.clear()
    return t


def test_seeded_rows_stay_rows_until_a_record_is_taken_for_writing() -> None:
    t = _seeded()
    assert t.peek(2)["name"] == "b" and t.view(2) == {"id": 2, "name": "b"}
    assert json.loads(t.json(2)) == t.peek(2)
    assert t._docs == {}  # reading kept every row a row
    rec = t[2]  # materialized: the stored dict
    rec["name"] = "B"
    t.changed()
    assert t.peek(2)["name"] == "B" and t.view(2)["name"] == "B"  # the doc, not the light row
    assert json.loads(t.json(2))["name"] == "B"
    assert t[2] is rec


def test_snapshot_is_a_copy_the_caller_may_change() -> None:
    t = _seeded()
    snap = t.snapshot(1)
    assert snap is not None
    snap["tags"].append("x")
    assert t.peek(1)["tags"] == ["a"]
    t[1]["tags"].append("y")
    other = t.snapshot(1)
    assert other is not None
    other["tags"].clear()
    assert t.peek(1)["tags"] == ["a", "y"]
    assert t.snapshot(99) is None


def test_auto_ids_follow_the_largest_key_and_keys_stay_ordered() -> None:
    t = _seeded()
    assert t.sorted_keys() == [1, 2, 3] and list(t) == [1, 2, 3]
    doc: dict = {"name": "d"}
    assert t.insert(doc, "id") == 4 and doc["id"] == 4
    t[10] = {"id": 10}
    assert t.insert({}) == 11
    t[5] = {"id": 5}  # inserted in order, not appended
    assert t.sorted_keys() == [1, 2, 3, 4, 5, 10, 11]
    del t[2]
    assert 2 not in t and len(t) == 6 and t.sorted_keys() == [1, 3, 4, 5, 10, 11]
    with pytest.raises(KeyError):
        del t[2]
    with pytest.raises(KeyError):
        t[2]


def test_composite_keys_and_unhashable_lookups() -> None:
    t = Table()
    t[(2, 1)] = {"v": 1}
    t[(1, 9)] = {"v": 2}
    assert list(t) == [(1, 9), (2, 1)]
    assert [] not in t  # unhashable: simply absent
    assert t.next_id == 1  # tuple keys do not move the auto id


def test_version_grows_on_every_change() -> None:
    t = _seeded()
    v = t.version
    t[1]  # materializing is not a change
    assert t.version == v
    t.changed()
    t[7] = {}
    del t[7]
    assert t.version == v + 3


def test_index_is_kept_current_by_writes_and_reindex() -> None:
    t = _seeded()
    idx = t.index("name")
    assert idx.get("A") == 1 and "c" in idx and idx.get("zzz") is None
    t[4] = {"id": 4, "name": "Dee"}
    assert idx.get("dee") == 4
    t[4] = {"id": 4, "name": "Eve"}  # replaced: the old value is gone
    assert idx.get("dee") is None and idx.get("eve") == 4
    del t[1]
    assert idx.get("a") is None
    rec = t[2]
    old, rec["name"] = rec["name"], "Bee"
    t.reindex("name", old, "Bee", 2)
    assert idx.get("b") is None and idx.get("bee") == 2


def test_cached_until_the_table_changes() -> None:
    t = _seeded()
    calls: list[int] = []

    def compute() -> list[int]:
        calls.append(1)
        return [k for k in t.sorted_keys() if t.view(k)["name"] != "b"]

    assert t.cached("not-b", compute) == [1, 3]
    assert t.cached("not-b", compute) == [1, 3] and len(calls) == 1
    t[9] = {"id": 9, "name": "z"}
    assert t.cached("not-b", compute) == [1, 3, 9] and len(calls) == 2


def test_same_rows_same_table_whatever_the_seeding_order() -> None:
    a, b = Table(render=_render), Table(render=_render)
    rows = {i: (f"n{i}", float(i)) for i in range(1, 50)}
    a.seed_rows(rows)
    for k in sorted(rows, reverse=True):
        b.seed_row(k, rows[k])
    assert a.sorted_keys() == b.sorted_keys()
    assert [a.json(k) for k in a] == [b.json(k) for k in b]
    assert a[3] == {"id": 3, "name": "n3", "price": 3.0, "tags": ["a"]}  # built from render


def test_seeding_helpers_are_deterministic() -> None:
    from datetime import datetime

    from anycart.sandbox.seeding import FIRST_NAMES, before, day_anchor, rng, template

    text = template({"id": "@id@", "name": "@name@", "fixed": "100%", "list": ["@tags@"]})
    assert json.loads(text % {"id": 7, "name": json.dumps("Ann"), "tags": '"a"'}) == {
        "id": 7, "name": "Ann", "fixed": "100%", "list": ["a"]}
    anchor = day_anchor(datetime(2025, 6, 1, 15, 30))
    assert anchor == datetime(2025, 6, 1) and before(anchor, 86400) == "2025-05-31T00:00:00"
    a, b = rng(5), rng(5)
    assert [a.choice(FIRST_NAMES) for _ in range(5)] == [b.choice(FIRST_NAMES) for _ in range(5)]


def test_tables_finds_a_table_by_name_and_lists_them() -> None:
    @dataclass
    class Data(Tables):
        products: Table = field(default_factory=Table)
        orders: Table = field(default_factory=Table)
        counter: int = 0

    data = Data()
    assert data.table("orders") is data.orders and data.tables() == ["products", "orders"]
    for name in ("counter", "nothing"):
        with pytest.raises(KeyError):
            data.table(name)
