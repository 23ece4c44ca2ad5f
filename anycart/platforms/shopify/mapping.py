"""Shopify's GraphQL Admin nodes <-> the unified model (contract field names): products,
variants, collections, customers and addresses as the API answers them (their ids the REST
numbers, :func:`node`); orders, fulfillments and refunds still in the Admin REST shape
:mod:`.mapping_gql` puts them in.

Shopify fields the contract has no name for stay in ``additional_fields``, in REST's names as
they always were (vendor, tags, handle, financial/fulfillment status...). Prices are strings
in Shopify and numbers here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from anycart import model as U
from anycart.platforms.kit.addresses import AddressMap
from anycart.platforms.kit.dates import ISO
from anycart.platforms.kit.fields import Field, number, same, text
from anycart.platforms.kit.lines import Lines, amount, summed

Record = dict[str, Any]
_GID = re.compile(r"^gid://shopify/\w+/(\d+)")


def legacy_id(gid: Any) -> Any:
    """``gid://shopify/Product/42`` -> ``42`` (anything else as it is)."""
    found = _GID.match(gid) if isinstance(gid, str) else None
    return int(found.group(1)) if found else gid


def rest_id(gid: Any) -> str | None:
    """A GraphQL id as the REST id's text (None for none)."""
    return text(legacy_id(gid))


def gid(kind: str, ident: Any) -> str:
    """The GraphQL id of REST id ``ident`` (``gid("Product", 42)``); a gid stays itself."""
    raw = str(ident).strip()
    return raw if raw.startswith("gid://") else f"gid://shopify/{kind}/{raw}"


def made_id(payload: Record, key: str) -> str:
    """The REST id of the record a mutation's ``payload`` answers under ``key``."""
    return str(legacy_id((payload.get(key) or {}).get("id")))


# -- products and variants (Product and ProductVariant nodes) -----------------------------------
def node(found: dict[str, Any]) -> dict[str, Any]:
    """A node as the field maps read it: GraphQL's names, its id the REST number (the gid
    kept as ``admin_graphql_api_id``)."""
    return {**found, "id": legacy_id(found["id"]), "admin_graphql_api_id": found["id"]}


#: GraphQL's WeightUnit -> the contract's ``weight_unit`` (grams in one of each).
WEIGHT_UNITS = {"KILOGRAMS": ("kg", 1000), "GRAMS": ("g", 1), "POUNDS": ("lb", 453.59237),
                "OUNCES": ("oz", 28.349523125)}


def weight(item: dict[str, Any] | None) -> dict[str, Any]:
    """An inventory item's ``measurement.weight`` as ``weight``, ``weight_unit``, ``grams``."""
    given = (((item or {}).get("measurement") or {}).get("weight")) or {}
    if given.get("value") is None:
        return {}
    unit, grams = WEIGHT_UNITS.get(str(given.get("unit")), (str(given.get("unit")).lower(), 0))
    return {"weight": given["value"], "weight_unit": unit,
            "grams": round(float(given["value"]) * grams)}


def variant(v: dict[str, Any], product_id: Any = None) -> dict[str, Any]:
    """A ProductVariant node with its weight (kept on its inventory item) beside it, its
    product's and its inventory item's ids."""
    item = v.get("inventoryItem") or {}
    return {**node(v), **weight(item), "product_id": product_id,
            "inventory_item_id": legacy_id(item.get("id"))}


def shaped(found: dict[str, Any]) -> dict[str, Any]:
    """A Product node with its variants (:func:`variant`) and images as lists."""
    p = node(found)
    return {**p, "variants": [variant(v, p["id"]) for v in (found.get("variants") or {})
                              .get("nodes") or []],
            "media": [m for m in (found.get("media") or {}).get("nodes") or [] if m.get("image")]}


