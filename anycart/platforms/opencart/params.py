"""Which contract parameters the OpenCart driver applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.
The generated reads (:mod:`.entities`) and the declared methods (:data:`DECLARED`) say what
they apply; the driver's own handlers are listed here, each set in step with its handler
(``tests/bridge/test_params_audit.py`` calls every method with every other parameter).
``store_id`` is applied where read (orders); elsewhere only the default store ``0`` is served,
so ``store_id=0`` counts as not given.
"""

from __future__ import annotations

from collections.abc import Collection

from anycart.platforms.applied import Nested
from anycart.platforms.bridge.address import BOOK_PREFIX
from anycart.platforms.bridge.declared import applied_of
from anycart.platforms.bridge.listings import Listing
from anycart.platforms.bridge.sqlentity import applied_by
from anycart.platforms.bridge.tracking import OneTracking

from . import returns as R
from . import writes as W
from .entities import ASSIGNMENT, ENTITIES, ORDERS, SHIPMENTS
from .orders import OpenCartOrderAdd
from .writers import WRITERS

_ADDRESS_BOOK = W.ADDRESS.names() | W.PLACES[False].names() | {"default"}
#: The store's statuses are all its own ("user defined"): they are always listed.
ORDER_STATUSES = Listing(W.STATUSES["order_status"], "cart_order_statuses",
                         {"allow_user_defined_order_statuses"}, extras=False)
#: An order_shipment row holds one tracking number: a new one replaces it, with its courier.
TRACKING = OneTracking("OpenCart", SHIPMENTS, ORDERS, "order_shipment", "order_shipment_id",
                       "order_id", courier="shipping_courier_id")
#: Methods run from declarations: writers, category.assign/unassign, returns, status lists,
#: order.shipment.tracking.add.
DECLARED = (*WRITERS, ASSIGNMENT, *R.DECLARED, ORDER_STATUSES, TRACKING)

_OTHERS: dict[str, Collection[str]] = {
    "cart.info": set(),
    "product.image.add": {"product_id", "type", "image_name", "url", "content", "position"},
    "product.image.delete": {"product_id", "id"},
    "customer.address.add": _ADDRESS_BOOK | {"customer_id"},
    "order.add": OpenCartOrderAdd.applied(),
    "order.update": {"order_id", "order_status", "comment", "admin_comment", "send_notifications"},
    "order.shipment.add": {"order_id", "tracking_numbers", "shipment_provider"},
}
APPLIED: dict[str, frozenset[str]] = {**applied_by(ENTITIES), **applied_of(*DECLARED),
                                      **{name: frozenset(names) for name, names in _OTHERS.items()}}

#: Values that mean "what the driver does anyway".
SAME_AS_DEFAULT = {"store_id": {"0"}}

#: Keys applied inside list-of-objects parameters (None: a value; a mapping: a list under it).
NESTED: dict[str, dict[str, Nested]] = {
    "customer.add": {"address": {f"{BOOK_PREFIX}{n}": None for n in _ADDRESS_BOOK}},
    "order.add": OpenCartOrderAdd.nested(),
    **R.NESTED,
    "order.shipment.add": {"tracking_numbers": {"carrier_id": None, "tracking_number": None}},
}
