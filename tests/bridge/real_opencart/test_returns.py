"""Issue 22 on the real OpenCart 3.0.4.1 and 4.0.2.3 installs: a return AnyCart makes, moves
and closes as refunded is the one OpenCart's admin lists, edits and shows the history of,
with the status AnyCart gave it; each step arrives as a polled return webhook."""

from __future__ import annotations

import lxml.html

from anycart.worker.loop import Worker
from tests.bridge.real_opencart.admin import Admin
from tests.bridge.real_opencart.conftest import ok, order_body, poll_and_deliver


def _selected(page: str, name: str) -> str:
    """The text of the option the admin form shows selected in the select ``name``."""
    found = lxml.html.fromstring(page).xpath(f"//select[@name='{name}']/option[@selected]")
    return found[0].text_content().strip() if found else ""


async def test_a_return_anycart_moves_is_the_one_the_admin_shows(env, receiver):
    for action in ("add", "update"):
        ok(await env.call("webhook.create", body={
            "entity": "return", "action": action, "callback": receiver.url + "/hook"}))
    worker = Worker(env.services)
    await poll_and_deliver(worker)  # the baseline poll

    statuses = {s["name"]: s for s in ok(await env.call("return.status.list"))["return_statuses"]}
    assert {n: s["additional_fields"]["unified_status"] for n, s in statuses.items()} == {
        "Pending": "requested", "Awaiting Products": "approved", "Complete": "closed"}
    order_statuses = ok(await env.call("order.status.list"))["cart_order_statuses"]
    oid = ok(await env.call("order.add", body=order_body(
        "return.buyer@example.com", order_statuses[0]["id"], 2)))["order_id"]
    (line,) = env.sql("SELECT order_product_id FROM {p}order_product WHERE order_id = %s", [int(oid)])

    # no status given: the store's config_return_status_id (Awaiting Products on a new install)
    rid = ok(await env.call("order.return.add", body={
        "order_id": oid, "return_reason_id": "Faulty, please supply details", "comment": "Screen flickers",
        "order_products": [{"order_product_id": str(line["order_product_id"]),
                            "order_product_quantity": 1}]}))["return_id"]
    assert env.sql("SELECT return_status_id FROM `{p}return` WHERE return_id = %s",
                   [int(rid)]) == [{"return_status_id": int(statuses["Awaiting Products"]["id"])}]
    await poll_and_deliver(worker)
    ok(await env.call("order.return.update", body={
        "return_id": rid, "return_status_id": "Complete", "return_action_id": "Refunded",
        "comment": "Refunded in full"}))
    await poll_and_deliver(worker)

    (row,) = env.sql("SELECT r.return_status_id, rs.name AS status, ra.name AS action, r.quantity "
                     "FROM `{p}return` r JOIN {p}return_status rs ON rs.return_status_id = "
                     "r.return_status_id AND rs.language_id = 1 JOIN {p}return_action ra ON "
                     "ra.return_action_id = r.return_action_id AND ra.language_id = 1 "
                     "WHERE r.return_id = %s", [int(rid)])
    assert (row["status"], row["action"], row["quantity"]) == ("Complete", "Refunded", 1)
    # a closed return is not reopened as a new request: refused, nothing written
    count = "SELECT COUNT(*) AS n FROM {p}return_history WHERE return_id = %s"
    histories = env.sql(count, [int(rid)])
    refused = await env.call("order.return.update", body={"return_id": rid,
                                                          "return_status_id": "Pending"})
    assert refused["return_code"] == 109 and "(closed)" in refused["return_message"], refused
    assert env.sql(count, [int(rid)]) == histories == [{"n": 1}]

    v4 = env.cart_store.major >= 4
    async with Admin(env.cart_store) as admin:
        listing = await admin.page("sale/returns" if v4 else "sale/return", filter_return_id=rid)
        form = await admin.page("sale/returns.form" if v4 else "sale/return.edit", return_id=rid)
        history = await admin.page("sale/returns.history" if v4 else "sale/return.history",
                                   return_id=rid)
    rows = lxml.html.fromstring(listing).xpath("//tbody/tr")
    assert [[c.text_content().strip() for c in r.xpath("td")][1] for r in rows] == [rid]
    assert any(c.text_content().strip() == "Complete" for c in rows[0].xpath("td"))
    assert _selected(form, "return_reason_id") == "Faulty, please supply details"
    assert _selected(form, "return_action_id") == "Refunded"
    assert "Screen flickers" in form
    assert "Refunded in full" in history and "Complete" in history

    events = [(r.json["entity"], r.json["action"]) for r in receiver.received
              if r.json["entity_id"] == rid]
    assert events == [("return", "add"), ("return", "update")], receiver.received


async def test_a_status_the_admin_gives_is_read_on_the_machine(env, receiver):
    """The admin's history tab moving a return AnyCart made: return.info answers the admin's
    status and its unified state, and the change arrives as a polled return.update."""
    ok(await env.call("webhook.create", body={
        "entity": "return", "action": "update", "callback": receiver.url + "/hook"}))
    worker = Worker(env.services)
    statuses = {s["name"]: s["id"] for s in ok(await env.call("return.status.list"))["return_statuses"]}
    order_statuses = ok(await env.call("order.status.list"))["cart_order_statuses"]
    oid = ok(await env.call("order.add", body=order_body(
        "admin.moves@example.com", order_statuses[0]["id"], 1)))["order_id"]
    (line,) = env.sql("SELECT order_product_id FROM {p}order_product WHERE order_id = %s", [int(oid)])
    rid = ok(await env.call("order.return.add", body={
        "order_id": oid, "return_reason_id": "1", "return_status_id": "Pending",
        "order_products": [{"order_product_id": str(line["order_product_id"]),
                            "order_product_quantity": 1}]}))["return_id"]
    await poll_and_deliver(worker)  # the baseline poll, the return already made

    v4 = env.cart_store.major >= 4
    async with Admin(env.cart_store) as admin:
        answer = await admin.client.post(admin.base, params={
            "route": "sale/returns.addHistory" if v4 else "sale/return/addhistory",
            "user_token": admin.token, "return_id": rid},
            data={"return_status_id": statuses["Complete"], "notify": "0",
                  "comment": "Closed at the counter"})
    assert "success" in answer.json(), answer.text
    info = ok(await env.call("return.info", {"id": rid}))
    assert (info["status"]["name"], info["status"]["additional_fields"]["unified_status"]) == (
        "Complete", "closed")
    await poll_and_deliver(worker)
    updates = [r.json for r in receiver.received if r.json["entity_id"] == rid]
    assert [u["action"] for u in updates] == ["update"], receiver.received
    assert updates[0]["data"]["status"]["name"] == "Complete"
