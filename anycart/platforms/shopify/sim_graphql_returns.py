"""Shopify's Returns API and refunds on the simulator's GraphQL side.

A return (``returnRequest``: ``REQUESTED``, ``returnCreate``: ``OPEN``) takes back fulfilled
line items (``FulfillmentLineItem`` ids), no more of each than was fulfilled minus what live
returns hold; then the moves Shopify allows (approve or decline a request, close an open
return, reopen a closed one, cancel one with no work done). A refused move changes nothing
and answers Shopify's own ``userErrors``; each move fires its ``returns/*`` topic and touches
the order. ``Order.returnStatus`` is derived from the order's returns (and filters
``orders(query: "return_status:...")``).

Money: a paid order shows a derived ``SALE`` (an authorized one its ``AUTHORIZATION``) in
``Order.transactions`` beside its refunds' ``REFUND``s. ``refundCreate`` checks each given
transaction against the order (*unconfirmed* wording), then runs the refund rules of
:mod:`.sim_orders`; ``Order.suggestedRefund`` says what a refund of some lines would give.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from graphql import GraphQLResolveInfo

from anycart.sandbox.search import Matcher, Pred
from anycart.sandbox.table import Record
from anycart.sandbox.values import cents, from_cents

from . import sim_graphql_objects as views
from . import sim_orders
from .sim_graphql_views import (
    PAGES,
    GqlCtx,
    View,
    bag,
    connection,
    ctx_of,
    gid,
    parse_gid,
    utc,
)
from .sim_graphql_write import Mutation, UserErrors, below, error, mutation, need
from .sim_order_build import BOOK

#: Statuses whose lines no longer hold the items they name (a declined return's items may be
#: returned again, a canceled one's are fulfilled again).
RELEASED = ("DECLINED", "CANCELED")
NOT_FOUND = "Return not found."
NOT_APPROVABLE = "Return is not approvable. Only returns with status REQUESTED can be approved."
NOT_DECLINABLE = ("Return is not declinable. Only non-refunded returns with status REQUESTED "
                  "can be declined.")
ALREADY_DECLINED = "The return is already declined."
INVALID_STATUS = "Return status is invalid."
NOT_CANCELABLE = "Return is not cancelable."
#: A derived sale's id: the order's id moved below the range refund transactions take.
SALE_OFFSET = 500_000_000_000
#: The financial statuses of an order paid by a sale (an authorized one holds its money).
_SOLD = ("paid", "partially_paid", "partially_refunded", "refunded")


# -- returns --------------------------------------------------------------------------------
def _order_of(g: GqlCtx, value: Any, field: list[str]) -> int:
    return need(g, "orders", value, "Order", field, "Order does not exist.")


def returned(g: GqlCtx, oid: int, flid: int) -> int:
    """How much of a fulfillment line the order's returns still hold."""
    return sum(rl["quantity"] for r in g.data.returns.values()
               if r["order_id"] == oid and r["status"] not in RELEASED
               for rl in r["return_line_items"] if rl["fulfillment_line_item_id"] == flid)


def _touch(g: GqlCtx, oid: int) -> None:
    o = g.data.orders[oid]
    o["updated_at"] = g.shop.stamp(o.get("updated_at"))
    g.data.orders.changed()


def _payload(g: GqlCtx, r: Record) -> dict[str, Any]:
    """A ``returns/*`` webhook body (the REST-style keys Shopify pushes)."""
    return {"id": r["id"], "admin_graphql_api_id": gid("Return", r["id"]), "name": r["name"],
            "status": r["status"].lower(),
            "order": {"id": r["order_id"], "admin_graphql_api_id": gid("Order", r["order_id"])},
            "total_return_line_items": len(r["return_line_items"]),
            "return_line_items": [
                {"id": rl["id"], "admin_graphql_api_id": gid("ReturnLineItem", rl["id"]),
                 "quantity": rl["quantity"], "return_reason": rl["return_reason"].lower(),
                 "customer_note": rl.get("customer_note")} for rl in r["return_line_items"]]}


