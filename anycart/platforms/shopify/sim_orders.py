"""Orders (update), fulfillments and refunds: the rules orderUpdate, the fulfillment
mutations and refundCreate run (orders themselves come from the seed).

An update changes what orderUpdate sends: e-mail, note, tags, attributes, shipping address.
A fulfillment takes the listed ``line_items`` or every unfulfilled unit, refused for a
cancelled order, an unknown line or more units than remain; tracking URLs are derived for
known carriers. A refund takes
``refund_line_items`` (``restock_type`` cancel / return / no_restock), ``shipping`` and
``transactions`` (computed when absent); restocking puts units back, the financial status
follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.sandbox import values as v_
from anycart.sandbox.children import Children
from anycart.sandbox.forms import Form
from anycart.sandbox.orders import Take
from anycart.sandbox.table import Record

from .sim_order_build import (
    BOOK,
    TRACKING,
    fulfillment_record,
    order_address,
    recompute,
    refund_line,
    refund_record,
    transaction_record,
)
from .sim_products import adjust_level
from .sim_store import RECORDS, RESOURCE_TOPICS, UNLISTED, Crud, Ctx, stamp

RESTOCKING = ("cancel", "return", "legacy_restock")
_TOPICS = RESOURCE_TOPICS["orders"]
_FULFIL = Take("id", "line_items", ("line_items", "Line item {id} does not exist"),
               ("base", "Invalid fulfillment quantity for line item {id}"))
_REFUND = Take("line_item_id", "line_item_id", ("refund_line_items", "Line item {id} does not exist"),
               ("refund_line_items", "Quantity cannot refund more items than were purchased"),
               default=1, blank=0)


def _restock(ctx: Ctx, variant_id: int | None, location_id: int | None, quantity: int) -> None:
    found = ctx.data.find_variant(variant_id) if variant_id else None
    if found and quantity:
        adjust_level(ctx, found[1]["inventory_item_id"],
                     location_id or ctx.data.primary_location_id, quantity)


def _address(errors: v_.Errors, name: str, value: Any, current: Any) -> Record | None:
    """An address changes field by field (orderUpdate never sends a null one)."""
    return order_address({**(current or {}), **value})


def _attributes(errors: v_.Errors, name: str, value: Any, current: Any) -> Any:
    return [{"name": v_.text(a["name"]), "value": a["value"]} for a in value]


def _contact_email(ctx: Ctx, order: Record, body: Mapping[str, Any], errors: v_.Errors) -> None:
    if "email" in body:
        order["email"] = order["contact_email"] = order["email"] or ""


#: what orderUpdate may change: the e-mail address, note, tags, attributes, shipping address
UPDATE = Form("orders", RECORDS["order"], rules={
    "email": v_.email, "note": v_.raw, "tags": v_.tag_list, "note_attributes": _attributes,
    "shipping_address": _address}, hooks=(_contact_email,), stamp=stamp)
ORDERS = Crud("orders", "order", UNLISTED, None, UPDATE.update, lambda ctx, o: None,
              _TOPICS)


# -- fulfillments -------------------------------------------------------------------------
def _new_fulfillment(ctx: Ctx, order: Record, body: dict[str, Any]) -> Record:
    if order["cancelled_at"]:
        raise v_.rejected({"base": ["Cannot fulfill a cancelled order"]})
    errors: v_.Errors = {}
    given = body.get("line_items")
    wanted = BOOK.take(order, given, errors, _FULFIL, lambda li: li["fulfillable_quantity"]) \
        if given else BOOK.everything_open(order)
    if not wanted and not errors:
        errors["base"] = ["Line items are already fulfilled"]
    v_.check(errors)
    record = fulfillment_record(ctx.data.ids.next("fulfillment"), order, wanted,
                                created_at=ctx.shop.stamp(order["updated_at"]),
                                location_id=ctx.data.primary_location_id, tracking=body)
    record["notify_customer"] = v_.boolean(body.get("notify_customer"), False)
    return record


def _add_fulfillment(ctx: Ctx, order: Record, given: Any, now: str, errors: v_.Errors) -> Record:
    record = _new_fulfillment(ctx, order, ctx.payload("fulfillment"))
    order["fulfillments"].append(record)
    ctx.data.ids.own("fulfillment", record["id"], order["id"])
    return record


def _edit_fulfillment(ctx: Ctx, order: Record, f: Record, given: Any, now: str,
                      errors: v_.Errors) -> None:
    """A tracking update (``PUT``) or ``cancel``."""
    if ctx.path.endswith("/cancel"):
        if f["status"] == "cancelled":
            raise v_.rejected({"base": ["Fulfillment has already been cancelled"]})
        f["status"] = "cancelled"
    else:
        body = ctx.payload("fulfillment")
        TRACKING.apply(f, body)
        if "notify_customer" in body:
            f["notify_customer"] = v_.boolean(body["notify_customer"], False)
    f["updated_at"] = now


def _fulfillment_topics(ctx: Ctx, order: Record, f: Record, new: bool) -> None:
    shipped = "orders/fulfilled" if order["fulfillment_status"] == "fulfilled" \
        else "orders/partially_fulfilled"
    topics = [("fulfillments/create", f), (shipped, order)] if new \
        else [("fulfillments/update", f)]
    for topic, payload in [*topics, (_TOPICS[1], order)]:
        ctx.shop.fire(topic, payload)


#: ``orders/{id}/fulfillments[/{fid}]``
FULFILLMENTS = Children("orders", "fulfillments", "fulfillments", "fulfillment",
                        _add_fulfillment, _edit_fulfillment, stamp,
                        keep=lambda ctx, order, draft, now: recompute(draft),
                        after=_fulfillment_topics)


#: ``fulfillments/{id}/cancel``
FULFILLMENT_BY_ID = FULFILLMENTS.by_own_id(lambda ctx, fid: ctx.data.ids.owner("fulfillment",
                                                                               fid))


# -- refunds ------------------------------------------------------------------------------
def _refund_lines(ctx: Ctx, order: Record, given: Any, errors: v_.Errors) -> list[Record]:
    def line(src: dict[str, Any], li: Record, qty: int) -> Record:
        restock = src.get("restock_type") or "no_restock"  # RefundLineItemRestockType's
        if restock == "cancel" and qty > BOOK.unshipped(order, li):
            v_.add(errors, "restock_type", "cancel is only for unfulfilled items")
        location = src.get("location_id") or (ctx.data.primary_location_id
                                               if restock != "no_restock" else None)
        return refund_line(ctx.data.ids.next("refund_line_item"), li, qty, restock, location)
    return BOOK.take(order, given, errors, _REFUND, lambda li: BOOK.refundable(order, li), line)


def _refund(ctx: Ctx, order: Record, body: dict[str, Any]) -> Record:
    errors: v_.Errors = {}
    lines = _refund_lines(ctx, order, body.get("refund_line_items"), errors)
    shipping = body.get("shipping") or {}
    if v_.boolean(shipping.get("full_refund"), False):
        ship_amount = sum(v_.cents(s["price"]) for s in order["shipping_lines"])
    else:
        ship_amount = v_.cents(v_.money_error(errors, "shipping", shipping["amount"])) \
            if shipping.get("amount") is not None else 0
    txs = body.get("transactions")
    now = ctx.shop.stamp(order["updated_at"])
    if txs:
        amounts = [v_.money_error(errors, "amount", t.get("amount")) for t in txs]
        gateways = [v_.text(t.get("gateway")) or "manual" for t in txs]
        parents = [t.get("parent_id") for t in txs]
    else:
        amount = ship_amount + sum(round(rl["subtotal"] * 100) + round(rl["total_tax"] * 100)
                                   for rl in lines)
        amounts = [v_.from_cents(amount)] if amount else []
        gateways, parents = ["manual"] * len(amounts), [None] * len(amounts)
    already = sum(v_.cents(t["amount"]) for r in order["refunds"] for t in r["transactions"])
    if sum(v_.cents(a) for a in amounts if a) + already > v_.cents(order["total_price"]):
        v_.add(errors, "base", "Refund amount exceeds the amount paid")
    if not lines and not amounts and not errors:
        errors["base"] = ["Refund must have at least one refund line item or transaction"]
    v_.check(errors)
    transactions = [transaction_record(ctx.data.ids.next("transaction"), order["id"],
                                       a or "0.00", created_at=now, kind="refund", gateway=g,
                                       parent_id=p, currency=order["currency"])
                    for a, g, p in zip(amounts, gateways, parents, strict=False)]
    return refund_record(ctx.data.ids.next("refund"), order["id"], created_at=now,
                         note=body.get("note"), lines=lines, transactions=transactions,
                         restock=any(rl["restock_type"] in RESTOCKING for rl in lines))


def _add_refund(ctx: Ctx, order: Record, given: Any, now: str, errors: v_.Errors) -> Record:
    record = _refund(ctx, order, ctx.payload("refund"))
    for rl in record["refund_line_items"]:
        if rl["restock_type"] in RESTOCKING:
            _restock(ctx, rl["line_item"]["variant_id"], rl["location_id"], rl["quantity"])
    order["refunds"].append(record)
    ctx.data.ids.own("refund", record["id"], order["id"])
    return record


def _refund_topics(ctx: Ctx, order: Record, refund: Record, new: bool) -> None:
    for topic, payload in (("refunds/create", refund), (_TOPICS[1], order)):
        ctx.shop.fire(topic, payload)


#: ``orders/{id}/refunds[/{rid}].json``; refunds never change once made
REFUNDS = Children("orders", "refunds", "refunds", "refund", _add_refund, None, stamp,
                   keep=lambda ctx, order, draft, now: recompute(draft), after=_refund_topics)
