"""order.add through AnyCart's HTTP API and the real bridge.php (3.0.x and 4.0.x): the
driver's SQL passes the bridge's rules, lands in one transaction, and reads back."""

from __future__ import annotations

BODY = {"customer_email": "Walk.In@example.com", "order_status": "Complete",
        "bill_first_name": "Ann", "bill_last_name": "Lee", "bill_address_1": "1 Main St",
        "bill_city": "Austin", "bill_postcode": "73301", "bill_state": "TX", "bill_country": "USA",
        "shipping_price": 5, "order_shipping_method": "Flat Shipping Rate",
        "inventory_behaviour": "decrement_ignoring_policy",
        "order_item": [{"order_item_id": "20", "order_item_name": "Tee", "order_item_price": 12.5,
                        "order_item_quantity": 2, "order_item_option": [
                            {"order_item_option_name": "Color", "order_item_option_value": "Blue"}]}]}


async def test_order_add_through_the_bridge(env):
    quantity = env.sql("SELECT quantity FROM {p}product WHERE product_id = 20")[0]["quantity"]
    added = await env.call("order.add", body=BODY)
    assert added["return_code"] == 0, added
    oid = added["result"]["order_id"]
    info = await env.call("order.info", {"order_id": oid})
    assert info["return_code"] == 0, info
    order = info["result"]
    assert order["status"]["name"] == "Complete" and order["totals"]["total"] == 30.0
    item = order["order_products"][0]
    assert (item["product_id"], item["quantity"], item["price"]) == ("20", 2.0, 12.5)
    assert [o["value"] for o in item["additional_fields"]["options"]] == ["Blue"]
    assert env.sql("SELECT quantity FROM {p}product WHERE product_id = 20")[0]["quantity"] == quantity - 2
    assert [r["code"] for r in env.sql("SELECT code FROM {p}order_total WHERE order_id = %s "
                                       "ORDER BY sort_order", [int(oid)])] == [
        "sub_total", "shipping", "total"]

    before = env.sql("SELECT COUNT(*) AS n FROM `{p}order`")[0]["n"]
    refused = await env.call("order.add", body={**BODY, "order_item": [
        BODY["order_item"][0], {**BODY["order_item"][0], "order_item_name": "n" * 300}]})
    assert refused["return_code"] == 109, refused
    assert env.sql("SELECT COUNT(*) AS n FROM `{p}order`")[0]["n"] == before
    assert env.sql("SELECT quantity FROM {p}product WHERE product_id = 20")[0]["quantity"] == quantity - 2
