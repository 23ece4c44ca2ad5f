"""ImageList and LinkList over a small platform keeping a product's images and categories as
lists in the product (PUT writes the list whole): what each call sends, what it answers, the
112s and 109s."""

from __future__ import annotations

import copy
from types import SimpleNamespace

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.imagelist import ImageList
from anycart.platforms.kit.linklist import LinkList
from anycart.platforms.kit.resource import Resource
from anycart.transport.http import HttpLayer

HOST = "list.example"


def site(products: dict[int, dict], sent: list) -> Starlette:
    async def product(request: Request) -> Response:
        pid = int(request.path_params["id"])
        if pid not in products:
            return JSONResponse({"code": "invalid_id"}, 404)
        if request.method == "PUT":
            body = await request.json()
            sent.append(copy.deepcopy(body))
            if "images" in body:  # kept by id, new ones get the next id
                known = {i["id"]: i for i in products[pid]["images"]}
                out = []
                for i in body["images"]:
                    kept = {**known.get(i.get("id"), {}), **i}
                    kept.setdefault("id", 100 + len(sent))
                    out.append(kept)
                body["images"] = out
            products[pid].update(body)
        return JSONResponse(products[pid])

    async def category(request: Request) -> Response:
        cid = int(request.path_params["id"])
        return JSONResponse({"id": cid}) if cid in (9, 14) else JSONResponse({}, 404)

    return Starlette(routes=[Route("/products/{id}", product, methods=["GET", "PUT"]),
                             Route("/categories/{id}", category)])


@pytest.fixture
def shop():
    products = {1: {"id": 1, "categories": [{"id": 9}], "images": [
        {"id": 11, "src": "https://cdn/a.jpg", "alt": "a"}, {"id": 12, "src": "https://cdn/b.jpg", "alt": ""}]}}
    sent: list = []
    layer = HttpLayer()
    layer.mount(HOST, site(products, sent))
    connector = SimpleNamespace(rest=RestClient(layer, f"https://{HOST}/", platform="Acme"))
    return connector, products, sent


PRODUCTS = Resource("products", "", wrap="", suffix="", label="Product")
IMAGES = ImageList(PRODUCTS)
LINKS = LinkList("category", PRODUCTS, "product_id", Resource("categories", "", suffix="", label="Category"),
                 "category_id", "categories", "Assignment of product")


def call(method: str, **params) -> Call:
    return Call(method, params)


async def test_image_add_base_goes_first_the_others_kept_by_id(shop):
    c, products, sent = shop
    answer = await IMAGES.add(c, call("product.image.add", product_id="1", url="https://cdn/new.jpg",
                                      type="base", label="New"))
    assert sent[-1] == {"images": [{"src": "https://cdn/new.jpg", "alt": "New"}, {"id": 11}, {"id": 12}]}
    assert answer == {"id": str(products[1]["images"][0]["id"]), "image_path": "https://cdn/new.jpg"}
    await IMAGES.add(c, call("product.image.add", product_id="1", image_name="https://cdn/c.jpg",
                             type="additional", position=1))
    assert sent[-1]["images"][1] == {"src": "https://cdn/c.jpg", "alt": ""}
    with pytest.raises(ApiError) as thumb:
        await IMAGES.add(c, call("product.image.add", product_id="1", url="u", type="thumbnail"))
    assert thumb.value.code == 109 and "'type'" in thumb.value.message
    with pytest.raises(ApiError) as gone:
        await IMAGES.add(c, call("product.image.add", product_id="7", url="u", type="base"))
    assert (gone.value.code, gone.value.message) == (112, "Product with id 7 not found")


async def test_image_update_moves_and_relabels_delete_drops(shop):
    c, _, sent = shop
    await IMAGES.update(c, call("product.image.update", product_id="1", id="12", label="B", position=0))
    assert sent[-1] == {"images": [{"id": 12, "alt": "B"}, {"id": 11}]}
    with pytest.raises(ApiError) as nothing:
        await IMAGES.update(c, call("product.image.update", product_id="1", id="12"))
    assert nothing.value.code == 110
    with pytest.raises(ApiError) as unknown:
        await IMAGES.delete(c, call("product.image.delete", product_id="1", id="99"))
    assert (unknown.value.code, unknown.value.message) == (112, "Image with id 99 not found")
    await IMAGES.delete(c, call("product.image.delete", product_id="1", id="11"))
    assert sent[-1] == {"images": [{"id": 12}]}


async def test_links_assign_unassign(shop):
    c, _, sent = shop
    await LINKS.assign(c, call("category.assign", product_id="1", category_id="14"))
    assert sent[-1] == {"categories": [{"id": 9}, {"id": 14}]}
    await LINKS.assign(c, call("category.assign", product_id="1", category_id="14"))
    assert len(sent) == 1  # already there: nothing written
    with pytest.raises(ApiError) as missing:
        await LINKS.assign(c, call("category.assign", product_id="1", category_id="5"))
    assert (missing.value.code, missing.value.message) == (112, "Category with id 5 not found")
    await LINKS.unassign(c, call("category.unassign", product_id="1", category_id="9"))
    assert sent[-1] == {"categories": [{"id": 14}]}
    with pytest.raises(ApiError) as absent:
        await LINKS.unassign(c, call("category.unassign", product_id="1", category_id="9"))
    assert absent.value.code == 112
    with pytest.raises(ApiError) as bad:
        await LINKS.assign(c, call("category.assign", product_id="1", category_id="x"))
    assert bad.value.code == 109 and "'category_id'" in bad.value.message


async def test_links_kept_whole_at_a_dotted_key(shop):
    """``keep``: the other links are written back as read (their positions kept), the new
    one from ``entry``; the list at a dotted key is written nested."""
    c, products, sent = shop
    products[1]["ext"] = {"links": [{"category_id": "9", "position": 4}]}
    kept = LinkList("category", PRODUCTS, "product_id", LINKS.linked, "category_id", "ext.links",
                    "Assignment of product", entry=lambda i: {"category_id": str(i), "position": 0},
                    ident=lambda link: link["category_id"], keep=True)
    await kept.assign(c, call("category.assign", product_id="1", category_id="14"))
    assert sent[-1] == {"ext": {"links": [{"category_id": "9", "position": 4},
                                          {"category_id": "14", "position": 0}]}}
    await kept.unassign(c, call("category.unassign", product_id="1", category_id="9"))
    assert sent[-1] == {"ext": {"links": [{"category_id": "14", "position": 0}]}}


def test_the_same_keys_read_the_list_or_one_image_as_unified_images():
    shelf = ImageList(Resource("products", "", suffix=""), url="href", alt="title", name="file")
    record = {"pics": [{"id": 4, "href": "https://cdn.example/a/b.jpg", "title": "Front"},
                       {"id": 5, "href": "", "file": "kept.png"}, "junk"],
              "image": {"id": 9, "href": "https://cdn.example/one.png"}, "none": {}}
    first, second = shelf.images(record, "pics")
    assert (first.id, first.http_path, first.file_name, first.alt, first.type, first.sort_order) \
        == ("4", "https://cdn.example/a/b.jpg", "b.jpg", "Front", "base", 0)
    assert (second.file_name, second.http_path, second.type, second.sort_order) == (
        "kept.png", None, "additional", 1)  # no URL: the file name it has
    [one] = shelf.images(record, "image")
    assert (one.id, one.file_name, one.type) == ("9", "one.png", "base")
    assert shelf.images(record, "none") == [] and shelf.images({}) == []
