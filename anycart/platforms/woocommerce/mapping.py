"""WooCommerce rows (a post or user row with its ``_meta`` and terms) -> the unified model,
and parameters -> WordPress values. Dates are the UTC ``*_gmt`` columns (and
``user_registered``), shown in the store's zone; a customer's modification time is the
``last_update`` user meta (a Unix time WooCommerce writes on every save).
"""

from __future__ import annotations

import hashlib
import secrets
import string
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from anycart import model as U
from anycart.contract.validation import parse_bool
from anycart.errors import ApiError
from anycart.platforms.bridge import values as V
from anycart.platforms.bridge.clock import store_zone
from anycart.platforms.bridge.mapper import (
    Ctx,
    Extras,
    Many,
    Mapper,
    Nested,
    Row,
    Source,
    at,
    calc,
    col,
    const,
    ctx,
    meta,
    prefixed,
)
from anycart.platforms.bridge.phpserial import loads
from anycart.platforms.bridge.slugs import slugify
from anycart.platforms.countries import country
from anycart.platforms.kit.returns import ReturnStatuses, Unified

ORDER_STATUSES = {"wc-pending": "Pending payment", "wc-processing": "Processing",
                  "wc-on-hold": "On hold", "wc-completed": "Completed",
                  "wc-cancelled": "Cancelled", "wc-refunded": "Refunded", "wc-failed": "Failed"}
PRODUCT_STATUSES = ("publish", "draft", "pending", "private")
#: Post statuses of products that exist (not trashed, not auto-drafts).
LIVE_POST = ("publish", "draft", "pending", "private", "future")
ADDRESS_FIELDS = ("first_name", "last_name", "company", "address_1", "address_2", "city",
                  "state", "postcode", "country", "phone")


num, text, date = V.number, V.sid, V.a2c_gmt  # date: a UTC column (``*_gmt``, ``user_registered``)


def unix_date(value: Any) -> U.A2CDateTime | None:
    stamp = num(value)
    return None if not stamp else U.A2CDateTime.of(datetime.fromtimestamp(stamp, store_zone()))


def _num0(value: Any) -> float:
    return num(value) or 0.0


def _int0(value: Any) -> int:
    return int(num(value) or 0)


def _yes(value: Any) -> bool:
    return bool(value == "yes")


def product_status(value: Any, name: str = "status") -> str:
    """A product ``status`` parameter: one of :data:`PRODUCT_STATUSES` (109 naming it)."""
    if value not in PRODUCT_STATUSES:
        raise ApiError.invalid(name, "one of " + ", ".join(PRODUCT_STATUSES))
    return str(value)


def order_status_id(value: Any) -> str:
    """``processing`` and ``wc-processing`` name the same status; the cart stores the latter."""
    raw = str(value).strip().lower()
    return raw if raw.startswith("wc-") else f"wc-{raw}"


def on_sale(meta: dict[str, Any], now: float | None = None) -> bool:
    """WC_Product::is_on_sale('edit'): a sale price below the regular one, inside its
    ``_sale_price_dates_from``/``_to`` window (UTC timestamps; empty = open)."""
    sale, regular = num(meta.get("_sale_price")), num(meta.get("_regular_price"))
    if sale is None or (regular is not None and sale >= regular):
        return False
    moment = datetime.now(UTC).timestamp() if now is None else now
    start, end = num(meta.get("_sale_price_dates_from")), num(meta.get("_sale_price_dates_to"))
    return (not start or start <= moment) and (not end or moment <= end)


def product_url(row: Row, ctx: Ctx) -> str:
    """get_permalink(): ``<home>/<product base>/<slug>/`` with pretty permalinks
    (``%product_cat%``: the lowest-id category's slug), else ``<home>/?product=<slug>``;
    drafts, pending and scheduled products ``?post_type=product&p=<id>``."""
    home = str(ctx.get("home") or ctx["site"]).rstrip("/")
    if row["post_status"] in ("draft", "pending", "auto-draft", "future") or not row.get("post_name"):
        return f"{home}/?post_type=product&p={row['ID']}"
    if not ctx.get("permalink_structure"):
        return f"{home}/?product={row['post_name']}"
    base = str(ctx.get("product_base") or "product").strip("/")
    if "%product_cat%" in base:
        base = base.replace("%product_cat%", row["_category_slug"] or "uncategorized")
    return f"{home}/{base}/{row['post_name']}/"


