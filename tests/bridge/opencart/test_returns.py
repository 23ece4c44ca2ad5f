"""Issue 22 on OpenCart (3.0.x and 4.0.x): returns made, moved through their statuses and
closed as refunded through AnyCart's HTTP API and the real bridge.php, read back from the
``oc_return`` and ``oc_return_history`` rows; refused moves and parameters change nothing."""

from __future__ import annotations


def state(env, rid):
    """The return's row and its history, as the store holds them."""
    row = env.sql("SELECT * FROM `{p}return` WHERE return_id = %s", [int(rid)])
    history = env.sql("SELECT return_status_id, notify, comment FROM {p}return_history WHERE "
                      "return_id = %s ORDER BY return_history_id", [int(rid)])
    return row, history


def order_line(env, order_id=3):
    return env.sql("SELECT * FROM {p}order_product WHERE order_id = %s ORDER BY order_product_id",
                   [order_id])[0]


async def test_statuses_reasons_and_actions_are_the_stores_own(env):
    listed = await env.call("return.status.list")
    assert listed["return_code"] == 0, listed
    assert [(s["id"], s["name"], s["additional_fields"]["unified_status"])
            for s in listed["result"]["return_statuses"]] == [
        ("1", "Pending", "requested"), ("2", "Awaiting Products", "approved"),
        ("3", "Complete", "closed")]
    reasons = (await env.call("return.reason.list"))["result"]["return_reasons"]
    assert [r["name"] for r in reasons][:2] == ["Dead On Arrival", "Received Wrong Item"]
    actions = (await env.call("return.action.list"))["result"]["return_actions"]
    assert [(a["id"], a["name"]) for a in actions] == [
        ("1", "Refunded"), ("2", "Credit Issued"), ("3", "Replacement Sent")]


async def test_create_approve_and_close_refunded(env):
    line = order_line(env)
    order = env.sql("SELECT * FROM `{p}order` WHERE order_id = 3")[0]
    added = await env.call("order.return.add", body={
        "order_id": "3", "return_status_id": "Pending", "return_reason_id": "1",
        "return_action_id": "0", "order_products": [{
            "order_product_id": str(line["order_product_id"]), "order_product_quantity": 1,
            "order_product_reason_id": "1", "order_product_action_id": "0",
            "order_product_customer_comment": "Cracked lid"}]})
    assert added["return_code"] == 0, added
    rid = added["result"]["return_id"]
    (row,), history = state(env, rid)
    assert (row["order_id"], row["product_id"], row["product"], row["model"], row["quantity"]) == (
        3, line["product_id"], line["name"], line["model"], 1)
    assert (row["customer_id"], row["email"], row["firstname"]) == (
        order["customer_id"], order["email"], order["firstname"])
    assert (row["return_status_id"], row["return_reason_id"], row["return_action_id"]) == (1, 1, 0)
    assert row["comment"] == "Cracked lid" and str(row["date_ordered"]) == str(order["date_added"])[:10]
    assert history == []  # the admin's addReturn writes no history

    moved = await env.call("order.return.update", body={
        "return_id": rid, "return_status_id": "2", "comment": "Send it back <b>boxed</b>",
        "send_notifications": True})
    assert moved["return_code"] == 0, moved
    (row,), history = state(env, rid)
    assert row["return_status_id"] == 2
    assert history == [{"return_status_id": 2, "notify": 1,
                        "comment": "Send it back &lt;b&gt;boxed&lt;/b&gt;"}]

    closed = await env.call("order.return.update", body={
        "return_id": rid, "order_id": "3", "return_status_id": "closed",
        "return_action_id": "Refunded"})
    assert closed["return_code"] == 0, closed
    (row,), history = state(env, rid)
    assert (row["return_status_id"], row["return_action_id"]) == (3, 1)
    assert [h["return_status_id"] for h in history] == [2, 3]

    info = await env.call("return.info", {"id": rid})
    assert info["return_code"] == 0, info
    status = info["result"]["status"]
    assert (status["id"], status["name"], status["additional_fields"]["unified_status"]) == (
        "3", "Complete", "closed")
    assert info["result"]["additional_fields"]["action"] == "Refunded"
    listed = await env.call("return.list", {"order_id": "3", "status": "Complete"})
    assert [r["id"] for r in listed["result"]["returns"]] == [rid]

    # closed -> requested is no move of the machine: refused, nothing written
    before = state(env, rid)
    refused = await env.call("order.return.update", body={"return_id": rid, "return_status_id": "1"})
    assert refused["return_code"] == 109, refused
    assert "'Complete' (closed) to 'Pending' (requested)" in refused["return_message"]
    assert state(env, rid) == before

    deleted = await env.call("order.return.delete", {"return_id": rid, "order_id": "3"})
    assert deleted["return_code"] == 0, deleted
    assert state(env, rid) == ([], [])
    gone = await env.call("order.return.delete", {"return_id": rid, "order_id": "3"})
    assert gone["return_code"] == 112, gone


