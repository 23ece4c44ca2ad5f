"""PrestaShop's entities as :class:`~anycart.platforms.bridge.sqlentity.SqlEntity`
declarations (list/count/info/find). Every call binds ``:shop`` and ``:lang`` (the shop's
``sql_context``): ``_shop`` rows are inner joins scoped to ``:shop``, names the ``_lang``
rows of that shop and language."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from anycart.platforms.bridge.filters import AllOf, above, eq_id, id_of
from anycart.platforms.bridge.returns import LatestReturn, machine_of
from anycart.platforms.bridge.specials import Specials
from anycart.platforms.bridge.sqlentity import (
    Children,
    Col,
    Ctx,
    Filter,
    Row,
    SqlEntity,
    eq,
    flag,
    isin,
)
from anycart.platforms.bridge.values import ENABLED, bit, ids
from anycart.platforms.prestashop_values import VISIBILITY

from . import mapping as M
from . import writes as W
from .shop import NO_DATE, ORDER_STATES, RETURN_STATES

#: What a call names its shop and language by.
SHOP_LANG = frozenset({"store_id", "lang_id"})
#: The shop-wide specific price (what the back office's "Specific prices" form writes for all
#: customers, groups, countries and currencies, from one unit) is the contract's special price.
_SHOP_WIDE = {"id_specific_price_rule": 0, "id_cart": 0, "id_product_attribute": 0, "id_customer": 0,
              "id_group": 0, "id_country": 0, "id_currency": 0, "from_quantity": 1}
SPECIALS = Specials(
    "specific_price", "id_product",
    "id_shop IN (0, :shop) AND " + " AND ".join(f"{c} = {v}" for c, v in _SHOP_WIDE.items()),
    lambda ctx: {**_SHOP_WIDE, "id_shop": ctx["shop"], "id_shop_group": 0, "reduction": 0,
                 "reduction_tax": 1, "reduction_type": "amount"},
    start="from", end="to", no_date=NO_DATE, moves=True)


def _visible(value: Any) -> str | None:
    text = str(value).lower()
    if text == "everywhere":  # every visibility: no condition
        return None
    if text not in VISIBILITY:
        raise ValueError("one of " + ", ".join(VISIBILITY))
    return VISIBILITY[text]


async def _storefront(conn: Any, ctx: Ctx) -> None:
    """The shop's links: ``ctx["front"]``, and its base URL (images) as ``ctx["base"]``."""
    ctx["front"] = await conn.storefront(ctx["shop"])
    ctx["base"] = ctx["front"].base


# -- products --------------------------------------------------------------------------------

_OPTION_COLUMNS = (
    "a.id_attribute, a.id_attribute_group, a.color, a.position AS attribute_position,"
    " al.name AS attribute_name, ag.group_type, ag.is_color_group, ag.position AS group_position,"
    " agl.name AS group_name, agl.public_name")
_OPTION_NAMES = (
    " LEFT JOIN {p}attribute_lang al ON al.id_attribute = a.id_attribute AND al.id_lang = :lang"
    " LEFT JOIN {p}attribute_group_lang agl ON agl.id_attribute_group = a.id_attribute_group"
    " AND agl.id_lang = :lang")
#: The attributes of combinations (``pac``), with their groups and names.
_COMBINED = (" JOIN {p}attribute a ON a.id_attribute = pac.id_attribute JOIN {p}attribute_group ag"
             f" ON ag.id_attribute_group = a.id_attribute_group{_OPTION_NAMES}")
#: The attributes a product's combinations use (one row per product and attribute).
OPTIONS = (
    f"SELECT DISTINCT pa.id_product, {_OPTION_COLUMNS} FROM {{p}}product_attribute pa"
    " JOIN {p}product_attribute_combination pac ON pac.id_product_attribute = pa.id_product_attribute"
    f"{_COMBINED}")
#: Every attribute of the shop's attribute groups.
SHOP_OPTIONS = (
    f"SELECT {_OPTION_COLUMNS} FROM {{p}}attribute_group ag JOIN {{p}}attribute_group_shop ags"
    " ON ags.id_attribute_group = ag.id_attribute_group AND ags.id_shop = :shop"
    f" JOIN {{p}}attribute a ON a.id_attribute_group = ag.id_attribute_group{_OPTION_NAMES}")
