"""Which contract parameters the PrestaShop driver applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.
Reads apply what :mod:`.entities` maps, declared methods (writers, returns, refunds,
assignments) what they declare; the rest are listed here. ``store_id`` and ``lang_id`` are
applied only where the handler reads them; ``store_id=0`` (the store ``cart.info`` lists)
counts as not given elsewhere.
"""

from __future__ import annotations

from anycart.platforms.applied import Nested
from anycart.platforms.bridge.columns import written
from anycart.platforms.bridge.declared import applied_of
from anycart.platforms.bridge.listings import Listing
from anycart.platforms.bridge.sqlentity import applied_by
from anycart.platforms.bridge.tracking import OneTracking

from . import refunds as F
from . import returns as R
from . import writes as W
from .entities import ENTITIES, ORDERS, SHIPMENTS
from .order_add import PrestaShopOrderAdd
from .shop import ORDER_STATES
from .writers import ASSIGNMENT, WRITERS

#: The methods declared on the connector (:meth:`~anycart.platforms.bridge.connector.BridgeConnector.declare`).
DECLARED = (*WRITERS, ASSIGNMENT, R.DECLARED, F.DECLARED, Listing(
    ORDER_STATES, "cart_order_statuses", {"allow_user_defined_order_statuses"}),
    # an order_carrier row holds one tracking number (add a shipment for another)
    OneTracking("PrestaShop", SHIPMENTS, ORDERS, "order_carrier", "id_order_carrier", "id_order",
                keep=True, size=64))
_SHOP, _LANG = {"store_id"}, {"lang_id"}
#: Keys read inside list parameters (others: 109 naming ``address[0][key]``).
_ADDRESS_BOOK: Nested = dict.fromkeys(W.ADDRESS.names("address_book_"))
_SHIPMENT_LISTS: dict[str, Nested] = {"items": dict.fromkeys(("order_product_id", "quantity")),
                   "tracking_numbers": dict.fromkeys(("carrier_id", "tracking_number"))}

APPLIED: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "customer.address.add": {"customer_id", *W.ADDRESS.names()},
    "order.add": PrestaShopOrderAdd.applied(),
    "order.update": written(W.ORDER_COLUMNS) | _SHOP | {
        "order_id", "order_status", "comment", "admin_comment", "date_modified"},
    "order.shipment.add": {"order_id", "items", "tracking_numbers", "weight"} | _SHOP,
    "product.delete": {"id"},
    "product.image.add": {"product_id", "type", "url", "content", "image_name", "label",
                          "position"} | _SHOP | _LANG,
    "product.image.delete": {"id", "product_id"},
    "product.option.list": {"product_id"} | _SHOP | _LANG,
}.items()} | applied_by(ENTITIES) | applied_of(*DECLARED)

#: Values that mean "what the driver does anyway".
SAME_AS_DEFAULT = {"store_id": {"0"}}

#: Keys applied inside list-of-objects parameters (None: a value; a mapping: a list under it).
NESTED: dict[str, dict[str, Nested]] = {
    "customer.add": {"address": _ADDRESS_BOOK},
    "order.add": PrestaShopOrderAdd.nested(),
    "order.shipment.add": _SHIPMENT_LISTS,
    **R.NESTED,
    **F.NESTED,
}
