"""The Shift4Shop REST services the simulator serves, declared as data.

Paths and filters follow the published API listing (``/3dCartWebAPI/v1/...``); the
``{id}/Sub`` resources are lists inside the parent record (``ImageGalleryList``...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from anycart import sandbox
from anycart.sandbox import Filter
from anycart.sandbox.embedded import Embedded

from . import sim_fields as F
from .sim_store import BATCH_ORDERS, BATCH_OTHERS, BATCH_PRODUCTS, SimulatedStore

#: (store, record, what the request wrote) -> None; fixes up derived fields
Hook = Callable[[SimulatedStore, dict[str, Any], dict[str, Any]], None]

ALL = frozenset({"GET", "POST", "PUT", "DELETE"})
READ = frozenset({"GET"})


@dataclass(frozen=True)
class Resource:
    name: str
    table: str  # attribute of StoreData
    key: str
    spec: F.FieldSpec
    batch: int = BATCH_OTHERS
    methods: frozenset[str] = ALL
    required: tuple[str, ...] = ()
    filters: tuple[Filter, ...] = ()
    subs: dict[str, Embedded] = field(default_factory=dict)
    #: ``/{id}/Products``-style listings: sub name -> (resource name, filter param)
    related: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: the object holding the key (products: ``SKUInfo``), or None for the record itself
    key_in: str | None = None
    #: returned but not in the service's model, so a body cannot set them (Json.NET drops
    #: them): Product.cs has no ManufacturerName
    read_only: tuple[str, ...] = ()
    #: run after every write, and once more on create
    on_write: Hook | None = None
    on_create: Hook | None = None

    def holder(self, doc: dict[str, Any]) -> dict[str, Any]:
        """The object of ``doc`` holding the key."""
        return doc.setdefault(self.key_in, {}) if self.key_in else doc


def _manufacturer_name(store: SimulatedStore, record: dict[str, Any],
                       written: dict[str, Any]) -> None:
    """A product's ManufacturerName follows its ManufacturerID (the name is derived)."""
    if "ManufacturerID" in written:
        mid = record.get("ManufacturerID")
        maker = store.data.manufacturers.peek(mid) if mid in store.data.manufacturers else {}
        record["ManufacturerName"] = maker.get("ManufacturerName") or ""


def _new_order(store: SimulatedStore, record: dict[str, Any], written: dict[str, Any]) -> None:
    record["OrderStatusID"] = record.get("OrderStatusID") or 1
    if not record.get("InvoiceNumber"):
        floor = 1000 + record["OrderID"]
        record["InvoiceNumber"] = store.data.next_sub_id("InvoiceNumber", floor)


#: An RMA's ids and the names the service keeps beside them, from the store's RMA lists.
_RMA_NAMED = (("RMAStatusID", "RMAStatus", "rma_statuses"), ("RMAReasonID", "RMAReason", "rma_reasons"),
              ("RMAMethodID", "RMAMethod", "rma_methods"))


def _rma_names(store: SimulatedStore, record: dict[str, Any], written: dict[str, Any]) -> None:
    """*unconfirmed*: a written status, reason or method id must be one of the store's (400
    otherwise); its name follows it (a written name alone is not kept)."""
    for key, name, table in _RMA_NAMED:
        names: dict[int, str] = getattr(store.data, table)
        if written.get(key) is not None:
            if record[key] not in names:
                raise sandbox.SimError(400)
            record[name] = names[record[key]]


def _new_rma(store: SimulatedStore, record: dict[str, Any], written: dict[str, Any]) -> None:
    """An RMA is of an order of the store (400 otherwise), its invoice and customer; it
    starts in the first status when none is given."""
    order = store.data.orders.peek(record["OrderID"]) if record["OrderID"] in store.data.orders \
        else None
    if order is None:
        raise sandbox.SimError(400)
    record["InvoiceNumber"], record["CustomerID"] = order["InvoiceNumber"], order["CustomerID"]
    if not record.get("RMAStatusID"):
        record["RMAStatusID"] = min(store.data.rma_statuses)
        record["RMAStatus"] = store.data.rma_statuses[record["RMAStatusID"]]


def _flags(*names: tuple[str, str]) -> tuple[Filter, ...]:
    return tuple(Filter(p, "bool", path) for p, path in names)


