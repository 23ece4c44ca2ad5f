"""Shipments posted as records of their own under their order (Shopify's fulfillments; the
same shape as BigCommerce's order shipments or Magento's ``order/<id>/ship``), declared:
:class:`Fulfillments` serves ``order.shipment.add`` and ``order.shipment.tracking.add``.

An add ships order lines with their quantities (each must be a line of the order: 112
naming it otherwise), with tracking numbers, the carrier (one, ``overlap.carrier``), the
tracking link and whether the customer is told. A tracking add appends a number to one
shipment's list (the shipment read in the order) and answers its place in it. Shipments kept
inside the order instead are :mod:`.shipments`, whose line check, tracking numbers and
tracking add this shares.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anycart.platforms.base import Call
from anycart.platforms.overlap import carrier, one_of

from . import fields as F
from .local import inside
from .resource import Resource
from .serve import Methods
from .shipments import shipped_lines, tracking_numbers, with_number

Record = dict[str, Any]

ADD = frozenset({"order_id", "items", "tracking_numbers", "shipment_provider",
                 "tracking_provider", "tracking_link", "send_notifications"})
TRACKING_ADD = frozenset({"order_id", "shipment_id", "tracking_number", "tracking_provider",
                          "carrier_id"})


@dataclass(frozen=True)
class Fulfillments:
    """``resource``: the shipments of one order (its path names ``order_id``); ``order``: the
    connector method reading the order a call names (112 for none), ``order_id`` its id
    key; ``lines``/``shipments``: the order's lines (ids at ``line_id``) and shipments; the
    other fields are a shipment's keys (``items``: its
    lines, each ``item_id`` and ``item_quantity``; ``urls``: a list holding the tracking
    link) and ``ident`` turns an id from the call into the platform's (109 if it cannot)."""

    resource: Resource
    order: str = "order"
    order_id: str = "id"
    lines: str = "line_items"
    line_id: str = "id"
    shipments: str = "fulfillments"
    numbers: str = "tracking_numbers"
    company: str = "tracking_company"
    urls: str = "tracking_urls"
    notify: str = "notify_customer"
    items: str = "line_items"
    item_id: str = "id"
    item_quantity: str = "quantity"
    ident: F.Convert = F.int_id
    client: str = "rest"

    def body(self, order: Record, params: dict[str, Any]) -> Record:
        items = params.get("items") or []
        shipped_lines(F.get(order, self.lines) or [], self.line_id, items)
        body: Record = {
            self.notify: bool(params.get("send_notifications")),
            self.numbers: tracking_numbers(params),
            self.company: carrier(params, "shipment_provider", "tracking_provider")}
        if params.get("tracking_link"):
            body[self.urls] = [params["tracking_link"]]
        if items:
            body[self.items] = [{
                self.item_id: F.converted("order_product_id", i["order_product_id"], self.ident),
                self.item_quantity: int(i.get("quantity") or 1)} for i in items]
        return body

    async def add(self, connector: Any, call: Call) -> dict[str, Any]:
        order = await getattr(connector, self.order)(call.require("order_id"))
        created = await self.resource.add(getattr(connector, self.client),
                                          self.body(order, call.params),
                                          {"order_id": order[self.order_id]})
        return {"shipment_id": str(created.get(self.resource.id_field))}

    async def tracking_add(self, connector: Any, call: Call) -> dict[str, Any]:
        order = await getattr(connector, self.order)(call.require("order_id"))
        sid, number = call.require("shipment_id"), call.require("tracking_number")
        current = inside(order, self.shipments, self.resource.id_field, sid, "Shipment")
        numbers, place = with_number(list(current.get(self.numbers) or []), str(number))
        body: Record = {self.resource.id_field: F.converted("shipment_id", sid, self.ident),
                        self.numbers: numbers}
        if company := one_of(call.params, "tracking_provider", "carrier_id"):
            body[self.company] = company
        await self.resource.change(getattr(connector, self.client), sid, body,
                                   {"order_id": order[self.order_id]})
        return {"shipment_tracking_id": place}

    def methods(self) -> Methods:
        return {"order.shipment.add": (self.add, ADD),
                "order.shipment.tracking.add": (self.tracking_add, TRACKING_ADD)}