_IMAGE_JOINS = f" {W.IMAGE_SHOP.join('i.id_image', inner=True)} {W.IMAGE_LANG.join('i.id_image')}"


#: What products and their combinations join and filter alike: the product's page in the
#: call's shop and language, active and available for order.
_PRODUCT_SHOP = W.PRODUCT_SHOP.join("p.id_product", inner=True)
_PRODUCT_LANG = W.PRODUCT_LANG.join("p.id_product")
_FOR_SALE = Filter("(ps.active = 1 AND ps.available_for_order = 1) = ?", bit)


class Products(SqlEntity):
    method, label, plural = "product", "Product", "products"
    table, key = "{p}product p", "p.id_product"
    columns = M.PRODUCT.columns("p.isbn", "p.product_type", "p.id_category_default")
    joins = (
        _PRODUCT_SHOP,
        _PRODUCT_LANG,
        "LEFT JOIN {p}stock_available sa ON sa.id_product = p.id_product"
        " AND sa.id_product_attribute = 0 AND sa.id_shop = ps.id_shop",
        "LEFT JOIN {p}manufacturer m ON m.id_manufacturer = p.id_manufacturer",
        W.CATEGORY_LANG.join("ps.id_category_default", alias="dcl"))
    params = SHOP_LANG
    created, modified = "p.date_add", "p.date_upd"
    sort = {"id": "p.id_product", "name": "pl.name", "price": "ps.price", "sku": "p.reference",
            "model": "p.reference", "quantity": "sa.quantity", "created_at": "p.date_add",
            "create_at": "p.date_add", "modified_at": "p.date_upd", "updated_at": "p.date_upd"}
    filters = {
        "product_ids": isin("p.id_product"),
        "since_id": above("p.id_product", "Product"),
        "categories_ids": Filter("EXISTS (SELECT 1 FROM {p}category_product cp WHERE"
                                 " cp.id_product = p.id_product AND cp.id_category IN (??))",
                                 ids, aliases=("category_id",)),
        "avail_view": Filter("(ps.active = 1 AND ps.visibility <> 'none') = ?", bit),
        "avail_sale": _FOR_SALE,
        "status": eq("ps.active", ENABLED.code),
        "visible": eq("ps.visibility", _visible),
        "sku": eq("p.reference"),
        "brand_name": eq("m.name"),
        "manufacturer_id": eq_id("p.id_manufacturer", "Manufacturer"),
    }
    list_find_where = {"name": "pl.name", "sku": "p.reference", "model": "p.reference",
                       "description": "pl.description"}
    find_where = {"name": "pl.name", "sku": "p.reference", "model": "p.reference",
                  "u_sku": "p.reference", "id": Col("p.id_product", exact=True)}

    children = {
        "categories": Children("SELECT id_product, id_category FROM {p}category_product WHERE"
                               " id_product IN (??) ORDER BY id_category", "id_product"),
        "images": Children("SELECT i.id_image, i.id_product, i.position, ims.cover, iml.legend FROM"
                           f" {{p}}image i{_IMAGE_JOINS} WHERE i.id_product IN (??)"
                           " ORDER BY i.position, i.id_image", "id_product"),
        "options": Children(f"{OPTIONS} WHERE pa.id_product IN (??)", "id_product"),
        # the shop's own row last (it wins over the all-shops one, id_shop 0); `from` last:
        # bridge.php's comma-join rule reads it as the keyword
        "specials": Children(SPECIALS.select(
            "id_specific_price, id_product, price, reduction, reduction_type, `to`, `from`",
            " ORDER BY id_shop, id_specific_price"), "id_product"),
    }
    mapper = M.PRODUCT

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        await _storefront(conn, ctx)
        ctx["now"] = datetime.now(UTC)


#: A combination's sku as :data:`.mapping.CHILD` reads it: its own reference, else the product's.
_CHILD_SKU = "COALESCE(NULLIF(pa.reference, ''), p.reference)"


