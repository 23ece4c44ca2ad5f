"""Magento 2's entities, declared: where each lives under ``/rest/<store code>/V1``, its field
map, filters and searchCriteria names (``field`` or ``field:condition``,
:func:`anycart.platforms.kit.pagination.criteria`). Lists ask ascending ids. ``store_id`` of a
product or category call names a store view (``_store``, the backend's ``scope_key``); a
customer's and an order's is their own field.
"""

from __future__ import annotations

from typing import Any

from anycart.model import Category, Child, Customer, Order, Product, Shipment
from anycart.platforms.kit import fields as F
from anycart.platforms.kit.entities import BY_ID, Entity, Filter, Find, Sort, date_filters
from anycart.platforms.kit.fields import Convert, Field, choice, ids_in, int_id, number, same, text
from anycart.platforms.kit.linklist import LinkList
from anycart.platforms.kit.nested import Children
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.returns import wanted_statuses

from . import coupons
from . import mapping as M
from . import returns as R

DATES = M.DATES
#: The query and body key naming the store view of a call (``store_id``).
STORE = "_store"
#: Every list query: ascending ids.
LIST_DEFAULTS = {"sortOrders": "entity_id:ASC"}
#: What a new product takes when the call names none: the default attribute set, enabled,
#: shown in catalog and search, in the main website.
PRODUCT_DEFAULTS = {"attribute_set_id": 4, "status": 1, "visibility": 4, "type_id": "simple",
                    "extension_attributes": {"website_ids": [1]}}


#: Created and modified from/to, on ``created_at`` and ``updated_at``.
_DATES = date_filters(created=("created_at:gteq", "created_at:lteq"),
                      modified=("updated_at:gteq", "updated_at:lteq"), named=DATES.filter)


def _sort(**more: str) -> Sort:
    return Sort({"id": "entity_id", **more}, "sortOrders", format="{key}:{direction}",
                directions={"asc": "ASC", "desc": "DESC"})


def _attr(name: str | None, code: str, param: str | None = None, read: Convert = text) -> Field:
    """A custom attribute by its code."""
    return Field(name, f"custom_attributes.{code}", read, param=param)


_STORE = Filter("store_id", STORE)
_STOCK = "extension_attributes.stock_item."
#: A product's ``status``: 1 enabled, 2 disabled (written and filtered by).
_ENABLED = {True: 1, False: 2}

PRODUCT = Entity(
    name="product", label="Product", path="products", id_field="id", model=Product,
    verbs=("list", "count", "info", "find", "add", "update", "delete"), stock=_STOCK + "qty",
    unique={"sku": "sku", "model": "sku"},  # a POST of a known SKU saves over that product
    fields=(Field("id", "id"), Field("u_sku", "sku", param=("sku", "model")), Field("u_model", "sku"),
            Field("name", "name", param="name"),
            *(Field(k, k, number, param=k, write=float) for k in ("price", "weight")),
            # custom attributes named alike in both, read and written:
            *(_attr(k, k, k) for k in ("description", "short_description", "meta_title",
                                       "meta_description", "tax_class_id")),
            _attr("seo_url", "url_key", "seo_url"), _attr("meta_keywords", "meta_keyword", "meta_keywords"),
            _attr("cost_price", "cost", "cost_price", number),
            _attr(None, "special_price", "special_price"),
            Field(None, "custom_attributes.special_from_date", param="sprice_create", write=DATES.query),
            Field(None, "custom_attributes.special_to_date", param="sprice_expire", write=DATES.query),
            Field("quantity", _STOCK + "qty", number, param="quantity", write=float),
            Field("is_stock_managed", _STOCK + "manage_stock", M.flag, param="manage_stock", write=bool),
            Field("in_stock", _STOCK + "is_in_stock", M.flag, param="in_stock", write=bool),
            Field("categories_ids", "extension_attributes.category_links", ids_in("category_id"),
                  param="categories_ids", write=M.category_links),
            Field(None, "type_id", param="type", write=choice({t: t for t in M.TYPES}, str.lower)),
            Field(None, "status", param="available_for_sale", write=_ENABLED.get),
            Field(None, "visibility", param="visible", write=choice(M.VISIBILITY)),
            Field(None, STORE, param="store_id"),
            Field("create_at", "created_at", DATES.a2c), Field("modified_at", "updated_at", DATES.a2c)),
    filters=(Filter("product_ids", "entity_id:in", int_id, many=True),
             # any of the product's categories (ProductCategoryFilter: ``in`` splits the list)
             Filter(("category_id", "categories_ids"), "category_id:in", int_id, many=True),
             Filter("sku", "sku"),
             Filter("type", "type_id"), Filter("avail_sale", "status", lambda v: _ENABLED[bool(v)]),
             _STORE, *_DATES),
    sort=_sort(name="name", create_at="created_at", modified_at="updated_at"),
    find=Find({"name": "name:like", "sku": "sku", "id": BY_ID}, default="name",
              whole_field={"name": "name"}, limit=300),
    list_find=Find({"name": "name:like", "sku": "sku:like"}, default="name"),
    mapped=M.product, consumed=M.PRODUCT_READ,
    accepts={"info": frozenset({"store_id"})},  # the store view's values (connector.backend)
)

