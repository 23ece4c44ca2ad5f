"""The BigCommerce connector: the declarations of :mod:`.entities` on the kit, and what none
says: the store, an order's lines and shipping addresses read with it, v2 shipments (one
tracking number each), a customer's address. Customers, their addresses and the shop-wide
variant list have no path per record (:class:`~anycart.platforms.kit.batched.BatchBackend`).

Not served (the gateway answers 120): order creation and refunds (a checkout and payments
are not modelled here), returns, option and modifier writes, taxes, carts.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from typing import Any, ClassVar

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit import RestClient
from anycart.platforms.kit import fields as F
from anycart.platforms.kit import nested as N
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.batched import BatchBackend
from anycart.platforms.kit.collection import Changes, Deletes
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.info import NamedStatuses, one_store
from anycart.platforms.kit.keys import AddsLinked
from anycart.platforms.kit.serve import Methods, attach
from anycart.platforms.kit.shipments import left_to_ship
from anycart.platforms.kit.totals import TotalBackend

from . import client as C
from . import entities as E
from . import mapping as M
from .params import HANDWRITTEN, NESTED, SAME_AS_DEFAULT, SHIPMENT

Record = dict[str, Any]
#: The paths v2 serves (the rest is v3).
V2 = ("orders", "order_statuses", "coupons")


class BigCommerceConnector(KitConnector):
    cart = C.PLATFORM
    entities = E.ENTITIES
    same_as_default = SAME_AS_DEFAULT
    nested = NESTED
    hooks = E.HOOKS
    probe = ("catalog/products", {"limit": 1, "include_fields": "id"})
    #: Brand names for products, status names for orders (``kit.named``).
    contexts: ClassVar = {"product": {"brands": (E.BRANDS, "brand_id")},
                          "order": {"statuses": (E.STATUSES, None)}}
    by_name: ClassVar = {"order": dict.fromkeys(("order_status", "order_status_ids"), E.STATUSES)}
    links: ClassVar = {"product": (E.MAKER,)}

    @cached_property
    def rest(self) -> RestClient:
        return C.client(self.http, self.store.credentials, self.settings)

    @cached_property
    def v2(self) -> RestClient:
        return C.client(self.http, self.store.credentials, self.settings, "v2")

    def backend(self, entity: Entity) -> RestBackend:
        if entity.path.startswith(V2):
            return RestBackend(self.v2, entity, C.V2_PAGES, numeric_ids=True,
                               count_path=f"{entity.path}/count" if entity in (E.ORDER, E.COUPON) else None)
        if entity in (E.CUSTOMER, E.ADDRESS, E.VARIANT):
            return BatchBackend(self.rest, entity, C.PAGES, numeric_ids=True, reply="data",
                                ids_param="id" if entity is E.VARIANT else "id:in",
                                defaults={"include": "addresses"} if entity is E.CUSTOMER else {})
        include = E.PRODUCT_INCLUDE if entity is E.PRODUCT else None
        return TotalBackend(self.rest, entity, C.PAGES, one="data", reply="data", numeric_ids=True,
                            get_query=include, defaults=include or {})

    async def context(self, entity: Entity, records: list[Record]) -> Mapping[str, Any]:
        """An order's lines and shipping addresses, read with it (v2 keeps them apart)."""
        if entity is E.ORDER:
            async def parts(o: Record) -> None:
                names = {"order_id": o["id"]}
                o["_lines"] = await E.LINES.all(self.v2, names)
                o["_ship_to"] = await E.SHIP_TO.all(self.v2, names)
            await self.gather(parts(o) for o in records if "_lines" not in o)
        return await super().context(entity, records)

    async def complete(self, entity: Entity, call: Call, body: Record) -> Record:
        """A new product is physical, of weight 0, unless told (BigCommerce requires both);
        a new address is a known customer's (112 for another); a stock changed by
        ``increase_quantity`` stays a whole number (7.0 is refused)."""
        if call.method == "product.add":
            body = {"type": "physical", "weight": 0, **body}
        elif entity is E.ADDRESS:
            await self.runner(E.CUSTOMER).one(body["customer_id"])
        if isinstance(level := body.get("inventory_level"), float) and level.is_integer():
            body["inventory_level"] = int(level)
        return await super().complete(entity, call, body)

    # -- store -----------------------------------------------------------------------------
    async def cart_info(self, call: Call) -> dict[str, Any]:
        hash_ = C.context(self.store.credentials).removeprefix("stores/")
        url = self.store.store_url or C.storefront(self.store.credentials)
        return one_store(C.PLATFORM, hash_, url, "REST v3 (orders v2)",
                         extra={"store_hash": hash_,
                                "order_statuses": await E.STATUSES.names(self, self.read_named)})

    # -- orders and shipments --------------------------------------------------------------
    async def order(self, oid: Any) -> Record:
        """An order with its lines, shipping addresses and shipments."""
        order = await self.runner(E.ORDER).one(oid)
        await self.context(E.ORDER, [order])
        return {**order, "_shipments": await E.SHIPMENTS.all(self.v2, {"order_id": order["id"]})}

    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        """The lines given (all those not shipped yet, else), to the address they go to;
        BigCommerce ships no more than a line has left (API2Cart's 113 and 107)."""
        order = await self.order(call.require("order_id"))
        picked = left_to_ship(order["_lines"], "id", "quantity", "quantity_shipped",
                              call.params.get("items") or [])
        address = picked[0][0].get("order_address_id") or (order["_ship_to"] or [{}])[0].get("id")
        body = {**M.shipment_body(call.params), "order_address_id": address,
                "items": [{"order_product_id": li["id"], "quantity": int(q)} for li, q in picked]}
        created = await E.SHIPMENTS.add(self.v2, body, {"order_id": order["id"]})
        return {"shipment_id": str(created.get("id"))}

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        """The tracking number and its carrier of a shipment that has none (a v2 shipment
        keeps one: a second is 109)."""
        names = {"order_id": call.require("order_id")}
        sid, number = call.require("shipment_id"), str(call.require("tracking_number"))
        current = await E.SHIPMENTS.get(self.v2, sid, names)
        if current.get("tracking_number") not in (None, "", number):
            raise ApiError.invalid("tracking_number", "absent: a BigCommerce shipment keeps one "
                                   f"tracking number, and this one has {current['tracking_number']}")
        body = M.shipment_body({**call.params, "tracking_numbers": [
            {"tracking_number": number, "carrier_id": call.params.get("carrier_id")}]})
        await E.SHIPMENTS.change(self.v2, sid, body, names)
        return {"shipment_tracking_id": 1}