class ChildItems(SqlEntity):
    """Combinations as child items."""

    method, label, plural = "product.child_item", "Child item", "children"
    table, key = "{p}product_attribute pa", "pa.id_product_attribute"
    columns = M.CHILD.columns("pas.default_on", "pas.minimal_quantity")
    joins = (
        "JOIN {p}product_attribute_shop pas ON pas.id_product_attribute = pa.id_product_attribute",
        "JOIN {p}product p ON p.id_product = pa.id_product",
        _PRODUCT_SHOP,
        _PRODUCT_LANG,
        "LEFT JOIN {p}stock_available sa ON sa.id_product = pa.id_product"
        " AND sa.id_product_attribute = pa.id_product_attribute AND sa.id_shop = pas.id_shop")
    scope = ("pas.id_shop = :shop",)
    params = SHOP_LANG
    serves = ("list", "info")
    created, modified = "p.date_add", "p.date_upd"
    filters = {
        "product_ids": isin("pa.id_product", aliases=("product_id",)),
        "sku": eq(_CHILD_SKU),
        "avail_sale": _FOR_SALE,
    }
    list_find_where = {"name": "pl.name", "sku": _CHILD_SKU}
    info_filters = {"product_id": eq_id("pa.id_product", "Product")}
    children = {
        "combination": Children(
            "SELECT pac.id_product_attribute, a.id_attribute, a.id_attribute_group, al.name AS"
            f" attribute_name, agl.name AS group_name FROM {{p}}product_attribute_combination pac"
            f"{_COMBINED} WHERE pac.id_product_attribute IN (??) ORDER BY ag.position, a.position",
            "id_product_attribute"),
        "images": Children(
            "SELECT pai.id_product_attribute, i.id_image, i.position, ims.cover, iml.legend"
            " FROM {p}product_attribute_image pai JOIN {p}image i ON i.id_image = pai.id_image"
            f"{_IMAGE_JOINS} WHERE pai.id_product_attribute IN (??) ORDER BY i.position",
            "id_product_attribute"),
    }
    mapper = M.CHILD

    async def hydrate(self, conn: Any, rows: list[Row], ctx: Ctx) -> None:
        await _storefront(conn, ctx)


# -- categories and customers ----------------------------------------------------------------

class Categories(SqlEntity):
    method, label, plural = "category", "Category", "categories"
    table, key = "{p}category c", "c.id_category"
    columns = M.CATEGORY.columns("c.level_depth", "c.nleft", "c.nright", "c.is_root_category")
    joins = (W.CATEGORY_SHOP.join("c.id_category", inner=True),
             W.CATEGORY_LANG.join("c.id_category"))
    params = SHOP_LANG
    created, modified = "c.date_add", "c.date_upd"
    filters = {"parent_id": eq_id("c.id_parent", "Category"), "avail": flag("c.active")}
    list_find_where = find_where = {"name": "cl.name"}
    mapper = M.CATEGORY

    def scope_for(self, params: Mapping[str, Any], ctx: Ctx) -> Iterable[str]:
        # The tree's root (id_parent 0) is no category of the shop's, yet info reads it.
        return () if ctx["method"] == "info" else ("c.id_parent <> 0",)


ADDRESSES = (
    "SELECT a.*, co.iso_code AS country_iso, cl.name AS country_name, s.name AS state_name,"
    " s.iso_code AS state_iso FROM {p}address a"
    " LEFT JOIN {p}country co ON co.id_country = a.id_country"
    " LEFT JOIN {p}country_lang cl ON cl.id_country = a.id_country AND cl.id_lang = :lang"
    " LEFT JOIN {p}state s ON s.id_state = a.id_state")


