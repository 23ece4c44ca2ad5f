"""The contract parameters the driver applies per method (:func:`anycart.platforms.applied.guard`;
any other is 109): the reads' from their declarations, the rest listed here. One store and one
language: ``store_id`` and ``lang_id`` are applied nowhere (``store_id=0`` counts as not given).
"""

from __future__ import annotations

from collections.abc import Set

from anycart.platforms.applied import Nested
from anycart.platforms.bridge.declared import applied_of
from anycart.platforms.bridge.sqlentity import applied_by

from . import writes as W
from .entities import CATEGORIES, ENTITIES, IMAGES
from .order_add import WooOrderAdd
from .refunds import DECLARED as REFUNDS
from .refunds import NESTED as REFUND_LISTS
from .shipping_services import SERVICES
from .writers import WRITERS

#: The contract parameters each write applies; any other given parameter is refused (109).
_SHIPMENT_ADD = {"order_id", "tracking_numbers", "carrier_id", "tracking_provider", "tracking_link",
                 "ship_date", "shipment_provider"}
_TRACKING_ADD = {"order_id", "shipment_id", "carrier_id", "tracking_provider", "tracking_number",
                 "tracking_link"}
_ADDRESS_ADD = {"customer_id", "types", *W.ADDRESS.names()}
_ADDRESS_KEYS = (*sorted(W.ADDRESS.names()), "type")
#: customer.add/update address entries: the contract's address_book_* keys (and bare ones).
_ADDRESS_BOOK = dict.fromkeys((*(f"address_book_{k}" for k in _ADDRESS_KEYS), *_ADDRESS_KEYS))
_ORDER_UPDATE = {"order_id", "order_status", "comment", "admin_comment", "admin_private_comment"}

_OTHERS: dict[str, Set[str]] = {
    "cart.info": set(),
    "customer.address.add": _ADDRESS_ADD,
    "customer.group.list": {"group_ids"},
    "order.add": WooOrderAdd.applied(),
    "order.update": _ORDER_UPDATE,
    "order.shipment.info": {"id", "order_id"},
    "order.shipment.list": {"order_id"},
    "order.shipment.add": _SHIPMENT_ADD,
    "order.shipment.tracking.add": _TRACKING_ADD,
    "order.status.list": {"allow_user_defined_order_statuses"},
    "product.option.list": {"product_id"},
    "return.status.list": set(),
}
APPLIED: dict[str, frozenset[str]] = {**applied_by(ENTITIES), **CATEGORIES.written(), **IMAGES.written(),
                                      **{name: frozenset(names) for name, names in _OTHERS.items()},
                                      **applied_of(*WRITERS, REFUNDS, SERVICES)}

#: Values that mean "what the driver does anyway".
SAME_AS_DEFAULT = {"store_id": {"0"}}

#: Keys applied inside list-of-objects parameters (None: a value; a mapping: a list under it).
NESTED: dict[str, dict[str, Nested]] = {
    "customer.add": {"address": _ADDRESS_BOOK},
    "customer.update": {"address": _ADDRESS_BOOK},
    "order.add": WooOrderAdd.nested(),
    **REFUND_LISTS,
}
