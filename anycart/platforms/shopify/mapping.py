"""Shopify Admin REST records <-> the unified model (contract field names).

Shopify fields the contract has no name for stay in ``additional_fields`` (vendor, tags,
handle, financial/fulfillment status...). Prices are strings in Shopify and numbers here.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from anycart.contract.validation import parse_moment
from anycart.model import (
    A2CDateTime,
    Address,
    BaseCustomer,
    Child,
    ChildCombination,
    Currency,
    Image,
    NamedMethod,
    OrderItem,
    OrderStatus,
    OrderTotals,
    ProductOption,
    ProductOptionValue,
    Return,
    ReturnOrderProduct,
    ReturnReason,
    ReturnStatus,
    Shipment,
    ShipmentItem,
    State,
    TrackingNumber,
)
from anycart.platforms.countries import country


def date(value: Any) -> A2CDateTime | None:
    if not value:
        return None
    try:
        return A2CDateTime.of(datetime.fromisoformat(str(value).replace("Z", "+00:00")))
    except ValueError:
        return None


def _f(value: Any) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _s(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


def _extras(record: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: record[k] for k in keys if k in record}


def query_date(value: Any, name: str) -> str:
    """A contract date filter as Shopify's ISO 8601 (UTC when no offset is given)."""
    return parse_moment(name, str(value)).astimezone(UTC).isoformat()


