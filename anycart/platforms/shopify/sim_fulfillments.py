"""Fulfillments and refunds of an order (``orders/{id}/fulfillments``, ``orders/{id}/refunds``).

Fulfillments: created for the listed ``line_items`` (``{"id", "quantity"}``), or for every
unfulfilled unit when none are listed; refused for a cancelled order, an unknown line item or
more units than remain to fulfil. Tracking comes as ``tracking_number(s)``,
``tracking_company`` and ``tracking_url(s)`` (URLs are derived for known carriers). A
fulfillment's tracking changes through ``PUT orders/{id}/fulfillments/{fid}.json`` or
``POST fulfillments/{fid}/update_tracking.json``; ``cancel.json`` cancels it.

Refunds: ``refund_line_items`` (``line_item_id``, ``quantity``, ``restock_type`` cancel /
return / no_restock), optional ``shipping`` (``full_refund`` or ``amount``) and
``transactions``; without transactions the refund amount is computed. Restocking puts the
units back at the given (or primary) location. The order's financial status follows.
"""

from __future__ import annotations

from typing import Any

from .sim_crud import sub_list
from .sim_http import Answer, ApiError, Ctx, Invalid, check, not_found
from .sim_inventory import adjust_level
from .sim_order_build import (
    fulfilled_quantities,
    fulfillment_record,
    recompute,
    refund_line,
    refund_record,
    refunded_quantities,
    tracking_url,
    transaction_record,
)
from .sim_query import parse_fields, project
from .sim_table import Record
from .sim_values import boolean, cents, from_cents, integer, money_error, text
from .sim_webhooks import RESOURCE_TOPICS

_ORDER_UPDATED = RESOURCE_TOPICS["orders"][1]


def _order(ctx: Ctx, oid: int) -> Record:
    if oid not in ctx.data.orders:
        raise not_found()
    return ctx.data.orders.peek(oid)


def _saved(ctx: Ctx, order: Record, now: str, topics: list[tuple[str, Record]]) -> None:
    recompute(order)
    order["updated_at"] = now
    ctx.data.orders.changed()
    for topic, payload in topics:
        ctx.shop.fire(topic, payload)
    ctx.shop.fire(_ORDER_UPDATED, order)


def _tracking(body: dict[str, Any], current: Record | None) -> tuple[str | None, list[str],
                                                                     list[str] | None]:
    company = body["tracking_company"] if "tracking_company" in body else \
        (current or {}).get("tracking_company")
    numbers = list((current or {}).get("tracking_numbers") or [])
    if isinstance(body.get("tracking_numbers"), list):
        numbers = [text(n) for n in body["tracking_numbers"] if text(n)]
    elif "tracking_number" in body:
        numbers = [text(body["tracking_number"])] if text(body["tracking_number"]) else []
    urls: list[str] | None = None
    if isinstance(body.get("tracking_urls"), list):
        urls = [text(u) for u in body["tracking_urls"] if text(u)]
    elif body.get("tracking_url"):
        urls = [text(body["tracking_url"])]
    return (text(company) or None) if company is not None else None, numbers, urls


def _set_tracking(f: Record, company: str | None, numbers: list[str],
                  urls: list[str] | None) -> None:
    urls = urls if urls is not None else [u for u in (tracking_url(company, n) for n in numbers)
                                          if u]
    f.update({"tracking_company": company, "tracking_numbers": numbers,
              "tracking_number": numbers[0] if numbers else None, "tracking_urls": urls,
              "tracking_url": urls[0] if urls else None})


def _new_fulfillment(ctx: Ctx, order: Record, body: dict[str, Any]) -> Record:
    if order["cancelled_at"]:
        raise Invalid({"base": ["Cannot fulfill a cancelled order"]})
    lines = {li["id"]: li for li in order["line_items"]}
    wanted: list[tuple[Record, int]] = []
    errors: dict[str, list[str]] = {}
    given = body.get("line_items")
    if given:
        for src in given if isinstance(given, list) else []:
            lid = integer(errors, "line_items", src.get("id")) if isinstance(src, dict) else None
            li = lines.get(lid) if lid is not None else None
            if li is None:
                errors.setdefault("line_items", []).append(f"Line item {lid} does not exist")
                continue
            qty = integer(errors, "quantity", src.get("quantity", li["fulfillable_quantity"]))
            if qty is not None and (qty < 1 or qty > li["fulfillable_quantity"]):
                errors.setdefault("base", []).append(
                    f"Invalid fulfillment quantity for line item {lid}")
            wanted.append((li, qty or 0))
    else:
        wanted = [(li, li["fulfillable_quantity"]) for li in order["line_items"]
                  if li["fulfillable_quantity"]]
    if not wanted and not errors:
        errors["base"] = ["Line items are already fulfilled"]
    location_id = body.get("location_id") or ctx.data.primary_location_id
    if integer(errors, "location_id", location_id) not in ctx.data.locations:
        errors.setdefault("location_id", []).append("is invalid")
    check(errors)
    company, numbers, urls = _tracking(body, None)
    status = body.get("status") or "success"
    if status not in ("pending", "open", "success"):
        raise Invalid({"status": ["is not included in the list"]})
    now = ctx.shop.stamp(order["updated_at"])
    fid = ctx.data.ids.next("fulfillment")
    record = fulfillment_record(fid, order, wanted, created_at=now, company=company,
                                numbers=numbers, urls=urls, location_id=int(location_id),
                                status=status)
    record["notify_customer"] = boolean(body.get("notify_customer"), False)
    return record


