"""PrestaShop catalog writes: products (with their shop, language, stock, category,
specific-price and image rows), product options, and categories (a nested set renumbered in
the same write, as ``Category::regenerateEntireNtree`` does)."""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge.assignments import Assignment
from anycart.platforms.bridge.columns import bounded
from anycart.platforms.bridge.imagefiles import ImageFiles, image_kind
from anycart.platforms.bridge.lookups import require
from anycart.platforms.bridge.nested import NestedSet
from anycart.platforms.bridge.slugs import slugify
from anycart.platforms.bridge.sqlentity import bind
from anycart.platforms.bridge.sqlkit import InsertId, Statement
from anycart.platforms.bridge.values import given_db_time, id_list, now_db, one_id
from anycart.platforms.overlap import one_of
from anycart.platforms.prestashop_values import image_path

from . import deletes
from . import mapping as M
from .entities import CATEGORIES, OPTIONS, PRODUCTS, SHOP_OPTIONS, SPECIALS
from .shop import PrestaShopBase
from .writes import (
    CATEGORY_GROUPS,
    CATEGORY_PRODUCTS,
    CATEGORY_ROWS,
    IMAGE_ROWS,
    PRODUCT_ROWS,
    STOCK,
)

#: A product image: its rows (Image::delete's) and its file, named after its id.
IMAGES = ImageFiles(lambda ident, _: image_path(ident), deletes.IMAGE)
#: A product put in or taken out of a category (last in its order); 112 for a link not there.
ASSIGNMENT = Assignment(CATEGORY_PRODUCTS, PRODUCTS, CATEGORIES, missing_link_is_404=True)


