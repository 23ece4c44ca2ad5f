"""Issue 22 on PrestaShop, through AnyCart's HTTP API and the real bridge.php: an order's
return status (``additional_fields.return_status``) and ``order.list``'s ``return_status``
filter followed through a return's life; refunds written as credit slips
(``order_slip``/``order_slip_detail``, the order lines' refunded columns) and read back as
the order's ``refunds``; the storefront's return rules (``Order::isReturnable``). Refusals
change no row."""

from __future__ import annotations

import pytest

from anycart.platforms.prestashop import seed
from anycart.platforms.prestashop.platform import PrestaShop
from tests.bridge.harness import close_bridge_env, open_bridge_env
from tests.bridge.prestashop.test_returns import fresh_order, lines_of


@pytest.fixture
async def env(tmp_path, mariadb):
    def loader(conn, prefix):
        seed.apply_schema(conn, prefix)
        seed.load(conn, prefix, products=40, customers=12, orders=15)

    e = await open_bridge_env(tmp_path, mariadb, "prestashop", [PrestaShop], loader, prefix="ps_")
    yield e
    await close_bridge_env(e)


SLIPS = ("SELECT (SELECT COUNT(*) FROM {p}order_slip) AS s, (SELECT COUNT(*) FROM "
         "{p}order_slip_detail) AS d, (SELECT SUM(product_quantity_refunded) FROM {p}order_detail) "
         "AS q, (SELECT COUNT(*) FROM {p}order_return) AS r")


async def _status(env, oid):
    info = await env.call("order.info", {"order_id": oid, "params": "force_all"})
    assert info["return_code"] == 0, info
    return info["result"]["additional_fields"]["return_status"]


async def _listed(env, value):
    found = await env.call("order.list", {"return_status": value, "count": 250, "params": "id"})
    assert found["return_code"] == 0, found
    assert found["result"]["orders_count"] == len(found["result"]["order"])  # the total agrees
    return {o["id"] for o in found["result"]["order"]}


async def test_return_status_follows_the_latest_return_and_filters_orders(env):
    order = fresh_order(env)
    oid = str(order["id_order"])
    line = lines_of(env, order["id_order"])[0]
    assert await _status(env, oid) == "no_return"
    assert oid in await _listed(env, "no_return")
    rid = (await env.call("order.return.add", body={"order_id": oid, "order_products": [
        {"order_product_id": str(line["id_order_detail"]), "order_product_quantity": 1}]}
    ))["result"]["return_id"]
    assert await _status(env, oid) == "requested"
    moved = await env.call("order.return.update", body={"return_id": rid,
                                                        "return_status_id": "Waiting for package"})
    assert moved["return_code"] == 0, moved
    assert await _status(env, oid) == "approved"
    approved = await _listed(env, "approved")
    assert oid in approved and oid not in await _listed(env, "no_return")
    # by the state's own id or name, or several at once
    assert approved == await _listed(env, "2") == await _listed(env, "Waiting for package")
    assert oid in await _listed(env, "requested,approved")
    assert oid not in await _listed(env, "requested")
    seeded = {str(r["id_order"]) for r in env.sql(
        "SELECT id_order FROM {p}order_return WHERE state = 2")}
    assert approved >= seeded | {oid}
    bad = await env.call("order.list", {"return_status": "lost"})
    assert bad["return_code"] == 109 and "return_status" in bad["return_message"], bad


