"""kit.images (Uploads) on Shelf: images as ``imageUrl``/``imageFile``+``fileName``, ``description`` and
``sortOrder``, the base image at position 0; uploads from a URL or as base64 content."""

from __future__ import annotations

import json

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.images import Uploads
from anycart.platforms.kit.resource import Resource
from tests.kit.calls import call
from tests.kit.shelf import declared
from tests.kit.shelf import shelf as _shelf

IMAGES = Uploads(Resource("products/{product_id}/images", "data", "data", wrap="", label="Image",
                          parent="Product", suffix=""),
                 url="imageUrl", attachment="imageFile", filename="fileName", alt="description",
                 position="sortOrder", stored="urlStandard", base_position=0)


Pictured, APPLIED = declared(IMAGES)


@pytest.fixture
async def shelf():
    async for pair in _shelf(Pictured):
        yield pair


def sent(server) -> dict:
    return json.loads(server.seen[-1].content)


def test_applied():
    assert APPLIED["product.image.add"] >= {"product_id", "url", "content", "image_name",
                                            "label", "type", "position"}
    assert APPLIED["product.image.delete"] == {"product_id", "id"}


async def test_from_a_url_or_as_base64(shelf):
    c, server = shelf
    by_url = await c.product_image_add(call("product.image.add", product_id="1",
                                            url="https://cdn.example/a.png", label="A",
                                            position=3))
    assert sent(server) == {"imageUrl": "https://cdn.example/a.png", "description": "A",
                            "sortOrder": 3}
    # the platform answers no stored URL: the one given is the image's path
    assert by_url == {"id": "101", "image_path": "https://cdn.example/a.png"}
    await c.product_image_add(call("product.image.add", product_id="1", content="aGk=",
                                   image_name="b.png", type="base"))
    assert sent(server) == {"imageFile": "aGk=", "fileName": "b.png", "sortOrder": 0}
    gone = await c.product_image_delete(call("product.image.delete", product_id="1", id="101"))
    assert gone == {"deleted": "true"} and list(server.rows["products/1/images"]) == [102]


@pytest.mark.parametrize(("params", "code", "name"), [
    ({"content": "aGk="}, 114, "image_name"),
    ({}, 114, "image_name"),
    ({"url": "https://x/a.png", "type": "thumbnail"}, 109, "type"),
    ({"url": "https://x/a.png", "type": "base", "position": 2}, 109, "position"),
])
async def test_refusals_name_the_parameter(shelf, params, code, name):
    c, server = shelf
    with pytest.raises(ApiError) as refused:
        await c.product_image_add(call("product.image.add", product_id="1", **params))
    assert refused.value.code == code and f"'{name}'" in refused.value.message
    assert server.seen == []


async def test_unknown_product_or_image_is_112(shelf):
    c, _ = shelf
    with pytest.raises(ApiError) as product:
        await c.product_image_add(call("product.image.add", product_id="9", url="https://x/a"))
    assert product.value.message == "Product with id 9 not found"
    with pytest.raises(ApiError) as image:
        await c.product_image_delete(call("product.image.delete", product_id="1", id="5"))
    assert image.value.message == "Image with id 5 not found"
