"""BigCommerce's entities, declared: where each lives (v3 catalog, customers and hooks; v2
orders and coupons), its field map and the contract filters it takes. A product is read with
its variants, images, custom fields and options (``include``: no request more), its brand
(the manufacturer) named through the brands list. Composite values are :mod:`.mapping` hooks.
"""

from __future__ import annotations

from anycart.model import Category, Child, Customer, Order, Product
from anycart.platforms.kit import entities as K
from anycart.platforms.kit.dates import ISO
from anycart.platforms.kit.entities import BY_ID, Entity, Filter, Find, Sort, date_filters
from anycart.platforms.kit.fields import Field, flag, int_id, number, same
from anycart.platforms.kit.images import UPLOAD_ADD, Uploads
from anycart.platforms.kit.keys import LinkBy, Ref
from anycart.platforms.kit.linklist import LinkList
from anycart.platforms.kit.named import Named
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.subrecords import SubRecords
from anycart.platforms.kit.subscribe import Subscriptions
from anycart.platforms.kit.thinpush import ThinPush

from . import coupons
from . import mapping as M

#: BigCommerce's order statuses are its own fixed list (the merchant renames, never adds).
USER_STATUSES = "allow_user_defined_order_statuses"
#: Read with every product: no request more than the product itself.
PRODUCT_INCLUDE = {"include": "variants,images,custom_fields,options"}


def collection(path: str, label: str, parent: str = "", data: str = "data") -> Resource:
    """A v3 collection: one record and a list under ``data``, bodies bare (``data=""``: a v2
    one, whose answers are bare too)."""
    return Resource(path, data, data, wrap="", label=label, parent=parent, suffix="")


#: Dimensions, weight and price keys a product and a variant share.
_DIMS = (*(Field(k, k, number, param=k, write=float) for k in ("weight", "width", "height")),
         Field("length", "depth", number, param="length", write=float))
_PRICES = (Field("cost_price", "cost_price", number, param="cost_price", write=float),
           Field(None, "sale_price", param="special_price", write=float),
           Field(None, "retail_price", param=("retail_price", "old_price"), write=float),
           Field(None, "fixed_cost_shipping_price", param="fixed_cost_shipping_price", write=float),
           Field(None, "is_free_shipping", param="is_free_shipping", write=bool))
_CODES = (Field(None, "upc", param="upc"), Field(None, "mpn", param="mpn"),
          Field(None, "gtin", param=("gtin", "barcode")))
_STAMPS = (Field("create_at", "date_created", ISO.a2c), Field("modified_at", "date_modified", ISO.a2c))
#: The page title, meta description and keywords a product and a category share.
_META = (Field("meta_title", "page_title", param="meta_title"),
         Field("meta_description", "meta_description", param="meta_description"),
         Field(None, "meta_keywords", param="meta_keywords", write=M.words))


