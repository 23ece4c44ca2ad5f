"""Reading the shop as Admin GraphQL objects: ids, times, money, connections, search.

Views are built on demand from the store's REST-shaped records, so every write is seen by
every read: dicts keyed by GraphQL field names, a field with arguments (or costly, as a
connection) a function ``(info, **args)`` that graphql-core's default resolver calls. Ids
are ``gid://shopify/<Type>/<id>``, times UTC, money a shop/presentment ``MoneyBag``.
Connections take ``first`` or ``last`` (at most 250; a bulk operation reads them whole),
opaque cursors, ``sortKey``/``reverse``, and ``query`` in Shopify's search syntax.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from graphql import GraphQLError, GraphQLResolveInfo

from anycart.sandbox import search
from anycart.sandbox.graphql_connections import Connections, Live, plain_sortable
from anycart.sandbox.graphql_records import RecordFields
from anycart.sandbox.search import Matcher, Pred, Syntax, contains, equal, listed
from anycart.sandbox.table import Record
from anycart.sandbox.values import text

from .sim_store import Ctx, ShopData, SimulatedShop, parse_ts
from .sim_store import gid as gid  # the views' ids are the records' admin_graphql_api_id

MAX_PAGE = 250
View = dict[str, Any]
WEIGHT_UNITS = {"g": "GRAMS", "kg": "KILOGRAMS", "oz": "OUNCES", "lb": "POUNDS"}


@dataclass
class GqlCtx:
    """One GraphQL request: the shop, the served version, what the token may do."""

    shop: SimulatedShop
    version: str
    scopes: frozenset[str]
    allow_http_webhooks: bool = False
    #: a bulk operation reads connections whole, without first/last
    bulk: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def data(self) -> ShopData:
        return self.shop.data

    def rest(self, method: str, path: str, args: Mapping[str, Any] | None = None,
             body: Any = None) -> Ctx:
        """A call context, so a mutation runs Shopify's record rules (``sim_products``...)."""
        return Ctx(self.shop, method, path, f"https://{self.shop.domain}/admin/api/{self.version}",
                   {}, dict(args or {}), json.dumps(body).encode() if body is not None else b"",
                   "application/json", self.version)


def ctx_of(info: GraphQLResolveInfo) -> GqlCtx:
    g: GqlCtx = info.context
    return g


# -- ids, times, money (``gid``: the store's, as its records carry it) ----------------------
_GID = re.compile(r"^gid://shopify/(\w+)/(\d+)(?:\?.*)?$")


def parse_gid(value: Any, kind: str | None = None) -> int | None:
    """The numeric id of ``gid://shopify/<kind>/<id>`` (None when it is not one)."""
    match = _GID.match(str(value or ""))
    if match is None or (kind is not None and match.group(1) != kind):
        return None
    return int(match.group(2))


def utc(stamp: str | None) -> str | None:
    try:
        when = parse_ts(stamp) if stamp else None
    except ValueError:  # a partial record (an order's copy of its customer)
        when = None
    return None if when is None else datetime.fromtimestamp(when, UTC).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


#: a field a view does not name is read from its REST-shaped record (``_rest``) under the
#: snake_case name, converted by its GraphQL type, so a view declares only what differs;
#: the REST names of fields GraphQL renamed
FIELDS = RecordFields("_rest", scalars={"DateTime": utc}, node_id=gid, renamed={
    "legacyResourceId": "id", "updatedAt": ("updated_at", "created_at"),
    "descriptionHtml": "body_html", "Image.url": "src", "Image.altText": "alt",
    "Location.isActive": "active", "LineItem.unfulfilledQuantity": "fulfillable_quantity",
    "LineItem.isGiftCard": "gift_card", "Order.currencyCode": "currency",
    "MailingAddress.countryCodeV2": "country_code", "WebhookSubscription.uri": "address",
    "WebhookSubscription.callbackUrl": "address", "WebhookSubscription.includeFields": "fields",
    "DeliveryCarrierService.formattedName": "name",
    "DeliveryCarrierService.supportsServiceDiscovery": "service_discovery",
    "ShippingLine.originalPriceSet": "price_set"},
    blank={"String": "", "HTML": ""}, objects={"MoneyBag": lambda view, key: bag(
        view["_rest"].get(key.removesuffix("_set")), view["_order"], view["_rest"].get(key))})
resolve_field = FIELDS.resolver()


def money(amount: Any, currency: str) -> View:
    """Shopify's ``Decimal``: no trailing zeros beyond one decimal ("10.0", "19.95")."""
    cents = f"{float(amount or 0):.2f}"
    return {"amount": cents[:-1] if cents.endswith("0") else cents, "currencyCode": currency}


def bag(amount: Any, order: Record, stored: Mapping[str, Any] | None = None) -> View:
    """A MoneyBag: the record's ``*_set`` when it has one, else the amount in both
    currencies (the seeded shops sell in their own currency). A view holding its order
    (``_order``) need not name one: ``totalPriceSet`` is read from its record's
    ``total_price_set``, else ``total_price``."""
    if stored:
        return {"shopMoney": money(stored["shop_money"]["amount"],
                                   stored["shop_money"]["currency_code"]),
                "presentmentMoney": money(stored["presentment_money"]["amount"],
                                          stored["presentment_money"]["currency_code"])}
    return {"shopMoney": money(amount, order["currency"]),
            "presentmentMoney": money(amount, order.get("presentment_currency")
                                      or order["currency"])}


