"""Deterministic sample data for an OpenCart database (3.0.x or 4.0.x schema).

``apply_schema(conn, prefix)`` creates the driver's tables from ``schema.sql`` (or
``schema4.sql`` with ``version="4"``); ``load(conn, prefix, products=..., customers=...,
orders=...)`` fills them: the fixed rows a cart needs (language, settings, currencies,
countries and zones, order/return statuses, customer group, classes, options), then
products with descriptions, categories, images, SEO keywords and options (one in five has a
Size option, one in ten also Color; on 4.x one in twenty has variant products), customers
with an address each, orders with items, totals and history (3.x: shipments for shipped
orders), the dashboard's ``statistics`` counters, and returns for one order in ten. Rows go
in with ``executemany`` in chunks; columns a row does not name get the cart's zero value,
so one loader serves both schemas.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from anycart.sandbox.seeding import FIRST_NAMES, LAST_NAMES

_HERE = Path(__file__).parent
_CHUNK = 2000
_BASE = datetime(2024, 1, 1, 8, 0, 0)

_ADJ = ["Organic", "Classic", "Premium", "Vintage", "Ultra", "Eco", "Deluxe", "Everyday",
        "Slim", "Rugged", "Soft", "Handmade", "Compact", "Pro", "Lightweight", "Heritage"]
_NOUN = ["T-Shirt", "Wallet", "Mug", "Backpack", "Water Bottle", "Scarf", "Desk Lamp",
         "Notebook", "Sneakers", "Cutting Board", "Headphones", "Watch", "Hoodie", "Tote Bag"]
_CATEGORIES = ["Apparel", "Accessories", "Home", "Kitchen", "Outdoor", "Electronics", "Office",
               "Footwear", "Bags", "Gifts"]
_SUBCATEGORIES = ["New", "Sale", "Bestsellers"]
_CITIES = [("Miami", 3630, "33101"), ("Austin", 3669, "73301"), ("Seattle", 3673, "98101"),
           ("Boston", 3641, "02101"), ("Chicago", 3635, "60601")]
_STREETS = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Park Blvd"]

#: OpenCart's stock rows (ids as the installer ships them).
ORDER_STATUSES = [(1, "Pending"), (2, "Processing"), (3, "Shipped"), (5, "Complete"),
                  (7, "Canceled"), (8, "Denied"), (9, "Canceled Reversal"), (10, "Failed"),
                  (11, "Refunded"), (12, "Reversed"), (13, "Chargeback"), (14, "Expired"),
                  (15, "Processed"), (16, "Voided")]
#: The installer's config_processing_status / config_complete_status.
PROCESSING_STATUSES = [5, 1, 2, 12, 3]
COMPLETE_STATUSES = [5, 3]
RETURN_STATUSES = [(1, "Pending"), (2, "Awaiting Products"), (3, "Complete")]
RETURN_REASONS = [(1, "Dead On Arrival"), (2, "Received Wrong Item"), (3, "Order Error"),
                  (4, "Faulty, please supply details"), (5, "Other, please supply details")]
#: As install/opencart.sql numbers them (3.0.4.1 and 4.0.2.3), with config_return_status_id.
RETURN_ACTIONS = [(1, "Refunded"), (2, "Credit Issued"), (3, "Replacement Sent")]
SHIPPING_COURIERS = [(1, "dhl", "DHL"), (2, "fedex", "Fedex"), (3, "ups", "UPS"),
                     (4, "royal-mail", "Royal Mail"), (5, "usps", "United States Postal Service"),
                     (6, "auspost", "Australia Post")]
COUNTRIES = [(223, "United States", "US", "USA"), (222, "United Kingdom", "GB", "GBR"),
             (81, "Germany", "DE", "DEU"), (38, "Canada", "CA", "CAN")]
ZONES = [(3630, 223, "Florida", "FL"), (3669, 223, "Texas", "TX"), (3673, 223, "Washington", "WA"),
         (3641, 223, "Massachusetts", "MA"), (3635, 223, "Illinois", "IL"),
         (3513, 222, "Greater London", "GTL"), (1256, 81, "Berlin", "BER"),
         (610, 38, "Ontario", "ON")]
EXTENSIONS = [(1, "payment", "cod"), (9, "shipping", "flat"), (17, "payment", "free_checkout")]
#: Options: (option_id, type, name, [(option_value_id, name)]).
OPTIONS = [(11, "select", "Size", [(46, "Small"), (47, "Medium"), (48, "Large")]),
           (13, "radio", "Color", [(49, "Red"), (50, "Blue"), (51, "Green")])]


def schema_sql(version: str = "3") -> str:
    return (_HERE / ("schema4.sql" if version.startswith("4") else "schema.sql")).read_text()


def apply_schema(conn: Any, prefix: str, *, version: str = "3", engine: str | None = "InnoDB") -> None:
    """Create the tables. OpenCart 3 ships them as MyISAM, which cannot roll back: by default
    they are made InnoDB (as most live stores have converted them) so the bridge's one-write
    transactions hold; ``engine=None`` keeps the engine as shipped."""
    sql = schema_sql(version).replace("{PREFIX}", prefix)
    if engine:
        sql = re.sub(r"ENGINE=\w+", f"ENGINE={engine}", sql)
    body = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    with conn.cursor() as cur:
        for statement in (s.strip() for s in body.split(";\n")):
            if statement:
                cur.execute(statement)


class _Tables:
    """Inserts rows by column name; NOT NULL columns a row leaves out get the zero value of
    their type (OpenCart itself runs with a lax sql_mode and relies on that)."""

    def __init__(self, conn: Any, prefix: str) -> None:
        self.conn, self.prefix = conn, prefix
        self._columns: dict[str, list[tuple[str, Any]]] = {}

    def columns(self, table: str) -> list[tuple[str, Any]]:
        if table not in self._columns:
            with self.conn.cursor() as cur:
                cur.execute(f"SHOW COLUMNS FROM `{self.prefix}{table}`")
                rows = cur.fetchall()
            # An auto-increment id a row leaves out is NULL: the server numbers it.
            self._columns[table] = [(r[0], None if "auto_increment" in (r[5] or "")
                                     else _zero(r[1], r[2], r[4])) for r in rows]
        return self._columns[table]

    def has(self, table: str, column: str) -> bool:
        return any(name == column for name, _ in self.columns(table))

    def insert(self, table: str, rows: Iterable[dict[str, Any]]) -> None:
        cols = self.columns(table)
        names = ", ".join(f"`{n}`" for n, _ in cols)
        sql = (f"INSERT INTO `{self.prefix}{table}` ({names}) "
               f"VALUES ({', '.join(['%s'] * len(cols))})")
        batch: list[tuple[Any, ...]] = []
        with self.conn.cursor() as cur:
            for row in rows:
                batch.append(tuple(row.get(n, zero) for n, zero in cols))
                if len(batch) >= _CHUNK:
                    cur.executemany(sql, batch)
                    batch.clear()
            if batch:
                cur.executemany(sql, batch)


def _zero(sql_type: str, nullable: str, default: Any) -> Any:
    if default is not None:
        return default
    if nullable == "YES":
        return None
    if sql_type.startswith(("int", "tinyint", "smallint", "bigint", "decimal", "float")):
        return 0
    if sql_type.startswith("datetime"):
        return "2000-01-01 00:00:00"
    if sql_type.startswith("date"):
        return "2000-01-01"
    return ""


def _when(rng: random.Random, days: int = 600) -> tuple[str, str]:
    added = _BASE + timedelta(seconds=rng.randrange(days * 86400))
    modified = added + timedelta(seconds=rng.randrange(90 * 86400))
    return added.strftime("%Y-%m-%d %H:%M:%S"), modified.strftime("%Y-%m-%d %H:%M:%S")


def load(conn: Any, prefix: str, *, products: int, customers: int, orders: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    t = _Tables(conn, prefix)
    v4 = t.has("product", "master_id")
    _fixed(t, v4)
    categories = _categories(t, v4)
    prices = _products(t, rng, products, categories, v4)
    _customers(t, rng, customers, v4)
    _orders(t, rng, orders, customers, prices, v4)


# -- fixed rows ------------------------------------------------------------------------------

def _fixed(t: _Tables, v4: bool) -> None:
    t.insert("language", [{"language_id": 1, "name": "English", "code": "en-gb",
                           "locale": "en-US,en_US.UTF-8,en_US,en-gb,english", "image": "gb.png",
                           "directory": "english", "extension": "", "sort_order": 1,
                           "status": 1}])
    settings = {"config_name": "Your Store", "config_owner": "Your Name",
                "config_email": "owner@example.com", "config_telephone": "123456789",
                "config_currency": "USD", "config_language": "en-gb",
                "config_admin_language": "en-gb", "config_country_id": "223",
                "config_zone_id": "3630", "config_customer_group_id": "1",
                "config_order_status_id": "1", "config_weight_class_id": "1",
                "config_length_class_id": "1", "config_stock_status_id": "7",
                "config_meta_title": "Your Store",
                "config_invoice_prefix": "INV-2024-00", "config_stock_checkout": "0",
                "config_processing_status": '["5","1","2","12","3"]',
                "config_complete_status": '["5","3"]', "config_return_status_id": "2"}
    t.insert("setting", ({"store_id": 0, "code": "config", "key": k, "value": v,
                          "serialized": int(v.startswith("["))} for k, v in settings.items()))
    totals = ("total_sub_total", 1), ("total_shipping", 3), ("total_coupon", 4), ("total_tax", 5), \
        ("total_voucher", 8), ("total_total", 9)
    t.insert("setting", ({"store_id": 0, "code": code, "key": f"{code}_sort_order",
                          "value": str(n), "serialized": 0} for code, n in totals))
    # The installer's payment and shipping extensions (install/opencart.sql, oc_extension).
    t.insert("extension", ({"extension_id": i, "type": kind, "code": code,
                            **({"extension": "opencart"} if v4 else {})}
                           for i, kind, code in EXTENSIONS))
    t.insert("currency", [
        {"currency_id": 1, "title": "Pound Sterling", "code": "GBP", "symbol_left": "£",
         "decimal_place": "2", "value": 0.61250001, "status": 1,
         "date_modified": "2024-01-01 00:00:00"},
        {"currency_id": 2, "title": "US Dollar", "code": "USD", "symbol_left": "$",
         "decimal_place": "2", "value": 1.0, "status": 1, "date_modified": "2024-01-01 00:00:00"},
        {"currency_id": 3, "title": "Euro", "code": "EUR", "symbol_right": "€",
         "decimal_place": "2", "value": 0.78460002, "status": 1,
         "date_modified": "2024-01-01 00:00:00"}])
    t.insert("country", ({"country_id": i, "name": n, "iso_code_2": c2, "iso_code_3": c3,
                          "postcode_required": 0, "status": 1} for i, n, c2, c3 in COUNTRIES))
    t.insert("zone", ({"zone_id": z, "country_id": c, "name": n, "code": code, "status": 1}
                      for z, c, n, code in ZONES))
    t.insert("order_status", ({"order_status_id": i, "language_id": 1, "name": n}
                              for i, n in ORDER_STATUSES))
    for table, rows in (("return_status", RETURN_STATUSES), ("return_reason", RETURN_REASONS),
                        ("return_action", RETURN_ACTIONS)):
        t.insert(table, ({f"{table}_id": i, "language_id": 1, "name": n} for i, n in rows))
    if not v4:
        t.insert("shipping_courier", ({"shipping_courier_id": i, "shipping_courier_code": c,
                                       "shipping_courier_name": n}
                                      for i, c, n in SHIPPING_COURIERS))
    t.insert("customer_group", [{"customer_group_id": 1, "approval": 0, "sort_order": 1},
                                {"customer_group_id": 2, "approval": 0, "sort_order": 2}])
    t.insert("customer_group_description", [
        {"customer_group_id": 1, "language_id": 1, "name": "Default", "description": "test"},
        {"customer_group_id": 2, "language_id": 1, "name": "Wholesale", "description": ""}])
    t.insert("stock_status", ({"stock_status_id": i, "language_id": 1, "name": n} for i, n in
                              ((5, "Out Of Stock"), (6, "2-3 Days"), (7, "In Stock"),
                               (8, "Pre-Order"))))
    t.insert("tax_class", [{"tax_class_id": 9, "title": "Taxable Goods",
                            "description": "Taxed goods", "date_added": "2024-01-01 00:00:00",
                            "date_modified": "2024-01-01 00:00:00"}])
    t.insert("weight_class", [{"weight_class_id": 1, "value": 1.0}, {"weight_class_id": 2, "value": 1000.0},
                              {"weight_class_id": 5, "value": 2.2046}])
    t.insert("weight_class_description", [
        {"weight_class_id": 1, "language_id": 1, "title": "Kilogram", "unit": "kg"},
        {"weight_class_id": 2, "language_id": 1, "title": "Gram", "unit": "g"},
        {"weight_class_id": 5, "language_id": 1, "title": "Pound ", "unit": "lb"}])
    t.insert("length_class", [{"length_class_id": 1, "value": 1.0}, {"length_class_id": 3, "value": 0.3937}])
    t.insert("length_class_description", [
        {"length_class_id": 1, "language_id": 1, "title": "Centimeter", "unit": "cm"},
        {"length_class_id": 3, "language_id": 1, "title": "Inch", "unit": "in"}])
    t.insert("manufacturer", ({"manufacturer_id": i, "name": n, "image": "", "sort_order": 0}
                              for i, n in enumerate(("Apple", "Canon", "Sony", "Palm"), 5)))
    t.insert("option", ({"option_id": oid, "type": kind, "sort_order": n}
                        for n, (oid, kind, _, _) in enumerate(OPTIONS)))
    t.insert("option_description", ({"option_id": oid, "language_id": 1, "name": name}
                                     for oid, _, name, _ in OPTIONS))
    t.insert("option_value", ({"option_value_id": vid, "option_id": oid, "image": "", "sort_order": n}
                              for oid, _, _, values in OPTIONS for n, (vid, _) in enumerate(values)))
    t.insert("option_value_description", ({"option_value_id": vid, "language_id": 1,
                                           "option_id": oid, "name": name}
                                          for oid, _, _, values in OPTIONS for vid, name in values))


def _seo(t: _Tables, v4: bool, key: str, ident: int | str, keyword: str) -> dict[str, Any]:
    if v4:
        return {"store_id": 0, "language_id": 1, "key": key, "value": str(ident),
                "keyword": keyword, "sort_order": 0}
    return {"store_id": 0, "language_id": 1, "query": f"{key}={ident}", "keyword": keyword}


def _categories(t: _Tables, v4: bool) -> list[int]:
    rows: list[dict[str, Any]]
    paths: list[dict[str, Any]]
    rows, descs, paths, stores, seo = [], [], [], [], []
    cid = 100
    for n, name in enumerate(_CATEGORIES):
        cid += 1
        parent = cid
        for sub, label in [(None, name)] + [(s, f"{name} {s}") for s in _SUBCATEGORIES]:
            if sub is not None:
                cid += 1
            me = cid
            stamp = (_BASE + timedelta(days=me % 50)).strftime("%Y-%m-%d %H:%M:%S")
            rows.append({"category_id": me, "image": f"catalog/category/{me}.jpg",
                         "parent_id": 0 if sub is None else parent, "top": int(sub is None),
                         "column": 1, "sort_order": n, "status": 1, "date_added": stamp,
                         "date_modified": stamp})
            descs.append({"category_id": me, "language_id": 1, "name": label,
                          "description": f"<p>{label}</p>", "meta_title": label,
                          "meta_description": f"Shop {label}", "meta_keyword": label.lower()})
            chain = [parent, me] if sub is not None else [me]
            paths.extend({"category_id": me, "path_id": p, "level": lvl} for lvl, p in enumerate(chain))
            stores.append({"category_id": me, "store_id": 0})
            word = label.lower().replace(" ", "-")
            if v4:  # 4.0.x: key ``path`` = the path ids, keyword prefixed with the parent's
                seo.append(_seo(t, v4, "path", "_".join(map(str, chain)),
                                word if sub is None else f"{name.lower()}/{word}"))
            else:
                seo.append(_seo(t, v4, "category_id", me, word))
    t.insert("category", rows)
    t.insert("category_description", descs)
    t.insert("category_path", paths)
    t.insert("category_to_store", stores)
    t.insert("seo_url", seo)
    return [r["category_id"] for r in rows]


# -- products --------------------------------------------------------------------------------

def _products(t: _Tables, rng: random.Random, count: int, categories: list[int],
              v4: bool) -> dict[int, tuple[str, str, float]]:
    """Products 1..count; answers {product_id: (name, model, price)} for the orders."""
    images: list[dict[str, Any]]
    options: list[dict[str, Any]]
    rows, descs, stores, links, images, seo = [], [], [], [], [], []
    options, values, specials = [], [], []
    known: dict[int, tuple[str, str, float]] = {}
    pov_id = 0
    variants: list[tuple[int, int, int, int]] = []  # (master, product_option_id, pov_id, vid)
    for pid in range(1, count + 1):
        name = f"{rng.choice(_ADJ)} {rng.choice(_NOUN)} {pid}"
        model = f"M-{pid:06d}"
        price = round(rng.uniform(3, 400), 2)
        added, modified = _when(rng)
        rows.append({"product_id": pid, "model": model, "sku": f"SKU-{pid:06d}",
                     "upc": f"{pid:012d}", "ean": "", "jan": "", "isbn": "", "mpn": f"MPN{pid}",
                     "location": "", "quantity": rng.randrange(0, 500), "stock_status_id": 7,
                     "image": f"catalog/product/{pid}.jpg", "manufacturer_id": rng.choice((0, 5, 6, 7, 8)),
                     "shipping": 1, "price": price, "tax_class_id": 9,
                     "date_available": added[:10], "weight": round(rng.uniform(0.1, 5), 2),
                     "weight_class_id": 1, "length": 10, "width": 5, "height": 2,
                     "length_class_id": 1, "subtract": 1, "minimum": 1, "sort_order": 0,
                     "status": int(pid % 17 != 0), "date_added": added, "date_modified": modified,
                     "variant": "", "override": ""})
        descs.append({"product_id": pid, "language_id": 1, "name": name,
                      "description": f"&lt;p&gt;{name} description&lt;/p&gt;", "tag": "",
                      "meta_title": name, "meta_description": f"Buy {name}",
                      "meta_keyword": name.lower()})
        stores.append({"product_id": pid, "store_id": 0})
        for cid in rng.sample(categories, 1 + pid % 2):
            links.append({"product_id": pid, "category_id": cid})
        images.extend({"product_id": pid, "image": f"catalog/product/{pid}-{n}.jpg", "sort_order": n}
                      for n in range(pid % 3))
        seo.append(_seo(t, v4, "product_id", pid, f"product-{pid}"))
        if pid % 13 == 0:
            specials.append({"product_id": pid, "customer_group_id": 1, "priority": 1,
                             "price": round(price * 0.8, 2), "date_start": "2024-01-01",
                             "date_end": "2030-01-01"})
        for oid, _kind, _, opt_values in OPTIONS[:(1 if pid % 5 == 0 else 0) + (1 if pid % 10 == 0 else 0)]:
            po_id = len(options) + 1
            options.append({"product_option_id": po_id, "product_id": pid, "option_id": oid,
                            "value": "", "required": 1})
            for n, (vid, _) in enumerate(opt_values):
                pov_id += 1
                values.append({"product_option_value_id": pov_id, "product_option_id": po_id,
                               "product_id": pid, "option_id": oid, "option_value_id": vid,
                               "quantity": rng.randrange(0, 50), "subtract": 1,
                               "price": float(n * 2), "price_prefix": "+", "points": 0,
                               "points_prefix": "+", "weight": 0, "weight_prefix": "+"})
                if v4 and pid % 20 == 0 and oid == OPTIONS[0][0]:
                    variants.append((pid, po_id, pov_id, vid))
        known[pid] = (name, model, price)
    t.insert("product", rows + _variant_rows(rows, variants, count))
    t.insert("product_description", descs + [
        {**descs[master - 1], "product_id": count + n + 1,
         "name": f"{descs[master - 1]['name']} ({dict(OPTIONS[0][3])[vid]})"}
        for n, (master, _, _, vid) in enumerate(variants)])
    t.insert("product_to_store", stores + [{"product_id": count + n + 1, "store_id": 0}
                                           for n in range(len(variants))])
    t.insert("product_to_category", links)
    t.insert("product_image", images)
    t.insert("seo_url", seo)
    t.insert("product_option", options)
    t.insert("product_option_value", values)
    t.insert("product_special", specials)
    return known


def _variant_rows(rows: list[dict[str, Any]], variants: Sequence[tuple[int, int, int, int]],
                  count: int) -> list[dict[str, Any]]:
    """4.x variants: product rows whose ``master_id`` is the product they vary and whose
    ``variant`` maps the master's product_option_id to the chosen product_option_value_id."""
    out = []
    for n, (master, po_id, pov_id, _) in enumerate(variants):
        base = rows[master - 1]
        out.append({**base, "product_id": count + n + 1, "master_id": master,
                    "sku": f"{base['sku']}-{pov_id}", "model": f"{base['model']}-{pov_id}",
                    "variant": f'{{"{po_id}":"{pov_id}"}}', "override": "",
                    "quantity": 5 + n % 7})
    return out


