"""WooCommerce's entities under ``/wp-json/wc/v3``: field maps, contract filters and what
WooCommerce calls them. A site is one store; lists are asked in ascending id order.
"""

from __future__ import annotations

from anycart.model import Category, Child, Customer, Order, Product
from anycart.platforms.kit import fields as F
from anycart.platforms.kit import nested as N
from anycart.platforms.kit.collection import Among
from anycart.platforms.kit.dates import ISO
from anycart.platforms.kit.entities import BY_ID, Entity, Filter, Find, Sort, date_filters
from anycart.platforms.kit.fields import Entry, Field, choice, flag, int_id, money, number, same
from anycart.platforms.kit.keys import Ref
from anycart.platforms.kit.linklist import LinkList
from anycart.platforms.kit.push import SignedPush, declared
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.shipments import Shipments
from anycart.platforms.kit.subrecords import SubRecords
from anycart.platforms.kit.subscribe import Subscriptions

from . import mapping as M
from .client import PAGES

#: WooCommerce's fixed order statuses: there are no user-defined ones to leave out.
USER_STATUSES = "allow_user_defined_order_statuses"
#: Every list query: ascending ids, and date bounds read as UTC (they are sent in UTC; by
#: default WooCommerce reads them in the site's zone).
LIST_DEFAULTS = {"orderby": "id", "order": "asc", "dates_are_gmt": True}


#: product.variant.add's attributes as a variation's (attribute name, option); one without
#: both is 109.
_OPTIONS = F.renamed({"attribute_name": "name", "attribute_value": "option"})

#: The contract's product ``type`` (any case) as WooCommerce's.
_TYPE = choice({**{t: t for t in ("simple", "variable", "grouped", "external")},
                "configurable": "variable"}, str.lower)
#: The contract's ``visible`` as WooCommerce's ``catalog_visibility``.
VISIBILITY = {"everywhere": "visible", "catalog": "catalog", "search": "search", "nowhere": "hidden"}


_DATES = date_filters(created=("after", "before"), modified=("modified_after", "modified_before"),
                      named=ISO.filter)


def _stamps(created: str, modified: str) -> tuple[Field, ...]:
    return (Field(created, "date_created_gmt", ISO.a2c), Field(modified, "date_modified_gmt", ISO.a2c))


_DIMS = (Field("weight", "weight", number, param="weight", write=str),
         *(Field(d, f"dimensions.{d}", number, param=d, write=str) for d in ("width", "height", "length")))


_SORT = Sort({"id": "id", "name": "title", "create_at": "date", "modified_at": "modified"},
             "orderby", direction_param="order")
_BY_NAME = Find({"name": "search", "sku": "sku", "id": BY_ID}, default="name",
                whole_field={"name": "name"}, limit=1000)
#: A product's and a variation's price, sale and tax writes (the same keys in both).
_PRICES = (Field(None, "regular_price", param="price", write=money),
           Field(None, "sale_price", param="special_price", write=money),
           Field(None, "date_on_sale_from", param="sprice_create", write=ISO.iso),
           Field(None, "date_on_sale_to", param="sprice_expire", write=ISO.iso),
           Field(None, "tax_class", param="tax_class_id"),
           # a stock given is kept only where WooCommerce manages it (unless told otherwise)
           Field(None, "manage_stock", param="quantity", write=lambda _: True),
           Field(None, "manage_stock", param="manage_stock", write=bool))


PRODUCT = Entity(
    name="product", label="Product", path="products", id_field="id", model=Product,
    verbs=("list", "count", "info", "find", "add", "update", "delete"), stock="stock_quantity",
    fields=(Field("id", "id"), Field("name", "name", param="name"),
            Field("description", "description", param="description"),
            Field("short_description", "short_description", param="short_description"),
            Field("u_sku", "sku", param=("sku", "model")), Field("u_model", "sku"),
            Field("quantity", "stock_quantity", number, param="quantity", write=int), *_PRICES,
            Field("seo_url", "slug", param="seo_url"), Field("url", "permalink"),
            Field("sort_order", "menu_order", same, param="sort_order", write=int),
            Field("on_sale", "on_sale", flag), Field("u_gtin", "global_unique_id", param=F.GTIN_PARAMS),
            Field(None, "type", param="type", write=_TYPE),
            Field(None, "status", param="available_for_view",
                  write=lambda v: "publish" if v else "draft"),
            Field(None, "catalog_visibility", param="visible", write=choice(VISIBILITY)),
            Field(None, "virtual", param="is_virtual", write=bool),
            Field(None, "downloadable", param="downloadable", write=bool),
            Field(None, "categories", param="categories_ids", write=F.as_ids("id", int_id)),
            *_DIMS, *_stamps("create_at", "modified_at")),
    filters=(Filter("product_ids", "include", int_id, many=True),
             Filter(("category_id", "categories_ids"), "category", int_id),
             Filter("sku", "sku"), Filter("type", "type", _TYPE),
             Filter("avail_view", "status", lambda v: "publish" if v else "draft"), *_DATES),
    sort=_SORT, find=_BY_NAME, list_find=_BY_NAME, mapped=M.product, consumed=M.PRODUCT_READ,
)

