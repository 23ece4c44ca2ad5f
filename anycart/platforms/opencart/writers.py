"""Product, category and customer add/update/delete: :class:`~anycart.platforms.bridge.writers.EntityWriter`
on :mod:`.writes`, with what the admin does around those rows (links, special price, SEO
keywords, category paths, the address book, OpenCart 3's password hash)."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.bridge import values
from anycart.platforms.bridge.address import BOOK_PREFIX, book
from anycart.platforms.bridge.aliases import Name
from anycart.platforms.bridge.lookups import free, require
from anycart.platforms.bridge.sqlentity import Ctx
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert, scalar
from anycart.platforms.bridge.values import html_text, id_list, now_db
from anycart.platforms.bridge.writers import EntityWriter
from anycart.platforms.bridge.writes import Extra

from . import entities as E
from . import writes as W
from .seo import SeoUrls, SeoUrls4


async def _name(conn: Any, entity: str, ident: int, lang: int) -> str:
    """A stored name in ``lang``, for a keyword made from it."""
    name = await scalar(conn.db, f"SELECT name FROM {{p}}{entity}_description WHERE "
                                 f"{entity}_id = ? AND language_id = ?", [ident, lang])
    return html_text(name) or ""


def _named(conn: Any, entity: str, p: dict[str, Any], ident: Any, lang: int) -> Name:
    """A made keyword's name: the call's, else the stored one (read only when needed)."""
    if p.get("name"):
        return str(p["name"])
    return lambda: _name(conn, entity, ident, lang)


class ProductWriter(EntityWriter):
    """OpenCart has one switch (``status``) for visible and for sale."""

    method, writes, entity = "product", W.PRODUCT, E.PRODUCTS
    required = ("name", "model", "price")
    add_params = frozenset({*W.SPECIAL.params, "seo_url", "categories_ids", "category_id",
                            "lang_id"})
    update_params = frozenset({*W.SPECIAL.params, "seo_url", "categories_ids", "lang_id",
                               "increase_quantity", "reduce_quantity"})
    # ``avail`` is product.update's (the guard refused it on product.add before the declaration).
    update_only = frozenset({"avail"})

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        if ident is not None:
            return {}
        own = W.PRODUCT_NEW_4 if ctx["v4"] else W.PRODUCT_NEW_3
        return {"product": {"date_available": now_db()[:10], **own}}

    async def more(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> list[Statement]:
        adding = isinstance(ident, InsertId)
        out: list[Statement] = []
        if adding:
            out += W.PRODUCT_STORES.rows(ident, [0])
            out += W.PRODUCT_CATEGORIES.rows(ident, await _category_links(conn, p) or [])
        else:
            cats = await _category_links(conn, p) if p.get("categories_ids") is not None else None
            if delta := values.stock_delta(p):
                out.append(Statement("UPDATE {p}product SET quantity = quantity + ? WHERE "
                                     "product_id = ?", [int(delta), ident]))
            out += W.PRODUCT_CATEGORIES.replace(ident, cats) if cats is not None else []
        # ``special_price`` from ``sprice_create`` to ``sprice_expire`` for the store's
        # default customer group
        if any(p.get(n) not in (None, "") for n in W.SPECIAL.params):
            group = {"group": await conn.default_group()}
            out += await W.SPECIAL.statements(conn.db, ident, p, group, adding)
        seo: SeoUrls | SeoUrls4 = await conn.seo()
        name = _named(conn, "product", p, ident, ctx["lang"])
        return out + await seo.write("product_id", ident, p.get("seo_url"), name, ctx["lang"])

    async def removes(self, conn: Any, ident: int, ctx: Ctx) -> list[Statement]:
        v4 = ctx["v4"]
        out = W.PRODUCT.delete(ident, W.PRODUCT_4 if v4 else W.PRODUCT_3)
        out.append(Statement("DELETE FROM {p}product_related WHERE related_id = ?", [ident]))
        out += await (await conn.seo()).delete("product_id", [ident])
        if v4:  # as the 4.x admin does: variants become products of their own
            out.append(Statement("UPDATE {p}product SET master_id = 0 WHERE master_id = ?",
                                 [ident]))
        return out


async def _category_links(conn: Any, params: dict[str, Any]) -> list[int] | None:
    cats = id_list(params, "categories_ids")
    if cats is None and params.get("category_id") not in (None, ""):
        cats = id_list(params, "category_id")
    if cats:
        await require(conn.db, "category", cats, "Category", key="category_id")
    return cats


class CategoryWriter(EntityWriter):
    """A category's ancestors are ``category_path`` rows (:data:`.writes.CATEGORY_PATHS`);
    4.x keys its SEO rows by that path (:meth:`.seo.SeoUrls4.category_edit`)."""

    method, writes, entity = "category", W.CATEGORY, E.CATEGORIES
    required = ("name",)
    add_params = update_params = frozenset({"parent_id", "seo_url", "lang_id"})
    deleted = True

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        seo = ctx["seo"] = await conn.seo()
        if ident is None:
            parent, ctx["path"] = await W.CATEGORY_PATHS.parent(conn.db, p.get("parent_id"), "Category")
            return {"category": {"parent_id": parent, "top": int(parent == 0)}}
        # 4.x keys a category's SEO rows by its path; 3.x needs neither (nor the query).
        old = ctx["old_path"] = (await seo.paths([ident])).get(ident, str(ident)) \
            if isinstance(seo, SeoUrls4) else str(ident)
        ctx["path"] = [int(x) for x in old.split("_")[:-1]]
        moved: dict[str, Any] = {}
        if p.get("parent_id") is not None:
            parent, ctx["path"] = await W.CATEGORY_PATHS.parent(conn.db, p.get("parent_id"), "Category")
            if ident == parent or ident in ctx["path"]:
                raise ApiError.invalid("parent_id", "a category outside this one's subtree")
            moved["parent_id"] = parent
            ctx["moves"] = await W.CATEGORY_PATHS.move(conn.db, ident, ctx["path"])
        extra = {"category": moved}
        if not any(W.CATEGORY.values(p, extra).values()) and p.get("seo_url") in (None, ""):
            raise ApiError.nothing_to_update()
        return extra

    async def more(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> list[Statement]:
        seo: SeoUrls | SeoUrls4 = ctx["seo"]
        lang, given = ctx["lang"], p.get("seo_url")
        if isinstance(ident, InsertId):
            out = W.CATEGORY_STORES.rows(ident, [0]) + W.CATEGORY_PATHS.add(ident, ctx["path"])
            if isinstance(seo, SeoUrls4):
                return out + await seo.category_add(ctx["path"], given, str(p["name"]))
            return out + await seo.write("category_id", ident, given, str(p["name"]), lang)
        name = _named(conn, "category", p, ident, lang)
        if isinstance(seo, SeoUrls4):
            edit = await seo.category_edit(ident, ctx["old_path"], ctx["path"], given, name, lang)
        else:
            edit = await seo.write("category_id", ident, given, name, lang)
        return [*ctx.get("moves", ()), *edit]

    async def removes(self, conn: Any, ident: int, ctx: Ctx) -> list[Statement]:
        """The category and its subcategories; 4.x's SEO rows go by path, read before it goes."""
        ids = await W.CATEGORY_PATHS.subtree(conn.db, ident) or [ident]
        seo: SeoUrls | SeoUrls4 = await conn.seo()
        return W.CATEGORY.delete(ids) + await seo.delete("category_id", ids)


