"""The Admin GraphQL mutations, run through Shopify's record rules (``sim_products``...).

A mutation turns its GraphQL input into a REST-shaped body (the records keep Shopify's REST
JSON shape, as its webhooks still push it) and calls the record rules in-process
(:meth:`.sim_graphql_views.GqlCtx.rest`), so validation, ids, stock, recomputed totals and
webhooks are kept in one place. Their 4xx refusals become ``userErrors`` (``field`` names the
GraphQL input path, ``message`` the full Rails message, as Shopify's are; the kit's
:func:`anycart.sandbox.graphql.mutation_resolver`). Kept here: ``productSet``'s
sync semantics (variants matched by id or by option values, the ones not listed deleted),
``inventorySetQuantities`` with ``compareQuantity``. Returns and refunds are in
:mod:`.sim_graphql_returns`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from starlette.responses import Response

from anycart.sandbox.errors import SimError
from anycart.sandbox.graphql import UserErrors as UserErrors  # the mutation modules raise it
from anycart.sandbox.graphql import mutation_resolver, rails_user_errors, user_error
from anycart.sandbox.table import Record

from . import sim_customers, sim_orders, sim_products, sim_shop
from .sim_graphql_objects import (
    address,
    customer,
    order,
    product,
    variant,
    webhook,
)
from .sim_graphql_objects import carrier as carrier_view
from .sim_graphql_objects import (
    fulfillment as fulfillment_view,
)
from .sim_graphql_views import GqlCtx, View, ctx_of, gid, parse_gid
from .sim_inventory import levels_of
from .sim_store import GRAPHQL_TOPICS

Mutation = Callable[..., View]
UNITS = {"GRAMS": "g", "KILOGRAMS": "kg", "OUNCES": "oz", "POUNDS": "lb"}
#: ``PRODUCTS_UPDATE`` -> ``products/update``
TOPICS = {t.replace("/", "_").upper(): t for t in GRAPHQL_TOPICS}


#: the mutations' errors are the kit's (:mod:`anycart.sandbox.graphql`)
error = user_error
#: REST field -> its GraphQL input name, where they differ (else camelCase)
_INPUT_NAMES = {"address": "callbackUrl", "body_html": "descriptionHtml",
                "callback_url": "callbackUrl"}


def _from_rest(err: SimError, root: str) -> list[View]:
    return rails_user_errors(err, root, _INPUT_NAMES)


def mutation(scope: str, root: str, fn: Callable[..., View],
             answer: Callable[[list[View]], View] | None = None) -> tuple[str, Mutation]:
    """A root mutation needing ``scope``: the record rules' refusals and :class:`UserErrors`
    become ``userErrors`` (or the payload's own error fields, as ``answer`` lays them out)."""
    return scope, mutation_resolver(fn, root, context=ctx_of, names=_INPUT_NAMES,
                                    **({"answer": answer} if answer else {}))


def rest(g: GqlCtx, handler: Callable[[Any], Response], method: str, path: str,
         args: Mapping[str, Any] | None = None, body: Any = None) -> Any:
    answer = handler(g.rest(method, path, args, body))
    return json.loads(bytes(answer.body)) if answer.body else {}


def _need(g: GqlCtx, table: str, value: Any, kind: str, field: list[str]) -> int:
    rid = parse_gid(value, kind)
    if rid is None or rid not in g.data.table(table):
        raise UserErrors(error(field, f"{kind} does not exist", "NOT_FOUND"))
    return rid


# -- products -------------------------------------------------------------------------------
_PRODUCT_FIELDS = {"title": "title", "handle": "handle", "descriptionHtml": "body_html",
                   "vendor": "vendor", "productType": "product_type",
                   "templateSuffix": "template_suffix"}


def _product_body(given: Mapping[str, Any]) -> dict[str, Any]:
    body = {rest_name: given[name] for name, rest_name in _PRODUCT_FIELDS.items()
            if name in given}
    if given.get("status"):
        body["status"] = given["status"].lower()
    if given.get("tags") is not None:
        body["tags"] = ", ".join(given["tags"])
    return body


def _variant_body(given: Mapping[str, Any], names: list[str]) -> dict[str, Any]:
    body: dict[str, Any] = {"id": parse_gid(given.get("id"), "ProductVariant")} \
        if given.get("id") else {}
    for value in given.get("optionValues") or []:
        name = value.get("optionName")
        if name in names:
            body[f"option{names.index(name) + 1}"] = value.get("name")
    for name, rest_name in (("price", "price"), ("compareAtPrice", "compare_at_price"),
                            ("barcode", "barcode"), ("taxable", "taxable"), ("sku", "sku")):
        if name in given:
            body[rest_name] = given[name]
    if given.get("inventoryPolicy"):
        body["inventory_policy"] = given["inventoryPolicy"].lower()
    item = given.get("inventoryItem") or {}
    if "sku" in item:
        body["sku"] = item["sku"]
    if "tracked" in item:
        body["inventory_management"] = "shopify" if item["tracked"] else None
    if "requiresShipping" in item:
        body["requires_shipping"] = item["requiresShipping"]
    weight = (item.get("measurement") or {}).get("weight")
    if weight:
        body["weight"], body["weight_unit"] = weight["value"], UNITS[weight["unit"]]
    return body


def _option_names(given: Mapping[str, Any], stored: Record | None) -> list[str]:
    names = [o["name"] for o in sorted(given.get("productOptions") or [],
                                       key=lambda o: o.get("position") or 0)]
    if names or stored is None:
        return names
    return [o["name"] for o in stored["options"] if o["name"] != "Title"
            or stored["variants"][0]["title"] != "Default Title"]


def _write_product(g: GqlCtx, pid: int | None, body: dict[str, Any]) -> Record:
    if pid is None:
        return dict(rest(g, sim_products.PRODUCTS.add, "POST", "products",
                         body={"product": body})["product"])
    return dict(rest(g, sim_products.PRODUCTS.put, "PUT", f"products/{pid}", {"id": pid},
                     {"product": body})["product"])


def _media(media: list[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"src": m["originalSource"], "alt": m.get("alt")} for m in media or []]


def product_create(g: GqlCtx, input: Any = None, product: Any = None,
                   media: Any = None) -> View:
    given = product or input or {}
    body = _product_body(given)
    names = _option_names(given, None)
    if names:  # one variant holding each option's first value, as Shopify makes it
        body["options"] = [{"name": n} for n in names]
        body["variants"] = [{f"option{i}": (o.get("values") or [{"name": "Default"}])[0]["name"]
                             for i, o in enumerate(given["productOptions"], 1)}]
    if media:
        body["images"] = _media(media)
    return {"product": _product(g, _write_product(g, None, body)["id"])}


def product_update(g: GqlCtx, input: Any = None, product: Any = None,
                   media: Any = None) -> View:
    given = product or input or {}
    pid = _need(g, "products", given.get("id"), "Product", ["id"])
    body = _product_body(given)
    if media:
        body["images"] = [{"id": i["id"]} for i in g.data.products.peek(pid)["images"]] + \
            _media(media)
    return {"product": _product(g, _write_product(g, pid, body)["id"])}


def product_delete(g: GqlCtx, input: Mapping[str, Any]) -> View:
    pid = _need(g, "products", input["id"], "Product", ["id"])
    rest(g, sim_products.PRODUCTS.remove, "DELETE", f"products/{pid}", {"id": pid})
    return {"deletedProductId": gid("Product", pid)}


def _product(g: GqlCtx, pid: int) -> View:
    return product(g, g.data.products.peek(pid))


def _match(stored: Record | None, body: dict[str, Any]) -> None:
    """productSet: a variant given without id is the stored one with its option values."""
    if stored is None or "id" in body:
        return
    key = tuple(body.get(f"option{i}") for i in (1, 2, 3))
    for v in stored["variants"]:
        if tuple(v[f"option{i}"] for i in (1, 2, 3)) == key:
            body["id"] = v["id"]


def product_set(g: GqlCtx, input: Mapping[str, Any], synchronous: bool = True,
                identifier: Any = None) -> View:
    ident = identifier or {}
    pid = parse_gid(input.get("id") or ident.get("id"), "Product")
    if pid is None and ident.get("handle"):
        pid = next((p["id"] for p in g.data.products.values()
                    if p["handle"] == ident["handle"]), None)
    if pid is not None and pid not in g.data.products:
        raise UserErrors(error(["input", "id"], "Product does not exist", "PRODUCT_DOES_NOT_EXIST"))
    stored = g.data.products.peek(pid) if pid is not None else None
    body = _product_body(input)
    names = _option_names(input, stored)
    if input.get("productOptions") is not None:
        body["options"] = [{"name": n} for n in names]
    stock: list[tuple[int, list[Mapping[str, Any]]]] = []
    if input.get("variants") is not None:
        body["variants"] = []
        for i, vin in enumerate(input["variants"]):
            vb = _variant_body(vin, names)
            _match(stored, vb)
            body["variants"].append(vb)
            stock.append((i, vin.get("inventoryQuantities") or []))
    if input.get("files") is not None:
        body["images"] = [{"src": f["originalSource"], "alt": f.get("alt")}
                          for f in input["files"] if f.get("originalSource")]
    saved = _write_product(g, pid, body)
    _set_stock(g, saved, stock)
    return {"product": _product(g, saved["id"]), "productSetOperation": None}


def _set_stock(g: GqlCtx, saved: Record, stock: list[tuple[int, list[Mapping[str, Any]]]]
               ) -> None:
    variants = g.data.products.peek(saved["id"])["variants"]
    ctx = g.rest("POST", "inventory_levels/set")
    for i, quantities in stock:
        for q in quantities:
            lid = parse_gid(q["locationId"], "Location")
            if lid not in g.data.locations:
                raise UserErrors(error(["input", "variants", str(i), "inventoryQuantities"],
                                       "The specified location could not be found.",
                                       "INVALID_LOCATION"))
            levels_of(g.data, ctx).set(variants[i]["inventory_item_id"], lid, q["quantity"],
                                       g.shop.stamp())


def _variants_put(g: GqlCtx, pid: int, variants: list[dict[str, Any]],
                  options: list[str] | None = None) -> Record:
    body: dict[str, Any] = {"variants": variants}
    if options is not None:
        body["options"] = [{"name": n} for n in options]
    return _write_product(g, pid, body)


def _keep_all(stored: Record) -> list[dict[str, Any]]:
    return [{"id": v["id"]} for v in stored["variants"]]


def _names_with(stored: Record, given: list[Mapping[str, Any]]) -> list[str]:
    names = [o["name"] for o in stored["options"]]
    if names == ["Title"] and stored["variants"][0]["title"] == "Default Title":
        names = []
    for vin in given:
        for value in vin.get("optionValues") or []:
            if value.get("optionName") and value["optionName"] not in names:
                names.append(value["optionName"])
    return names


def variants_create(g: GqlCtx, productId: str, variants: list[Mapping[str, Any]],
                    media: Any = None, strategy: str = "DEFAULT") -> View:
    pid = _need(g, "products", productId, "Product", ["productId"])
    stored = g.data.products.peek(pid)
    names = _names_with(stored, variants)
    # DEFAULT drops a lone "Default Title" variant, REMOVE_STANDALONE_VARIANT any lone one
    single = len(stored["variants"]) == 1
    default = single and stored["variants"][0]["title"] == "Default Title"
    drop = (strategy == "DEFAULT" and default) or (strategy == "REMOVE_STANDALONE_VARIANT"
                                                   and single)
    kept = [] if drop else _keep_all(stored)
    before = {v["id"] for v in stored["variants"]}
    new = [_variant_body({k: v for k, v in vin.items() if k != "id"}, names) for vin in variants]
    saved = _variants_put(g, pid, kept + new, names)
    _set_stock(g, saved, [(len(kept) + i, [
        {"locationId": q["locationId"], "quantity": q["availableQuantity"]}
        for q in vin.get("inventoryQuantities") or []]) for i, vin in enumerate(variants)])
    made = [v for v in g.data.products.peek(pid)["variants"] if v["id"] not in before]
    return {"product": _product(g, pid), "productVariants": [variant(g, v) for v in made]}


def variants_update(g: GqlCtx, productId: str, variants: list[Mapping[str, Any]],
                    media: Any = None, allowPartialUpdates: bool = False) -> View:
    pid = _need(g, "products", productId, "Product", ["productId"])
    stored = g.data.products.peek(pid)
    names = [o["name"] for o in stored["options"]]
    changes: dict[int, dict[str, Any]] = {}
    for i, vin in enumerate(variants):
        vid = parse_gid(vin.get("id"), "ProductVariant")
        if vid is None or vid not in {v["id"] for v in stored["variants"]}:
            raise UserErrors(error(["variants", str(i), "id"], "Product variant does not exist",
                                   "PRODUCT_VARIANT_DOES_NOT_EXIST"))
        if vin.get("inventoryQuantities"):
            raise UserErrors(error(["variants", str(i), "inventoryQuantities"],
                                   "Inventory quantities can only be provided during create. "
                                   "To update inventory for existing variants, use "
                                   "inventoryAdjustQuantities.",
                                   "NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE"))
        changes[vid] = _variant_body(vin, names)
    _variants_put(g, pid, [changes.get(v["id"], {"id": v["id"]}) for v in stored["variants"]])
    return {"product": _product(g, pid), "productVariants": [
        variant(g, v) for v in g.data.products.peek(pid)["variants"] if v["id"] in changes]}


def variants_delete(g: GqlCtx, productId: str, variantsIds: list[str]) -> View:
    pid = _need(g, "products", productId, "Product", ["productId"])
    stored = g.data.products.peek(pid)
    gone = {parse_gid(v, "ProductVariant") for v in variantsIds}
    unknown = gone - {v["id"] for v in stored["variants"]}
    if unknown:
        raise UserErrors(error(["variantsIds"], "At least one variant does not belong to the "
                               "product", "AT_LEAST_ONE_VARIANT_DOES_NOT_BELONG_TO_THE_PRODUCT"))
    _variants_put(g, pid, [{"id": v["id"]} for v in stored["variants"] if v["id"] not in gone])
    return {"product": _product(g, pid)}


# -- inventory ------------------------------------------------------------------------------
def set_quantities(g: GqlCtx, input: Mapping[str, Any]) -> View:
    name = input["name"]
    if name not in ("available", "on_hand"):
        raise UserErrors(error(["input", "name"], "The quantity name must be either "
                               "'available' or 'on_hand'.", "INVALID_NAME"))
    stock = levels_of(g.data, g.rest("POST", "inventory_levels/set"))
    plan = []
    for i, q in enumerate(input["quantities"]):
        where = ["input", "quantities", str(i)]
        iid, lid = parse_gid(q["inventoryItemId"], "InventoryItem"), parse_gid(q["locationId"],
                                                                              "Location")
        if iid is None or g.data.find_item(iid) is None:
            raise UserErrors(error([*where, "inventoryItemId"], "The specified inventory item "
                                   "could not be found.", "INVALID_INVENTORY_ITEM"))
        if lid not in g.data.locations:
            raise UserErrors(error([*where, "locationId"], "The specified location could not "
                                   "be found.", "INVALID_LOCATION"))
        stale = _stale(g, input, q, stock.at(iid, lid))
        if stale:
            raise UserErrors(error([*where, stale[0]], stale[1], stale[2]))
        plan.append((iid, lid, q["quantity"], stock.at(iid, lid)))
    changes = []
    for iid, lid, quantity, was in plan:
        stock.set(iid, lid, quantity, g.shop.stamp())
        for n in dict.fromkeys((name, "available", "on_hand")):
            changes.append({"name": n, "delta": quantity - was, "quantityAfterChange": quantity,
                            "item": None, "location": None})
    return {"inventoryAdjustmentGroup": {
        "id": gid("InventoryAdjustmentGroup", g.data.ids.next("inventory_item")),
        "reason": input["reason"], "referenceDocumentUri": input.get("referenceDocumentUri"),
        "createdAt": None, "changes": lambda info, **a: changes}}


def _stale(g: GqlCtx, input: Mapping[str, Any], q: Mapping[str, Any], persisted: int
           ) -> tuple[str, str, str] | None:
    """Compare-and-swap. From 2026-04 every quantity names ``changeFromQuantity`` (an
    explicit null opts out); before, ``compareQuantity`` unless ``ignoreCompareQuantity``."""
    if g.version >= "2026-04":
        if "changeFromQuantity" not in q:
            return ("changeFromQuantity", "The changeFromQuantity argument must be given to "
                    "each quantity; pass null to opt out of the check.", "INVALID")
        if q["changeFromQuantity"] is not None and q["changeFromQuantity"] != persisted:
            return ("changeFromQuantity", "The changeFromQuantity value does not match "
                    "persisted value.", "CHANGE_FROM_QUANTITY_STALE")
        return None
    if input.get("ignoreCompareQuantity"):
        return None
    if q.get("compareQuantity") is None:
        return ("compareQuantity", "The compareQuantity argument must be given to each "
                "quantity or ignored using ignoreCompareQuantity.", "COMPARE_QUANTITY_REQUIRED")
    if q["compareQuantity"] != persisted:
        return ("compareQuantity", "The compareQuantity value does not match persisted value.",
                "COMPARE_QUANTITY_STALE")
    return None


# -- customers ------------------------------------------------------------------------------
def _customer_body(given: Mapping[str, Any]) -> dict[str, Any]:
    body = {k: given[c] for c, k in (("firstName", "first_name"), ("lastName", "last_name"),
                                     ("email", "email"), ("phone", "phone"), ("note", "note"),
                                     ("taxExempt", "tax_exempt")) if c in given}
    if given.get("tags") is not None:
        body["tags"] = ", ".join(given["tags"])
    consent = given.get("emailMarketingConsent")
    if consent:
        body["email_marketing_consent"] = {
            "state": consent["marketingState"].lower(),
            "opt_in_level": (consent.get("marketingOptInLevel") or "single_opt_in").lower(),
            "consent_updated_at": consent.get("consentUpdatedAt")}
    if given.get("addresses") is not None:
        body["addresses"] = [{_snake(k): v for k, v in a.items()} for a in given["addresses"]]
    return body


def _snake(name: str) -> str:
    return "".join(f"_{c.lower()}" if c.isupper() else c for c in name)


def customer_create(g: GqlCtx, input: Mapping[str, Any]) -> View:
    saved = rest(g, sim_customers.CUSTOMERS.add, "POST", "customers",
                 body={"customer": _customer_body(input)})["customer"]
    return {"customer": customer(g, g.data.customers.peek(saved["id"]))}


def customer_update(g: GqlCtx, input: Mapping[str, Any]) -> View:
    cid = _need(g, "customers", input.get("id"), "Customer", ["id"])
    rest(g, sim_customers.CUSTOMERS.put, "PUT", f"customers/{cid}", {"id": cid},
         {"customer": _customer_body(input)})
    return {"customer": customer(g, g.data.customers.peek(cid))}


def customer_delete(g: GqlCtx, input: Mapping[str, Any]) -> View:
    cid = _need(g, "customers", input["id"], "Customer", ["id"])
    rest(g, sim_customers.CUSTOMERS.remove, "DELETE", f"customers/{cid}", {"id": cid})
    return {"deletedCustomerId": gid("Customer", cid)}


#: the states an app may set (NOT_SUBSCRIBED, REDACTED and INVALID are Shopify's own)
_SETTABLE = ("SUBSCRIBED", "UNSUBSCRIBED", "PENDING")


def consent_update(g: GqlCtx, input: Mapping[str, Any]) -> View:
    cid = parse_gid(input["customerId"], "Customer")
    if cid is None or cid not in g.data.customers:
        raise UserErrors(error(["input", "customerId"], "Customer not found", "INVALID"))
    consent = input["emailMarketingConsent"]
    if consent["marketingState"] not in _SETTABLE:
        raise UserErrors(error(["input", "emailMarketingConsent", "marketingState"],
                               "Marketing state is not included in the list", "INCLUSION"))
    if not g.data.customers.peek(cid)["email"]:
        raise UserErrors(error(["input", "customerId"], "Customer must have an email address",
                               "INVALID"))
    rest(g, sim_customers.CUSTOMERS.put, "PUT", f"customers/{cid}", {"id": cid}, {"customer": {
        "email_marketing_consent": {
            "state": consent["marketingState"].lower(),
            "opt_in_level": (consent.get("marketingOptInLevel") or "single_opt_in").lower(),
            "consent_updated_at": consent.get("consentUpdatedAt")}}})
    return {"customer": customer(g, g.data.customers.peek(cid))}


def _address_of(g: GqlCtx, cid: int, aid: int | None) -> View | None:
    return address(next((a for a in g.data.customers.peek(cid)["addresses"] if a["id"] == aid),
                        None))


def _owned_address(g: GqlCtx, customerId: str, addressId: str) -> tuple[int, int]:
    cid = _need(g, "customers", customerId, "Customer", ["customerId"])
    aid = parse_gid(addressId, "MailingAddress")
    if _address_of(g, cid, aid) is None:
        raise UserErrors(error(["addressId"], "Address does not exist"))
    assert aid is not None
    return cid, aid


def _address_body(given: Mapping[str, Any]) -> dict[str, Any]:
    return {_snake(k): v for k, v in given.items()}


def _make_default(g: GqlCtx, cid: int, aid: int) -> None:
    rest(g, sim_customers.ADDRESSES.handle, "PUT", f"customers/{cid}/addresses/{aid}/default",
         {"id": cid, "sub": aid})


def address_create(g: GqlCtx, customerId: str, address: Mapping[str, Any],
                   setAsDefault: bool | None = None) -> View:
    cid = _need(g, "customers", customerId, "Customer", ["customerId"])
    made = rest(g, sim_customers.ADDRESSES.handle, "POST", f"customers/{cid}/addresses",
                {"id": cid}, {"address": _address_body(address)})["customer_address"]
    if setAsDefault:
        _make_default(g, cid, made["id"])
    return {"address": _address_of(g, cid, made["id"])}


def address_update(g: GqlCtx, customerId: str, addressId: str, address: Mapping[str, Any],
                   setAsDefault: bool | None = None) -> View:
    cid, aid = _owned_address(g, customerId, addressId)
    rest(g, sim_customers.ADDRESSES.handle, "PUT", f"customers/{cid}/addresses/{aid}",
         {"id": cid, "sub": aid}, {"address": _address_body(address)})
    if setAsDefault:
        _make_default(g, cid, aid)
    return {"address": _address_of(g, cid, aid)}


def address_delete(g: GqlCtx, customerId: str, addressId: str) -> View:
    cid, aid = _owned_address(g, customerId, addressId)
    rest(g, sim_customers.ADDRESSES.handle, "DELETE", f"customers/{cid}/addresses/{aid}",
         {"id": cid, "sub": aid})
    return {"deletedAddressId": gid("MailingAddress", aid)}


def default_address(g: GqlCtx, customerId: str, addressId: str) -> View:
    cid, aid = _owned_address(g, customerId, addressId)
    _make_default(g, cid, aid)
    return {"customer": customer(g, g.data.customers.peek(cid))}


# -- fulfillments, orders -------------------------------------------------------------------
def fulfillment_create(g: GqlCtx, fulfillment: Mapping[str, Any], message: Any = None) -> View:
    groups = fulfillment["lineItemsByFulfillmentOrder"]
    oids = {parse_gid(x["fulfillmentOrderId"], "FulfillmentOrder") for x in groups}
    if len(oids) != 1 or not oids <= set(g.data.orders.keys()):
        raise UserErrors(error(["fulfillment"], "Fulfillment order does not exist."))
    oid = oids.pop()
    lines = [{"id": parse_gid(li["id"], "FulfillmentOrderLineItem"), "quantity": li["quantity"]}
             for x in groups for li in x.get("fulfillmentOrderLineItems") or []]
    info = fulfillment.get("trackingInfo") or {}
    numbers = info.get("numbers") or ([info["number"]] if info.get("number") else [])
    urls = info.get("urls") or ([info["url"]] if info.get("url") else [])
    body = {"notify_customer": bool(fulfillment.get("notifyCustomer")),
            "tracking_company": info.get("company"), "tracking_numbers": numbers,
            "tracking_urls": urls, **({"line_items": lines} if lines else {})}
    made = rest(g, sim_orders.FULFILLMENTS.handle, "POST", f"orders/{oid}/fulfillments",
                {"id": oid}, {"fulfillment": body})["fulfillment"]
    o = g.data.orders.peek(oid)
    return {"fulfillment": fulfillment_view(g, next(f for f in o["fulfillments"]
                                                if f["id"] == made["id"]), o)}


def _fulfillment_action(g: GqlCtx, id: str, action: str, body: Any) -> View:
    fid = parse_gid(id, "Fulfillment")
    oid = g.data.ids.owner("fulfillment", fid) if fid is not None else None
    if fid is None or oid not in g.data.orders:
        raise UserErrors(error(["id"], "Fulfillment does not exist."))
    rest(g, sim_orders.FULFILLMENT_BY_ID, "POST", f"fulfillments/{fid}/{action}", {"id": fid},
         body)
    o = g.data.orders.peek(oid)
    return {"fulfillment": fulfillment_view(g, next(f for f in o["fulfillments"]
                                                     if f["id"] == fid), o)}


def _listed(info: Mapping[str, Any], one: str, many: str) -> list[str] | None:
    """FulfillmentTrackingInput's ``numbers`` (or ``number``): None when neither is given."""
    if info.get(many) is not None:
        return list(info[many])
    return [info[one]] if info.get(one) else None


def tracking_update(g: GqlCtx, fulfillmentId: str, trackingInfoInput: Mapping[str, Any],
                    notifyCustomer: bool | None = None) -> View:
    """The given ``numbers``/``urls`` replace the fulfillment's (every one is kept, as
    Shopify keeps a package's each); URLs not given come from a known carrier's page."""
    fid = parse_gid(fulfillmentId, "Fulfillment")
    oid = g.data.ids.owner("fulfillment", fid) if fid is not None else None
    if fid is None or oid not in g.data.orders:
        raise UserErrors(error(["fulfillmentId"], "Fulfillment does not exist."))
    info, numbers = trackingInfoInput, _listed(trackingInfoInput, "number", "numbers")
    urls = _listed(info, "url", "urls")
    body: dict[str, Any] = {"notify_customer": bool(notifyCustomer)}
    if "company" in info:
        body["tracking_company"] = info["company"]
    if numbers is not None:
        body["tracking_numbers"] = numbers
    if urls:
        body["tracking_urls"] = urls
    rest(g, sim_orders.FULFILLMENTS.handle, "PUT", f"orders/{oid}/fulfillments/{fid}",
         {"id": oid, "sub": fid}, {"fulfillment": body})
    o = g.data.orders.peek(oid)
    return {"fulfillment": fulfillment_view(g, next(f for f in o["fulfillments"]
                                                     if f["id"] == fid), o)}


def order_update(g: GqlCtx, input: Mapping[str, Any]) -> View:
    oid = _need(g, "orders", input["id"], "Order", ["id"])
    body = {k: input[k] for k in ("email", "note") if k in input}
    if input.get("tags") is not None:
        body["tags"] = ", ".join(input["tags"])
    if input.get("customAttributes") is not None:
        body["note_attributes"] = [{"name": a["key"], "value": a["value"]}
                                   for a in input["customAttributes"]]
    if input.get("shippingAddress") is not None:
        body["shipping_address"] = {_snake(k): v for k, v in input["shippingAddress"].items()}
    rest(g, sim_orders.ORDERS.put, "PUT", f"orders/{oid}", {"id": oid}, {"order": body})
    return {"order": order(g, g.data.orders.peek(oid))}


def _carrier_body(input: Mapping[str, Any]) -> dict[str, Any]:
    return {"carrier_service": {"name": input["name"], "callback_url": input["callbackUrl"],
                                "service_discovery": input["supportsServiceDiscovery"],
                                "active": input["active"], "format": "json"}}


def _hook_body(given: Mapping[str, Any], topic: str | None = None) -> dict[str, Any]:
    """REST's webhook body; 2025-10's ``uri`` names the endpoint (the deprecated
    ``callbackUrl`` still does when ``uri`` is not given)."""
    body: dict[str, Any] = {"topic": TOPICS[topic]} if topic else {}
    if given.get("uri") or given.get("callbackUrl") or topic:
        body["address"] = given.get("uri") or given.get("callbackUrl")
    if given.get("format") or topic:
        body["format"] = (given.get("format") or "JSON").lower()
    if given.get("includeFields") is not None or topic:
        body["fields"] = given.get("includeFields") or []
    return {"webhook": body}


def _hook_write(g: GqlCtx, given: Mapping[str, Any], write: Callable[[], Any]) -> View:
    """A webhook write; REST's ``address`` errors name the input field the caller used."""
    try:
        made = write()["webhook"]
    except SimError as e:
        named = "uri" if given.get("uri") else "callbackUrl"
        raise UserErrors(*[{**x, "field": [named if f == "callbackUrl" else f
                                           for f in x["field"]] if x["field"] else None}
                           for x in _from_rest(e, "webhookSubscription")]) from None
    return {"webhookSubscription": webhook(g, g.data.webhooks.peek(made["id"]))}


def webhook_create(g: GqlCtx, topic: str, webhookSubscription: Mapping[str, Any]) -> View:
    if topic not in TOPICS:
        raise UserErrors(error(["topic"], f"Topic {topic} is not supported by this simulator"))
    crud = sim_shop.webhooks(g.allow_http_webhooks)
    return _hook_write(g, webhookSubscription, lambda: rest(
        g, crud.add, "POST", "webhooks", body=_hook_body(webhookSubscription, topic)))


def webhook_update(g: GqlCtx, id: str, webhookSubscription: Mapping[str, Any]) -> View:
    wid = _need(g, "webhooks", id, "WebhookSubscription", ["id"])
    crud = sim_shop.webhooks(g.allow_http_webhooks)
    return _hook_write(g, webhookSubscription, lambda: rest(
        g, crud.put, "PUT", f"webhooks/{wid}", {"id": wid}, _hook_body(webhookSubscription)))


def _delete(table: str, kind: str, crud: Callable[[GqlCtx], Any], key: str
            ) -> Callable[..., View]:
    def delete(g: GqlCtx, id: str) -> View:
        rid = _need(g, table, id, kind, ["id"])
        rest(g, crud(g).remove, "DELETE", f"{table}/{rid}", {"id": rid})
        return {key: gid(kind, rid)}
    return delete


def carrier_create(g: GqlCtx, input: Mapping[str, Any]) -> View:
    made = rest(g, sim_shop.CARRIER_SERVICES.add, "POST", "carrier_services",
                body=_carrier_body(input))["carrier_service"]
    return {"carrierService": carrier_view(g, g.data.carrier_services.peek(made["id"]))}


#: root field -> (required access scope, resolver)
MUTATIONS: dict[str, tuple[str | None, Mutation]] = {
    "productCreate": mutation("write_products", "product", product_create),
    "productUpdate": mutation("write_products", "product", product_update),
    "productDelete": mutation("write_products", "input", product_delete),
    "productSet": mutation("write_products", "input", product_set),
    "productVariantsBulkCreate": mutation("write_products", "variants", variants_create),
    "productVariantsBulkUpdate": mutation("write_products", "variants", variants_update),
    "productVariantsBulkDelete": mutation("write_products", "variantsIds", variants_delete),
    "inventorySetQuantities": mutation("write_inventory", "input", set_quantities),
    "customerCreate": mutation("write_customers", "input", customer_create),
    "customerUpdate": mutation("write_customers", "input", customer_update),
    "customerDelete": mutation("write_customers", "input", customer_delete),
    "customerEmailMarketingConsentUpdate": mutation("write_customers", "input", consent_update),
    "customerAddressCreate": mutation("write_customers", "address", address_create),
    "customerAddressUpdate": mutation("write_customers", "address", address_update),
    "customerAddressDelete": mutation("write_customers", "addressId", address_delete),
    "customerUpdateDefaultAddress": mutation("write_customers", "addressId", default_address),
    "fulfillmentCreate": mutation("write_fulfillments", "fulfillment", fulfillment_create),
    "fulfillmentTrackingInfoUpdate": mutation("write_fulfillments", "trackingInfoInput",
                                              tracking_update),
    "fulfillmentCancel": mutation("write_fulfillments", "id", lambda g, id: _fulfillment_action(
        g, id, "cancel", None)),
    "orderUpdate": mutation("write_orders", "input", order_update),
    "webhookSubscriptionCreate": mutation("", "webhookSubscription", webhook_create),
    "webhookSubscriptionUpdate": mutation("", "webhookSubscription", webhook_update),
    "webhookSubscriptionDelete": mutation("", "id", _delete(
        "webhooks", "WebhookSubscription", lambda g: sim_shop.webhooks(g.allow_http_webhooks),
        "deletedWebhookSubscriptionId")),
    "carrierServiceCreate": mutation("write_shipping", "input", carrier_create),
    "carrierServiceDelete": mutation("write_shipping", "id", _delete(
        "carrier_services", "DeliveryCarrierService", lambda g: sim_shop.CARRIER_SERVICES, "id")),
}
