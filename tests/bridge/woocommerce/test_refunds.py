"""Issue 22 on WooCommerce (both order storages), through AnyCart's HTTP API and the real
bridge.php: order.refund.add writes a ``shop_order_refund`` child as ``wc_create_refund``
does, read back from its rows, as a return (return.list) and as the order's return status;
a refund of what is left makes the order Refunded; refusals change no row."""

from __future__ import annotations

import pytest

from anycart.platforms.bridge.phpserial import loads
from anycart.platforms.woocommerce import seed
from anycart.platforms.woocommerce.platform import WooCommerce
from tests.bridge.harness import close_bridge_env, open_bridge_env


@pytest.fixture(params=["legacy", "hpos"])
async def env(request, tmp_path, mariadb):
    hpos = request.param == "hpos"

    def load(conn, prefix: str) -> None:
        seed.apply_schema(conn, prefix)
        seed.load(conn, prefix, products=20, customers=6, orders=12, hpos=hpos)

    e = await open_bridge_env(tmp_path, mariadb, "woocommerce", [WooCommerce], load, prefix="wp_")
    e.hpos = hpos
    yield e
    await close_bridge_env(e)


def _refund_ids(env, oid):
    sql = ("SELECT id FROM {p}wc_orders WHERE type = 'shop_order_refund' AND parent_order_id = %s"
           if env.hpos else
           "SELECT ID AS id FROM {p}posts WHERE post_type = 'shop_order_refund' AND post_parent = %s")
    return [r["id"] for r in env.sql(sql + " ORDER BY 1", [oid])]


def _meta(env, rid):
    table, owner = ("wc_orders_meta", "order_id") if env.hpos else ("postmeta", "post_id")
    return {r["meta_key"]: r["meta_value"] for r in env.sql(
        f"SELECT meta_key, meta_value FROM {{p}}{table} WHERE {owner} = %s", [rid])}


def _status(env, oid):
    sql = ("SELECT status AS s FROM {p}wc_orders WHERE id = %s" if env.hpos else
           "SELECT post_status AS s FROM {p}posts WHERE ID = %s")
    return env.sql(sql, [oid])[0]["s"]


def _items(env, owner):
    rows = env.sql("SELECT i.order_item_id, i.order_item_name, m.meta_key, m.meta_value FROM "
                   "{p}woocommerce_order_items i JOIN {p}woocommerce_order_itemmeta m ON "
                   "m.order_item_id = i.order_item_id WHERE i.order_id = %s AND "
                   "i.order_item_type = 'line_item' ORDER BY i.order_item_id", [owner])
    out: dict = {}
    for r in rows:
        out.setdefault(r["order_item_id"], {"name": r["order_item_name"]})[r["meta_key"]] = r["meta_value"]
    return out


def _fresh_order(env):
    """A processing or completed order without refunds."""
    sql = ("SELECT id FROM {p}wc_orders o WHERE type = 'shop_order' AND status IN "
           "('wc-processing', 'wc-completed') AND NOT EXISTS (SELECT 1 FROM {p}wc_orders r WHERE "
           "r.parent_order_id = o.id)" if env.hpos else
           "SELECT ID AS id FROM {p}posts o WHERE post_type = 'shop_order' AND post_status IN "
           "('wc-processing', 'wc-completed') AND NOT EXISTS (SELECT 1 FROM {p}posts r WHERE "
           "r.post_parent = o.ID AND r.post_type = 'shop_order_refund')")
    return env.sql(sql + " ORDER BY 1")[0]["id"]


COUNT = ("SELECT (SELECT COUNT(*) FROM {p}posts) AS p, (SELECT COUNT(*) FROM {p}wc_orders) AS o, "
         "(SELECT COUNT(*) FROM {p}woocommerce_order_items) AS i, (SELECT COUNT(*) FROM {p}comments) AS c")