def fulfillments(ctx: Ctx, oid: int, fid: int | None, tail: str | None) -> Answer:
    """``orders/{id}/fulfillments[/count|/{fid}[/cancel]].json``."""
    order = _order(ctx, oid)
    if tail == "count":
        return Answer(200, {"count": len(order["fulfillments"])})
    current = next((f for f in order["fulfillments"] if f["id"] == fid), None)
    if fid is not None and current is None:
        raise not_found()
    if ctx.method == "GET" and tail is None:
        if current is None:
            return sub_list(ctx, "fulfillments", order["fulfillments"])
        return Answer(200, {"fulfillment": project(current, parse_fields(ctx.params.get("fields")))})
    if ctx.method == "POST" and fid is None and tail is None:
        order = ctx.data.orders[oid]
        record = _new_fulfillment(ctx, order, ctx.payload("fulfillment"))
        order["fulfillments"].append(record)
        ctx.data.own("fulfillment", record["id"], oid)
        recompute(order)
        extra = "orders/fulfilled" if order["fulfillment_status"] == "fulfilled" \
            else "orders/partially_fulfilled"
        _saved(ctx, order, record["created_at"], [("fulfillments/create", record),
                                                  (extra, order)])
        return Answer(201, {"fulfillment": record})
    if fid is not None and ((ctx.method == "PUT" and tail is None)
                            or (ctx.method == "POST" and tail in ("cancel", "update_tracking"))):
        return _change(ctx, oid, fid, tail)
    raise ApiError(405, {"errors": "Method Not Allowed"})


def _change(ctx: Ctx, oid: int, fid: int, tail: str | None) -> Answer:
    order = ctx.data.orders[oid]
    f = next(x for x in order["fulfillments"] if x["id"] == fid)
    now = ctx.shop.stamp(order["updated_at"])
    if tail == "cancel":
        if f["status"] == "cancelled":
            raise Invalid({"base": ["Fulfillment has already been cancelled"]})
        f["status"] = "cancelled"
    else:
        body = ctx.payload("fulfillment")
        if tail == "update_tracking":
            info = given if isinstance(given := body.get("tracking_info"), dict) else {}
            body = {"tracking_company": info.get("company", f["tracking_company"]),
                    **({"tracking_number": info["number"]} if "number" in info else {}),
                    **({"tracking_url": info["url"]} if info.get("url") else {})}
        company, numbers, urls = _tracking(body, f)
        if urls is None and "tracking_company" not in body and \
                numbers == f["tracking_numbers"]:
            urls = f["tracking_urls"]
        _set_tracking(f, company, numbers, urls)
        if "shipment_status" in body:
            f["shipment_status"] = body["shipment_status"]
        if "notify_customer" in body:
            f["notify_customer"] = boolean(body["notify_customer"], False)
    f["updated_at"] = now
    _saved(ctx, order, now, [("fulfillments/update", f)])
    return Answer(200, {"fulfillment": f})


def fulfillment_by_id(ctx: Ctx, fid: int, tail: str | None) -> Answer:
    """``fulfillments/{fid}/update_tracking.json`` and ``fulfillments/{fid}/cancel.json``."""
    oid = ctx.data.owner("fulfillment", fid)
    if oid is None or oid not in ctx.data.orders or tail not in ("update_tracking", "cancel"):
        raise not_found()
    return fulfillments(ctx, oid, fid, tail)


