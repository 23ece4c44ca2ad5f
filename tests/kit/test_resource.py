"""kit.resource on Shelf (tests/kit/shelf.py): paths without a suffix, records under ``data``,
bodies unwrapped; 404s under a parent name the parent or the record, whichever is missing."""

from __future__ import annotations

import json

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.resource import Resource
from tests.kit.shelf import shelf as _shelf

NOTES = Resource("products/{product_id}/notes", "data", "data", wrap="", label="Note",
                 parent="Product", suffix="")


@pytest.fixture
async def shelf():
    async for pair in _shelf():
        yield pair


def test_path_names_are_filled_and_escaped():
    assert NOTES.names == ("product_id",)
    assert NOTES.at({"product_id": 7}, 3) == "products/7/notes/3"
    assert NOTES.at({"product_id": "1/../../x"}) == "products/1%2F..%2F..%2Fx/notes"
    shopify_like = Resource("customers/{customer_id}/addresses", "customer_address")
    assert shopify_like.at({"customer_id": 5}) == "customers/5/addresses.json"


async def test_add_all_change_delete(shelf):
    c, server = shelf
    made = await NOTES.add(c.rest, {"text": "hi"}, {"product_id": 1})
    assert made == {"text": "hi", "id": 101}
    assert json.loads(server.seen[-1].content) == {"text": "hi"}  # no wrapping key
    assert await NOTES.all(c.rest, {"product_id": 1}, {"text": "hi"}) == [made]
    assert await NOTES.all(c.rest, {"product_id": 1}, {"text": "no"}) == []
    changed = await NOTES.change(c.rest, 101, {"text": "yo"}, {"product_id": 1})
    assert changed["text"] == "yo" and server.seen[-1].method == "PUT"
    await NOTES.delete(c.rest, 101, {"product_id": 1})
    assert server.rows["products/1/notes"] == {}


async def test_a_404_names_what_is_missing(shelf):
    c, server = shelf
    with pytest.raises(ApiError) as parent:
        await NOTES.add(c.rest, {"text": "hi"}, {"product_id": 9})
    assert parent.value.code == 112 and parent.value.message == "Product with id 9 not found"
    with pytest.raises(ApiError) as record:
        await NOTES.delete(c.rest, 55, {"product_id": 1})
    assert record.value.message == "Note with id 55 not found"
    with pytest.raises(ApiError) as both:
        await NOTES.change(c.rest, 55, {}, {"product_id": 9})
    assert both.value.message == "Product with id 9 not found"
    assert server.seen[-1].url.path == "/api/products/9"  # the parent read to tell
