"""Where the kit's declarations reach a Shift4Shop store: :func:`catalog` (a product's option
sets, advanced options and images under ``Products/{id}``, for ``kit.options``,
``kit.variants`` and ``kit.images``) and :func:`shipments` (an order's shipments under
``Orders/{id}/Shipments``, its lines moved into one through ``Orders/{id}/Items``, for
``kit.shipments``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from anycart.platforms.kit import RestClient
from anycart.platforms.kit.catalog import Catalog
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.shipments import HeldShipments

from . import entities as E
from .client import records


def _under(kind: str, label: str, **more: Any) -> Resource:
    return Resource("Products/{product_id}/" + kind, "", label=label, parent="Product",
                    suffix="", **more)


def catalog(rest: RestClient) -> Catalog:
    """Advanced option codes are option ids joined by commas, kept as they are in a path."""
    return Catalog(records(rest, E.PRODUCT), _under("Options", "Option set"),
                   _under("AdvancedOptions", "Variant", safe=",", named="{product_id}-{ident}"),
                   _under("Images", "Image"), values=E.OPTIONS.values)


#: The address keys a new shipment copies from the order's first one.
_SHIP_TO = ("ShipmentFirst", "ShipmentLast", "ShipmentAddress", "ShipmentCity", "ShipmentState",
            "ShipmentZip", "ShipmentCountry", "ShipmentCompany", "ShipmentPhone", "ShipmentEmail")


def shipments(rest: RestClient, order: Callable[[str], Awaitable[dict[str, Any]]]) -> HeldShipments:
    """Without lines, an add fills the order's open shipment (not shipped, untracked); else a
    new one, to the first one's address and in the order's status, takes the lines."""
    return HeldShipments(
        E.SHIPMENTS, rest, order, Resource("Orders/{order_id}/Shipments", "", label="Shipment",
                                           parent="Order", suffix=""),
        Resource("Orders/{order_id}/Items", "", parent="Order", suffix=""), copied=_SHIP_TO,
        from_order={"ShipmentOrderStatus": "OrderStatusID"}, reuse_open=True, batch=True)
