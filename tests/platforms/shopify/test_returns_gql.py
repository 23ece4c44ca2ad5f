"""Shopify returns and refunds through the AnyCart API, over the GraphQL Admin API only (the
Returns API, ``refundCreate``), read back from the simulator's own state: create, move
through Shopify's workflow, refund; the moves Shopify refuses and the parameters it cannot
take are answered before anything is written; lists need their order (114, as API2Cart);
return events are pushed natively."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from tests.platforms.gateway_env import ok
from tests.platforms.shopify.test_connector import PUBLIC_URL, open_env
from tests.platforms.shopify.test_truncation import _count_requests


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path, 80) as e:
        yield e


def _shipped(env, *, taken: set[int] | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """A paid order fully shipped by one fulfillment, with no return and no refund yet, and
    its first line."""
    for o in env.shop.data.orders.values():
        f = o["fulfillments"]
        if (len(f) == 1 and f[0]["status"] == "success" and o["financial_status"] == "paid"
                and not o["refunds"] and o["id"] not in (taken or set())
                and not any(r["order_id"] == o["id"] for r in env.shop.data.returns.values())):
            return o, o["line_items"][0]
    raise AssertionError("no shipped order")


def _state(env) -> Any:
    """The simulator's returns and refunds (what a refused call must leave as it was)."""
    return copy.deepcopy((dict(env.shop.data.returns),
                          {k: o["refunds"] for k, o in env.shop.data.orders.items()}))


def _one(env, rid: str) -> dict[str, Any]:
    found: dict[str, Any] = env.shop.data.returns[int(rid)]
    return found


async def _add(env, order, item, quantity: int = 1, **extra: Any) -> dict[str, Any]:
    """order.return.add of ``quantity`` of order line ``item`` (``line``: more keys of it)."""
    answer: dict[str, Any] = await env.call("order.return.add", body={
        "order_id": str(order["id"]), "order_products": [
            {"order_product_id": str(item["id"]), "order_product_quantity": quantity,
             **extra.pop("line", {})}], **extra})
    return answer


async def test_create_move_refund_read_back(env):
    order, line = _shipped(env)
    sent = _count_requests(env)
    fresh = ok(await env.call("order.info", {"id": str(order["id"]), "params": "additional_fields"}))
    assert fresh["additional_fields"]["return_status"] == "no_return"  # the FAQ's value
    before = len(sent.paths)
    made = await _add(env, order, line, line={"order_product_reason_id": "DEFECTIVE",
                                                "order_product_customer_comment": "cracked"})
    assert made["return_code"] == 0, made
    # what the order fulfilled is read once (the unshipped check and the kit's share it),
    # then the return is requested
    assert len(sent.paths) - before == 2, sent.paths[before:]
    rid = made["result"]["return_id"]
    stored = _one(env, rid)
    assert stored["status"] == "REQUESTED" and stored["order_id"] == order["id"]
    [rl] = stored["return_line_items"]
    assert (rl["quantity"], rl["return_reason"], rl["customer_note"]) == (1, "DEFECTIVE",
                                                                           "cracked")
    assert rl["fulfillment_line_item_id"] // 1000 == order["fulfillments"][0]["id"]
    info = ok(await env.call("return.info", {"id": rid, "order_id": str(order["id"]),
                                             "params": "force_all"}))
    assert info["status"] == {"id": "REQUESTED", "name": "Requested",
                              "additional_fields": {"unified_status": "requested"}}
    assert info["order_products"][0]["order_product_id"] == str(line["id"])
    assert info["order_products"][0]["reason"]["id"] == "DEFECTIVE"
    shown = (await env.call("order.info", {"id": str(order["id"]),
                                           "params": "additional_fields"}))["result"]
    assert shown["additional_fields"]["return_status"] == "return_requested"
    # Shopify's workflow: approve, close, reopen (each read back from the simulator)
    for asked, status in (("approved", "OPEN"), ("closed", "CLOSED"), ("open", "OPEN"),
                          ("Closed", "CLOSED")):
        moved = await env.call("order.return.update", body={"return_id": rid,
                                                             "return_status_id": asked})
        assert moved["return_code"] == 0, (asked, moved)
        assert _one(env, rid)["status"] == status
    listed = await env.call("order.list", {"return_status": "returned", "count": 100,
                                           "params": "id,additional_fields"})
    assert [o["id"] for o in listed["result"]["order"]] == [str(order["id"])]
    assert listed["result"]["order"][0]["additional_fields"]["return_status"] == "returned"
    by_state = await env.call("order.list", {"return_status": "closed", "count": 100,
                                             "params": "id"})
    assert [o["id"] for o in by_state["result"]["order"]] == [str(order["id"])]
    # the money: the line and its tax, back from the order's sale, the unit restocked
    refunds_before = len(order["refunds"])
    refund = await env.call("order.refund.add", body={
        "order_id": str(order["id"]), "items": [{"order_product_id": str(line["id"]),
                                                  "quantity": 1}],
        "item_restock": True, "message": "returned", "send_notifications": True})
    assert refund["return_code"] == 0, refund
    assert len(order["refunds"]) == refunds_before + 1
    kept = order["refunds"][-1]
    assert str(kept["id"]) == refund["result"]["refund_id"] and kept["note"] == "returned"
    [rli] = kept["refund_line_items"]
    assert (rli["line_item_id"], rli["quantity"], rli["restock_type"]) == (line["id"], 1,
                                                                           "return")
    [tx] = kept["transactions"]
    unit_tax = Decimal(str(rli["total_tax"]))
    assert Decimal(tx["amount"]) == Decimal(line["price"]) + unit_tax
    assert tx["kind"] == "refund" and tx["parent_id"] is not None
    assert order["financial_status"] == "partially_refunded"
    # no REST call on the way
    assert {p.rsplit("/", 1)[-1] for p in sent.paths} == {"graphql.json"}, sent.paths


