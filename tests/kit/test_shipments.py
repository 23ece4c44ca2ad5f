"""kit.shipments on "Parcel", shaped unlike Shift4Shop: an order holds ``fulfilments`` with
space-separated ``codes``, ISO dates, lines that may ship in part; an order is found by id or
by its ``number`` (``kit.keys.split_number``). Served by ``httpx.MockTransport``."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from anycart.errors import ApiError
from anycart.platforms.kit.fields import Field, number
from anycart.platforms.kit.keys import linked, split_number
from anycart.platforms.kit.shipments import (
    OrderShipments,
    Shipments,
    shipped_lines,
    tracking_numbers,
    with_number,
)
from tests.kit.calls import call, code

Record = dict[str, Any]

PARCELS = Shipments(
    items="fulfilments", id="fid", order_id="ref", tracking="codes", separator=" ",
    method="courier", shipped="sent_on", modified="touched", lines="lines", line_id="line_no",
    line_shipment="in_fulfilment", line_quantity="qty",
    parse=lambda v: datetime.fromisoformat(v) if v else None, stamp=lambda d: d.date().isoformat(),
    line_fields=(Field("order_product_id", "line_no"), Field("quantity", "qty", number)),
    fields=(Field(None, "kg", param="weight", write=float),), cart="Parcel")


class Server:
    def __init__(self) -> None:
        self.orders: dict[int, Record] = {7: {
            "ref": 7, "number": "PX-0042",
            "lines": [{"line_no": 1, "qty": 2, "in_fulfilment": 70},
                      {"line_no": 2, "qty": 5, "in_fulfilment": None}],
            "fulfilments": [{"fid": 70, "codes": "AA BB", "courier": "DHL", "sent_on": "2024-05-01",
                             "touched": "2024-05-02T08:00:00", "depot": "north"},
                            {"fid": 71, "codes": "", "courier": None, "sent_on": None,
                             "touched": "2024-05-03T08:00:00"}]}}
        self.seen: list[tuple[str, str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content) if request.content else None
        self.seen.append((request.method, str(request.url), body))
        parts = request.url.path.strip("/").split("/")
        if parts == ["orders"]:
            number = request.url.params.get("number")
            return httpx.Response(200, json=[o for o in self.orders.values()
                                             if o["number"].endswith(number or "?")])
        order = self.orders.get(int(parts[1])) if parts[1].isdecimal() else None
        if order is None:
            return httpx.Response(404)
        if request.method == "POST":
            new = {**body, "fid": 72}
            nos = new.pop("line_nos", [])
            order["fulfilments"].append(new)
            for line in order["lines"]:
                if line["line_no"] in nos:
                    line["in_fulfilment"] = 72
            return httpx.Response(201, json=new)
        if request.method == "PATCH":
            [ship] = [f for f in order["fulfilments"] if str(f["fid"]) == parts[3]]
            ship.update(body)
        return httpx.Response(200, json=order)


class Store:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    async def order(self, order_id: str) -> Record:
        r = await self.client.get(f"/orders/{order_id}")
        if r.status_code == 200:
            return r.json()
        _, digits = split_number(order_id)
        found = (await self.client.get("/orders", params={"number": digits})).json() if digits else []
        if not found:
            raise ApiError.not_found("Order", order_id)
        return found[0]

    async def add(self, order: Record, body: Record, lines: list[str]) -> str:
        r = await self.client.post(f"/orders/{order['ref']}/fulfilments",
                                   json={**body, "line_nos": [int(i) for i in lines]})
        return str(r.json()["fid"])

    async def put(self, order: Record, shipment_id: str, body: Record) -> None:
        await self.client.patch(f"/orders/{order['ref']}/fulfilments/{shipment_id}", json=body)


@pytest.fixture
async def parcel():
    server = Server()
    async with httpx.AsyncClient(transport=httpx.MockTransport(server),
                                 base_url="https://parcel.example") as client:
        yield OrderShipments(PARCELS, Store(client),
                             now=lambda: datetime(2024, 6, 9, 12, tzinfo=UTC)), server


def test_split_number_and_linked_names():
    assert split_number("PX-0042") == ("PX-", "0042")
    assert split_number(" 1005 ") == ("", "1005")
    assert split_number("PX-0") == split_number("PX") == ("", "")


async def test_linked_finds_by_whole_name_else_creates():
    made: list[str] = []

    async def found(name: str) -> list[Record]:
        return [{"brand": {"id": 3, "title": "Acme Tools"}}, {"brand": {"id": 4, "title": "ACME"}}]

    async def create(name: str) -> str:
        made.append(name)
        return "99"

    kw = {"name_path": "brand.title", "id_path": "brand.id"}
    assert await linked("acme", found, create, **kw) == "4" and made == []
    assert await linked("Acme", found, create, **kw) == "4"
    assert await linked("Acme T", found, create, **kw) == "99" and made == ["Acme T"]


async def test_list_and_info_map_the_fulfilments(parcel):
    ships, _ = parcel
    listed, order = PARCELS.listed("order"), ships.store.order
    assert {m: a for m, (_, a) in listed.methods().items()} == {
        "order.shipment.list": {"order_id"}, "order.shipment.info": {"id", "order_id"}}
    page = await listed.list(order, None, call("order.shipment.list", order_id="7"))
    first, second = page.items
    assert page.total == 2
    assert [t["tracking_number"] for t in first["tracking_numbers"]] == ["AA", "BB"]
    assert (first["id"], first["order_id"], first["shipment_provider"], first["is_shipped"]) == (
        "70", "7", "DHL", True)
    assert first["created_at"]["value"].startswith("2024-05-01")
    assert [(i["order_product_id"], i["quantity"]) for i in first["items"]] == [("1", 2.0)]
    assert first["additional_fields"] == {"depot": "north"}
    assert second["is_shipped"] is False and second["created_at"]["value"].startswith("2024-05-03")
    by_number = await listed.info(order, None, call("order.shipment.info", order_id="PX-0042",
                                                    id="71"))
    assert by_number["id"] == "71"
    assert await code(listed.info(order, None, call("order.shipment.info", order_id="7",
                                                    id="5"))) == 112
    assert await code(listed.list(order, None, call("order.shipment.list", order_id="PX-9"))) == 112


async def test_add_ships_lines_in_part_with_codes_and_carrier(parcel):
    ships, server = parcel
    answer = await ships.add(call("order.shipment.add", order_id="7", weight="1.5",
                                  items=[{"order_product_id": "2", "quantity": 3}],
                                  tracking_numbers=[{"tracking_number": "CC", "carrier_id": "ups"},
                                                    {"tracking_number": "DD"}]))
    assert answer == {"shipment_id": "72"}
    assert server.seen[-1][2] == {"codes": "CC DD", "courier": "ups", "sent_on": "2024-06-09",
                                  "kg": 1.5, "line_nos": [2]}
    assert server.orders[7]["lines"][1]["in_fulfilment"] == 72
    assert await code(ships.add(call("order.shipment.add", order_id="7",
                                     items=[{"order_product_id": "9"}]))) == 112
    assert await code(ships.add(call("order.shipment.add", order_id="7", shipment_provider="DHL",
                                     tracking_numbers=[{"tracking_number": "E",
                                                        "carrier_id": "ups"}]))) == 109


def test_whole_lines_refuses_part_of_a_line():
    whole = Shipments(**{**PARCELS.__dict__, "whole_lines": True})
    order = Server().orders[7]
    assert whole.lines_shipped(order, [{"order_product_id": 2, "quantity": 5}]) == ["2"]
    with pytest.raises(ApiError) as part:
        whole.lines_shipped(order, [{"order_product_id": 2, "quantity": 3}])
    assert part.value.code == 109 and "items[0][quantity]" in part.value.message
    assert "a Parcel shipment takes whole lines" in part.value.message


async def test_update_replaces_or_adds_codes_and_unships(parcel):
    ships, server = parcel
    await ships.update(call("order.shipment.update", order_id="7", shipment_id="70",
                            tracking_numbers=[{"tracking_number": "BB"}, {"tracking_number": "CC"}],
                            replace=False))
    assert server.seen[-1][2] == {"codes": "AA BB CC"}  # the shipped date stays
    await ships.update(call("order.shipment.update", order_id="7", shipment_id="70",
                            tracking_numbers=[{"tracking_number": "ZZ"}]))
    assert server.orders[7]["fulfilments"][0]["codes"] == "ZZ"
    await ships.update(call("order.shipment.update", order_id="7", shipment_id="70",
                            is_shipped=False))
    assert server.seen[-1][2] == {"sent_on": ""}
    assert await code(ships.update(call("order.shipment.update", order_id="7",
                                        shipment_id="70"))) == 110
    assert await code(ships.update(call("order.shipment.update", order_id="7",
                                        shipment_id="5", weight=1))) == 112


async def test_tracking_add_appends_and_ships(parcel):
    ships, server = parcel
    assert await ships.tracking_add(call("order.shipment.tracking.add", order_id="7",
                                         shipment_id="71", tracking_number="NEW",
                                         tracking_provider="USPS")) == {"shipment_tracking_id": "1"}
    assert server.seen[-1][2] == {"codes": "NEW", "sent_on": "2024-06-09", "courier": "USPS"}
    again = await ships.tracking_add(call("order.shipment.tracking.add", order_id="7",
                                          shipment_id="70", tracking_number="BB"))
    assert again == {"shipment_tracking_id": "2"} and server.seen[-1][2] == {"codes": "AA BB"}


def test_applied_sets_follow_the_contract_and_the_declared_fields():
    applied = PARCELS.applied()
    assert "weight" in applied["order.shipment.add"] and "items" in applied["order.shipment.add"]
    assert "weight" not in applied["order.shipment.update"]  # the contract's update has none
    assert {"replace", "shipment_id"} <= applied["order.shipment.update"]


def test_the_helpers_fulfillments_share():
    assert tracking_numbers({"tracking_numbers": [{"tracking_number": "A1"}, {"carrier_id": "x"},
                                                  "junk", {"tracking_number": 7}]}) == ["A1", "7"]
    assert tracking_numbers({}) == []
    lines = [{"ref": 1, "qty": 2}, {"ref": "2", "qty": 1}]
    assert list(shipped_lines(lines, "ref", [{"order_product_id": "2"}, {"order_product_id": 1}])) \
        == ["2", "1"]
    with pytest.raises(ApiError) as missing:
        shipped_lines(lines, "ref", [{"order_product_id": "9"}])
    assert missing.value.code == 112 and "9" in missing.value.message
    assert with_number(["a"], "b") == (["a", "b"], "2")
    assert with_number(["a", "b"], "a") == (["a", "b"], "1")  # kept once, at its place
