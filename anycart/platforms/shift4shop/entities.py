"""Shift4Shop's entities, declared: where each lives, its fields both ways, its filters.

Lists come in ascending id order (the contract's default): ``$orderby`` only sorts the page
already selected, so no other order is declared (109). ``product_ids``/``ids``/``order_ids``
are fetched one by one; several order statuses or order ids are one query each, merged by id.
"""

from __future__ import annotations

from typing import Any

from anycart import model as U
from anycart.errors import ApiError
from anycart.platforms.kit import fields as F
from anycart.platforms.kit.entities import BY_ID, VERBS, Entity, Filter, Find, date_filters
from anycart.platforms.kit.fields import GTIN_PARAMS, Field, negated, number, same, text
from anycart.platforms.kit.images import Gallery
from anycart.platforms.kit.keys import Ref
from anycart.platforms.kit.named import Named
from anycart.platforms.kit.options import OptionSets
from anycart.platforms.kit.shipments import Shipments
from anycart.platforms.kit.variants import Variants
from anycart.platforms.overlap import at_most_one, split_all

from . import mapping as M
from .client import PLATFORM
from .returns import RMA

_PRODUCT_DATES = date_filters(M.query_date, created=("datecreatedstart", "datecreatedend"),
                              modified=("lastupdatestart", "lastupdateend"))
_AVAIL_SALE = Filter("avail_sale", "notforsale", negated)
#: The product filters product.child_item.list sends to Products (the others it applies itself).
CHILD_FILTERS = (*_PRODUCT_DATES, _AVAIL_SALE)


#: Product.cs's second to fourth image, in product keys beside the gallery.
MORE_IMAGES = {f"image{n}": (f"AdditionalImageFile{n}", f"AdditionalImageCaption{n}")
               for n in (2, 3, 4)}
#: Price levels 1-10 (0: unset, the regular price); a customer group pays the one its
#: PriceLevel names. They and their Hide flags (the product hidden from those groups) stay
#: in additional_fields too: a level no group pays is still the store's.
GROUP_LEVELS = Named("CustomerGroups", "CustomerGroupID", ("PriceLevel",), "customer group")


#: A product's images: the main image and its thumbnail in product keys, and its gallery
#: (``ImageGalleryList``; the REST API has no DELETE for a gallery image).
GALLERY = Gallery(items="ImageGalleryList", id="ImageGalleryID", file="ImageGalleryFile",
                  caption="ImageGalleryCaption", sort="ImageGallerySorting",
                  slots={"base": "MainImageFile", "small": "ThumbnailFile",
                         "thumbnail": "ThumbnailFile"},
                  captions={"base": "MainImageCaption"}, shown={"base": "main"},
                  more=MORE_IMAGES)


# -- products -----------------------------------------------------------------------------
def _product_more(p: dict[str, Any], ctx: Any) -> dict[str, Any]:
    sku = p.get("SKUInfo") or {}
    stock, sale = number(sku.get("Stock")), number(sku.get("SalePrice"))
    return {"images": GALLERY.images(p),
            # ctx["levels"]: customer group id -> its price level
            "group_price": [U.GroupPrice(group_id=gid, price=price)
                            for gid, level in (ctx.get("levels") or {}).items()
                            if level and (price := number(p.get(f"PriceLevel{level}")))],
            "product_options": OPTIONS.of_product(p, VARIANTS.combined(p)),
            "in_stock": None if stock is None else stock > 0,
            "on_sale": bool(sku.get("OnSale")) if "OnSale" in sku else (sale or 0) > 0 or None,
            "additional_fields": {k: sku[k] for k in ("Cost", "RetailPrice", "SalePrice", "OnSale")
                                  if k in sku}}


#: Product.cs (Shift4Shop's client model) has ManufacturerID and no ManufacturerName: the
#: service drops a name it is sent, so a product is linked by id, to the manufacturer of that
#: name (case aside), created when there is none.
MAKER = Ref("manufacturer_id", ("manufacturer", "brand_name"), "ManufacturerID",
            "ManufacturerName", "ManufacturerID")


