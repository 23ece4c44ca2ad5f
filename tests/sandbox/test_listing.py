"""List parameters declared as data (sandbox.listing): ids/since_id/dates, filters, choices
with their predicates and refusals, narrowing hooks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from anycart.sandbox.crud import Query
from anycart.sandbox.errors import Invalid
from anycart.sandbox.listing import Choice, Listing, absent, among, present
from anycart.sandbox.query import Filter
from anycart.sandbox.table import Table
from anycart.sandbox.values import fixed_zone, parse_ts

ZONE = fixed_zone(0)
ROWS = {1: {"id": 1, "status": "open", "closed_at": None, "vendor": "Acme", "handle": "mug",
            "updated_at": "2025-01-01T00:00:00+00:00"},
        2: {"id": 2, "status": "paid", "closed_at": "2025-02-01T00:00:00+00:00",
            "vendor": "ACME", "handle": "cup", "updated_at": "2025-02-01T00:00:00+00:00"},
        3: {"id": 3, "status": "void", "closed_at": None, "vendor": "Other", "handle": "pot",
            "updated_at": "2025-03-01T00:00:00+00:00"}}


def _only_odd(call: Any, params: Mapping[str, str], query: Query) -> None:
    if params.get("odd"):
        query.only([1, 3])


LISTING = Listing(lambda text: parse_ts(text, ZONE), dates=("updated_at",),
                  filters=(Filter("vendor", "ieq", "vendor"), Filter("handle", "iin", "handle")),
                  choices=(Choice("state", {"open": absent("closed_at"),
                                            "closed": present("closed_at"), "any": None}, "open"),
                           Choice("kind", {"good": among("status", ("open", "paid"))},
                                  strict=False)),
                  narrow=(_only_odd,))


def _ids(params: dict[str, str]) -> list[int]:
    table = Table()
    for key, row in ROWS.items():
        table[key] = dict(row)
    query = LISTING(None, params)
    ok = query.matcher(table)
    return [k for k in query.keys(table) if ok(k)]


def test_defaults_filters_and_dates() -> None:
    assert _ids({}) == [1, 3]  # state=open by default
    assert _ids({"state": "any", "vendor": "acme"}) == [1, 2]
    assert _ids({"state": "any", "handle": "MUG, Pot"}) == [1, 3]
    assert _ids({"state": "any", "updated_at_min": "2025-02-01"}) == [2, 3]
    assert _ids({"state": "any", "since_id": "1", "ids": "1,2"}) == [2]


def test_choices_select_or_refuse_and_hooks_narrow() -> None:
    assert _ids({"state": "closed"}) == [2]
    assert _ids({"state": "any", "kind": "good"}) == [1, 2]
    assert _ids({"state": "any", "kind": "unknown"}) == [1, 2, 3]  # not strict: ignored
    assert _ids({"state": "any", "odd": "1"}) == [1, 3]
    with pytest.raises(Invalid) as err:
        _ids({"state": "bogus"})
    assert err.value.param == "state" and "open, closed, any" in err.value.message
