"""Shopify behaviours changed in session 32 (and two connector gaps found since), each pinned here: smart collections
written by the record rules (their webhooks, blank title, unique handles, publishing);
bulkOperationRunQuery's refusals; carrier services answering what is not JSON; an order's
lines storing their discount allocations (in its webhooks, read by the connector, never
counted twice).

Webhook deliveries are read from the shop's outbox grouped by topic, never by their order
(deliveries are sent concurrently)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

import httpx

from anycart.platforms.shopify.sim_order_build import assemble_order, line_item
from anycart.platforms.shopify.sim_shop import request_rates
from anycart.sandbox.values import cents
from tests.platforms.shopify.test_connector import open_env

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


async def test_custom_and_smart_collections_share_their_handles(gql: Gql) -> None:
    """Shopify keeps one set of collection handles (a storefront's /collections/<handle>)."""
    custom = next(iter(gql.shop.data.custom_collections.values()))
    smart = next(iter(gql.shop.data.smart_collections.values()))
    made = await gql(CREATE, {"i": {"title": custom["title"], "ruleSet": RULE_SET}})
    assert made["collectionCreate"]["collection"]["handle"] == custom["handle"] + "-1"
    mine = made["collectionCreate"]["collection"]["id"]
    taken = await gql(UPDATE, {"i": {"id": mine, "handle": custom["handle"]}})
    assert taken["collectionUpdate"]["userErrors"] == [
        {"field": ["input", "handle"], "message": "Handle has already been taken"}]
    plain = (await gql(CREATE, {"i": {"title": smart["title"]}}))["collectionCreate"]
    assert plain["collection"]["handle"] == smart["handle"] + "-1"


# -- ffa5d2c: bulkOperationRunQuery reads its query with the kit's prepare ---------------------
BULK_RUN = """mutation ($q: String!) { bulkOperationRunQuery(query: $q) {
  bulkOperation { id } userErrors { field message code } } }"""
NOT_A_QUERY = "Bulk queries must be a query operation."


async def bulk_refusal(gql: Gql, query: str) -> list[dict[str, Any]]:
    """The userErrors of a refused bulk query (no operation started)."""
    answer = (await gql(BULK_RUN, {"q": query}))["bulkOperationRunQuery"]
    assert answer["bulkOperation"] is None, query
    assert (await gql("{ currentBulkOperation { id } }"))["currentBulkOperation"] is None
    errors: list[dict[str, Any]] = answer["userErrors"]
    assert errors and all(e["field"] == ["query"] and e["code"] == "INVALID" for e in errors)
    return errors


async def test_bulk_query_of_several_operations_needs_an_operation_name(gql: Gql) -> None:
    two = "query A { products { edges { node { id } } } } query B { shop { name } }"
    assert await bulk_refusal(gql, two) == [{"field": ["query"], "code": "INVALID",
                                             "message": "An operation name is required"}]


async def test_bulk_query_that_fails_validation_answers_only_what_validation_found(
        gql: Gql) -> None:
    # a mutation that does not validate: its validation error, not also "must be a query"
    assert [e["message"] for e in await bulk_refusal(gql, "mutation { nope }")] == [
        "Cannot query field 'nope' on type 'Mutation'."]
    # two anonymous operations: validation's complaint about each, nothing more
    two = "{ products { edges { node { id } } } } { shop { name } }"
    messages = [e["message"] for e in await bulk_refusal(gql, two)]
    assert NOT_A_QUERY not in messages
    assert set(messages) == {"This anonymous operation must be the only defined operation."}
    # a valid mutation is still refused as not a query
    valid = 'mutation { productDelete(input: {id: "gid://shopify/Product/1"}) { deletedProductId } }'
    assert [e["message"] for e in await bulk_refusal(gql, valid)] == [NOT_A_QUERY]


# -- 24f8880: checkout rates asked through the kit's rates.ask --------------------------------
CARRIER_CREATE = """mutation ($i: DeliveryCarrierServiceCreateInput!) {
  carrierServiceCreate(input: $i) { carrierService { id } userErrors { field message } } }"""
GOOD_RATE = {"service_name": "Ground", "service_code": "ground", "total_price": "1056",
             "currency": "USD"}


async def test_a_carrier_service_answering_non_json_is_left_out(gql: Gql) -> None:
    answers = {"/html": httpx.Response(200, text="<html>oops</html>"),
               "/good": httpx.Response(200, json={"rates": [GOOD_RATE]}),
               "/list": httpx.Response(200, json=[GOOD_RATE]),
               "/down": httpx.Response(500, json={"rates": [GOOD_RATE]}),
               "/off": httpx.Response(200, json={"rates": [GOOD_RATE]})}
    for path in answers:  # the non-JSON answers before and after the good one
        made = await gql(CARRIER_CREATE, {"i": {
            "name": f"rates {path}", "callbackUrl": f"https://carrier.example{path}",
            "supportsServiceDiscovery": True, "active": path != "/off"}})
        assert made["carrierServiceCreate"]["userErrors"] == []
    asked: list[httpx.Request] = []

    def carrier(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return answers[request.url.path]
    rate = {"origin": {"country": "US"}, "destination": {"country": "US"}, "items": [],
            "currency": "USD"}
    async with httpx.AsyncClient(transport=httpx.MockTransport(carrier)) as client:
        shown = await request_rates(gql.shop, client, rate)
    assert shown == [GOOD_RATE]  # the good service's rates, the others left out
    assert sorted(r.url.path for r in asked) == ["/down", "/good", "/html", "/list"]
    for request in asked:  # each signed as Shopify signs its rate requests
        assert json.loads(request.content) == {"rate": rate}
        assert request.headers["content-type"] == "application/json"
        assert request.headers["x-shopify-shop-domain"] == gql.shop.domain
        digest = hmac.new(gql.shop.shared_secret.encode(), request.content, hashlib.sha256)
        assert request.headers["x-shopify-hmac-sha256"] == base64.b64encode(
            digest.digest()).decode()


# -- 6a4dd05: a new order's lines store their discount_allocations ----------------------------
def discounted(orders: Any) -> dict[str, Any]:
    """A seeded order with a discount code, of several lines."""
    found: dict[str, Any] = next(o for o in orders.values() if o["discount_codes"]
                                 and len(o["line_items"]) > 1 and not o["cancelled_at"])
    return found


async def test_order_webhooks_carry_the_lines_discount_allocations(gql: Gql) -> None:
    await subscribe(gql, "ORDERS_UPDATED")
    order = discounted(gql.shop.data.orders)
    changed = await gql("""mutation ($i: OrderInput!) { orderUpdate(input: $i) {
      order { id } userErrors { message } } }""", {"i": {
        "id": f"gid://shopify/Order/{order['id']}", "note": "allocations"}})
    assert changed["orderUpdate"]["userErrors"] == []
    [pushed] = sent(gql, "orders/updated")
    assert pushed["id"] == order["id"] and pushed["note"] == "allocations"
    currency = pushed["currency"]
    shares = []
    for li in pushed["line_items"]:
        [allocation] = li["discount_allocations"]  # the order's one code, on every line
        amount = allocation["amount"]
        assert allocation == {"amount": amount, "discount_application_index": 0, "amount_set": {
            "shop_money": {"amount": amount, "currency_code": currency},
            "presentment_money": {"amount": amount, "currency_code": currency}}}
        shares.append(cents(amount))
    assert sum(shares) == cents(pushed["total_discounts"]) > 0
    # in proportion to the line totals (the last line takes the rounding)
    weights = [cents(li["price"]) * li["quantity"] for li in pushed["line_items"]]
    assert shares[:-1] == [sum(shares) * w // sum(weights) for w in weights[:-1]]


async def test_the_connectors_order_info_shows_each_lines_discount(tmp_path: Any) -> None:
    """The connector reads orders over GraphQL: a line's discount_amount is the sum of its
    discountAllocations, its total_price net of them."""
    async with open_env(tmp_path, 40) as env:  # the first size whose orders hold a code
        order = discounted(env.shop.data.orders)
        info = await env.call("order.info", {"id": str(order["id"]), "params": "force_all"})
        assert info["return_code"] == 0, info
        items = {i["order_product_id"]: i for i in info["result"]["order_products"]}
        for li in order["line_items"]:
            item = items[str(li["id"])]
            share = sum(cents(a["amount"]) for a in li["discount_allocations"])
            assert share > 0 and round(item["discount_amount"] * 100) == share
            assert round(item["total_price"] * 100) == cents(li["price"]) * li["quantity"] - share
        assert sum(round(i["discount_amount"] * 100) for i in items.values()) == cents(
            order["total_discounts"])


def _lines(given: list[str] | None) -> list[dict[str, Any]]:
    out = []
    for k, (price, qty) in enumerate((("30.00", 1), ("10.00", 2))):
        li = line_item(100 + k, product_id=1, variant_id=2, title=f"Item {k}", variant_title=None,
                       sku=f"S{k}", vendor=None, price=price, quantity=qty, grams=100)
        if given:
            li["discount_allocations"] = [{"amount": given[k], "discount_application_index": 0}]
        out.append(li)
    return out


def test_a_code_is_spread_over_the_lines_once_and_given_allocations_are_kept() -> None:
    def build(lines: list[dict[str, Any]]) -> dict[str, Any]:
        return assemble_order(9, 1001, "demo.myshopify.com", line_items=lines, shipping_lines=[],
                              discount_codes=[{"code": "SAVE5", "amount": "5.00",
                                               "type": "fixed_amount"}])

    def amounts(order: dict[str, Any]) -> list[list[str]]:
        return [[a["amount"] for a in li["discount_allocations"]] for li in order["line_items"]]
    # spread in proportion to the line totals (30 and 20 of 50)
    assert amounts(build(_lines(None))) == [["3.00"], ["2.00"]]
    # a caller's own allocations of the code (a REST-style create) are the lines' shares:
    # not spread a second time on top (Shopify keeps one allocation per discount per line)
    kept = build(_lines(["4.00", "1.00"]))
    assert amounts(kept) == [["4.00"], ["1.00"]]
    assert kept["total_discounts"] == "5.00"


async def test_the_connectors_order_total_paid_is_the_total_less_what_is_outstanding(
        tmp_path: Any) -> None:
    """``total.total_paid``: the order's total less its ``totalOutstandingSet`` (the
    connector's query once left it out, so every Shopify order's total_paid was empty)."""
    async with open_env(tmp_path, 20) as env:
        orders = [env.shop.data.orders.peek(k) for k in env.shop.data.orders]
        for status in ("paid", "pending"):
            o = next(o for o in orders if o["financial_status"] == status)
            info = await env.call("order.info", {"id": str(o["id"]), "params": "force_all"})
            total = info["result"]["total"]
            expected = round(float(o["total_price"]) - float(o["total_outstanding"]), 2)
            assert total["total_paid"] == expected
            assert (total["total_paid"] == total["total"]) == (status == "paid")


async def test_order_list_by_order_status(tmp_path: Any) -> None:
    """``order_status`` reaches Shopify's ``status`` search (open, closed, cancelled, any;
    the simulator files a cancelled order, which is also closed, as cancelled alone);
    anything else is 109 naming it."""
    async with open_env(tmp_path, 80) as env:
        orders = [env.shop.data.orders.peek(k) for k in env.shop.data.orders]
        expected = {
            "open": {o["id"] for o in orders if not o["closed_at"] and not o["cancelled_at"]},
            "closed": {o["id"] for o in orders if o["closed_at"] and not o["cancelled_at"]},
            "cancelled": {o["id"] for o in orders if o["cancelled_at"]},
            "any": {o["id"] for o in orders}}
        assert all(expected.values())
        for status, ids in expected.items():
            listed = await env.call("order.list", {"order_status": status.upper(), "count": 100,
                                                   "params": "id"})
            assert {int(o["id"]) for o in listed["result"]["order"]} == ids, status
        bad = await env.call("order.list", {"order_status": "shipped"})
        assert bad["return_code"] == 109 and "order_status" in bad["return_message"]
