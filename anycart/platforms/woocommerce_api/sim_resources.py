"""WooCommerce's v3 collections (``sim_collections.json``) and the rules it applies on save:
derived prices and stock, unique SKUs and e-mails, order lines and totals, refunds.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path
from typing import Any

from anycart.sandbox.declared import declared_all
from anycart.sandbox.query import Filter
from anycart.sandbox.table import Record
from anycart.sandbox.values import numbered, slug

from .seed import FACTS, RECORDS
from .sim_rest import Hook, Res, WooError, apply, check_types, invalid, merge_meta, num, rendered
from .sim_store import WooShop, gmt, local


def _slug(text: str) -> str:
    return slug(text, "")


def _unique_slug(shop: WooShop, table: str, record: Record) -> str:
    """The slug asked for or the name's, made unique ``-2``, ``-3``... (``wp_unique_*_slug``)."""
    base = _slug(record["slug"] or record["name"]) or str(record["id"])
    return numbered(shop.data.table(table).index("slug"), base, record["id"], start=2)


def _money(value: float) -> str:
    return f"{value:.2f}"


def _unique(shop: WooShop, tables: tuple[str, ...], name: str, record: Record,
            code: str, message: str) -> None:
    """No other record of ``tables`` has this ``name`` (case-insensitive; blank is free)."""
    for table in tables:
        other = shop.data.table(table).index(name).get(record.get(name))
        if other is not None and other != record["id"]:
            raise WooError(code, message)


# -- catalogue ------------------------------------------------------------------------------
def _priced(shop: WooShop, record: Record, body: dict[str, Any], kind: str) -> None:
    """Price, sale flag, stock status and permalink follow what was written."""
    _unique(shop, ("products", "variations"), "sku", record, "product_invalid_sku",
            "Invalid or duplicated SKU.")
    record["price"] = record["sale_price"] or record["regular_price"]
    record["on_sale"] = record["sale_price"] != ""
    record["purchasable"] = record["price"] != "" and record["status"] == "publish"
    if not record["manage_stock"]:
        record["stock_quantity"] = None
    elif "stock_status" not in body:
        _stock_status(record)
    record["backorders_allowed"] = record["backorders"] != "no"
    if kind == "product":
        record["slug"] = _unique_slug(shop, "products", record)
        record["permalink"] = f"https://{shop.host}/product/{record['slug']}/"
        if record["price"]:
            record["price_html"] = ('<span class="woocommerce-Price-amount amount">'
                                    f'&#36;{record["price"]}</span>')
    else:
        parent = shop.data.products.peek(record["parent_id"])
        record["permalink"] = f"{parent['permalink']}?variation_id={record['id']}"


def _stock_status(record: Record) -> None:
    record["stock_status"] = "instock" if (record["stock_quantity"] or 0) > 0 \
        else "onbackorder" if record["backorders"] != "no" else "outofstock"


def _images(shop: WooShop, images: list[Any], date: str | None, gmt: str | None
            ) -> list[Record]:
    stamps = {"date_created": date, "date_created_gmt": gmt, "date_modified": date,
              "date_modified_gmt": gmt}
    return [{"id": img.get("id") or shop.next_id("products"), **stamps, "src": img.get("src", ""),
             "name": img.get("name", ""), "alt": img.get("alt", ""),
             **({"position": n} if "position" in img else {})}
            for n, img in enumerate(i for i in images if isinstance(i, dict))]


def _terms(shop: WooShop, table: str, given: list[Any]) -> list[Record]:
    rows = shop.data.table(table)
    found = [rows.peek(t.get("id")) for t in given if isinstance(t, dict) and t.get("id") in rows]
    return [{"id": term["id"], "name": term["name"], "slug": term["slug"]} for term in found]


