"""Writes as the v3 API takes them: one product (with its variants, images, custom fields)
per request, its parts below it, categories and brands; customers and addresses in arrays
and deleted by ``id:in``; BigCommerce's 422 field errors, 409 duplicates, 404 parents, 405
verbs; every answer checked against BigCommerce's OpenAPI files."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator

from .bc_schema import checked_client

HASH, TOKEN = "writes1", "tok"
V3 = f"/stores/{HASH}/v3"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
STAMP = "2026-03-01T12:00:00+00:00"
NEW = {"name": "Brass Lamp", "type": "physical", "weight": 2.5, "price": 49.0, "sku": "LAMP-1"}


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    sim = BigCommerceSimulator(now=lambda: NOW)
    sim.shops.add_shop(HASH, TOKEN, size=12)
    async with checked_client(sim.app, TOKEN) as client:
        yield client


async def test_creating_a_product_with_its_parts(http: httpx.AsyncClient) -> None:
    r = await http.post(f"{V3}/catalog/products", json={
        **NEW, "categories": [2], "images": [{"image_url": "https://cdn.example/l.jpg",
                                               "is_thumbnail": True}],
        "custom_fields": [{"name": "Finish", "value": "Brushed"}]})
    assert r.status_code == 200, r.text
    product = r.json()["data"]
    assert product["id"] == 13 and product["calculated_price"] == 49.0
    assert product["date_created"] == product["date_modified"] == STAMP
    assert product["custom_url"]["url"] == "/brass-lamp/"
    got = (await http.get(f"{V3}/catalog/products/13", params={
        "include": "variants,images,custom_fields"})).json()["data"]
    assert [v["sku"] for v in got["variants"]] == ["LAMP-1"]
    assert got["base_variant_id"] == got["variants"][0]["id"]
    assert got["images"][0]["image_url"] == "https://cdn.example/l.jpg"
    assert got["custom_fields"] == [{"id": got["custom_fields"][0]["id"], "name": "Finish",
                                     "value": "Brushed"}]


@pytest.mark.parametrize(("body", "errors"), [
    ({"name": "X", "type": "physical", "weight": 1}, {"price": "error.path.missing"}),
    ({**NEW, "price": "49"}, {"price": "error.expected.jsnumber"}),
    ({**NEW, "type": "service"}, {"type": "error.expected.validenumvalue"}),
    ({**NEW, "is_visible": "yes"}, {"is_visible": "error.expected.jsboolean"}),
    ({**NEW, "variants": [{"price": 3}]}, {"variants[0].sku": "error.path.missing"}),
    ({**NEW, "categories": [{"id": 2}]}, {"categories[0]": "error.expected.jsnumber"}),
])
async def test_an_invalid_product_is_422_with_field_errors(http: httpx.AsyncClient,
                                                           body: dict[str, Any],
                                                           errors: dict[str, str]) -> None:
    r = await http.post(f"{V3}/catalog/products", json=body)
    assert r.status_code == 422 and r.json()["errors"] == errors
    assert r.json()["title"] == "JSON data is missing or invalid"
    assert (await http.get(f"{V3}/catalog/products", params={"limit": 250})).json()[
        "meta"]["pagination"]["total"] == 12  # nothing was written


async def test_a_duplicate_name_or_sku_is_409(http: httpx.AsyncClient) -> None:
    taken = (await http.get(f"{V3}/catalog/products/1")).json()["data"]
    r = await http.post(f"{V3}/catalog/products", json={**NEW, "name": taken["name"]})
    assert r.status_code == 409 and r.json()["title"] == "The product name is a duplicate"
    r = await http.put(f"{V3}/catalog/products/2", json={"sku": taken["sku"]})
    assert r.status_code == 409 and "sku" in r.json()["errors"]


async def test_updating_and_deleting_a_product(http: httpx.AsyncClient) -> None:
    r = await http.put(f"{V3}/catalog/products/3", json={"price": 10.0, "sale_price": 8.0,
                                                         "is_visible": False})
    product = r.json()["data"]
    assert product["calculated_price"] == 8.0 and product["date_modified"] == STAMP
    assert (await http.get(f"{V3}/catalog/products", params={"id:in": "3",
                                                              "is_visible": "true"})
            ).json()["data"] == []
    assert (await http.delete(f"{V3}/catalog/products/3")).status_code == 204
    assert (await http.get(f"{V3}/catalog/products/3")).status_code == 404
    assert (await http.get(f"{V3}/catalog/products/3/variants")).status_code == 404
    r = await http.delete(f"{V3}/catalog/products", params={"id:in": "4,5"})
    assert r.status_code == 204
    assert (await http.get(f"{V3}/catalog/products")).json()["meta"]["pagination"][
        "total"] == 9
    assert (await http.delete(f"{V3}/catalog/products")).status_code == 422


async def test_variants_below_a_product(http: httpx.AsyncClient) -> None:
    product = (await http.get(f"{V3}/catalog/products/3", params={
        "include": "options"})).json()["data"]
    color, size = product["options"]
    r = await http.post(f"{V3}/catalog/products/3/variants", json={
        "sku": "SKU-00003-X", "price": 99.0, "option_values": [
            {"option_id": color["id"], "id": color["option_values"][0]["id"]},
            {"option_id": size["id"], "id": size["option_values"][1]["id"]}]})
    assert r.status_code == 200, r.text
    variant = r.json()["data"]
    assert variant["product_id"] == 3 and variant["calculated_price"] == 99.0
    assert [v["label"] for v in variant["option_values"]] == ["Red", "Large"]
    bad = await http.post(f"{V3}/catalog/products/3/variants", json={
        "sku": "SKU-00003-Y", "option_values": [{"option_id": 999, "id": 1}]})
    assert bad.status_code == 422
    r = await http.put(f"{V3}/catalog/products/3/variants/{variant['id']}",
                       json={"inventory_level": 7})
    assert r.json()["data"]["inventory_level"] == 7
    assert (await http.get(f"{V3}/catalog/products/4/variants/{variant['id']}")
            ).status_code == 404
    assert (await http.delete(f"{V3}/catalog/products/3/variants/{variant['id']}")
            ).status_code == 204
    assert (await http.get(f"{V3}/catalog/products/999/variants")).status_code == 404


async def test_options_images_custom_fields_and_modifiers(http: httpx.AsyncClient) -> None:
    r = await http.post(f"{V3}/catalog/products/1/options", json={
        "display_name": "Finish", "type": "radio_buttons",
        "option_values": [{"label": "Matte"}, {"label": "Gloss", "is_default": True}]})
    assert r.status_code == 200, r.text
    option = r.json()["data"]
    assert [v["label"] for v in option["option_values"]] == ["Matte", "Gloss"]
    assert (await http.get(f"{V3}/catalog/products/1/options/{option['id']}")).json()[
        "data"]["display_name"] == "Finish"
    image = await http.post(f"{V3}/catalog/products/1/images",
                            json={"image_url": "https://cdn.example/x.jpg"})
    assert image.status_code == 200
    assert (await http.post(f"{V3}/catalog/products/1/images", json={})).status_code == 422
    field = await http.post(f"{V3}/catalog/products/1/custom-fields",
                            json={"name": "Origin", "value": "Portugal"})
    fid = field.json()["data"]["id"]
    r = await http.put(f"{V3}/catalog/products/1/custom-fields/{fid}", json={"value": "Spain"})
    assert r.json()["data"]["value"] == "Spain"
    modifier = await http.post(f"{V3}/catalog/products/1/modifiers", json={
        "display_name": "Gift note", "type": "text", "required": False})
    assert modifier.status_code == 200
    listed = (await http.get(f"{V3}/catalog/products/1/modifiers")).json()["data"]
    assert [m["display_name"] for m in listed] == ["Gift note"]


async def test_categories_and_brands(http: httpx.AsyncClient) -> None:
    r = await http.post(f"{V3}/catalog/categories", json={"name": "Lamps", "parent_id": 2})
    category = r.json()["data"]
    assert category["parent_id"] == 2 and category["custom_url"]["url"] == "/lamps/"
    r = await http.post(f"{V3}/catalog/categories", json={"name": "Orphan", "parent_id": 999})
    assert r.status_code == 422 and "parent_id" in r.json()["errors"]
    kids = (await http.get(f"{V3}/catalog/categories", params={"parent_id": 2})).json()["data"]
    assert [c["name"] for c in kids] == ["Cookware", "Utensils", "Lamps"]
    node = (await http.get(f"{V3}/catalog/trees/1/categories")).json()["data"]
    kitchen = next(n for n in node if n["id"] == 2)
    assert [c["name"] for c in kitchen["children"]] == ["Cookware", "Utensils", "Lamps"]
    made = await http.post(f"{V3}/catalog/trees/categories", json=[
        {"name": "Desk", "parent_id": 0, "tree_id": 1}])
    assert made.status_code == 201 and made.json()["data"][0]["name"] == "Desk"
    desk = made.json()["data"][0]["category_id"]
    assert (await http.put(f"{V3}/catalog/trees/categories", json=[
        {"category_id": desk, "name": "Desks"}])).status_code == 200
    got = (await http.get(f"{V3}/catalog/trees/categories", params={
        "category_id:in": str(desk)})).json()["data"]
    assert got[0]["name"] == "Desks" and got[0]["tree_id"] == 1
    assert (await http.delete(f"{V3}/catalog/trees/categories", params={
        "category_id:in": str(desk)})).status_code == 202
    brand = (await http.post(f"{V3}/catalog/brands", json={"name": "Lumen"})).json()["data"]
    assert brand["custom_url"]["url"] == "/brands/Lumen.html"
    dup = await http.post(f"{V3}/catalog/brands", json={"name": "lumen"})
    assert dup.status_code == 409
    assert (await http.get(f"{V3}/catalog/brands", params={"name:like": "lum"})).json()[
        "data"][0]["id"] == brand["id"]


async def test_customers_and_addresses_in_arrays(http: httpx.AsyncClient) -> None:
    r = await http.post(f"{V3}/customers", json=[
        {"email": "ann@example.com", "first_name": "Ann", "last_name": "Lee",
         "authentication": {"new_password": "S3cret!!"},
         "addresses": [{"first_name": "Ann", "last_name": "Lee", "address1": "2 Elm St",
                        "city": "Toronto", "country_code": "CA",
                        "state_or_province": "Ontario", "postal_code": "M5H 2N2"}]}])
    assert r.status_code == 200, r.text
    ann = r.json()["data"][0]
    assert "new_password" not in str(ann) and ann["address_count"] == 1
    got = (await http.get(f"{V3}/customers", params={"id:in": str(ann["id"]),
                                                     "include": "addresses"})).json()["data"]
    assert got[0]["addresses"][0]["country"] == "Canada"
    assert (await http.get(f"{V3}/customers", params={"email:in": "ANN@example.com"})).json()[
        "data"][0]["id"] == ann["id"]
    dup = await http.post(f"{V3}/customers", json=[{"email": "ann@example.com",
                                                     "first_name": "A", "last_name": "L"}])
    assert dup.status_code == 409
    bad = await http.post(f"{V3}/customers", json=[{"first_name": "No"}])
    assert bad.status_code == 422 and bad.json()["errors"]["[0].email"] == "error.path.missing"
    put = await http.put(f"{V3}/customers", json=[{"id": ann["id"], "company": "Lee & Co"}])
    assert put.json()["data"][0]["company"] == "Lee & Co"
    assert (await http.put(f"{V3}/customers", json=[{"company": "x"}])).status_code == 422
    address = await http.post(f"{V3}/customers/addresses", json=[{
        "customer_id": ann["id"], "first_name": "Ann", "last_name": "Lee",
        "address1": "3 Oak St", "city": "London", "country_code": "GB",
        "state_or_province": "England", "postal_code": "EC1A 1BB"}])
    assert address.json()["data"][0]["country"] == "United Kingdom"
    mine = (await http.get(f"{V3}/customers/addresses", params={
        "customer_id:in": str(ann["id"])})).json()["data"]
    assert len(mine) == 2
    assert (await http.delete(f"{V3}/customers/addresses", params={
        "id:in": str(mine[1]["id"])})).status_code == 204
    assert (await http.post(f"{V3}/customers", json=[{"email": f"{n}@x.example",
                                                      "first_name": "A", "last_name": "B"}
                                                     for n in range(11)])).status_code == 413
    assert (await http.delete(f"{V3}/customers", params={"id:in": str(ann["id"])})
            ).status_code == 204
    assert (await http.get(f"{V3}/customers", params={"id:in": str(ann["id"])})).json()[
        "data"] == []


async def test_an_undeclared_verb_is_405_and_a_bad_body_422(http: httpx.AsyncClient) -> None:
    r = await http.patch(f"{V3}/catalog/products/1", json={})
    assert r.status_code == 405 and r.json()["status"] == 405
    r = await http.put(f"{V3}/catalog/products/1", content=b"{not json")
    assert r.status_code == 400
    r = await http.put(f"{V3}/catalog/products/1", json=[1])
    assert r.status_code == 422


async def test_shop_wide_variants_list_and_batch_update(http: httpx.AsyncClient) -> None:
    listed = (await http.get(f"{V3}/catalog/variants", params={"product_id:in": "3,6",
                                                              "limit": 250})).json()
    assert {v["product_id"] for v in listed["data"]} == {3, 6}
    assert listed["meta"]["pagination"]["total"] == 14  # two base variants and 2 x 6
    first = listed["data"][1]
    r = await http.put(f"{V3}/catalog/variants", json=[{"id": first["id"],
                                                        "inventory_level": 11}])
    assert r.status_code == 200 and r.json()["data"][0]["inventory_level"] == 11
    assert (await http.get(f"{V3}/catalog/products/3/variants/{first['id']}")).json()[
        "data"]["inventory_level"] == 11
    assert (await http.post(f"{V3}/catalog/variants", json=[])).status_code == 405
    r = await http.get(f"{V3}/catalog/variants", params={"sku": first["sku"]})
    assert [v["id"] for v in r.json()["data"]] == [first["id"]]