def _new_return(g: GqlCtx, given: Mapping[str, Any], status: str, root: str) -> View:
    oid = _order_of(g, given["orderId"], [root, "orderId"])
    o = g.data.orders.peek(oid)
    items = given.get("returnLineItems") or []
    if not items:
        raise UserErrors(error(["returnLineItems"], "Return must include at least one line item.",
                               "INVALID"))
    rid = max(g.data.returns.keys(), default=990000000000) + 1
    lines, errors, asked = [], [], dict[int, int]()
    for i, rl in enumerate(items):
        flid = parse_gid(rl["fulfillmentLineItemId"], "FulfillmentLineItem") or 0
        line = views.fulfillment_line(g, o, flid)
        if line is None:
            errors.append(error([root, "returnLineItems", str(i), "fulfillmentLineItemId"],
                                "Fulfillment line item does not exist.", "NOT_FOUND"))
            continue
        asked[flid] = asked.get(flid, 0) + rl["quantity"]
        if rl["quantity"] <= 0 or asked[flid] > line["quantity"] - returned(g, oid, flid):
            errors.append(error([root, "returnLineItems", str(i), "quantity"],
                                "Return line item has an invalid quantity.", "INVALID"))
            continue
        lines.append({"id": rid * 1000 + i + 1, "fulfillment_line_item_id": flid,
                      "quantity": rl["quantity"],
                      "return_reason": rl.get("returnReason") or "UNKNOWN",
                      "return_reason_note": rl.get("returnReasonNote") or "",
                      "customer_note": rl.get("customerNote")})
    if errors:  # the whole batch is checked before anything is made
        raise UserErrors(*errors)
    count = sum(1 for r in g.data.returns.values() if r["order_id"] == oid)
    g.data.returns[rid] = made = {
        "id": rid, "order_id": oid, "name": f"{o['name']}-R{count + 1}", "status": status,
        "created_at": g.shop.stamp(), "closed_at": None, "decline": None,
        "return_line_items": lines}
    _touch(g, oid)
    # a return made open is approved at once: Shopify has no returns/create topic
    g.shop.fire("returns/request" if status == "REQUESTED" else "returns/approve",
                _payload(g, made))
    return {"return": views.return_view(g, made)}


def _find(g: GqlCtx, id: str, field: list[str]) -> Record:
    found: Record = g.data.returns[need(g, "returns", id, "Return", field, NOT_FOUND)]
    return found


def _move(g: GqlCtx, r: Record, to: str, topic: str, **extra: Any) -> View:
    if r["status"] != to:
        r.update(status=to, **extra)
        g.data.returns.changed()
        _touch(g, r["order_id"])
        g.shop.fire(topic, _payload(g, r))
    return {"return": views.return_view(g, r)}


def approve(g: GqlCtx, input: Mapping[str, Any]) -> View:
    r = _find(g, input["id"], ["input", "id"])
    if r["status"] != "REQUESTED":
        raise UserErrors(error(["input", "id"], NOT_APPROVABLE, "INVALID_STATE"))
    return _move(g, r, "OPEN", "returns/approve", decline=None)


def decline(g: GqlCtx, input: Mapping[str, Any]) -> View:
    r = _find(g, input["id"], ["input", "id"])
    if r["status"] != "REQUESTED":
        raise UserErrors(error(["input", "id"], ALREADY_DECLINED if r["status"] == "DECLINED"
                               else NOT_DECLINABLE, "INVALID_STATE"))
    note = input.get("declineNote")
    if note is not None and len(note) > 500:
        raise UserErrors(error(["input", "declineNote"], "Decline note is too long (maximum is "
                               "500 characters)", "TOO_LONG"))
    return _move(g, r, "DECLINED", "returns/decline",
                 decline={"reason": input["declineReason"], "note": note})