CATEGORY = Entity(
    name="category", label="Category", path="categories/list", id_field="id", model=Category,
    plural="categories", verbs=("list", "count", "info", "find", "add", "update", "delete"),
    fields=(Field("id", "id"), Field("name", "name", param="name"),
            Field("parent_id", "parent_id", param="parent_id", write=int_id),
            Field("avail", "is_active", M.flag, param="avail", write=bool),
            Field("sort_order", "position", same, param="sort_order", write=int),
            Field("path", "path"),
            *(_attr(k, k, k) for k in ("description", "meta_title", "meta_description")),
            _attr("seo_url", "url_key", "seo_url"), _attr("keywords", "meta_keywords", "meta_keywords"),
            Field("created_at", "created_at", DATES.a2c), Field("modified_at", "updated_at", DATES.a2c)),
    filters=(Filter("parent_id", "parent_id", int_id), Filter("avail", "is_active", lambda v: 1 if v else 0),
             _STORE, *_DATES),
    find=Find({"name": "name:like", "id": BY_ID}, default="name", whole_field={"name": "name"}, limit=300),
    list_find=Find({"name": "name:like"}, default="name"),
    mapped=M.category,
)

CUSTOMER = Entity(
    name="customer", label="Customer", path="customers/search", id_field="id", model=Customer,
    verbs=("list", "count", "info", "find", "add", "update", "delete"), unique={"email": "email"},
    fields=(Field("id", "id"), Field("email", "email", param="email"),
            Field("first_name", "firstname", param="first_name"),
            Field("last_name", "lastname", param="last_name"),
            Field("birth_day", "dob", DATES.a2c, param="birth_day", write=lambda v: str(v)[:10]),
            Field(None, "group_id", param="group_id", write=int_id),
            Field(None, "store_id", param="store_id", write=int_id),
            Field(None, "password", param="password"),
            Field("created_time", "created_at", DATES.a2c), Field("modified_time", "updated_at", DATES.a2c)),
    filters=(Filter("ids", "entity_id:in", int_id, many=True), Filter("group_id", "group_id", int_id),
             Filter("store_id", "store_id", int_id), *_DATES),
    sort=_sort(created_time="created_at", modified_time="updated_at", email="email"),
    find=Find({"email": "email", "name": "firstname:like", "id": BY_ID}, default="email", limit=300),
    list_find=Find({"email": "email:like", "name": "firstname:like"}, default="email"),
    mapped=M.customer, consumed=frozenset({"addresses", "group_id", "gender", "store_id"}),
)

#: The orders a ``return_status`` with ``no_return`` leaves out (their latest RMA in none of it).
RETURNS_OUT = "_returns_out"

ORDER = Entity(
    name="order", label="Order", path="orders", id_field="entity_id", model=Order,
    verbs=("list", "count", "info"), named_by=("order_id", "id"),
    fields=(Field("id", "entity_id"), Field("create_at", "created_at", DATES.a2c),
            Field("modified_at", "updated_at", DATES.a2c),
            Field("customer.id", "customer_id", lambda v: str(v or 0)),  # a guest's is 0
            Field("customer.email", "customer_email"), Field("customer.first_name", "customer_firstname"),
            Field("customer.last_name", "customer_lastname"),
            Field("currency.id", "order_currency_code", same), Field("currency.iso3", "order_currency_code", same),
            Field("shipping_method.name", "shipping_description"),
            Field("totals.total", "grand_total", number), Field("totals.subtotal", "subtotal", number),
            Field("totals.shipping", "shipping_amount", number), Field("totals.tax", "tax_amount", number),
            Field("totals.discount", "discount_amount", number),
            Field("comment", "customer_note"), Field("store_id", "store_id")),
    filters=(Filter("ids", "entity_id:in", int_id, many=True),
             Filter("order_ids", "increment_id:in", many=True),
             Filter("order_status", "status"), Filter("customer_id", "customer_id", int_id),
             Filter("customer_email", "customer_email"), Filter("store_id", "store_id", int_id),
             Filter(RETURNS_OUT, "entity_id:nin"), *_DATES),
    sort=_sort(order_id="increment_id", create_at="created_at", modified_at="updated_at"),
    mapped=M.order, consumed=M.ORDER_READ,
    # return_status: the orders whose latest RMA is in it, as ids (the connector's prepare)
    accepts={"list": frozenset({"return_status"})},
)

#: An order a shipment or credit memo list is filtered by (a non-number names none: 112).
_ORDER = F.ref_id("Order")

