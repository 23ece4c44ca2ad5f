"""List parameters as manageFilters / getSQLRetrieveFilter read them: every filter form,
ranges, sort, limit, display, date=1, schema, language, id_shop, and their errors."""

from __future__ import annotations

from typing import Any

import httpx

from .sim_client import error, http, sim, xml  # noqa: F401  (fixtures)


async def _ids(http: httpx.AsyncClient, resource: str = "products", **params: str) -> list[int]:
    r = await http.get(f"/api/{resource}", params={"output_format": "JSON", **params})
    assert r.status_code == 200, r.text
    body: Any = r.json()
    return [] if body == [] else [item["id"] for item in body[resource]]


async def _full(http: httpx.AsyncClient, **params: str) -> list[dict[str, Any]]:
    r = await http.get("/api/products", params={"output_format": "JSON", "display": "full",
                                                **params})
    body: Any = r.json()
    return [] if body == [] else list(body["products"])


async def test_filter_forms(http: httpx.AsyncClient) -> None:
    assert await _ids(http, **{"filter[id]": "[3]"}) == [3]
    assert await _ids(http, **{"filter[id]": "4"}) == [4]
    assert await _ids(http, **{"filter[id]": "[2|5|7]"}) == [2, 5, 7]
    assert await _ids(http, **{"filter[id]": "[5,8]"}) == [5, 6, 7, 8]
    assert await _ids(http, **{"filter[id]": "[8,5]"}) == [5, 6, 7, 8]  # sorted ends
    assert await _ids(http, **{"filter[id]": ">[27]"}) == [28, 29, 30]
    assert await _ids(http, **{"filter[id]": "<[3]"}) == [1, 2]
    assert 3 not in await _ids(http, **{"filter[id]": "![3|4]"})
    assert await _ids(http, **{"filter[reference]": "[ps-00012]"}) == [12]  # case-insensitive
    assert await _ids(http, **{"filter[reference]": "[PS-0001]%"}) == list(range(10, 20))
    assert await _ids(http, **{"filter[reference]": "%[0025]"}) == [25]
    assert await _ids(http, **{"filter[id]": "[99]"}) == []  # an empty JSON list is []


async def test_range_on_prices_compares_numbers(http: httpx.AsyncClient) -> None:
    rows = await _full(http, **{"filter[price]": "[20,60]"})
    assert rows and all(20 <= float(p["price"]) <= 60 for p in rows)
    everything = await _full(http)
    assert len(rows) == sum(20 <= float(p["price"]) <= 60 for p in everything)


async def test_i18n_filter_matches_any_asked_language(http: httpx.AsyncClient) -> None:
    assert await _ids(http, **{"filter[name]": "%[bio]%"}) == \
        await _ids(http, **{"filter[name]": "%[Organic]%"})
    assert await _ids(http, **{"filter[name]": "%[Organic]%", "language": "2"}) == []


async def test_date_filters_need_date_1(http: httpx.AsyncClient) -> None:
    refused = await http.get("/api/products", params={"filter[date_upd]": "[2026-01-01,2027-01-01]"})
    assert refused.status_code == 400
    code, message = error(refused)
    assert code == 32 and message.startswith("This filter does not exist. Did you mean: ")
    recent = await _ids(http, **{"filter[date_upd]": ">[2026-04-25 00:00:00]", "date": "1"})
    rows = await _full(http)
    assert recent == [p["id"] for p in rows if p["date_upd"] > "2026-04-25 00:00:00"]
    assert 0 < len(recent) < len(rows)


async def test_filter_errors(http: httpx.AsyncClient) -> None:
    malformed = await http.get("/api/products", params={"filter[reference]": ""})
    assert error(malformed) == (33, 'The filter "reference" is malformed.')
    dynamic = await http.get("/api/products", params={"filter[quantity]": "[1]"})
    assert error(dynamic)[0] == 34
    linked = await http.get("/api/products", params={"filter[x][y]": "[1]"})
    assert error(linked) == (31, "There is no existing linked table for this resource")


