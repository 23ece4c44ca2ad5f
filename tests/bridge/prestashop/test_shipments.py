"""order.shipment.add's carrier: the ``carrier_id`` of its tracking number is the
``order_carrier`` row's carrier, or refused (112) when the shop has no such carrier;
never dropped for the order's own."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode

from .conftest import call, rows


@pytest.mark.parametrize("carrier", ["ups", "999999"])
async def test_a_carrier_the_shop_has_not_is_refused_not_dropped(ps, raw, carrier):
    before = rows(raw, "SELECT COUNT(*), MAX(id_order_carrier) FROM {p}order_carrier")
    with pytest.raises(ApiError) as err:
        await call(ps, "order.shipment.add", order_id="3",
                   tracking_numbers=[{"carrier_id": carrier, "tracking_number": "1Z-DROP"}])
    assert err.value.code == ReturnCode.NOT_FOUND and "Carrier" in err.value.message
    assert rows(raw, "SELECT COUNT(*), MAX(id_order_carrier) FROM {p}order_carrier") == before
    assert rows(raw, "SELECT COUNT(*) FROM {p}order_carrier WHERE tracking_number = '1Z-DROP'") == [(0,)]


async def test_a_carrier_given_is_the_shipments(ps, raw):
    (other,), = rows(raw, "SELECT id_carrier FROM {p}carrier WHERE id_carrier <> (SELECT"
                          " id_carrier FROM {p}orders WHERE id_order = 3) ORDER BY id_carrier LIMIT 1")
    new = (await call(ps, "order.shipment.add", order_id="3", tracking_numbers=[
        {"carrier_id": f" {other}", "tracking_number": "1Z-KEEP"}]))["shipment_id"]
    info = await call(ps, "order.shipment.info", order_id="3", id=new)
    assert info["tracking_numbers"] == [{"carrier_id": str(other), "tracking_number": "1Z-KEEP"}]