async def test_a_refund_is_a_credit_slip_read_back_as_the_orders_refunds(env):
    order = fresh_order(env)
    oid = order["id_order"]
    first, second = lines_of(env, oid)[:2]
    detail = env.sql("SELECT unit_price_tax_excl, unit_price_tax_incl FROM {p}order_detail "
                     "WHERE id_order_detail = %s", [first["id_order_detail"]])[0]
    added = await env.call("order.refund.add", body={
        "order_id": str(oid), "shipping_price": 5, "items": [
            {"order_product_id": str(first["id_order_detail"]), "quantity": 1},
            {"order_product_id": str(second["id_order_detail"]), "quantity": 1, "price": 2.5}]})
    assert added["return_code"] == 0, added
    sid = int(added["result"]["refund_id"])
    slip = env.sql("SELECT * FROM {p}order_slip WHERE id_order_slip = %s", [sid])[0]
    incl = float(detail["unit_price_tax_incl"]) + 2.5
    assert (slip["id_order"], slip["id_customer"], slip["shipping_cost"], slip["partial"],
            slip["order_slip_type"]) == (oid, order["id_customer"], 1, 0, 2)
    assert float(slip["total_products_tax_incl"]) == pytest.approx(incl)
    assert float(slip["amount"]) == pytest.approx(incl)
    assert float(slip["shipping_cost_amount"]) == float(slip["total_shipping_tax_incl"]) == 5
    assert float(slip["total_products_tax_excl"]) < incl
    rows = env.sql("SELECT id_order_detail, product_quantity, unit_price_tax_excl, "
                   "unit_price_tax_incl, amount_tax_incl FROM {p}order_slip_detail WHERE "
                   "id_order_slip = %s ORDER BY id_order_detail", [sid])
    assert [(r["id_order_detail"], r["product_quantity"], float(r["unit_price_tax_incl"]))
            for r in rows] == [(first["id_order_detail"], 1, float(detail["unit_price_tax_incl"])),
                               (second["id_order_detail"], 1, 2.5)]
    assert float(rows[0]["unit_price_tax_excl"]) == pytest.approx(float(detail["unit_price_tax_excl"]))
    refunded = env.sql("SELECT product_quantity_refunded, total_refunded_tax_incl FROM "
                       "{p}order_detail WHERE id_order_detail = %s", [second["id_order_detail"]])[0]
    assert (refunded["product_quantity_refunded"], float(refunded["total_refunded_tax_incl"])) == (1, 2.5)

    info = await env.call("order.info", {"order_id": str(oid), "params": "force_all"})
    (refund,) = info["result"]["refunds"]
    assert refund["id"] == str(sid) and refund["shipping"] == 5
    assert refund["total"] == pytest.approx(round(incl + 5, 2))
    assert [(i["order_product_id"], i["qty"]) for i in refund["items"]] == [
        (str(first["id_order_detail"]), 1), (str(second["id_order_detail"]), 1)]

    # a chosen amount: the products give back the total less the shipping
    chosen = await env.call("order.refund.add", body={"order_id": str(oid), "total_price": 3})
    assert chosen["return_code"] == 0, chosen
    assert float(env.sql("SELECT amount FROM {p}order_slip WHERE id_order_slip = %s",
                         [int(chosen["result"]["refund_id"])])[0]["amount"]) == 3


async def test_refusals_write_no_slip(env):
    order = fresh_order(env)
    oid = str(order["id_order"])
    line = lines_of(env, order["id_order"])[0]
    item = {"order_product_id": str(line["id_order_detail"]), "quantity": line["product_quantity"]}
    before = env.sql(SLIPS)
    for body, code, text in (
            ({"items": [{**item, "quantity": line["product_quantity"] + 1}]}, 107, "Only"),
            ({"items": [{**item, "order_product_id": "999999"}]}, 112, "999999"),
            ({"items": [item], "message": "Damaged"}, 109, "message"),
            ({"items": [item], "item_restock": True}, 109, "item_restock"),
            ({"items": [{**item, "price": -1}]}, 109, "price"),
            ({"total_price": 2, "shipping_price": 5}, 109, "total_price"),
            ({"items": [item], "shipping_price": "abc"}, 109, "shipping_price"),
            ({"items": [item], "shipping_price": -5}, 109, "shipping_price"),
            ({}, 109, "total_price"),
            ({"order_id": "999999", "items": [item]}, 112, "999999")):
        answer = await env.call("order.refund.add", body={"order_id": oid, **body})
        assert answer["return_code"] == code and text in answer["return_message"], (body, answer)
    assert env.sql(SLIPS) == before
    done = await env.call("order.refund.add", body={"order_id": oid, "items": [item]})
    assert done["return_code"] == 0, done
    again = await env.call("order.refund.add", body={"order_id": oid, "items": [
        {**item, "quantity": 1}]})
    assert again["return_code"] == 107 and "already been refunded" in again["return_message"]


