"""GraphQL orders on the Shopify simulator: money bags, discounts, taxes, weights, attributes;
fulfillment orders and fulfillments with tracking, returns, refunds; webhooks, carrier
services and bulk operations. Shopify's published example order (REST) is read back through
GraphQL as an outside check."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import graphql

from anycart.platforms.shopify.sim_graphql import SCHEMA
from anycart.platforms.shopify.sim_store import RECORDS

from .test_sim_graphql import TOKEN, Gql, clock, gql, sim  # noqa: F401

FIXTURES = Path(__file__).parent / "fixtures"
ORDER = """query ($id: ID!) { order(id: $id) {
  id name email processedAt discountCodes customAttributes { key value } totalWeight
  currencyCode displayFinancialStatus displayFulfillmentStatus
  totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
  subtotalPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }
  totalShippingPriceSet { shopMoney { amount } } totalDiscountsSet { shopMoney { amount } }
  taxLines { title rate ratePercentage priceSet { shopMoney { amount } } }
  lineItems(first: 20) { nodes { id name sku quantity
    originalUnitPriceSet { shopMoney { amount } } discountedTotalSet { shopMoney { amount } }
    discountAllocations { allocatedAmountSet { shopMoney { amount } }
      discountApplication { __typename ... on DiscountCodeApplication { code } } }
    taxLines { rate priceSet { shopMoney { amount } } } } }
} }"""


def d(bag: dict[str, Any]) -> Decimal:
    return Decimal(bag["shopMoney"]["amount"])


def gid(kind: str, rid: int) -> str:
    return f"gid://shopify/{kind}/{rid}"


def published_order(gql: Gql) -> dict[str, Any]:
    """Shopify's published example order (REST docs), stored as the REST simulator keeps
    orders; a published discount code is applied across the lines, as Shopify does."""
    raw = json.loads((FIXTURES / "published_order_rest.json").read_text())
    raw.pop("_source", None)
    raw["line_items"] = [RECORDS["line_item"].make(li) for li in raw["line_items"]]
    order = RECORDS["order"].make(raw)
    order["discount_applications"] = [
        {"type": "discount_code", "code": c["code"], "value": c["amount"],
         "value_type": "fixed_amount", "allocation_method": "across",
         "target_selection": "all", "target_type": "line_item"} for c in order["discount_codes"]]
    gql.shop.data.orders[order["id"]] = order
    return order


async def test_published_example_order_reads_as_money_bags(gql: Gql) -> None:
    rest = published_order(gql)
    o = (await gql(ORDER, {"id": gid("Order", rest["id"])}))["order"]
    assert o["name"] == rest["name"] and o["email"] == rest["email"]
    assert o["processedAt"] == "2008-01-10T16:00:00Z"
    # money: shop and presentment amounts from the REST *_set fields
    assert o["totalPriceSet"]["shopMoney"] == {"amount": "598.94", "currencyCode": "USD"}
    assert o["totalPriceSet"]["presentmentMoney"]["currencyCode"] == \
        rest["total_price_set"]["presentment_money"]["currency_code"]
    assert d(o["subtotalPriceSet"]) == Decimal(rest["subtotal_price"])
    assert d(o["totalTaxSet"]) == Decimal(rest["total_tax"])
    assert d(o["totalShippingPriceSet"]) == sum(Decimal(s["price"])
                                                for s in rest["shipping_lines"])
    # discounts: the code, and its allocations adding up to the order's discount
    assert o["discountCodes"] == [c["code"] for c in rest["discount_codes"]]
    lines = o["lineItems"]["nodes"]
    allocated = sum(d(a["allocatedAmountSet"]) for li in lines for a in li["discountAllocations"])
    assert allocated == d(o["totalDiscountsSet"]) == Decimal(rest["total_discounts"])
    for li in lines:
        gross = d(li["originalUnitPriceSet"]) * li["quantity"]
        off = sum(d(a["allocatedAmountSet"]) for a in li["discountAllocations"])
        assert d(li["discountedTotalSet"]) == gross - off
        assert li["discountAllocations"][0]["discountApplication"] == {
            "__typename": "DiscountCodeApplication", "code": rest["discount_codes"][0]["code"]}
    # taxes: rate, percentage and amount per tax line
    assert o["taxLines"] == [{"title": t["title"], "rate": t["rate"],
                              "ratePercentage": round(t["rate"] * 100, 4),
                              "priceSet": {"shopMoney": {"amount": o["taxLines"][i]["priceSet"][
                                  "shopMoney"]["amount"]}}}
                             for i, t in enumerate(rest["tax_lines"])]
    assert [Decimal(t["priceSet"]["shopMoney"]["amount"]) for t in o["taxLines"]] == [
        Decimal(t["price"]) for t in rest["tax_lines"]]
    # note attributes and weight
    assert o["customAttributes"] == [{"key": a["name"], "value": a["value"]}
                                     for a in rest["note_attributes"]]
    assert o["totalWeight"] == rest["total_weight"]


async def test_seeded_orders_agree_with_rest(gql: Gql) -> None:
    rest = next(o for o in gql.shop.data.orders.values() if o["discount_codes"])
    o = (await gql(ORDER, {"id": gid("Order", rest["id"])}))["order"]
    assert d(o["totalPriceSet"]) == Decimal(rest["total_price"])
    assert d(o["subtotalPriceSet"]) == Decimal(rest["subtotal_price"])
    assert sum(d(a["allocatedAmountSet"]) for li in o["lineItems"]["nodes"]
               for a in li["discountAllocations"]) == Decimal(rest["total_discounts"])
    assert o["displayFinancialStatus"] == rest["financial_status"].upper()


async def test_orders_without_email_and_search(gql: Gql) -> None:
    rest = next(iter(gql.shop.data.orders.values()))
    rest["email"] = ""
    o = (await gql(ORDER, {"id": gid("Order", rest["id"])}))["order"]
    assert o["email"] is None
    orders = list(gql.shop.data.orders.values())
    paid = await gql("{ orders(first: 250, query: \"financial_status:paid\", sortKey: "
                     "PROCESSED_AT, reverse: true) { nodes { id processedAt } } }")
    nodes = paid["orders"]["nodes"]
    assert {n["id"] for n in nodes} == {gid("Order", x["id"]) for x in orders
                                        if x["financial_status"] == "paid"}
    assert [n["processedAt"] for n in nodes] == sorted((n["processedAt"] for n in nodes),
                                                       reverse=True)


def _open_order(gql: Gql) -> dict[str, Any]:
    return next(o for o in gql.shop.data.orders.values() if not o["cancelled_at"]
                and all(li["fulfillable_quantity"] == li["quantity"] for li in o["line_items"])
                and o["line_items"])


FULFIL = """mutation ($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) {
  fulfillment { id status trackingInfo { company number url }
    fulfillmentLineItems(first: 10) { nodes { id quantity lineItem { id } } } }
  userErrors { field message } } }"""


async def fulfil(gql: Gql, order: dict[str, Any]) -> dict[str, Any]:
    fo = (await gql("query ($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes "
                    "{ id status lineItems(first: 20) { nodes { id remainingQuantity } } } } } }",
                    {"id": gid("Order", order["id"])}))["order"]["fulfillmentOrders"]["nodes"][0]
    assert fo["status"] == "OPEN"
    made = (await gql(FULFIL, {"f": {"lineItemsByFulfillmentOrder": [{
        "fulfillmentOrderId": fo["id"], "fulfillmentOrderLineItems": [
            {"id": li["id"], "quantity": li["remainingQuantity"]}
            for li in fo["lineItems"]["nodes"]]}], "notifyCustomer": False,
        "trackingInfo": {"company": "UPS", "number": "1Z999AA10123456784",
                         "url": "https://www.ups.com/track?tracknum=1Z999AA10123456784"}}}))
    result: dict[str, Any] = made["fulfillmentCreate"]
    return result


async def test_fulfillment_orders_and_fulfillment_with_tracking(gql: Gql) -> None:
    order = _open_order(gql)
    made = await fulfil(gql, order)
    assert made["userErrors"] == []
    f = made["fulfillment"]
    assert f["status"] == "SUCCESS"
    assert f["trackingInfo"] == [{"company": "UPS", "number": "1Z999AA10123456784",
                                  "url": "https://www.ups.com/track?tracknum=1Z999AA10123456784"}]
    assert sorted(n["lineItem"]["id"] for n in f["fulfillmentLineItems"]["nodes"]) == sorted(
        gid("LineItem", li["id"]) for li in order["line_items"])
    # the store holds the fulfillment, and the fulfillment order is closed
    fulfillments = gql.shop.data.orders.peek(order["id"])["fulfillments"]
    assert fulfillments[-1]["tracking_number"] == "1Z999AA10123456784"
    after = await gql("query ($id: ID!) { order(id: $id) { displayFulfillmentStatus "
                      "fulfillmentOrders(first: 1) { nodes { status } } } }",
                      {"id": gid("Order", order["id"])})
    assert after["order"]["displayFulfillmentStatus"] == "FULFILLED"
    assert after["order"]["fulfillmentOrders"]["nodes"] == [{"status": "CLOSED"}]
    again = (await gql(FULFIL, {"f": {"lineItemsByFulfillmentOrder": [
        {"fulfillmentOrderId": gid("FulfillmentOrder", order["id"])}]}}))["fulfillmentCreate"]
    assert again["fulfillment"] is None and again["userErrors"]


RETURN_LINES = "returnLineItems(first: 5) { nodes { ... on ReturnLineItem { quantity " \
               "returnReason fulfillmentLineItem { id } } } }"


async def test_returns_request_approve_decline_close(gql: Gql) -> None:
    order = _open_order(gql)
    line = (await fulfil(gql, order))["fulfillment"]["fulfillmentLineItems"]["nodes"][0]
    request = """mutation ($i: ReturnRequestInput!) { returnRequest(input: $i) {
      return { id name status totalQuantity """ + RETURN_LINES + """ }
      userErrors { field message code } } }"""
    ask = {"orderId": gid("Order", order["id"]), "returnLineItems": [
        {"fulfillmentLineItemId": line["id"], "quantity": line["quantity"],
         "returnReason": "DEFECTIVE"}]}
    made = (await gql(request, {"i": ask}))["returnRequest"]
    r = made["return"]
    assert made["userErrors"] == [] and r["status"] == "REQUESTED"
    assert r["name"] == f"{order['name']}-R1"
    assert r["returnLineItems"]["nodes"] == [{"quantity": line["quantity"],
                                              "returnReason": "DEFECTIVE",
                                              "fulfillmentLineItem": {"id": line["id"]}}]
    move = "mutation ($id: ID!) { %s { return { status } userErrors { field message code } } }"
    approve = move % "returnApproveRequest(input: {id: $id})"
    decline = move % "returnDeclineRequest(input: {id: $id, declineReason: OTHER})"
    close = move % "returnClose(id: $id)"
    assert (await gql(approve, {"id": r["id"]}))["returnApproveRequest"]["return"] == {
        "status": "OPEN"}
    refused = (await gql(decline, {"id": r["id"]}))["returnDeclineRequest"]
    assert refused["return"] is None and refused["userErrors"][0]["code"] == "INVALID_STATE"
    assert (await gql(close, {"id": r["id"]}))["returnClose"]["return"] == {"status": "CLOSED"}
    listed = await gql("query ($id: ID!) { order(id: $id) { returns(first: 5) { nodes { id "
                       "status } } } }", {"id": gid("Order", order["id"])})
    assert listed["order"]["returns"]["nodes"] == [{"id": r["id"], "status": "CLOSED"}]
    # every unit of the line is returned already
    over = (await gql(request, {"i": ask}))["returnRequest"]
    assert over["return"] is None and over["userErrors"][0]["field"][-1] == "quantity"


async def test_return_create_and_decline(gql: Gql) -> None:
    order = _open_order(gql)
    line = (await fulfil(gql, order))["fulfillment"]["fulfillmentLineItems"]["nodes"][0]
    created = (await gql("""mutation ($i: ReturnInput!) { returnCreate(returnInput: $i) {
        return { id status } userErrors { field message } } }""", {"i": {
        "orderId": gid("Order", order["id"]), "returnLineItems": [
            {"fulfillmentLineItemId": line["id"], "quantity": 1, "returnReason": "SIZE_TOO_SMALL"}
        ]}}))["returnCreate"]
    assert created["return"]["status"] == "OPEN"
    unknown = (await gql("""mutation ($i: ReturnRequestInput!) { returnRequest(input: $i) {
        return { id } userErrors { field message code } } }""", {"i": {
        "orderId": gid("Order", order["id"]), "returnLineItems": [
            {"fulfillmentLineItemId": "gid://shopify/FulfillmentLineItem/1", "quantity": 1,
             "returnReason": "OTHER"}]}}))["returnRequest"]
    assert unknown["userErrors"][0]["code"] == "NOT_FOUND"


async def test_refund_create(gql: Gql) -> None:
    order = _open_order(gql)
    li = order["line_items"][0]
    before = len(order["refunds"])
    refund = """mutation ($i: RefundInput!) { refundCreate(input: $i) {
      refund { id totalRefundedSet { shopMoney { amount } }
        refundLineItems(first: 5) { nodes { quantity restockType lineItem { id } } } }
      order { totalRefundedSet { shopMoney { amount } } displayFinancialStatus }
      userErrors { field message } } }"""
    made = (await gql(refund, {"i": {"orderId": gid("Order", order["id"]), "refundLineItems": [
        {"lineItemId": gid("LineItem", li["id"]), "quantity": 1, "restockType": "CANCEL",
         "locationId": "gid://shopify/Location/70000000001"}]}}))["refundCreate"]
    assert made["userErrors"] == []
    assert made["refund"]["refundLineItems"]["nodes"] == [
        {"quantity": 1, "restockType": "CANCEL", "lineItem": {"id": gid("LineItem", li["id"])}}]
    assert d(made["order"]["totalRefundedSet"]) == d(made["refund"]["totalRefundedSet"]) > 0
    assert len(gql.shop.data.orders[order["id"]]["refunds"]) == before + 1
    too_much = (await gql(refund, {"i": {"orderId": gid("Order", order["id"]), "transactions": [
        {"amount": "999999.00", "gateway": "manual", "kind": "REFUND",
         "orderId": gid("Order", order["id"])}]}}))["refundCreate"]
    assert too_much["refund"] is None and too_much["userErrors"]


async def test_webhook_subscriptions(gql: Gql) -> None:
    create = """mutation ($topic: WebhookSubscriptionTopic!, $sub: WebhookSubscriptionInput!) {
      webhookSubscriptionCreate(topic: $topic, webhookSubscription: $sub) {
        webhookSubscription { id topic endpoint { __typename ... on WebhookHttpEndpoint {
          callbackUrl } } } userErrors { field message } } }"""
    sub = {"callbackUrl": "https://example.com/webhooks", "format": "JSON"}
    made = (await gql(create, {"topic": "ORDERS_CREATE", "sub": sub}))["webhookSubscriptionCreate"]
    hook = made["webhookSubscription"]
    assert hook["endpoint"] == {"__typename": "WebhookHttpEndpoint",
                                "callbackUrl": "https://example.com/webhooks"}
    twice = (await gql(create, {"topic": "ORDERS_CREATE", "sub": sub}))["webhookSubscriptionCreate"]
    assert twice["webhookSubscription"] is None
    assert twice["userErrors"][0]["field"] == ["webhookSubscription", "callbackUrl"]
    plain = (await gql(create, {"topic": "ORDERS_CREATE", "sub": {
        "callbackUrl": "http://example.com/x"}}))["webhookSubscriptionCreate"]
    assert plain["webhookSubscription"] is None  # Shopify takes https:// only
    listed = await gql("{ webhookSubscriptions(first: 10, topics: [ORDERS_CREATE]) { nodes { id "
                       "topic } } }")
    assert listed["webhookSubscriptions"]["nodes"] == [{"id": hook["id"],
                                                        "topic": "ORDERS_CREATE"}]
    gone = await gql("mutation ($id: ID!) { webhookSubscriptionDelete(id: $id) { "
                     "deletedWebhookSubscriptionId userErrors { message } } }", {"id": hook["id"]})
    assert gone["webhookSubscriptionDelete"]["deletedWebhookSubscriptionId"] == hook["id"]
    assert not gql.shop.data.webhooks


async def test_carrier_services(gql: Gql) -> None:
    create = """mutation ($i: DeliveryCarrierServiceCreateInput!) { carrierServiceCreate(input: $i)
      { carrierService { id name callbackUrl active supportsServiceDiscovery }
        userErrors { field message } } }"""
    service = {"name": "AnyCart rates", "callbackUrl": "https://rates.example.com/cb",
               "supportsServiceDiscovery": True, "active": True}
    made = (await gql(create, {"i": service}))["carrierServiceCreate"]
    assert made["carrierService"]["name"] == "AnyCart rates" and made["userErrors"] == []
    dup = (await gql(create, {"i": service}))["carrierServiceCreate"]
    assert dup["userErrors"] == [{"field": None, "message": "AnyCart rates is already "
                                                            "configured"}]
    listed = await gql("{ carrierServices(first: 5) { nodes { id name } } }")
    assert [n["name"] for n in listed["carrierServices"]["nodes"]] == ["AnyCart rates"]
    gone = await gql("mutation ($id: ID!) { carrierServiceDelete(id: $id) { id userErrors "
                     "{ message } } }", {"id": made["carrierService"]["id"]})
    assert gone["carrierServiceDelete"]["id"] == made["carrierService"]["id"]
    assert not gql.shop.data.carrier_services


# Shopify's bulk operations guide (shopify.dev, "Perform bulk operations with the GraphQL
# Admin API"): the query, the polling fields, and a JSONL line per object with __parentId
BULK_RUN = '''mutation {
  bulkOperationRunQuery(
   query: """
    {
      products {
        edges {
          node {
            id
            title
            variants {
              edges {
                node {
                  id
                  sku
                }
              }
            }
          }
        }
      }
    }
    """
  ) {
    bulkOperation {
      id
      status
    }
    userErrors {
      field
      message
    }
  }
}'''
BULK_POLL = """query {
  currentBulkOperation {
    id
    status
    errorCode
    createdAt
    completedAt
    objectCount
    fileSize
    url
    partialDataUrl
  }
}"""


async def test_bulk_operation_writes_jsonl_with_parent_ids(gql: Gql) -> None:
    started = (await gql(BULK_RUN))["bulkOperationRunQuery"]
    assert started["userErrors"] == [] and started["bulkOperation"]["status"] == "CREATED"
    op = (await gql(BULK_POLL))["currentBulkOperation"]
    assert op["id"] == started["bulkOperation"]["id"] and op["status"] == "COMPLETED"
    products = gql.shop.data.products
    variants = sum(len(p["variants"]) for p in products.values())
    assert int(op["objectCount"]) == len(products) + variants
    answer = await gql.http.get(op["url"])
    assert answer.status_code == 200 and int(op["fileSize"]) == len(answer.content)
    rows = [json.loads(line) for line in answer.text.splitlines()]
    parents = [r for r in rows if "__parentId" not in r]
    assert [r["id"] for r in parents] == [gid("Product", pid) for pid in sorted(products)]
    first = products[min(products)]
    assert rows[1] == {"id": gid("ProductVariant", first["variants"][0]["id"]),
                       "sku": first["variants"][0]["sku"],
                       "__parentId": gid("Product", first["id"])}
    node = await gql("query ($id: ID!) { node(id: $id) { ... on BulkOperation { status url } } }",
                     {"id": op["id"]})
    assert node["node"] == {"status": "COMPLETED", "url": op["url"]}
    assert (await gql.http.get(op["url"].replace(op["url"].rsplit("/", 1)[1], "x.jsonl"))
            ).status_code == 404


async def test_bulk_query_errors_are_user_errors(gql: Gql) -> None:
    bad = (await gql('mutation { bulkOperationRunQuery(query: "{ products { nope } }") { '
                     "bulkOperation { id } userErrors { field message } } }"))
    assert bad["bulkOperationRunQuery"]["bulkOperation"] is None
    assert bad["bulkOperationRunQuery"]["userErrors"][0]["field"] == ["query"]


# Operations as Shopify documents them, validated against the simulator's schema
DOCUMENTED = [
    BULK_RUN, BULK_POLL,
    """query { products(first: 10, query: "updated_at:>'2019-12-01'") { edges { cursor node {
        id title } } pageInfo { hasNextPage endCursor } } }""",
    """mutation productSet($input: ProductSetInput!, $synchronous: Boolean!) {
      productSet(synchronous: $synchronous, input: $input) { product { id } productSetOperation {
        id status userErrors { code field message } } userErrors { code field message } } }""",
    """mutation inventorySetQuantities($input: InventorySetQuantitiesInput!) {
      inventorySetQuantities(input: $input) { inventoryAdjustmentGroup { createdAt reason
        referenceDocumentUri changes { name delta } } userErrors { field message code } } }""",
    """mutation fulfillmentCreate($fulfillment: FulfillmentInput!) {
      fulfillmentCreate(fulfillment: $fulfillment) { fulfillment { id status trackingInfo(first: 10)
        { company number url } } userErrors { field message } } }""",
    """mutation ReturnRequest($input: ReturnRequestInput!) { returnRequest(input: $input) {
        userErrors { field message } return { id status returnLineItems(first: 1) { edges { node {
        id ... on ReturnLineItem { fulfillmentLineItem { lineItem { name } } } } } } } } }""",
]


def test_documented_operations_validate_against_the_schema() -> None:
    for text in DOCUMENTED:
        assert graphql.validate(SCHEMA, graphql.parse(text)) == [], text


def test_connector_documents_validate_against_the_schema() -> None:
    """The connector's own reading (queries/*.graphql) against this one."""
    folder = Path(__file__).parents[3] / "anycart/platforms/shopify/queries"
    texts = [p.read_text() for p in sorted(folder.glob("*.graphql"))]
    assert texts
    whole = graphql.parse("\n".join(texts))
    for name, doc in graphql.utilities.separate_operations(whole).items():
        assert graphql.validate(SCHEMA, doc) == [], name


