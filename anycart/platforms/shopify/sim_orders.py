"""Orders: create / update / delete, the status filters, close, open and cancel.

An order needs at least one line item; a line item names an existing ``variant_id`` (product
data is copied from it) or carries its own ``title`` and ``price``. ``customer`` is an
existing ``{"id"}`` or contact data, matched by e-mail or created. ``financial_status``
defaults to ``paid``; ``inventory_behaviour`` ``decrement_ignoring_policy`` /
``decrement_obeying_policy`` takes the quantities from the primary location (``bypass``, the
default, leaves stock alone). Only contact data, notes, tags and addresses change on ``PUT``.
Lists default to ``status=open`` (not closed, not cancelled), as Shopify's do.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .sim_crud import Resource, list_records
from .sim_customers import create_customer
from .sim_http import Answer, ApiError, Ctx, Invalid, check, not_found
from .sim_inventory import adjust_level, item_total
from .sim_order_build import assemble_order, line_item, order_address, order_customer, shipping_line
from .sim_query import Query, choice, common, equals
from .sim_table import Record
from .sim_values import (
    boolean,
    cents,
    from_cents,
    integer,
    money_error,
    number,
    tags,
    text,
    valid_email,
)
from .sim_webhooks import RESOURCE_TOPICS

FINANCIAL = ("pending", "authorized", "partially_paid", "paid", "partially_refunded",
             "refunded", "voided")
CANCEL_REASONS = ("customer", "inventory", "fraud", "declined", "other")
_TOPICS = RESOURCE_TOPICS["orders"]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _line_items(ctx: Ctx, given: Any, errors: dict[str, list[str]]) -> list[Record]:
    if not isinstance(given, list) or not given:
        errors["line_items"] = ["must have at least one line item"]
        return []
    out = []
    for src in given:
        if not isinstance(src, dict):
            errors.setdefault("line_items", []).append("is invalid")
            continue
        qty = integer(errors, "quantity", src.get("quantity", 1))
        if qty is not None and qty < 1:
            errors.setdefault("quantity", []).append("must be greater than or equal to 1")
        lid = ctx.data.ids.next("line_item")
        if src.get("variant_id") is not None:
            vid = integer(errors, "variant_id", src["variant_id"])
            found = ctx.data.find_variant(vid) if vid is not None else None
            if found is None:
                errors.setdefault("line_items", []).append(
                    f"Variant {src['variant_id']} does not exist")
                continue
            product = ctx.data.products.peek(found[0])
            v = found[1]
            price = money_error(errors, "price", src["price"]) if "price" in src else v["price"]
            title = v["title"] if v["title"] != "Default Title" else None
            out.append(line_item(lid, product_id=found[0], variant_id=v["id"],
                                 title=src.get("title") or product["title"], variant_title=title,
                                 sku=v["sku"], vendor=product["vendor"], price=price or "0.00",
                                 quantity=qty or 1, grams=v["grams"], taxable=v["taxable"],
                                 requires_shipping=v["requires_shipping"]))
        else:
            if not text(src.get("title")):
                errors.setdefault("line_items", []).append("title can't be blank")
            price = money_error(errors, "price", src.get("price"))
            out.append(line_item(lid, product_id=None, variant_id=None, title=text(src.get("title")),
                                 variant_title=None, sku=text(src.get("sku")),
                                 vendor=src.get("vendor"), price=price or "0.00",
                                 quantity=qty or 1, grams=integer({}, "g", src.get("grams", 0)) or 0,
                                 taxable=boolean(src.get("taxable"), True),
                                 requires_shipping=boolean(src.get("requires_shipping"), True)))
        for t in _list(src.get("tax_lines")):
            if isinstance(t, dict):
                price = money_error(errors, "tax_lines", t.get("price")) or "0.00"
                rate = number(errors, "tax_lines", t.get("rate") or 0) or 0.0
                out[-1]["tax_lines"].append({"price": price, "rate": rate,
                                             "title": text(t.get("title")) or "Tax"})
    return out


def _customer(ctx: Ctx, given: Any, email: str | None, errors: dict[str, list[str]]
              ) -> tuple[int | None, dict[str, Any] | None]:
    """The order's customer id (None for a guest) and, when new, the body to create it."""
    if isinstance(given, dict) and given.get("id") is not None:
        cid = integer(errors, "customer", given["id"])
        if cid not in ctx.data.customers:
            errors["customer"] = ["is invalid"]
            return None, None
        return cid, None
    contact = dict(given) if isinstance(given, dict) else {}
    mail = text(contact.get("email") or email).lower()
    if mail:
        existing = ctx.data.index("customers", "email").get(mail)
        if existing is not None:
            return existing, None
        contact["email"] = mail
    if not any(contact.get(k) for k in ("email", "first_name", "last_name", "phone")):
        return None, None
    return None, contact


