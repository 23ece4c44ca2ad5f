"""``searchCriteria`` as Magento binds it: every condition type, filters of one group OR'd and
groups AND'd, sort orders in turn, ``pageSize``/``currentPage`` with a page past the end
answering the last page (``Collection::getCurPage``), the 2.4.7 input limit of 300, the
criteria echoed back. Every answer checked against Magento's schema."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from .magento_schema import require_schema
from .sim_client import shop_client

require_schema()
HOST, TOKEN = "search.m2.example", "tok"
SC = "searchCriteria"


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with shop_client(HOST, TOKEN, 40) as client:
        yield client


def crit(*groups: list[tuple[str, str, str]], **extra: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for i, group in enumerate(groups):
        for j, (field, value, cond) in enumerate(group):
            base = f"{SC}[filter_groups][{i}][filters][{j}]"
            out.update({f"{base}[field]": field, f"{base}[value]": value,
                        f"{base}[condition_type]": cond})
    for k, v in extra.items():
        out[f"{SC}[{k}]"] = str(v)
    return out


async def products(http: httpx.AsyncClient, params: dict[str, str]) -> dict[str, Any]:
    r = await http.get("/rest/V1/products", params=params or {SC: ""})
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


async def skus(http: httpx.AsyncClient, *groups: list[tuple[str, str, str]],
               **extra: Any) -> list[str]:
    return [p["sku"] for p in (await products(http, crit(*groups, **extra)))["items"]]


async def test_every_condition_type(http: httpx.AsyncClient) -> None:
    every = (await products(http, {}))["items"]
    price = {p["sku"]: p["price"] for p in every}
    mid = sorted(price.values())[20]
    assert await skus(http, [("sku", "MS00003", "eq")]) == ["MS00003"]
    assert "MS00003" not in await skus(http, [("sku", "MS00003", "neq")])
    assert len(await skus(http, [("sku", "MS00003", "neq")])) == 39
    assert await skus(http, [("sku", "MS0000%", "like")]) == [f"MS0000{i}" for i in range(1, 10)]
    assert await skus(http, [("sku", "MS00001,MS00004", "in")]) == ["MS00001", "MS00004"]
    assert len(await skus(http, [("sku", "MS00001,MS00004", "nin")])) == 38
    for cond, test in (("gt", lambda p: p > mid), ("gteq", lambda p: p >= mid),
                       ("lt", lambda p: p < mid), ("lteq", lambda p: p <= mid),
                       ("from", lambda p: p >= mid), ("to", lambda p: p <= mid)):
        got = await skus(http, [("price", str(mid), cond)])
        assert got == [s for s, p in price.items() if test(p)], cond
    # from and to in two groups: a range
    lo, hi = sorted(price.values())[5], sorted(price.values())[15]
    ranged = await skus(http, [("price", str(lo), "from")], [("price", str(hi), "to")])
    assert ranged == [s for s, p in price.items() if lo <= p <= hi] and len(ranged) >= 11
    assert await skus(http, [("special_price", "", "notnull")]) == []
    assert len(await skus(http, [("special_price", "", "null")])) == 40
    red = await skus(http, [("color", "58", "finset")])
    assert red and all(s.endswith("-Red") for s in red)


async def test_filters_in_a_group_or_and_groups_and(http: httpx.AsyncClient) -> None:
    either = await skus(http, [("sku", "MS00001", "eq"), ("sku", "MS00002", "eq")])
    assert either == ["MS00001", "MS00002"]
    both = await skus(http, [("sku", "MS00001", "eq"), ("sku", "MS00002", "eq")],
                      [("sku", "MS00002", "eq")])
    assert both == ["MS00002"]
    configurable = await skus(http, [("type_id", "configurable", "eq")])
    assert configurable == ["MS00025", "MS00026", "MS00027", "MS00028"]
    in_category = await products(http, crit([("category_id", "3", "finset")]))
    assert in_category["total_count"] > 0
    assert all(any(link["category_id"] == "3" for link in p["extension_attributes"]
                   ["category_links"]) for p in in_category["items"])


async def test_sort_orders_apply_in_turn(http: httpx.AsyncClient) -> None:
    params = {f"{SC}[sortOrders][0][field]": "type_id",
              f"{SC}[sortOrders][0][direction]": "ASC",
              f"{SC}[sortOrders][1][field]": "price",
              f"{SC}[sortOrders][1][direction]": "DESC"}
    items = (await products(http, params))["items"]
    keys = [(p["type_id"], -p["price"]) for p in items]
    assert keys == sorted(keys) and items[0]["type_id"] == "configurable"
    body = await products(http, params)
    assert body["search_criteria"]["sort_orders"] == [
        {"field": "type_id", "direction": "ASC"}, {"field": "price", "direction": "DESC"}]


async def test_pages_and_a_page_past_the_end(http: httpx.AsyncClient) -> None:
    pages = [await skus(http, pageSize=15, currentPage=n) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [15, 15, 10]
    joined = [sku for page in pages for sku in page]
    assert joined == await skus(http)  # in id order, without overlap
    assert len(set(joined)) == 40
    past = await products(http, crit(pageSize=15, currentPage=9))
    assert [p["sku"] for p in past["items"]] == pages[2]  # the last page, not an empty one
    assert past["total_count"] == 40
    assert past["search_criteria"] == {"filter_groups": [], "page_size": 15, "current_page": 9}
    none = await products(http, crit([("sku", "nothing", "eq")], pageSize=5, currentPage=3))
    assert none["items"] == [] and none["total_count"] == 0


async def test_page_size_limit_and_echo(http: httpx.AsyncClient) -> None:
    r = await http.get("/rest/V1/products", params=crit(pageSize=301))
    assert r.status_code == 400
    assert r.json() == {"message": "Maximum SearchCriteria pageSize is %max",
                        "parameters": {"max": 300}}
    body = await products(http, crit([("sku", "MS0001%", "like")], pageSize=300))
    assert body["search_criteria"]["filter_groups"] == [{"filters": [
        {"field": "sku", "value": "MS0001%", "condition_type": "like"}]}]
    assert body["total_count"] == 10


async def test_the_same_criteria_serve_every_list(http: httpx.AsyncClient) -> None:
    for path, field, value in (("/rest/V1/orders", "status", "complete"),
                               ("/rest/V1/customers/search", "website_id", "1"),
                               ("/rest/V1/categories/list", "level", "2"),
                               ("/rest/V1/invoices", "state", "2"),
                               ("/rest/V1/shipments", "store_id", "1"),
                               ("/rest/V1/creditmemos", "state", "2"),
                               ("/rest/V1/orders/items", "product_type", "configurable"),
                               ("/rest/V1/inventory/source-items", "source_code", "default")):
        r = await http.get(path, params=crit([(field, value, "eq")], pageSize=3))
        body = r.json()
        assert r.status_code == 200 and body["total_count"] > 0, path
        assert len(body["items"]) == min(3, body["total_count"])
        assert all(str(item[field]) == value for item in body["items"]), path


async def test_search_criteria_is_a_required_argument(http: httpx.AsyncClient) -> None:
    for path in ("/rest/V1/products", "/rest/V1/orders", "/rest/V1/customers/search",
                 "/rest/V1/categories/list", "/rest/V1/invoices", "/rest/V1/orders/items"):
        r = await http.get(path)
        assert (r.status_code, r.json()) == (400, {
            "message": '"%fieldName" is required. Enter and try again.',
            "parameters": {"fieldName": "searchCriteria"}}), path
        r = await http.get(path, params={SC: ""})  # alone: everything
        assert r.status_code == 200 and len(r.json()["items"]) == r.json()["total_count"]


async def test_category_id_matches_any_of_a_products_categories(http: httpx.AsyncClient) -> None:
    """``ProductCategoryFilter``/``addCategoriesFilter``: a subselect of the category links, so
    a product in two categories is found by either; ``in`` takes a list, ``nin`` excludes."""
    own = (await http.get("/rest/V1/products/MS00005")).json()
    first = own["extension_attributes"]["category_links"][0]["category_id"]
    other = "12" if first != "12" else "11"
    r = await http.post(f"/rest/V1/categories/{other}/products", json={"productLink": {
        "sku": "MS00005", "position": 1, "category_id": other}})
    assert r.json() is True
    for cat in (first, other):
        assert "MS00005" in await skus(http, [("category_id", cat, "eq")]), cat
        assert "MS00005" in await skus(http, [("category_id", cat, "finset")]), cat
    both = await skus(http, [("category_id", f"{first},{other}", "in")])
    alone = {s for cat in (first, other) for s in await skus(http, [("category_id", cat, "eq")])}
    assert set(both) == alone and "MS00005" in both
    assert "MS00005" not in await skus(http, [("category_id", other, "neq")])
    assert "MS00005" not in await skus(http, [("category_id", f"999,{first}", "nin")])
    rest = await skus(http, [("category_id", f"{first},{other}", "nin")])
    assert len(rest) + len(both) == 40
    assert await skus(http, [("category_id", "999", "in")]) == []
