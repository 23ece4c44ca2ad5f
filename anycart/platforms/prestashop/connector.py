"""The PrestaShop 1.7.8 / 8.x schema driver: contract methods -> SQL on the cart's tables.

Names live in ``*_lang`` rows (per language, and per shop for products and categories),
shop-level values in ``*_shop`` rows: a call reads and writes the shop ``store_id`` names
in the language ``lang_id`` names (else the defaults), base, ``_shop`` and ``_lang`` rows in
one write. Stock is the shop's own ``stock_available`` row; combinations are child items,
attribute groups options; categories a nested set renumbered in the same write
(``Category::regenerateEntireNtree``); shipments ``order_carrier`` rows (one tracking number
each), returns ``order_return`` rows, refunds ``order_slip`` rows. Customer passwords are
refused (109): PrestaShop keeps bcrypt hashes this side does not compute.

Reads: :mod:`.entities` and :mod:`.mapping`; writes: :mod:`.writes` (rows), :mod:`.writers`,
:mod:`.order_add`, :mod:`.returns`, :mod:`.refunds` and the odd ones here; :mod:`.shop` what
they stand on, :mod:`.deletes` what the cart's deletes remove, :mod:`.params` what each
method applies.
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import explicit, guard
from anycart.platforms.base import Call, Page
from anycart.platforms.bridge.batch import update
from anycart.platforms.bridge.columns import bounded, columns, integer
from anycart.platforms.bridge.imagefiles import ImageFiles, image_kind
from anycart.platforms.bridge.lookups import require
from anycart.platforms.bridge.sqlentity import bind
from anycart.platforms.bridge.sqlkit import Statement, insert, scalar
from anycart.platforms.bridge.values import amount, given_db_time, now_db, number, one_id
from anycart.platforms.overlap import one_tracking
from anycart.platforms.prestashop_values import image_path

from . import deletes
from . import mapping as M
from . import writes as W
from .entities import CUSTOMERS, ENTITIES, OPTIONS, ORDERS, PRODUCTS, SHOP_OPTIONS
from .order_add import PrestaShopOrderAdd
from .params import APPLIED, DECLARED, NESTED, SAME_AS_DEFAULT
from .shop import ORDER_STATES, PrestaShopBase, line_quantities

#: A product image: its rows (Image::delete's) and its file, named after its id.
IMAGES = ImageFiles(lambda ident, _: image_path(ident), deletes.IMAGE)


def _covers(flag: str, where: str, ident: Any) -> list[Statement]:
    """An image's ``cover`` flag set in ``image`` and its ``image_shop`` rows."""
    return [Statement(f"UPDATE {{p}}{t} SET cover = {flag} WHERE {where} = ?", [ident])
            for t in ("image", "image_shop")]


