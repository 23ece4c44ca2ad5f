"""Shopify's writes over GraphQL: a product made whole by ``productSet`` (its first variant
and stock in the same mutation), its first variant changed by ``productVariantsBulkUpdate``
and its stock set by ``inventorySetQuantities``; the product changed and deleted, and
customers, collections and orders, by ``<Kind>Create/Update/Delete`` (:class:`Mutations`).
Bodies arrive in the names of the field maps of :mod:`.entities`, the inputs' (:func:`inputs`
keeps the fields an entity's map writes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import platform_error
from anycart.platforms.kit.collection import Adds, Deletes, Listed
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import Field, get
from anycart.platforms.kit.graphql import GraphQL
from anycart.platforms.kit.links import Link
from anycart.platforms.kit.parts import Part
from anycart.platforms.kit.resource import Resource
from anycart.platforms.kit.subscribe import Subscriptions

from . import entities as E
from . import mapping as M
from .gql import DOCS, mutate

Record = dict[str, Any]

#: The contract's ``weight_unit`` -> GraphQL's WeightUnit.
UNITS = {unit: name for name, (unit, _) in M.WEIGHT_UNITS.items()}
#: The one option of a product without options (what Shopify gives it).
DEFAULT_OPTION = {"name": "Title", "values": [{"name": "Default Title"}]}


def inputs(entity: Entity, *apart: str) -> dict[str, str]:
    """The input fields of a body: the paths ``entity``'s field map writes (its inputs'
    names), but those written ``apart``."""
    return {f.path: f.path for f in entity.fields if f.params and f.path not in apart}


def renamed(names: Mapping[str, str], body: Record) -> Record:
    """``body``'s keys named as an input names them; REST's comma-joined tags a list."""
    out = {names[k]: v for k, v in body.items() if k in names}
    if isinstance(out.get("tags"), str):
        out["tags"] = [t.strip() for t in out["tags"].split(",") if t.strip()]
    return out


def consent(given: Record) -> Record:
    """An existing customer's EmailMarketingConsentInput: one who leaves is UNSUBSCRIBED, as
    only a new customer may be NOT_SUBSCRIBED (the consent mutation takes SUBSCRIBED,
    UNSUBSCRIBED and PENDING only)."""
    subscribed = str(given.get("marketingState") or "").upper() == "SUBSCRIBED"
    return {**given, "marketingState": "SUBSCRIBED" if subscribed else "UNSUBSCRIBED"}


def variant_input(v: Record) -> Record:
    """A variant body as ProductVariantsBulkInput / ProductVariantSetInput (the SKU and
    weight live on its inventory item; stock, ``inventoryQuantity``, is the caller's to
    send, and is kept only on a tracked item)."""
    out = {key: str(v[key]) for key in ("price", "compareAtPrice") if v.get(key) is not None}
    if "barcode" in v:
        out["barcode"] = v["barcode"]
    item: Record = {"sku": v["sku"]} if "sku" in v else {}
    if v.get("weight") is not None:
        unit = UNITS.get(str(v.get("weight_unit") or "kg"), "KILOGRAMS")
        item["measurement"] = {"weight": {"value": float(v["weight"]), "unit": unit}}
    if v.get("inventoryQuantity") is not None:
        item["tracked"] = True
    return {**out, "inventoryItem": item} if item else out


async def first_location(gql: GraphQL) -> str:
    found = ((await gql.run(DOCS["Locations"])).get("locations") or {}).get("nodes") or []
    if not found:
        raise platform_error(gql.rest.platform, "the shop has no location to hold stock.")
    return str(found[0]["id"])


async def set_stock(gql: GraphQL, item_id: Any, quantity: Any) -> None:
    """An absolute level (sent twice, the same stock) at the shop's first location."""
    await mutate(gql, "InventorySetQuantities", {"input": {
        "name": "available", "reason": "correction", "ignoreCompareQuantity": True,
        "quantities": [{"inventoryItemId": M.gid("InventoryItem", item_id),
                        "locationId": await first_location(gql), "quantity": int(quantity)}]}},
        idempotent=True)


@dataclass(frozen=True)
class Mutations:
    """An entity written by ``<kind>Create``/``Update``/``Delete``, each taking one ``input``
    (with the record's ``id`` to change or delete it), ``names`` naming the body's fields.
    The body's ``apart`` key is changed by :meth:`change_apart`, after the other fields."""

    gql: GraphQL
    kind: str
    names: Mapping[str, str]
    apart: str = ""

    async def create(self, body: Record) -> str:
        made = await mutate(self.gql, self.kind + "Create", {"input": renamed(self.names, body)})
        return M.made_id(made, self.kind.lower())

    async def update(self, ident: str, body: Record) -> None:
        body = dict(body)
        given, fields = body.pop(self.apart, None), renamed(self.names, body)
        if given is None or fields:
            await mutate(self.gql, self.kind + "Update", {"input": {
                "id": M.gid(self.kind, ident), **fields}}, idempotent=True,
                record=(self.kind, ident))
        if given is not None:
            await self.change_apart(ident, given)

    async def change_apart(self, ident: str, given: Any) -> None:
        raise NotImplementedError(self.apart)

    async def delete(self, ident: str) -> None:
        await mutate(self.gql, self.kind + "Delete", {"input": {"id": M.gid(self.kind, ident)}},
                     record=(self.kind, ident))