async def test_approved_asked_is_made_open_and_declines_carry_their_reason(env):
    order, line = _shipped(env)
    made = await _add(env, order, line, return_status_id="approved")
    assert made["return_code"] == 0, made
    assert _one(env, made["result"]["return_id"])["status"] == "OPEN"
    other, line2 = _shipped(env, taken={order["id"]})
    asked = await _add(env, other, line2)
    rid = asked["result"]["return_id"]
    declined = await env.call("order.return.update", body={
        "return_id": rid, "order_id": str(other["id"]), "return_status_id": "declined",
        "reject_reason": "final sale", "message": "Sold as seen"})
    assert declined["return_code"] == 0, declined
    assert _one(env, rid)["status"] == "DECLINED"
    assert _one(env, rid)["decline"] == {"reason": "FINAL_SALE", "note": "Sold as seen"}


async def test_moves_shopify_refuses_change_nothing(env):
    order, line = _shipped(env)
    rid = (await _add(env, order, line))["result"]["return_id"]
    before = _state(env)
    cases = [
        ("closed", "Return status is invalid"),  # a request is approved before it is closed
        ("received", "Shopify return statuses are"),  # Shopify has no such status
        ("refunded", "Shopify return statuses are"),
    ]
    for asked, says in cases:
        r = await env.call("order.return.update", body={"return_id": rid,
                                                        "return_status_id": asked})
        assert r["return_code"] == 109 and "return_status_id" in r["return_message"], r
        assert says in r["return_message"], r
        assert _state(env) == before
    await env.call("order.return.update", body={"return_id": rid, "return_status_id": "declined"})
    after = _state(env)
    for asked in ("approved", "closed", "canceled"):
        r = await env.call("order.return.update", body={"return_id": rid,
                                                        "return_status_id": asked})
        assert r["return_code"] == 109 and "'Declined' (declined)" in r["return_message"], r
        assert _state(env) == after
    # a status Shopify cannot make a return in, and a return of another order
    r = await _add(env, order, line, return_status_id="closed")
    assert r["return_code"] == 109 and "cannot be created as 'Closed'" in r["return_message"]
    other, _ = _shipped(env, taken={order["id"]})
    r = await env.call("order.return.update", body={"return_id": rid, "order_id": str(other["id"]),
                                                    "return_status_id": "canceled"})
    assert r["return_code"] == 112, r
    assert _state(env) == after


async def test_what_cannot_be_returned_or_given_is_refused_before_writing(env):
    order, line = _shipped(env)
    before = _state(env)
    refusals = [
        (dict(quantity=line["quantity"] + 1), 107, f"Only {line['quantity']:g} of it"),
        (dict(return_action_id="1"), 109, "return_action_id"),
        (dict(comment="why"), 109, "comment"),
        (dict(staff_note="x"), 109, "staff_note"),
        (dict(line={"order_product_condition": "damaged"}), 109, "order_product_condition"),
        (dict(line={"order_product_reason_id": "BROKEN"}), 109, "order_product_reason_id"),
        (dict(return_status_id="approved", line={"order_product_customer_comment": "x"}), 109,
         "order_product_customer_comment"),
    ]
    for extra, code, says in refusals:
        r = await _add(env, order, line, **copy.deepcopy(extra))
        assert r["return_code"] == code and says in r["return_message"], (extra, r)
        assert _state(env) == before
    unshipped = next(o for o in env.shop.data.orders.values()
                     if not o["fulfillments"] and not o["cancelled_at"])
    r = await _add(env, unshipped, unshipped["line_items"][0])
    assert r["return_code"] == 109 and "has not been shipped" in r["return_message"], r
    r = await env.call("order.return.add", body={"order_id": str(order["id"]), "order_products": [
        {"order_product_id": "1", "order_product_quantity": 1}]})
    assert r["return_code"] == 112, r
    for method, params in (("order.return.delete", {"return_id": "1", "order_id": "1"}),
                           ("return.action.list", {})):
        assert (await env.call(method, params))["return_code"] == 120
    for bad in ({"fee_price": 1}, {"date": "2025-01-01 00:00:00"}, {"is_online": True},
                {"items": [{"order_product_id": str(line["id"]), "quantity": 1, "price": 2}]}):
        r = await env.call("order.refund.add", body={"order_id": str(order["id"]), **bad})
        assert r["return_code"] == 109, (bad, r)
    r = await env.call("order.refund.add", body={"order_id": str(order["id"])})
    assert r["return_code"] == 109 and "total_price" in r["return_message"], r
    assert _state(env) == before


