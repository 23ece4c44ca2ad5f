"""OpenCart's entities as declarations (:class:`~anycart.platforms.bridge.sqlentity.SqlEntity`):
list/count/info/find come from these. ``:lang`` is the call's language and ``v4`` whether the
store runs OpenCart 4 (``OpenCartConnector.sql_context``)."""

from __future__ import annotations

from typing import Any

from anycart.platforms.bridge.sqlentity import (
    Col,
    Ctx,
    Filter,
    Row,
    SqlEntity,
    after,
    eq,
    flag,
    isin,
    rows_by,
)
from anycart.platforms.bridge.values import ENABLED, first_id, html_stored, ids, now_db

from . import mapping as M


class Products(SqlEntity):
    method, label, plural = "product", "Product", "products"
    table, key = "{p}product p", "p.product_id"
    columns = ("p.*, pd.name, pd.description, pd.tag, pd.meta_title, pd.meta_description, "
               "pd.meta_keyword, m.name AS manufacturer, wcd.unit AS weight_unit")
    joins = ("LEFT JOIN {p}product_description pd ON pd.product_id = p.product_id "
             "AND pd.language_id = :lang",
             "LEFT JOIN {p}manufacturer m ON m.manufacturer_id = p.manufacturer_id",
             "LEFT JOIN {p}weight_class_description wcd ON wcd.weight_class_id = "
             "p.weight_class_id AND wcd.language_id = :lang")
    created, modified = "p.date_added", "p.date_modified"
    sort = {"id": "p.product_id", "name": "pd.name", "price": "p.price", "quantity": "p.quantity",
            "sku": "p.sku", "model": "p.model", "sort_order": "p.sort_order",
            "create_at": "p.date_added", "created_at": "p.date_added",
            "modified_at": "p.date_modified"}
    filters = {
        "product_ids": isin("p.product_id"),
        "since_id": after("p.product_id"),
        "categories_ids": Filter("EXISTS (SELECT 1 FROM {p}product_to_category pc WHERE "
                                 "pc.product_id = p.product_id AND pc.category_id IN (??))",
                                 ids, aliases=("category_id",)),
        # OpenCart has one switch (status) for visible and for sale.
        "avail_view": flag("p.status"), "avail_sale": flag("p.status"),
        "status": eq("p.status", ENABLED.code),
        "sku": eq("p.sku"),
        "manufacturer_id": eq("p.manufacturer_id", first_id),
        "brand_name": Filter("p.manufacturer_id IN (SELECT mf.manufacturer_id FROM "
                             "{p}manufacturer mf WHERE mf.name = ?)", html_stored),
    }
    list_find_where = {"name": Col("pd.name", html_stored), "sku": "p.sku", "model": "p.model",
                       "description": Col("pd.description", html_stored)}
    find_where = {"name": Col("pd.name", html_stored), "sku": "p.sku", "model": "p.model",
                  "id": Col("p.product_id", exact=True), "product_id": Col("p.product_id", exact=True)}
    params = frozenset({"lang_id"})

    def scope_for(self, params: Any, ctx: Ctx) -> list[str]:
        # 4.x variants are product rows of their own: not products, but readable by id.
        return ["p.master_id = 0"] if ctx["v4"] and ctx["method"] != "info" else []

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        pids = [r["product_id"] for r in rows]
        ctx["categories"] = await rows_by(
            conn.db, "SELECT product_id, category_id FROM {p}product_to_category WHERE "
                     "product_id IN (??) ORDER BY category_id", "product_id", pids)
        ctx["images"] = await rows_by(
            conn.db, "SELECT * FROM {p}product_image WHERE product_id IN (??) "
                     "ORDER BY sort_order, product_image_id", "product_id", pids)
        ctx["options"] = await conn.options(pids, ctx["lang"])
        # The special the storefront shows a guest: the default group's current row with the
        # lowest priority, then price (rows come highest first; the last one wins).
        today = now_db()[:10]  # the store's date: OpenCart's CURDATE() runs in its zone
        specials = await rows_by(
            conn.db, "SELECT product_id, price FROM {p}product_special WHERE product_id IN (??) "
                     "AND customer_group_id = (SELECT s.value FROM {p}setting s WHERE s.store_id = 0 "
                     "AND s.`key` = 'config_customer_group_id') AND (date_start = '0000-00-00' OR "
                     "date_start <= :today) AND (date_end = '0000-00-00' OR date_end > :today) "
                     "ORDER BY priority DESC, price DESC", "product_id", pids, {"today": today})
        ctx["specials"] = {pid: float(found[-1]["price"]) for pid, found in specials.items()}
        ctx["seo"] = await conn.seo_keywords("product_id", pids, ctx["lang"])
        ctx["front"] = await conn.storefront(ctx["lang"])

    def map(self, row: Row, ctx: Ctx) -> Row:
        pid = row["product_id"]
        return M.product(row, ctx["front"],
                         categories=[c["category_id"] for c in ctx["categories"].get(pid, [])],
                         images=ctx["images"].get(pid, []),
                         options=[o for _, o in ctx["options"].get(pid, [])],
                         seo=ctx["seo"].get(pid), special=ctx["specials"].get(pid))


class Customers(SqlEntity):
    method, label, plural = "customer", "Customer", "customers"
    table, key = "{p}customer c", "c.customer_id"
    columns = "c.*, cgd.name AS group_name"
    joins = ("LEFT JOIN {p}customer_group_description cgd ON cgd.customer_group_id = "
             "c.customer_group_id AND cgd.language_id = :lang",)
    # OpenCart's customer table (3.0.4.1 and 4.0.2.3) has no modification column, so
    # modified_* are refused, not applied to the creation date.
    created = "c.date_added"
    sort = {"id": "c.customer_id", "created_time": "c.date_added", "email": "c.email",
            "first_name": "c.firstname", "last_name": "c.lastname"}
    default_sort = "created_time"
    filters = {"ids": isin("c.customer_id"), "since_id": after("c.customer_id"),
               "group_id": eq("c.customer_group_id", first_id), "avail": flag("c.status")}
    list_find_where = {"email": "c.email", "first_name": "c.firstname", "last_name": "c.lastname",
                       "phone": "c.telephone"}
    find_where = {"email": "c.email", "first_name": Col("c.firstname", html_stored),
                  "last_name": Col("c.lastname", html_stored),
                  "phone": Col("c.telephone", html_stored)}
    find_default = "email"

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        ctx["books"] = await rows_by(
            conn.db, "SELECT a.*, co.name AS country_name, co.iso_code_2, co.iso_code_3, "
                     "z.name AS zone_name, z.code AS zone_code FROM {p}address a "
                     "LEFT JOIN {p}country co ON co.country_id = a.country_id "
                     "LEFT JOIN {p}zone z ON z.zone_id = a.zone_id "
                     "WHERE a.customer_id IN (??) ORDER BY a.address_id",
            "customer_id", [r["customer_id"] for r in rows])

    def map(self, row: Row, ctx: Ctx) -> Row:
        return M.customer(row, ctx["books"].get(row["customer_id"], []), row.get("address_id"))


PRODUCTS, CUSTOMERS = Products(), Customers()
ENTITIES: tuple[SqlEntity, ...] = (PRODUCTS, CUSTOMERS)
