"""What the WooCommerce driver can do: bridge paging, no native webhooks (AnyCart polls the
list methods by their modification dates). Deletions leave no row to poll, so only
add/update events are offered; categories have no dates in WordPress, so none for them."""

from __future__ import annotations

from anycart.platforms.base import Capabilities
from anycart.platforms.bridge.platform import BRIDGE_PAGE_LIMIT

CAPABILITIES = Capabilities(
    page_limit=BRIDGE_PAGE_LIMIT,
    native_webhooks=False,
    webhook_events=tuple((e, a) for e in ("product", "customer", "order") for a in ("add", "update")),
    connects_to_store_url=True,
)