async def test_refund_of_an_amount_comes_from_the_sale_and_no_more(env):
    order, _ = _shipped(env)
    r = await env.call("order.refund.add", body={"order_id": str(order["id"]),
                                                 "total_price": 5, "shipping_price": 0})
    assert r["return_code"] == 0, r
    [tx] = order["refunds"][-1]["transactions"]
    assert tx["amount"] == "5.00" and tx["parent_id"] is not None
    before = _state(env)
    too_much = await env.call("order.refund.add", body={"order_id": str(order["id"]),
                                                        "total_price": float(order["total_price"])})
    assert too_much["return_code"] == 107 and "left to refund" in too_much["return_message"]
    assert _state(env) == before
    pending = next(o for o in env.shop.data.orders.values()
                   if o["financial_status"] in ("pending", "voided"))
    r = await env.call("order.refund.add", body={"order_id": str(pending["id"]),
                                                 "total_price": 1})
    assert r["return_code"] == 109 and "no payment" in r["return_message"], r


async def test_lists_need_their_orders_and_hold_every_return(env):
    for method in ("return.list", "return.count"):
        r = await env.call(method, {})
        assert r["return_code"] == 114 and "order_id" in r["return_message"], r
    # a Return gid is global: info needs no order, and an id that names none is 112
    for unknown in ("999999999", "abc"):
        r = await env.call("return.info", {"id": unknown})
        assert (r["return_code"], r["return_message"]) == (
            112, f"Return with id {unknown} not found"), r
    # 12 returns on one order (more than one GraphQL page of them) and 1 on another
    order, line = _shipped(env)
    other, line2 = _shipped(env, taken={order["id"]})
    many = next(o for o in env.shop.data.orders.values() if o["id"] not in (order["id"],
                                                                          other["id"]))
    made = [(await _add(env, order, line))["result"]["return_id"]]
    fli = env.shop.data.returns[int(made[0])]["return_line_items"][0]["fulfillment_line_item_id"]
    while len(made) < 12:  # the simulator's own table: more returns than units to ship
        rid = max(env.shop.data.returns) + 1
        env.shop.data.returns[rid] = {**copy.deepcopy(env.shop.data.returns[int(made[0])]),
                                      "id": rid, "name": f"{order['name']}-R{len(made) + 1}"}
        made.append(str(rid))
    assert fli
    made.append((await _add(env, other, line2))["result"]["return_id"])
    ids = f"{order['id']},{other['id']},{many['id']}"
    count = await env.call("return.count", {"order_ids": ids})
    assert count["result"]["returns_count"] == 13, count
    seen, page = [], await env.call("return.list", {"order_ids": ids, "count": 5})
    while True:
        assert page["return_code"] == 0, page
        seen += [x["id"] for x in page["result"]["returns"]]
        if not page["pagination"]["next"]:
            break
        page = await env.call("return.list", {"page_cursor": page["pagination"]["next"]})
    assert seen == made
    cid = other["customer"]["id"]
    mine = await env.call("return.list", {"order_ids": ids, "customer_id": str(cid)})
    assert [x["id"] for x in mine["result"]["returns"]] == [
        m for m in made if env.shop.data.returns[int(m)]["order_id"] == other["id"]
        or (order.get("customer") or {}).get("id") == cid]
    assert made[-1] in [x["id"] for x in mine["result"]["returns"]]
    alone = await env.call("return.info", {"id": made[-1]})
    assert alone["return_code"] == 0, alone
    assert (alone["result"]["id"], alone["result"]["order_id"]) == (made[-1], str(other["id"]))
    elsewhere = await env.call("return.info", {"id": made[-1], "order_id": str(order["id"])})
    assert elsewhere["return_code"] == 112, elsewhere


