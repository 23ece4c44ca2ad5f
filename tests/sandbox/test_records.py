"""Typed records, filters declared as data, projection/order and request bodies."""

from __future__ import annotations

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from anycart.sandbox import (
    Filter,
    Invalid,
    Resource,
    Table,
    matching,
    order_by,
    select,
    simulator_app,
)
from anycart.sandbox.bodies import read_items
from anycart.sandbox.query import predicates
from anycart.sandbox.schema import blank, coerce, filled, merge, required

SPEC = {"Id": "int", "Name": "str", "Price": "float", "OnSale": "bool", "Updated": "date",
        "Info": {"Sku": "str", "Stock": "int"}, "Tags": [{"Tag": "str"}]}


def test_coerce_binds_like_a_typed_model() -> None:
    got = coerce({"name": 5, "PRICE": "12.50", "onsale": "true", "updated": "2025-01-02T03:04:05Z",
                  "info": {"stock": "7"}, "tags": [{"tag": True}], "unknown": 1, "Id": None}, SPEC)
    assert got == {"Name": "5", "Price": 12.5, "OnSale": True, "Updated": "2025-01-02T03:04:05",
                   "Info": {"Stock": 7}, "Tags": [{"Tag": "true"}]}
    for bad in ({"Price": "abc"}, {"Price": True}, {"Id": 1.5}, {"OnSale": "maybe"},
                {"Info": []}, {"Tags": {}}, {"Name": {}}, {"Updated": 5}, {"Updated": "soon"}):
        with pytest.raises(Invalid):
            coerce(bad, SPEC)
    assert coerce({"Updated": "01/02/2025"}, SPEC, date=lambda v: "custom")["Updated"] == "custom"


def test_blank_filled_merge_required() -> None:
    rec = blank(SPEC)
    assert rec == {"Id": 0, "Name": "", "Price": 0.0, "OnSale": False, "Updated": None,
                   "Info": {"Sku": "", "Stock": 0}, "Tags": []}
    merge(rec, {"Info": {"Stock": 3}, "Tags": [{"Tag": "x"}]})
    assert rec["Info"] == {"Sku": "", "Stock": 3} and rec["Tags"] == [{"Tag": "x"}]
    assert filled({"A": "str", "B": "int"}, {"B": 2}) == {"A": "", "B": 2}
    required({"Info": {"Sku": "S"}}, ("Info.Sku",))
    with pytest.raises(Invalid) as info:
        required({"Info": {"Sku": ""}}, ("Info.Sku",))
    assert info.value.param == "Info.Sku"


def _table() -> Table:
    t = Table()
    for i, (name, price, cats, day) in enumerate([
            ("Red Tee", 10.0, [1, 2], "2025-01-01T10:00:00"),
            ("Blue Mug", 25.0, [2], "2025-02-01T10:00:00"),
            ("red cap", 5.0, [], "2025-03-31T23:00:00")], 1):
        t[i] = {"Id": i, "Info": {"Name": name, "Price": price}, "Hide": i == 2,
                "Cats": [{"Id": c} for c in cats], "Updated": day}
    return t


FILTERS = (Filter("name", "contains", "Info.Name"), Filter("exact", "ieq", "Info.Name"),
           Filter("pricefrom", "ge", "Info.Price"), Filter("priceto", "le", "Info.Price"),
           Filter("hide", "bool", "Hide"), Filter("cat", "any_int", "Cats.Id"),
           Filter("id", "int", "Id"), Filter("ids", "in", "Id"),
           Filter("from", "dge", "Updated"), Filter("to", "dle", "Updated"))


@pytest.mark.parametrize(("params", "ids"), [
    ({}, [1, 2, 3]), ({"name": "RED"}, [1, 3]), ({"exact": "blue mug"}, [2]),
    ({"pricefrom": "6", "priceto": "25"}, [1, 2]), ({"hide": "false"}, [1, 3]),
    ({"cat": "2"}, [1, 2]), ({"id": "3"}, [3]), ({"ids": "1, 3"}, [1, 3]),
    ({"from": "2025-02-01", "to": "2025-03-31"}, [2, 3]),  # a bare end date includes the day
    ({"name": ""}, [1, 2, 3]),  # empty: not a filter
])
def test_filters(params: dict[str, str], ids: list[int]) -> None:
    assert matching(_table(), FILTERS, params) == ids


