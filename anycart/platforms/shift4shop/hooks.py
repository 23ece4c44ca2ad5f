"""The requests the kit's declarations make of a Shift4Shop store: :data:`CATALOG` (a
product's option sets, advanced options and images under ``Products/{id}``, for
``kit.options``, ``kit.variants`` and ``kit.images``), and what does not fit a declaration:
:class:`Orders`, the orders by id or invoice number and their shipments (``kit.shipments``).
"""

from __future__ import annotations

from typing import Any

from anycart.platforms.kit import RestClient
from anycart.platforms.kit.catalog import Catalog
from anycart.platforms.kit.keys import by_number
from anycart.platforms.kit.resource import Resource

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


SHIPMENTS = Resource("Orders/{order_id}/Shipments", "", label="Shipment", parent="Order",
                     suffix="")
#: The address keys a new shipment copies from the order's first one.
_SHIP_TO = ("ShipmentFirst", "ShipmentLast", "ShipmentAddress", "ShipmentCity", "ShipmentState",
            "ShipmentZip", "ShipmentCountry", "ShipmentCompany", "ShipmentPhone", "ShipmentEmail")


class Orders:
    """A store's orders as the kit's shipment methods read and write them
    (``kit.shipments.ShipmentStore``)."""

    def __init__(self, rest: RestClient) -> None:
        self.rest = rest

    async def order(self, order_id: str) -> dict[str, Any]:
        """An order by OrderID, or by its invoice number (``AB-1005`` or ``1005``)."""
        return await by_number(records(self.rest, E.ORDER), order_id, "Order", "invoicenumber",
                               "invoiceprefix")

    async def add(self, order: dict[str, Any], body: dict[str, Any], lines: list[str]) -> str:
        """Without lines, the order's open shipment (not shipped, untracked) takes ``body``;
        else a new one (to the first one's address) is added and the lines moved into it."""
        oid, ships = order.get("OrderID"), order.get("ShipmentList") or []
        open_ = [s for s in ships if not s.get("ShipmentTrackingCode")
                 and not s.get("ShipmentShippedDate")]
        if open_ and not lines:
            sid = str(open_[0].get("ShipmentID"))
            await self.put(order, sid, body)
            return sid
        new = {k: v for k, v in (ships[0] if ships else {}).items() if k.startswith(_SHIP_TO)}
        new.update(body, ShipmentOrderStatus=order.get("OrderStatusID") or 1)
        sid = str((await SHIPMENTS.add(self.rest, [new], {"order_id": oid}))[SHIPMENTS.id_field])
        moved = [{"ItemIndexID": int(i), "ItemShipmentID": int(sid)} for i in lines if i.isdecimal()]
        if moved:
            await self.rest.request("PUT", f"Orders/{oid}/Items", json=moved, entity="Order",
                                    ident=oid)
        return sid

    async def put(self, order: dict[str, Any], shipment_id: str, body: dict[str, Any]) -> None:
        await SHIPMENTS.change(self.rest, shipment_id, body, {"order_id": order.get("OrderID")})