# -- customers and orders ----------------------------------------------------------------------

def _person(n: int) -> tuple[str, str, str]:
    first = FIRST_NAMES[n % len(FIRST_NAMES)]
    last = LAST_NAMES[(n // len(FIRST_NAMES)) % len(LAST_NAMES)]
    return first, last, f"{first.lower()}.{last.lower()}.{n}@example.com"


def _address(n: int) -> dict[str, Any]:
    city, zone, postcode = _CITIES[n % len(_CITIES)]
    return {"address_1": f"{100 + n} {_STREETS[n % len(_STREETS)]}", "address_2": "",
            "city": city, "postcode": postcode, "country_id": 223, "zone_id": zone,
            "company": "" if n % 4 else "Acme Supply"}


def _customers(t: _Tables, rng: random.Random, count: int, v4: bool) -> None:
    rows, addresses = [], []
    for cid in range(1, count + 1):
        first, last, email = _person(cid)
        added, _ = _when(rng)
        rows.append({"customer_id": cid, "customer_group_id": 1 + (cid % 7 == 0), "store_id": 0,
                     "language_id": 1, "firstname": first, "lastname": last, "email": email,
                     "telephone": f"555-{cid:04d}", "password": "", "salt": "",
                     "custom_field": "", "newsletter": int(cid % 3 == 0), "address_id": cid,
                     "ip": "127.0.0.1", "status": int(cid % 19 != 0), "safe": 0, "token": "",
                     "code": "", "date_added": added, "cart": None, "wishlist": None})
        addresses.append({"address_id": cid, "customer_id": cid, "firstname": first,
                          "lastname": last, **_address(cid), "custom_field": "", "default": 1})
    t.insert("customer", rows)
    t.insert("address", addresses)


def _orders(t: _Tables, rng: random.Random, count: int, customers: int,
            products: dict[int, tuple[str, str, float]], v4: bool) -> None:
    returns: list[dict[str, Any]]
    orders, items, totals, history, shipments, returns, return_history = [], [], [], [], [], [], []
    statuses = [1, 2, 3, 5, 5, 5, 7]
    op_id = 0
    for oid in range(1, count + 1):
        cid = rng.randrange(1, customers + 1) if customers and oid % 9 else 0
        first, last, email = _person(cid or 10_000 + oid)
        added, modified = _when(rng)
        status = rng.choice(statuses)
        address = _address(cid or oid)
        city_zone = next(z for z in ZONES if z[0] == address["zone_id"])
        lines = []
        for pid in rng.sample(sorted(products), min(len(products), 1 + oid % 3)) if products else []:
            name, model, price = products[pid]
            qty = 1 + rng.randrange(3)
            op_id += 1
            lines.append(price * qty)
            items.append({"order_product_id": op_id, "order_id": oid, "product_id": pid,
                          "master_id": 0, "name": name, "model": model, "quantity": qty,
                          "price": price, "total": round(price * qty, 4), "tax": 0, "reward": 0})
            if oid % 10 == 0 and len(returns) < count // 10 + 1:
                rid = len(returns) + 1
                returns.append({"return_id": rid, "order_id": oid, "product_id": pid,
                                "customer_id": cid, "firstname": first, "lastname": last,
                                "email": email, "telephone": "555-0000", "product": name,
                                "model": model, "quantity": 1, "opened": 0,
                                "return_reason_id": 1 + rid % 5, "return_action_id": 0,
                                "return_status_id": 1 + rid % 3,
                                "comment": "Arrived damaged", "date_ordered": added[:10],
                                "date_added": modified, "date_modified": modified})
                return_history.append({"return_id": rid, "return_status_id": 1, "notify": 0,
                                       "comment": "", "date_added": modified})
        subtotal = round(sum(lines), 4)
        shipping = 5.0
        total = round(subtotal + shipping, 4)
        person = {"firstname": first, "lastname": last, "company": address["company"],
                  "address_1": address["address_1"], "address_2": "", "city": address["city"],
                  "postcode": address["postcode"], "country": "United States", "country_id": 223,
                  "zone": city_zone[2], "zone_id": city_zone[0],
                  "address_format": "", "custom_field": "[]"}
        pay = {f"payment_{k}": v for k, v in person.items()}
        ship = {f"shipping_{k}": v for k, v in person.items()}
        if v4:
            pay["payment_method"] = '{"name":"Cash On Delivery","code":"cod.cod"}'
            ship["shipping_method"] = '{"name":"Flat Shipping Rate","code":"flat.flat"}'
        else:
            pay.update(payment_method="Cash On Delivery", payment_code="cod")
            ship.update(shipping_method="Flat Shipping Rate", shipping_code="flat.flat")
        orders.append({"order_id": oid, "invoice_prefix": "INV-2024-00", "store_id": 0,
                       "store_name": "Your Store", "store_url": "http://localhost/",
                       "customer_id": cid, "customer_group_id": 1, "firstname": first,
                       "lastname": last, "email": email, "telephone": "555-0000",
                       "custom_field": "[]", **pay, **ship, "comment": "",
                       "total": total, "order_status_id": status, "affiliate_id": 0,
                       "commission": 0, "marketing_id": 0, "tracking": "", "language_id": 1,
                       "language_code": "en-gb", "currency_id": 2, "currency_code": "USD",
                       "currency_value": 1.0, "ip": "127.0.0.1", "forwarded_ip": "",
                       "user_agent": "seed", "accept_language": "en-US",
                       "date_added": added, "date_modified": modified})
        for n, (code, title, value) in enumerate((("sub_total", "Sub-Total", subtotal),
                                                 ("shipping", "Flat Shipping Rate", shipping),
                                                 ("total", "Total", total))):
            totals.append({"order_id": oid, "extension": "opencart", "code": code,
                           "title": title, "value": value, "sort_order": n + 1})
        history.append({"order_id": oid, "order_status_id": 1, "notify": 0, "comment": "",
                        "date_added": added})
        if status != 1:
            history.append({"order_id": oid, "order_status_id": status, "notify": 1,
                            "comment": "Status changed", "date_added": modified})
        if not v4 and status in (3, 5):
            shipments.append({"order_id": oid, "date_added": modified,
                              "shipping_courier_id": SHIPPING_COURIERS[oid % 6][1],
                              "tracking_number": f"1Z{oid:010d}"})
    t.insert("order", orders)
    # The dashboard's counters, as the cart's order-history event keeps them (installer's
    # default processing ["5","1","2","12","3"] and complete ["5","3"] statuses).
    active = [o for o in orders if o["order_status_id"] in PROCESSING_STATUSES + COMPLETE_STATUSES]
    t.insert("statistics", [
        {"statistics_id": n, "code": code, "value": value} for n, (code, value) in enumerate((
            ("order_sale", round(sum(o["total"] for o in active), 4)),
            ("order_processing", sum(o["order_status_id"] in PROCESSING_STATUSES for o in orders)),
            ("order_complete", sum(o["order_status_id"] in COMPLETE_STATUSES for o in orders)),
            ("order_other", 0), ("returns", len(returns)), ("product", 0), ("review", 0)), 1)])
    t.insert("order_product", items)
    t.insert("order_total", totals)
    t.insert("order_history", history)
    if not v4:
        t.insert("order_shipment", shipments)
    t.insert("return", returns)
    t.insert("return_history", return_history)
