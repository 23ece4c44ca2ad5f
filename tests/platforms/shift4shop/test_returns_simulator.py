"""The Shift4Shop simulator's RMA service: add, update and delete an RMA record (the docs:
"retrieve, update, add, or delete a RMA record(s)"), its names kept beside the ids."""

from __future__ import annotations

from datetime import datetime

import pytest

from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator

from .sim_api import KEY, TOKEN, URL, P, api_client


@pytest.fixture
def sim() -> Shift4ShopSimulator:
    s = Shift4ShopSimulator()
    s.stores.add_store(URL, KEY, TOKEN, size=100, seed=3, anchor=datetime(2025, 6, 1))
    return s


@pytest.fixture
async def client(sim: Shift4ShopSimulator):
    async with api_client(sim) as c:
        yield c


def _data(sim: Shift4ShopSimulator):
    return sim.stores.get(URL).data


async def test_rma_add_update_delete(sim, client):
    data = _data(sim)
    order = data.orders.get(5)
    line = order["OrderItemList"][0]
    r = await client.post(f"{P}/RMA", json=[{
        "OrderID": 5, "RMAReasonID": 2, "RMAMethodID": 1, "RMAComments": "too small",
        "RMAItemList": [{"CatalogID": line["CatalogID"], "ItemID": line["ItemID"],
                         "ItemQuantity": 1}]}])
    assert r.status_code == 201, r.text
    entry = r.json()[0]
    assert entry["Key"] == "RMAID" and entry["Status"] == "201"
    rid = int(entry["Value"])
    rma = data.rmas.get(rid)
    assert rma["OrderID"] == 5 and rma["InvoiceNumber"] == order["InvoiceNumber"]
    assert rma["CustomerID"] == order["CustomerID"]
    assert (rma["RMAStatusID"], rma["RMAStatus"]) == (1, "Pending")  # the first status
    assert (rma["RMAReason"], rma["RMAMethod"]) == ("Wrong item", "Refund")
    assert rma["RMAItemList"][0]["RMAItemID"] > 0 and rma["RMADateCreated"]

    r = await client.put(f"{P}/RMA/{rid}", json={"RMAStatusID": 2, "RMAStatus": "ignored"})
    assert r.status_code == 200 and r.json()[0]["Status"] == "200"
    assert (data.rmas.get(rid)["RMAStatusID"], data.rmas.get(rid)["RMAStatus"]) == (2, "Approved")
    assert (await client.get(f"{P}/RMA", params={"rmastatusid": 2, "orderid": 5})).status_code == 200

    r = await client.delete(f"{P}/RMA/{rid}")
    assert r.status_code == 200 and rid not in data.rmas
    assert (await client.delete(f"{P}/RMA/{rid}")).status_code == 404


async def test_unknown_order_status_or_reason_is_400_and_writes_nothing(sim, client):
    data = _data(sim)
    before = len(data.rmas)
    assert (await client.post(f"{P}/RMA", json={"OrderID": 99999})).status_code == 400
    assert (await client.post(f"{P}/RMA", json={"RMAComments": "no order"})).status_code == 400
    assert (await client.post(f"{P}/RMA", json={"OrderID": 5, "RMAReasonID": 77})).status_code == 400
    assert len(data.rmas) == before
    rid = data.rmas.ids()[0]
    was = data.rmas.get(rid)
    assert (await client.put(f"{P}/RMA/{rid}", json={"RMAStatusID": 99})).status_code == 400
    assert data.rmas.get(rid) == was