async def test_status_and_reason_lists(env):
    statuses = (await env.call("return.status.list"))["result"]["return_statuses"]
    assert [(s["id"], s["additional_fields"]["unified_status"]) for s in statuses] == [
        ("REQUESTED", "requested"), ("OPEN", "approved"), ("DECLINED", "declined"),
        ("CLOSED", "closed"), ("CANCELED", "canceled")]
    reasons = (await env.call("return.reason.list"))["result"]["return_reasons"]
    assert {"id": "WRONG_ITEM", "name": "Wrong item"} in reasons and len(reasons) == 10
    bad = await env.call("order.list", {"return_status": "lost"})
    assert bad["return_code"] == 109 and "return_status" in bad["return_message"]


async def test_return_add_and_update_webhooks_delivered(env):
    from anycart.worker.loop import Worker
    from tests.conftest import LiveServer
    from tests.webhooks.receiver import Receiver

    receiver = Receiver()
    with LiveServer(receiver.app) as server:
        for action in ("add", "update"):
            r = await env.call("webhook.create", body={"entity": "return", "action": action,
                                                       "callback": server.url + "/hook"})
            assert r["return_code"] == 0, r
        topics = sorted(h["topic"] for h in env.shop.data.webhooks.values())
        assert topics == ["returns/approve", "returns/cancel", "returns/close", "returns/decline",
                          "returns/reopen", "returns/request"]
        assert all(h["address"].startswith(PUBLIC_URL + "/ingress/")
                   for h in env.shop.data.webhooks.values())
        order, line = _shipped(env)
        rid = (await _add(env, order, line))["result"]["return_id"]
        moved = await env.call("order.return.update", body={"return_id": rid,
                                                             "return_status_id": "approved"})
        assert moved["return_code"] == 0, moved
        outcomes = await env.sim.flush_webhooks()
        assert [status for _, _, status in outcomes] == [200, 200], outcomes
        await Worker(env.services).drain()
        # two webhooks' deliveries, sent concurrently (ANYCART_DELIVERY_CONCURRENCY): the
        # order they arrive in is not one AnyCart promises, what each carries is
        got = sorted((g.json["entity"], g.json["action"], g.json["data"]["id"],
                      g.json["data"]["status"]["id"]) for g in receiver.delivered())
        assert got == [("return", "add", rid, "REQUESTED"), ("return", "update", rid, "OPEN")]


def test_documents_are_valid_and_each_fits_one_query():
    """Every returns document is valid on the simulator's SDL (written from Shopify's
    reference) and costs no more than the 1 000 points one query may (first: N counted)."""
    from pathlib import Path

    from graphql import FragmentDefinitionNode, OperationDefinitionNode, parse, validate

    from anycart.platforms.shopify import gql as G
    from anycart.platforms.shopify.sim_graphql import MAX_QUERY_COST, SCHEMA
    from anycart.sandbox.graphql import Coster

    source = (Path(G.__file__).parent / "queries" / "returns.graphql").read_text()
    names = [d.name.value for d in parse(source).definitions
             if isinstance(d, OperationDefinitionNode) and d.name]
    assert len(names) == 12
    for name in names:
        document = parse(G.DOCS[name])
        assert [e.message for e in validate(SCHEMA, document)] == [], name
        fragments = {d.name.value: d for d in document.definitions
                     if isinstance(d, FragmentDefinitionNode)}
        [op] = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
        assert Coster(SCHEMA, fragments, {}).operation(op) <= MAX_QUERY_COST, name


async def test_webhook_events_name_each_return_event_once(env):
    events = ok(await env.call("webhook.events"))["events"]
    returns = [(e["entity"], e["action"]) for e in events if e["entity"] == "return"]
    assert returns == [("return", "add"), ("return", "update")]


async def test_one_line_asked_twice_comes_back_from_each_fulfillment_holding_it(env):
    """A line shipped in two fulfillments (one unit each), asked back as two order_products
    of one unit: each unit comes from the fulfillment line still holding it, not both from
    the first (which Shopify refuses: more than it holds)."""
    order = next(o for o in env.shop.data.orders.values()
                 if not o.get("fulfillments") and not o.get("cancelled_at")
                 and o["line_items"][0]["quantity"] >= 2)
    line = order["line_items"][0]
    for _ in range(2):
        shipped = await env.call("order.shipment.add", body={
            "order_id": str(order["id"]),
            "items": [{"order_product_id": str(line["id"]), "quantity": 1}]})
        assert shipped["return_code"] == 0, shipped
    made = await env.call("order.return.add", body={
        "order_id": str(order["id"]), "order_products": [
            {"order_product_id": str(line["id"]), "order_product_quantity": 1}] * 2})
    assert made["return_code"] == 0, made
    items = _one(env, made["result"]["return_id"])["return_line_items"]
    assert sorted(rl["fulfillment_line_item_id"] // 1000 for rl in items) == sorted(
        f["id"] for f in order["fulfillments"])
    assert [rl["quantity"] for rl in items] == [1, 1]