def product(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    for name, table in (("categories", "categories"), ("tags", "tags")):
        if name in body:
            record[name] = _terms(shop, table, body[name])
    if "images" in body:
        record["images"] = _images(shop, body["images"], record["date_modified"],
                                   record["date_modified_gmt"])
    record["attributes"] = [{**_attribute(shop, a), "position": a.get("position", n),
                             "visible": a.get("visible", False),
                             "variation": a.get("variation", False),
                             "options": [str(o) for o in a.get("options", [])]}
                            for n, a in enumerate(record["attributes"]) if isinstance(a, dict)]
    record["default_attributes"] = [{**_attribute(shop, a), "option": str(a.get("option", ""))}
                                    for a in record["default_attributes"] if isinstance(a, dict)]
    _priced(shop, record, body, "product")


def _attribute(shop: WooShop, given: dict[str, Any]) -> dict[str, Any]:
    """``{"id", "name"}`` of a global attribute (by id) or the product's own (by name, id 0)."""
    aid = given.get("id") or 0
    known = shop.data.attributes.get(aid)
    return {"id": aid if known else 0, "name": known["name"] if known else
            str(given.get("name", ""))}


def variation(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    record["attributes"] = [{**_attribute(shop, a), "option": str(a.get("option", ""))}
                            for a in record["attributes"] if isinstance(a, dict)]
    if isinstance(body.get("image"), dict):
        record["image"] = _images(shop, [body["image"]], record["date_modified"],
                                  record["date_modified_gmt"])[0]
    _priced(shop, record, body, "variation")
    parent = shop.data.products[record["parent_id"]]
    if created:
        parent["variations"].append(record["id"])
    others = [shop.data.variations.peek(v) for v in parent["variations"]
              if v in shop.data.variations and v != record["id"]]
    prices = [p for p in (num(v["price"]) for v in [*others, record]) if p]
    if prices:
        parent["price"] = _money(min(prices))
        parent["purchasable"] = True
    shop.data.products.changed()


def terms_in(table: str | None) -> Hook:
    """A term's slug (unique within ``table``; attributes: ``pa_`` + slug) and its image."""
    def term(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
        if table is not None:
            record["slug"] = _unique_slug(shop, table, record)
        elif "has_archives" in record:  # an attribute: its taxonomy is pa_<slug>
            record["slug"] = "pa_" + _slug(record["slug"] or record["name"]).removeprefix("pa-")
        else:
            record["slug"] = _slug(record["slug"] or record["name"])
        if isinstance(body.get("image"), dict):  # a category's image (an attachment post)
            moment = shop.now()
            record["image"] = _images(shop, [body["image"]], local(moment), gmt(moment))[0]
    return term


# -- customers and orders -------------------------------------------------------------------
def customer(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    _unique(shop, ("customers",), "email", record, "registration-error-email-exists",
            "An account is already registered with your email address. Please log in.")
    record["username"] = record["username"] or record["email"].split("@")[0]
    _unique(shop, ("customers",), "username", record, "registration-error-username-exists",
            "An account is already registered with that username. Please choose another.")
    record["avatar_url"] = "https://secure.gravatar.com/avatar/?s=96&d=mm&r=g"
    if not record["billing"]["email"]:
        record["billing"]["email"] = record["email"]


def _lines(shop: WooShop, record: Record, body: dict[str, Any], name: str) -> None:
    """Lines written by id are changed, lines without one added, as WooCommerce merges them."""
    if not isinstance(body.get(name), list):
        return
    template = shop.template(name[:-1])
    current = {line["id"]: line for line in record[name]}
    for n, given in enumerate(body[name]):
        if not isinstance(given, dict):
            continue
        check_types(given, template, f"{name}[{n}]")
        line = current.get(given.get("id")) or RECORDS[name[:-1]].make(
            id=shop.next_id("items"), taxes=[])  # coupon lines too, as WooCommerce shows them
        apply(shop, line, given, template, ("id",))
        current[line["id"]] = line
    record[name] = [ln for ln in current.values()
                    if name != "line_items" or ln.get("quantity", 1) != 0]


def _line_item(shop: WooShop, line: Record) -> None:
    vid, pid = line.get("variation_id") or 0, line.get("product_id") or 0
    table, key = ("variations", vid) if vid else ("products", pid)
    if key not in shop.data.table(table):
        raise WooError("woocommerce_rest_invalid_product_id", "Product ID is invalid.")
    item = shop.data.table(table).peek(key)
    if vid:
        line["product_id"] = item["parent_id"]
        parent = shop.data.products.peek(item["parent_id"])
        line["name"] = parent["name"] + " - " + ", ".join(a["option"] for a in item["attributes"])
        if not line["meta_data"]:  # the variation's attributes, as checkout stores them
            merge_meta(shop, line, [{"key": _slug(a["name"]), "value": a["option"]}
                                    for a in item["attributes"]])
    else:
        line["name"] = line["name"] or item["name"]
    line["sku"], line["price"] = item["sku"], num(item["price"])
    line["quantity"] = int(float(line["quantity"]))  # "2" and "2.0" pass the schema
    line["subtotal"] = _money(line["price"] * line["quantity"])


def _rate(shop: WooShop, to: Record, tax_class: str) -> Record | None:
    """The class's rate (blank: ``standard``) for the address: the most specific fitting one,
    then the lowest ``order`` (one priority: no compound rates)."""
    def fits(r: Record) -> bool:
        return r["class"] == (tax_class or "standard") and r["country"] in ("", to["country"]) \
            and r["state"] in ("", to["state"].upper()) \
            and (not r["postcodes"] or to["postcode"].upper() in r["postcodes"]) \
            and (not r["cities"] or to["city"].upper() in r["cities"])
    found = [r for r in map(shop.data.taxes.peek, shop.data.taxes.sorted_keys()) if fits(r)]
    return min(found, default=None, key=lambda r: (r["priority"], not r["country"],
                                                   not r["state"], r["order"]))


def _taxes(shop: WooShop, record: Record, subtotal: float, discount: float) -> None:
    """Lines taxed for the shipping (else billing) address, the discount spread, a tax line a rate."""
    to = record["shipping"] if record["shipping"]["country"] else record["billing"]
    kept = [ln["id"] for ln in record["tax_lines"]]
    totals: dict[int, float] = {}
    for line in record["line_items"]:
        share = num(line["subtotal"]) * (1 - discount / subtotal) if subtotal else 0.0
        line["total"] = _money(share)
        rate = _rate(shop, to, line.get("tax_class", ""))
        percent = num(rate["rate"]) if rate is not None else 0.0
        tax, sub_tax = round(share * percent / 100, 2), round(num(line["subtotal"]) * percent / 100, 2)
        line["total_tax"], line["subtotal_tax"] = _money(tax), _money(sub_tax)
        line["taxes"] = [{"id": rate["id"], "total": _money(tax),
                          "subtotal": _money(sub_tax)}] if rate is not None else []
        if rate is not None:
            totals[rate["id"]] = totals.get(rate["id"], 0.0) + tax
    record["tax_lines"] = []
    for n, (rid, total) in enumerate(totals.items()):
        rate = shop.data.taxes.peek(rid)
        code = "-".join(p for p in (rate["country"], rate["state"], rate["name"].upper() or "TAX",
                                    str(rate["priority"])) if p)  # WC_Tax::get_rate_code
        record["tax_lines"].append({**shop.template("tax_line"), "id": kept[n] if n < len(kept)
                                    else shop.next_id("items"), "rate_code": code, "rate_id": rid,
                                    "label": rate["name"], "compound": rate["compound"],
                                    "tax_total": _money(total)})


def _stock(shop: WooShop, record: Record) -> None:
    """Paid: units taken from stock, ``total_sales`` up; cancelled or pending again: given back
    (``wc_maybe_reduce_stock_levels`` / ``..._increase_...``)."""
    held = bool(record.get("_stock_reduced"))
    if held == (record["status"] in ("processing", "completed", "on-hold")) or \
            held != (record["status"] in ("cancelled", "pending")):
        return
    sign = 1 if held else -1
    for line in record["line_items"]:
        units = sign * line["quantity"]
        # the variation's own stock if it keeps one, else its product's
        for table, key in (("variations", line["variation_id"]), ("products", line["product_id"])):
            item = shop.data.table(table).get(key)
            if item is not None and item["manage_stock"]:
                item["stock_quantity"] = (item["stock_quantity"] or 0) + units
                _stock_status(item)
                shop.data.table(table).changed()
                break
        product = shop.data.products.get(line["product_id"])
        if product is not None:
            product["total_sales"] = max(0, product["total_sales"] - units)
    record["_stock_reduced"] = not held


def order(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    if record["customer_id"] and record["customer_id"] not in shop.data.customers:
        raise WooError("woocommerce_rest_invalid_customer_id", "Customer ID is invalid.")
    old = {ln["id"] for ln in record["line_items"]}
    for name in ("line_items", "shipping_lines", "fee_lines", "coupon_lines"):
        _lines(shop, record, body, name)
    given = {ln.get("id") for ln in body.get("line_items") or () if isinstance(ln, dict)}
    for line in record["line_items"]:
        if line["id"] not in old or line["id"] in given:
            _line_item(shop, line)
    subtotal = sum(num(ln["subtotal"]) for ln in record["line_items"])
    discount = 0.0
    for line in record["coupon_lines"]:
        coupon = _coupon_by_code(shop, coupon_code(line["code"]))
        if coupon is None:
            raise WooError("woocommerce_rest_invalid_coupon",
                           f'Coupon "{line["code"]}" does not exist!')
        amount = num(coupon["amount"])
        line["discount"] = _money(subtotal * amount / 100 if coupon["discount_type"] == "percent"
                                  else min(amount, subtotal))
        discount += num(line["discount"])
    _taxes(shop, record, subtotal, discount)
    shipping = sum(num(ln["total"]) for ln in record["shipping_lines"])
    fees = sum(num(ln["total"]) for ln in record["fee_lines"])
    tax = sum(num(ln["total_tax"]) for ln in record["line_items"])
    record.update(discount_total=_money(discount), shipping_total=_money(shipping),
                  cart_tax=_money(tax), total_tax=_money(tax),
                  total=_money(subtotal - discount + shipping + fees + tax))
    record["number"] = record["number"] or str(record["id"])
    record["order_key"] = record["order_key"] or f"wc_order_{record['id']:08x}sim"
    record["version"] = "9.4.0"
    if body.get("set_paid") in (True, "true", 1, "1"):
        record["status"] = "processing" if "status" not in body else record["status"]
        record["date_paid"], record["date_paid_gmt"] = record["date_modified"], \
            record["date_modified_gmt"]
    _stock(shop, record)
    if record["status"] == "completed" and not record["date_completed"]:
        record["date_completed"] = record["date_modified"]
        record["date_completed_gmt"] = record["date_modified_gmt"]


def _refund_lines(shop: WooShop, owner: Record, given: Any) -> list[Record]:
    """Refunded order lines (``{"id", "quantity", "refund_total"}``) as negative refund lines."""
    out = []
    for item in given if isinstance(given, list) else ():
        line = next((ln for ln in owner["line_items"] if isinstance(item, dict)
                     and ln["id"] == item.get("id")), None)
        if line is None:
            continue
        amount = num(item.get("refund_total"))
        out.append({**copy.deepcopy(line), "id": shop.next_id("items"),
                    "quantity": -int(item.get("quantity") or 0),
                    "subtotal": _money(-amount), "total": _money(-amount),
                    "subtotal_tax": "0.00", "total_tax": "0.00", "taxes": [],
                    "meta_data": [{"id": shop.next_id("meta"), "key": "_refunded_item_id",
                                   "value": str(line["id"])}], "refund_total": amount})
    return out


def refund(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    owner = shop.data.orders[record["order_id"]]
    record["line_items"] = _refund_lines(shop, owner, body.get("line_items"))
    amount = num(record["amount"]) or -sum(num(ln["total"]) for ln in record["line_items"])
    if amount <= 0:
        raise WooError("woocommerce_rest_invalid_order_refund",
                       "Refund amount must be greater than zero.")
    left = num(owner["total"]) + sum(num(r["total"]) for r in owner["refunds"])
    if amount > left + 1e-9:  # WooCommerce answers its own wc_create_refund error as a 500
        raise WooError("woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.",
                       500)
    record["amount"], record["refunded_by"] = _money(amount), 1
    record["refunded_payment"] = bool(body.get("api_refund", False)) and \
        owner["payment_method"] not in ("", "bacs", "cod", "cheque")
    owner["refunds"].append({"id": record["id"], "reason": record["reason"],
                             "total": _money(-amount)})
    if abs(left - amount) < 1e-9:
        owner["status"] = "refunded"
    shop.data.orders.changed()


def coupon_code(value: Any) -> str:
    """``wc_format_coupon_code``: entities decoded, tags stripped, lower case."""
    return re.sub(r"<[^>]*>", "", html.unescape(str(value))).strip().lower()


def _coupon_by_code(shop: WooShop, code: str, own: Any = None) -> Record | None:
    """The coupon (another than ``own``) outside the trash with this code, as
    ``wc_get_coupon_id_by_code`` finds published ones."""
    return next((c for key in shop.data.coupons if key != own and (c := shop.data.coupons.peek(key))["code"]
                 == code and c.get("status") != "trash"), None)


def coupon(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    """A code is stored formatted, and one coupon's (the REST controller's refusal). The
    post's status is no field of the API's: it is the trash's, and published otherwise."""
    record["code"] = coupon_code(record["code"])
    if record["status"] != "trash":
        record["status"] = "publish"
    if _coupon_by_code(shop, record["code"], record["id"]) is not None:
        raise WooError("woocommerce_rest_coupon_code_already_exists", "The coupon code already exists")


def note(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    if body.get("added_by_user"):
        record["author"] = "admin"


def webhook(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    topic = str(record["topic"]).lower()
    resource, _, event = topic.partition(".")
    if not ((resource in FACTS["webhook_resources"] and event in FACTS["webhook_events"])
            or (resource == "action" and event)):
        raise WooError("woocommerce_rest_shop_webhook_invalid_topic",
                       "Webhook topic is required and must be valid.")
    if not re.match(r"^https?://[^/\s]+", record["delivery_url"]):
        raise WooError("woocommerce_rest_shop_webhook_invalid_delivery_url",
                       "Webhook delivery URL must be a valid URL starting with http:// or "
                       "https://.")
    record.update(topic=topic, resource=resource, event=event,
                  hooks=[f"woocommerce_{event}_{resource}"] if resource != "action" else [event])
    record["name"] = record["name"] or f"Webhook created on {record['date_created']}"
    if "secret" in body or created:
        shop.secrets[record["id"]] = str(body.get("secret") or f"sim-{record['id']}")
    if created:
        shop.ping(record)
    if body.get("status") == "active":
        shop.suspension.failures.pop(record["id"], None)  # re-activated: failures count afresh


def tax_class_slug(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    record["slug"] = _slug(record["slug"] or record["name"])
    if record["slug"] in shop.data.tax_classes:
        raise WooError("woocommerce_rest_tax_class_exists", "Cannot create existing resource.")


def tax_rate(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    """Codes and places upper case, the rate to four places (``WC_Tax::format_tax_rate``); a
    ``postcode``/``city`` alone is ``;``-separated, the last of each kept in it too."""
    classes = list(dict.fromkeys(("standard", *shop.data.tax_classes)))
    if record["class"] not in classes:
        raise invalid("class", f"class is not one of {', '.join(classes)}.")
    record.update(country=record["country"].upper(), state=record["state"].upper(),
                  rate=f"{num(record['rate']):.4f}")
    for many, one in (("postcodes", "postcode"), ("cities", "city")):
        given = body[many] if many in body else str(body.get(one, "")).split(";") \
            if one in body else record[many]
        record[many] = [str(v).strip().upper() for v in given if str(v).strip()]
        record[one] = record[many][-1] if record[many] else ""


def _zone_method(shop: WooShop, record: Record, body: dict[str, Any], created: bool) -> None:
    if record["method_id"] not in shop.data.shipping_methods:  # core's, or a plugin's
        raise WooError("woocommerce_rest_shipping_zone_method_invalid",
                       "Resource does not exist.", 404)
    record["method_title"] = record["method_title"] or record["title"]


#: the hooks ``sim_collections.json`` names as ``before_save``
HOOKS: dict[str, Hook] = {
    "product": product, "variation": variation, "category_term": terms_in("categories"),
    "tag_term": terms_in("tags"), "attribute_term": terms_in(None), "customer": customer,
    "order": order, "coupon": coupon, "note": note, "refund": refund, "webhook": webhook,
    "tax_class": tax_class_slug, "tax_rate": tax_rate, "zone_method": _zone_method}
#: The collections: paths, tables, 404 codes, list parameters, trash and batch rules (facts
#: of WooCommerce's v3 controllers, kept as data).
RESOURCES = declared_all(Res, Path(__file__).with_name("sim_collections.json"),
                         filters=lambda rows: tuple(Filter(*f) for f in rows),
                         choices=lambda given: tuple((k, tuple(v)) for k, v in given.items()),
                         before_save=HOOKS.__getitem__)
BY_TABLE = {res.table: res for res in RESOURCES}
_BY_TOPIC = {res.topic: res for res in RESOURCES if res.topic}


def payload(shop: WooShop, resource: str, record: Record) -> Record:
    """What a webhook delivers: the record as ``GET`` answers it (``{"id"}`` once deleted)."""
    res = _BY_TOPIC[resource]
    return record if set(record) == {"id"} else rendered(res, record, shop.api_url())


__all__ = ["BY_TABLE", "RESOURCES", "local", "payload"]
