"""PrestaShop's product, category and customer add/update/delete, generated from their row
declarations (:mod:`.writes`) by :class:`~anycart.platforms.bridge.writers.EntityWriter`;
the hooks are what the back office does around those rows: a product's stock, category
links and specific price, the categories' nested set (renumbered in the same write), a
customer's groups and address book. An add writes ``_lang`` rows in every language of its
shop, an update in the call's language.
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.assignments import Assignment
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.lookups import free, require
from anycart.platforms.bridge.nested import NestedSet
from anycart.platforms.bridge.slugs import slugify
from anycart.platforms.bridge.sqlentity import Ctx, bind
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert
from anycart.platforms.bridge.stockrows import PARAMS as STOCK_PARAMS
from anycart.platforms.bridge.values import given_db_time, id_list, now_db, one_id
from anycart.platforms.bridge.writers import EntityWriter
from anycart.platforms.bridge.writes import Extra
from anycart.platforms.overlap import one_of

from . import deletes
from . import writes as W
from .entities import CATEGORIES, CUSTOMERS, PRODUCTS, SHOP_LANG, SPECIALS
from .shop import new_customer


async def _every_language(conn: Any, ctx: Ctx) -> None:
    """An added entity's ``_lang`` rows: one per language of the call's shop."""
    ctx["lang"] = await conn._shop_langs(ctx["shop"])


def _rewrite(p: dict[str, Any]) -> dict[str, Any]:
    """An added product's or category's friendly URL when ``seo_url`` gives none."""
    return {} if p.get("seo_url") else {"link_rewrite": slugify(str(p["name"]), 128)}


def _parent(p: dict[str, Any]) -> int | None:
    """The ``parent_id`` a call gives, None when not given."""
    return one_id(p["parent_id"], "Category") if p.get("parent_id") not in (None, "") else None


class ProductWriter(EntityWriter):
    """PrestaShop keeps one ``reference`` (``sku`` and ``model``) and one ``ean13`` (``gtin``
    and ``ean``) per product: a second, different value for one would be lost (109)."""

    method, writes, entity = "product", W.PRODUCT_ROWS, PRODUCTS
    required = ("name", "price")
    add_params = SPECIALS.params | SHOP_LANG | {"categories_ids", "category_id", "created_at", "type"}
    update_params = SPECIALS.params | STOCK_PARAMS | SHOP_LANG | {"categories_ids"}
    serves = ("add", "update")  # product.delete removes image files too: .connector

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        if ident is not None:
            await PRODUCTS.row(conn, ident, p)  # in the call's shop
        elif str(p.get("type") or "simple") not in ("simple", "virtual"):
            raise ApiError.invalid("type", "simple or virtual (combinations are added as child items)")
        one_of(p, "sku", "model")
        one_of(p, "gtin", "ean")
        given = W.PRODUCT_ROWS.values(p)["product"]
        maker = given.get("id_manufacturer")
        await require(conn.db, "manufacturer", [maker] if maker else [], "Manufacturer")
        if ident is not None:
            return {}
        if not given.get("reference"):
            raise ApiError.required("model")
        cats = id_list(p, "categories_ids") or id_list(p, "category_id") or []
        await require(conn.db, "category", cats, "Category")
        default = cats[0] if cats else await conn._setting_int("PS_HOME_CATEGORY", 2)
        ctx["categories"] = cats or [default]
        stamp = given_db_time(p, "created_at") or now_db()
        virtual = bool(p.get("is_virtual")) or p.get("type") == "virtual"
        shared = {"id_category_default": default, "date_add": stamp, "date_upd": stamp}
        await _every_language(conn, ctx)
        return {"product": {**shared, "id_shop_default": ctx["shop"], "quantity": given.get("quantity", 0),
                            "is_virtual": int(virtual),
                            "product_type": "virtual" if virtual else "standard"},
                "product_shop": shared, "product_lang": _rewrite(p)}

    async def more(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> list[Statement]:
        """Stock, category links and the specific price; on update the call's only."""
        shop, adding = ctx["shop"], isinstance(ident, InsertId)
        stock = {"id_product": ident, "id_product_attribute": 0, "id_shop": shop}
        if adding:
            out = [W.STOCK.new(stock, W.PRODUCT_ROWS.values(p)["product"].get("quantity", 0))]
            out += await W.CATEGORY_PRODUCTS.appended(conn.db, ident, ctx["categories"])
        else:
            out = await W.STOCK.changes(conn.db, stock, p)
            out += await _categories(conn, ident, shop, p)
        return out + await SPECIALS.statements(conn.db, ident, p, {"shop": shop}, adding=adding)