class ProductWrites(Mutations):
    """The product entity's writes (:class:`~anycart.platforms.kit.connections.Writes`; its
    reads are the connection backend's): made whole by ``productSet``, changed and deleted as
    every :class:`Mutations` entity is (a product the store lacks is 112)."""

    async def create(self, body: Record) -> str:
        body = dict(body)
        child = (body.pop("variants", None) or [{}])[0]
        variant = {**variant_input(child),
                   "optionValues": [{"optionName": "Title", "name": "Default Title"}]}
        if (quantity := child.get("inventoryQuantity")) is not None:
            variant["inventoryQuantities"] = [{"locationId": await first_location(self.gql),
                                               "name": "available", "quantity": int(quantity)}]
        made = await mutate(self.gql, "ProductSet", {"input": {
            **renamed(self.names, body), "productOptions": [DEFAULT_OPTION], "variants": [variant]}})
        return M.made_id(made, "product")


#: An address body (:data:`.mapping.ADDRESS`'s names) -> MailingAddressInput fields: the
#: same names, but the country's code.
ADDRESS_INPUT = {**{k: k for k in M.ADDRESS.keys.values()}, "countryCodeV2": "countryCode"}


class Addresses(Resource):
    """customer.address.add by ``customerAddressCreate`` (``client`` the GraphQL one)."""

    async def add(self, client: Any, body: Any, names: Any = None, *,
                  idempotent: bool | None = None) -> Record:
        cid = (names or {})["customer_id"]
        made = await mutate(client, "CustomerAddressCreate", {
            "customerId": M.gid("Customer", cid), "address": renamed(ADDRESS_INPUT, body)},
            record=("Customer", cid))
        return {"id": M.made_id(made, "address")}


ADDRESS_ADD = Adds("customer.address.add", Addresses("customers/{customer_id}/addresses",
                                                     "customer_address", parent="Customer"),
                   M.ADDRESS.fields(""), client="gql")


class CustomerWrites(Mutations):
    """A customer's fields by ``customerUpdate``, its consent by its own mutation (a new
    customer's is in its input, as the field map writes it: :func:`.entities._consent`)."""

    async def change_apart(self, ident: str, given: Any) -> None:
        await mutate(self.gql, "CustomerConsentUpdate", {"input": {
            "customerId": M.gid(self.kind, ident),
            "emailMarketingConsent": consent(given)}},
            idempotent=True, record=(self.kind, ident))


class Variants(Resource):
    """A variant read by id over GraphQL (``product.variant.update`` checks its product)."""

    async def get(self, client: Any, ident: Any, names: Any = None) -> Record:
        found = str(ident).isdecimal() and await client.one(
            DOCS["Variant"], "productVariant", {"id": M.gid("ProductVariant", ident)})
        if not found:
            raise ApiError.not_found(self.label, ident)
        return M.variant(found, M.legacy_id(found["product"]["id"]))


class FirstVariant(Part):
    """:class:`~anycart.platforms.kit.parts.Part` with the variant's changes and stock written
    by mutations (``client`` is the connector's GraphQL client)."""

    async def change(self, client: Any, child: Record, changes: Record) -> None:
        fields, quantity = variant_input(changes), changes.get(self.stock)
        if fields:
            await mutate(client, "VariantsUpdate", {
                "productId": M.gid("Product", child["product_id"]),
                "variants": [{"id": M.gid("ProductVariant", child["id"]), **fields}]},
                idempotent=True)  # the fields' values, set: twice is the same
        if quantity is not None:
            await set_stock(client, child["inventory_item_id"], quantity)


#: The product's first variant (its price, SKU, barcode, weight and stock), written with it.
FIRST_VARIANT = FirstVariant(
    E.PRODUCT, E.VARIANT, E.VARIANT_PARAMS, "variants", Variants("variants", "variant",
                                                                 label="Variant"),
    ("product_id", "product_id"), "product.variant", required=("name",),
    stock="inventoryQuantity", client="gql")

def _topic(name: str) -> str:  # a push's topic as GraphQL's: products/update, PRODUCTS_UPDATE
    return name.upper().replace("/", "_")


class Webhooks(Resource):
    """A topic's subscriptions of an address, and a new one (``webhookSubscriptionCreate``),
    for the kit's Subscriptions (``client`` the GraphQL one)."""

    async def all(self, client: Any, names: Any = None, query: Any = None) -> list[Record]:
        found = await client.run(DOCS["Webhooks"], {"topics": [_topic(query["topic"])],
                                                    "callbackUrl": query["address"]})
        return list(get(found, "webhookSubscriptions.nodes") or [])

    async def add(self, client: Any, body: Any, names: Any = None, *,
                  idempotent: bool | None = None) -> Record:
        made = await mutate(client, "WebhookCreate", {"topic": _topic(body["topic"]), "webhook": {
            "callbackUrl": body["address"], "format": body["format"]}})
        return {"id": M.made_id(made, "webhookSubscription")}