class CustomerWriter(EntityWriter):
    """An e-mail is one customer's (compared in lower case, as OpenCart compares them)."""

    method, writes, entity = "customer", W.CUSTOMER, E.CUSTOMERS
    required = ("email",)
    add_params, update_params = frozenset({"password", "address"}), frozenset({"password"})

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        given = W.CUSTOMER.values(p)["customer"]
        if given.get("email"):
            but = {"where": " AND customer_id <> :but", "but": ident} if ident else {}
            await free(conn.db, "customer", "email", given["email"], "Customer", nocase=True, **but)
        if given.get("customer_group_id") is not None:
            await E.GROUPS.existing(conn, given["customer_group_id"])
        if p.get("password") and ctx["v4"]:
            raise ApiError.invalid("password", "not settable on OpenCart 4 (bcrypt hashes)")
        if ident is not None:
            return {"customer": _legacy_password(p.get("password"))}
        own = {} if ctx["v4"] else {**W.CUSTOMER_NEW_3, **_legacy_password(p.get("password"))}
        group = given.get("customer_group_id") or await conn.default_group()
        return {"customer": {**own, "language_id": ctx["lang"], "customer_group_id": group}}

    async def more(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> list[Statement]:
        """An added customer's ``address`` entries; the one marked default, else the first,
        is (3.x: the customer row names it)."""
        if not isinstance(ident, InsertId):
            return []
        entries = book(p.get("address"))
        default = next((n for n, a in enumerate(entries) if a.get("default")), 0)
        out = [await address_row(conn, ident, a, ctx["v4"], n == default, BOOK_PREFIX)
               for n, a in enumerate(entries)]
        if entries and not ctx["v4"]:
            out.append(Statement("UPDATE {p}customer SET address_id = ? WHERE customer_id = ?",
                                 [InsertId(1 + default), ident]))
        return out

    async def removes(self, conn: Any, ident: int, ctx: Ctx) -> list[Statement]:
        return W.CUSTOMER.delete(ident, W.CUSTOMER_4 if ctx["v4"] else ())


async def address_row(conn: Any, customer: Any, a: dict[str, Any], v4: bool, default: bool,
                      prefix: str = "") -> Statement:
    """An address book row; an unknown country or state is 109 (the order's reading)."""
    where = {"country_id": 0, "zone_id": 0}
    if a.get("country"):
        given = {prefix + k: a.get(k) for k in ("country", "state")}
        where = await W.PLACES[v4].found(conn.db, given, prefix)
    own = {"customer_id": customer, "country_id": where["country_id"], "zone_id": where["zone_id"],
           "custom_field": "", **({"default": int(default)} if v4 else {})}
    return insert("address", {**W.ADDRESS.columns(a), **own})


def _legacy_password(password: Any) -> dict[str, Any]:
    """OpenCart 3's customer password: sha1(salt . sha1(salt . sha1(password)))."""
    if not password:
        return {}
    salt = secrets.token_hex(5)[:9]

    def sha1(s: str) -> str:
        return hashlib.sha1(s.encode()).hexdigest()

    return {"salt": salt, "password": sha1(salt + sha1(salt + sha1(str(password))))}


WRITERS = (ProductWriter(), CategoryWriter(), CustomerWriter())
