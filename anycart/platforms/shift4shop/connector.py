"""The Shift4Shop connector: the declared entities (``entities.py``) on the kit runner, the
kit's images, options, variants and shipments over where the store keeps them
(``Products/{id}/Options|AdvancedOptions|Images``, ``Orders/{id}/Shipments|Items``), and what no
declaration says. A product's option sets are its options, its advanced options (one per
combination of values) its variants, id ``"<CatalogID>-<AdvancedOptionCode>"``. Not served,
the REST API cannot (120): ``product.variant.add``/``.delete`` (AdvancedOptions: GET, PUT),
``product.option.delete``/``.value.delete`` (no DELETE; a PUT never removes a value),
``product.option.value.assign`` (a value lives inside its set), ``product.image.delete``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from functools import cached_property
from typing import Any, ClassVar

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.addresses import BookAdd
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.catalog import Catalog, Served
from anycart.platforms.kit.collection import PerParent, Posts
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.info import NamedStatuses, one_store
from anycart.platforms.kit.keys import AddsLinked, LinkBy, by_number
from anycart.platforms.kit.related import Related
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.rest import store_host
from anycart.platforms.kit.serve import attach
from anycart.platforms.kit.shipments import HeldShipments

from . import client as S
from . import entities as E
from . import mapping as M
from . import returns as R
from .params import HANDWRITTEN, NESTED, SAME_AS_DEFAULT


def _under(path: str, parent: str, **more: Any) -> Resource:
    return Resource(path, "", parent=parent, suffix="", **more)


def catalog(rest: RestClient) -> Catalog:
    """Advanced option codes are option ids joined by commas, kept as they are in a path."""
    return Catalog(S.records(rest, E.PRODUCT),
                   _under("Products/{product_id}/Options", "Product", label="Option set"),
                   _under("Products/{product_id}/AdvancedOptions", "Product", label="Variant", safe=",",
                          named="{product_id}-{ident}"),
                   _under("Products/{product_id}/Images", "Product", label="Image"),
                   values=E.OPTIONS.values)


def shipments(rest: RestClient, order: Callable[[str], Awaitable[dict[str, Any]]]) -> HeldShipments:
    """Without lines, an add fills the order's open shipment (not shipped, untracked); else a
    new one, to the first one's address and in the order's status, takes the lines."""
    return HeldShipments(
        E.SHIPMENTS, rest, order, _under("Orders/{order_id}/Shipments", "Order", label="Shipment"),
        _under("Orders/{order_id}/Items", "Order"),
        copied=(*M.SHIPMENT_ADDRESS.paths("Shipment"), "ShipmentEmail"),  # its address keys
        from_order={"ShipmentOrderStatus": "OrderStatusID"}, reuse_open=True, batch=True)


class Shift4ShopConnector(KitConnector):
    cart = S.PLATFORM
    entities = E.ENTITIES
    same_as_default = SAME_AS_DEFAULT
    nested = NESTED
    resolvers: ClassVar[Mapping[str, str]] = {"order": "_order"}  # by id or invoice number

    @cached_property
    def rest(self) -> RestClient:
        return S.client(self.http, self.platform.cart_id, self.store.store_url,
                        self.store.credentials, self.settings)

    def backend(self, entity: Entity) -> RestBackend:
        return S.records(self.rest, entity)

    #: Order status and customer group names (``kit.named``), read from their lists; every
    #: group's price level, for a product's group prices.
    contexts: ClassVar = {"order": {"statuses": (E.STATUSES, "OrderStatusID")},
                          "customer": {"groups": (E.GROUPS, "CustomerGroupID")},
                          "product": {"levels": (E.GROUP_LEVELS, None)}}
    by_name: ClassVar = {"order": dict.fromkeys(("order_status_ids", "order_status"), E.STATUSES)}
    #: Each order's latest RMA (its return_status): the RMA API filters by one order at a time.
    related: ClassVar = {"order": (Related("rma", "RMA", ("OrderID",), by="orderid", id_field="OrderID",
                                           each=True),)}

    #: A product's maker linked by name (created when new), an order's buyer by email.
    links: ClassVar = {"product": (LinkBy(E.MAKER, "product.manufacturer", "manufacturer",
                                          create=True),),
                       "order": (LinkBy(E.BUYER, "customer", "email", unless="is_guest"),)}

    # -- store -----------------------------------------------------------------------------
    async def check_connection(self) -> None:
        if not self.store.store_url:
            raise ApiError.required("store_url")
        await self.backend(E.PRODUCT).count({"limit": 1})

    async def cart_info(self, call: Call) -> dict[str, Any]:
        host = store_host(self.store.store_url)
        return one_store(S.PLATFORM, host, "https://" + host, "REST API v1",
                         extra={"order_statuses": await E.STATUSES.names(self, self.read_named)})

    # -- orders ----------------------------------------------------------------------------
    async def _order(self, oid: Any) -> dict[str, Any]:
        """An order by OrderID, or by its invoice number (``AB-1005`` or ``1005``)."""
        return await by_number(self.backend(E.ORDER), oid, "Order", "invoicenumber",
                               "invoiceprefix")


#: The images, options, child items, shipments, transactions, the address book and status
#: lists of the kit, over this store's requests.
Shift4ShopConnector.handwritten = {**HANDWRITTEN, **attach(
    Shift4ShopConnector,
    Served(lambda c: catalog(c.rest), E.GALLERY, E.OPTIONS, E.VARIANTS, S.PLATFORM,
           E.CHILD_FILTERS, M.parse_date),
    *E.SHIPMENTS.served(lambda c: shipments(c.rest, c._order), "_order"),
    # a manufacturer; given a product_id, that product's too
    AddsLinked("product.manufacturer.add", E.MANUFACTURER, "product", "ManufacturerID", "manufacturer_id",
               required=("manufacturer",)),
    PerParent("order.transaction.list", Resource("Orders/{order_id}/Transactions", "", suffix=""),
              "order_ids", M.TRANSACTION, "transactions"),
    BookAdd(M.BOOK),
    NamedStatuses("order.status.list", "cart_order_statuses", E.STATUSES,
                  frozenset({M.USER_STATUSES})),  # the merchant's own statuses are listed too
    Posts("order.refund.add", E.ORDER, "order_id", "Orders/{OrderID}/Transactions", R.refund,
          "refund_id", R.REFUND),
    *R.METHODS)}  # RMAs on the kit's return state machine, reasons and methods
declare(Shift4ShopConnector)