def create_order(ctx: Ctx, body: dict[str, Any]) -> Record:
    errors: dict[str, list[str]] = {}
    items = _line_items(ctx, body.get("line_items"), errors)
    email = text(body.get("email")).lower() or None
    if email and not valid_email(email):
        errors["email"] = ["is invalid"]
    status = body.get("financial_status") or "paid"
    if not isinstance(status, str) or status not in FINANCIAL:
        errors["financial_status"] = ["is not included in the list"]
    behaviour = body.get("inventory_behaviour") or "bypass"
    if not isinstance(behaviour, str) or behaviour not in (
            "bypass", "decrement_ignoring_policy", "decrement_obeying_policy"):
        errors["inventory_behaviour"] = ["is not included in the list"]
    cid, new_customer = _customer(ctx, body.get("customer"), email, errors)
    ship_lines = [shipping_line(ctx.data.ids.next("line_item"), text(s.get("title")) or "Shipping",
                                money_error(errors, "shipping_lines", s.get("price")) or "0.00")
                  for s in _list(body.get("shipping_lines")) if isinstance(s, dict)]
    codes = [{"code": text(d.get("code")), "amount": money_error(errors, "discount_codes",
                                                                 d.get("amount")) or "0.00",
              "type": d.get("type") or "fixed_amount"}
             for d in _list(body.get("discount_codes")) if isinstance(d, dict)]
    if behaviour == "decrement_obeying_policy":
        for li in items:
            found = ctx.data.find_variant(li["variant_id"]) if li["variant_id"] else None
            if found and found[1]["inventory_policy"] == "deny" \
                    and item_total(ctx.data, found[1]["inventory_item_id"]) < li["quantity"]:
                errors.setdefault("line_items", []).append(f"Unable to reserve inventory for "
                                                          f"{li['name']}")
    check(errors)
    if new_customer is not None:
        customer_record = create_customer(ctx, new_customer)
        ctx.data.customers[customer_record["id"]] = customer_record
        ctx.shop.fire(RESOURCE_TOPICS["customers"][0], customer_record)
        cid = customer_record["id"]
    now = ctx.shop.stamp()
    oid = ctx.data.ids.next("order")
    number = ctx.data.next_order_number
    ctx.data.next_order_number += 1
    customer = ctx.data.customers.peek(cid) if cid is not None else None
    default = (customer or {}).get("default_address")
    order = assemble_order(
        oid=oid, number=number, domain=ctx.shop.domain, created_at=now, updated_at=now,
        customer=customer, email=email or (customer or {}).get("email"),
        phone=body.get("phone"), billing=body.get("billing_address") or default,
        shipping=body.get("shipping_address") or default, line_items=items,
        shipping_lines=ship_lines, discount_codes=codes, financial_status=status,
        currency=body.get("currency") or ctx.shop.info.get("currency", "USD"),
        note=body.get("note"), tags=tags(body.get("tags")),
        source_name=text(body.get("source_name")) or "755357713", gateway="manual",
        buyer_accepts_marketing=boolean(body.get("buyer_accepts_marketing"), False),
        test=boolean(body.get("test"), False), app_id=755357713)
    if body.get("processed_at"):
        order["processed_at"] = text(body["processed_at"])
    if behaviour != "bypass":
        for li in items:
            found = ctx.data.find_variant(li["variant_id"]) if li["variant_id"] else None
            if found:
                adjust_level(ctx, found[1]["inventory_item_id"], ctx.data.primary_location_id,
                             -li["quantity"])
    for li in items:
        ctx.data.own("line_item", li["id"], oid)
    if cid is not None:
        _count_order(ctx, cid, order)
    return order


def _count_order(ctx: Ctx, cid: int, order: Record) -> None:
    customer = ctx.data.customers[cid]
    customer["orders_count"] = int(customer.get("orders_count") or 0) + 1
    customer["total_spent"] = from_cents(cents(customer.get("total_spent")) +
                                         cents(order["total_price"]))
    customer["last_order_id"], customer["last_order_name"] = order["id"], order["name"]
    customer["updated_at"] = ctx.shop.stamp(customer["updated_at"])
    ctx.data.customers.changed()
    order["customer"] = order_customer(customer)