class Customers(SqlEntity):
    method, label, plural = "customer", "Customer", "customers"
    table, key = "{p}customer c", "c.id_customer"
    columns = M.CUSTOMER.columns("c.birthday", "c.website", "c.note", "c.optin", "c.is_guest",
                                 "c.id_default_group", "c.id_lang", "c.id_shop")
    created, modified = "c.date_add", "c.date_upd"
    sort = {"created_time": "c.date_add", "modified_time": "c.date_upd", "id": "c.id_customer",
            "email": "c.email", "first_name": "c.firstname", "last_name": "c.lastname"}
    default_sort = "created_time"
    filters = {
        "ids": isin("c.id_customer"),
        "since_id": above("c.id_customer", "Customer"),
        "group_id": Filter("EXISTS (SELECT 1 FROM {p}customer_group cg WHERE cg.id_customer ="
                           " c.id_customer AND cg.id_group = ?)", id_of("Group")),
        "avail": flag("c.active"),
    }
    list_find_where = find_where = {"email": "c.email", "first_name": "c.firstname",
                                    "last_name": "c.lastname", "company": "c.company"}
    find_default = "email"
    children = {
        "groups": Children("SELECT cg.id_customer, cg.id_group, gl.name FROM {p}customer_group cg"
                           " LEFT JOIN {p}group_lang gl ON gl.id_group = cg.id_group AND"
                           " gl.id_lang = :lang WHERE cg.id_customer IN (??) ORDER BY cg.id_group",
                           "id_customer"),
        "addresses": Children(f"{ADDRESSES} WHERE a.id_customer IN (??) AND a.deleted = 0"
                              " ORDER BY a.id_address", "id_customer"),
    }
    mapper = M.CUSTOMER

    def scope_for(self, params: Mapping[str, Any], ctx: Ctx) -> Iterable[str]:
        # Guests (checkouts without an account) only when asked for; info reads any.
        guests = ctx["method"] == "info" or params.get("include_guests")
        return ("c.deleted = 0",) if guests else ("c.deleted = 0", "c.is_guest = 0")

    def applied(self) -> dict[str, frozenset[str]]:
        return {m: names | {"include_guests"} if not m.endswith(".info") else names
                for m, names in super().applied().items()}


class CustomerGroups(SqlEntity):
    method, label, plural = "customer.group", "Customer group", "groups"
    table, key = "`{p}group` g", "g.id_group"
    columns = "g.id_group, gl.name, g.reduction, g.price_display_method, g.show_prices"
    joins = ("JOIN {p}group_shop gs ON gs.id_group = g.id_group",
             "LEFT JOIN {p}group_lang gl ON gl.id_group = g.id_group AND gl.id_lang = :lang")
    scope = ("gs.id_shop = :shop",)
    params = SHOP_LANG
    serves = ("list",)
    filters = {"group_ids": isin("g.id_group")}

    def map(self, row: Row, ctx: Ctx) -> Row:
        # the contract's customer group has no additional_fields: the rest goes beside it
        extra = {k: v for k, v in row.items() if k not in ("id_group", "name")}
        return {**M.GROUP.wire(row), "additional_fields": extra}


# -- orders, shipments, returns --------------------------------------------------------------

#: An order's latest ``order_return`` (``additional_fields.return_status``, ``return_status``).
LATEST_RETURN = LatestReturn("{p}order_return lr", "lr.id_order", "lr.state", "lr.id_order_return",
                             machine_of(RETURN_STATES, "PrestaShop"))


class Orders(SqlEntity):
    method, label, plural = "order", "Order", "orders"
    table, key = "{p}orders o", "o.id_order"
    columns = M.ORDER.columns("o.reference", "o.id_address_invoice", "o.id_address_delivery",
                              "o.module", "o.id_carrier", "o.total_products_wt",
                              "o.total_paid_real", "o.valid", "o.note")
    joins = ("LEFT JOIN {p}customer cu ON cu.id_customer = o.id_customer",
             "LEFT JOIN {p}currency cur ON cur.id_currency = o.id_currency",
             "LEFT JOIN {p}carrier ca ON ca.id_carrier = o.id_carrier",
             "LEFT JOIN {p}order_state_lang osl ON osl.id_order_state = o.current_state"
             " AND osl.id_lang = :lang")
    scope = ("o.id_shop = :shop",)
    # PrestaShop's statuses are all the merchant's own: user-defined ones are answered anyway.
    params = frozenset({"store_id", "allow_user_defined_order_statuses"})
    info_ids = ("order_id", "id")
    created, modified = "o.date_add", "o.date_upd"
    sort = {"order_id": "o.id_order", "id": "o.id_order", "created_at": "o.date_add",
            "create_at": "o.date_add", "modified_at": "o.date_upd", "updated_at": "o.date_upd",
            "total": "o.total_paid_tax_incl"}
    default_sort = "order_id"
    filters = {
        "order_ids": isin("o.id_order", aliases=("ids",)),
        "skip_order_ids": Filter("o.id_order NOT IN (??)", lambda v: ids(v) or None),
        "since_id": above("o.id_order", "Order"),
        "customer_id": eq_id("o.id_customer", "Customer"),
        "customer_email": eq("cu.email"),
        "currency_id": eq_id("o.id_currency", "Currency"),
        "order_status": AllOf("o.current_state IN (??)", aliases=("order_status_ids",),
                               resolve=ORDER_STATES.ids()),
        "return_status": LATEST_RETURN.filter("o.id_order"),
    }
    children = {
        "items": Children("SELECT * FROM {p}order_detail WHERE id_order IN (??)"
                          " ORDER BY id_order_detail", "id_order"),
        "comments": Children("SELECT id_order, message FROM {p}message WHERE id_order IN (??)"
                             " AND private = 0 ORDER BY id_message", "id_order"),
        "invoice": Children(f"{ADDRESSES} WHERE a.id_address IN (??)", "id_address",
                            "id_address_invoice"),
        "delivery": Children(f"{ADDRESSES} WHERE a.id_address IN (??)", "id_address",
                             "id_address_delivery"),
        # its refunds: credit slips and their lines
        "slips": Children("SELECT * FROM {p}order_slip WHERE id_order IN (??)"
                          " ORDER BY id_order_slip", "id_order"),
        "slip_lines": Children(
            "SELECT sd.*, od.product_id, od.product_attribute_id FROM {p}order_slip_detail sd"
            " JOIN {p}order_detail od ON od.id_order_detail = sd.id_order_detail WHERE"
            " od.id_order IN (??) ORDER BY sd.id_order_detail", "id_order_slip", "id_order"),
    }
    mapper = M.ORDER

    async def items(self, conn: Any, rows: list[Row], ctx: Ctx) -> list[Row]:
        orders = await LATEST_RETURN.annotate(conn, await super().items(conn, rows, ctx))
        for order in orders:  # an order without credit slips answers none, not no member
            order.setdefault("refunds", [])
        return orders