def _range(param: str, path: str, low: str = "from", high: str = "to",
           dates: bool = False) -> tuple[Filter, Filter]:
    """The service's bound pairs: ``pricefrom``/``priceto``, ``lastupdatestart``/``...end``."""
    ops = ("dge", "dle") if dates else ("ge", "le")
    return Filter(param + low, ops[0], path), Filter(param + high, ops[1], path)


def _dates(param: str, path: str) -> tuple[Filter, Filter]:
    return _range(param, path, "start", "end", dates=True)


PRODUCT_FILTERS = (
    Filter("sku", "ieq", "SKUInfo.SKU"), Filter("name", "contains", "SKUInfo.Name"),
    *_range("price", "SKUInfo.Price"), *_range("cost", "SKUInfo.Cost"),
    *_range("stock", "SKUInfo.Stock"), Filter("onsale", "bool", "SKUInfo.OnSale"),
    *_dates("lastupdate", "LastUpdate"), *_dates("datecreated", "DateCreated"),
    Filter("categoryid", "any_int", "CategoryList.CategoryID"),
    Filter("manufacturerid", "int", "ManufacturerID"),
    Filter("distributorid", "any_int", "DistributorList.DistributorID"),
    Filter("friendlyurl", "ieq", "CustomFileName"),
    *_flags(("hide", "Hide"), ("nontax", "NonTaxable"), ("notforsale", "NotForSale"),
            ("freeshipping", "FreeShipping"), ("homespecial", "HomeSpecial"),
            ("categoryspecial", "CategorySpecial"), ("giftcertificate", "GiftCertificate"),
            ("nonsearchable", "NonSearchable"), ("selfship", "SelfShip"),
            ("rewarddisable", "DisableRewards")),
)

#: ``/{id}/Options``: GET, POST (adds an OptionSet), PUT (collection and one set).
#: *unconfirmed*: the docs do not say how the nested OptionList is updated; without a DELETE,
#: merging by OptionID and adding the rest is the conservative reading.
OPTION_SETS = Embedded("OptionSetList", "OptionSetID", F.OPTION_SET, assigned=True,
                       nested=(("OptionList", "OptionID"),))

PRODUCT_SUBS = {
    "options": OPTION_SETS,
    "categories": Embedded("CategoryList", "CategoryID", F.PRODUCT_CATEGORY, READ),
    "distributors": Embedded("DistributorList", "DistributorID", F.PRODUCT_DISTRIBUTOR, READ),
    "images": Embedded("ImageGalleryList", "ImageGalleryID", F.IMAGE),
    "features": Embedded("FeatureList", "FeatureID", F.FEATURE),
    "related": Embedded("RelatedProductList", "RelatedIndexID", F.RELATED),
    "upselling": Embedded("UpSellingItemList", "UpSellingIndexID", F.UPSELLING),
    "discount": Embedded("DiscountList", "DiscountID", F.DISCOUNT),
    "discounts": Embedded("DiscountList", "DiscountID", F.DISCOUNT),
    "serials": Embedded("SerialList", "SerialID", F.SERIAL),
    # The docs list GET and PUT (collection and one code) only: no POST, no DELETE.
    "advancedoptions": Embedded("AdvancedOptionList", "AdvancedOptionCode", F.ADVANCED_OPTION,
                                frozenset({"GET", "PUT"})),
    "eproducts": Embedded("EProductList", "FileNumber", F.EPRODUCT),
}

