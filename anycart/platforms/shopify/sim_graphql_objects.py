"""Admin GraphQL objects over the shop's REST-shaped records, and the query root's fields.

Derived objects keep the store as their only truth: an order's one fulfillment order (at the
primary location) shows what is left to ship; a fulfillment's lines are numbered ``<fulfillment
id> * 1000 + position``; a smart collection holds the products its rules match.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLResolveInfo

from anycart.sandbox.graphql_connections import Live, matching, searched
from anycart.sandbox.graphql_records import enum_word
from anycart.sandbox.search import Matcher, Pred, Syntax
from anycart.sandbox.table import Record

from .sim_graphql_views import (
    COLLECTION_SEARCH,
    CUSTOMER_SEARCH,
    ORDER_SEARCH,
    PAGES,
    PRODUCT_SEARCH,
    VARIANT_SEARCH,
    WEIGHT_UNITS,
    GqlCtx,
    View,
    bag,
    ctx_of,
    gid,
    listing,
    money,
    parse_gid,
    tags,
    utc,
)
from .sim_store import RECORDS

Resolver = Callable[..., Any]


# -- catalog --------------------------------------------------------------------------------
def product(g: GqlCtx, p: Record) -> View:
    variants = p["variants"]
    media = [image(g, i) for i in p["images"]]
    return {
        "__typename": "Product", "_rest": p,
        "description": lambda info, truncateAt=None: _plain(p["body_html"])[:truncateAt],
        "tags": tags(p["tags"]),
        "totalInventory": sum(v["inventory_quantity"] or 0 for v in variants),
        "tracksInventory": any(v["inventory_management"] for v in variants),
        "hasOnlyDefaultVariant": len(variants) == 1 and variants[0]["title"] == "Default Title",
        "options": lambda info, first=None: [option(p, o) for o in p["options"]][:first],
        "variants": PAGES.of(variants, lambda v: variant(g, v, p)),
        "variantsCount": {"count": len(variants), "precision": "EXACT"},
        "media": PAGES.of(media, lambda m: m),
        "mediaCount": {"count": len(media), "precision": "EXACT"},
        "featuredMedia": media[0] if media else None,
        "collections": lambda info, **a: PAGES.of([
            c for c in collections_of(g) if p["id"] in members(g, c)],
            lambda c: collection(g, c))(info, **a),
    }


def _plain(markup: str | None) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup or "")).strip()


def option(p: Record, o: Record) -> View:
    slot = f"option{o['position']}"
    return {"_rest": o, "optionValues": [
                {"id": gid("ProductOptionValue", o["id"] * 1000 + i), "name": value,
                 "hasVariants": any(v[slot] == value for v in p["variants"])}
                for i, value in enumerate(o["values"], 1)]}


def variant(g: GqlCtx, v: Record, p: Record | None = None) -> View:
    if p is None:
        p = g.data.products.peek(v["product_id"])
    names = [o["name"] for o in p["options"]]
    chosen = p["images"] and next((i for i in p["images"] if i["id"] == v["image_id"]), None)
    return {
        "__typename": "ProductVariant", "_rest": v,
        "displayName": f"{p['title']} - {v['title']}", "sku": v["sku"] or "",
        "availableForSale": v["inventory_policy"] == "continue"
        or not v["inventory_management"] or (v["inventory_quantity"] or 0) > 0,
        "selectedOptions": [{"name": n, "value": v[f"option{i}"]}
                            for i, n in enumerate(names, 1)],
        "product": lambda info: product(g, p),
        "inventoryItem": lambda info: inventory_item(g, v),
        "image": image(g, chosen)["image"] if chosen else None,
        "media": PAGES.of([image(g, chosen)] if chosen else [], lambda m: m),
    }


def image(g: GqlCtx, i: Record) -> View:
    picture = {"_rest": i, "id": gid("ProductImage", i["id"])}
    return {"__typename": "MediaImage", "_rest": i, "mediaContentType": "IMAGE",
            "status": "READY",
            "preview": {"image": picture, "status": "READY"}, "image": picture}


def inventory_item(g: GqlCtx, v: Record) -> View:
    """A variant's inventory item: no input sets a cost, origin or HS code (unitCost,
    countryCodeOfOrigin, harmonizedSystemCode read null from the variant record)."""
    iid = v["inventory_item_id"]
    stock = g.data.inventory_levels
    levels = [stock.peek((iid, lid)) for lid in g.data.locations.sorted_keys()
              if (iid, lid) in stock]
    return {
        "__typename": "InventoryItem", "_rest": v, "id": gid("InventoryItem", iid),
        "legacyResourceId": iid, "sku": v["sku"] or "",
        "tracked": bool(v["inventory_management"]),
        "measurement": {"id": gid("InventoryItemMeasurement", iid), "weight": {
            "unit": WEIGHT_UNITS.get(v["weight_unit"], "GRAMS"), "value": float(v["weight"])}},
        "variant": lambda info: variant(g, v),
        "inventoryLevel": lambda info, locationId: next(
            (level(g, lv) for lv in levels if lv["location_id"] == parse_gid(locationId)), None),
        "inventoryLevels": PAGES.of(levels, lambda lv: level(g, lv)),
    }


def level(g: GqlCtx, lv: Record) -> View:
    key = f"{lv['location_id']}?inventory_item_id={lv['inventory_item_id']}"
    available = lv["available"] or 0
    # one level holds the named quantities; only "available" is kept apart, nothing is
    # committed or incoming in the simulator, so on_hand equals available
    amounts = {"available": available, "on_hand": available, "committed": 0,
               "incoming": 0, "reserved": 0, "damaged": 0, "safety_stock": 0,
               "quality_control": 0}

    def item(info: GraphQLResolveInfo) -> View | None:
        found = g.data.find_item(lv["inventory_item_id"])
        return inventory_item(g, found[1]) if found else None
    return {"__typename": "InventoryLevel", "_rest": lv, "id": gid("InventoryLevel", key),
            "createdAt": utc(lv["updated_at"]), "item": item,
            "location": lambda info: location(g, g.data.locations.peek(lv["location_id"])),
            "quantities": lambda info, names: [
                {"id": gid("InventoryQuantity", f"{key}&name={n}"), "name": n,
                 "quantity": amounts.get(n, 0), "updatedAt": utc(lv["updated_at"])}
                for n in names]}


def location(g: GqlCtx, loc: Record) -> View:
    def levels(info: GraphQLResolveInfo, **a: Any) -> View:
        held = [lv for (_, lid), lv in g.data.inventory_levels.items() if lid == loc["id"]]
        page: View = PAGES.of(held, lambda lv: level(g, lv))(info, **a)
        return page
    return {"__typename": "Location", "_rest": loc, "fulfillsOnlineOrders": True,
            "address": {"_rest": loc, "country": loc.get("country_name")},
            "inventoryLevels": levels}


# -- collections ----------------------------------------------------------------------------
def collections_of(g: GqlCtx) -> list[Record]:
    return [*g.data.custom_collections.values(), *g.data.smart_collections.values()]


_RULE_FIELDS = {"tag": "tags", "title": "title", "type": "product_type", "vendor": "vendor"}


def _rule_holds(p: Record, rule: Record) -> bool:
    column, relation, want = rule["column"], rule["relation"], str(rule["condition"]).lower()
    if column == "variant_price":
        prices = [float(v["price"]) for v in p["variants"]]
        return any(x > float(want) if relation == "greater_than" else x < float(want)
                   if relation == "less_than" else x == float(want) for x in prices)
    values = tags(p["tags"]) if column == "tag" else [p.get(_RULE_FIELDS.get(column) or column)]
    low = [str(x or "").lower() for x in values]
    return {"equals": want in low, "not_equals": want not in low,
            "contains": any(want in x for x in low), "not_contains": all(want not in x for x in low),
            "starts_with": any(x.startswith(want) for x in low),
            "ends_with": any(x.endswith(want) for x in low)}.get(relation, False)


def members(g: GqlCtx, c: Mapping[str, Any]) -> list[int]:
    if "rules" not in c:
        return sorted(g.data.links.members(c["id"]))
    test = any if c.get("disjunctive") else all
    return [pid for pid, p in g.data.products.items() if test(_rule_holds(p, r) for r in c["rules"])]


def collection(g: GqlCtx, c: Record) -> View:
    held: list[int] = []

    def members_once() -> list[int]:  # a smart collection's rules run over every product
        if not held:
            held.extend(members(g, c) or [0])
        return [pid for pid in held if pid]
    return {
        "__typename": "Collection", "_rest": c,
        "description": lambda info, truncateAt=None: _plain(c.get("body_html"))[:truncateAt],
        "ruleSet": {"appliedDisjunctively": bool(c.get("disjunctive")), "rules": [
            {"_rest": r, "condition": str(r["condition"])} for r in c["rules"]]}
        if "rules" in c else None,
        "products": lambda info, **a: PAGES.of([
            g.data.products.peek(pid) for pid in members_once() if pid in g.data.products],
            lambda p: product(g, p))(info, **a),
        "productsCount": lambda info: {"count": len(members_once()), "precision": "EXACT"},
        **publishable(g, c, "Collection"),
    }


#: The one sales channel of a simulated shop (REST's ``published_at`` is being on it).
ONLINE_STORE = {"__typename": "Publication", "id": gid("Publication", 1),
                "name": "Online Store", "autoPublish": True, "supportsFuturePublishing": True}


def publishable(g: GqlCtx, r: Record, kind: str) -> View:
    """The Publishable fields of record ``r``: on the Online Store while it has a
    ``published_at``."""
    on = bool(r.get("published_at"))
    held = [{"isPublished": True, "publication": ONLINE_STORE,
             "publishDate": utc(r.get("published_at")),
             "publishable": {"__typename": kind, "id": gid(kind, r["id"])}}] if on else []
    return {"publishedOnPublication": lambda info, publicationId: on and (
                publicationId == ONLINE_STORE["id"]),
            "publishedOnCurrentPublication": on,
            "resourcePublications": lambda info, onlyPublished=True, **a: PAGES.of(
                held, lambda x: x)(info, **a)}


# -- customers ------------------------------------------------------------------------------
def address(a: Record | None, owner: str | None = None) -> View | None:
    """A customer's address (its own id) or an order's (``owner``: the order's id and which
    address; Shopify's order addresses carry ``?model_name=Address``)."""
    if not a:
        return None
    aid = a.get("id") or f"{owner}?model_name=Address"
    return {"__typename": "MailingAddress", "_rest": a, "id": gid("MailingAddress", aid)}


def _consent(c: Record | None, sms: bool = False) -> View | None:
    if not c:
        return None
    return {"marketingState": str(c.get("state") or "not_subscribed").upper(),
            "marketingOptInLevel": str(c.get("opt_in_level") or "unknown").upper(),
            "consentUpdatedAt": utc(c.get("consent_updated_at"))}


def customer(g: GqlCtx, c: Record) -> View:
    consent = _consent(c.get("email_marketing_consent"))

    def mine(_: GqlCtx | None = None) -> list[Record]:
        return [o for o in g.data.orders.values()
                if (o.get("customer") or {}).get("id") == c["id"]]
    name = " ".join(x for x in (c["first_name"], c["last_name"]) if x)
    return {
        "__typename": "Customer", "_rest": c,
        "displayName": name or c["email"] or c["phone"] or "",
        "tags": tags(c["tags"]),
        "defaultEmailAddress": {"emailAddress": c["email"], "marketingState":
                                consent["marketingState"] if consent else "NOT_SUBSCRIBED"}
        if c["email"] else None,
        "defaultPhoneNumber": {"phoneNumber": c["phone"]} if c["phone"] else None,
        "numberOfOrders": lambda info: c["orders_count"] if "orders_count" in c
        else len(mine()),
        "amountSpent": money(c.get("total_spent"), c.get("currency") or "USD"),
        "emailMarketingConsent": consent,
        "smsMarketingConsent": _consent(c.get("sms_marketing_consent"), sms=True),
        "defaultAddress": address(c.get("default_address")),
        "addresses": lambda info, first=None: [address(a) for a in c["addresses"]][:first],
        "addressesV2": PAGES.of(c["addresses"], lambda a: address(a) or {}),
        "orders": lambda info, **a: KINDS["Order"].list(rows=mine)(None, info, **a),
        "lastOrder": lambda info: order(g, mine()[-1]) if mine() else None,
    }


# -- orders ---------------------------------------------------------------------------------
_FINANCIAL = {"pending", "authorized", "partially_paid", "paid", "partially_refunded",
              "refunded", "voided", "expired"}


def tax_line(t: Record, o: Record) -> View:
    rate = float(t.get("rate") or 0)
    return {"_rest": t, "_order": o, "rate": rate, "ratePercentage": round(rate * 100, 4)}


def discount_application(o: Record, index: int) -> View:
    d = o["discount_applications"][index]
    kind = {"discount_code": "DiscountCodeApplication", "manual": "ManualDiscountApplication",
            "automatic": "AutomaticDiscountApplication"}.get(d["type"], "ManualDiscountApplication")
    value = {"__typename": "PricingPercentageValue", "percentage": float(d["value"])} \
        if d["value_type"] == "percentage" else {"__typename": "MoneyV2",
                                                 **money(d["value"], o["currency"])}
    return {"__typename": kind, "_rest": d, "index": index, "value": value,
            "title": d.get("title") or d.get("code") or ""}


def line_item(g: GqlCtx, li: Record, o: Record) -> View:
    qty, unit = li["quantity"], float(li["price"])
    allocated = sum(float(a["amount"]) for a in li["discount_allocations"])
    total_discount = float(li.get("total_discount") or 0) + allocated
    refunded = sum(rl["quantity"] for r in o["refunds"] for rl in r["refund_line_items"]
                   if rl["line_item_id"] == li["id"])
    found = g.data.find_variant(li["variant_id"]) if li.get("variant_id") else None
    return {
        "__typename": "LineItem", "_rest": li,
        "currentQuantity": li.get("current_quantity", qty),
        "refundableQuantity": max(0, qty - refunded),
        "customAttributes": [{"key": a["name"], "value": a["value"]} for a in li["properties"]],
        "variant": lambda info: variant(g, found[1]) if found else None,
        "product": lambda info: product(g, g.data.products.peek(found[0])) if found else None,
        "originalUnitPriceSet": bag(unit, o), "originalTotalSet": bag(unit * qty, o),
        "discountedUnitPriceAfterAllDiscountsSet": bag(unit - total_discount / qty if qty
                                                       else unit, o),
        "discountedTotalSet": bag(unit * qty - total_discount, o),
        "totalDiscountSet": bag(total_discount, o),
        "discountAllocations": [
            {"allocatedAmountSet": bag(a["amount"], o, a.get("amount_set")),
             "discountApplication": discount_application(o, a["discount_application_index"])}
            for a in li["discount_allocations"]],
        "taxLines": lambda info, first=None: [tax_line(t, o) for t in li["tax_lines"]][:first],
    }


def shipping_line(s: Record, o: Record) -> View:
    return {"_rest": s, "_order": o,
            "taxLines": [tax_line(t, o) for t in s["tax_lines"]]}


def fulfillment_line_id(fid: int, position: int) -> int:
    return fid * 1000 + position


def fulfillment(g: GqlCtx, f: Record, o: Record) -> View:
    numbers, urls = f.get("tracking_numbers") or [], f.get("tracking_urls") or []
    lines = [fulfillment_line(g, o, fulfillment_line_id(f["id"], i))
             for i in range(1, len(f["line_items"]) + 1)]
    loc = g.data.locations.get(f.get("location_id"))
    return {"__typename": "Fulfillment", "_rest": f, "order": lambda info: order(g, o),
            "location": location(g, loc) if loc else None,
            "trackingInfo": lambda info, first=None: [
                {"company": f.get("tracking_company"), "number": n,
                 "url": urls[i] if i < len(urls) else None} for i, n in enumerate(numbers)][:first],
            "fulfillmentLineItems": PAGES.of(lines, lambda x: x)}


def _line(o: Record, lid: int) -> Record:
    return next(li for li in o["line_items"] if li["id"] == lid)


def fulfillment_order(g: GqlCtx, o: Record) -> View:
    """The order's one fulfillment order, at the primary location."""
    left = sum(li["fulfillable_quantity"] for li in o["line_items"])
    status = "CANCELLED" if o["cancelled_at"] else "OPEN" if left and not any(
        f["status"] == "success" for f in o["fulfillments"]) else \
        "IN_PROGRESS" if left else "CLOSED"
    loc = g.data.locations.peek(g.data.primary_location_id)
    return {"__typename": "FulfillmentOrder", "_rest": o, "status": status,
            "orderId": gid("Order", o["id"]),
            "assignedLocation": {"name": loc["name"], "location": location(g, loc)},
            "lineItems": PAGES.of(o["line_items"], lambda li: {
                "id": gid("FulfillmentOrderLineItem", li["id"]),
                "totalQuantity": li["quantity"], "remainingQuantity": li["fulfillable_quantity"],
                "lineItem": line_item(g, li, o)})}


def refund(g: GqlCtx, r: Record, o: Record) -> View:
    total = sum(float(t["amount"]) for t in r["transactions"])
    return {"__typename": "Refund", "_rest": r, "totalRefundedSet": bag(total, o),
            "refundLineItems": PAGES.of(r["refund_line_items"], lambda rl: {
                "_rest": rl, "_order": o,
                "lineItem": line_item(g, _line(o, rl["line_item_id"]), o)})}


def order(g: GqlCtx, o: Record) -> View:
    refunded = sum(float(t["amount"]) for r in o["refunds"] for t in r["transactions"])
    shipping = sum(float(s["price"]) for s in o["shipping_lines"])
    status = o["financial_status"]
    fulfilled = o["fulfillment_status"]
    return {
        "__typename": "Order", "_rest": o, "_order": o, "email": o["email"] or None, "tags": tags(o["tags"]),
        "closed": bool(o["closed_at"]),
        "presentmentCurrencyCode": o.get("presentment_currency") or o["currency"],
        "displayFinancialStatus": status.upper() if status in _FINANCIAL else None,
        "displayFulfillmentStatus": {"fulfilled": "FULFILLED", "partial": "PARTIALLY_FULFILLED",
                                     "restocked": "RESTOCKED"}.get(fulfilled or "", "UNFULFILLED"),
        "customAttributes": [{"key": a["name"], "value": a["value"]} for a in o["note_attributes"]],
        "discountCodes": [d["code"] for d in o["discount_codes"]],
        "discountCode": o["discount_codes"][0]["code"] if o["discount_codes"] else None,
        "taxLines": [tax_line(t, o) for t in o["tax_lines"]],
        "totalShippingPriceSet": bag(shipping, o, o.get("total_shipping_price_set")),
        "totalRefundedSet": bag(refunded, o),
        "totalOutstandingSet": bag(o.get("total_outstanding", o["total_price"]), o,
                                   o.get("total_outstanding_set")),
        "customer": lambda info: _buyer(g, o),
        "billingAddress": address(o.get("billing_address"), f"{o['id']}1"),
        "shippingAddress": address(o.get("shipping_address"), f"{o['id']}2"),
        "lineItems": PAGES.of(o["line_items"], lambda li: line_item(g, li, o)),
        "shippingLines": PAGES.of(o["shipping_lines"], lambda s: shipping_line(s, o)),
        "discountApplications": PAGES.of(list(range(len(o["discount_applications"]))),
                                         lambda i: discount_application(o, i)),
        "fulfillments": lambda info, first=None: [fulfillment(g, f, o)
                                                  for f in o["fulfillments"]][:first],
        "fulfillmentOrders": PAGES.of([o], lambda x: fulfillment_order(g, x)),
        "refunds": lambda info, first=None: [refund(g, r, o) for r in o["refunds"]][:first],
        "returns": PAGES.of([r for r in g.data.returns.values() if r["order_id"] == o["id"]],
                            lambda r: return_view(g, r)),
    }


def _buyer(g: GqlCtx, o: Record) -> View | None:
    """The order's customer: the stored one, else the copy the order carries."""
    c = o.get("customer")
    if not c:
        return None
    if c["id"] in g.data.customers:
        return customer(g, g.data.customers.peek(c["id"]))
    return customer(g, RECORDS["customer"].make(c))


def return_view(g: GqlCtx, r: Record) -> View:
    o = g.data.orders.peek(r["order_id"])
    lines = [{"__typename": "ReturnLineItem", "_rest": rl,
              "fulfillmentLineItem": fulfillment_line(g, o, rl["fulfillment_line_item_id"])}
             for rl in r["return_line_items"]]
    return {"__typename": "Return", "_rest": r,
            "totalQuantity": sum(rl["quantity"] for rl in r["return_line_items"]),
            "order": lambda info: order(g, o),
            "returnLineItems": PAGES.of(lines, lambda x: x)}


def fulfillment_line(g: GqlCtx, o: Record, flid: int) -> View | None:
    fid, position = divmod(flid, 1000)
    f = next((f for f in o["fulfillments"] if f["id"] == fid), None)
    if f is None or not 0 < position <= len(f["line_items"]):
        return None
    li = f["line_items"][position - 1]
    return {"id": gid("FulfillmentLineItem", flid), "quantity": li["quantity"],
            "lineItem": line_item(g, _line(o, li["id"]), o)}


# -- settings -------------------------------------------------------------------------------
def webhook(g: GqlCtx, w: Record) -> View:
    return {"__typename": "WebhookSubscription", "_rest": w,
            "endpoint": {"__typename": "WebhookHttpEndpoint", "callbackUrl": w["address"]},
            "apiVersion": {"handle": w.get("api_version") or g.version,
                           "displayName": w.get("api_version") or g.version, "supported": True}}


def carrier(g: GqlCtx, c: Record) -> View:
    return {"__typename": "DeliveryCarrierService", "_rest": c}


def shop_view(g: GqlCtx) -> View:
    info = g.shop.info
    return {"__typename": "Shop", "id": gid("Shop", info.get("id", 0)), "name": info.get("name"),
            "email": info.get("email"), "myshopifyDomain": g.shop.domain,
            "currencyCode": info.get("currency", "USD"), "ianaTimezone": info.get("iana_timezone"),
            "weightUnit": WEIGHT_UNITS.get(info.get("weight_unit", "kg"), "KILOGRAMS"),
            "taxesIncluded": bool(info.get("taxes_included")),
            "primaryDomain": {"id": gid("Domain", 1), "host": g.shop.domain,
                              "url": f"https://{g.shop.domain}"},
            "plan": _plan(info)}


#: REST ``plan_name`` values that are development / Plus shops
_DEV_PLANS = {"affiliate", "partner_test", "plus_partner_sandbox", "staff"}
_PLUS_PLANS = {"shopify_plus", "plus_partner_sandbox"}


def _plan(info: dict[str, Any]) -> View:
    name = info.get("plan_display_name") or "Basic"
    return {"displayName": name, "publicDisplayName": name,
            "partnerDevelopment": info.get("plan_name") in _DEV_PLANS,
            "shopifyPlus": info.get("plan_name") in _PLUS_PLANS}


# -- the query root -------------------------------------------------------------------------
PRODUCT_SORTS = {"TITLE": "title", "UPDATED_AT": "updated_at", "CREATED_AT": "created_at",
                 "VENDOR": "vendor", "PRODUCT_TYPE": "product_type",
                 "PUBLISHED_AT": "published_at"}
ORDER_SORTS = {"PROCESSED_AT": "processed_at", "CREATED_AT": "created_at",
               "UPDATED_AT": "updated_at", "ORDER_NUMBER": "order_number",
               "TOTAL_PRICE": "total_price"}
CUSTOMER_SORTS = {"CREATED_AT": "created_at", "UPDATED_AT": "updated_at", "NAME": "last_name"}


def _variant_by(g: GqlCtx, vid: int) -> View | None:
    found = g.data.find_variant(vid)
    return variant(g, found[1], g.data.products.peek(found[0])) if found else None


def _item_by(g: GqlCtx, iid: int) -> View | None:
    found = g.data.find_item(iid)
    return inventory_item(g, found[1]) if found else None


def _fulfillment_by(g: GqlCtx, fid: int) -> View | None:
    oid = g.data.ids.owner("fulfillment", fid)
    o = g.data.orders.peek(oid) if oid in g.data.orders else None
    f = next((f for f in o["fulfillments"] if f["id"] == fid), None) if o else None
    return fulfillment(g, f, o) if f and o else None


def _in_collection(info: GraphQLResolveInfo) -> Matcher:
    """``collection_id:<id>``: the products a custom or smart collection holds."""
    g = ctx_of(info)

    def matcher(value: str) -> Pred:
        c = next((c for c in collections_of(g) if str(c["id"]) == value), None)
        held = set(members(g, c)) if c else set()
        return lambda r: r["id"] in held
    return matcher


def _holding(info: GraphQLResolveInfo) -> Matcher:
    """``product_id:<id>``: the collections holding that product."""
    g = ctx_of(info)

    def matcher(value: str) -> Pred:
        pid = int(value) if value.isdecimal() else None
        return lambda c: pid in members(g, c)
    return matcher


def _all_variants(g: GqlCtx) -> list[Record]:
    return [v for p in g.data.products.values() for v in p["variants"]]


@dataclass(frozen=True)
class Kind:
    """A kind of node the query root serves: its view, its records (a table's, or those
    ``rows`` answers), how one is found by id (``find``, else among the records), and how
    its list is searched (``syntax``, and ``live`` fields) and sorted (``sorts``)."""

    make: Callable[..., View]
    table: str = ""
    rows: Callable[[GqlCtx], list[Record]] | None = None
    find: Callable[[GqlCtx, int], View | None] | None = None
    syntax: Syntax | None = None
    sorts: Mapping[str, str] | None = None
    live: Live | None = None

    def records(self, g: GqlCtx) -> list[Record]:
        return self.rows(g) if self.rows else list(g.data.table(self.table).values())

    def node(self, g: GqlCtx, rid: int | None) -> View | None:
        if rid is None:
            return None
        if self.find is not None:
            return self.find(g, rid)
        if self.rows is None:
            t = g.data.table(self.table)
            return self.make(g, t.peek(rid)) if rid in t else None
        found = next((r for r in self.rows(g) if r["id"] == rid), None)
        return self.make(g, found) if found else None

    def list(self, rows: Callable[[GqlCtx], list[Record]] | None = None) -> Resolver:
        """The list field (over ``rows``, else the records); over a whole table, its filtered
        order is kept until the table changes."""
        def resolve(_: Any, info: GraphQLResolveInfo, **args: Any) -> View:
            g = ctx_of(info)
            return listing(lambda r: self.make(g, r), rows or self.records, self.syntax,
                           self.sorts, table=None if rows or self.rows else self.table,
                           live=self.live)(None, info, **args)
        return resolve

    def count(self) -> Resolver:
        def resolve(_: Any, info: GraphQLResolveInfo, query: str | None = None,
                    limit: int | None = 10000) -> View:
            rows = matching(self.records(ctx_of(info)),
                            searched(info, self.syntax, self.live, query)[0], query)
            capped = limit is not None and len(rows) > limit
            return {"count": min(len(rows), limit) if limit is not None else len(rows),
                    "precision": "AT_LEAST" if capped else "EXACT"}
        return resolve


#: GraphQL type -> how the query root serves its nodes
KINDS: dict[str, Kind] = {
    "Product": Kind(product, "products", syntax=PRODUCT_SEARCH, sorts=PRODUCT_SORTS,
                    live={"collection_id": _in_collection}),
    "ProductVariant": Kind(variant, rows=_all_variants, find=_variant_by, syntax=VARIANT_SEARCH,
                           sorts={"SKU": "sku", "TITLE": "title", "POSITION": "position"}),
    "Collection": Kind(collection, rows=collections_of, syntax=COLLECTION_SEARCH, sorts={
        "TITLE": "title", "UPDATED_AT": "updated_at"}, live={"product_id": _holding}),
    "Customer": Kind(customer, "customers", syntax=CUSTOMER_SEARCH, sorts=CUSTOMER_SORTS),
    # the orders' list and count: :mod:`.sim_graphql_returns` (searched by return status too)
    "Order": Kind(order, "orders", syntax=ORDER_SEARCH, sorts=ORDER_SORTS),
    "InventoryItem": Kind(inventory_item, find=_item_by),
    "Location": Kind(location, "locations", sorts={"NAME": "name"}),
    "Fulfillment": Kind(fulfillment, find=_fulfillment_by),
    # an order's one fulfillment order has the order's id
    "FulfillmentOrder": Kind(fulfillment_order, "orders"), "Return": Kind(return_view, "returns"),
    "WebhookSubscription": Kind(webhook, "webhooks"),
    "DeliveryCarrierService": Kind(carrier, "carrier_services"),
}


def node(g: GqlCtx, id: str) -> View | None:
    kind = str(id).split("/")[3] if str(id).count("/") >= 4 else ""
    if kind == "BulkOperation":
        found: View | None = g.extra["bulk_node"](g, id)
        return found
    return KINDS[kind].node(g, parse_gid(id, kind)) if kind in KINDS else None


def _by_id(kind: str) -> Resolver:
    return lambda _, info, id: KINDS[kind].node(ctx_of(info), parse_gid(id, kind))


def served(kind: str, scope: str, one: str, many: str, counted: bool = True
           ) -> dict[str, tuple[str | None, Resolver]]:
    """A kind's root fields needing ``scope``: one node by id, the list, and its count."""
    return {one: (scope, _by_id(kind)), many: (scope, KINDS[kind].list()),
            **({f"{many}Count": (scope, KINDS[kind].count())} if counted else {})}


def _current_installation(_: Any, info: GraphQLResolveInfo) -> View:
    g = ctx_of(info)
    return {"id": gid("AppInstallation", 1), "accessScopes": [
        {"handle": s, "description": s.replace("_", " ")} for s in sorted(g.scopes)]}


#: root field -> (required access scope or None, resolver)
QUERY: dict[str, tuple[str | None, Resolver]] = {
    "node": (None, lambda _, info, id: node(ctx_of(info), id)),
    "nodes": (None, lambda _, info, ids: [node(ctx_of(info), i) for i in ids]),
    "shop": (None, lambda _, info: shop_view(ctx_of(info))),
    "currentAppInstallation": (None, _current_installation),
    **served("Product", "read_products", "product", "products"),
    **served("ProductVariant", "read_products", "productVariant", "productVariants"),
    **served("Collection", "read_products", "collection", "collections"),
    "publications": ("read_publications", lambda _, info, **a: PAGES.of(
        [ONLINE_STORE], lambda x: x)(info, **a)),
    **served("Customer", "read_customers", "customer", "customers"),
    "order": ("read_orders", _by_id("Order")),
    "fulfillmentOrder": ("read_fulfillments", _by_id("FulfillmentOrder")),
    "return": ("read_returns", _by_id("Return")),
    "inventoryItem": ("read_inventory", _by_id("InventoryItem")),
    "location": ("read_locations", lambda _, info, id=None: KINDS["Location"].node(
        ctx_of(info), parse_gid(id, "Location") if id else ctx_of(info).data.primary_location_id)),
    "locations": ("read_locations", KINDS["Location"].list()),
    "webhookSubscription": (None, _by_id("WebhookSubscription")),
    "webhookSubscriptions": (None, lambda _, info, topics=None, callbackUrl=None, uri=None,
                             format=None, **a: KINDS["WebhookSubscription"].list(rows=lambda g: [
                                 w for w in g.data.webhooks.values()
                                 if (not topics or enum_word(w["topic"]) in topics)
                                 and (not callbackUrl or w["address"] == callbackUrl)
                                 and (not uri or w["address"] == uri)
                                 and (not format or str(w["format"]).upper() == format)])(
                                     None, info, **a)),
    **served("DeliveryCarrierService", "read_shipping", "carrierService", "carrierServices",
             counted=False),
    # every simulated job is done when it is made (its id says which mutation made it)
    "job": (None, lambda _, info, id: {"id": id, "done": True, "query": {}}),
}
