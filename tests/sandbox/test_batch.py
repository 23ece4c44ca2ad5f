"""sandbox.bodies.Batch and each: bulk writes bounded in the platform's errors, a failing
item answered in its place; values.slug and numbered: handles made unique."""

from __future__ import annotations

import pytest

from anycart.sandbox.bodies import Batch, each
from anycart.sandbox.errors import SimError
from anycart.sandbox.table import Table
from anycart.sandbox.values import numbered, slug

BATCH = Batch(3, lambda name: SimError(400, f"{name}: not a list"),
              lambda n: SimError(413, f"at most {n}"))


def _error(call: object) -> SimError:
    with pytest.raises(SimError) as caught:
        call()  # type: ignore[operator]
    return caught.value


def test_one_array() -> None:
    assert BATCH.items([{"a": 1}]) == [{"a": 1}]
    assert _error(lambda: BATCH.items([])).body == "body: not a list"
    assert _error(lambda: BATCH.items({"a": 1})).status == 400
    assert _error(lambda: BATCH.items([1, 2, 3, 4])).body == "at most 3"


def test_named_lists_count_together() -> None:
    assert BATCH.lists({"create": [1], "delete": None}, ("create", "update", "delete")) == {
        "create": [1], "delete": []}
    assert _error(lambda: BATCH.lists({"update": "x"}, ("create", "update"))).body == \
        "update: not a list"
    assert _error(lambda: BATCH.lists({"create": [1, 2], "delete": [3, 4]},
                                      ("create", "delete"))).status == 413


class Refused(SimError):
    pass


def test_each_answers_a_failure_in_its_place() -> None:
    def run(n: int) -> int:
        if n == 2:
            raise Refused(400, "two")
        return n * 10
    assert each([1, 2, 3], run, lambda item, err: {"id": item, "error": err.body},
                Refused) == [10, {"id": 2, "error": "two"}, 30]
    with pytest.raises(SimError):  # not the kind caught: the whole request fails
        each([1], lambda n: (_ for _ in ()).throw(SimError(500)), lambda i, e: None, Refused)


def test_slug_and_numbered_handles() -> None:
    assert slug("Blue Shirt!") == "blue-shirt" and slug("!!") == "untitled"
    assert slug("!!", "") == ""
    table = Table()
    for key, handle in ((1, "shirt"), (2, "shirt-2"), (3, "hat-1")):
        table[key] = {"id": key, "slug": handle}
    index = table.index("slug")
    assert numbered(index, "shirt", start=2) == "shirt-3"
    assert numbered(index, "shirt", key=1, start=2) == "shirt"  # its own slug is kept
    assert numbered(index, "hat") == "hat" and numbered(index, "hat-1") == "hat-1-1"
