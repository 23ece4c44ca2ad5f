"""WooCommerce rows -> the unified model, and unified parameters -> WordPress column and meta
values.

Rows come from the driver already grouped: a post row, its meta as ``{key: value}``, its
terms. Dates: WordPress keeps ``*_gmt`` columns (and ``user_registered``) in UTC; the driver
selects those, and they are shown with the store's offset (``timezone_string``). Customer
modification time is the ``last_update`` user meta (a Unix timestamp WooCommerce writes on
every customer save).
"""

from __future__ import annotations

import hashlib
import secrets
import string
from datetime import UTC, datetime
from typing import Any

from anycart.contract.validation import parse_bool
from anycart.errors import ApiError
from anycart.model import (
    A2CDateTime,
    Address,
    BaseCustomer,
    Category,
    Child,
    ChildCombination,
    Currency,
    Customer,
    CustomerGroup,
    Image,
    NamedMethod,
    Order,
    OrderItem,
    OrderStatus,
    OrderTotals,
    Product,
    ProductOption,
    ProductOptionValue,
    Return,
    ReturnOrderProduct,
    ReturnStatus,
    Shipment,
    ShipmentItem,
    SpecialPrice,
    State,
    TrackingNumber,
)
from anycart.platforms.bridge import values as V
from anycart.platforms.bridge.clock import store_zone
from anycart.platforms.bridge.phpserial import loads
from anycart.platforms.bridge.wordpress import UPLOADS, slugify
from anycart.platforms.countries import country

ORDER_STATUSES = {"wc-pending": "Pending payment", "wc-processing": "Processing",
                  "wc-on-hold": "On hold", "wc-completed": "Completed",
                  "wc-cancelled": "Cancelled", "wc-refunded": "Refunded", "wc-failed": "Failed"}
PRODUCT_STATUSES = ("publish", "draft", "pending", "private")
#: Post statuses of products that exist (not trashed, not auto-drafts).
LIVE_POST = ("publish", "draft", "pending", "private", "future")
ADDRESS_FIELDS = ("first_name", "last_name", "company", "address_1", "address_2", "city",
                  "state", "postcode", "country", "phone")


#: Columns and meta as the unified model's values (one set of converters for every cart).
num, text, date = V.number, V.sid, V.a2c_gmt  # date: a UTC column (``*_gmt``, ``user_registered``)


def unix_date(value: Any) -> A2CDateTime | None:
    stamp = num(value)
    return None if not stamp else A2CDateTime.of(datetime.fromtimestamp(stamp, store_zone()))


def order_status_id(value: Any) -> str:
    """``processing`` and ``wc-processing`` name the same status; the cart stores the latter."""
    raw = str(value).strip().lower()
    return raw if raw.startswith("wc-") else f"wc-{raw}"


def image(att_id: Any, file: str | None, alt: str | None, site: str, sort: int,
          kind: str) -> Image:
    path = f"{site.rstrip('/')}/{UPLOADS}/{file}" if file else None
    return Image(id=str(att_id), http_path=path, file_name=(file or "").rsplit("/", 1)[-1] or None,
                 alt=alt or None, sort_order=sort, type=kind)


def on_sale(meta: dict[str, Any], now: float | None = None) -> bool:
    """WC_Product::is_on_sale('edit'): a sale price below the regular one, inside its
    ``_sale_price_dates_from``/``_to`` window (UTC timestamps; empty = open)."""
    sale, regular = num(meta.get("_sale_price")), num(meta.get("_regular_price"))
    if sale is None or (regular is not None and sale >= regular):
        return False
    moment = datetime.now(UTC).timestamp() if now is None else now
    start, end = num(meta.get("_sale_price_dates_from")), num(meta.get("_sale_price_dates_to"))
    return (not start or start <= moment) and (not end or moment <= end)


def gallery_ids(meta: dict[str, Any]) -> list[int]:
    return [int(x) for x in str(meta.get("_product_image_gallery") or "").split(",") if x.strip().isdecimal()]


