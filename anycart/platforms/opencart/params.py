"""Which contract parameters the OpenCart driver applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.
The reads (list/count/info/find) apply what their declarations in :mod:`.entities` map; the
writes and the odd reads are listed here.

``store_id`` is applied where the driver reads it (orders); elsewhere only the default store
``0`` is served, so ``store_id=0`` counts as not given. Keep each set in step with the
handler it names: ``tests/bridge/opencart/test_params.py`` calls every method with every
parameter left out here and expects 109.
"""

from __future__ import annotations

from collections.abc import Collection

from anycart.platforms.applied import Nested
from anycart.platforms.bridge import assignments
from anycart.platforms.bridge.address import BOOK_PREFIX
from anycart.platforms.bridge.sqlentity import applied_by

from . import returns as R
from . import writes as W
from .entities import ENTITIES
from .orders import OpenCartOrderAdd
from .writers import WRITERS

_ADDRESS_BOOK = W.ADDRESS.names() | W.PLACES[False].names() | {"default"}

_OTHERS: dict[str, Collection[str]] = {
    "cart.info": set(),
    "product.image.add": {"product_id", "type", "image_name", "url", "content", "position"},
    "product.image.delete": {"product_id", "id"},
    "customer.address.add": _ADDRESS_BOOK | {"customer_id"},
    "order.add": OpenCartOrderAdd.applied(),
    "order.update": {"order_id", "order_status", "comment", "admin_comment", "send_notifications"},
    # The store's statuses are all its own ("user defined"): they are always listed.
    "order.status.list": {"allow_user_defined_order_statuses"},
    "order.shipment.add": {"order_id", "tracking_numbers", "shipment_provider"},
    "order.shipment.tracking.add": {"order_id", "shipment_id", "tracking_number", "carrier_id",
                                    "tracking_provider"},
    **R.DECLARED_APPLIED,
}
APPLIED: dict[str, frozenset[str]] = {**applied_by(ENTITIES), **assignments.APPLIED,
                                      **{m: a for w in WRITERS for m, a in w.applied().items()},
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