def _price(row: Row, ctx: Ctx) -> float | None:
    """``_regular_price``, else ``_price``, else the lookup row's ``min_price``."""
    meta = row["_meta"]
    found = num(meta.get("_regular_price") if meta.get("_regular_price") not in (None, "") else meta.get("_price"))
    return found if found is not None else num(row.get("min_price"))


def _stock_status(row: Row, ctx: Ctx) -> str:
    return str(row["_meta"].get("_stock_status") or "instock")


def _published(row: Row) -> bool:
    return bool(row["post_status"] == "publish")


SPECIAL_PRICE = Mapper(
    U.SpecialPrice, value=meta("_sale_price", num), avail=calc(lambda r, c: on_sale(r["_meta"])),
    created_at=meta("_sale_price_dates_from", unix_date), expired_at=meta("_sale_price_dates_to", unix_date))

#: What products and variations read alike: the post's name, excerpt, order and images, the
#: stock status, the weight unit and the dimensions.
_POST: dict[str, Source | Many] = {
    "name": col("p.post_title"), "short_description": col("p.post_excerpt"), "sort_order": col("p.menu_order", _int0),
    "images": Many(None, "_images"), "in_stock": calc(lambda r, c: _stock_status(r, c) != "outofstock"),
    "weight_unit": ctx("weight_unit"), **{n: meta(f"_{n}", num) for n in ("width", "height", "length")}}

#: A product post with its meta, terms, images and options hydrated (``_meta``, ``_type``...).
PRODUCT = Mapper(
    U.Product, id=col("p.ID", str), type=at("_type"), u_model=meta("_sku", text), u_sku=meta("_sku", text),
    description=col("p.post_content"), price=calc(_price, "l.min_price"), quantity=meta("_stock", _num0),
    categories_ids=at("_categories"),
    special_price=Nested(SPECIAL_PRICE, when=lambda r, c: num(r["_meta"].get("_sale_price")) is not None),
    url=calc(product_url, "p.post_status", "p.post_name"), seo_url=col("p.post_name"),
    avail_sale=calc(lambda r, c: _published(r) and _stock_status(r, c) != "outofstock", "p.post_status"),
    avail_view=calc(lambda r, c: _published(r) and not r["_hidden"], "p.post_status"),
    on_sale=calc(lambda r, c: on_sale(r["_meta"])), create_at=col("p.post_date_gmt", date),
    modified_at=col("p.post_modified_gmt", date), product_options=Many(None, "_options"),
    u_gtin=meta("_global_unique_id", text), weight=meta("_weight", _num0), **_POST,
    additional_fields=Extras(
        status=col("p.post_status"), stock_status=calc(_stock_status), manage_stock=meta("_manage_stock", _yes, False),
        sale_price=meta("_sale_price", num), tax_status=meta("_tax_status"), tax_class=meta("_tax_class"),
        visibility=at("_visibility"), dimensions_unit=ctx("dimension_unit"), total_sales=meta("total_sales", num)))


