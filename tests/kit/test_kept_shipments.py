"""kit.shipments.KeptShipments on Tiny (tests/kit/test_entities.py): shipments ("parcels")
kept as one list in an order's key/value entries (``meta``), written back whole through the
order's backend; an added one is told beside, one can be removed."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.fields import entry
from anycart.platforms.kit.serve import attach
from anycart.platforms.kit.shipments import KeptShipments, OrderShipments, Shipments
from tests.kit.calls import call

from .test_entities import PRODUCT, TinyConnector, connected

PARCELS = Shipments(items="_parcels", id="pid", order_id="id", tracking="codes", method="carrier",
                    shipped="sent", modified="sent", lines="lines", line_id="line",
                    line_shipment="parcel", line_quantity="qty", parse=lambda v: None,
                    stamp=lambda d: d.strftime("%Y-%m-%d"))


def _kept(order: dict[str, Any]) -> list[Any]:
    return list(entry(order.get("meta"), "parcels") or [])


def _written(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"meta": [{"key": "parcels", "value": items}]}


@pytest.fixture
async def kept():
    async with connected(TinyConnector) as (connector, server):
        server.items[1]["meta"] = [{"key": "other", "value": 1},
                                   {"key": "parcels", "value": [{"pid": "a", "codes": "T0"}, "junk"]}]
        told: list[tuple[Any, Any]] = []

        async def added(order: dict[str, Any], item: dict[str, Any]) -> None:
            told.append((order["id"], item))

        store = KeptShipments(PARCELS, connector.backend(PRODUCT), _kept, _written,
                              blank={"carrier": ""}, added=added, new_id=lambda: "b")
        yield OrderShipments(PARCELS, store, now=lambda: datetime(2025, 3, 1)), server, told


def _parcels(server: Any) -> Any:
    return entry(server.items[1]["meta"], "parcels")


async def test_an_order_holds_its_kept_list(kept):
    shipping, _, _ = kept
    order = await shipping.store.order("1")
    assert order["_parcels"] == [{"pid": "a", "codes": "T0"}]  # records only
    assert await shipping.store.order(1) == order  # an id as a call's JSON gave it
    for unknown in ("99", " "):
        with pytest.raises(ApiError) as none:
            await shipping.store.order(unknown)
        assert none.value.code == 112 and none.value.message.startswith("Order with id")


async def test_add_update_remove_write_the_whole_list_back(kept):
    shipping, server, told = kept
    added = await shipping.add(call("order.shipment.add", order_id="1",
                                    tracking_numbers=[{"tracking_number": "T1"}]))
    assert added == {"shipment_id": "b"}
    new = {"pid": "b", "carrier": "", "codes": "T1", "sent": "2025-03-01"}
    assert _parcels(server) == [{"pid": "a", "codes": "T0"}, new]
    assert json.loads(server.seen[-1].content) == _written([{"pid": "a", "codes": "T0"}, new])
    assert told == [(1, new)]
    await shipping.update(call("order.shipment.update", order_id="1", shipment_id="a",
                               shipment_provider="Post"))
    assert _parcels(server)[0] == {"pid": "a", "codes": "T0", "carrier": "Post"}
    assert await shipping.delete(call("order.shipment.delete", order_id="1", shipment_id="a")) == {
        "deleted_items": 1}
    assert _parcels(server) == [new] and len(told) == 1
    with pytest.raises(ApiError) as gone:
        await shipping.delete(call("order.shipment.delete", order_id="1", shipment_id="a"))
    assert (gone.value.code, gone.value.message) == (112, "Shipment with id a not found")


def test_deletes_is_declared_only_when_asked():
    plain = attach(type("Plain", (), {}), *PARCELS.served(lambda c: c, "order"))
    removing = attach(type("Removing", (), {}), *PARCELS.served(lambda c: c, "order", deletes=True))
    assert "order.shipment.delete" not in plain
    assert removing["order.shipment.delete"] == {"order_id", "shipment_id"}
    assert set(removing) - set(plain) == {"order.shipment.delete"}


async def test_listed_through_the_store_that_keeps_them(kept):
    shipping, _, _ = kept
    cls = type("Kept", (), {})
    attach(cls, *PARCELS.served(lambda c: shipping.store, lambda c: shipping.store.order))
    page = await cls().order_shipment_list(call("order.shipment.list", order_id="1"))
    assert [(s["id"], s["order_id"]) for s in page.items] == [("a", "1")] and page.total == 1
    with pytest.raises(ApiError) as none:
        await cls().order_shipment_list(call("order.shipment.list", order_id="99"))
    assert none.value.code == 112
