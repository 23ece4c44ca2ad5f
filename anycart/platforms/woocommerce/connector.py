"""The WooCommerce schema driver: contract methods as SQL on WordPress + WooCommerce tables.

Products are ``product`` posts (``product_variation`` children are their child items) with
``_sku``/``_price``/``_stock``... meta, ``product_cat``/``product_type``/``product_visibility``
terms and ``attachment`` posts as images; every product write keeps
``wc_product_meta_lookup`` in step. Customers are users with the ``customer`` role. Orders live
in ``shop_order`` posts (legacy) or in ``wc_orders`` (HPOS, when the option
``woocommerce_custom_orders_table_enabled`` is ``yes``); their items are in
``woocommerce_order_items`` either way; ``order.add`` writes an order in whichever storage the
store uses, with the Analytics lookups (``wc_order_stats``, ``wc_customer_lookup``,
``wc_order_product_lookup`` when present), in one transaction. Shipments are the Shipment Tracking extension's
``_wc_shipment_tracking_items`` order meta; returns are refunds (read only).
Categories are terms, which WordPress gives no dates: their date filters are refused (109).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import guard
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge.connector import BridgeConnector
from anycart.platforms.bridge.sqlkit import (
    InsertId,
    Statement,
    Where,
    db_moment,
    db_time,
    explicit,
    from_db_time,
    gmt_time,
    id_list,
    moment,
    now_db,
    now_gmt,
    one_id,
    order_by,
    scalar,
)
from anycart.platforms.bridge.wordpress import (
    Options,
    delete_posts,
    link,
    link_many,
    local,
    meta_inserts,
    meta_replace,
    read_meta,
    term_taxonomy_id,
)

from . import mapping as M
from .order_add import NewOrder
from .params import APPLIED, NESTED, SAME_AS_DEFAULT
from .phpserial import dumps, loads

_PRODUCT_SORT = {"id": "p.ID", "name": "p.post_title", "create_at": "p.post_date_gmt",
                 "modified_at": "p.post_modified_gmt", "price": "l.min_price", "sku": "l.sku"}
_CUSTOMER_SORT = {"created_time": "u.user_registered", "id": "u.ID", "email": "u.user_email"}
_VISIBILITY = {"everywhere": (), "catalog": ("exclude-from-search",),
               "search": ("exclude-from-catalog",),
               "hidden": ("exclude-from-search", "exclude-from-catalog")}
_CART = "WooCommerce"


class WooCommerceConnector(BridgeConnector):
    cart_marker = "woocommerce"
    _cache: dict[str, Any]

    def _memo(self) -> dict[str, Any]:
        if not hasattr(self, "_cache"):
            self._cache = {}
        return self._cache

    # -- settings ---------------------------------------------------------------------------
    @property
    def options(self) -> Options:
        memo = self._memo()
        if "options" not in memo:
            memo["options"] = Options(self.db)
        return memo["options"]

    async def _table_prefix(self) -> str:
        """WordPress's table prefix, which user meta and option keys carry (``wp_capabilities``);
        read from the ``<prefix>user_roles`` option every install has."""
        memo = self._memo()
        if "prefix" not in memo:
            rows = await self.db.select(
                "SELECT option_name FROM {p}options WHERE option_name LIKE ? ORDER BY option_id LIMIT 1",
                ["%user\\_roles"])
            memo["prefix"] = rows[0]["option_name"][:-len("user_roles")] if rows else \
                str(self.store.credentials.get("db_tables_prefix") or "wp_")
        return memo["prefix"]

    async def site(self) -> str:
        return await self.options.one("siteurl") or self.store.store_url

    async def _permalinks(self) -> dict[str, Any]:
        """What get_permalink() builds product links from: ``home``, ``permalink_structure``
        and the product base of ``woocommerce_permalinks``."""
        opts = await self.options.get("home", "permalink_structure", "woocommerce_permalinks")
        links = loads(opts.get("woocommerce_permalinks") or "") or {}
        base = links.get("product_base") if isinstance(links, dict) else None
        return {"home": opts.get("home"), "permalink_structure": opts.get("permalink_structure"),
                "product_base": base}

    async def hpos(self) -> bool:
        return await self.options.one("woocommerce_custom_orders_table_enabled") == "yes"

    async def has_table(self, name: str) -> bool:
        """Whether the store has one of WooCommerce's optional tables (analytics lookups)."""
        memo = self._memo().setdefault("tables", {})
        if name not in memo:
            try:
                await self.db.select(f"SELECT 1 FROM {{p}}{name} LIMIT 1")
                memo[name] = True
            except Exception as exc:  # the bridge's sql_error (105), or the driver's own error
                if "doesn't exist" not in str(exc):
                    raise
                memo[name] = False
        return memo[name]

    async def read_zone(self) -> str | None:
        # wp_timezone(): timezone_string when set, else gmt_offset in hours.
        o = await self.options.get("timezone_string", "gmt_offset")
        return o["timezone_string"] or o["gmt_offset"]

    async def store_info(self, config: dict[str, Any]) -> dict[str, Any]:
        o = await self.options.get("blogname", "admin_email", "woocommerce_currency")
        currency = o["woocommerce_currency"] or "USD"
        return {"name": o["blogname"], "email": o["admin_email"],
                "currency": {"id": currency, "iso3": currency}}

    async def post_meta(self, ids: list[int]) -> dict[int, dict[str, Any]]:
        return await read_meta(self.db, "postmeta", "post_id", ids)

    @staticmethod
    def note(oid: int | InsertId, text: str, gmt: str) -> Statement:
        """An order note (a comment of type ``order_note`` on the order's post id)."""
        return Statement(
            "INSERT INTO {p}comments (comment_post_ID, comment_author, comment_author_email, comment_author_url, "
            "comment_author_IP, comment_date, comment_date_gmt, comment_content, comment_karma, comment_approved, "
            "comment_agent, comment_type, comment_parent, user_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [oid, "WooCommerce", "", "", "", local(gmt), gmt, text, 0, "1", "WooCommerce", "order_note", 0, 0])

    # -- products ---------------------------------------------------------------------------
    def _product_where(self, p: dict[str, Any]) -> Where:
        w = Where().add("p.post_type = ?", "product")
        w.isin("p.post_status", M.LIVE_POST)
        w.isin("p.ID", id_list(p, "product_ids"))
        since = p.get("since_id")
        if since not in (None, ""):
            w.add("p.ID > ?", one_id(since, "Product"))
        cats = id_list(p, "categories_ids") or id_list(p, "category_id")
        if cats is not None:
            w.add("EXISTS (SELECT 1 FROM {p}term_relationships tr JOIN {p}term_taxonomy tt ON "
                  "tt.term_taxonomy_id = tr.term_taxonomy_id WHERE tr.object_id = p.ID AND "
                  f"tt.taxonomy = ? AND tt.term_id IN ({', '.join('?' * len(cats))}))",
                  "product_cat", *cats)
        w.since("p.post_date_gmt", moment(p, "created_from"))
        w.until("p.post_date_gmt", moment(p, "created_to"))
        w.since("p.post_modified_gmt", moment(p, "modified_from"))
        w.until("p.post_modified_gmt", moment(p, "modified_to"))
        w.eq("l.sku", p.get("sku") or None)
        status = p.get("status")
        if status not in (None, ""):
            if status not in M.PRODUCT_STATUSES:
                raise ApiError.invalid("status", "one of " + ", ".join(M.PRODUCT_STATUSES))
            w.eq("p.post_status", status)
        view = M.flag(p, "avail_view")
        if view is not None:
            w.add("p.post_status = ?" if view else "p.post_status <> ?", "publish")
        sale = M.flag(p, "avail_sale")
        if sale is not None:
            w.add("l.stock_status <> ?" if sale else "l.stock_status = ?", "outofstock")
        kind = p.get("product_type") or p.get("type")
        if kind not in (None, ""):
            w.add("EXISTS (SELECT 1 FROM {p}term_relationships tr JOIN {p}term_taxonomy tt ON "
                  "tt.term_taxonomy_id = tr.term_taxonomy_id JOIN {p}terms t ON t.term_id = tt.term_id "
                  "WHERE tr.object_id = p.ID AND tt.taxonomy = ? AND t.slug = ?)", "product_type", kind)
        if p.get("visible") not in (None, "", "everywhere", "any") and p["visible"] not in _VISIBILITY:
            raise ApiError.invalid("visible", "everywhere, catalog, search or hidden")
        if p.get("find_value") not in (None, ""):
            where = str(p.get("find_where") or "name")
            column = {"name": "p.post_title", "sku": "l.sku", "model": "l.sku",
                      "description": "p.post_content"}.get(where)
            if column is None:
                raise ApiError.invalid("find_where", "name, sku, model or description")
            w.like(column, str(p["find_value"]))
        return w

    _PRODUCT_FROM = " FROM {p}posts p LEFT JOIN {p}wc_product_meta_lookup l ON l.product_id = p.ID"

    async def _products(self, w: Where, suffix: str = "", params: tuple = ()) -> list[dict[str, Any]]:
        rows = await self.db.select(
            "SELECT p.ID, p.post_title, p.post_content, p.post_excerpt, p.post_status, p.post_name, "
            "p.post_date_gmt, p.post_modified_gmt, p.menu_order, l.min_price" + self._PRODUCT_FROM
            + w.sql + suffix, [*w.params, *params])
        return await self._hydrate_products(rows)

    async def _terms_of(self, ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        out: dict[int, list[dict[str, Any]]] = defaultdict(list)
        if ids:
            rows = await self.db.select(
                "SELECT tr.object_id, tt.taxonomy, t.term_id, t.name, t.slug FROM {p}term_relationships tr "
                "JOIN {p}term_taxonomy tt ON tt.term_taxonomy_id = tr.term_taxonomy_id "
                "JOIN {p}terms t ON t.term_id = tt.term_id WHERE tr.object_id IN "
                f"({', '.join('?' * len(ids))}) ORDER BY tr.object_id, t.term_id", ids)
            for r in rows:
                out[int(r["object_id"])].append(r)
        return out

    async def _images(self, wanted: dict[int, list[tuple[int, str]]]) -> dict[int, list]:
        ids = sorted({a for pairs in wanted.values() for a, _ in pairs})
        meta = await self.post_meta(ids)
        site = await self.site()
        out = {}
        for owner, pairs in wanted.items():
            out[owner] = [M.image(a, meta[a].get("_wp_attached_file"), meta[a].get("_wp_attachment_image_alt"),
                                  site, n, kind) for n, (a, kind) in enumerate(pairs) if a in meta]
        return out

    async def _attributes(self) -> dict[str, dict[str, Any]]:
        memo = self._memo()
        if "attributes" not in memo:
            rows = await self.db.select("SELECT * FROM {p}woocommerce_attribute_taxonomies ORDER BY attribute_id")
            memo["attributes"] = {f"pa_{r['attribute_name']}": r for r in rows}
        return memo["attributes"]

    async def _hydrate_products(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = [int(r["ID"]) for r in rows]
        meta = await self.post_meta(ids)
        terms = await self._terms_of(ids)
        images = await self._images({i: M.product_image_ids(meta[i]) for i in ids})
        attributes = await self._attributes()
        units = await self.options.get("woocommerce_weight_unit", "woocommerce_dimension_unit")
        site = await self.site()
        links = await self._permalinks()
        out = []
        for r in rows:
            pid = int(r["ID"])
            own = terms[pid]
            slugs = {t["slug"] for t in own if t["taxonomy"] == "product_visibility"}
            by_tax: dict[str, list] = defaultdict(list)
            for t in own:
                by_tax[t["taxonomy"]].append(t)
            ctx = {"categories": [t["term_id"] for t in by_tax["product_cat"]],
                   "type": next((t["slug"] for t in by_tax["product_type"]), "simple"),
                   "hidden": {"exclude-from-search", "exclude-from-catalog"} <= slugs,
                   "visibility": next((v for v, need in reversed(_VISIBILITY.items())
                                       if set(need) <= slugs), "everywhere"),
                   "images": images.get(pid, []), "site": site,
                   "options": M.product_options(meta[pid], attributes, by_tax),
                   "min_price": float(r["min_price"]) if r.get("min_price") is not None else None,
                   "weight_unit": units["woocommerce_weight_unit"],
                   "dimension_unit": units["woocommerce_dimension_unit"],
                   "category_slug": next((t["slug"] for t in by_tax["product_cat"]), None),
                   **links}
            out.append(M.product(r, meta[pid], ctx))
        return out

    async def _page_suffix(self, call: Call, order: str) -> tuple[str, tuple]:
        return order + " LIMIT ? OFFSET ?", (int(call.count), int(call.start))

    async def product_list(self, call: Call) -> Page:
        w = self._product_where(call.params)
        order = order_by(call.params, _PRODUCT_SORT, "id", "p.ID")
        total = await scalar(self.db, "SELECT COUNT(*)" + self._PRODUCT_FROM + w.sql, w.params)
        items = await self._products(w, order + " LIMIT ? OFFSET ?", (int(call.count), int(call.start)))
        return Page(items, int(total or 0))

    async def product_count(self, call: Call) -> dict[str, Any]:
        w = self._product_where(call.params)
        return {"products_count": int(await scalar(self.db, "SELECT COUNT(*)" + self._PRODUCT_FROM + w.sql, w.params) or 0)}

    async def _product(self, ident: Any) -> dict[str, Any]:
        pid = one_id(ident, "Product")
        found = await self._products(Where().add("p.ID = ?", pid).add("p.post_type = ?", "product")
                                     .isin("p.post_status", M.LIVE_POST))
        if not found:
            raise ApiError.not_found("Product", ident)
        return found[0]

    async def product_info(self, call: Call) -> dict[str, Any]:
        return await self._product(call.require("id"))

    async def product_find(self, call: Call) -> dict[str, Any]:
        value = str(call.require("find_value"))
        where = str(call.params.get("find_where") or "name")
        whole = str(call.params.get("find_params") or "whole_words") == "whole_words"
        column = {"name": "p.post_title", "sku": "l.sku", "model": "l.sku", "id": "p.ID"}.get(where)
        if column is None:
            raise ApiError.invalid("find_where", "name, sku, model or id")
        w = Where().add("p.post_type = ?", "product").isin("p.post_status", M.LIVE_POST)
        if whole or where == "id":
            w.add(f"{column} = ?", value)
        else:
            w.like(column, value)
        items = await self._products(w, " ORDER BY p.ID LIMIT 250")
        if not items:
            raise ApiError.nothing_found()
        return {"products_count": len(items), "product": items}

    async def _category_taxonomy_ids(self, ids: list[int]) -> dict[int, int]:
        """term_id -> term_taxonomy_id of ``product_cat`` terms; 112 for an unknown one."""
        if not ids:
            return {}
        rows = await self.db.select(
            f"SELECT term_id, term_taxonomy_id FROM {{p}}term_taxonomy WHERE taxonomy = ? AND term_id IN "
            f"({', '.join('?' * len(ids))})", ["product_cat", *ids])
        found = {int(r["term_id"]): int(r["term_taxonomy_id"]) for r in rows}
        for i in ids:
            if i not in found:
                raise ApiError.not_found("Category", i)
        return found

    async def _unique_slug(self, table_sql: str, wanted: str, params: list[Any]) -> str:
        base = M.slugify(wanted) or "item"
        rows = await self.db.select(table_sql, [*params, base.replace("_", "\\_") + "%"])
        taken = {r["slug"] for r in rows}
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

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
        manage = M.flag(p, "manage_stock")
        if manage is not None:
            meta["_manage_stock"] = "yes" if manage else "no"
        in_stock = M.flag(p, "in_stock")
        if in_stock is not None:
            meta["_stock_status"] = "instock" if in_stock else "outofstock"
        for name, key in (("weight", "_weight"), ("width", "_width"), ("height", "_height"),
                          ("length", "_length")):
            value = M.number(p, name)
            if value is not None:
                meta[key] = M.money(value) if value else ""
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
        virtual = M.flag(p, "is_virtual")
        if virtual is not None:
            meta["_virtual"] = "yes" if virtual else "no"
        merged = {**current, **meta}
        if {"_regular_price", "_sale_price", "_sale_price_dates_from", "_sale_price_dates_to"} & set(meta):
            meta["_price"] = merged.get("_sale_price") if M.on_sale(merged) else merged.get("_regular_price", "")
        return meta

    def _lookup_row(self, pid: Any, meta: dict[str, Any]) -> Statement:
        price = M.num(meta.get("_price"))
        regular = M.num(meta.get("_regular_price"))
        sale = M.num(meta.get("_sale_price"))
        return Statement(
            "INSERT INTO {p}wc_product_meta_lookup (product_id, sku, global_unique_id, `virtual`, "
            "downloadable, min_price, max_price, onsale, stock_quantity, stock_status, rating_count, "
            "average_rating, total_sales, tax_status, tax_class) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [pid, meta.get("_sku", ""), meta.get("_global_unique_id", ""),
             1 if meta.get("_virtual") == "yes" else 0, 0, price, max(x for x in (price, regular, 0) if x is not None),
             1 if sale is not None and M.on_sale(meta) else 0,
             M.num(meta.get("_stock")) if meta.get("_manage_stock") == "yes" else None,
             meta.get("_stock_status") or "instock", 0, 0, int(M.num(meta.get("total_sales")) or 0),
             meta.get("_tax_status") or "taxable", meta.get("_tax_class") or ""])

    def _status(self, p: dict[str, Any]) -> str | None:
        status = p.get("status")
        if status not in (None, ""):
            if status not in M.PRODUCT_STATUSES:
                raise ApiError.invalid("status", "one of " + ", ".join(M.PRODUCT_STATUSES))
            return str(status)
        view = M.flag(p, "available_for_view")
        if view is None:
            view = M.flag(p, "avail")
        return None if view is None else ("publish" if view else "private")

    async def _visibility_links(self, p: dict[str, Any], pid: Any) -> list[Statement]:
        visible = p.get("visible")
        if visible in (None, ""):
            return []
        if visible not in _VISIBILITY:
            raise ApiError.invalid("visible", "everywhere, catalog, search or hidden")
        out = []
        for slug in ("exclude-from-search", "exclude-from-catalog"):
            ttid = await term_taxonomy_id(self.db, "product_visibility", slug)
            if ttid is None:
                continue
            out.append(Statement("DELETE FROM {p}term_relationships WHERE object_id = ? AND term_taxonomy_id = ?",
                                 [pid, ttid]))
            if slug in _VISIBILITY[visible]:
                out.append(Statement("INSERT INTO {p}term_relationships (object_id, term_taxonomy_id, term_order) "
                                     "VALUES (?, ?, 0)", [pid, ttid]))
        return out

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
        if meta["_sku"] and await scalar(self.db, "SELECT product_id FROM {p}wc_product_meta_lookup WHERE sku = ?", [meta["_sku"]]):
            raise ApiError(ReturnCode.ALREADY_EXISTS, f"Product with sku {meta['_sku']} already exists")
        cats = id_list(p, "categories_ids") or id_list(p, "category_id") or []
        ttids = list((await self._category_taxonomy_ids(cats)).values())
        if not ttids:
            default = await self.options.one("default_product_cat")
            ttids = list((await self._category_taxonomy_ids([int(default)])).values()) if default and default.isdecimal() else []
        kind = str(p.get("type") or "simple")
        type_ttid = await term_taxonomy_id(self.db, "product_type", kind)
        if type_ttid is None:
            raise ApiError.invalid("type", "simple, variable, grouped or external")
        slug = await self._unique_slug("SELECT post_name AS slug FROM {p}posts WHERE post_type = ? AND post_name LIKE ?",
                                       str(p.get("seo_url") or name), ["product"])
        now = now_db()
        created = moment(p, "created_at")
        created_at = db_time(created) if created else now
        statements = [Statement(
            "INSERT INTO {p}posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, "
            "post_status, comment_status, ping_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, "
            "post_content_filtered, post_parent, guid, menu_order, post_type) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [1, created_at, gmt_time(created) if created else now_gmt(), str(p.get("description") or ""), name,
             str(p.get("short_description") or ""), self._status(p) or "publish", "open", "closed", slug, "", "", now,
             now_gmt(), "", 0, "", 0, "product"])]
        pid = InsertId(0)
        site = await self.site()
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
        pid = one_id(call.require("id"), "Product")
        row = await self.db.select("SELECT ID FROM {p}posts WHERE ID = ? AND post_type = ?", [pid, "product"])
        if not row:
            raise ApiError.not_found("Product", pid)
        current = (await self.post_meta([pid]))[pid]
        meta = self._product_meta(p, current)
        if meta.get("_sku") and meta["_sku"] != current.get("_sku") and await scalar(
                self.db, "SELECT product_id FROM {p}wc_product_meta_lookup WHERE sku = ? AND product_id <> ?",
                [meta["_sku"], pid]):
            raise ApiError(ReturnCode.ALREADY_EXISTS, f"Product with sku {meta['_sku']} already exists")
        columns: dict[str, Any] = {}
        for param, column in (("name", "post_title"), ("description", "post_content"),
                              ("short_description", "post_excerpt")):
            if p.get(param) is not None:
                columns[column] = str(p[param])
        status = self._status(p)
        if status:
            columns["post_status"] = status
        if p.get("seo_url"):
            columns["post_name"] = await self._unique_slug(
                "SELECT post_name AS slug FROM {p}posts WHERE post_type = ? AND ID <> ? AND post_name LIKE ?",
                str(p["seo_url"]), ["product", pid])
        statements: list[Statement] = []
        cats = id_list(p, "categories_ids")
        if cats is not None:
            ttids = list((await self._category_taxonomy_ids(cats)).values())
            old = await self.db.select(
                "SELECT tr.term_taxonomy_id FROM {p}term_relationships tr JOIN {p}term_taxonomy tt ON "
                "tt.term_taxonomy_id = tr.term_taxonomy_id WHERE tr.object_id = ? AND tt.taxonomy = ?",
                [pid, "product_cat"])
            old_ids = [int(r["term_taxonomy_id"]) for r in old]
            if old_ids:
                marks = ", ".join("?" * len(old_ids))
                statements += [Statement(f"DELETE FROM {{p}}term_relationships WHERE object_id = ? AND term_taxonomy_id IN ({marks})", [pid, *old_ids]),
                               Statement(f"UPDATE {{p}}term_taxonomy SET count = count - 1 WHERE term_taxonomy_id IN ({marks})", old_ids)]
            statements += link(pid, ttids)
        statements += await self._visibility_links(p, pid)
        if not (columns or meta or statements):
            raise ApiError.nothing_to_update()
        now = now_db()
        columns.update(post_modified=now, post_modified_gmt=now_gmt())
        statements.insert(0, Statement(
            f"UPDATE {{p}}posts SET {', '.join(f'{c} = ?' for c in columns)} WHERE ID = ?", [*columns.values(), pid]))
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
        pid = one_id(call.require("id"), "Product")
        if not await self.db.select("SELECT ID FROM {p}posts WHERE ID = ? AND post_type = ?", [pid, "product"]):
            raise ApiError.not_found("Product", pid)
        children = [int(r["ID"]) for r in await self.db.select(
            "SELECT ID FROM {p}posts WHERE post_parent = ? AND post_type = ?", [pid, "product_variation"])]
        statements = await delete_posts(self.db, [pid, *children], spared="product_variation")
        marks = ", ".join("?" * (1 + len(children)))
        statements[-1:-1] = [
            Statement(f"DELETE FROM {{p}}wc_product_meta_lookup WHERE product_id IN ({marks})", [pid, *children]),
            Statement("DELETE FROM {p}wc_product_attributes_lookup WHERE product_or_parent_id = ?", [pid])]
        await self.db.write(statements)
        return {"delete_items": 1}

    async def product_image_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        pid = one_id(p.get("product_id") or call.require("product_id"), "Product")
        if not await self.db.select("SELECT ID FROM {p}posts WHERE ID = ? AND post_type = ?", [pid, "product"]):
            raise ApiError.not_found("Product", pid)
        kind = str(call.require("type"))
        if kind not in ("small", "base", "additional", "thumbnail"):
            raise ApiError.invalid("type", "small, base, additional or thumbnail")
        folder = f"{M.UPLOADS}/{datetime.now(UTC):%Y/%m}"
        path = await self.save_image(folder, p)
        file = path[len(M.UPLOADS) + 1:]
        site = (await self.site()).rstrip("/")
        now = now_db()
        title = file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        current = (await self.post_meta([pid]))[pid]
        statements = [Statement(
            "INSERT INTO {p}posts (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, "
            "post_status, comment_status, ping_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, "
            "post_content_filtered, post_parent, guid, menu_order, post_type, post_mime_type) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [1, now, now_gmt(), "", title, "", "inherit", "open", "closed", M.slugify(title), "", "", now, now_gmt(), "",
             pid, f"{site}/{path}", 0, "attachment", str(p.get("mime") or "image/jpeg")])]
        att = InsertId(0)
        statements += meta_inserts("postmeta", "post_id", att, {"_wp_attached_file": file,
                                                                 "_wp_attachment_image_alt": p.get("label") or ""})
        if kind == "additional":
            gallery = [str(i) for i in M.gallery_ids(current)]
            statements += [Statement("DELETE FROM {p}postmeta WHERE post_id = ? AND meta_key = ?", [pid, "_product_image_gallery"]),
                           Statement("INSERT INTO {p}postmeta (post_id, meta_key, meta_value) "
                                     "VALUES (?, ?, CONCAT(?, ?))",  # att: the new post's id
                                     [pid, "_product_image_gallery",
                                      "".join(f"{g}," for g in gallery), att])]
        else:
            statements += meta_replace("postmeta", "post_id", pid, {"_thumbnail_id": att})
        statements.append(Statement("UPDATE {p}posts SET post_modified = ?, post_modified_gmt = ? WHERE ID = ?", [now, now_gmt(), pid]))
        try:
            done = await self.db.write(statements)
        except Exception:
            await self.files.delete(path)
            raise
        return {"id": str(done[0].insert_id), "image_path": f"{site}/{path}"}

    async def product_image_delete(self, call: Call) -> dict[str, Any]:
        pid = one_id(call.require("product_id"), "Product")
        att = one_id(call.require("id"), "Image")
        meta = await self.post_meta([pid, att])
        if att not in [a for a, _ in M.product_image_ids(meta[pid])]:
            raise ApiError.not_found("Image", att)
        statements = [Statement("DELETE FROM {p}postmeta WHERE post_id = ?", [att]),
                      Statement("DELETE FROM {p}posts WHERE ID = ? AND post_type = ?", [att, "attachment"])]
        if str(meta[pid].get("_thumbnail_id")) == str(att):
            statements.append(Statement("DELETE FROM {p}postmeta WHERE post_id = ? AND meta_key = ?", [pid, "_thumbnail_id"]))
        gallery = [str(i) for i in M.gallery_ids(meta[pid]) if i != att]
        statements += meta_replace("postmeta", "post_id", pid, {"_product_image_gallery": ",".join(gallery)})
        now = now_db()
        statements.append(Statement("UPDATE {p}posts SET post_modified = ?, post_modified_gmt = ? WHERE ID = ?", [now, now_gmt(), pid]))
        await self.db.write(statements)
        file = meta[att].get("_wp_attached_file")
        if file:
            await self.files.delete(f"{M.UPLOADS}/{file}")
        return {"deleted": "true"}

    # -- variations and options -------------------------------------------------------------
    async def _children(self, w: Where, suffix: str = "", params: tuple = ()) -> list[dict[str, Any]]:
        rows = await self.db.select(
            "SELECT p.ID, p.post_parent, p.post_title, p.post_excerpt, p.post_status, p.post_date_gmt, "
            "p.post_modified_gmt, p.menu_order FROM {p}posts p LEFT JOIN {p}wc_product_meta_lookup l "
            "ON l.product_id = p.ID" + w.sql + suffix, [*w.params, *params])
        ids = [int(r["ID"]) for r in rows]
        meta = await self.post_meta(ids)
        images = await self._images({i: M.product_image_ids(meta[i]) for i in ids})
        attributes = await self._attributes()
        slugs = {(k[10:], v) for i in ids for k, v in meta[i].items() if k.startswith("attribute_pa_")}
        term_ids: dict[tuple[str, str], int] = {}
        for taxonomy, slug in slugs:
            tid = await scalar(self.db, "SELECT t.term_id FROM {p}terms t JOIN {p}term_taxonomy tt ON "
                               "tt.term_id = t.term_id WHERE tt.taxonomy = ? AND t.slug = ?", [taxonomy, slug])
            if tid is not None:
                term_ids[(taxonomy, slug)] = int(tid)
        unit = await self.options.one("woocommerce_weight_unit")
        out = []
        for r in rows:
            vid = int(r["ID"])
            combo = []
            for key, value in meta[vid].items():
                if key.startswith("attribute_"):
                    taxonomy = key[10:]
                    option = str(attributes.get(taxonomy, {}).get("attribute_id") or taxonomy)
                    combo.append((option, str(term_ids.get((taxonomy, value), value))))
            out.append(M.child(r, meta[vid], combo, images.get(vid, []), unit))
        return out

    def _child_where(self, p: dict[str, Any]) -> Where:
        w = Where().add("p.post_type = ?", "product_variation").isin("p.post_status", M.LIVE_POST)
        parents = id_list(p, "product_ids") or id_list(p, "product_id")
        w.isin("p.post_parent", parents)
        w.eq("l.sku", p.get("sku") or None)
        w.since("p.post_date_gmt", moment(p, "created_from"))
        w.until("p.post_date_gmt", moment(p, "created_to"))
        w.since("p.post_modified_gmt", moment(p, "modified_from"))
        w.until("p.post_modified_gmt", moment(p, "modified_to"))
        sale = M.flag(p, "avail_sale")
        if sale is not None:
            w.add("l.stock_status <> ?" if sale else "l.stock_status = ?", "outofstock")
        if p.get("find_value") not in (None, ""):
            column = {"sku": "l.sku", "name": "p.post_title"}.get(str(p.get("find_where") or "sku"))
            if column is None:
                raise ApiError.invalid("find_where", "sku or name")
            w.like(column, str(p["find_value"]))
        return w

    async def product_child_item_list(self, call: Call) -> Page:
        w = self._child_where(call.params)
        total = await scalar(self.db, "SELECT COUNT(*) FROM {p}posts p LEFT JOIN {p}wc_product_meta_lookup l "
                             "ON l.product_id = p.ID" + w.sql, w.params)
        items = await self._children(w, " ORDER BY p.ID LIMIT ? OFFSET ?", (int(call.count), int(call.start)))
        return Page(items, int(total or 0))

    async def product_child_item_info(self, call: Call) -> dict[str, Any]:
        parent = one_id(call.require("product_id"), "Product")
        vid = one_id(call.require("id"), "Product variant")
        found = await self._children(Where().add("p.ID = ?", vid).add("p.post_parent = ?", parent)
                                     .add("p.post_type = ?", "product_variation"))
        if not found:
            raise ApiError.not_found("Product variant", vid)
        return found[0]

    async def product_option_list(self, call: Call) -> Page:
        """A product's attributes; without ``product_id`` the store's global attributes."""
        if call.params.get("product_id") not in (None, ""):
            options = (await self._product(call.params["product_id"]))["product_options"]
            return Page(options[call.start:call.start + call.count], len(options))
        attributes = await self._attributes()
        options = []
        for taxonomy, a in attributes.items():
            terms = await self.db.select(
                "SELECT t.term_id, t.name FROM {p}terms t JOIN {p}term_taxonomy tt ON tt.term_id = t.term_id "
                "WHERE tt.taxonomy = ? ORDER BY t.term_id", [taxonomy])
            options.append(M.ProductOption(
                id=str(a["attribute_id"]), product_option_id=str(a["attribute_id"]), name=a["attribute_label"],
                type=a["attribute_type"], available=True,
                option_items=[M.ProductOptionValue(id=str(t["term_id"]), name=t["name"], sort_order=n)
                              for n, t in enumerate(terms)],
                additional_fields={"attribute": taxonomy}).to_wire())
        return Page(options[call.start:call.start + call.count], len(options))

    # -- categories -------------------------------------------------------------------------
    _CATEGORY_FROM = (" FROM {p}terms t JOIN {p}term_taxonomy tt ON tt.term_id = t.term_id")

    def _category_where(self, p: dict[str, Any]) -> Where:
        for name in ("created_from", "created_to", "modified_from", "modified_to"):
            if p.get(name) not in (None, ""):
                raise ApiError.invalid(name, "not supported: WooCommerce categories have no dates")
        w = Where().add("tt.taxonomy = ?", "product_cat")
        if p.get("parent_id") not in (None, ""):
            w.add("tt.parent = ?", one_id(p["parent_id"], "Category"))
        if M.flag(p, "avail") is False:
            w.add("1 = 0")
        if p.get("find_value") not in (None, ""):
            if str(p.get("find_where") or "name") != "name":
                raise ApiError.invalid("find_where", "name")
            w.like("t.name", str(p["find_value"]))
        return w

    async def _categories(self, w: Where, suffix: str = "", params: tuple = ()) -> list[dict[str, Any]]:
        rows = await self.db.select("SELECT t.term_id, t.name, t.slug, tt.description, tt.parent, tt.count"
                                    + self._CATEGORY_FROM + w.sql + suffix, [*w.params, *params])
        ids = [int(r["term_id"]) for r in rows]
        meta = await read_meta(self.db, "termmeta", "term_id", ids)
        wanted = {i: [(int(meta[i]["thumbnail_id"]), "base")] for i in ids
                  if str(meta[i].get("thumbnail_id") or "").isdecimal() and str(meta[i].get("thumbnail_id")) != "0"}
        images = await self._images(wanted)
        return [M.category(r, meta[int(r["term_id"])], images.get(int(r["term_id"]), [])) for r in rows]

    async def category_list(self, call: Call) -> Page:
        w = self._category_where(call.params)
        total = await scalar(self.db, "SELECT COUNT(*)" + self._CATEGORY_FROM + w.sql, w.params)
        items = await self._categories(w, " ORDER BY t.term_id LIMIT ? OFFSET ?", (int(call.count), int(call.start)))
        return Page(items, int(total or 0))

    async def category_count(self, call: Call) -> dict[str, Any]:
        w = self._category_where(call.params)
        return {"categories_count": int(await scalar(self.db, "SELECT COUNT(*)" + self._CATEGORY_FROM + w.sql, w.params) or 0)}

    async def _category(self, ident: Any) -> dict[str, Any]:
        cid = one_id(ident, "Category")
        found = await self._categories(Where().add("tt.taxonomy = ?", "product_cat").add("t.term_id = ?", cid))
        if not found:
            raise ApiError.not_found("Category", ident)
        return found[0]

    async def category_info(self, call: Call) -> dict[str, Any]:
        return await self._category(call.require("id"))

    async def category_find(self, call: Call) -> dict[str, Any]:
        value = str(call.require("find_value"))
        where = str(call.params.get("find_where") or "name")
        w = Where().add("tt.taxonomy = ?", "product_cat")
        if where == "id":
            w.add("t.term_id = ?", value)
        elif where == "name":
            if str(call.params.get("find_params") or "whole_words") == "whole_words":
                w.add("t.name = ?", value)
            else:
                w.like("t.name", value)
        else:
            raise ApiError.invalid("find_where", "name or id")
        items = await self._categories(w, " ORDER BY t.term_id LIMIT 250")
        if not items:
            raise ApiError.nothing_found()
        return {"categories_count": len(items), "category": items}

    async def category_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        name = str(call.require("name"))
        parent = 0
        if p.get("parent_id") not in (None, "", "0", 0):
            parent = one_id(p["parent_id"], "Category")
            await self._category_taxonomy_ids([parent])
        slug = await self._unique_slug(
            "SELECT t.slug" + self._CATEGORY_FROM + " WHERE tt.taxonomy = ? AND t.slug LIKE ?",
            str(p.get("seo_url") or name), ["product_cat"])
        tid = InsertId(0)
        done = await self.db.write([
            Statement("INSERT INTO {p}terms (name, slug, term_group) VALUES (?, ?, 0)", [name, slug]),
            Statement("INSERT INTO {p}term_taxonomy (term_id, taxonomy, description, parent, count) "
                      "VALUES (?, ?, ?, ?, 0)", [tid, "product_cat", str(p.get("description") or ""), parent]),
            *meta_inserts("termmeta", "term_id", tid, {"order": int(p.get("sort_order") or 0),
                                                        "display_type": ""})])
        return {"category_id": str(done[0].insert_id)}

    async def category_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        cid = one_id(call.require("id"), "Category")
        await self._category_taxonomy_ids([cid])
        terms: dict[str, Any] = {}
        tax: dict[str, Any] = {}
        meta: dict[str, Any] = {}
        if p.get("name") not in (None, ""):
            terms["name"] = str(p["name"])
        if p.get("seo_url") not in (None, ""):
            terms["slug"] = await self._unique_slug(
                "SELECT t.slug" + self._CATEGORY_FROM + " WHERE tt.taxonomy = ? AND t.term_id <> ? AND t.slug LIKE ?",
                str(p["seo_url"]), ["product_cat", cid])
        if p.get("description") is not None:
            tax["description"] = str(p["description"])
        if p.get("parent_id") not in (None, ""):
            parent = one_id(p["parent_id"], "Category")
            if parent == cid:
                raise ApiError.invalid("parent_id", "a category other than itself")
            if parent:
                await self._category_taxonomy_ids([parent])
            tax["parent"] = parent
        if p.get("sort_order") is not None:
            meta["order"] = int(p["sort_order"])
        if not (terms or tax or meta):
            raise ApiError.nothing_to_update()
        statements = []
        if terms:
            statements.append(Statement(f"UPDATE {{p}}terms SET {', '.join(f'{c} = ?' for c in terms)} WHERE term_id = ?",
                                        [*terms.values(), cid]))
        if tax:
            statements.append(Statement(f"UPDATE {{p}}term_taxonomy SET {', '.join(f'{c} = ?' for c in tax)} "
                                        "WHERE term_id = ? AND taxonomy = ?", [*tax.values(), cid, "product_cat"]))
        statements += meta_replace("termmeta", "term_id", cid, meta)
        await self.db.write(statements)
        return {"updated_items": 1}

    async def category_delete(self, call: Call) -> dict[str, Any]:
        cid = one_id(call.require("id"), "Category")
        ttid = (await self._category_taxonomy_ids([cid]))[cid]
        if str(await self.options.one("default_product_cat")) == str(cid):
            raise ApiError.invalid("id", "a category other than the store's default category")
        parent = await scalar(self.db, "SELECT parent FROM {p}term_taxonomy WHERE term_taxonomy_id = ?", [ttid])
        # wp_delete_term re-sets each product's categories without this one; a product left in
        # none gets default_product_cat (WC_Post_Data::force_default_term).
        default = await self.options.one("default_product_cat")
        orphans = [int(r["object_id"]) for r in await self.db.select(
            "SELECT tr.object_id FROM {p}term_relationships tr WHERE tr.term_taxonomy_id = ? AND NOT EXISTS"
            " (SELECT 1 FROM {p}term_relationships o JOIN {p}term_taxonomy ot ON ot.term_taxonomy_id ="
            " o.term_taxonomy_id WHERE o.object_id = tr.object_id AND ot.taxonomy = ? AND"
            " o.term_taxonomy_id <> tr.term_taxonomy_id)", [ttid, "product_cat"])]
        relink: list[Statement] = []
        if orphans and default and default.isdecimal():
            fallback = (await self._category_taxonomy_ids([int(default)]))[int(default)]
            relink = link_many(orphans, fallback)
        await self.db.write([
            Statement("UPDATE {p}term_taxonomy SET parent = ? WHERE parent = ? AND taxonomy = ?", [parent, cid, "product_cat"]),
            *relink,
            Statement("DELETE FROM {p}term_relationships WHERE term_taxonomy_id = ?", [ttid]),
            Statement("DELETE FROM {p}termmeta WHERE term_id = ?", [cid]),
            Statement("DELETE FROM {p}term_taxonomy WHERE term_taxonomy_id = ?", [ttid]),
            Statement("DELETE FROM {p}terms WHERE term_id = ?", [cid])])
        return {"delete_items": True}

    async def _assignment(self, call: Call) -> tuple[int, int, bool]:
        cid = one_id(call.require("category_id"), "Category")
        pid = one_id(call.require("product_id"), "Product")
        ttid = (await self._category_taxonomy_ids([cid]))[cid]
        if not await self.db.select("SELECT ID FROM {p}posts WHERE ID = ? AND post_type = ?", [pid, "product"]):
            raise ApiError.not_found("Product", pid)
        linked = bool(await self.db.select(
            "SELECT object_id FROM {p}term_relationships WHERE object_id = ? AND term_taxonomy_id = ?", [pid, ttid]))
        return pid, ttid, linked

    def _touch_post(self, pid: int) -> Statement:
        now = now_db()
        return Statement("UPDATE {p}posts SET post_modified = ?, post_modified_gmt = ? WHERE ID = ?", [now, now_gmt(), pid])

    async def category_assign(self, call: Call) -> dict[str, Any]:
        pid, ttid, linked = await self._assignment(call)
        if not linked:
            await self.db.write([*link(pid, [ttid]), self._touch_post(pid)])
        return {}

    async def category_unassign(self, call: Call) -> dict[str, Any]:
        pid, ttid, linked = await self._assignment(call)
        if linked:
            await self.db.write([
                Statement("DELETE FROM {p}term_relationships WHERE object_id = ? AND term_taxonomy_id = ?", [pid, ttid]),
                Statement("UPDATE {p}term_taxonomy SET count = count - 1 WHERE term_taxonomy_id = ?", [ttid]),
                self._touch_post(pid)])
        return {}

    # -- customers --------------------------------------------------------------------------
    async def _roles(self) -> dict[str, str]:
        raw = loads(await self.options.one(f"{await self._table_prefix()}user_roles")) or {}
        return {k: str(v.get("name", k)) for k, v in raw.items() if isinstance(v, dict)} if isinstance(raw, dict) else {}

    async def _customer_where(self, p: dict[str, Any]) -> Where:
        role = str(p.get("group_id") or "customer")
        if role not in await self._roles():
            raise ApiError.invalid("group_id", "a WordPress role (customer.group.list)")
        w = Where().add("EXISTS (SELECT 1 FROM {p}usermeta c WHERE c.user_id = u.ID AND c.meta_key = ? "
                        "AND c.meta_value LIKE ?)", f"{await self._table_prefix()}capabilities", f'%"{role}"%')
        w.isin("u.ID", id_list(p, "ids"))
        if p.get("since_id") not in (None, ""):
            w.add("u.ID > ?", one_id(p["since_id"], "Customer"))
        w.since("u.user_registered", moment(p, "created_from"), utc=True)
        w.until("u.user_registered", moment(p, "created_to"), utc=True)
        for name, op in (("modified_from", ">="), ("modified_to", "<=")):
            when = moment(p, name)
            if when is not None:
                w.add("COALESCE((SELECT CAST(m.meta_value AS UNSIGNED) FROM {p}usermeta m WHERE m.user_id = u.ID "
                      f"AND m.meta_key = ? LIMIT 1), TIMESTAMPDIFF(SECOND, '1970-01-01', u.user_registered)) {op} ?",
                      "last_update", int(when.timestamp()))
        if M.flag(p, "avail") is False:
            w.add("1 = 0")
        if p.get("find_value") not in (None, ""):
            where = str(p.get("find_where") or "email")
            if where == "email":
                w.like("u.user_email", str(p["find_value"]))
            elif where in ("first_name", "last_name"):
                w.add("EXISTS (SELECT 1 FROM {p}usermeta n WHERE n.user_id = u.ID AND n.meta_key = ? AND n.meta_value LIKE ?)",
                      where, f"%{p['find_value']}%")
            else:
                raise ApiError.invalid("find_where", "email, first_name or last_name")
        return w

    async def _customers(self, w: Where, suffix: str = "", params: tuple = ()) -> list[dict[str, Any]]:
        rows = await self.db.select("SELECT u.* FROM {p}users u" + w.sql + suffix, [*w.params, *params])
        meta = await read_meta(self.db, "usermeta", "user_id", [int(r["ID"]) for r in rows])
        roles = await self._roles()
        key = f"{await self._table_prefix()}capabilities"
        return [M.customer(r, meta[int(r["ID"])], roles, key) for r in rows]

    async def customer_list(self, call: Call) -> Page:
        w = await self._customer_where(call.params)
        order = order_by(call.params, _CUSTOMER_SORT, "created_time", "u.ID")
        total = await scalar(self.db, "SELECT COUNT(*) FROM {p}users u" + w.sql, w.params)
        return Page(await self._customers(w, order + " LIMIT ? OFFSET ?", (int(call.count), int(call.start))),
                    int(total or 0))

    async def customer_count(self, call: Call) -> dict[str, Any]:
        w = await self._customer_where(call.params)
        return {"customers_count": int(await scalar(self.db, "SELECT COUNT(*) FROM {p}users u" + w.sql, w.params) or 0)}

    async def _customer(self, ident: Any) -> dict[str, Any]:
        uid = one_id(ident, "Customer")
        found = await self._customers(Where().add("u.ID = ?", uid))
        if not found:
            raise ApiError.not_found("Customer", ident)
        return found[0]

    async def customer_info(self, call: Call) -> dict[str, Any]:
        return await self._customer(call.require("id"))

    async def customer_find(self, call: Call) -> dict[str, Any]:
        value = str(call.require("find_value"))
        where = str(call.params.get("find_where") or "email")
        w = Where()
        if where == "email":
            w.add("u.user_email = ?", value)
        elif where == "id":
            w.add("u.ID = ?", value)
        elif where == "login":
            w.add("u.user_login = ?", value)
        else:
            raise ApiError.invalid("find_where", "email, id or login")
        items = await self._customers(w, " ORDER BY u.ID LIMIT 250")
        if not items:
            raise ApiError.nothing_found()
        return {"customers_count": len(items), "customer": items}

    @staticmethod
    def _address_meta(a: dict[str, Any], kind: str) -> dict[str, Any]:
        fields = {"first_name": a.get("first_name"), "last_name": a.get("last_name"),
                  "company": a.get("company"), "address_1": a.get("address1"),
                  "address_2": a.get("address2"), "city": a.get("city"),
                  "postcode": a.get("postcode"), "country": a.get("country"),
                  "state": a.get("state"), "phone": a.get("phone")}
        return {f"{kind}_{k}": str(v) for k, v in fields.items() if v is not None}

    def _addresses_meta(self, addresses: Any) -> dict[str, Any]:
        if addresses in (None, ""):
            return {}
        if not isinstance(addresses, list):
            raise ApiError.invalid("address", "array of addresses")
        meta: dict[str, Any] = {}
        for n, a in enumerate(addresses):
            if not isinstance(a, dict):
                raise ApiError.invalid("address", "array of addresses")
            # the contract names the keys address_book_*: read them as the bare ones
            a = {**{k[len("address_book_"):]: v for k, v in a.items() if k.startswith("address_book_")},
                 **{k: v for k, v in a.items() if not k.startswith("address_book_")}}
            kinds = a.get("type") or ("billing" if n == 0 else "shipping")
            for kind in [kinds] if isinstance(kinds, str) else kinds:
                if kind not in ("billing", "shipping"):
                    raise ApiError.invalid("address", "billing or shipping addresses")
                meta.update(self._address_meta(a, kind))
        return meta

    async def _role(self, p: dict[str, Any]) -> str | None:
        role = p.get("group_id") or p.get("group")
        if role in (None, ""):
            return None
        if str(role) not in await self._roles():
            raise ApiError.invalid("group_id", "a WordPress role (customer.group.list)")
        return str(role)

    async def customer_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        email = str(call.require("email")).strip()
        if "@" not in email or len(email) > 100:
            raise ApiError.invalid("email", "e-mail address")
        login = str(p.get("login") or email)[:60]
        if await self.db.select("SELECT ID FROM {p}users WHERE user_email = ? OR user_login = ?", [email, login]):
            raise ApiError(ReturnCode.ALREADY_EXISTS, f"Customer with email {email} already exists")
        role = await self._role(p) or "customer"
        first, last = str(p.get("first_name") or ""), str(p.get("last_name") or "")
        created = moment(p, "created_time")
        registered = gmt_time(created) if created else now_gmt()
        prefix = await self._table_prefix()
        meta: dict[str, Any] = {"nickname": login, "first_name": first, "last_name": last, "description": "",
                "rich_editing": "true", "locale": "", f"{prefix}capabilities": dumps({role: True}),
                f"{prefix}user_level": "0", "last_update": int(datetime.now(UTC).timestamp()),
                "billing_email": email}
        if p.get("phone"):
            meta["billing_phone"] = str(p["phone"])
        if p.get("company"):
            meta["billing_company"] = str(p["company"])
        meta.update(self._addresses_meta(p.get("address")))
        uid = InsertId(0)
        password = M.phpass_hash(str(p.get("password") or M.new_tracking_id()))
        done = await self.db.write([
            Statement("INSERT INTO {p}users (user_login, user_pass, user_nicename, user_email, user_url, "
                      "user_registered, user_activation_key, user_status, display_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      [login, password, M.slugify(login)[:50], email, "", registered, "", 0,
                       f"{first} {last}".strip() or login]),
            *meta_inserts("usermeta", "user_id", uid, meta),
            Statement("INSERT INTO {p}wc_customer_lookup (user_id, username, first_name, last_name, email, "
                      "date_registered, country, postcode, city, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      [uid, login, first, last, email, registered, meta.get("billing_country", "")[:2],
                       meta.get("billing_postcode", "")[:20], meta.get("billing_city", "")[:100],
                       meta.get("billing_state", "")[:100]])])
        return {"customer_id": str(done[0].insert_id)}

    async def customer_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        uid = one_id(call.require("id"), "Customer")
        await self._customer(uid)
        columns: dict[str, Any] = {}
        meta: dict[str, Any] = {}
        if p.get("email") not in (None, ""):
            email = str(p["email"]).strip()
            if "@" not in email or len(email) > 100:
                raise ApiError.invalid("email", "e-mail address")
            if await self.db.select("SELECT ID FROM {p}users WHERE user_email = ? AND ID <> ?", [email, uid]):
                raise ApiError(ReturnCode.ALREADY_EXISTS, f"Customer with email {email} already exists")
            columns["user_email"] = email
        if p.get("password") not in (None, ""):
            columns["user_pass"] = M.phpass_hash(str(p["password"]))
        for name, key in (("first_name", "first_name"), ("last_name", "last_name"),
                          ("phone", "billing_phone"), ("company", "billing_company")):
            if p.get(name) is not None:
                meta[key] = str(p[name])
        role = await self._role(p)
        if role:
            meta[f"{await self._table_prefix()}capabilities"] = dumps({role: True})
        meta.update(self._addresses_meta(p.get("address")))
        if not (columns or meta):
            raise ApiError.nothing_to_update()
        meta["last_update"] = int(datetime.now(UTC).timestamp())
        statements = []
        if columns:
            statements.append(Statement(f"UPDATE {{p}}users SET {', '.join(f'{c} = ?' for c in columns)} WHERE ID = ?",
                                        [*columns.values(), uid]))
        statements += meta_replace("usermeta", "user_id", uid, meta)
        lookup = {k: v for k, v in (("first_name", meta.get("first_name")), ("last_name", meta.get("last_name")),
                                    ("email", columns.get("user_email"))) if v is not None}
        if lookup:
            statements.append(Statement(f"UPDATE {{p}}wc_customer_lookup SET {', '.join(f'{c} = ?' for c in lookup)} "
                                        "WHERE user_id = ?", [*lookup.values(), uid]))
        await self.db.write(statements)
        return {"updated_items": 1}

    async def customer_delete(self, call: Call) -> dict[str, Any]:
        """wp_delete_user without reassignment, with WooCommerce's hooks: the posts the user
        wrote (post types with authors), the user's meta and row, the customer lookup row
        (CustomersDataStore::delete_customer_by_user_id) and, on the user's orders, the
        customer set to guest (wc_reset_order_customer_id_on_deleted_user)."""
        uid = one_id(call.require("id"), "Customer")
        await self._customer(uid)
        authored = [int(r["ID"]) for r in await self.db.select(
            "SELECT ID FROM {p}posts WHERE post_author = ? AND post_type IN (?, ?, ?, ?)",
            [uid, "post", "page", "attachment", "wp_block"])]
        statements = await delete_posts(self.db, authored, spared="product_variation") if authored else []
        statements += [Statement("DELETE FROM {p}usermeta WHERE user_id = ?", [uid]),
                       Statement("DELETE FROM {p}wc_customer_lookup WHERE user_id = ?", [uid]),
                       Statement("DELETE FROM {p}users WHERE ID = ?", [uid])]
        if await self.hpos():
            statements.append(Statement("UPDATE {p}wc_orders SET customer_id = 0, date_updated_gmt = ?"
                                        " WHERE customer_id = ?", [now_gmt(), uid]))
        if not await self.hpos() or await self.options.one("woocommerce_custom_orders_table_data_sync_enabled") == "yes":
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
        current = await self._customer(uid)
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

    async def customer_group_list(self, call: Call) -> Page:
        roles = await self._roles()
        wanted = call.params.get("group_ids")
        if wanted not in (None, ""):
            keep = {g.strip() for g in str(wanted).split(",")}
            roles = {k: v for k, v in roles.items() if k in keep}
        items = [{"id": k, "name": v, "additional_fields": {}, "custom_fields": {}} for k, v in roles.items()]
        return Page(items[call.start:call.start + call.count], len(items))

    # -- orders -----------------------------------------------------------------------------
    async def _order_sql(self) -> dict[str, str]:
        if await self.hpos():
            return {"from": " FROM {p}wc_orders o", "id": "o.id", "created": "o.date_created_gmt",
                    "modified": "o.date_updated_gmt", "status": "o.status", "type": "o.type",
                    "parent": "o.parent_order_id", "customer": "o.customer_id = ?", "email": "o.billing_email = ?",
                    "meta": "wc_orders_meta", "owner": "order_id"}
        exists = "EXISTS (SELECT 1 FROM {p}postmeta m WHERE m.post_id = o.ID AND m.meta_key = ? AND m.meta_value = ?)"
        return {"from": " FROM {p}posts o", "id": "o.ID", "created": "o.post_date_gmt",
                "modified": "o.post_modified_gmt", "status": "o.post_status", "type": "o.post_type",
                "parent": "o.post_parent", "customer": exists, "email": exists, "customer_key": "_customer_user", "email_key": "_billing_email",
                "meta": "postmeta", "owner": "post_id"}

    async def _order_where(self, p: dict[str, Any], s: dict[str, str]) -> Where:
        w = Where().add(f"{s['type']} = ?", "shop_order")
        ids = id_list(p, "order_ids") or id_list(p, "ids")
        w.isin(s["id"], ids)
        if p.get("since_id") not in (None, ""):
            w.add(f"{s['id']} > ?", one_id(p["since_id"], "Order"))
        if p.get("customer_id") not in (None, ""):
            w.add(s["customer"], *([s["customer_key"]] if "customer_key" in s else []),
                  str(one_id(p["customer_id"], "Customer")))
        if p.get("customer_email") not in (None, ""):
            w.add(s["email"], *([s["email_key"]] if "email_key" in s else []), str(p["customer_email"]))
        statuses = p.get("order_status_ids") or p.get("order_status")
        if statuses not in (None, "", []):
            wanted = statuses if isinstance(statuses, list) else str(statuses).split(",")
            ids_ = [M.order_status_id(x) for x in wanted if str(x).strip()]
            for sid in ids_:
                if sid not in M.ORDER_STATUSES:
                    raise ApiError.invalid("order_status", "one of " + ", ".join(M.ORDER_STATUSES))
            w.isin(s["status"], ids_)
        else:
            w.isin(s["status"], list(M.ORDER_STATUSES))
        w.since(s["created"], moment(p, "created_from"))
        w.until(s["created"], moment(p, "created_to"))
        w.since(s["modified"], moment(p, "modified_from"))
        w.until(s["modified"], moment(p, "modified_to"))
        return w

    async def _order_facts(self, ids: list[int], s: dict[str, str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        if await self.hpos():
            rows = await self.db.select(
                "SELECT o.*, d.order_key, d.created_via, d.shipping_total_amount, d.discount_total_amount "
                f"FROM {{p}}wc_orders o LEFT JOIN {{p}}wc_order_operational_data d ON d.order_id = o.id WHERE o.id IN ({marks})", ids)
            addresses = await self.db.select(f"SELECT * FROM {{p}}wc_order_addresses WHERE order_id IN ({marks})", ids)
            by_order: dict[int, dict[str, Any]] = defaultdict(dict)
            for a in addresses:
                by_order[int(a["order_id"])][a["address_type"]] = a
            facts = {int(r["id"]): {
                "id": r["id"], "status": r["status"], "created": r["date_created_gmt"], "modified": r["date_updated_gmt"],
                "note": r["customer_note"], "currency": r["currency"], "total": r["total_amount"], "tax": r["tax_amount"],
                "shipping": r["shipping_total_amount"], "discount": r["discount_total_amount"],
                "customer_id": r["customer_id"], "email": r["billing_email"], "payment_method": r["payment_method"],
                "payment_method_title": r["payment_method_title"], "transaction_id": r["transaction_id"],
                "order_key": r["order_key"], "created_via": r["created_via"], "storage": "hpos",
                "billing": by_order[int(r["id"])].get("billing") or {},
                "shipping_address": by_order[int(r["id"])].get("shipping") or {}} for r in rows}
        else:
            rows = await self.db.select(
                "SELECT ID, post_status, post_date_gmt, post_modified_gmt, post_excerpt FROM {p}posts "
                f"WHERE ID IN ({marks})", ids)
            meta = await self.post_meta(ids)
            facts = {}
            for r in rows:
                m = meta[int(r["ID"])]
                facts[int(r["ID"])] = {
                    "id": r["ID"], "status": r["post_status"], "created": r["post_date_gmt"],
                    "modified": r["post_modified_gmt"], "note": r["post_excerpt"], "currency": m.get("_order_currency"),
                    "total": m.get("_order_total"),
                    # get_total_tax(): cart tax and shipping tax, as HPOS keeps it in tax_amount
                    "tax": (M.num(m.get("_order_tax")) or 0) + (M.num(m.get("_order_shipping_tax")) or 0),
                    "shipping": m.get("_order_shipping"),
                    "discount": m.get("_cart_discount"), "customer_id": m.get("_customer_user"),
                    "email": m.get("_billing_email"), "payment_method": m.get("_payment_method"),
                    "payment_method_title": m.get("_payment_method_title"), "transaction_id": m.get("_transaction_id"),
                    "order_key": m.get("_order_key"), "created_via": m.get("_created_via"), "storage": "posts",
                    "billing": {k[9:]: v for k, v in m.items() if k.startswith("_billing_")},
                    "shipping_address": {k[10:]: v for k, v in m.items() if k.startswith("_shipping_")}}
        return [facts[i] for i in ids if i in facts]

    async def _order_items(self, ids: list[int]) -> tuple[dict[int, list], dict[int, str | None]]:
        lines: dict[int, list] = defaultdict(list)
        shipping: dict[int, str | None] = {}
        if not ids:
            return lines, shipping
        items = await self.db.select(
            f"SELECT * FROM {{p}}woocommerce_order_items WHERE order_id IN ({', '.join('?' * len(ids))}) "
            "ORDER BY order_item_id", ids)
        meta = await read_meta(self.db, "woocommerce_order_itemmeta", "order_item_id", [int(i["order_item_id"]) for i in items])
        product_ids = sorted({int(m.get("_variation_id") or 0) or int(m.get("_product_id") or 0)
                              for m in meta.values() if str(m.get("_product_id") or "").isdecimal()} - {0})
        skus = {}
        if product_ids:
            rows = await self.db.select(f"SELECT product_id, sku FROM {{p}}wc_product_meta_lookup WHERE product_id IN "
                                        f"({', '.join('?' * len(product_ids))})", product_ids)
            skus = {int(r["product_id"]): r["sku"] or None for r in rows}
        for item in items:
            oid, m = int(item["order_id"]), meta[int(item["order_item_id"])]
            if item["order_item_type"] == "line_item":
                key = int(m.get("_variation_id") or 0) or int(m.get("_product_id") or 0)
                lines[oid].append(M.order_item(item, m, skus.get(key)))
            elif item["order_item_type"] == "shipping":
                shipping.setdefault(oid, item["order_item_name"])
        return lines, shipping

    async def _orders(self, ids: list[int], s: dict[str, str]) -> list[dict[str, Any]]:
        facts = await self._order_facts(ids, s)
        lines, shipping = await self._order_items(ids)
        return [M.order(f, lines[int(f["id"])], shipping.get(int(f["id"]))) for f in facts]

    async def order_list(self, call: Call) -> Page:
        s = await self._order_sql()
        w = await self._order_where(call.params, s)
        columns = {"order_id": s["id"], "id": s["id"], "create_at": s["created"], "modified_at": s["modified"]}
        order = order_by(call.params, columns, "order_id", s["id"])
        total = await scalar(self.db, "SELECT COUNT(*)" + s["from"] + w.sql, w.params)
        rows = await self.db.select(f"SELECT {s['id']} AS id" + s["from"] + w.sql + order + " LIMIT ? OFFSET ?",
                                    [*w.params, int(call.count), int(call.start)])
        return Page(await self._orders([int(r["id"]) for r in rows], s), int(total or 0))

    async def order_count(self, call: Call) -> dict[str, Any]:
        s = await self._order_sql()
        w = await self._order_where(call.params, s)
        return {"orders_count": int(await scalar(self.db, "SELECT COUNT(*)" + s["from"] + w.sql, w.params) or 0)}

    async def _order_id(self, ident: Any, s: dict[str, str]) -> int:
        oid = one_id(ident, "Order")
        found = await self.db.select(f"SELECT {s['id']} AS id" + s["from"] + f" WHERE {s['id']} = ? AND {s['type']} = ?",
                                     [oid, "shop_order"])
        if not found:
            raise ApiError.not_found("Order", ident)
        return oid

    async def order_info(self, call: Call) -> dict[str, Any]:
        ident = call.params.get("order_id") or call.params.get("id")
        if ident in (None, ""):
            raise ApiError.required("order_id")
        s = await self._order_sql()
        return (await self._orders([await self._order_id(ident, s)], s))[0]

    async def order_status_list(self, call: Call) -> dict[str, Any]:
        return {"cart_order_statuses": [{"id": k, "name": v, "additional_fields": {}, "custom_fields": {}}
                                        for k, v in M.ORDER_STATUSES.items()],
                "additional_fields": {}, "custom_fields": {}}

    async def order_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        s = await self._order_sql()
        oid = await self._order_id(call.require("order_id"), s)
        hpos = await self.hpos()
        current = (await self._order_facts([oid], s))[0]
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
        if hpos:
            columns["date_updated_gmt"] = now
            table, key = "wc_orders", "id"
        else:
            columns.update(post_modified=local(now), post_modified_gmt=now)
            table, key = "posts", "ID"
        statements.insert(0, Statement(f"UPDATE {{p}}{table} SET {', '.join(f'{c} = ?' for c in columns)} WHERE {key} = ?",
                                       [*columns.values(), oid]))
        await self.db.write(statements)
        return {"updated_items": 1}

    async def order_add(self, call: Call) -> dict[str, Any]:
        return await NewOrder(self, call).run()

    # -- shipments (Shipment Tracking extension) ----------------------------------------------
    async def _tracking(self, ident: Any) -> tuple[int, list[dict[str, Any]], dict[str, str], list]:
        s = await self._order_sql()
        oid = await self._order_id(ident, s)
        value = await scalar(self.db, f"SELECT meta_value FROM {{p}}{s['meta']} WHERE {s['owner']} = ? AND meta_key = ?",
                             [oid, "_wc_shipment_tracking_items"])
        lines, _ = await self._order_items([oid])
        return oid, M.tracking_items(value), s, lines[oid]

    async def order_shipment_list(self, call: Call) -> Page:
        oid, items, _, lines = await self._tracking(call.require("order_id"))
        since, until = moment(call.params, "created_from"), moment(call.params, "created_to")
        ships = [M.shipment(oid, i, lines) for i in items
                 if (since is None or float(i.get("date_shipped") or 0) >= since.timestamp())
                 and (until is None or float(i.get("date_shipped") or 0) <= until.timestamp())]
        return Page(ships[call.start:call.start + call.count], len(ships))

    async def order_shipment_info(self, call: Call) -> dict[str, Any]:
        sid = str(call.require("id"))
        oid, items, _, lines = await self._tracking(call.require("order_id"))
        for i in items:
            if str(i.get("tracking_id")) == sid:
                return M.shipment(oid, i, lines)
        raise ApiError.not_found("Shipment", sid)

    async def _save_tracking(self, oid: int, items: list[dict[str, Any]], s: dict[str, str], existed: bool) -> None:
        value = dumps(items)
        now = now_gmt()
        if existed:
            first = Statement(f"UPDATE {{p}}{s['meta']} SET meta_value = ? WHERE {s['owner']} = ? AND meta_key = ?",
                              [value, oid, "_wc_shipment_tracking_items"])
        else:
            first = meta_inserts(s["meta"], s["owner"], oid, {"_wc_shipment_tracking_items": value})[0]
        touch = Statement("UPDATE {p}wc_orders SET date_updated_gmt = ? WHERE id = ?", [now, oid]) \
            if s["meta"] == "wc_orders_meta" else self._touch_post(oid)
        await self.db.write([first, touch])

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
        provider = str(first.get("carrier_id") or p.get("tracking_provider") or p.get("shipment_provider") or "")
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
        provider = str(p.get("carrier_id") or p.get("tracking_provider") or "")
        if not target.get("tracking_number"):
            target["tracking_number"] = number
            if provider:
                target.update({k: v for k, v in self._tracking_item(provider, number, "", None).items()
                               if k in ("tracking_provider", "custom_tracking_provider")})
            if p.get("tracking_link"):
                target["custom_tracking_link"] = str(p["tracking_link"])
            new_id = sid
        else:
            extra = self._tracking_item(provider or target.get("custom_tracking_provider") or target.get("tracking_provider") or "",
                                        number, str(p.get("tracking_link") or ""), None)
            items.append(extra)
            new_id = extra["tracking_id"]
        await self._save_tracking(oid, items, s, True)
        return {"shipment_tracking_id": new_id}

    # -- returns (refunds, read only) ---------------------------------------------------------
    async def _refund_where(self, p: dict[str, Any], s: dict[str, str]) -> Where:
        w = Where().add(f"{s['type']} = ?", "shop_order_refund")
        orders = id_list(p, "order_ids") or id_list(p, "order_id")
        w.isin(s["parent"], orders)
        status = p.get("status")
        if status not in (None, "") and status != "completed":
            raise ApiError.invalid("status", "completed")
        if p.get("return_type") not in (None, ""):
            raise ApiError.invalid("return_type", "not supported: WooCommerce refunds have no type")
        if p.get("customer_id") not in (None, ""):
            cid = str(one_id(p["customer_id"], "Customer"))
            if s["meta"] == "wc_orders_meta":
                w.add("EXISTS (SELECT 1 FROM {p}wc_orders po WHERE po.id = o.parent_order_id AND po.customer_id = ?)", cid)
            else:
                w.add("EXISTS (SELECT 1 FROM {p}postmeta m WHERE m.post_id = o.post_parent AND m.meta_key = ? "
                      "AND m.meta_value = ?)", "_customer_user", cid)
        w.since(s["created"], moment(p, "created_from"))
        w.until(s["created"], moment(p, "created_to"))
        w.since(s["modified"], moment(p, "modified_from"))
        w.until(s["modified"], moment(p, "modified_to"))
        return w

    async def _refunds(self, ids: list[int], s: dict[str, str]) -> list[dict[str, Any]]:
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        rows = await self.db.select(f"SELECT {s['id']} AS id, {s['parent']} AS parent_id, {s['created']} AS created"
                                    + s["from"] + f" WHERE {s['id']} IN ({marks}) ORDER BY {s['id']}", ids)
        meta = await read_meta(self.db, s["meta"], s["owner"], ids)
        items = await self.db.select(f"SELECT * FROM {{p}}woocommerce_order_items WHERE order_id IN ({marks}) "
                                     "AND order_item_type = ? ORDER BY order_item_id", [*ids, "line_item"])
        imeta = await read_meta(self.db, "woocommerce_order_itemmeta", "order_item_id", [int(i["order_item_id"]) for i in items])
        lines: dict[int, list] = defaultdict(list)
        for i in items:
            lines[int(i["order_id"])].append((i, imeta[int(i["order_item_id"])]))
        out = []
        for r in rows:
            m = meta[int(r["id"])]
            out.append(M.refund({**r, "amount": m.get("_refund_amount"), "reason": m.get("_refund_reason"),
                                 "refunded_by": m.get("_refunded_by")}, lines[int(r["id"])]))
        return out

    async def return_list(self, call: Call) -> Page:
        s = await self._order_sql()
        w = await self._refund_where(call.params, s)
        total = await scalar(self.db, "SELECT COUNT(*)" + s["from"] + w.sql, w.params)
        rows = await self.db.select(f"SELECT {s['id']} AS id" + s["from"] + w.sql + f" ORDER BY {s['id']} LIMIT ? OFFSET ?",
                                    [*w.params, int(call.count), int(call.start)])
        return Page(await self._refunds([int(r["id"]) for r in rows], s), int(total or 0))

    async def return_count(self, call: Call) -> dict[str, Any]:
        s = await self._order_sql()
        w = await self._refund_where(call.params, s)
        return {"returns_count": int(await scalar(self.db, "SELECT COUNT(*)" + s["from"] + w.sql, w.params) or 0)}

    async def return_info(self, call: Call) -> dict[str, Any]:
        s = await self._order_sql()
        rid = one_id(call.require("id"), "Return")
        found = await self._refunds([rid], s) if await self.db.select(
            f"SELECT {s['id']} AS id" + s["from"] + f" WHERE {s['id']} = ? AND {s['type']} = ?",
            [rid, "shop_order_refund"]) else []
        if not found:
            raise ApiError.not_found("Return", rid)
        return found[0]

    async def return_status_list(self, call: Call) -> dict[str, Any]:
        return {"return_statuses": [{"id": "completed", "name": "Completed", "additional_fields": {},
                                     "custom_fields": {}}], "additional_fields": {}, "custom_fields": {}}


guard(WooCommerceConnector, APPLIED, _CART, SAME_AS_DEFAULT, NESTED)
