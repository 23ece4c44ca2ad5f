"""A product with 250 variants round-trips over the GraphQL Admin API: more than REST ever
returned (100 variants, 3 options) and more than one GraphQL page (the connector reads a
product's variants 100 a request). The merchant makes it with ``productSet`` on the
simulated shop; AnyCart reads every variant, changes the last one and reads it back."""

from __future__ import annotations

import httpx

from anycart.platforms.shopify import gql as G
from tests.platforms.shopify.test_connector import SHOP, TOKEN, open_env

SIZES = [f"S{n}" for n in range(10)]
COLOURS = [f"C{n:02d}" for n in range(25)]
PRODUCT_SET = """
mutation($input: ProductSetInput!) {
  productSet(input: $input, synchronous: true) {
    product { id variantsCount { count } }
    userErrors { field message code }
  }
}"""


async def _make_big_product(env) -> str:
    variants = [{"optionValues": [{"optionName": "Size", "name": s},
                                  {"optionName": "Colour", "name": c}],
                 "price": f"{10 + n / 100:.2f}", "inventoryItem": {"sku": f"BIG-{s}-{c}"}}
                for n, (s, c) in enumerate((s, c) for s in SIZES for c in COLOURS)]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=env.sim.app),
                                 base_url=f"https://{SHOP}") as shop:
        r = await shop.post("/admin/api/2025-10/graphql.json",
                            headers={"X-Shopify-Access-Token": TOKEN}, json={
            "query": PRODUCT_SET, "variables": {"input": {
                "title": "Big grid", "productOptions": [
                    {"name": "Size", "values": [{"name": s} for s in SIZES]},
                    {"name": "Colour", "values": [{"name": c} for c in COLOURS]}],
                "variants": variants}}})
    made = r.json()["data"]["productSet"]
    assert made["userErrors"] == [] and made["product"]["variantsCount"]["count"] == 250, made
    return made["product"]["id"].rsplit("/", 1)[-1]


async def test_a_product_with_250_variants_round_trips(tmp_path):
    async with open_env(tmp_path, 5) as env:
        pid = await _make_big_product(env)
        info = await env.call("product.info", {"id": pid, "params": "force_all"})
        assert info["return_code"] == 0, info
        assert info["result"]["type"] == "configurable"
        assert [o["name"] for o in info["result"]["product_options"]] == ["Size", "Colour"]
        listed = await env.call("product.child_item.list", {"product_id": pid, "count": 250,
                                                            "params": "id,sku,default_price"})
        assert listed["return_code"] == 0, listed
        children = listed["result"]["children"]
        assert len(children) == 250 == listed["result"]["total_count"]
        assert [c["sku"] for c in children] == [f"BIG-{s}-{c}" for s in SIZES for c in COLOURS]
        last = children[-1]
        assert last["default_price"] == 12.49
        # the 250th variant written back, and read again
        changed = await env.call("product.variant.update", body={
            "id": last["id"], "product_id": pid, "price": 99.5, "quantity": 7})
        assert changed["return_code"] == 0, changed
        again = await env.call("product.child_item.info", {"product_id": pid, "id": last["id"],
                                                           "params": "force_all"})
        assert again["result"]["default_price"] == 99.5
        assert again["result"]["inventory_level"] == 7
        assert again["result"]["sku"] == "BIG-S9-C24"
        assert [c["option_value_id"] for c in again["result"]["combination"]] == ["S9", "C24"]
        assert G.VARIANT_PAGE < 250  # so the read above went over several pages


