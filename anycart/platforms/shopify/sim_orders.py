"""Orders (create / update / delete, status filters, close, open, cancel), their fulfillments
(``orders/{id}/fulfillments``) and refunds (``orders/{id}/refunds``).

Orders: at least one line item, naming an existing ``variant_id`` (product data is copied)
or carrying its own ``title`` and ``price``. ``customer`` is an existing ``{"id"}`` or
contact data, matched by e-mail or created. ``financial_status`` defaults to ``paid``;
``inventory_behaviour`` ``decrement_ignoring_policy`` / ``decrement_obeying_policy`` takes the
quantities from the primary location (``bypass``, the default, leaves stock alone). Only
contact data, notes, tags and addresses change on ``PUT``. Lists default to ``status=open``.

Fulfillments: for the listed ``line_items`` (``{"id", "quantity"}``), or every unfulfilled
unit; refused for a cancelled order, an unknown line item or more units than remain.
Tracking comes as ``tracking_number(s)``, ``tracking_company``, ``tracking_url(s)`` (derived
for known carriers) and changes by ``PUT`` or ``update_tracking.json``; ``cancel.json``
cancels. Refunds: ``refund_line_items`` (``restock_type`` cancel / return / no_restock),
optional ``shipping`` and ``transactions`` (computed when absent); restocking puts units back
at the given (or primary) location, and the order's financial status follows.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from starlette.responses import Response

from anycart.sandbox import values as v_
from anycart.sandbox.children import Children
from anycart.sandbox.crud import Query, equals, not_found, reply
from anycart.sandbox.forms import Form
from anycart.sandbox.listing import Choice, among, present
from anycart.sandbox.orders import NOW, NOW_ONCE, Action, Take
from anycart.sandbox.placement import Buyer, Lines, Tally, dicts
from anycart.sandbox.query import Filter
from anycart.sandbox.table import Record
from anycart.sandbox.values import (
    Errors,
    add,
    assign,
    boolean,
    cents,
    check,
    from_cents,
    integer,
    money_error,
    number,
    rejected,
    tags,
    text,
)

from .sim_api import Crud, Ctx, listing, stamp
from .sim_customers import CUSTOMERS
from .sim_customers import FORM as CUSTOMER
from .sim_inventory import adjust_level, levels_of
from .sim_order_build import (
    BOOK,
    TRACKING,
    assemble_order,
    fulfillment_record,
    line_item,
    order_address,
    order_customer,
    recompute,
    refund_line,
    refund_record,
    shipping_line,
    transaction_record,
)
from .sim_store import RECORDS, RESOURCE_TOPICS

FINANCIAL = ("pending", "authorized", "partially_paid", "paid", "partially_refunded",
             "refunded", "voided")
CANCEL_REASONS = ("customer", "inventory", "fraud", "declined", "other")
BEHAVIOURS = ("bypass", "decrement_ignoring_policy", "decrement_obeying_policy")
RESTOCKING = ("cancel", "return", "legacy_restock")
_TOPICS = RESOURCE_TOPICS["orders"]
_FULFIL = Take("id", "line_items", ("line_items", "Line item {id} does not exist"),
               ("base", "Invalid fulfillment quantity for line item {id}"))
_REFUND = Take("line_item_id", "line_item_id", ("refund_line_items", "Line item {id} does not exist"),
               ("refund_line_items", "Quantity cannot refund more items than were purchased"),
               default=1, blank=0)


def _taxed(line: Record, src: Mapping[str, Any], errors: Errors) -> Record:
    for t in dicts(src.get("tax_lines")):
        line["tax_lines"].append({
            "price": money_error(errors, "tax_lines", t.get("price")) or "0.00",
            "rate": number(errors, "tax_lines", t.get("rate") or 0) or 0.0,
            "title": text(t.get("title")) or "Tax"})
    return line


def _from_variant(ctx: Ctx, src: Mapping[str, Any], found: tuple[int, Record], qty: int,
                  lid: int, errors: Errors) -> Record:
    """A line copied from the variant (and product) it names; ``price`` may differ."""
    product, v = ctx.data.products.peek(found[0]), found[1]
    price = money_error(errors, "price", src["price"]) if "price" in src else v["price"]
    return _taxed(line_item(lid, product_id=found[0], variant_id=v["id"],
                            title=src.get("title") or product["title"],
                            variant_title=v["title"] if v["title"] != "Default Title" else None,
                            sku=v["sku"], vendor=product["vendor"], price=price or "0.00",
                            quantity=qty, grams=v["grams"], taxable=v["taxable"],
                            requires_shipping=v["requires_shipping"]), src, errors)


def _custom_line(ctx: Ctx, src: Mapping[str, Any], qty: int, lid: int, errors: Errors) -> Record:
    if not text(src.get("title")):
        add(errors, "line_items", "title can't be blank")
    price = money_error(errors, "price", src.get("price"))
    return _taxed(line_item(
        lid, product_id=None, variant_id=None, title=text(src.get("title")), variant_title=None,
        sku=text(src.get("sku")), vendor=src.get("vendor"), price=price or "0.00",
        quantity=qty, grams=integer({}, "g", src.get("grams", 0)) or 0,
        taxable=boolean(src.get("taxable"), True),
        requires_shipping=boolean(src.get("requires_shipping"), True)), src, errors)


LINES = Lines("variant_id", lambda ctx, vid: ctx.data.find_variant(vid), _from_variant,
              _custom_line, lambda ctx: ctx.data.ids.next("line_item"))
BUYER = Buyer()
TALLY = Tally(last={"last_order_id": "id", "last_order_name": "name"})


def _restock(ctx: Ctx, variant_id: int | None, location_id: int | None, quantity: int) -> None:
    found = ctx.data.find_variant(variant_id) if variant_id else None
    if found and quantity:
        adjust_level(ctx, found[1]["inventory_item_id"],
                     location_id or ctx.data.primary_location_id, quantity)


def create_order(ctx: Ctx, body: dict[str, Any]) -> Record:
    errors: Errors = {}
    items = LINES.read(ctx, body.get("line_items"), errors)
    placing: dict[str, Any] = {"email": None, "financial_status": "paid",
                               "inventory_behaviour": "bypass"}
    assign(placing, body, _PLACING, errors)
    behaviour = placing["inventory_behaviour"]
    cid, new_customer = BUYER.resolve(ctx, body.get("customer"), placing["email"], errors)
    ship_lines = [shipping_line(ctx.data.ids.next("line_item"), text(s.get("title")) or "Shipping",
                                money_error(errors, "shipping_lines", s.get("price")) or "0.00")
                  for s in dicts(body.get("shipping_lines"))]
    codes = [{"code": text(d.get("code")),
              "amount": money_error(errors, "discount_codes", d.get("amount")) or "0.00",
              "type": d.get("type") or "fixed_amount"} for d in dicts(body.get("discount_codes"))]
    if behaviour == "decrement_obeying_policy":
        for li in items:
            found = ctx.data.find_variant(li["variant_id"]) if li["variant_id"] else None
            if found and found[1]["inventory_policy"] == "deny" \
                    and not levels_of(ctx.data).covers(found[1]["inventory_item_id"], li["quantity"]):
                add(errors, "line_items", f"Unable to reserve inventory for {li['name']}")
    check(errors)
    if new_customer is not None:
        cid = CUSTOMERS.keep(ctx, CUSTOMER.create(ctx, new_customer))["id"]
    now = ctx.shop.stamp()
    oid = ctx.data.ids.next("order")
    number = ctx.data.next_order_number
    ctx.data.next_order_number += 1
    customer = ctx.data.customers.peek(cid) if cid is not None else None
    default = (customer or {}).get("default_address")  # for an address not given
    order = assemble_order(
        oid, number, ctx.shop.domain, customer=customer,
        billing=body.get("billing_address") or default,
        shipping=body.get("shipping_address") or default, line_items=items, shipping_lines=ship_lines,
        discount_codes=codes, gateway="manual", created_at=now,
        email=placing["email"] or (customer or {}).get("email"),
        financial_status=placing["financial_status"],
        currency=body.get("currency") or ctx.shop.info.get("currency", "USD"),
        tags=tags(body.get("tags")), source_name=text(body.get("source_name")) or "755357713",
        buyer_accepts_marketing=boolean(body.get("buyer_accepts_marketing"), False),
        test=boolean(body.get("test"), False), app_id=755357713,
        **{k: body[k] for k in ("phone", "note") if k in body},
        **({"processed_at": text(body["processed_at"])} if body.get("processed_at") else {}))
    for li in items if behaviour != "bypass" else []:
        _restock(ctx, li["variant_id"], None, -li["quantity"])
    for li in items:
        ctx.data.ids.own("line_item", li["id"], oid)
    if cid is not None:
        buyer = ctx.data.customers[cid]
        TALLY.add(buyer, order)
        buyer["updated_at"] = ctx.shop.stamp(buyer["updated_at"])
        ctx.data.customers.changed()
        order["customer"] = order_customer(buyer)
    return order


def _address(errors: Errors, name: str, value: Any, current: Any) -> Record | None:
    """An address changes field by field (null removes it)."""
    return order_address({**(current or {}), **value}) if isinstance(value, dict) else None


def _attributes(errors: Errors, name: str, value: Any, current: Any) -> Any:
    return [{"name": text(a.get("name")), "value": a.get("value")} for a in dicts(value)] \
        if isinstance(value, list) else current


def _contact_email(ctx: Ctx, order: Record, body: Mapping[str, Any], errors: Errors) -> None:
    if "email" in body:
        order["email"] = order["contact_email"] = order["email"] or ""


#: what a ``PUT`` may change: contact data, notes, tags and addresses
UPDATE = Form("orders", RECORDS["order"], rules={
    "email": v_.email, **dict.fromkeys(("note", "phone", "buyer_accepts_marketing"), v_.raw),
    "tags": v_.tag_list, "note_attributes": _attributes, "shipping_address": _address,
    "billing_address": _address}, hooks=(_contact_email,), stamp=stamp)
_PLACING: v_.Rules = {"email": v_.email,
                      "financial_status": v_.one_of(*FINANCIAL, default="paid"),
                      "inventory_behaviour": v_.one_of(*BEHAVIOURS, default="bypass")}


def _by_name(ctx: Ctx, params: Mapping[str, str], query: Query) -> None:
    if params.get("name"):  # "1001" or "#1001"
        name = params["name"] if params["name"].startswith("#") else "#" + params["name"]
        query.preds.append(equals("name", name))


#: ``status`` (open by default), ``financial_status``, ``fulfillment_status``; ``customer_id``
#: is set by ``customers/{id}/orders.json``
LISTING = listing(("created_at", "updated_at", "processed_at"), choices=(
    Choice("status", {"open": lambda r: r["closed_at"] is None and r["cancelled_at"] is None,
                      "closed": present("closed_at"), "cancelled": present("cancelled_at"),
                      "any": None}, "open"),
    Choice("financial_status", {**{s: among("financial_status", (s,)) for s in FINANCIAL},
                                "any": None,
                                "unpaid": among("financial_status", ("pending", "authorized"))},
           "any"),
    Choice("fulfillment_status", {
        "shipped": among("fulfillment_status", ("fulfilled",)),
        "partial": among("fulfillment_status", ("partial",)),
        "unshipped": among("fulfillment_status", (None,)),
        "unfulfilled": among("fulfillment_status", (None, "partial")), "any": None,
        "fulfilled": among("fulfillment_status", ("fulfilled",))}, "any")),
    filters=(Filter("customer_id", "int", "customer.id"),), narrow=(_by_name,))
ORDERS = Crud("orders", "order", LISTING, create_order, UPDATE.update, lambda ctx, o: None,
              _TOPICS)


#: ``orders/{id}/close.json``, ``open.json`` and ``cancel.json`` (a cancel voids what was not
#: paid yet)
ACTIONS = {
    "close": Action({"closed_at": NOW_ONCE}), "open": Action({"closed_at": None}),
    "cancel": Action({"cancelled_at": NOW, "closed_at": NOW_ONCE}, refuse=(
        (lambda o: bool(o["cancelled_at"]), "Order has already been cancelled"),
        (lambda o: any(f["status"] == "success" for f in o["fulfillments"]),
         "Cannot cancel an order that has fulfillments")),
        moves={"financial_status": {"pending": "voided", "authorized": "voided"}},
        topic="orders/cancelled")}
_REASON = v_.one_of(*CANCEL_REASONS, default="other")


def order_action(ctx: Ctx) -> Response:
    if ctx.args["id"] not in ctx.data.orders:
        raise not_found()
    order = ctx.data.orders[ctx.args["id"]]
    name = ctx.path.rsplit("/", 1)[1]
    action = ACTIONS[name]
    action.check(order)
    if name == "cancel":  # a reason, and the units back in stock if asked
        body = given if isinstance(given := ctx.json_body(), dict) else {}
        errors: Errors = {}
        reason = _REASON(errors, "reason", body.get("reason"), None)
        check(errors)
        order["cancel_reason"] = reason
        if boolean(body.get("restock"), False):
            for li in order["line_items"]:
                _restock(ctx, li["variant_id"], None, li["fulfillable_quantity"])
    order["updated_at"] = now = stamp(ctx, order)
    action.apply(order, now)
    ctx.data.orders.changed()
    for topic in (action.topic, _TOPICS[1]):
        if topic is not None:
            ctx.shop.fire(topic, order)
    return reply({"order": order})


# -- fulfillments -------------------------------------------------------------------------
def _new_fulfillment(ctx: Ctx, order: Record, body: dict[str, Any]) -> Record:
    if order["cancelled_at"]:
        raise rejected({"base": ["Cannot fulfill a cancelled order"]})
    errors: Errors = {}
    given = body.get("line_items")
    wanted = BOOK.take(order, given, errors, _FULFIL, lambda li: li["fulfillable_quantity"]) \
        if given else BOOK.everything_open(order)
    if not wanted and not errors:
        errors["base"] = ["Line items are already fulfilled"]
    location_id = body.get("location_id") or ctx.data.primary_location_id
    if integer(errors, "location_id", location_id) not in ctx.data.locations:
        add(errors, "location_id", "is invalid")
    check(errors)
    status = body.get("status") or "success"
    if status not in ("pending", "open", "success"):
        raise rejected({"status": ["is not included in the list"]})
    record = fulfillment_record(ctx.data.ids.next("fulfillment"), order, wanted,
                                created_at=ctx.shop.stamp(order["updated_at"]),
                                location_id=int(location_id), status=status, tracking=body)
    record["notify_customer"] = boolean(body.get("notify_customer"), False)
    return record


def _add_fulfillment(ctx: Ctx, order: Record, given: Any, now: str, errors: Errors) -> Record:
    record = _new_fulfillment(ctx, order, ctx.payload("fulfillment"))
    order["fulfillments"].append(record)
    ctx.data.ids.own("fulfillment", record["id"], order["id"])
    return record


def _edit_fulfillment(ctx: Ctx, order: Record, f: Record, given: Any, now: str,
                      errors: Errors) -> None:
    """``PUT``, ``cancel.json`` and ``update_tracking.json``."""
    if ctx.path.endswith("/cancel"):
        if f["status"] == "cancelled":
            raise rejected({"base": ["Fulfillment has already been cancelled"]})
        f["status"] = "cancelled"
    else:
        body = ctx.payload("fulfillment")
        if ctx.path.endswith("/update_tracking"):
            info = given if isinstance(given := body.get("tracking_info"), dict) else {}
            body = {"tracking_company": info.get("company", f["tracking_company"]),
                    **({"tracking_number": info["number"]} if "number" in info else {}),
                    **({"tracking_url": info["url"]} if info.get("url") else {})}
        TRACKING.apply(f, body)
        f.update({k: body[k] for k in ("shipment_status",) if k in body})
        if "notify_customer" in body:
            f["notify_customer"] = boolean(body["notify_customer"], False)
    f["updated_at"] = now


def _fulfillment_topics(ctx: Ctx, order: Record, f: Record, new: bool) -> None:
    shipped = "orders/fulfilled" if order["fulfillment_status"] == "fulfilled" \
        else "orders/partially_fulfilled"
    topics = [("fulfillments/create", f), (shipped, order)] if new \
        else [("fulfillments/update", f)]
    for topic, payload in [*topics, (_TOPICS[1], order)]:
        ctx.shop.fire(topic, payload)


#: ``orders/{id}/fulfillments[/count|/{fid}[/cancel|/update_tracking]].json``
FULFILLMENTS = Children("orders", "fulfillments", "fulfillments", "fulfillment",
                        _add_fulfillment, _edit_fulfillment, stamp,
                        keep=lambda ctx, order, draft, now: recompute(draft),
                        after=_fulfillment_topics)


#: ``fulfillments/{id}/update_tracking.json`` and ``fulfillments/{id}/cancel.json``
FULFILLMENT_BY_ID = FULFILLMENTS.by_own_id(lambda ctx, fid: ctx.data.ids.owner("fulfillment",
                                                                               fid))


# -- refunds ------------------------------------------------------------------------------
def _refund_lines(ctx: Ctx, order: Record, given: Any, errors: Errors) -> list[Record]:
    def line(src: dict[str, Any], li: Record, qty: int) -> Record:
        restock = src.get("restock_type") or "no_restock"
        if restock not in ("no_restock", *RESTOCKING):
            add(errors, "restock_type", "is not included in the list")
        if restock == "cancel" and qty > BOOK.unshipped(order, li):
            add(errors, "restock_type", "cancel is only for unfulfilled items")
        location = src.get("location_id") or (ctx.data.primary_location_id
                                               if restock != "no_restock" else None)
        return refund_line(ctx.data.ids.next("refund_line_item"), li, qty, restock, location)
    return BOOK.take(order, given, errors, _REFUND, lambda li: BOOK.refundable(order, li), line)


def _refund(ctx: Ctx, order: Record, body: dict[str, Any]) -> Record:
    errors: Errors = {}
    lines = _refund_lines(ctx, order, body.get("refund_line_items"), errors)
    shipping = given if isinstance(given := body.get("shipping"), dict) else {}
    if boolean(shipping.get("full_refund"), False):
        ship_amount = sum(cents(s["price"]) for s in order["shipping_lines"])
    else:
        ship_amount = cents(money_error(errors, "shipping", shipping["amount"])) \
            if shipping.get("amount") is not None else 0
    txs_in = body.get("transactions")
    now = ctx.shop.stamp(order["updated_at"])
    if isinstance(txs_in, list) and txs_in:
        txs = [t if isinstance(t, dict) else {} for t in txs_in]
        amounts = [money_error(errors, "amount", t.get("amount")) if isinstance(t, dict)
                   else None for t in txs_in]
        gateways = [text(t.get("gateway")) or "manual" for t in txs]
        parents = [t.get("parent_id") for t in txs]
    else:
        amount = ship_amount + sum(round(rl["subtotal"] * 100) + round(rl["total_tax"] * 100)
                                   for rl in lines)
        amounts = [from_cents(amount)] if amount else []
        gateways, parents = ["manual"] * len(amounts), [None] * len(amounts)
    already = sum(cents(t["amount"]) for r in order["refunds"] for t in r["transactions"])
    if sum(cents(a) for a in amounts if a) + already > cents(order["total_price"]):
        add(errors, "base", "Refund amount exceeds the amount paid")
    if not lines and not amounts and not errors:
        errors["base"] = ["Refund must have at least one refund line item or transaction"]
    check(errors)
    transactions = [transaction_record(ctx.data.ids.next("transaction"), order["id"],
                                       a or "0.00", created_at=now, kind="refund", gateway=g,
                                       parent_id=p, currency=order["currency"])
                    for a, g, p in zip(amounts, gateways, parents, strict=False)]
    return refund_record(ctx.data.ids.next("refund"), order["id"], created_at=now,
                         note=body.get("note"), lines=lines, transactions=transactions,
                         restock=any(rl["restock_type"] in RESTOCKING for rl in lines))


def _add_refund(ctx: Ctx, order: Record, given: Any, now: str, errors: Errors) -> Record:
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