RESOURCES: dict[str, Resource] = {r.name.lower(): r for r in (
    Resource("Products", "products", "CatalogID", F.PRODUCT, BATCH_PRODUCTS,
             required=("SKUInfo.SKU", "SKUInfo.Name"), filters=PRODUCT_FILTERS,
             subs=PRODUCT_SUBS, key_in="SKUInfo", read_only=("ManufacturerName",),
             on_write=_manufacturer_name),
    Resource("Categories", "categories", "CategoryID", F.CATEGORY, required=("CategoryName",),
             filters=(Filter("category", "contains", "CategoryName"),
                      Filter("categoryparent", "int", "CategoryParent"),
                      Filter("hide", "bool", "Hide")),
             subs={"options": OPTION_SETS},
             related={"products": ("products", "categoryid")}),
    Resource("Customers", "customers", "CustomerID", F.CUSTOMER, required=("Email",),
             filters=(Filter("email", "ieq", "Email"),
                      Filter("firstname", "contains", "BillingFirstName"),
                      Filter("lastname", "contains", "BillingLastName"),
                      Filter("phone", "contains", "BillingPhoneNumber"),
                      Filter("city", "ieq", "BillingCity"), Filter("state", "ieq", "BillingState"),
                      Filter("country", "ieq", "BillingCountry"),
                      Filter("countrycode", "ieq", "BillingCountry"),
                      Filter("customergroupid", "int", "CustomerGroupID"),
                      *_dates("lastupdate", "LastUpdate"), *_dates("datecreated", "DateCreated"))),
    Resource("CustomerGroups", "customer_groups", "CustomerGroupID", F.CUSTOMER_GROUP,
             required=("Name",), related={"customers": ("customers", "customergroupid")}),
    Resource("Distributors", "distributors", "DistributorID", F.DISTRIBUTOR,
             required=("CompanyName",),
             filters=(Filter("company", "contains", "CompanyName"), Filter("city", "ieq", "City"),
                      Filter("state", "ieq", "State"), Filter("country", "ieq", "Country"),
                      Filter("email", "ieq", "EMail"), Filter("phone", "contains", "Phone")),
             related={"products": ("products", "distributorid")}),
    Resource("Manufacturers", "manufacturers", "ManufacturerID", F.MANUFACTURER,
             required=("ManufacturerName",),
             filters=(Filter("manufacturer", "contains", "ManufacturerName"),),
             related={"products": ("products", "manufacturerid")}),
    # The docs say POST and DELETE are not possible on orders, then list "Adds a new order";
    # we accept POST (add) and refuse DELETE with 405.
    Resource("Orders", "orders", "OrderID", F.ORDER, BATCH_ORDERS,
             methods=frozenset({"GET", "POST", "PUT"}), on_create=_new_order,
             filters=(Filter("invoicenumber", "int", "InvoiceNumber"),
                      *_range("invoicenumber", "InvoiceNumber", "start", "end"),
                      Filter("invoiceprefix", "ieq", "InvoiceNumberPrefix"),
                      Filter("orderstatus", "int", "OrderStatusID"),
                      Filter("customerid", "int", "CustomerID"),
                      Filter("billingemail", "ieq", "BillingEmail"),
                      Filter("countrycode", "ieq", "BillingCountry"),
                      *_dates("date", "OrderDate"), *_dates("lastupdate", "LastUpdate")),
             subs={"items": Embedded("OrderItemList", "ItemIndexID", F.ORDER_ITEM),
                   "shipments": Embedded("ShipmentList", "ShipmentID", F.SHIPMENT),
                   "transactions": Embedded("TransactionList", "TransactionIndexID", F.TRANSACTION),
                   "questions": Embedded("QuestionList", "QuestionAnswerIndexID", F.QUESTION)}),
    Resource("OrderStatus", "order_statuses", "OrderStatusID", F.ORDER_STATUS, methods=READ),
    # "retrieve, update, add, or delete a RMA record(s)"; its items are written with it.
    Resource("RMA", "rmas", "RMAID", F.RMA, required=("OrderID",), on_write=_rma_names,
             on_create=_new_rma,
             filters=(*_dates("date", "RMADateCreated"), Filter("orderid", "int", "OrderID"),
                      Filter("catalogid", "any_int", "RMAItemList.CatalogID"),
                      Filter("rmastatusid", "int", "RMAStatusID"),
                      Filter("rmareasonid", "int", "RMAReasonID"),
                      Filter("rmamethodid", "int", "RMAMethodID")),
             subs={"items": Embedded("RMAItemList", "RMAItemID", F.RMA_ITEM, READ)}),
    Resource("GiftRegistries", "gift_registries", "GiftRegistryID", F.GIFT_REGISTRY, methods=READ,
             filters=(Filter("datestartcreated", "dge", "DateCreated"),
                      Filter("dateendcreated", "dle", "DateCreated"),
                      Filter("datestartevent", "dge", "EventDate"),
                      Filter("dateendevent", "dle", "EventDate"),
                      Filter("datestartexpiration", "dge", "ExpirationDate"),
                      Filter("dateendexpiration", "dle", "ExpirationDate"),
                      Filter("catalogid", "any_int", "GiftRegistryItemList.CatalogID")),
             subs={"items": Embedded("GiftRegistryItemList", "GiftRegistryItemID",
                                     F.GIFT_REGISTRY_ITEM, READ)}),
)}
