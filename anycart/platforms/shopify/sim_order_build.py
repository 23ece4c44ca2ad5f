"""Order-family records in Shopify's shape, built the same way by the seed and the API.

Money is text with two decimals, except refund lines' ``subtotal`` and ``total_tax``
(numbers, as Shopify renders them). A new order's lines carry their shares of its discount
codes (``discount_allocations``), as Shopify's orders do. :data:`recompute` keeps the derived fields (quantities
left, fulfillment and financial statuses, ``current_*`` totals) in step with the order's
fulfillments and refunds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from anycart.sandbox.orders import Book, Shows, Tracking
from anycart.sandbox.table import Record
from anycart.sandbox.values import cents, from_cents

from .sim_store import RECORDS

#: fulfillments count while pending, open or successful; the line item and order fields
#: they and refunds keep current
BOOK = Book(live=("pending", "open", "success"), shows=Shows(
    current="current_quantity", open="fulfillable_quantity", line_state="fulfillment_status",
    order_state="fulfillment_status", total="total_price", total_left="current_total_price",
    paid_state="financial_status", settled=("voided",)))
TRACKING = Tracking()


def token(oid: int, salt: str = "") -> str:
    return hashlib.md5(f"{salt}{oid}".encode()).hexdigest()


def order_address(src: Mapping[str, Any] | None) -> Record | None:
    if not src:
        return None
    out = RECORDS["order_address"].pick(src)
    out["name"] = out["name"] or " ".join(str(x) for x in (src.get("first_name"),
                                                           src.get("last_name")) if x)
    return out


def order_customer(customer: Mapping[str, Any] | None) -> Record | None:
    """The customer as embedded in an order (no order counters since API 2023-07)."""
    if customer is None:
        return None
    out = RECORDS["order_customer"].pick(customer)
    if "default_address" not in customer:
        del out["default_address"]
    return out


def line_item(lid: int, *, product_id: int | None, variant_id: int | None, title: str,
              variant_title: str | None, sku: str, vendor: str | None, price: str,
              quantity: int, grams: int, taxable: bool = True, requires_shipping: bool = True,
              tax_rate: float = 0.0) -> Record:
    tax = round(cents(price) * quantity * tax_rate)
    return RECORDS["line_item"].make(
        id=lid, current_quantity=quantity, fulfillable_quantity=quantity, grams=grams,
        name=f"{title} - {variant_title}" if variant_title else title, price=price,
        product_exists=product_id is not None, product_id=product_id, quantity=quantity,
        requires_shipping=requires_shipping, sku=sku, taxable=taxable, title=title,
        variant_id=variant_id, variant_title=variant_title, vendor=vendor,
        tax_lines=[{"price": from_cents(tax), "rate": tax_rate, "title": "State Tax"}]
        if tax_rate else [])


def assemble_order(oid: int, number: int, domain: str, *, line_items: list[Record],
                   shipping_lines: list[Record], discount_codes: list[Record],
                   customer: Mapping[str, Any] | None = None,
                   billing: Mapping[str, Any] | None = None,
                   shipping: Mapping[str, Any] | None = None, gateway: str = "shopify_payments",
                   **fields: Any) -> Record:
    """Order number ``number`` of ``line_items``: ``fields`` are order fields as they are
    (``created_at``, ``email``, ``financial_status``, ``note``...), the rest is derived."""
    money = BOOK.totals(line_items, discount_codes, shipping_lines)
    line_total, discount, tax, total = money.lines, money.discount, money.tax, money.total
    tok, email = token(oid), fields.get("email")
    order = RECORDS["order"].make(fields | dict(
        id=oid, cart_token=token(oid, "cart"), checkout_id=oid + 1_000_000,
        checkout_token=token(oid, "checkout"),
        confirmation_number=token(oid, "confirm")[:9].upper(), contact_email=email,
        current_subtotal_price=from_cents(line_total - discount),
        current_total_discounts=from_cents(discount), current_total_price=from_cents(total),
        current_total_tax=from_cents(tax), discount_codes=discount_codes, email=email or "",
        number=number - 1000, order_number=number,
        order_status_url=f"https://{domain}/orders/{tok}/authenticate?key={token(oid, 'k')}",
        payment_gateway_names=[gateway] if gateway else [],
        subtotal_price=from_cents(line_total - discount),
        tax_lines=[{"price": from_cents(v), "rate": k[1], "title": k[0]}
                   for k, v in money.taxes.items()], token=tok,
        total_discounts=from_cents(discount), total_line_items_price=from_cents(line_total),
        total_outstanding="0.00" if fields.get("financial_status") == "paid"
        else from_cents(total), total_price=from_cents(total), total_tax=from_cents(tax),
        total_weight=sum(li["grams"] * li["quantity"] for li in line_items),
        billing_address=order_address(billing), customer=order_customer(customer),
        line_items=line_items,
        discount_applications=[RECORDS["discount_application"].make(value=d["amount"],
                                                                    code=d["code"])
                               for d in discount_codes],
        shipping_address=order_address(shipping), shipping_lines=shipping_lines))
    order["client_details"]["browser_ip"] = order["browser_ip"]
    _allocate(order)
    return order


def _allocate(order: Record) -> None:
    """Each line's ``discount_allocations``, as Shopify's orders carry them: a line-item
    discount spread over the lines in proportion to their totals (the last line takes what
    rounding left), in the order's currencies. A discount the given lines already carry
    allocations of is kept as given, not spread a second time (a line holds one allocation
    per discount, as Shopify's do)."""
    lines = order["line_items"]
    weights = [cents(li["price"]) * li["quantity"] for li in lines]
    given = {a["discount_application_index"] for li in lines for a in li["discount_allocations"]}
    for index, d in enumerate(order["discount_applications"]):
        total = cents(d.get("value")) if d.get("value_type") != "percentage" \
            else round(sum(weights) * float(d["value"]) / 100)
        if d.get("target_type") != "line_item" or not sum(weights) or not total \
                or index in given:
            continue
        shares = [total * w // sum(weights) for w in weights]
        shares[-1] += total - sum(shares)
        for li, share in zip(lines, shares, strict=True):
            li["discount_allocations"] = [*li["discount_allocations"], {
                "amount": from_cents(share), "amount_set": _money_set(
                    from_cents(share), order["currency"],
                    order.get("presentment_currency") or order["currency"]),
                "discount_application_index": index}]


def shipping_line(sid: int, title: str, price: str) -> Record:
    return RECORDS["shipping_line"].make(id=sid, title=title, price=price)


def fulfillment_record(fid: int, order: Mapping[str, Any], items: list[tuple[Record, int]], *,
                       created_at: str, location_id: int | None, status: str = "success",
                       shipment_status: str | None = None,
                       tracking: Mapping[str, Any] | None = None) -> Record:
    """A new fulfillment of ``items`` (line, units); ``tracking`` as a client sends it."""
    record = RECORDS["fulfillment"].make(
        id=fid, created_at=created_at, location_id=location_id,
        name=f"{order['name']}.{len(order['fulfillments']) + 1}", order_id=order["id"],
        shipment_status=shipment_status, status=status,
        line_items=[{**li, "quantity": qty, "fulfillment_status": "fulfilled",
                     "fulfillable_quantity": 0} for li, qty in items])
    TRACKING.apply(record, tracking or {}, fresh=True)
    return record


def transaction_record(tid: int, order_id: int, amount: str, *, created_at: str, kind: str,
                       gateway: str, parent_id: int | None, currency: str = "USD") -> Record:
    return RECORDS["transaction"].make(
        id=tid, amount=amount, created_at=created_at, currency=currency, gateway=gateway,
        kind=kind, order_id=order_id, parent_id=parent_id,
        message=f"Refunded {amount} from {gateway} gateway" if kind == "refund" else None)


def refund_line(rli_id: int, li: Mapping[str, Any], quantity: int, restock_type: str,
                location_id: int | None) -> Record:
    subtotal, tax = cents(li["price"]) * quantity, BOOK.tax_share(li, quantity)
    return RECORDS["refund_line_item"].make(
        id=rli_id, line_item_id=li["id"], location_id=location_id, quantity=quantity,
        restock_type=restock_type, subtotal=subtotal / 100,
        subtotal_set=_money_set(from_cents(subtotal)), total_tax=tax / 100,
        total_tax_set=_money_set(from_cents(tax)), line_item=dict(li))


def _money_set(amount: str, currency: str = "USD", presentment: str = "USD") -> Record:
    return {"shop_money": {"amount": amount, "currency_code": currency},
            "presentment_money": {"amount": amount, "currency_code": presentment}}


def refund_record(rid: int, order_id: int, *, created_at: str, note: str | None, restock: bool,
                  lines: list[Record], transactions: list[Record]) -> Record:
    return RECORDS["refund"].make(id=rid, created_at=created_at, note=note, order_id=order_id,
                                  restock=restock, transactions=transactions,
                                  refund_line_items=lines)


#: derived fields from line items, fulfillments and refunds (a voided order stays voided)
recompute = BOOK.recount
