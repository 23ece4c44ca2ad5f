"""GraphQL collections on the Shopify simulator: products by ``collection_id``, collections by
``published_status`` and ``product_id``, collection writes (custom through REST's rules, smart with rule sets) and
membership, product media writes, and shop-wide ``productVariants(query:)``."""

from __future__ import annotations

from typing import Any

from .test_sim_graphql import Gql, clock, gql, sim  # noqa: F401
from .test_sim_graphql_writes import stored

BY_COLLECTION = """query ($q: String) { products(first: 250, query: $q) { nodes { id } }
  productsCount(query: $q) { count } }"""
CREATE = """mutation ($i: CollectionInput!) { collectionCreate(input: $i) {
  collection { id title handle sortOrder ruleSet { appliedDisjunctively rules { column relation
    condition } } productsCount { count } products(first: 50) { nodes { id } } }
  userErrors { field message } } }"""
ADD = """mutation ($id: ID!, $p: [ID!]!) { collectionAddProducts(id: $id, productIds: $p) {
  collection { productsCount { count } } userErrors { field message } } }"""
REMOVE = """mutation ($id: ID!, $p: [ID!]!) { collectionRemoveProducts(id: $id, productIds: $p) {
  job { id done } userErrors { field message } } }"""


def pgid(pid: Any) -> str:
    return f"gid://shopify/Product/{pid}"


async def test_products_filter_by_custom_and_smart_collection_id(gql: Gql) -> None:
    store = gql.shop.data
    custom = next(iter(store.custom_collections.values()))
    held = {pgid(p) for p in store.links.members(custom["id"])}
    assert held
    data = await gql(BY_COLLECTION, {"q": f"collection_id:{custom['id']}"})
    assert {n["id"] for n in data["products"]["nodes"]} == held
    assert data["productsCount"]["count"] == len(held)
    smart = next(c for c in store.smart_collections.values() if c["title"] == "New arrivals")
    tagged = {pgid(p["id"]) for p in store.products.values()
              if "new" in [t.strip() for t in p["tags"].split(",")]}
    data = await gql(BY_COLLECTION, {"q": f"collection_id:{smart['id']} status:active"})
    assert {n["id"] for n in data["products"]["nodes"]} == {
        i for i in tagged if store.products.peek(int(i.rsplit("/", 1)[1]))["status"] == "active"}
    assert (await gql(BY_COLLECTION, {"q": "collection_id:1"}))["products"]["nodes"] == []


async def test_membership_changes_are_seen_by_the_collection_id_filter(gql: Gql) -> None:
    store = gql.shop.data
    custom = next(iter(store.custom_collections.values()))
    outside = next(p for p in store.products if p not in store.links.members(custom["id"]))
    q = {"q": f"collection_id:{custom['id']}"}
    before = (await gql(BY_COLLECTION, q))["productsCount"]["count"]
    cid = f"gid://shopify/Collection/{custom['id']}"
    added = (await gql(ADD, {"id": cid, "p": [pgid(outside)]}))["collectionAddProducts"]
    assert added == {"collection": {"productsCount": {"count": before + 1}}, "userErrors": []}
    assert pgid(outside) in {n["id"] for n in (await gql(BY_COLLECTION, q))["products"]["nodes"]}
    collects = stored(gql, "collects")
    assert outside in {c["product_id"] for c in collects  # the store holds the collect
                       if c["collection_id"] == custom["id"]}
    removed = (await gql(REMOVE, {"id": cid, "p": [pgid(outside)]}))["collectionRemoveProducts"]
    assert removed["userErrors"] == [] and removed["job"]["done"] is True
    assert (await gql(BY_COLLECTION, q))["productsCount"]["count"] == before


async def test_collections_filter_by_published_status(gql: Gql) -> None:
    query = "query ($q: String) { collections(first: 50, query: $q) { nodes { title } } }"
    made = (await gql(CREATE, {"i": {"title": "Hidden gems"}}))["collectionCreate"]
    assert made["userErrors"] == []
    titles = {c["title"] for c in [*gql.shop.data.custom_collections.values(),
                                   *gql.shop.data.smart_collections.values()]}

    async def listed(q: str) -> set[str]:
        return {n["title"] for n in (await gql(query, {"q": q}))["collections"]["nodes"]}
    # collectionCreate publishes to no channel, the seeded collections are published
    assert await listed("published_status:unpublished") == {"Hidden gems"}
    assert await listed("published_status:published") == titles - {"Hidden gems"}
    assert await listed("published_status:any") == titles
    assert await listed("published_status:published collection_type:smart") == {
        "New arrivals", "Under $50"}