def _product_written(params: Any, body: dict[str, Any]) -> None:
    g = params.get
    MAKER.name(params)  # linked by the connector's links (kit LinkBy); refused here, first
    if g("visible") is not None:
        shown = g("visible") in ("everywhere", "catalog", "search")
        if "Hide" not in body:
            body["Hide"] = not shown
        elif body["Hide"] == shown:
            raise ApiError.invalid("visible", "a visibility agreeing with available_for_view")
    if cats := split_all(params, "categories_ids", "category_id"):
        body["CategoryList"] = [{"CategoryID": int(c)} for c in cats]


PRODUCT = Entity(
    name="product", label="Product", path="Products", id_field="SKUInfo.CatalogID", model=U.Product,
    verbs=VERBS,
    fields=(
        Field("id", "SKUInfo.CatalogID", str),
        Field("u_sku", "SKUInfo.SKU", param="sku"),
        Field("name", "SKUInfo.Name", param="name"),
        Field("price", "SKUInfo.Price", number, param="price"),
        Field("cost_price", "SKUInfo.Cost", number, param="cost_price"),
        Field(None, "SKUInfo.RetailPrice", param="retail_price"),
        Field(None, "SKUInfo.SalePrice", param="special_price"),
        Field("quantity", "SKUInfo.Stock", number, param="quantity"),
        Field(None, "SKUInfo.OnSale", param="on_sale", write=bool),
        Field("u_model", "MFGID", param="model"),
        Field("description", "Description", param="description"),
        Field("short_description", "ShortDescription", param="short_description"),
        Field("u_brand_id", "ManufacturerID", F.nonzero, param="manufacturer_id"),
        Field("u_brand", "ManufacturerName"),
        Field("categories_ids", "CategoryList", F.ids_in("CategoryID")),
        Field("url", "ProductLink"),
        Field("seo_url", "CustomFileName", param=("seo_url", "url")),
        Field("meta_title", "Title", param="meta_title"),
        Field("meta_keywords", "Keywords", param=("meta_keywords", "search_keywords")),
        Field("meta_description", "MetaTags", param="meta_description"),
        Field("avail_view", "Hide", negated, param=("available_for_view", "avail"), write=negated),
        Field("avail_sale", "NotForSale", negated, param="available_for_sale", write=negated),
        Field("weight", "Weight", number, param="weight"),
        Field("height", "Height", number, param="height"),
        Field("width", "Width", number, param="width"),
        Field("length", "Depth", number, param="length"),
        Field("u_gtin", "GTIN", param=GTIN_PARAMS),
        Field("create_at", "DateCreated", M.a2c_date),
        Field("modified_at", "LastUpdate", M.a2c_date),
        Field(None, "MainImageFile", param="image_url"),
        Field(None, "MinimumQuantity", param="min_order_quantity"),
        Field(None, "MaximumQuantity", param="max_order_quantity"),
        Field(None, "FreeShipping", param="is_free_shipping", write=bool),
        Field(None, "NonTaxable", param="taxable", write=negated),
    ),
    consumed=frozenset({*GALLERY.keys(), "OptionSetList"}),
    mapped=_product_more, written=_product_written,
    accepts={verb: frozenset({"manufacturer", "brand_name", "visible", "categories_ids",
                              "category_id"}) for verb in ("add", "update")},
    stock="SKUInfo.Stock", unique={"sku": "sku"},
    add_from={"sku": "model"}, add_needs=("sku",),  # a product needs a SKU: the model's else
    add_yields={"available_for_view": "visible"},  # the default true yields to a visibility
    filters=(Filter("sku", "sku"), Filter(("category_id", "categories_ids"), "categoryid"),
             Filter("manufacturer_id", "manufacturerid"), Filter("avail_view", "hide", negated),
             _AVAIL_SALE, *_PRODUCT_DATES),
    lookup=("product_ids",),
    list_find=Find({"name": "name", "sku": "sku", "u_sku": "sku"}, "name"),
    find=Find({"name": "name", "sku": "sku", "u_sku": "sku", "model": "sku", "id": BY_ID,
               "product_id": BY_ID}, "name", whole_field={"name": "name"}),
)

