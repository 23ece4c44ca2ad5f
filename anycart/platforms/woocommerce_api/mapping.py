"""WooCommerce REST records <-> the unified model, where a field map cannot say it: prices are
strings there, dates are read from the ``*_gmt`` (UTC) keys; the site-local ones stay in
``additional_fields`` with every key the contract has no name for (``_links`` aside).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from anycart import model as U
from anycart.errors import ApiError
from anycart.platforms.kit import fields as F
from anycart.platforms.kit.addresses import ORDER_PARAMS, AddressBook, AddressMap
from anycart.platforms.kit.coupons import action, per_item
from anycart.platforms.kit.dates import ISO, Dates
from anycart.platforms.kit.fields import Field, body, int_id, integer, money, number, same, text
from anycart.platforms.kit.imagelist import ImageList
from anycart.platforms.kit.lines import Lines, amount, percent
from anycart.platforms.kit.prices import SalePrice
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.returns import ReturnStatuses, Unified, order_return_status
from anycart.platforms.kit.shipments import shipped_lines
from anycart.platforms.kit.taxrates import RateMap, TaxClassMap

Record = dict[str, Any]

#: What a product, a variation, a customer and an order read with their declared fields.
PRODUCT_READ = frozenset({"regular_price", "sale_price", "date_on_sale_from_gmt", "categories", "images",
                          "date_on_sale_to_gmt", "attributes", "dimensions", "brands", "_links"})
VARIATION_READ = frozenset({"image", "attributes", "dimensions", "_links"})
CUSTOMER_READ = frozenset({"billing", "shipping", "_links"})
ORDER_READ = frozenset({"number", "billing", "shipping", "payment_method_title", "shipping_lines",
                        "line_items", "_links"})
#: An order's buyer (a guest's customer id is 0, as the carts that store guests say it),
#: currency, totals and comment, read as they are; the rest is :func:`order`.
ORDER_READS = (Field("customer.id", "customer_id", lambda v: str(v or 0)),
               *(Field(f"customer.{k}", f"billing.{k}") for k in ("email", "first_name", "last_name", "phone")),
               Field("currency.id", "currency", same), Field("currency.iso3", "currency", same),
               Field("totals.total", "total", number), Field("totals.shipping", "shipping_total", number),
               Field("totals.tax", "total_tax", number), Field("totals.discount", "discount_total", number),
               Field("comment", "customer_note"))


#: A product's images: a list in the product, written back whole, read with the same keys.
IMAGES = ImageList(Resource("products", "", wrap="", suffix="", label="Product"))


# -- products -----------------------------------------------------------------------------------
#: A sale price, with its schedule (the contract's special price).
SALE = SalePrice("sale_price", "date_on_sale_from_gmt", "date_on_sale_to_gmt", avail="on_sale")


def product(p: Record, _: Mapping[str, Any] | None = None) -> Record:
    status, stock = p.get("status") or "publish", p.get("stock_status")
    brands = p.get("brands") or []
    return {
        "type": {"variable": "configurable", "grouped": "grouped", "external": "simple"}.get(
            str(p.get("type")), "simple"),
        "price": number(p.get("regular_price")) if p.get("regular_price") not in (None, "")
        else number(p.get("price")),
        "special_price": SALE.read(p),
        "categories_ids": [str(c["id"]) for c in p.get("categories") or [] if "id" in c],
        "avail_view": status == "publish" and p.get("catalog_visibility") != "hidden",
        "avail_sale": status == "publish" and p.get("purchasable", True) is not False,
        "in_stock": stock in (None, "instock", "onbackorder"),
        "u_brand": brands[0].get("name") if brands else None,
        "u_brand_id": text(brands[0].get("id")) if brands else None,
        "images": IMAGES.images(p),
        "product_options": [U.ProductOption(
            id=text(a.get("id") or a.get("name")), product_option_id=text(a.get("id")),
            name=a.get("name"), sort_order=a.get("position"), type="select",
            available=a.get("visible"), used_in_combination=a.get("variation"),
            option_items=[U.ProductOptionValue(id=str(v), name=str(v), sort_order=n)
                          for n, v in enumerate(a.get("options") or [])])
            for a in p.get("attributes") or []],
    }


def child(parent: Record, v: Record) -> Record:
    """A variation as a child item of ``parent`` (its attributes the combination)."""
    options = {str(a.get("name")): a for a in parent.get("attributes") or []}
    return {
        "parent_id": text(parent.get("id")),
        "combination": [U.ChildCombination(
            option_id=text((options.get(str(a.get("name"))) or {}).get("id") or a.get("name")),
            option_value_id=text(a.get("option"))) for a in v.get("attributes") or []],
        "images": IMAGES.images(v, "image"),
        "in_stock": v.get("stock_status") in (None, "instock", "onbackorder"),
        "allow_backorders": v.get("backorders") not in (None, "no"),
        "avail_for_sale": v.get("status") in (True, "publish") and v.get("purchasable", True),
        "name": " ".join(str(a.get("option")) for a in v.get("attributes") or []) or None,
    }


def category(c: Record, _: Mapping[str, Any] | None = None) -> Record:
    return {"parent_id": str(c.get("parent") or 0), "avail": True, "images": IMAGES.images(c, "image")}


# -- customers ----------------------------------------------------------------------------------
#: One address map for a customer's two addresses and an order's (``billing.city``...).
ADDRESS = AddressMap({**{k: k for k in ("first_name", "last_name", "company", "city", "postcode",
                                         "state", "country", "phone")},
                      "address1": "address_1", "address2": "address_2"})
BOOK = AddressBook(ADDRESS, {"billing": "billing.", "shipping": "shipping."})


def customer(c: Record, _: Mapping[str, Any] | None = None) -> Record:
    role = text(c.get("role"))
    return {"group": [U.CustomerGroup(id=role, name=role.replace("_", " ").title())] if role else [],
            "status": "enabled", "address_book": BOOK.read(c),
            "additional_fields": {"billing_email": (c.get("billing") or {}).get("email")}}


# -- orders -------------------------------------------------------------------------------------
#: WooCommerce's own order statuses (plugins add more; the API names them by slug).
STATUSES = {"pending": "Pending payment", "processing": "Processing", "on-hold": "On hold",
            "completed": "Completed", "cancelled": "Cancelled", "refunded": "Refunded",
            "failed": "Failed", "checkout-draft": "Draft"}


def _line_more(li: Mapping[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    """A line's unit price (else its subtotal shared out over its quantity), its tax a
    percentage of its total."""
    quantity = v["quantity"]
    return {"price": number(li["price"]) if li.get("price") is not None
            else (number(li.get("subtotal")) or 0) / quantity if quantity else None,
            "tax_percent": percent(number(li.get("total_tax")), v["total_price"])}


#: One order line.
LINE = Lines(U.OrderItem, (
    Field("order_product_id", "id"), Field("product_id", "product_id"),
    Field("variant_id", "variation_id", F.nonzero), Field("model", "sku"), Field("name", "name", same),
    Field("quantity", "quantity", amount), Field("total_price", "total", number)),
    kept=("subtotal", "subtotal_tax", "total_tax", "taxes", "tax_class", "meta_data"), more=_line_more)
#: The order's refunds (the REST order lists each: id, reason, negative total): its returns.
REFUND = Lines(U.OrderRefund, (Field("id", "id", str), Field("total", "total", lambda v: abs(amount(v))),
                               Field("comment", "reason")))


def order(o: Record, _: Mapping[str, Any] | None = None) -> Record:
    lines = o.get("shipping_lines") or []
    status = str(o.get("status") or "")
    return {
        "order_id": text(o.get("number")) or text(o.get("id")),
        "billing_address": ADDRESS.read(o, "billing.", "billing"),
        "shipping_address": ADDRESS.read(o, "shipping.", "shipping"),
        "payment_method": U.NamedMethod(name=text(o.get("payment_method_title"))
                                        or text(o.get("payment_method"))),
        "shipping_method": U.NamedMethod(name=lines[0].get("method_title")) if lines else None,
        "status": U.OrderStatus(id=status, name=STATUSES.get(status, status.replace("-", " ").title())),
        "totals": {"subtotal": round(sum(number(li.get("subtotal")) or 0 for li in o.get("line_items") or []), 2)},
        "order_products": LINE.read(o.get("line_items")), "refunds": REFUND.read(o.get("refunds")),
        "additional_fields": {"return_status": order_return_status(
            RETURN_STATUSES, "refunded" if o.get("refunds") else None)}, }


#: A return is a refund: made refunded (order.refund.add), final on the unified machine.
RETURN_STATUSES = ReturnStatuses("WooCommerce", {"refunded": ("Refunded", Unified.REFUNDED)},
                                 initial=frozenset({Unified.REFUNDED}))
#: Why order.return.update is refused (``kit.returns.FinalReturns``).
FINAL = ("a WooCommerce return is a refund, refunded when it is made, and the REST API has no "
         "update of a refund (orders/{id}/refunds/{refund_id} is read and deleted only)")

#: The order line a refund line gives back (its meta).
_REFUNDED = F.Entry("_refunded_item_id")


def return_(o: Record, r: Record) -> Record:
    """A refund (with the lines it gives back) as a return: WooCommerce has no return object."""
    return U.Return(
        id=str(r["id"]), order_id=text(o.get("id")), customer_id=text(o.get("customer_id")),
        created_at=text(r.get("date_created_gmt")), comment=text(r.get("reason")),
        status=U.ReturnStatus(**RETURN_STATUSES.status("refunded")),
        order_products=[U.ReturnOrderProduct(
            product_id=text(li.get("product_id")), sku=text(li.get("sku")), name=li.get("name"),
            order_product_id=text(_REFUNDED.read(li)) or text(li.get("id")),
            quantity=abs(integer(li.get("quantity")) or 0)) for li in r.get("line_items") or []],
        additional_fields=F.extras(r, ("id", "reason", "line_items", "_links")),
    ).to_wire()


# -- order.add and order.refund.add bodies ---------------------------------------------------
ORDER_WRITE = (Field(None, "status", param="order_status"), Field(None, "currency", param="currency"),
               Field(None, "payment_method_title", param="order_payment_method"),
               Field(None, "transaction_id", param="transaction_id"),
               Field(None, "customer_note", param="comment"),
               *(Field(None, f"billing.{k}", param=f"customer_{k}") for k in ("email", "phone")),
               *ADDRESS.fields("billing.", "bill_", ORDER_PARAMS),
               *ADDRESS.fields("shipping.", "shipp_", ORDER_PARAMS))
ORDER_ITEM = (Field(None, "product_id", param="order_item_id", write=int_id),
              Field(None, "variation_id", param="order_item_variant_id", write=int_id),
              Field(None, "name", param="order_item_name"), Field(None, "sku", param="order_item_model"),
              Field(None, "quantity", param="order_item_quantity", write=int),
              Field(None, "tax_class", param="order_item_tax_class"))


def order_lines(p: Mapping[str, Any], out: Record) -> None:
    """order.add's lines at the given prices, shipping, fee and coupons (by code); not update's."""
    if p.get("order_item"):
        out["line_items"] = []
        for item in p["order_item"]:
            line = body(ORDER_ITEM, item)
            if item.get("order_item_price") is not None:  # at the price given, not the catalog's
                line["subtotal"] = line["total"] = money(
                    float(item["order_item_price"]) * float(item.get("order_item_quantity") or 1))
            out["line_items"].append(line)
    if p.get("order_shipping_method") or p.get("shipping_price") is not None:
        out["shipping_lines"] = [{"method_id": "other", "method_title": p.get("order_shipping_method") or "",
                                  "total": money(p.get("shipping_price") or 0)}]
    if p.get("fee_price") is not None:
        out["fee_lines"] = [{"name": "Fee", "total": money(p["fee_price"])}]
    if p.get("coupons"):
        out["coupon_lines"] = [{"code": str(c)} for c in p["coupons"]]


def refund_body(p: Mapping[str, Any], order: Record) -> Record:
    """order.refund.add: the amount (without a total: the lines' and shipping's), the lines
    given back (restocked on ``item_restock``); ``is_online`` asks the gateway to pay it."""
    given = p.get("items") or []
    lines = shipped_lines(order.get("line_items") or [], "id", given)  # 112 for a line it lacks
    items: list[Record] = []
    for item in given:
        line = lines[str(item.get("order_product_id"))]
        quantity = int(item.get("quantity") or line.get("quantity") or 1)
        price = item.get("price") if item.get("price") is not None else line.get("price")
        items.append({"id": int(line["id"]), "quantity": quantity,
                      "refund_total": money(float(price or 0) * quantity)})
    amount = p.get("total_price")
    if amount is None:
        extra = float(p.get("shipping_price") or 0) + float(p.get("fee_price") or 0)
        amount = sum(float(i["refund_total"]) for i in items) + extra
    return {"amount": money(amount), "reason": p.get("message") or "", "line_items": items,
            "restock_items": bool(p.get("item_restock")), "api_refund": bool(p.get("is_online"))}


# -- coupons ------------------------------------------------------------------------------
#: A coupon's keys read as they are (coupons have no unified model).
_COUPON = (Field("id", "id"), Field("code", "code"), Field("description", "description"),
           Field("date_end", "date_expires_gmt", ISO.a2c), Field("used_times", "usage_count", integer),
           Field("usage_limit", "usage_limit", integer),
           Field("usage_limit_per_customer", "usage_limit_per_user", integer))


def coupon(c: Record, _: Mapping[str, Any] | None = None) -> Record:
    """A coupon: one code, one action (a percent, or a fixed amount off the cart or off each
    matching product: ``discount_type``), usable until it expires."""
    kind, moment = str(c.get("discount_type") or "fixed_cart"), ISO.parse(c.get("date_expires_gmt"))
    return {**F.unified(_COUPON, c, ("amount", "discount_type", "_links")), "custom_fields": {},
            "name": c.get("description") or c.get("code"),
            "codes": [{"id": str(c["id"]), "code": c.get("code"), "used_times": c.get("usage_count")}],
            "actions": [action(kind == "percent", c.get("amount"), each=kind == "fixed_product")],
            "avail": moment is None or moment.replace(tzinfo=UTC) > datetime.now(UTC)}


def coupon_kind(p: Mapping[str, Any], out: Record) -> None:
    """cart.coupon.add's action as WooCommerce's ``discount_type`` (it discounts no shipping)."""
    if p.get("action_apply_to") == "shipping":
        raise ApiError.invalid("action_apply_to", "order_total or item_price (WooCommerce discounts no shipping)")
    out["discount_type"] = "percent" if p.get("action_type") == "percent" else (
        "fixed_product" if per_item(p) else "fixed_cart")


# -- tax classes, shipping zones ----------------------------------------------------------
#: A tax class, named by its slug (WooCommerce's tax classes have no id), with its rates
#: when read: one country each (blank: every one), at most one state, a percentage.
TAX_CLASS = TaxClassMap("slug", "name", RateMap(
    "id", "name", "rate", "country", "state", postcodes="postcodes", cities="cities",
    extra=("priority", "compound", "shipping", "order", "class")))


# -- shipping zones ------------------------------------------------------------------------
def zone(z: Record) -> Record:
    """A shipping zone and the countries it covers (its states and postcodes kept aside)."""
    places = z["_locations"]
    return {"id": text(z.get("id")), "name": z.get("name"), "code": None,
            "country_iso2_codes": [str(p["code"]).split(":")[0] for p in places
                                   if p.get("type") in ("country", "state")],
            "additional_fields": {"order": z.get("order"), "locations": places}, "custom_fields": {}}


# -- tracking items (shipments) -------------------------------------------------------------
#: A shipped date as the Shipment Tracking extension keeps it: a Unix time, as text.
SHIPPED = Dates(unix=True)


def note(text: Any, customer: bool = False) -> Record:
    """An order note: private (the staff's), or told to the customer."""
    return {"note": str(text), "customer_note": customer}


def tracking_note(item: Mapping[str, Any]) -> str:
    """The order note telling the customer of a shipment."""
    provider = item.get("tracking_provider") or item.get("custom_tracking_provider") or "the carrier"
    note = f"Your order was shipped via {provider}. Tracking number: {item.get('tracking_number') or '-'}."
    return f"{note} {item['custom_tracking_link']}" if item.get("custom_tracking_link") else note
