"""Product and customer add/update/delete: :class:`~anycart.platforms.bridge.writers.EntityWriter`
over their row declarations (:mod:`.writes`), with what ``WC_Product_Data_Store_CPT`` and
``WC_Customer_Data_Store`` do around those rows: a product's stock, price charged, sale window,
slug, terms and ``wc_product_meta_lookup`` row kept in step with its meta; a customer's
login, password, role, address book, and what a deleted user leaves.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge import values as V
from anycart.platforms.bridge import wordpress as wp
from anycart.platforms.bridge.address import book
from anycart.platforms.bridge.sqlentity import Ctx
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert, scalar
from anycart.platforms.bridge.values import gmt_time, id_list, moment, now_gmt, stock_delta
from anycart.platforms.bridge.writers import EntityWriter
from anycart.platforms.bridge.writes import Extra
from anycart.platforms.overlap import one_of

from . import entities as E
from . import mapping as M
from . import writes as W

#: The meta keys the price charged (``_price``) follows.
_PRICES = {"_regular_price", "_sale_price", "_sale_price_dates_from", "_sale_price_dates_to"}
_WINDOW = {"sprice_create": "_sale_price_dates_from", "sprice_expire": "_sale_price_dates_to"}


class ProductWriter(EntityWriter):
    method, writes, entity = "product", W.PRODUCTS, E.PRODUCTS
    required = ("name",)
    _common = frozenset({"quantity", "status", "available_for_view", "visible", "seo_url", "categories_ids"})
    add_params = _common | {"category_id", "type", "created_at"}
    update_params = _common | {"avail", "increase_quantity", "reduce_quantity"}

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        """Derived meta and the post's columns; ``ctx["meta"]``: the meta after the write."""
        if ident is None and M.number(p, "price") is None:
            raise ApiError.required("price")
        one_of(p, "sku", "model")  # WooCommerce keeps one _sku
        one_of(p, "ean", "upc", "gtin")  # and one _global_unique_id
        current = W.NEW_PRODUCT_META if ident is None else (await conn.post_meta([ident]))[ident]
        declared = self.writes.values(p)
        meta = self._derived(p, current, declared["postmeta"])
        ctx["meta"] = merged = {**current, **declared["postmeta"], **meta}
        if _PRICES & {*declared["postmeta"], *meta}:
            meta["_price"] = merged["_price"] = merged.get("_sale_price") if M.on_sale(merged) \
                else merged.get("_regular_price", "")
        sku = merged.get("_sku")
        if sku and sku != current.get("_sku") and await scalar(
                conn.db, "SELECT product_id FROM {p}wc_product_meta_lookup WHERE sku = ? AND product_id <> ?",
                [sku, ident or 0]):
            raise ApiError(ReturnCode.ALREADY_EXISTS, f"Product with sku {sku} already exists")
        post = {**self._status(p)}
        if p.get("seo_url") or ident is None:
            post["post_name"] = await wp.unique_slug(conn.db, str(p.get("seo_url") or p["name"]),
                                                     post_type="product", not_id=ident or 0)
        if ident is None:
            created = moment(p, "created_at")
            post = wp.post_row("product", gmt_time(created) if created else now_gmt(), now_gmt(),
                               **declared["posts"], **{"post_status": "publish", **post}, comment_status="open")
        elif post or any(declared.values()) or meta or p.get("visible") not in (None, "") \
                or id_list(p, "categories_ids") is not None:
            post.update(wp.post_modified())
        else:
            raise ApiError.nothing_to_update()
        return {"posts": post, "postmeta": meta}

    @staticmethod
    def _derived(p: dict[str, Any], current: dict[str, Any], declared: dict[str, Any]) -> dict[str, Any]:
        """The stock and sale window a call moves: a 0 sale price clears the window; a window
        needs a sale price."""
        meta: dict[str, Any] = {}
        if M.number(p, "special_price") == 0:
            meta.update({k: "" for k in _WINDOW.values() if k not in declared})
        for src in _WINDOW:
            if p.get(src) not in (None, "") and p.get("special_price") in (None, "") \
                    and current.get("_sale_price") in (None, ""):
                raise ApiError.invalid(src, "a date together with special_price (the product has no sale price)")
        quantity = M.number(p, "quantity")
        delta = stock_delta(p)
        if quantity is not None or delta:
            stock = (quantity if quantity is not None else float(current.get("_stock") or 0)) + delta
            found = {"_stock": str(int(stock)) if stock == int(stock) else str(stock), "_manage_stock": "yes",
                     "_stock_status": "instock" if stock > 0 else "outofstock"}
            meta.update({k: v for k, v in found.items() if k not in declared})  # the flags given win
        return meta

    @staticmethod
    def _status(p: dict[str, Any]) -> dict[str, str]:
        """``status``, else ``available_for_view`` (or ``avail``) as published or private."""
        status = p.get("status")
        if status not in (None, ""):
            return {"post_status": M.product_status(status)}
        one_of(p, "available_for_view", "avail")  # 109 for both given, differing
        view = M.flag(p, "available_for_view" if p.get("available_for_view") not in (None, "") else "avail")
        return {} if view is None else {"post_status": "publish" if view else "private"}

    async def more(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> list[Statement]:
        """Type, category (by default the default one) and visibility terms, the lookup row."""
        out: list[Statement] = []
        if isinstance(ident, InsertId):
            out.append(wp.post_guid(ident, await conn.wp.url(), "product"))
            one_of(p, "categories_ids", "category_id")  # 109 for both given, differing
            ttids = await _categories(conn, id_list(p, "categories_ids") or id_list(p, "category_id") or [])
            type_ttid = await wp.term_taxonomy_id(conn.db, "product_type", str(p.get("type") or "simple"))
            if type_ttid is None:
                raise ApiError.invalid("type", "simple, variable, grouped or external")
            out += wp.link(ident, [type_ttid, *(ttids or await _categories(conn, await _default(conn)))])
        else:
            cats = id_list(p, "categories_ids")
            if cats is not None:
                out += await wp.set_terms(conn.db, ident, "product_cat", await _categories(conn, cats))
            out.append(Statement("DELETE FROM {p}wc_product_meta_lookup WHERE product_id = ?", [ident]))
        visible = p.get("visible")
        if visible not in (None, ""):
            if visible not in E.VISIBILITY:
                raise ApiError.invalid("visible", "everywhere, catalog, search or hidden")
            out += await wp.switch_terms(conn.db, ident, "product_visibility", E.VISIBILITY[visible],
                                         E.VISIBILITY["hidden"])
        return [*out, _lookup_row(ident, ctx["meta"])]

    async def removes(self, conn: Any, ident: int, ctx: Ctx) -> list[Statement]:
        """wp_delete_post of the product and its variations (with WC_Post_Data::delete_post's
        lookup rows); attachments and child products are left in place, unattached."""
        children = [int(r["ID"]) for r in await conn.db.select(
            "SELECT ID FROM {p}posts WHERE post_parent = ? AND post_type = ?", [ident, "product_variation"])]
        every = [ident, *children]
        statements: list[Statement] = await wp.delete_posts(conn.db, every, spared="product_variation")
        statements[-1:-1] = [
            Statement(f"DELETE FROM {{p}}wc_product_meta_lookup WHERE product_id IN ({', '.join('?' * len(every))})",
                      every),
            Statement("DELETE FROM {p}wc_product_attributes_lookup WHERE product_or_parent_id = ?", [ident])]
        return statements


async def _categories(conn: Any, ids: list[int]) -> list[int]:
    """The term taxonomy ids of categories ``ids`` (112 for one that is none)."""
    return list((await E.CATEGORIES.ttids(conn, ids)).values())


async def _default(conn: Any) -> list[int]:
    default = await conn.wp.one("default_product_cat")
    return [int(default)] if default and default.isdecimal() else []


def _lookup_row(pid: Any, meta: dict[str, Any]) -> Statement:
    """The product's ``wc_product_meta_lookup`` row, from its meta."""
    price, regular, sale = (M.num(meta.get(k)) for k in ("_price", "_regular_price", "_sale_price"))
    return insert("wc_product_meta_lookup", {
        "product_id": pid, "sku": meta.get("_sku", ""), "global_unique_id": meta.get("_global_unique_id", ""),
        "virtual": 1 if meta.get("_virtual") == "yes" else 0, "downloadable": 0, "min_price": price,
        "max_price": max(x for x in (price, regular, 0) if x is not None),
        "onsale": 1 if sale is not None and M.on_sale(meta) else 0,
        "stock_quantity": M.num(meta.get("_stock")) if meta.get("_manage_stock") == "yes" else None,
        "stock_status": meta.get("_stock_status") or "instock", "rating_count": 0, "average_rating": 0,
        "total_sales": int(M.num(meta.get("total_sales")) or 0),
        "tax_status": meta.get("_tax_status") or "taxable", "tax_class": meta.get("_tax_class") or ""})


class CustomerWriter(EntityWriter):
    method, writes, entity = "customer", W.CUSTOMERS, E.CUSTOMERS
    required = ("email",)
    _common = frozenset({"password", "group", "group_id", "address"})
    add_params = _common | {"login", "created_time"}
    update_params = _common

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        """A new user's rows (``wp_insert_user``), or the e-mail, password and role a call
        changes; the address book; ``last_update`` on every save."""
        meta: dict[str, Any] = addresses_meta(p.get("address"))
        if ident is None:
            email = V.email(p["email"], "email")
            login = str(p.get("login") or email)[:60]
            await E.CUSTOMERS.unique(conn, email, login)
            first, last = str(p.get("first_name") or ""), str(p.get("last_name") or "")
            created = moment(p, "created_time")
            registered = gmt_time(created) if created else now_gmt()
            user, own = wp.user_rows(login, email, str(p.get("password") or M.new_tracking_id()), registered,
                                     role=await E.CUSTOMERS.given_role(conn, p) or "customer",
                                     prefix=await conn.wp.prefix(), first=first, last=last)
            meta = {**own, "billing_email": email, **meta}
            billing = {k[8:]: v for k, v in {**self.writes.values(p)["usermeta"], **meta}.items()
                       if k.startswith("billing_")}
            lookup = {"username": login, "first_name": first, "last_name": last, "email": email,
                      "date_registered": registered, **M.lookup_place(billing)}
        else:
            user, changed = await E.CUSTOMERS.changes(conn, p, ident)
            meta.update(changed)
            lookup = {"email": user["user_email"]} if "user_email" in user else {}
            lookup.update(billing_place(meta))
            if not any(self.writes.values(p, {"users": user, "usermeta": meta}).values()):
                raise ApiError.nothing_to_update()
        return {"users": user, "usermeta": {**meta, "last_update": int(datetime.now(UTC).timestamp())},
                "wc_customer_lookup": lookup}

    async def removes(self, conn: Any, ident: int, ctx: Ctx) -> list[Statement]:
        """wp_delete_user without reassignment, with WooCommerce's hooks: the customer lookup
        row goes and the user's orders become guests' (wc_reset_order_customer_id_on_deleted_user)."""
        statements = [*await wp.delete_user(conn.db, ident, spared="product_variation"),
                      Statement("DELETE FROM {p}wc_customer_lookup WHERE user_id = ?", [ident])]
        hpos = await conn.hpos()
        if hpos:
            statements.append(Statement("UPDATE {p}wc_orders SET customer_id = 0, date_updated_gmt = ?"
                                        " WHERE customer_id = ?", [now_gmt(), ident]))
        if not hpos or await conn.wp.one("woocommerce_custom_orders_table_data_sync_enabled") == "yes":
            statements.append(Statement("UPDATE {p}postmeta SET meta_value = '0' WHERE meta_key = ?"
                                        " AND meta_value = ?", ["_customer_user", str(ident)]))
        return statements


def address_meta(a: dict[str, Any], kind: str) -> dict[str, Any]:
    """A contract address as ``billing_*``/``shipping_*`` user meta (``address1`` -> ``address_1``)."""
    return {f"{kind}_{f}": str(v) for f, v in W.ADDRESS.columns(a).items() if v is not None}


def billing_place(meta: dict[str, Any]) -> dict[str, str]:
    """The ``wc_customer_lookup`` place columns the ``billing_*`` meta written sets (WooCommerce
    Analytics' ``update_registered_customer`` copies the billing city, state, postcode, country)."""
    billing = {k[8:]: v for k, v in meta.items() if k.startswith("billing_")}
    return {k: v for k, v in M.lookup_place(billing).items() if k in billing}


def addresses_meta(addresses: Any) -> dict[str, Any]:
    """The address book as user meta: each entry the ``type`` it names (by default the first
    billing, the others shipping)."""
    meta: dict[str, Any] = {}
    for n, a in enumerate(book(addresses)):
        kinds = a.get("type") or ("billing" if n == 0 else "shipping")
        for kind in [kinds] if isinstance(kinds, str) else kinds:
            if kind not in ("billing", "shipping"):
                raise ApiError.invalid("address", "billing or shipping addresses")
            meta.update(address_meta(a, kind))
    return meta


WRITERS = (ProductWriter(), CustomerWriter())
