"""OpenCart rows -> the unified model (:mod:`~anycart.platforms.bridge.mapper`), one mapper
per entity of :mod:`.entities`; child rows are in the context by parent id, the storefront
is ``ctx["front"]``. Text is stored HTML-escaped (``&amp;``) as the admin saves it: reads
unescape it, writes (:mod:`.writes`) escape it, so the cart's pages show what AnyCart wrote.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from anycart import model as U
from anycart.platforms.bridge.mapper import (
    Ctx,
    Extras,
    Many,
    Mapper,
    Nested,
    Row,
    Source,
    Spec,
    at,
    calc,
    children,
    const,
)
from anycart.platforms.bridge.returns import named_status
from anycart.platforms.bridge.totalrows import by_code
from anycart.platforms.bridge.values import a2c, html_text, iso, number, sid
from anycart.platforms.countries import country


def html(key: str, blank_none: bool = False) -> Source:
    """A column stored HTML-escaped, as the shopper reads it (blank as None, if asked)."""
    return at(key, convert=(lambda v: html_text(v) or None) if blank_none else html_text)


def _flag(key: str) -> Source:
    return at(key, convert=bool, default=False)


#: A row's stock (``quantity``), and whether it has any.
_UNITS = calc(lambda r, c: float(r.get("quantity") or 0))
_IN_STOCK = calc(lambda r, c: (r.get("quantity") or 0) > 0)


def _signed(value: Any, prefix: Any) -> float | None:
    found = number(value)
    return -found if found is not None and prefix == "-" else found


def variant_choices(text: Any) -> dict[str, list[str]]:
    """4.x: a variant's ``variant`` JSON (option id -> value id or ids) as option id -> the
    product_option_value ids it picks; nothing for a blank or broken value."""
    try:
        chosen = json.loads(text or "{}") or {}
    except ValueError:
        return {}
    return {str(k): [str(v) for v in (vals if isinstance(vals, list) else [vals])]
            for k, vals in (chosen.items() if isinstance(chosen, dict) else ())}


# -- images ------------------------------------------------------------------------------------

#: ``{"id", "image", "sort_order", "type"}``: a row's own image (``_main``) or an image row.
IMAGE = Mapper(U.Image, id=at("id", convert=str), http_path=calc(lambda r, c: c["front"].image(str(r["image"]))),
               file_name=calc(lambda r, c: str(r["image"]).rsplit("/", 1)[-1]),
               sort_order=at("sort_order"), type=at("type"))


def _main(row: Row) -> list[Row]:
    """The image column of a product, variant or category row, as its base image."""
    return [{"id": "0", "image": row["image"], "sort_order": 0, "type": "base"}] if row.get("image") else []


# -- products ----------------------------------------------------------------------------------

OPTION_VALUE = Mapper(
    U.ProductOptionValue, id=at("option_value_id", convert=str),
    product_option_item_id=at("product_option_value_id", convert=str), name=html("name"),
    sort_order=at("sort_order"), price=calc(lambda r, c: _signed(r.get("price"), r.get("price_prefix"))),
    weight=calc(lambda r, c: _signed(r.get("weight"), r.get("weight_prefix"))), quantity=at("quantity"),
    type_price=const("fixed"))
#: A product's option (``product_option`` with its ``option`` and description rows).
OPTION = Mapper(
    U.ProductOption, id=at("option_id", convert=str), product_option_id=at("product_option_id", convert=str),
    name=html("name"), type=at("type"), sort_order=at("sort_order"), required=_flag("required"),
    available=const(True), option_items=Many(OPTION_VALUE, children("option_values", "product_option_id")),
    used_in_combination=calc(lambda r, c: r.get("type") in ("select", "radio", "checkbox")),
    additional_fields=calc(lambda r, c: {"value": r["value"]} if r.get("value") else {}))

#: What a product row and a 4.x variant row (a product row of its own) read alike.
_ROW: dict[str, Spec] = {
    "meta_title": html("meta_title"), "meta_description": html("meta_description"),
    "meta_keywords": html("meta_keyword"), "sort_order": at("sort_order", convert=int),
    **{n: at(n, convert=number) for n in ("weight", "width", "height", "length")},
    "in_stock": _IN_STOCK}
_PRODUCT_EXTRAS = ("upc", "ean", "jan", "isbn", "location", "stock_status_id", "tax_class_id", "minimum",
                   "subtract", "shipping", "points", "weight_class_id", "length_class_id",
                   "manufacturer_id", "tag", "master_id", "variant")


def _product_extras(row: Row, c: Ctx) -> dict[str, Any]:
    return {**{k: row[k] for k in _PRODUCT_EXTRAS if k in row},
            "date_available": str(row.get("date_available") or "") or None,
            "special_price": c["specials"].get(row["product_id"])}


PRODUCT = Mapper(
    U.Product, **_ROW, id=at("product_id", convert=str), name=html("name"), description=html("description"),
    u_brand=html("manufacturer"), price=at("price", convert=number), u_model=at("model"),
    **{f"u_{n}": at(n, convert=sid) for n in ("sku", "upc", "mpn")}, weight_unit=at("weight_unit", convert=sid),
    create_at=at("date_added", convert=a2c), modified_at=at("date_modified", convert=a2c),
    type=calc(lambda r, c: "configurable" if c["options"].get(r["product_id"]) else "simple"),
    quantity=_UNITS, u_brand_id=at("manufacturer_id", convert=lambda v: sid(v or None)),
    categories_ids=calc(lambda r, c: [str(x["category_id"]) for x in children("categories", "product_id")(r, c)]),
    seo_url=calc(lambda r, c: c["seo"].get(r["product_id"])),
    url=calc(lambda r, c: c["front"].product(str(r["product_id"]), c["seo"].get(r["product_id"]))),
    avail_sale=_flag("status"), avail_view=_flag("status"),
    on_sale=calc(lambda r, c: r["product_id"] in c["specials"]),
    images=Many(IMAGE, lambda r, c: [*_main(r), *children("images", "product_id")(r, c)]),
    product_options=Many(OPTION, children("options", "product_id")), additional_fields=calc(_product_extras))

#: 4.x: a variant is a product row whose ``master_id`` names its parent (its options'
#: values are the ``variant`` JSON: option id -> value id or ids).
VARIANT = Mapper(
    U.Child, **_ROW, id=at("product_id", convert=str), parent_id=at("master_id", convert=str),
    name=html("name"), full_description=html("description"), default_price=at("price", convert=number),
    **{n: at(n, convert=sid) for n in ("sku", "upc", "ean", "mpn", "isbn")},
    created_time=at("date_added", convert=a2c), modified_time=at("date_modified", convert=a2c),
    combination=calc(lambda r, c: [U.ChildCombination(option_id=k, option_value_id=v)
                                     for k, vals in variant_choices(r.get("variant")).items() for v in vals]),
    images=Many(IMAGE, lambda r, c: _main(r)), avail_for_sale=_flag("status"), manage_stock=_flag("subtract"),
    inventory_level=_UNITS, additional_fields=Extras(model=at("model"), override=at("override")))


def _deltas(name: str) -> Source:
    """3.x: the parent's price or weight with the option value's signed delta."""
    return calc(lambda r, c: (number(r.get(f"parent_{name}")) or 0)
                + (_signed(r.get(name), r.get(f"{name}_prefix")) or 0))


#: 3.x: a product's option value (own stock, price and weight deltas) is a child item.
OPTION_CHILD = Mapper(
    U.Child, id=at("product_option_value_id", convert=str), parent_id=at("parent_product_id", convert=str),
    sku=at("sku", convert=lambda v: v or None),
    name=calc(lambda r, c: f"{html_text(r.get('parent_name'))} - {html_text(r.get('name'))}"),
    created_time=at("date_added", convert=a2c), modified_time=at("date_modified", convert=a2c),
    combination=calc(lambda r, c: [U.ChildCombination(option_id=str(r["product_option_id"]),
                                                      option_value_id=str(r["product_option_value_id"]))]),
    default_price=_deltas("price"), weight=_deltas("weight"), avail_for_sale=_flag("status"),
    in_stock=_IN_STOCK, manage_stock=_flag("subtract"), inventory_level=_UNITS,
    additional_fields=Extras(option_id=at("option_id", convert=str),
                             option_value_id=at("option_value_id", convert=str)))

# -- categories --------------------------------------------------------------------------------

CATEGORY = Mapper(
    U.Category, id=at("category_id", convert=str), parent_id=at("parent_id", convert=str, default="0"),
    name=html("name"), description=html("description"), meta_title=html("meta_title"),
    meta_description=html("meta_description"), keywords=html("meta_keyword"),
    sort_order=at("sort_order", convert=int), created_at=at("date_added", convert=a2c),
    modified_at=at("date_modified", convert=a2c), avail=_flag("status"),
    seo_url=calc(lambda r, c: c["seo"].get(r["category_id"])), images=Many(IMAGE, lambda r, c: _main(r)),
    additional_fields=Extras(top=at("top"), column=at("column")))

# -- customers ---------------------------------------------------------------------------------

#: An address book row, or an order's ``payment_*`` / ``shipping_*`` columns without the
#: prefix (:func:`_side`); both name the zone ``zone``/``zone_code`` and the country
#: ``country``/``iso_code_2``/``iso_code_3``.
ADDRESS = Mapper(
    U.Address, id=at("address_id", convert=str), type=at("type"), first_name=html("firstname"),
    last_name=html("lastname"), company=html("company", blank_none=True), address1=html("address_1"),
    address2=html("address_2", blank_none=True), city=html("city"), postcode=at("postcode"),
    state=calc(lambda r, c: U.State(code=r.get("zone_code"), name=html_text(r.get("zone")))),
    country=calc(lambda r, c: country(r.get("iso_code_2"), r.get("iso_code_3"), html_text(r.get("country")))),
    phone=html("telephone", blank_none=True), default=at("default"))


def _book(row: Row, c: Ctx) -> list[Row]:
    """A customer's addresses (as Shopify's book: shipping); 3.x names the default on the
    customer row (``address_id``), 4.x on the address (``default``)."""
    return [{**a, "type": "shipping", "default": str(a["address_id"]) == str(row.get("address_id"))
             or bool(a.get("default"))} for a in c["books"].get(row["customer_id"], [])]


CUSTOMER = Mapper(
    U.Customer, id=at("customer_id", convert=str), email=at("email"), first_name=html("firstname"),
    last_name=html("lastname"), phone=html("telephone", blank_none=True),
    created_time=at("date_added", convert=a2c),
    group=calc(lambda r, c: [U.CustomerGroup(id=str(r["customer_group_id"]), name=html_text(r.get("group_name")))]),
    status=calc(lambda r, c: "enabled" if r.get("status") else "disabled"),
    news_letter_subscription=_flag("newsletter"), address_book=Many(ADDRESS, _book),
    additional_fields=Extras(store_id=at("store_id"), language_id=at("language_id"), ip=at("ip"), safe=at("safe")))

# -- orders ------------------------------------------------------------------------------------


def _method(value: Any) -> U.NamedMethod | None:
    """3.x keeps the method's title; 4.x a JSON object ``{"name", "code"}``."""
    if not value:
        return None
    text_value = str(value)
    if text_value.startswith("{"):
        try:
            return U.NamedMethod(name=html_text(json.loads(text_value).get("name")))
        except ValueError:
            pass
    return U.NamedMethod(name=html_text(text_value))


