"""Magento 2 REST records <-> the unified model: what a field map cannot say.

Most values of products, categories and customers are EAV ``custom_attributes`` (``[{
"attribute_code", "value"}]``), which the backend reads and writes as one object by code
(:data:`ATTRIBUTES`), so field maps name them by path (``custom_attributes.url_key``). Dates
are ``Y-m-d H:i:s`` in UTC; images are ``media_gallery_entries`` under ``media/catalog/product``.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from typing import Any

from anycart import model as U
from anycart.errors import ApiError
from anycart.platforms.kit import fields as F
from anycart.platforms.kit.addresses import AddressMap
from anycart.platforms.kit.dates import Dates
from anycart.platforms.kit.fields import Entries, choice, converted, int_id, integer, number, text
from anycart.platforms.kit.prices import SalePrice
from anycart.platforms.kit.returns import ReturnStatuses, Unified, order_return_status
from anycart.platforms.kit.shipments import left_to_ship, shipped_lines, tracking_numbers
from anycart.platforms.overlap import carrier

Record = dict[str, Any]

#: EAV values, read and written by code (``custom_attributes.url_key``).
ATTRIBUTES = Entries("custom_attributes", "attribute_code")
#: Magento's dates: ``2024-01-02 03:04:05``, UTC.
DATES = Dates(formats=("%Y-%m-%d %H:%M:%S",), query_format="%Y-%m-%d %H:%M:%S")
#: Magento's product visibility (1 not visible individually, 2 catalog, 3 search, 4 both).
VISIBILITY = {"nowhere": 1, "catalog": 2, "search": 3, "everywhere": 4}
#: Magento's product types; the contract's ``type`` names them the same, ``simple`` first.
TYPES = ("simple", "configurable", "virtual", "downloadable", "bundle", "grouped")
#: Magento's own order statuses (``sales_order_status``; merchants may add more).
STATUSES = {"pending": "Pending", "pending_payment": "Pending Payment",
            "payment_review": "Payment Review", "processing": "Processing",
            "fraud": "Suspected Fraud", "holded": "On Hold", "complete": "Complete",
            "closed": "Closed", "canceled": "Canceled"}
#: Adobe Commerce's RMA statuses (``Magento\\Rma\\Model\\Rma\\Source\\Status``, *unconfirmed*:
#: the published schema types ``status`` as a string only; the names are the admin's).
RMA = ReturnStatuses("Magento", {
    "pending": ("Pending", Unified.REQUESTED), "authorized": ("Authorized", Unified.APPROVED),
    "partially_authorized": ("Partially Authorized", Unified.APPROVED),
    "received": ("Return Received", Unified.RECEIVED),
    "received_on_item": ("Return Partially Received", Unified.RECEIVED),
    "approved_on_item": ("Partially Approved", Unified.RECEIVED),
    "rejected_on_item": ("Partially Rejected", Unified.RECEIVED),
    "rejected": ("Rejected", Unified.DECLINED), "closed": ("Closed", Unified.CLOSED),
    "processed_closed": ("Processed and Closed", Unified.CLOSED)},
    refused={(Unified.CLOSED, Unified.APPROVED): "a closed Magento RMA is not reopened"})
#: What a product's and an order's own hooks read (not additional fields).
PRODUCT_READ = frozenset({"status", "visibility", "type_id", "media_gallery_entries"})
ORDER_READ = frozenset({"increment_id", "customer_is_guest", "billing_address", "items", "payment",
                        "status"})


def custom(record: Mapping[str, Any]) -> Record:
    """A record's custom attributes by code (the backend has made them one object)."""
    found = record.get("custom_attributes")
    return dict(found) if isinstance(found, Mapping) else {}


def flag(v: Any) -> bool | None:
    """Magento's ``"1"``/``"0"``/true/false as a flag."""
    return None if v in (None, "") else str(v).lower() not in ("0", "false")


# -- products -----------------------------------------------------------------------------
def images(p: Mapping[str, Any], ctx: Mapping[str, Any]) -> list[U.Image]:
    """The product's gallery: the base image (type ``image``) first, as Magento shows it."""
    media = str(ctx.get("media") or "")
    out = []
    for e in sorted(p.get("media_gallery_entries") or [],
                    key=lambda e: ("image" not in (e.get("types") or []), e.get("position") or 0)):
        file = str(e.get("file") or "")
        types = e.get("types") or []
        out.append(U.Image(id=text(e.get("id")), http_path=media + file if file else None,
                           file_name=file.rsplit("/", 1)[-1] or None, alt=text(e.get("label")),
                           sort_order=integer(e.get("position")), avail=not e.get("disabled"),
                           type=next((k for k, roles in ROLES.items() if set(roles) & set(types)),
                                     "additional"),
                           additional_fields={"types": types, "media_type": e.get("media_type")}))
    return out


