"""Product, category and customer rows as :class:`~anycart.platforms.bridge.writes.Writes`:
parameters -> columns, the rows an added entity starts with, what each version's admin
deletes with it (deleteProduct, deleteCategory, deleteCustomer in 3.0.4.1 and 4.0.2.3; SEO
rows in :mod:`.seo`); addresses, specials, links and statuses. Text is stored HTML-escaped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.platforms.bridge.address import AddressColumns, Lookup
from anycart.platforms.bridge.address import Part as Address
from anycart.platforms.bridge.closure import ClosureTable
from anycart.platforms.bridge.columns import bit, email, escaped, integer, number, status, text
from anycart.platforms.bridge.sides import Side
from anycart.platforms.bridge.specials import Specials
from anycart.platforms.bridge.sqlkit import Statement, insert
from anycart.platforms.bridge.statuses import Statuses
from anycart.platforms.bridge.values import StatusMap, html_stored, html_text
from anycart.platforms.bridge.writes import Link, Part, Writes

_DESCRIPTION = ("name", "description", "meta_title", "meta_description")
_IN_LANGUAGE = {"language_id": "lang"}
#: A product's and a category's texts in the call's language (read and written), a new
#: one's meta title its name when not given.
PRODUCT_TEXT = Side("product_description", "product_id", _IN_LANGUAGE, alias="pd",
                    columns=(*_DESCRIPTION, "tag", "meta_keyword"), fallback={"meta_title": "name"})
CATEGORY_TEXT = Side("category_description", "category_id", _IN_LANGUAGE, alias="cd",
                     columns=(*_DESCRIPTION, "meta_keyword"), fallback={"meta_title": "name"})

#: OpenCart has one switch (``status``) for visible and for sale: the last given row wins.
PRODUCT = Writes(
    main=Part("product", "product_id", defaults={
        "model": "", "sku": "", "upc": "", "ean": "", "jan": "", "isbn": "", "mpn": "",
        "location": "", "quantity": 0, "stock_status_id": 7, "image": "", "manufacturer_id": 0,
        "shipping": 1, "price": 0, "points": 0, "tax_class_id": 0, "weight": 0,
        "weight_class_id": 1, "length": 0, "width": 0, "height": 0, "length_class_id": 1,
        "subtract": 1, "minimum": 1, "sort_order": 0, "status": 1}),
    parts=(PRODUCT_TEXT,),
    spec=(*((n, f"product.{n}", text()) for n in ("model", "sku", "upc", "ean", "isbn", "mpn")),
          *((n, f"product.{n}", number) for n in ("price", "weight", "width", "height", "length")),
          *((n, f"product.{n}", integer) for n in ("quantity", "manufacturer_id", "tax_class_id")),
          ("min_order_quantity", "product.minimum", integer), ("manage_stock", "product.subtract", bit),
          ("status", "product.status", status()),
          *((n, "product.status", bit) for n in ("avail", "available_for_sale", "available_for_view")),
          *((n, f"product_description.{n}", escaped) for n in _DESCRIPTION),
          ("meta_keywords", "product_description.meta_keyword", escaped),
          ("tags", "product_description.tag", escaped)),
    created="date_added", modified="date_modified",
    cascade=("product_attribute", "product_discount", "product_filter", "product_image",
             "product_option", "product_option_value", "product_related", "product_reward",
             "product_special", "product_to_category", "product_to_download",
             "product_to_layout", "product_to_store", "review", "coupon_product"))
PRODUCT_3 = ("product_recurring",)
PRODUCT_4 = ("product_subscription", "product_report")
#: The columns a new product row has in one version only.
PRODUCT_NEW_3 = {"viewed": 0}
PRODUCT_NEW_4 = {"master_id": 0, "variant": "", "override": "", "rating": 0}

CATEGORY = Writes(
    main=Part("category", "category_id", defaults={"image": "", "column": 1, "sort_order": 0,
                                                   "status": 1}),
    parts=(CATEGORY_TEXT,),
    spec=(("avail", "category.status", bit), ("sort_order", "category.sort_order", integer),
          *((n, f"category_description.{n}", escaped) for n in _DESCRIPTION),
          ("meta_keywords", "category_description.meta_keyword", escaped)),
    created="date_added", modified="date_modified",
    cascade=("category_filter", "category_to_store", "category_to_layout", "product_to_category",
             "coupon_category", "category_path"))

CUSTOMER = Writes(
    main=Part("customer", "customer_id", defaults={
        "store_id": 0, "firstname": "", "lastname": "", "telephone": "", "password": "",
        "custom_field": "", "newsletter": 0, "ip": "", "status": 1, "safe": 0, "token": "",
        "code": ""}),
    # group_ids first: group_id, when both are given, wins
    spec=(("email", "customer.email", email(96)), ("first_name", "customer.firstname", escaped),
          ("last_name", "customer.lastname", escaped), ("phone", "customer.telephone", escaped),
          ("news_letter_subscription", "customer.newsletter", bit),
          ("status", "customer.status", status(StatusMap({"enabled": 1, "disabled": 0}))),
          ("group_ids", "customer.customer_group_id",
           lambda name, value: integer(name, str(value).split(",")[0])),
          ("group_id", "customer.customer_group_id", integer)),
    created="date_added",
    cascade=("customer_activity", "customer_affiliate", "customer_approval", "customer_history",
             "customer_reward", "customer_transaction", "customer_ip", "address"))
CUSTOMER_4 = ("customer_affiliate_report", "customer_wishlist")
CUSTOMER_NEW_3 = {"salt": "", "fax": "", "cart": None, "wishlist": None, "address_id": 0}

#: An address book row (customer.add's ``address`` entries, customer.address.add); country
#: and zone come from :data:`PLACES`.
ADDRESS = AddressColumns(
    *(Address(column, (key,), default="", convert=html_stored) for column, key in (
        ("firstname", "first_name"), ("lastname", "last_name"), ("company", "company"),
        ("address_1", "address1"), ("address_2", "address2"), ("city", "city"))),
    Address("postcode", ("postcode",), default="", convert=str))

#: An order's ``bill_*`` / ``shipp_*`` address as its ``payment_*`` / ``shipping_*`` columns
#: (stripped, HTML-escaped but the postcode; country and zone from :data:`PLACES`); a
#: shipping address read ``like`` the billing one takes the names it does not give.
ORDER_ADDRESS = AddressColumns(
    *(Address(column, (key,), default="", inherits=column in ("firstname", "lastname"),
              convert=lambda v: html_stored(str(v).strip())) for column, key in (
        ("firstname", "first_name"), ("lastname", "last_name"), ("company", "company"),
        ("address_1", "address_1"), ("address_2", "address_2"), ("city", "city"))),
    Address("postcode", ("postcode",), default="", convert=lambda v: str(v).strip()))


def _stored(text: str) -> dict[str, str]:
    return {"stored": html_stored(text)}


def _places(v4: bool) -> AddressColumns:
    """A country and state by ISO code or name (customer and order addresses alike: 109 for
    one the store does not know): ``country(_id)``, ``zone(_id)``, 3.x's ``address_format``.
    A state is a zone of the country; a country without zones keeps its text (``zone``)."""
    fmt = "'' AS address_format" if v4 else "COALESCE(address_format, '') AS address_format"
    return AddressColumns(lookups=(
        Lookup("country_id", "country", f"SELECT country_id, name AS country, {fmt} FROM {{p}}country"
               " WHERE iso_code_2 = :text OR iso_code_3 = :text OR name = :stored"
               " ORDER BY status DESC, country_id LIMIT 1",
               "an ISO code or name of a country the store knows", refuse_blank=True,
               keeps=("country", "address_format"), binds=_stored),
        Lookup("zone_id", "state", "SELECT zone_id, name AS zone FROM {p}zone WHERE country_id ="
               " :country_id AND (LOWER(code) = LOWER(:text) OR LOWER(name) = LOWER(:stored))"
               " ORDER BY status DESC, zone_id LIMIT 1",
               lambda found: f"a state code or name of {html_text(found['country'])}", blank=0,
               keeps=("zone",), free=("zone", "SELECT 1 FROM {p}zone WHERE country_id = :country_id"
                                      " LIMIT 1"), binds=_stored)))


#: By version (4.x keeps address formats apart).
PLACES = {False: _places(False), True: _places(True)}

#: The admin's Special tab: one ``product_special`` row of the default customer group (the
#: context's ``group``), priority 0 (the form's blank ``(int)''``), no date = ``0000-00-00``
#: (the cart's "always"); it replaces that group's specials, ``special_price=0`` removes them.
SPECIAL = Specials("product_special", "product_id", "customer_group_id = :group",
                   row=lambda ctx: {"customer_group_id": ctx["group"], "priority": 0},
                   day=True, ordered=True)

PRODUCT_STORES = Link("product_to_store", "product_id", "store_id")
PRODUCT_CATEGORIES = Link("product_to_category", "product_id", "category_id")
CATEGORY_STORES = Link("category_to_store", "category_id", "store_id")
#: Every category's ancestors (itself last), as the admin keeps them.
CATEGORY_PATHS = ClosureTable("category_path", "category_id", "path_id")

#: The store's own order and return statuses (names per language, HTML-escaped).
STATUSES = {"order_status": Statuses("order_status", "order_status_id", "order_status",
                                     "order.status.list", read=html_text),
            "return_status": Statuses("return_status", "return_status_id", "status",
                                      "return.status.list", read=html_text)}


def history(order: Any, status: int, params: Mapping[str, Any], comment: str, when: str) -> Statement:
    """An ``order_history`` row as addOrderHistory writes it (notify: ``send_notifications``)."""
    return insert("order_history", {"order_id": order, "order_status_id": status,
                                    "notify": int(bool(params.get("send_notifications"))),
                                    "comment": comment, "date_added": when})