def product_options(meta: dict[str, Any], attributes: dict[str, dict[str, Any]],
                    product_terms: dict[str, list[dict[str, Any]]]) -> list[U.ProductOption]:
    """``_product_attributes`` as options: a taxonomy attribute (``pa_color``) lists the
    product's terms of it, a custom one its ``A | B`` values."""
    raw = loads(meta.get("_product_attributes")) or {}
    if not isinstance(raw, dict):
        return []
    out = []
    for key, attr in raw.items():
        if not isinstance(attr, dict):
            continue
        name = str(attr.get("name") or key)
        if attr.get("is_taxonomy"):
            info = attributes.get(name, {})
            option_id = str(info.get("attribute_id") or name)
            items = [U.ProductOptionValue(id=str(t["term_id"]), product_option_item_id=str(t["term_id"]),
                                          name=t["name"], sort_order=n)
                     for n, t in enumerate(product_terms.get(name, []))]
            label = info.get("attribute_label") or name
        else:
            option_id, label = name, name
            values = [v.strip() for v in str(attr.get("value") or "").split("|") if v.strip()]
            items = [U.ProductOptionValue(id=v, product_option_item_id=v, name=v, sort_order=n)
                     for n, v in enumerate(values)]
        out.append(U.ProductOption(id=option_id, product_option_id=option_id, name=label,
                                   sort_order=int(attr.get("position") or 0), type="select",
                                   required=bool(attr.get("is_variation")), available=True,
                                   used_in_combination=bool(attr.get("is_variation")),
                                   option_items=items,
                                   additional_fields={"attribute": name,
                                                      "is_visible": bool(attr.get("is_visible"))}))
    return out


#: A global attribute (a ``woocommerce_attribute_taxonomies`` row) with its ``_taxonomy`` and
#: ``_terms``: product.option.list without a product.
GLOBAL_OPTION = Mapper(
    U.ProductOption, id=at("attribute_id", convert=str), product_option_id=at("attribute_id", convert=str),
    name=at("attribute_label"), type=at("attribute_type"), available=const(True),
    option_items=calc(lambda r, c: [U.ProductOptionValue(id=str(t["term_id"]), name=t["name"], sort_order=n)
                                    for n, t in enumerate(r["_terms"])]),
    additional_fields=Extras(attribute=at("_taxonomy")))


#: A variation post with its meta, images and ``_combination`` (option id, value id) hydrated.
CHILD = Mapper(
    U.Child, id=col("p.ID", str), parent_id=col("p.post_parent", str), sku=meta("_sku", text),
    gtin=meta("_global_unique_id", text), created_time=col("p.post_date_gmt", date),
    modified_time=col("p.post_modified_gmt", date), full_description=meta("_variation_description", default=""),
    combination=calc(lambda r, c: [U.ChildCombination(option_id=o, option_value_id=v) for o, v in r["_combination"]]),
    default_price=meta("_regular_price", num), list_price=meta("_regular_price", num),
    avail_for_sale=calc(lambda r, c: _published(r), "p.post_status"),
    allow_backorders=meta("_backorders", lambda v: v in ("yes", "notify"), False),
    on_sale=calc(lambda r, c: on_sale(r["_meta"])),
    manage_stock=meta("_manage_stock", _yes, False), inventory_level=meta("_stock", num),
    is_virtual=meta("_virtual", _yes, False), weight=meta("_weight", num), **_POST,
    additional_fields=Extras(sale_price=meta("_sale_price", num), stock_status=calc(_stock_status),
                             attributes=calc(lambda r, c: {k[10:]: v for k, v in r["_meta"].items()
                                                           if k.startswith("attribute_")})))

#: A ``product_cat`` term with its meta and ``_images`` hydrated.
CATEGORY = Mapper(
    U.Category, id=col("t.term_id", str), parent_id=col("tt.parent", str), name=col("t.name"),
    description=col("tt.description"), avail=const(True), sort_order=meta("order", _int0, 0),
    seo_url=col("t.slug"), images=Many(None, "_images"),
    additional_fields=Extras(product_count=col("tt.count", _int0, 0), display_type=meta("display_type", default="")))


def _address_of(kind: str, prefix: str, where: str | None = None) -> Callable[[Row, Ctx], dict[str, Any]]:
    """The ``<prefix>*`` keys of ``row[where]`` as an address of ``kind``; {} when none is set."""
    def part(row: Row, c: Ctx) -> dict[str, Any]:
        found = prefixed(where, prefix)(row, c)
        return {**found, "_kind": kind} if any(found.get(f) for f in ADDRESS_FIELDS) else {}
    return part


