"""PrestaShop catalog writes: products (with their shop, language, stock, category,
specific-price and image rows), product options, and categories (a nested set renumbered in
the same write, as ``Category::regenerateEntireNtree`` does)."""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.columns import bounded, columns
from anycart.platforms.bridge.imagefiles import ImageFiles
from anycart.platforms.bridge.lookups import require
from anycart.platforms.bridge.nested import NestedSet
from anycart.platforms.bridge.sqlentity import bind
from anycart.platforms.bridge.sqlkit import InsertId, Statement, insert
from anycart.platforms.bridge.values import given_db_time, id_list, now_db, one_id

from . import deletes
from . import mapping as M
from .entities import OPTIONS, PRODUCTS, SHOP_OPTIONS, SPECIALS
from .shop import CATEGORY_ROWS, IMAGE_ROWS, PRODUCT_ROWS, PrestaShopBase

#: A product image: its rows (Image::delete's) and its file, named after its id.
IMAGES = ImageFiles(lambda ident, _: M.image_path(ident), deletes.IMAGE)


class CatalogWrites(PrestaShopBase):
    # -- products: writing -------------------------------------------------------------------
    async def _category_positions(self, ids: list[int]) -> dict[int, int]:
        """The next free product position in each category."""
        if not ids:
            return {}
        rows = await self.db.select(*bind(
            "SELECT id_category, MAX(position) AS top FROM {p}category_product"
            " WHERE id_category IN (??) GROUP BY id_category", {}, ids))
        top = {int(r["id_category"]): int(r["top"]) for r in rows}
        return {c: top.get(c, -1) + 1 for c in ids}

    async def _manufacturer(self, p: dict[str, Any]) -> dict[str, Any]:
        if p.get("manufacturer_id") in (None, ""):
            return {}
        mid = one_id(p["manufacturer_id"], "Manufacturer")
        await require(self.db, "manufacturer", [mid] if mid else [], "Manufacturer")
        return {"id_manufacturer": mid}

    async def product_add(self, call: Call) -> dict[str, Any]:
        p = call.params
        if str(p.get("type") or "simple") not in ("simple", "virtual"):
            raise ApiError.invalid("type", "simple or virtual (combinations are added as"
                                   " child items)")
        name = call.require("name")
        call.require("price")
        shop = await self._shop(p)
        M.one_value(p)
        cols = columns(p, M.PRODUCT_COLUMNS)
        if not cols["product"].get("reference"):
            raise ApiError.required("model")
        cats = id_list(p, "categories_ids") or id_list(p, "category_id") or []
        await require(self.db, "category", cats, "Category")
        default_cat = cats[0] if cats else await self._setting_int("PS_HOME_CATEGORY", 2)
        stamp = given_db_time(p, "created_at") or now_db()
        quantity = int(p.get("quantity") or 0)
        shared = {"id_category_default": default_cat, "id_tax_rules_group": 0, "active": 1,
                  "available_for_order": 1, "visibility": "both", "date_add": stamp,
                  "date_upd": stamp}
        virtual = bool(p.get("is_virtual")) or p.get("type") == "virtual"
        cols["product"]["is_virtual"] = 1 if virtual else 0
        base = {**shared, "id_shop_default": shop, "quantity": quantity,
                "product_type": "virtual" if virtual else "standard",
                **await self._manufacturer(p), **cols["product"]}
        cols["product_lang"].setdefault("link_rewrite", M.link_rewrite(str(name)))
        statements = PRODUCT_ROWS.add({}, {"shop": shop, "lang": await self._shop_langs(shop)}, {
            "product": base, "product_shop": {**shared, **cols["product_shop"]},
            "product_lang": cols["product_lang"]})
        statements.append(insert("stock_available", {
            "id_product": InsertId(0), "id_product_attribute": 0, "id_shop": shop,
            "id_shop_group": 0, "quantity": quantity, "physical_quantity": quantity}))
        positions = await self._category_positions(cats or [default_cat])
        statements += [insert("category_product", {"id_category": c, "id_product": InsertId(0),
                                                    "position": pos})
                       for c, pos in positions.items()]
        statements += await SPECIALS.statements(self.db, InsertId(0), p, {"shop": shop}, adding=True)
        written = await self.db.write(statements)
        return {"product_id": str(written[0].insert_id)}

    async def product_update(self, call: Call) -> dict[str, Any]:
        p = explicit(call)
        pid = one_id(call.require("id"), "Product")
        shop, lang = await self._shop(p), await self._lang(p)
        await self._product_exists(pid, shop)
        M.one_value(p)
        cols = columns(p, M.PRODUCT_COLUMNS)
        cols["product"].update(await self._manufacturer(p))
        statements = await self._stock_statements(pid, 0, shop, p)
        statements += await self._category_statements(pid, shop, p)
        statements += await SPECIALS.statements(self.db, pid, p, {"shop": shop}, adding=False)
        if not statements and not any(cols.values()):
            raise ApiError.nothing_to_update()
        stamp = now_db()
        if "quantity" in p:
            cols["product"]["quantity"] = int(p["quantity"])
        await self.db.write([*PRODUCT_ROWS.update(pid, {}, {"shop": shop, "lang": lang}, {
            **cols, "product": {**cols["product"], "date_upd": stamp},
            "product_shop": {**cols["product_shop"], "date_upd": stamp}}), *statements])
        return {"updated_items": 1}

    async def _stock_statements(self, pid: int, pa: int, shop: int,
                                p: dict[str, Any]) -> list[Statement]:
        delta = float(p.get("increase_quantity") or 0) - float(p.get("reduce_quantity") or 0)
        if p.get("quantity") is None and not delta:
            return []
        rows = await self.db.select(
            "SELECT id_stock_available, quantity FROM {p}stock_available WHERE id_product = ?"
            " AND id_product_attribute = ? AND id_shop = ?", [pid, pa, shop])
        current = int(rows[0]["quantity"]) if rows else 0
        quantity = int(p["quantity"]) if p.get("quantity") is not None else current
        quantity += int(delta)
        if rows:
            return [update("stock_available", {"quantity": quantity, "physical_quantity": quantity},
                            "id_stock_available = ?", rows[0]["id_stock_available"])]
        return [insert("stock_available", {"id_product": pid, "id_product_attribute": pa,
                                            "id_shop": shop, "id_shop_group": 0,
                                            "quantity": quantity, "physical_quantity": quantity})]

    async def _category_statements(self, pid: int, shop: int, p: dict[str, Any]) -> list[Statement]:
        """``categories_ids`` replaces the product's categories (and its default category
        when that one is dropped)."""
        cats = id_list(p, "categories_ids")
        if cats is None:
            return []
        if not cats:
            raise ApiError.invalid("categories_ids", "at least one category id")
        await require(self.db, "category", cats, "Category")
        current = {int(r["id_category"]) for r in await self.db.select(
            "SELECT id_category FROM {p}category_product WHERE id_product = ?", [pid])}
        ctx = {"pid": pid, "shop": shop, "first": cats[0]}
        out = [Statement(*bind("DELETE FROM {p}category_product WHERE id_product = :pid AND"
                               " id_category NOT IN (??)", ctx, cats))]
        positions = await self._category_positions([c for c in cats if c not in current])
        out += [insert("category_product", {"id_category": c, "id_product": pid, "position": pos})
                for c, pos in positions.items()]
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
        kind = str(call.require("type")).lower()
        if kind not in ("small", "base", "additional", "thumbnail"):
            raise ApiError.invalid("type", "small, base, additional or thumbnail")
        if not p.get("content") and not p.get("url"):
            raise ApiError.required("url")
        shop = await self._shop(p)
        await self._product_exists(pid, shop)
        data = await self.image_data(p)  # a bad image is refused before any row changes
        current = await self.db.select("SELECT id_image, position, cover FROM {p}image"
                                       " WHERE id_product = ?", [pid])
        cover = kind in ("base", "small", "thumbnail") or not any(r["cover"] for r in current)
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
            await self._product_exists(ctx["pid"], ctx["shop"])
            rows = await self.db.select(*bind(f"{OPTIONS} WHERE pa.id_product = :pid", ctx))
        else:
            rows = await self.db.select(*bind(SHOP_OPTIONS, ctx))
        options = M.product_options(rows)
        for o in options:
            o["used_in_combination"] = bool(call.params.get("product_id"))
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
        changed = given_db_time(p, "modified_time") or stamp
        lang_cols = columns(p, M.CATEGORY_LANG)["category_lang"]
        lang_cols.setdefault("link_rewrite", M.link_rewrite(str(name)))
        statements = CATEGORY_ROWS.add({}, {"shop": shop, "lang": await self._shop_langs(shop)}, {
            "category": {"id_parent": parent, "id_shop_default": shop, "level_depth": depth,
                         "nleft": left, "nright": right, "active": 0 if p.get("avail") is False else 1,
                         "date_add": stamp, "date_upd": changed, "position": position,
                         "is_root_category": 0},
            "category_shop": {"position": position}, "category_lang": lang_cols})
        groups = await self.db.select("SELECT id_group FROM {p}category_group WHERE id_category = ?",
                                      [parent])
        statements += [insert("category_group", {"id_category": InsertId(0),
                                                  "id_group": g["id_group"]}) for g in groups]
        written = await self.db.write(statements + renumber)
        return {"category_id": str(written[0].insert_id)}

    async def category_update(self, call: Call) -> dict[str, Any]:
        p = call.params
        cid = one_id(call.require("id"), "Category")
        shop, lang = await self._shop(p), await self._lang(p)
        tree = await NestedSet.read(self.db)
        tree.need(cid)
        base: dict[str, Any] = {}
        statements: list[Statement] = []
        if p.get("avail") is not None:
            base["active"] = 1 if p["avail"] else 0
        if p.get("sort_order") is not None:
            base["position"] = int(p["sort_order"])
        if p.get("parent_id") not in (None, ""):
            base["id_parent"] = one_id(p["parent_id"], "Category")
            statements += tree.move(cid, base["id_parent"], base.get("position"))
        lang_cols = columns(p, M.CATEGORY_LANG)["category_lang"]
        if not base and not statements and not lang_cols:
            raise ApiError.nothing_to_update()
        base["date_upd"] = given_db_time(p, "modified_time") or now_db()
        shop_cols = {"position": base["position"]} if "position" in base else {}
        await self.db.write([*CATEGORY_ROWS.update(cid, {}, {"shop": shop, "lang": lang}, {
            "category": base, "category_shop": shop_cols, "category_lang": lang_cols}), *statements])
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
        start = (await self._category_positions([parent]))[parent]
        statements = deletes.CATEGORY.statements({"ids": ids, "kind": "categories"})
        statements += [insert("category_product", {"id_category": parent, "id_product": pid,
                                                    "position": start + n})
                       for n, pid in enumerate(orphans)]
        statements += [Statement(*bind(f"UPDATE {{p}}{t} SET id_category_default = :parent WHERE"
                                       " id_category_default IN (??)", {"parent": parent}, ids))
                       for t in ("product", "product_shop")]
        statements += tree.without(doomed)
        await self.db.write(statements)
        return {"delete_items": True}

    async def _assignment(self, call: Call) -> tuple[int, int]:
        cid = one_id(call.require("category_id"), "Category")
        pid = one_id(call.require("product_id"), "Product")
        await require(self.db, "category", [cid], "Category")
        await require(self.db, "product", [pid], "Product")
        return cid, pid

    async def category_assign(self, call: Call) -> dict[str, Any]:
        cid, pid = await self._assignment(call)
        if not await self.db.select("SELECT 1 FROM {p}category_product WHERE id_category = ?"
                                    " AND id_product = ?", [cid, pid]):
            position = (await self._category_positions([cid]))[cid]
            await self.db.write([
                insert("category_product", {"id_category": cid, "id_product": pid,
                                             "position": position}),
                PRODUCTS.touch(pid)])
        return {}

    async def category_unassign(self, call: Call) -> dict[str, Any]:
        cid, pid = await self._assignment(call)
        done = await self.db.write([
            Statement("DELETE FROM {p}category_product WHERE id_category = ? AND id_product = ?",
                      [cid, pid]),
            PRODUCTS.touch(pid)])
        if not done[0].affected:
            raise ApiError.not_found("Product category", f"{pid}/{cid}")
        return {}
