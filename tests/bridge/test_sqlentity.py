"""The SqlEntity base on its own: binding, filters, generated methods and what they apply,
over a recording executor (the carts' own tests run the declarations on MariaDB)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.bridge.sqlentity import (
    Children,
    Chosen,
    Col,
    Filter,
    SqlEntity,
    after,
    applied_by,
    bind,
    eq,
    flag,
    isin,
    like,
    rows_by,
)
from anycart.platforms.bridge.values import ENABLED, StatusMap, first_id, html_stored, ids


class Recorder:
    def __init__(self, rows: list[dict[str, Any]] | None = None) -> None:
        self.rows = rows if rows is not None else [{"id": 1, "name": "A"}]
        self.seen: list[tuple[str, list[Any]]] = []

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.seen.append((sql, list(params)))
        return [{"n": len(self.rows)}] if sql.startswith("SELECT COUNT") else self.rows

    async def write(self, statements: Any) -> list[Any]:
        raise AssertionError("reads only")


class Conn:
    def __init__(self, db: Recorder) -> None:
        self.db = db

    async def sql_context(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"lang": 2}


class Things(SqlEntity):
    method, label, plural = "thing", "Thing", "things"
    table, key = "{p}thing t", "t.id"
    columns = "t.*, td.name"
    joins = ("LEFT JOIN {p}thing_desc td ON td.id = t.id AND td.lang = :lang",
             "LEFT JOIN {p}maker m ON m.id = t.maker_id")
    created, modified = "t.added", "t.changed"
    sort = {"id": "t.id", "name": "td.name"}
    filters = {"ids": isin("t.id"), "since_id": after("t.id"), "avail": flag("t.on"),
               "status": eq("t.on", ENABLED.code), "maker": eq("m.name"),
               "categories_ids": Filter("EXISTS (SELECT 1 FROM {p}link l WHERE l.id = t.id AND "
                                        "l.cat IN (??))", ids, aliases=("category_id",)),
               "maker_id": eq("t.maker_id", first_id)}
    list_find_where = {"name": Col("td.name", html_stored), "code": "t.code"}
    find_where = {"name": Col("td.name", html_stored), "id": Col("t.id", exact=True)}
    scope = ("t.deleted = 0",)
    params = frozenset({"lang_id"})

    def map(self, row: dict[str, Any], ctx: dict[str, Any]) -> dict[str, Any]:
        return {"id": str(row["id"]), "name": row["name"], "lang": ctx["lang"]}


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def call(method: str, **params: Any) -> Call:
    return Call(method, params, start=20, count=10)


def test_bind_marks_values_lists_and_context_leaving_quoted_text_alone():
    sql, params = bind("a = ? AND b IN (??) AND c = :lang AND d = '?:x' AND e = ?", {"lang": 3}, [1, 2])
    assert sql == "a = ? AND b IN (?, ?) AND c = ? AND d = '?:x' AND e = ?"
    assert params == [[1, 2], 1, 2, 3, [1, 2]]
    assert bind("x IN (??)", {}, [])[0] == "x IN (NULL)"


def test_list_binds_context_filters_sort_and_page():
    db = Recorder()
    page = run(Things().run_list(Conn(db), call("thing.list", ids="1,2", avail=False, status="Enabled",
                                                   find_value="a&b", find_where="name",
                                                   sort_by="name", sort_direction="desc",
                                                   created_from="2025-01-01T00:00:00+00:00")))
    assert page.total == 1 and page.items == [{"id": "1", "name": "A", "lang": 2}]
    (count_sql, _count_params), (sql, params) = db.seen
    # the count keeps only the join its WHERE names (td for the name search), not m
    assert "{p}maker" not in count_sql and "{p}thing_desc td" in count_sql
    assert sql.startswith("SELECT t.*, td.name FROM {p}thing t LEFT JOIN {p}thing_desc td")
    assert "t.deleted = 0 AND t.id IN (?, ?) AND t.on = ? AND t.on = ? AND td.name LIKE ?" in sql
    assert sql.endswith("ORDER BY td.name DESC, t.id DESC LIMIT ? OFFSET ?")
    assert params[:6] == [2, 1, 2, 0, 1, "%a&amp;b%"]
    assert params[-2:] == [10, 20]
    assert "t.added >= ?" in sql


def test_an_alias_is_read_when_the_parameter_is_absent_and_lists_expand():
    db = Recorder()
    run(Things().run_count(Conn(db), call("thing.count", category_id="4,5")))
    sql, params = db.seen[0]
    assert "l.cat IN (?, ?)" in sql and params == [4, 5]


@pytest.mark.parametrize("params,name", [({"ids": "1,x"}, "ids"), ({"status": "maybe"}, "status"),
                                         ({"category_id": "a"}, "category_id"),
                                         ({"find_value": "x", "find_where": "colour"}, "find_where"),
                                         ({"sort_by": "price"}, "sort_by")])
def test_a_bad_value_is_109_naming_its_parameter(params, name):
    with pytest.raises(ApiError) as err:
        run(Things().run_list(Conn(Recorder()), call("thing.list", **params)))
    assert err.value.code == ReturnCode.INCORRECT_VALUE
    assert f"'{name}'" in err.value.message


def test_info_by_key_and_not_found():
    db = Recorder()
    assert run(Things().run_info(Conn(db), call("thing.info", id="7")))["id"] == "1"
    assert db.seen[0][0].endswith("WHERE t.deleted = 0 AND t.id = ? LIMIT ? OFFSET ?")
    with pytest.raises(ApiError) as err:
        run(Things().run_info(Conn(Recorder([])), call("thing.info", id="7")))
    assert err.value.code == ReturnCode.NOT_FOUND  # 112 naming the entity
    with pytest.raises(ApiError) as err:
        run(Things().run_info(Conn(Recorder()), call("thing.info")))
    assert "'id'" in err.value.message


def test_find_whole_words_like_and_exact_columns():
    db = Recorder()
    found = run(Things().run_find(Conn(db), call("thing.find", find_value="Tom & Co")))
    assert found["things_count"] == 1 and found["thing"][0]["id"] == "1"
    assert "td.name = ?" in db.seen[0][0] and "&amp;" in db.seen[0][1][1]
    run(Things().run_find(Conn(db), call("thing.find", find_value="om", find_params="any")))
    assert "td.name LIKE ?" in db.seen[1][0]
    run(Things().run_find(Conn(db), call("thing.find", find_value="3", find_where="id", find_params="any")))
    assert "t.id = ?" in db.seen[2][0]
    with pytest.raises(ApiError) as err:
        run(Things().run_find(Conn(Recorder([])), call("thing.find", find_value="x")))
    assert err.value.code == ReturnCode.NOT_FOUND or "nothing" in err.value.message.lower()


def test_applied_is_what_the_declaration_maps():
    applied = applied_by([Things()])
    assert set(applied) == {"thing.list", "thing.count", "thing.info", "thing.find"}
    assert applied["thing.list"] == {"ids", "since_id", "avail", "status", "maker", "categories_ids",
                                     "category_id", "maker_id", "created_from", "created_to",
                                     "modified_from", "modified_to", "find_value", "find_where",
                                     "sort_by", "sort_direction", "lang_id"}
    assert applied["thing.count"] == applied["thing.list"] - {"sort_by", "sort_direction"}
    assert applied["thing.info"] == {"id", "lang_id"}
    assert applied["thing.find"] == {"find_value", "find_where", "find_params", "lang_id"}


def test_handlers_are_coroutines_named_after_the_contract():
    handlers = Things().handlers()
    assert sorted(handlers) == ["thing_count", "thing_find", "thing_info", "thing_list"]
    assert all(asyncio.iscoroutinefunction(h) for h in handlers.values())


def test_rows_by_groups_child_rows_of_a_page():
    db = Recorder([{"pid": 1, "v": "a"}, {"pid": 2, "v": "b"}, {"pid": 1, "v": "c"}])
    grouped = run(rows_by(db, "SELECT * FROM {p}c WHERE pid IN (??) AND lang = :lang", "pid", [1, 2],
                          {"lang": 5}))
    assert [r["v"] for r in grouped[1]] == ["a", "c"]
    assert db.seen[0] == ("SELECT * FROM {p}c WHERE pid IN (?, ?) AND lang = ?", [1, 2, 5])
    assert run(rows_by(db, "x IN (??)", "pid", [])) == {}


def test_status_map_both_ways():
    states = StatusMap({"publish": "publish", "draft": "draft"}, enabled="publish")
    assert states.code("Enabled") == "publish" and states.name("draft") == "draft"
    with pytest.raises(ValueError, match="publish or draft"):
        states.code("gone")
    assert ENABLED.code("1") == 1 and ENABLED.code("inactive") == 0 and ENABLED.name(1) == "enabled"
    assert like("x").clause == "x LIKE ?"


def test_existing_checks_the_table_without_scope():
    db = Recorder([{"1": 1}])
    assert run(Things().existing(Conn(db), " 7 ")) == 7
    assert db.seen[0] == ("SELECT 1 FROM {p}thing t WHERE t.id = ?", [7])
    for raw, rows in (("x", [{"1": 1}]), ("8", [])):
        with pytest.raises(ApiError) as err:
            run(Things().existing(Conn(Recorder(rows)), raw))
        assert err.value.code == ReturnCode.NOT_FOUND and raw in err.value.message


class Linked(Things):
    joins = ("JOIN {p}owner o ON o.id = t.owner_id", *Things.joins)


def test_a_count_keeps_inner_joins_it_does_not_name():
    db = Recorder()
    run(Linked().run_count(Conn(db), call("thing.count")))
    sql = db.seen[0][0]
    assert "JOIN {p}owner o" in sql and "{p}thing_desc" not in sql and "{p}maker" not in sql


def test_touch_updates_the_modified_column_of_one_entity():
    st = Things().touch(5, "2025-01-02 03:04:05")
    assert st.sql == "UPDATE {p}thing t SET t.changed = ? WHERE t.id = ?"
    assert list(st.params) == ["2025-01-02 03:04:05", 5]


class WithChildren(Things):
    children = {"tags": Children("SELECT * FROM {p}tag WHERE thing_id IN (??) AND lang = :lang",
                                 "thing_id", "id")}

    def map(self, row: dict[str, Any], ctx: dict[str, Any]) -> dict[str, Any]:
        return {"id": row["id"], "tags": [t["v"] for t in ctx["tags"].get(row["id"], [])]}


def test_children_are_read_once_per_page_into_the_context():
    class Db(Recorder):
        async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
            self.seen.append((sql, list(params)))
            if "{p}tag" in sql:
                return [{"thing_id": 1, "v": "a"}, {"thing_id": 1, "v": "b"}]
            return [{"id": 1}, {"id": 2}, {"id": 1}]

    db = Db()
    rows = run(WithChildren().items(Conn(db), run(db.select("x")), {"lang": 4}))
    assert rows == [{"id": 1, "tags": ["a", "b"]}, {"id": 2, "tags": []}, {"id": 1, "tags": ["a", "b"]}]
    assert db.seen[-1] == ("SELECT * FROM {p}tag WHERE thing_id IN (?, ?) AND lang = ?", [1, 2, 4])


def test_row_is_the_raw_row_as_info_reads_it_without_hydrate_or_map():
    db = Recorder([{"id": 7, "name": "A", "on": 1}])
    row = run(WithChildren().row(Conn(db), "7", {"lang_id": "3"}))
    assert row == {"id": 7, "name": "A", "on": 1}  # not mapped
    assert len(db.seen) == 1  # no child rows read
    sql, params = db.seen[0]
    assert "td.lang = ?" in sql and sql.endswith("WHERE t.deleted = 0 AND t.id = ? LIMIT ? OFFSET ?")
    assert params == [2, 7, 1, 0]  # the context's lang, the id, one row
    run(Things().row(Conn(db), 8, ctx={"lang": 5, "method": "info"}))
    assert db.seen[-1][1][:2] == [5, 8]  # a call's own context when given
    with pytest.raises(ApiError) as err:
        run(Things().row(Conn(Recorder([])), "9"))
    assert err.value.code == ReturnCode.NOT_FOUND and "9" in err.value.message


class OldThings(Things):
    table = "{p}old_thing t"


class EitherThings(Chosen):
    """Picks the old table for a store whose context says so."""

    options = (Things(), OldThings())

    async def pick(self, conn: Any) -> SqlEntity:
        return self.options[1] if getattr(conn, "old", False) else self.options[0]


def test_a_chosen_entity_runs_the_declaration_picked_per_store():
    either = EitherThings()
    assert (either.method, either.plural) == ("thing", "things")
    assert either.applied() == Things().applied()
    assert sorted(either.handlers()) == ["thing_count", "thing_find", "thing_info", "thing_list"]
    for old, table in ((False, "{p}thing t"), (True, "{p}old_thing t")):
        db = Recorder()
        conn = Conn(db)
        conn.old = old  # type: ignore[attr-defined]
        assert run(either.handlers()["thing_count"](conn, call("thing.count"))) == {"things_count": 1}
        assert run(either.run_info(conn, call("thing.info", id="1")))["id"] == "1"
        assert all(f"FROM {table} " in sql for sql, _ in db.seen)
