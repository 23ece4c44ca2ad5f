"""The contract parameters WooCommerce's hand-written methods apply (the declared ones apply
what :mod:`.entities` declares); any other is refused with 109 (``test_params_audit.py``).
"""

from __future__ import annotations

from anycart.platforms.kit import shipments
from anycart.platforms.kit.fields import writable

from . import mapping as M

HANDWRITTEN: dict[str, frozenset[str]] = {"cart.info": frozenset()}
#: order.refund.add's (posted under the order, ``kit.collection.Posts``).
REFUND = frozenset({"items", "total_price", "shipping_price", "fee_price", "message",
                    "item_restock", "is_online"})

#: The one store a site is.
SAME_AS_DEFAULT = {"store_id": {"1"}}

#: Keys applied inside list-of-objects parameters (``applied.refuse_nested``).
NESTED = {
    "order.add": {"order_item": dict.fromkeys({*writable(M.ORDER_ITEM), "order_item_price"})},
    "order.refund.add": {"items": dict.fromkeys(("order_product_id", "quantity", "price"))},
    "product.variant.add": {"attributes": dict.fromkeys(("attribute_name", "attribute_value"))},
    **shipments.NESTED,
}
