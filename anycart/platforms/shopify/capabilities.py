"""What Shopify can do, and its documented limits.

REST Admin API: lists of at most 250 records, paged by ``page_info`` cursors in the ``Link``
header (or by ``since_id``); a leaky bucket of 40 requests leaking 2 per second per app and
shop (``X-Shopify-Shop-Api-Call-Limit``), 429 with ``Retry-After`` beyond it. Shopify pushes
webhooks itself, signed with the app's shared secret.
"""

from __future__ import annotations

from anycart.platforms.base import Capabilities
from anycart.transport.ratelimit import BucketBudget

PAGE_LIMIT = 250
RATE_BUDGET = BucketBudget(capacity=40, leak_per_s=2)

#: Shopify webhook topic -> (AnyCart entity, action)
TOPICS: dict[str, tuple[str, str]] = {
    "products/create": ("product", "add"), "products/update": ("product", "update"),
    "products/delete": ("product", "delete"),
    "collections/create": ("category", "add"), "collections/update": ("category", "update"),
    "collections/delete": ("category", "delete"),
    "customers/create": ("customer", "add"), "customers/update": ("customer", "update"),
    "customers/delete": ("customer", "delete"),
    "orders/create": ("order", "add"), "orders/updated": ("order", "update"),
    "orders/delete": ("order", "delete"),
    "fulfillments/create": ("shipment", "add"), "fulfillments/update": ("shipment", "update"),
    "refunds/create": ("return", "add"),
}
TOPIC_OF = {event: topic for topic, event in TOPICS.items()}

CAPABILITIES = Capabilities(
    page_limit=PAGE_LIMIT,
    native_webhooks=True,
    webhook_events=tuple(TOPICS.values()),
    rate_budget=RATE_BUDGET,
    connects_to_store_url=True,
)
