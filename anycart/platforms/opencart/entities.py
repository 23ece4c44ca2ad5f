"""OpenCart's entities as declarations (:class:`~anycart.platforms.bridge.sqlentity.SqlEntity`):
list/count/info/find come from these. ``:lang`` is the call's language and ``v4`` whether the
store runs OpenCart 4 (``OpenCartConnector.sql_context``)."""

from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

from anycart.platforms.base import Call
from anycart.platforms.bridge.assignments import Assignment
from anycart.platforms.bridge.joins import in_language
from anycart.platforms.bridge.returns import LatestReturn, machine_of
from anycart.platforms.bridge.sqlentity import (
    Children,
    Chosen,
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
from anycart.platforms.bridge.values import (
    ENABLED,
    first_id,
    html_stored,
    html_text,
    ids,
    now_db,
    one_id,
)

from . import mapping as M
from . import writes as W

#: A product's options (``po``) with their type, order and name in the call's language.
_OPTION_COLUMNS = "po.*, o.type, o.sort_order, od.name"
_OPTION_JOINS = ("JOIN `{p}option` o ON o.option_id = po.option_id",
                 in_language("option_description od", "od.option_id = po.option_id"))
_OPTIONS = f"SELECT {_OPTION_COLUMNS} FROM {{p}}product_option po {' '.join(_OPTION_JOINS)}"
#: Their values, in their order (``??``: ids of ``column``).
_VALUES = ("SELECT pov.*, ov.sort_order, ovd.name FROM {{p}}product_option_value pov LEFT JOIN "
           "{{p}}option_value ov ON ov.option_value_id = pov.option_value_id LEFT JOIN "
           "{{p}}option_value_description ovd ON ovd.option_value_id = pov.option_value_id AND "
           "ovd.language_id = :lang WHERE pov.{column} IN (??) ORDER BY ov.sort_order, "
           "pov.product_option_value_id")


#: Of the specials in scope (:data:`.writes.SPECIAL`), those running today.
_CURRENT = (" AND (date_start = '0000-00-00' OR date_start <= :today) AND (date_end = '0000-00-00' "
            "OR date_end > :today) ORDER BY priority DESC, price DESC")


class Products(SqlEntity):
    method, label, plural = "product", "Product", "products"
    table, key = "{p}product p", "p.product_id"
    columns = f"p.*, {W.PRODUCT_TEXT.select()}, m.name AS manufacturer, wcd.unit AS weight_unit"
    joins = (W.PRODUCT_TEXT.join("p.product_id"),
             "LEFT JOIN {p}manufacturer m ON m.manufacturer_id = p.manufacturer_id",
             in_language("weight_class_description wcd", "wcd.weight_class_id = p.weight_class_id"))
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
    mapper = M.PRODUCT
    children = {
        "categories": Children("SELECT product_id, category_id FROM {p}product_to_category WHERE "
                               "product_id IN (??) ORDER BY category_id", "product_id"),
        "images": Children("SELECT product_image_id AS id, product_id, image, sort_order, 'additional' "
                           "AS type FROM {p}product_image WHERE product_id IN (??) ORDER BY sort_order, "
                           "product_image_id", "product_id"),
        "options": Children(f"{_OPTIONS} WHERE po.product_id IN (??) ORDER BY o.sort_order, "
                            "po.product_option_id", "product_id"),
        "option_values": Children(_VALUES.format(column="product_id"), "product_option_id", "product_id")}

    def scope_for(self, params: Any, ctx: Ctx) -> list[str]:
        # 4.x variants are product rows of their own: not products, but readable by id.
        return ["p.master_id = 0"] if ctx["v4"] and ctx["method"] != "info" else []

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        pids = [r["product_id"] for r in rows]
        # The special the storefront shows a guest: the default group's current row with the
        # lowest priority, then price (rows come highest first; the last one wins).
        today = now_db()[:10]  # the store's date: OpenCart's CURDATE() runs in its zone
        specials = await rows_by(conn.db, W.SPECIAL.select("product_id, price", _CURRENT), "product_id",
                                 pids, {"today": today, "group": await conn.default_group()})
        ctx["specials"] = {pid: float(found[-1]["price"]) for pid, found in specials.items()}
        ctx["seo"] = await (await conn.seo()).keywords("product_id", pids, ctx["lang"])
        ctx["front"] = await conn.storefront(ctx["lang"])


async def _product(conn: Any, value: Any, ctx: Ctx) -> int:
    return await PRODUCTS.existing(conn, value)


class ProductOptions(SqlEntity):
    """``product.option.list``: the options of every product, or of one (112 when missing)."""

    method, label, plural = "product.option", "Product option", "options"
    table, key = "{p}product_option po", "po.product_option_id"
    columns, joins = _OPTION_COLUMNS, _OPTION_JOINS
    filters = {"product_id": Filter("po.product_id = ?", resolve=_product)}
    params = frozenset({"lang_id"})
    serves = ("list",)
    mapper = M.OPTION
    children = {"option_values": Children(_VALUES.format(column="product_option_id"), "product_option_id")}


_CHILD_FILTERS = {"sku": eq("p.sku"), "avail_sale": flag("p.status")}


_product_id = partial(one_id, entity="Product")


class Variants(SqlEntity):
    """4.x: a variant is a product row whose ``master_id`` names its parent."""

    method, label, plural = "product.child_item", "Child item", "children"
    table, key, columns, joins = Products.table, Products.key, Products.columns, Products.joins
    created, modified = Products.created, Products.modified
    scope: ClassVar[tuple[str, ...]] = ("p.master_id <> 0",)
    filters = {"product_ids": isin("p.master_id", aliases=("product_id",)), **_CHILD_FILTERS}
    info_filters = {"product_id": eq("p.master_id", _product_id)}
    params = frozenset({"lang_id"})
    serves = ("list", "info")
    mapper = M.VARIANT

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        ctx["front"] = await conn.storefront(ctx["lang"])


class OptionValues(Variants):
    """3.x: a product's option value (own stock, price and weight deltas) is a child item."""

    table, key = "{p}product_option_value pov", "pov.product_option_value_id"
    columns = ("pov.*, p.product_id AS parent_product_id, p.sku, p.price AS parent_price, "
               "p.weight AS parent_weight, p.status, p.date_added, p.date_modified, "
               "pd.name AS parent_name, ovd.name")
    joins = ("JOIN {p}product p ON p.product_id = pov.product_id",
             W.PRODUCT_TEXT.join("p.product_id"),
             in_language("option_value_description ovd", "ovd.option_value_id = pov.option_value_id"))
    scope = ()
    filters = {"product_ids": isin("pov.product_id", aliases=("product_id",)), **_CHILD_FILTERS}
    info_filters = {"product_id": eq("pov.product_id", _product_id)}
    mapper = M.OPTION_CHILD

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        pass


class Customers(SqlEntity):
    method, label, plural = "customer", "Customer", "customers"
    table, key = "{p}customer c", "c.customer_id"
    columns = "c.*, cgd.name AS group_name"
    joins = (in_language("customer_group_description cgd", "cgd.customer_group_id = c.customer_group_id"),)
    # OpenCart's customer table (3.0.4.1 and 4.0.2.3) has no modification column, so
    # modified_* are refused, not applied to the creation date.
    created = "c.date_added"
    sort = {"id": "c.customer_id", "created_time": "c.date_added", "email": "c.email",
            "first_name": "c.firstname", "last_name": "c.lastname"}
    default_sort = "created_time"
    filters = {"ids": isin("c.customer_id"), "since_id": after("c.customer_id"),
               "group_id": eq("c.customer_group_id", first_id), "avail": flag("c.status")}
    # names and phone are stored HTML-escaped (:data:`.writes.CUSTOMER`): searched as stored
    list_find_where = find_where = {"email": "c.email", "first_name": Col("c.firstname", html_stored),
                                    "last_name": Col("c.lastname", html_stored),
                                    "phone": Col("c.telephone", html_stored)}
    find_default = "email"
    mapper = M.CUSTOMER
    children = {"books": Children(
        "SELECT a.*, co.name AS country, co.iso_code_2, co.iso_code_3, z.name AS zone, "
        "z.code AS zone_code FROM {p}address a LEFT JOIN {p}country co ON co.country_id = "
        "a.country_id LEFT JOIN {p}zone z ON z.zone_id = a.zone_id WHERE a.customer_id IN (??) "
        "ORDER BY a.address_id", "customer_id")}


class Categories(SqlEntity):
    method, label, plural = "category", "Category", "categories"
    table, key = "{p}category c", "c.category_id"
    columns, joins = f"c.*, {W.CATEGORY_TEXT.select()}", (W.CATEGORY_TEXT.join("c.category_id"),)
    created, modified = "c.date_added", "c.date_modified"
    filters = {"parent_id": eq("c.parent_id", first_id), "avail": flag("c.status")}
    list_find_where = find_where = {"name": Col("cd.name", html_stored)}
    params = frozenset({"lang_id"})
    mapper = M.CATEGORY

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        seo = await conn.seo()
        ctx["seo"] = await seo.keywords("category_id", [r["category_id"] for r in rows], ctx["lang"])
        ctx["front"] = await conn.storefront(ctx["lang"])


class CustomerGroups(SqlEntity):
    method, label, plural = "customer.group", "Customer group", "groups"
    table, key = "{p}customer_group cg", "cg.customer_group_id"
    columns = "cg.*, cgd.name, cgd.description"
    joins = (in_language("customer_group_description cgd", "cgd.customer_group_id = cg.customer_group_id"),)
    filters = {"group_ids": isin("cg.customer_group_id")}
    params = frozenset({"lang_id"})
    serves = ("list",)

    def map(self, row: Row, ctx: Ctx) -> Row:
        return {"id": str(row["customer_group_id"]), "name": html_text(row["name"]),
                "additional_fields": {"description": html_text(row["description"]),
                                      "approval": row["approval"], "sort_order": row["sort_order"]},
                "custom_fields": {}}


_ORDER_STATUSES = W.STATUSES["order_status"]
_order_id = partial(one_id, entity="Order")


#: An order's latest ``return`` row (``additional_fields.return_status``, ``return_status``).
LATEST_RETURN = LatestReturn("`{p}return` lr", "lr.order_id", "lr.return_status_id", "lr.return_id",
                             machine_of(W.STATUSES["return_status"], "OpenCart"))


class Orders(SqlEntity):
    """Orders with status 0 are abandoned checkouts the cart itself hides; so do these."""

    method, label, plural = "order", "Order", "orders"
    table, key = "`{p}order` o", "o.order_id"
    columns = ("o.*, os.name AS status_name, pc.iso_code_2 AS payment_iso_code_2, "
               "pc.iso_code_3 AS payment_iso_code_3, pz.code AS payment_zone_code, "
               "sc.iso_code_2 AS shipping_iso_code_2, sc.iso_code_3 AS shipping_iso_code_3, "
               "sz.code AS shipping_zone_code")
    joins = (in_language("order_status os", "os.order_status_id = o.order_status_id"),
             "LEFT JOIN {p}country pc ON pc.country_id = o.payment_country_id",
             "LEFT JOIN {p}zone pz ON pz.zone_id = o.payment_zone_id",
             "LEFT JOIN {p}country sc ON sc.country_id = o.shipping_country_id",
             "LEFT JOIN {p}zone sz ON sz.zone_id = o.shipping_zone_id")
    created, modified = "o.date_added", "o.date_modified"
    sort = {"order_id": "o.order_id", "id": "o.order_id", "create_at": "o.date_added",
            "created_at": "o.date_added", "modified_at": "o.date_modified", "total": "o.total"}
    default_sort = "order_id"
    scope = ("o.order_status_id > 0",)
    filters = {"order_ids": isin("o.order_id", aliases=("ids",)), "since_id": after("o.order_id"),
               "customer_id": eq("o.customer_id", first_id), "customer_email": eq("o.email"),
               "store_id": eq("o.store_id", first_id),
               "order_status": Filter("o.order_status_id IN (??)", resolve=_ORDER_STATUSES.ids()),
               "order_status_ids": Filter("o.order_status_id IN (??)", resolve=_ORDER_STATUSES.ids(split=True)),
               "return_status": LATEST_RETURN.filter("o.order_id")}
    info_ids = ("order_id", "id")
    # The store's statuses are all its own ("user defined"): they are always listed.
    params = frozenset({"allow_user_defined_order_statuses"})
    serves = ("list", "count", "info")
    mapper = M.ORDER
    children = {
        "options": Children("SELECT * FROM {p}order_option WHERE order_id IN (??)",
                            "order_product_id", "order_id"),
        "items": Children("SELECT * FROM {p}order_product WHERE order_id IN (??) "
                          "ORDER BY order_product_id", "order_id"),
        "totals": Children("SELECT * FROM {p}order_total WHERE order_id IN (??) "
                           "ORDER BY sort_order", "order_id")}

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        # OpenCart 4 orders name their address book rows (3.0 has no such columns: all 0).
        book = sorted({r.get(f"{side}_address_id") or 0 for r in rows
                       for side in ("payment", "shipping")} - {0})
        defaults = set(await rows_by(conn.db, "SELECT address_id FROM {p}address WHERE address_id "
                                               "IN (??) AND `default` = 1", "address_id", book))
        for r in rows:
            r["default_address_ids"] = defaults

    async def items(self, conn: Any, rows: list[Row], ctx: Ctx) -> list[Row]:
        return await LATEST_RETURN.annotate(conn, await super().items(conn, rows, ctx))


class Shipments(SqlEntity):
    """3.x's ``order_shipment`` rows (4.0 has no such table: 120 there)."""

    method, label, plural = "order.shipment", "Shipment", "shipments"
    table, key = "{p}order_shipment s", "s.order_shipment_id"
    columns = "s.*, sc.shipping_courier_name"
    joins = ("LEFT JOIN {p}shipping_courier sc ON sc.shipping_courier_code = s.shipping_courier_id",)
    created = modified = "s.date_added"  # a shipment row is never changed but by tracking.add
    filters = info_filters = {"order_id": eq("s.order_id", _order_id)}
    serves = ("list", "info")
    mapper = M.SHIPMENT

    async def context(self, conn: Any, params: Any) -> Ctx:
        await conn.need_shipments()
        return await super().context(conn, params)


class Returns(SqlEntity):
    method, label, plural = "return", "Return", "returns"
    table, key = "`{p}return` r", "r.return_id"
    # A return names a product, not a line: its line is the order's first of that product,
    # the one the return's quantity is taken from first (.returns.OcReturns.ordered).
    columns = ("r.*, rs.name AS status_name, rr.name AS reason_name, ra.name AS action_name, "
               "(SELECT MIN(op.order_product_id) FROM {p}order_product op WHERE op.order_id = "
               "r.order_id AND op.product_id = r.product_id) AS order_product_id")
    joins = (in_language("return_status rs", "rs.return_status_id = r.return_status_id"),
             in_language("return_reason rr", "rr.return_reason_id = r.return_reason_id"),
             in_language("return_action ra", "ra.return_action_id = r.return_action_id"))
    created, modified = "r.date_added", "r.date_modified"
    filters = {"order_ids": isin("r.order_id", aliases=("order_id",)),
               "customer_id": eq("r.customer_id", first_id),
               "status": Filter("r.return_status_id IN (??)", resolve=W.STATUSES["return_status"].ids())}
    info_filters = {"order_id": eq("r.order_id", _order_id)}
    serves = ("list", "count", "info")
    mapper = M.RETURN


class ChildItems(Chosen):
    """Child items differ by version: 4.x variants, 3.x option values."""

    options = (Variants(), OptionValues())

    async def pick(self, conn: Any) -> SqlEntity:
        return self.options[0] if await conn._v4() else self.options[1]

    async def run_info(self, conn: Any, call: Call) -> Row:
        one_id(call.require("product_id"), "Product")
        return await super().run_info(conn, call)


PRODUCTS, CUSTOMERS, CATEGORIES, ORDERS = Products(), Customers(), Categories(), Orders()
GROUPS, SHIPMENTS, RETURNS = CustomerGroups(), Shipments(), Returns()
ENTITIES: tuple[SqlEntity, ...] = (PRODUCTS, ProductOptions(), ChildItems(), CUSTOMERS, CATEGORIES,
                                   GROUPS, ORDERS, SHIPMENTS, RETURNS)
#: category.assign / category.unassign on ``product_to_category``.
ASSIGNMENT = Assignment(W.PRODUCT_CATEGORIES, PRODUCTS, CATEGORIES)