async def test_refund_partly_then_fully(env):
    oid = _fresh_order(env)
    status = _status(env, oid)
    lines = _items(env, oid)
    first_id, first = next(iter(lines.items()))
    info = await env.call("order.info", {"order_id": str(oid), "params": "force_all"})
    assert info["result"]["additional_fields"]["return_status"] == "no_return"
    total = float(info["result"]["totals"]["total"])
    unit = float(first["_line_total"]) / float(first["_qty"])

    added = await env.call("order.refund.add", body={
        "order_id": str(oid), "message": "Arrived damaged",
        "items": [{"order_product_id": str(first_id), "quantity": 1}]})
    assert added["return_code"] == 0, added
    (rid,) = _refund_ids(env, oid)
    assert added["result"]["refund_id"] == str(rid)
    meta = _meta(env, rid)
    assert (meta["_refund_reason"], meta["_refunded_by"], float(meta["_refund_amount"])) == (
        "Arrived damaged", "1", pytest.approx(round(unit, 2) + round(
            float(first.get("_line_tax") or 0) / float(first["_qty"]), 2)))
    if not env.hpos:
        assert float(meta["_order_total"]) == -float(meta["_refund_amount"])
    (item,) = _items(env, rid).values()
    assert (item["name"], item["_qty"], item["_refunded_item_id"], item["_product_id"]) == (
        first["name"], "-1", str(first_id), first["_product_id"])
    assert float(item["_line_total"]) == pytest.approx(-round(unit, 2))
    tax = round(float(first.get("_line_tax") or 0) / float(first["_qty"]), 2)
    taxes = {0: f"{-tax:.2f}"} if tax else {}  # an empty PHP array when no tax is given back
    assert (item["_line_tax"], loads(item["_line_tax_data"])) == (f"{-tax:.2f}", {"total": taxes, "subtotal": taxes})
    assert _status(env, oid) == status  # partly refunded: the order keeps its status
    stats = env.sql("SELECT parent_id, total_sales, num_items_sold, status FROM {p}wc_order_stats "
                    "WHERE order_id = %s", [rid])
    assert [(r["parent_id"], r["total_sales"], r["num_items_sold"], r["status"]) for r in stats] == [
        (oid, -float(meta["_refund_amount"]), -1, status)]

    info = await env.call("order.info", {"order_id": str(oid), "params": "force_all"})
    assert info["result"]["additional_fields"]["return_status"] == "refunded"
    (refund,) = info["result"]["refunds"]
    assert (refund["id"], refund["total"], refund["comment"]) == (
        str(rid), float(meta["_refund_amount"]), "Arrived damaged")
    assert [(i["order_product_id"], i["qty"]) for i in refund["items"]] == [(str(first_id), 1)]
    (given_back,) = refund["items"]
    variant = first.get("_variation_id")
    assert (given_back["product_id"], given_back.get("variant_id"), given_back["refund"]) == (
        first["_product_id"], None if variant in (None, "", "0") else variant,
        pytest.approx(float(meta["_refund_amount"])))
    assert "shipping" not in refund and refund["modified_time"]["value"]  # no shipping given back
    found = await env.call("order.list", {"return_status": "refunded", "count": 250, "params": "id"})
    assert str(oid) in {o["id"] for o in found["result"]["order"]}
    none = await env.call("order.list", {"return_status": "no_return", "count": 250, "params": "id"})
    assert str(oid) not in {o["id"] for o in none["result"]["order"]}
    returns = await env.call("return.list", {"order_id": str(oid), "params": "force_all"})
    assert [r["id"] for r in returns["result"]["returns"]] == [str(rid)]
    assert returns["result"]["returns"][0]["status"]["additional_fields"] == {"unified_status": "refunded"}
    listed = await env.call("return.status.list")
    assert listed["result"]["return_statuses"] == [
        {"id": "completed", "name": "Completed", "additional_fields": {"unified_status": "refunded"}}]

    left = round(total - float(meta["_refund_amount"]), 2)
    rest = await env.call("order.refund.add", body={"order_id": str(oid), "total_price": left})
    assert rest["return_code"] == 0, rest
    assert len(_refund_ids(env, oid)) == 2
    assert _status(env, oid) == "wc-refunded"
    notes = env.sql("SELECT comment_content FROM {p}comments WHERE comment_post_ID = %s AND "
                    "comment_type = 'order_note'", [oid])
    assert any(n["comment_content"].endswith("to Refunded.") for n in notes), notes
    assert env.sql("SELECT status FROM {p}wc_order_stats WHERE order_id = %s", [oid])[0]["status"] \
        == "wc-refunded"


async def test_refusals_change_nothing(env):
    oid = _fresh_order(env)
    first_id, first = next(iter(_items(env, oid).items()))
    item = {"order_product_id": str(first_id), "quantity": 1}
    before = env.sql(COUNT)
    for body, code, text in (
            ({"total_price": 1_000_000}, 107, "Invalid refund amount."),
            ({"items": [{**item, "quantity": int(first["_qty"]) + 1}]}, 107, "Only"),
            ({"items": [{**item, "order_product_id": "999999"}]}, 112, "999999"),
            ({"items": [item], "is_online": True}, 109, "is_online"),
            ({"items": [item], "item_restock": True}, 109, "item_restock"),
            ({"items": [{**item, "quantity": 0}]}, 109, "quantity"),
            ({}, 109, "total_price"),
            ({"order_id": "999999", "total_price": 1}, 112, "999999")):
        answer = await env.call("order.refund.add", body={"order_id": str(oid), **body})
        assert answer["return_code"] == code and text in answer["return_message"], (body, answer)
    assert env.sql(COUNT) == before
