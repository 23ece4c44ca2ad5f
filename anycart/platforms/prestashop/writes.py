"""What PrestaShop's writes write, declared: contract parameters -> the columns of
``product``/``product_shop``/``product_lang``, ``category``... ``customer`` and ``orders``
(:func:`~anycart.platforms.bridge.columns.columns`: the parameters given, for add and update
alike), the entities' rows with their ``_shop`` and ``_lang`` companions, the link and stock
tables, and the ``address`` row customers and orders write alike. One ``reference`` per
product is both the contract's ``sku`` and ``model``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.contract.validation import parse_moment
from anycart.platforms.bridge.address import AddressColumns, Lookup, Part
from anycart.platforms.bridge.columns import (
    Spec,
    amount,
    bit,
    bounded,
    choice,
    email,
    integer,
    status,
    text,
)
from anycart.platforms.bridge.positions import RankedLink
from anycart.platforms.bridge.sides import Side
from anycart.platforms.bridge.stockrows import StockRows
from anycart.platforms.bridge.writes import Link, Writes
from anycart.platforms.bridge.writes import Part as Rows
from anycart.platforms.prestashop_values import VISIBILITY

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
    ("is_virtual", "product.is_virtual", bit),
    ("manufacturer_id", "product.id_manufacturer", integer),
    ("quantity", "product.quantity", integer),
    ("name", "product_lang.name", text(128)),
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
    ("email", "customer.email", email()), ("first_name", "customer.firstname", text(255)),
    ("last_name", "customer.lastname", text(255)), ("company", "customer.company", text(255)),
    ("website", "customer.website", text(128)), ("note", "customer.note", text()),
    ("status", "customer.active", status()), ("news_letter_subscription", "customer.newsletter", bit),
    ("partner_offers_subscription", "customer.optin", bit),
    ("gender", "customer.id_gender", choice({"male": 1, "m": 1, "female": 2, "f": 2})),
    ("birth_day", "customer.birthday", _birthday))
#: Contract parameters -> ``orders`` columns order.update writes (a payment given blank is
#: not written: an order keeps the name of its payment).
ORDER_COLUMNS = (
    ("order_payment_method", "orders.payment", lambda name, value: bounded(name, value, 255)),
    ("admin_private_comment", "orders.note", text()))
#: A customer row (a new one: PrestaShop's defaults, active), and its groups.
CUSTOMER_ROWS = Writes(main=Rows("customer", "id_customer", defaults={
    "id_gender": 0, "firstname": "", "lastname": "", "active": 1}),
    spec=CUSTOMER_COLUMNS, created="date_add", modified="date_upd")
CUSTOMER_GROUPS = Link("customer_group", "id_customer", "id_group")


def _localised(table: str, alias: str, spec: Spec = (), per_shop: bool = True,
               shared: Mapping[str, Any] | None = None, base: Mapping[str, Any] | None = None,
               modified: str | None = "date_upd",
               shop_modified: str | None = None) -> tuple[Writes, Side, Side]:
    """``<table>`` with its ``_shop`` and ``_lang`` rows (per shop too, ``per_shop``) in the
    context's ``shop`` and ``lang`` (on add, a list: every language of the shop), read as
    ``<alias>s`` and ``<alias>l``; an added entity's base and ``_shop`` rows start from
    ``shared``, the base row from ``base`` too."""
    key, shop = f"id_{table}", {"id_shop": "shop"}
    langs = {**(shop if per_shop else {}), "id_lang": "lang"}
    sides = (Side(f"{table}_shop", key, shop, defaults=shared or {}, modified=shop_modified,
                  alias=f"{alias}s"),
             Side(f"{table}_lang", key, langs, alias=f"{alias}l"))
    main = Rows(table, key, defaults={**(shared or {}), **(base or {})})
    return Writes(main=main, spec=spec, modified=modified, parts=sides), *sides


#: A new product is active, for sale and visible everywhere unless the call says otherwise.
PRODUCT_ROWS, PRODUCT_SHOP, PRODUCT_LANG = _localised(
    "product", "p", PRODUCT_COLUMNS, shop_modified="date_upd", shared={
        "id_tax_rules_group": 0, "active": 1, "available_for_order": 1, "visibility": "both"})
CATEGORY_ROWS, CATEGORY_SHOP, CATEGORY_LANG = _localised(
    "category", "c", CATEGORY_COLUMNS, base={"active": 1, "is_root_category": 0})
IMAGE_ROWS, IMAGE_SHOP, IMAGE_LANG = _localised("image", "im", per_shop=False, modified=None)
#: A category's products, in the shop's order; a product's stock per shop.
CATEGORY_PRODUCTS = RankedLink("category_product", "id_product", "id_category")
CATEGORY_GROUPS = Link("category_group", "id_category", "id_group")
STOCK = StockRows("stock_available", "id_stock_available", ("quantity", "physical_quantity"),
                  defaults={"id_shop_group": 0})
