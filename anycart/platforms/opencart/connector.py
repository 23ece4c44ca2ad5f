"""The OpenCart schema driver: contract methods as SQL on the cart's own tables.

The reads are declarations (:mod:`.entities`), so are the rows the writes touch
(:mod:`.writes`); ``order.add`` is :mod:`.orders`, returns are :mod:`.returns`; this module
holds what the writes check and link around those declarations, and the odd reads. OpenCart
3.0.x is the main dialect; 4.0.x (``cart_version()`` starting with "4") differs where the driver
touches it: SEO keywords are ``seo_url.key/value`` rather than ``query`` (:mod:`.seo`), a
product's variants are product rows with ``master_id`` (3.x: a product's option values are its
child items), a customer's default address is ``address.default`` rather than
``customer.address_id``, and 4.0 has no ``order_shipment`` table (order.shipment.* answer 120
there). Parameters a method does not apply are refused (109, :mod:`.params`).
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import explicit, guard
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge import values
from anycart.platforms.bridge.address import BOOK_PREFIX, book
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.columns import integer
from anycart.platforms.bridge.connector import BridgeConnector
from anycart.platforms.bridge.imagefiles import image_kind
from anycart.platforms.bridge.lookups import free, require
from anycart.platforms.bridge.sqlentity import bind
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert, scalar
from anycart.platforms.bridge.values import html_stored, html_text, id_list, now_db, one_id
from anycart.platforms.kit.serve import attach
from anycart.platforms.overlap import carrier, one_of, one_tracking

from . import writes as W
from .entities import (
    CATEGORIES,
    CUSTOMERS,
    ENTITIES,
    GROUPS,
    OPTION_VALUES,
    ORDERS,
    PRODUCTS,
    VARIANTS,
)
from .orders import OpenCartOrderAdd
from .params import APPLIED, NESTED, SAME_AS_DEFAULT
from .returns import DECLARED as RETURNS
from .seo import SeoUrls
from .storefront import Storefront, base_url


class OpenCartConnector(BridgeConnector):
    cart_marker = "opencart"
    entities = ENTITIES
    _language_id: int | None = None

    async def _v4(self) -> bool:
        return (await self.cart_version()).startswith("4")

    async def _lang(self, params: dict[str, Any] | None = None) -> int:
        given = (params or {}).get("lang_id")
        if given not in (None, ""):
            if not str(given).isdecimal():
                raise ApiError.invalid("lang_id")
            return int(given)
        if self._language_id is None:
            found = await scalar(self.db, "SELECT l.language_id FROM {p}language l JOIN {p}setting s "
                                 "ON s.value = l.code WHERE s.store_id = 0 AND s.`key` = ?",
                                 ["config_language"])
            self._language_id = int(found or 1)
        return self._language_id

    async def _settings(self, *keys: str) -> dict[str, str]:
        rows = await self.db.select(*bind("SELECT `key`, value FROM {p}setting WHERE store_id = 0 AND "
                                          "`key` IN (??)", {}, keys))
        return {r["key"]: r["value"] for r in rows}

    async def default_group(self) -> int:
        """The store's default customer group (its specials are the contract's special price)."""
        return int((await self._settings("config_customer_group_id")).get("config_customer_group_id") or 1)

    async def sql_context(self, params: dict[str, Any]) -> dict[str, Any]:
        return {"lang": await self._lang(params), "v4": await self._v4()}

    async def read_zone(self) -> str | None:
        # OpenCart sets PHP's zone and MySQL's session time_zone from it, then writes NOW().
        return (await self._settings("config_timezone")).get("config_timezone")

    async def store_info(self, config: dict[str, Any]) -> dict[str, Any]:
        s = await self._settings("config_name", "config_email", "config_currency")
        code = s.get("config_currency")
        cid = await scalar(self.db, "SELECT currency_id FROM {p}currency WHERE code = ?", [code])
        return {"name": s.get("config_name"), "email": s.get("config_email"),
                "currency": {"id": str(cid) if cid else None, "iso3": code}}

    async def storefront(self, lang: int) -> Storefront:
        """How the store's pages link products and images (SEO URLs on or off)."""
        v4 = await self._v4()
        code_sql = ", (SELECT l.code FROM {p}language l WHERE l.language_id = ?) AS code" if v4 else ""
        found = (await self.db.select(
            "SELECT (SELECT s.value FROM {p}setting s WHERE s.store_id = 0 AND "
            f"s.`key` = 'config_seo_url') AS seo{code_sql}", [lang] if v4 else []))[0]
        seo = str(found["seo"] or "") == "1"
        if not v4:
            return Storefront(base_url(self.store.store_url), seo)
        code = str(found["code"] or "")
        segments = {}
        if seo:
            rows = await self.db.select(
                "SELECT `key`, value, keyword, sort_order FROM {p}seo_url WHERE store_id = 0 AND "
                "language_id = ? AND ((`key` = 'route' AND value = 'product/product') OR "
                "(`key` = 'language' AND value = ?))", [lang, code])
            segments = {(r["key"], r["value"]): (int(r["sort_order"]), r["keyword"]) for r in rows}
        return Storefront(base_url(self.store.store_url), seo, code, segments)

    async def _name(self, entity: str, ident: int, lang: int) -> str:
        """A product's or category's name in ``lang`` (for a keyword made from it)."""
        return html_text(await scalar(self.db, f"SELECT name FROM {{p}}{entity}_description WHERE "
                                            f"{entity}_id = ? AND language_id = ?", [ident, lang])) or ""

    async def seo(self) -> SeoUrls:
        """The store's SEO keyword rows, in its version's columns."""
        return SeoUrls(self.db, await self._v4())

    # -- products ------------------------------------------------------------------------------
    async def _category_links(self, params: dict[str, Any]) -> list[int] | None:
        cats = id_list(params, "categories_ids")
        if cats is None and params.get("category_id") not in (None, ""):
            cats = id_list(params, "category_id")
        if cats:
            await require(self.db, "category", cats, "Category", key="category_id")
        return cats

    async def product_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        for name in ("name", "model", "price"):
            call.require(name)
        lang = await self._lang(p)
        cats = await self._category_links(p)
        own = W.PRODUCT_NEW_4 if await self._v4() else W.PRODUCT_NEW_3
        statements = W.PRODUCT.add(p, {"lang": lang}, {"product": {"date_available": now_db()[:10], **own}})
        statements += W.PRODUCT_STORES.rows(InsertId(0), [0]) + W.PRODUCT_CATEGORIES.rows(InsertId(0), cats or [])
        statements += await self._special(InsertId(0), p, adding=True)
        statements += await (await self.seo()).write("product_id", InsertId(0), p.get("seo_url"),
                                                     str(p["name"]), lang)
        written = await self.db.write(statements)
        return {"product_id": str(written[0].insert_id)}

    async def product_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        pid = await PRODUCTS.existing(self, call.require("id"))
        lang = await self._lang(p)
        cats = await self._category_links(p) if p.get("categories_ids") is not None else None
        delta = values.stock_delta(p)
        others = [Statement("UPDATE {p}product SET quantity = quantity + ? WHERE product_id = ?",
                            [int(delta), pid])] if delta else []
        others += W.PRODUCT_CATEGORIES.replace(pid, cats) if cats is not None else []
        others += await self._special(pid, p, adding=False)
        others += await (await self.seo()).write(
            "product_id", pid, p.get("seo_url"),
            str(p["name"]) if p.get("name") else lambda: self._name("product", pid, lang), lang)
        statements = W.PRODUCT.update(pid, p, {"lang": lang}, touch=bool(others)) + others
        if not statements:
            raise ApiError.nothing_to_update()
        await self.db.write(statements)
        return {"updated_items": 1}

    async def _special(self, pid: Any, p: dict[str, Any], adding: bool) -> list[Statement]:
        """``special_price`` from ``sprice_create`` to ``sprice_expire`` (:data:`.writes.SPECIAL`)
        for the store's default customer group."""
        if all(p.get(n) in (None, "") for n in W.SPECIAL.params):
            return []
        return await W.SPECIAL.statements(self.db, pid, p, {"group": await self.default_group()}, adding)

    async def product_delete(self, call: Call) -> dict[str, Any]:
        pid = await PRODUCTS.existing(self, call.require("id"))
        v4 = await self._v4()
        statements = W.PRODUCT.delete(pid, W.PRODUCT_4 if v4 else W.PRODUCT_3)
        statements.append(Statement("DELETE FROM {p}product_related WHERE related_id = ?", [pid]))
        statements += await (await self.seo()).delete("product_id", [pid])
        if v4:  # as the 4.x admin does: variants become products of their own
            statements.append(Statement("UPDATE {p}product SET master_id = 0 WHERE master_id = ?", [pid]))
        await self.db.write(statements)
        return {"delete_items": 1}

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

    # -- options and child items ----------------------------------------------------------------
    async def product_child_item_list(self, call: Call) -> Page:
        return await (VARIANTS if await self._v4() else OPTION_VALUES).run_list(self, call)

    async def product_child_item_info(self, call: Call) -> dict[str, Any]:
        one_id(call.require("product_id"), "Product")
        return await (VARIANTS if await self._v4() else OPTION_VALUES).run_info(self, call)

    # -- categories -----------------------------------------------------------------------------
    async def _parent_path(self, params: dict[str, Any]) -> tuple[int, list[int]]:
        """The parent id and its path (root first), checked to exist."""
        if params.get("parent_id") in (None, "", "0", 0):
            return 0, []
        parent = one_id(params["parent_id"], "Category")
        path = await W.CATEGORY_PATHS.path(self.db, parent)
        if not path:
            raise ApiError.not_found("Category", params["parent_id"])
        return parent, path

    async def category_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        call.require("name")
        lang = await self._lang(p)
        parent, path = await self._parent_path(p)
        statements = W.CATEGORY.add(p, {"lang": lang}, {"category": {"parent_id": parent,
                                                                     "top": int(parent == 0)}})
        statements += W.CATEGORY_STORES.rows(InsertId(0), [0])
        statements += W.CATEGORY_PATHS.add(InsertId(0), path)
        seo = await self.seo()
        if seo.v4:
            statements += await seo.category_add(path, p.get("seo_url"), str(p["name"]))
        else:
            statements += await seo.write("category_id", InsertId(0), p.get("seo_url"), str(p["name"]), lang)
        written = await self.db.write(statements)
        return {"category_id": str(written[0].insert_id)}

    async def category_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        cid = await CATEGORIES.existing(self, call.require("id"))
        lang = await self._lang(p)
        statements: list[Statement] = []
        moved: dict[str, Any] = {}
        seo = await self.seo()
        # 4.x keys a category's SEO rows by its path; 3.x needs neither (nor the query).
        old_path = (await seo.paths([cid])).get(cid, str(cid)) if seo.v4 else str(cid)
        new_parent = [int(x) for x in old_path.split("_")[:-1]]
        if p.get("parent_id") is not None:
            parent, new_parent = await self._parent_path(p)
            if cid == parent or cid in new_parent:
                raise ApiError.invalid("parent_id", "a category outside this one's subtree")
            moved["parent_id"] = parent
            statements += await W.CATEGORY_PATHS.move(self.db, cid, new_parent)
        extra = {"category": moved}
        if not any(W.CATEGORY.values(p, extra).values()) and p.get("seo_url") in (None, ""):
            raise ApiError.nothing_to_update()
        name = str(p["name"]) if p.get("name") else lambda: self._name("category", cid, lang)
        if seo.v4:
            statements += await seo.category_edit(cid, old_path, new_parent, p.get("seo_url"), name, lang)
        else:
            statements += await seo.write("category_id", cid, p.get("seo_url"), name, lang)
        await self.db.write(W.CATEGORY.update(cid, p, {"lang": lang}, extra, touch=True) + statements)
        return {"updated_items": 1}

    async def category_delete(self, call: Call) -> dict[str, Any]:
        cid = await CATEGORIES.existing(self, call.require("id"))
        ids = await W.CATEGORY_PATHS.subtree(self.db, cid) or [cid]
        seo = await (await self.seo()).delete("category_id", ids)  # 4.x: by path, read before it goes
        await self.db.write(W.CATEGORY.delete(ids) + seo)
        return {"delete_items": True}

    async def _link_ids(self, call: Call) -> tuple[int, int]:
        cid = one_id(call.require("category_id"), "Category")
        pid = one_id(call.require("product_id"), "Product")
        await CATEGORIES.existing(self, call.params["category_id"])
        await PRODUCTS.existing(self, call.params["product_id"])
        return cid, pid

    async def category_assign(self, call: Call) -> dict[str, Any]:
        cid, pid = await self._link_ids(call)
        if not await self.db.select("SELECT 1 FROM {p}product_to_category WHERE product_id = ? AND "
                                    "category_id = ?", [pid, cid]):
            await self.db.write([*W.PRODUCT_CATEGORIES.rows(pid, [cid]), PRODUCTS.touch(pid)])
        return {}

    async def category_unassign(self, call: Call) -> dict[str, Any]:
        cid, pid = await self._link_ids(call)
        await self.db.write([W.PRODUCT_CATEGORIES.remove(pid, cid), PRODUCTS.touch(pid)])
        return {}

    # -- customers ------------------------------------------------------------------------------
    async def _check_group(self, columns: dict[str, Any]) -> None:
        group = columns.get("customer_group_id")
        if group is not None:
            await GROUPS.existing(self, group)

    async def customer_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        email = values.email(call.require("email"), "email", 96)
        await free(self.db, "customer", "email", email, "Customer", nocase=True)
        v4 = await self._v4()
        given = W.CUSTOMER.values(p)["customer"]
        await self._check_group(given)
        if p.get("password") and v4:
            raise ApiError.invalid("password", "not settable on OpenCart 4 (bcrypt hashes)")
        own = {} if v4 else {**W.CUSTOMER_NEW_3, **_legacy_password(p.get("password"))}
        own.update(email=email, language_id=await self._lang(),
                   customer_group_id=given.get("customer_group_id") or await self.default_group())
        statements = W.CUSTOMER.add(p, {}, {"customer": own})
        entries = book(p.get("address"))
        # The default is the one marked so, else the first.
        default = next((n for n, a in enumerate(entries) if a.get("default")), 0)
        for n, address in enumerate(entries):
            statements.append(await self._address_row(InsertId(0), address, v4, n == default, BOOK_PREFIX))
        if entries and not v4:  # 3.x: the customer row names its default address
            statements.append(Statement("UPDATE {p}customer SET address_id = ? WHERE customer_id = ?",
                                        [InsertId(1 + default), InsertId(0)]))
        written = await self.db.write(statements)
        return {"customer_id": str(written[0].insert_id)}

    async def _address_row(self, customer: Any, a: dict[str, Any], v4: bool, default: bool,
                           prefix: str = "") -> Statement:
        where = {"country_id": 0, "zone_id": 0}
        if a.get("country"):  # the order's reading: an unknown country or state is 109
            where = await W.PLACES[v4].found(self.db, {prefix + k: a.get(k) for k in ("country", "state")},
                                             prefix)
        own = {"customer_id": customer, "country_id": where["country_id"], "zone_id": where["zone_id"],
               "custom_field": "", **({"default": int(default)} if v4 else {})}
        return insert("address", {**W.ADDRESS.columns(a), **own})

    async def customer_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        cid = await CUSTOMERS.existing(self, call.require("id"))
        given = W.CUSTOMER.values(p)["customer"]
        await self._check_group(given)
        if given.get("email"):
            await free(self.db, "customer", "email", given["email"], "Customer", nocase=True,
                       where=" AND customer_id <> :but", but=cid)
        if p.get("password") and await self._v4():
            raise ApiError.invalid("password", "not settable on OpenCart 4 (bcrypt hashes)")
        own = {"customer": _legacy_password(p.get("password"))}
        await self.db.write(W.CUSTOMER.must_update(cid, p, {}, own))
        return {"updated_items": 1}

    async def customer_delete(self, call: Call) -> dict[str, Any]:
        cid = await CUSTOMERS.existing(self, call.require("id"))
        await self.db.write(W.CUSTOMER.delete(cid, W.CUSTOMER_4 if await self._v4() else ()))
        return {"delete_items": 1}

    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        cid = await CUSTOMERS.existing(self, call.require("customer_id"))
        for name in ("address1", "city", "country", "postcode"):
            call.require(name)
        v4 = await self._v4()
        default = bool(p.get("default"))
        statements = []
        if default and v4:
            statements.append(Statement("UPDATE {p}address SET `default` = 0 WHERE customer_id = ?", [cid]))
        statements.append(await self._address_row(cid, p, v4, default))
        if default and not v4:
            statements.append(Statement("UPDATE {p}customer SET address_id = ? WHERE customer_id = ?",
                                        [InsertId(0), cid]))
        written = await self.db.write(statements)
        return {"id": str(written[1 if default and v4 else 0].insert_id)}

    # -- orders ---------------------------------------------------------------------------------
    async def status_id(self, value: Any, table: str = "order_status") -> int:
        """An order (or return) status given by id or by name."""
        return await W.STATUSES[table].resolve(self.db, value, await self._lang())

    async def order_update(self, call: Call) -> dict[str, Any]:
        """A status change and/or comment is an ``order_history`` row (what the cart's admin
        writes), with the order's status and modification time updated beside it."""
        p = call.params
        raw = call.require("order_id")
        oid = one_id(raw, "Order")
        current = await scalar(self.db, "SELECT order_status_id FROM `{p}order` WHERE order_id = ? "
                                        "AND order_status_id > 0", [oid])
        if current is None:
            raise ApiError.not_found("Order", raw)
        status = await self.status_id(p["order_status"]) if p.get("order_status") else int(current)
        comment = one_of(p, "comment", "admin_comment")
        if not p.get("order_status") and not comment:
            raise ApiError.nothing_to_update()
        now = now_db()
        await self.db.write([
            Statement("UPDATE `{p}order` SET order_status_id = ?, date_modified = ? WHERE order_id = ?",
                      [status, now, oid]),
            W.history(oid, status, p, html_stored(comment or ""), now)])
        return {"updated_items": 1}

    async def order_add(self, call: Call) -> dict[str, Any]:
        return await OpenCartOrderAdd().run(self, call)

    async def order_status_list(self, call: Call) -> dict[str, Any]:
        return {"cart_order_statuses": await W.STATUSES["order_status"].listed(self.db, await self._lang())}

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

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        """An order_shipment row holds one tracking number: it is set on the shipment."""
        await self.need_shipments()
        raw = call.require("shipment_id")
        sid = one_id(raw, "Shipment")
        number = str(call.require("tracking_number"))
        rows = await self.db.select("SELECT order_id FROM {p}order_shipment WHERE order_shipment_id = ?", [sid])
        order = call.params.get("order_id")
        if not rows or (order not in (None, "") and str(rows[0]["order_id"]) != str(order).strip()):
            raise ApiError.not_found("Shipment", raw)
        courier = one_of(call.params, "carrier_id", "tracking_provider")
        sets = {"tracking_number": number, **({"shipping_courier_id": str(courier)} if courier else {})}
        await self.db.write([update("order_shipment", sets, "order_shipment_id = ?", sid),
                             ORDERS.touch(rows[0]["order_id"])])
        return {"shipment_tracking_id": str(sid)}



# order.return.*, return.status/reason/action.list: declared in .returns
attach(OpenCartConnector, *RETURNS)
guard(OpenCartConnector, APPLIED, "OpenCart", SAME_AS_DEFAULT, NESTED)


def _legacy_password(password: Any) -> dict[str, Any]:
    """OpenCart 3's customer password: sha1(salt . sha1(salt . sha1(password)))."""
    if not password:
        return {}
    import hashlib
    import secrets

    salt = secrets.token_hex(5)[:9]
    def sha1(s: str) -> str:
        return hashlib.sha1(s.encode()).hexdigest()

    return {"salt": salt, "password": sha1(salt + sha1(salt + sha1(str(password))))}