def update_order(ctx: Ctx, order: Record, body: dict[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    draft = copy.deepcopy(order)
    if "email" in body:
        email = text(body["email"]).lower()
        if email and not valid_email(email):
            errors["email"] = ["is invalid"]
        draft["email"] = draft["contact_email"] = email
    for name in ("note", "phone", "buyer_accepts_marketing"):
        if name in body:
            draft[name] = body[name]
    if "tags" in body:
        draft["tags"] = tags(body["tags"])
    if "note_attributes" in body and isinstance(body["note_attributes"], list):
        draft["note_attributes"] = [{"name": text(a.get("name")), "value": a.get("value")}
                                    for a in body["note_attributes"] if isinstance(a, dict)]
    for name in ("shipping_address", "billing_address"):
        if name in body:
            current = draft.get(name) or {}
            draft[name] = order_address({**current, **body[name]}) \
                if isinstance(body[name], dict) else None
    check(errors)
    draft["updated_at"] = ctx.shop.stamp(order["updated_at"])
    order.clear()
    order.update(draft)


def order_query(ctx: Ctx, params: Mapping[str, str]) -> Query:
    query = common(params, Query(), dates=("created_at", "updated_at", "processed_at"))
    status = choice(params, "status", ("open", "closed", "cancelled", "any"), "open")
    if status == "open":
        query.preds.append(lambda r: r["closed_at"] is None and r["cancelled_at"] is None)
    elif status == "closed":
        query.preds.append(lambda r: r["closed_at"] is not None)
    elif status == "cancelled":
        query.preds.append(lambda r: r["cancelled_at"] is not None)
    financial = choice(params, "financial_status", (*FINANCIAL, "any", "unpaid"), "any")
    if financial == "unpaid":
        query.preds.append(lambda r: r["financial_status"] in ("pending", "authorized"))
    elif financial != "any":
        query.preds.append(lambda r: r["financial_status"] == financial)
    shipping = choice(params, "fulfillment_status",
                      ("shipped", "partial", "unshipped", "unfulfilled", "any", "fulfilled"),
                      "any")
    wanted = {"shipped": ("fulfilled",), "fulfilled": ("fulfilled",), "partial": ("partial",),
              "unshipped": (None,), "unfulfilled": (None, "partial")}.get(shipping or "any")
    if wanted is not None:
        query.preds.append(lambda r: r["fulfillment_status"] in wanted)
    if params.get("name"):
        name = params["name"] if params["name"].startswith("#") else "#" + params["name"]
        query.preds.append(equals("name", name))
    if params.get("customer_id"):  # set by customers/{id}/orders.json
        cid = int(params["customer_id"])
        query.preds.append(lambda r: (r.get("customer") or {}).get("id") == cid)
    return query


def delete_order(ctx: Ctx, order: Record) -> None:
    return None


ORDERS = Resource("orders", "order", order_query, create_order, update_order, delete_order,
                  _TOPICS)


def customer_orders(ctx: Ctx, cid: int) -> Answer:
    if cid not in ctx.data.customers:
        raise not_found()
    if "page_info" not in ctx.params:
        ctx.params["customer_id"] = str(cid)
    return list_records(ctx, ORDERS)


def order_action(ctx: Ctx, oid: int, action: str) -> Answer:
    """``orders/{id}/close.json``, ``open.json`` and ``cancel.json``."""
    if oid not in ctx.data.orders:
        raise not_found()
    if ctx.method != "POST":
        raise ApiError(405, {"errors": "Method Not Allowed"})
    order = ctx.data.orders[oid]
    now = ctx.shop.stamp(order["updated_at"])
    extra_topic = None
    if action == "close":
        order["closed_at"] = order["closed_at"] or now
    elif action == "open":
        order["closed_at"] = None
    elif action == "cancel":
        body = ctx.json_body()
        body = body if isinstance(body, dict) else {}
        if order["cancelled_at"]:
            raise Invalid({"base": ["Order has already been cancelled"]})
        if any(f["status"] == "success" for f in order["fulfillments"]):
            raise Invalid({"base": ["Cannot cancel an order that has fulfillments"]})
        reason = (body.get("reason") if isinstance(body, dict) else None) or "other"
        if not isinstance(reason, str) or reason not in CANCEL_REASONS:
            raise Invalid({"reason": ["is not included in the list"]})
        order["cancelled_at"], order["cancel_reason"] = now, reason
        order["closed_at"] = order["closed_at"] or now
        if order["financial_status"] in ("pending", "authorized"):
            order["financial_status"] = "voided"
        if boolean(body.get("restock"), False):
            for li in order["line_items"]:
                found = ctx.data.find_variant(li["variant_id"]) if li["variant_id"] else None
                if found and li["fulfillable_quantity"]:
                    adjust_level(ctx, found[1]["inventory_item_id"],
                                 ctx.data.primary_location_id, li["fulfillable_quantity"])
        extra_topic = "orders/cancelled"
    else:
        raise not_found()
    order["updated_at"] = now
    ctx.data.orders.changed()
    if extra_topic:
        ctx.shop.fire(extra_topic, order)
    ctx.shop.fire(_TOPICS[1], order)
    return Answer(200, {"order": order})