async def test_sort_and_limit(http: httpx.AsyncClient) -> None:
    rows = await _full(http, sort="[price_DESC]")
    prices = [float(p["price"]) for p in rows]
    assert prices == sorted(prices, reverse=True)
    by_name = await _full(http, sort="name_ASC", language="1")
    assert [p["name"] for p in by_name] == sorted((p["name"] for p in by_name), key=str.lower)
    two = await _full(http, sort="[id_category_default_ASC,id_DESC]")
    keys = [(int(p["id_category_default"]), -p["id"]) for p in two]
    assert keys == sorted(keys) and len({k[0] for k in keys}) > 1
    assert await _ids(http, limit="5") == [1, 2, 3, 4, 5]
    assert await _ids(http, limit="5,3") == [6, 7, 8]
    assert await _ids(http, limit="28,10") == [29, 30]
    bad = await http.get("/api/products", params={"sort": "price"})
    assert error(bad)[0] == 37
    unknown = await http.get("/api/products", params={"sort": "[nope_ASC]"})
    assert error(unknown)[0] == 38
    three = await http.get("/api/products", params={"limit": "1,2,3"})
    assert error(three) == (39, 'The "limit" value has to be formed as this example: '
                                '"5,25" or "10"')


async def test_display_fields_and_associations(http: httpx.AsyncClient) -> None:
    r = await http.get("/api/products", params={"output_format": "JSON", "limit": "1",
                                                "display": "[id,reference,categories[id]]"})
    assert r.json() == {"products": [{"id": 1, "reference": "PS-00001", "associations": {
        "categories": [{"id": "2"}, {"id": "4"}]}}]}
    bad = await http.get("/api/products", params={"display": "[nope]"})
    code, message = error(bad)
    assert code == 35 and message.startswith('Unable to display this field "nope". However, '
                                             'these are available: id, id_manufacturer')
    syntax = await http.get("/api/products", params={"display": "nope"})
    assert error(syntax)[0] == 36


async def test_language_narrows_multilingual_fields(http: httpx.AsyncClient) -> None:
    fr = await _full(http, language="2", limit="1")
    assert fr[0]["name"] == "T-shirt bio 1"
    both = await _full(http, language="[1|2]", limit="1")
    assert [n["id"] for n in both[0]["name"]] == ["1", "2"]
    r = await http.get("/api/products/1", params={"language": "1"})
    names = xml(r).findall("product/name/language")
    assert [n.get("id") for n in names] == ["1"]
    wrong = await http.get("/api/products", params={"language": "fr"})
    assert error(wrong) == (79, "language value is wrong")
    none = await http.get("/api/products", params={"language": "7"})
    assert error(none) == (81, "language is not available")


async def test_shop_context(http: httpx.AsyncClient) -> None:
    outlet = await _ids(http, id_shop="2")
    assert outlet == list(range(2, 31, 2))
    assert len(await _ids(http, id_shop="all")) == 30
    hidden = await http.get("/api/products/3", params={"id_shop": "2"})
    assert hidden.status_code == 404
    assert error(hidden) == (131, "This Product (3) does not exists on this shop")
    stock = (await http.get("/api/products/4", params={"output_format": "JSON",
                                                       "id_shop": "2"})).json()
    rows = stock["product"]["associations"]["stock_availables"]
    for row in rows:
        got = (await http.get(f"/api/stock_availables/{row['id']}",
                              params={"output_format": "JSON", "id_shop": "2"})).json()
        assert got["stock_available"]["id_shop"] == "2"
    # stock_available is an fk_shop table: the default shop does not see shop 2's rows
    other = await http.get(f"/api/stock_availables/{rows[0]['id']}")
    assert other.status_code == 404
    assert error(other) == (131, f"This StockAvailable ({rows[0]['id']}) does not exists on "
                                 "this shop")
    listed = (await http.get("/api/stock_availables", params={
        "output_format": "JSON", "display": "[id_shop]", "id_shop": "2"})).json()
    assert {s["id_shop"] for s in listed["stock_availables"]} == {"2"}
    languages = await _ids(http, "languages", id_shop="2")
    assert languages == [1, 2]


async def test_schema_blank_and_synopsis(http: httpx.AsyncClient) -> None:
    blank = xml(await http.get("/api/products", params={"schema": "blank"}))[0]
    assert blank.tag == "product" and blank.find("id") is not None
    assert blank.find("quantity") is None  # read-only fields are left out of a blank
    assert all(not (f.text or "").strip() for f in blank if f.tag != "associations")
    synopsis = xml(await http.get("/api/products", params={"schema": "synopsis"}))[0]
    assert synopsis.find("id") is None
    price = synopsis.find("price")
    assert price is not None and price.get("required") == "true" and price.get(
        "format") == "isPrice"
    ref = synopsis.find("reference")
    assert ref is not None and ref.get("maxSize") == "64"
    lang = synopsis.find("name/language")
    assert lang is not None and lang.get("format") == "isUnsignedId"
    wrong = await http.get("/api/products", params={"schema": "full"})
    assert error(wrong)[0] == 28
