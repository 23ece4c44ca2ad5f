"""Declarations kept as data: frozen dataclasses from JSON, lists as tuples, named hooks."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from anycart.sandbox.declared import declared, declared_all, tupled


@dataclass(frozen=True)
class Coll:
    path: str
    orderby: tuple[str, ...] = ("id",)
    parent: tuple[str, str] | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    hook: Callable[[int], int] | None = None


HOOKS: dict[str, Callable[[int], int]] = {"double": lambda n: n * 2}


def test_lists_become_tuples_all_the_way_down() -> None:
    assert tupled([["a", "b"], {"k": [1, [2]]}, 3]) == (("a", "b"), {"k": (1, (2,))}, 3)
    c = declared(Coll, {"path": "/x", "parent": ["orders", "order_id"],
                        "pairs": [["notes", "order_id"]]})
    assert c == Coll("/x", ("id",), ("orders", "order_id"), (("notes", "order_id"),))
    hash(c)  # frozen and hashable: no list left inside


def test_converters_resolve_named_hooks_and_unknown_keys_are_refused() -> None:
    c = declared(Coll, {"path": "/y", "hook": "double"}, hook=HOOKS.__getitem__)
    assert c.hook is not None and c.hook(4) == 8
    with pytest.raises(KeyError):
        declared(Coll, {"path": "/y", "hook": "triple"}, hook=HOOKS.__getitem__)
    with pytest.raises(TypeError):
        declared(Coll, {"path": "/y", "orderbY": ["id"]})


def test_a_file_of_declarations_in_order(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text(json.dumps([{"path": "/a"}, {"path": "/b", "orderby": ["name", "id"]}]))
    assert declared_all(Coll, path) == (Coll("/a"), Coll("/b", ("name", "id")))
    path.write_text(json.dumps({"path": "/a"}))
    with pytest.raises(ValueError, match="list of objects"):
        declared_all(Coll, path)
