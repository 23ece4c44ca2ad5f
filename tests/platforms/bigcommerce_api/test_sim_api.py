"""The simulator's v3 catalog as BigCommerce documents it: auth and scopes, products with
their includes, paging and its limits, filters, sorting, field selection; every answer
checked against BigCommerce's OpenAPI files (:mod:`.bc_schema`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator

from .bc_schema import CHECKED, checked_client

HASH, TOKEN = "abc123", "tok-all"
V3 = f"/stores/{HASH}/v3"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def sim() -> BigCommerceSimulator:
    sim = BigCommerceSimulator(now=lambda: NOW)
    sim.shops.add_shop(HASH, TOKEN, size=60)
    sim.shops.add_shop(HASH, "tok-read", scopes=frozenset({"store_v2_products_read_only"}))
    return sim


@pytest.fixture
async def http(sim: BigCommerceSimulator) -> AsyncIterator[httpx.AsyncClient]:
    async with checked_client(sim.app, TOKEN) as client:
        yield client


async def test_a_missing_or_wrong_token_is_401_in_bigcommerce_shape(
        sim: BigCommerceSimulator) -> None:
    async with checked_client(sim.app) as anonymous:
        for headers in ({}, {"X-Auth-Token": "nope"}):
            r = await anonymous.get(f"{V3}/catalog/products", headers=headers)
            assert r.status_code == 401
            assert r.json()["status"] == 401 and "not a valid combination" in r.json()["title"]
        r = await anonymous.get("/stores/abc123/v2/orders", headers={"X-Auth-Token": "nope"})
        assert r.status_code == 401 and r.json()[0]["status"] == 401


async def test_a_token_lacking_the_scope_is_403(sim: BigCommerceSimulator) -> None:
    async with checked_client(sim.app, "tok-read") as reader:
        assert (await reader.get(f"{V3}/catalog/products/1")).status_code == 200
        r = await reader.put(f"{V3}/catalog/products/1", json={"name": "Renamed"})
        assert r.status_code == 403 and r.json()["title"].startswith("Unauthorized Access")
        assert (await reader.get(f"{V3}/customers")).status_code == 403
        r = await reader.get(f"/stores/{HASH}/v2/orders")
        assert r.status_code == 403 and r.json()[0]["status"] == 403


async def test_an_unknown_store_is_404(http: httpx.AsyncClient) -> None:
    r = await http.get("/stores/nosuch/v3/catalog/products")
    assert r.status_code == 404 and r.json()["status"] == 404


async def test_products_page_with_meta_pagination(http: httpx.AsyncClient) -> None:
    r = await http.get(f"{V3}/catalog/products", params={"limit": 25, "page": 2})
    assert r.status_code == 200
    body = r.json()
    assert [p["id"] for p in body["data"]] == list(range(26, 51))
    assert body["meta"]["pagination"] == {
        "total": 60, "count": 25, "per_page": 25, "current_page": 2, "total_pages": 3,
        "links": {"current": "?page=2&limit=25", "previous": "?page=1&limit=25",
                  "next": "?page=3&limit=25"}}
    last = (await http.get(f"{V3}/catalog/products", params={"limit": 25, "page": 3})).json()
    assert last["meta"]["pagination"]["count"] == 10 and "next" not in last["meta"][
        "pagination"]["links"]
    beyond = (await http.get(f"{V3}/catalog/products", params={"page": 9})).json()
    assert beyond["data"] == [] and beyond["meta"]["pagination"]["total"] == 60
    assert (await http.get(f"{V3}/catalog/products")).json()["meta"]["pagination"][
        "per_page"] == 50


@pytest.mark.parametrize("limit", ["0", "251", "ten"])
async def test_a_limit_outside_1_to_250_is_422(http: httpx.AsyncClient, limit: str) -> None:
    r = await http.get(f"{V3}/catalog/products", params={"limit": limit})
    assert r.status_code == 422 and r.json()["status"] == 422 and "limit" in r.json()["errors"]


async def test_limit_250_is_served(http: httpx.AsyncClient) -> None:
    r = await http.get(f"{V3}/catalog/products", params={"limit": 250})
    assert r.status_code == 200 and len(r.json()["data"]) == 60


async def test_one_product_and_its_includes(http: httpx.AsyncClient) -> None:
    plain = (await http.get(f"{V3}/catalog/products/3")).json()["data"]
    assert plain["id"] == 3 and "variants" not in plain and "images" not in plain
    r = await http.get(f"{V3}/catalog/products/3", params={
        "include": "variants,images,custom_fields,options,modifiers,primary_image"})
    product = r.json()["data"]
    assert [o["display_name"] for o in product["options"]] == ["Color", "Size"]
    # the base variant and the six Color x Size combinations
    assert len(product["variants"]) == 7 and product["base_variant_id"] == product[
        "variants"][0]["id"]
    labels = {tuple(v["label"] for v in variant["option_values"])
              for variant in product["variants"][1:]}
    assert ("Red", "Small") in labels and len(labels) == 6
    assert product["images"] and product["primary_image"]["is_thumbnail"] is True
    assert product["custom_fields"] == []
    five = (await http.get(f"{V3}/catalog/products/10",
                           params={"include": "modifiers,custom_fields"})).json()["data"]
    assert five["modifiers"][0]["display_name"] == "Engraving"
    assert five["custom_fields"][0]["name"] == "Material"


async def test_a_missing_product_is_404(http: httpx.AsyncClient) -> None:
    r = await http.get(f"{V3}/catalog/products/9999")
    assert r.status_code == 404 and r.json()["title"] == "The resource at that URL is not found."


async def test_include_fields_and_exclude_fields(http: httpx.AsyncClient) -> None:
    r = await http.get(f"{V3}/catalog/products", params={"include_fields": "name,price",
                                                         "limit": 3})
    assert [sorted(p) for p in r.json()["data"]] == [["id", "name", "price"]] * 3
    r = await http.get(f"{V3}/catalog/products/1", params={"exclude_fields": "description,id"})
    assert "description" not in r.json()["data"] and r.json()["data"]["id"] == 1


async def test_filters(http: httpx.AsyncClient) -> None:
    async def ids(**params: str) -> list[int]:
        r = await http.get(f"{V3}/catalog/products", params={"limit": "250", **params})
        assert r.status_code == 200, r.text
        return [p["id"] for p in r.json()["data"]]
    assert await ids(**{"id:in": "3,5,70"}) == [3, 5]
    assert await ids(**{"id:min": "58"}) == [58, 59, 60]
    assert await ids(**{"id:greater": "58"}) == [59, 60]
    assert 4 not in await ids(**{"id:not_in": "4"})
    assert await ids(sku="SKU-00007") == [7]
    assert await ids(**{"sku:in": "SKU-00007,SKU-00008"}) == [7, 8]
    invisible = await ids(is_visible="false")
    assert invisible and all(n % 7 == 0 for n in invisible)
    one = (await http.get(f"{V3}/catalog/products/12")).json()["data"]
    word = one["name"].split()[1]
    assert all(word.lower() in p["name"].lower() for p in (await http.get(
        f"{V3}/catalog/products", params={"name:like": word, "limit": 250})).json()["data"])
    assert await ids(name=one["name"]) == [12]
    assert 12 in await ids(categories=str(one["categories"][0]))
    assert 12 in await ids(**{"categories:in": f"{one['categories'][0]},999"})
    assert 12 in await ids(brand_id=str(one["brand_id"]))
    # seeded an hour apart, the newest at the anchor (today 00:00)
    modified = one["date_modified"]
    assert await ids(**{"date_modified:min": modified, "id:max": "13"}) == [12, 13]
    assert await ids(**{"date_modified:max": modified, "id:min": "11"}) == [11, 12]


async def test_a_filter_value_that_does_not_parse_is_422(http: httpx.AsyncClient) -> None:
    for params in ({"id:in": "a,b"}, {"date_modified:min": "yesterday"},
                   {"is_visible": "maybe"}):
        r = await http.get(f"{V3}/catalog/products", params=params)
        assert r.status_code == 422, params


async def test_sort_and_direction(http: httpx.AsyncClient) -> None:
    r = await http.get(f"{V3}/catalog/products", params={"sort": "price", "direction": "desc",
                                                         "limit": 250})
    prices = [p["price"] for p in r.json()["data"]]
    assert prices == sorted(prices, reverse=True)
    r = await http.get(f"{V3}/catalog/products", params={"sort": "weightiness"})
    assert r.status_code == 422


async def test_every_answer_is_checked_against_the_schema(http: httpx.AsyncClient) -> None:
    before = CHECKED.copy()
    await http.get(f"{V3}/catalog/products")
    await http.get(f"{V3}/catalog/products/1")
    await http.get(f"{V3}/catalog/products/999")
    assert CHECKED[("GET", 200, "/catalog/products")] == before[
        ("GET", 200, "/catalog/products")] + 1
    assert CHECKED[("GET", 200, "/catalog/products/{product_id}")] > before[
        ("GET", 200, "/catalog/products/{product_id}")]
    assert CHECKED[("GET", 404, "/catalog/products/{product_id}")] > before[
        ("GET", 404, "/catalog/products/{product_id}")]


async def test_customers_sort_by_field_and_direction_in_one_value(
        http: httpx.AsyncClient) -> None:
    r = await http.get(f"/stores/{HASH}/v3/customers", params={"sort": "date_created:desc",
                                                               "limit": 250})
    stamps = [c["date_created"] for c in r.json()["data"]]
    assert stamps == sorted(stamps, reverse=True) and len(stamps) == 30
    r = await http.get(f"/stores/{HASH}/v3/customers", params={"sort": "date_created"})
    assert r.status_code == 422


async def test_the_seed_is_deterministic() -> None:
    anchor = datetime(2026, 2, 1, tzinfo=UTC)

    async def snapshot(seed: int, when: datetime) -> list[object]:
        sim = BigCommerceSimulator(now=lambda: when)
        sim.shops.add_shop("same", TOKEN, size=20, seed=seed, anchor=anchor)
        async with checked_client(sim.app, TOKEN) as client:
            products = (await client.get("/stores/same/v3/catalog/products", params={
                "include": "variants,images"})).json()["data"]
            orders = (await client.get("/stores/same/v2/orders")).json()
            shipments = (await client.get("/stores/same/v2/orders/1/shipments")).json()
        return [products, orders, shipments]
    first = await snapshot(1, NOW)
    assert first == await snapshot(1, datetime(2026, 5, 5, tzinfo=UTC))  # not today's clock
    assert first != await snapshot(2, NOW)