#: ``billing_*``/``shipping_*`` user meta, or an order's address, through :func:`_address_of`.
ADDRESS = Mapper(
    U.Address, id=at("_kind"), type=at("_kind"), first_name=at("first_name"), last_name=at("last_name"),
    company=at("company", convert=text), address1=at("address_1"), address2=at("address_2", convert=text),
    city=at("city"), postcode=at("postcode"),
    state=calc(lambda r, c: U.State(code=r.get("state") or None, name=r.get("state") or None)),
    country=at("country", convert=country), phone=at("phone", convert=text), default=const(True))


def _groups(row: Row, ctx: Ctx) -> list[U.CustomerGroup]:
    caps, roles = loads(row["_meta"].get(ctx["cap"])) or {}, ctx["roles"]
    return [U.CustomerGroup(id=r, name=roles.get(r, r)) for r, on in caps.items() if on] \
        if isinstance(caps, dict) else []


#: A user with its meta hydrated (``ctx``: ``roles``, and ``cap``, the capabilities key).
CUSTOMER = Mapper(
    U.Customer, id=col("u.ID", str), email=col("u.user_email"), first_name=meta("first_name", default=""),
    last_name=meta("last_name", default=""), phone=meta("billing_phone", text), company=meta("billing_company", text),
    created_time=col("u.user_registered", date),
    modified_time=calc(lambda r, c: unix_date(r["_meta"].get("last_update")) or date(r["user_registered"])),
    group=calc(_groups), status=const("enabled"),
    address_book=calc(lambda r, c: [a for a in (Nested(ADDRESS, at=_address_of(k, f"{k}_", "_meta")).value(r, c)
                                                for k in ("billing", "shipping")) if a]),
    additional_fields=Extras(login=col("u.user_login"), display_name=col("u.display_name"),
                             paying_customer=meta("paying_customer", lambda v: v == "1", False)))


def _unit_price(item: Row, ctx: Ctx) -> float:
    """``_line_subtotal / _qty`` (the price before discounts), else the line total's."""
    m = item["_meta"]
    qty, subtotal = num(m.get("_qty")) or 0, num(m.get("_line_subtotal"))
    return round((subtotal if subtotal is not None else _num0(m.get("_line_total"))) / qty, 4) if qty else 0.0


def _tax_percent(item: Row, ctx: Ctx) -> float:
    total, tax = _num0(item["_meta"].get("_line_total")), _num0(item["_meta"].get("_line_tax"))
    return round(tax / total * 100, 2) if total else 0.0


def _variant(value: Any) -> str | None:
    """An item's ``_variation_id``: 0 is none."""
    return None if str(value) in ("", "0") else str(value)


#: A ``line_item`` with its item meta and its product's ``_sku`` hydrated.
ORDER_ITEM = Mapper(
    U.OrderItem, order_product_id=at("order_item_id", convert=str), product_id=meta("_product_id", text),
    variant_id=meta("_variation_id", _variant), model=at("_sku"),
    name=at("order_item_name"), price=calc(_unit_price), quantity=meta("_qty", _num0, 0.0),
    total_price=meta("_line_total", _num0, 0.0), tax_percent=calc(_tax_percent),
    additional_fields=Extras(tax=meta("_line_tax", _num0, 0.0), attributes=calc(
        lambda r, c: {k: v for k, v in r["_meta"].items() if not k.startswith("_")})))


def _subtotal(o: Row, ctx: Ctx) -> float:
    """get_subtotal(): the lines before discounts (price is _line_subtotal / _qty)."""
    return round(sum((i.price or 0) * (i.quantity or 0) for i in o["_items"]), 2)