async def test_the_storefronts_return_rules(env):
    order = fresh_order(env)
    oid = str(order["id_order"])
    line = lines_of(env, order["id_order"])[0]
    body = {"order_id": oid, "order_products": [
        {"order_product_id": str(line["id_order_detail"]), "order_product_quantity": 1}]}
    unpaid = env.sql("SELECT o.id_order FROM {p}orders o JOIN {p}order_state os ON "
                     "os.id_order_state = o.current_state WHERE os.shipped = 0 ORDER BY o.id_order")[0]
    unpaid_line = lines_of(env, unpaid["id_order"])[0]
    before = env.sql(SLIPS)
    refused = await env.call("order.return.add", body={"order_id": str(unpaid["id_order"]),
                                                       "order_products": [{
        "order_product_id": str(unpaid_line["id_order_detail"]), "order_product_quantity": 1}]})
    assert refused["return_code"] == 107, refused
    assert refused["return_message"].startswith("This order cannot be returned: its state")

    env.sql("UPDATE {p}configuration SET value = '14' WHERE name = 'PS_ORDER_RETURN_NB_DAYS'")
    env.sql("UPDATE {p}orders SET delivery_date = NOW() - INTERVAL 20 DAY WHERE id_order = %s", [oid])
    late = await env.call("order.return.add", body=body)
    assert late["return_code"] == 107 and "more than 14 days" in late["return_message"], late
    env.sql("UPDATE {p}configuration SET value = '0' WHERE name = 'PS_ORDER_RETURN'")
    off = await env.call("order.return.add", body=body)
    assert off["return_code"] == 107 and "PS_ORDER_RETURN)" in off["return_message"], off
    assert env.sql(SLIPS) == before

    env.sql("UPDATE {p}configuration SET value = '1' WHERE name = 'PS_ORDER_RETURN'")
    env.sql("UPDATE {p}orders SET delivery_date = NOW() - INTERVAL 2 DAY WHERE id_order = %s", [oid])
    made = await env.call("order.return.add", body=body)
    assert made["return_code"] == 0, made


async def test_create_receive_refund_and_complete(env):
    """The back office's order: a return asked for, its parcel received, a credit slip for
    what came back, the return completed; each step read back from the rows."""
    order = fresh_order(env)
    oid = str(order["id_order"])
    line = lines_of(env, order["id_order"])[0]
    rid = (await env.call("order.return.add", body={"order_id": oid, "order_products": [
        {"order_product_id": str(line["id_order_detail"]), "order_product_quantity": 1}]}
    ))["result"]["return_id"]
    for target, stored in (("Waiting for package", 2), ("Package received", 3)):
        moved = await env.call("order.return.update", body={"return_id": rid, "return_status_id": target})
        assert moved["return_code"] == 0, moved
        assert env.sql("SELECT state FROM {p}order_return WHERE id_order_return = %s",
                       [int(rid)])[0]["state"] == stored
    assert await _status(env, oid) == "received"
    refund = await env.call("order.refund.add", body={"order_id": oid, "items": [
        {"order_product_id": str(line["id_order_detail"]), "quantity": 1}]})
    assert refund["return_code"] == 0, refund
    slip = env.sql("SELECT sd.product_quantity FROM {p}order_slip s JOIN {p}order_slip_detail sd ON "
                   "sd.id_order_slip = s.id_order_slip WHERE s.id_order = %s AND sd.id_order_detail = %s",
                   [int(oid), line["id_order_detail"]])
    assert [r["product_quantity"] for r in slip] == [1]
    done = await env.call("order.return.update", body={"return_id": rid, "return_status_id": "Return completed"})
    assert done["return_code"] == 0, done
    assert await _status(env, oid) == "closed"
    info = await env.call("order.info", {"order_id": oid, "params": "force_all"})
    assert [r["id"] for r in info["result"]["refunds"]] == [refund["result"]["refund_id"]]