def product_image_ids(meta: dict[str, Any]) -> list[tuple[int, str]]:
    """(attachment id, type): the featured image first, then the gallery."""
    out = []
    thumb = str(meta.get("_thumbnail_id") or "")
    if thumb.isdecimal() and thumb != "0":
        out.append((int(thumb), "base"))
    out += [(i, "additional") for i in gallery_ids(meta)]
    return out


def product_url(row: dict[str, Any], ctx: dict[str, Any]) -> str:
    """get_permalink() of a product: ``<home>/<product base>/<slug>/`` with pretty permalinks
    (``permalink_structure``; the base from ``woocommerce_permalinks``, ``%product_cat%`` the
    lowest-id category's slug), else ``<home>/?product=<slug>``; drafts and pending or
    scheduled products are ``?post_type=product&p=<id>`` (get_post_permalink)."""
    home = str(ctx.get("home") or ctx["site"]).rstrip("/")
    if row["post_status"] in ("draft", "pending", "auto-draft", "future") or not row.get("post_name"):
        return f"{home}/?post_type=product&p={row['ID']}"
    if not ctx.get("permalink_structure"):
        return f"{home}/?product={row['post_name']}"
    base = str(ctx.get("product_base") or "product").strip("/")
    if "%product_cat%" in base:
        base = base.replace("%product_cat%", ctx.get("category_slug") or "uncategorized")
    return f"{home}/{base}/{row['post_name']}/"


def special_price(meta: dict[str, Any]) -> SpecialPrice | None:
    """The sale price and its window (``_sale_price_dates_from``/``_to``)."""
    sale = num(meta.get("_sale_price"))
    if sale is None:
        return None
    return SpecialPrice(value=sale, avail=on_sale(meta),
                        created_at=unix_date(meta.get("_sale_price_dates_from")),
                        expired_at=unix_date(meta.get("_sale_price_dates_to")))


def product(row: dict[str, Any], meta: dict[str, Any], ctx: dict[str, Any]) -> dict[str, Any]:
    """``ctx``: categories, images, options, type, hidden, units (from the driver)."""
    stock_status = meta.get("_stock_status") or "instock"
    price = num(meta.get("_regular_price")) if meta.get("_regular_price") not in (None, "") else num(meta.get("_price"))
    sale = num(meta.get("_sale_price"))
    return Product(
        id=str(row["ID"]), type=ctx.get("type") or "simple", u_model=text(meta.get("_sku")),
        u_sku=text(meta.get("_sku")), name=row["post_title"], description=row["post_content"],
        short_description=row["post_excerpt"], price=price if price is not None else ctx.get("min_price"),
        quantity=num(meta.get("_stock")) or 0.0, categories_ids=[str(c) for c in ctx.get("categories", [])],
        special_price=special_price(meta), url=product_url(row, ctx), seo_url=row["post_name"],
        avail_sale=row["post_status"] == "publish" and stock_status != "outofstock",
        avail_view=row["post_status"] == "publish" and not ctx.get("hidden"),
        weight=num(meta.get("_weight")) or 0.0, weight_unit=ctx.get("weight_unit"),
        sort_order=int(row.get("menu_order") or 0), in_stock=stock_status != "outofstock",
        on_sale=on_sale(meta), create_at=date(row["post_date_gmt"]),
        modified_at=date(row["post_modified_gmt"]), images=ctx.get("images", []),
        product_options=ctx.get("options", []), u_gtin=text(meta.get("_global_unique_id")),
        width=num(meta.get("_width")), height=num(meta.get("_height")), length=num(meta.get("_length")),
        additional_fields={"status": row["post_status"], "stock_status": stock_status,
                           "manage_stock": meta.get("_manage_stock") == "yes",
                           "sale_price": sale, "tax_status": meta.get("_tax_status"),
                           "tax_class": meta.get("_tax_class"), "visibility": ctx.get("visibility"),
                           "dimensions_unit": ctx.get("dimension_unit"),
                           "total_sales": num(meta.get("total_sales"))},
    ).to_wire()


