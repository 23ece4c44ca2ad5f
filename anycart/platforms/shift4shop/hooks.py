"""The requests the kit's declarations make of a Shift4Shop store, where they do not fit a
declaration: :class:`Catalog` (products, for ``kit.options``, ``kit.variants`` and
``kit.images``) and :class:`Orders` (orders by id or invoice number and their shipments,
for ``kit.shipments``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.kit.entities import Query
from anycart.platforms.kit.keys import split_number

from .capabilities import batch_limit
from .client import Shift4ShopClient, created_id, valid_id


class Catalog:
    """A store's products as the kit's option, variant and image methods read and write them
    (``kit.options.OptionStore``, ``kit.variants.VariantStore``, ``kit.images.ImageStore``)."""

    page_size = batch_limit("Products")

    def __init__(self, client: Shift4ShopClient) -> None:
        self.client = client

    async def product(self, product_id: str) -> dict[str, Any]:
        return await self.client.get_one(f"Products/{product_id}", "Product", product_id)

    async def get(self, product_id: str) -> dict[str, Any] | None:
        found = await self.client.get_list(f"Products/{product_id}") if valid_id(product_id) else []
        return found[0] if found else None

    def products(self, query: Query) -> AsyncIterator[list[dict[str, Any]]]:
        return self.client.walk("Products", query)

    async def by_sku(self, sku: str) -> list[dict[str, Any]]:
        return await self.client.get_list("Products", {"sku": sku})

    async def add_set(self, product_id: str, body: dict[str, Any]) -> str:
        return created_id(await self.client.write("POST", f"Products/{product_id}/Options", [body],
                                                  "Product", product_id))

    async def put_values(self, product_id: str, option_id: str, values: list[dict[str, Any]]) -> None:
        await self.client.write("PUT", f"Products/{product_id}/Options/{option_id}",
                                {"OptionList": values}, "Product", product_id)

    async def read_set(self, product_id: str, option_id: str) -> dict[str, Any] | None:
        found = await self.client.get_list(f"Products/{product_id}/Options/{option_id}")
        return found[0] if found else None

    async def put_product(self, product_id: str, body: dict[str, Any]) -> None:
        await self.client.write("PUT", f"Products/{product_id}", body, "Product", product_id)

    async def add_image(self, product_id: str, body: dict[str, Any]) -> str:
        return created_id(await self.client.write("POST", f"Products/{product_id}/Images", [body],
                                                  "Product", product_id))

    async def put_image(self, product_id: str, image_id: str, body: dict[str, Any]) -> None:
        await self.client.write("PUT", f"Products/{product_id}/Images/{image_id}", body, "Image",
                                image_id)

    async def put(self, product_id: str, code: str, body: dict[str, Any]) -> None:
        """PUT one advanced option; its 404 is an unknown product or an unknown code."""
        try:
            await self.client.write("PUT", f"Products/{product_id}/AdvancedOptions/"
                                    f"{quote(code, safe=',')}", body, "Product", product_id)
        except ApiError as err:
            if err.code != ReturnCode.NOT_FOUND or not await self.get(product_id):
                raise
            raise ApiError.not_found("Variant", f"{product_id}-{code}") from None


#: The address keys a new shipment copies from the order's first one.
_SHIP_TO = ("ShipmentFirst", "ShipmentLast", "ShipmentAddress", "ShipmentCity", "ShipmentState",
            "ShipmentZip", "ShipmentCountry", "ShipmentCompany", "ShipmentPhone", "ShipmentEmail")


class Orders:
    """A store's orders as the kit's shipment methods read and write them
    (``kit.shipments.ShipmentStore``)."""

    def __init__(self, client: Shift4ShopClient) -> None:
        self.client = client

    async def order(self, order_id: str) -> dict[str, Any]:
        """An order by OrderID, or by its invoice number (``AB-1005`` or ``1005``)."""
        text = str(order_id).strip()
        if text.isdecimal() and (found := await self.client.get_list(f"Orders/{text}")):
            return found[0]
        prefix, number = split_number(text)
        if number:
            query = {"invoicenumber": number, **({"invoiceprefix": prefix} if prefix else {})}
            if found := await self.client.page("Orders", query, 0, 1):
                return found[0]
        raise ApiError.not_found("Order", order_id)

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
        sid = created_id(await self.client.write("POST", f"Orders/{oid}/Shipments", [new],
                                                 "Order", oid))
        moved = [{"ItemIndexID": int(i), "ItemShipmentID": int(sid)} for i in lines if i.isdecimal()]
        if moved:
            await self.client.write("PUT", f"Orders/{oid}/Items", moved, "Order", oid)
        return sid

    async def put(self, order: dict[str, Any], shipment_id: str, body: dict[str, Any]) -> None:
        await self.client.write("PUT", f"Orders/{order.get('OrderID')}/Shipments/{shipment_id}",
                                body, "Shipment", shipment_id)