def options(p: Mapping[str, Any]) -> list[U.ProductOption]:
    """A configurable product's options (``configurable_product_options``: attribute ids and
    the option ids of their values) and its custom options (``options``)."""
    out = [U.ProductOption(
        id=text(o.get("attribute_id")), product_option_id=text(o.get("id")), name=o.get("label"),
        sort_order=o.get("position"), type="select", used_in_combination=True,
        option_items=[U.ProductOptionValue(id=text(v.get("value_index")), name=text(v.get("value_index")))
                      for v in o.get("values") or []])
        for o in F.get(p, "extension_attributes.configurable_product_options") or []]
    out += [U.ProductOption(
        id=text(o.get("option_id")), product_option_id=text(o.get("option_id")), name=o.get("title"),
        sort_order=o.get("sort_order"), type=o.get("type"), required=bool(o.get("is_require")),
        used_in_combination=False,
        option_items=[U.ProductOptionValue(id=text(v.get("option_type_id")), name=v.get("title"),
                                           sort_order=v.get("sort_order"), price=number(v.get("price")),
                                           sku=text(v.get("sku")), type_price=v.get("price_type"))
                      for v in o.get("values") or []])
        for o in p.get("options") or []]
    return out


#: A special price and its window, custom attributes.
SPECIAL = SalePrice("custom_attributes.special_price", "custom_attributes.special_from_date",
                    "custom_attributes.special_to_date", DATES)


def product(p: Record, ctx: Mapping[str, Any]) -> Record:
    visibility, enabled = integer(p.get("visibility")), integer(p.get("status")) == 1
    return {"type": p.get("type_id") if p.get("type_id") in TYPES else "simple",
            "avail_view": enabled and visibility != 1, "avail_sale": enabled,
            "is_virtual": p.get("type_id") == "virtual",
            "is_downloadable": p.get("type_id") == "downloadable",
            "special_price": SPECIAL.read(p), "images": images(p, ctx), "product_options": options(p),
            # Magento's default URL suffix (``catalog/seo/product_url_suffix``)
            "url": f"{ctx['site']}/{key}.html" if (key := custom(p).get("url_key")) and ctx.get("site") else None,
            "additional_fields": {"custom_attributes": custom(p),
                                  "visibility": visibility, "status": p.get("status")}}


def child(c: Record, ctx: Mapping[str, Any]) -> Record:
    """What a child item's fields cannot read: its value of each of its parent's options is
    the one of its custom attributes among the option's value ids (option ids are unique
    across attributes); its images under the parent's media folder (``_media``)."""
    parent, values = ctx["parent"], {str(v) for v in custom(c).values()}
    combination = [U.ChildCombination(option_id=text(o.get("attribute_id")),
                                      option_value_id=next(iter(sorted(ids & values)), None))
                   for o in F.get(parent, "extension_attributes.configurable_product_options") or []
                   if (ids := {str(v.get("value_index")) for v in o.get("values") or []})]
    return {"parent_id": text(parent.get("id")), "combination": combination,
            "images": images(c, {"media": parent.get("_media")}),
            "additional_fields": {"custom_attributes": custom(c)}}


def category_links(v: Any) -> list[Record]:
    """``categories_ids`` as a product's ``category_links``."""
    return [{"category_id": i.strip(), "position": 0} for i in str(v).split(",") if i.strip()]


# -- categories ---------------------------------------------------------------------------
def category(c: Record, _: Mapping[str, Any]) -> Record:
    return {"additional_fields": {"custom_attributes": custom(c)}}


# -- customers ----------------------------------------------------------------------------
#: One address map for a customer's address and an order's (read from :func:`flat`).
ADDRESS = AddressMap({"first_name": "firstname", "last_name": "lastname", "company": "company",
                      "address1": "_street1", "address2": "_street2", "city": "city",
                      "postcode": "postcode", "state": "_region", "country": "country_id",
                      "phone": "telephone", "fax": "fax", "tax_id": "vat_id"}, default=False)
#: customer.address.add's parameters as a Magento address (the street lines apart).
ADDRESS_WRITE = tuple(f for f in ADDRESS.fields("") if not f.path.startswith("_"))


