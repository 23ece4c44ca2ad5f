"""kit.shipments.HeldShipments on Ledger (tests/kit/ledger.py): shipments ("parcels") held in
the order but created at ``orders/<id>/parcels``, lines moved into one through
``orders/<id>/lines``; a new parcel takes the first one's address and the order's state; an
add naming no lines may fill the open parcel instead."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.shipments import HeldShipments, OrderShipments, Shipments
from tests.kit.calls import call
from tests.kit.ledger import ledger as _ledger

PARCELS = Shipments(items="parcels", id="id", order_id="id", tracking="codes", method="carrier",
                    shipped="sent", modified="changed", lines="lines", line_id="line",
                    line_shipment="parcel", line_quantity="qty", parse=lambda v: None,
                    stamp=lambda d: d.strftime("%Y-%m-%d"))
ORDER = {"id": 1, "state": 4, "lines": [{"line": 7, "qty": 1, "parcel": 50}],
         "parcels": [{"id": 50, "to_city": "Oslo", "to_zip": "0150", "carrier": "Post"}]}


def held(rest: Any, **more: Any) -> HeldShipments:
    async def find(order_id: str) -> dict[str, Any]:
        if order_id != "1":
            raise ApiError.not_found("Order", order_id)
        return ORDER

    return HeldShipments(PARCELS, rest, find, Resource("orders/{order_id}/parcels", "",
                                                       label="Parcel", parent="Order", suffix=""),
                         Resource("orders/{order_id}/lines", "", parent="Order", suffix=""),
                         copied=("to_",), from_order={"state": "state"}, batch=True, **more)


@pytest.fixture
async def ledger():
    async for rest, server in _ledger():
        server.rows["orders"] = {"1": {"id": 1}}
        server.rows["orders/1/parcels"] = {"50": {"id": 50}}
        yield rest, server


async def test_a_new_parcel_takes_the_address_the_state_and_the_lines(ledger):
    rest, server = ledger
    shipping = OrderShipments(PARCELS, held(rest), now=lambda: datetime(2025, 3, 1))
    added = await shipping.add(call("order.shipment.add", order_id="1", items=[
        {"order_product_id": "7"}], tracking_numbers=[{"tracking_number": "T1"}]))
    posted, moved = server.seen[-2:]
    assert json.loads(posted.content) == [{"to_city": "Oslo", "to_zip": "0150", "codes": "T1",
                                           "sent": "2025-03-01", "state": 4}]
    assert moved.method == "PUT" and moved.url.path == "/v2/orders/1/lines"
    assert json.loads(moved.content) == [{"line": 7, "parcel": int(added["shipment_id"])}]
    with pytest.raises(ApiError) as none:
        await shipping.add(call("order.shipment.add", order_id="2"))
    assert none.value.message == "Order with id 2 not found"


async def test_an_add_without_lines_fills_the_open_parcel_when_declared(ledger):
    rest, server = ledger
    store = held(rest, reuse_open=True)
    assert await store.add(ORDER, {"codes": "T2"}, []) == "50"
    assert server.seen[-1].method == "PUT" and server.seen[-1].url.path == "/v2/orders/1/parcels/50"
    assert server.rows["orders/1/parcels"]["50"]["codes"] == "T2"
    fresh = await held(rest).add(ORDER, {"codes": "T3"}, [])  # not declared: a new one
    assert fresh != "50" and server.seen[-1].method == "POST"
    with pytest.raises(ApiError) as gone:
        await store.put(ORDER, "999", {"codes": "x"})
    assert gone.value.message == "Parcel with id 999 not found"
