"""BigCommerce records <-> the unified model: what a field map cannot say.

v3 dates are ISO 8601, v2's RFC 2822 (``Tue, 20 Nov 2012 00:00:00 +0000``); v2 amounts are
text, v3's numbers. Every key the contract has no name for stays in ``additional_fields``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart import model as U
from anycart.errors import ApiError
from anycart.platforms.kit import fields as F
from anycart.platforms.kit.addresses import AddressMap
from anycart.platforms.kit.dates import ISO, Dates
from anycart.platforms.kit.fields import Field, integer, nonzero, number, same, text
from anycart.platforms.kit.lines import Lines, amount, percent
from anycart.platforms.kit.shipments import tracking_numbers
from anycart.platforms.overlap import carrier

Record = dict[str, Any]

#: v2's dates (RFC 2822); ISO 8601 read too.
RFC = Dates(formats=("%a, %d %b %Y %H:%M:%S %z",))

#: Keys the hooks read and the unified record shows no more (the others stay additional).
PRODUCT_READ = frozenset({"variants", "images", "custom_fields", "options", "brand_id",
                          "meta_keywords", "related_products", "primary_image"})
VARIANT_READ = frozenset({"image_url", "purchasing_disabled"})
CATEGORY_READ = frozenset({"image_url", "meta_keywords"})
CUSTOMER_READ = frozenset({"addresses", "customer_group_id", "notes", "authentication"})
ORDER_READ = frozenset({"status", "status_id", "products", "shipping_addresses", "coupons", "_ship_to"})

#: The contract's product ``type`` as BigCommerce's (a virtual product is ``digital``).
TYPE = F.choice({"physical": "physical", "simple": "physical", "digital": "digital",
                 "virtual": "digital", "downloadable": "digital"}, str.lower)
CONDITION = F.choice({"new": "New", "used": "Used", "refurbished": "Refurbished"}, str.lower)


def visible(v: Any) -> bool:
    """``available_for_view`` (a flag) or ``visible`` (``everywhere``/``nowhere``...)."""
    return v is True or str(v).lower() not in ("false", "0", "nowhere", "")


def words(v: Any) -> list[str]:
    """Comma-separated keywords as the list BigCommerce keeps."""
    return [w.strip() for w in (v if isinstance(v, list) else str(v).split(",")) if str(w).strip()]


def url_path(v: Any) -> str:
    """An SEO URL as the store path BigCommerce keeps (``/blue-shirt/``)."""
    return "/" + str(v).strip().strip("/") + "/"


def ids(v: Any) -> list[int]:
    """A comma-separated id list as BigCommerce's list of numbers (109 for another)."""
    return [F.int_id(i.strip()) for i in str(v).split(",") if i.strip()]


def option_values(attributes: Any, product: Mapping[str, Any]) -> Any:
    """product.variant.add's attributes as a variant's option values: the option's name and
    the value's label, with the ids of the product's option and value they name (case aside);
    109 naming ``attributes`` for another shape, or for a value the product's options lack."""
    if attributes is None:
        return None
    if not isinstance(attributes, list) or not all(
            isinstance(a, Mapping) and a.get("attribute_name") and a.get("attribute_value") for a in attributes):
        raise ApiError.invalid("attributes")
    options = {str(o.get("display_name")).casefold(): o for o in product.get("options") or []}
    out = []
    for a in attributes:
        name, label = str(a["attribute_name"]), str(a["attribute_value"])
        option = options.get(name.casefold()) or {}
        value = next((v for v in option.get("option_values") or []
                      if str(v.get("label")).casefold() == label.casefold()), None)
        if value is None:
            raise ApiError.invalid("attributes", f"option values of the product's options ({name} "
                                   f"{label} is not one)")
        out.append({"option_display_name": name, "label": label, "id": value["id"],
                    "option_id": option["id"]})
    return out


# -- catalog ----------------------------------------------------------------------------------
#: A product's image at its largest URL (the thumbnail is the base one).
IMAGE = Lines(U.Image, (Field("id", "id"), Field("file_name", "image_file"), Field("alt", "description"),
                        Field("sort_order", "sort_order", integer),
                        Field("modified_at", "date_modified", ISO.a2c)),
              more=lambda i, v: {"type": "base" if i.get("is_thumbnail") else "additional", "http_path": text(
                  i.get("url_zoom") or i.get("url_standard") or i.get("image_url"))})