def test_bad_filter_values_name_their_parameter() -> None:
    for params, name in (({"pricefrom": "x"}, "pricefrom"), ({"hide": "maybe"}, "hide"),
                         ({"cat": "x"}, "cat"), ({"from": "13/45/2020"}, "from")):
        with pytest.raises(Invalid) as info:
            predicates(FILTERS, params)
        assert info.value.param == name
    with pytest.raises(ValueError):
        Filter("x", "regex", "X")


def test_filtered_ids_are_cached_until_the_table_changes() -> None:
    t = _table()
    assert matching(t, FILTERS, {"name": "red"}) == [1, 3]
    t[4] = {"Id": 4, "Info": {"Name": "Red Sock", "Price": 1.0}, "Cats": []}
    assert matching(t, FILTERS, {"name": "red"}) == [1, 3, 4]


def test_select_and_order_by() -> None:
    records = [_table().peek(k) for k in (1, 2, 3)]
    picked = select(records, "info.price, Cats")
    assert picked[0] == {"Info": {"Price": 10.0}, "Cats": [{"Id": 1}, {"Id": 2}]}
    assert [r["Id"] for r in order_by(records, "Info.Price desc")] == [2, 1, 3]
    assert [r["Id"] for r in order_by(records, "hide desc, info.name")] == [2, 3, 1]
    for call, param in ((lambda: select(records, "Nope"), "$select"),
                        (lambda: order_by(records, "Id sideways"), "$orderby"),
                        (lambda: order_by(records, "Nope"), "$orderby")):
        with pytest.raises(Invalid) as info:
            call()
        assert info.value.param == param
    assert select([], "Nope") == []


async def test_request_bodies_json_xml_415_400_and_batches() -> None:
    async def items(request: Request) -> Response:
        return JSONResponse(await read_items(request, 2))

    app = simulator_app(Resource("/items", {"POST": items}).routes())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://sim") as c:
        assert (await c.post("/items", json={"a": 1})).json() == [{"a": 1}]
        assert (await c.post("/items", json=[{"a": 1}, {"b": 2}])).status_code == 200
        xml = b"<Customer><Email>x@y</Email><TagList><Tag>a</Tag></TagList></Customer>"
        r = await c.post("/items", content=xml, headers={"Content-Type": "text/xml"})
        assert r.json() == [{"Email": "x@y", "TagList": ["a"]}]
        assert (await c.post("/items", content=b"hi", headers={"Content-Type": "text/plain"})
                ).status_code == 415
        for body in (b"{nope", b"", b"[]", b"[1]", b'[{"a":1},{"a":2},{"a":3}]'):
            r = await c.post("/items", content=body, headers={"Content-Type": "application/json"})
            assert r.status_code == 400, body


def test_dates_in_platform_formats_then_iso() -> None:
    from datetime import datetime

    from anycart.sandbox import parse_datetime
    from anycart.sandbox.schema import iso_date

    fmts = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y")
    assert parse_datetime("03/31/2025", fmts) == datetime(2025, 3, 31)
    assert parse_datetime("2025-03-31T10:00:00+02:00", fmts) == datetime(2025, 3, 31, 10)
    assert iso_date(" 01/02/2025 03:04:05 ", fmts) == "2025-01-02T03:04:05"
    with pytest.raises(Invalid):
        parse_datetime("03/31/2025")  # not ISO, and no platform format given
    with pytest.raises(Invalid):
        parse_datetime("13/45/2020", fmts)


def test_odata_orders_then_selects() -> None:
    from anycart.sandbox import odata

    records = [{"A": 2, "B": {"C": "x"}}, {"A": 1, "B": {"C": "y"}}]
    assert odata(records, {"$orderby": "A", "$select": "B.C"}) == [{"B": {"C": "y"}},
                                                                   {"B": {"C": "x"}}]
    assert odata(records, {}) is records