class PrestaShopConnector(PrestaShopBase):
    cart_marker = "prestashop"
    entities = ENTITIES

    async def customer_address_add(self, call: Call) -> dict[str, Any]:
        cid = one_id(call.require("customer_id"), "Customer")
        customer = await CUSTOMERS.row(self, cid, {})
        columns = await self._address_columns(call.params, "", customer)
        written = await self.db.write([insert("address", {**columns, "id_customer": cid}),
                                       CUSTOMERS.touch(cid)])
        return {"id": str(written[0].insert_id)}

    # -- products: delete, images, options ---------------------------------------------------
    async def product_delete(self, call: Call) -> dict[str, Any]:
        """What Product::delete removes (:data:`.deletes.PRODUCT`), in one write; then the
        image files."""
        pid = one_id(call.require("id"), "Product")
        await require(self.db, "product", [pid], "Product")
        statements, values = await deletes.PRODUCT.plan(self.db, id=pid, ids=[pid], kind="products")
        await IMAGES.remove(self, values["images"], statements)
        return {"delete_items": 1}

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
        given = integer("position", p["position"]) if p.get("position") not in (None, "") else 0
        position = given or 1 + max([int(r["position"]) for r in current] or [0])
        statements = _covers("NULL", "id_product", pid) if cover else []
        index, flag = len(statements), 1 if cover else None
        statements += W.IMAGE_ROWS.add({}, {"shop": shop, "lang": await self._shop_langs(shop)}, {
            "image": {"id_product": pid, "position": position, "cover": flag},
            "image_shop": {"id_product": pid, "cover": flag},
            "image_lang": {"legend": bounded("label", p.get("label") or "", 128) or None}}, at=index)
        # No file, no image: the rows go again, and a cover taken away is not given back.
        image_id, path = await IMAGES.add(self, [*statements, PRODUCTS.touch(pid)], index, p, data)
        return {"id": str(image_id), "image_path": path}

    async def product_image_delete(self, call: Call) -> dict[str, Any]:
        """The cover deleted passes to the product's next image."""
        pid = one_id(call.require("product_id"), "Product")
        image_id = one_id(call.require("id"), "Image")
        rows = await self.db.select("SELECT cover FROM {p}image WHERE id_image = ? AND id_product = ?",
                                    [image_id, pid])
        if not rows:
            raise ApiError.not_found("Image", image_id)
        statements = deletes.IMAGE.statements({"id": image_id})
        if rows[0]["cover"] and (following := await scalar(
                self.db, "SELECT id_image FROM {p}image WHERE id_product = ? AND id_image <> ?"
                " ORDER BY position, id_image LIMIT 1", [pid, image_id])):
            statements += _covers("1", "id_image", following)
        await IMAGES.remove(self, [image_id], [*statements, PRODUCTS.touch(pid)])
        return {"deleted": "true"}

    async def product_option_list(self, call: Call) -> Page:
        """The attribute groups a product's combinations use, or every attribute group of
        the shop (with all its attributes) when no ``product_id`` is given."""
        ctx = await self.sql_context(call.params)
        if used := (call.params.get("product_id") not in (None, "")):
            ctx["pid"] = one_id(call.params["product_id"], "Product")
            await PRODUCTS.row(self, ctx["pid"], call.params)
        rows = await self.db.select(*bind(f"{OPTIONS} WHERE pa.id_product = :pid" if used
                                          else SHOP_OPTIONS, ctx))
        options = [o.model_copy(update={"used_in_combination": used}).model_dump(by_alias=True)
                   for o in M.product_options(rows)]
        return Page(options[call.start:call.start + call.count], len(options))

    # -- orders ------------------------------------------------------------------------------
    async def order_add(self, call: Call) -> dict[str, Any]:
        return await PrestaShopOrderAdd().run(self, call)

    async def order_update(self, call: Call) -> dict[str, Any]:
        """A status change is an ``order_history`` row (the order valid for a logable status),
        a comment a ``message`` row (private for ``admin_comment``), as the back office
        writes them."""
        p = explicit(call)
        order = await ORDERS.row(self, call.require("order_id"), p)
        oid = int(order["id_order"])
        stamp = given_db_time(p, "date_modified") or now_db()
        cols = columns(p, W.ORDER_COLUMNS)["orders"]
        statements: list[Statement] = []
        if p.get("order_status") not in (None, ""):
            state = await ORDER_STATES.resolve(self.db, p["order_status"], await self._lang(p))
            logable = await scalar(self.db, "SELECT logable FROM {p}order_state WHERE id_order_state = ?",
                                   [state])
            cols.update(current_state=state, valid=1 if logable else 0)
            statements.append(insert("order_history", {"id_employee": 0, "id_order": oid,
                                                        "id_order_state": state, "date_add": stamp}))
        statements += [insert("message", {
            "id_customer": order["id_customer"], "id_order": oid, "id_employee": 0,
            "message": str(p[src]), "private": private, "date_add": stamp})
            for src, private in (("comment", 0), ("admin_comment", 1)) if p.get(src) not in (None, "")]
        if not cols and not statements:
            raise ApiError.nothing_to_update()
        await self.db.write([update("orders", {**cols, "date_upd": stamp}, "id_order = ?", oid),
                             *statements])
        return {"updated_items": 1}

    async def order_shipment_add(self, call: Call) -> dict[str, Any]:
        """Fills the order's shipment that has no tracking number yet, else adds one (an
        ``order_carrier`` row has no lines: PrestaShop ships an order whole, so ``items``
        only check that each line exists and is shipped whole)."""
        p = call.params
        order = await ORDERS.row(self, call.require("order_id"), p)
        oid = int(order["id_order"])
        known = await line_quantities(self.db, oid)
        for n, item in enumerate(p.get("items") or []):
            line = str(item.get("order_product_id"))
            if line not in known:
                raise ApiError.not_found("Order product", item.get("order_product_id"))
            if item.get("quantity") not in (None, "") and number(item["quantity"]) != known[line]:
                raise ApiError.invalid(f"items[{n}][quantity]", f"the ordered quantity {known[line]:g}"
                                       " (PrestaShop ships whole order lines)")
        first = one_tracking(p, "PrestaShop")  # add shipments for more numbers
        carrier = int(order["id_carrier"])
        if first.get("carrier_id") not in (None, ""):
            carrier = one_id(first["carrier_id"], "Carrier")
            await require(self.db, "carrier", [carrier], "Carrier")
        given = first.get("tracking_number")
        tracking = bounded("tracking_number", given, 64) if given not in (None, "") else None
        cols: dict[str, Any] = {"id_carrier": carrier, "tracking_number": tracking}
        if p.get("weight") is not None:
            cols["weight"] = amount(p["weight"], "weight")
        stamp = ORDERS.touch(oid)
        if open_ := await scalar(self.db, "SELECT id_order_carrier FROM {p}order_carrier WHERE"
                                 " id_order = ? AND (tracking_number IS NULL OR tracking_number = '')"
                                 " ORDER BY id_order_carrier LIMIT 1", [oid]):
            await self.db.write([update("order_carrier", cols, "id_order_carrier = ?", open_), stamp])
            return {"shipment_id": str(open_)}
        written = await self.db.write([insert("order_carrier", {
            **cols, "id_order": oid, "shipping_cost_tax_excl": 0, "shipping_cost_tax_incl": 0,
            "date_add": now_db()}), stamp])
        return {"shipment_id": str(written[0].insert_id)}


# product/category/customer add, update, delete and category.assign/unassign: .writers;
# order.return.*: .returns; order.refund.add: .refunds; order.status.list and
# order.shipment.tracking.add: .params
PrestaShopConnector.declare(*DECLARED)
guard(PrestaShopConnector, APPLIED, "PrestaShop", SAME_AS_DEFAULT, NESTED)