#: An order's facts, one shape for both storages, with ``_items`` and ``_shipping`` (its
#: shipping line's name) hydrated.
ORDER = Mapper(
    U.Order, id=at("id", convert=str), order_id=at("id", convert=str),
    customer=calc(lambda o, c: U.BaseCustomer(
        id=str(o.get("customer_id") or 0), email=o.get("email"), first_name=o["billing"].get("first_name"),
        last_name=o["billing"].get("last_name"), phone=o["billing"].get("phone"))),
    create_at=at("created", convert=date), modified_at=at("modified", convert=date),
    currency=calc(lambda o, c: U.Currency(id=o.get("currency"), iso3=o.get("currency"))),
    billing_address=Nested(ADDRESS, at=_address_of("billing", "", "billing")),
    shipping_address=Nested(ADDRESS, at=_address_of("shipping", "", "shipping_address")),
    payment_method=calc(lambda o, c: U.NamedMethod(name=o.get("payment_method_title") or o.get("payment_method"))),
    shipping_method=calc(lambda o, c: U.NamedMethod(name=o.get("_shipping"))),
    status=calc(lambda o, c: U.OrderStatus(id=o["status"], name=ORDER_STATUSES.get(o["status"], o["status"]))),
    totals=calc(lambda o, c: U.OrderTotals(
        total=_num0(o.get("total")), subtotal=_subtotal(o, c), shipping=_num0(o.get("shipping")),
        tax=_num0(o.get("tax")), discount=_num0(o.get("discount")))),
    order_products=Many(None, "_items"), comment=at("note", convert=lambda v: v or None), store_id=const("0"),
    additional_fields=Extras(order_key=at("order_key"), storage=at("storage"), transaction_id=at("transaction_id"),
                             created_via=at("created_via")))


def tracking_items(value: Any) -> list[dict[str, Any]]:
    raw = loads(value) if value else []
    items = list(raw.values()) if isinstance(raw, dict) else []
    return [i for i in items if isinstance(i, dict)]


def new_tracking_id() -> str:
    return hashlib.md5(secrets.token_bytes(16)).hexdigest()


def _tracking_numbers(item: Row, ctx: Ctx) -> list[U.TrackingNumber]:
    number = item.get("tracking_number")
    return [U.TrackingNumber(carrier_id=_provider(item, ctx), tracking_number=number)] if number else []


def _provider(item: Row, ctx: Ctx) -> str | None:
    return item.get("custom_tracking_provider") or item.get("tracking_provider") or None


#: A Shipment Tracking item (``ctx``: ``order_id`` and the order's ``lines``): the plugin
#: tracks whole orders, so every line is shipped.
SHIPMENT = Mapper(
    U.Shipment, id=calc(lambda r, c: str(r.get("tracking_id"))), order_id=ctx("order_id", str),
    shipment_provider=calc(_provider),
    tracking_numbers=calc(_tracking_numbers), created_at=at("date_shipped", convert=unix_date),
    modified_time=at("date_shipped", convert=unix_date), is_shipped=const(True),
    items=calc(lambda r, c: [U.ShipmentItem(order_product_id=i.order_product_id, product_id=i.product_id,
                                            name=i.name, quantity=i.quantity) for i in c["lines"]]),
    additional_fields=Extras(tracking_link=at("custom_tracking_link", convert=lambda v: v or None)))


def _stamp(value: Any) -> str | None:
    created = V.from_gmt_time(value)
    return created.strftime("%Y-%m-%dT%H:%M:%S%z") if created else None


#: A refund's lines: an item with its item meta.
RETURN_LINE = Mapper(
    U.ReturnOrderProduct, product_id=meta("_product_id", text), order_product_id=meta("_refunded_item_id", text),
    name=at("order_item_name"), quantity=meta("_qty", lambda v: abs(int(num(v) or 0)), 0))

#: A return is a refund (``shop_order_refund``), refunded when it is made.
REFUND_STATUSES = ReturnStatuses("WooCommerce", {"completed": ("Completed", Unified.REFUNDED)},
                                 initial=frozenset({Unified.REFUNDED}))
#: A refund (``id``, ``parent_id``, ``created``) with its meta and ``_lines`` hydrated.
RETURN = Mapper(
    U.Return, id=at("id", convert=str), order_id=at("parent_id", convert=str),
    customer_id=at("customer_id", convert=lambda v: None if str(v or 0) == "0" else str(v)),  # 0: a guest
    created_at=at("created", convert=_stamp),
    modified_at=at("created", convert=_stamp), status=const(U.ReturnStatus(**REFUND_STATUSES.status("completed"))),
    order_products=Many(RETURN_LINE, "_lines"), comment=meta("_refund_reason", lambda v: v or None),
    additional_fields=Extras(amount=meta("_refund_amount", num), refunded_by=meta("_refunded_by")))


