"""The contract parameters PrestaShop's hand-written methods apply (see
:func:`anycart.platforms.applied.guard`); the declared ones apply what :mod:`.entities`
declares. Any other parameter given is refused with 109 naming it:
``tests/platforms/test_params_audit.py`` calls every method with every parameter left out and
expects 109.
"""

from __future__ import annotations

from . import entities as E

#: Stock is a record of its own (``stock_availables``): product.add and .update write it after.
_STOCK = frozenset({"quantity"})

HANDWRITTEN: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "product.add": E.PRODUCT.applied("add") | _STOCK,
    "product.update": E.PRODUCT.applied("update") | _STOCK | {"increase_quantity", "reduce_quantity"},
    "product.variant.update": E.VARIANT.applied("update"),
    "product.variant.delete": E.VARIANT.applied("delete"),
    "order.update": {"order_id", "store_id", "order_status", "send_notifications"},
    "order.shipment.tracking.add": {"order_id", "shipment_id", "tracking_number", "store_id"},
    "product.option.list": {"product_id", "store_id", "lang_id"},
    "order.shipment.add": {"order_id", "tracking_numbers", "store_id"},
    "order.status.list": {"store_id", "allow_user_defined_order_statuses"},
}.items()}

#: Shop 1 is what a one-shop PrestaShop serves anyway.
SAME_AS_DEFAULT: dict[str, set[str]] = {}