async def _categories(conn: Any, pid: int, shop: int, p: dict[str, Any]) -> list[Statement]:
    """``categories_ids`` replaces the product's categories (and its default category when
    that one is dropped)."""
    cats = id_list(p, "categories_ids")
    if cats is None:
        return []
    if not cats:
        raise ApiError.invalid("categories_ids", "at least one category id")
    await require(conn.db, "category", cats, "Category")
    out = await W.CATEGORY_PRODUCTS.replaced(conn.db, pid, cats)
    ctx = {"pid": pid, "shop": shop, "first": cats[0]}
    for table, scope in (("product", ""), ("product_shop", " AND id_shop = :shop")):
        out.append(Statement(*bind(
            f"UPDATE {{p}}{table} SET id_category_default = :first WHERE id_product = :pid"
            f"{scope} AND (id_category_default IS NULL OR id_category_default NOT IN (??))",
            ctx, cats)))
    return out


class CategoryWriter(EntityWriter):
    """A category is a node of the nested set; its groups are its parent's."""

    method, writes, entity = "category", W.CATEGORY_ROWS, CATEGORIES
    required = ("name",)
    add_params = SHOP_LANG | {"parent_id", "created_time", "modified_time"}
    update_params = SHOP_LANG | {"parent_id", "modified_time"}
    deleted = True

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        tree = ctx["tree"] = await NestedSet.read(conn.db)
        modified = given_db_time(p, "modified_time")
        if ident is not None:
            tree.need(ident)
            moved = {} if (parent := _parent(p)) is None else {"id_parent": parent}
            extra = {"category": {**moved, **({"date_upd": modified} if modified else {})}}
            if moved:
                position = W.CATEGORY_ROWS.values(p)["category"].get("position")
                ctx["moves"] = tree.move(ident, moved["id_parent"], position)
            elif not any(W.CATEGORY_ROWS.values(p).values()):
                raise ApiError.nothing_to_update()
            return extra
        if (parent := _parent(p)) is None:
            parent = await conn._setting_int("PS_HOME_CATEGORY", 2)
        siblings = [int(r["position"]) for r in tree.rows.values() if int(r["id_parent"]) == parent]
        position = W.CATEGORY_ROWS.values(p)["category"].get("position", 1 + max(siblings or [-1]))
        ctx["moves"], (left, right, depth) = tree.add(parent, position)
        ctx["parent"] = parent
        stamp = given_db_time(p, "created_time") or now_db()
        await _every_language(conn, ctx)
        return {"category": {"id_parent": parent, "id_shop_default": ctx["shop"], "level_depth": depth,
                             "nleft": left, "nright": right, "date_add": stamp, "position": position,
                             "date_upd": modified or stamp},
                "category_shop": {"position": position}, "category_lang": _rewrite(p)}

    async def more(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> list[Statement]:
        """The tree renumbered; an added category's groups, its parent's."""
        if not isinstance(ident, InsertId):
            return list(ctx.get("moves", ()))
        groups = await conn.db.select("SELECT id_group FROM {p}category_group WHERE id_category = ?",
                                      [ctx["parent"]])
        return [*W.CATEGORY_GROUPS.rows(ident, [g["id_group"] for g in groups]), *ctx["moves"]]

    async def removes(self, conn: Any, ident: int, ctx: Ctx) -> list[Statement]:
        """The category and its subcategories with what Category::delete removes
        (:data:`.deletes.CATEGORY`), the tree renumbered; their products stay, moved to
        the parent."""
        tree = await NestedSet.read(conn.db, extra=", is_root_category")
        row = tree.need(ident)
        if int(row["id_parent"]) == 0 or int(row["is_root_category"]):
            raise ApiError.invalid("id", "a category below the shop's root category")
        doomed = tree.subtree(ident)
        ids, parent = sorted(doomed), int(row["id_parent"])
        # Products left in no category are linked to the parent (the back office's default
        # "link" mode); their default category moves to the parent.
        orphans = [int(r["id_product"]) for r in await conn.db.select(*bind(
            "SELECT DISTINCT cp.id_product FROM {p}category_product cp WHERE cp.id_category IN"
            " (??) AND NOT EXISTS (SELECT 1 FROM {p}category_product o WHERE"
            " o.id_product = cp.id_product AND o.id_category NOT IN (??))", {}, ids))]
        out = deletes.CATEGORY.statements({"ids": ids, "kind": "categories"})
        out += await W.CATEGORY_PRODUCTS.gathered(conn.db, orphans, parent)
        out += [Statement(*bind(f"UPDATE {{p}}{t} SET id_category_default = :parent WHERE"
                                " id_category_default IN (??)", {"parent": parent}, ids))
                for t in ("product", "product_shop")]
        return out + tree.without(doomed)


class CustomerWriter(EntityWriter):
    """A registered customer's e-mail is theirs alone (113); a customer is in groups."""

    method, writes, entity = "customer", W.CUSTOMER_ROWS, CUSTOMERS
    required = ("email",)
    _own = frozenset({"password", "group", "group_id", "group_ids"})
    add_params = _own | {"created_time", "modified_time", "address", "store_id"}
    update_params = _own

    async def extra(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> Extra:
        if ident is not None:
            await CUSTOMERS.row(conn, ident, {})
        if p.get("password") not in (None, ""):
            raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'password' is not supported:"
                           " PrestaShop keeps bcrypt hashes the bridge driver does not compute."
                           " The customer can set a password with 'Forgot your password?'.")
        if email := W.CUSTOMER_ROWS.values(p)["customer"].get("email"):
            await free(conn.db, "customer", "email", email, "Customer", but=ident or 0,
                       where=" AND deleted = 0 AND is_guest = 0 AND id_customer <> :but")
        groups = ctx["groups"] = await _groups(conn, p)
        if ident is not None:
            return {"customer": {"id_default_group": groups[0]}} if groups else {}
        groups = ctx["groups"] = groups or [await conn._setting_int("PS_CUSTOMER_GROUP", 3)]
        stamp = given_db_time(p, "created_time") or now_db()
        shop = ctx["shop"]
        return {"customer": new_customer(shop, await conn._shop_group(shop), groups[0], ctx["lang"],
                                         stamp, given_db_time(p, "modified_time"))}

    async def more(self, conn: Any, p: dict[str, Any], ctx: Ctx, ident: Any) -> list[Statement]:
        """The groups (replaced on update); an added customer's address book."""
        if not isinstance(ident, InsertId):
            return W.CUSTOMER_GROUPS.replace(ident, ctx["groups"]) if ctx["groups"] else []
        out = W.CUSTOMER_GROUPS.rows(ident, ctx["groups"])
        names = {**W.CUSTOMER_ROWS.main.defaults, **W.CUSTOMER_ROWS.values(p)["customer"]}
        for entry in p.get("address") or []:
            address = await conn._address_columns(entry, "address_book_", names)
            out.append(insert("address", {**address, "id_customer": ident}))
        return out

    async def removes(self, conn: Any, ident: int, ctx: Ctx) -> list[Statement]:
        """A customer with orders is kept as ``deleted = 1`` (the orders point at it and its
        addresses), the back office's "do not allow registration" mode; one without goes
        as Customer::delete removes it (:data:`.deletes.CUSTOMER`)."""
        await CUSTOMERS.row(conn, ident, {})
        if await conn.db.select("SELECT 1 FROM {p}orders WHERE id_customer = ? LIMIT 1", [ident]):
            stamp = now_db()
            return [update(table, {**marks, "date_upd": stamp}, "id_customer = ?", ident)
                    for table, marks in (("customer", {"deleted": 1, "active": 0}),
                                         ("address", {"deleted": 1}))]
        statements, _ = await deletes.CUSTOMER.plan(conn.db, id=ident)
        return statements


async def _groups(conn: Any, p: dict[str, Any]) -> list[int] | None:
    """The groups a call names by id (``group_ids``, ``group_id``) or by name (``group``)."""
    ids = id_list(p, "group_ids") or id_list(p, "group_id")
    if ids is None and p.get("group") not in (None, ""):
        found = await conn.db.select("SELECT id_group FROM {p}group_lang WHERE name = ? LIMIT 1",
                                     [str(p["group"])])
        if not found:
            raise ApiError.not_found("Customer group", p["group"], "name")
        ids = [int(found[0]["id_group"])]
    await require(conn.db, "group", ids or [], "Customer group")
    return ids


WRITERS = (ProductWriter(), CategoryWriter(), CustomerWriter())
#: A product put in or taken out of a category (last in its order); 112 for a link not there.
ASSIGNMENT = Assignment(W.CATEGORY_PRODUCTS, PRODUCTS, CATEGORIES, missing_link_is_404=True)
