"""BigCommerce through its REST API (``cart_id`` ``BigcommerceApi``).

Credentials, as ``account.cart.add`` names them: ``bigcommerceapi_context`` (the API path's
``stores/<store hash>``, as the API account's page shows it), ``bigcommerceapi_access_token``
(the API account's or app's token) and optionally ``bigcommerceapi_client_id`` (sent as
``X-Auth-Client``) and ``store_url`` (the storefront, shown by cart.info). The first request
of ``account.cart.add`` checks them.

Native webhooks: v3 hooks, registered with a header carrying a secret AnyCart generated for
the store; a push without it is refused at the ingress, and each push (which names only the
record) is followed by a read of the record, so the webhook AnyCart delivers carries it.
"""

from __future__ import annotations

from typing import Any

from anycart.platforms.base import Capabilities, CredentialSpec
from anycart.platforms.kit.thinpush import Fetching

from .client import CART_ID, PAGE_LIMIT, storefront
from .connector import BigCommerceConnector
from .entities import PUSH, TOPICS

BIGCOMMERCE_API = CredentialSpec(
    required=(("bigcommerceapi_context", "bigcommerceapi_access_token"),),
    additional=("bigcommerceapi_client_id", "store_url"),
    public=("store_url", "bigcommerceapi_context", "bigcommerceapi_client_id"))

CAPABILITIES = Capabilities(page_limit=PAGE_LIMIT, native_webhooks=True,
                            webhook_events=tuple(TOPICS.values()))


class BigcommerceApi(Fetching):
    cart_id = CART_ID
    name = "BigCommerce"
    credentials = BIGCOMMERCE_API
    capabilities = CAPABILITIES
    connector = BigCommerceConnector
    push = PUSH

    @classmethod
    def default_store_url(cls, credentials: dict[str, Any]) -> str:
        return storefront(credentials)


PLATFORMS = (BigcommerceApi,)