# -- refunds ------------------------------------------------------------------------------
def _refund_lines(ctx: Ctx, order: Record, given: Any, errors: dict[str, list[str]]
                  ) -> list[Record]:
    lines = {li["id"]: li for li in order["line_items"]}
    refunded = refunded_quantities(order)
    shipped = fulfilled_quantities(order)
    out = []
    for src in given if isinstance(given, list) else []:
        lid = integer(errors, "line_item_id", src.get("line_item_id")) \
            if isinstance(src, dict) else None
        li = lines.get(lid) if lid is not None else None
        if li is None:
            errors.setdefault("refund_line_items", []).append(f"Line item {lid} does not exist")
            continue
        qty = integer(errors, "quantity", src.get("quantity", 1)) or 0
        left = li["quantity"] - refunded.get(li["id"], 0)
        if qty < 1 or qty > left:
            errors.setdefault("refund_line_items", []).append(
                "Quantity cannot refund more items than were purchased")
        restock = src.get("restock_type") or "no_restock"
        if restock not in ("no_restock", "cancel", "return", "legacy_restock"):
            errors.setdefault("restock_type", []).append("is not included in the list")
        if restock == "cancel" and qty > li["quantity"] - shipped.get(li["id"], 0):
            errors.setdefault("restock_type", []).append("cancel is only for unfulfilled items")
        location = src.get("location_id") or (ctx.data.primary_location_id
                                               if restock != "no_restock" else None)
        out.append(refund_line(ctx.data.ids.next("refund_line_item"), li, qty, restock,
                               location))
    return out


def _refund(ctx: Ctx, order: Record, body: dict[str, Any]) -> Record:
    errors: dict[str, list[str]] = {}
    lines = _refund_lines(ctx, order, body.get("refund_line_items"), errors)
    shipping = given if isinstance(given := body.get("shipping"), dict) else {}
    ship_total = sum(cents(s["price"]) for s in order["shipping_lines"])
    if boolean(shipping.get("full_refund"), False):
        ship_amount = ship_total
    else:
        ship_amount = cents(money_error(errors, "shipping", shipping["amount"])) \
            if shipping.get("amount") is not None else 0
    txs_in = body.get("transactions")
    now = ctx.shop.stamp(order["updated_at"])
    if isinstance(txs_in, list) and txs_in:
        amounts = [money_error(errors, "amount", t.get("amount")) if isinstance(t, dict) else None
                   for t in txs_in]
        gateways = [text(t.get("gateway")) or "manual" if isinstance(t, dict) else "manual"
                    for t in txs_in]
        parents = [t.get("parent_id") if isinstance(t, dict) else None for t in txs_in]
    else:
        amount = sum(round(rl["subtotal"] * 100) + round(rl["total_tax"] * 100) for rl in lines)
        amount += ship_amount
        amounts = [from_cents(amount)] if amount else []
        gateways, parents = ["manual"] * len(amounts), [None] * len(amounts)
    already = sum(cents(t["amount"]) for r in order["refunds"] for t in r["transactions"])
    if sum(cents(a) for a in amounts if a) + already > cents(order["total_price"]):
        errors.setdefault("base", []).append("Refund amount exceeds the amount paid")
    if not lines and not amounts and not errors:
        errors["base"] = ["Refund must have at least one refund line item or transaction"]
    check(errors)
    txs = [transaction_record(ctx.data.ids.next("transaction"), order["id"], a or "0.00",
                              created_at=now, kind="refund", gateway=g, parent_id=p,
                              currency=order["currency"])
           for a, g, p in zip(amounts, gateways, parents, strict=False)]
    restock = any(rl["restock_type"] in ("cancel", "return", "legacy_restock") for rl in lines)
    return refund_record(ctx.data.ids.next("refund"), order["id"], created_at=now,
                         note=body.get("note"), restock=restock, lines=lines, transactions=txs)


def refunds(ctx: Ctx, oid: int, rid: int | None) -> Answer:
    """``orders/{id}/refunds[/{rid}].json``."""
    order = _order(ctx, oid)
    if ctx.method == "GET":
        if rid is None:
            return sub_list(ctx, "refunds", order["refunds"])
        for r in order["refunds"]:
            if r["id"] == rid:
                return Answer(200, {"refund": project(r, parse_fields(ctx.params.get("fields")))})
        raise not_found()
    if ctx.method != "POST" or rid is not None:
        raise ApiError(405, {"errors": "Method Not Allowed"})
    order = ctx.data.orders[oid]
    record = _refund(ctx, order, ctx.payload("refund"))
    for rl in record["refund_line_items"]:
        li = rl["line_item"]
        if rl["restock_type"] in ("cancel", "return", "legacy_restock") and li["variant_id"]:
            found = ctx.data.find_variant(li["variant_id"])
            if found:
                adjust_level(ctx, found[1]["inventory_item_id"],
                             rl["location_id"] or ctx.data.primary_location_id, rl["quantity"])
    order["refunds"].append(record)
    ctx.data.own("refund", record["id"], oid)
    _saved(ctx, order, record["created_at"], [("refunds/create", record)])
    return Answer(201, {"refund": record})