#: product.manufacturer.add: a new manufacturer (the connector links ``product_id`` to it).
MANUFACTURER = Entity(
    name="product.manufacturer", label="Manufacturer", path="Manufacturers",
    id_field="ManufacturerID", verbs=("add",), accepts={"add": frozenset({"product_id"})},
    fields=(Field(None, "ManufacturerName", param="manufacturer"),
            Field(None, "PageTitle", param="meta_title"),
            Field(None, "MetaTags", param="meta_description"),
            Field(None, "Logo", param="image_url"), Field(None, "Header", param="description")))

# -- options and variants ----------------------------------------------------------------
#: Contract option types -> Shift4Shop ``OptionType``. *unconfirmed*: the docs only say "a
#: string of up to 10 characters"; these are the option types of the store admin.
OPTION_TYPES = {"option_type_select": "Dropdown", "option_type_radio": "Radio",
                "option_type_checkbox": "Checkbox", "option_type_text": "Text",
                "option_type_textarea": "TextArea", "option_type_file": "File"}
#: A product's option sets (``OptionSetList``, each with its ``OptionList`` of values).
OPTIONS = OptionSets(
    sets="OptionSetList", set_id="OptionSetID", set_name="OptionSetName", set_type="OptionType",
    set_sort="OptionSorting", set_required="OptionRequired", values="OptionList",
    value_id="OptionID", value_name="OptionName", value_sort="OptionSorting",
    value_default="OptionSelected", value_price="OptionValue", hidden="OptionHide",
    types=OPTION_TYPES, product_id="SKUInfo.CatalogID",
    option=(Field("description", "OptionAdditionalInformation", param="description"),),
    value=(Field("sku", "OptionPartNumber"),))


def _whole(value: Any) -> int:
    quantity = float(value)
    if not quantity.is_integer():
        raise ApiError.invalid("quantity", "integer (Shift4Shop counts variant stock in whole units)")
    return int(quantity)


#: Its advanced options (``AdvancedOptionList``: one per combination of option values, the
#: code made of their OptionIDs, *unconfirmed* format ``"12,15"``) are its child items.
VARIANTS = Variants(
    items="AdvancedOptionList", code="AdvancedOptionCode", product_id="SKUInfo.CatalogID",
    product_sku="SKUInfo.SKU", suffix="AdvancedOptionSufix", options=OPTIONS,
    fields=(Field("gtin", "AdvancedOptionGTIN", param="gtin"),
            Field("cost_price", "AdvancedOptionCost", number, param="cost_price"),
            Field("weight", "AdvancedOptionWeight", number, param="weight"),
            Field("inventory_level", "AdvancedOptionStock", number, param="quantity",
                  write=_whole),
            Field(None, "AdvancedOptionPrice", param="price"),
            Field("name", "AdvancedOptionName", param="name")),
    # without a name of its own, the product's; its dates and sale flag are the product's
    inherited=(Field("name", "SKUInfo.Name"), Field("avail_for_sale", "NotForSale", negated),
               Field("created_time", "DateCreated", M.a2c_date),
               Field("modified_time", "LastUpdate", M.a2c_date)),
    # AdvancedOptionPrice 0 is "not set": the product price plus its option values' prices
    price="AdvancedOptionPrice", product_price="SKUInfo.Price", managed=True,
    consumed=frozenset({"AdvancedOptionPrice"}))

