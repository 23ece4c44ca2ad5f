"""order.shipment.add ships from the order's fulfillment orders by ``fulfillmentCreate``
(with its tracking), over graphql.json only: some lines, or everything left."""

from __future__ import annotations

from tests.platforms.shopify.test_connector import env  # noqa: F401
from tests.platforms.shopify.test_truncation import _count_requests


def _unshipped(env, lines: int = 1) -> dict:
    return next(o for o in env.shop.data.orders.values()
                if not o.get("fulfillments") and not o.get("cancelled_at")
                and len(o["line_items"]) >= lines and o["line_items"][0]["quantity"] >= 2)


async def test_lines_shipped_from_fulfillment_orders(env):
    raw = _unshipped(env)
    item = raw["line_items"][0]
    sent = _count_requests(env)
    r = await env.call("order.shipment.add", body={
        "order_id": str(raw["id"]), "items": [{"order_product_id": str(item["id"]), "quantity": 1}],
        "tracking_numbers": [{"carrier_id": "UPS", "tracking_number": "1Z9"}],
        "tracking_link": "https://track.example/1Z9"})
    assert r["return_code"] == 0, r
    assert {p.rsplit("/", 1)[-1] for p in sent.paths} == {"graphql.json"}, sent.paths
    made = next(f for f in env.shop.data.orders[raw["id"]]["fulfillments"]
                if str(f["id"]) == r["result"]["shipment_id"])
    assert [(li["id"], li["quantity"]) for li in made["line_items"]] == [(item["id"], 1)]
    assert made["tracking_numbers"] == ["1Z9"] and made["tracking_company"] == "UPS"
    too_many = await env.call("order.shipment.add", body={
        "order_id": str(raw["id"]),
        "items": [{"order_product_id": str(item["id"]), "quantity": item["quantity"]}]})
    assert (too_many["return_code"], too_many["return_message"]) == (107, (  # API2Cart's words
        f"The specified quantity = {item['quantity']} of order_product_id = {item['id']} is "
        "larger than are available for the shipment. Available quantity for the shipment is "
        f"{item['quantity'] - 1}."))


async def test_everything_left_shipped(env):
    raw = _unshipped(env)
    r = await env.call("order.shipment.add", body={"order_id": str(raw["id"])})
    assert r["return_code"] == 0, r
    shipped = {li["id"]: li["quantity"] for f in env.shop.data.orders[raw["id"]]["fulfillments"]
               for li in f["line_items"]}
    assert shipped == {li["id"]: li["quantity"] for li in raw["line_items"]}
    again = await env.call("order.shipment.add", body={"order_id": str(raw["id"])})
    assert (again["return_code"], again["return_message"]) == (
        113, "All items have been already shipped or cancelled for this order."), again


async def test_tracking_numbers_added_by_fulfillment_tracking_info_update(env):
    """Every number is kept: ``trackingInfoInput.numbers`` replaces the list, so the
    connector sends the shipment's numbers with the new one."""
    raw = _unshipped(env)
    r = await env.call("order.shipment.add", body={
        "order_id": str(raw["id"]),
        "tracking_numbers": [{"carrier_id": "UPS", "tracking_number": "1Z1"}]})
    sid = r["result"]["shipment_id"]
    sent = _count_requests(env)
    for number, place in (("1Z2", 2), ("1Z3", 3)):
        t = await env.call("order.shipment.tracking.add", body={
            "order_id": str(raw["id"]), "shipment_id": sid, "tracking_number": number})
        assert t["return_code"] == 0, t
        assert str(t["result"]["shipment_tracking_id"]) == str(place)
    assert {p.rsplit("/", 1)[-1] for p in sent.paths} == {"graphql.json"}, sent.paths
    info = await env.call("order.shipment.info", {"order_id": str(raw["id"]), "id": sid})
    assert [n["tracking_number"] for n in info["result"]["tracking_numbers"]] == [
        "1Z1", "1Z2", "1Z3"]
    stored = next(f for f in env.shop.data.orders[raw["id"]]["fulfillments"]
                  if str(f["id"]) == sid)
    assert stored["tracking_company"] == "UPS"  # no company given: the one it had
    moved = await env.call("order.shipment.tracking.add", body={
        "order_id": str(raw["id"]), "shipment_id": sid, "tracking_number": "9400",
        "tracking_provider": "USPS"})
    assert moved["return_code"] == 0, moved
    stored = next(f for f in env.shop.data.orders[raw["id"]]["fulfillments"]
                  if str(f["id"]) == sid)
    assert stored["tracking_company"] == "USPS" and stored["tracking_numbers"][-1] == "9400"
    missing = await env.call("order.shipment.tracking.add", body={
        "order_id": str(raw["id"]), "shipment_id": "1", "tracking_number": "X"})
    assert missing["return_code"] == 112, missing