PRODUCT = Entity(
    name="product", label="Product", path="catalog/products", id_field="id", model=Product,
    verbs=("list", "count", "info", "find", "add", "update", "delete"), stock="inventory_level",
    fields=(Field("id", "id"), *(Field(k, k, param=k) for k in ("name", "description")),
            Field("u_sku", "sku", param=("sku", "model")), Field("u_model", "sku"),
            Field("price", "price", number, param="price", write=float),
            Field("quantity", "inventory_level", number, param="quantity", write=int),
            # a stock given is kept only where BigCommerce tracks it on the product
            Field(None, "inventory_tracking", param="manage_stock",
                  write=lambda v: "product" if v else "none"),
            Field(None, "inventory_warning_level", param="low_stock_threshold", write=int),
            Field("u_upc", "upc"), Field("u_mpn", "mpn"), Field("u_gtin", "gtin"), *_CODES,
            *_META, Field(None, "search_keywords", param="search_keywords"),
            Field("sort_order", "sort_order", same),
            Field("tax_class_id", "tax_class_id", param="tax_class_id", write=int),
            Field(None, "type", param="type", write=M.TYPE), Field("avail_view", "is_visible", bool, param=(
                "available_for_view", "visible"), write=M.visible),
            Field(None, "availability", param="available_for_sale",
                  write=lambda v: "available" if v else "disabled"),
            Field(None, "condition", param="condition", write=M.CONDITION),
            Field(None, "custom_url.url", param="seo_url", write=M.url_path),
            Field("categories_ids", "categories", lambda v: [str(c) for c in v or []],
                  param="categories_ids", write=M.ids),
            Field(None, "brand_id", param="manufacturer_id", write=int_id),
            Field(None, "order_quantity_minimum", param="min_order_quantity", write=int),
            Field(None, "order_quantity_maximum", param="max_order_quantity", write=int),
            Field(None, "related_products", param="related_products_ids", write=M.ids),
            *_DIMS, *_PRICES, *_STAMPS),
    filters=(K.id_list("product_ids", to="id:in"), K.since("id:min"),
             Filter(("category_id", "categories_ids"), "categories:in", int_id, many=True),
             Filter("manufacturer_id", "brand_id", int_id), Filter("sku", "sku"),
             Filter("type", "type", M.TYPE), Filter("avail_view", "is_visible", bool),
             Filter("avail_sale", "availability", lambda v: "available" if v else "disabled"),
             *date_filters(modified=("date_modified:min", "date_modified:max"), named=ISO.filter)),
    sort=Sort({"id": "id", "name": "name", "modified_at": "date_modified", "price": "price",
               "sku": "sku"}, "sort", direction_param="direction"),
    find=Find({"name": "keyword", "sku": "sku", "id": BY_ID}, default="name",
              whole_field={"name": "name"}, limit=1000),
    list_find=Find({"name": "keyword", "sku": "sku"}, default="name"),
    mapped=M.product, consumed=M.PRODUCT_READ, add_needs=("name", "price"),
    accepts=dict.fromkeys(("add", "update"), frozenset({"brand_name", "manufacturer"})),
)

VARIANT = Entity(
    name="product.child_item", label="Child item", path="catalog/variants", id_field="id",
    model=Child, verbs=("list", "info"), plural="children",
    fields=(Field("id", "id"), Field("parent_id", "product_id"),
            Field("sku", "sku", param=("sku", "model")), Field("upc", "upc"), Field("mpn", "mpn"),
            Field("gtin", "gtin"), *_CODES,
            Field("default_price", "price", number, param="price", write=float),
            Field("list_price", "retail_price", number),
            Field("inventory_level", "inventory_level", number, param="quantity", write=int),
            Field("low_stock_threshold", "inventory_warning_level", number),
            Field(None, "purchasing_disabled", param="available_for_sale", write=lambda v: not v),
            Field(None, "image_url", param="image_url"),
            # attributes: the option values :func:`.mapping.option_values` made of them
            Field(None, "option_values", param="attributes"),
            *_DIMS, *_PRICES),
    filters=(K.id_list("product_ids", "product_id", to="product_id:in"), Filter("sku", "sku")),
    parents={"product_id": "product_id"},
    mapped=M.child, consumed=M.VARIANT_READ,
)
#: product.variant.add/.update/.delete under the product, from the child items' field map.
VARIANTS = SubRecords("product.variant", collection("catalog/products/{product_id}/variants",
                                                    "Variant", "Product"), VARIANT, "product_variant_id")

CATEGORY = Entity(
    name="category", label="Category", path="catalog/categories", id_field="id",
    model=Category, plural="categories",
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    fields=(Field("id", "id"), *(Field(k, k, param=k) for k in ("name", "description")),
            # the root's children name parent 0
            Field("parent_id", "parent_id", lambda v: str(v or 0), param="parent_id", write=int_id),
            Field("sort_order", "sort_order", same, param="sort_order", write=int),
            Field("avail", "is_visible", flag, param="avail", write=bool),
            *_META, Field("seo_url", "custom_url.url", param="seo_url", write=M.url_path)),
    filters=(Filter("parent_id", "parent_id", int_id), Filter("avail", "is_visible", bool)),
    find=Find({"name": "name:like", "id": BY_ID}, default="name", whole_field={"name": "name"},
              limit=1000),
    list_find=Find({"name": "name:like"}, default="name"),
    mapped=M.category, consumed=M.CATEGORY_READ, add_needs=("name",),
)

