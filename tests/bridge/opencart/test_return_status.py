"""Issue 22 on OpenCart (3.0.x and 4.0.x), through AnyCart's HTTP API and the real bridge.php:
an order's ``additional_fields.return_status`` follows its latest ``oc_return`` row, and
``order.list``'s ``return_status`` filters by it; OpenCart keeps no refunds, so
``order.refund.add`` is 120 and writes nothing."""

from __future__ import annotations


def _fresh(env):
    return env.sql("SELECT o.order_id FROM `{p}order` o WHERE o.order_status_id > 0 AND NOT EXISTS "
                   "(SELECT 1 FROM `{p}return` r WHERE r.order_id = o.order_id) ORDER BY o.order_id")[0]


async def _status(env, oid):
    info = await env.call("order.info", {"order_id": oid, "params": "force_all"})
    assert info["return_code"] == 0, info
    return info["result"]["additional_fields"]["return_status"]


async def _listed(env, value):
    found = await env.call("order.list", {"return_status": value, "count": 250, "params": "id"})
    assert found["return_code"] == 0, found
    assert found["result"]["orders_count"] == len(found["result"]["order"])
    return {o["id"] for o in found["result"]["order"]}


async def test_return_status_follows_the_latest_return(env):
    oid = str(_fresh(env)["order_id"])
    line = env.sql("SELECT order_product_id FROM {p}order_product WHERE order_id = %s "
                   "ORDER BY order_product_id", [int(oid)])[0]
    assert await _status(env, oid) == "no_return"
    assert oid in await _listed(env, "no_return")
    added = await env.call("order.return.add", body={
        "order_id": oid, "return_reason_id": "1", "return_status_id": "Pending", "order_products": [{
            "order_product_id": str(line["order_product_id"]), "order_product_quantity": 1}]})
    assert added["return_code"] == 0, added
    assert await _status(env, oid) == "requested"
    moved = await env.call("order.return.update", body={"return_id": added["result"]["return_id"],
                                                        "return_status_id": "Complete"})
    assert moved["return_code"] == 0, moved
    assert await _status(env, oid) == "closed"
    closed = await _listed(env, "closed")
    assert oid in closed and closed == await _listed(env, "Complete") == await _listed(env, "3")
    assert oid not in await _listed(env, "no_return") | await _listed(env, "requested")
    everyone = await env.call("order.list", {"count": 250, "params": "id"})
    assert len(everyone["result"]["order"]) == len(await _listed(env, "no_return,requested,approved,closed"))
    bad = await env.call("order.list", {"return_status": "lost"})
    assert bad["return_code"] == 109 and "return_status" in bad["return_message"], bad


async def test_a_refund_is_not_an_opencart_record(env):
    oid = str(_fresh(env)["order_id"])
    count = "SELECT (SELECT COUNT(*) FROM `{p}return`) AS r, (SELECT COUNT(*) FROM {p}order_history) AS h"
    before = env.sql(count)
    answer = await env.call("order.refund.add", body={"order_id": oid, "total_price": 5})
    assert answer["return_code"] == 120, answer
    assert env.sql(count) == before