VARIATION = Entity(
    name="product.child_item", label="Child item", path="variations", id_field="id", model=Child,
    verbs=(), mapped=lambda v, ctx: M.child(ctx["parent"], v), consumed=M.VARIATION_READ,
    fields=(Field("id", "id"), Field("sku", "sku", param=("sku", "model")), *_PRICES,
            Field("default_price", "regular_price", number), Field("manage_stock", "manage_stock", flag),
            Field("inventory_level", "stock_quantity", number, param="quantity", write=int),
            Field("full_description", "description", param="description"),
            Field("url", "permalink"), Field("sort_order", "menu_order", same),
            Field("on_sale", "on_sale", flag), Field("is_virtual", "virtual", flag, param="is_virtual"),
            Field("gtin", "global_unique_id", param=F.GTIN_PARAMS),
            Field(None, "attributes", param="attributes", write=_OPTIONS),
            *_DIMS, *_stamps("created_time", "modified_time")),
)
TAX_CLASSES = Resource("taxes/classes", "", suffix="", label="Tax class", id_field="slug")
#: A tax class's rates: ``/taxes`` filtered by its slug (``standard`` too), every page.
RATES = Among(Resource("taxes", "", suffix="", label="Tax rate"), "_rates", by="class", paginator=PAGES)
#: Shipping zones, each with the places it covers (read one request a zone).
ZONES = Resource("shipping/zones", "", suffix="", label="Shipping zone")
LOCATIONS = Among(Resource("shipping/zones/{zone_id}/locations", "", suffix="", label="Location"), "_locations")

#: product.variant.add/.update/.delete under the product (a variation is never trashed).
VARIANTS = SubRecords("product.variant", Resource("products/{product_id}/variations", "", wrap="",
                                                  suffix="", label="Variant", parent="Product"),
                      VARIATION, "product_variant_id", delete_query={"force": True})

CATEGORY = Entity(
    name="category", label="Category", path="products/categories", id_field="id",
    model=Category, plural="categories",
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    fields=(Field("id", "id"), Field("name", "name", param="name"),
            Field("description", "description", param="description"),
            Field("seo_url", "slug", param="seo_url"),
            Field("sort_order", "menu_order", same, param="sort_order", write=int),
            Field(None, "parent", param="parent_id", write=int_id)),
    filters=(Filter("parent_id", "parent", int_id),),
    find=Find({"name": "search", "id": BY_ID}, default="name", whole_field={"name": "name"},
              limit=1000), list_find=Find({"name": "search"}, default="name"),
    mapped=M.category, consumed=frozenset({"parent", "image", "_links"}),
)

CUSTOMER = Entity(
    name="customer", label="Customer", path="customers", id_field="id", model=Customer,
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    find=Find({"email": "email", "name": "search", "id": BY_ID}, default="email", limit=1000),
    unique={"email": "email"}, fields=(Field("id", "id"), Field("email", "email", param="email"),
            Field("first_name", "first_name", param="first_name"),
            Field("last_name", "last_name", param="last_name"),
            Field(None, "username", param="login"), Field(None, "password", param="password"),
            Field("phone", "billing.phone", param="phone"), Field("company", "billing.company", param="company"),
            *_stamps("created_time", "modified_time")),
    # WooCommerce filters customers by no date: a bounded list is read and kept here
    filters=(Filter("ids", "include", int_id, many=True), Filter("group_id", "role"),
             *date_filters(ISO.utc, created=("date_created_gmt",) * 2,
                           modified=("date_modified_gmt",) * 2, local=True)),
    # ids grow with registration: the contract's default created_time order is the id order
    sort=Sort({"id": "id", "created_time": "id", "name": "name", "email": "email"}, "orderby",
              direction_param="order"), mapped=M.customer, consumed=M.CUSTOMER_READ,
)

