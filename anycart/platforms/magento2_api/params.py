"""The contract parameters Magento's hand-written methods apply (the declared ones apply what
:mod:`.entities` declares; :func:`anycart.platforms.applied.guard` refuses any other with 109)."""

from __future__ import annotations

from . import coupons, returns
from . import mapping as M

_ADDRESS = {f.params[0] for f in M.ADDRESS_WRITE}

HANDWRITTEN: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "product.image.delete": {"product_id", "id"},
    "customer.address.add": {"customer_id", "address1", "address2", "state", "default", *_ADDRESS},
    "cart.coupon.add": coupons.ADD_PARAMS,
    "order.update": {"order_id", "order_status", "comment", "send_notifications", "create_invoice"},
}.items()}

#: Store ``0`` is Magento's global scope: what a call naming no store view reads and writes.
SAME_AS_DEFAULT = {"store_id": {"0"}}

_LINES = dict.fromkeys(("order_product_id", "quantity"))
#: Keys applied inside list-of-objects parameters (``applied.refuse_nested``).
NESTED = {
    "order.shipment.add": {"items": _LINES, "tracking_numbers": dict.fromkeys(("tracking_number",))},
    "order.refund.add": {"items": _LINES}, **returns.NESTED,
}
