"""The Magento 2 REST connector: the declarations of :mod:`.entities` on the kit, and what
none says: the store views (``store_id`` -> a view's code), a configurable product's children,
a customer's addresses, an order's comments, shipments, refunds (credit memos) and images,
and Adobe Commerce's returns (:mod:`.returns`: RMAs, which Magento Open Source lacks).

Not served (120): what Magento's REST API has no resource for or only through a quote (order
creation), and shipment deletion (no DELETE). Images are base64 ``content`` only: Magento's
media API fetches no URL (``url`` is 109).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import quote

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.collection import Posts
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import body, int_id, text
from anycart.platforms.kit.info import FixedStatuses, stores
from anycart.platforms.kit.named import Named
from anycart.platforms.kit.narrowing import narrowed
from anycart.platforms.kit.related import Related
from anycart.platforms.kit.returns import wanted_statuses
from anycart.platforms.kit.serve import attach
from anycart.platforms.kit.totals import TotalBackend

from . import client as C
from . import coupons, returns, shipping_services
from . import entities as E
from . import mapping as M
from .params import HANDWRITTEN, NESTED, SAME_AS_DEFAULT

Record = dict[str, Any]
#: The store views by id, their codes named (``store_id`` -> ``/rest/<code>/V1``).
VIEWS = Named("store/storeViews", "id", ("code",), "store")


class MagentoConnector(KitConnector):
    cart = C.PLATFORM
    entities = E.ENTITIES
    same_as_default = SAME_AS_DEFAULT
    nested = NESTED
    handwritten: ClassVar = HANDWRITTEN
    probe = ("store/storeViews", {})
    #: An order's credit memos (its refunds) and latest RMA (its return_status); a return's
    #: order (its lines name the RMA's items); a coupon's cart price rule (its discount).
    related: ClassVar = {
        "order": (Related("memos", "creditmemos", ("entity_id",), by="order_id:in", id_field="entity_id"),
                  Related("rmas", "returns", ("entity_id",), by="order_id:in", id_field="order_id")),
        "return": (Related("orders", "orders", ("order_id",), by="entity_id:in", id_field="entity_id"),),
        "cart.coupon": (Related("rules", "salesRules/search", ("rule_id",), by="rule_id:in", id_field="rule_id"),)}

    @cached_property
    def rest(self) -> RestClient:
        return C.client(self.http, self.store.store_url, self.store.credentials, self.settings)

    async def scope(self, store_id: Any) -> RestClient:
        """The client of the store view ``store_id`` names (``0``: the global scope)."""
        if str(store_id) == "0":
            return self.rest
        views = await VIEWS.names(self, self.read_named, {str(store_id)})
        code = views.get(VIEWS.id_of(views, store_id, "store_id")) or C.ALL
        return C.client(self.http, self.store.store_url, self.store.credentials, self.settings, code)

    async def read_named(self, path: str) -> list[Record]:
        return list(await self.rest.get_json(path) or [])

    def backend(self, entity: Entity) -> RestBackend:
        # lists by searchCriteria with their ``total_count``; a write's answer is the record;
        # a product is read with the values of the store view a call names
        view = self.call.params.get("store_id") if self.call and entity is E.PRODUCT else None
        return TotalBackend(self.rest, entity, C.PAGES, defaults=E.LIST_DEFAULTS, numeric_ids=True,
                            reply="", shape=M.ATTRIBUTES, scope_key=E.STORE, scopes=self.scope,
                            get_scope=view or None, **E.WAYS.get(entity.name, {}))

    async def prepare(self, entity: Entity, call: Call) -> Call:
        """order.list's ``return_status`` as the orders' ids: Magento searches orders by
        no RMA field, so every RMA is read and each order's latest kept."""
        call = await super().prepare(entity, call)
        if entity is not E.ORDER or call.params.get("return_status") in (None, ""):
            return call
        no_return, wanted = wanted_statuses(M.RMA, call.params["return_status"])
        latest = {str(r["order_id"]): r.get("status") for r in await self.read_related("returns", {})}
        if no_return:  # every order but those whose latest RMA is in none of it
            return narrowed(call, ("return_status",), E.RETURNS_OUT,
                            [o for o, s in latest.items() if s not in wanted])
        return narrowed(call, ("return_status",), "ids", [o for o, s in latest.items() if s in wanted])

    async def read_related(self, path: str, query: dict[str, Any]) -> list[Record]:
        try:
            return list(await super().read_related(path, query))
        except ApiError as err:  # a store without RMAs: its orders have none (no_return)
            if path == "returns" and C.RMA_ROUTE.absent(err):
                return []
            raise

    async def context(self, entity: Entity, records: list[Record]) -> dict[str, Any]:
        # a gallery file is under the store's media folder, a product page at its URL key
        site = self.rest.base_url.split("/rest/", 1)[0]
        return {**await super().context(entity, records), "media": site + "/media/catalog/product",
                "site": site}

    # -- store -----------------------------------------------------------------------------
    async def cart_info(self, call: Call) -> dict[str, Any]:
        found, configs, groups = [r or [] for r in await self.gather(self.rest.get_json(p) for p in (
            "store/storeViews", "store/storeConfigs", "store/storeGroups"))]
        by_id = {c.get("id"): c for c in configs}
        roots = {g.get("id"): g.get("root_category_id") for g in groups}
        default = next((g.get("default_store_id") for g in groups if g.get("id")), None)
        views = [{"store_id": str(v["id"]), "name": v.get("name"),
                   "language": (by_id.get(v["id"]) or {}).get("locale"),
                   "currency": {"id": (c := by_id.get(v["id"]) or {}).get("base_currency_code"),
                                "iso3": c.get("base_currency_code")},
                   "timezone": c.get("timezone"), "weight_unit": c.get("weight_unit"),
                   "multi_store_url": c.get("secure_base_url") or c.get("base_url"),
                   "root_category_id": text(roots.get(v.get("store_group_id"))),
                   "default": v["id"] == default, "active": bool(v.get("is_active", True)),
                   "additional_fields": {"code": v.get("code"), "website_id": v.get("website_id")}}
                  for v in found if v.get("id")]
        url = self.rest.base_url.split("/rest/", 1)[0]
        return stores(C.PLATFORM, next((s["name"] for s in views if s["default"]), url), url,
                      "Magento 2 REST V1", views)

    # -- products --------------------------------------------------------------------------
    async def configurable(self, ident: Any) -> Record:
        """A product with its children (``_children``: none unless it is configurable)."""
        p = await self.runner(E.PRODUCT).one(ident)
        kids = await self.rest.get_json(f"configurable-products/{quote(p['sku'], safe='')}/children") \
            if p.get("type_id") == "configurable" else []
        return {**p, "_children": [M.ATTRIBUTES.read(k) for k in kids or []],
                "_media": (await self.context(E.PRODUCT, [p]))["media"]}

    async def product_image_delete(self, call: Call) -> dict[str, Any]:
        p = await self.runner(E.PRODUCT).one(call.require("product_id"))
        image = call.require("id")
        await self.rest.request("DELETE", f"products/{quote(p['sku'], safe='')}/media/{int_id(image)}",
                                entity="Image", ident=image)
        return {"delete_items": 1}

    # -- customers -------------------------------------------------------------------------
    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        """The address appended to the customer's (Magento saves a customer whole)."""
        cid = call.require("customer_id")
        record = await self.runner(E.CUSTOMER).one(cid)
        new = {**body(M.ADDRESS_WRITE, call.params),
               "street": [str(call.params[k]) for k in ("address1", "address2") if call.params.get(k)]}
        if call.params.get("state"):
            new["region"] = {"region_code": call.params["state"], "region": call.params["state"]}
        if call.params.get("default"):
            new.update(default_billing=True, default_shipping=True)
        before = {a.get("id") for a in record.get("addresses") or []}
        addresses = [*(record.get("addresses") or []), new]
        answer = await self.rest.request("PUT", f"customers/{int_id(cid)}", json={"customer": {
            **{k: v for k, v in record.items() if k != "custom_attributes"}, "addresses": addresses}})
        added = [a for a in answer.json().get("addresses") or [] if a.get("id") not in before]
        return {"id": text(added[-1].get("id")) if added else None}

    # -- coupons ---------------------------------------------------------------------------
    async def cart_coupon_add(self, call: Call) -> dict[str, Any]:
        return await coupons.add(self.rest, call.params)

    # -- orders ----------------------------------------------------------------------------
    async def order_update(self, call: Call) -> dict[str, Any]:
        """A status and a comment as an entry of the order's history; ``create_invoice``
        invoices (and captures) what is left to invoice."""
        order, p = await self.runner(E.ORDER).one(call.require("order_id")), call.params
        if not (p.get("order_status") or p.get("comment") or p.get("create_invoice")):
            raise ApiError.nothing_to_update()
        notify = bool(p.get("send_notifications"))
        if p.get("create_invoice"):
            await self.rest.request("POST", f"order/{order['entity_id']}/invoice",
                                    json={"capture": True, "notify": notify})
        if p.get("order_status") or p.get("comment"):
            await self.rest.request("POST", f"orders/{order['entity_id']}/comments", json={"statusHistory": {
                "comment": p.get("comment") or "", "status": p.get("order_status") or order.get("status"),
                "is_customer_notified": int(notify), "is_visible_on_front": 0,
                "parent_id": order["entity_id"]}})
        return {"updated_items": 1}