CUSTOMER = Entity(
    name="customer", label="Customer", path="customers", id_field="id", model=Customer,
    verbs=("list", "count", "info", "find", "add", "update", "delete"),
    find=Find({"email": "email:in", "name": "name:like", "id": BY_ID}, default="email", limit=1000),
    unique={"email": "email:in"},
    fields=(Field("id", "id"),  # keys named alike in both, read and written:
            *(Field(k, k, param=k) for k in ("email", "first_name", "last_name", "phone", "company")),
            Field(None, "notes", param="note"),
            Field(None, "customer_group_id", param="group_id", write=int_id),
            Field(None, "authentication.new_password", param="password"),
            Field("news_letter_subscription", "accepts_product_review_abandoned_cart_emails", bool,
                  param="news_letter_subscription", write=bool),
            Field("created_time", "date_created", ISO.a2c),
            Field("modified_time", "date_modified", ISO.a2c)),
    filters=(K.id_list("ids", to="id:in"), Filter("group_id", "customer_group_id:in", int_id, many=True),
             *date_filters(created=("date_created:min", "date_created:max"),
                           modified=("date_modified:min", "date_modified:max"), named=ISO.filter)),
    # ids grow with registration: the contract's default created_time order is the id order
    sort=Sort({"created_time": "date_created", "modified_time": "date_modified",
               "name": "last_name"}, "sort", format="{key}:{direction}"),
    mapped=M.customer, consumed=M.CUSTOMER_READ, add_needs=("email", "first_name", "last_name"),
)
#: A customer's addresses: one collection, named by ``customer_id``, written in arrays.
ADDRESS = Entity(name="customer.address", label="Address", path="customers/addresses",
                 id_field="id", verbs=("add",), fields=M.ADDRESS_WRITE, add_needs=("customer_id",))

ORDER = Entity(
    name="order", label="Order", path="orders", id_field="id", model=Order,
    verbs=("list", "count", "info", "update"), named_by=("order_id", "id"),
    lookup=("order_ids", "ids"),
    fields=(Field("id", "id"), Field("order_id", "id"),
            Field(None, "status_id", param="order_status", write=int_id),
            Field(None, "staff_notes", param="admin_comment"),
            Field(None, "customer_message", param="comment"),
            Field(None, "payment_method", param="order_payment_method"),
            Field("create_at", "date_created", M.RFC.a2c),
            Field("modified_at", "date_modified", M.RFC.a2c),
            # the buyer as billed (a guest's customer id is 0)
            Field("customer.id", "customer_id", lambda v: str(v or 0)),
            *(Field(f"customer.{k}", f"billing_address.{k}") for k in ("email", "first_name", "last_name", "phone")),
            Field("currency.id", "currency_code", same), Field("currency.iso3", "currency_code", same),
            Field("payment_method.name", "payment_method"), Field("comment", "customer_message"),
            Field("totals.total", "total_inc_tax", number), Field("totals.subtotal", "subtotal_ex_tax", number),
            Field("totals.shipping", "shipping_cost_inc_tax", number), Field("totals.tax", "total_tax", number),
            Field("totals.discount", "discount_amount", number),
            Field("order_products", "_lines", M.LINE.read)),  # read with it (connector.context)
    filters=(K.since("min_id"), Filter("customer_id", "customer_id", int_id),
             Filter(("order_status_ids", "order_status"), "status_id", int_id),
             Filter("customer_email", "email"),
             *date_filters(created=("min_date_created", "max_date_created"),
                           modified=("min_date_modified", "max_date_modified"), named=ISO.filter)),
    sort=Sort({"id": "id", "order_id": "id", "create_at": "date_created",
               "modified_at": "date_modified"}, "sort", format="{key}:{direction}"),
    mapped=M.order, consumed=M.ORDER_READ,
    accepts={"list": frozenset({USER_STATUSES}), "info": frozenset({USER_STATUSES})},
)
#: An order's shipments and the lines and addresses they ship (v2, at paths of their own).
SHIPMENTS = collection("orders/{order_id}/shipments", "Shipment", "Order", data="")
LINES = collection("orders/{order_id}/products", "Order product", "Order", data="")
SHIP_TO = collection("orders/{order_id}/shipping_addresses", "Shipping address", "Order", data="")