#: A product's options, each used in its variants, and their values.
OPTION = Lines(U.ProductOption, (
    Field("id", "id"), Field("product_option_id", "id"), Field("sort_order", "sort_order", integer),
    Field("type", "type"), Field("option_items", "option_values", Lines(U.ProductOptionValue, (
        Field("id", "id"), Field("product_option_item_id", "id"), Field("name", "label", same),
        Field("sort_order", "sort_order", integer), Field("is_default", "is_default", same))).read)),
    more=lambda o, v: {"name": o.get("display_name") or o.get("name"), "used_in_combination": True})


#: product.image.update's label, position and type (``base``: the thumbnail; "" none).
IMAGE_WRITE = (Field(None, "description", param="label", write=str),
               Field(None, "sort_order", param="position", write=int),
               Field(None, "is_thumbnail", param="type",
                     write=F.choice({"base": True, "additional": False, "": None})))


def product(p: Record, ctx: Mapping[str, Any]) -> Record:
    brand = text(p.get("brand_id")) if p.get("brand_id") else None
    sale, price = number(p.get("sale_price")), number(p.get("price"))
    tracked = p.get("inventory_tracking") not in (None, "none")
    level = number(p.get("inventory_level")) or 0
    url = (p.get("custom_url") or {}).get("url")
    return {
        "type": "configurable" if len(p.get("variants") or []) > 1 else "simple",
        "special_price": U.SpecialPrice(value=sale) if sale and price and sale < price else None,
        "u_brand_id": brand, "u_brand": (ctx.get("brands") or {}).get(brand) if brand else None,
        "avail_sale": p.get("availability", "available") != "disabled",
        "in_stock": not tracked or level > 0, "is_stock_managed": tracked,
        "manage_stock": "yes" if tracked else "no",
        "is_virtual": p.get("type") == "digital",
        "seo_url": str(url).strip("/") if url else None, "url": text(url),
        "meta_keywords": ",".join(p.get("meta_keywords") or []) or None,
        "related_products_ids": [str(r) for r in p.get("related_products") or [] if r != -1],
        "images": IMAGE.read(sorted(p.get("images") or [],
                                    key=lambda i: (not i.get("is_thumbnail"), i.get("sort_order") or 0))),
        "product_options": OPTION.read(p.get("options")),
        "custom_fields": {str(c.get("name")): c.get("value") for c in p.get("custom_fields") or []},
    }


def child(v: Record, _: Mapping[str, Any] | None = None) -> Record:
    values = v.get("option_values") or []
    return {
        "combination": [U.ChildCombination(option_id=text(o.get("option_id")),
                                           option_value_id=text(o.get("id"))) for o in values],
        "name": " ".join(str(o.get("label")) for o in values) or None,
        "images": [U.Image(id=text(v.get("id")), http_path=v["image_url"], type="base")]
        if v.get("image_url") else [],
        "avail_for_sale": not v.get("purchasing_disabled"),
        "in_stock": (number(v.get("inventory_level")) or 0) > 0,
    }


def category(c: Record, _: Mapping[str, Any] | None = None) -> Record:
    url = (c.get("custom_url") or {}).get("url")
    return {"seo_url": str(url).strip("/") if url else None,
            "keywords": ",".join(c.get("meta_keywords") or []) or None,
            "images": [U.Image(id=text(c.get("id")), http_path=c["image_url"], type="base")]
            if c.get("image_url") else []}


#: A brand's keys, read as a plain record (``product.brand.list`` has no unified model) and
#: written by ``product.manufacturer.add``.
BRAND = (Field("id", "id"), Field("name", "name", param="manufacturer"),
         Field("meta_title", "page_title", param="meta_title"),
         Field("meta_description", "meta_description", param="meta_description"),
         Field("image", "image_url", param="image_url"),
         Field(None, "search_keywords", param="search_keywords"),
         Field(None, "custom_url.url", param="seo_url", write=url_path))


def brand(b: Record, _: Mapping[str, Any] | None = None) -> Record:
    return {**F.unified(BRAND, b, ("custom_url", "meta_keywords")),
            "seo_url": text(((b.get("custom_url") or {}).get("url") or "").strip("/")) or None}


# -- customers ---------------------------------------------------------------------------------
#: A v3 customer address and a v2 order's billing and shipping addresses. BigCommerce marks
#: no address of a customer's as the default; the contract's ``default`` is a boolean, not null.
ADDRESS = AddressMap({**{k: k for k in ("first_name", "last_name", "company", "address1", "address2",
                                         "city")}, "postcode": "postal_code", "state": "state_or_province",
                      "country": "country_code", "phone": "phone"}, default=False, id_key="id")
ORDER_ADDRESS = AddressMap({**ADDRESS.keys, "address1": "street_1", "address2": "street_2",
                            "postcode": "zip", "state": "state", "country": "country_iso2"},
                           names={"country": "country"}, id_key="id")
