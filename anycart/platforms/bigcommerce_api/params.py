"""The contract parameters BigCommerce's hand-written methods apply (any other is 109, see
:func:`anycart.platforms.applied.guard`); the declared ones apply what :mod:`.entities` declares."""

from __future__ import annotations

from anycart.platforms.kit import shipments

#: Shipment keys a v2 shipment has (one tracking number, one carrier).
SHIPMENT = frozenset({"tracking_numbers", "shipment_provider", "tracking_provider", "tracking_link",
                      "admin_comment"})

HANDWRITTEN: dict[str, frozenset[str]] = {name: frozenset(names) for name, names in {
    "cart.info": set(),
    "order.shipment.add": {"order_id", "items", "shipping_method", *SHIPMENT},
    "order.shipment.tracking.add": {"order_id", "shipment_id", "tracking_number",
                                    "tracking_provider", "carrier_id", "tracking_link"},
}.items()}

#: The one store a BigCommerce store is.
SAME_AS_DEFAULT = {"store_id": {"1"}}

#: Keys applied inside list-of-objects parameters (``applied.refuse_nested``).
NESTED = {
    "product.variant.add": {"attributes": dict.fromkeys(("attribute_name", "attribute_value"))},
    **shipments.NESTED,
}
