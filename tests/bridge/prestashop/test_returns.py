"""Issue 22 on PrestaShop: merchandise returns made, moved through the shop's return states
and completed through AnyCart's HTTP API and the real bridge.php, read back from the
``order_return`` and ``order_return_detail`` rows; reasons and actions (PrestaShop keeps
none), refused moves and parameters change nothing."""

from __future__ import annotations

import pytest

from anycart.platforms.prestashop import seed
from anycart.platforms.prestashop.platform import PrestaShop
from anycart.worker.loop import Worker
from tests.bridge.harness import close_bridge_env, open_bridge_env
from tests.webhooks.conftest import receiver  # noqa: F401  (a loopback webhook receiver)


@pytest.fixture
async def env(tmp_path, mariadb):
    def loader(conn, prefix):
        seed.apply_schema(conn, prefix)
        seed.load(conn, prefix, products=40, customers=12, orders=15)

    # every worker round polls (as tests/bridge/real_opencart does)
    e = await open_bridge_env(tmp_path, mariadb, "prestashop", [PrestaShop], loader, prefix="ps_",
                              poll_interval_s=0.0, webhook_retry_base_s=0.1)
    yield e
    await close_bridge_env(e)


def state(env, rid):
    row = env.sql("SELECT id_customer, id_order, state, question FROM {p}order_return "
                  "WHERE id_order_return = %s", [int(rid)])
    details = env.sql("SELECT id_order_detail, id_customization, product_quantity FROM "
                      "{p}order_return_detail WHERE id_order_return = %s ORDER BY id_order_detail",
                      [int(rid)])
    return row, details


def fresh_order(env):
    """A paid and shipped order (one the storefront lets a customer return) with two lines
    and no return yet."""
    return env.sql("SELECT o.id_order, o.id_customer FROM {p}orders o JOIN {p}order_state os ON "
                   "os.id_order_state = o.current_state WHERE os.paid = 1 AND os.shipped = 1 AND "
                   "NOT EXISTS (SELECT 1 FROM {p}order_return r WHERE r.id_order = o.id_order) AND "
                   "(SELECT COUNT(*) FROM {p}order_detail d WHERE d.id_order = o.id_order) > 1 "
                   "ORDER BY o.id_order")[0]


def lines_of(env, oid):
    return env.sql("SELECT id_order_detail, product_quantity FROM {p}order_detail WHERE "
                   "id_order = %s ORDER BY id_order_detail", [oid])


async def test_create_accept_receive_and_complete(env):
    listed = await env.call("return.status.list")
    assert [(s["id"], s["name"], s["additional_fields"]["unified_status"])
            for s in listed["result"]["return_statuses"]] == [
        ("1", "Waiting for confirmation", "requested"), ("2", "Waiting for package", "approved"),
        ("3", "Package received", "received"), ("4", "Return denied", "declined"),
        ("5", "Return completed", "closed")]
    order = fresh_order(env)
    oid = str(order["id_order"])
    first, second = lines_of(env, order["id_order"])[:2]
    added = await env.call("order.return.add", body={
        "order_id": oid, "comment": "Wrong colour", "order_products": [
            {"order_product_id": str(first["id_order_detail"]), "order_product_quantity": 1},
            {"order_product_id": str(second["id_order_detail"]), "order_product_quantity": 1}]})
    assert added["return_code"] == 0, added
    rid = added["result"]["return_id"]
    (row,), details = state(env, rid)
    assert row == {"id_customer": order["id_customer"], "id_order": order["id_order"],
                   "state": 1, "question": "Wrong colour"}
    assert details == [{"id_order_detail": first["id_order_detail"], "id_customization": 0,
                        "product_quantity": 1},
                       {"id_order_detail": second["id_order_detail"], "id_customization": 0,
                        "product_quantity": 1}]

    for target, stored in (("Waiting for package", 2), ("received", 3), ("5", 5)):
        moved = await env.call("order.return.update", body={"return_id": rid, "order_id": oid,
                                                            "return_status_id": target})
        assert moved["return_code"] == 0, moved
        assert state(env, rid)[0][0]["state"] == stored

    info = await env.call("return.info", {"id": rid, "params": "force_all"})
    status = info["result"]["status"]
    assert (status["id"], status["name"], status["additional_fields"]["unified_status"]) == (
        "5", "Return completed", "closed")
    assert [(p["order_product_id"], p["quantity"]) for p in info["result"]["order_products"]] == [
        (str(first["id_order_detail"]), 1), (str(second["id_order_detail"]), 1)]

    before = state(env, rid)
    refused = await env.call("order.return.update", body={"return_id": rid,
                                                          "return_status_id": "Return denied"})
    assert refused["return_code"] == 109, refused
    assert "'Return completed' (closed) to 'Return denied' (declined)" in refused["return_message"]
    assert state(env, rid) == before

    deleted = await env.call("order.return.delete", {"return_id": rid, "order_id": oid})
    assert deleted["return_code"] == 0, deleted
    assert state(env, rid) == ([], [])


