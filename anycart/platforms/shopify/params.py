"""The contract parameters Shopify's hand-written methods apply (see
:func:`anycart.platforms.applied.guard`); the declared ones apply what :mod:`.entities`
declares. Any other parameter given is refused with 109 naming it:
``tests/platforms/test_params_audit.py`` calls every method with every parameter left out and
expects 109.
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