#: returnClose / returnReopen / returnCancel: the statuses each moves from (its own target
#: is no move: the return is answered as it is), the refusal, the topic.
_LIFECYCLE: dict[str, tuple[tuple[str, ...], str, str]] = {
    "CLOSED": (("OPEN",), INVALID_STATUS, "returns/close"),
    "OPEN": (("CLOSED",), INVALID_STATUS, "returns/reopen"),
    # no work is done on a return here (no inspection, no refund tied to it): an open or a
    # requested one can still be canceled, a closed one cannot
    "CANCELED": (("REQUESTED", "OPEN", "DECLINED"), NOT_CANCELABLE, "returns/cancel"),
}


def lifecycle(to: str) -> Callable[..., View]:
    sources, refusal, topic = _LIFECYCLE[to]

    def run(g: GqlCtx, id: str, **_: Any) -> View:
        r = _find(g, id, ["id"])
        if r["status"] not in (to, *sources):
            raise UserErrors(error(["id"], refusal, "INVALID_STATE"))
        closed = g.shop.stamp() if to == "CLOSED" else None
        return _move(g, r, to, topic, closed_at=closed)
    return run


def return_status(g: GqlCtx, oid: int) -> str:
    held = {r["status"] for r in g.data.returns.values() if r["order_id"] == oid}
    for status, answer in (("REQUESTED", "RETURN_REQUESTED"), ("OPEN", "IN_PROGRESS"),
                           ("CLOSED", "RETURNED")):
        if status in held:
            return answer
    return "NO_RETURN"


def returnable(g: GqlCtx, _: Any, info: GraphQLResolveInfo, orderId: str, **args: Any) -> View:
    """``returnableFulfillments``: each fulfillment with what of it can still be returned."""
    oid = _order_of(g, orderId, ["orderId"])
    o = g.data.orders.peek(oid)
    found = []
    for f in o["fulfillments"]:
        if f["status"] != "success":
            continue
        lines = [(fline, left) for i in range(1, len(f["line_items"]) + 1)
                 for flid in [views.fulfillment_line_id(f["id"], i)]
                 for fline in [views.fulfillment_line(g, o, flid)] if fline
                 for left in [fline["quantity"] - returned(g, oid, flid)] if left > 0]
        if lines:
            found.append((f, lines))

    def view(pair: Any) -> View:
        f, lines = pair
        return {"id": gid("ReturnableFulfillment", f["id"]),
                "fulfillment": views.fulfillment(g, f, o),
                "returnableFulfillmentLineItems": PAGES.of(lines, lambda x: {
                    "fulfillmentLineItem": x[0], "quantity": x[1]})}
    return connection(info, found, view, lambda p: (p[0]["id"], p[0]["id"]), **args)


# -- orders by return status ----------------------------------------------------------------
def _by_return_status(info: GraphQLResolveInfo) -> Matcher:
    g = ctx_of(info)

    def matcher(value: str) -> Pred:
        wanted = {v.strip().upper() for v in value.split(",")}
        return lambda r: return_status(g, r["id"]) in wanted
    return matcher


#: the orders' list and count: searched by return status too
_ORDERS = replace(views.KINDS["Order"], live={"return_status": _by_return_status})


# -- transactions and refunds ---------------------------------------------------------------
def _sale(o: Record) -> Record | None:
    """The order's payment, derived: a sale of what was paid, or an authorization."""
    status = o["financial_status"]
    if status not in (*_SOLD, "authorized"):
        return None
    paid = cents(o["total_price"]) - (cents(o["total_outstanding"]) if status ==
                                      "partially_paid" and o.get("total_outstanding") else 0)
    return {"id": o["id"] + SALE_OFFSET, "kind": "sale" if status in _SOLD else "authorization",
            "status": "success", "amount": from_cents(paid), "parent_id": None,
            "gateway": (o.get("payment_gateway_names") or ["manual"])[0],
            "created_at": o.get("processed_at") or o["created_at"]}


