"""WooCommerce's entities as :class:`~anycart.platforms.bridge.sqlentity.SqlEntity`
declarations (list/count/info/find). Products and variations are posts, categories
``product_cat`` terms, customers users with a role; orders and refunds are declared for both
storages (``shop_order`` posts, HPOS ``wc_orders`` rows), the store's picked per call."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any, ClassVar

from anycart.contract.validation import parse_moment
from anycart.platforms.bridge import wordpress as wp
from anycart.platforms.bridge.batch import Batch
from anycart.platforms.bridge.filters import eq_id, items
from anycart.platforms.bridge.phpserial import dumps
from anycart.platforms.bridge.returns import LatestReturn
from anycart.platforms.bridge.sqlentity import (
    Chosen,
    Col,
    Ctx,
    Filter,
    Row,
    SqlEntity,
    after,
    eq,
    given,
    isin,
)
from anycart.platforms.bridge.sqlkit import InsertId, Statement
from anycart.platforms.bridge.values import boolean, ids, now_gmt, one_id
from anycart.platforms.bridge.wp_entities import PostImages, Posts, Terms, Users
from anycart.platforms.kit.returns import ReturnStatuses

from . import mapping as M
from . import writes as W
from .refunds import order_refunds

#: A product's featured image and its gallery (``_product_image_gallery``).
IMAGES = PostImages("product", "_product_image_gallery")
_LIVE = "p.post_status IN (" + ", ".join(f"'{s}'" for s in M.LIVE_POST) + ")"
#: product_visibility terms per contract ``visible`` value.
VISIBILITY = {"everywhere": (), "catalog": ("exclude-from-search",), "search": ("exclude-from-catalog",),
              "hidden": ("exclude-from-search", "exclude-from-catalog")}


def _id_of(label: str) -> Callable[[Any], str]:
    """An id as meta stores it: a non-number is 112 (it cannot exist)."""
    return lambda value: str(one_id(value, label))


def _visible(value: Any) -> str | None:
    """The two exclusion terms as ``"01"``-style flags (see :data:`_VISIBLE_SQL`)."""
    if value in ("everywhere", "any"):  # the contract default: every product
        return None
    if value not in VISIBILITY:
        raise ValueError("everywhere, catalog, search or hidden")
    return "".join("1" if slug in VISIBILITY[value] else "0" for slug in VISIBILITY["hidden"])


_EXCLUDED = "CONCAT(" + ", ".join(wp.has_term("product_visibility", f"t.slug = '{slug}'")
                                  for slug in VISIBILITY["hidden"]) + ")"
_VISIBLE_SQL = f"{_EXCLUDED} = ?"
_IN_STOCK = "COALESCE(l.stock_status, 'instock') <> 'outofstock'"


class _Posts(Posts):
    """Products and variations: posts with the product lookup row joined, and the store's
    global attributes."""

    joins = ("LEFT JOIN {p}wc_product_meta_lookup l ON l.product_id = p.ID",)
    images = IMAGES

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        await super().hydrate(conn, rows, ctx)
        ctx["attributes"] = await conn.attributes()


class Products(_Posts):
    method, label, plural, post_type = "product", "Product", "products", "product"
    columns, mapper = M.PRODUCT.columns(), M.PRODUCT
    scope = ("p.post_type = 'product'", _LIVE)
    sort = {"id": "p.ID", "name": "p.post_title", "create_at": "p.post_date_gmt",
            "modified_at": "p.post_modified_gmt", "price": "l.min_price", "sku": "l.sku"}
    filters = {
        "product_ids": isin("p.ID"),
        "since_id": after("p.ID"),
        "categories_ids": Filter(wp.has_term("product_cat", "tt.term_id IN (??)"), ids, aliases=("category_id",)),
        "sku": eq("l.sku"),
        "status": eq("p.post_status", M.product_status),
        # as PRODUCT reads them: published and not hidden; published and in stock
        "avail_view": Filter(f"(p.post_status = 'publish' AND {_EXCLUDED} <> '11') = ?", boolean),
        "avail_sale": Filter(f"(p.post_status = 'publish' AND {_IN_STOCK}) = ?", boolean),
        "product_type": Filter(wp.has_term("product_type", "t.slug = ?"), aliases=("type",)),
        "visible": Filter(_VISIBLE_SQL, _visible),
    }
    list_find_where = {"name": "p.post_title", "sku": "l.sku", "model": "l.sku", "description": "p.post_content"}
    find_where = {"name": "p.post_title", "sku": "l.sku", "model": "l.sku", "id": Col("p.ID", exact=True)}

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        """Also the terms (categories, type, visibility), options, units and link parts."""
        await super().hydrate(conn, rows, ctx)
        terms = await wp.object_terms(conn.db, [int(r["ID"]) for r in rows])
        units = await conn.wp.get("woocommerce_weight_unit", "woocommerce_dimension_unit")
        ctx.update(weight_unit=units["woocommerce_weight_unit"], dimension_unit=units["woocommerce_dimension_unit"],
                   site=await conn.wp.url(), **await conn.permalinks())
        for r in rows:
            by_tax = terms[int(r["ID"])]
            slugs = {t["slug"] for t in by_tax["product_visibility"]}
            r.update(_categories=[str(t["term_id"]) for t in by_tax["product_cat"]],
                     _type=next((t["slug"] for t in by_tax["product_type"]), "simple"),
                     _hidden=set(VISIBILITY["hidden"]) <= slugs,
                     _visibility=next((v for v, need in reversed(VISIBILITY.items()) if set(need) <= slugs),
                                      "everywhere"),
                     _options=M.product_options(r["_meta"], ctx["attributes"], by_tax),
                     _category_slug=next((t["slug"] for t in by_tax["product_cat"]), None))


class Children(_Posts):
    """Variations (``product_variation`` posts) of a product."""

    method, label, plural = "product.child_item", "Product variant", "children"
    columns, mapper = M.CHILD.columns(), M.CHILD
    scope = ("p.post_type = 'product_variation'", _LIVE)
    filters = {"product_ids": isin("p.post_parent", aliases=("product_id",)), "sku": eq("l.sku"),
               "avail_sale": Filter(f"({_IN_STOCK}) = ?", boolean)}
    list_find_where = {"sku": "l.sku", "name": "p.post_title"}
    find_default = "sku"
    info_filters = {"product_id": eq_id("p.post_parent", "Product")}
    serves = ("list", "info")

    async def run_info(self, conn: Any, call: Any) -> Row:
        call.require("product_id")
        return await super().run_info(conn, call)

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        """Also each ``_combination`` (a taxonomy attribute's term id, else the custom
        attribute's value) and the weight unit."""
        await super().hydrate(conn, rows, ctx)
        ctx["weight_unit"] = await conn.wp.one("woocommerce_weight_unit")
        terms = await wp.terms_by_slug(conn.db, {(k[10:], v) for r in rows for k, v in r["_meta"].items()
                                                 if k.startswith("attribute_pa_")})
        for r in rows:
            r["_combination"] = [(str(ctx["attributes"].get(k[10:], {}).get("attribute_id") or k[10:]),
                                  str(terms.get((k[10:], v), v)))
                                 for k, v in r["_meta"].items() if k.startswith("attribute_")]


class Categories(Terms):
    """``product_cat`` terms (WordPress gives terms no dates: date filters are refused),
    with their ``thumbnail_id`` image."""

    taxonomy, post_type, default_option, writes = "product_cat", "product", "default_product_cat", W.CATEGORIES
    columns, mapper = M.CATEGORY.columns(), M.CATEGORY

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        await super().hydrate(conn, rows, ctx)
        thumbs = {int(r["term_id"]): str(r["_meta"].get("thumbnail_id") or "0") for r in rows}
        images = await wp.attachment_images(conn.db, await conn.wp.url(), {
            i: [(int(t), "base")] for i, t in thumbs.items() if t not in ("", "0") and t.isdecimal()})
        for r in rows:
            r["_images"] = images.get(int(r["term_id"]), [])


def _unix(name: str) -> Callable[[Any], int]:
    return lambda value: int(parse_moment(name, value).timestamp())


#: ``last_update`` (a Unix time WooCommerce writes on every save), else the registration.
_MODIFIED = ("COALESCE((SELECT CAST(m.meta_value AS UNSIGNED) FROM {p}usermeta m WHERE m.user_id = u.ID AND "
             "m.meta_key = 'last_update' LIMIT 1), TIMESTAMPDIFF(SECOND, '1970-01-01', u.user_registered))")


class Customers(Users):
    """Users of a role (``group_id``, by default ``customer``)."""

    columns, mapper = M.CUSTOMER.columns(), M.CUSTOMER
    filters = {**Users.filters, "modified_from": Filter(f"{_MODIFIED} >= ?", _unix("modified_from")),
               "modified_to": Filter(f"{_MODIFIED} <= ?", _unix("modified_to"))}


# -- orders and refunds, in either storage ----------------------------------------------------------

def _order_statuses(value: Any) -> list[str]:
    wanted = [M.order_status_id(x) for x in items(value)]
    if any(s not in M.ORDER_STATUSES for s in wanted):
        raise ValueError("one of " + ", ".join(M.ORDER_STATUSES))
    return wanted


#: Where a new order's HPOS operational row is written.
OPERATIONAL = "wc_order_operational_data"
#: An order's facts -> (its HPOS ``table.column``, its legacy post meta key).
STORED = {
    **{f: (f"wc_orders.{col}", key) for f, col, key in (
        ("currency", "currency", "_order_currency"), ("total", "total_amount", "_order_total"),
        ("customer_id", "customer_id", "_customer_user"), ("email", "billing_email", "_billing_email"),
        ("ip_address", "ip_address", "_customer_ip_address"), ("user_agent", "user_agent", "_customer_user_agent"),
        *((f, f, f"_{f}") for f in ("payment_method", "payment_method_title", "transaction_id")))},
    **{f: (f"{OPERATIONAL}.{col}", key) for f, col, key in (
        ("shipping", "shipping_total_amount", "_order_shipping"),
        ("shipping_tax", "shipping_tax_amount", "_order_shipping_tax"),
        ("discount", "discount_total_amount", "_cart_discount"),
        ("discount_tax", "discount_tax_amount", "_cart_discount_tax"),
        ("version", "woocommerce_version", "_order_version"),
        *((f, f, f"_{f}") for f in ("order_key", "created_via", "cart_hash")))}}
#: The facts an order is read with (see :data:`M.ORDER`) -> (its HPOS column, its meta key).
_FACTS = {f: (STORED[f][0].split(".")[1], STORED[f][1]) for f in (
    "currency", "total", "shipping", "discount", "customer_id", "email", "payment_method", "payment_method_title",
    "transaction_id", "order_key", "created_via")}
#: A new order's flags -> (its HPOS operational column, its legacy post meta key: yes/no).
FLAGS = {"inclusive": ("prices_include_tax", "_prices_include_tax"), "sales": ("recorded_sales", "_recorded_sales"),
         "coupons": ("coupon_usages_are_counted", "_recorded_coupon_usage_counts"),
         "stock_reduced": ("order_stock_reduced", "_order_stock_reduced"),
         "downloads": ("download_permission_granted", "_download_permissions_granted")}


async def _refund_statuses(conn: Any) -> ReturnStatuses:
    return M.REFUND_STATUSES


class PostOrders(SqlEntity):
    """Orders as ``shop_order`` posts with their meta (legacy storage)."""

    method, label, plural = "order", "Order", "orders"
    hpos: ClassVar[bool] = False
    table, key, columns = "{p}posts o", "o.ID", "o.ID AS id"
    created, modified = "o.post_date_gmt", "o.post_modified_gmt"
    #: Where the order's meta is written.
    meta_table, meta_owner = "postmeta", "post_id"
    status: ClassVar[str] = "o.post_status"
    scope = ("o.post_type = 'shop_order'",)
    info_ids = ("order_id", "id")
    params = frozenset({"allow_user_defined_order_statuses"})
    sort = {"order_id": "o.ID", "id": "o.ID", "create_at": "o.post_date_gmt", "modified_at": "o.post_modified_gmt"}
    default_sort = "order_id"
    serves = ("list", "count", "info")
    mapper = M.ORDER
    #: The order's latest refund (``additional_fields.return_status``, ``return_status``).
    latest: ClassVar[LatestReturn] = LatestReturn(
        "{p}posts lr", "lr.post_parent", "'completed'", "lr.ID", _refund_statuses,
        "lr.post_type = 'shop_order_refund'")

    @staticmethod
    def _meta_is(key: str, owner: str = "o.ID") -> str:
        """The legacy order ``owner`` (its id, or a refund's parent) has meta ``key`` = ?."""
        return (f"EXISTS (SELECT 1 FROM {{p}}postmeta m WHERE m.post_id = {owner} AND m.meta_key = '{key}' "
                "AND m.meta_value = ?)")

    @classmethod
    def _filters(cls, customer: str, email: str) -> dict[str, Filter]:
        return {"order_ids": isin(cls.key, aliases=("ids",)), "since_id": after(cls.key),
                "customer_id": Filter(customer, _id_of("Customer")), "customer_email": Filter(email),
                "order_status_ids": Filter(f"{cls.status} IN (??)", _order_statuses, aliases=("order_status",)),
                "return_status": cls.latest.filter(cls.key)}

    def scope_for(self, params: Mapping[str, Any], ctx: Ctx) -> Iterable[str]:
        known = f"{self.status} IN (" + ", ".join(f"'{s}'" for s in M.ORDER_STATUSES) + ")"
        picked = any(given(params.get(n)) for n in ("order_status_ids", "order_status"))
        return [*self.scope, *([known] if ctx["method"] in ("list", "count") and not picked else [])]

    def save(self, oid: int, columns: dict[str, Any] | None = None) -> Statement:
        """The order's row saved: ``columns`` set, its modification time now."""
        return wp.touch_post(oid, columns)

    async def facts(self, conn: Any, oids: list[int]) -> dict[int, Row]:
        """id -> the order's facts, one shape for both storages (see :func:`M.order`)."""
        rows = await conn.db.select("SELECT ID AS id, post_status AS status, post_date_gmt AS created, "
                                    "post_modified_gmt AS modified, post_excerpt AS note FROM {p}posts "
                                    f"WHERE ID IN ({wp.marks(oids)})", oids)
        meta = await conn.post_meta(oids)
        return {int(r["id"]): {
            **r, **{fact: m.get(key) for fact, (_, key) in _FACTS.items()}, "storage": "posts",
            # get_total_tax(): cart tax and shipping tax, as HPOS keeps it in tax_amount
            "tax": (M.num(m.get("_order_tax")) or 0) + (M.num(m.get("_order_shipping_tax")) or 0),
            "billing": {k[9:]: v for k, v in m.items() if k.startswith("_billing_")},
            "shipping_address": {k[10:]: v for k, v in m.items() if k.startswith("_shipping_")}}
            for r in rows for m in [meta[int(r["id"])]]}

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        """Each row becomes its facts, with its ``_items`` and ``_shipping`` line's name."""
        oids = [int(r["id"]) for r in rows]
        facts = await self.facts(conn, oids)
        lines, shipping = await order_items(conn, oids)
        for r in rows:
            r.update(facts[int(r["id"])], _items=lines[int(r["id"])], _shipping=shipping.get(int(r["id"])))

    async def items(self, conn: Any, rows: list[Row], ctx: Ctx) -> list[Row]:
        orders = await self.latest.annotate(conn, await super().items(conn, rows, ctx))
        return await order_refunds(conn, orders, HPOS_RETURNS if self.hpos else RETURNS)


PostOrders.filters = PostOrders._filters(PostOrders._meta_is("_customer_user"), PostOrders._meta_is("_billing_email"))


class HposOrders(PostOrders):
    """Orders in the HPOS tables (``wc_orders`` and its address, operational and meta rows)."""

    hpos = True
    table, key, columns = "{p}wc_orders o", "o.id", "o.id AS id"
    created, modified = "o.date_created_gmt", "o.date_updated_gmt"
    meta_table, meta_owner = "wc_orders_meta", "order_id"
    status = "o.status"
    scope = ("o.type = 'shop_order'",)
    latest = LatestReturn("{p}wc_orders lr", "lr.parent_order_id", "'completed'", "lr.id", _refund_statuses,
                          "lr.type = 'shop_order_refund'")
    sort = {"order_id": "o.id", "id": "o.id", "create_at": "o.date_created_gmt", "modified_at": "o.date_updated_gmt"}

    def save(self, oid: int, columns: dict[str, Any] | None = None) -> Statement:
        return wp.update("wc_orders", {**(columns or {}), "date_updated_gmt": now_gmt()}, "id = ?", oid)

    async def facts(self, conn: Any, oids: list[int]) -> dict[int, Row]:
        rows = await conn.db.select(
            "SELECT o.*, d.order_key, d.created_via, d.shipping_total_amount, d.discount_total_amount FROM "
            "{p}wc_orders o LEFT JOIN {p}wc_order_operational_data d ON d.order_id = o.id WHERE o.id IN "
            f"({wp.marks(oids)})", oids)
        by_order: dict[int, dict[str, Row]] = defaultdict(dict)
        addresses = f"SELECT * FROM {{p}}wc_order_addresses WHERE order_id IN ({wp.marks(oids)})"
        for a in await conn.db.select(addresses, oids):
            by_order[int(a["order_id"])][a["address_type"]] = a
        return {int(r["id"]): {
            **{fact: r[column] for fact, (column, _) in _FACTS.items()}, "id": r["id"], "status": r["status"],
            "created": r["date_created_gmt"], "modified": r["date_updated_gmt"], "note": r["customer_note"],
            "tax": r["tax_amount"], "storage": "hpos", "billing": by_order[int(r["id"])].get("billing") or {},
            "shipping_address": by_order[int(r["id"])].get("shipping") or {}} for r in rows}


HposOrders.filters = HposOrders._filters("o.customer_id = ?", "o.billing_email = ?")


async def _items(conn: Any, oids: list[int]) -> dict[int, list[Row]]:
    """order id -> its items (``woocommerce_order_items``), each with its ``_meta``."""
    items = await conn.db.select(f"SELECT * FROM {{p}}woocommerce_order_items WHERE order_id IN ({wp.marks(oids)}) "
                                 "ORDER BY order_item_id", oids) if oids else []
    out: dict[int, list[Row]] = defaultdict(list)
    for i in await wp.with_meta(conn.db, items, "woocommerce_order_itemmeta", "order_item_id", "order_item_id"):
        out[int(i["order_id"])].append(i)
    return out


def add_item(batch: Batch, order: Any, name: str, kind: str, meta: dict[str, Any]) -> InsertId:
    """An item of ``order`` (its id, or the insert that makes it) with its meta, as
    ``wc_add_order_item`` and the item data stores write it; its insert id."""
    at = batch.add(Statement("INSERT INTO {p}woocommerce_order_items (order_item_name, order_item_type, "
                             "order_id) VALUES (?, ?, ?)", [name, kind, order]))
    batch.add(*wp.meta_inserts("woocommerce_order_itemmeta", "order_item_id", at, meta))
    return at


#: The rate id item taxes are kept under (the store's own rates are not in the driver's tables).
TAX_RATE = 0


def tax_data(**amounts: str) -> str:
    """An item's serialized taxes (``_line_tax_data``, a shipping line's ``taxes``): each
    amount under :data:`TAX_RATE`, or each an empty PHP array when none is a tax."""
    some = any(float(v) for v in amounts.values())
    return dumps({key: {TAX_RATE: v} if some else [] for key, v in amounts.items()})


def line_meta(product: Any, variant: Any, qty: Any, tax_class: str, subtotal: str, subtotal_tax: str,
              total: str, tax: str) -> dict[str, Any]:
    """A product line's item meta (``WC_Order_Item_Product``), amounts as the store writes them."""
    return {"_product_id": product, "_variation_id": variant or 0, "_qty": qty, "_tax_class": tax_class,
            "_line_subtotal": subtotal, "_line_subtotal_tax": subtotal_tax, "_line_total": total,
            "_line_tax": tax, "_line_tax_data": tax_data(total=tax, subtotal=subtotal_tax)}


def _product_of(m: Mapping[str, Any]) -> int:
    """The product an item is of: its variation, else its product."""
    return int(m.get("_variation_id") or 0) or int(m.get("_product_id") or 0)


async def order_items(conn: Any, oids: list[int]) -> tuple[dict[int, list[Any]], dict[int, str | None]]:
    """Orders' product lines (with the products' SKUs) and the name of their shipping line."""
    items = await _items(conn, oids)
    product_ids = sorted({_product_of(i["_meta"]) for rows in items.values() for i in rows
                          if str(i["_meta"].get("_product_id") or "").isdecimal()} - {0})
    rows = await conn.db.select("SELECT product_id, sku FROM {p}wc_product_meta_lookup WHERE product_id IN "
                                f"({wp.marks(product_ids)})", product_ids) if product_ids else []
    skus = {int(r["product_id"]): r["sku"] or None for r in rows}
    lines: dict[int, list[Any]] = defaultdict(list)
    shipping: dict[int, str | None] = {}
    for oid, found in items.items():
        for item in found:
            if item["order_item_type"] == "line_item":
                lines[oid].append(M.ORDER_ITEM.read({**item, "_sku": skus.get(_product_of(item["_meta"]))}))
            elif item["order_item_type"] == "shipping":
                shipping.setdefault(oid, item["order_item_name"])
    return lines, shipping


def _completed(value: Any) -> None:
    if value != "completed":
        raise ValueError("completed")


class PostReturns(SqlEntity):
    """Refunds (``shop_order_refund`` children of an order), read only."""

    method, label, plural = "return", "Return", "returns"
    orders: ClassVar[type[PostOrders]] = PostOrders
    table, key = PostOrders.table, PostOrders.key
    columns = ("o.ID AS id, o.post_parent AS parent_id, o.post_date_gmt AS created, (SELECT m.meta_value "
               "FROM {p}postmeta m WHERE m.post_id = o.post_parent AND m.meta_key = '_customer_user' LIMIT 1) "
               "AS customer_id")
    created, modified = PostOrders.created, PostOrders.modified
    scope = ("o.post_type = 'shop_order_refund'",)
    filters = {"order_ids": isin("o.post_parent", aliases=("order_id",)), "status": Filter("", _completed),
               "customer_id": Filter(PostOrders._meta_is("_customer_user", "o.post_parent"), _id_of("Customer"))}
    serves = ("list", "count", "info")
    mapper = M.RETURN

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        """Each row's ``_meta`` and ``_lines`` (its items, each with its ``_meta``)."""
        await wp.with_meta(conn.db, rows, self.orders.meta_table, self.orders.meta_owner, "id")
        found = await _items(conn, [int(r["id"]) for r in rows])
        for r in rows:
            r["_lines"] = [i for i in found[int(r["id"])] if i["order_item_type"] == "line_item"]


class HposReturns(PostReturns):
    orders = HposOrders
    table, key = HposOrders.table, HposOrders.key
    columns = ("o.id AS id, o.parent_order_id AS parent_id, o.date_created_gmt AS created, "
               "(SELECT po.customer_id FROM {p}wc_orders po WHERE po.id = o.parent_order_id) AS customer_id")
    created, modified = HposOrders.created, HposOrders.modified
    scope = ("o.type = 'shop_order_refund'",)
    filters = {**PostReturns.filters, "order_ids": isin("o.parent_order_id", aliases=("order_id",)),
               "customer_id": Filter("EXISTS (SELECT 1 FROM {p}wc_orders po WHERE po.id = o.parent_order_id AND "
                                     "po.customer_id = ?)", _id_of("Customer"))}


PRODUCTS, CHILDREN, CATEGORIES, CUSTOMERS = Products(), Children(), Categories(), Customers()
ORDERS, HPOS_ORDERS, RETURNS, HPOS_RETURNS = PostOrders(), HposOrders(), PostReturns(), HposReturns()


class Orders(Chosen):
    """Orders in the storage the store uses (``woocommerce_custom_orders_table_enabled``)."""

    options: ClassVar[tuple[SqlEntity, ...]] = (ORDERS, HPOS_ORDERS)

    async def pick(self, conn: Any) -> Any:
        return self.options[await conn.hpos()]


class Returns(Orders):
    options = (RETURNS, HPOS_RETURNS)


#: Installed by the connector as handlers.
ENTITIES: tuple[SqlEntity, ...] = (PRODUCTS, CHILDREN, CATEGORIES, CUSTOMERS, Orders(), Returns())
