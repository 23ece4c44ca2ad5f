"""The simulator's Returns API and refunds (``sim_graphql_returns``): Shopify's moves and its
refusals (texts as the Admin API renders them), what a return may take back,
``Order.returnStatus`` and its search term, ``returnableFulfillments``, the order's
transactions and ``refundCreate``'s checks of them, ``suggestedRefund``."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from .test_sim_graphql import Gql, clock, gql, sim  # noqa: F401
from .test_sim_graphql_orders import _open_order, d, fulfil, gid

ERRORS = "userErrors { field message code }"
REQUEST = """mutation ($i: ReturnRequestInput!) { returnRequest(input: $i) {
  return { id status order { returnStatus } } """ + ERRORS + " } }"
CREATE = """mutation ($i: ReturnInput!) { returnCreate(returnInput: $i) {
  return { id status } """ + ERRORS + " } }"
MOVE = "mutation ($id: ID!) { %s { return { status closedAt } " + ERRORS + " } }"
APPROVE = MOVE % "returnApproveRequest(input: {id: $id})"
DECLINE = MOVE % "returnDeclineRequest(input: {id: $id, declineReason: FINAL_SALE})"
CLOSE, REOPEN, CANCEL = (MOVE % f"{m}(id: $id)" for m in ("returnClose", "returnReopen",
                                                         "returnCancel"))


async def _shipped(gql: Gql) -> tuple[dict[str, Any], dict[str, Any]]:
    order = _open_order(gql)
    line = (await fulfil(gql, order))["fulfillment"]["fulfillmentLineItems"]["nodes"][0]
    return order, line


def _ask(order: dict[str, Any], line: dict[str, Any], quantity: int = 1) -> dict[str, Any]:
    return {"orderId": gid("Order", order["id"]), "returnLineItems": [
        {"fulfillmentLineItemId": line["id"], "quantity": quantity, "returnReason": "DEFECTIVE",
         "customerNote": "cracked"}]}


async def _status(gql: Gql, order: dict[str, Any]) -> str:
    found = await gql("query ($id: ID!) { order(id: $id) { returnStatus } }",
                      {"id": gid("Order", order["id"])})
    status: str = found["order"]["returnStatus"]
    return status


async def test_a_request_moves_as_shopify_allows(gql: Gql) -> None:
    order, line = await _shipped(gql)
    assert await _status(gql, order) == "NO_RETURN"
    made = (await gql(REQUEST, {"i": _ask(order, line)}))["returnRequest"]
    assert made["userErrors"] == [] and made["return"]["status"] == "REQUESTED"
    assert made["return"]["order"]["returnStatus"] == "RETURN_REQUESTED"
    rid = made["return"]["id"]
    stored = gql.shop.data.returns[int(rid.rsplit("/", 1)[1])]
    assert stored["return_line_items"][0]["customer_note"] == "cracked"

    async def run(doc: str, root: str) -> dict[str, Any]:
        answer: dict[str, Any] = (await gql(doc, {"id": rid}))[root]
        return answer

    # a request is not closed, reopened: Shopify's texts, nothing changed
    for doc, root in ((CLOSE, "returnClose"), (REOPEN, "returnReopen")):
        before = copy.deepcopy(stored)
        assert (await run(doc, root)) == {"return": None, "userErrors": [
            {"field": ["id"], "message": "Return status is invalid.", "code": "INVALID_STATE"}]}
        assert stored == before
    assert (await run(APPROVE, "returnApproveRequest"))["return"]["status"] == "OPEN"
    assert await _status(gql, order) == "IN_PROGRESS"
    assert (await run(APPROVE, "returnApproveRequest"))["userErrors"] == [{
        "field": ["input", "id"], "code": "INVALID_STATE",
        "message": "Return is not approvable. Only returns with status REQUESTED can be approved."}]
    assert (await run(DECLINE, "returnDeclineRequest"))["userErrors"][0]["message"] == (
        "Return is not declinable. Only non-refunded returns with status REQUESTED can be "
        "declined.")
    closed = await run(CLOSE, "returnClose")
    assert closed["return"]["status"] == "CLOSED" and closed["return"]["closedAt"]
    assert await _status(gql, order) == "RETURNED"
    assert (await run(CANCEL, "returnCancel"))["userErrors"][0]["message"] == \
        "Return is not cancelable."
    reopened = await run(REOPEN, "returnReopen")
    assert reopened["return"] == {"status": "OPEN", "closedAt": None}
    assert (await run(CANCEL, "returnCancel"))["return"]["status"] == "CANCELED"
    assert await _status(gql, order) == "NO_RETURN"
    # a canceled return holds nothing: the line can be returned whole again
    again = (await gql(REQUEST, {"i": _ask(order, line, line["quantity"])}))["returnRequest"]
    assert again["userErrors"] == []
    unknown = (await gql(APPROVE, {"id": "gid://shopify/Return/1"}))["returnApproveRequest"]
    assert unknown["userErrors"] == [{"field": ["input", "id"], "message": "Return not found.",
                                      "code": "NOT_FOUND"}]


async def test_declined_is_final_and_releases_its_items(gql: Gql) -> None:
    order, line = await _shipped(gql)
    rid = (await gql(REQUEST, {"i": _ask(order, line, line["quantity"])}))["returnRequest"][
        "return"]["id"]
    assert (await gql(DECLINE, {"id": rid}))["returnDeclineRequest"]["return"]["status"] == \
        "DECLINED"
    assert (await gql(DECLINE, {"id": rid}))["returnDeclineRequest"]["userErrors"][0][
        "message"] == "The return is already declined."
    assert await _status(gql, order) == "NO_RETURN"
    assert (await gql(CREATE, {"i": _ask(order, line, line["quantity"]) | {"returnLineItems": [
        {"fulfillmentLineItemId": line["id"], "quantity": line["quantity"]}]}}))[
        "returnCreate"]["return"]["status"] == "OPEN"


async def test_no_more_than_fulfilled_is_returned_and_a_refused_batch_makes_nothing(
        gql: Gql) -> None:
    order, line = await _shipped(gql)
    before = dict(gql.shop.data.returns)
    ask = _ask(order, line, line["quantity"])
    ask["returnLineItems"].append({**ask["returnLineItems"][0], "quantity": 1})  # one too many
    over = (await gql(REQUEST, {"i": ask}))["returnRequest"]
    assert over == {"return": None, "userErrors": [{
        "field": ["input", "returnLineItems", "1", "quantity"], "code": "INVALID",
        "message": "Return line item has an invalid quantity."}]}
    assert dict(gql.shop.data.returns) == before
    empty = (await gql(REQUEST, {"i": {**ask, "returnLineItems": []}}))["returnRequest"]
    assert empty["userErrors"][0]["message"] == "Return must include at least one line item."
    # what can still be returned, by fulfillment
    made = (await gql(REQUEST, {"i": _ask(order, line)}))["returnRequest"]
    assert made["userErrors"] == []
    left = await gql("""query ($id: ID!) { returnableFulfillments(orderId: $id, first: 5) {
      nodes { returnableFulfillmentLineItems(first: 10) { nodes { quantity
        fulfillmentLineItem { id } } } } } }""", {"id": gid("Order", order["id"])})
    lines = [n for f in left["returnableFulfillments"]["nodes"]
             for n in f["returnableFulfillmentLineItems"]["nodes"]]
    assert {"quantity": line["quantity"] - 1, "fulfillmentLineItem": {"id": line["id"]}} in lines \
        or (line["quantity"] == 1 and all(n["fulfillmentLineItem"]["id"] != line["id"]
                                        for n in lines))


async def test_orders_searched_by_return_status(gql: Gql) -> None:
    order, line = await _shipped(gql)
    await gql(REQUEST, {"i": _ask(order, line)})
    search = """query ($q: String) { orders(first: 50, query: $q) { nodes { id } }
                 ordersCount(query: $q) { count } }"""
    found = await gql(search, {"q": "return_status:return_requested"})
    assert found["orders"]["nodes"] == [{"id": gid("Order", order["id"])}]
    assert found["ordersCount"]["count"] == 1
    none = await gql(search, {"q": "return_status:no_return"})
    assert gid("Order", order["id"]) not in {n["id"] for n in none["orders"]["nodes"]}
    assert none["ordersCount"]["count"] == len(gql.shop.data.orders) - 1


REFUND = """mutation ($i: RefundInput!) { refundCreate(input: $i) {
  refund { id transactions(first: 5) { nodes { kind amountSet { shopMoney { amount } }
    parentTransaction { id kind } } } }
  userErrors { field message } } }"""
TRANSACTIONS = """query ($id: ID!) { order(id: $id) { transactions { id kind status gateway
  amountSet { shopMoney { amount } } } } }"""


async def test_refunds_come_from_the_orders_sale(gql: Gql) -> None:
    order = next(o for o in gql.shop.data.orders.values() if o["financial_status"] == "paid"
                 and not o["refunds"])
    [sale] = (await gql(TRANSACTIONS, {"id": gid("Order", order["id"])}))["order"]["transactions"]
    assert sale["kind"] == "SALE" and sale["status"] == "SUCCESS"
    assert Decimal(sale["amountSet"]["shopMoney"]["amount"]) == Decimal(order["total_price"])
    li = order["line_items"][0]
    suggested = (await gql("""query ($id: ID!, $l: [RefundLineItemInput!]) { order(id: $id) {
      suggestedRefund(refundLineItems: $l) { amountSet { shopMoney { amount } }
        suggestedTransactions { kind gateway amountSet { shopMoney { amount } }
          parentTransaction { id } } } } }""", {"id": gid("Order", order["id"]), "l": [
        {"lineItemId": gid("LineItem", li["id"]), "quantity": 1}]}))["order"]["suggestedRefund"]
    [tx] = suggested["suggestedTransactions"]
    assert tx["parentTransaction"]["id"] == sale["id"] and tx["kind"] == "SUGGESTED_REFUND"
    amount = tx["amountSet"]["shopMoney"]["amount"]
    assert d(suggested["amountSet"]) == Decimal(amount) > Decimal(li["price"])  # with its tax
    given = {"orderId": gid("Order", order["id"]), "refundLineItems": [
        {"lineItemId": gid("LineItem", li["id"]), "quantity": 1}],
        "transactions": [{"orderId": gid("Order", order["id"]), "kind": "REFUND",
                          "gateway": sale["gateway"], "amount": amount, "parentId": sale["id"]}]}
    # refused before anything is written: another parent, more than the sale left, a sale
    for wrong, field in (({"parentId": gid("OrderTransaction", 1)}, "parentId"),
                         ({"amount": str(Decimal(order["total_price"]) + 1)}, "amount"),
                         ({"kind": "SALE"}, "kind")):
        bad = {**given, "transactions": [{**given["transactions"][0], **wrong}]}
        refused = (await gql(REFUND, {"i": bad}))["refundCreate"]
        assert refused["refund"] is None and refused["userErrors"][0]["field"] == [
            "transactions", "0", field], refused
        assert order["refunds"] == []
    made = (await gql(REFUND, {"i": given}))["refundCreate"]
    assert made["userErrors"] == []
    assert made["refund"]["transactions"]["nodes"] == [
        {"kind": "REFUND", "amountSet": {"shopMoney": {"amount": amount}},
         "parentTransaction": {"id": sale["id"], "kind": "SALE"}}]
    kinds = [t["kind"] for t in (await gql(TRANSACTIONS, {"id": gid("Order", order["id"])}))[
        "order"]["transactions"]]
    assert kinds == ["SALE", "REFUND"]
