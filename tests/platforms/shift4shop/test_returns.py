"""Shift4Shop RMAs through the AnyCart API, on the unified return state machine: create ->
update status -> refund, read back from the simulator's own state; illegal moves and
parameters Shift4Shop cannot honour are refused and change nothing."""

from __future__ import annotations

from anycart.platforms.shift4shop.seed import _SHIPPED


def _order_without_rma(env) -> dict:
    data = env.store.data
    returned = {r["OrderID"] for r in data.rmas.values()}
    return next(data.orders.get(o["OrderID"]) for o in data.orders.values()
                if o["OrderID"] not in returned and o["OrderStatusID"] == _SHIPPED)


def _add_body(order: dict, **more) -> dict:
    line = order["OrderItemList"][0]
    return {"order_id": str(order["OrderID"]), "return_status_id": "1", "return_reason_id": "2",
            "return_action_id": "1", "comment": "too small",
            "order_products": [{"order_product_id": str(line["ItemIndexID"]),
                                "order_product_quantity": 1, "order_product_reason_id": "2",
                                "order_product_action_id": "1"}], **more}


def _state(env) -> tuple:
    data = env.store.data
    return ([data.rmas.get(i) for i in data.rmas.ids()],
            [data.orders.get(i)["TransactionList"] for i in data.orders.ids()])


async def test_create_move_and_refund(s4s):
    env = s4s
    order = _order_without_rma(env)
    line = order["OrderItemList"][0]
    added = await env.call("order.return.add", body=_add_body(order))
    assert added["return_code"] == 0, added
    rid = int(added["result"]["return_id"])
    rma = env.store.data.rmas.get(rid)
    assert rma["OrderID"] == order["OrderID"] and rma["RMAStatus"] == "Pending"
    assert (rma["RMAReasonID"], rma["RMAMethodID"], rma["RMAComments"]) == (2, 1, "too small")
    item = rma["RMAItemList"][0]
    assert (item["CatalogID"], item["ItemID"], item["ItemQuantity"]) == (
        line["CatalogID"], line["ItemID"], 1)

    info = await env.call("return.info", {"id": str(rid), "params": "force_all"})
    assert info["result"]["status"]["name"] == "Pending"
    assert info["result"]["status"]["additional_fields"]["unified_status"] == "requested"

    for status, name in (("approved", "Approved"), ("4", "Received"), ("Refunded", "Refunded")):
        moved = await env.call("order.return.update", body={"return_id": str(rid),
                                                            "return_status_id": status})
        assert moved["return_code"] == 0 and moved["result"] == {"updated_items": 1}, moved
        assert env.store.data.rmas.get(rid)["RMAStatus"] == name

    refund = await env.call("order.refund.add", body={
        "order_id": str(order["OrderID"]), "total_price": 12.5, "message": "RMA " + str(rid)})
    assert refund["return_code"] == 0, refund
    txs = env.store.data.orders.get(order["OrderID"])["TransactionList"]
    tx = next(t for t in txs if str(t["TransactionIndexID"]) == refund["result"]["refund_id"])
    assert (tx["TransactionType"], tx["TransactionAmount"]) == ("Refund", 12.5)
    assert tx["TransactionResponseText"] == f"RMA {rid}"

    # a refunded return is final: any move is refused, naming the states, and nothing changes
    before = _state(env)
    back = await env.call("order.return.update", body={"return_id": str(rid),
                                                       "return_status_id": "1"})
    assert back["return_code"] == 109
    assert "'return_status_id'" in back["return_message"]
    assert "'Refunded' (refunded) to 'Pending' (requested)" in back["return_message"]
    assert _state(env) == before

    listed = await env.call("return.list", {"order_id": str(order["OrderID"])})
    assert [r["id"] for r in listed["result"]["returns"]] == [str(rid)]


async def test_lists_of_statuses_reasons_and_actions(s4s):
    env = s4s
    st = await env.call("return.status.list")
    assert st["return_code"] == 0
    by_id = {s["id"]: s for s in st["result"]["return_statuses"]}
    assert by_id["2"]["name"] == "Approved"
    assert by_id["6"]["additional_fields"]["unified_status"] == "refunded"
    reasons = await env.call("return.reason.list")
    seeded = {str(r["RMAReasonID"]): r["RMAReason"] for r in env.store.data.rmas.values()}
    assert seeded
    assert {r["id"]: r["name"] for r in reasons["result"]["return_reasons"]} == seeded
    actions = await env.call("return.action.list")
    assert actions["result"]["return_actions"] == [{"id": "1", "name": "Refund"}]