def product(p: dict[str, Any], _: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """What a product takes from its first variant, its images and options (what else it
    says in ``additional_fields`` in REST's names)."""
    variants = p.get("variants") or []
    first = variants[0] if variants else {}
    # a GraphQL list brings the first variant only, with the product's stock and count
    quantity = p["totalInventory"] if p.get("totalInventory") is not None else sum(
        v.get("inventoryQuantity") or 0 for v in variants)
    counted = (p.get("variantsCount") or {}).get("count") or len(variants)
    status = str(p.get("status") or "active").lower()
    price, compare = number(first.get("price")), number(first.get("compareAtPrice"))
    return {
        "type": "configurable" if counted > 1 else "simple", "u_sku": text(first.get("sku")),
        "price": price, "quantity": quantity, "u_gtin": text(first.get("barcode")),
        "avail_view": status == "active" and bool(p.get("publishedAt")),
        "avail_sale": status == "active", "weight": number(first.get("weight")),
        "weight_unit": first.get("weight_unit"), "in_stock": quantity > 0,
        "on_sale": compare is not None and compare > (price or 0),
        "images": [U.Image(id=text(legacy_id(m.get("id"))), http_path=m["image"].get("url"),
                         alt=m.get("alt"), sort_order=n, type="base" if n == 1 else "additional")
                   for n, m in enumerate(p.get("media") or [], 1)],
        "product_options": [U.ProductOption(
            id=text(legacy_id(o.get("id"))), product_option_id=text(legacy_id(o.get("id"))),
            name=o.get("name"), sort_order=o.get("position"), type="select", required=True,
            used_in_combination=True,
            option_items=[U.ProductOptionValue(id=str(v), name=str(v), sort_order=n)
                          for n, v in enumerate(o.get("values") or [])])
            for o in p.get("options") or []],
        "additional_fields": {"variants_count": counted, "status": status,
                              "product_type": p.get("productType"),
                              "published_at": p.get("publishedAt"),
                              "tags": ", ".join(p.get("tags") or []),
                              "total_inventory": p.get("totalInventory")},
    }


def child(v: dict[str, Any], context: Mapping[str, Any]) -> dict[str, Any]:
    """A variant's options and stock flags (its product in ``context["parent"]``)."""
    p = context["parent"]
    options = p.get("options") or []
    chosen = [o.get("value") for o in v.get("selectedOptions") or []][:3]
    return {"parent_id": str(p["id"]),
            "combination": [U.ChildCombination(
                option_id=text(legacy_id(options[i].get("id"))) if i < len(options) else None,
                option_value_id=text(value)) for i, value in enumerate(chosen) if value],
            "in_stock": (v.get("inventoryQuantity") or 0) > 0,
            "manage_stock": bool((v.get("inventoryItem") or {}).get("tracked")),
            "allow_backorders": v.get("inventoryPolicy") == "CONTINUE"}


# -- categories (collections: Collection nodes) -------------------------------------------------
#: The publication a collection's ``avail`` is read from.
ONLINE_STORE = "Online Store"


def category(c: dict[str, Any], _: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """``avail``: published on the Online Store; a collection with rules is a smart one."""
    image, on = c.get("image") or {}, (c.get("resourcePublications") or {}).get("nodes") or []
    return {"parent_id": "0",
            "avail": any(p.get("isPublished") and (p.get("publication") or {}).get("name")
                         == ONLINE_STORE for p in on),
            "images": [U.Image(http_path=image.get("url"), alt=image.get("altText"), type="base")]
            if image else [],
            "additional_fields": {"collection_type": "custom" if c.get("ruleSet") is None
                                  else "smart"}}


# -- customers (Customer nodes; orders' addresses are MailingAddress nodes too) ----------------
#: One map for an address read (customers' books, orders) and written (customer.address.add:
#: MailingAddressInput's names, but ``countryCode``).
ADDRESS = AddressMap({**{n: n for n in ("company", "address1", "address2", "city", "phone")},
                      "first_name": "firstName", "last_name": "lastName", "postcode": "zip",
                      "state": "provinceCode", "country": "countryCodeV2"},
                     names={"state": "province", "country": "country"}, id_key="id",
                     default_key="default")


def address(a: dict[str, Any] | None, kind: str, home: Any = None) -> U.Address | None:
    """``a`` with its REST id; the default one if it is ``home`` (the default's id)."""
    ident = legacy_id((a or {}).get("id"))
    return ADDRESS.read({**a, "id": ident, "default": ident is not None and ident == home},
                        "", kind) if a else None


#: What makes two Shopify addresses the same place.
_PLACE = ("firstName", "lastName", "company", "address1", "address2", "city", "zip",
          "provinceCode", "countryCodeV2")


def _order_address(a: dict[str, Any] | None, kind: str,
                   cust: dict[str, Any]) -> dict[str, Any] | None:
    """An order's address. Shopify gives it no id: when it is the customer's default address,
    that address's id (and ``default``); else ``"0"``, no address of the customer."""
    out = address(a, kind)
    if out is None or a is None:
        return None
    home = cust.get("defaultAddress") or {}
    at_home = bool(home) and all((home.get(k) or "") == (a.get(k) or "") for k in _PLACE)
    return {**out.model_dump(), "id": text(legacy_id(home.get("id"))) if at_home else "0",
            "default": at_home}


def customer(c: dict[str, Any], _: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Its book (the default address marked), consent and state; its tags joined, as REST's."""
    home = c.get("defaultAddress") or {}
    book = [address(a, "shipping", legacy_id(home.get("id"))) for a in c.get("addresses") or []]
    consent, state = c.get("emailMarketingConsent"), c.get("state")
    state = str(state).lower() if state is not None else None
    return {"company": home.get("company"),
            "status": "enabled" if state in (None, "enabled", "invited") else "disabled",
            "news_letter_subscription": consent.get("marketingState") == "SUBSCRIBED"
            if consent else None,
            "address_book": [a for a in book if a is not None],
            "additional_fields": {"state": state, "tags": ", ".join(c.get("tags") or [])}}


# -- orders ------------------------------------------------------------------------------------
def _status(o: dict[str, Any]) -> U.OrderStatus:
    status = "cancelled" if o.get("cancelled_at") else "closed" if o.get("closed_at") else "open"
    return U.OrderStatus(id=status, name=status.capitalize())


def _line_more(li: Mapping[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    """A line's name (else its title), its total after its discount allocations, its tax
    rates summed as a percentage (0.06 is 6), its weight's unit (grams, when it has one)."""
    return {"name": li.get("name") or li.get("title"),
            "total_price": round(v["price"] * v["quantity"] - v["discount_amount"], 2),
            "tax_percent": round(sum(number(t.get("rate")) or 0
                                     for t in li.get("tax_lines") or []) * 100, 4),
            "weight_unit": "g" if li.get("grams") is not None else None}


#: One order line: its unit price, its discount allocations and taxes summed.
LINE = Lines(U.OrderItem, (
    Field("order_product_id", "id"), Field("product_id", "product_id"),
    Field("variant_id", "variant_id"), Field("model", "sku"), Field("price", "price", amount),
    Field("quantity", "quantity", amount),
    Field("discount_amount", "discount_allocations", summed("amount")),
    Field("tax_value", "tax_lines", summed("price")), Field("weight", "grams", number)),
    more=_line_more)


def order(o: dict[str, Any], _: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Totals in the shop's currency (the money bags' ``shop_money``, which REST's plain
    amounts are); what the buyer saw, in the currency they paid in, in ``additional_fields``
    with ``return_status`` (the FAQ's field: ``no_return``...; a REST push has none)."""
    cust, side = o.get("customer") or {}, (o.get("total_price_set") or {}).get(
        "presentment_money") or {}
    lines = o.get("shipping_lines") or []
    total, tax = number(o.get("total_price")), number(o.get("total_tax"))
    subtotal, discount = number(o.get("subtotal_price")), number(o.get("total_discounts"))
    shipping = summed("price")(lines)
    return {
        "order_id": str(o.get("order_number") or o["id"]),
        # a guest's order has no customer: id "0", as the carts that store guests say it
        "customer": U.BaseCustomer(id=text(cust.get("id")) or "0",
                                 email=o.get("email") or cust.get("email"),
                                 first_name=cust.get("first_name"),
                                 last_name=cust.get("last_name"),
                                 phone=o.get("phone") or cust.get("phone")),
        "currency": U.Currency(id=o.get("currency"), iso3=o.get("currency")),
        "billing_address": _order_address(o.get("billing_address"), "billing", cust),
        "shipping_address": _order_address(o.get("shipping_address"), "shipping", cust),
        "payment_method": U.NamedMethod(name=", ".join(o.get("payment_gateway_names") or [])
                                      or None),
        "shipping_method": U.NamedMethod(name=lines[0].get("title")) if lines else None,
        "status": _status(o),
        "totals": U.OrderTotals(total=total, subtotal=subtotal, shipping=shipping, tax=tax,
                                discount=discount),
        "total": U.OrderTotal(
            subtotal_ex_tax=round((subtotal or 0) - (tax or 0), 2) if o.get("taxes_included")
            else subtotal, shipping_ex_tax=shipping, total_discount=discount, total_tax=tax,
            total=total, total_paid=None if o.get("total_outstanding") is None
            else round((total or 0) - (number(o["total_outstanding"]) or 0), 2)),
        "discounts": [U.OrderDiscount(code=d.get("code"), value=number(d.get("amount")),
                                      type=d.get("type")) for d in o.get("discount_codes") or []],
        "order_products": LINE.read(o.get("line_items")),
        # the rest (processed_at, note_attributes, name, statuses...) is there as unread keys
        "additional_fields": {
            "presentment_currency": o.get("presentment_currency") or side.get("currency_code"),
            "presentment_total": number(side.get("amount")),
            **({"return_status": str(o["return_status"]).lower()} if o.get("return_status")
               else {})},
    }


def _tracking(f: Mapping[str, Any], _: dict[str, Any]) -> dict[str, Any]:
    return {"tracking_numbers": [U.TrackingNumber(carrier_id=f.get("tracking_company"),
                                                  tracking_number=n)
                                 for n in f.get("tracking_numbers") or []]}


#: A fulfillment (REST's shape, its order's id beside it: :func:`.mapping_gql.fulfillment`)
#: as a shipment, with the lines it ships.
SHIPMENT = Lines(U.Shipment, (
    Field("id", "id", str), Field("order_id", "order_id", str), Field("name", "name", same),
    Field("shipment_provider", "tracking_company", same),
    Field("created_at", "created_at", ISO.a2c), Field("modified_time", "updated_at", ISO.a2c),
    Field("items", "line_items", Lines(U.ShipmentItem, (
        Field("order_product_id", "id"), Field("product_id", "product_id"),
        Field("name", "name", same), Field("quantity", "quantity", number))).read),
    Field("is_shipped", "status", lambda status: status == "success")),
    kept=("status", "tracking_urls"), more=_tracking)


def carrier_service(s: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(s["id"]), "name": s.get("name"), "callback": s.get("callbackUrl"),
            "additional_fields": {"active": s.get("active")}}
