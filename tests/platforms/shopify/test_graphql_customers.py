"""Customer and order writes are GraphQL mutations. Email marketing is a consent
(``emailMarketingConsent``; REST's ``accepts_marketing`` is gone from Shopify's API): written
with a new customer, by ``customerEmailMarketingConsentUpdate`` afterwards, read back over
GraphQL."""

from __future__ import annotations

from tests.platforms.shopify.test_connector import env  # noqa: F401
from tests.platforms.shopify.test_truncation import _count_requests


async def test_news_letter_subscription_is_the_email_marketing_consent(env):
    for n, wanted in enumerate((True, False)):
        email = f"consent{n}@example.com"
        made = await env.call("customer.add", body={"email": email, "first_name": "C",
                                                    "news_letter_subscription": wanted})
        assert made["return_code"] == 0, made
        raw = env.shop.data.customers[int(made["result"]["customer_id"])]
        assert raw["email_marketing_consent"]["state"] == (
            "subscribed" if wanted else "not_subscribed")
        info = await env.call("customer.info", {"id": made["result"]["customer_id"],
                                                "params": "force_all"})
        assert info["result"]["news_letter_subscription"] is wanted, info


async def test_customer_writes_are_mutations(env):
    """Made, changed and deleted over graphql.json only."""
    sent = _count_requests(env)
    made = await env.call("customer.add", body={"email": "gql@example.com", "first_name": "G",
                                                "last_name": "Q"})
    assert made["return_code"] == 0, made
    cid = int(made["result"]["customer_id"])
    assert env.shop.data.customers[cid]["last_name"] == "Q"
    changed = await env.call("customer.update", body={"id": str(cid), "first_name": "H",
                                                      "phone": "+14155550100"})
    assert changed["return_code"] == 0, changed
    assert (env.shop.data.customers[cid]["first_name"],
            env.shop.data.customers[cid]["phone"]) == ("H", "+14155550100")
    gone = await env.call("customer.delete", {"id": str(cid)})
    assert gone["return_code"] == 0 and cid not in env.shop.data.customers, gone
    assert {p.rsplit("/", 1)[-1] for p in sent.paths} == {"graphql.json"}, sent.paths
    missing = await env.call("customer.update", body={"id": "999999999", "first_name": "X"})
    assert missing["return_code"] == 112, missing


async def test_order_update_is_order_update(env):
    order = next(iter(env.shop.data.orders.values()))
    sent = _count_requests(env)
    changed = await env.call("order.update", {"order_id": str(order["id"]),
                                              "comment": "over GraphQL"})
    assert changed["return_code"] == 0, changed
    assert env.shop.data.orders[order["id"]]["note"] == "over GraphQL"
    assert {p.rsplit("/", 1)[-1] for p in sent.paths} == {"graphql.json"}, sent.paths


async def test_consent_changes_by_its_own_mutation(env):
    """An existing customer's consent given then withdrawn (UNSUBSCRIBED: what the consent
    mutation takes), each with a field of the customer changed in the same call."""
    made = await env.call("customer.add", body={"email": "later@example.com", "first_name": "L"})
    cid = int(made["result"]["customer_id"])
    for wanted, state in ((True, "subscribed"), (False, "unsubscribed")):
        changed = await env.call("customer.update", body={
            "id": str(cid), "first_name": f"L{wanted}", "news_letter_subscription": wanted})
        assert changed["return_code"] == 0, changed
        raw = env.shop.data.customers[cid]
        assert (raw["first_name"], raw["email_marketing_consent"]["state"]) == (
            f"L{wanted}", state)
        info = await env.call("customer.info", {"id": str(cid), "params": "force_all"})
        assert info["result"]["news_letter_subscription"] is wanted, info
    alone = await env.call("customer.update", body={"id": str(cid),
                                                    "news_letter_subscription": True})
    assert alone["return_code"] == 0, alone
    assert env.shop.data.customers[cid]["email_marketing_consent"]["state"] == "subscribed"


async def test_address_added_by_customer_address_create(env):
    cid = next(iter(env.shop.data.customers.values()))["id"]
    sent = _count_requests(env)
    added = await env.call("customer.address.add", body={
        "customer_id": str(cid), "first_name": "Ann", "last_name": "Lee", "company": "Acme",
        "address1": "1 Main St", "city": "Austin", "postcode": "73301", "state": "TX",
        "country": "US", "phone": "+15125550100"})
    assert added["return_code"] == 0, added
    assert {p.rsplit("/", 1)[-1] for p in sent.paths} == {"graphql.json"}, sent.paths
    new = next(a for a in env.shop.data.customers[cid]["addresses"]
               if str(a["id"]) == added["result"]["id"])
    assert (new["first_name"], new["last_name"], new["company"], new["address1"], new["zip"],
            new["province_code"], new["country_code"], new["phone"]) == (
        "Ann", "Lee", "Acme", "1 Main St", "73301", "TX", "US", "+15125550100")
    nobody = await env.call("customer.address.add", body={
        "customer_id": "999999999", "address1": "x", "city": "y", "postcode": "1", "country": "US"})
    assert nobody["return_code"] == 112, nobody
