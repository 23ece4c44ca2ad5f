"""kit.fulfillments on Shelf: parcels posted under their order (``orders/<id>/parcels``) with
``codes``, ``carrier``, ``links``, ``tellBuyer`` and ``goods`` of ``lineRef``/``qty`` (string
ids: ``ident=str``); the order's lines are ``rows`` keyed ``ref``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.fulfillments import Fulfillments
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.serve import attach
from tests.kit.calls import call
from tests.kit.shelf import Connector
from tests.kit.shelf import shelf as _shelf

PARCELS = Fulfillments(
    Resource("orders/{order_id}/parcels", "data", "data", wrap="", label="Parcel",
             parent="Order", suffix=""),
    order="read_order", lines="rows", line_id="ref", shipments="parcels", numbers="codes",
    company="carrier", urls="links", notify="tellBuyer", items="goods", item_id="lineRef",
    item_quantity="qty", ident=str)


class Shipping(Connector):
    async def read_order(self, oid: Any) -> dict[str, Any]:
        order = (await self.rest.get_json(f"orders/{oid}", entity="Order", ident=oid))["data"]
        parcels = (await self.rest.get_json(f"orders/{oid}/parcels"))["data"]
        return {**order, "parcels": parcels}


APPLIED = attach(Shipping, PARCELS)


@pytest.fixture
async def shelf():
    async for c, server in _shelf():
        server.rows["orders"] = {7: {"id": 7, "rows": [{"ref": "r1"}, {"ref": "r2"}]}}
        yield Shipping(c.rest), server


def test_applied():
    assert set(APPLIED) == {"order.shipment.add", "order.shipment.tracking.add"}
    assert {"items", "tracking_numbers", "tracking_link"} <= APPLIED["order.shipment.add"]


async def test_add_then_track(shelf):
    c, server = shelf
    added = await c.order_shipment_add(call(
        "order.shipment.add", order_id="7", items=[{"order_product_id": "r2", "quantity": 2}],
        tracking_numbers=[{"tracking_number": "Z1"}, {"carrier_id": "post"}],
        shipment_provider="Post", tracking_link="https://track/Z1", send_notifications=True))
    assert added == {"shipment_id": "101"}
    assert json.loads(server.seen[-1].content) == {
        "tellBuyer": True, "codes": ["Z1"], "carrier": "Post", "links": ["https://track/Z1"],
        "goods": [{"lineRef": "r2", "qty": 2}]}
    tracked = await c.order_shipment_tracking_add(call(
        "order.shipment.tracking.add", order_id="7", shipment_id="101", tracking_number="Z2",
        tracking_provider="Other"))
    assert tracked == {"shipment_tracking_id": "2"}
    parcel = server.rows["orders/7/parcels"][101]
    assert (parcel["codes"], parcel["carrier"]) == (["Z1", "Z2"], "Other")
    again = await c.order_shipment_tracking_add(call(
        "order.shipment.tracking.add", order_id="7", shipment_id="101", tracking_number="Z1"))
    assert again == {"shipment_tracking_id": "1"}  # already there: its place, kept once
    assert server.rows["orders/7/parcels"][101]["codes"] == ["Z1", "Z2"]


async def test_unknown_line_shipment_or_order_is_112(shelf):
    c, server = shelf
    with pytest.raises(ApiError) as line:
        await c.order_shipment_add(call("order.shipment.add", order_id="7",
                                        items=[{"order_product_id": "r9"}]))
    assert line.value.message == "Order product with id r9 not found"
    assert "orders/7/parcels" not in server.rows or not server.rows["orders/7/parcels"]
    with pytest.raises(ApiError) as parcel:
        await c.order_shipment_tracking_add(call("order.shipment.tracking.add", order_id="7",
                                                 shipment_id="5", tracking_number="Z"))
    assert parcel.value.message == "Shipment with id 5 not found"
    with pytest.raises(ApiError) as order:
        await c.order_shipment_add(call("order.shipment.add", order_id="8"))
    assert order.value.message == "Order with id 8 not found"