def flat(a: Mapping[str, Any]) -> Record:
    """An address with its street lines and its region's code as keys of their own (a
    customer's region is an object, an order's a name beside ``region_code``)."""
    lines = [str(s) for s in a.get("street") or []]
    r = a.get("region")
    code = r.get("region_code") or r.get("region") if isinstance(r, Mapping) else a.get("region_code") or r
    return {**a, "_street1": lines[0] if lines else None, "_street2": " ".join(lines[1:]) or None,
            "_region": code}


def address(a: Mapping[str, Any], kind: str) -> U.Address | None:
    found = ADDRESS.read(flat(a), "", kind, text(a.get("id") or a.get("entity_id")))
    if found is not None:
        # the contract's ``default`` is a boolean: an order's address is no customer's default
        found.default = bool(a.get("default_billing") or a.get("default_shipping"))
    return found


def customer(c: Record, _: Mapping[str, Any]) -> Record:
    book = [b for a in c.get("addresses") or [] if (b := address(a, "shipping" if a.get(
        "default_shipping") and not a.get("default_billing") else "billing"))]
    group = text(c.get("group_id"))
    first = (c.get("addresses") or [{}])[0]
    return {"group": [U.CustomerGroup(id=group)] if group else [], "status": "enabled",
            "address_book": book, "phone": text(first.get("telephone")),
            "company": text(first.get("company")), "stores_ids": [str(c["store_id"])] if "store_id" in c else [],
            "gender": {1: "male", 2: "female"}.get(integer(c.get("gender")) or 0),
            "additional_fields": {"custom_attributes": custom(c)}}


# -- orders -------------------------------------------------------------------------------
def _line(li: Record, children: Mapping[Any, Record]) -> U.OrderItem:
    kid = children.get(li.get("item_id")) or {}
    return U.OrderItem(
        order_product_id=text(li.get("item_id")), product_id=text(li.get("product_id")),
        variant_id=text(kid.get("product_id")), model=text(li.get("sku")), name=li.get("name"),
        quantity=number(li.get("qty_ordered")) or 0, price=number(li.get("price")),
        price_inc_tax=number(li.get("price_incl_tax")), total_price=number(li.get("row_total")),
        tax_percent=number(li.get("tax_percent")), tax_value=number(li.get("tax_amount")),
        discount_amount=number(li.get("discount_amount")), weight=number(li.get("weight")),
        additional_fields={k: li[k] for k in ("product_type", "qty_shipped", "qty_invoiced",
                                              "qty_refunded", "qty_canceled") if k in li})


def order(o: Record, ctx: Mapping[str, Any]) -> Record:
    """What the order's field map cannot read: its top lines (a configurable's child line
    gives its variant id), the shipping address of its first shipping assignment, its credit
    memos (``ctx["memos"]``) and its latest RMA's state (``ctx["rmas"]``, by order)."""
    items = o.get("items") or []
    children = {li.get("parent_item_id"): li for li in items if li.get("parent_item_id")}
    status = str(o.get("status") or "")
    ship = next((a for s in F.get(o, "extension_attributes.shipping_assignments") or []
                 if (a := F.get(s, "shipping.address"))), None)
    payment = o.get("payment") or {}
    info = payment.get("additional_information") or []
    latest = (ctx.get("rmas") or {}).get(str(o.get("entity_id"))) or {}
    return {
        "order_id": text(o.get("increment_id")) or text(o.get("entity_id")),
        "billing_address": address(o["billing_address"], "billing") if o.get("billing_address") else None,
        "shipping_address": address(ship, "shipping") if ship else None,
        "payment_method": U.NamedMethod(name=text(info[0]) if info else text(payment.get("method"))),
        "status": U.OrderStatus(id=status, name=STATUSES.get(status, status.replace("_", " ").title())),
        "order_products": [_line(li, children) for li in items if not li.get("parent_item_id")],
        "refunds": refunds(o, ctx.get("memos") or {}),
        "additional_fields": {"return_status": order_return_status(RMA, latest.get("status"))},
    }


def shipment(s: Record, _: Mapping[str, Any]) -> Record:
    """A shipment's tracks (``title`` is the carrier's name, ``carrier_code`` its code) and lines."""
    tracks = s.get("tracks") or []
    return {"shipment_provider": text(tracks[0].get("title") or tracks[0].get("carrier_code")) if tracks else None,
            "tracking_numbers": [U.TrackingNumber(tracking_number=text(t.get("track_number")),
                                                  carrier_id=text(t.get("carrier_code"))) for t in tracks],
            "items": [U.ShipmentItem(order_product_id=text(i.get("order_item_id")),
                                     product_id=text(i.get("product_id")), model=text(i.get("sku")),
                                     name=i.get("name"), quantity=number(i.get("qty")))
                      for i in s.get("items") or []], "is_shipped": True}