def product_options(meta: dict[str, Any], attributes: dict[str, dict[str, Any]],
                    product_terms: dict[str, list[dict[str, Any]]]) -> list[ProductOption]:
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
            items = [ProductOptionValue(id=str(t["term_id"]), product_option_item_id=str(t["term_id"]),
                                        name=t["name"], sort_order=n)
                     for n, t in enumerate(product_terms.get(name, []))]
            label = info.get("attribute_label") or name
        else:
            option_id, label = name, name
            values = [v.strip() for v in str(attr.get("value") or "").split("|") if v.strip()]
            items = [ProductOptionValue(id=v, product_option_item_id=v, name=v, sort_order=n)
                     for n, v in enumerate(values)]
        out.append(ProductOption(id=option_id, product_option_id=option_id, name=label,
                                 sort_order=int(attr.get("position") or 0), type="select",
                                 required=bool(attr.get("is_variation")), available=True,
                                 used_in_combination=bool(attr.get("is_variation")),
                                 option_items=items,
                                 additional_fields={"attribute": name,
                                                    "is_visible": bool(attr.get("is_visible"))}))
    return out


def child(row: dict[str, Any], meta: dict[str, Any], combination: list[tuple[str, str]],
          images: list[Image], weight_unit: str | None) -> dict[str, Any]:
    stock_status = meta.get("_stock_status") or "instock"
    price = num(meta.get("_regular_price"))
    sale = num(meta.get("_sale_price"))
    return Child(
        id=str(row["ID"]), parent_id=str(row["post_parent"]), sku=text(meta.get("_sku")),
        gtin=text(meta.get("_global_unique_id")), sort_order=int(row.get("menu_order") or 0),
        created_time=date(row["post_date_gmt"]), modified_time=date(row["post_modified_gmt"]),
        name=row["post_title"], short_description=row["post_excerpt"],
        full_description=meta.get("_variation_description") or "", images=images,
        combination=[ChildCombination(option_id=o, option_value_id=v) for o, v in combination],
        default_price=price, list_price=price, avail_for_sale=row["post_status"] == "publish",
        allow_backorders=meta.get("_backorders") in ("yes", "notify"),
        in_stock=stock_status != "outofstock", on_sale=sale is not None,
        manage_stock=meta.get("_manage_stock") == "yes", inventory_level=num(meta.get("_stock")),
        weight_unit=weight_unit, weight=num(meta.get("_weight")), width=num(meta.get("_width")),
        height=num(meta.get("_height")), length=num(meta.get("_length")),
        is_virtual=meta.get("_virtual") == "yes",
        additional_fields={"sale_price": sale, "stock_status": stock_status,
                           "attributes": {k[10:]: v for k, v in meta.items() if k.startswith("attribute_")}},
    ).to_wire()


def category(row: dict[str, Any], meta: dict[str, Any], images: list[Image]) -> dict[str, Any]:
    return Category(
        id=str(row["term_id"]), parent_id=str(row["parent"]), name=row["name"],
        description=row["description"], avail=True, sort_order=int(num(meta.get("order")) or 0),
        seo_url=row["slug"], images=images,
        additional_fields={"product_count": int(row.get("count") or 0),
                           "display_type": meta.get("display_type") or ""},
    ).to_wire()


def address(meta: dict[str, Any], kind: str, key_prefix: str = "") -> Address | None:
    """``billing_*``/``shipping_*`` (user meta), ``_billing_*`` (legacy order meta) or the
    columns of an HPOS address row (``key_prefix`` "")."""
    get = {f: meta.get(f"{key_prefix}{f}") for f in ADDRESS_FIELDS}
    if not any(get.values()):
        return None
    return Address(id=kind, type=kind, first_name=get["first_name"], last_name=get["last_name"],
                   company=text(get["company"]), address1=get["address_1"],
                   address2=text(get["address_2"]), city=get["city"], postcode=get["postcode"],
                   state=State(code=get["state"] or None, name=get["state"] or None),
                   country=country(get["country"]), phone=text(get["phone"]),
                   default=True)


