"""The WooCommerce schema driver: contract methods as SQL on WordPress + WooCommerce tables.

Reads (list/count/info/find) come from the declarations in :mod:`.entities`, and so do the
category writes, product images and customer groups (WordPress's own, from
:class:`~anycart.platforms.bridge.wp_entities.WordPressConnector`); this module holds the other
writes and the settings they read. Products are ``product`` posts (``product_variation``
children are their child items) with ``_sku``/``_price``/``_stock``... meta,
``product_cat``/``product_type``/``product_visibility`` terms and ``attachment`` posts as
images; every product write keeps ``wc_product_meta_lookup`` in step. Customers are users with
a role. Orders live in ``shop_order`` posts (legacy) or in ``wc_orders`` (HPOS, when the option
``woocommerce_custom_orders_table_enabled`` is ``yes``); ``order.add`` (:mod:`.order_add`)
writes one in whichever storage the store uses. Shipments are the Shipment Tracking
extension's ``_wc_shipment_tracking_items`` order meta; returns are refunds (read only).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.model import ProductOption, ProductOptionValue
from anycart.platforms.applied import explicit, guard
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge import values as V
from anycart.platforms.bridge.address import book
from anycart.platforms.bridge.columns import columns
from anycart.platforms.bridge.phpserial import dumps, loads
from anycart.platforms.bridge.sqlentity import SqlEntity
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert, scalar
from anycart.platforms.bridge.values import (
    db_moment,
    from_db_time,
    gmt_time,
    id_list,
    moment,
    now_gmt,
    one_id,
)
from anycart.platforms.bridge.wordpress import (
    delete_posts,
    delete_user,
    insert_comment,
    insert_post,
    insert_user,
    link,
    meta_inserts,
    meta_replace,
    meta_update,
    set_terms,
    switch_terms,
    term_taxonomy_id,
    touch_post,
    unique_slug,
)
from anycart.platforms.bridge.wp_entities import WordPressConnector, post_id
from anycart.platforms.kit.info import statuses
from anycart.platforms.kit.local import inside, paged
from anycart.platforms.kit.serve import attach
from anycart.platforms.overlap import carrier, one_of

from . import entities as E
from . import mapping as M
from . import writes as W
from .order_add import WooOrderAdd
from .params import APPLIED, NESTED, SAME_AS_DEFAULT
from .refunds import DECLARED as REFUNDS
from .shipping_services import Handlers as LiveShipping

_CART = "WooCommerce"


class WooCommerceConnector(LiveShipping, WordPressConnector):  # live shipping: zone methods
    cart_marker = "woocommerce"
    entities, categories, images = E.ENTITIES, E.CATEGORIES, E.IMAGES

    # -- settings ---------------------------------------------------------------------------
    async def permalinks(self) -> dict[str, Any]:
        """What get_permalink() builds product links from: ``home``, ``permalink_structure``
        and the product base of ``woocommerce_permalinks``."""
        opts = await self.wp.get("home", "permalink_structure", "woocommerce_permalinks")
        links = loads(opts.get("woocommerce_permalinks") or "") or {}
        base = links.get("product_base") if isinstance(links, dict) else None
        return {"home": opts.get("home"), "permalink_structure": opts.get("permalink_structure"),
                "product_base": base}

    async def hpos(self) -> bool:
        return await self.wp.one("woocommerce_custom_orders_table_enabled") == "yes"

    async def store_info(self, config: dict[str, Any]) -> dict[str, Any]:
        o = await self.wp.get("blogname", "admin_email", "woocommerce_currency")
        currency = o["woocommerce_currency"] or "USD"
        return {"name": o["blogname"], "email": o["admin_email"],
                "currency": {"id": currency, "iso3": currency}}

    async def _one(self, entity: SqlEntity, ident: Any) -> dict[str, Any]:
        """The record ``ident`` of ``entity`` as info answers it (112 when there is none)."""
        ctx = {**await entity.context(self, {}), "method": "info"}
        return await entity.one(self, ident, ctx)

    @staticmethod
    def note(oid: int | InsertId, text: str, gmt: str) -> Statement:
        """An order note (a comment of type ``order_note`` on the order's post id)."""
        return insert_comment(oid, text, gmt, kind="order_note", author="WooCommerce", agent="WooCommerce")

    # -- products ---------------------------------------------------------------------------
    async def attributes(self) -> dict[str, dict[str, Any]]:
        """Global attributes by their taxonomy (``pa_color``)."""
        rows = await self.wp.rows("SELECT * FROM {p}woocommerce_attribute_taxonomies ORDER BY attribute_id")
        return {f"pa_{r['attribute_name']}": r for r in rows}

    async def _product_id(self, ident: Any) -> int:
        """The id of product ``ident``; 112 when there is none."""
        return await post_id(self, ident, "product", "Product")

    async def _unique_sku(self, sku: str | None, pid: int = 0) -> None:
        """113 when another product has ``sku``."""
        if sku and await scalar(self.db, "SELECT product_id FROM {p}wc_product_meta_lookup WHERE sku = ? AND "
                                         "product_id <> ?", [sku, pid]):
            raise ApiError(ReturnCode.ALREADY_EXISTS, f"Product with sku {sku} already exists")

    def _product_meta(self, p: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
        """Meta values a product add/update sets, merged over ``current`` for derived keys."""
        meta: dict[str, Any] = {}
        sku = p.get("sku") if p.get("sku") not in (None, "") else p.get("model")
        if sku not in (None, ""):
            meta["_sku"] = str(sku)
        price = M.number(p, "price")
        if price is not None:
            if price < 0:
                raise ApiError.invalid("price", "non-negative number")
            meta["_regular_price"] = M.money(price)
        special = M.number(p, "special_price")
        if special is not None:
            meta["_sale_price"] = M.money(special) if special > 0 else ""
            if not special:  # no sale, no sale window (WC_Product::set_sale_price(''))
                meta["_sale_price_dates_from"] = meta["_sale_price_dates_to"] = ""
        # The sale window as WooCommerce keeps it: Unix timestamps; a bare date is that day's
        # midnight in the store, as wc_string_to_datetime() reads it.
        for src, key in (("sprice_create", "_sale_price_dates_from"),
                         ("sprice_expire", "_sale_price_dates_to")):
            when = from_db_time(db_moment(p, src))
            if when is not None:
                if special is None and current.get("_sale_price") in (None, ""):
                    raise ApiError.invalid(src, "a date together with special_price (the product"
                                           " has no sale price)")
                meta[key] = str(int(when.timestamp()))
        quantity = M.number(p, "quantity")
        delta = (M.number(p, "increase_quantity") or 0) - (M.number(p, "reduce_quantity") or 0)
        if quantity is not None or delta:
            stock = (quantity if quantity is not None else float(current.get("_stock") or 0)) + delta
            meta["_stock"] = str(int(stock)) if stock == int(stock) else str(stock)
            meta["_manage_stock"] = "yes"
            meta["_stock_status"] = "instock" if stock > 0 else "outofstock"
        meta.update(columns(p, W.PRODUCT_META)["meta"])
        codes = {n: str(p[n]) for n in ("gtin", "upc", "ean") if p.get(n) not in (None, "")}
        if len(set(codes.values())) > 1:  # one _global_unique_id: a second code would be lost
            raise ApiError.invalid(sorted(codes)[-1], "the same code as "
                                   + ", ".join(sorted(codes)[:-1]) + " (WooCommerce keeps one GTIN/UPC/EAN)")
        sku_model = {n: str(p[n]) for n in ("sku", "model") if p.get(n) not in (None, "")}
        if len(set(sku_model.values())) > 1:
            raise ApiError.invalid("model", "the same value as sku (WooCommerce keeps one _sku)")
        gtin = p.get("gtin") or p.get("upc") or p.get("ean")
        if gtin:
            meta["_global_unique_id"] = str(gtin)
        merged = {**current, **meta}
        if {"_regular_price", "_sale_price", "_sale_price_dates_from", "_sale_price_dates_to"} & set(meta):
            meta["_price"] = merged.get("_sale_price") if M.on_sale(merged) else merged.get("_regular_price", "")
        return meta

    def _lookup_row(self, pid: Any, meta: dict[str, Any]) -> Statement:
        price = M.num(meta.get("_price"))
        regular = M.num(meta.get("_regular_price"))
        sale = M.num(meta.get("_sale_price"))
        return insert("wc_product_meta_lookup", {
            "product_id": pid, "sku": meta.get("_sku", ""), "global_unique_id": meta.get("_global_unique_id", ""),
            "virtual": 1 if meta.get("_virtual") == "yes" else 0, "downloadable": 0, "min_price": price,
            "max_price": max(x for x in (price, regular, 0) if x is not None),
            "onsale": 1 if sale is not None and M.on_sale(meta) else 0,
            "stock_quantity": M.num(meta.get("_stock")) if meta.get("_manage_stock") == "yes" else None,
            "stock_status": meta.get("_stock_status") or "instock", "rating_count": 0, "average_rating": 0,
            "total_sales": int(M.num(meta.get("total_sales")) or 0),
            "tax_status": meta.get("_tax_status") or "taxable", "tax_class": meta.get("_tax_class") or ""})

    def _status(self, p: dict[str, Any]) -> str | None:
        status = p.get("status")
        if status not in (None, ""):
            if status not in M.PRODUCT_STATUSES:
                raise ApiError.invalid("status", "one of " + ", ".join(M.PRODUCT_STATUSES))
            return str(status)
        one_of(p, "available_for_view", "avail")  # 109 for both given, differing
        view = M.flag(p, "available_for_view" if p.get("available_for_view") not in (None, "") else "avail")
        return None if view is None else ("publish" if view else "private")

    async def _visibility_links(self, p: dict[str, Any], pid: Any) -> list[Statement]:
        """The ``product_visibility`` exclusion terms of ``visible``."""
        visible = p.get("visible")
        if visible in (None, ""):
            return []
        if visible not in E.VISIBILITY:
            raise ApiError.invalid("visible", "everywhere, catalog, search or hidden")
        return await switch_terms(self.db, pid, "product_visibility", E.VISIBILITY[visible], E.VISIBILITY["hidden"])

    async def product_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        name = str(call.require("name"))
        if M.number(p, "price") is None:
            raise ApiError.required("price")
        meta = {"_sku": "", "_regular_price": "", "_sale_price": "", "_price": "", "_tax_status": "taxable",
                "_tax_class": "", "_manage_stock": "no", "_backorders": "no", "_sold_individually": "no",
                "_virtual": "no", "_downloadable": "no", "_stock_status": "instock", "total_sales": "0",
                "_wc_average_rating": "0", "_wc_review_count": "0", "_product_version": "9.3.3"}
        meta.update(self._product_meta(p, meta))
        await self._unique_sku(meta["_sku"])
        one_of(p, "categories_ids", "category_id")  # 109 for both given, differing
        cats = id_list(p, "categories_ids") or id_list(p, "category_id") or []
        ttids = list((await E.CATEGORIES.ttids(self, cats)).values())
        if not ttids:
            default = await self.wp.one("default_product_cat")
            if default and default.isdecimal():
                ttids = list((await E.CATEGORIES.ttids(self, [int(default)])).values())
        kind = str(p.get("type") or "simple")
        type_ttid = await term_taxonomy_id(self.db, "product_type", kind)
        if type_ttid is None:
            raise ApiError.invalid("type", "simple, variable, grouped or external")
        slug = await unique_slug(self.db, str(p.get("seo_url") or name), post_type="product")
        created = moment(p, "created_at")
        statements = [insert_post("product", gmt_time(created) if created else now_gmt(), now_gmt(),
                                  **columns(p, W.PRODUCT_POST)["posts"], post_status=self._status(p) or "publish",
                                  comment_status="open", post_name=slug)]
        pid = InsertId(0)
        site = await self.wp.url()
        statements.append(Statement("UPDATE {p}posts SET guid = CONCAT(?, ID) WHERE ID = ?",
                                    [f"{site.rstrip('/')}/?post_type=product&p=", pid]))
        statements += meta_inserts("postmeta", "post_id", pid, meta)
        statements += link(pid, [type_ttid, *ttids])
        statements += await self._visibility_links(p, pid)
        statements.append(self._lookup_row(pid, meta))
        done = await self.db.write(statements)
        return {"product_id": str(done[0].insert_id)}

    async def product_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        pid = await self._product_id(call.require("id"))
        current = (await self.post_meta([pid]))[pid]
        meta = self._product_meta(p, current)
        if meta.get("_sku") != current.get("_sku"):
            await self._unique_sku(meta.get("_sku"), pid)
        post = columns(p, W.PRODUCT_POST)["posts"]
        status = self._status(p)
        if status:
            post["post_status"] = status
        if p.get("seo_url"):
            post["post_name"] = await unique_slug(self.db, str(p["seo_url"]), post_type="product", not_id=pid)
        statements: list[Statement] = []
        cats = id_list(p, "categories_ids")
        if cats is not None:
            ttids = list((await E.CATEGORIES.ttids(self, cats)).values())
            statements += await set_terms(self.db, pid, "product_cat", ttids)
        statements += await self._visibility_links(p, pid)
        if not (post or meta or statements):
            raise ApiError.nothing_to_update()
        statements.insert(0, touch_post(pid, post))
        statements += meta_replace("postmeta", "post_id", pid, meta)
        statements += [Statement("DELETE FROM {p}wc_product_meta_lookup WHERE product_id = ?", [pid]),
                       self._lookup_row(pid, {**current, **meta})]
        await self.db.write(statements)
        return {"updated_items": 1}

    async def product_delete(self, call: Call) -> dict[str, Any]:
        """A permanent delete as WooCommerce does it (WC_Post_Data::delete_post, then
        wp_delete_post for the product and each variation): term links and counts, post meta,
        comments (reviews) and their meta, revisions, the meta and attribute lookup rows;
        attachments and child products are left in place, unattached."""
        pid = await self._product_id(call.require("id"))
        children = [int(r["ID"]) for r in await self.db.select(
            "SELECT ID FROM {p}posts WHERE post_parent = ? AND post_type = ?", [pid, "product_variation"])]
        statements = await delete_posts(self.db, [pid, *children], spared="product_variation")
        marks = ", ".join("?" * (1 + len(children)))
        statements[-1:-1] = [
            Statement(f"DELETE FROM {{p}}wc_product_meta_lookup WHERE product_id IN ({marks})", [pid, *children]),
            Statement("DELETE FROM {p}wc_product_attributes_lookup WHERE product_or_parent_id = ?", [pid])]
        await self.db.write(statements)
        return {"delete_items": 1}

    # -- variations and options -------------------------------------------------------------
    async def product_option_list(self, call: Call) -> Page:
        """A product's attributes; without ``product_id`` the store's global attributes."""
        if call.params.get("product_id") not in (None, ""):
            return paged((await self._one(E.PRODUCTS, call.params["product_id"]))["product_options"], call)
        attributes = await self.attributes()
        options = []
        for taxonomy, a in attributes.items():
            terms = await self.db.select(
                "SELECT t.term_id, t.name FROM {p}terms t JOIN {p}term_taxonomy tt ON tt.term_id = t.term_id "
                "WHERE tt.taxonomy = ? ORDER BY t.term_id", [taxonomy])
            options.append(ProductOption(
                id=str(a["attribute_id"]), product_option_id=str(a["attribute_id"]), name=a["attribute_label"],
                type=a["attribute_type"], available=True,
                option_items=[ProductOptionValue(id=str(t["term_id"]), name=t["name"], sort_order=n)
                              for n, t in enumerate(terms)],
                additional_fields={"attribute": taxonomy}).to_wire())
        return paged(options, call)

    # -- customers --------------------------------------------------------------------------
    @staticmethod
    def _address_meta(a: dict[str, Any], kind: str) -> dict[str, Any]:
        """A contract address as ``billing_*``/``shipping_*`` user meta (``address1`` -> ``address_1``)."""
        return {f"{kind}_{f}": str(v) for f, v in W.ADDRESS.columns(a).items() if v is not None}

    def _addresses_meta(self, addresses: Any) -> dict[str, Any]:
        """The address book's entries as user meta: each entry is the ``type`` it names, by
        default the first billing and the others shipping."""
        meta: dict[str, Any] = {}
        for n, a in enumerate(book(addresses)):
            kinds = a.get("type") or ("billing" if n == 0 else "shipping")
            for kind in [kinds] if isinstance(kinds, str) else kinds:
                if kind not in ("billing", "shipping"):
                    raise ApiError.invalid("address", "billing or shipping addresses")
                meta.update(self._address_meta(a, kind))
        return meta

    async def customer_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        email = V.email(call.require("email"), "email")
        login = str(p.get("login") or email)[:60]
        await E.CUSTOMERS.unique(self, email, login)
        role = await E.CUSTOMERS.given_role(self, p) or "customer"
        first, last = str(p.get("first_name") or ""), str(p.get("last_name") or "")
        created = moment(p, "created_time")
        registered = gmt_time(created) if created else now_gmt()
        meta: dict[str, Any] = {"last_update": int(datetime.now(UTC).timestamp()), "billing_email": email}
        if p.get("phone"):
            meta["billing_phone"] = str(p["phone"])
        if p.get("company"):
            meta["billing_company"] = str(p["company"])
        meta.update(self._addresses_meta(p.get("address")))
        done = await self.db.write([
            *insert_user(login, email, str(p.get("password") or M.new_tracking_id()), registered, role=role,
                         prefix=await self.wp.prefix(), first=first, last=last, meta=meta),
            insert("wc_customer_lookup", {
                "user_id": InsertId(0), "username": login, "first_name": first, "last_name": last, "email": email,
                "date_registered": registered,
                **M.lookup_place({k[8:]: v for k, v in meta.items() if k.startswith("billing_")})})])
        return {"customer_id": str(done[0].insert_id)}

    async def customer_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        uid = one_id(call.require("id"), "Customer")
        await self._one(E.CUSTOMERS, uid)
        user, meta = await E.CUSTOMERS.changes(self, p, uid)
        meta.update(self._addresses_meta(p.get("address")))
        extra = {"users": user, "usermeta": meta,
                 "wc_customer_lookup": {"email": user["user_email"]} if "user_email" in user else {}}
        if not any(W.CUSTOMERS.values(p, extra).values()):
            raise ApiError.nothing_to_update()
        meta["last_update"] = int(datetime.now(UTC).timestamp())
        await self.db.write(W.CUSTOMERS.update(uid, p, {}, extra))
        return {"updated_items": 1}

    async def customer_delete(self, call: Call) -> dict[str, Any]:
        """wp_delete_user without reassignment, with WooCommerce's hooks: the posts the user
        wrote (post types with authors), the user's meta and row, the customer lookup row
        (CustomersDataStore::delete_customer_by_user_id) and, on the user's orders, the
        customer set to guest (wc_reset_order_customer_id_on_deleted_user)."""
        uid = one_id(call.require("id"), "Customer")
        await self._one(E.CUSTOMERS, uid)
        statements = [*await delete_user(self.db, uid, spared="product_variation"),
                      Statement("DELETE FROM {p}wc_customer_lookup WHERE user_id = ?", [uid])]
        if await self.hpos():
            statements.append(Statement("UPDATE {p}wc_orders SET customer_id = 0, date_updated_gmt = ?"
                                        " WHERE customer_id = ?", [now_gmt(), uid]))
        if not await self.hpos() or \
                await self.wp.one("woocommerce_custom_orders_table_data_sync_enabled") == "yes":
            statements.append(Statement("UPDATE {p}postmeta SET meta_value = '0' WHERE meta_key = ?"
                                        " AND meta_value = ?", ["_customer_user", str(uid)]))
        await self.db.write(statements)
        return {"delete_items": 1}

    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        """WooCommerce keeps one billing and one shipping address per customer: ``types``
        picks which one this sets (default: billing when it is empty, else shipping)."""
        p = call.params
        uid = one_id(call.require("customer_id"), "Customer")
        for name in ("address1", "city", "country", "postcode"):
            call.require(name)
        current = await self._one(E.CUSTOMERS, uid)
        kinds = p.get("types") or []
        if isinstance(kinds, str):
            kinds = [k.strip() for k in kinds.split(",") if k.strip()]
        if not kinds:
            has_billing = any(a["type"] == "billing" and a.get("address1") for a in current["address_book"])
            kinds = ["shipping" if has_billing else "billing"]
        meta: dict[str, Any] = {}
        for kind in kinds:
            if kind not in ("billing", "shipping"):
                raise ApiError.invalid("types", "billing or shipping")
            meta.update(self._address_meta(p, kind))
        meta["last_update"] = int(datetime.now(UTC).timestamp())
        await self.db.write(meta_replace("usermeta", "user_id", uid, meta))
        return {"id": kinds[0]}

    # -- orders -----------------------------------------------------------------------------
    async def order_status_list(self, call: Call) -> dict[str, Any]:
        return statuses("cart_order_statuses", M.ORDER_STATUSES.items())

    async def orders(self) -> E.PostOrders:
        """The order declaration of the storage the store uses."""
        return await E.Orders().pick(self)

    async def _order_id(self, ident: Any, orders: E.PostOrders) -> int:
        oid = one_id(ident, "Order")
        if not await self.db.select(f"SELECT {orders.key}{orders._from({})[0]} WHERE {orders.key} = ? AND "
                                    f"{orders.kind} = ?", [oid, "shop_order"]):
            raise ApiError.not_found("Order", ident)
        return oid

    async def order_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        orders = await self.orders()
        oid = await self._order_id(call.require("order_id"), orders)
        hpos = orders.hpos
        current = (await orders.facts(self, [oid]))[oid]
        now = now_gmt()
        columns: dict[str, Any] = {}
        statements: list[Statement] = []
        if p.get("order_status") not in (None, ""):
            status = M.order_status_id(p["order_status"])
            if status not in M.ORDER_STATUSES:
                raise ApiError.invalid("order_status", "one of " + ", ".join(M.ORDER_STATUSES))
            if status != current["status"]:
                columns["status" if hpos else "post_status"] = status
                old = M.ORDER_STATUSES.get(current["status"], current["status"])
                statements += [self.note(oid, f"Order status changed from {old} to {M.ORDER_STATUSES[status]}.", now),
                               Statement("UPDATE {p}wc_order_stats SET status = ? WHERE order_id = ?", [status, oid])]
        if p.get("comment") is not None:
            columns["customer_note" if hpos else "post_excerpt"] = str(p["comment"])
        for name in ("admin_comment", "admin_private_comment"):
            if p.get(name) not in (None, ""):
                statements.append(self.note(oid, str(p[name]), now))
        if not (columns or statements):
            raise ApiError.nothing_to_update()
        statements.insert(0, orders.save(oid, columns))
        await self.db.write(statements)
        return {"updated_items": 1}

    async def order_add(self, call: Call) -> dict[str, Any]:
        return await WooOrderAdd().run(self, call)

    # -- shipments (Shipment Tracking extension) ----------------------------------------------
    async def _tracking(self, ident: Any) -> tuple[int, list[dict[str, Any]], E.PostOrders, list[Any]]:
        orders = await self.orders()
        oid = await self._order_id(ident, orders)
        value = await scalar(self.db, f"SELECT meta_value FROM {{p}}{orders.meta_table} WHERE {orders.meta_owner} = ? "
                             "AND meta_key = ?", [oid, "_wc_shipment_tracking_items"])
        lines, _ = await E.order_items(self, [oid])
        return oid, M.tracking_items(value), orders, lines[oid]

    async def order_shipment_list(self, call: Call) -> Page:
        oid, items, _, lines = await self._tracking(call.require("order_id"))
        return paged([M.SHIPMENT.wire(i, {"order_id": oid, "lines": lines}) for i in items], call)

    async def order_shipment_info(self, call: Call) -> dict[str, Any]:
        sid = call.require("id")
        oid, items, _, lines = await self._tracking(call.require("order_id"))
        item = inside({"items": items}, "items", "tracking_id", sid, "Shipment")
        return M.SHIPMENT.wire(item, {"order_id": oid, "lines": lines})

    async def _save_tracking(self, oid: int, items: list[dict[str, Any]], orders: E.PostOrders, existed: bool) -> None:
        first = meta_update(orders.meta_table, orders.meta_owner, oid, "_wc_shipment_tracking_items", dumps(items),
                            exists=existed)
        await self.db.write([first, orders.save(oid)])

    @staticmethod
    def _tracking_item(provider: str, number: str, link: str, shipped: datetime | None) -> dict[str, Any]:
        known = provider.lower().replace(" ", "-") in ("usps", "ups", "fedex", "dhl", "royal-mail", "canada-post")
        return {"tracking_provider": provider.lower() if known else "",
                "custom_tracking_provider": "" if known else provider, "custom_tracking_link": link,
                "tracking_number": number,
                "date_shipped": str(int((shipped or datetime.now(UTC)).timestamp())),
                "tracking_id": M.new_tracking_id()}

    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        """One tracking item per shipment (the extension tracks whole orders)."""
        p = call.params
        oid, items, s, _ = await self._tracking(call.require("order_id"))
        numbers = p.get("tracking_numbers") or []
        if not isinstance(numbers, list) or len(numbers) > 1:
            raise ApiError.invalid("tracking_numbers", "at most one tracking number per shipment")
        first = numbers[0] if numbers else {}
        if not isinstance(first, dict):
            raise ApiError.invalid("tracking_numbers", "array of {carrier_id, tracking_number}")
        provider = str(carrier(p, "tracking_provider", "shipment_provider") or "")
        item = self._tracking_item(provider, str(first.get("tracking_number") or ""),
                                   str(p.get("tracking_link") or ""), moment(p, "ship_date"))
        await self._save_tracking(oid, [*items, item], s, bool(items))
        return {"shipment_id": item["tracking_id"]}

    async def order_shipment_tracking_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        oid, items, s, _ = await self._tracking(call.require("order_id"))
        sid = str(call.require("shipment_id"))
        number = str(call.require("tracking_number"))
        target = next((i for i in items if str(i.get("tracking_id")) == sid), None)
        if target is None:
            raise ApiError.not_found("Shipment", sid)
        provider = str(one_of(p, "carrier_id", "tracking_provider") or "")
        if not target.get("tracking_number"):
            target["tracking_number"] = number
            if provider:
                target.update({k: v for k, v in self._tracking_item(provider, number, "", None).items()
                               if k in ("tracking_provider", "custom_tracking_provider")})
            if p.get("tracking_link"):
                target["custom_tracking_link"] = str(p["tracking_link"])
            new_id = sid
        else:
            provider = provider or target.get("custom_tracking_provider") or target.get("tracking_provider") or ""
            extra = self._tracking_item(provider, number, str(p.get("tracking_link") or ""), None)
            items.append(extra)
            new_id = extra["tracking_id"]
        await self._save_tracking(oid, items, s, True)
        return {"shipment_tracking_id": new_id}

    # -- returns (refunds, read only) ---------------------------------------------------------
    async def return_status_list(self, call: Call) -> dict[str, Any]:
        return statuses("return_statuses", [("completed", "Completed")])  # refunds only


attach(WooCommerceConnector, REFUNDS)  # order.refund.add: .refunds
guard(WooCommerceConnector, APPLIED, _CART, SAME_AS_DEFAULT, NESTED)