SHIPMENT = Entity(
    name="order.shipment", label="Shipment", path="shipments", id_field="entity_id", model=Shipment,
    verbs=("list", "info"), parents={"order_id": "order_id"},
    fields=(Field("id", "entity_id"), Field("order_id", "order_id"), Field("name", "increment_id"),
            Field("created_at", "created_at", DATES.a2c), Field("modified_time", "updated_at", DATES.a2c)),
    filters=(Filter("order_id", "order_id", _ORDER), *_DATES), mapped=M.shipment,
    consumed=frozenset({"tracks", "items"}),
)

#: A return status by id, name or unified state (``status=received``: each status in it).
_RMA_STATUS = F.invalid_as_value(lambda v: ",".join(wanted_statuses(M.RMA, v, "status")[1]))

#: Returns: Adobe Commerce's RMAs (:mod:`.returns`; Magento Open Source has none).
RETURN = Entity(
    name="return", label="Return", path="returns", id_field="entity_id", plural="returns",
    verbs=("list", "count", "info"), parents={"order_id": "order_id"},
    filters=(Filter("order_id", "order_id", _ORDER), Filter("order_ids", "order_id:in", int_id, many=True),
             Filter("customer_id", "customer_id", int_id), Filter("status", "status:in", _RMA_STATUS),
             Filter("store_id", "store_id", int_id),
             *date_filters(created=("date_requested:gteq", "date_requested:lteq"), named=DATES.filter)),
    mapper=R.return_,
)

#: Coupons, each one code of a cart price rule (:mod:`.coupons` adds both and reads the rule).
COUPON = Entity(
    name="cart.coupon", label="Coupon", path="coupons/search", id_field="coupon_id", missing="coupon_id",
    verbs=("list", "count", "delete"), deleted_key="deleted", deleted="true",
    filters=(Filter("coupons_ids", "coupon_id:in", int_id, many=True),), mapper=coupons.coupon,
)

ENTITIES = (PRODUCT, CATEGORY, CUSTOMER, ORDER, SHIPMENT, RETURN, COUPON)

#: How each entity's repository differs from its list (options of the kit's RestBackend):
#: where one record is, where a create goes, what a write wraps the record in. A product is
#: named by its SKU (found in the list by id first), a new one takes the defaults; a
#: customer is saved whole (``PUT customers/{id}`` without its names is refused), a new
#: one's ``password`` beside the record.
WAYS: dict[str, dict[str, Any]] = {
    "product": {"one_path": "{path}/{key}", "key_field": "sku", "get_by": "entity_id",
                "create_path": "products", "wrap": "product", "create_defaults": PRODUCT_DEFAULTS},
    "category": {"one_path": "categories/{id}", "create_path": "categories", "wrap": "category"},
    "customer": {"one_path": "customers/{id}", "create_path": "customers", "wrap": "customer",
                 "whole": True, "outside": ("password",)},
    "order": {"one_path": "orders/{id}", "create_path": "orders", "wrap": "entity"},
    "order.shipment": {"one_path": "shipment/{id}", "create_path": "shipment", "wrap": "entity"},
    "return": {"one_path": "returns/{id}", "create_path": "returns", "wrap": "rmaDataObject"},
    "cart.coupon": {"one_path": "coupons/{id}", "create_path": "coupons", "wrap": "coupon"}}

#: category.assign/unassign: a product's ``category_links``, the others' positions kept.
CATEGORIES = LinkList("category", PRODUCT, "product_id", Resource("categories", "", suffix="", label="Category"),
                      "category_id", "extension_attributes.category_links", "Assignment of product",
                      entry=lambda i: {"category_id": str(i), "position": 0},
                      ident=lambda link: link["category_id"], keep=True)

#: A configurable product's child: a product of its own, read under its parent.
CHILD = Entity(
    name="product.child_item", label="Child item", path="products", id_field="id", model=Child,
    verbs=(), mapped=M.child, consumed=frozenset({"media_gallery_entries"}),
    fields=(Field("id", "id"), Field("sku", "sku"), Field("name", "name"),
            Field("default_price", "price", number), Field("weight", "weight", number),
            _attr("full_description", "description"), _attr("seo_url", "url_key"),
            Field("inventory_level", _STOCK + "qty", number),
            Field("in_stock", _STOCK + "is_in_stock", M.flag),
            Field("manage_stock", _STOCK + "manage_stock", M.flag),
            Field("allow_backorders", _STOCK + "backorders", lambda v: bool(F.integer(v))),
            Field("avail_for_sale", "status", lambda v: F.integer(v) == 1),
            Field("created_time", "created_at", DATES.a2c), Field("modified_time", "updated_at", DATES.a2c)))
CHILDREN = Children("product.child_item", "_children", "Child item", ("product_ids", "product_id"),
                    "product_id", "configurable", lambda p, c: CHILD.to_unified(c, {"parent": p}))
