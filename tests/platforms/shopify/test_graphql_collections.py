"""A product put in and taken out of a collection (category.assign/unassign) by
``collectionAddProducts``/``collectionRemoveProducts``, and products listed and counted by
collection (``collection_id:`` searches), over graphql.json only."""

from __future__ import annotations

from tests.platforms.shopify.test_connector import env  # noqa: F401
from tests.platforms.shopify.test_truncation import _count_requests


async def test_assignments_and_lists_by_collection_are_graphql(env):
    cid = (await env.call("category.list", {"count": 1}))["result"]["category"][0]["id"]
    inside = {str(x["product_id"]) for x in env.shop.data.collects.values()
              if str(x["collection_id"]) == cid}
    assert inside
    outside = next(str(p) for p in env.shop.data.products.sorted_keys() if str(p) not in inside)
    sent = _count_requests(env)
    listed = await env.call("product.list", {"category_id": cid, "count": 250, "params": "id"})
    assert listed["return_code"] == 0, listed
    assert {p["id"] for p in listed["result"]["product"]} == inside
    assigned = await env.call("category.assign", {"category_id": cid, "product_id": outside})
    assert assigned["return_code"] == 0, assigned
    assert (await env.call("product.count", {"category_id": cid}))["result"][
        "products_count"] == len(inside) + 1
    unassigned = await env.call("category.unassign", {"category_id": cid, "product_id": outside})
    assert unassigned["return_code"] == 0, unassigned
    assert (await env.call("product.count", {"category_id": cid}))["result"][
        "products_count"] == len(inside)
    twice = await env.call("category.unassign", {"category_id": cid, "product_id": outside})
    assert twice["return_code"] == 112, twice
    assert {p.rsplit("/", 1)[-1] for p in sent.paths} == {"graphql.json"}, sent.paths
    gone = await env.call("category.assign", {"category_id": "999999999", "product_id": outside})
    assert gone["return_code"] == 112, gone