async def test_collection_create_update_delete_custom(gql: Gql) -> None:
    pids = [pgid(p) for p in list(gql.shop.data.products)[:2]]
    made = (await gql(CREATE, {"i": {"title": "Summer", "sortOrder": "ALPHA_ASC",
                                     "products": pids}}))["collectionCreate"]
    c = made["collection"]
    assert made["userErrors"] == [] and c["ruleSet"] is None
    assert (c["title"], c["handle"], c["sortOrder"]) == ("Summer", "summer", "ALPHA_ASC")
    assert {n["id"] for n in c["products"]["nodes"]} == set(pids)
    rid = c["id"].rsplit("/", 1)[1]
    assert stored(gql, "custom_collections", rid)["title"] == "Summer"
    blank = (await gql(CREATE, {"i": {"title": ""}}))["collectionCreate"]
    assert blank["collection"] is None and blank["userErrors"][0]["message"].endswith(
        "can't be blank")
    update = """mutation ($i: CollectionInput!) { collectionUpdate(input: $i) {
      collection { title descriptionHtml } userErrors { field message } } }"""
    changed = (await gql(update, {"i": {"id": c["id"], "title": "Late summer",
                                        "descriptionHtml": "<p>Sun</p>"}}))["collectionUpdate"]
    assert changed == {"collection": {"title": "Late summer", "descriptionHtml": "<p>Sun</p>"},
                       "userErrors": []}
    rules = (await gql(update, {"i": {"id": c["id"], "ruleSet": {
        "appliedDisjunctively": False, "rules": []}}}))["collectionUpdate"]
    assert rules["collection"] is None and rules["userErrors"][0]["field"] == ["ruleSet"]
    delete = """mutation ($id: ID!) { collectionDelete(input: {id: $id}) {
      deletedCollectionId shop { myshopifyDomain } userErrors { message } } }"""
    gone = (await gql(delete, {"id": c["id"]}))["collectionDelete"]
    assert gone["deletedCollectionId"] == c["id"] and gone["userErrors"] == []
    assert int(rid) not in gql.shop.data.custom_collections
    again = (await gql(delete, {"id": c["id"]}))["collectionDelete"]
    assert again["deletedCollectionId"] is None
    assert again["userErrors"] == [{"message": "Collection does not exist"}]


async def test_smart_collection_create_update_and_manual_membership_refused(gql: Gql) -> None:
    store = gql.shop.data
    vendor = next(iter(store.products.values()))["vendor"]
    made = (await gql(CREATE, {"i": {"title": "By vendor", "ruleSet": {
        "appliedDisjunctively": False, "rules": [
            {"column": "VENDOR", "relation": "EQUALS", "condition": vendor}]}}}))["collectionCreate"]
    c = made["collection"]
    assert made["userErrors"] == []
    assert c["ruleSet"] == {"appliedDisjunctively": False, "rules": [
        {"column": "VENDOR", "relation": "EQUALS", "condition": vendor}]}
    assert {n["id"] for n in c["products"]["nodes"]} == {
        pgid(p["id"]) for p in store.products.values() if p["vendor"] == vendor}
    refused = (await gql(ADD, {"id": c["id"], "p": [pgid(next(iter(store.products)))]}))
    assert refused["collectionAddProducts"] == {"collection": None, "userErrors": [
        {"field": ["id"], "message": "Can't manually add products to a smart collection"}]}
    update = """mutation ($i: CollectionInput!) { collectionUpdate(input: $i) {
      collection { productsCount { count } } job { done } userErrors { message } } }"""
    moved = (await gql(update, {"i": {"id": c["id"], "ruleSet": {
        "appliedDisjunctively": False, "rules": [
            {"column": "TITLE", "relation": "CONTAINS", "condition": "zzz-none"}]}}}))
    assert moved["collectionUpdate"] == {"collection": {"productsCount": {"count": 0}},
                                         "job": {"done": True}, "userErrors": []}


