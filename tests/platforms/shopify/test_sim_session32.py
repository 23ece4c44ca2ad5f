"""Shopify simulator behaviours changed in session 32, each pinned here: smart collections
written by the record rules (their webhooks, blank title, unique handles, publishing).

Webhook deliveries are read from the shop's outbox grouped by topic, never by their order
(deliveries are sent concurrently)."""

from __future__ import annotations

import json
from typing import Any

from .test_sim_graphql import Gql, clock, gql, sim  # noqa: F401

CREATE = """mutation ($i: CollectionInput!) { collectionCreate(input: $i) {
  collection { id title handle } userErrors { field message } } }"""
UPDATE = """mutation ($i: CollectionInput!) { collectionUpdate(input: $i) {
  collection { title } userErrors { field message } } }"""
DELETE = """mutation ($id: ID!) { collectionDelete(input: {id: $id}) {
  deletedCollectionId userErrors { field message } } }"""
PUBLISH = """mutation ($id: ID!) { publishablePublish(id: $id,
  input: [{publicationId: "gid://shopify/Publication/1"}]) {
  publishable { ... on Collection { publishedOnCurrentPublication } } userErrors { message } } }"""
RULE_SET = {"appliedDisjunctively": True, "rules": [
    {"column": "TAG", "relation": "EQUALS", "condition": "new"}]}


async def subscribe(gql: Gql, *topics: str) -> None:
    for topic in topics:
        made = await gql(f"mutation {{ webhookSubscriptionCreate(topic: {topic}, "
                         'webhookSubscription: {callbackUrl: "https://hooks.example/s32"}) { '
                         "userErrors { message } } }")
        assert made["webhookSubscriptionCreate"]["userErrors"] == []


def sent(gql: Gql, topic: str) -> list[dict[str, Any]]:
    """The bodies queued for ``topic`` (in no particular order of arrival)."""
    return [json.loads(d.body) for d in gql.shop.outbox if d.topic == topic]


def smart_id(made: dict[str, Any]) -> int:
    return int(made["collectionCreate"]["collection"]["id"].rsplit("/", 1)[1])


# -- 73e2403: smart collections go through the record rules -----------------------------------
async def test_smart_collection_webhooks_carry_the_whole_record(gql: Gql) -> None:
    await subscribe(gql, "COLLECTIONS_CREATE", "COLLECTIONS_UPDATE", "COLLECTIONS_DELETE")
    made = await gql(CREATE, {"i": {"title": "Picks", "ruleSet": RULE_SET}})
    assert made["collectionCreate"]["userErrors"] == []
    cid = smart_id(made)
    [created] = sent(gql, "collections/create")
    assert created == gql.shop.data.smart_collections[cid]
    assert (created["id"], created["title"], created["handle"]) == (cid, "Picks", "picks")
    assert created["admin_graphql_api_id"] == f"gid://shopify/Collection/{cid}"
    assert created["disjunctive"] is True
    assert created["rules"] == [{"column": "tag", "relation": "equals", "condition": "new"}]
    assert created["published_at"] is None and created["updated_at"]

    gid = made["collectionCreate"]["collection"]["id"]
    changed = await gql(UPDATE, {"i": {"id": gid, "title": "Top picks"}})
    assert changed["collectionUpdate"]["userErrors"] == []
    [updated] = sent(gql, "collections/update")
    assert updated == gql.shop.data.smart_collections[cid]
    assert (updated["title"], updated["handle"], updated["rules"]) == (
        "Top picks", "picks", created["rules"])

    gone = await gql(DELETE, {"id": gid})
    assert gone["collectionDelete"] == {"deletedCollectionId": gid, "userErrors": []}
    assert cid not in gql.shop.data.smart_collections
    assert sent(gql, "collections/delete") == [{"id": cid}]


async def test_publishing_a_smart_collection_fires_collections_update(gql: Gql) -> None:
    await subscribe(gql, "COLLECTIONS_UPDATE")
    made = await gql(CREATE, {"i": {"title": "Picks", "ruleSet": RULE_SET}})
    cid = smart_id(made)
    assert sent(gql, "collections/update") == []
    published = await gql(PUBLISH, {"id": made["collectionCreate"]["collection"]["id"]})
    assert published["publishablePublish"] == {
        "publishable": {"publishedOnCurrentPublication": True}, "userErrors": []}
    [updated] = sent(gql, "collections/update")
    assert updated["id"] == cid and updated["published_at"]
    assert updated == gql.shop.data.smart_collections[cid]


async def test_smart_collection_blank_title_is_the_custom_collections_error(gql: Gql) -> None:
    before = set(gql.shop.data.smart_collections)
    custom = (await gql(CREATE, {"i": {"title": "  "}}))["collectionCreate"]
    smart = (await gql(CREATE, {"i": {"title": "  ", "ruleSet": RULE_SET}}))["collectionCreate"]
    assert custom["collection"] is None and custom["userErrors"]
    assert smart == custom
    assert set(gql.shop.data.smart_collections) == before  # nothing stored


async def test_smart_collection_handles_are_unique(gql: Gql) -> None:
    first = (await gql(CREATE, {"i": {"title": "Picks", "ruleSet": RULE_SET}}))
    second = (await gql(CREATE, {"i": {"title": "Picks", "ruleSet": RULE_SET}}))
    handles = [m["collectionCreate"]["collection"]["handle"] for m in (first, second)]
    assert handles[0] == "picks" and handles[1] != "picks"
    # a seeded smart collection's title gives a new handle, not the seeded one's
    seeded = next(c for c in gql.shop.data.smart_collections.values()
                  if c["title"] == "New arrivals")
    again = (await gql(CREATE, {"i": {"title": "New arrivals", "ruleSet": RULE_SET}}))
    assert again["collectionCreate"]["collection"]["handle"] != seeded["handle"]
