"""What Shopify's declarations (``shopify/entities.py``) make of list filters, through the
gateway against the simulator."""

from __future__ import annotations

from tests.platforms.shopify.test_connector import env  # noqa: F401


async def test_find_where_alone_is_refused_not_ignored(env):
    for method in ("category.list", "product.count"):
        alone = await env.call(method, {"find_where": "name"})
        assert alone["return_code"] == 109 and "'find_where'" in alone["return_message"], alone
    elsewhere = await env.call("product.list", {"find_value": "x", "find_where": "description"})
    assert elsewhere["return_code"] == 109 and "'find_where'" in elsewhere["return_message"]


async def test_a_title_filter_and_dates_reach_shopify(env):
    listed = await env.call("product.list", {"count": 1, "params": "id,name"})
    first = listed["result"]["product"][0]
    found = await env.call("product.count", {"find_value": first["name"], "find_where": "name"})
    assert found["return_code"] == 0 and found["result"]["products_count"] >= 1, found
    total = (await env.call("product.count"))["result"]["products_count"]
    later = await env.call("product.count", {"created_from": "2999-01-01 00:00:00"})
    assert later["result"]["products_count"] == 0 < total
    bad = await env.call("product.count", {"created_from": "2024-13-45"})
    assert bad["return_code"] == 109 and "created_from" in bad["return_message"], bad


async def test_images_by_url_or_base64_and_their_deletes(env):
    pid = (await env.call("product.list", {"count": 1, "params": "id"}))["result"]["product"][0]["id"]
    by_url = await env.call("product.image.add", body={
        "product_id": pid, "url": "https://cdn.example.com/a.png", "label": "A", "image_name": "a.png",
        "type": "additional"})
    assert by_url["return_code"] == 0, by_url
    encoded = await env.call("product.image.add", body={
        "product_id": pid, "content": "aGVsbG8=", "image_name": "b.png", "type": "base"})
    assert encoded["return_code"] == 0, encoded
    images = {str(i["id"]): i for i in env.shop.data.products[int(pid)]["images"]}
    assert images[by_url["result"]["id"]]["alt"] == "A"
    assert images[encoded["result"]["id"]]["position"] == 1  # the base image is the first
    gone = await env.call("product.image.delete", {"product_id": pid, "id": by_url["result"]["id"]})
    assert gone["return_code"] == 0 and gone["result"] == {"deleted": "true"}, gone
    again = await env.call("product.image.delete", {"product_id": pid,
                                                    "id": by_url["result"]["id"]})
    assert again["return_code"] == 112 and again["return_message"].startswith("Image"), again
    nowhere = await env.call("product.image.delete", {"product_id": "999999999", "id": "1"})
    assert nowhere["return_code"] == 112 and nowhere["return_message"].startswith("Product")


async def test_collects_and_orders_by_number(env):
    cid = (await env.call("category.list", {"count": 1}))["result"]["category"][0]["id"]
    pid = (await env.call("product.list", {"count": 1, "params": "id"}))["result"]["product"][0]["id"]
    await env.call("category.unassign", {"category_id": cid, "product_id": pid})
    assigned = await env.call("category.assign", {"category_id": cid, "product_id": pid})
    assert assigned["return_code"] == 0, assigned
    inside = await env.call("product.count", {"category_id": cid})
    unassigned = await env.call("category.unassign", {"category_id": cid, "product_id": pid})
    assert unassigned["return_code"] == 0, unassigned
    assert (await env.call("product.count", {"category_id": cid}))["result"]["products_count"] \
        == inside["result"]["products_count"] - 1
    twice = await env.call("category.unassign", {"category_id": cid, "product_id": pid})
    assert twice["return_code"] == 112, twice
    bad = await env.call("category.assign", {"category_id": "abc", "product_id": pid})
    assert (bad["return_code"], bad["return_message"]) == (
        112, "Category with category_id abc not found"), bad  # API2Cart's answer: no such id
    order = next(iter(env.shop.data.orders.values()))
    by_number = await env.call("order.info", {"order_id": f"#{order['order_number']}",
                                              "params": "id,order_id"})
    assert by_number["result"]["id"] == str(order["id"]), by_number
    changed = await env.call("order.update", {"order_id": str(order["order_number"]),
                                              "comment": "by number"})
    assert changed["return_code"] == 0, changed
    assert env.shop.data.orders[order["id"]]["note"] == "by number"
