"""Which contract parameters the PrestaShop driver applies, per method (see
:func:`anycart.platforms.applied.guard`): any other one given is refused with 109 naming it.
The reads (list/count/info/find) apply what their declarations in :mod:`.entities` map; the
writes and the other methods are listed here.

``store_id`` and ``lang_id`` are applied only where the handler reads them; ``store_id=0`` (the
store ``cart.info`` lists) counts as not given elsewhere. ``tests/bridge/test_params_audit.py``
calls every method with every parameter left out here and expects 109.
"""

from __future__ import annotations

from anycart.platforms.applied import Nested
from anycart.platforms.bridge.assignments import APPLIED as ASSIGNED
from anycart.platforms.bridge.columns import written
from anycart.platforms.bridge.sqlentity import applied_by
from anycart.platforms.bridge.stockrows import PARAMS as STOCK

from . import refunds as F
from . import returns as R
from . import writes as W
from .entities import ENTITIES, SPECIALS
from .order_add import PrestaShopOrderAdd

_SHOP = {"store_id"}
_LANG = {"lang_id"}
#: What product/customer/category add and update write (all others: 109): the parameters
#: their column declarations in :mod:`.writes` map, and those the handlers read themselves.
_PRODUCT_FIELDS = written(W.PRODUCT_COLUMNS) | SPECIALS.params | {"categories_ids"}
_PRODUCT_ADD = _PRODUCT_FIELDS | {"category_id", "created_at", "type"}
_PRODUCT_UPDATE = _PRODUCT_FIELDS | STOCK | {"id"}
_CUSTOMER_FIELDS = written(W.CUSTOMER_COLUMNS) | {"password", "group", "group_id", "group_ids"}
_CUSTOMER_ADD = _CUSTOMER_FIELDS | {"created_time", "modified_time", "address"}
_CUSTOMER_UPDATE = _CUSTOMER_FIELDS | {"id"}
_CATEGORY_FIELDS = written(W.CATEGORY_COLUMNS) | {"parent_id", "modified_time"}
_CATEGORY_ADD = _CATEGORY_FIELDS | {"created_time"}
_CATEGORY_UPDATE = _CATEGORY_FIELDS | {"id"}
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
    "category.add": _CATEGORY_ADD | _SHOP | _LANG,
    "category.update": _CATEGORY_UPDATE | _SHOP | _LANG,
    "category.delete": {"id"},
    "customer.add": _CUSTOMER_ADD | _SHOP,
    "customer.update": _CUSTOMER_UPDATE,
    "customer.delete": {"id"},
    "customer.address.add": _ADDRESS_ADD,
    "order.add": PrestaShopOrderAdd.applied(),
    "order.update": _ORDER_UPDATE | _SHOP,
    "order.shipment.add": _SHIPMENT_ADD | _SHOP,
    "order.shipment.tracking.add": _TRACKING_ADD | _SHOP,
    "order.status.list": {"allow_user_defined_order_statuses"},
    "product.add": _PRODUCT_ADD | _SHOP | _LANG,
    "product.update": _PRODUCT_UPDATE | _SHOP | _LANG,
    "product.delete": {"id"},
    "product.image.add": _IMAGE_ADD | _SHOP | _LANG,
    "product.image.delete": {"id", "product_id"},
    "product.option.list": {"product_id"} | _SHOP | _LANG,
    **R.DECLARED_APPLIED,
    **F.APPLIED,
}.items()} | ASSIGNED | applied_by(ENTITIES)

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