def _side(side: str, kind: str) -> Callable[[Row, Ctx], Row]:
    # The contract's id and default are not nullable. OpenCart 4 keeps the address book row
    # an order was placed with (payment_address_id, shipping_address_id); OpenCart 3 does
    # not: "0", no address of the customer (as for Shopify's order addresses).
    def part(row: Row, c: Ctx) -> Row:
        ident = row.get(f"{side}_address_id") or 0
        return {**{k[len(side) + 1:]: v for k, v in row.items() if k.startswith(f"{side}_")},
                "address_id": ident, "type": kind, "default": ident in row.get("default_address_ids", ()),
                "telephone": row.get("telephone") or None}
    return part


def _totals(row: Row, c: Ctx) -> U.OrderTotals:
    """The order's total and its totals rows' amounts by code."""
    amounts = by_code(c["totals"].get(row["order_id"], []))
    return U.OrderTotals(total=number(row.get("total")), subtotal=amounts.get("sub_total"),
                         shipping=amounts.get("shipping"), tax=amounts.get("tax"),
                         discount=amounts.get("coupon", amounts.get("voucher")))


#: 4.x: a variant's line is its own product row, its ``master_id`` the parent (3.x: always 0).
ORDER_ITEM = Mapper(
    U.OrderItem, order_product_id=at("order_product_id", convert=str), product_id=at("product_id", convert=str),
    variant_id=calc(lambda r, c: sid(r["product_id"]) if r.get("master_id") else None),
    model=at("model"), name=html("name"),
    price=at("price", convert=number), quantity=_UNITS, total_price=at("total", convert=number),
    additional_fields=Extras(tax=at("tax", convert=number), reward=at("reward"), options=calc(
        lambda r, c: [{"name": html_text(o["name"]), "value": html_text(o["value"]),
                       "product_option_value_id": str(o["product_option_value_id"])}
                      for o in c["options"].get(r["order_product_id"], [])])))

