"""Connections: a platform's page rules declared once; list fields over short lists and over
searched, sorted tables."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLResolveInfo

from anycart.sandbox.graphql_connections import Connections, plain_sortable
from anycart.sandbox.search import Syntax, contains, equal


def _size(info: GraphQLResolveInfo, first: int | None, last: int | None) -> int | None:
    if first is None and last is None:
        raise ValueError("first or last")
    return first if first is not None else last


PAGES = Connections(_size, lambda cursor: ValueError(f"bad cursor {cursor}"))
INFO: Any = None  # the page rules above read nothing from it
ROWS = [{"id": i, "title": t, "vendor": v} for i, t, v in (
    (1, "mug", "acme"), (2, "Bowl", "acme"), (3, "cup", "zeta"), (4, "Plate", "acme"))]


def test_a_short_list_pages_by_position() -> None:
    field = PAGES.of(["a", "b", "c"], lambda x: {"name": x})
    first = field(INFO, first=2)
    assert [n["name"] for n in first["nodes"]] == ["a", "b"]
    assert first["pageInfo"]["hasNextPage"] is True
    rest = field(INFO, first=2, after=first["pageInfo"]["endCursor"])
    assert [n["name"] for n in rest["nodes"]] == ["c"] and not rest["pageInfo"]["hasNextPage"]
    assert [n["name"] for n in field(INFO, last=1)["nodes"]] == ["c"]
    with pytest.raises(ValueError, match="first or last"):
        field(INFO)
    with pytest.raises(ValueError, match="bad cursor nope"):
        field(INFO, first=1, after="nope")


def test_a_listing_filters_sorts_and_keeps_its_order_in_the_cache() -> None:
    computed: list[Any] = []
    kept: dict[Any, Any] = {}

    def cache(key: Any, compute: Any) -> Any:
        computed.append(key)
        return kept.setdefault(key, compute())
    field = PAGES.listing(lambda r: {"id": r["id"]}, lambda info: ROWS,
                          Syntax(free=contains("title"), fields={"vendor": equal("vendor")}),
                          {"TITLE": "title"}, cache=lambda info: cache)
    by_title = field(None, INFO, first=10, sortKey="TITLE", query="vendor:acme")
    assert [n["id"] for n in by_title["nodes"]] == [2, 1, 4]  # text sorts case-insensitively
    down = field(None, INFO, first=2, sortKey="TITLE", reverse=True, query="vendor:acme")
    assert [n["id"] for n in down["nodes"]] == [4, 1]
    again = field(None, INFO, first=1, after=down["pageInfo"]["endCursor"], sortKey="TITLE",
                  reverse=True, query="vendor:acme")
    assert [n["id"] for n in again["nodes"]] == [2]
    assert len(kept) == 2 and len(computed) == 3  # the same query's order computed once
    assert [n["id"] for n in field(None, INFO, first=5)["nodes"]] == [1, 2, 3, 4]


def test_plain_sort_keys() -> None:
    assert plain_sortable("price", 3) == 3
    assert plain_sortable("title", "Mug") == "mug"


def test_a_live_field_is_answered_per_request_and_not_cached() -> None:
    kept: dict[Any, Any] = {}
    held = {"in": {1, 3}}

    def member(info: Any) -> Any:
        wanted = set(held["in"])  # read when the request runs
        return lambda value: lambda r: r["id"] in wanted
    field = PAGES.listing(lambda r: {"id": r["id"]}, lambda info: ROWS,
                          Syntax(free=contains("title"), fields={}), None,
                          cache=lambda info: lambda key, compute: kept.setdefault(key, compute()),
                          live={"member": member})
    assert [n["id"] for n in field(None, INFO, first=5, query="member:x")["nodes"]] == [1, 3]
    held["in"] = {2}
    assert [n["id"] for n in field(None, INFO, first=5, query="member:x")["nodes"]] == [2]
    assert kept == {}  # a query naming a live field is never kept
    field(None, INFO, first=5, query="mug")
    assert len(kept) == 1
