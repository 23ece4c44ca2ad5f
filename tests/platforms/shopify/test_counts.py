"""Counts with an id filter (issue 12 item 21b).

Shopify's ``*/count.json`` endpoints take no ``ids`` nor ``since_id``: given them, they count
every record. ``product.count?product_ids=`` used to answer how many ids were given; it must
answer how many of them exist (and match the other filters).
"""

from __future__ import annotations

import httpx

from anycart.platforms.shopify.simulator import API_VERSION
from tests.platforms.shopify.test_connector import SHOP, TOKEN, env  # noqa: F401
from tests.platforms.shopify.test_connector import SIZE as SHOP_SIZE

A = f"/admin/api/{API_VERSION}"


async def test_simulator_count_endpoints_ignore_ids_like_shopify(env):
    shop = env.sim.shops.get(SHOP)
    keys = shop.data.products.sorted_keys()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=env.sim.app),
                                 base_url=f"https://{SHOP}",
                                 headers={"X-Shopify-Access-Token": TOKEN}) as sim:
        counted = await sim.get(f"{A}/products/count.json", params={"ids": f"{keys[0]},999"})
        assert counted.json() == {"count": SHOP_SIZE}
        since = await sim.get(f"{A}/products/count.json", params={"since_id": keys[-2]})
        assert since.json() == {"count": SHOP_SIZE}
        listed = await sim.get(f"{A}/products.json", params={"ids": f"{keys[0]},999"})
        assert [p["id"] for p in listed.json()["products"]] == [keys[0]]


async def test_product_count_with_ids_counts_the_ones_found(env):
    keys = [str(k) for k in env.shop.data.products.sorted_keys()]
    ids = ",".join([keys[0], keys[5], "999999999", keys[7]])
    count = await env.call("product.count", {"product_ids": ids})
    assert count["return_code"] == 0, count
    assert count["result"]["products_count"] == 3
    listed = await env.call("product.list", {"product_ids": ids, "params": "id"})
    assert [p["id"] for p in listed["result"]["product"]] == [keys[0], keys[5], keys[7]]
    assert listed["result"]["products_count"] == 3
    since = await env.call("product.count", {"since_id": keys[-3]})
    assert since["result"]["products_count"] == 2
    walked = await env.call("product.count", {"since_id": keys[-301]})  # two pages of ids
    assert walked["result"]["products_count"] == 300


async def test_customer_and_order_count_with_ids(env):
    shop = env.shop.data
    cids = [str(k) for k in shop.customers.sorted_keys()[:2]]
    customers = await env.call("customer.count", {"ids": ",".join([*cids, "999999999"])})
    assert customers["result"]["customers_count"] == 2, customers
    oids = [str(k) for k in shop.orders.sorted_keys()[:3]]
    orders = await env.call("order.count", {"order_ids": ",".join([*oids, "999999999"])})
    assert orders["result"]["orders_count"] == 3, orders
