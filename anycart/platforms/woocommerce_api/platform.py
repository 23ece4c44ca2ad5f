"""WooCommerce through its REST API (``cart_id`` ``WoocommerceApi``): no file on the merchant's
server, only a REST API key.

Credentials: ``store_url`` (the site, ``https://shop.example``; a site in a folder keeps it),
``wc_consumer_key`` and ``wc_consumer_secret`` (WooCommerce > Settings > Advanced > REST API,
read/write). Over https they travel as HTTP Basic, over plain http as a one-legged OAuth 1.0a
signature. Native webhooks: AnyCart registers them through ``/webhooks`` with the consumer
secret as their secret, so every push (``X-WC-Webhook-Signature``, base64 HMAC-SHA256 of the
raw body) is checked at the ingress; forged ones are refused.
"""

from __future__ import annotations

from anycart.platforms.base import Capabilities, CredentialSpec
from anycart.platforms.kit.push import Pushing

from .client import PAGE_LIMIT
from .connector import WooConnector
from .entities import PUSH, TOPICS

POLLED = (("category", "add"), ("category", "update"), ("category", "delete"))

WOOCOMMERCE_API = CredentialSpec(required=(("store_url", "wc_consumer_key", "wc_consumer_secret"),))

#: Polled too: a site pauses a webhook after failed deliveries (and sends none while its
#: cron is off); the poll brings what was never pushed (``anycart.webhooks.reconcile``).
#: Categories have no WooCommerce topic: their webhooks come by polling alone.
CAPABILITIES = Capabilities(page_limit=PAGE_LIMIT, native_webhooks=True, polls_too=True,
                            webhook_events=(*TOPICS.values(), *POLLED), polled_events=POLLED,
                            connects_to_store_url=True)


class WoocommerceApi(Pushing):
    cart_id = "WoocommerceApi"
    name = "WooCommerce REST"
    credentials = WOOCOMMERCE_API
    capabilities = CAPABILITIES
    connector = WooConnector
    push = PUSH  # its ping of a new webhook acknowledged, nothing recorded


PLATFORMS = (WoocommerceApi,)
