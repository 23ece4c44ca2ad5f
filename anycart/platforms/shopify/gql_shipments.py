"""Shipments over GraphQL, for the kit's :class:`~anycart.platforms.kit.fulfillments.
Fulfillments` (bodies in REST's fulfillment keys): ``order.shipment.add`` by
``fulfillmentCreate``, each line taken from the open fulfillment orders holding it;
``order.shipment.tracking.add`` by ``fulfillmentTrackingInfoUpdate``, whose numbers replace
the shipment's (the kit sends the ones it has with the new one).
"""

from __future__ import annotations

from typing import Any

from anycart.platforms.kit.fulfillments import Fulfillments
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.shipments import all_shipped, over_available

from . import mapping as M
from .gql import DOCS, mutate

Record = dict[str, Any]
#: The fulfillment orders that can still be shipped from.
SHIPPABLE = frozenset({"OPEN", "IN_PROGRESS"})


def by_fulfillment_order(orders: list[Record], wanted: dict[str, int]) -> list[Record]:
    """``lineItemsByFulfillmentOrder``: every open fulfillment order whole when ``wanted``
    (line id -> quantity) is empty, else each line's quantity taken from the fulfillment
    orders holding it in turn (107 naming a line with less left to ship)."""
    left, groups = dict(wanted), []
    for fo in orders:
        if fo.get("status") not in SHIPPABLE:
            continue
        if not wanted:
            groups.append({"fulfillmentOrderId": fo["id"]})
            continue
        lines = []
        for li in (fo.get("lineItems") or {}).get("nodes") or []:
            line = str(M.legacy_id(li["lineItem"]["id"]))
            take = min(left.get(line, 0), int(li.get("remainingQuantity") or 0))
            if take > 0:
                lines.append({"id": li["id"], "quantity": take})
                left[line] -= take
        if lines:
            groups.append({"fulfillmentOrderId": fo["id"], "fulfillmentOrderLineItems": lines})
    # in API2Cart's words: nothing open on the order is 113, a line with less left 107
    if not any(fo.get("status") in SHIPPABLE for fo in orders):
        raise all_shipped()
    short = [line for line, n in left.items() if n > 0]
    if short:
        raise over_available(short[0], wanted[short[0]], wanted[short[0]] - left[short[0]])
    return groups


def tracking(body: Record) -> Record:
    """FulfillmentTrackingInput from REST's keys (what is given only)."""
    info = {"company": body.get("tracking_company"), "numbers": body.get("tracking_numbers"),
            "urls": body.get("tracking_urls")}
    return {k: v for k, v in info.items() if v}


class Shipments(Resource):
    """An order's fulfillments for the kit's Fulfillments (``client`` the GraphQL one)."""

    async def add(self, client: Any, body: Any, names: Any = None, *,
                  idempotent: bool | None = None) -> Record:
        oid = (names or {})["order_id"]
        found = await client.one(DOCS["FulfillmentOrders"], "order", {"id": M.gid("Order", oid)})
        orders = ((found or {}).get("fulfillmentOrders") or {}).get("nodes") or []
        wanted = {str(i["id"]): int(i["quantity"]) for i in body.get("line_items") or []}
        made = await mutate(client, "FulfillmentCreate", {
            "fulfillment": {"lineItemsByFulfillmentOrder": by_fulfillment_order(orders, wanted),
                            "notifyCustomer": bool(body.get("notify_customer")),
                            "trackingInfo": tracking(body)}}, record=("Order", oid))
        return {"id": M.made_id(made, "fulfillment")}

    async def change(self, client: Any, ident: Any, body: Any, names: Any = None) -> Record:
        # the numbers replace the shipment's: sent even when none is left
        info = {**tracking(body), "numbers": body.get("tracking_numbers") or []}
        made = await mutate(client, "FulfillmentTrackingUpdate", {  # a list, set: idempotent
            "fulfillmentId": M.gid("Fulfillment", ident), "trackingInfoInput": info,
            "notifyCustomer": False}, idempotent=True, record=("Shipment", ident))
        return dict(made.get("fulfillment") or {})


#: order.shipment.add and order.shipment.tracking.add.
FULFILLMENTS = Fulfillments(
    Shipments("fulfillments", "fulfillment", label="Shipment", parent="Order"), client="gql")