# -- categories ---------------------------------------------------------------------------
CATEGORY = Entity(
    name="category", label="Category", path="Categories", id_field="CategoryID", model=U.Category,
    plural="categories", verbs=VERBS, deleted=True,
    fields=(
        Field("id", "CategoryID", str),
        Field("parent_id", "CategoryParent", lambda v: str(v or 0), param="parent_id",
              write=lambda v: int(v or 0)),
        Field("name", "CategoryName", param="name"),
        Field("description", "CategoryDescription", param="description"),
        Field(None, "CategoryHeader", param="short_description"),
        Field("avail", "Hide", negated, param="avail", write=negated),
        Field("sort_order", "Sorting", same, param="sort_order"),
        Field("seo_url", "CustomFileName", param="seo_url"),
        Field("meta_title", "Title", param="meta_title"),
        Field("meta_description", "MetaTags", param="meta_description"),
        Field("keywords", "AdditionalKeywords", param="meta_keywords"),
        Field("modified_at", "LastUpdate", M.a2c_date),
        Field("images", "CategoryIcon",
              lambda icon: [U.Image(id="icon", http_path=icon, type="base")] if icon else []),
    ),
    filters=(Filter("parent_id", "categoryparent"), Filter("avail", "hide", negated)),
    list_find=Find({"name": "category"}, "name"),
    find=Find({"name": "category", "id": BY_ID, "category_id": BY_ID}, "name",
              whole_field={"name": "name"}),
)

# -- customers ----------------------------------------------------------------------------


def _customer_more(c: dict[str, Any], ctx: Any) -> dict[str, Any]:
    gid = c.get("CustomerGroupID")
    return {"address_book": M.BOOK.read(c),
            "group": [U.CustomerGroup(id=str(gid), name=(ctx.get("groups") or {}).get(str(gid)))]
            if gid else []}


def _customer_written(params: Any, body: dict[str, Any]) -> None:
    # a Shift4Shop customer is in one group
    if gid := at_most_one(split_all(params, "group_id", "group_ids"), "group_ids", PLATFORM):
        body["CustomerGroupID"] = int(gid)
    body.update(M.BOOK.entries(params.get("address") or []))


CUSTOMER = Entity(
    name="customer", label="Customer", path="Customers", id_field="CustomerID", model=U.Customer,
    verbs=VERBS,
    fields=(
        Field("id", "CustomerID", str),
        Field("email", "Email", param="email"),
        Field("first_name", "BillingFirstName", param="first_name"),
        Field("last_name", "BillingLastName", param="last_name"),
        Field("phone", "BillingPhoneNumber", param="phone"),
        Field("company", "BillingCompany", param="company"),
        Field(None, "BillingCountry", param="country"),
        Field(None, "Password", param="password"),
        Field(None, "Comments", param="note"),
        Field("created_time", "DateCreated", M.a2c_date),
        Field("modified_time", "LastUpdate", M.a2c_date),
        Field("status", "Enabled", lambda v: None if v is None else ("enabled" if v else "disabled"),
              param="status",
              write=lambda v: str(v).lower() not in ("disabled", "inactive", "0", "false")),
        Field("news_letter_subscription", "MailList", same, param="news_letter_subscription",
              write=bool),
        Field(None, "NonTaxable", F.flag, param="is_tax_exempt", write=bool),
    ),
    consumed=M.BOOK.paths() | {"CustomerGroupID", "Password"},
    mapped=_customer_more, written=_customer_written,
    accepts={v: frozenset({"group_id", "group_ids", "address"}) for v in ("add", "update")},
    filters=(Filter("group_id", "customergroupid"), *_PRODUCT_DATES),
    lookup=("ids",), unique={"email": "email"},
    list_find=(_by := Find({"email": "email", "first_name": "firstname", "last_name": "lastname",
                            "phone": "phone", "city": "city", "country": "country"}, "email")),
    find=_by,
)

#: An order.add's buyer: the customer of that email (a guest's order stays unlinked).
BUYER = Ref("customer_id", ("customer_email",), "CustomerID", "Email", "CustomerID")

#: Customer groups and order statuses by id and name (``kit.named``).
GROUPS = Named("CustomerGroups", "CustomerGroupID", ("Name",), "customer group")
STATUSES = Named("OrderStatus", "OrderStatusID", ("StatusDefinition", "StatusText"), "order status")

_GROUP = (Field("id", "CustomerGroupID", str), Field("name", "Name", same, param="name"))
GROUP = Entity(
    name="customer.group", label="Customer group", path="CustomerGroups",
    id_field="CustomerGroupID", verbs=("list", "add"), added_key="group_id",
    mapper=lambda g, _: F.unified(_GROUP, g), fields=_GROUP,
    filters=(Filter("group_ids", "CustomerGroupID", many=True, local=True),),
)

