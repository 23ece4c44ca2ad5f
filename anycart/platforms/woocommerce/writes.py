"""The plain column and meta writes of products, categories and customers, declared for
:func:`~anycart.platforms.bridge.columns.columns` (the derived and checked ones -- prices,
stock, slugs, parents, e-mails -- stay in the connector)."""

from __future__ import annotations

from typing import Any

from anycart.platforms.bridge.address import AddressColumns
from anycart.platforms.bridge.address import Part as Field
from anycart.platforms.bridge.columns import Convert, Spec, integer, text
from anycart.platforms.bridge.wordpress import Meta
from anycart.platforms.bridge.writes import Part, Writes

from . import mapping as M
from .order_add import ADDRESS as ADDRESS_FIELDS


def _yes_no(yes: str, no: str) -> Convert:
    """A boolean as the words WooCommerce keeps (``yes``/``no``, ``instock``/``outofstock``)."""
    def convert(name: str, value: Any) -> str:
        return yes if M.flag({name: value}, name) else no

    return convert


def _size(name: str, value: Any) -> str:
    """A dimension; 0 clears it, as the product editor leaves an empty field."""
    found = M.number({name: value}, name)
    return M.money(found) if found else ""


def _named(name: str, value: Any) -> str:
    """Text that is not cleared by a blank value (a name)."""
    return str(value)


#: product.add/update's post columns.
PRODUCT_POST: Spec = (
    ("name", "posts.post_title", text()),
    ("description", "posts.post_content", text()),
    ("short_description", "posts.post_excerpt", text()),
)

#: Product meta the flags and dimensions set (after the stock the quantity derives).
PRODUCT_META: Spec = (
    ("manage_stock", "meta._manage_stock", _yes_no("yes", "no")),
    ("is_virtual", "meta._virtual", _yes_no("yes", "no")),
    ("in_stock", "meta._stock_status", _yes_no("instock", "outofstock")),
    *((name, f"meta._{name}", _size) for name in ("weight", "width", "height", "length")),
)

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
CATEGORY_CONTEXT = {"taxonomy": "product_cat"}

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
                           for f in ADDRESS_FIELDS))
