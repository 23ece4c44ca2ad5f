"""A product's writes are mutations (``productSet`` to make it; ``productUpdate`` and
``productDelete`` as every :class:`~anycart.platforms.shopify.gql_writes.Mutations` entity):
a product the store lacks is 112, in API2Cart's words, whichever write names it."""

from __future__ import annotations

from tests.platforms.shopify.test_connector import env  # noqa: F401


async def test_a_product_the_store_lacks_is_112(env):
    before = {pid: dict(p) for pid, p in env.shop.data.products.items()}
    for ident in ("999999999", "abc"):
        for method, call in (("product.update", {"body": {"id": ident, "name": "X"}}),
                             ("product.update", {"body": {"id": ident, "price": 3}}),
                             ("product.delete", {"params": {"id": ident}})):
            answer = await env.call(method, call.get("params"), body=call.get("body"))
            assert (answer["return_code"], answer["return_message"]) == (
                112, f"Product with id {ident} not found"), (method, call, answer)
    assert {pid: dict(p) for pid, p in env.shop.data.products.items()} == before