async def test_refusals_change_nothing(env):
    line = order_line(env)
    ident = str(line["order_product_id"])
    count = "SELECT (SELECT COUNT(*) FROM `{p}return`) AS r, (SELECT COUNT(*) FROM {p}return_history) AS h"
    before = env.sql(count)

    def product(**extra):
        return [{"order_product_id": ident, "order_product_quantity": 1,
                 "order_product_reason_id": "2", "order_product_action_id": "1", **extra}]

    def add(**body):
        return {"order_id": "3", "order_products": product(), "return_status_id": "1",
                "return_reason_id": "2", "return_action_id": "1", **body}

    cases = [
        (add(order_products=product(order_product_condition="Broken")), 109,
         "order_product_condition"),
        (add(reject_reason="x"), 109, "reject_reason"),
        (add(return_status_id="Complete"), 109, "cannot be created as 'Complete'"),
        (add(return_status_id="Lost"), 109, "unknown value 'Lost'"),
        (add(return_reason_id="3"), 109, "differs from return_reason_id"),
        (add(order_products=product(order_product_reason_id="77"), return_reason_id="77"), 109,
         "no return reason '77'"),
        (add(order_products=product(order_product_action_id="Teleported"),
             return_action_id="Teleported"), 109, "'Teleported'"),
        (add(order_products=product() + product()), 109, "one product of the order"),
        (add(order_products=product(order_product_quantity=line["quantity"] + 1)), 107,
         f"Only {line['quantity']} of it"),
        (add(order_products=product(order_product_id="999999")), 112, "999999"),
        (add(order_id="99999"), 112, "99999"),
        # OpenCart's admin form requires a reason (error_reason); the contract leaves it to the cart
        (add(return_reason_id=None, order_products=product(order_product_reason_id=None)), 114,
         "return_reason_id"),
    ]
    for body, code, text in cases:
        answer = await env.call("order.return.add", body=body)
        assert answer["return_code"] == code and text in answer["return_message"], (body, answer)
    assert env.sql(count) == before

    # no status given: the store's config_return_status_id (Awaiting Products, as installed)
    rid = (await env.call("order.return.add", body=add(return_status_id=None)))["result"]["return_id"]
    (row,), _ = state(env, rid)
    assert (row["return_status_id"], row["return_reason_id"], row["return_action_id"]) == (2, 2, 1)
    before = state(env, rid)
    for body, code in (({"return_id": rid, "order_products": product()}, 109),
                       ({"return_id": rid, "staff_note": "x"}, 109),
                       ({"return_id": rid}, 110),
                       ({"return_id": rid, "order_id": "4", "return_status_id": "2"}, 112),
                       ({"return_id": rid, "return_action_id": "Teleported"}, 109)):
        answer = await env.call("order.return.update", body=body)
        assert answer["return_code"] == code, (body, answer)
    assert state(env, rid) == before