async def test_bulk_queries_follow_shopify_limits(gql: Gql) -> None:
    run = ('mutation ($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id } '
           "userErrors { field message } } }")
    for query in ('{ node(id: "gid://shopify/Product/1") { id } }',
                  "{ shop { name } }",
                  "{ orders { edges { node { lineItems { edges { node { variant { "
                  "inventoryItem { inventoryLevels { edges { node { id } } } } } } } } } } } }"):
        refused = (await gql(run, {"q": query}))["bulkOperationRunQuery"]
        assert refused["bulkOperation"] is None and refused["userErrors"], query


async def test_tracking_update_cancel_and_order_update(gql: Gql) -> None:
    order = _open_order(gql)
    fid = (await fulfil(gql, order))["fulfillment"]["id"]
    update = """mutation ($id: ID!, $t: FulfillmentTrackingInput!) {
      fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: $t, notifyCustomer: false)
      { fulfillment { trackingInfo { company number url } } userErrors { field message } } }"""
    moved = (await gql(update, {"id": fid, "t": {
        "company": "FedEx", "number": "7777", "url": "https://fedex.example/7777"}}))
    assert moved["fulfillmentTrackingInfoUpdate"]["fulfillment"]["trackingInfo"] == [
        {"company": "FedEx", "number": "7777", "url": "https://fedex.example/7777"}]
    # several packages: every number kept, in order. Shopify's fulfillmentTrackingInfoUpdate
    # reference (2025-10): the input "supports both single tracking (using number and url
    # fields) and multi-package tracking (using numbers and urls fields)"
    packages = (await gql(update, {"id": fid, "t": {
        "numbers": ["A1", "A2", "A3"], "urls": ["https://t.example/A1", "https://t.example/A2",
                                                "https://t.example/A3"]}}))
    assert packages["fulfillmentTrackingInfoUpdate"]["fulfillment"]["trackingInfo"] == [
        {"company": "FedEx", "number": n, "url": f"https://t.example/{n}"}
        for n in ("A1", "A2", "A3")]
    unknown = (await gql(update, {"id": "gid://shopify/Fulfillment/1", "t": {"number": "1"}}))
    assert unknown["fulfillmentTrackingInfoUpdate"] == {"fulfillment": None, "userErrors": [
        {"field": ["fulfillmentId"], "message": "Fulfillment does not exist."}]}
    cancel = "mutation ($id: ID!) { fulfillmentCancel(id: $id) { fulfillment { status } " \
             "userErrors { field message } } }"
    assert (await gql(cancel, {"id": fid}))["fulfillmentCancel"]["fulfillment"] == {
        "status": "CANCELLED"}
    twice = (await gql(cancel, {"id": fid}))["fulfillmentCancel"]
    assert twice["fulfillment"] is None and twice["userErrors"]
    changed = (await gql("""mutation ($i: OrderInput!) { orderUpdate(input: $i) { order {
        note tags customAttributes { key value } } userErrors { field message } } }""", {"i": {
        "id": gid("Order", order["id"]), "note": "gift", "tags": ["vip"],
        "customAttributes": [{"key": "engraving", "value": "Hi"}]}}))["orderUpdate"]
    assert changed["order"] == {"note": "gift", "tags": ["vip"],
                                "customAttributes": [{"key": "engraving", "value": "Hi"}]}
    assert gql.shop.data.orders[order["id"]]["note_attributes"] == [{"name": "engraving",
                                                                    "value": "Hi"}]


async def test_return_topics_can_be_subscribed_and_are_delivered(gql: Gql) -> None:
    made = await gql("mutation { webhookSubscriptionCreate(topic: RETURNS_REQUEST, "
                     "webhookSubscription: {callbackUrl: \"https://hooks.example/r\"}) { "
                     "webhookSubscription { topic } userErrors { message } } }")
    assert made["webhookSubscriptionCreate"]["webhookSubscription"] == {
        "topic": "RETURNS_REQUEST"}
    order = _open_order(gql)
    line = (await fulfil(gql, order))["fulfillment"]["fulfillmentLineItems"]["nodes"][0]
    await gql("""mutation ($i: ReturnRequestInput!) { returnRequest(input: $i) { return { id }
        userErrors { message } } }""", {"i": {"orderId": gid("Order", order["id"]),
                                              "returnLineItems": [{
                                                  "fulfillmentLineItemId": line["id"],
                                                  "quantity": 1, "returnReason": "OTHER"}]}})
    assert [d.topic for d in gql.shop.outbox if d.topic.startswith("returns/")] == [
        "returns/request"]