ORDER = Entity(
    name="order", label="Order", path="orders", id_field="id", model=Order,
    verbs=("list", "count", "info", "add", "update"), named_by=("order_id", "id"),
    fields=(Field("id", "id"), *M.ORDER_READS, *M.ORDER_WRITE, *_stamps("create_at", "modified_at")),
    written=M.order_lines, added_also={"id": "", "customer_id": "customer_id"},
    add_choices={"order_status": M.STATUSES},  # WooCommerce's own (plugins add more)
    filters=(Filter(("order_ids", "ids"), "include", int_id, many=True),
             Filter("order_status", "status"), Filter("customer_id", "customer", int_id), *_DATES),
    sort=Sort({"id": "id", "order_id": "id", "create_at": "date", "modified_at": "modified"}, "orderby",
              direction_param="order"), mapped=M.order, consumed=M.ORDER_READ,
    accepts={"list": frozenset({USER_STATUSES}), "info": frozenset({USER_STATUSES}),
             "add": frozenset({"is_guest", "order_item", "order_shipping_method", "shipping_price",
                               "fee_price", "coupons"})},
)
#: An order's notes: the staff's (private) and those told to the customer.
NOTES = Resource("orders/{order_id}/notes", "", suffix="", label="Note", parent="Order")
#: An order's refunds (WooCommerce does not trash them: a delete without force is 501).
REFUNDS = Resource("orders/{order_id}/refunds", "", suffix="", label="Return", parent="Order")
#: An order.add's buyer: the customer of that email (a guest's order stays unlinked).
BUYER = Ref("customer_id", ("customer_email",), "customer_id", "email", "id")

COUPON = Entity(
    name="cart.coupon", label="Coupon", path="coupons", id_field="id", missing="coupon_id",
    verbs=("list", "count", "add", "delete"), deleted_key="deleted", deleted="true",
    fields=(Field(None, "code", param="code"), Field(None, "amount", param="action_amount", write=money),
            Field(None, "description", param="name"),
            Field(None, "date_expires_gmt", param="date_end", write=ISO.iso),
            Field(None, "usage_limit", param="usage_limit", write=int),
            Field(None, "usage_limit_per_user", param="usage_limit_per_customer", write=int)),
    filters=(Filter("coupons_ids", "include", int_id, many=True),), mapper=M.coupon,
    written=M.coupon_kind, accepts={"add": frozenset({"action_type", "action_scope", "action_apply_to"})},
)

ENTITIES = (PRODUCT, CATEGORY, CUSTOMER, ORDER, COUPON)

# -- what WooCommerce lists only under a product or an order ---------------------------------
CHILDREN = (
    N.Children("product.child_item", "_variations", "Child item", ("product_ids", "product_id"),
               "product_id", N.Under("product", "variations", PAGES),
               lambda p, v: VARIATION.to_unified(v, {"parent": p})),
    N.Children("return", "_refunds", "Return", ("order_ids", "order_id"), "order_id",
               N.Under("order", "refunds", PAGES), M.return_, verbs=("list", "count", "info"),
               plural="returns"),
)

#: Shipments as the Shipment Tracking extension keeps them: tracking items in the order's
#: ``_wc_shipment_tracking_items`` meta, written back whole (``kit.shipments.KeptShipments``
#: puts them in ``_tracking``); each added one is also told to the customer in an order note.
TRACKING = Entry("_wc_shipment_tracking_items")
TRACKING_BLANK = {"tracking_provider": "", "tracking_number": "", "date_shipped": ""}
SHIPMENTS = Shipments(
    items="_tracking", id="tracking_id", order_id="id", tracking="tracking_number",
    method="tracking_provider", shipped="date_shipped", modified="date_shipped",
    lines="line_items", line_id="id", line_shipment="_shipment", line_quantity="quantity",
    parse=M.SHIPPED.parse, stamp=M.SHIPPED.stamp, separator=" ", cart="WooCommerce",
    fields=(Field(None, "custom_tracking_link", param="tracking_link"),))

#: A product's images and categories are lists in the product, written back whole.
IMAGES = M.IMAGES
CATEGORIES = LinkList("category", IMAGES.products, "product_id",
                      Resource("products/categories", "", suffix="", label="Category"),
                      "category_id", "categories", "Assignment of product")

# -- native webhooks -------------------------------------------------------------------------
#: WooCommerce topic -> (AnyCart entity, action).
TOPICS: dict[str, tuple[str, str]] = {
    f"{e}.{verb}": (e, action) for e in ("product", "customer", "order")
    for verb, action in (("created", "add"), ("updated", "update"), ("deleted", "delete"))}


#: A webhook's deliveries are signed with the secret it was registered with: the store's
#: consumer secret (base64 HMAC-SHA256 of the raw body).
PUSH = SignedPush("wc_consumer_secret", "X-WC-Webhook-Signature", "X-WC-Webhook-Topic", TOPICS,
                  declared(ENTITIES), ping=b"webhook_id=")
#: Registered with that secret; WooCommerce's list filters by neither topic nor address, and
#: a webhook it paused or disabled after failed deliveries is turned back on.
HOOKS = Subscriptions(Resource("webhooks", "", suffix="", label="Webhook"), PUSH, "WooCommerce",
                      address="delivery_url", extra={"status": "active"}, match_here=True,
                      list_query={"per_page": 100}, secret_key="secret", active=("status", "active"))
