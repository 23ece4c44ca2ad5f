"""The Admin GraphQL mutations, run through Shopify's record rules (``sim_products``...).

A mutation turns its input into a REST-shaped body for the record rules
(:meth:`.sim_graphql_views.GqlCtx.rest`), so validation, ids, stock, totals and webhooks are
kept in one place; their 4xx refusals become ``userErrors`` in Shopify's words (the kit's
:func:`anycart.sandbox.graphql.mutation_resolver`). Kept here: ``productSet``'s sync (variants
matched by id or option values, the others deleted) and ``inventorySetQuantities``'
compare-and-swap. Returns and refunds: :mod:`.sim_graphql_returns`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from anycart.sandbox.children import Children
from anycart.sandbox.errors import SimError
from anycart.sandbox.graphql import UserErrors as UserErrors  # the mutation modules raise it
from anycart.sandbox.graphql import mutation_resolver, rails_user_errors, user_error
from anycart.sandbox.inputs import InputBody, snaked
from anycart.sandbox.table import Record

from . import sim_customers, sim_orders, sim_products, sim_shop
from . import sim_graphql_objects as views
from .sim_graphql_views import GqlCtx, View, ctx_of, gid, parse_gid
from .sim_store import GRAPHQL_TOPICS, Crud

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


def saved(g: GqlCtx, crud: Crud, rid: int | None, body: Mapping[str, Any]) -> Record:
    """``crud``'s record rules run on ``body``: a new record (``rid`` None), else record
    ``rid`` changed; the record as they answer it."""
    if rid is None:
        made: Record = rest(g, crud.add, "POST", crud.path, body={crud.key: body})[crud.key]
        return made
    changed: Record = rest(g, crud.put, "PUT", f"{crud.path}/{rid}", {"id": rid},
                           {crud.key: body})[crud.key]
    return changed


def removed(g: GqlCtx, crud: Crud, rid: int) -> None:
    rest(g, crud.remove, "DELETE", f"{crud.path}/{rid}", {"id": rid})


def below(g: GqlCtx, children: Children, method: str, pid: int, sub: int | None = None,
          body: Mapping[str, Any] | None = None, then: str = "") -> Any:
    """A write to the children of record ``pid`` (``sub``: one of them, ``then``: an action
    on it), run by their rules; the child as they answer it."""
    path = "/".join((children.parent, str(pid), children.field, *(
        [str(sub)] if sub else []), *([then] if then else [])))
    return rest(g, children.handle, method, path, {"id": pid, "sub": sub}, body).get(
        children.key)


def need(g: GqlCtx, table: str, value: Any, kind: str, field: list[str],
         message: str | None = None, code: str | None = "NOT_FOUND") -> int:
    """The id of the ``kind`` gid ``value``, a record of ``table``; else a userError."""
    rid = parse_gid(value, kind)
    if rid is None or rid not in g.data.table(table):
        raise UserErrors(error(field, message or f"{kind} does not exist", code))
    return rid


@dataclass(frozen=True)
class Written:
    """A kind of record the mutations create, update and delete as its rules do (``crud``,
    or the request's rules where they depend on it): its GraphQL type, the payload field
    answering its view, and how an input becomes the rules' body."""

    crud: Crud | Callable[[GqlCtx], Crud]
    kind: str
    field: str
    view: Callable[[GqlCtx, Record], View]
    body: Callable[[Mapping[str, Any]], dict[str, Any]] = dict

    def rules(self, g: GqlCtx) -> Crud:
        return self.crud if isinstance(self.crud, Crud) else self.crud(g)

    def answer(self, g: GqlCtx, rid: int) -> View:
        return {self.field: self.view(g, g.data.table(self.rules(g).path).peek(rid))}

    def find(self, g: GqlCtx, value: Any) -> int:
        return need(g, self.rules(g).path, value, self.kind, ["id"])

    def create(self, g: GqlCtx, input: Mapping[str, Any]) -> View:
        return self.answer(g, saved(g, self.rules(g), None, self.body(input))["id"])

    def update(self, g: GqlCtx, input: Mapping[str, Any]) -> View:
        rid = self.find(g, input.get("id"))
        saved(g, self.rules(g), rid, self.body(input))
        return self.answer(g, rid)

    def delete(self, key: str) -> Callable[..., View]:
        """A delete by ``id`` (or ``input: {id}``), answering the deleted record's gid."""
        def delete(g: GqlCtx, id: str | None = None, input: Mapping[str, Any] | None = None
                   ) -> View:
            rid = self.find(g, id or (input or {}).get("id"))
            removed(g, self.rules(g), rid)
            return {key: gid(self.kind, rid)}
        return delete


# -- products -------------------------------------------------------------------------------
def _tags(tags: list[str]) -> str:
    return ", ".join(tags)


_PRODUCT = InputBody(("title", "handle", "descriptionHtml", "vendor", "productType",
                      "templateSuffix", "status", "tags"), {"descriptionHtml": "body_html"},
                     {"status": str.lower, "tags": _tags})
_product_body = _PRODUCT.body
_VARIANT = InputBody(("id", "price", "compareAtPrice", "barcode", "taxable", "sku",
                      "inventoryPolicy"), convert={
    "id": lambda v: parse_gid(v, "ProductVariant"), "inventoryPolicy": str.lower})
#: a variant's inventoryItem: what of it is the variant's (tracking and weight apart)
_ITEM = InputBody(("sku", "requiresShipping"))


def _variant_body(given: Mapping[str, Any], names: list[str]) -> dict[str, Any]:
    body = _VARIANT.body(given)
    for value in given.get("optionValues") or []:
        name = value.get("optionName")
        if name in names:
            body[f"option{names.index(name) + 1}"] = value.get("name")
    item = given.get("inventoryItem") or {}
    body.update(_ITEM.body(item))
    if "tracked" in item:
        body["inventory_management"] = "shopify" if item["tracked"] else None
    weight = (item.get("measurement") or {}).get("weight")
    if weight:
        body["weight"], body["weight_unit"] = weight["value"], UNITS[weight["unit"]]
    return body


def _stored_names(stored: Record) -> list[str]:
    """A product's option names; none for the lone "Default Title" variant's "Title"."""
    names = [o["name"] for o in stored["options"]]
    return [] if names == ["Title"] and stored["variants"][0]["title"] == "Default Title" \
        else names


def _option_names(given: Mapping[str, Any], stored: Record | None) -> list[str]:
    names = [o["name"] for o in sorted(given.get("productOptions") or [],
                                       key=lambda o: o.get("position") or 0)]
    return names if names or stored is None else _stored_names(stored)


def _write_product(g: GqlCtx, pid: int | None, body: dict[str, Any],
                   options: list[str] | None = None) -> int:
    """The product made (``pid`` None) or changed; ``options`` its option names."""
    if options is not None:
        body["options"] = [{"name": n} for n in options]
    return int(saved(g, sim_products.PRODUCTS, pid, body)["id"])


def _media(media: list[Mapping[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"src": m["originalSource"], "alt": m.get("alt")} for m in media or []]


def _product(g: GqlCtx, pid: int, **more: Any) -> View:
    return {**PRODUCT.answer(g, pid), **more}


def product_create(g: GqlCtx, input: Any = None, product: Any = None,
                   media: Any = None) -> View:
    given = product or input or {}
    body = _product_body(given)
    names = _option_names(given, None)
    if names:  # one variant holding each option's first value, as Shopify makes it
        body["variants"] = [{f"option{i}": (o.get("values") or [{"name": "Default"}])[0]["name"]
                             for i, o in enumerate(given["productOptions"], 1)}]
    if media:
        body["images"] = _media(media)
    return _product(g, _write_product(g, None, body, names or None))


def product_update(g: GqlCtx, input: Any = None, product: Any = None,
                   media: Any = None) -> View:
    given = product or input or {}
    pid = need(g, "products", given.get("id"), "Product", ["id"])
    body = _product_body(given)
    if media:
        body["images"] = [{"id": i["id"]} for i in g.data.products.peek(pid)["images"]] + \
            _media(media)
    return _product(g, _write_product(g, pid, body))


def _match(stored: Record | None, body: dict[str, Any]) -> dict[str, Any]:
    """productSet: a variant given without id is the stored one with its option values."""
    key = tuple(body.get(f"option{i}") for i in (1, 2, 3))
    for v in stored["variants"] if stored is not None and "id" not in body else []:
        if tuple(v[f"option{i}"] for i in (1, 2, 3)) == key:
            body["id"] = v["id"]
    return body


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
    vins = input.get("variants")
    if vins is not None:
        body["variants"] = [_match(stored, _variant_body(vin, names)) for vin in vins]
    if input.get("files") is not None:
        body["images"] = _media([f for f in input["files"] if f.get("originalSource")])
    pid = _write_product(g, pid, body, names if input.get("productOptions") is not None
                         else None)
    _set_stock(g, pid, [(i, vin.get("inventoryQuantities") or [])
                        for i, vin in enumerate(vins or [])])
    return _product(g, pid, productSetOperation=None)


def _set_stock(g: GqlCtx, pid: int, stock: list[tuple[int, list[Mapping[str, Any]]]]) -> None:
    """Quantities per variant position: ``{locationId, quantity}``."""
    variants = g.data.products.peek(pid)["variants"]
    levels = sim_products.levels_of(g.data, g.rest("POST", "inventory_levels/set"))
    for i, quantities in stock:
        for q in quantities:
            lid = _location(g, q["locationId"], ["input", "variants", str(i),
                                                 "inventoryQuantities"])
            levels.set(variants[i]["inventory_item_id"], lid, q["quantity"], g.shop.stamp())


def _location(g: GqlCtx, value: Any, field: list[str]) -> int:
    return need(g, "locations", value, "Location", field,
                "The specified location could not be found.", "INVALID_LOCATION")


def variants_create(g: GqlCtx, productId: str, variants: list[Mapping[str, Any]],
                    media: Any = None, strategy: str = "DEFAULT") -> View:
    pid = need(g, "products", productId, "Product", ["productId"])
    stored = g.data.products.peek(pid)
    names = _stored_names(stored)
    names += dict.fromkeys(value["optionName"] for vin in variants
                           for value in vin.get("optionValues") or []
                           if value.get("optionName") and value["optionName"] not in names)
    # DEFAULT drops a lone "Default Title" variant, REMOVE_STANDALONE_VARIANT any lone one
    single = len(stored["variants"]) == 1
    default = single and stored["variants"][0]["title"] == "Default Title"
    drop = (strategy == "DEFAULT" and default) or (strategy == "REMOVE_STANDALONE_VARIANT"
                                                   and single)
    kept = [] if drop else [{"id": v["id"]} for v in stored["variants"]]
    before = {v["id"] for v in stored["variants"]}
    new = [_variant_body({k: v for k, v in vin.items() if k != "id"}, names) for vin in variants]
    _write_product(g, pid, {"variants": kept + new}, names)
    _set_stock(g, pid, [(len(kept) + i, [
        {"locationId": q["locationId"], "quantity": q["availableQuantity"]}
        for q in vin.get("inventoryQuantities") or []]) for i, vin in enumerate(variants)])
    made = [v for v in g.data.products.peek(pid)["variants"] if v["id"] not in before]
    return _product(g, pid, productVariants=[views.variant(g, v) for v in made])


def variants_update(g: GqlCtx, productId: str, variants: list[Mapping[str, Any]],
                    media: Any = None, allowPartialUpdates: bool = False) -> View:
    pid = need(g, "products", productId, "Product", ["productId"])
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
    _write_product(g, pid, {"variants": [changes.get(v["id"], {"id": v["id"]})
                                         for v in stored["variants"]]})
    return _product(g, pid, productVariants=[
        views.variant(g, v) for v in g.data.products.peek(pid)["variants"] if v["id"] in changes])


def variants_delete(g: GqlCtx, productId: str, variantsIds: list[str]) -> View:
    pid = need(g, "products", productId, "Product", ["productId"])
    stored = g.data.products.peek(pid)
    gone = {parse_gid(v, "ProductVariant") for v in variantsIds}
    if gone - {v["id"] for v in stored["variants"]}:
        raise UserErrors(error(["variantsIds"], "At least one variant does not belong to the "
                               "product", "AT_LEAST_ONE_VARIANT_DOES_NOT_BELONG_TO_THE_PRODUCT"))
    _write_product(g, pid, {"variants": [{"id": v["id"]} for v in stored["variants"]
                                         if v["id"] not in gone]})
    return _product(g, pid)


# -- inventory ------------------------------------------------------------------------------
def set_quantities(g: GqlCtx, input: Mapping[str, Any]) -> View:
    name = input["name"]
    if name not in ("available", "on_hand"):
        raise UserErrors(error(["input", "name"], "The quantity name must be either "
                               "'available' or 'on_hand'.", "INVALID_NAME"))
    stock = sim_products.levels_of(g.data, g.rest("POST", "inventory_levels/set"))
    plan = []
    for i, q in enumerate(input["quantities"]):
        where = ["input", "quantities", str(i)]
        iid = parse_gid(q["inventoryItemId"], "InventoryItem")
        if iid is None or g.data.find_item(iid) is None:
            raise UserErrors(error([*where, "inventoryItemId"], "The specified inventory item "
                                   "could not be found.", "INVALID_INVENTORY_ITEM"))
        lid = _location(g, q["locationId"], [*where, "locationId"])
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
def _consent_body(consent: Mapping[str, Any]) -> dict[str, Any]:
    return {"state": consent["marketingState"].lower(),
            "opt_in_level": (consent.get("marketingOptInLevel") or "single_opt_in").lower(),
            "consent_updated_at": consent.get("consentUpdatedAt")}


CUSTOMER = Written(sim_customers.CUSTOMERS, "Customer", "customer", views.customer, InputBody((
    "firstName", "lastName", "email", "phone", "note", "taxExempt", "tags",
    "emailMarketingConsent", "addresses"), convert={
    "tags": _tags, "emailMarketingConsent": _consent_body,
    "addresses": lambda given: [snaked(a) for a in given]}).body)


#: the states an app may set (NOT_SUBSCRIBED, REDACTED and INVALID are Shopify's own)
_SETTABLE = ("SUBSCRIBED", "UNSUBSCRIBED", "PENDING")


def consent_update(g: GqlCtx, input: Mapping[str, Any]) -> View:
    cid = need(g, "customers", input["customerId"], "Customer", ["input", "customerId"],
               "Customer not found", "INVALID")
    consent = input["emailMarketingConsent"]
    if consent["marketingState"] not in _SETTABLE:
        raise UserErrors(error(["input", "emailMarketingConsent", "marketingState"],
                               "Marketing state is not included in the list", "INCLUSION"))
    if not g.data.customers.peek(cid)["email"]:
        raise UserErrors(error(["input", "customerId"], "Customer must have an email address",
                               "INVALID"))
    saved(g, sim_customers.CUSTOMERS, cid, {"email_marketing_consent": _consent_body(consent)})
    return CUSTOMER.answer(g, cid)


def _address_of(g: GqlCtx, cid: int, aid: int | None) -> View | None:
    held = g.data.customers.peek(cid)["addresses"]
    return views.address(next((a for a in held if a["id"] == aid), None))


def _addresses(g: GqlCtx, method: str, customerId: str, addressId: str | None = None,
               given: Mapping[str, Any] | None = None, default: bool | None = None
               ) -> tuple[int, int]:
    """One write to a customer's addresses (``addressId`` must be the customer's), then
    ``default`` makes the address the default one."""
    cid = need(g, "customers", customerId, "Customer", ["customerId"])
    aid = parse_gid(addressId, "MailingAddress") if addressId else None
    if addressId and _address_of(g, cid, aid) is None:
        raise UserErrors(error(["addressId"], "Address does not exist"))
    if method:
        made = below(g, sim_customers.ADDRESSES, method, cid, aid,
                     {"address": snaked(given)} if given is not None else None)
        aid = aid or made["id"]
    if default:
        below(g, sim_customers.ADDRESSES, "PUT", cid, aid, then="default")
    assert aid is not None
    return cid, aid


def address_write(g: GqlCtx, customerId: str, address: Mapping[str, Any],
                  addressId: str | None = None, setAsDefault: bool | None = None) -> View:
    """customerAddressCreate, or (naming ``addressId``) customerAddressUpdate."""
    return {"address": _address_of(g, *_addresses(g, "PUT" if addressId else "POST",
                                                  customerId, addressId, address, setAsDefault))}


def address_delete(g: GqlCtx, customerId: str, addressId: str) -> View:
    aid = _addresses(g, "DELETE", customerId, addressId)[1]
    return {"deletedAddressId": gid("MailingAddress", aid)}


def default_address(g: GqlCtx, customerId: str, addressId: str) -> View:
    return CUSTOMER.answer(g, _addresses(g, "", customerId, addressId, default=True)[0])


# -- fulfillments, orders -------------------------------------------------------------------
def _fulfillment(g: GqlCtx, oid: int, fid: int) -> View:
    o = g.data.orders.peek(oid)
    return {"fulfillment": views.fulfillment(g, next(f for f in o["fulfillments"]
                                                    if f["id"] == fid), o)}


def _fulfillment_of(g: GqlCtx, id: str, field: str) -> tuple[int, int]:
    fid = parse_gid(id, "Fulfillment")
    oid = g.data.ids.owner("fulfillment", fid) if fid is not None else None
    if fid is None or oid is None or oid not in g.data.orders:
        raise UserErrors(error([field], "Fulfillment does not exist."))
    return oid, fid


def _listed(info: Mapping[str, Any], one: str, many: str) -> list[str] | None:
    """FulfillmentTrackingInput's ``numbers`` (or ``number``): None when neither is given."""
    if info.get(many) is not None:
        return list(info[many])
    return [info[one]] if info.get(one) else None


def fulfillment_create(g: GqlCtx, fulfillment: Mapping[str, Any], message: Any = None) -> View:
    groups = fulfillment["lineItemsByFulfillmentOrder"]
    oids = {parse_gid(x["fulfillmentOrderId"], "FulfillmentOrder") for x in groups}
    if len(oids) != 1 or not oids <= set(g.data.orders.keys()):
        raise UserErrors(error(["fulfillment"], "Fulfillment order does not exist."))
    oid = int(oids.pop() or 0)
    lines = [{"id": parse_gid(li["id"], "FulfillmentOrderLineItem"), "quantity": li["quantity"]}
             for x in groups for li in x.get("fulfillmentOrderLineItems") or []]
    info = fulfillment.get("trackingInfo") or {}
    body = {"notify_customer": bool(fulfillment.get("notifyCustomer")),
            "tracking_company": info.get("company"),
            "tracking_numbers": _listed(info, "number", "numbers") or [],
            "tracking_urls": _listed(info, "url", "urls") or [],
            **({"line_items": lines} if lines else {})}
    made = below(g, sim_orders.FULFILLMENTS, "POST", oid, body={"fulfillment": body})
    return _fulfillment(g, oid, made["id"])


def fulfillment_cancel(g: GqlCtx, id: str) -> View:
    oid, fid = _fulfillment_of(g, id, "id")
    rest(g, sim_orders.FULFILLMENT_BY_ID, "POST", f"fulfillments/{fid}/cancel", {"id": fid})
    return _fulfillment(g, oid, fid)


def tracking_update(g: GqlCtx, fulfillmentId: str, trackingInfoInput: Mapping[str, Any],
                    notifyCustomer: bool | None = None) -> View:
    """The given ``numbers``/``urls`` replace the fulfillment's (every one is kept, as
    Shopify keeps a package's each); URLs not given come from a known carrier's page."""
    oid, fid = _fulfillment_of(g, fulfillmentId, "fulfillmentId")
    info, numbers = trackingInfoInput, _listed(trackingInfoInput, "number", "numbers")
    urls = _listed(info, "url", "urls")
    body: dict[str, Any] = {"notify_customer": bool(notifyCustomer)}
    if "company" in info:
        body["tracking_company"] = info["company"]
    if numbers is not None:
        body["tracking_numbers"] = numbers
    if urls:
        body["tracking_urls"] = urls
    below(g, sim_orders.FULFILLMENTS, "PUT", oid, fid, {"fulfillment": body})
    return _fulfillment(g, oid, fid)


ORDER = Written(sim_orders.ORDERS, "Order", "order", views.order, InputBody((
    "email", "note", "tags", "customAttributes", "shippingAddress"),
    {"customAttributes": "note_attributes"}, {
    "tags": _tags, "shippingAddress": snaked, "customAttributes": lambda given: [
        {"name": a["key"], "value": a["value"]} for a in given]}).body)


# -- settings -------------------------------------------------------------------------------
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
    return body


def _hook_write(g: GqlCtx, given: Mapping[str, Any], wid: int | None = None,
                topic: str | None = None) -> View:
    """A webhook write; REST's ``address`` errors name the input field the caller used."""
    try:
        made = saved(g, WEBHOOK.rules(g), wid, _hook_body(given, topic))
    except SimError as e:
        named = "uri" if given.get("uri") else "callbackUrl"
        raise UserErrors(*[{**x, "field": [named if f == "callbackUrl" else f
                                           for f in x["field"]] if x["field"] else None}
                           for x in _from_rest(e, "webhookSubscription")]) from None
    return WEBHOOK.answer(g, made["id"])


def webhook_create(g: GqlCtx, topic: str, webhookSubscription: Mapping[str, Any]) -> View:
    if topic not in TOPICS:
        raise UserErrors(error(["topic"], f"Topic {topic} is not supported by this simulator"))
    return _hook_write(g, webhookSubscription, topic=topic)


def webhook_update(g: GqlCtx, id: str, webhookSubscription: Mapping[str, Any]) -> View:
    return _hook_write(g, webhookSubscription, WEBHOOK.find(g, id))


_CARRIER = InputBody(("name", "callbackUrl", "supportsServiceDiscovery", "active"),
                     {"supportsServiceDiscovery": "service_discovery"})
PRODUCT = Written(sim_products.PRODUCTS, "Product", "product", views.product)
WEBHOOK = Written(lambda g: sim_shop.webhooks(g.allow_http_webhooks), "WebhookSubscription",
                  "webhookSubscription", views.webhook)
CARRIER = Written(sim_shop.CARRIER_SERVICES, "DeliveryCarrierService", "carrierService",
                  views.carrier, lambda given: {**_CARRIER.body(given), "format": "json"})

#: root field -> (required access scope, resolver)
MUTATIONS: dict[str, tuple[str | None, Mutation]] = {
    "productCreate": mutation("write_products", "product", product_create),
    "productUpdate": mutation("write_products", "product", product_update),
    "productDelete": mutation("write_products", "input", PRODUCT.delete("deletedProductId")),
    "productSet": mutation("write_products", "input", product_set),
    "productVariantsBulkCreate": mutation("write_products", "variants", variants_create),
    "productVariantsBulkUpdate": mutation("write_products", "variants", variants_update),
    "productVariantsBulkDelete": mutation("write_products", "variantsIds", variants_delete),
    "inventorySetQuantities": mutation("write_inventory", "input", set_quantities),
    "customerCreate": mutation("write_customers", "input", CUSTOMER.create),
    "customerUpdate": mutation("write_customers", "input", CUSTOMER.update),
    "customerDelete": mutation("write_customers", "input", CUSTOMER.delete("deletedCustomerId")),
    "customerEmailMarketingConsentUpdate": mutation("write_customers", "input", consent_update),
    "customerAddressCreate": mutation("write_customers", "address", address_write),
    "customerAddressUpdate": mutation("write_customers", "address", address_write),
    "customerAddressDelete": mutation("write_customers", "addressId", address_delete),
    "customerUpdateDefaultAddress": mutation("write_customers", "addressId", default_address),
    "fulfillmentCreate": mutation("write_fulfillments", "fulfillment", fulfillment_create),
    "fulfillmentTrackingInfoUpdate": mutation("write_fulfillments", "trackingInfoInput",
                                              tracking_update),
    "fulfillmentCancel": mutation("write_fulfillments", "id", fulfillment_cancel),
    "orderUpdate": mutation("write_orders", "input", ORDER.update),
    "webhookSubscriptionCreate": mutation("", "webhookSubscription", webhook_create),
    "webhookSubscriptionUpdate": mutation("", "webhookSubscription", webhook_update),
    "webhookSubscriptionDelete": mutation("", "id", WEBHOOK.delete(
        "deletedWebhookSubscriptionId")),
    "carrierServiceCreate": mutation("write_shipping", "input", CARRIER.create),
    "carrierServiceDelete": mutation("write_shipping", "id", CARRIER.delete("id")),
}
