"""PrestaShop's webservice resources, declared: where each lives under ``/api``, its field
map, the contract filters it takes and what PrestaShop calls them.

Queries are in :mod:`.webservice`'s notation; a ``Localized`` field is written in the call's
language (``lang_id``), every request in its shop (``store_id``). Composite values
(associations, addresses, order rows) are :mod:`.mapping` hooks.
"""

from __future__ import annotations

from anycart.model import Category, Child, Customer, Order, Product
from anycart.platforms.kit import nested as N
from anycart.platforms.kit.entities import (
    BY_ID,
    Entity,
    Filter,
    Find,
    Sort,
    date_filters,
    id_list,
    since,
)
from anycart.platforms.kit.fields import Field, choice, int_id, money, number
from anycart.platforms.kit.named import Named
from anycart.platforms.kit.related import Related
from anycart.platforms.prestashop_values import VISIBILITY

from . import coupons
from . import mapping as M
from .webservice import Localized

DATES = M.DATES
#: Every call may name its shop and language.
SCOPE = frozenset({"store_id", "lang_id"})
_ALL = {v: SCOPE for v in ("list", "count", "info", "find", "add", "update", "delete")}


def _bit(v: object) -> str:
    return "1" if v in (True, 1, "1", "true", "True") else "0"


def _dates(created: str = "date_add", modified: str = "date_upd") -> tuple[Filter, ...]:
    return date_filters(DATES.query, created=(f"{created}>=", f"{created}<="),
                        modified=(f"{modified}>=", f"{modified}<="))


def _stamps(created: str, modified: str) -> tuple[Field, ...]:
    return (Field(created, "date_add", DATES.a2c), Field(modified, "date_upd", DATES.a2c))


def _sort(**keys: str) -> Sort:
    return Sort({"id": "id", **keys}, "sort", format="[{key}_{direction}]",
                directions={"asc": "ASC", "desc": "DESC"})


def _page(keywords: str) -> tuple[Field, ...]:
    """A product's or a category's page: its title, description, keywords (the unified
    name ``keywords`` names them) and URL keyword, each in the call's language."""
    return (Field("meta_title", "meta_title", param="meta_title", write=Localized),
            Field("meta_description", "meta_description", param="meta_description", write=Localized),
            Field(keywords, "meta_keywords", param="meta_keywords", write=Localized),
            Field("seo_url", "link_rewrite", param="seo_url", write=M.link_rewrite))

PRODUCT = Entity(
    name="product", label="Product", path="products", id_field="id", model=Product,
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    fields=(Field("id", "id"), Field("name", "name", param="name", write=Localized),
            Field("description", "description", param="description", write=Localized),
            Field("short_description", "description_short", param="short_description", write=Localized),
            Field("u_model", "reference", param=("model", "sku")), Field("u_sku", "reference"),
            Field("price", "price", number, param="price", write=money),
            Field("cost_price", "wholesale_price", number, param=("cost_price", "wholesale_price"),
                  write=money),
            Field("weight", "weight", number, param="weight", write=str),
            Field("width", "width", number, param="width", write=str),
            Field("height", "height", number, param="height", write=str),
            Field("length", "depth", number, param="length", write=str),
            Field("u_upc", "upc", param="upc"), Field("u_mpn", "mpn", param="mpn"),
            Field("u_gtin", "ean13", param=("ean", "gtin")), Field(None, "isbn", param="isbn"),
            Field("on_sale", "on_sale", M.flag, param="on_sale", write=_bit),
            Field("u_brand", "manufacturer_name"),
            Field(None, "id_manufacturer", param="manufacturer_id", write=int_id),
            Field(None, "active", param=("available_for_view", "avail"), write=_bit),
            Field(None, "available_for_order", param="available_for_sale", write=_bit),
            Field(None, "visibility", param="visible", write=choice(VISIBILITY)),
            Field(None, "is_virtual", param="is_virtual", write=_bit),
            Field(None, "id_category_default", param="category_id", write=int_id),
            Field(None, "associations.categories", param="categories_ids", write=M.as_nodes),
            *_page("meta_keywords"), *_stamps("create_at", "modified_at")),
    filters=(id_list("product_ids", to="id"),
             # in categories: the products they name (connector.prepare), PrestaShop filtering by
             # the default category alone
             Filter(("category_id", "categories_ids"), "id_category_default", int_id, each=True),
             Filter(("sku", "model"), "reference"), Filter("manufacturer_id", "id_manufacturer"),
             Filter("avail_view", "active", _bit), Filter("avail_sale", "available_for_order", _bit),
             Filter("visible", "visibility", choice(VISIBILITY)), since("id>="), *_dates()),
    sort=_sort(name="name", create_at="date_add", modified_at="date_upd", price="price"),
    find=Find({"name": "name~", "sku": "reference", "model": "reference", "id": BY_ID},
              default="name", whole_field={"name": "name"}, limit=1000),
    list_find=Find({"name": "name~", "sku": "reference"}, default="name"),
    mapped=M.product, consumed=M.PRODUCT_READ, accepts=_ALL, written=M.default_category,
    add_needs=("name", "price"), add_from={"seo_url": "name"},
)

