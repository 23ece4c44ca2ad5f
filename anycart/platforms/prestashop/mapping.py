"""PrestaShop rows <-> the unified model.

Reading: ``product(row, extras)``, ``child(...)``, ``product_option(...)``, ``category(row)``,
``customer(row, groups, addresses)``, ``address(row)``, ``order(row, ...)``,
``shipment(row, items)``, ``return_(row, items)`` build the unified entities (pydantic models
of :mod:`anycart.model`) and answer their wire dicts. Columns with no unified home go into
``additional_fields``.

Writing: ``product_columns(params)`` and friends turn contract parameters into column values
of the cart's tables (only the parameters given, so they serve add and update alike).

PrestaShop keeps one ``reference`` per product: it is both the contract's ``sku`` and
``model``. A product image's file is ``img/p/<digits of id>/<id>.jpg``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from anycart.errors import ApiError
from anycart.model import (
    A2CDateTime,
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
    ReturnStatus,
    Shipment,
    ShipmentItem,
    SpecialPrice,
    State,
    TrackingNumber,
)
from anycart.platforms.bridge.sqlkit import from_db_time
from anycart.platforms.countries import country

#: PrestaShop's ``product.visibility`` <-> the contract's ``visible``.
VISIBILITY = {"everywhere": "both", "catalog": "catalog", "search": "search", "nowhere": "none"}
_VISIBLE = {v: k for k, v in VISIBILITY.items()}
#: ``customer.id_gender`` of a fresh PrestaShop install (1 Mr, 2 Mrs).
GENDERS = {"1": "male", "2": "female"}


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _float(value: Any) -> float | None:
    return None if value is None or value == "" else float(value)


def _int(value: Any) -> int | None:
    return None if value is None or value == "" else int(value)


def a2c(value: Any) -> A2CDateTime | None:
    return A2CDateTime.of(from_db_time(value))


def iso(value: Any) -> str | None:
    moment = from_db_time(value)
    return moment.strftime("%Y-%m-%dT%H:%M:%S%z") if moment else None


def _plain(value: Any) -> Any:
    """Column values as JSON-friendly scalars (DECIMAL -> float, DATETIME -> text)."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    return value


def extras(row: dict[str, Any], used: set[str]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in row.items() if k not in used and not k.startswith("_")}


# -- images ------------------------------------------------------------------------------------

def image_path(id_image: int | str) -> str:
    """Where PrestaShop keeps an image file: ``img/p/1/2/3/123.jpg`` for image 123."""
    digits = "/".join(str(id_image))
    return f"img/p/{digits}/{id_image}.jpg"


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


def image(row: dict[str, Any], base: str = "") -> Image:
    """The image file as the shop serves it (``<base>img/p/1/2/12.jpg``)."""
    path = image_path(row["id_image"])
    return Image(id=str(row["id_image"]), http_path=base + path, file_name=path.rsplit("/", 1)[-1],
                 alt=_str(row.get("legend")), sort_order=_int(row.get("position")),
                 type="base" if row.get("cover") else "additional")


# -- products ----------------------------------------------------------------------------------

_PRODUCT_USED = {"id_product", "reference", "name", "description", "description_short", "price",
                 "wholesale_price", "quantity", "id_manufacturer", "manufacturer_name",
                 "link_rewrite", "meta_title", "meta_keywords", "meta_description", "active",
                 "visibility", "available_for_order", "weight", "width", "height", "depth",
                 "on_sale", "date_add", "date_upd", "upc", "mpn", "ean13", "is_virtual",
                 "stock_quantity", "category_rewrite"}


