"""Lists and details, XML and JSON, as WebserviceOutputBuilder renders them."""

from __future__ import annotations

import httpx

from .sim_client import XLINK, http, sim, xml  # noqa: F401  (fixtures)


async def test_list_minimum_xml_links_each_record(http: httpx.AsyncClient) -> None:
    r = await http.get("/api/products")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/xml")
    root = xml(r)
    assert root.tag == "prestashop" and root.nsmap["xlink"] == "http://www.w3.org/1999/xlink"
    items = root.findall("products/product")
    assert len(items) == 30  # every product is in the default shop
    assert items[0].get("id") == "1"
    assert items[0].get(XLINK) == "https://ps.example/api/products/1"
    assert len(items[0]) == 0  # minimum: no fields


async def test_list_minimum_json_and_full_json(http: httpx.AsyncClient) -> None:
    r = await http.get("/api/products", params={"output_format": "JSON"})
    assert r.json()["products"][:2] == [{"id": 1}, {"id": 2}]
    full = (await http.get("/api/products", params={"output_format": "JSON",
                                                    "display": "full"})).json()
    first = full["products"][0]
    assert first["id"] == 1 and first["reference"] == "PS-00001"
    assert first["price"].endswith(".000000") is False and "." in first["price"]
    assert first["name"] == [{"id": "1", "value": "Organic T-Shirt 1"},
                             {"id": "2", "value": "T-shirt bio 1"}]
    assert first["associations"]["categories"] == [{"id": "2"}, {"id": "4"}]


async def test_details_xml_cdata_languages_and_associations(http: httpx.AsyncClient) -> None:
    r = await http.get("/api/products/3")
    assert b"<![CDATA[PS-00003]]>" in r.content
    product = xml(r).find("product")
    assert product is not None and product.findtext("id") == "3"
    category = product.find("id_category_default")
    assert category is not None
    assert category.get(XLINK) == f"https://ps.example/api/categories/{category.text}"
    names = product.findall("name/language")
    assert [(n.get("id"), n.get(XLINK)) for n in names] == [
        ("1", "https://ps.example/api/languages/1"), ("2", "https://ps.example/api/languages/2")]
    combos = product.find("associations/combinations")
    assert combos is not None and combos.get("nodeType") == "combination"
    assert [c.findtext("id") for c in combos] == ["1", "2", "3"]
    assert combos[0].get(XLINK) == "https://ps.example/api/combinations/1"
    images = product.findall("associations/images/image")
    image = images[0].findtext("id")
    assert images[0].get(XLINK) == f"https://ps.example/api/images/products/3/{image}"


async def test_details_json_shape_and_missing_id(http: httpx.AsyncClient) -> None:
    body = (await http.get("/api/products/3", params={"output_format": "JSON"})).json()
    assert set(body) == {"product"} and body["product"]["id"] == 3
    assert body["product"]["quantity"].isdigit()
    shown = (await http.get("/api/products/3", params={"output_format": "JSON",
                                                       "display": "[id,reference]"})).json()
    assert shown == {"products": [{"id": 3, "reference": "PS-00003"}]}
    missing = await http.get("/api/products/9999")
    assert missing.status_code == 404 and missing.content == b""


async def test_head_and_resource_list(http: httpx.AsyncClient) -> None:
    head = await http.head("/api/products/3")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["PSWS-Version"]
    api = xml(await http.get("/api/")).find("api")
    assert api is not None and api.get("shop_name") == "AnyCart Demo"
    products = api.find("products")
    assert products is not None and products.get(XLINK) == "https://ps.example/api/products"
    assert [s.get("type") for s in products.findall("schema")] == ["blank", "synopsis"]
    assert (await http.get("/api/", params={"output_format": "JSON"})).json()[:2] == [
        "addresses", "carriers"]
