"""Record shapes declared as data (sandbox.templates): defaults copied per record, given
values in the template's places, references filled from the finished record."""

from __future__ import annotations

from pathlib import Path

import pytest

from anycart.sandbox.templates import Template, Templates

SHAPES = {"item": {"id": None, "name": "", "tags": [], "meta": {"kind": "simple"},
                   "gid": "gid://store/Item/{id}", "sort": "{position:04d}", "position": 1,
                   "literal": "{{not a field}}"}}


def test_make_keeps_the_field_order_and_fills_references() -> None:
    item = Templates(SHAPES)["item"].make(id=7, name="Mug", position=3)
    assert list(item) == list(SHAPES["item"])
    assert item == {"id": 7, "name": "Mug", "tags": [], "meta": {"kind": "simple"},
                    "gid": "gid://store/Item/7", "sort": "0003", "position": 3,
                    "literal": "{not a field}"}


def test_defaults_are_copied_per_record() -> None:
    t = Template("item", SHAPES["item"])
    first = t.make(id=1)
    first["tags"].append("x")
    first["meta"]["kind"] = "changed"
    assert t.make(id=2)["tags"] == [] and t.make(id=2)["meta"] == {"kind": "simple"}


def test_given_values_win_over_references_and_extras_follow() -> None:
    item = Templates(SHAPES)["item"].make({"gid": "mine", "extra": True}, id=4)
    assert item["gid"] == "mine" and list(item)[-1] == "extra"


def test_pick_reads_only_the_template_fields() -> None:
    picked = Templates(SHAPES)["item"].pick({"id": 9, "name": "Cup", "price": "1.00"})
    assert picked["name"] == "Cup" and "price" not in picked and picked["gid"] == "gid://store/Item/9"


def test_load_keeps_order_and_refuses_what_is_not_shapes(tmp_path: Path) -> None:
    good = tmp_path / "records.json"
    good.write_text('{"a": {"z": 1, "y": 2}}')
    assert Templates.load(good)["a"].keys == ("z", "y")
    bad = tmp_path / "bad.json"
    bad.write_text('{"a": [1, 2]}')
    with pytest.raises(ValueError, match="record shapes"):
        Templates.load(bad)