async def test_illegal_moves_and_unsupported_params_change_nothing(s4s):
    env = s4s
    order = _order_without_rma(env)
    before = _state(env)
    cases = [
        # Shift4Shop keeps no staff note, no per-line comment, no restock
        (_add_body(order, staff_note="x"), 109, "'staff_note'"),
        (_add_body(order, item_restock=True), 109, "'item_restock'"),
        ({**_add_body(order), "order_products": [{**_add_body(order)["order_products"][0],
                                                  "order_product_customer_comment": "x"}]},
         109, "order_products[0][order_product_customer_comment]"),
        # a new return cannot start refunded
        (_add_body(order, return_status_id="6"), 109, "cannot be created as 'Refunded'"),
        (_add_body(order, return_status_id="42"), 109, "unknown value '42'"),
        # one reason per RMA
        ({**_add_body(order), "order_products": [{**_add_body(order)["order_products"][0],
                                                  "order_product_reason_id": "3"}]},
         109, "one reason per RMA"),
        # more than was bought
        ({**_add_body(order), "order_products": [{**_add_body(order)["order_products"][0],
                                                  "order_product_quantity": 999}]},
         107, "Unable to return order product"),
        ({**_add_body(order), "order_products": [{**_add_body(order)["order_products"][0],
                                                  "order_product_id": "99999999"}]}, 112, "99999999"),
    ]
    for body, code, text in cases:
        answer = await env.call("order.return.add", body=body)
        assert answer["return_code"] == code and text in answer["return_message"], (body, answer)
    assert _state(env) == before

    closed = next(r for r in env.store.data.rmas.values() if r["RMAStatus"] == "Closed")
    for body, code, text in [
        ({"return_id": str(closed["RMAID"]), "return_status_id": "1"}, 109, "'Closed' (closed)"),
        ({"return_id": str(closed["RMAID"]), "staff_note": "x"}, 109, "'staff_note'"),
        ({"return_id": "999999", "return_status_id": "2"}, 112, "999999"),
        ({"return_id": str(closed["RMAID"]), "order_id": "999999", "comment": "x"}, 112, ""),
    ]:
        answer = await env.call("order.return.update", body=body)
        assert answer["return_code"] == code and text in answer["return_message"], (body, answer)
    assert _state(env) == before
    # a closed return may be reopened (approved)
    reopened = await env.call("order.return.update", body={"return_id": str(closed["RMAID"]),
                                                           "return_status_id": "2"})
    assert reopened["return_code"] == 0
    assert env.store.data.rmas.get(closed["RMAID"])["RMAStatus"] == "Approved"


async def test_second_return_of_a_line_and_delete(s4s):
    env = s4s
    order = _order_without_rma(env)
    line = order["OrderItemList"][0]
    whole = {**_add_body(order), "order_products": [{**_add_body(order)["order_products"][0],
                                                     "order_product_quantity": int(line["ItemQuantity"])}]}
    first = await env.call("order.return.add", body=whole)
    assert first["return_code"] == 0, first
    again = await env.call("order.return.add", body=_add_body(order))
    assert again["return_code"] == 107
    assert again["return_message"] == (f"Unable to return order product with id = "
                                       f"'{line['ItemIndexID']}'. Product has already been returned.")
    rid = int(first["result"]["return_id"])
    by_invoice = await env.call("order.return.update", body={
        "return_id": str(rid), "order_id": str(order["InvoiceNumber"]), "comment": "by invoice"})
    assert by_invoice["return_code"] == 0, by_invoice
    assert env.store.data.rmas.get(rid)["RMAComments"] == "by invoice"
    item_id = str(env.store.data.rmas.get(rid)["RMAItemList"][0]["RMAItemID"])
    fewer = await env.call("order.return.update", body={
        "return_id": str(rid), "order_products": [{"order_product_id": item_id,
                                                   "order_product_quantity": 1,
                                                   "order_product_action_id": "1"}]})
    assert fewer["return_code"] == 0, fewer
    assert env.store.data.rmas.get(rid)["RMAItemList"][0]["ItemQuantity"] == 1
    for bad, code in (({"order_product_id": item_id, "order_product_quantity": 0}, 109),
                      ({"order_product_id": "777777", "order_product_quantity": 1}, 112),
                      ({"order_product_id": item_id, "order_product_quantity": 1,
                        "order_product_status": "x"}, 109)):  # an RMA item has no status
        bad = {"order_product_action_id": "1", **bad}
        answer = await env.call("order.return.update", body={"return_id": str(rid),
                                                             "order_products": [bad]})
        assert answer["return_code"] == code, answer
    assert env.store.data.rmas.get(rid)["RMAItemList"][0]["ItemQuantity"] == 1
    wrong = await env.call("order.return.delete", {"return_id": str(rid), "order_id": "1"})
    assert wrong["return_code"] == 112 and rid in env.store.data.rmas
    gone = await env.call("order.return.delete", {"return_id": str(rid),
                                                  "order_id": str(order["OrderID"])})
    assert gone["return_code"] == 0 and gone["result"] == {"deleted": True}
    assert rid not in env.store.data.rmas
    assert (await env.call("order.return.add", body=_add_body(order)))["return_code"] == 0


async def test_returns_are_listed_by_status_id_name_or_unified_state(s4s):
    env = s4s
    approved = [str(r["RMAID"]) for r in env.store.data.rmas.values() if r["RMAStatusID"] == 2]
    assert approved
    for status in ("2", "Approved", "approved"):
        listed = await env.call("return.list", {"status": status, "count": 100})
        assert [r["id"] for r in listed["result"]["returns"]] == approved, status
        counted = await env.call("return.count", {"status": status})
        assert counted["result"]["returns_count"] == len(approved)
    bad = await env.call("return.list", {"status": "lost"})
    assert bad["return_code"] == 109 and "'status'" in bad["return_message"]
