"""The OpenCart schema driver: contract methods as SQL on the cart's own tables. Reads are
declarations (:mod:`.entities`), so are written rows (:mod:`.writes`, :mod:`.writers`);
``order.add`` is :mod:`.orders`, returns :mod:`.returns`; here are the odd reads and writes.
OpenCart 3.0.x is the main dialect; 4.0.x differs where the driver touches it: SEO rows are
``key/value`` (:mod:`.seo`), variants are product rows with ``master_id`` (3.x: option values
are child items), the default address is ``address.default`` (3.x ``customer.address_id``),
and there is no ``order_shipment`` table (order.shipment.* answer 120).
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import guard
from anycart.platforms.base import Call
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.columns import integer
from anycart.platforms.bridge.connector import BridgeConnector
from anycart.platforms.bridge.imagefiles import image_kind
from anycart.platforms.bridge.settings import Settings, chosen
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert, scalar
from anycart.platforms.bridge.values import html_stored, now_db, one_id
from anycart.platforms.overlap import carrier, one_of, one_tracking

from . import writes as W
from .entities import CUSTOMERS, ENTITIES, ORDERS, PRODUCTS
from .orders import SETTINGS as ORDER_SETTINGS
from .orders import OpenCartOrderAdd
from .params import APPLIED, DECLARED, NESTED, SAME_AS_DEFAULT
from .seo import SeoUrls, SeoUrls4
from .storefront import Storefront, base_url
from .writers import address_row

#: The default store's ``setting`` rows the driver reads (OpenCart's ``config``), once a connector.
SETTINGS = Settings("SELECT `key` AS name, value FROM {p}setting WHERE store_id = 0 AND `key` IN (??)",
                    ("config_language", "config_timezone", "config_email", "config_seo_url",
                     "config_return_status_id", *ORDER_SETTINGS))


class OpenCartConnector(BridgeConnector):
    cart_marker = "opencart"
    entities = ENTITIES
    _language_id: int | None = None

    async def _v4(self) -> bool:
        return (await self.cart_version()).startswith("4")

    async def _lang(self, params: dict[str, Any] | None = None) -> int:
        given = chosen(params or {}, "lang_id", "language")
        if given is not None:
            return given
        if self._language_id is None:
            found = await scalar(self.db, "SELECT language_id FROM {p}language WHERE code = ?",
                                 [await SETTINGS.get(self, "config_language")])
            self._language_id = int(found or 1)
        return self._language_id

    async def cart_settings(self) -> dict[str, str]:
        """The default store's settings the driver reads (:data:`SETTINGS`)."""
        return await SETTINGS.read(self)

    async def default_group(self) -> int:
        """The store's default customer group (its specials are the contract's special price)."""
        return await SETTINGS.integer(self, "config_customer_group_id", 1)

    async def sql_context(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"lang": await self._lang(params), "v4": await self._v4()}

    async def read_zone(self) -> str | None:
        # OpenCart sets PHP's zone and MySQL's session time_zone from it, then writes NOW().
        return await SETTINGS.get(self, "config_timezone")

    async def store_info(self, config: dict[str, Any]) -> dict[str, Any]:
        s = await SETTINGS.read(self)
        code = s.get("config_currency")
        cid = await scalar(self.db, "SELECT currency_id FROM {p}currency WHERE code = ?", [code])
        return {"name": s.get("config_name"), "email": s.get("config_email"),
                "currency": {"id": str(cid) if cid else None, "iso3": code}}

    async def storefront(self, lang: int) -> Storefront:
        """How the store's pages link products and images (SEO URLs on or off)."""
        v4 = await self._v4()
        seo = await SETTINGS.get(self, "config_seo_url") == "1"
        if not v4:
            return Storefront(base_url(self.store.store_url), seo)
        code = str(await scalar(self.db, "SELECT code FROM {p}language WHERE language_id = ?", [lang]) or "")
        segments = {}
        if seo:
            rows = await self.db.select(
                "SELECT `key`, value, keyword, sort_order FROM {p}seo_url WHERE store_id = 0 AND "
                "language_id = ? AND ((`key` = 'route' AND value = 'product/product') OR "
                "(`key` = 'language' AND value = ?))", [lang, code])
            segments = {(r["key"], r["value"]): (int(r["sort_order"]), r["keyword"]) for r in rows}
        return Storefront(base_url(self.store.store_url), seo, code, segments)

    async def seo(self) -> SeoUrls | SeoUrls4:
        """The store's SEO keyword rows, in its version's columns."""
        return SeoUrls4(self.db) if await self._v4() else SeoUrls(self.db)

    # -- product images ------------------------------------------------------------------------
    async def product_image_add(self, call: Call) -> dict[str, Any]:
        pid = await PRODUCTS.existing(self, call.require("product_id"))
        kind = image_kind(call)
        given = call.params.get("position")  # checked before the file is written
        position = 0 if given in (None, "") else integer("position", given)
        saved = await self.save_image("image/catalog/anycart", call.params)
        path = saved.split("/", 1)[1]  # OpenCart keeps paths relative to its image/ folder
        if kind != "additional":  # the product's one image (base, small and thumbnail alike)
            await self.db.write(W.PRODUCT.update(pid, {}, {}, {"product": {"image": path}}))
            return {"id": "0", "image_path": path}
        written = await self.db.write([
            insert("product_image", {"product_id": pid, "image": path, "sort_order": position}),
            PRODUCTS.touch(pid)])
        return {"id": str(written[0].insert_id), "image_path": path}

    async def product_image_delete(self, call: Call) -> dict[str, Any]:
        """Image ``0`` is the product's main image; others are ``product_image`` rows."""
        pid = await PRODUCTS.existing(self, call.require("product_id"))
        image_id = one_id(call.require("id"), "Image")
        if image_id == 0:
            statement = Statement("UPDATE {p}product SET image = '' WHERE product_id = ? AND image <> ''", [pid])
        else:
            statement = Statement("DELETE FROM {p}product_image WHERE product_image_id = ? AND "
                                  "product_id = ?", [image_id, pid])
        written = await self.db.write([statement, PRODUCTS.touch(pid)])
        if not written[0].affected:
            raise ApiError.not_found("Image", call.params["id"])
        return {"deleted": "true"}

    # -- customers ------------------------------------------------------------------------------
    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        cid = await CUSTOMERS.existing(self, call.require("customer_id"))
        for name in ("address1", "city", "country", "postcode"):
            call.require(name)
        v4 = await self._v4()
        default = bool(p.get("default"))
        row = await address_row(self, cid, p, v4, default)
        statements = [row]
        if default and v4:  # 4.x marks the default address; 3.x names it on the customer row
            statements.insert(0, update("address", {"default": 0}, "customer_id = ?", cid))
        elif default:
            statements.append(update("customer", {"address_id": InsertId(0)}, "customer_id = ?", cid))
        written = await self.db.write(statements)
        return {"id": str(written[statements.index(row)].insert_id)}

    # -- orders ---------------------------------------------------------------------------------
    async def status_id(self, value: Any) -> int:
        """An order status given by id or by name."""
        return await W.STATUSES["order_status"].resolve(self.db, value, await self._lang())

    async def order_update(self, call: Call) -> dict[str, Any]:
        """A status change and/or comment is an ``order_history`` row, as the admin writes it."""
        p = call.params
        order = await ORDERS.row(self, call.require("order_id"), {})
        oid, comment = order["order_id"], one_of(p, "comment", "admin_comment")
        if not p.get("order_status") and not comment:
            raise ApiError.nothing_to_update()
        given = p.get("order_status")
        status = await self.status_id(given) if given else int(order["order_status_id"])
        now = now_db()
        await self.db.write([
            Statement("UPDATE `{p}order` SET order_status_id = ?, date_modified = ? WHERE order_id = ?",
                      [status, now, oid]),
            W.history(oid, status, p, html_stored(comment or ""), now)])
        return {"updated_items": 1}

    async def order_add(self, call: Call) -> dict[str, Any]:
        return await OpenCartOrderAdd().run(self, call)

    # -- shipments (3.x order_shipment) ---------------------------------------------------------
    async def need_shipments(self) -> None:
        """4.0 has no ``order_shipment`` table: order.shipment.* answer 120 there."""
        if await self._v4():
            raise ApiError.unsupported("order.shipment", "OpenCart 4 (no shipment table)")

    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        await self.need_shipments()
        oid = await ORDERS.existing(self, call.require("order_id"))
        first = one_tracking(call.params, "OpenCart")
        courier = carrier(call.params, "shipment_provider") or ""
        now = now_db()
        written = await self.db.write([
            insert("order_shipment", {"order_id": oid, "date_added": now, "shipping_courier_id": str(courier),
                                      "tracking_number": str(first.get("tracking_number") or "")}),
            ORDERS.touch(oid, now)])
        return {"shipment_id": str(written[0].insert_id)}


OpenCartConnector.declare(*DECLARED)  # writers, returns, listings, tracking: on the store's clock too
guard(OpenCartConnector, APPLIED, "OpenCart", SAME_AS_DEFAULT, NESTED)