def special_price(row: dict[str, Any] | None, base: float | None, now: datetime) -> SpecialPrice | None:
    """The shop-wide ``specific_price`` row (any customer, group, country, currency, from one
    unit) as the contract's special price: a fixed ``price`` (-1 keeps the product's) less
    its reduction, available while ``from``/``to`` (zero = open) hold ``now``."""
    if not row:
        return None
    price = float(row["price"])
    value = (base or 0.0) if price < 0 else price
    reduction = float(row.get("reduction") or 0)
    value = value * (1 - reduction) if row.get("reduction_type") == "percentage" else value - reduction
    start, end = from_db_time(row.get("from")), from_db_time(row.get("to"))
    return SpecialPrice(value=round(value, 6), avail=(start is None or start <= now)
                        and (end is None or now <= end),
                        created_at=a2c(row.get("from")), expired_at=a2c(row.get("to")),
                        additional_fields={"id_specific_price": str(row["id_specific_price"])})


def product(row: dict[str, Any], categories: list[str], images: list[dict[str, Any]],
            options: list[dict[str, Any]], special: SpecialPrice | None = None,
            shop: Storefront | None = None, lang: int = 0) -> dict[str, Any]:
    quantity = _float(row.get("stock_quantity"))
    visible = row.get("visibility") or "both"
    kind = "configurable" if options else ("virtual" if row.get("is_virtual") else "simple")
    extra = extras(row, _PRODUCT_USED)
    extra["visible"] = _VISIBLE.get(visible, visible)
    extra["ean13"] = row.get("ean13")
    return Product(
        id=str(row["id_product"]), type=kind, u_model=_str(row.get("reference")),
        u_sku=_str(row.get("reference")), name=_str(row.get("name")),
        description=_str(row.get("description")),
        short_description=_str(row.get("description_short")),
        price=_float(row.get("price")), cost_price=_float(row.get("wholesale_price")),
        special_price=special, quantity=quantity,
        u_brand_id=_str(row.get("id_manufacturer")) if row.get("id_manufacturer") else None,
        u_brand=_str(row.get("manufacturer_name")), categories_ids=categories,
        seo_url=_str(row.get("link_rewrite")), meta_title=_str(row.get("meta_title")),
        meta_keywords=_str(row.get("meta_keywords")),
        meta_description=_str(row.get("meta_description")),
        avail_view=bool(row.get("active")) and visible != "none",
        avail_sale=bool(row.get("active")) and bool(row.get("available_for_order")),
        weight=_float(row.get("weight")), width=_float(row.get("width")),
        height=_float(row.get("height")), length=_float(row.get("depth")),
        in_stock=None if quantity is None else quantity > 0, on_sale=bool(row.get("on_sale")),
        create_at=a2c(row.get("date_add")), modified_at=a2c(row.get("date_upd")),
        images=[image(i, shop.base if shop else "") for i in images],
        url=shop.product_url(row, lang) if shop else None,
        product_options=[ProductOption.model_validate(o) for o in options],
        u_upc=_str(row.get("upc")), u_mpn=_str(row.get("mpn")), u_gtin=_str(row.get("ean13")),
        additional_fields=extra,
    ).to_wire()