CATEGORY = Entity(
    name="category", label="Category", path="categories", id_field="id", model=Category,
    plural="categories", verbs=("list", "count", "info", "find", "add", "update", "delete"),
    fields=(Field("id", "id"), Field("parent_id", "id_parent", lambda v: str(v or 0), param="parent_id", write=int_id),
            Field("short_description", "additional_description"),
            Field("name", "name", param="name", write=Localized),
            Field("description", "description", param="description", write=Localized),
            Field("sort_order", "position", number, param="sort_order", write=int),
            Field("avail", "active", M.flag, param="avail", write=_bit), *_page("keywords"),
            *_stamps("created_at", "modified_at")),
    filters=(Filter("parent_id", "id_parent", int_id), Filter("avail", "active", _bit), *_dates()),
    sort=_sort(name="name", sort_order="position"),
    find=Find({"name": "name~", "id": BY_ID}, default="name", whole_field={"name": "name"},
              limit=1000),
    list_find=Find({"name": "name~"}, default="name"),
    consumed=M.CATEGORY_READ, accepts=_ALL,
    add_needs=("name",), add_from={"seo_url": "name"},
)

_PEOPLE = Find({"email": "email", "name": "lastname~", "first_name": "firstname", "last_name": "lastname",
                "id": BY_ID}, default="email", limit=1000)
CUSTOMER = Entity(
    name="customer", label="Customer", path="customers", id_field="id", model=Customer,
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    fields=(Field("id", "id"), Field("email", "email", param="email"),
            Field("first_name", "firstname", param="first_name"),
            Field("last_name", "lastname", param="last_name"),
            Field("company", "company", param="company"), Field("website", "website", param="website"),
            Field("birth_day", "birthday", DATES.a2c, param="birth_day", write=lambda v: DATES.iso(v)[:10]),
            Field("news_letter_subscription", "newsletter", M.flag, param="news_letter_subscription",
                  write=_bit),
            Field(None, "passwd", param="password"), Field(None, "active", param="status",
                                                         write=M.enabled),
            Field(None, "id_default_group", param="group_id", write=int_id),
            *_stamps("created_time", "modified_time")),
    filters=(id_list("ids", to="id"), since("id>="),
             Filter("group_id", "id_default_group", int_id), Filter("avail", "active", _bit), *_dates()),
    sort=_sort(created_time="date_add", modified_time="date_upd", email="email",
               first_name="firstname", last_name="lastname"),
    find=_PEOPLE, list_find=_PEOPLE,
    unique={"email": "email"},
    mapped=M.customer, consumed=M.CUSTOMER_READ, accepts=_ALL,
    add_needs=("email", "first_name", "last_name"),
)

ORDER = Entity(
    name="order", label="Order", path="orders", id_field="id", model=Order,
    verbs=("list", "count", "info"), named_by=("order_id", "id"),
    fields=(Field("id", "id"), Field("order_id", "reference"), Field("store_id", "id_shop"),
            *_stamps("create_at", "modified_at")),
    filters=(Filter(("order_ids", "ids"), "id", int_id, many=True),
             Filter(("order_status", "order_status_ids"), "current_state", many=True),
             Filter("customer_id", "id_customer", int_id, many=True), since("id>="), *_dates()),
    sort=_sort(order_id="id", create_at="date_add", modified_at="date_upd"),
    mapped=M.order, consumed=M.ORDER_READ,
    accepts={v: SCOPE | {"allow_user_defined_order_statuses", "customer_email"} for v in ("list", "count", "info")},
)

#: A product's combination, written (read as a child item through its product).
VARIANT = Entity(
    name="product.variant", label="Variant", path="combinations", id_field="id",
    verbs=("update", "delete"),
    fields=(Field(None, "reference", param=("sku", "model")), Field(None, "ean13", param=("ean", "gtin")),
            Field(None, "upc", param="upc"), Field(None, "mpn", param="mpn"), Field(None, "isbn", param="isbn"),
            Field(None, "wholesale_price", param="cost_price", write=money),
            Field(None, "default_on", param="is_default", write=_bit)),
    accepts={"update": SCOPE | {"product_id", "price", "weight", "quantity", "increase_quantity",
                                "reduce_quantity"}, "delete": frozenset({"product_id", "store_id"})},
)

