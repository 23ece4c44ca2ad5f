"""The PrestaShop webservice connector: the declarations of :mod:`.entities` on the kit
(products, categories, customers, orders; combinations as child items and order carriers
as shipments, read through their parent; order states as the status list), and what none
says: the call's language and shop, the store, stock, status changes and tracking numbers.

Every request of a call is in one shop (``store_id`` -> ``id_shop``) and reads its
multilingual values in one language (``lang_id``, else ``PS_LANG_DEFAULT``,
:class:`~.webservice.Scope`); the records a page names are read once a page (:mod:`.mapping`).

Not served (the gateway answers 120): order.add (the webservice makes an order of a cart
through a payment module, at the catalog's prices: the contract's own prices and totals could
not be honoured), returns and images written (no merchandise-return resource to read here;
images are uploaded files, not yet sent), and what PrestaShop keeps no resource for.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call, Page
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.connector import KitConnector, declare
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import number, stock_change, text, unified
from anycart.platforms.kit.info import statuses, stores
from anycart.platforms.kit.local import paged
from anycart.platforms.kit.narrowing import narrowed
from anycart.platforms.kit.related import ids_of
from anycart.platforms.kit.serve import attach
from anycart.platforms.overlap import split_all

from . import client as C
from . import entities as E
from . import mapping as M
from .params import HANDWRITTEN, SAME_AS_DEFAULT
from .webservice import Scope, WebserviceBackend, zone

Record = dict[str, Any]
#: Stock is a record of its own (``stock_availables``), written after the product.
STOCK = frozenset({"quantity", "increase_quantity", "reduce_quantity"})
#: What ``cart.info`` reads of the store's configuration (a key without that resource
#: gets the first language and shop instead).
SETTINGS = ("PS_LANG_DEFAULT", "PS_SHOP_DEFAULT", "PS_SHOP_NAME", "PS_SHOP_EMAIL",
            "PS_TIMEZONE", "PS_CURRENCY_DEFAULT", "PS_VERSION_DB", "PS_HOME_CATEGORY")


class PrestashopApiConnector(KitConnector):
    cart = "PrestaShop webservice"  # in 109s: which of PrestaShop's two ways in refused
    entities = E.ENTITIES
    same_as_default = SAME_AS_DEFAULT
    related = E.RELATED
    probe = ("", {})  # the resources the key may use
    _scope: Scope | None = None

    @cached_property
    def rest(self) -> RestClient:
        shop = (self.call.params.get("store_id") if self.call else None) or None
        return C.client(self.http, self.store.store_url, self.store.credentials, self.settings,
                        shop=None if shop is None else str(shop))

    @property
    def site(self) -> str:
        """The shop's own URL (the API's, less ``api/``)."""
        return self.rest.base_url.removesuffix(C.API_PATH.lstrip("/"))

    def backend(self, entity: Entity, *, scoped: bool = True) -> WebserviceBackend:
        return WebserviceBackend(self.rest, entity, scope=self.scope if scoped else None,
                                 read_only=E.READ_ONLY.get(entity.path, ()),
                                 defaults={"sort": "[id_ASC]"})

    def resource(self, path: str, *, scoped: bool = True) -> WebserviceBackend:
        """The records of a resource no entity declares (``addresses``, ``stock_availables``)."""
        return self.backend(Entity(name=path, label=path.rstrip("s").replace("_", " ").title(),
                                   path=path, id_field="id", verbs=()), scoped=scoped)

    async def read_named(self, path: str) -> Iterable[Record]:
        if path == E.SETTINGS.path:  # only the settings read here, not the whole table
            return await self.resource(path, scoped=False).read({"name": ",".join(SETTINGS)})
        return await self.resource(path, scoped=path != E.LANGUAGES.path).read({})

    async def optional(self, path: str, query: Mapping[str, Any], *, scoped: bool = True) -> list[Record]:
        """Records of ``path`` that name what a page or the store refers to: none where the
        key may not read that resource (a name left out is better than an answer refused)."""
        try:
            return await self.resource(path, scoped=scoped).read(dict(query))
        except ApiError as err:
            if err.code != ReturnCode.PLATFORM_ERROR:
                raise
            return []

    read_related = optional

    async def by_ids(self, path: str, ids: str, by: str = "id") -> dict[str, Record]:
        return {str(r["id"]): r for r in await self.optional(path, {by: ids})} if ids else {}

    # -- the call's language and shop -------------------------------------------------------
    async def settings_of(self) -> dict[str, Any]:
        try:
            return dict(await E.SETTINGS.names(self, self.read_named))
        except ApiError:  # the key may not read configurations: the defaults are the first
            return {}

    async def scope(self) -> Scope:
        if self._scope is None:
            languages = list(await E.LANGUAGES.names(self, self.read_named))
            settings = await self.settings_of()
            default = str(settings.get("PS_LANG_DEFAULT") or languages[0])
            lang = str((self.call.params.get("lang_id") if self.call else None) or default)
            if lang not in languages:
                raise ApiError.invalid("lang_id", "one of " + ", ".join(languages))
            self._scope = Scope(lang, default, tuple(languages), zone(settings.get("PS_TIMEZONE")))
        return self._scope

    # -- what a page of records needs beside them ---------------------------------------------
    async def context(self, entity: Entity, records: list[Record]) -> Mapping[str, Any]:
        """The :data:`~.entities.RELATED` records of a page, by id, and the shop's URL."""
        return {"base": self.site, **await super().context(entity, records)}

    async def product_option_list(self, call: Call) -> Page:
        """The attribute groups a product's combinations use, or every attribute group of the
        shop (with all its values) when no ``product_id`` is given (as the bridge answers)."""
        if call.params.get("product_id") not in (None, ""):
            product = await self.product_with_combinations(call.params["product_id"])
            groups = await self.by_ids("product_options", ids_of(product["_values"].values(), ("id_attribute_group",)))
            found = M.options(product["_values"].values(), groups, True)
        else:
            groups = {str(g["id"]): g for g in await self.resource("product_options").read({})}
            found = M.options(await self.resource("product_option_values").read({}), groups, False)
        return paged([o.to_wire() for o in found], call)

    async def prepare(self, entity: Entity, call: Call) -> Call:
        """Filters PrestaShop has not, as the ids they name: products in categories are those
        the categories hold (``associations.products``; PrestaShop filters by the default
        category alone), orders of a customer email those of the customers with it."""
        call = await super().prepare(entity, call)
        if call.method.rsplit(".", 1)[-1] not in ("list", "count"):
            return call
        if entity is E.PRODUCT and (cats := split_all(call.params, "category_id", "categories_ids")):
            ids = [str(p["id"]) for c in cats for p in M.assoc(await self._filter(call, c), "products")]
            return narrowed(call, ("category_id", "categories_ids"), "product_ids", ids)
        if entity is E.ORDER and (email := call.params.get("customer_email")):
            ids = [str(b["id"]) for b in await self.resource("customers").read({"email": str(email)})]
            return narrowed(call, ("customer_email",), "customer_id", ids)
        return call

    async def _filter(self, call: Call, ident: str) -> Record:
        """A category a product list is filtered by; one the store lacks is 112 in the
        gateway's words for a filter ("Category with categories_ids 9 not found")."""
        found = await self.backend(E.CATEGORY).get(ident)
        if found is None:
            name = "categories_ids" if call.params.get("categories_ids") not in (None, "") \
                else "category_id"
            raise ApiError.not_found("Category", ident, name)
        return found

    async def complete(self, entity: Entity, call: Call, body: Record) -> Record:
        body = await super().complete(entity, call, body)
        if call.method == "customer.add" and "passwd" not in body:
            body["passwd"] = secrets.token_urlsafe(12)  # PrestaShop needs one; it hashes it
        elif call.method == "category.add" and "id_parent" not in body:  # under the shop's home
            body["id_parent"] = str((await self.settings_of()).get("PS_HOME_CATEGORY") or 2)
        elif entity is E.ADDRESS:  # in a country of the shop, by default in the customer's name
            customer = await self.runner(E.CUSTOMER).one(body["id_customer"])
            body = {"firstname": customer.get("firstname"), "lastname": customer.get("lastname"), **body,
                    "id_country": await self.country(str(body["id_country"]).strip())}
        return body

    async def country(self, wanted: str) -> str:
        """The id of a country of the shop, by ISO code or name (109 for none)."""
        found = await self.resource("countries").read({"iso_code": wanted.upper()}) if len(wanted) <= 3 else []
        found = found or [c for c in await self.resource("countries").read({"name~": wanted})
                          if str(c.get("name")).lower() == wanted.lower()]
        if not found:
            raise ApiError.invalid("country", "an ISO code or the name of a country of the shop")
        return str(found[0]["id"])

    # -- children fetched with their parent -----------------------------------------------------
    async def product_with_combinations(self, ident: Any) -> Record:
        product = await self.runner(E.PRODUCT).one(ident)
        found = await self.resource("combinations").read({"id_product": str(product["id"])})
        values = await self.by_ids("product_option_values", ids_of(found, ("associations.product_option_values",)))
        stock = await self.by_ids("stock_availables", str(product["id"]), "id_product")
        return {**product, "_combinations": found, "_values": values, "_stock": list(stock.values()),
                "_base": self.site}

    async def order_with_carriers(self, ident: Any) -> Record:
        order = await self.runner(E.ORDER).one(ident)
        found = await self.resource("order_carriers").read({"id_order": str(order["id"])})
        carriers = await self.by_ids("carriers", ids_of(found, ("id_carrier",)))
        names = {k: text(v.get("name")) for k, v in carriers.items()}
        return {**order, "_carriers": found, "_carrier_names": names}

    # -- store ----------------------------------------------------------------------------------
    async def cart_info(self, call: Call) -> Record:
        settings = await self.settings_of()
        shops, languages = [await self.optional(path, {}, scoped=False) for path in ("shops", "languages")]
        currencies, carriers = await self.optional("currencies", {}), await self.optional("carriers", {"deleted": "0"})
        shop = str(settings.get("PS_SHOP_DEFAULT") or (shops[0]["id"] if shops else "1"))
        lang = str(settings.get("PS_LANG_DEFAULT") or (languages[0]["id"] if languages else "1"))
        money = str(settings.get("PS_CURRENCY_DEFAULT") or (currencies[0]["id"] if currencies else ""))
        store_currencies = [{**unified(E.CURRENCY, c), "default": str(c["id"]) == money} for c in currencies]
        return stores(C.PLATFORM, settings.get("PS_SHOP_NAME") or (shops[0].get("name") if shops else None),
                      self.site, settings.get("PS_VERSION_DB"), [{
                          **unified(E.SHOP, s), "default": str(s["id"]) == shop,
                          "store_owner_info": {"email": settings.get("PS_SHOP_EMAIL")},
                          "timezone": settings.get("PS_TIMEZONE"),
                          "language": next((lg.get("iso_code") for lg in languages if str(lg["id"]) == lang), None),
                          "store_languages": [unified(E.LANGUAGE, lg) for lg in languages],
                          "currency": next((c for c in store_currencies if c["default"]), None),
                          "store_currencies": store_currencies,
                          "carrier_info": [{**unified(E.CARRIER, c), "shipping_methods": []} for c in carriers],
                      } for s in shops], extra={"api_url": self.rest.base_url, "default_lang_id": lang})

    # -- products: stock with the product ---------------------------------------------------------
    async def product_add(self, call: Call) -> Record:
        made = await self.runner(E.PRODUCT).add(call)  # the quantity is no product field
        await self.restock(explicit(call), made["product_id"], "0")
        return made

    async def product_update(self, call: Call) -> Record:
        given = explicit(call)
        if set(given) - STOCK - {"id", "store_id", "lang_id"}:
            await self.runner(E.PRODUCT).update(call)
        elif not set(given) & STOCK:
            raise ApiError.nothing_to_update()
        await self.restock(given, str(call.require("id")), "0")
        return {"updated_items": 1}

    async def variant(self, call: Call) -> Record:
        """The combination a call names, in the product it names (112 for one of another)."""
        ident, product = str(call.require("id")), call.params.get("product_id")
        combo = await self.runner(E.VARIANT).one(ident)
        if product not in (None, "") and str(product) != str(combo["id_product"]):
            raise ApiError.not_found("Variant", ident)
        return combo

    async def product_variant_delete(self, call: Call) -> Record:
        await self.backend(E.VARIANT).delete(str((await self.variant(call))["id"]))
        return {"delete_items": 1}

    async def product_variant_update(self, call: Call) -> Record:
        """A combination's own fields; its price and weight are impacts on the product's (the
        contract gives the variant's own), its stock a record of its own."""
        given, ident = explicit(call), str(call.require("id"))
        combo = await self.variant(call)
        parent = await self.runner(E.PRODUCT).one(combo["id_product"])
        changes = {**E.VARIANT.body(given), **{key: str(round(float(given[key]) - (number(parent.get(key)) or 0), 6))
                                                for key in ("price", "weight") if given.get(key) is not None}}
        if not changes and not set(given) & STOCK:
            raise ApiError.nothing_to_update()
        if changes:
            await self.backend(E.VARIANT).update(ident, changes)
        await self.restock(given, str(combo["id_product"]), ident)
        return {"updated_items": 1}

    async def restock(self, given: Mapping[str, Any], product: str, combination: str) -> None:
        """The stock a call gives (``quantity``, or a change to it) of a product (``"0"``)
        or one of its combinations, in the call's shop."""
        if not set(given) & STOCK:
            return
        rows = await self.resource("stock_availables").read({"id_product": product,
                                                             "id_product_attribute": combination})
        if not rows:
            raise ApiError.not_found("Product", product)
        now = number(rows[0].get("quantity")) or 0.0
        quantity = float(given["quantity"]) if given.get("quantity") is not None else now
        await self.resource("stock_availables").update(
            str(rows[0]["id"]), {"quantity": str(int(quantity + stock_change(given)))})

    # -- orders -----------------------------------------------------------------------------------
    async def order_update(self, call: Call) -> Record:
        order = await self.runner(E.ORDER).one(call.require("order_id"))
        status = call.params.get("order_status")
        if status in (None, ""):
            raise ApiError.nothing_to_update()
        states = await E.STATES.names(self, self.read_named)
        state = E.STATES.id_of(states, status, "order_status")
        await self.resource("order_histories").create(
            {"id_order": str(order["id"]), "id_order_state": state},
            query={"sendemail": 1} if call.params.get("send_notifications") else None)
        return {"updated_items": 1}

    async def order_shipment_add(self, call: Call) -> Record:
        """One more ``order_carrier`` of the order: its carrier (or the one given with the
        tracking number) and the tracking number (one a shipment: PrestaShop keeps one each)."""
        order = await self.runner(E.ORDER).one(call.require("order_id"))
        given = call.params.get("tracking_numbers") or []
        if len(given) > 1:
            raise ApiError.invalid("tracking_numbers", "one tracking number (an order carrier has one)")
        first = given[0] if given else {}
        carrier = str(first.get("carrier_id") or order.get("id_carrier") or "0")
        made = await self.resource("order_carriers").create({
            "id_order": str(order["id"]), "id_carrier": carrier,
            "tracking_number": str(first.get("tracking_number") or "")})
        return {"shipment_id": made}

    async def order_shipment_tracking_add(self, call: Call) -> Record:
        order = await self.order_with_carriers(call.require("order_id"))
        wanted = str(call.require("shipment_id"))
        if not any(str(c["id"]) == wanted for c in order["_carriers"]):
            raise ApiError.not_found("Shipment", wanted)
        await self.resource("order_carriers").update(wanted, {"tracking_number": str(call.require("tracking_number"))})
        return {"tracking_info": {"order_id": str(order["id"]), "shipment_id": wanted}}

    async def order_status_list(self, call: Call) -> Record:
        """The shop's order states in the call's language (every one is the merchant's own)."""
        found = await self.resource("order_states").read({"deleted": "0"})
        return statuses("cart_order_statuses", [(str(s["id"]), text(s.get("name"))) for s in found])


PrestashopApiConnector.handwritten = {**HANDWRITTEN, **attach(PrestashopApiConnector, *E.CHILDREN)}
declare(PrestashopApiConnector)