def product_options(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Options of a product from its combinations' attributes (one row per attribute used):
    an attribute group is an option, its attributes the values."""
    groups: dict[int, ProductOption] = {}
    seen: set[tuple[int, int]] = set()
    for r in rows:
        gid = int(r["id_attribute_group"])
        opt = groups.get(gid)
        if opt is None:
            opt = groups[gid] = ProductOption(
                id=str(gid), product_option_id=str(gid), name=_str(r.get("group_name")),
                description=_str(r.get("public_name")), sort_order=_int(r.get("group_position")),
                type=_str(r.get("group_type")), required=True, available=True,
                used_in_combination=True,
                additional_fields={"is_color_group": bool(r.get("is_color_group"))})
        key = (gid, int(r["id_attribute"]))
        if key in seen:
            continue
        seen.add(key)
        opt.option_items.append(ProductOptionValue(
            id=str(r["id_attribute"]), product_option_item_id=str(r["id_attribute"]),
            name=_str(r.get("attribute_name")), sort_order=_int(r.get("attribute_position")),
            type_price="fixed", additional_fields={"color": r.get("color") or None}))
    return [o.model_dump(by_alias=True) for o in sorted(groups.values(),
                                                         key=lambda o: (o.sort_order or 0, o.id))]


_CHILD_USED = {"id_product_attribute", "id_product", "reference", "ean13", "upc", "mpn", "isbn",
               "price", "wholesale_price", "weight", "quantity", "parent_price",
               "parent_weight", "parent_wholesale", "parent_name", "parent_reference",
               "date_add", "date_upd", "active", "available_for_order", "width", "height",
               "depth", "description", "description_short", "meta_title", "meta_description",
               "meta_keywords", "link_rewrite", "is_virtual", "out_of_stock"}


def child(row: dict[str, Any], combination: list[dict[str, Any]],
          images: list[dict[str, Any]], base: str = "") -> dict[str, Any]:
    """A combination as a child item: its price and weight are the product's plus the
    combination's impact, as the shop shows them."""
    price = float(row.get("parent_price") or 0) + float(row.get("price") or 0)
    weight = float(row.get("parent_weight") or 0) + float(row.get("weight") or 0)
    cost = row.get("wholesale_price")
    quantity = _float(row.get("quantity"))
    label = ", ".join(str(c.get("attribute_name")) for c in combination)
    name = f"{row.get('parent_name') or ''} - {label}" if label else _str(row.get("parent_name"))
    extra = extras(row, _CHILD_USED)
    extra.update(price_impact=_float(row.get("price")), weight_impact=_float(row.get("weight")))
    return Child(
        id=str(row["id_product_attribute"]), parent_id=str(row["id_product"]),
        sku=_str(row.get("reference")) or _str(row.get("parent_reference")),
        upc=_str(row.get("upc")), ean=_str(row.get("ean13")), mpn=_str(row.get("mpn")),
        isbn=_str(row.get("isbn")), gtin=_str(row.get("ean13")),
        seo_url=_str(row.get("link_rewrite")),
        created_time=a2c(row.get("date_add")), modified_time=a2c(row.get("date_upd")),
        name=name, short_description=_str(row.get("description_short")),
        full_description=_str(row.get("description")), images=[image(i, base) for i in images],
        combination=[ChildCombination(option_id=str(c["id_attribute_group"]),
                                      option_value_id=str(c["id_attribute"]),
                                      additional_fields={"option_name": c.get("group_name"),
                                                         "option_value_name": c.get("attribute_name")})
                     for c in combination],
        default_price=price,
        cost_price=float(cost) if cost not in (None, "") and float(cost) else _float(row.get("parent_wholesale")),
        avail_for_sale=bool(row.get("active")) and bool(row.get("available_for_order")),
        in_stock=None if quantity is None else quantity > 0, manage_stock=True,
        inventory_level=quantity, weight=weight, width=_float(row.get("width")),
        height=_float(row.get("height")), length=_float(row.get("depth")),
        meta_title=_str(row.get("meta_title")), meta_description=_str(row.get("meta_description")),
        meta_keywords=_str(row.get("meta_keywords")), is_virtual=bool(row.get("is_virtual")),
        additional_fields=extra,
    ).to_wire()


def product_columns(p: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Contract parameters -> columns per table (``product``, ``product_shop``,
    ``product_lang``), only for the parameters given."""
    base: dict[str, Any] = {}
    shop: dict[str, Any] = {}
    lang: dict[str, Any] = {}
    # One reference and one ean13: a second, different value would be silently lost.
    for one, other, column in (("sku", "model", "reference"), ("gtin", "ean", "ean13")):
        if p.get(one) not in (None, "") and p.get(other) not in (None, "") and str(p[one]) != str(p[other]):
            raise ApiError.invalid(other, f"the same value as {one} (PrestaShop keeps one {column})")
    reference = p.get("sku") if p.get("sku") is not None else p.get("model")
    if reference is not None:
        base["reference"] = _bounded("sku" if p.get("sku") is not None else "model", reference, 64)
    for src, col in (("price", "price"), ("wholesale_price", "wholesale_price"),
                     ("cost_price", "wholesale_price")):
        if p.get(src) is not None:
            base[col] = shop[col] = _non_negative(src, p[src])
    for src, col in (("weight", "weight"), ("width", "width"), ("height", "height"),
                     ("length", "depth")):
        if p.get(src) is not None:
            base[col] = _non_negative(src, p[src])
    for src, col, size in (("upc", "upc", 12), ("mpn", "mpn", 40), ("gtin", "ean13", 13),
                           ("ean", "ean13", 13), ("isbn", "isbn", 32)):
        if p.get(src) is not None:
            base[col] = _bounded(src, p[src], size)
    view = p.get("available_for_view", p.get("avail"))
    if view is not None:
        base["active"] = shop["active"] = 1 if view else 0
    if p.get("available_for_sale") is not None:
        base["available_for_order"] = shop["available_for_order"] = 1 if p["available_for_sale"] else 0
    if p.get("visible") is not None:
        vis = VISIBILITY.get(str(p["visible"]).lower())
        if vis is None:
            raise ApiError.invalid("visible", "one of " + ", ".join(VISIBILITY))
        base["visibility"] = shop["visibility"] = vis
    if p.get("status") is not None:
        status = str(p["status"]).lower()
        if status not in ("enabled", "disabled"):
            raise ApiError.invalid("status", "enabled or disabled")
        base["active"] = shop["active"] = 1 if status == "enabled" else 0
    if p.get("on_sale") is not None:
        base["on_sale"] = shop["on_sale"] = 1 if p["on_sale"] else 0
    if p.get("is_virtual") is not None:
        base["is_virtual"] = 1 if p["is_virtual"] else 0
    for src, col, size in (("name", "name", 128), ("meta_title", "meta_title", 128),
                           ("meta_keywords", "meta_keywords", 255),
                           ("meta_description", "meta_description", 512),
                           ("seo_url", "link_rewrite", 128)):
        if p.get(src) is not None:
            lang[col] = _bounded(src, p[src], size)
    for src, col in (("description", "description"), ("short_description", "description_short")):
        if p.get(src) is not None:
            lang[col] = str(p[src])
    return {"product": base, "product_shop": shop, "product_lang": lang}


def link_rewrite(name: str) -> str:
    """PrestaShop's friendly URL from a name (``Tools::str2url`` without transliteration)."""
    out = "".join(c.lower() if c.isalnum() else "-" for c in name)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")[:128] or "item"


def _non_negative(name: str, value: Any) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ApiError.invalid(name, "number") from None
    if number < 0:
        raise ApiError.invalid(name, "a number not below 0")
    return number


def _bounded(name: str, value: Any, size: int) -> str:
    text = str(value)
    if len(text) > size:
        raise ApiError.invalid(name, f"string of at most {size} characters")
    return text


# -- categories --------------------------------------------------------------------------------

_CATEGORY_USED = {"id_category", "id_parent", "name", "description", "active", "position",
                  "link_rewrite", "meta_title", "meta_description", "meta_keywords", "date_add",
                  "date_upd", "additional_description"}


def category(row: dict[str, Any]) -> dict[str, Any]:
    return Category(
        id=str(row["id_category"]), parent_id=str(row["id_parent"]), name=_str(row.get("name")),
        description=_str(row.get("description")),
        short_description=_str(row.get("additional_description")), avail=bool(row.get("active")),
        sort_order=_int(row.get("position")), seo_url=_str(row.get("link_rewrite")),
        meta_title=_str(row.get("meta_title")), meta_description=_str(row.get("meta_description")),
        keywords=_str(row.get("meta_keywords")), created_at=a2c(row.get("date_add")),
        modified_at=a2c(row.get("date_upd")), additional_fields=extras(row, _CATEGORY_USED),
    ).to_wire()


def category_lang_columns(p: dict[str, Any]) -> dict[str, Any]:
    cols: dict[str, Any] = {}
    for src, col, size in (("name", "name", 128), ("meta_title", "meta_title", 255),
                           ("meta_keywords", "meta_keywords", 255),
                           ("meta_description", "meta_description", 512),
                           ("seo_url", "link_rewrite", 128)):
        if p.get(src) is not None:
            cols[col] = _bounded(src, p[src], size)
    for src, col in (("description", "description"),
                     ("short_description", "additional_description")):
        if p.get(src) is not None:
            cols[col] = str(p[src])
    return cols


# -- customers ---------------------------------------------------------------------------------

_ADDRESS_USED = {"id_address", "firstname", "lastname", "company", "address1", "address2",
                 "city", "postcode", "state_name", "state_iso", "country_iso", "country_name",
                 "phone", "id_customer", "date_add", "date_upd", "deleted"}


def address(row: dict[str, Any] | None, kind: str | None = None,
            default: bool | None = None) -> Address | None:
    if not row:
        return None
    return Address(
        id=str(row["id_address"]), type=kind, first_name=_str(row.get("firstname")),
        last_name=_str(row.get("lastname")), company=_str(row.get("company")),
        address1=_str(row.get("address1")), address2=_str(row.get("address2")),
        city=_str(row.get("city")), postcode=_str(row.get("postcode")),
        state=State(code=_str(row.get("state_iso")), name=_str(row.get("state_name")))
        if row.get("state_name") else None,
        country=country(_str(row.get("country_iso")), _str(row.get("country_name"))),
        phone=_str(row.get("phone")) or _str(row.get("phone_mobile")), default=default,
        additional_fields=extras(row, _ADDRESS_USED))


_CUSTOMER_USED = {"id_customer", "email", "firstname", "lastname", "company", "date_add",
                  "date_upd", "active", "newsletter", "passwd", "secure_key",
                  "reset_password_token", "id_gender"}


def customer(row: dict[str, Any], groups: list[dict[str, Any]],
             addresses: list[dict[str, Any]]) -> dict[str, Any]:
    book = [address(a, "shipping", default=i == 0) for i, a in enumerate(addresses)]
    extra = extras(row, _CUSTOMER_USED)
    extra["gender"] = GENDERS.get(str(row.get("id_gender")))
    return Customer(
        id=str(row["id_customer"]), email=_str(row.get("email")),
        first_name=_str(row.get("firstname")), last_name=_str(row.get("lastname")),
        phone=next((b.phone for b in book if b and b.phone), None),
        company=_str(row.get("company")), created_time=a2c(row.get("date_add")),
        modified_time=a2c(row.get("date_upd")),
        group=[CustomerGroup(id=str(g["id_group"]), name=_str(g.get("name"))) for g in groups],
        status="enabled" if row.get("active") else "disabled",
        news_letter_subscription=bool(row.get("newsletter")),
        address_book=[b for b in book if b], additional_fields=extra,
    ).to_wire()


def customer_group(row: dict[str, Any]) -> dict[str, Any]:
    return {**CustomerGroup(id=str(row["id_group"]), name=_str(row.get("name"))).model_dump(),
            "additional_fields": extras(row, {"id_group", "name"})}


# -- orders ------------------------------------------------------------------------------------

_ORDER_USED = {"id_order", "id_customer", "email", "firstname", "lastname", "date_add",
               "date_upd", "id_currency", "currency_iso", "payment", "carrier_name",
               "current_state", "state_name", "total_paid_tax_incl", "total_paid_tax_excl",
               "total_products", "total_shipping_tax_incl", "total_discounts_tax_incl",
               "id_shop", "secure_key", "id_address_invoice", "id_address_delivery"}


def order(row: dict[str, Any], items: list[dict[str, Any]], billing: dict[str, Any] | None,
          shipping: dict[str, Any] | None, comment: str | None) -> dict[str, Any]:
    total = float(row.get("total_paid_tax_incl") or 0)
    tax = round(total - float(row.get("total_paid_tax_excl") or 0), 6)
    # default is not nullable in the contract; an order's address is not the book's first.
    bill = address(billing, "billing", default=False)
    return Order(
        id=str(row["id_order"]), order_id=str(row["id_order"]),
        customer=BaseCustomer(id=str(row["id_customer"]), email=_str(row.get("email")),
                              first_name=_str(row.get("firstname")),
                              last_name=_str(row.get("lastname")),
                              phone=bill.phone if bill else None),
        create_at=a2c(row.get("date_add")), modified_at=a2c(row.get("date_upd")),
        currency=Currency(id=_str(row.get("id_currency")), iso3=_str(row.get("currency_iso"))),
        billing_address=bill, shipping_address=address(shipping, "shipping", default=False),
        payment_method=NamedMethod(name=_str(row.get("payment"))),
        shipping_method=NamedMethod(name=_str(row.get("carrier_name"))),
        status=OrderStatus(id=_str(row.get("current_state")), name=_str(row.get("state_name"))),
        totals=OrderTotals(total=total, subtotal=_float(row.get("total_products")),
                           shipping=_float(row.get("total_shipping_tax_incl")), tax=tax,
                           discount=_float(row.get("total_discounts_tax_incl"))),
        order_products=[order_item(i) for i in items], comment=comment,
        store_id=_str(row.get("id_shop")), additional_fields=extras(row, _ORDER_USED),
    ).to_wire()


def order_item(row: dict[str, Any]) -> OrderItem:
    variant = row.get("product_attribute_id")
    return OrderItem(
        order_product_id=str(row["id_order_detail"]), product_id=str(row["product_id"]),
        variant_id=str(variant) if variant else None, model=_str(row.get("product_reference")),
        name=_str(row.get("product_name")), price=_float(row.get("unit_price_tax_excl")),
        quantity=_float(row.get("product_quantity")),
        total_price=_float(row.get("total_price_tax_excl")), tax_percent=_float(row.get("tax_rate")),
        weight=_float(row.get("product_weight")),
        additional_fields={"price_inc_tax": _float(row.get("unit_price_tax_incl")),
                           "total_price_inc_tax": _float(row.get("total_price_tax_incl"))})


def shipment(row: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    number = _str(row.get("tracking_number"))
    return Shipment(
        id=str(row["id_order_carrier"]), order_id=str(row["id_order"]),
        name=_str(row.get("carrier_name")), shipment_provider=_str(row.get("carrier_name")),
        tracking_numbers=[TrackingNumber(carrier_id=str(row["id_carrier"]), tracking_number=number)]
        if number else [],
        created_at=a2c(row.get("date_add")), modified_time=a2c(row.get("date_add")),
        items=[ShipmentItem(order_product_id=str(i["id_order_detail"]),
                            product_id=str(i["product_id"]), name=_str(i.get("product_name")),
                            quantity=_float(i.get("product_quantity"))) for i in items],
        is_shipped=bool(number),
        additional_fields={"weight": _float(row.get("weight")),
                           "shipping_cost_tax_incl": _float(row.get("shipping_cost_tax_incl")),
                           "carrier_url": _str(row.get("carrier_url"))},
    ).to_wire()


def return_(row: dict[str, Any], items: list[dict[str, Any]]) -> dict[str, Any]:
    return Return(
        id=str(row["id_order_return"]), order_id=str(row["id_order"]),
        customer_id=str(row["id_customer"]), created_at=iso(row.get("date_add")),
        modified_at=iso(row.get("date_upd")),
        status=ReturnStatus(id=str(row["state"]), name=_str(row.get("state_name"))),
        order_products=[ReturnOrderProduct(
            product_id=str(i["product_id"]), order_product_id=str(i["id_order_detail"]),
            sku=_str(i.get("product_reference")), name=_str(i.get("product_name")),
            quantity=_int(i.get("product_quantity"))) for i in items],
        comment=_str(row.get("question")),
    ).to_wire()
