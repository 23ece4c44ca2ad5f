"""Table.where: records by field values (as text), grouped once until the table changes."""

from __future__ import annotations

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
