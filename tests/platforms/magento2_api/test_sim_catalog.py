"""The catalog as Magento answers it: products by SKU with custom attributes, stock item and
media entries; configurable products with their children and options; store-view values
(``/rest/fr`` vs ``/rest/default`` vs ``/rest/all``); writes and their refusals; stock items
and MSI source items kept in step; the category tree, list and writes; ``updated_at`` moving
on every write. Every answer checked against Magento's schema."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from .magento_schema import require_schema
from .sim_client import NOON, dated_client

require_schema()
HOST, TOKEN = "catalog.m2.example", "tok"
NO_PRODUCT = {"message": "The product that was requested doesn't exist. Verify the product "
                         "and try again."}
CLOCK = [NOON]


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with dated_client(HOST, TOKEN, CLOCK) as client:
        yield client


async def test_product_shape_stock_and_custom_attributes(http: httpx.AsyncClient) -> None:
    p = (await http.get("/rest/V1/products/MS00001")).json()
    assert p["type_id"] == "simple" and p["status"] == 1 and p["visibility"] == 4
    assert p["updated_at"] <= "2026-12-01 00:00:00" and len(p["created_at"]) == 19
    attrs = {a["attribute_code"]: a["value"] for a in p["custom_attributes"]}
    assert attrs["tax_class_id"] == "2" and attrs["description"].startswith("<p>")
    stock = p["extension_attributes"]["stock_item"]
    assert stock["product_id"] == p["id"] and stock["is_in_stock"] is True
    r = await http.get("/rest/V1/stockItems/MS00001")
    assert r.json() == stock
    assert (await http.get("/rest/V1/products/NOPE")).json() == NO_PRODUCT
    assert (await http.get("/rest/V1/stockItems/NOPE")).status_code == 404


async def test_configurable_children_and_options(http: httpx.AsyncClient) -> None:
    parent = (await http.get("/rest/V1/products/MS00025")).json()
    assert parent["type_id"] == "configurable"
    links = parent["extension_attributes"]["configurable_product_links"]
    children = (await http.get("/rest/V1/configurable-products/MS00025/children")).json()
    assert [c["id"] for c in children] == links and len(children) == 3
    assert all(c["visibility"] == 1 and c["sku"].startswith("MS00025-") for c in children)
    options = (await http.get("/rest/V1/configurable-products/MS00025/options/all")).json()
    assert [o["label"] for o in options] == ["Color", "Size"]
    assert options[1]["values"] == [{"value_index": 167}, {"value_index": 168},
                                    {"value_index": 169}]
    sizes = {a["value"] for c in children for a in c["custom_attributes"]
             if a["attribute_code"] == "size"}
    assert sizes == {"167", "168", "169"}
    assert (await http.get("/rest/V1/configurable-products/MS00001/children")).json() == []
    r = await http.get("/rest/V1/configurable-products/MS00001/options/all")
    assert (r.status_code, r.json()) == (400, {
        "message": "Only implemented for configurable product: %1", "parameters": ["MS00001"]})


async def test_configurable_children_linked_and_unlinked(http: httpx.AsyncClient) -> None:
    base = "/rest/V1/configurable-products/MS00025"
    first = (await http.get(base + "/children")).json()[0]["sku"]
    assert (await http.delete(f"{base}/children/{first}")).json() is True
    assert first not in [c["sku"] for c in (await http.get(base + "/children")).json()]
    r = await http.delete(f"{base}/children/{first}")
    assert r.status_code == 404 and r.json()["message"].startswith("The option that was")
    assert (await http.post(base + "/child", json={"childSku": first})).json() is True
    assert (await http.get(base + "/children")).json()[-1]["sku"] == first
    r = await http.post(base + "/child", json={"childSku": first})
    assert (r.status_code, r.json()) == (400, {"message": "The product is already attached."})
    r = await http.delete("/rest/V1/configurable-products/MS00001/children/MS00002")
    assert r.status_code == 400 and r.json()["parameters"] == ["MS00001"]
    r = await http.post("/rest/V1/configurable-products/MS00001/child",
                        json={"childSku": "MS00002"})
    assert r.json() == {"message": "The parent product doesn't have configurable product "
                                   "options."}


async def test_store_view_values(http: httpx.AsyncClient) -> None:
    en = (await http.get("/rest/default/V1/products/MS00001")).json()
    fr = (await http.get("/rest/fr/V1/products/MS00001")).json()
    assert en["name"] == "Breathe-Easy Tee" and fr["name"] == "T-shirt Breathe-Easy"
    r = await http.put("/rest/fr/V1/products/MS00001",
                       json={"product": {"name": "T-shirt léger", "price": 11.5}})
    assert r.status_code == 200 and r.json()["name"] == "T-shirt léger"
    assert (await http.get("/rest/V1/products/MS00001")).json()["price"] == en["price"]
    assert (await http.get("/rest/fr/V1/products/MS00001")).json()["price"] == 11.5
    await http.put("/rest/all/V1/products/MS00001", json={"product": {"price": 20}})
    assert (await http.get("/rest/default/V1/products/MS00001")).json()["price"] == 20
    assert (await http.get("/rest/fr/V1/products/MS00001")).json()["price"] == 11.5
    listed = (await http.get("/rest/fr/V1/products", params={
        "searchCriteria[filter_groups][0][filters][0][field]": "name",
        "searchCriteria[filter_groups][0][filters][0][value]": "T-shirt%",
        "searchCriteria[filter_groups][0][filters][0][condition_type]": "like"})).json()
    assert "MS00001" in [p["sku"] for p in listed["items"]]


async def test_product_writes_and_refusals(http: httpx.AsyncClient) -> None:
    CLOCK[0] += timedelta(hours=1)
    body = {"product": {"sku": "NEW-1", "name": "New", "price": 9.99, "type_id": "simple",
                        "attribute_set_id": 4, "custom_attributes": [
                            {"attribute_code": "url_key", "value": "new-1"}],
                        "extension_attributes": {"stock_item": {"qty": 7, "is_in_stock": True}}}}
    r = await http.post("/rest/V1/products", json=body)
    made = r.json()
    assert r.status_code == 200 and made["sku"] == "NEW-1" and made["price"] == 9.99
    assert made["created_at"] == made["updated_at"] == "2026-12-01 13:00:00"
    assert made["extension_attributes"]["stock_item"]["qty"] == 7
    CLOCK[0] += timedelta(minutes=5)
    r = await http.put("/rest/all/V1/products/NEW-1", json={"product": {"status": 2}})
    assert r.json()["status"] == 2 and r.json()["updated_at"] == "2026-12-01 13:05:00"
    polled = (await http.get("/rest/V1/products", params={
        "searchCriteria[filter_groups][0][filters][0][field]": "updated_at",
        "searchCriteria[filter_groups][0][filters][0][value]": "2026-12-01 13:00:00",
        "searchCriteria[filter_groups][0][filters][0][condition_type]": "gt"})).json()
    assert [p["sku"] for p in polled["items"]] == ["NEW-1"]
    for bad, message, params in (
            ({"product": {"name": "x", "price": 1}}, 'The "%1" attribute value is empty. '
             'Set the attribute and try again.', ["sku"]),
            ({"product": {"sku": "N2", "price": 1}}, 'The "%1" attribute value is empty. '
             'Set the attribute and try again.', ["name"]),
            ({"sku": "N2"}, '"%fieldName" is required. Enter and try again.',
             {"fieldName": "product"})):
        r = await http.post("/rest/V1/products", json=bad)
        assert (r.status_code, r.json()) == (400, {"message": message, "parameters": params})
    r = await http.post("/rest/V1/products", json={"product": {
        "sku": "N2", "name": "x", "price": "cheap"}})
    assert (r.status_code, r.json()) == (400, {
        "message": 'Error occurred during "price" processing. The "cheap" value\'s type is '
                   'invalid. The "float" type was expected. Verify and try again.'})
    assert (await http.delete("/rest/V1/products/NEW-1")).json() is True
    assert (await http.get("/rest/V1/products/NEW-1")).json() == NO_PRODUCT
    assert (await http.delete("/rest/V1/products/NEW-1")).status_code == 404


async def test_media_entries(http: httpx.AsyncClient) -> None:
    assert (await http.get("/rest/V1/products/MS00002/media")).json() == []
    entry = {"media_type": "image", "label": "Front", "position": 1, "disabled": False,
             "types": ["image", "small_image"], "file": "/f/r/front.jpg"}
    r = await http.post("/rest/V1/products/MS00002/media", json={"entry": entry})
    assert r.status_code == 200 and isinstance(r.json(), int)
    listed = (await http.get("/rest/V1/products/MS00002/media")).json()
    assert listed == [{**entry, "id": r.json()}]
    product = (await http.get("/rest/V1/products/MS00002")).json()
    assert product["media_gallery_entries"] == listed


async def test_stock_items_and_source_items_in_step(http: httpx.AsyncClient) -> None:
    item = (await http.get("/rest/V1/stockItems/MS00003")).json()
    r = await http.put(f"/rest/V1/products/MS00003/stockItems/{item['item_id']}",
                       json={"stockItem": {"qty": 42, "is_in_stock": True}})
    assert r.json() == item["item_id"]
    sources = (await http.get("/rest/V1/inventory/source-items", params={
        "searchCriteria[filter_groups][0][filters][0][field]": "sku",
        "searchCriteria[filter_groups][0][filters][0][value]": "MS00003"})).json()
    assert sources["items"] == [{"sku": "MS00003", "source_code": "default",
                                 "quantity": 42, "status": 1}]
    r = await http.post("/rest/V1/inventory/source-items", json={"sourceItems": [
        {"sku": "MS00003", "source_code": "default", "quantity": 0, "status": 0}]})
    assert r.json() == []
    item = (await http.get("/rest/V1/stockItems/MS00003")).json()
    assert item["qty"] == 0 and item["is_in_stock"] is False


async def test_category_tree_list_and_writes(http: httpx.AsyncClient) -> None:
    tree = (await http.get("/rest/V1/categories")).json()
    assert tree["id"] == 2 and tree["name"] == "Default Category"
    assert [c["name"] for c in tree["children_data"]] == ["Gear", "Bags", "Fitness Equipment",
                                                          "Watches"]
    assert sum(c["product_count"] for c in tree["children_data"]) > 0
    shallow = (await http.get("/rest/V1/categories", params={"depth": 1})).json()
    assert all(c["children_data"] == [] for c in shallow["children_data"])
    listed = (await http.get("/rest/V1/categories/list", params={"searchCriteria": ""})).json()
    assert listed["total_count"] == 12
    r = await http.post("/rest/V1/categories",
                        json={"category": {"name": "Socks", "parent_id": 3, "is_active": True}})
    sock = r.json()
    assert sock["level"] == 3 and sock["path"] == "1/2/3/" + str(sock["id"])
    r = await http.put(f"/rest/V1/categories/{sock['id']}",
                       json={"category": {"name": "Sock drawer"}})
    assert r.json()["name"] == "Sock drawer"
    assert str(sock["id"]) in (await http.get("/rest/V1/categories/3")).json()["children"]
    assert (await http.delete(f"/rest/V1/categories/{sock['id']}")).json() is True
    r = await http.get(f"/rest/V1/categories/{sock['id']}")
    assert (r.status_code, r.json()) == (404, {
        "message": "No such entity with %fieldName = %fieldValue",
        "parameters": {"fieldName": "id", "fieldValue": sock["id"]}})
    r = await http.post("/rest/V1/categories", json={"category": {"parent_id": 3}})
    assert r.status_code == 400 and r.json()["parameters"] == ["name"]
    r = await http.delete("/rest/V1/categories/2")
    assert (r.status_code, r.json()) == (400, {"message": "Cannot delete category with id %1",
                                               "parameters": [2]})


async def test_stores(http: httpx.AsyncClient) -> None:
    views = (await http.get("/rest/V1/store/storeViews")).json()
    assert [v["code"] for v in views] == ["admin", "default", "fr"]
    configs = (await http.get("/rest/V1/store/storeConfigs")).json()
    assert [(c["code"], c["locale"]) for c in configs] == [("default", "en_US"),
                                                           ("fr", "fr_FR")]
    assert configs[0]["base_url"] == f"https://{HOST}/"
    sites = (await http.get("/rest/V1/store/websites")).json()
    assert [s["code"] for s in sites] == ["admin", "base"]
    groups = (await http.get("/rest/V1/store/storeGroups")).json()
    assert groups[1]["root_category_id"] == 2


async def test_one_media_entry_read_changed_removed(http: httpx.AsyncClient) -> None:
    entry = {"media_type": "image", "label": "Side", "position": 2, "disabled": False,
             "types": [], "file": "/s/i/side.jpg"}
    eid = (await http.post("/rest/V1/products/MS00004/media", json={"entry": entry})).json()
    assert (await http.get(f"/rest/V1/products/MS00004/media/{eid}")).json()["label"] == "Side"
    r = await http.put(f"/rest/V1/products/MS00004/media/{eid}",
                       json={"entry": {**entry, "label": "Left side"}})
    assert r.json() is True
    assert (await http.get(f"/rest/V1/products/MS00004/media/{eid}")).json()["label"] == \
        "Left side"
    assert (await http.delete(f"/rest/V1/products/MS00004/media/{eid}")).json() is True
    r = await http.get(f"/rest/V1/products/MS00004/media/{eid}")
    assert r.status_code == 404 and r.json()["message"].startswith("No image with the")


async def test_category_product_links(http: httpx.AsyncClient) -> None:
    CLOCK[0] += timedelta(hours=3)
    r = await http.post("/rest/V1/categories/12/products", json={"productLink": {
        "sku": "MS00005", "position": 4, "category_id": "12"}})
    assert r.json() is True
    links = (await http.get("/rest/V1/categories/12/products")).json()
    assert {"sku": "MS00005", "position": 4, "category_id": "12"} in links
    product = (await http.get("/rest/V1/products/MS00005")).json()
    assert {"position": 4, "category_id": "12"} in product["extension_attributes"][
        "category_links"]
    assert product["updated_at"] == "2026-12-01 15:00:00"
    assert (await http.delete("/rest/V1/categories/12/products/MS00005")).json() is True
    links = (await http.get("/rest/V1/categories/12/products")).json()
    assert "MS00005" not in [x["sku"] for x in links]
    r = await http.post("/rest/V1/categories/999/products", json={"productLink": {
        "sku": "MS00005", "category_id": "999"}})
    assert r.status_code == 404


async def test_url_keys_are_derived_and_unique(http: httpx.AsyncClient) -> None:
    r = await http.post("/rest/V1/products", json={"product": {
        "sku": "UK-1", "name": "Trail Runner", "price": 50}})
    attrs = {a["attribute_code"]: a["value"] for a in r.json()["custom_attributes"]}
    assert attrs["url_key"] == "trail-runner"
    for body in ({"sku": "UK-2", "name": "Trail Runner", "price": 50},
                 {"sku": "UK-3", "name": "Other", "price": 5, "custom_attributes": [
                     {"attribute_code": "url_key", "value": "trail-runner"}]}):
        r = await http.post("/rest/V1/products", json={"product": body})
        assert (r.status_code, r.json()) == (400, {
            "message": "URL key for specified store already exists."})
    r = await http.put("/rest/all/V1/products/UK-1", json={"product": {"name": "Trail"}})
    assert r.status_code == 200  # its own key is no conflict