class Shipments(SqlEntity):
    """``order_carrier`` rows: one carrier and tracking number each."""

    method, label, plural = "order.shipment", "Shipment", "shipments"
    table, key = "{p}order_carrier oc", "oc.id_order_carrier"
    columns = "oc.*, ca.name AS carrier_name, ca.url AS carrier_url"
    joins = ("JOIN {p}orders o ON o.id_order = oc.id_order",
             "LEFT JOIN {p}carrier ca ON ca.id_carrier = oc.id_carrier")
    scope = ("o.id_shop = :shop",)
    params = frozenset({"store_id"})
    serves = ("list", "info")
    created = modified = "oc.date_add"
    filters = info_filters = {"order_id": eq_id("oc.id_order", "Order")}
    children = {"lines": Children("SELECT id_order, id_order_detail, product_id, product_name,"
                                  " product_quantity FROM {p}order_detail WHERE id_order IN (??)"
                                  " ORDER BY id_order_detail", "id_order")}
    mapper = M.SHIPMENT


class Returns(SqlEntity):
    method, label, plural = "return", "Return", "returns"
    table, key = "{p}order_return r", "r.id_order_return"
    columns = M.RETURN.columns()
    joins = ("JOIN {p}orders o ON o.id_order = r.id_order",
             "LEFT JOIN {p}order_return_state_lang rsl ON rsl.id_order_return_state = r.state"
             " AND rsl.id_lang = :lang")
    scope = ("o.id_shop = :shop",)
    params = frozenset({"store_id"})
    serves = ("list", "count", "info")
    created, modified = "r.date_add", "r.date_upd"
    filters = {
        "order_ids": isin("r.id_order", aliases=("order_id",)),
        "customer_id": eq_id("r.id_customer", "Customer"),
        "status": Filter("r.state IN (??)", resolve=RETURN_STATES.ids()),
    }
    info_filters = {"order_id": eq_id("r.id_order", "Order")}
    children = {"items": Children(
        "SELECT rd.id_order_return, rd.id_order_detail, rd.product_quantity, od.product_id,"
        " od.product_name, od.product_reference FROM {p}order_return_detail rd JOIN"
        " {p}order_detail od ON od.id_order_detail = rd.id_order_detail"
        " WHERE rd.id_order_return IN (??) ORDER BY rd.id_order_detail", "id_order_return")}
    mapper = M.RETURN


PRODUCTS, CATEGORIES, CUSTOMERS, ORDERS = Products(), Categories(), Customers(), Orders()
SHIPMENTS, RETURNS = Shipments(), Returns()
ENTITIES: tuple[SqlEntity, ...] = (PRODUCTS, ChildItems(), CATEGORIES, CUSTOMERS,
                                   CustomerGroups(), ORDERS, SHIPMENTS, RETURNS)