async def test_what_prestashop_does_not_keep_is_refused_and_changes_nothing(env):
    for method in ("return.reason.list", "return.action.list"):
        answer = await env.call(method)
        assert answer["return_code"] == 120, answer  # PrestaShop keeps no reasons or actions
    order = fresh_order(env)
    oid = str(order["id_order"])
    first = lines_of(env, order["id_order"])[0]
    line = {"order_product_id": str(first["id_order_detail"]), "order_product_quantity": 1}
    count = ("SELECT (SELECT COUNT(*) FROM {p}order_return) AS r, "
             "(SELECT COUNT(*) FROM {p}order_return_detail) AS d")
    before = env.sql(count)
    for body, code, text in (
            ({"return_reason_id": "1"}, 109, "return_reason_id"),
            ({"return_action_id": "1"}, 109, "return_action_id"),
            ({"order_products": [{**line, "order_product_reason_id": "1"}]}, 109,
             "order_products[0][order_product_reason_id]"),
            ({"order_products": [{**line, "order_product_customer_comment": "a"},
                                 {**line, "order_product_customer_comment": "b"}]}, 109,
             "differs"),
            ({"return_status_id": "Package received", "order_products": [
                {**line, "order_product_quantity": first["product_quantity"] + 1}]}, 107,
             "Only"),
            ({"return_status_id": "Return completed"}, 109, "cannot be created"),
            ({"order_id": "999999"}, 112, "999999")):
        answer = await env.call("order.return.add", body={"order_id": oid, "order_products": [line],
                                                          **body})
        assert answer["return_code"] == code and text in answer["return_message"], (body, answer)
    assert env.sql(count) == before

    rid = (await env.call("order.return.add", body={
        "order_id": oid, "order_products": [line], "return_status_id": "Package received"}
    ))["result"]["return_id"]
    assert state(env, rid)[0][0]["state"] == 3  # received over the counter
    again = await env.call("order.return.add", body={
        "order_id": oid, "order_products": [{**line, "order_product_quantity": first["product_quantity"]}]})
    assert again["return_code"] == 107, again  # one unit is already on its way back
    before = state(env, rid)
    for body, code in (({"return_id": rid, "comment": "x"}, 109),
                       ({"return_id": rid}, 110),
                       ({"return_id": rid, "return_status_id": "Waiting for package"}, 109),
                       ({"return_id": rid, "order_id": str(int(oid) + 1), "return_status_id": "5"}, 112)):
        answer = await env.call("order.return.update", body=body)
        assert answer["return_code"] == code, (body, answer)
    assert state(env, rid) == before


async def test_a_return_made_and_moved_arrives_as_polled_webhooks(env, receiver):
    for action in ("add", "update"):
        made = await env.call("webhook.create", body={
            "entity": "return", "action": action, "callback": receiver.url + "/hook"})
        assert made["return_code"] == 0, made
    worker = Worker(env.services)
    await worker.drain(rounds=4)  # the baseline poll
    order = fresh_order(env)
    line = lines_of(env, order["id_order"])[0]
    added = await env.call("order.return.add", body={
        "order_id": str(order["id_order"]), "order_products": [
            {"order_product_id": str(line["id_order_detail"]), "order_product_quantity": 1}]})
    rid = added["result"]["return_id"]
    await worker.drain(rounds=4)
    moved = await env.call("order.return.update", body={"return_id": rid,
                                                        "return_status_id": "Waiting for package"})
    assert moved["return_code"] == 0, moved
    await worker.drain(rounds=4)
    events = [(r.json["action"], r.json["data"]["status"]["id"]) for r in receiver.received
              if r.json["entity_id"] == rid]
    assert events == [("add", "1"), ("update", "2")], receiver.received
