"""Which Shopify writes are sent again after a lost answer (issue 12 item 19).

Every GraphQL request is a POST to ``graphql.json``: a create (``productSet``) that may have
reached Shopify is never sent twice; setting an inventory level (``inventorySetQuantities``,
an absolute value) is safe to repeat and is retried.
"""

from __future__ import annotations

import httpx

from tests.platforms.shopify.test_connector import SHOP, env  # noqa: F401


class LosesFirstAnswer(httpx.AsyncBaseTransport):
    """The shop applies each POST to ``graphql.json`` running ``mutation``, but the first
    answer never comes back."""

    def __init__(self, inner: httpx.AsyncBaseTransport, mutation: str) -> None:
        self.inner, self.mutation, self.posts = inner, mutation, 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self.inner.handle_async_request(request)
        if request.method == "POST" and request.url.path.endswith("/graphql.json") and (
                self.mutation + "(") in request.content.decode():
            self.posts += 1
            if self.posts == 1:
                raise httpx.ReadTimeout("answer lost", request=request)
        return response


async def test_inventory_set_is_retried_and_a_create_is_not(env):
    mounts = env.services.http.mounts
    real = mounts[SHOP]
    pid = str(env.shop.data.products.sorted_keys()[0])

    mounts[SHOP] = stock = LosesFirstAnswer(real, "inventorySetQuantities")
    updated = await env.call("product.update", body={"id": pid, "quantity": 17})
    assert updated["return_code"] == 0, updated
    assert stock.posts == 2
    item = env.shop.data.products[int(pid)]["variants"][0]["inventory_item_id"]
    levels = [env.shop.data.inventory_levels[k]["available"]
              for k in env.shop.data.inventory_levels.sorted_keys() if k[0] == item]
    assert 17 in levels

    before = (await env.call("product.count"))["result"]["products_count"]
    mounts[SHOP] = create = LosesFirstAnswer(real, "productSet")
    added = await env.call("product.add", body={"name": "Once", "sku": "ONCE-1", "model": "once-1",
                                                "price": 1, "description": "d"})
    assert added["return_code"] == 106, added
    assert create.posts == 1
    mounts[SHOP] = real
    assert (await env.call("product.count"))["result"]["products_count"] == before + 1
