"""The Shift4Shop connector: the declared entities (``entities.py``) on the kit runner; the
images, options, child items and shipments of the kit (``kit.images``, ``kit.options``,
``kit.variants``, ``kit.shipments``) over their declarations and the requests of
``hooks.py``; the methods no declaration can say, written out below.

Options and variants: a product's option sets (``Products/{id}/Options``) are its options,
its advanced options (``Products/{id}/AdvancedOptions``, one per combination of option
values) its child items / variants, with id ``"<CatalogID>-<AdvancedOptionCode>"``. Not
served, because the REST API cannot do them (the gateway answers 120):
``product.variant.add``/``.delete`` (AdvancedOptions allows GET and PUT only);
``product.option.delete``/``.value.delete`` (Options has no DELETE, and a PUT of the sets
never removes a value); ``product.option.value.assign`` (a value exists only inside its
option set); ``product.image.delete`` (Images has no DELETE).
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call
from anycart.platforms.kit import fields, images, options, shipments, variants
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.images import Images
from anycart.platforms.kit.info import one_store, statuses
from anycart.platforms.kit.options import Options
from anycart.platforms.kit.serve import PerStore, attach
from anycart.platforms.kit.shipments import OrderShipments
from anycart.platforms.kit.variants import ChildItems
from anycart.platforms.overlap import one_of, split_all

from . import entities as E
from . import mapping as M
from .client import PLATFORM, Records, Shift4ShopClient, created_id
from .credentials import secure_url
from .hooks import Catalog, Orders
from .params import HANDWRITTEN, NESTED, SAME_AS_DEFAULT


class Shift4ShopConnector(KitConnector):
    cart = PLATFORM
    entities = E.ENTITIES
    same_as_default = SAME_AS_DEFAULT
    nested = NESTED
    _client: Shift4ShopClient | None = None

    @property
    def client(self) -> Shift4ShopClient:
        if self._client is None:
            self._client = Shift4ShopClient(self.http, self.platform.cart_id,
                                            self.store.store_url, self.store.credentials,
                                            self.settings)
        return self._client

    def backend(self, entity: Entity) -> Records:
        return Records(self.client, entity)

    async def context(self, entity: Entity, records: list[dict[str, Any]]) -> dict[str, Any]:
        if entity is E.ORDER:
            return {"statuses": await self._statuses()}
        wanted = {str(r["CustomerGroupID"]) for r in records if r.get("CustomerGroupID")}
        if entity is E.CUSTOMER and wanted:
            return {"groups": await E.GROUPS.names(self, self.client.all, wanted)}
        return {}

    async def complete(self, entity: Entity, call: Call, body: dict[str, Any]) -> dict[str, Any]:
        if entity is not E.PRODUCT:
            return body
        return await E.MAKER.link(
            body, call.params, lambda name: self.client.all("Manufacturers", {"manufacturer": name}),
            lambda name: self.backend(E.MANUFACTURER).create({"ManufacturerName": name}))

    async def prepare(self, entity: Entity, call: Call) -> Call:
        """Order statuses may be given by name: the query takes their ids."""
        names = split_all(call.params, "order_status_ids", "order_status")
        if entity is not E.ORDER or not names:
            return call
        ids = [await self._status_id(s) for s in names]
        params = {**call.params, "order_status_ids": ",".join(ids), "order_status": None}
        return Call(call.method, params, call.start, call.count, call.extra)

    # -- store -----------------------------------------------------------------------------
    async def check_connection(self) -> None:
        if not self.store.store_url:
            raise ApiError.required("store_url")
        await self.client.count("Products", {"limit": 1})

    async def cart_info(self, call: Call) -> dict[str, Any]:
        host = secure_url(self.store.store_url)
        return one_store(PLATFORM, host, "https://" + host, "REST API v1",
                         extra={"order_statuses": await self._statuses()})

    # -- products --------------------------------------------------------------------------
    async def product_add(self, call: Call) -> dict[str, Any]:
        """The declaration's add, once a SKU is known (a product needs one: ``model`` else)."""
        p = dict(call.params)
        if p.get("visible") not in (None, "everywhere") and p.get("available_for_view") is True:
            p.pop("available_for_view")  # the contract default: the given visibility wins
        if p.get("sku") is None:
            p["sku"] = p.get("model")
        if not p["sku"]:
            raise ApiError.required("sku")
        return await self.runner(E.PRODUCT).add(Call(call.method, p, call.start, call.count,
                                                     call.extra))

    async def product_manufacturer_add(self, call: Call) -> dict[str, Any]:
        call.require("manufacturer")
        added = await self.runner(E.MANUFACTURER).add(call)
        if pid := call.params.get("product_id"):
            await self.client.write("PUT", f"Products/{pid}",
                                    {"ManufacturerID": int(added["manufacturer_id"])}, "Product", pid)
        return added

    # -- categories ------------------------------------------------------------------------
    # -- customers -------------------------------------------------------------------------
    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        cid = call.require("customer_id")
        body, kind = M.BOOK.typed(call.params)
        await self.client.write("PUT", f"Customers/{cid}", body, "Customer", cid)
        return {"id": kind}

    # -- orders ----------------------------------------------------------------------------
    async def _statuses(self) -> dict[str, str | None]:
        return await E.STATUSES.names(self, self.client.all)

    async def _status_id(self, value: Any, name: str = "order_status") -> str:
        return E.STATUSES.id_of(await self._statuses(), value, name)

    async def _order(self, oid: Any) -> dict[str, Any]:
        return await Orders(self.client).order(oid)

    async def order_info(self, call: Call) -> dict[str, Any]:
        oid = one_of(call.params, "order_id", "id")
        if not oid:
            raise ApiError.required("order_id")
        return E.ORDER.to_unified(await self._order(oid), {"statuses": await self._statuses()})

    async def order_status_list(self, call: Call) -> dict[str, Any]:
        return statuses("cart_order_statuses", (await self._statuses()).items())

    async def order_add(self, call: Call) -> dict[str, Any]:
        status = await self._status_id(call.require("order_status"))
        body = M.order_body(call.params, int(status))
        if not body.get("CustomerID") and call.params.get("customer_email") \
                and not call.params.get("is_guest"):  # a guest's order stays unlinked
            found = await self.client.page("Customers", {"email": call.params["customer_email"]}, 0, 1)
            if found:
                body["CustomerID"] = found[0].get("CustomerID")
        entries = await self.client.write("POST", "Orders", [body])
        oid = created_id(entries)
        result = {"order_id": oid, "id": oid}
        if body.get("CustomerID"):
            result["customer_id"] = str(body["CustomerID"])
        return result

    async def order_update(self, call: Call) -> dict[str, Any]:
        oid = call.require("order_id")
        if not str(oid).isdecimal():
            oid = (await self._order(oid)).get("OrderID")
        body = fields.body(M.ORDER_WRITE, call.params)  # the guard lets update's own through
        if call.params.get("order_status"):
            body["OrderStatusID"] = int(await self._status_id(call.params["order_status"]))
        if not body:
            raise ApiError.nothing_to_update()
        await self.client.write("PUT", f"Orders/{oid}", body, "Order", oid)
        return {"updated_items": 1}

    async def order_transaction_list(self, call: Call) -> dict[str, Any]:
        call.require("order_ids")
        ids = split_all(call.params, "order_ids")
        lists = await self.gather(self.client.get_list(f"Orders/{i}/Transactions")
                                for i in ids if i.isdecimal())
        items = [fields.unified(M.TRANSACTION, t) for lst in lists for t in lst][: call.count or None]
        return {"transactions_count": len(items), "transactions": items}

    # -- returns (RMA) ---------------------------------------------------------------------
    async def return_status_list(self, call: Call) -> dict[str, Any]:
        rmas = await self.client.page("RMA", {}, 0, 500)
        seen: dict[str, str] = {}
        for r in rmas:
            if r.get("RMAStatusID") is not None:
                seen.setdefault(str(r["RMAStatusID"]), r.get("RMAStatus") or "")
        return statuses("return_statuses", sorted(seen.items()))


def _catalog(c: Shift4ShopConnector) -> Catalog:
    return Catalog(c.client)


#: The images, options, child items and shipments of the kit, over this store's requests.
Shift4ShopConnector.handwritten = {**HANDWRITTEN, **attach(
    Shift4ShopConnector,
    PerStore(lambda c: Images(E.GALLERY, _catalog(c)), images.VERBS, images.APPLIED),
    PerStore(lambda c: Options(E.OPTIONS, _catalog(c), PLATFORM, E.VARIANTS.combined),
             options.VERBS, options.APPLIED),
    PerStore(lambda c: ChildItems(E.VARIANTS, _catalog(c), PLATFORM, c.gather, E.CHILD_FILTERS,
                                  M.parse_date), variants.VERBS, E.VARIANTS.applied()),
    PerStore(lambda c: OrderShipments(E.SHIPMENTS, Orders(c.client)), shipments.VERBS,
             E.SHIPMENTS.applied()),
    E.SHIPMENTS.listed("_order"))}
declare(Shift4ShopConnector)
