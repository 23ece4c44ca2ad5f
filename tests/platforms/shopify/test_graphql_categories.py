"""Categories (Shopify collections) over graphql.json only: read with their Online Store
publication (``avail``), written by ``collectionCreate/Update/Delete`` and published or
unpublished by ``publishablePublish``/``publishableUnpublish``; smart collections are listed
too. On the simulator: the Publishable fields and mutations, and what they refuse.

The payloads follow Shopify's reference for 2025-10 (shopify.dev/docs/api/admin-graphql/
2025-10): ``PublishablePublishPayload { publishable shop userErrors }``, ``PublicationInput
{ publicationId publishDate }``, ``Publishable.publishedOnPublication(publicationId:)`` and
``resourcePublications(onlyPublished: true)``; ``collectionCreate`` leaves a new collection
unpublished ("Collections are unpublished by default. To make them available to customers,
use the publishablePublish mutation after creation"). The connector does what Shopify's staff
answer on community.shopify.com ("How to create a collection available online (GraphQL)")
prescribes: ``collectionCreate``, then the Online Store's id from ``publications(first: 10)
{ ... node { id name } }``, then ``publishablePublish(id:, input: [{publicationId}])`` with
``userErrors { field message }``."""

from __future__ import annotations

from tests.platforms.shopify.test_connector import env  # noqa: F401
from tests.platforms.shopify.test_truncation import _count_requests

from .test_sim_graphql import Gql, clock, gql, sim  # noqa: F401

PUBLISH = """mutation ($id: ID!, $pub: ID) { publishablePublish(id: $id, input: [{publicationId: $pub}]) {
  publishable { ... on Collection { id publishedOnPublication(publicationId: "gid://shopify/Publication/1")
    resourcePublications(first: 3) { nodes { isPublished publication { id name } } } } }
  shop { myshopifyDomain } userErrors { field message } } }"""
UNPUBLISH = """mutation ($id: ID!, $pub: ID) { publishableUnpublish(id: $id, input: [{publicationId: $pub}]) {
  publishable { ... on Collection { publishedOnCurrentPublication } } userErrors { field message } } }"""
STORE = "gid://shopify/Publication/1"


async def test_sim_collections_are_published_on_the_online_store(gql: Gql) -> None:
    pubs = await gql("query { publications(first: 5) { nodes { id name } } }")
    assert pubs["publications"]["nodes"] == [{"id": STORE, "name": "Online Store"}]
    c = next(iter(gql.shop.data.custom_collections.values()))
    cid = f"gid://shopify/Collection/{c['id']}"
    off = (await gql(UNPUBLISH, {"id": cid, "pub": STORE}))["publishableUnpublish"]
    assert off == {"publishable": {"publishedOnCurrentPublication": False}, "userErrors": []}
    assert gql.shop.data.custom_collections[c["id"]]["published_at"] is None  # REST sees it
    on = (await gql(PUBLISH, {"id": cid, "pub": STORE}))["publishablePublish"]
    assert on["userErrors"] == [] and on["shop"]["myshopifyDomain"] == gql.shop.domain
    assert on["publishable"]["publishedOnPublication"] is True
    assert on["publishable"]["resourcePublications"]["nodes"] == [
        {"isPublished": True, "publication": {"id": STORE, "name": "Online Store"}}]
    bad = (await gql(PUBLISH, {"id": cid, "pub": "gid://shopify/Publication/9"}))
    assert bad["publishablePublish"]["userErrors"] == [
        {"field": ["input", "0", "publicationId"], "message": "Publication does not exist"}]
    gone = await gql(PUBLISH, {"id": "gid://shopify/Collection/1", "pub": STORE})
    assert gone["publishablePublish"]["userErrors"] == [
        {"field": ["id"], "message": "Collection does not exist"}]


async def test_categories_read_and_written_over_graphql(env):
    sent = _count_requests(env)
    data = env.shop.data
    listed = await env.call("category.list", {"count": 250, "params": "id,name,avail"})
    assert listed["return_code"] == 0, listed
    ids = {c["id"] for c in listed["result"]["category"]}
    everything = {*data.custom_collections, *data.smart_collections}
    assert ids == {str(i) for i in everything}  # custom and smart collections both
    assert listed["result"]["categories_count"] == len(everything)
    made = await env.call("category.add", {"name": "Summer", "description": "<p>Sun</p>"})
    assert made["return_code"] == 0, made
    cid = str(made["result"]["category_id"])
    stored = data.custom_collections[int(cid)]
    assert stored["title"] == "Summer" and stored["published_at"]  # avail defaults to true
    hidden = await env.call("category.add", {"name": "Hidden", "avail": "false"})
    hid = str(hidden["result"]["category_id"])
    assert data.custom_collections[int(hid)]["published_at"] is None
    info = await env.call("category.info", {"id": hid, "params": "id,name,avail"})
    assert info["result"] == {"id": hid, "name": "Hidden", "avail": False}
    unpublished = await env.call("category.list", {"avail": "false", "count": 250,
                                                   "params": "id"})
    assert hid in {c["id"] for c in unpublished["result"]["category"]}
    assert cid not in {c["id"] for c in unpublished["result"]["category"]}
    up = await env.call("category.update", {"id": cid, "name": "Summer sale", "avail": "false"})
    assert up["return_code"] == 0, up
    info = await env.call("category.info", {"id": cid, "params": "id,name,avail"})
    assert info["result"] == {"id": cid, "name": "Summer sale", "avail": False}
    again = await env.call("category.update", {"id": cid, "avail": "true"})
    assert again["return_code"] == 0, again
    assert data.custom_collections[int(cid)]["published_at"]
    gone = await env.call("category.delete", {"id": cid})
    assert gone["return_code"] == 0, gone
    assert int(cid) not in data.custom_collections
    missing = await env.call("category.delete", {"id": cid})
    assert missing["return_code"] == 112, missing
    assert {p.rsplit("/", 1)[-1] for p in sent.paths} == {"graphql.json"}, sent.paths