def tags(value: str | None) -> list[str]:
    return [t.strip() for t in (value or "").split(",") if t.strip()]


# -- connections ----------------------------------------------------------------------------
def page_size(info: GraphQLResolveInfo, first: int | None, last: int | None) -> int | None:
    if ctx_of(info).bulk:
        return first or last
    if first is None and last is None:
        raise GraphQLError("you must provide one of first or last")
    for name, n in (("first", first), ("last", last)):
        if n is not None and not 0 <= n <= MAX_PAGE:
            raise GraphQLError(f"The {name} argument must be between 0 and {MAX_PAGE}.",
                               extensions={"code": "BAD_REQUEST"})
    return first if first is not None else last


def _bad_cursor(cursor: str) -> GraphQLError:
    return GraphQLError(f"Invalid cursor for current pagination sort: {cursor}")


def _sortable(path: str, value: Any) -> Any:
    if path.endswith("_at"):
        return parse_ts(value) if value else 0.0
    return plain_sortable(path, value)


#: Shopify's connections: ``first`` or ``last`` up to 250 (a bulk operation reads them whole)
PAGES = Connections(page_size, _bad_cursor, _sortable)
connection = PAGES.sorted


def listing(make: Callable[[Any], View], records: Callable[[GqlCtx], Iterable[Any]],
            syntax: Syntax | None = None, sorts: Mapping[str, str] | None = None,
            table: str | None = None, live: Live | None = None) -> Callable[..., View]:
    """A connection field's resolver: ``query`` filters, ``sortKey`` picks a record field.
    Over a whole ``table`` the filtered order is kept until the table changes."""
    return PAGES.listing(make, lambda info: records(ctx_of(info)), syntax, sorts, (
        lambda info: ctx_of(info).data.table(table).cached) if table else None, live)


# -- search syntax (the kit's, :mod:`anycart.sandbox.search`) ------------------------------
def compared(path: str) -> Matcher:
    """``field:>value`` and friends on a date (``*_at``, stored in the shop's zone) or number."""
    return search.compared(path, parse_ts)


one_of, predicates = search.one_of, search.either
DATES = {name: compared(name) for name in ("created_at", "updated_at")}
PRODUCT_SEARCH = Syntax(free=contains("title", "vendor", "product_type", "tags"), fields={
    **DATES, "id": compared("id"), "title": contains("title"), "handle": equal("handle"),
    "vendor": equal("vendor"), "product_type": equal("product_type"), "tag": listed("tags"),
    "status": one_of("status"), "published_at": compared("published_at"),
    "sku": lambda value: lambda r: any(text(v.get("sku")).lower() == value
                                       for v in r["variants"])})
ORDER_SEARCH = Syntax(free=contains("name", "email"), fields={
    **DATES, "id": compared("id"), "processed_at": compared("processed_at"),
    "name": equal("name"), "email": equal("email"), "tag": listed("tags"),
    "financial_status": one_of("financial_status"),
    "fulfillment_status": lambda value: lambda r: text(r.get("fulfillment_status")
                                                       or "unfulfilled").lower() in value.split(","),
    "customer_id": equal("customer.id"),
    "status": lambda value: lambda r: value == ("cancelled" if r.get("cancelled_at") else
                                                "closed" if r.get("closed_at") else "open")})
def published_status(value: str) -> Pred:
    """``published_status:published|unpublished|any`` on a record's ``published_at``."""
    return lambda r: value == "any" or value == ("published" if r.get("published_at")
                                                 else "unpublished")


COLLECTION_SEARCH = Syntax(free=contains("title"), fields={
    "updated_at": compared("updated_at"), "id": compared("id"), "title": contains("title"),
    "handle": equal("handle"), "published_status": published_status,
    "collection_type": lambda value: lambda r: value == ("smart" if "rules" in r else "custom")})
#: productVariants(query:) over the whole shop (Shopify's filters that a variant record holds)
VARIANT_SEARCH = Syntax(free=contains("title", "sku"), fields={
    **DATES, "id": compared("id"), "product_id": compared("product_id"),
    "product_ids": lambda value: lambda r: str(r.get("product_id")) in value.split(","),
    "sku": equal("sku"), "barcode": equal("barcode"), "title": contains("title"),
    "inventory_quantity": compared("inventory_quantity"),
    "taxable": lambda value: lambda r: value == str(bool(r.get("taxable"))).lower(),
    **{f"option{i}": equal(f"option{i}") for i in (1, 2, 3)}})
CUSTOMER_SEARCH = Syntax(free=contains("first_name", "last_name", "email"), fields={
    **DATES, "id": compared("id"), "email": equal("email"), "first_name": equal("first_name"),
    "last_name": equal("last_name"), "state": equal("state"), "tag": listed("tags"),
    "phone": equal("phone"), "country": equal("default_address.country_code",
                                              "default_address.country")})