class _Variants:
    """Variant writes under the product; an add names option values by name and label,
    and BigCommerce is given their ids too, read from the product."""

    def methods(self) -> Methods:
        methods = dict(E.VARIANTS.methods())
        applied = methods["product.variant.add"][1]

        async def add(c: BigCommerceConnector, call: Call) -> Any:
            product = await c.runner(E.PRODUCT).one(call.require("product_id"))
            params = {**call.params, "attributes": M.option_values(call.params.get("attributes"), product)}
            return await E.VARIANTS.add(c, Call(call.method, params, call.start, call.count, call.extra))

        return {**methods, "product.variant.add": (add, applied)}


#: Child lists, writes and status lists of the kit, declared.
BigCommerceConnector.handwritten = {**HANDWRITTEN, **attach(
    BigCommerceConnector, _Variants(), E.CATEGORIES, E.IMAGES,
    Changes("product.image.update", E.IMAGES.resource, lambda p: F.body(M.IMAGE_WRITE, p),
            F.writable(M.IMAGE_WRITE), {"updated": "true"}),
    # a brand; given a product_id, that product's brand too
    AddsLinked("product.manufacturer.add", E.BRAND, "product", "brand_id", "manufacturer_id",
               required=("manufacturer",)),
    N.Children("order.shipment", "_shipments", "Shipment", ("order_id",), "order_id", "order",
               lambda o, s: M.SHIPMENT.one(s).to_wire(), plural="shipments"),
    Changes("order.shipment.update", E.SHIPMENTS, M.shipment_body, SHIPMENT, client="v2", param="shipment_id"),
    Deletes("order.shipment.delete", E.SHIPMENTS, {"deleted_items": 1}, client="v2", param="shipment_id"),
    NamedStatuses("order.status.list", "cart_order_statuses", E.STATUSES,
                  frozenset({E.USER_STATUSES})))}
declare(BigCommerceConnector)