def transactions_of(o: Record) -> list[Record]:
    sale = _sale(o)
    return [*([sale] if sale else []), *(t for r in o["refunds"] for t in r["transactions"])]


def transaction(o: Record, t: Record) -> View:
    parent = next((p for p in transactions_of(o) if p["id"] == t.get("parent_id")), None)
    return {"__typename": "OrderTransaction", "_rest": t, "_order": o,
            "status": str(t.get("status") or "success").upper(),
            "processedAt": utc(t["created_at"]), "test": False, "errorCode": None,
            "parentTransaction": transaction(o, parent) if parent else None}


def _left_on(o: Record, parent: Record) -> int:
    refunded = sum(cents(t["amount"]) for r in o["refunds"] for t in r["transactions"]
                   if t.get("parent_id") == parent["id"])
    return cents(parent["amount"]) - refunded


def _check_transactions(g: GqlCtx, oid: int, given: list[Mapping[str, Any]]) -> None:
    o, errors = g.data.orders.peek(oid), []
    parents = {t["id"]: t for t in transactions_of(o) if t["kind"] in ("sale", "capture")}
    for i, t in enumerate(given):
        where = ["transactions", str(i)]
        if t["kind"] != "REFUND":
            errors.append(error([*where, "kind"], "Kind must be refund", "INVALID"))
        if parse_gid(t["orderId"], "Order") != oid:
            errors.append(error([*where, "orderId"], "Order must be the refund's order",
                                "INVALID"))
        if t.get("parentId") is None:
            continue
        parent = parents.get(parse_gid(t["parentId"], "OrderTransaction") or 0)
        if parent is None:
            errors.append(error([*where, "parentId"], "Parent transaction does not exist",
                                "NOT_FOUND"))
        elif cents(t["amount"]) > _left_on(o, parent):
            errors.append(error([*where, "amount"], "Amount exceeds the amount left to refund "
                                f"on the parent transaction ({from_cents(_left_on(o, parent))})",
                                "INVALID"))
    if errors:
        raise UserErrors(*errors)


def _rest_lines(given: list[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"line_item_id": parse_gid(r["lineItemId"], "LineItem"), "quantity": r["quantity"],
             "restock_type": (r.get("restockType") or "NO_RESTOCK").lower(),
             "location_id": parse_gid(r.get("locationId"), "Location")} for r in given or []]


def refund_create(g: GqlCtx, input: Mapping[str, Any]) -> View:
    oid = _order_of(g, input["orderId"], ["input", "orderId"])
    given = list(input.get("transactions") or [])
    _check_transactions(g, oid, given)
    shipping = input.get("shipping") or {}
    body = {"note": input.get("note"), "notify": bool(input.get("notify")),
            "refund_line_items": _rest_lines(input.get("refundLineItems")),
            "shipping": {"amount": shipping.get("amount"),
                         "full_refund": bool(shipping.get("fullRefund"))},
            "transactions": [{"amount": t["amount"], "gateway": t["gateway"], "kind": "refund",
                              "parent_id": parse_gid(t.get("parentId"), "OrderTransaction")}
                             for t in given]}
    made = below(g, sim_orders.REFUNDS, "POST", oid, body={"refund": body})
    o = g.data.orders.peek(oid)
    kept = next(r for r in o["refunds"] if r["id"] == made["id"])
    return {"refund": views.refund(g, kept, o), "order": views.order(g, o)}


