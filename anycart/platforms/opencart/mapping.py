"""OpenCart rows <-> the unified model.

Reading: ``product(row, extra)``, ``child_*``, ``category(row)``, ``customer(row, addresses)``,
``order(row, items, totals)``, ``shipment(row)``, ``return_(row)`` build the pydantic
entities and answer wire dicts. Columns with no unified home go into ``additional_fields``.
The writes are declared in :mod:`.writes`.

OpenCart stores text HTML-escaped (``&amp;``) as its admin saves it; reads unescape it and
writes escape it the same way, so the cart's own pages show what AnyCart wrote.
"""

from __future__ import annotations

import json
from typing import Any

from anycart.model import (
    Address,
    BaseCustomer,
    Category,
    Child,
    ChildCombination,
    Currency,
    Customer,
    CustomerGroup,
    Image,
    NamedMethod,
    Order,
    OrderItem,
    OrderStatus,
    OrderTotals,
    Product,
    ProductOption,
    ProductOptionValue,
    Return,
    ReturnOrderProduct,
    ReturnReason,
    ReturnStatus,
    Shipment,
    State,
    TrackingNumber,
)
from anycart.platforms.bridge.fieldmap import FieldMap
from anycart.platforms.bridge.values import (
    a2c,
    html_text,
    iso,
    number,
    sid,
)
from anycart.platforms.countries import country

from .storefront import Storefront


def image(path: str | None, ident: str, sort_order: int, kind: str, front: Storefront) -> Image:
    return Image(id=ident, http_path=front.image(str(path)), file_name=str(path).rsplit("/", 1)[-1],
                 sort_order=sort_order, type=kind)


# -- products ----------------------------------------------------------------------------------

def option(row: dict[str, Any], values: list[dict[str, Any]]) -> ProductOption:
    return ProductOption(
        id=str(row["option_id"]), product_option_id=str(row["product_option_id"]),
        name=html_text(row.get("name")), type=row.get("type"), sort_order=row.get("sort_order"),
        required=bool(row.get("required")), available=True,
        used_in_combination=row.get("type") in ("select", "radio", "checkbox"),
        option_items=[ProductOptionValue(
            id=str(v["option_value_id"]), product_option_item_id=str(v["product_option_value_id"]),
            name=html_text(v.get("name")), sort_order=v.get("sort_order"),
            price=_signed(v.get("price"), v.get("price_prefix")),
            weight=_signed(v.get("weight"), v.get("weight_prefix")), quantity=v.get("quantity"),
            type_price="fixed") for v in values],
        additional_fields={"value": row.get("value")} if row.get("value") else {})


def _signed(value: Any, prefix: Any) -> float | None:
    found = number(value)
    return -found if found is not None and prefix == "-" else found


#: What a product row and a 4.x variant row (a product row of its own) read alike.
_ROW: dict[str, dict[str, str]] = {
    "html": {"meta_title": "meta_title", "meta_description": "meta_description",
             "meta_keywords": "meta_keyword"},
    "number": {n: n for n in ("weight", "width", "height", "length")},
    "integer": {"sort_order": "sort_order"}}
_PRODUCT = FieldMap(
    html={**_ROW["html"], "name": "name", "description": "description", "u_brand": "manufacturer"},
    number={**_ROW["number"], "price": "price"}, integer=_ROW["integer"],
    text={"u_sku": "sku", "u_upc": "upc", "u_mpn": "mpn", "weight_unit": "weight_unit"},
    date={"create_at": "date_added", "modified_at": "date_modified"})
_VARIANT = FieldMap(
    html={**_ROW["html"], "name": "name", "full_description": "description"},
    number={**_ROW["number"], "default_price": "price"}, integer=_ROW["integer"],
    text={n: n for n in ("sku", "upc", "ean", "mpn", "isbn")},
    date={"created_time": "date_added", "modified_time": "date_modified"})


