"""Email marketing is a consent (``emailMarketingConsent``; REST's ``accepts_marketing`` is
gone from Shopify's API): written with the customer, read back over GraphQL."""

from __future__ import annotations

from tests.platforms.shopify.test_connector import env  # noqa: F401


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
