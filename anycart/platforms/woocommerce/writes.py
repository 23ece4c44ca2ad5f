"""The plain column and meta writes of products, categories and customers (the derived and
checked ones -- prices, stock, slugs, e-mails -- are the writers')."""

from __future__ import annotations

from typing import Any

from anycart.platforms.bridge.address import AddressColumns
from anycart.platforms.bridge.address import Part as Field
from anycart.platforms.bridge.columns import Convert, Spec, amount, integer, number, text
from anycart.platforms.bridge.values import db_moment, from_db_time
from anycart.platforms.bridge.wordpress import Meta
from anycart.platforms.bridge.writes import Part, Writes

from . import mapping as M


def _yes_no(yes: str, no: str) -> Convert:
    """A boolean as the words WooCommerce keeps (``yes``/``no``, ``instock``/``outofstock``)."""
    def convert(name: str, value: Any) -> str:
        return yes if M.flag({name: value}, name) else no

    return convert


def _size(name: str, value: Any) -> str:
    """A dimension; 0 clears it, as the product editor leaves an empty field."""
    found = number(name, value)
    return M.money(found) if found else ""


def _named(name: str, value: Any) -> str:
    """Text that is not cleared by a blank value (a name)."""
    return str(value)


def _money(name: str, value: Any) -> str:
    """A price not below 0, as WooCommerce keeps it (``12.5``)."""
    return M.money(amount(name, value))


def _sale(name: str, value: Any) -> str:
    """A sale price; 0 is no sale (``WC_Product::set_sale_price('')``)."""
    found = number(name, value)
    return M.money(found) if found > 0 else ""


def _stamp(name: str, value: Any) -> str:
    """A sale window's end as a Unix time (a bare date: its midnight in the store, as
    ``wc_string_to_datetime()`` reads it)."""
    when = from_db_time(db_moment({name: value}, name))
    return str(int(when.timestamp())) if when else ""


#: product.add/update's post columns.
PRODUCT_POST: Spec = (
    ("name", "posts.post_title", text()),
    ("description", "posts.post_content", text()),
    ("short_description", "posts.post_excerpt", text()),
)

#: Product meta the call's values are (a later synonym wins: ``sku`` over ``model``; the
#: connector refuses two that differ); the stock and the price charged derive from them.
PRODUCT_VALUES: Spec = (
    *((name, "postmeta._sku", _named) for name in ("model", "sku")),
    *((name, "postmeta._global_unique_id", _named) for name in ("ean", "upc", "gtin")),
    ("price", "postmeta._regular_price", _money),
    ("special_price", "postmeta._sale_price", _sale),
    ("sprice_create", "postmeta._sale_price_dates_from", _stamp),
    ("sprice_expire", "postmeta._sale_price_dates_to", _stamp),
)

#: Product meta the flags and dimensions set (over the stock the quantity derives).
PRODUCT_META: Spec = (
    ("manage_stock", "postmeta._manage_stock", _yes_no("yes", "no")),
    ("is_virtual", "postmeta._virtual", _yes_no("yes", "no")),
    ("in_stock", "postmeta._stock_status", _yes_no("instock", "outofstock")),
    *((name, f"postmeta._{name}", _size) for name in ("weight", "width", "height", "length")),
)

#: A new product's meta, as the product editor saves it.
NEW_PRODUCT_META = {
    "_sku": "", "_regular_price": "", "_sale_price": "", "_price": "", "_tax_status": "taxable",
    "_tax_class": "", "_manage_stock": "no", "_backorders": "no", "_sold_individually": "no",
    "_virtual": "no", "_downloadable": "no", "_stock_status": "instock", "total_sales": "0",
    "_wc_average_rating": "0", "_wc_review_count": "0", "_product_version": "9.3.3"}

#: product.add/update's rows: the post and its meta.
PRODUCTS = Writes(main=Part("posts", "ID"), spec=(*PRODUCT_POST, *PRODUCT_VALUES, *PRODUCT_META),
                  parts=(Meta("postmeta", "post_id", defaults=NEW_PRODUCT_META),))

#: category.update: the term, its taxonomy row and its meta.
CATEGORY: Spec = (
    ("name", "terms.name", _named),
    ("description", "term_taxonomy.description", text()),
    ("sort_order", "termmeta.order", integer),
)

#: category.add/update's rows: the term, its ``product_cat`` taxonomy row (the context's
#: ``taxonomy``) and its meta.
CATEGORIES = Writes(
    main=Part("terms", "term_id", defaults={"term_group": 0}), spec=CATEGORY,
    parts=(Part("term_taxonomy", "term_id", scope={"taxonomy": "taxonomy"},
                defaults={"description": "", "parent": 0, "count": 0}),
           Meta("termmeta", "term_id", defaults={"order": 0, "display_type": ""})))

#: customer.update's user meta (the names mirrored in the customer lookup row).
CUSTOMER_META: Spec = (
    ("first_name", "usermeta+wc_customer_lookup.first_name", text()),
    ("last_name", "usermeta+wc_customer_lookup.last_name", text()),
    ("phone", "usermeta.billing_phone", text()),
    ("company", "usermeta.billing_company", text()),
)

#: customer.update's rows: the user, its meta and WooCommerce's customer lookup row.
CUSTOMERS = Writes(main=Part("users", "ID"), spec=CUSTOMER_META,
                   parts=(Meta("usermeta", "user_id"), Part("wc_customer_lookup", "user_id")))

#: A contract address (customer.address.add; customer.add/update's address book) as the
#: fields WooCommerce keeps as ``billing_*``/``shipping_*`` user meta (``address1`` -> ``address_1``).
ADDRESS = AddressColumns(*(Field(f, (f.replace("_", "") if f.startswith("address_") else f,))
                           for f in M.ADDRESS_FIELDS))