ORDER = Mapper(
    U.Order, id=at("order_id", convert=str), order_id=at("order_id", convert=str),
    # a guest (customer_id 0): id "0", as OpenCart stores it (the contract's id is a string)
    customer=calc(lambda r, c: U.BaseCustomer(
        id=sid(r.get("customer_id") or 0), email=r.get("email"), first_name=html_text(r.get("firstname")),
        last_name=html_text(r.get("lastname")), phone=html_text(r.get("telephone")) or None)),
    create_at=at("date_added", convert=a2c), modified_at=at("date_modified", convert=a2c),
    currency=calc(lambda r, c: U.Currency(id=sid(r.get("currency_id")), iso3=r.get("currency_code"))),
    billing_address=Nested(ADDRESS, _side("payment", "billing")),
    shipping_address=Nested(ADDRESS, _side("shipping", "shipping")),
    payment_method=at("payment_method", convert=_method), shipping_method=at("shipping_method", convert=_method),
    status=calc(lambda r, c: U.OrderStatus(id=str(r["order_status_id"]), name=html_text(r.get("status_name")))),
    totals=calc(_totals), order_products=Many(ORDER_ITEM, children("items", "order_id")),
    comment=html("comment", blank_none=True), store_id=at("store_id", convert=lambda v: str(v or 0), default="0"),
    additional_fields=Extras(invoice_no=at("invoice_no"), invoice_prefix=at("invoice_prefix"), totals=calc(
        lambda r, c: [{"code": t["code"], "title": html_text(t["title"]), "value": float(t["value"])}
                      for t in c["totals"].get(r["order_id"], [])])))

