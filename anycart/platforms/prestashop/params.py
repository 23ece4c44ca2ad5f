"""Which contract parameters the PrestaShop driver applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.
The reads (list/count/info/find) apply what their declarations in :mod:`.entities` map, the
product/category/customer writes what :mod:`.writers` declares; the other methods are listed
here.

``store_id`` and ``lang_id`` are applied only where the handler reads them; ``store_id=0`` (the
store ``cart.info`` lists) counts as not given elsewhere. ``tests/bridge/test_params_audit.py``
calls every method with every parameter left out here and expects 109.
"""

from __future__ import annotations

from anycart.platforms.applied import Nested
from anycart.platforms.bridge.assignments import APPLIED as ASSIGNED
from anycart.platforms.bridge.columns import written
from anycart.platforms.bridge.sqlentity import applied_by

from . import refunds as F
from . import returns as R
from . import writes as W
from .entities import ENTITIES
from .order_add import PrestaShopOrderAdd
from .writers import WRITERS

_SHOP = {"store_id"}
_LANG = {"lang_id"}
_IMAGE_ADD = {"product_id", "type", "url", "content", "image_name", "label", "position"}
_SHIPMENT_ADD = {"order_id", "items", "tracking_numbers", "weight"}
_TRACKING_ADD = {"order_id", "shipment_id", "tracking_number"}
_ADDRESS_ADD = {"customer_id", *W.ADDRESS.names()}
#: Keys read inside list parameters (others: 109 naming ``address[0][key]``).
_ADDRESS_BOOK: Nested = dict.fromkeys(W.ADDRESS.names("address_book_"))
_SHIPMENT_LISTS: dict[str, Nested] = {"items": dict.fromkeys(("order_product_id", "quantity")),
                   "tracking_numbers": dict.fromkeys(("carrier_id", "tracking_number"))}
_ORDER_UPDATE = written(W.ORDER_COLUMNS) | {"order_id", "order_status", "comment", "admin_comment",
                                            "date_modified"}

APPLIED: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "customer.address.add": _ADDRESS_ADD,
    "order.add": PrestaShopOrderAdd.applied(),
    "order.update": _ORDER_UPDATE | _SHOP,
    "order.shipment.add": _SHIPMENT_ADD | _SHOP,
    "order.shipment.tracking.add": _TRACKING_ADD | _SHOP,
    "order.status.list": {"allow_user_defined_order_statuses"},
    "product.delete": {"id"},
    "product.image.add": _IMAGE_ADD | _SHOP | _LANG,
    "product.image.delete": {"id", "product_id"},
    "product.option.list": {"product_id"} | _SHOP | _LANG,
    **R.DECLARED_APPLIED,
    **F.APPLIED,
}.items()} | ASSIGNED | applied_by(ENTITIES) | {
    m: names for writer in WRITERS for m, names in writer.applied().items()}

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
