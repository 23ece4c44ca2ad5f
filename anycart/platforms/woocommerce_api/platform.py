"""WooCommerce through its REST API (``cart_id`` ``WoocommerceApi``): only a REST API key
(``store_url``, ``wc_consumer_key``, ``wc_consumer_secret``; WooCommerce > Settings > Advanced
> REST API, read/write). Native webhooks are registered with the consumer secret as their
secret, so each push's ``X-WC-Webhook-Signature`` is checked at the ingress.
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