#: customer.address.add: an ``address`` of the customer (country and names: ``connector.complete``).
ADDRESS = Entity(
    name="customer.address", label="Address", path="addresses", id_field="id", verbs=("add",),
    fields=(Field(None, "id_customer", param="customer_id", write=str), Field(None, "id_country", param="country"),
            Field(None, "firstname", param="first_name"), Field(None, "lastname", param="last_name"),
            Field(None, "company", param="company"), Field(None, "address1", param="address1"),
            Field(None, "address2", param="address2"), Field(None, "city", param="city"),
            Field(None, "postcode", param="postcode"), Field(None, "phone", param="phone"),
            Field(None, "phone_mobile", param="phone_mobile"), Field(None, "vat_number", param="tax_id"),
            Field(None, "dni", param="identification_number"), Field(None, "alias", param="alias")),
    written=lambda p, out: out.setdefault("alias", "My address"), accepts={"add": frozenset({"store_id"})},
)

GROUP = Entity(name="customer.group", label="Customer group", path="groups", id_field="id",
               verbs=("list",), filters=(Filter("group_ids", "id", int_id, many=True),),
               mapper=M.group, accepts={"list": SCOPE})

#: Coupons: cart rules (:mod:`.coupons` writes the action and the required dates).
COUPON = Entity(
    name="cart.coupon", label="Coupon", path="cart_rules", id_field="id",
    verbs=("list", "count", "add", "delete"), deleted_key="deleted", deleted="true",
    fields=(Field(None, "code", param="code"), Field(None, "name", param="name", write=Localized),
            Field(None, "date_to", param="date_end", write=DATES.query),
            Field(None, "quantity", param="usage_limit", write=int),
            Field(None, "quantity_per_user", param="usage_limit_per_customer", write=int)),
    filters=(Filter("coupons_ids", "id", int_id, many=True),), mapper=coupons.coupon,
    written=coupons.written, accepts={"add": coupons.WRITTEN},
)

ENTITIES = (PRODUCT, CATEGORY, CUSTOMER, ORDER, VARIANT, ADDRESS, GROUP, COUPON)

#: What PrestaShop refuses to be sent back in a PUT.
READ_ONLY = {"products": ("manufacturer_name", "quantity", "position_in_category"),
             "categories": ("level_depth", "nb_products_recursive"),
             "customers": ("last_passwd_gen", "secure_key")}

# -- the records a page is read with (kit.related) --------------------------------------------
_PLACES = (Related("countries", "countries", ("id_country",), source="addresses"),
           Related("regions", "states", ("id_state",), source="addresses"))
RELATED = {
    "product": (Related("stock", "stock_availables", ("id",), by="id_product"),
                Related("values", "product_option_values", ("associations.product_option_values",)),
                Related("groups", "product_options", ("id_attribute_group",), source="values")),
    "customer": (Related("addresses", "addresses", ("id",), by="id_customer"),
                 Related("groups", "groups", ("id_default_group", "associations.groups")), *_PLACES),
    "order": (Related("customers", "customers", ("id_customer",)),
              Related("currencies", "currencies", ("id_currency",)),
              Related("carriers", "carriers", ("id_carrier",)),
              Related("states", "order_states", ("current_state",)),
              Related("addresses", "addresses", ("id_address_invoice", "id_address_delivery")), *_PLACES),
}

# -- the store (cart.info): each one's other values in its additional fields -------------------
SHOP = (Field("store_id", "id"), Field("name", "name"), Field("active", "active", M.flag),
        Field("root_category_id", "id_category"))
LANGUAGE = (Field("id", "id"), Field("iso_code", "iso_code"), Field("name", "name"))
CURRENCY = (Field("id", "id"), Field("iso3", "iso_code"), Field("name", "name"),
            Field("rate", "conversion_rate", number), Field("avail", "active", M.flag))
#: A carrier (its ``id_reference`` stays one carrier across the copies an edit makes).
CARRIER = (Field("id", "id"), Field("name", "name"), Field("active", "active", M.flag))

# -- named lists ------------------------------------------------------------------------------
STATES = Named("order_states", "id", ("name",), "order status")
LANGUAGES = Named("languages", "id", ("iso_code",), "language")
SETTINGS = Named("configurations", "name", ("value",), "setting")

# -- children read through their parent -------------------------------------------------------
#: A combination read as a child item (with its product in the context: :func:`.mapping.child`).
CHILD = Entity(name="product.child_item", label="Child item", path="combinations", id_field="id",
               model=Child, verbs=(), mapped=M.child, consumed=M.CHILD_READ,
               fields=(Field("id", "id"), Field("upc", "upc"), Field("ean", "ean13"), Field("gtin", "ean13"),
                       Field("mpn", "mpn"), Field("isbn", "isbn"),
                       Field("sort_order", "default_on", lambda v: 0 if M.flag(v) else 1)))

CHILDREN = (
    N.Children("product.child_item", "_combinations", "Child item", ("product_ids", "product_id"),
               "product_id", "product_with_combinations",
               lambda p, c: CHILD.to_unified(c, {"parent": p}), accepts=SCOPE),
    N.Children("order.shipment", "_carriers", "Shipment", ("order_id",), "order_id",
               "order_with_carriers", M.shipment, verbs=("list", "info"), plural="shipments",
               accepts=SCOPE),
)
