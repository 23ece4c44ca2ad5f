"""PrestaShop rows <-> the unified model.

Reading: ``product(row, ...)``, ``child(row)``, ``category(row)``, ``customer(row)``,
``order(row)``, ``shipment(row)``, ``return_(row)`` build the unified entities (pydantic models
of :mod:`anycart.model`) from a row and the child rows :mod:`.entities` hung on it (``_images``
...), and answer their wire dicts. Each declares its fields as a
:class:`~anycart.platforms.bridge.fieldmap.FieldMap`; columns no map reads go into
``additional_fields``.

Writing: ``PRODUCT_COLUMNS``, ``CATEGORY_LANG`` and ``CUSTOMER_COLUMNS`` declare which column
of which table each contract parameter writes (:func:`~anycart.platforms.bridge.columns.columns`
turns the parameters given into column values, so they serve add and update alike).

PrestaShop keeps one ``reference`` per product: it is both the contract's ``sku`` and
``model``. A product image's file is ``img/p/<digits of id>/<id>.jpg``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from anycart.contract.validation import parse_moment
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
    ReturnStatus,
    Shipment,
    ShipmentItem,
    SpecialPrice,
    State,
    TrackingNumber,
)
from anycart.platforms.bridge.address import AddressColumns, Lookup, Part
from anycart.platforms.bridge.columns import amount, bit, choice, integer, status, text
from anycart.platforms.bridge.fieldmap import FieldMap
from anycart.platforms.bridge.fieldmap import integer as whole
from anycart.platforms.bridge.values import a2c, from_db_time, iso, number, sid
from anycart.platforms.countries import country

#: PrestaShop's ``product.visibility`` <-> the contract's ``visible``.
VISIBILITY = {"everywhere": "both", "catalog": "catalog", "search": "search", "nowhere": "none"}
_VISIBLE = {v: k for k, v in VISIBILITY.items()}
#: ``customer.id_gender`` of a fresh PrestaShop install (1 Mr, 2 Mrs).
GENDERS = {"1": "male", "2": "female"}


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
                 alt=sid(row.get("legend")), sort_order=whole(row.get("position")),
                 type="base" if row.get("cover") else "additional")


# -- products ----------------------------------------------------------------------------------

_PRODUCT = FieldMap(
    text={"id": "id_product", "u_model": "reference", "u_sku": "reference", "name": "name",
          "description": "description", "short_description": "description_short",
          "u_brand": "manufacturer_name", "seo_url": "link_rewrite", "meta_title": "meta_title",
          "meta_keywords": "meta_keywords", "meta_description": "meta_description",
          "u_upc": "upc", "u_mpn": "mpn", "u_gtin": "ean13"},
    number={"price": "price", "cost_price": "wholesale_price", "quantity": "stock_quantity",
            "weight": "weight", "width": "width", "height": "height", "length": "depth"},
    date={"create_at": "date_add", "modified_at": "date_upd"}, flag={"on_sale": "on_sale"},
    used=frozenset({"quantity", "id_manufacturer", "active", "visibility", "available_for_order",
                    "is_virtual", "category_rewrite"}))


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


def product(row: dict[str, Any], shop: Storefront, lang: int) -> dict[str, Any]:
    """A product row with its hydrated ``_categories``, ``_images``, ``_options`` and
    ``_special``."""
    values = _PRODUCT.read(row)
    visible = row.get("visibility") or "both"
    options = row["_options"]
    return Product(
        **values, type="configurable" if options else ("virtual" if row.get("is_virtual") else "simple"),
        special_price=row["_special"], categories_ids=row["_categories"],
        u_brand_id=sid(row.get("id_manufacturer")) if row.get("id_manufacturer") else None,
        avail_view=bool(row.get("active")) and visible != "none",
        avail_sale=bool(row.get("active")) and bool(row.get("available_for_order")),
        in_stock=None if values["quantity"] is None else values["quantity"] > 0,
        images=[image(i, shop.base) for i in row["_images"]], url=shop.product_url(row, lang),
        product_options=[ProductOption.model_validate(o) for o in options],
        additional_fields={**_PRODUCT.extras(row), "visible": _VISIBLE.get(visible, visible),
                           "ean13": row.get("ean13")},
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
                id=str(gid), product_option_id=str(gid), name=sid(r.get("group_name")),
                description=sid(r.get("public_name")), sort_order=whole(r.get("group_position")),
                type=sid(r.get("group_type")), required=True, available=True,
                used_in_combination=True,
                additional_fields={"is_color_group": bool(r.get("is_color_group"))})
        key = (gid, int(r["id_attribute"]))
        if key in seen:
            continue
        seen.add(key)
        opt.option_items.append(ProductOptionValue(
            id=str(r["id_attribute"]), product_option_item_id=str(r["id_attribute"]),
            name=sid(r.get("attribute_name")), sort_order=whole(r.get("attribute_position")),
            type_price="fixed", additional_fields={"color": r.get("color") or None}))
    return [o.model_dump(by_alias=True) for o in sorted(groups.values(),
                                                         key=lambda o: (o.sort_order or 0, o.id))]


_CHILD = FieldMap(
    text={"id": "id_product_attribute", "parent_id": "id_product", "upc": "upc", "ean": "ean13",
          "mpn": "mpn", "isbn": "isbn", "gtin": "ean13", "seo_url": "link_rewrite",
          "short_description": "description_short", "full_description": "description",
          "meta_title": "meta_title", "meta_description": "meta_description",
          "meta_keywords": "meta_keywords"},
    number={"inventory_level": "quantity", "width": "width", "height": "height", "length": "depth"},
    date={"created_time": "date_add", "modified_time": "date_upd"}, flag={"is_virtual": "is_virtual"},
    used=frozenset({"reference", "price", "wholesale_price", "weight", "parent_price", "parent_weight",
                    "parent_wholesale", "parent_name", "parent_reference", "active",
                    "available_for_order", "out_of_stock"}))


def child(row: dict[str, Any], base: str = "") -> dict[str, Any]:
    """A combination (with its hydrated ``_combination`` and ``_images``) as a child item: its
    price and weight are the product's plus the combination's impact, as the shop shows them."""
    values = _CHILD.read(row)
    cost = row.get("wholesale_price")
    combination = row["_combination"]
    label = ", ".join(str(c.get("attribute_name")) for c in combination)
    return Child(
        **values, sku=sid(row.get("reference")) or sid(row.get("parent_reference")),
        name=f"{row.get('parent_name') or ''} - {label}" if label else sid(row.get("parent_name")),
        images=[image(i, base) for i in row["_images"]],
        combination=[ChildCombination(option_id=str(c["id_attribute_group"]),
                                      option_value_id=str(c["id_attribute"]),
                                      additional_fields={"option_name": c.get("group_name"),
                                                         "option_value_name": c.get("attribute_name")})
                     for c in combination],
        default_price=float(row.get("parent_price") or 0) + float(row.get("price") or 0),
        cost_price=float(cost) if cost not in (None, "") and float(cost) else number(row.get("parent_wholesale")),
        avail_for_sale=bool(row.get("active")) and bool(row.get("available_for_order")),
        in_stock=None if values["inventory_level"] is None else values["inventory_level"] > 0,
        manage_stock=True, weight=float(row.get("parent_weight") or 0) + float(row.get("weight") or 0),
        additional_fields={**_CHILD.extras(row), "price_impact": number(row.get("price")),
                           "weight_impact": number(row.get("weight"))},
    ).to_wire()


_BOTH = "product+product_shop"
#: Contract parameters -> ``product``, ``product_shop`` and ``product_lang`` columns.
PRODUCT_COLUMNS = (
    ("model", "product.reference", text(64)), ("sku", "product.reference", text(64)),
    ("price", f"{_BOTH}.price", amount), ("wholesale_price", f"{_BOTH}.wholesale_price", amount),
    ("cost_price", f"{_BOTH}.wholesale_price", amount), ("weight", "product.weight", amount),
    ("width", "product.width", amount), ("height", "product.height", amount),
    ("length", "product.depth", amount), ("upc", "product.upc", text(12)),
    ("mpn", "product.mpn", text(40)), ("gtin", "product.ean13", text(13)),
    ("ean", "product.ean13", text(13)), ("isbn", "product.isbn", text(32)),
    ("avail", f"{_BOTH}.active", bit), ("available_for_view", f"{_BOTH}.active", bit),
    ("available_for_sale", f"{_BOTH}.available_for_order", bit),
    ("visible", f"{_BOTH}.visibility", choice(VISIBILITY)),
    ("status", f"{_BOTH}.active", status()), ("on_sale", f"{_BOTH}.on_sale", bit),
    ("is_virtual", "product.is_virtual", bit), ("name", "product_lang.name", text(128)),
    ("meta_title", "product_lang.meta_title", text(128)),
    ("meta_keywords", "product_lang.meta_keywords", text(255)),
    ("meta_description", "product_lang.meta_description", text(512)),
    ("seo_url", "product_lang.link_rewrite", text(128)),
    ("description", "product_lang.description", text()),
    ("short_description", "product_lang.description_short", text()))
#: Contract parameters -> ``category``, ``category_shop`` and ``category_lang`` columns.
CATEGORY_COLUMNS = (
    ("avail", "category.active", bit), ("sort_order", "category+category_shop.position", integer),
    ("name", "category_lang.name", text(128)), ("meta_title", "category_lang.meta_title", text(255)),
    ("meta_keywords", "category_lang.meta_keywords", text(255)),
    ("meta_description", "category_lang.meta_description", text(512)),
    ("seo_url", "category_lang.link_rewrite", text(128)),
    ("description", "category_lang.description", text()),
    ("short_description", "category_lang.additional_description", text()))


#: An ``address`` row's columns from contract parameters (under the call's prefix: none,
#: ``address_book_`` or ``bill_``/``shipp_``), the country and state looked up by code or name.
ADDRESS = AddressColumns(
    Part("address1", ("address1", "address_1"), 128, required=True),
    Part("city", ("city",), 64, required=True),
    Part("alias", ("alias",), 32, default="My address"),
    Part("company", ("company",)),
    Part("lastname", ("last_name",), 255, fallback="lastname", default=""),
    Part("firstname", ("first_name",), 255, fallback="firstname", default=""),
    Part("address2", ("address2", "address_2")),
    Part("postcode", ("postcode",), 12, default="", blank_null=True),
    Part("phone", ("phone",)), Part("phone_mobile", ("phone_mobile",)),
    Part("vat_number", ("tax_id",)), Part("dni", ("identification_number",)),
    lookups=(Lookup("id_country", "country", "SELECT co.id_country FROM {p}country co LEFT JOIN"
                    " {p}country_lang cl ON cl.id_country = co.id_country WHERE co.iso_code ="
                    " :upper OR cl.name = :text LIMIT 1",
                    "a country of the shop (ISO 3166-1 alpha-2 code or name)", required=True),
             Lookup("id_state", "state", "SELECT id_state FROM {p}state WHERE id_country ="
                    " :id_country AND (iso_code = :upper OR name = :text) LIMIT 1",
                    "a state of the country (code or name)")))


def _birthday(name: str, value: Any) -> str:
    return parse_moment(name, value).strftime("%Y-%m-%d")


#: Contract parameters -> ``customer`` columns.
CUSTOMER_COLUMNS = (
    ("email", "customer.email", text(255)), ("first_name", "customer.firstname", text(255)),
    ("last_name", "customer.lastname", text(255)), ("company", "customer.company", text(255)),
    ("website", "customer.website", text(128)), ("note", "customer.note", text()),
    ("status", "customer.active", status()), ("news_letter_subscription", "customer.newsletter", bit),
    ("partner_offers_subscription", "customer.optin", bit),
    ("gender", "customer.id_gender", choice({"male": 1, "m": 1, "female": 2, "f": 2})),
    ("birth_day", "customer.birthday", _birthday))


# -- categories --------------------------------------------------------------------------------

_CATEGORY = FieldMap(
    text={"id": "id_category", "parent_id": "id_parent", "name": "name",
          "description": "description", "short_description": "additional_description",
          "seo_url": "link_rewrite", "meta_title": "meta_title",
          "meta_description": "meta_description", "keywords": "meta_keywords"},
    integer={"sort_order": "position"}, flag={"avail": "active"},
    date={"created_at": "date_add", "modified_at": "date_upd"})


def category(row: dict[str, Any]) -> dict[str, Any]:
    return Category(**_CATEGORY.read(row), additional_fields=_CATEGORY.extras(row)).to_wire()


# -- customers ---------------------------------------------------------------------------------

_ADDRESS = FieldMap(
    text={"id": "id_address", "first_name": "firstname", "last_name": "lastname",
          "company": "company", "address1": "address1", "address2": "address2", "city": "city",
          "postcode": "postcode"},
    used=frozenset({"state_name", "state_iso", "country_iso", "country_name", "phone",
                    "id_customer", "date_add", "date_upd", "deleted"}))


def address(row: dict[str, Any] | None, kind: str | None = None,
            default: bool | None = None) -> Address | None:
    if not row:
        return None
    return Address(
        **_ADDRESS.read(row), type=kind, default=default,
        state=State(code=sid(row.get("state_iso")), name=sid(row.get("state_name")))
        if row.get("state_name") else None,
        country=country(sid(row.get("country_iso")), sid(row.get("country_name"))),
        phone=sid(row.get("phone")) or sid(row.get("phone_mobile")),
        additional_fields=_ADDRESS.extras(row))


_CUSTOMER = FieldMap(
    text={"id": "id_customer", "email": "email", "first_name": "firstname",
          "last_name": "lastname", "company": "company"},
    date={"created_time": "date_add", "modified_time": "date_upd"},
    flag={"news_letter_subscription": "newsletter"},
    used=frozenset({"active", "passwd", "secure_key", "reset_password_token", "id_gender"}))


def customer(row: dict[str, Any]) -> dict[str, Any]:
    """A customer row with its hydrated ``_groups`` and ``_addresses``."""
    book = [address(a, "shipping", default=i == 0) for i, a in enumerate(row["_addresses"])]
    return Customer(
        **_CUSTOMER.read(row), phone=next((b.phone for b in book if b and b.phone), None),
        group=[CustomerGroup(id=str(g["id_group"]), name=sid(g.get("name"))) for g in row["_groups"]],
        status="enabled" if row.get("active") else "disabled", address_book=[b for b in book if b],
        additional_fields={**_CUSTOMER.extras(row), "gender": GENDERS.get(str(row.get("id_gender")))},
    ).to_wire()


def customer_group(row: dict[str, Any]) -> dict[str, Any]:
    return {**CustomerGroup(id=str(row["id_group"]), name=sid(row.get("name"))).model_dump(),
            "additional_fields": FieldMap(used=frozenset({"id_group", "name"})).extras(row)}


# -- orders ------------------------------------------------------------------------------------

_ORDER = FieldMap(
    text={"id": "id_order", "order_id": "id_order", "store_id": "id_shop"},
    date={"create_at": "date_add", "modified_at": "date_upd"},
    used=frozenset({"id_customer", "email", "firstname", "lastname", "id_currency", "currency_iso",
                    "payment", "carrier_name", "current_state", "state_name",
                    "total_paid_tax_incl", "total_paid_tax_excl", "total_products",
                    "total_shipping_tax_incl", "total_discounts_tax_incl", "secure_key",
                    "id_address_invoice", "id_address_delivery"}))


def order(row: dict[str, Any]) -> dict[str, Any]:
    """An order row with its hydrated ``_items``, ``_billing``, ``_shipping`` and
    ``_comment``."""
    total = float(row.get("total_paid_tax_incl") or 0)
    # default is not nullable in the contract; an order's address is not the book's first.
    bill = address(row["_billing"], "billing", default=False)
    return Order(
        **_ORDER.read(row),
        customer=BaseCustomer(id=str(row["id_customer"]), email=sid(row.get("email")),
                              first_name=sid(row.get("firstname")),
                              last_name=sid(row.get("lastname")),
                              phone=bill.phone if bill else None),
        currency=Currency(id=sid(row.get("id_currency")), iso3=sid(row.get("currency_iso"))),
        billing_address=bill, shipping_address=address(row["_shipping"], "shipping", default=False),
        payment_method=NamedMethod(name=sid(row.get("payment"))),
        shipping_method=NamedMethod(name=sid(row.get("carrier_name"))),
        status=OrderStatus(id=sid(row.get("current_state")), name=sid(row.get("state_name"))),
        totals=OrderTotals(total=total, subtotal=number(row.get("total_products")),
                           shipping=number(row.get("total_shipping_tax_incl")),
                           tax=round(total - float(row.get("total_paid_tax_excl") or 0), 6),
                           discount=number(row.get("total_discounts_tax_incl"))),
        order_products=[order_item(i) for i in row["_items"]], comment=row["_comment"],
        additional_fields=_ORDER.extras(row),
    ).to_wire()


def order_item(row: dict[str, Any]) -> OrderItem:
    variant = row.get("product_attribute_id")
    return OrderItem(
        order_product_id=str(row["id_order_detail"]), product_id=str(row["product_id"]),
        variant_id=str(variant) if variant else None, model=sid(row.get("product_reference")),
        name=sid(row.get("product_name")), price=number(row.get("unit_price_tax_excl")),
        quantity=number(row.get("product_quantity")),
        total_price=number(row.get("total_price_tax_excl")), tax_percent=number(row.get("tax_rate")),
        weight=number(row.get("product_weight")),
        additional_fields={"price_inc_tax": number(row.get("unit_price_tax_incl")),
                           "total_price_inc_tax": number(row.get("total_price_tax_incl"))})


def shipment(row: dict[str, Any]) -> dict[str, Any]:
    tracking = sid(row.get("tracking_number"))
    return Shipment(
        id=str(row["id_order_carrier"]), order_id=str(row["id_order"]),
        name=sid(row.get("carrier_name")), shipment_provider=sid(row.get("carrier_name")),
        tracking_numbers=[TrackingNumber(carrier_id=str(row["id_carrier"]), tracking_number=tracking)]
        if tracking else [],
        created_at=a2c(row.get("date_add")), modified_time=a2c(row.get("date_add")),
        items=[ShipmentItem(order_product_id=str(i["id_order_detail"]),
                            product_id=str(i["product_id"]), name=sid(i.get("product_name")),
                            quantity=number(i.get("product_quantity"))) for i in row["_items"]],
        is_shipped=bool(tracking),
        additional_fields={"weight": number(row.get("weight")),
                           "shipping_cost_tax_incl": number(row.get("shipping_cost_tax_incl")),
                           "carrier_url": sid(row.get("carrier_url"))},
    ).to_wire()


def return_(row: dict[str, Any]) -> dict[str, Any]:
    return Return(
        id=str(row["id_order_return"]), order_id=str(row["id_order"]),
        customer_id=str(row["id_customer"]), created_at=iso(row.get("date_add")),
        modified_at=iso(row.get("date_upd")),
        status=ReturnStatus(id=str(row["state"]), name=sid(row.get("state_name"))),
        order_products=[ReturnOrderProduct(
            product_id=str(i["product_id"]), order_product_id=str(i["id_order_detail"]),
            sku=sid(i.get("product_reference")), name=sid(i.get("product_name")),
            quantity=whole(i.get("product_quantity"))) for i in row["_items"]],
        comment=sid(row.get("question")),
    ).to_wire()
