"""The contract parameters Shopify's hand-written methods apply (the declared ones apply what
:mod:`.entities` declares); any other given is refused with 109 naming it.
"""

from __future__ import annotations

from . import gql_returns as R

HANDWRITTEN: dict[str, frozenset[str]] = {"cart.info": frozenset()}

#: The one store a shop is, and the root its flat collections hang from.
SAME_AS_DEFAULT = {"store_id": {"1"}, "parent_id": {"0"}}

NESTED = {
    "order.shipment.add": {"items": {"order_product_id": None, "quantity": None},
                           "tracking_numbers": {"tracking_number": None, "carrier_id": None}},
    **R.NESTED,
}