async def test_variants_shop_wide_over_graphql(tmp_path):
    """No product named: ``productVariants`` (the total ``productVariantsCount``'s), each
    variant with its product's id and options, never a walk of every product; a variant
    listed shop-wide is the one read with its product."""
    from tests.platforms.shopify.test_truncation import _count_requests

    async with open_env(tmp_path, 300) as env:
        products = env.shop.data.products
        truth = [v for k in products.sorted_keys() for v in products[k]["variants"]]
        p = next(p for p in products.values() if len(p["variants"]) > 1)
        sent = _count_requests(env)
        listed = await env.call("product.child_item.list", {"count": 5, "params": "force_all"})
        assert listed["return_code"] == 0, listed
        assert listed["result"]["total_count"] == len(truth)
        assert [c["id"] for c in listed["result"]["children"]] == [str(v["id"]) for v in truth[:5]]
        first = products[products.sorted_keys()[0]]
        alone = await env.call("product.child_item.info", {
            "id": str(truth[0]["id"]), "product_id": str(first["id"]), "params": "force_all"})
        assert listed["result"]["children"][0] == alone["result"]  # the same either way in
        v = p["variants"][1]
        info = await env.call("product.child_item.info", {"id": str(v["id"]),
                                                           "product_id": str(p["id"]),
                                                           "params": "force_all"})
        assert info["return_code"] == 0, info
        assert info["result"]["parent_id"] == str(p["id"]) and info["result"]["sku"] == v["sku"]
        assert [c["option_id"] for c in info["result"]["combination"]] == [
            str(o["id"]) for o in p["options"]][:len(info["result"]["combination"])]
        listed = await env.call("product.child_item.list", {"count": 250, "start": 3,
                                                            "params": "id,parent_id"})
        assert [c["id"] for c in listed["result"]["children"]] == [
            str(x["id"]) for x in truth[3:253]]
        assert {c["parent_id"] for c in listed["result"]["children"]} <= {
            str(k) for k in products.sorted_keys()}
        assert {x.rsplit("/", 1)[-1] for x in sent.paths} == {"graphql.json"}, sent.paths


async def test_variants_filtered_by_sku_and_dates_over_product_variants(tmp_path):
    """``sku`` and created/modified ranges are ``productVariants(query:)`` terms, with the
    products named (``product_ids:``) or across the shop."""
    from tests.platforms.shopify.test_truncation import _count_requests

    async with open_env(tmp_path, 120) as env:
        products = env.shop.data.products
        p = next(p for p in products.values() if len(p["variants"]) > 2)
        v = p["variants"][1]
        sent = _count_requests(env)
        by_sku = await env.call("product.child_item.list", {"sku": v["sku"], "params": "id,sku"})
        assert by_sku["return_code"] == 0, by_sku
        assert by_sku["result"]["children"] == [{"id": str(v["id"]), "sku": v["sku"]}]
        other = next(k for k in products.sorted_keys() if k != p["id"])
        both = await env.call("product.child_item.list", {
            "product_ids": f"{p['id']},{other}", "sku": v["sku"], "params": "id"})
        assert [c["id"] for c in both["result"]["children"]] == [str(v["id"])]
        nowhere = await env.call("product.child_item.list", {
            "product_ids": str(other), "sku": v["sku"], "params": "id"})
        assert nowhere["result"]["children"] == [] and nowhere["result"]["total_count"] == 0
        stamps = sorted(x["updated_at"] for q in products.values() for x in q["variants"])
        middle = stamps[len(stamps) // 2]
        later = await env.call("product.child_item.list", {
            "modified_from": middle.replace("T", " ")[:19], "count": 250, "params": "id"})
        assert later["return_code"] == 0, later
        assert later["result"]["total_count"] == len([s for s in stamps if s[:19] >= middle[:19]])
        bad = await env.call("product.child_item.list", {"created_from": "2024-13-45"})
        assert bad["return_code"] == 109 and "created_from" in bad["return_message"], bad
        assert {x.rsplit("/", 1)[-1] for x in sent.paths} == {"graphql.json"}, sent.paths


async def test_products_listed_and_counted_by_sku(tmp_path):
    """``sku`` on product.list/count is a ``products(query: "sku:...")`` term: the products
    holding a variant of that SKU."""
    async with open_env(tmp_path, 60) as env:
        p = next(p for p in env.shop.data.products.values() if len(p["variants"]) > 1)
        sku = p["variants"][-1]["sku"]
        listed = await env.call("product.list", {"sku": sku, "params": "id"})
        assert listed["return_code"] == 0, listed
        assert [x["id"] for x in listed["result"]["product"]] == [str(p["id"])]
        counted = await env.call("product.count", {"sku": sku})
        assert counted["result"]["products_count"] == 1
        none = await env.call("product.count", {"sku": "NO-SUCH-SKU"})
        assert none["result"]["products_count"] == 0