#: customer.address.add's parameters (``customer_id`` names the customer).
ADDRESS_WRITE = (*ADDRESS.fields(""), Field(None, "customer_id", param="customer_id",
                                                 write=F.ref_id("Customer")))


def customer(c: Record, _: Mapping[str, Any] | None = None) -> Record:
    group = text(c.get("customer_group_id"))
    return {"group": [U.CustomerGroup(id=group)] if group and group != "0" else [],
            "status": "enabled",
            "address_book": [a for a in (ADDRESS.read(r, "", str(r.get("address_type") or "residential"))
                                         for r in c.get("addresses") or []) if a],
            "additional_fields": {"notes": c.get("notes")} if c.get("notes") else {}}


# -- orders ------------------------------------------------------------------------------------
#: A line's chosen options.
_OPTIONS = Lines(U.OrderItemOption, (Field("option_id", "product_option_id"),
                                     Field("name", "display_name", same), Field("value", "display_value")))
#: One order line (its tax a percentage of its total before tax).
LINE = Lines(U.OrderItem, (
    Field("order_product_id", "id"), Field("product_id", "product_id"),
    Field("variant_id", "variant_id", nonzero), Field("model", "sku"), Field("name", "name", same),
    Field("quantity", "quantity", amount), Field("price", "price_ex_tax", number),
    Field("price_inc_tax", "price_inc_tax", number), Field("total_price", "total_ex_tax", number),
    Field("tax_value", "total_tax", number), Field("weight", "weight", number), Field("barcode", "upc"),
    Field("parent_order_product_id", "parent_order_product_id"),
    Field("options", "product_options", _OPTIONS.read)),
    kept=("quantity_shipped", "quantity_refunded", "order_address_id", "applied_discounts"),
    more=lambda li, v: {"tax_percent": percent(v["tax_value"], v["total_price"])})


def order(o: Record, ctx: Mapping[str, Any]) -> Record:
    """What the order's field map cannot read: its addresses, shipping and status name."""
    ships = o.get("_ship_to") or []
    status = text(o.get("status_id")) or ""
    return {
        "billing_address": ORDER_ADDRESS.read(o, "billing_address.", "billing"),
        "shipping_address": ORDER_ADDRESS.read(ships[0], "", "shipping") if ships else None,
        "shipping_method": U.NamedMethod(name=text(ships[0].get("shipping_method"))) if ships else None,
        "status": U.OrderStatus(id=status, name=(ctx.get("statuses") or {}).get(status) or o.get("status")),
        "additional_fields": {"shipping_addresses": ships} if len(ships) > 1 else {},
    }


# -- shipments ---------------------------------------------------------------------------------
def _shipped(s: Mapping[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    """The carrier (else the tracking carrier's) and the one tracking number a v2 shipment keeps."""
    number_, carrier_ = text(s.get("tracking_number")), text(s.get("tracking_carrier"))
    return {"shipment_provider": v["shipment_provider"] or carrier_, "is_shipped": True,
            "tracking_numbers": [U.TrackingNumber(tracking_number=number_, carrier_id=carrier_)]
            if number_ else []}


SHIPMENT = Lines(U.Shipment, (
    Field("id", "id", str), Field("order_id", "order_id"), Field("name", "shipping_method"),
    Field("shipment_provider", "shipping_provider"), Field("created_at", "date_created", RFC.a2c),
    Field("items", "items", Lines(U.ShipmentItem, (
        Field("order_product_id", "order_product_id"), Field("product_id", "product_id"),
        Field("quantity", "quantity", number))).read)),
    kept=("order_address_id", "comments", "merchant_shipping_cost", "shipping_address", "tracking_link",
          "generated_tracking_link"), more=_shipped)


def shipment_body(p: Mapping[str, Any]) -> Record:
    """order.shipment.add/update's tracking number (one: a v2 shipment keeps one), carrier,
    method, tracking link and comment."""
    numbers = tracking_numbers(p)
    if len(numbers) > 1:
        raise ApiError.invalid("tracking_numbers", "one tracking number (a BigCommerce shipment keeps one)")
    out: Record = {"tracking_number": numbers[0]} if numbers else {}
    if (company := carrier(p, "shipment_provider", "tracking_provider")) is not None:
        out["tracking_carrier"] = str(company)
    return {**out, **F.body(_SHIPMENT_WRITE, p)}


#: The shipment's other keys, as text (an empty value writes nothing).
_SHIPMENT_WRITE = tuple(Field(None, key, param=param, write=text) for param, key in (
    ("shipment_provider", "shipping_provider"), ("shipping_method", "shipping_method"),
    ("admin_comment", "comments"), ("tracking_link", "tracking_link")))