def product(row: dict[str, Any], front: Storefront, *, categories: list[int], images: list[dict[str, Any]],
            options: list[ProductOption], seo: str | None, special: float | None) -> dict[str, Any]:
    pictures = [image(row["image"], "0", 0, "base", front)] if row.get("image") else []
    pictures += [image(i["image"], str(i["product_image_id"]), i["sort_order"], "additional", front)
                 for i in images]
    extra: dict[str, Any] = {k: row.get(k) for k in ("upc", "ean", "jan", "isbn", "location", "stock_status_id",
                                      "tax_class_id", "minimum", "subtract", "shipping", "points",
                                      "date_available", "weight_class_id", "length_class_id",
                                      "manufacturer_id", "tag", "master_id", "variant")
              if k in row}
    extra["date_available"] = str(row.get("date_available") or "") or None
    quantity = row.get("quantity") or 0
    return Product(
        **_PRODUCT.read(row), id=str(row["product_id"]), type="configurable" if options else "simple",
        u_model=row.get("model"), quantity=float(quantity),
        u_brand_id=sid(row.get("manufacturer_id") or None), categories_ids=[str(c) for c in categories],
        seo_url=seo, url=front.product(str(row["product_id"]), seo),
        avail_sale=bool(row.get("status")), avail_view=bool(row.get("status")), in_stock=quantity > 0,
        on_sale=special is not None, images=pictures, product_options=options,
        additional_fields={**extra, "special_price": special}).to_wire()


def child_from_option_value(parent: dict[str, Any], v: dict[str, Any]) -> dict[str, Any]:
    """3.x: a product's option value (own stock, price and weight deltas) is a child item."""
    price = (number(parent.get("price")) or 0) + (_signed(v.get("price"), v.get("price_prefix")) or 0)
    weight = (number(parent.get("weight")) or 0) + (_signed(v.get("weight"), v.get("weight_prefix")) or 0)
    return Child(
        id=str(v["product_option_value_id"]), parent_id=str(parent["product_id"]),
        sku=parent.get("sku") or None, name=f"{html_text(parent.get('name'))} - {html_text(v.get('name'))}",
        created_time=a2c(parent.get("date_added")), modified_time=a2c(parent.get("date_modified")),
        combination=[ChildCombination(option_id=str(v["product_option_id"]),
                                      option_value_id=str(v["product_option_value_id"]))],
        default_price=price, avail_for_sale=bool(parent.get("status")),
        in_stock=(v.get("quantity") or 0) > 0, manage_stock=bool(v.get("subtract")),
        inventory_level=float(v.get("quantity") or 0), weight=weight,
        additional_fields={"option_id": str(v["option_id"]),
                           "option_value_id": str(v["option_value_id"])}).to_wire()


def child_from_variant(row: dict[str, Any], front: Storefront) -> dict[str, Any]:
    """4.x: a variant is a product row whose ``master_id`` names its parent."""
    try:
        chosen = json.loads(row.get("variant") or "{}") or {}
    except ValueError:
        chosen = {}
    combination = [ChildCombination(option_id=str(k), option_value_id=str(v))
                   for k, vals in chosen.items() for v in (vals if isinstance(vals, list) else [vals])]
    quantity = row.get("quantity") or 0
    return Child(
        **_VARIANT.read(row), id=str(row["product_id"]), parent_id=str(row["master_id"]),
        images=[image(row["image"], "0", 0, "base", front)] if row.get("image") else [],
        combination=combination, avail_for_sale=bool(row.get("status")), in_stock=quantity > 0,
        manage_stock=bool(row.get("subtract")), inventory_level=float(quantity),
        additional_fields={"model": row.get("model"), "override": row.get("override")}).to_wire()


# -- categories --------------------------------------------------------------------------------

_CATEGORY = FieldMap(html={"name": "name", "description": "description", "meta_title": "meta_title",
                           "meta_description": "meta_description", "keywords": "meta_keyword"},
                     integer={"sort_order": "sort_order"},
                     date={"created_at": "date_added", "modified_at": "date_modified"})


