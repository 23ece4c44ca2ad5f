"""Two BigCommerce stores in one account: the API is reached by ``stores/<hash>``, not the
store's URL, so without a ``store_url`` each store is named by its own storefront domain
(``store-<hash>.mybigcommerce.com``), and the second is added, not "already exists"."""

from __future__ import annotations

from anycart.platforms.bigcommerce_api.platform import PLATFORMS
from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator
from tests.platforms.gateway_env import GatewayEnv, ok, open_gateway

API_HOST = "api.bigcommerce.com"
STORES = {"abc123": "tok_0123456789abcdef0123456789ab", "def456": "tok_fedcba9876543210fedcba9876"}


async def test_two_stores_without_store_url_are_two_stores(tmp_path):
    sim = BigCommerceSimulator()
    for store_hash, token in STORES.items():
        sim.shops.add_shop(store_hash, token, size=3, seed=1)
    async with open_gateway(tmp_path, sim, PLATFORMS, {API_HOST: sim.app}, GatewayEnv) as env:
        keys = []
        for store_hash, token in STORES.items():
            added = ok(await env.call("account.cart.add", body={
                "cart_id": "BigcommerceApi", "bigcommerceapi_context": f"stores/{store_hash}",
                "bigcommerceapi_access_token": token}))
            keys.append(added["store_key"])
        again = await env.call("account.cart.add", body={
            "cart_id": "BigcommerceApi", "bigcommerceapi_context": "abc123",  # the same store
            "bigcommerceapi_access_token": STORES["abc123"]})
        assert again["return_code"] == 8 and again["return_message"] == "Store already exists"
        carts = ok(await env.call("account.cart.list"))["carts"]
        assert sorted(c["url"] for c in carts) == ["https://store-abc123.mybigcommerce.com",
                                                   "https://store-def456.mybigcommerce.com"]
        for key, store_hash in zip(keys, STORES, strict=True):
            env.store_key = key
            assert ok(await env.call("cart.info"))["name"] == store_hash