def customer(row: dict[str, Any], meta: dict[str, Any], roles: dict[str, str],
             role_key: str) -> dict[str, Any]:
    caps = loads(meta.get(role_key)) or {}
    groups = [CustomerGroup(id=r, name=roles.get(r, r)) for r, on in caps.items() if on] \
        if isinstance(caps, dict) else []
    book = [a for a in (address(meta, "billing", "billing_"), address(meta, "shipping", "shipping_")) if a]
    return Customer(
        id=str(row["ID"]), email=row["user_email"], first_name=meta.get("first_name") or "",
        last_name=meta.get("last_name") or "", phone=text(meta.get("billing_phone")),
        company=text(meta.get("billing_company")), created_time=date(row["user_registered"]),
        modified_time=unix_date(meta.get("last_update")) or date(row["user_registered"]),
        group=groups, status="enabled", address_book=book,
        additional_fields={"login": row["user_login"], "display_name": row["display_name"],
                           "paying_customer": meta.get("paying_customer") == "1"},
    ).to_wire()


def order_item(item: dict[str, Any], meta: dict[str, Any], sku: str | None) -> OrderItem:
    qty = num(meta.get("_qty")) or 0
    total = num(meta.get("_line_total")) or 0
    subtotal = num(meta.get("_line_subtotal"))
    tax = num(meta.get("_line_tax")) or 0
    variation = str(meta.get("_variation_id") or "0")
    return OrderItem(order_product_id=str(item["order_item_id"]),
                     product_id=str(meta.get("_product_id") or "") or None,
                     variant_id=variation if variation != "0" else None, model=sku,
                     name=item["order_item_name"],
                     price=round((subtotal if subtotal is not None else total) / qty, 4) if qty else 0.0,
                     quantity=qty, total_price=total,
                     tax_percent=round(tax / total * 100, 2) if total else 0.0,
                     additional_fields={"tax": tax, "attributes": {
                         k: v for k, v in meta.items() if not k.startswith("_")}})


def order(o: dict[str, Any], items: list[OrderItem], shipping_name: str | None) -> dict[str, Any]:
    """``o``: the order's facts, one shape for both storages (see the driver's readers)."""
    status = o["status"]
    total = num(o.get("total")) or 0.0
    tax = num(o.get("tax")) or 0.0
    shipping = num(o.get("shipping")) or 0.0
    discount = num(o.get("discount")) or 0.0
    billing, ship_to = o.get("billing") or {}, o.get("shipping_address") or {}
    return Order(
        id=str(o["id"]), order_id=str(o["id"]),
        customer=BaseCustomer(id=str(o.get("customer_id") or 0), email=o.get("email"),
                              first_name=billing.get("first_name"), last_name=billing.get("last_name"),
                              phone=billing.get("phone")),
        create_at=date(o["created"]), modified_at=date(o["modified"]),
        currency=Currency(id=o.get("currency"), iso3=o.get("currency")),
        billing_address=address(billing, "billing"), shipping_address=address(ship_to, "shipping"),
        payment_method=NamedMethod(name=o.get("payment_method_title") or o.get("payment_method")),
        shipping_method=NamedMethod(name=shipping_name),
        status=OrderStatus(id=status, name=ORDER_STATUSES.get(status, status)),
        # get_subtotal(): the lines before discounts (price is _line_subtotal / _qty)
        totals=OrderTotals(total=total, subtotal=round(sum((i.price or 0) * (i.quantity or 0) for i in items), 2),
                           shipping=shipping, tax=tax, discount=discount),
        order_products=items, comment=o.get("note") or None, store_id="0",
        additional_fields={"order_key": o.get("order_key"), "storage": o.get("storage"),
                           "transaction_id": o.get("transaction_id"),
                           "created_via": o.get("created_via")},
    ).to_wire()


def tracking_items(value: Any) -> list[dict[str, Any]]:
    raw = loads(value) if value else []
    items = list(raw.values()) if isinstance(raw, dict) else []
    return [i for i in items if isinstance(i, dict)]


def new_tracking_id() -> str:
    return hashlib.md5(secrets.token_bytes(16)).hexdigest()


