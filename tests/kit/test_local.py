"""kit.local: scans across parents and a list call's filters on unified records."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit.local import inside, keep, paged, scan, scan_page

PARENTS = [{"id": i, "kids": list(range(i % 3))} for i in range(1, 11)]  # 0, 1 or 2 children


async def pages(size: int, read: list[int]) -> AsyncIterator[list[dict[str, Any]]]:
    for n in range(0, len(PARENTS), size):
        read.append(n)
        yield PARENTS[n:n + size]


def kids(parent: dict[str, Any]) -> list[Any]:
    return [(parent["id"], k) for k in parent["kids"]]


async def test_scan_stops_when_enough_are_found_and_knows_when_it_read_all():
    read: list[int] = []
    found, complete = await scan(pages(4, read), 4, kids, 3)
    assert found[:3] == [(1, 0), (2, 0), (2, 1)] and not complete and read == [0]
    read.clear()
    found, complete = await scan(pages(4, read), 4, kids, 100)
    assert len(found) == sum(i % 3 for i in range(1, 11)) and complete and read == [0, 4, 8]
    page = await scan_page(pages(4, []), 4, kids, Call("x", {}, start=2, count=2))
    assert page.items == [(2, 1), (4, 0)] and page.total is None  # stopped early: no total
    last = await scan_page(pages(4, []), 4, kids, Call("x", {}, start=8, count=5))
    assert last.total == 10 and len(last.items) == 2


def _date(v: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(v))
    except ValueError:
        return None


RECORDS = [
    {"id": "1", "sku": "AB-1", "name": "Red shirt", "avail": True,
     "created": {"value": "2024-01-02T10:00:00"}},
    {"id": "2", "sku": "ab-2", "name": "Blue shirt", "avail": False,
     "created": {"value": "2024-01-03T23:30:00"}},
    {"id": "3", "sku": "CD-3", "name": "Red hat", "avail": True, "created": None},
]


@pytest.mark.parametrize(("params", "ids"), [
    ({"sku": "AB-2"}, ["2"]),  # whole SKU, case aside
    ({"find_value": "red"}, ["1", "3"]),  # a part of the name
    ({"find_value": "AB", "find_where": "sku"}, ["1", "2"]),
    ({"avail_sale": False}, ["2"]),
    ({"created_from": "2024-01-03"}, ["2", "3"]),  # no date: not filtered out
    ({"created_to": "2024-01-03"}, ["1", "2", "3"]),  # a bare end date takes the whole day
    ({"created_to": "2024-01-03 12:00:00"}, ["1", "3"]),
])
def test_keep(params, ids):
    kept = keep(params, find=("name", "sku"), flags={"avail_sale": "avail"},
                dates={"created": "created"}, parse=_date)
    assert [r["id"] for r in RECORDS if kept(r)] == ids


def test_keep_refuses_what_it_cannot_apply():
    with pytest.raises(ApiError) as where:
        keep({"find_value": "x", "find_where": "colour"}, find=("name",))
    assert where.value.code == 109 and "'find_where'" in where.value.message
    with pytest.raises(ApiError) as bad:
        keep({"created_from": "soon"}, dates={"created": "created"}, parse=_date)
    assert bad.value.code == 109 and "'created_from'" in bad.value.message


def test_inside_finds_a_held_record_or_names_the_one_given():
    order = {"ShipmentList": [{"ShipmentID": 4, "Code": "a"}, {"ShipmentID": 7, "Code": "b"}]}
    assert inside(order, "ShipmentList", "ShipmentID", " 7", "Shipment")["Code"] == "b"
    with pytest.raises(ApiError) as missing:
        inside(order, "ShipmentList", "ShipmentID", "9", "Shipment", "12-9")
    assert (missing.value.code, missing.value.message) == (112, "Shipment with id 12-9 not found")
    with pytest.raises(ApiError):
        inside({}, "ShipmentList", "ShipmentID", "4", "Shipment")


def test_paged_cuts_the_calls_page_and_knows_the_total():
    page = paged(list(range(7)), Call("x.list", {}, start=5, count=3))
    assert (page.items, page.total) == ([5, 6], 7)
    assert paged([], Call("x.list", {}, start=0, count=10)).total == 0