class CatalogWrites(PrestaShopBase):
    # -- products: writing -------------------------------------------------------------------
    async def _checked(self, p: dict[str, Any]) -> dict[str, dict[str, Any]]:
        """The product's columns the call gives: one reference and one ``ean13`` (a second,
        different value given for one of them would be silently lost: 109), and a
        manufacturer the shop has (0: none)."""
        one_of(p, "sku", "model")
        one_of(p, "gtin", "ean")
        cols = PRODUCT_ROWS.values(p)
        maker = cols["product"].get("id_manufacturer")
        await require(self.db, "manufacturer", [maker] if maker else [], "Manufacturer")
        return cols

    async def product_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        if str(p.get("type") or "simple") not in ("simple", "virtual"):
            raise ApiError.invalid("type", "simple or virtual (combinations are added as"
                                   " child items)")
        name = call.require("name")
        call.require("price")
        shop = await self._shop(p)
        given = (await self._checked(p))["product"]
        if not given.get("reference"):
            raise ApiError.required("model")
        cats = id_list(p, "categories_ids") or id_list(p, "category_id") or []
        await require(self.db, "category", cats, "Category")
        default_cat = cats[0] if cats else await self._setting_int("PS_HOME_CATEGORY", 2)
        stamp = given_db_time(p, "created_at") or now_db()
        quantity = given.get("quantity", 0)
        virtual = bool(p.get("is_virtual")) or p.get("type") == "virtual"
        shared = {"id_category_default": default_cat, "date_add": stamp, "date_upd": stamp}
        statements = PRODUCT_ROWS.add(p, {"shop": shop, "lang": await self._shop_langs(shop)}, {
            "product": {**shared, "id_shop_default": shop, "quantity": quantity,
                        "is_virtual": int(virtual),
                        "product_type": "virtual" if virtual else "standard"},
            "product_shop": shared, "product_lang": self._rewrite(p, name)})
        statements.append(STOCK.new({"id_product": InsertId(0), "id_product_attribute": 0,
                                     "id_shop": shop}, quantity))
        statements += await CATEGORY_PRODUCTS.appended(self.db, InsertId(0), cats or [default_cat])
        statements += await SPECIALS.statements(self.db, InsertId(0), p, {"shop": shop}, adding=True)
        written = await self.db.write(statements)
        return {"product_id": str(written[0].insert_id)}

    @staticmethod
    def _rewrite(p: dict[str, Any], name: Any) -> dict[str, Any]:
        """An added product's or category's friendly URL when ``seo_url`` gives none."""
        return {} if p.get("seo_url") else {"link_rewrite": slugify(str(name), 128)}

    async def product_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        pid = one_id(call.require("id"), "Product")
        shop, lang = await self._shop(p), await self._lang(p)
        await PRODUCTS.row(self, pid, p)  # in the call's shop
        cols = await self._checked(p)
        statements = await STOCK.changes(self.db, {"id_product": pid, "id_product_attribute": 0,
                                                   "id_shop": shop}, p)
        statements += await self._category_statements(pid, shop, p)
        statements += await SPECIALS.statements(self.db, pid, p, {"shop": shop}, adding=False)
        if not statements and not any(cols.values()):
            raise ApiError.nothing_to_update()
        cols["product_shop"]["date_upd"] = now_db()  # the shop's row is changed with the base one
        await self.db.write([*PRODUCT_ROWS.update(pid, {}, {"shop": shop, "lang": lang}, cols,
                                                  touch=True), *statements])
        return {"updated_items": 1}

    async def _category_statements(self, pid: int, shop: int, p: dict[str, Any]) -> list[Statement]:
        """``categories_ids`` replaces the product's categories (and its default category
        when that one is dropped)."""
        cats = id_list(p, "categories_ids")
        if cats is None:
            return []
        if not cats:
            raise ApiError.invalid("categories_ids", "at least one category id")
        await require(self.db, "category", cats, "Category")
        out = await CATEGORY_PRODUCTS.replaced(self.db, pid, cats)
        ctx = {"pid": pid, "shop": shop, "first": cats[0]}
        for table, scope in (("product", ""), ("product_shop", " AND id_shop = :shop")):
            out.append(Statement(*bind(
                f"UPDATE {{p}}{table} SET id_category_default = :first WHERE id_product = :pid"
                f"{scope} AND (id_category_default IS NULL OR id_category_default NOT IN (??))",
                ctx, cats)))
        return out

    async def product_delete(self, call: Call) -> dict[str, Any]:
        """What Product::delete removes (:data:`.deletes.PRODUCT`), in one write; then the
        image files."""
        pid = one_id(call.require("id"), "Product")
        await require(self.db, "product", [pid], "Product")
        statements, values = await deletes.PRODUCT.plan(self.db, id=pid, ids=[pid], kind="products")
        await IMAGES.remove(self, values["images"], statements)
        return {"delete_items": 1}

    # -- product images ----------------------------------------------------------------------
    async def product_image_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        pid = one_id(call.require("product_id"), "Product")
        kind = image_kind(call)
        shop = await self._shop(p)
        await PRODUCTS.row(self, pid, p)  # in the call's shop
        data = await self.image_data(p)  # a bad image is refused before any row changes
        current = await self.db.select("SELECT id_image, position, cover FROM {p}image"
                                       " WHERE id_product = ?", [pid])
        cover = kind != "additional" or not any(r["cover"] for r in current)
        position = int(p.get("position") or 0) or 1 + max([int(r["position"]) for r in current] or [0])
        statements: list[Statement] = []
        if cover:
            statements += [Statement(f"UPDATE {{p}}{t} SET cover = NULL WHERE id_product = ?", [pid])
                           for t in ("image", "image_shop")]
        index, flag = len(statements), 1 if cover else None
        statements += IMAGE_ROWS.add({}, {"shop": shop, "lang": await self._shop_langs(shop)}, {
            "image": {"id_product": pid, "position": position, "cover": flag},
            "image_shop": {"id_product": pid, "cover": flag},
            "image_lang": {"legend": bounded("label", p.get("label") or "", 128) or None}}, at=index)
        # No file, no image: the rows go again, and a cover taken away is not given back.
        image_id, path = await IMAGES.add(self, [*statements, PRODUCTS.touch(pid)], index, p, data)
        return {"id": str(image_id), "image_path": path}

    async def product_image_delete(self, call: Call) -> dict[str, Any]:
        pid = one_id(call.require("product_id"), "Product")
        image_id = one_id(call.require("id"), "Image")
        rows = await self.db.select("SELECT cover FROM {p}image WHERE id_image = ? AND id_product = ?",
                                    [image_id, pid])
        if not rows:
            raise ApiError.not_found("Image", image_id)
        statements = deletes.IMAGE.statements({"id": image_id})
        if rows[0]["cover"]:
            following = await self.db.select(
                "SELECT id_image FROM {p}image WHERE id_product = ? AND id_image <> ?"
                " ORDER BY position, id_image LIMIT 1", [pid, image_id])
            if following:
                statements += [Statement(f"UPDATE {{p}}{t} SET cover = 1 WHERE id_image = ?",
                                         [following[0]["id_image"]]) for t in ("image", "image_shop")]
        await IMAGES.remove(self, [image_id], [*statements, PRODUCTS.touch(pid)])
        return {"deleted": "true"}

    # -- combinations and options ------------------------------------------------------------
    async def product_option_list(self, call: Call) -> Page:
        """The attribute groups a product's combinations use, or every attribute group of
        the shop (with all its attributes) when no ``product_id`` is given."""
        ctx = await self.sql_context(call.params)
        if call.params.get("product_id") not in (None, ""):
            ctx["pid"] = one_id(call.params["product_id"], "Product")
            await PRODUCTS.row(self, ctx["pid"], call.params)
            rows = await self.db.select(*bind(f"{OPTIONS} WHERE pa.id_product = :pid", ctx))
        else:
            rows = await self.db.select(*bind(SHOP_OPTIONS, ctx))
        used = bool(call.params.get("product_id"))
        options = [o.model_copy(update={"used_in_combination": used}).model_dump(by_alias=True)
                   for o in M.product_options(rows)]
        return Page(options[call.start:call.start + call.count], len(options))

    # -- categories ----------------------------------------------------------------------------
    async def category_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        name = call.require("name")
        shop = await self._shop(p)
        parent = one_id(p["parent_id"], "Category") if p.get("parent_id") not in (None, "") \
            else await self._setting_int("PS_HOME_CATEGORY", 2)
        tree = await NestedSet.read(self.db)
        siblings = [int(r["position"]) for r in tree.rows.values() if int(r["id_parent"]) == parent]
        position = int(p["sort_order"]) if p.get("sort_order") else 1 + max(siblings or [-1])
        renumber, (left, right, depth) = tree.add(parent, position)
        stamp = given_db_time(p, "created_time") or now_db()
        statements = CATEGORY_ROWS.add(p, {"shop": shop, "lang": await self._shop_langs(shop)}, {
            "category": {"id_parent": parent, "id_shop_default": shop, "level_depth": depth,
                         "nleft": left, "nright": right, "date_add": stamp, "position": position,
                         "date_upd": given_db_time(p, "modified_time") or stamp},
            "category_shop": {"position": position}, "category_lang": self._rewrite(p, name)})
        groups = await self.db.select("SELECT id_group FROM {p}category_group WHERE id_category = ?",
                                      [parent])
        statements += CATEGORY_GROUPS.rows(InsertId(0), [g["id_group"] for g in groups])
        written = await self.db.write(statements + renumber)
        return {"category_id": str(written[0].insert_id)}

    async def category_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        cid = one_id(call.require("id"), "Category")
        shop, lang = await self._shop(p), await self._lang(p)
        tree = await NestedSet.read(self.db)
        tree.need(cid)
        cols = CATEGORY_ROWS.values(p)
        moved: list[Statement] = []
        if p.get("parent_id") not in (None, ""):
            cols["category"]["id_parent"] = one_id(p["parent_id"], "Category")
            moved = tree.move(cid, cols["category"]["id_parent"], cols["category"].get("position"))
        if not moved and not any(cols.values()):
            raise ApiError.nothing_to_update()
        cols["category"]["date_upd"] = given_db_time(p, "modified_time") or now_db()
        await self.db.write([*CATEGORY_ROWS.update(cid, {}, {"shop": shop, "lang": lang}, cols),
                             *moved])
        return {"updated_items": 1}

    async def category_delete(self, call: Call) -> dict[str, Any]:
        """Deletes the category and its subcategories with what Category::delete removes
        (:data:`.deletes.CATEGORY`) and renumbers the tree; their products stay, moved to the
        parent."""
        cid = one_id(call.require("id"), "Category")
        tree = await NestedSet.read(self.db, extra=", is_root_category")
        row = tree.need(cid)
        if int(row["id_parent"]) == 0 or int(row["is_root_category"]):
            raise ApiError.invalid("id", "a category below the shop's root category")
        doomed = tree.subtree(cid)
        ids = sorted(doomed)
        parent = int(row["id_parent"])
        # Products left in no category are linked to the parent (the back office's default
        # "link" mode); their default category moves to the parent.
        orphans = [int(r["id_product"]) for r in await self.db.select(*bind(
            "SELECT DISTINCT cp.id_product FROM {p}category_product cp WHERE cp.id_category IN"
            " (??) AND NOT EXISTS (SELECT 1 FROM {p}category_product o WHERE"
            " o.id_product = cp.id_product AND o.id_category NOT IN (??))", {}, ids))]
        statements = deletes.CATEGORY.statements({"ids": ids, "kind": "categories"})
        statements += await CATEGORY_PRODUCTS.gathered(self.db, orphans, parent)
        statements += [Statement(*bind(f"UPDATE {{p}}{t} SET id_category_default = :parent WHERE"
                                       " id_category_default IN (??)", {"parent": parent}, ids))
                       for t in ("product", "product_shop")]
        statements += tree.without(doomed)
        await self.db.write(statements)
        return {"delete_items": True}

    async def category_assign(self, call: Call) -> dict[str, Any]:
        return await ASSIGNMENT.assign(self, call)

    async def category_unassign(self, call: Call) -> dict[str, Any]:
        return await ASSIGNMENT.unassign(self, call)
