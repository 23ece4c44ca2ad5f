"""kit.links on Shelf: links as records of their own with camelCase ends and string ids,
served as category.assign/unassign through kit.serve.attach."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.links import Link
from anycart.platforms.kit.resource import Resource
from tests.kit.calls import call
from tests.kit.shelf import declared
from tests.kit.shelf import shelf as _shelf

LINKS = Link("category", Resource("category_links", "data", "data", wrap="", suffix=""),
             {"category_id": "categoryId", "product_id": "productId"}, "Link of product",
             convert=str)


Linked, APPLIED = declared(LINKS)


@pytest.fixture
async def shelf():
    async for pair in _shelf(Linked):
        yield pair


def test_methods_and_what_they_apply():
    pair = {"category_id", "product_id"}
    assert dict(APPLIED) == {"category.assign": pair, "category.unassign": pair}


async def test_assign_then_unassign_every_link_of_the_pair(shelf):
    c, server = shelf
    assert await c.category_assign(call("category.assign", category_id="7", product_id="1")) == {}
    await c.category_assign(call("category.assign", category_id="7", product_id="1"))
    await c.category_assign(call("category.assign", category_id="8", product_id="1"))
    assert sorted(r["categoryId"] for r in server.rows["category_links"].values()) == ["7", "7", "8"]
    await c.category_unassign(call("category.unassign", category_id="7", product_id="1"))
    assert [r["categoryId"] for r in server.rows["category_links"].values()] == ["8"]
    with pytest.raises(ApiError) as none:
        await c.category_unassign(call("category.unassign", category_id="7", product_id="1"))
    assert none.value.code == 112 and none.value.message == "Link of product with id 1 not found"


async def test_ids_are_converted_or_refused_naming_them(shelf):
    c, server = shelf
    numbered = Link("category", LINKS.resource, LINKS.ends, "x")  # int_id by default
    with pytest.raises(ApiError) as bad:
        await numbered.assign(c, call("category.assign", category_id="abc", product_id="1"))
    assert bad.value.code == 109 and "'category_id'" in bad.value.message
    with pytest.raises(ApiError) as missing:
        await c.category_assign(call("category.assign", product_id="1"))
    assert missing.value.code == 114 and "category_id" in missing.value.message
    assert server.seen == []
