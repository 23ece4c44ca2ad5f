"""Many-to-many links: members, groups of a member, positions, adding once, dropping by
either end; declared once as Shopify-like collects and once as Magento-like category
product links keyed by SKU."""

from __future__ import annotations

from typing import Any

from anycart.sandbox.links import Links
from anycart.sandbox.table import Record, Table


def _collect(key: int, group: Any, member: Any, position: int) -> Record:
    return {"id": key, "collection_id": group, "product_id": member, "position": position}


def test_members_groups_positions_and_adding_once() -> None:
    links = Links(Table(), "collection_id", "product_id")
    ids = iter(range(1, 100))
    made = links.add(7, [1, 2, 1], lambda g, m, pos: _collect(next(ids), g, m, pos))
    assert [(m["product_id"], m["position"]) for m in made] == [(1, 1), (2, 2)]
    assert links.add(7, [2], lambda g, m, pos: _collect(next(ids), g, m, pos)) == []
    links.add(8, [2], lambda g, m, pos: _collect(next(ids), g, m, pos))
    assert links.members(7) == {1, 2} and links.members(9) == set()
    assert links.groups_of(2) == {7, 8} and links.groups_of(3) == set()
    assert links.position(7) == 3
    links.drop("product_id", 2)
    assert links.memberships() == {7: {1}}  # the cache follows the table
    links.drop("collection_id", 7)
    assert len(links.table) == 0


def test_a_second_declaration_category_links_by_sku() -> None:
    links = Links(Table(), "category_id", "sku")
    rows = iter(range(1, 10))

    def make(category: Any, sku: Any, position: int) -> Record:
        return {"id": next(rows), "category_id": category, "sku": sku, "position": position - 1}

    links.add(3, ["24-MB01", "24-MB04"], make)
    links.add(4, ["24-MB01"], make)
    assert links.groups_of("24-MB01") == {3, 4}
    assert [links.table.peek(k)["position"] for k in links.table.sorted_keys()] == [0, 1, 0]
    links.drop("sku", "24-MB01")
    assert links.memberships() == {3: {"24-MB04"}}