# -- orders and returns -------------------------------------------------------------------
ORDER = Entity(
    name="order", label="Order", path="Orders", id_field="OrderID", model=U.Order,
    verbs=("list", "count", "info", "add", "update"), named_by=("order_id", "id"),
    fields=(*M.ORDER_READ, *M.ORDER_WRITE, Field(None, "OrderStatusID", param="order_status",
                                                  write=int)), consumed=M.ORDER_USED,
    mapped=M.order_more, written=M.order_written, added_also={"id": "", "customer_id": "CustomerID"},
    filters=(Filter("customer_id", "customerid"), Filter("customer_email", "billingemail"),
             *date_filters(M.query_date, created=("datestart", "dateend"),
                           modified=("lastupdatestart", "lastupdateend")),
             Filter(("order_status_ids", "order_status"), "orderstatus", each=True)),
    lookup=("order_ids", "ids"),
    # order_status by name or id (the connector's by_name); an order's buyer by email
    accepts={"list": frozenset({M.USER_STATUSES}), "info": frozenset({M.USER_STATUSES}),
             "add": frozenset({"is_guest", "order_item", *F.writable(M.SHIPPING)})},
)


#: An order's shipments (``ShipmentList``); a line is in the shipment its ItemShipmentID names.
SHIPMENTS = Shipments(
    items="ShipmentList", id="ShipmentID", order_id="OrderID", tracking="ShipmentTrackingCode",
    method="ShipmentMethodName", carrier_id="ShipmentMethodID", shipped="ShipmentShippedDate",
    modified="ShipmentLastUpdate", lines="OrderItemList", line_id="ItemIndexID",
    line_shipment="ItemShipmentID", line_quantity="ItemQuantity", whole_lines=True,
    parse=M.parse_date, stamp=lambda d: d.strftime("%m/%d/%Y"), cart=PLATFORM,
    line_fields=(Field("order_product_id", "ItemIndexID"), Field("product_id", "CatalogID"),
                 Field("name", "ItemDescription"), Field("quantity", "ItemQuantity", number)),
    fields=(Field(None, "ShipmentWeight", param="weight"),
            Field(None, "ShipmentInternalComment", param="admin_comment")))


def _return_more(r: dict[str, Any], _: Any) -> dict[str, Any]:
    reason = U.ReturnReason(id=text(r.get("RMAReasonID")), name=text(r.get("RMAReason")))
    return {"status": U.ReturnStatus(**RMA.status(r.get("RMAStatusID"), r.get("RMAStatus"))),
            "order_products": [U.ReturnOrderProduct(
                product_id=text(i.get("CatalogID")), order_product_id=text(i.get("RMAItemID")),
                sku=text(i.get("ItemID")), name=text(i.get("ItemDescription")),
                quantity=int(number(i.get("ItemQuantity")) or 0), reason=reason)
                for i in r.get("RMAItemList") or []]}


RETURN = Entity(
    name="return", label="Return", path="RMA", id_field="RMAID", model=U.Return,
    fields=(Field("id", "RMAID", str), Field("order_id", "OrderID"),
            Field("customer_id", "CustomerID", F.nonzero), Field("comment", "RMAComments"),
            Field("created_at", "RMADateCreated", M.DATES.moment),
            Field("modified_at", "LastUpdate", M.DATES.moment)),
    consumed=frozenset({"RMAStatusID", "RMAStatus", "RMAItemList"}), mapped=_return_more,
    parents={"order_id": "OrderID"},
    # a return status by id, name or unified state (status=approved)
    filters=(Filter("status", "rmastatusid", F.invalid_as_value(lambda v: int(RMA.resolve(v)))),
             *date_filters(M.query_date, created=("datestart", "dateend")),
             Filter(("order_ids", "order_id"), "orderid", each=True),
             # RMA has no customer filter: the matching returns are read whole and kept
             Filter("customer_id", "CustomerID", local=True)),
)

ENTITIES = (PRODUCT, CATEGORY, CUSTOMER, GROUP, ORDER, RETURN, MANUFACTURER)