#: The store's order statuses (v2 ``order_statuses``: id, name, custom label).
STATUSES = Named("order_statuses", "id", ("custom_label", "name"), "order status")
#: Brands: a product's manufacturer, named by id in the product.
BRANDS = Named("catalog/brands", "id", ("name",), "brand")
BRAND = Entity(name="product.brand", label="Brand", path="catalog/brands", id_field="id",
               verbs=("list",), mapper=M.brand, fields=M.BRAND,
               filters=(K.id_list("brand_ids", to="id:in"),),
               list_find=Find({"name": "name:like"}, default="name"))
#: A product's brand written by name (``manufacturer``, ``brand_name``): created when new.
MAKER = LinkBy(Ref("manufacturer_id", ("manufacturer", "brand_name"), "brand_id", "name", "id"),
               "product.brand", "name", create=True)

#: v2 coupon codes, each its own discount (:mod:`.coupons` reads and writes them).
COUPON = Entity(name="cart.coupon", label="Coupon", path="coupons", id_field="id",
                verbs=("list", "count", "add", "delete"), deleted_key="deleted", deleted="true",
                fields=coupons.WRITE, written=coupons.written, accepts={"add": coupons.WRITTEN},
                mapper=coupons.coupon)

ENTITIES = (PRODUCT, VARIANT, CATEGORY, CUSTOMER, ADDRESS, ORDER, BRAND, COUPON)

# -- records written under their parent, or in a list of the parent -------------------------
PRODUCTS = collection("catalog/products", "Product")
#: Images by URL only: BigCommerce takes a file as a multipart upload, never base64 (so
#: ``content`` is 109); an update changes an image's alt text, place and whether it is the
#: thumbnail (``mapping.IMAGE_WRITE``).
IMAGES = Uploads(collection("catalog/products/{product_id}/images", "Image", "Product"),
                 url="image_url", alt="description", position="sort_order", stored="url_standard",
                 base_position=0, added=UPLOAD_ADD - {"content"})
CATEGORIES = LinkList("category", PRODUCTS, "product_id", collection("catalog/categories", "Category"),
                      "category_id", "categories", "Assignment of product", entry=int)  # [9, 12]

# -- native webhooks ---------------------------------------------------------------------------
#: BigCommerce scope -> (AnyCart entity, action); an archived order is a deleted one.
TOPICS: dict[str, tuple[str, str]] = {
    f"store/{e}/{verb}": (e, action) for e in ("product", "category", "customer", "order")
    for verb, action in (("created", "add"), ("updated", "update"),
                         ("archived" if e == "order" else "deleted", "delete"))}
#: The header every hook is registered with, its value the store's generated secret.
SECRET_HEADER = "X-Anycart-Webhook-Secret"
PUSH = ThinPush("bigcommerceapi_webhook_secret", SECRET_HEADER, TOPICS)
HOOKS = Subscriptions(collection("hooks", "Webhook"), PUSH, "BigCommerce", topic="scope",
                      address="destination", extra={"is_active": True},
                      secret_key="headers." + SECRET_HEADER, active=("is_active", True))
