"""bridge.cascade on its own: steps bound to their values, nested cascades flattened, ids
collected before anything goes, empty child lists left out (the carts' delete tests run
their cascades on MariaDB)."""

from __future__ import annotations

import asyncio
from typing import Any

from anycart.platforms.bridge.cascade import Cascade, Step
from anycart.platforms.bridge.writes import Part, Writes


class Db:
    def __init__(self, found: dict[str, list[dict[str, Any]]]) -> None:
        self.found, self.seen = found, []

    async def select(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        self.seen.append((sql, list(params)))
        return next((rows for key, rows in self.found.items() if key in sql), [])

    async def write(self, statements: Any) -> list[Any]:
        raise AssertionError("a plan writes nothing")


RULES = Cascade(Step(("rule_lang", "rule"), "id_rule IN (??)", "rules"),
                Step(("rule_pair",), "a IN (??) OR b IN (??)", "rules"))
THING = Cascade(
    Step(("image_lang",), "id_image IN (??)", "images"),
    Step(("thing_lang", "thing"), "id_thing = ?"),
    Step(("pack",), "id_pack = ? OR id_item = ?"),
    Step(("value",), "id_item IN (??) AND kind = :kind", "ids"),
    Step(("tag",), "NOT EXISTS (SELECT 1 FROM {p}thing_tag tt WHERE tt.id_tag = {p}tag.id_tag)", None),
    RULES,
    collect={"images": "SELECT id_image FROM {p}image WHERE id_thing = :id",
             "rules": "SELECT id_rule FROM {p}rule WHERE id_thing = :id"})


def test_a_plan_binds_each_step_collects_child_ids_and_flattens_nested_cascades():
    db = Db({"{p}image": [{"id_image": 4}, {"id_image": 5}], "{p}rule": [{"id_rule": 9}]})
    statements, values = asyncio.run(THING.plan(db, id=7, ids=[7], kind="things"))
    assert values["images"] == [4, 5] and values["rules"] == [9]
    assert db.seen == [("SELECT id_image FROM {p}image WHERE id_thing = ?", [7]),
                       ("SELECT id_rule FROM {p}rule WHERE id_thing = ?", [7])]
    assert [(s.sql, list(s.params)) for s in statements] == [
        ("DELETE FROM {p}image_lang WHERE id_image IN (?, ?)", [4, 5]),
        ("DELETE FROM {p}thing_lang WHERE id_thing = ?", [7]),
        ("DELETE FROM {p}thing WHERE id_thing = ?", [7]),
        ("DELETE FROM {p}pack WHERE id_pack = ? OR id_item = ?", [7, 7]),
        ("DELETE FROM {p}value WHERE id_item IN (?) AND kind = ?", [7, "things"]),
        ("DELETE FROM {p}tag WHERE NOT EXISTS (SELECT 1 FROM {p}thing_tag tt WHERE"
         " tt.id_tag = {p}tag.id_tag)", []),
        ("DELETE FROM {p}rule_lang WHERE id_rule IN (?)", [9]),
        ("DELETE FROM {p}rule WHERE id_rule IN (?)", [9]),
        ("DELETE FROM {p}rule_pair WHERE a IN (?) OR b IN (?)", [9, 9])]


def test_steps_over_no_children_are_left_out_and_given_values_are_not_collected_again():
    db = Db({})
    statements, _ = asyncio.run(THING.plan(db, id=7, ids=[7], kind="things", rules=[]))
    sql = [s.sql for s in statements]
    assert not any("image_lang" in s or "rule" in s for s in sql)
    assert "DELETE FROM {p}thing WHERE id_thing = ?" in sql
    assert len(db.seen) == 1  # rules were given: only the images are read


def test_tables_lists_every_table_once_in_order():
    assert THING.tables() == ["image_lang", "thing_lang", "thing", "pack", "value", "tag",
                              "rule_lang", "rule", "rule_pair"]
    assert RULES.collect == {} and THING.collect.keys() == {"images", "rules"}


def test_one_step_binds_every_table_alike_and_an_empty_id_list_deletes_nothing():
    cascade = Cascade(Step(("x", "y"), "id IN (??) OR other IN (??)", "ids")).statements({"ids": [1, 2]})
    assert [s.sql for s in cascade] == ["DELETE FROM {p}x WHERE id IN (?, ?) OR other IN (?, ?)",
                                        "DELETE FROM {p}y WHERE id IN (?, ?) OR other IN (?, ?)"]
    assert list(cascade[0].params) == [1, 2, 1, 2]
    assert Cascade(Step(("x",), "id IN (??)", "ids")).statements({"ids": []}) == []  # no IN ()
    assert list(Cascade(Step(("x",), "a = ? OR b = ?")).statements({"id": 5})[0].params) == [5, 5]


def test_declared_writes_delete_through_a_cascade_of_their_tables():
    thing = Writes(main=Part("thing", "thing_id"), parts=(Part("thing_text", "thing_id"),),
                   cascade=("thing_tag",))
    assert thing.deletes(("thing_note",)).tables() == ["thing", "thing_text", "thing_tag", "thing_note"]
    one = thing.delete(7)
    assert [(s.sql, list(s.params)) for s in one][:1] == [("DELETE FROM {p}thing WHERE `thing_id` IN (?)", [7])]
    assert len(one) == 3 and thing.delete([]) == []
