"""What Shift4Shop can do, and its documented limits.

GET batch sizes: orders 300, products 200, everything else 500. Throttling: a leaky bucket of
50 requests leaking 2 per second. No native webhooks (AnyCart polls), and ``store_url`` is only
sent as the ``SecureURL`` header to the API host, never connected to.
"""

from __future__ import annotations

from anycart.platforms.base import Capabilities
from anycart.transport.ratelimit import BucketBudget

#: Most records one GET may return, per Shift4Shop resource (path name, lower case).
BATCH_LIMITS: dict[str, int] = {"products": 200, "orders": 300}
DEFAULT_BATCH = 500


def batch_limit(resource: str) -> int:
    return BATCH_LIMITS.get(resource.lower(), DEFAULT_BATCH)


RATE_BUDGET = BucketBudget(capacity=50, leak_per_s=2)

_ENTITIES = ("product", "category", "customer", "order", "shipment", "return")

CAPABILITIES = Capabilities(
    page_limit=BATCH_LIMITS["products"],
    native_webhooks=False,
    webhook_events=tuple((e, a) for e in _ENTITIES for a in ("add", "update", "delete")),
    rate_budget=RATE_BUDGET,
    connects_to_store_url=False,
)