#: Actions posted under a record, answering the id they make (a bare id, or the track's).
ACTIONS = (
    Posts("order.shipment.add", E.ORDER, "order_id", "order/{entity_id}/ship", M.ship, "shipment_id",
          frozenset({"items", "tracking_numbers", "shipment_provider", "tracking_provider",
                     "send_notifications", "admin_comment"})),
    Posts("order.refund.add", E.ORDER, "order_id", "order/{entity_id}/refund", M.refund, "refund_id",
          frozenset({"items", "shipping_price", "fee_price", "message", "item_restock",
                     "send_notifications"})),
    Posts("order.shipment.tracking.add", E.SHIPMENT, "shipment_id", "shipment/track", M.track,
          "shipment_tracking_id", frozenset({"order_id", "tracking_number", "tracking_provider",
                                             "carrier_id"}), id_path="entity_id"),
    Posts("product.image.add", E.PRODUCT, "product_id", "products/{sku}/media", M.image,
          "product_image_id", frozenset({"image_name", "content", "label", "type", "position", "mime"})),
)
MagentoConnector.handwritten = {**HANDWRITTEN, **attach(
    MagentoConnector, E.CHILDREN, E.CATEGORIES, *ACTIONS,
    FixedStatuses("order.status.list", "cart_order_statuses", M.STATUSES), returns.METHODS,
    shipping_services.SERVICES)}  # live shipping: the AnyCart module's carrier
declare(MagentoConnector)
