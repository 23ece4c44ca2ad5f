"""GraphQL shop, customer and order details on the Shopify simulator: ``Shop.plan``,
``customerEmailMarketingConsentUpdate``, the customer address mutations,
``WebhookSubscriptionInput.uri`` (2025-10) and ``webhookSubscriptionUpdate`` and ``Order.totalOutstandingSet``."""

from __future__ import annotations

from typing import Any

from .test_sim_graphql import Gql, clock, gql, sim  # noqa: F401
from .test_sim_graphql_writes import stored

CONSENT = """mutation ($i: CustomerEmailMarketingConsentUpdateInput!) {
  customerEmailMarketingConsentUpdate(input: $i) {
    customer { emailMarketingConsent { marketingState marketingOptInLevel consentUpdatedAt } }
    userErrors { field message code } } }"""


def cgid(cid: Any) -> str:
    return f"gid://shopify/Customer/{cid}"


async def test_shop_plan(gql: Gql) -> None:
    plan = (await gql("{ shop { plan { displayName publicDisplayName partnerDevelopment "
                      "shopifyPlus } } }"))["shop"]["plan"]
    assert plan == {"displayName": "Basic", "publicDisplayName": "Basic",
                    "partnerDevelopment": False, "shopifyPlus": False}
    gql.shop.info["plan_name"], gql.shop.info["plan_display_name"] = "shopify_plus", "Plus"
    plus = (await gql("{ shop { plan { publicDisplayName shopifyPlus } } }"))["shop"]["plan"]
    assert plus == {"publicDisplayName": "Plus", "shopifyPlus": True}


async def test_email_marketing_consent_update(gql: Gql) -> None:
    c = next(c for c in gql.shop.data.customers.values() if c["email"])
    given = {"customerId": cgid(c["id"]), "emailMarketingConsent": {
        "marketingState": "SUBSCRIBED", "marketingOptInLevel": "CONFIRMED_OPT_IN",
        "consentUpdatedAt": "2025-05-01T10:00:00Z"}}
    done = (await gql(CONSENT, {"i": given}))["customerEmailMarketingConsentUpdate"]
    assert done == {"customer": {"emailMarketingConsent": {
        "marketingState": "SUBSCRIBED", "marketingOptInLevel": "CONFIRMED_OPT_IN",
        "consentUpdatedAt": "2025-05-01T10:00:00Z"}}, "userErrors": []}
    kept = stored(gql, "customers", c["id"])["email_marketing_consent"]
    assert (kept["state"], kept["opt_in_level"]) == ("subscribed", "confirmed_opt_in")
    # NOT_SUBSCRIBED, REDACTED and INVALID are Shopify's own states, not an app's to set
    bad = {**given, "emailMarketingConsent": {"marketingState": "NOT_SUBSCRIBED"}}
    refused = (await gql(CONSENT, {"i": bad}))["customerEmailMarketingConsentUpdate"]
    assert refused["customer"] is None
    assert refused["userErrors"][0]["code"] == "INCLUSION"
    assert refused["userErrors"][0]["field"] == ["input", "emailMarketingConsent",
                                                 "marketingState"]
    unknown = (await gql(CONSENT, {"i": {**given, "customerId": cgid(1)}}))
    assert unknown["customerEmailMarketingConsentUpdate"]["userErrors"] == [
        {"field": ["input", "customerId"], "message": "Customer not found", "code": "INVALID"}]


async def test_email_marketing_consent_needs_an_email(gql: Gql) -> None:
    made = (await gql("mutation { customerCreate(input: {firstName: \"No\", lastName: \"Mail\"}) "
                      "{ customer { id } } }"))["customerCreate"]["customer"]
    refused = (await gql(CONSENT, {"i": {"customerId": made["id"], "emailMarketingConsent": {
        "marketingState": "SUBSCRIBED"}}}))["customerEmailMarketingConsentUpdate"]
    assert refused["userErrors"][0]["code"] == "INVALID"