async def test_product_create_and_delete_media(gql: Gql) -> None:
    p = next(iter(gql.shop.data.products.values()))
    before = len(p["images"])
    create = """mutation ($p: ID!, $m: [CreateMediaInput!]!) { productCreateMedia(productId: $p,
      media: $m) { media { id alt mediaContentType } product { mediaCount { count } }
      mediaUserErrors { field message code } } }"""
    made = (await gql(create, {"p": pgid(p["id"]), "m": [
        {"mediaContentType": "IMAGE", "originalSource": "https://cdn.example/a.png",
         "alt": "Front"}]}))["productCreateMedia"]
    assert made["mediaUserErrors"] == []
    assert [(m["alt"], m["mediaContentType"]) for m in made["media"]] == [("Front", "IMAGE")]
    assert made["product"]["mediaCount"]["count"] == before + 1
    images = stored(gql, "products", p["id"])["images"]
    assert "https://cdn.example/a.png" in {i["src"] for i in images}
    delete = """mutation ($p: ID!, $m: [ID!]!) { productDeleteMedia(productId: $p, mediaIds: $m) {
      deletedMediaIds deletedProductImageIds product { mediaCount { count } }
      mediaUserErrors { field code } userErrors { field } } }"""
    mid = made["media"][0]["id"]
    gone = (await gql(delete, {"p": pgid(p["id"]), "m": [mid]}))["productDeleteMedia"]
    assert gone["deletedMediaIds"] == [mid]
    assert gone["deletedProductImageIds"] == [mid.replace("MediaImage", "ProductImage")]
    assert gone["product"]["mediaCount"]["count"] == before
    again = (await gql(delete, {"p": pgid(p["id"]), "m": [mid]}))["productDeleteMedia"]
    assert again["mediaUserErrors"] == [{"field": ["mediaIds", "0"],
                                         "code": "MEDIA_DOES_NOT_EXIST_ON_PRODUCT"}]
    assert again["userErrors"] == [{"field": ["mediaIds", "0"]}]
    missing = (await gql(create, {"p": pgid(1), "m": []}))["productCreateMedia"]
    assert missing["mediaUserErrors"][0]["code"] == "PRODUCT_DOES_NOT_EXIST"


async def test_product_variants_query_shop_wide(gql: Gql) -> None:
    store = gql.shop.data
    p = next(p for p in store.products.values() if len(p["variants"]) > 1)
    v = p["variants"][1]
    query = """query ($q: String) { productVariants(first: 250, query: $q) {
      nodes { id sku product { id } } } }"""
    by_sku = (await gql(query, {"q": f"sku:{v['sku']}"}))["productVariants"]["nodes"]
    assert by_sku == [{"id": f"gid://shopify/ProductVariant/{v['id']}", "sku": v["sku"],
                       "product": {"id": pgid(p["id"])}}]
    of_product = (await gql(query, {"q": f"product_id:{p['id']}"}))["productVariants"]["nodes"]
    assert [n["id"] for n in of_product] == [
        f"gid://shopify/ProductVariant/{x['id']}" for x in sorted(p["variants"],
                                                                  key=lambda x: x["id"])]
    everything = (await gql(query, {"q": None}))["productVariants"]["nodes"]
    assert len(everything) == min(250, sum(len(x["variants"]) for x in store.products.values()))


async def test_collections_filter_by_product_id(gql: Gql) -> None:
    store = gql.shop.data
    custom = next(iter(store.custom_collections.values()))
    pid = next(iter(store.links.members(custom["id"])))
    p = store.products.peek(pid)
    query = """query ($q: String) { collections(first: 50, query: $q) { nodes { id } }
      collectionsCount(query: $q) { count } }"""
    data = await gql(query, {"q": f"product_id:{pid}"})
    smart = {c["title"]: c["id"] for c in store.smart_collections.values()}
    held = set(store.links.groups_of(pid))
    if "new" in [t.strip() for t in p["tags"].split(",")]:
        held.add(smart["New arrivals"])
    if any(float(v["price"]) < 50 for v in p["variants"]):
        held.add(smart["Under $50"])
    expected = {f"gid://shopify/Collection/{cid}" for cid in held}
    assert {n["id"] for n in data["collections"]["nodes"]} == expected
    assert data["collectionsCount"]["count"] == len(expected)
