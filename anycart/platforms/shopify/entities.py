"""Shopify's entities, declared: each one's field map in its GraphQL node's names (products,
variants, categories, customers; orders still in the Admin API's REST shape :mod:`.mapping_gql`
puts them in), the contract filters it takes in the search syntax's names (:mod:`.gql`),
composite values as :mod:`.mapping` hooks. Pushes are re-read by id (:data:`REREAD`), so no
push is mapped.
A shop is one store (``store_id`` ``1``); its collections are flat (``parent_id`` ``0``).
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.model import Category, Child, Customer, Order, Product
from anycart.platforms.kit import nested as N
from anycart.platforms.kit.dates import ISO
from anycart.platforms.kit.entities import Entity, Filter, Find, date_filters, id_list
from anycart.platforms.kit.fields import (
    GTIN_PARAMS,
    Field,
    flag,
    money,
    number,
    same,
    writable,
)
from anycart.platforms.kit.push import SignedPush

from . import gql_returns as R
from . import mapping as M

#: Shopify's three order statuses are fixed: there are no user-defined ones to leave out.
USER_STATUSES = "allow_user_defined_order_statuses"


def dates(*, created: bool = True) -> tuple[Filter, ...]:
    return date_filters(created=("created_at_min", "created_at_max") if created else None,
                        modified=("updated_at_min", "updated_at_max"), named=ISO.filter)


def _consent(v: Any) -> dict[str, Any]:
    """EmailMarketingConsentInput (:func:`.gql_writes.consent` says how an existing
    customer leaves)."""
    return {"marketingState": "SUBSCRIBED" if flag(v) else "NOT_SUBSCRIBED",
            "marketingOptInLevel": "SINGLE_OPT_IN"}


def _order_status(v: Any) -> str:
    status = str(v).lower()
    if status not in ("open", "closed", "cancelled", "any"):
        raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'order_status' is not valid: "
                       "Shopify order statuses are open, closed, cancelled.")
    return status


#: A find answers every match (the walk is bounded: 108 past ``client.WALK_LIMIT`` pages).
_EVERY = 1 << 40
_BY_TITLE = Find({"name": "title"}, default="name", limit=_EVERY)
#: The customer fields customer.find searches (each a field of Shopify's customer search).
SEARCHED = ("email", "first_name", "last_name", "phone")
_STAMPS = (Field("create_at", "created_at", ISO.a2c), Field("modified_at", "updated_at", ISO.a2c))
_STAMPS_NODE = (Field("created_time", "createdAt", ISO.a2c),
                Field("modified_time", "updatedAt", ISO.a2c))

VARIANT = Entity(
    name="product.child_item", label="Child item", path="variants", id_field="id",
    model=Child, verbs=(),
    # a ProductVariant node's names (:func:`.mapping.variant`: its weight beside it)
    fields=(Field("id", "id"), Field("sku", "sku", param="sku"),
            Field("gtin", "barcode", param=("barcode", *GTIN_PARAMS)), Field("name", "title", param="name"),
            Field("sort_order", "position", same), *_STAMPS_NODE,
            Field("default_price", "price", number, param="price", write=money),
            Field("list_price", "compareAtPrice", number, param="old_price", write=money),
            Field("inventory_level", "inventoryQuantity", number, param="quantity", write=int),
            Field("weight", "weight", number, param="weight"),
            Field("weight_unit", "weight_unit", param="weight_unit")),
    mapped=M.child, consumed=frozenset({"selectedOptions", "inventoryItem", "inventoryPolicy"}),
)
#: A product add sends them as its variant, an update writes them to its first variant
#: (:data:`.gql_writes.FIRST_VARIANT`: stock through ``inventorySetQuantities``).
VARIANT_PARAMS = writable(VARIANT.fields) - {"name"}

PRODUCT = Entity(
    name="product", label="Product", path="products", id_field="id", model=Product,
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    fields=(
        # a Product node's names (ProductSetInput's)
        Field("id", "id"), Field("name", "title", param="name"),
        Field("description", "descriptionHtml", param="description"),
        Field("u_brand", "vendor", param=("brand_name", "manufacturer")),
        # the handle is both seo_url and u_model; written from any of its three names
        Field("u_model", "handle", param=("seo_url", "url", "model")), Field("seo_url", "handle"),
        Field(None, "productType", param="product_type"), Field(None, "tags", param="tags"),
        Field(None, "status", param="available_for_view",
              write=lambda v: "ACTIVE" if v else "DRAFT"),
        Field("create_at", "createdAt", ISO.a2c), Field("modified_at", "updatedAt", ISO.a2c)),
    filters=(id_list("product_ids", to="ids"), Filter("since_id", "since_id"), Filter("brand_name", "vendor"),
             Filter("product_type", "product_type"),
             # a collection_id query names one collection
             Filter(("category_id", "categories_ids"), "collection_id"),
             Filter("avail_view", "status", lambda v: "active" if v else "draft,archived"),
             # a product search term: the products with a variant of that SKU
             Filter("sku", "sku"), *dates()),
    find=_BY_TITLE, list_find=_BY_TITLE, mapped=M.product,
    consumed=frozenset({"variants", "media", "options", "variantsCount", "totalInventory",
                        "productType", "publishedAt", "status", "tags"}),
)
CATEGORY = Entity(
    name="category", label="Category", path="custom_collections", id_field="id",
    model=Category, plural="categories", deleted=True,
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    # a Collection node's names (CollectionInput's; ``published`` is a publication)
    fields=(Field("id", "id"), Field("name", "title", param="name"),
            Field("description", "descriptionHtml", param="description"),
            Field("seo_url", "handle", param="seo_url"), Field(None, "published", param="avail",
                                                               write=bool),
            Field("modified_at", "updatedAt", ISO.a2c)),
    filters=(Filter("avail", "published_status",
                    lambda v: "published" if v else "unpublished"), *dates(created=False)),
    find=_BY_TITLE, list_find=_BY_TITLE, mapped=M.category,
    consumed=frozenset({"image", "resourcePublications", "ruleSet"}),
)

CUSTOMER = Entity(
    name="customer", label="Customer", path="customers", id_field="id", model=Customer,
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    # found by a search of the field (.gql.search: email:"a@b.example")
    find=Find({n: n for n in SEARCHED}, default="email", limit=_EVERY),
    # a Customer node's names (CustomerInput's)
    fields=(Field("id", "id"), Field("email", "email", param="email"),
            Field("first_name", "firstName", param="first_name"),
            Field("last_name", "lastName", param="last_name"),
            Field("phone", "phone", param="phone"), Field(None, "note", param="note"),
            # accepts_marketing is gone from Shopify's API: email marketing is a consent
            Field(None, "emailMarketingConsent", param="news_letter_subscription",
                  write=_consent),
            *_STAMPS_NODE),
    filters=(id_list("ids", to="ids"), Filter("since_id", "since_id"), *dates()),
    mapped=M.customer,
    consumed=frozenset({"addresses", "defaultAddress", "emailMarketingConsent", "state",
                        "tags"}),
)

ORDER = Entity(
    name="order", label="Order", path="orders", id_field="id", model=Order,
    verbs=("list", "count", "info", "update"), named_by=("order_id", "id"),
    fields=(Field("id", "id"), Field("comment", "note", param="comment"),
            Field(None, "tags", param="tags"), *_STAMPS),
    filters=(id_list("order_ids", "ids", to="ids"), Filter("since_id", "since_id"),
             Filter("order_status", "status", _order_status),
             Filter("financial_status", "financial_status"),
             Filter("fulfillment_status", "fulfillment_status"),
             Filter("customer_id", "customer_id"), *dates(),
             Filter("return_status", "return_status", R.order_return_status)),
    mapped=M.order, accepts={v: frozenset({USER_STATUSES}) for v in ("list", "info")},
    consumed=frozenset({"order_number", "customer", "email", "phone", "currency",
                        "billing_address", "shipping_address", "payment_gateway_names",
                        "shipping_lines", "total_price", "subtotal_price", "total_tax",
                        "total_discounts", "line_items", "cancelled_at", "closed_at",
                        "return_status"}),
)

ENTITIES = (PRODUCT, CATEGORY, CUSTOMER, ORDER)

# -- what Shopify lists only inside products and orders (returns: .gql_returns.LISTED) ------
CHILDREN = (
    N.Children("order.shipment", "fulfillments", "Shipment", ("order_id",), "order_id", "order",
               lambda _, f: M.SHIPMENT.one(f).to_wire()),
)


#: The webhooks Shopify pushes: topic -> (AnyCart entity, action); orders' update is "updated".
TOPICS: dict[str, tuple[str, str]] = {
    **{f"{topic}/{verb}{'d' if (topic, verb) == ('orders', 'update') else ''}": (entity, action)
       for topic, entity in (("products", "product"), ("collections", "category"),
                             ("customers", "customer"), ("orders", "order"))
       for verb, action in (("create", "add"), ("update", "update"), ("delete", "delete"))},
    "fulfillments/create": ("shipment", "add"), "fulfillments/update": ("shipment", "update"),
    # the Returns API's topics (returns made open by returnCreate are pushed as approved)
    "returns/request": ("return", "add"), "returns/approve": ("return", "update"),
    "returns/decline": ("return", "update"), "returns/close": ("return", "update"),
    "returns/reopen": ("return", "update"), "returns/cancel": ("return", "update"),
}


#: What a push is re-read by (:func:`~anycart.platforms.kit.thinpush.fetched`): its record's
#: current state over GraphQL, as Shopify advises, since pushes may arrive out of order. A
#: return keeps its push (it says the status the return moved to; :func:`.gql_returns.pushed`).
REREAD = {"product": "product.info", "category": "category.info",
          "customer": "customer.info", "order": "order.info",
          "shipment": "order.shipment.info"}


def _pushed(entity: str, record: dict[str, Any]) -> dict[str, Any]:
    """What a push names, for :data:`REREAD` (a fulfillment's order beside it)."""
    if entity == "return":
        return R.pushed(record)
    order = record.get("order_id") if entity == "shipment" else None
    return {"id": str(record["id"]), **({"order_id": str(order)} if order is not None else {})}


#: Pushes are signed with the app's shared secret (base64 HMAC-SHA256 of the raw body).
PUSH = SignedPush("shopify_shared_secret", "X-Shopify-Hmac-Sha256", "X-Shopify-Topic", TOPICS,
                  _pushed)