async def test_customer_address_create_update_default_delete(gql: Gql) -> None:
    c = next(c for c in gql.shop.data.customers.values() if c["addresses"])
    create = """mutation ($c: ID!, $a: MailingAddressInput!, $d: Boolean) {
      customerAddressCreate(customerId: $c, address: $a, setAsDefault: $d) {
        address { id address1 city countryCodeV2 provinceCode } userErrors { field message } } }"""
    made = (await gql(create, {"c": cgid(c["id"]), "a": {
        "address1": "9 Elm St", "city": "Austin", "countryCode": "US", "provinceCode": "TX",
        "zip": "73301"}}))["customerAddressCreate"]
    a = made["address"]
    assert made["userErrors"] == []
    assert (a["address1"], a["city"], a["countryCodeV2"], a["provinceCode"]) == (
        "9 Elm St", "Austin", "US", "TX")
    default = "query ($c: ID!) { customer(id: $c) { defaultAddress { id } addressesV2(first: 20) " \
              "{ nodes { id } } } }"
    seen = (await gql(default, {"c": cgid(c["id"])}))["customer"]
    assert a["id"] in {n["id"] for n in seen["addressesV2"]["nodes"]}
    assert seen["defaultAddress"]["id"] != a["id"]  # without setAsDefault the default stays
    update = """mutation ($c: ID!, $id: ID!, $a: MailingAddressInput!) {
      customerAddressUpdate(customerId: $c, addressId: $id, address: $a, setAsDefault: true) {
        address { id city } userErrors { message } } }"""
    moved = (await gql(update, {"c": cgid(c["id"]), "id": a["id"], "a": {"city": "Dallas"}}))
    assert moved["customerAddressUpdate"] == {"address": {"id": a["id"], "city": "Dallas"},
                                              "userErrors": []}
    assert (await gql(default, {"c": cgid(c["id"])}))["customer"]["defaultAddress"]["id"] == a["id"]
    kept_address = stored(gql, "customers", c["id"])["default_address"]
    assert kept_address["city"] == "Dallas"
    delete = """mutation ($c: ID!, $id: ID!) { customerAddressDelete(customerId: $c,
      addressId: $id) { deletedAddressId userErrors { message } } }"""
    other = next(n["id"] for n in seen["addressesV2"]["nodes"] if n["id"] != a["id"])
    gone = (await gql(delete, {"c": cgid(c["id"]), "id": other}))["customerAddressDelete"]
    assert gone == {"deletedAddressId": other, "userErrors": []}
    refused = (await gql(delete, {"c": cgid(c["id"]), "id": a["id"]}))["customerAddressDelete"]
    assert refused["deletedAddressId"] is None  # the default address cannot be deleted
    assert refused["userErrors"]
    nobody = (await gql(create, {"c": cgid(1), "a": {"city": "X"}}))["customerAddressCreate"]
    assert nobody == {"address": None, "userErrors": [
        {"field": ["customerId"], "message": "Customer does not exist"}]}


async def test_webhook_subscription_by_uri(gql: Gql) -> None:
    create = """mutation ($sub: WebhookSubscriptionInput!) {
      webhookSubscriptionCreate(topic: PRODUCTS_UPDATE, webhookSubscription: $sub) {
        webhookSubscription { id uri endpoint { ... on WebhookHttpEndpoint { callbackUrl } } }
        userErrors { field message } } }"""
    made = (await gql(create, {"sub": {"uri": "https://hooks.example/p", "format": "JSON"}}))
    hook = made["webhookSubscriptionCreate"]["webhookSubscription"]
    assert hook["uri"] == "https://hooks.example/p"
    assert hook["endpoint"] == {"callbackUrl": "https://hooks.example/p"}
    listed = await gql("""query ($u: String) { webhookSubscriptions(first: 5, uri: $u) {
      nodes { id } } }""", {"u": "https://hooks.example/p"})
    assert listed["webhookSubscriptions"]["nodes"] == [{"id": hook["id"]}]
    other = await gql("""query ($u: String) { webhookSubscriptions(first: 5, uri: $u) {
      nodes { id } } }""", {"u": "https://hooks.example/other"})
    assert other["webhookSubscriptions"]["nodes"] == []
    blank = (await gql(create, {"sub": {"format": "JSON"}}))["webhookSubscriptionCreate"]
    assert blank["webhookSubscription"] is None and blank["userErrors"]
    twice = (await gql(create, {"sub": {"uri": "https://hooks.example/p"}}))
    assert twice["webhookSubscriptionCreate"]["userErrors"][0]["field"] == [
        "webhookSubscription", "uri"]  # the field the caller used
    update = """mutation ($id: ID!, $sub: WebhookSubscriptionInput!) {
      webhookSubscriptionUpdate(id: $id, webhookSubscription: $sub) {
        webhookSubscription { id uri format includeFields } userErrors { field message } } }"""
    moved = (await gql(update, {"id": hook["id"], "sub": {
        "uri": "https://hooks.example/moved", "includeFields": ["id", "title"]}}))
    assert moved["webhookSubscriptionUpdate"] == {"webhookSubscription": {
        "id": hook["id"], "uri": "https://hooks.example/moved", "format": "JSON",
        "includeFields": ["id", "title"]}, "userErrors": []}
    kept = stored(gql, "webhooks")
    assert [w["address"] for w in kept] == ["https://hooks.example/moved"]
    gone = (await gql(update, {"id": "gid://shopify/WebhookSubscription/1", "sub": {
        "uri": "https://hooks.example/x"}}))["webhookSubscriptionUpdate"]
    assert gone["webhookSubscription"] is None and gone["userErrors"][0]["field"] == ["id"]


async def test_order_total_outstanding(gql: Gql) -> None:
    orders = gql.shop.data.orders.values()
    paid = next(o for o in orders if o["financial_status"] == "paid")
    pending = next(o for o in orders if o["financial_status"] == "pending")
    query = """query ($id: ID!) { order(id: $id) { totalPriceSet { shopMoney { amount } }
      totalOutstandingSet { shopMoney { amount currencyCode } presentmentMoney { amount } } } }"""
    got = (await gql(query, {"id": f"gid://shopify/Order/{paid['id']}"}))["order"]
    assert got["totalOutstandingSet"]["shopMoney"] == {"amount": "0.0",
                                                       "currencyCode": paid["currency"]}
    due = (await gql(query, {"id": f"gid://shopify/Order/{pending['id']}"}))["order"]
    assert due["totalOutstandingSet"]["shopMoney"]["amount"] == \
        due["totalPriceSet"]["shopMoney"]["amount"] != "0.0"
    assert due["totalOutstandingSet"]["presentmentMoney"]["amount"] == \
        due["totalPriceSet"]["shopMoney"]["amount"]