def refunds(o: Record, memos: Mapping[str, Record]) -> list[U.OrderRefund]:
    """The order's credit memos (what a refund makes) among ``memos``."""
    return [U.OrderRefund(id=str(m.get("entity_id")), total=number(m.get("grand_total")),
                          shipping=number(m.get("shipping_amount")), fee=number(m.get("adjustment")),
                          tax=number(m.get("tax_amount")), modified_time=DATES.a2c(m.get("updated_at")),
                          comment=text((m.get("comments") or [{}])[0].get("comment")),
                          items=[U.RefundItem(product_id=text(i.get("product_id")), qty=number(i.get("qty")),
                                              order_product_id=text(i.get("order_item_id")),
                                              refund=number(i.get("row_total")))
                                 for i in m.get("items") or [] if number(i.get("qty"))])
            for m in memos.values() if m.get("order_id") == o.get("entity_id")]


# -- action bodies (order/{id}/ship, order/{id}/refund, shipment/track, products/{sku}/media) ----
def _lines(params: Mapping[str, Any], order: Mapping[str, Any]) -> list[Record]:
    given = params.get("items") or []
    shipped_lines(order.get("items") or [], "item_id", given)  # 112 for a line the order lacks
    return [{"order_item_id": int_id(i["order_product_id"]), "qty": float(i.get("quantity") or 1)}
            for i in given]


def _comment(text: Any) -> Record:
    return {"appendComment": True, "comment": {"comment": str(text), "is_visible_on_front": 0}} \
        if text else {}


def ship(params: Mapping[str, Any], order: Record) -> Record:
    """The lines given (Magento ships every line left when none is), each tracking number a
    track of the carrier named."""
    title = carrier(params, "shipment_provider", "tracking_provider") or "Custom"
    # Magento counts each line's qty_shipped and ships no more (API2Cart's 113 and 107)
    shippable = [i for i in order.get("items") or [] if i.get("parent_item_id") is None]
    left_to_ship(shippable, "item_id", "qty_ordered", "qty_shipped", params.get("items") or [])
    return {"items": _lines(params, order), "notify": bool(params.get("send_notifications")),
            "tracks": [{"track_number": n, "title": title, "carrier_code": "custom"}
                       for n in tracking_numbers(params)], **_comment(params.get("admin_comment"))}


def track(params: Mapping[str, Any], shipment: Record) -> Record:
    """A track added to a shipment of the order named (112 for one of another order)."""
    if str(params.get("order_id")) != str(shipment.get("order_id")):
        raise ApiError.not_found("Shipment", params.get("shipment_id"))
    return {"entity": {"order_id": shipment["order_id"], "parent_id": shipment["entity_id"],
                       "track_number": str(params.get("tracking_number") or ""), "weight": 0,
                       "qty": 0, "description": "", "carrier_code": "custom",
                       "title": carrier(params, "tracking_provider", "carrier_id") or "Custom"}}


def refund(params: Mapping[str, Any], order: Record) -> Record:
    """A credit memo of the lines given (back in stock with ``item_restock``), the shipping and
    fee refunded beside them; offline (an online refund is of an invoice: ``is_online`` 109)."""
    items = _lines(params, order)
    arguments: Record = {"shipping_amount": float(params.get("shipping_price") or 0),
                         "adjustment_positive": float(params.get("fee_price") or 0),
                         "adjustment_negative": 0}
    if params.get("item_restock"):
        arguments["extension_attributes"] = {"return_to_stock_items": [i["order_item_id"] for i in items]}
    return {"items": items, "notify": bool(params.get("send_notifications")), "arguments": arguments,
            **_comment(params.get("message"))}


#: The contract's image types as Magento's image roles.
ROLES = {"base": ["image"], "small": ["small_image"], "thumbnail": ["thumbnail"], "additional": []}


def image(params: Mapping[str, Any], _: Record) -> Record:
    """A gallery entry of base64 ``content`` (Magento's media API fetches no URL)."""
    name = str(params.get("image_name") or "")
    if not params.get("content"):
        raise ApiError.required("content")
    return {"entry": {"media_type": "image", "label": params.get("label") or "", "disabled": False,
                      "position": int(params.get("position") or 0),
                      "types": converted("type", params.get("type") or "additional", choice(ROLES)),
                      "content": {"base64_encoded_data": params["content"], "name": name,
                                  "type": params.get("mime") or mimetypes.guess_type(name)[0] or "image/jpeg"}}}