SHIPMENT = Mapper(
    U.Shipment, id=at("order_shipment_id", convert=str), order_id=at("order_id", convert=str),
    shipment_provider=calc(lambda r, c: r.get("shipping_courier_name") or r.get("shipping_courier_id") or None),
    tracking_numbers=calc(lambda r, c: [U.TrackingNumber(carrier_id=r.get("shipping_courier_id") or None,
                                                         tracking_number=r.get("tracking_number"))]
                          if r.get("tracking_number") else []),
    created_at=at("date_added", convert=a2c), is_shipped=const(True))


RETURN = Mapper(
    U.Return, id=at("return_id", convert=str), order_id=at("order_id", convert=str),
    customer_id=at("customer_id", convert=lambda v: sid(v or None)), created_at=at("date_added", convert=iso),
    modified_at=at("date_modified", convert=iso),
    status=calc(lambda r, c: named_status(r["return_status_id"], html_text(r.get("status_name")))),
    order_products=calc(lambda r, c: [U.ReturnOrderProduct(
        product_id=str(r["product_id"]), order_product_id=sid(r.get("order_product_id")),
        sku=r.get("model"), name=html_text(r.get("product")),
        quantity=r.get("quantity"),
        reason=U.ReturnReason(id=str(r["return_reason_id"]), name=html_text(r.get("reason_name"))),
        customer_comment=html_text(r.get("comment")) or None)]),
    comment=html("comment", blank_none=True),
    additional_fields=Extras(opened=_flag("opened"), return_action_id=at("return_action_id"),
                             action=html("action_name"),
                             date_ordered=at("date_ordered", convert=lambda v: str(v or "") or None),
                             email=at("email")))
