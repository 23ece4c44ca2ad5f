"""Table.where (records by field values, as text, grouped once until the table changes)
and Table.named (the record a request names, or the platform's 404)."""

from __future__ import annotations

import pytest

from anycart.sandbox import Table


def test_where_finds_by_values_as_text_and_follows_changes() -> None:
    table = Table()
    for pid, shop in ((7, 1), (7, 2), (8, 1)):
        table.insert({"id_product": str(pid), "id_shop": shop}, "id")
    assert [r["id_shop"] for r in table.where(id_product="7")] == [1, 2]
    assert [r["id"] for r in table.where(id_product=7, id_shop="2")] == [2]
    assert table.where(id_product="9") == []
    table.insert({"id_product": "9", "id_shop": 1}, "id")  # the grouping is rebuilt on change
    assert len(table.where(id_product="9")) == 1
    del table[1]
    assert [r["id_shop"] for r in table.where(id_product="7")] == [2]


class _Missing(Exception):
    pass


def test_named_reads_the_key_and_refuses_in_the_platform_words() -> None:
    table = Table()
    table.insert({"name": "a"}, "id")
    record = table.named("1", _Missing)
    record["name"] = "b"  # the stored record, for writing
    assert table.peek(1)["name"] == "b"
    for raw, said in (("x", "x"), (None, None), ("9", 9)):
        with pytest.raises(_Missing) as err:
            table.named(raw, _Missing)
        assert err.value.args == (said,)
    assert table.named("A", _Missing, read=lambda raw: {"A": 1}.get(raw))["id"] == 1
