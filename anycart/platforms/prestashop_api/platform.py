"""PrestaShop 1.7 / 8 through its webservice (``cart_id`` ``PrestashopApi``): no file on the
merchant's server, only a webservice key.

Credentials: ``store_url`` (the shop, ``https://shop.example``; a shop in a folder keeps it)
and ``prestashop_webservice_key`` (Advanced Parameters > Webservice: enable the webservice,
add a key with GET (and POST/PUT/DELETE to write) on the resources used). Checked on
``account.cart.add`` by reading ``/api/``. PrestaShop pushes nothing: AnyCart polls the list
methods by ``modified_from`` (``date_upd``), as for the bridge carts.
"""

from __future__ import annotations

from anycart.platforms.base import Capabilities, CredentialSpec, Platform

from .client import KEY, PAGE_LIMIT
from .connector import PrestashopApiConnector

_EVENTS = tuple((entity, action) for entity in ("product", "category", "customer", "order")
                for action in ("add", "update", "delete"))

PRESTASHOP_API = CredentialSpec(required=(("store_url", KEY),))
CAPABILITIES = Capabilities(page_limit=PAGE_LIMIT, native_webhooks=False,
                            webhook_events=(*_EVENTS, ("shipment", "add")),
                            connects_to_store_url=True)


class PrestashopApi(Platform):
    cart_id = "PrestashopApi"
    name = "PrestaShop webservice"
    credentials = PRESTASHOP_API
    capabilities = CAPABILITIES
    connector = PrestashopApiConnector


PLATFORMS: tuple[type[Platform], ...] = (PrestashopApi,)
