"""Declared writes (``bridge/writes.py``) on their own, on real MariaDB tables of a made-up
cart (a thing, its per-language rows, a link table, a child table): add, update and delete
come from the declaration; plus the column converters they use (``bridge/columns.py``)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge import values
from anycart.platforms.bridge.columns import amount, escaped, integer, number, text
from anycart.platforms.bridge.sqlkit import InsertId, Statement
from anycart.platforms.bridge.writes import Link, Part, Writes
from tests.bridge.direct import DirectExecutor, scratch

SCHEMA = """
CREATE TABLE t_thing (thing_id INT AUTO_INCREMENT PRIMARY KEY, sku VARCHAR(8) NOT NULL,
  price DECIMAL(10,2) NOT NULL, stock INT NOT NULL, added DATETIME NOT NULL,
  changed DATETIME NOT NULL);
CREATE TABLE t_thing_text (thing_id INT NOT NULL, lang INT NOT NULL, name VARCHAR(32) NOT NULL,
  title VARCHAR(32) NOT NULL, PRIMARY KEY (thing_id, lang));
CREATE TABLE t_thing_tag (thing_id INT NOT NULL, tag_id INT NOT NULL);
CREATE TABLE t_thing_note (thing_id INT NOT NULL, note VARCHAR(32) NOT NULL);
"""

THING = Writes(
    main=Part("thing", "thing_id", defaults={"sku": "", "price": 0, "stock": 0}),
    parts=(Part("thing_text", "thing_id", {"lang": "lang"}, defaults={"name": "", "title": ""},
                fallback={"title": "name"}),),
    spec=(("sku", "thing.sku", text(8)), ("price", "thing.price", amount),
          ("quantity", "thing.stock", integer), ("name", "thing_text.name", escaped),
          ("title", "thing_text.title", escaped)),
    created="added", modified="changed", cascade=("thing_tag",))
TAGS = Link("thing_tag", "thing_id", "tag_id")


@pytest.fixture
def db(mariadb):
    with scratch(mariadb, "writes", SCHEMA) as direct:
        yield direct


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def rows(db: DirectExecutor, sql: str) -> list[dict[str, Any]]:
    return run(db.select(sql))


def test_add_writes_the_main_row_then_its_parts_and_links_in_one_write(db):
    statements = THING.add({"sku": "A-1", "price": "2.5", "name": "Tea & Cake"}, {"lang": 2})
    statements += TAGS.rows(InsertId(0), [7, 9])
    written = run(db.write(statements))
    tid = written[0].insert_id
    thing = rows(db, "SELECT * FROM {p}thing")[0]
    assert (thing["thing_id"], thing["sku"], float(thing["price"]), thing["stock"]) == (tid, "A-1", 2.5, 0)
    assert thing["added"] == thing["changed"]  # both the store's now
    # the part: keyed by the new id and the context's language, its fallback from the name
    assert rows(db, "SELECT * FROM {p}thing_text") == [
        {"thing_id": tid, "lang": 2, "name": "Tea &amp; Cake", "title": "Tea &amp; Cake"}]
    assert [r["tag_id"] for r in rows(db, "SELECT tag_id FROM {p}thing_tag ORDER BY tag_id")] == [7, 9]


def test_update_writes_only_what_is_given_and_touches_the_main_row(db):
    tid = run(db.write(THING.add({"sku": "A", "name": "One"}, {"lang": 1})))[0].insert_id
    run(db.write([*THING.add({"sku": "B", "name": "Two"}, {"lang": 1})]))
    run(db.write([Statement("UPDATE {p}thing SET changed = '2001-01-01 00:00:00'")]))
    # only a part given: its row in that language, and the main row's modification time
    statements = THING.update(tid, {"title": "New"}, {"lang": 1})
    assert [s.sql.split(" SET ")[0] for s in statements] == ["UPDATE {p}thing", "UPDATE {p}thing_text"]
    run(db.write(statements))
    texts = rows(db, "SELECT thing_id, name, title FROM {p}thing_text ORDER BY thing_id")
    assert texts[0] == {"thing_id": tid, "name": "One", "title": "New"} and texts[1]["title"] == "Two"
    changed = {r["thing_id"]: str(r["changed"]) for r in rows(db, "SELECT * FROM {p}thing")}
    assert changed[tid] != "2001-01-01 00:00:00" and list(changed.values()).count("2001-01-01 00:00:00") == 1
    # nothing given: no statement (and must_update refuses with the contract's code)
    assert THING.update(tid, {"colour": "red"}, {"lang": 1}) == []
    with pytest.raises(ApiError) as err:
        THING.must_update(tid, {}, {"lang": 1})
    assert err.value.code == ReturnCode.UPDATE_PARAMS_MISSING
    # touch: something else changed (a link), the main row still gets its modification time
    assert [s.sql.split(" SET ")[0] for s in THING.update(tid, {}, {"lang": 1}, touch=True)] == [
        "UPDATE {p}thing"]
    # extra: the write's own columns, over what the call gives
    run(db.write(THING.update(tid, {"quantity": "3"}, {"lang": 1}, {"thing": {"sku": "Z"}})))
    assert rows(db, f"SELECT sku, stock FROM {{p}}thing WHERE thing_id = {tid}") == [{"sku": "Z", "stock": 3}]


def test_links_replace_and_remove(db):
    run(db.write(TAGS.rows(5, [1, 2, 3])))
    run(db.write(TAGS.replace(5, [3, 4])))
    assert [r["tag_id"] for r in rows(db, "SELECT tag_id FROM {p}thing_tag ORDER BY tag_id")] == [3, 4]
    run(db.write([TAGS.remove(5, 3)]))
    assert [r["tag_id"] for r in rows(db, "SELECT tag_id FROM {p}thing_tag")] == [4]


def test_delete_cascades_through_parts_cascade_and_more_tables(db):
    first = run(db.write([*THING.add({"name": "A"}, {"lang": 1}), *TAGS.rows(InsertId(0), [1])]))[0].insert_id
    second = run(db.write([*THING.add({"name": "B"}, {"lang": 1}), *TAGS.rows(InsertId(0), [2])]))[0].insert_id
    run(db.write([Statement("INSERT INTO {p}thing_note (thing_id, note) VALUES (?, 'x')", [first])]))
    run(db.write(THING.delete(first, more=("thing_note",))))
    for table in ("thing", "thing_text", "thing_tag"):
        assert [r["thing_id"] for r in rows(db, f"SELECT thing_id FROM {{p}}{table}")] == [second]
    assert rows(db, "SELECT * FROM {p}thing_note") == []
    run(db.write(THING.delete([second])))
    assert rows(db, "SELECT * FROM {p}thing") == [] and THING.delete([]) == []


def _invalid(fn: Any, name: str) -> str:
    with pytest.raises(ApiError) as err:
        fn()
    assert err.value.code == ReturnCode.INCORRECT_VALUE and f"'{name}'" in err.value.message
    return err.value.message


def test_converters_refuse_naming_the_parameter():
    # one amount: the column converter and values.amount answer the same
    for bad in ("x", "-1", "nan", "inf"):
        assert _invalid(lambda b=bad: amount("price", b), "price") == _invalid(
            lambda b=bad: values.amount(b, "price"), "price")
    assert amount("price", "2") == values.amount("2", "price") == 2.0
    assert number("delta", "-1.5") == -1.5
    _invalid(lambda: number("delta", "nan"), "delta")
    assert integer("qty", "3.0") == 3
    for bad in ("3.5", "x", "inf"):
        _invalid(lambda b=bad: integer("qty", b), "qty")
    assert escaped("name", 'a & "b"') == "a &amp; &quot;b&quot;"
    assert getattr(escaped, "keeps_blank", False) is True