def shipment(order_id: Any, item: dict[str, Any], lines: list[OrderItem]) -> dict[str, Any]:
    """A Shipment Tracking item: the plugin tracks whole orders, so every line is shipped."""
    provider = item.get("custom_tracking_provider") or item.get("tracking_provider") or None
    shipped = unix_date(item.get("date_shipped"))
    numbers = [TrackingNumber(carrier_id=provider, tracking_number=item.get("tracking_number"))] \
        if item.get("tracking_number") else []
    return Shipment(
        id=str(item.get("tracking_id")), order_id=str(order_id), shipment_provider=provider,
        tracking_numbers=numbers, created_at=shipped, modified_time=shipped, is_shipped=True,
        items=[ShipmentItem(order_product_id=i.order_product_id, product_id=i.product_id,
                            name=i.name, quantity=i.quantity) for i in lines],
        additional_fields={"tracking_link": item.get("custom_tracking_link") or None},
    ).to_wire()


def refund(r: dict[str, Any], lines: list[tuple[dict[str, Any], dict[str, Any]]]) -> dict[str, Any]:
    created = V.from_gmt_time(r["created"])
    stamp = created.strftime("%Y-%m-%dT%H:%M:%S%z") if created else None
    return Return(
        id=str(r["id"]), order_id=str(r["parent_id"]), customer_id=text(r.get("customer_id")),
        created_at=stamp, modified_at=stamp,
        status=ReturnStatus(id="completed", name="Completed"),
        order_products=[ReturnOrderProduct(
            product_id=str(m.get("_product_id") or "") or None,
            order_product_id=str(m.get("_refunded_item_id") or "") or None, name=i["order_item_name"],
            quantity=abs(int(num(m.get("_qty")) or 0))) for i, m in lines],
        comment=r.get("reason") or None,
        additional_fields={"amount": num(r.get("amount")), "refunded_by": r.get("refunded_by")},
    ).to_wire()


# -- parameters -> WordPress values ------------------------------------------------------------

def flag(params: dict[str, Any], name: str) -> bool | None:
    """A boolean parameter (109 naming it for anything but a boolean), None when not given."""
    value = params.get(name)
    return None if value in (None, "") else parse_bool(name, value)


def email(value: Any, name: str) -> str:
    """An e-mail address as WordPress keeps it (``user_email`` is 100 characters); 109 naming ``name``."""
    text = str(value).strip()
    if "@" not in text or len(text) > 100:
        raise ApiError.invalid(name, "e-mail address")
    return text


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
    if value in (None, ""):
        return ""
    return f"{float(value):.2f}".rstrip("0").rstrip(".") if float(value) % 1 else f"{float(value):.0f}"


# -- order.add ---------------------------------------------------------------------------------

#: Statuses WooCommerce calls paid (``wc_get_is_paid_statuses``): they get a payment date.
PAID_STATUSES = ("wc-processing", "wc-completed")
#: Statuses whose transition hooks record sales (``wc_update_total_sales_counts``) and claim
#: stock (``wc_maybe_reduce_stock_levels``).
SALES_STATUSES = ("wc-processing", "wc-completed", "wc-on-hold")
#: WC_Order::get_address() order: what ``_billing_address_index`` joins with spaces.
BILLING_INDEX = ("first_name", "last_name", "company", "address_1", "address_2", "city", "state",
                 "postcode", "country", "email", "phone")
SHIPPING_INDEX = ("first_name", "last_name", "company", "address_1", "address_2", "city", "state",
                  "postcode", "country", "phone")


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


def order_title(created: datetime) -> str:
    return f"Order &ndash; {created:%B %d, %Y @ %I:%M %p}"


def address_index(address: dict[str, str], fields: tuple[str, ...]) -> str:
    return " ".join(str(address.get(f) or "") for f in fields)


def method_id(name: str) -> str:
    """A shipping or payment method id from its title (``Flat rate`` -> ``flat_rate``)."""
    return slugify(name).replace("-", "_")[:100] or "other"