def category(row: dict[str, Any], seo: str | None, front: Storefront) -> dict[str, Any]:
    return Category(
        **_CATEGORY.read(row), id=str(row["category_id"]), parent_id=str(row.get("parent_id") or 0),
        avail=bool(row.get("status")), seo_url=seo,
        images=[image(row["image"], "0", 0, "base", front)] if row.get("image") else [],
        additional_fields={"top": row.get("top"), "column": row.get("column")}).to_wire()


# -- customers ---------------------------------------------------------------------------------

def address(row: dict[str, Any], default: bool | None = None, kind: str | None = None) -> Address:
    return Address(
        id=sid(row.get("address_id")), type=kind, first_name=html_text(row.get("firstname")),
        last_name=html_text(row.get("lastname")), company=html_text(row.get("company")) or None,
        address1=html_text(row.get("address_1")), address2=html_text(row.get("address_2")) or None,
        city=html_text(row.get("city")), postcode=row.get("postcode"),
        state=State(code=row.get("zone_code"), name=html_text(row.get("zone_name"))),
        country=country(row.get("iso_code_2"), row.get("iso_code_3"), html_text(row.get("country_name"))),
        phone=row.get("telephone"), default=default)


def customer(row: dict[str, Any], addresses: list[dict[str, Any]], default_id: Any) -> dict[str, Any]:
    return Customer(
        id=str(row["customer_id"]), email=row.get("email"), first_name=html_text(row.get("firstname")),
        last_name=html_text(row.get("lastname")), phone=row.get("telephone") or None,
        created_time=a2c(row.get("date_added")),
        group=[CustomerGroup(id=str(row["customer_group_id"]), name=html_text(row.get("group_name")))],
        status="enabled" if row.get("status") else "disabled",
        news_letter_subscription=bool(row.get("newsletter")),
        address_book=[address(a, default=str(a["address_id"]) == str(default_id) or bool(a.get("default")),
                              kind="shipping") for a in addresses],  # as Shopify's book
        additional_fields={"store_id": row.get("store_id"), "language_id": row.get("language_id"),
                           "ip": row.get("ip"), "safe": row.get("safe")}).to_wire()


# -- orders ------------------------------------------------------------------------------------

def _method(value: Any) -> NamedMethod | None:
    """3.x keeps the method's title; 4.x a JSON object ``{"name", "code"}``."""
    if not value:
        return None
    text_value = str(value)
    if text_value.startswith("{"):
        try:
            return NamedMethod(name=html_text(json.loads(text_value).get("name")))
        except ValueError:
            pass
    return NamedMethod(name=html_text(text_value))


def _order_address(row: dict[str, Any], side: str, kind: str) -> Address:
    # The contract's id and default are not nullable. OpenCart 4 keeps the address book row
    # an order was placed with (payment_address_id, shipping_address_id); OpenCart 3 does
    # not: "0", no address of the customer (as for Shopify's order addresses).
    ident = row.get(f"{side}_address_id") or 0
    return Address(
        id=str(ident), default=ident in row.get("default_address_ids", ()),
        type=kind, first_name=html_text(row.get(f"{side}_firstname")),
        last_name=html_text(row.get(f"{side}_lastname")),
        company=html_text(row.get(f"{side}_company")) or None,
        address1=html_text(row.get(f"{side}_address_1")),
        address2=html_text(row.get(f"{side}_address_2")) or None, city=html_text(row.get(f"{side}_city")),
        postcode=row.get(f"{side}_postcode"),
        state=State(code=row.get(f"{side}_zone_code"), name=html_text(row.get(f"{side}_zone"))),
        country=country(row.get(f"{side}_iso_code_2"), row.get(f"{side}_iso_code_3"),
                        html_text(row.get(f"{side}_country"))),
        phone=row.get("telephone") or None)