# -- products (hooks of the declarations in .entities) ------------------------------------------
def product(p: dict[str, Any], _: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What a product takes from its first variant, its images and options."""
    variants = p.get("variants") or []
    first = variants[0] if variants else {}
    quantity = sum(v.get("inventory_quantity") or 0 for v in variants)
    status = p.get("status") or "active"
    price, compare = _f(first.get("price")), _f(first.get("compare_at_price"))
    return {
        "type": "configurable" if len(variants) > 1 else "simple", "u_sku": _s(first.get("sku")),
        "price": price, "quantity": quantity, "u_gtin": _s(first.get("barcode")),
        "avail_view": status == "active" and bool(p.get("published_at")),
        "avail_sale": status == "active", "weight": _f(first.get("weight")),
        "weight_unit": first.get("weight_unit"), "in_stock": quantity > 0,
        "on_sale": compare is not None and compare > (price or 0),
        "images": [Image(id=_s(i.get("id")), http_path=i.get("src"), alt=i.get("alt"),
                         sort_order=i.get("position"),
                         type="base" if i.get("position") == 1 else "additional")
                   for i in p.get("images") or []],
        "product_options": [ProductOption(
            id=_s(o.get("id")), product_option_id=_s(o.get("id")), name=o.get("name"),
            sort_order=o.get("position"), type="select", required=True,
            used_in_combination=True,
            option_items=[ProductOptionValue(id=str(v), name=str(v), sort_order=n)
                          for n, v in enumerate(o.get("values") or [])])
            for o in p.get("options") or []],
        "additional_fields": {"variants_count": len(variants)},
    }


def child(p: dict[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    options = p.get("options") or []
    combination = [ChildCombination(option_id=_s(options[i].get("id")) if i < len(options) else None,
                                    option_value_id=_s(v.get(f"option{i + 1}")))
                   for i in range(3) if v.get(f"option{i + 1}")]
    quantity = v.get("inventory_quantity")
    return Child(
        id=str(v["id"]), parent_id=str(p["id"]), sku=_s(v.get("sku")), gtin=_s(v.get("barcode")),
        name=v.get("title"), sort_order=v.get("position"),
        created_time=date(v.get("created_at")), modified_time=date(v.get("updated_at")),
        combination=combination, default_price=_f(v.get("price")),
        list_price=_f(v.get("compare_at_price")), inventory_level=_f(quantity),
        in_stock=(quantity or 0) > 0, manage_stock=v.get("inventory_management") == "shopify",
        allow_backorders=v.get("inventory_policy") == "continue",
        weight=_f(v.get("weight")), weight_unit=v.get("weight_unit"),
        additional_fields=_extras(v, ("inventory_item_id", "requires_shipping", "taxable",
                                      "fulfillment_service")),
    ).to_wire()


def variant_body(params: dict[str, Any]) -> dict[str, Any]:
    g = params.get
    body: dict[str, Any] = {}
    for src, dst in (("sku", "sku"), ("barcode", "barcode"), ("weight", "weight"),
                     ("name", "title")):
        if g(src) not in (None, ""):
            body[dst] = g(src)
    if (price := g("price")) is not None:
        body["price"] = f"{float(price):.2f}"
    return body


# -- categories (custom collections) ----------------------------------------------------------
def category(c: dict[str, Any], _: Mapping[str, Any] | None = None) -> dict[str, Any]:
    image = c.get("image") or {}
    return {"parent_id": "0",
            "avail": bool(c.get("published_at")) if "published_at" in c
            else c.get("published", True),
            "images": [Image(http_path=image.get("src"), alt=image.get("alt"), type="base")]
            if image else []}


# -- customers ---------------------------------------------------------------------------------
def address(a: dict[str, Any] | None, kind: str) -> Address | None:
    if not a:
        return None
    return Address(
        id=_s(a.get("id")), type=kind, first_name=a.get("first_name"), last_name=a.get("last_name"),
        company=a.get("company"), address1=a.get("address1"), address2=a.get("address2"),
        city=a.get("city"), postcode=a.get("zip"),
        state=State(code=a.get("province_code"), name=a.get("province")),
        country=country(a.get("country_code"), a.get("country")),
        phone=a.get("phone"), default=a.get("default"))


#: What makes two Shopify addresses the same place.
_PLACE = ("first_name", "last_name", "company", "address1", "address2", "city", "zip",
          "province_code", "country_code")


def _order_address(a: dict[str, Any] | None, kind: str,
                   cust: dict[str, Any]) -> Address | None:
    """An order's address. Shopify gives it no id: when it is the customer's default address,
    that address's id (and ``default``); else ``"0"``, no address of the customer."""
    out = address(a, kind)
    if out is None or a is None:
        return None
    home = cust.get("default_address") or {}
    same = bool(home) and all((home.get(k) or "") == (a.get(k) or "") for k in _PLACE)
    out.id = _s(home.get("id")) if same else "0"
    out.default = same
    return out


def customer(c: dict[str, Any], _: Mapping[str, Any] | None = None) -> dict[str, Any]:
    book = [address(a, "shipping") for a in c.get("addresses") or []]
    consent = c.get("email_marketing_consent")
    return {"company": (c.get("default_address") or {}).get("company"),
            "status": "enabled" if c.get("state") in (None, "enabled", "invited") else "disabled",
            "news_letter_subscription": consent.get("state") == "subscribed" if consent
            else c.get("accepts_marketing"),
            "address_book": [a for a in book if a is not None]}


def address_body(params: dict[str, Any]) -> dict[str, Any]:
    """customer.address.add's contract parameters -> a Shopify customer address."""
    g = params.get
    return {dst: g(src) for src, dst in (
        ("first_name", "first_name"), ("last_name", "last_name"), ("company", "company"),
        ("address1", "address1"), ("address2", "address2"), ("city", "city"),
        ("postcode", "zip"), ("state", "province_code"), ("country", "country_code"),
        ("phone", "phone"))
        if g(src) not in (None, "")}


# -- orders ------------------------------------------------------------------------------------
def _status(o: dict[str, Any]) -> OrderStatus:
    if o.get("cancelled_at"):
        return OrderStatus(id="cancelled", name="Cancelled")
    if o.get("closed_at"):
        return OrderStatus(id="closed", name="Closed")
    return OrderStatus(id="open", name="Open")


def order(o: dict[str, Any], _: Mapping[str, Any] | None = None) -> dict[str, Any]:
    cust = o.get("customer") or {}
    lines = o.get("shipping_lines") or []
    return {
        "order_id": str(o.get("order_number") or o["id"]),
        # a guest's order has no customer: id "0", as the carts that store guests say it
        "customer": BaseCustomer(id=_s(cust.get("id")) or "0",
                                 email=o.get("email") or cust.get("email"),
                                 first_name=cust.get("first_name"),
                                 last_name=cust.get("last_name"),
                                 phone=o.get("phone") or cust.get("phone")),
        "currency": Currency(id=o.get("currency"), iso3=o.get("currency")),
        "billing_address": _order_address(o.get("billing_address"), "billing", cust),
        "shipping_address": _order_address(o.get("shipping_address"), "shipping", cust),
        "payment_method": NamedMethod(name=", ".join(o.get("payment_gateway_names") or [])
                                      or None),
        "shipping_method": NamedMethod(name=lines[0].get("title")) if lines else None,
        "status": _status(o),
        "totals": OrderTotals(total=_f(o.get("total_price")), subtotal=_f(o.get("subtotal_price")),
                              shipping=sum(_f(s.get("price")) or 0 for s in lines),
                              tax=_f(o.get("total_tax")), discount=_f(o.get("total_discounts"))),
        "order_products": [OrderItem(
            order_product_id=_s(li.get("id")), product_id=_s(li.get("product_id")),
            variant_id=_s(li.get("variant_id")), model=_s(li.get("sku")),
            name=li.get("name") or li.get("title"), price=_f(li.get("price")),
            quantity=_f(li.get("quantity")),
            total_price=round((_f(li.get("price")) or 0) * (li.get("quantity") or 0), 2),
            weight=_f(li.get("grams"))) for li in o.get("line_items") or []],
    }


def shipment(order_id: Any, f: dict[str, Any]) -> dict[str, Any]:
    numbers = f.get("tracking_numbers") or ([f["tracking_number"]] if f.get("tracking_number") else [])
    return Shipment(
        id=str(f["id"]), order_id=str(order_id), name=f.get("name"),
        shipment_provider=f.get("tracking_company"),
        tracking_numbers=[TrackingNumber(carrier_id=f.get("tracking_company"), tracking_number=n)
                          for n in numbers],
        created_at=date(f.get("created_at")), modified_time=date(f.get("updated_at")),
        items=[ShipmentItem(order_product_id=_s(li.get("id")), product_id=_s(li.get("product_id")),
                            name=li.get("name"), quantity=_f(li.get("quantity")))
               for li in f.get("line_items") or []],
        is_shipped=f.get("status") == "success",
        additional_fields=_extras(f, ("status", "shipment_status", "tracking_urls", "location_id")),
    ).to_wire()


def return_(o: dict[str, Any], r: dict[str, Any]) -> dict[str, Any]:
    """A refund (with its restocked line items) as a return: Shopify's REST API has no
    return object, refunds are how returned goods show up."""
    cust = o.get("customer") or {}
    return Return(
        id=str(r["id"]), order_id=str(o["id"]), customer_id=_s(cust.get("id")),
        created_at=r.get("created_at"), modified_at=r.get("processed_at") or r.get("created_at"),
        status=ReturnStatus(id="refunded", name="Refunded"),
        order_products=[ReturnOrderProduct(
            product_id=_s((rli.get("line_item") or {}).get("product_id")),
            order_product_id=_s(rli.get("line_item_id")),
            sku=_s((rli.get("line_item") or {}).get("sku")),
            name=(rli.get("line_item") or {}).get("name"), quantity=rli.get("quantity"),
            reason=ReturnReason(id=rli.get("restock_type"), name=rli.get("restock_type")))
            for rli in r.get("refund_line_items") or []],
        comment=r.get("note"),
        additional_fields=_extras(r, ("restock", "transactions")),
    ).to_wire()
