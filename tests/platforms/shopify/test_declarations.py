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
