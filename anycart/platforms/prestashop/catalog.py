"""PrestaShop catalog writes: products (with their shop, language, stock, category,
specific-price and image rows), product options, and categories (a nested set renumbered in
the same write, as ``Category::regenerateEntireNtree`` does)."""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge.assignments import Assignment
from anycart.platforms.bridge.columns import bounded
from anycart.platforms.bridge.imagefiles import ImageFiles, image_kind
from anycart.platforms.bridge.lookups import require
from anycart.platforms.bridge.sqlentity import bind
from anycart.platforms.bridge.sqlkit import Statement
from anycart.platforms.bridge.values import one_id
from anycart.platforms.prestashop_values import image_path

from . import deletes
from . import mapping as M
from .entities import CATEGORIES, OPTIONS, PRODUCTS, SHOP_OPTIONS
from .shop import PrestaShopBase
from .writes import (
    CATEGORY_PRODUCTS,
    IMAGE_ROWS,
)

#: A product image: its rows (Image::delete's) and its file, named after its id.
IMAGES = ImageFiles(lambda ident, _: image_path(ident), deletes.IMAGE)
#: A product put in or taken out of a category (last in its order); 112 for a link not there.
ASSIGNMENT = Assignment(CATEGORY_PRODUCTS, PRODUCTS, CATEGORIES, missing_link_is_404=True)


class CatalogWrites(PrestaShopBase):
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
    async def category_assign(self, call: Call) -> dict[str, Any]:
        return await ASSIGNMENT.assign(self, call)

    async def category_unassign(self, call: Call) -> dict[str, Any]:
        return await ASSIGNMENT.unassign(self, call)
