"""The WooCommerce REST connector: :mod:`.entities` on the kit, and the store.

Variations are read under their product, refunds (the returns) under their order: the REST
API lists neither shop-wide. A return is a refund made refunded (``order.refund.add``), so
final: ``order.return.update`` is refused and ``order.return.add`` not served (a refund names
no reason nor action). Shipments are the Shipment Tracking extension's items in the order's
meta, each told to the customer in a note. Not served (120): what has no REST resource
(manufacturers, wishlists, carts, scripts, transactions); images by URL only (109).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar

from anycart.platforms.base import Call
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.addresses import BookAdd
from anycart.platforms.kit.collection import Listed, Picked, Posts, UpdateAdds
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.info import FixedStatuses, one_store
from anycart.platforms.kit.keys import LinkBy
from anycart.platforms.kit.returns import DeletesReturn, FinalReturns
from anycart.platforms.kit.serve import attach
from anycart.platforms.kit.shipments import KeptShipments
from anycart.platforms.kit.totals import TotalBackend

from . import client as C
from . import entities as E
from . import mapping as M
from . import shipping
from .params import HANDWRITTEN, NESTED, REFUND, SAME_AS_DEFAULT

Record = dict[str, Any]


class WooConnector(KitConnector):
    cart = C.PLATFORM
    entities = E.ENTITIES
    same_as_default = SAME_AS_DEFAULT
    nested = NESTED
    links: ClassVar = {"order": (LinkBy(E.BUYER, "customer", "email", unless="is_guest"),)}
    hooks = E.HOOKS  # categories have no topic: polled only
    probe = ("system_status", {})

    @cached_property
    def rest(self) -> RestClient:
        return C.client(self.http, self.store.store_url, self.store.credentials, self.settings)

    def backend(self, entity: Entity) -> TotalBackend:
        return TotalBackend(self.rest, entity, C.PAGES, defaults=E.LIST_DEFAULTS,
                            delete_query={"force": True})

    # -- store -----------------------------------------------------------------------------
    async def cart_info(self, call: Call) -> dict[str, Any]:
        status = await self.rest.get_json("system_status") or {}
        env, settings = status.get("environment") or {}, status.get("settings") or {}
        home = env.get("home_url") or self.rest.base_url.removesuffix(C.API_PATH)
        return one_store(C.PLATFORM, home, home, f"WooCommerce {env.get('version') or ''} REST v3".strip(),
                         currency=settings.get("currency"),
                         extra={"wp_version": env.get("wp_version"), "site_url": env.get("site_url")})


def tracking(c: WooConnector) -> KeptShipments:
    """Tracking items written back whole into the order's meta, each added one told in a note."""
    async def told(order: Record, item: Record) -> None:
        await E.NOTES.add(c.rest, M.note(M.tracking_note(item), True), {"order_id": order["id"]})

    return KeptShipments(E.SHIPMENTS, c.backend(E.ORDER), E.TRACKING.read, E.TRACKING.write,
                         blank=E.TRACKING_BLANK, added=told)


#: The child lists, shipments, images, category links and variants of the kit, declared.
WooConnector.handwritten = {**HANDWRITTEN, **attach(
    WooConnector, *E.CHILDREN, *E.SHIPMENTS.served(tracking, lambda c: tracking(c).order, deletes=True),
    E.IMAGES, E.CATEGORIES, E.VARIANTS, Listed("tax.class.list", E.TAX_CLASSES, M.TAX_CLASS.read),
    Posts("order.refund.add", E.ORDER, "order_id", "orders/{id}/refunds", M.refund_body, "refund_id",
          REFUND),
    # returns are refunds: one status (refunded, final), never updated, deleted for good
    M.RETURN_STATUSES, FinalReturns("WooCommerce", M.FINAL), DeletesReturn(E.REFUNDS, {"force": True}),
    Listed("cart.shipping_zones.list", E.ZONES, M.zone, under=E.LOCATIONS),
    Picked("tax.class.info", E.TAX_CLASSES, M.TAX_CLASS.read, "tax_class_id", under=E.RATES),  # by slug
    FixedStatuses("order.status.list", "cart_order_statuses", M.STATUSES,
                  frozenset({E.USER_STATUSES})),  # no merchant's own to leave out
    BookAdd(M.BOOK),  # a customer's two addresses: ``types`` names which ones it becomes
    UpdateAdds(E.ORDER, "admin_comment", E.NOTES, M.note),  # the staff's comments are notes
    shipping.SERVICES)}  # live shipping: the connector plugin's method in each zone
declare(WooConnector)