def order(row: dict[str, Any], items: list[dict[str, Any]], totals: list[dict[str, Any]]) -> dict[str, Any]:
    by_code: dict[str, float] = {}
    for t in totals:
        by_code[t["code"]] = by_code.get(t["code"], 0.0) + float(t["value"])
    return Order(
        id=str(row["order_id"]), order_id=str(row["order_id"]),
        # a guest (customer_id 0): id "0", as OpenCart stores it (the contract's id is a string)
        customer=BaseCustomer(id=sid(row.get("customer_id") or 0), email=row.get("email"),
                              first_name=html_text(row.get("firstname")),
                              last_name=html_text(row.get("lastname")), phone=row.get("telephone") or None),
        create_at=a2c(row.get("date_added")), modified_at=a2c(row.get("date_modified")),
        currency=Currency(id=sid(row.get("currency_id")), iso3=row.get("currency_code")),
        billing_address=_order_address(row, "payment", "billing"),
        shipping_address=_order_address(row, "shipping", "shipping"),
        payment_method=_method(row.get("payment_method")),
        shipping_method=_method(row.get("shipping_method")),
        status=OrderStatus(id=str(row["order_status_id"]), name=html_text(row.get("status_name"))),
        totals=OrderTotals(total=number(row.get("total")), subtotal=by_code.get("sub_total"),
                           shipping=by_code.get("shipping"), tax=by_code.get("tax"),
                           discount=by_code.get("coupon", by_code.get("voucher"))),
        order_products=[OrderItem(
            order_product_id=str(i["order_product_id"]), product_id=str(i["product_id"]),
            variant_id=sid(i.get("variant_id")), model=i.get("model"), name=html_text(i.get("name")),
            price=number(i.get("price")), quantity=float(i.get("quantity") or 0),
            total_price=number(i.get("total")), additional_fields={
                "tax": number(i.get("tax")), "reward": i.get("reward"),
                "options": i.get("options", [])}) for i in items],
        comment=html_text(row.get("comment")) or None, store_id=str(row.get("store_id") or 0),
        additional_fields={"invoice_no": row.get("invoice_no"),
                           "invoice_prefix": row.get("invoice_prefix"),
                           "totals": [{"code": t["code"], "title": html_text(t["title"]),
                                       "value": float(t["value"])} for t in totals]}).to_wire()


def shipment(row: dict[str, Any], carrier_name: str | None) -> dict[str, Any]:
    return Shipment(
        id=str(row["order_shipment_id"]), order_id=str(row["order_id"]),
        shipment_provider=carrier_name or row.get("shipping_courier_id") or None,
        tracking_numbers=[TrackingNumber(carrier_id=row.get("shipping_courier_id") or None,
                                         tracking_number=row.get("tracking_number"))]
        if row.get("tracking_number") else [],
        created_at=a2c(row.get("date_added")), is_shipped=True).to_wire()


def return_(row: dict[str, Any]) -> dict[str, Any]:
    return Return(
        id=str(row["return_id"]), order_id=str(row["order_id"]),
        customer_id=sid(row.get("customer_id") or None), created_at=iso(row.get("date_added")),
        modified_at=iso(row.get("date_modified")),
        status=ReturnStatus(id=str(row["return_status_id"]), name=html_text(row.get("status_name"))),
        order_products=[ReturnOrderProduct(
            product_id=str(row["product_id"]), sku=row.get("model"), name=html_text(row.get("product")),
            quantity=row.get("quantity"),
            reason=ReturnReason(id=str(row["return_reason_id"]), name=html_text(row.get("reason_name"))),
            customer_comment=html_text(row.get("comment")) or None)],
        comment=html_text(row.get("comment")) or None,
        additional_fields={"opened": bool(row.get("opened")),
                           "return_action_id": row.get("return_action_id"),
                           "action": html_text(row.get("action_name")),
                           "date_ordered": str(row.get("date_ordered") or "") or None,
                           "email": row.get("email")}).to_wire()
