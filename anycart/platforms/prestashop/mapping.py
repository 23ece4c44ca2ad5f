"""PrestaShop rows -> the unified model, declared (:mod:`anycart.platforms.bridge.mapper`):
one mapper per model reads a row and the child rows :mod:`.entities` hangs on it; the same
declaration is the entity's SELECT list, and columns no field reads go into
``additional_fields``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from anycart import model as U
from anycart.platforms import prestashop_values as V
from anycart.platforms.bridge.fieldmap import integer as whole
from anycart.platforms.bridge.mapper import (
    Ctx,
    Extras,
    Many,
    Mapper,
    Nested,
    Row,
    Source,
    at,
    calc,
    children,
    col,
    cols,
    const,
    grouped,
    keys,
)
from anycart.platforms.bridge.returns import named_status
from anycart.platforms.bridge.values import a2c, from_db_time, iso, number, sid
from anycart.platforms.countries import country


def text(key: str) -> Source:
    """A text value of the row (blank is None)."""
    return at(key, convert=sid)


def num(key: str) -> Source:
    return at(key, convert=number)


# -- images ------------------------------------------------------------------------------------

#: PrestaShop 8's default ``PS_ROUTE_product_rule`` (Dispatcher::$default_routes).
PRODUCT_ROUTE = "{category:/}{id}{-:id_product_attribute}-{rewrite}{-:ean13}.html"
_ROUTE_KEYWORD = re.compile(r"\{(?:([^}:]*):)?([a-z0-9_]+)(?::([^}]*))?\}")


@dataclass(frozen=True)
class Storefront:
    """How the shop builds its links (Link::getProductLink): the base URL of ``shop_url``
    (https when ``PS_SSL_ENABLED``), an ``<iso>/`` language prefix when the shop has several
    languages and friendly URLs are on (``PS_REWRITING_SETTINGS``), and the product route."""

    base: str = ""
    rewriting: bool = False
    lang_prefix: dict[int, str] = field(default_factory=dict)
    route: str = PRODUCT_ROUTE

    def product_url(self, row: dict[str, Any], lang: int) -> str | None:
        if not self.base:
            return None
        if not self.rewriting:
            suffix = f"&id_lang={lang}" if self.lang_prefix else ""
            return f"{self.base}index.php?id_product={row['id_product']}&controller=product{suffix}"
        values = {"id": str(row["id_product"]), "rewrite": row.get("link_rewrite") or "",
                  "ean13": row.get("ean13") or "", "category": row.get("category_rewrite") or "",
                  "reference": row.get("reference") or "", "id_product_attribute": ""}

        def fill(m: re.Match[str]) -> str:
            value = values.get(m.group(2), "")
            return f"{m.group(1) or ''}{value}{m.group(3) or ''}" if value else ""

        return f"{self.base}{self.lang_prefix.get(lang, '')}{_ROUTE_KEYWORD.sub(fill, self.route)}"


IMAGE = Mapper(
    U.Image, id=at("id_image", convert=str), alt=text("legend"),
    sort_order=at("position", convert=whole),
    http_path=calc(lambda r, c: c["base"] + V.image_path(r["id_image"])),
    file_name=calc(lambda r, c: f"{r['id_image']}.jpg"),
    type=calc(lambda r, c: "base" if r.get("cover") else "additional"))


# -- products ----------------------------------------------------------------------------------

def special_price(row: dict[str, Any] | None, base: float | None,
                  now: datetime) -> U.SpecialPrice | None:
    """The shop-wide ``specific_price`` row as the contract's special price: a fixed
    ``price`` (-1 keeps the product's) less its reduction, available while ``from``/``to``
    (zero = open) hold ``now``."""
    if not row:
        return None
    price = float(row["price"])
    value = (base or 0.0) if price < 0 else price
    reduction = float(row.get("reduction") or 0)
    percent = row.get("reduction_type") == "percentage"
    value = value * (1 - reduction) if percent else value - reduction
    start, end = from_db_time(row.get("from")), from_db_time(row.get("to"))
    return U.SpecialPrice(value=round(value, 6), avail=(start is None or start <= now)
                          and (end is None or now <= end),
                          created_at=a2c(row.get("from")), expired_at=a2c(row.get("to")),
                          additional_fields={"id_specific_price": str(row["id_specific_price"])})


def _in_stock(key: str) -> Source:
    """In stock when the stock row says so (None without one)."""
    return calc(lambda r, c: None if number(r.get(key)) is None else float(r[key]) > 0)


def _for_sale(row: Row, c: Ctx) -> bool:
    return V.for_sale(row.get("active"), row.get("available_for_order"))


def _special(row: Row, c: Ctx) -> U.SpecialPrice | None:
    """The shop's own specific price wins over the all-shops one (read in that order)."""
    found = c["specials"].get(row["id_product"])
    return special_price(found[-1] if found else None, number(row.get("price")), c["now"])


#: What products and their combinations read alike: the product's page in the language, its
#: dimensions.
_PAGE = cols(sid, seo_url="pl.link_rewrite", meta_title="pl.meta_title",
             meta_keywords="pl.meta_keywords", meta_description="pl.meta_description")
_SIZES = cols(number, width="p.width", height="p.height", length="p.depth")
#: A product row in the call's shop and language, with its categories, images, options and
#: specific prices read into the context.
PRODUCT = Mapper(
    U.Product, id=col("p.id_product", str), **_PAGE, **_SIZES,
    **cols(sid, u_model="p.reference", u_sku="p.reference", name="pl.name",
           description="pl.description", short_description="pl.description_short",
           u_brand="m.name AS manufacturer_name", u_upc="p.upc", u_mpn="p.mpn", u_gtin="p.ean13"),
    **cols(number, price="ps.price", cost_price="ps.wholesale_price", weight="p.weight",
           quantity="sa.quantity AS stock_quantity"),
    **cols(a2c, create_at="p.date_add", modified_at="p.date_upd"), on_sale=col("ps.on_sale", bool),
    type=calc(lambda r, c: V.product_type(bool(c["options"].get(r["id_product"])), r.get("is_virtual")),
              "p.is_virtual"), special_price=calc(_special),
    categories_ids=calc(lambda r, c: [str(x["id_category"])
                                      for x in children("categories", "id_product")(r, c)]),
    u_brand_id=col("p.id_manufacturer", lambda v: str(v) if v else None),
    avail_view=calc(lambda r, c: V.viewable(r.get("active"), r.get("visibility")),
                    "ps.active", "ps.visibility"),
    avail_sale=calc(_for_sale, "ps.available_for_order"), in_stock=_in_stock("stock_quantity"),
    images=Many(IMAGE, children("images", "id_product")),
    url=calc(lambda r, c: c["front"].product_url(r, c["lang"]),
             "dcl.link_rewrite AS category_rewrite"),
    product_options=calc(lambda r, c: product_options(children("options", "id_product")(r, c))),
    additional_fields=Extras(rest=True, ean13=col("p.ean13"), visible=calc(
        lambda r, c: V.VISIBLE.get(str(r.get("visibility") or "both"), r.get("visibility")))),
)


OPTION_VALUE = Mapper(
    U.ProductOptionValue, **keys(str, id="id_attribute", product_option_item_id="id_attribute"),
    name=text("attribute_name"), sort_order=at("attribute_position", convert=whole),
    type_price=const("fixed"),
    additional_fields=Extras(color=at("color", convert=lambda v: v or None)))
#: An attribute group as an option (with the attributes of its rows as the values).
OPTION = Mapper(
    U.ProductOption, **keys(str, id="id_attribute_group", product_option_id="id_attribute_group"),
    **keys(sid, name="group_name", description="public_name", type="group_type"),
    sort_order=at("group_position", convert=whole), required=const(True), available=const(True),
    used_in_combination=const(True), option_items=Many(OPTION_VALUE, "_rows"),
    additional_fields=Extras(is_color_group=at("is_color_group", convert=bool)))


def product_options(rows: Sequence[Row]) -> list[U.ProductOption]:
    """Options of a product from its combinations' attributes (one row per attribute used):
    an attribute group is an option, its attributes the values."""
    options = [OPTION.read(g) for g in grouped(rows, "id_attribute_group", "id_attribute")]
    return sorted(options, key=lambda o: (o.sort_order or 0, o.id))


COMBINATION = Mapper(
    U.ChildCombination, option_id=at("id_attribute_group", convert=str),
    option_value_id=at("id_attribute", convert=str),
    additional_fields=Extras(option_name=at("group_name"), option_value_name=at("attribute_name")))


def _plus(base: str, impact: str, *reads: str) -> Source:
    return calc(lambda r, c: V.with_impact(r.get(base), r.get(impact)), *reads)


#: A combination as a child item, with its attributes and images read into the context.
CHILD = Mapper(
    U.Child, **cols(str, id="pa.id_product_attribute", parent_id="pa.id_product"),
    **_PAGE, **_SIZES,
    **cols(sid, upc="pa.upc", ean="pa.ean13", mpn="pa.mpn", isbn="pa.isbn", gtin="pa.ean13",
           short_description="pl.description_short", full_description="pl.description"),
    inventory_level=col("sa.quantity", number), is_virtual=col("p.is_virtual", bool),
    **cols(a2c, created_time="p.date_add", modified_time="p.date_upd"),
    sku=calc(lambda r, c: sid(r.get("reference")) or sid(r.get("parent_reference")),
             "pa.reference", "p.reference AS parent_reference"),
    name=calc(lambda r, c: V.child_name(r.get("parent_name"), (
        x.get("attribute_name") for x in children("combination", "id_product_attribute")(r, c))),
        "pl.name AS parent_name"),
    images=Many(IMAGE, children("images", "id_product_attribute")),
    combination=Many(COMBINATION, children("combination", "id_product_attribute")),
    default_price=_plus("parent_price", "price", "ps.price AS parent_price"),
    weight=_plus("parent_weight", "weight", "p.weight AS parent_weight"),
    cost_price=calc(lambda r, c: V.child_cost(r.get("wholesale_price"), r.get("parent_wholesale")),
                    "pas.wholesale_price", "ps.wholesale_price AS parent_wholesale"),
    avail_for_sale=calc(_for_sale, "ps.active", "ps.available_for_order"),
    in_stock=_in_stock("quantity"), manage_stock=const(True),
    additional_fields=Extras(rest=True, price_impact=col("pas.price", number),
                             weight_impact=col("pas.weight", number)),
)


# -- categories, customers ---------------------------------------------------------------------

CATEGORY = Mapper(
    U.Category, **cols(str, id="c.id_category", parent_id="c.id_parent"),
    **cols(sid, name="cl.name", description="cl.description",
           short_description="cl.additional_description", seo_url="cl.link_rewrite",
           meta_title="cl.meta_title", meta_description="cl.meta_description",
           keywords="cl.meta_keywords"),
    sort_order=col("cs.position", whole), avail=col("c.active", bool),
    **cols(a2c, created_at="c.date_add", modified_at="c.date_upd"),
    additional_fields=Extras(rest=True))


def _phone(row: Row) -> str | None:
    return sid(row.get("phone")) or sid(row.get("phone_mobile"))


#: An ``address`` row with its country and state (``_kind`` and ``_default`` set by the
#: entity that reads it).
ADDRESS = Mapper(
    U.Address, id=at("id_address", convert=str), type=at("_kind"), default=at("_default"),
    **keys(sid, first_name="firstname", last_name="lastname", company="company",
           address1="address1", address2="address2", city="city", postcode="postcode"),
    state=calc(lambda r, c: U.State(code=sid(r.get("state_iso")), name=sid(r.get("state_name")))
               if r.get("state_name") else None),
    country=calc(lambda r, c: country(sid(r.get("country_iso")), sid(r.get("country_name")))),
    phone=calc(lambda r, c: _phone(r)),
    additional_fields=Extras(rest=True, skip=(
        "state_name", "state_iso", "country_iso", "country_name", "phone", "id_customer",
        "date_add", "date_upd", "deleted")))

GROUP = Mapper(U.CustomerGroup, id=at("id_group", convert=str), name=text("name"))


def _book(row: Row, c: Ctx) -> list[Row]:
    """The customer's addresses: shipping ones, the first the default."""
    return [{**a, "_kind": "shipping", "_default": n == 0}
            for n, a in enumerate(children("addresses", "id_customer")(row, c))]


CUSTOMER = Mapper(
    U.Customer, id=col("c.id_customer", str),
    **cols(sid, email="c.email", first_name="c.firstname", last_name="c.lastname",
           company="c.company"),
    **cols(a2c, created_time="c.date_add", modified_time="c.date_upd"),
    news_letter_subscription=col("c.newsletter", bool),
    status=col("c.active", lambda v: "enabled" if v else "disabled"),
    phone=calc(lambda r, c: next((p for a in _book(r, c) if (p := _phone(a))), None)),
    group=Many(GROUP, children("groups", "id_customer")), address_book=Many(ADDRESS, _book),
    additional_fields=Extras(rest=True, skip=("passwd", "secure_key", "reset_password_token"),
                             gender=col("c.id_gender", lambda v: V.GENDERS.get(str(v)))),
)


# -- orders, shipments, returns -----------------------------------------------------------------

ORDER_ITEM = Mapper(
    U.OrderItem, **keys(str, order_product_id="id_order_detail", product_id="product_id"),
    variant_id=at("product_attribute_id", convert=lambda v: str(v) if v else None),
    **keys(sid, model="product_reference", name="product_name"),
    **keys(number, price="unit_price_tax_excl", quantity="product_quantity",
           total_price="total_price_tax_excl", tax_percent="tax_rate", weight="product_weight"),
    additional_fields=Extras(price_inc_tax=num("unit_price_tax_incl"),
                             total_price_inc_tax=num("total_price_tax_incl")))


def _order_address(row: Row, c: Ctx, name: str) -> Row:
    found = c[name].get(row[f"id_address_{name}"])
    return found[0] if found else {}


def _address(kind: str, name: str) -> Nested:
    """An order's address, read into ``ctx[name]`` (``default`` is not nullable in the
    contract; an order's address is not the book's first)."""
    return Nested(ADDRESS, at=lambda r, c: {**a, "_kind": kind, "_default": False}
                  if (a := _order_address(r, c, name)) else None)


def _comment(row: Row, c: Ctx) -> str | None:
    """The order's last public message."""
    found = children("comments", "id_order")(row, c)
    return found[-1]["message"] if found else None


REFUND_ITEM = Mapper(
    U.RefundItem, **keys(str, product_id="product_id", order_product_id="id_order_detail"),
    variant_id=at("product_attribute_id", convert=lambda v: str(v) if v else None),
    qty=num("product_quantity"), refund=num("amount_tax_incl"))


def _given_back(row: Row, *parts: str) -> float:
    return sum(number(row[p]) or 0 for p in parts)


#: A credit slip (``order_slip``, its ``order_slip_detail`` lines read into the context) as
#: the Order_Refund it is: what it gave back, tax included.
REFUND = Mapper(
    U.OrderRefund, id=at("id_order_slip", convert=str), shipping=num("shipping_cost_amount"),
    tax=calc(lambda r, c: round(_given_back(r, "total_products_tax_incl", "total_shipping_tax_incl")
                                - _given_back(r, "total_products_tax_excl", "total_shipping_tax_excl"), 2)),
    total=calc(lambda r, c: round(_given_back(r, "amount", "shipping_cost_amount"), 2)),
    modified_time=at("date_upd", convert=a2c),
    items=Many(REFUND_ITEM, children("slip_lines", "id_order_slip")))


ORDER = Mapper(
    U.Order, **cols(str, id="o.id_order", order_id="o.id_order", store_id="o.id_shop"),
    create_at=col("o.date_add", a2c), modified_at=col("o.date_upd", a2c),
    customer=calc(lambda r, c: U.BaseCustomer(
        id=str(r["id_customer"]), email=sid(r.get("email")), first_name=sid(r.get("firstname")),
        last_name=sid(r.get("lastname")), phone=_phone(_order_address(r, c, "invoice"))),
        "o.id_customer", "cu.email", "cu.firstname", "cu.lastname"),
    currency=calc(lambda r, c: U.Currency(id=sid(r.get("id_currency")),
                                          iso3=sid(r.get("currency_iso"))),
                  "o.id_currency", "cur.iso_code AS currency_iso"),
    billing_address=_address("billing", "invoice"),
    shipping_address=_address("shipping", "delivery"),
    payment_method=calc(lambda r, c: U.NamedMethod(name=sid(r.get("payment"))), "o.payment"),
    shipping_method=calc(lambda r, c: U.NamedMethod(name=sid(r.get("carrier_name"))),
                         "ca.name AS carrier_name"),
    status=calc(lambda r, c: U.OrderStatus(id=sid(r.get("current_state")),
                                           name=sid(r.get("state_name"))),
                "o.current_state", "osl.name AS state_name"),
    totals=calc(lambda r, c: V.order_totals(r), "o.total_paid_tax_incl", "o.total_paid_tax_excl", "o.total_products",
                "o.total_shipping_tax_incl", "o.total_discounts_tax_incl"),
    order_products=Many(ORDER_ITEM, children("items", "id_order")), comment=calc(_comment),
    refunds=Many(REFUND, children("slips", "id_order")),
    additional_fields=Extras(rest=True, skip=("id_address_invoice", "id_address_delivery")),
)

_LINE = {**keys(str, order_product_id="id_order_detail", product_id="product_id"),
         "name": text("product_name")}
SHIPMENT_ITEM = Mapper(U.ShipmentItem, **_LINE, quantity=num("product_quantity"))


#: An ``order_carrier`` row (one tracking number) with the order's lines.
SHIPMENT = Mapper(
    U.Shipment, id=at("id_order_carrier", convert=str), order_id=at("id_order", convert=str),
    name=text("carrier_name"), shipment_provider=text("carrier_name"),
    tracking_numbers=calc(lambda r, c: [U.TrackingNumber(
        carrier_id=str(r["id_carrier"]), tracking_number=t)] if (t := sid(r.get("tracking_number"))) else []),
    created_at=at("date_add", convert=a2c), modified_time=at("date_add", convert=a2c),
    items=Many(SHIPMENT_ITEM, children("lines", "id_order")),
    is_shipped=calc(lambda r, c: bool(sid(r.get("tracking_number")))),
    additional_fields=Extras(weight=num("weight"),
                             shipping_cost_tax_incl=num("shipping_cost_tax_incl"),
                             carrier_url=text("carrier_url")))

RETURN_ITEM = Mapper(U.ReturnOrderProduct, **_LINE, sku=text("product_reference"),
                     quantity=at("product_quantity", convert=whole))


RETURN = Mapper(
    U.Return, **cols(str, id="r.id_order_return", order_id="r.id_order",
                     customer_id="r.id_customer"),
    **cols(iso, created_at="r.date_add", modified_at="r.date_upd"),
    status=calc(lambda r, c: named_status(r["state"], sid(r.get("state_name"))),
                "r.state", "rsl.name AS state_name"),
    order_products=Many(RETURN_ITEM, children("items", "id_order_return")),
    comment=col("r.question", sid))