def _back(value: Any) -> float:
    """An amount a refund keeps negative, as given back."""
    return abs(num(value) or 0)


#: A refund's line (an item with its meta) among an order's ``refunds``.
REFUND_ITEM = Mapper(
    U.RefundItem, product_id=meta("_product_id", text), variant_id=meta("_variation_id", _variant),
    order_product_id=meta("_refunded_item_id", text), qty=meta("_qty", _back, 0),
    refund=calc(lambda r, c: round(_back(r["_meta"].get("_line_total")) + _back(r["_meta"].get("_line_tax")), 2)))

#: A refund as :data:`RETURN` reads it, as one of its order's ``refunds``.
REFUND = Mapper(
    U.OrderRefund, id=at("id", convert=str), total=meta("_refund_amount", num),
    shipping=meta("_order_shipping", lambda v: _back(v) or None), tax=meta("_order_tax", lambda v: _back(v) or None),
    modified_time=at("created", convert=date), comment=meta("_refund_reason", lambda v: v or None),
    items=Many(REFUND_ITEM, "_lines"))


# -- parameters -> WordPress values ------------------------------------------------------------

def flag(params: dict[str, Any], name: str) -> bool | None:
    """A boolean parameter (109 naming it for anything but a boolean), None when not given."""
    value = params.get(name)
    return None if value in (None, "") else parse_bool(name, value)


def lookup_place(address: dict[str, Any]) -> dict[str, str]:
    """An address's place as the ``wc_customer_lookup`` columns hold it."""
    return {k: str(address.get(k) or "")[:size] for k, size in (("country", 2), ("postcode", 20), ("city", 100),
                                                                 ("state", 100))}


def number(params: dict[str, Any], name: str) -> float | None:
    """A number parameter (109 naming it for anything else), None when not given."""
    value = params.get(name)
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ApiError.invalid(name, "number") from None


def money(value: Any) -> str:
    """A product price as WooCommerce keeps it: 2 decimals at most, no trailing zeros."""
    return "" if value in (None, "") else decimal(round(float(value), 2))


# -- order.add ---------------------------------------------------------------------------------

#: Paid statuses (``wc_get_is_paid_statuses``: a payment date); those whose hooks record sales
#: (``wc_update_total_sales_counts``) and claim stock (``wc_maybe_reduce_stock_levels``).
PAID_STATUSES = ("wc-processing", "wc-completed")
SALES_STATUSES = ("wc-processing", "wc-completed", "wc-on-hold")
#: WC_Order::get_address() order: what ``_billing_address_index`` joins with spaces.
SHIPPING_INDEX = ADDRESS_FIELDS
BILLING_INDEX = (*ADDRESS_FIELDS[:-1], "email", "phone")


def decimal(value: float) -> str:
    """A line amount as WooCommerce keeps it (``wc_format_decimal``: no trailing zeros)."""
    text = f"{round(value, 6):.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def price(value: float) -> str:
    """An order total as WooCommerce keeps it (rounded to the store's 2 decimals)."""
    return f"{round(value, 2):.2f}"


def new_order_key() -> str:
    """``wc_generate_order_key()``: ``wc_order_`` and 13 letters or digits."""
    alphabet = string.ascii_letters + string.digits
    return "wc_order_" + "".join(secrets.choice(alphabet) for _ in range(13))


def title(kind: str, gmt: str) -> str:
    """An order's or refund's post title, on the store's clock."""
    return f"{kind} &ndash; {V.from_gmt_time(gmt):%B %d, %Y @ %I:%M %p}"


def address_index(address: dict[str, str], fields: tuple[str, ...]) -> str:
    return " ".join(str(address.get(f) or "") for f in fields)


def method_id(name: str) -> str:
    """A shipping or payment method id from its title (``Flat rate`` -> ``flat_rate``)."""
    return slugify(name, 100, ascii_only=False, sep="_", default="other")
