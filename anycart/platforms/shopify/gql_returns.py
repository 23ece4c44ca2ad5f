"""Shopify returns and refunds over the GraphQL Admin API (the Returns API, ``refundCreate``).

A return takes back fulfilled items (each line a ``FulfillmentLineItem``: the contract's order
line is shared out over the fulfillment lines still holding it) and follows Shopify's workflow,
which the FAQ says cannot be skipped: a request is ``REQUESTED`` (``returnRequest``), one made
approved ``OPEN`` (``returnCreate``). Every move is checked on the kit's state machine first
(:data:`STATUSES`: 109 with Shopify's own message), so nothing is sent Shopify would refuse.
A return cannot be deleted (cancel it) and has no action; reasons are the ``ReturnReason`` enum.
Lists need their order, as on API2Cart (114 without one); orders carry and filter by
``return_status`` (Shopify's ``OrderReturnStatus``).

``order.refund.add`` is one ``refundCreate``: the lines (restocked: ``RETURN`` what was shipped,
``CANCEL`` what was not), the shipping, and one ``REFUND`` of the order's payment:
``total_price`` when given, else Shopify's ``suggestedRefund``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from anycart import model as U
from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call
from anycart.platforms.kit import nested as N
from anycart.platforms.kit.checks import flag_given, one_of, unused
from anycart.platforms.kit.fields import Field, body, flag, get, same, text, writable
from anycart.platforms.kit.info import FixedStatuses
from anycart.platforms.kit.lines import Lines
from anycart.platforms.kit.returns import (
    RecordReturns,
    RefundLine,
    ReturnLine,
    ReturnMethods,
    ReturnStatuses,
    Unified,
    money_param,
    refund_lines,
)
from anycart.platforms.kit.returns import lines as read_lines
from anycart.platforms.kit.serve import Methods

from . import mapping as M
from .gql import DOCS, mutate, rest_of

Record = dict[str, Any]
PLATFORM = "Shopify"
S = Unified

#: Shopify's ``ReturnStatus`` values, on the unified machine.
_STATES = {"REQUESTED": ("Requested", S.REQUESTED), "OPEN": ("Open", S.APPROVED),
           "DECLINED": ("Declined", S.DECLINED), "CLOSED": ("Closed", S.CLOSED),
           "CANCELED": ("Canceled", S.CANCELED)}
#: (from, to) -> the mutation Shopify moves a return with.
MOVES = {("REQUESTED", "OPEN"): "ReturnApproveRequest",
         ("REQUESTED", "DECLINED"): "ReturnDeclineRequest",
         ("OPEN", "CLOSED"): "ReturnClose", ("CLOSED", "OPEN"): "ReturnReopen",
         ("REQUESTED", "CANCELED"): "ReturnCancel", ("OPEN", "CANCELED"): "ReturnCancel"}
#: What Shopify answers a move to each status from anywhere else (its userErrors' texts).
_REFUSALS = {
    "OPEN": "Return is not approvable. Only returns with status REQUESTED can be approved "
            "(a closed one is reopened)",
    "DECLINED": "Return is not declinable. Only non-refunded returns with status REQUESTED "
                "can be declined",
    "CLOSED": "Return status is invalid (only an open return is closed: approve the request "
              "first)",
    "CANCELED": "Return is not cancelable (a closed, declined or canceled one)",
    "REQUESTED": "a return becomes a request only when it is made",
}
STATUSES = ReturnStatuses(
    PLATFORM, _STATES, initial=frozenset({S.REQUESTED, S.APPROVED}),
    refused={(_STATES[a][1], _STATES[b][1]): _REFUSALS[b] for a in _STATES for b in _STATES
             if a != b and (a, b) not in MOVES})

#: Shopify's ``ReturnReason`` enum: ``return.reason.list``, the ids a line's reason takes.
REASONS = ("COLOR", "DEFECTIVE", "NOT_AS_DESCRIBED", "OTHER", "SIZE_TOO_LARGE",
           "SIZE_TOO_SMALL", "STYLE", "UNKNOWN", "UNWANTED", "WRONG_ITEM")
DECLINE_REASONS = ("FINAL_SALE", "OTHER", "RETURN_PERIOD_ENDED")
#: ``additional_fields.return_status`` / the ``return_status`` filter: ``OrderReturnStatus``
#: (Shopify's own, as API2Cart answers it for Shopify; the other carts answer the unified
#: state of their latest return, which the filter takes here too: :data:`BY_STATE`).
RETURN_STATUSES = ("no_return", "return_requested", "in_progress", "returned",
                   "inspection_complete", "return_failed")
BY_STATE = {S.REQUESTED.value: "return_requested", S.APPROVED.value: "in_progress",
            S.CLOSED.value: "returned"}


def _named(reason: Any) -> str:
    return str(reason or "").replace("_", " ").capitalize()


def order_return_status(value: Any) -> str:
    """``order.list``'s ``return_status`` as Shopify's search term value (109 otherwise)."""
    wanted = [BY_STATE.get(w, w) for v in str(value).split(",") if (w := v.strip().lower())]
    if not wanted or any(v not in RETURN_STATUSES for v in wanted):
        raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'return_status' is not valid: "
                       f"Shopify return statuses are {', '.join(RETURN_STATUSES)} (or a "
                       f"return state: {', '.join(BY_STATE)}).")
    return ",".join(wanted)


# -- reading --------------------------------------------------------------------------------
_LINE = "fulfillmentLineItem.lineItem."
#: A ``ReturnLineItem``: the order line it takes back (its fulfillment line's), how many, why.
RETURN_LINE = Lines(U.ReturnOrderProduct, (
    Field("order_product_id", _LINE + "id", M.rest_id),
    Field("product_id", _LINE + "product.id", M.rest_id), Field("sku", _LINE + "sku", same),
    Field("name", _LINE + "name", same), Field("quantity", "quantity", same),
    Field("reason.id", "returnReason", same), Field("reason.name", "returnReason", _named),
    Field("customer_comment", "customerNote", same)))


def return_(order: Mapping[str, Any], r: Mapping[str, Any]) -> dict[str, Any]:
    """A GraphQL ``Return`` (with its order's ids) as the contract's return."""
    lines = list((r.get("returnLineItems") or {}).get("nodes") or [])
    name = _STATES.get(str(r.get("status")), (r.get("status"), None))[0]
    return U.Return(
        id=str(M.legacy_id(r["id"])), order_id=M.rest_id(order.get("id")),
        customer_id=M.rest_id(get(order, "customer.id")),
        name=r.get("name"), created_at=r.get("createdAt"),
        modified_at=r.get("closedAt") or r.get("createdAt"),
        status=U.ReturnStatus(**STATUSES.status(r.get("status"), name)),
        order_products=RETURN_LINE.read(lines),
        comment=next((li["returnReasonNote"] for li in lines if li.get("returnReasonNote")),
                     None),
        additional_fields={"total_quantity": r.get("totalQuantity"),
                           "decline": r.get("decline"),
                           "return_line_item_ids": [M.rest_id(li.get("id")) for li in lines]},
    ).to_wire()


def pushed(record: Mapping[str, Any]) -> dict[str, Any]:
    """A ``returns/*`` push (REST-style keys) as the contract's return."""
    status = str(record.get("status") or "").upper()
    return U.Return(
        id=str(record["id"]), order_id=text((record.get("order") or {}).get("id")),
        name=record.get("name"),
        status=U.ReturnStatus(**STATUSES.status(status)),
        order_products=[U.ReturnOrderProduct(
            quantity=li.get("quantity"), customer_comment=li.get("customer_note"),
            reason=U.ReturnReason(id=str(li.get("return_reason") or "").upper() or None))
            for li in record.get("return_line_items") or []]).to_wire()


async def order_gid(connector: Any, ident: Any) -> str:
    """The order ``order_id`` names: an id (6 digits or more), else a number or name (112)."""
    raw = str(ident).strip().lstrip("#")
    if raw.isdecimal() and len(raw) >= 6:
        return M.gid("Order", raw)
    found = await connector.order(ident)
    return M.gid("Order", found["id"])


def _fetch(connector: Any) -> N.Fetch:
    async def fetch(ident: Any) -> dict[str, Any]:
        """An order with every return (``_returns``), 10 a request."""
        node = await connector.gql.one(DOCS["OrderReturns"], "order",
                                       {"id": await order_gid(connector, ident)})
        if node is None:
            raise ApiError.not_found("Order", ident)
        node = await rest_of(connector.gql, node, "returns", DOCS["OrderReturns"],
                             "order.returns", 10)
        return {**node, "_returns": [{**r, "_id": str(M.legacy_id(r["id"]))}
                                     for r in node["returns"]["nodes"]]}
    return fetch


def _same_customer(params: Mapping[str, Any], order: Mapping[str, Any]) -> bool:
    cid, of = params.get("customer_id"), (order.get("customer") or {}).get("id")
    return cid in (None, "") or str(M.legacy_id(of)) == str(cid)


async def _order_of(connector: Any, rid: str) -> str | None:
    found = await ReturnStore(connector).found(rid)
    return None if found is None else str(M.legacy_id((found.get("order") or {}).get("id")))


#: return.list / count: by the orders named (114 without one, as API2Cart answers); info by
#: its id alone too (``return(id:)``), in the order named if one is.
LISTED = N.Children("return", "_returns", "Return", ("order_ids", "order_id"), "order_id",
                    _fetch, return_,
                    keep=_same_customer, accepts=frozenset({"customer_id"}),
                    verbs=("list", "count", "info"), plural="returns", id_key="_id",
                    owner=_order_of)


# -- writing --------------------------------------------------------------------------------
@dataclass
class Fulfilled:
    """What an order has fulfilled per line, and the fulfillment lines that can still be
    returned (``(fulfillment line item id, quantity left)`` per order line)."""

    order: str
    lines: dict[str, float] = field(default_factory=dict)
    returnable: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @classmethod
    async def read(cls, connector: Any, order_id: Any) -> Fulfilled:
        oid = await order_gid(connector, order_id)
        data = await connector.gql.run(DOCS["Returnable"], {"id": oid})
        if not data.get("order"):
            raise ApiError.not_found("Order", order_id)
        found = cls(oid, {str(M.legacy_id(li["id"])): float(li["quantity"]) - float(
            li["unfulfilledQuantity"]) for li in data["order"]["lineItems"]["nodes"]})
        for rf in (data.get("returnableFulfillments") or {}).get("nodes") or []:
            for item in rf["returnableFulfillmentLineItems"]["nodes"]:
                fli = item["fulfillmentLineItem"]
                found.returnable.setdefault(str(M.legacy_id(fli["lineItem"]["id"])), []).append(
                    (fli["id"], int(item["quantity"])))
        return found

    def left(self, line: str) -> int:
        return sum(n for _, n in self.returnable.get(line, []))

    def shipped_only(self, asked: list[ReturnLine]) -> None:
        """Only shipped goods can be returned (FAQ): a line with nothing fulfilled is 109."""
        for n, line in enumerate(asked):
            if self.lines.get(line.order_product_id) == 0:
                raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter 'order_products[{n}]"
                               f"[order_product_id]': order product {line.order_product_id} "
                               "has not been shipped; Shopify returns fulfilled items only.")

    def take(self, line: str, quantity: int) -> list[tuple[str, int]]:
        """The fulfillment lines ``quantity`` units of order line ``line`` come back from,
        taken off what they hold (a line asked twice comes from the next ones)."""
        out, left, held = [], quantity, []
        for fli, n in self.returnable.get(line, []):
            if (k := min(n, left)) > 0:
                out.append((fli, k))
                left -= k
            held.append((fli, n - k))
        self.returnable[line] = held
        return out


class ReturnStore(RecordReturns):
    """Returns of one call's store (:class:`~anycart.platforms.kit.returns.ReturnStore`):
    the return the call names (``rma``), what its order has fulfilled."""

    fulfilled: Fulfilled | None = None

    async def statuses(self) -> ReturnStatuses:
        return STATUSES

    async def ordered(self, order_id: str) -> tuple[Mapping[str, float], Mapping[str, float]]:
        """Bought is what was fulfilled (read by :meth:`Returns.add`); returned, what of it
        can no longer be returned."""
        f = self.fulfilled = self.fulfilled or await Fulfilled.read(self.connector, order_id)
        return f.lines, {line: n - f.left(line) for line, n in f.lines.items()}

    async def found(self, ident: str) -> Record | None:
        """The return of id ``ident`` (with its order's gid): a Return gid is global."""
        rid = ident.strip()
        found: Record | None = await self.connector.gql.one(DOCS["Return"], "return", {
            "id": M.gid("Return", rid)}) if rid.isdecimal() else None
        return found

    async def of_order(self, rma: Mapping[str, Any], order_id: str) -> bool:
        return await order_gid(self.connector, order_id) == (rma.get("order") or {}).get("id")

    async def create(self, call: Call, lines: list[ReturnLine], status_id: str | None) -> str:
        assert self.fulfilled is not None
        opened = status_id == "OPEN"
        reason = call.params.get("return_reason_id")
        items = []
        for n, line in enumerate(lines):
            why = one_of(line.reason_id or reason or "UNKNOWN", REASONS, f"order_products[{n}]"
                         "[order_product_reason_id]" if line.reason_id else "return_reason_id",
                         PLATFORM)
            if line.comment is not None and opened:
                raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter 'order_products[{n}]"
                               "[order_product_customer_comment]': a return Shopify makes open "
                               "(returnCreate) keeps no customer note; make it as a request.")
            note = {"customerNote": line.comment} if line.comment is not None else {}
            items += [{"fulfillmentLineItemId": fli, "quantity": k, "returnReason": why, **note}
                      for fli, k in self.fulfilled.take(line.order_product_id, line.quantity)]
        made = await mutate(self.connector.gql, "ReturnCreate" if opened else "ReturnRequest",
                            {"input": {"orderId": self.fulfilled.order, "returnLineItems": items}})
        return M.made_id(made, "return")

    async def update(self, call: Call, status_id: str | None) -> None:
        unused(call.params, "order_products", PLATFORM, "a Shopify return's lines are the ones "
               "it was made with (make another return for more)")
        if status_id is None:
            raise ApiError(ReturnCode.UPDATE_PARAMS_MISSING, "Nothing to update: a Shopify "
                           "return changes only its status (return_status_id).")
        move = MOVES.get((str(self.rma["status"]), status_id))
        extra = _move_input(call.params, move)
        if move is None:  # the same status: nothing to send
            return
        await mutate(self.connector.gql, move, {"input": {"id": self.rma["id"], **extra}}
                     if move in TAKES else {"id": self.rma["id"]})  # a request's take an input

    async def delete(self, call: Call) -> None:  # not served (ReturnMethods' applied)
        raise ApiError(ReturnCode.METHOD_NOT_SUPPORTED, "Shopify cannot delete a return.")


def _decline_reason(v: Any) -> str:
    return one_of(v or "OTHER", DECLINE_REASONS, "reject_reason", PLATFORM)


_NOTIFY = Field(None, "notifyCustomer", param="send_notifications", write=flag)
#: The input fields a move takes besides the return, from the call: a decline's reason
#: (OTHER when none is given) and note, whether the customer is told (a request's moves).
TAKES = {"ReturnApproveRequest": (_NOTIFY,), "ReturnDeclineRequest": (
    Field(None, "declineReason", param="reject_reason", write=_decline_reason),
    Field(None, "declineNote", param="message", write=text), _NOTIFY)}
_DEFAULTS = {"ReturnDeclineRequest": {"declineReason": "OTHER"}}


def _move_input(p: Mapping[str, Any], move: str | None) -> Record:
    """The input fields of ``move`` the call gives (:data:`TAKES`); each of their parameters
    refused (109) where the move has no use for it."""
    takes = TAKES.get(move or "", ())
    for name in ("reject_reason", "message", "send_notifications"):
        asked = flag_given(p, name) if name == "send_notifications" else \
            p.get(name) not in (None, "")
        if asked and name not in writable(takes):
            raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{name}': Shopify takes it "
                           "only when a return request is declined (send_notifications: "
                           "approved or declined).")
    given = {k: v for k, v in p.items() if v != ""}  # an empty value is none given
    return {**_DEFAULTS.get(move or "", {}), **body(takes, given)}


class Returns(ReturnMethods):
    """The kit's return methods, a line with nothing shipped refused first (Shopify's
    returns name fulfillment lines: it has no such line to return)."""

    async def add(self, connector: Any, call: Call) -> dict[str, Any]:
        unused(call.params, "return_action_id", PLATFORM, "a Shopify return has no action "
               "(what is done with the goods is the merchant's, after the return)")
        asked, store = read_lines(call.params.get("order_products")), ReturnStore(connector)
        store.fulfilled = await Fulfilled.read(connector, call.require("order_id"))
        store.fulfilled.shipped_only(asked)
        return await self.add_to(store, call)  # what was fulfilled read once


RETURNS = Returns(ReturnStore, {
    "return.status.list": frozenset(),
    # return_action_id (add) and order_products (update) are refused by the methods (unused)
    "order.return.add": frozenset({"order_products", "return_status_id", "return_reason_id",
                                   "return_action_id"}),
    "order.return.update": frozenset({"return_status_id", "reject_reason", "message",
                                      "send_notifications", "order_products"}),
})
#: ``order_products`` keys each applies (:data:`.params.NESTED`).
NESTED = {"order.return.add": {"order_products": dict.fromkeys((
    "order_product_id", "order_product_quantity", "order_product_reason_id",
    "order_product_customer_comment"))},
    "order.refund.add": {"items": dict.fromkeys(("order_product_id", "quantity"))}}


# -- refunds --------------------------------------------------------------------------------
def _refund_items(asked: list[RefundLine], restock: bool,
                  lines: Mapping[str, Record]) -> list[Record]:
    """RefundLineItemInput of each item (112 for a line the order does not have); restocked,
    what was shipped comes back (``RETURN``), what was not is not sent (``CANCEL``)."""
    out = []
    for item in asked:
        line = lines.get(item.order_product_id)
        if line is None:
            raise ApiError.not_found("Order product", item.order_product_id)
        shipped = line["quantity"] - line["unfulfilledQuantity"]
        out.append({"lineItemId": line["id"], "quantity": item.quantity, "restockType": (
            "RETURN" if item.quantity <= shipped else "CANCEL") if restock else "NO_RESTOCK"})
    return out


@dataclass(frozen=True)
class Refunds:
    """``order.refund.add`` as one ``refundCreate`` (see the module's docstring)."""

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        p = call.params
        oid = await order_gid(connector, call.require("order_id"))
        total, shipping = money_param(p.get("total_price"), "total_price"), \
            money_param(p.get("shipping_price"), "shipping_price")
        asked = refund_lines(p.get("items"))
        found = await connector.gql.one(DOCS["SuggestedRefund"], "order", {
            "id": oid, "shipping": str(shipping or 0), "lines": [
                {"lineItemId": M.gid("LineItem", i.order_product_id), "quantity": i.quantity}
                for i in asked]})
        if found is None:
            raise ApiError.not_found("Order", p["order_id"])
        items = _refund_items(asked, flag_given(p, "item_restock"), {
            str(M.legacy_id(li["id"])): li for li in found["lineItems"]["nodes"]})
        if not items and total is None and not shipping:
            raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'total_price': a refund "
                           "needs an amount above zero (total_price, or items and "
                           "shipping_price).")
        body: Record = {"orderId": oid, "refundLineItems": items,
                        "transactions": _transactions(oid, found, total),
                        "notify": flag_given(p, "send_notifications")}
        if shipping:
            body["shipping"] = {"amount": str(shipping)}
        if p.get("message") not in (None, ""):
            body["note"] = str(p["message"])
        made = await mutate(connector.gql, "RefundCreate", {"input": body})
        return {"refund_id": M.rest_id(get(made, "refund.id"))}

    def methods(self) -> Methods:
        return {"order.refund.add": (self.run, frozenset({
            "order_id", "items", "total_price", "shipping_price", "message", "item_restock",
            "send_notifications"}))}


def _transactions(oid: str, order: Mapping[str, Any], total: float | None) -> list[Record]:
    """The money given back: ``total`` from the order's payment, else Shopify's suggestion."""
    if total is None:
        return [{"orderId": oid, "kind": "REFUND", "gateway": t["gateway"],
                 "amount": t["amountSet"]["shopMoney"]["amount"],
                 "parentId": (t.get("parentTransaction") or {}).get("id")}
                for t in (order.get("suggestedRefund") or {}).get("suggestedTransactions") or []]
    paid = [t for t in order.get("transactions") or []
            if t["kind"] in ("SALE", "CAPTURE") and t["status"] == "SUCCESS"]
    if not paid:
        raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'total_price': the order has no "
                       "payment (sale or capture) to give money back from.")
    return [{"orderId": oid, "kind": "REFUND", "gateway": paid[0]["gateway"],
             "amount": f"{total:.2f}", "parentId": paid[0]["id"]}]


#: Declared for the connector's attach list.
DECLARED = (LISTED, RETURNS, Refunds(),
            FixedStatuses("return.reason.list", "return_reasons", {r: _named(r) for r in REASONS}))