#: Native webhooks, once per topic and address; a store without the app's secret, which
#: signs the pushes, is refused first.
HOOKS = Subscriptions(Webhooks("webhooks", "webhook", "webhooks"), E.PUSH, "Shopify",
                      extra={"format": "JSON"}, client="gql")


class CarrierServices(Resource):
    """The app's CarrierService over GraphQL, for the kit's Adds/Listed/Deletes (their
    ``client`` the connector's GraphQL one)."""

    async def all(self, client: Any, names: Any = None, query: Any = None) -> list[Record]:
        found = await client.run(DOCS["CarrierServices"])
        return [M.node(n) for n in get(found, "carrierServices.nodes") or []]

    async def add(self, client: Any, body: Any, names: Any = None, *,
                  idempotent: bool | None = None) -> Record:
        made = await mutate(client, "CarrierServiceCreate", {"input": dict(body)})
        return {"id": M.made_id(made, "carrierService")}

    async def delete(self, client: Any, ident: Any, names: Any = None) -> None:
        if not str(ident).isdecimal():
            raise ApiError.not_found(self.label, ident)
        await mutate(client, "CarrierServiceDelete",
                     {"id": M.gid("DeliveryCarrierService", ident)})


class Collects(Resource):
    """A product in a custom collection, for the kit's :class:`~anycart.platforms.kit.links.
    Link`: found by a product search (``collection_id:<c> id:<p>``: GraphQL has no collect
    records), added and removed by ``collectionAdd/RemoveProducts``."""

    async def add(self, client: Any, body: Any, names: Any = None, *,
                  idempotent: bool | None = None) -> Record:
        cid, pid = body["collection_id"], body["product_id"]
        await self._products(client, "CollectionAddProducts", cid, pid)
        return {"id": f"{cid}:{pid}"}

    async def _products(self, client: Any, name: str, cid: str, pid: str) -> None:
        await mutate(client, name, {"id": M.gid("Collection", cid), "productIds": [
            M.gid("Product", pid)]}, idempotent=True, record=("Category", cid))

    async def all(self, client: Any, names: Any = None, query: Any = None) -> list[Record]:
        cid, pid = query["collection_id"], query["product_id"]
        found = await client.run(DOCS["ProductsCount"], {"query": f"collection_id:{cid} id:{pid}"})
        return [{"id": f"{cid}:{pid}"}] if get(found, "productsCount.count") else []

    async def delete(self, client: Any, ident: Any, names: Any = None) -> None:
        cid, pid = str(ident).split(":")
        await self._products(client, "CollectionRemoveProducts", cid, pid)


#: category.assign/unassign: a product in a custom collection.
COLLECTS = Link("category", Collects("collects", "collect", "collects"),
                {"category_id": "collection_id", "product_id": "product_id"},
                "Assignment of product", client="gql")


class CollectionWrites(Mutations):
    """Categories; ``published`` (``avail``) is being on the Online Store publication
    (``publishablePublish/Unpublish``). A new collection is on no channel; the contract's
    ``avail`` defaults to true, so an add without it is published."""

    async def create(self, body: Record) -> str:
        made = await super().create(body)
        await self.change_apart(made, body.get("published", True))
        return made

    async def change_apart(self, ident: str, given: Any) -> None:
        found = ((await self.gql.run(DOCS["Publications"])).get("publications") or {})
        stores = [p["id"] for p in found.get("nodes") or [] if p.get("name") == M.ONLINE_STORE]
        if not stores:
            raise platform_error(self.gql.rest.platform, "the shop has no Online Store "
                                 "channel to publish categories on.")
        verb = "Publish" if given else "Unpublish"
        await mutate(self.gql, "Publishable" + verb, {
            "id": M.gid(self.kind, ident), "input": [{"publicationId": stores[0]}]},
            idempotent=True, record=("Category", ident))


#: The entities written by mutations: the GraphQL type, the input fields, the one apart.
WRITES: dict[str, Callable[[GraphQL], Any]] = {
    "product": lambda gql: ProductWrites(gql, "Product", inputs(E.PRODUCT)),
    "customer": lambda gql: CustomerWrites(gql, "Customer", inputs(E.CUSTOMER),
                                           "emailMarketingConsent"),
    "category": lambda gql: CollectionWrites(gql, "Collection", inputs(E.CATEGORY, "published"),
                                             "published"),
    "order": lambda gql: Mutations(gql, "Order", inputs(E.ORDER))}

CARRIERS = CarrierServices("carrier_services", "carrier_service", label="Live shipping service")
#: basket.live_shipping_service.* over GraphQL (rates.py answers the rate requests).
LIVE_SHIPPING = (
    Adds("basket.live_shipping_service.create", CARRIERS, (
        Field(None, "name", param="name"), Field(None, "callbackUrl", param="callback")),
        required=("name", "callback"), ident=str, client="gql",
        constant={"supportsServiceDiscovery": True, "active": True}),  # the input, declared
    Listed("basket.live_shipping_service.list", CARRIERS, M.carrier_service, client="gql"),
    Deletes("basket.live_shipping_service.delete", CARRIERS, client="gql"))