def suggested_refund(o: Record, g: GqlCtx, refundLineItems: list[Mapping[str, Any]] | None = None,
                     shippingAmount: Any = None, refundShipping: bool | None = None,
                     suggestFullRefund: bool = False, **_: Any) -> View:
    """What a refund of these lines (and shipping) gives back, by the REST rules' line shares,
    and the transaction it comes from (the order's sale, as far as it has money left)."""
    lines = {li["id"]: li for li in o["line_items"]}
    asked = [(lines[lid], r["quantity"]) for r in refundLineItems or []
             for lid in [parse_gid(r["lineItemId"], "LineItem")] if lid in lines]
    if suggestFullRefund:
        asked = [(li, BOOK.refundable(o, li)) for li in o["line_items"]]
    subtotal = sum(cents(li["price"]) * n for li, n in asked)
    tax = sum(BOOK.tax_share(li, n) for li, n in asked)
    ship = sum(cents(s["price"]) for s in o["shipping_lines"]) if refundShipping or \
        suggestFullRefund else cents(shippingAmount) if shippingAmount is not None else 0
    total = subtotal + tax + ship
    sale = _sale(o)
    take = min(total, _left_on(o, sale)) if sale and sale["kind"] == "sale" else 0
    return {"amountSet": bag(from_cents(total), o), "subtotalSet": bag(from_cents(subtotal), o),
            "totalTaxSet": bag(from_cents(tax), o),
            "shipping": {"amountSet": bag(from_cents(ship), o)},
            "refundLineItems": [{"lineItem": {"id": gid("LineItem", li["id"])}, "quantity": n}
                                for li, n in asked],
            "suggestedTransactions": [
                {"amountSet": bag(from_cents(take), o), "gateway": sale["gateway"],
                 "kind": "SUGGESTED_REFUND", "parentTransaction": transaction(o, sale)}]
            if sale and take else []}


# -- registration (sim_graphql) -------------------------------------------------------------
def _order_record(source: Mapping[str, Any]) -> Record:
    found: Record = source["_rest"]
    return found


def _refund_transactions(g: GqlCtx, source: Mapping[str, Any], info: GraphQLResolveInfo,
                         **args: Any) -> View:
    rid = source["_rest"]["id"]
    o = g.data.orders.peek(g.data.ids.owner("refund", rid))
    r = next(r for r in o["refunds"] if r["id"] == rid)
    return connection(info, r["transactions"], lambda t: transaction(o, t), **args)


def _field(make: Callable[..., Any]) -> views.Resolver:
    return lambda source, info, **args: make(ctx_of(info), source, info, **args)


#: (type, field) -> resolver, set on the schema beside the views' own fields
FIELDS: dict[tuple[str, str], views.Resolver] = {
    ("Order", "returnStatus"): _field(lambda g, s, info: return_status(g, _order_record(s)["id"])),
    ("Order", "transactions"): _field(lambda g, s, info, first=None, **_: [
        transaction(_order_record(s), t) for t in transactions_of(_order_record(s))][:first]),
    ("Order", "suggestedRefund"): _field(lambda g, s, info, **a: suggested_refund(
        _order_record(s), g, **a)),
    ("Refund", "transactions"): _field(_refund_transactions),
}

#: root query field -> (required access scope, resolver)
QUERY: dict[str, tuple[str | None, views.Resolver]] = {
    "returnableFulfillments": ("read_returns", _field(returnable)),
    "orders": ("read_orders", _ORDERS.list()), "ordersCount": ("read_orders", _ORDERS.count()),
}

#: root mutation field -> (required access scope, resolver)
MUTATIONS: dict[str, tuple[str | None, Mutation]] = {
    "refundCreate": mutation("write_orders", "input", refund_create),
    "returnRequest": mutation("write_returns", "input", lambda g, input: _new_return(
        g, input, "REQUESTED", "input")),
    "returnCreate": mutation("write_returns", "returnInput", lambda g, returnInput: _new_return(
        g, returnInput, "OPEN", "returnInput")),
    "returnApproveRequest": mutation("write_returns", "input", approve),
    "returnDeclineRequest": mutation("write_returns", "input", decline),
    "returnClose": mutation("write_returns", "id", lifecycle("CLOSED")),
    "returnReopen": mutation("write_returns", "id", lifecycle("OPEN")),
    "returnCancel": mutation("write_returns", "id", lifecycle("CANCELED")),
}
