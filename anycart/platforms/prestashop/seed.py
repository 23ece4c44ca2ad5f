"""A deterministic PrestaShop 8 store in MariaDB: the cart's fixed rows (shop, languages,
currencies, countries, groups, carriers, order and return states, attributes) and generated
catalogue, customers and orders, loaded with ``executemany`` in chunks.

``apply_schema(conn, prefix)`` creates the tables of ``schema.sql``; ``load(conn, prefix,
products=..., customers=..., orders=...)`` fills them. The same seed gives the same store.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from anycart.platforms.bridge.nested import nested_set
from anycart.platforms.bridge.slugs import slugify
from anycart.sandbox.seeding import FIRST_NAMES, LAST_NAMES

SCHEMA_FILE = Path(__file__).with_name("schema.sql")
CHUNK = 2000
SHOP, SHOP_GROUP, LANG_EN, LANG_FR = 1, 1, 1, 2
LANGS = (LANG_EN, LANG_FR)
#: The shop's host in ``shop_url`` (what the storefront's links are built from).
SHOP_DOMAIN = "shop.example.test"
PAYMENT_MODULES = {1: "ps_checkpayment", 2: "ps_wirepayment"}
PAYMENT_HOOK = 1
ROOT_CATEGORY, HOME_CATEGORY = 1, 2
VISITOR_GROUP, GUEST_GROUP, CUSTOMER_GROUP = 1, 2, 3
EPOCH = datetime(2024, 1, 1, 9, 0, 0)

#: id -> (name, paid, shipped, delivery, color): the order states of a fresh 8.1 install.
ORDER_STATES = {
    1: ("Awaiting check payment", 0, 0, 0, "#34209E"), 2: ("Payment accepted", 1, 0, 0, "#3498D8"),
    3: ("Processing in progress", 1, 0, 1, "#3498D8"), 4: ("Shipped", 1, 1, 1, "#01b887"),
    5: ("Delivered", 1, 1, 1, "#01b887"), 6: ("Canceled", 0, 0, 0, "#2C3E50"),
    7: ("Refunded", 1, 0, 0, "#ff7f50"), 8: ("Payment error", 0, 0, 0, "#E74C3C"),
    9: ("On backorder (paid)", 1, 0, 0, "#3498D8"), 10: ("Awaiting bank wire payment", 0, 0, 0, "#34209E"),
    11: ("Remote payment accepted", 1, 0, 0, "#3498D8"), 12: ("On backorder (not paid)", 0, 0, 0, "#34209E"),
}
RETURN_STATES = {1: ("Waiting for confirmation", "#4169E1"), 2: ("Waiting for package", "#8A2BE2"),
                 3: ("Package received", "#32CD32"), 4: ("Return denied", "#DC143C"),
                 5: ("Return completed", "#108510")}
#: id -> (iso, name, zone, call prefix); ids as a fresh install numbers them.
COUNTRIES = {8: ("FR", "France", 1, 33), 1: ("DE", "Germany", 1, 49),
             17: ("GB", "United Kingdom", 1, 44), 21: ("US", "United States", 2, 1)}
STATES = {5: (21, "California", "CA"), 32: (21, "New York", "NY"), 43: (21, "Texas", "TX")}
SIZES = ("S", "M", "L", "XL")
COLORS = (("Grey", "#AAB2BD"), ("Beige", "#f5f5dc"), ("White", "#ffffff"), ("Red", "#E84C3D"),
          ("Black", "#434A54"), ("Blue", "#5D9CEC"))
CATEGORY_NAMES = ("Clothes", "Accessories", "Art", "Home", "Sports", "Books", "Toys", "Garden")
SUB_NAMES = ("Men", "Women", "Kids", "Sale")
NOUNS = ("T-shirt", "Sweater", "Mug", "Poster", "Notebook", "Cushion", "Lamp", "Bag", "Cap",
         "Scarf", "Frame", "Bottle")
ADJECTIVES = ("Hummingbird", "Mountain", "Brown bear", "Fox", "Classic", "Vintage", "Organic",
              "Urban", "Minimal", "Bright")
CITIES = (("Paris", 8, None, "75002"), ("Berlin", 1, None, "10115"), ("London", 17, None, "SW1A 1AA"),
          ("San Francisco", 21, 5, "94103"), ("New York", 21, 32, "10001"), ("Austin", 21, 43, "73301"))
STREETS = ("Main Street", "Rue de Rivoli", "Oak Avenue", "High Street", "Market Square",
           "Elm Road", "Sunset Boulevard")


def apply_schema(conn: Any, prefix: str) -> None:
    """Create the cart's tables (``schema.sql`` with ``{PREFIX}`` = ``prefix``)."""
    sql = SCHEMA_FILE.read_text().replace("{PREFIX}", prefix)
    statements = [s.strip() for s in sql.split(";\n") if s.strip()]
    with conn.cursor() as cur:
        for statement in statements:
            lines = [ln for ln in statement.splitlines() if not ln.startswith("--")]
            if any(ln.strip() for ln in lines):
                cur.execute("\n".join(lines))


def _ts(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class _Loader:
    def __init__(self, conn: Any, prefix: str) -> None:
        self.cur = conn.cursor()
        self.prefix = prefix

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        sql = (f"INSERT INTO `{self.prefix}{table}` (" + ", ".join(f"`{c}`" for c in columns)
               + ") VALUES (" + ", ".join(["%s"] * len(columns)) + ")")
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= CHUNK:
                self.cur.executemany(sql, batch)
                batch = []
        if batch:
            self.cur.executemany(sql, batch)


def load(conn: Any, prefix: str, *, products: int, customers: int, orders: int,
         seed: int = 1) -> None:
    rnd = random.Random(seed)
    db = _Loader(conn, prefix)
    _fixed_rows(db)
    categories = _categories(db)
    catalogue = _products(db, rnd, products, categories)
    addresses = _customers(db, rnd, customers)
    _orders(db, rnd, orders, catalogue, addresses)
    conn.commit()


# -- the cart's own rows -----------------------------------------------------------------------

def _fixed_rows(db: _Loader) -> None:
    now = _ts(EPOCH)
    config = {"PS_LANG_DEFAULT": LANG_EN, "PS_SHOP_DEFAULT": SHOP, "PS_CURRENCY_DEFAULT": 1,
              "PS_COUNTRY_DEFAULT": 21, "PS_SHOP_NAME": "AnyCart Demo Shop",
              "PS_SHOP_EMAIL": "owner@anycart-demo.test", "PS_HOME_CATEGORY": HOME_CATEGORY,
              "PS_ROOT_CATEGORY": ROOT_CATEGORY, "PS_CUSTOMER_GROUP": CUSTOMER_GROUP,
              "PS_GUEST_GROUP": GUEST_GROUP, "PS_UNIDENTIFIED_GROUP": VISITOR_GROUP,
              "PS_CARRIER_DEFAULT": 2, "PS_OS_SHIPPING": 4, "PS_WEIGHT_UNIT": "kg",
              "PS_DIMENSION_UNIT": "cm", "PS_VERSION_DB": "8.1.7", "PS_STOCK_MANAGEMENT": 1,
              "PS_SSL_ENABLED": 1, "PS_SSL_ENABLED_EVERYWHERE": 1, "PS_REWRITING_SETTINGS": 1,
              # merchandise returns on, with no time limit (the seeded orders are old)
              "PS_ORDER_RETURN": 1, "PS_ORDER_RETURN_NB_DAYS": 0}
    db.insert("configuration", ("name", "value", "date_add", "date_upd"),
              [(k, str(v), now, now) for k, v in config.items()])
    db.insert("shop_group", ("id_shop_group", "name", "color", "share_customer", "share_order",
                             "share_stock", "active", "deleted"), [(1, "Default", "", 0, 0, 0, 1, 0)])
    db.insert("shop", ("id_shop", "id_shop_group", "name", "color", "id_category", "theme_name",
                       "active", "deleted"), [(SHOP, SHOP_GROUP, "AnyCart Demo Shop", "",
                                               HOME_CATEGORY, "classic", 1, 0)])
    db.insert("lang", ("id_lang", "name", "active", "iso_code", "language_code", "locale",
                       "date_format_lite", "date_format_full", "is_rtl"),
              [(LANG_EN, "English (English)", 1, "en", "en-us", "en-US", "m/d/Y", "m/d/Y H:i:s", 0),
               (LANG_FR, "Français (French)", 1, "fr", "fr-fr", "fr-FR", "d/m/Y", "d/m/Y H:i:s", 0)])
    db.insert("lang_shop", ("id_lang", "id_shop"), [(lang, SHOP) for lang in LANGS])
    db.insert("shop_url", ("id_shop_url", "id_shop", "domain", "domain_ssl", "physical_uri",
                           "virtual_uri", "main", "active"),
              [(1, SHOP, SHOP_DOMAIN, SHOP_DOMAIN, "/", "", 1, 1)])
    # The payment modules a fresh 8.1 install ships, hooked on paymentOptions.
    db.insert("module", ("id_module", "name", "active", "version"),
              [(i, name, 1, "2.0.0") for i, name in PAYMENT_MODULES.items()])
    db.insert("hook", ("id_hook", "name", "title", "description", "active", "position"),
              [(PAYMENT_HOOK, "paymentOptions", "Payment Options", "", 1, 1)])
    db.insert("hook_module", ("id_module", "id_shop", "id_hook", "position"),
              [(i, SHOP, PAYMENT_HOOK, n) for n, i in enumerate(PAYMENT_MODULES, 1)])
    db.insert("currency", ("id_currency", "name", "iso_code", "numeric_iso_code", "precision",
                           "conversion_rate", "deleted", "active"),
              [(1, "US Dollar", "USD", "840", 2, 1, 0, 1), (2, "Euro", "EUR", "978", 2, 0.92, 0, 1)])
    db.insert("zone", ("id_zone", "name", "active"), [(1, "Europe", 1), (2, "North America", 1)])
    db.insert("country", ("id_country", "id_zone", "iso_code", "call_prefix", "active",
                          "contains_states", "need_zip_code", "display_tax_label"),
              [(cid, zone, iso, call, 1, int(iso == "US"), 1, 1)
               for cid, (iso, _, zone, call) in COUNTRIES.items()])
    db.insert("country_lang", ("id_country", "id_lang", "name"),
              [(cid, lang, name) for cid, (_, name, _, _) in COUNTRIES.items() for lang in LANGS])
    db.insert("state", ("id_state", "id_country", "id_zone", "name", "iso_code", "active"),
              [(sid, country, 2, name, iso, 1) for sid, (country, name, iso) in STATES.items()])
    db.insert("tax_rules_group", ("id_tax_rules_group", "name", "active", "deleted", "date_add",
                                  "date_upd"), [(1, "US Standard Rate", 1, 0, now, now)])
    groups = {VISITOR_GROUP: "Visitor", GUEST_GROUP: "Guest", CUSTOMER_GROUP: "Customer", 4: "Wholesale"}
    db.insert("group", ("id_group", "reduction", "price_display_method", "show_prices",
                        "date_add", "date_upd"), [(g, 0, 0, 1, now, now) for g in groups])
    db.insert("group_lang", ("id_group", "id_lang", "name"),
              [(g, lang, name) for g, name in groups.items() for lang in LANGS])
    db.insert("group_shop", ("id_group", "id_shop"), [(g, SHOP) for g in groups])
    db.insert("carrier", ("id_carrier", "id_reference", "name", "url", "active", "deleted",
                          "is_free", "position"),
              [(1, 1, "AnyCart Demo Shop", "", 1, 0, 1, 0),
               (2, 2, "My carrier", "https://track.example.test/@", 1, 0, 0, 1)])
    db.insert("order_state", ("id_order_state", "invoice", "send_email", "color", "unremovable",
                              "logable", "delivery", "shipped", "paid"),
              [(i, paid, 1, color, 1, paid, delivery, shipped, paid)
               for i, (_, paid, shipped, delivery, color) in ORDER_STATES.items()])
    db.insert("order_state_lang", ("id_order_state", "id_lang", "name", "template"),
              [(i, lang, name, "") for i, (name, *_rest) in ORDER_STATES.items() for lang in LANGS])
    db.insert("order_return_state", ("id_order_return_state", "color"),
              [(i, color) for i, (_, color) in RETURN_STATES.items()])
    db.insert("order_return_state_lang", ("id_order_return_state", "id_lang", "name"),
              [(i, lang, name) for i, (name, _) in RETURN_STATES.items() for lang in LANGS])
    db.insert("attribute_group", ("id_attribute_group", "is_color_group", "group_type", "position"),
              [(1, 0, "select", 0), (2, 1, "color", 1)])
    db.insert("attribute_group_lang", ("id_attribute_group", "id_lang", "name", "public_name"),
              [(g, lang, name, name) for g, name in ((1, "Size"), (2, "Color")) for lang in LANGS])
    db.insert("attribute_group_shop", ("id_attribute_group", "id_shop"), [(1, SHOP), (2, SHOP)])
    values = [(i + 1, 1, "", i, size) for i, size in enumerate(SIZES)]
    values += [(len(SIZES) + i + 1, 2, hexa, i, name) for i, (name, hexa) in enumerate(COLORS)]
    db.insert("attribute", ("id_attribute", "id_attribute_group", "color", "position"),
              [v[:4] for v in values])
    db.insert("attribute_lang", ("id_attribute", "id_lang", "name"),
              [(v[0], lang, v[4]) for v in values for lang in LANGS])
    db.insert("attribute_shop", ("id_attribute", "id_shop"), [(v[0], SHOP) for v in values])
    db.insert("manufacturer", ("id_manufacturer", "name", "date_add", "date_upd", "active"),
              [(1, "Studio Design", now, now, 1), (2, "Graphic Corner", now, now, 1)])


def _categories(db: _Loader) -> list[int]:
    """Root (1), Home (2), top categories under Home and a few subcategories; answers the
    ids products may go in."""
    names = {ROOT_CATEGORY: "Root", HOME_CATEGORY: "Home"}
    parents = {ROOT_CATEGORY: 0, HOME_CATEGORY: ROOT_CATEGORY}
    position = {ROOT_CATEGORY: 0, HOME_CATEGORY: 0}
    next_id = 3
    for i, name in enumerate(CATEGORY_NAMES):
        top = next_id
        names[top], parents[top], position[top] = name, HOME_CATEGORY, i
        next_id += 1
        if i < 2:
            for j, sub in enumerate(SUB_NAMES):
                names[next_id], parents[next_id], position[next_id] = sub, top, j
                next_id += 1
    tree = nested_set(parents, position)
    rows = []
    for cid, parent in parents.items():
        left, right, depth = tree[cid]
        moment = _ts(EPOCH + timedelta(minutes=cid))
        rows.append((cid, parent, SHOP, depth, left, right, 1, moment, moment, position[cid],
                     int(cid == HOME_CATEGORY)))
    db.insert("category", ("id_category", "id_parent", "id_shop_default", "level_depth", "nleft",
                           "nright", "active", "date_add", "date_upd", "position",
                           "is_root_category"), rows)
    db.insert("category_lang", ("id_category", "id_shop", "id_lang", "name", "description",
                                "link_rewrite", "meta_title"),
              [(cid, SHOP, lang, name, f"<p>{name} of the demo shop.</p>", slugify(name, 128), name)
               for cid, name in names.items() for lang in LANGS])
    db.insert("category_shop", ("id_category", "id_shop", "position"),
              [(cid, SHOP, position[cid]) for cid in names])
    db.insert("category_group", ("id_category", "id_group"),
              [(cid, g) for cid in names for g in (VISITOR_GROUP, GUEST_GROUP, CUSTOMER_GROUP)])
    return [c for c in names if c not in (ROOT_CATEGORY, HOME_CATEGORY)]


# -- catalogue ---------------------------------------------------------------------------------

_PRODUCT_COLS = ("id_product", "id_manufacturer", "id_category_default", "id_shop_default",
                 "id_tax_rules_group", "on_sale", "ean13", "upc", "mpn", "quantity", "price",
                 "wholesale_price", "reference", "width", "height", "depth", "weight", "active",
                 "available_for_order", "visibility", "is_virtual", "cache_default_attribute",
                 "date_add", "date_upd", "product_type", "redirect_type",
                 "show_condition", "indexed")
_SHOP_COLS = ("id_product", "id_shop", "id_category_default", "id_tax_rules_group", "on_sale",
              "price", "wholesale_price", "active", "available_for_order", "visibility",
              "cache_default_attribute", "date_add", "date_upd", "redirect_type",
              "indexed")


def _products(db: _Loader, rnd: random.Random, count: int,
              categories: list[int]) -> list[tuple[int, str, str, float, float, int]]:
    """Products (every fifth with size/color combinations, most with images); answers
    ``(id, name, reference, price, weight, first combination id or 0)`` for orders."""
    image_lang: list[tuple[Any, ...]]
    pa_comb: list[tuple[Any, ...]]
    base, shop, lang, stock, cat_rows, images, image_lang, image_shop = ([], [], [], [], [], [], [], [])
    pa, pa_shop, pa_comb = [], [], []
    out = []
    positions: dict[int, int] = {}
    id_image = id_pa = 0
    for pid in range(1, count + 1):
        name = f"{rnd.choice(ADJECTIVES)} {rnd.choice(NOUNS)} {pid}"
        reference = f"PS-{pid:06d}"
        price = round(rnd.uniform(4, 250), 2)
        cost = round(price * rnd.uniform(0.3, 0.7), 2)
        weight = round(rnd.uniform(0.1, 3), 3)
        added = EPOCH + timedelta(minutes=7 * pid)
        updated = added + timedelta(hours=rnd.randint(0, 2000))
        cats = rnd.sample(categories, k=rnd.choice((1, 1, 2)))
        active = 0 if pid % 23 == 0 else 1
        visibility = "none" if pid % 41 == 0 else ("catalog" if pid % 37 == 0 else "both")
        quantity = rnd.randint(0, 300)
        with_combinations = pid % 5 == 0
        default_pa = id_pa + 1 if with_combinations else 0
        on_sale = int(pid % 11 == 0)
        base.append((pid, rnd.choice((None, 1, 2)), cats[0], SHOP, 1, on_sale,
                     f"{3700000000000 + pid}", f"{100000000000 + pid}", f"MPN{pid}", quantity,
                     price, cost, reference, 10, 5, 2, weight, active, 1, visibility, 0,
                     default_pa or None, _ts(added), _ts(updated),
                     "combinations" if with_combinations else "standard", "404", 0, 1))
        shop.append((pid, SHOP, cats[0], 1, on_sale, price, cost, active, 1, visibility,
                     default_pa or None, _ts(added), _ts(updated), "404", 1))
        for lng in LANGS:
            label = name if lng == LANG_EN else f"{name} (fr)"
            lang.append((pid, SHOP, lng, f"<p>{label}: a demo product.</p>", f"<p>{label}</p>",
                         slugify(label, 128), label, f"Buy {label}", label.lower()))
        stock.append((pid, 0, SHOP, 0, quantity, quantity, 0))
        for c in cats:
            positions[c] = positions.get(c, -1) + 1
            cat_rows.append((c, pid, positions[c]))
        for n in range(rnd.choice((0, 1, 1, 2, 3))):
            id_image += 1
            cover = 1 if n == 0 else None
            images.append((id_image, pid, n + 1, cover))
            image_shop.append((pid, id_image, SHOP, cover))
            image_lang.extend((id_image, lng, name) for lng in LANGS)
        if with_combinations:
            colors = rnd.sample(range(len(SIZES) + 1, len(SIZES) + len(COLORS) + 1), 2)
            for s in range(1, len(SIZES) + 1):
                for color in colors:
                    id_pa += 1
                    default_on = 1 if id_pa == default_pa else None
                    impact = 2.0 if s == len(SIZES) else 0.0
                    pa.append((id_pa, pid, f"{reference}-{SIZES[s - 1]}-{color}", impact, 0,
                               default_on))
                    pa_shop.append((pid, id_pa, SHOP, impact, 0, default_on))
                    pa_comb.extend(((s, id_pa), (color, id_pa)))
                    stock.append((pid, id_pa, SHOP, 0, quantity // 8, quantity // 8, 0))
        out.append((pid, name, reference, price, weight, default_pa))
    db.insert("product", _PRODUCT_COLS, base)
    db.insert("product_shop", _SHOP_COLS, shop)
    db.insert("product_lang", ("id_product", "id_shop", "id_lang", "description",
                               "description_short", "link_rewrite", "name", "meta_title",
                               "meta_keywords"), lang)
    db.insert("stock_available", ("id_product", "id_product_attribute", "id_shop",
                                  "id_shop_group", "quantity", "physical_quantity",
                                  "reserved_quantity"), stock)
    db.insert("category_product", ("id_category", "id_product", "position"), cat_rows)
    db.insert("image", ("id_image", "id_product", "position", "cover"), images)
    db.insert("image_lang", ("id_image", "id_lang", "legend"), image_lang)
    db.insert("image_shop", ("id_product", "id_image", "id_shop", "cover"), image_shop)
    db.insert("product_attribute", ("id_product_attribute", "id_product", "reference", "price",
                                    "weight", "default_on"), pa)
    db.insert("product_attribute_shop", ("id_product", "id_product_attribute", "id_shop",
                                         "price", "weight", "default_on"), pa_shop)
    db.insert("product_attribute_combination", ("id_attribute", "id_product_attribute"), pa_comb)
    return out


# -- customers and orders ----------------------------------------------------------------------

def _customers(db: _Loader, rnd: random.Random, count: int) -> dict[int, list[int]]:
    """Customers with one or two addresses; answers their address ids by customer."""
    people, groups, addresses = [], [], []
    by_customer: dict[int, list[int]] = {}
    id_address = 0
    for cid in range(1, count + 1):
        first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
        added = EPOCH + timedelta(hours=5 * cid)
        updated = added + timedelta(hours=rnd.randint(0, 3000))
        email = f"{first.lower()}.{last.lower()}.{cid}@example.test"
        secure = hashlib.md5(f"{seed_key(cid)}".encode()).hexdigest()
        people.append((cid, SHOP_GROUP, SHOP, rnd.choice((1, 2)), CUSTOMER_GROUP, LANG_EN,
                       first, last, email, "$2y$10$" + secure.ljust(53, "x"),
                       int(cid % 3 == 0), int(cid % 29 != 0), 0, 0, secure, _ts(added),
                       _ts(updated)))
        groups.append((cid, CUSTOMER_GROUP))
        if cid % 17 == 0:
            groups.append((cid, 4))
        for n in range(1 if cid % 4 else 2):
            id_address += 1
            city, country, state, postcode = rnd.choice(CITIES)
            addresses.append((id_address, country, state, cid, "Home" if n == 0 else "Work",
                              None if n == 0 else "ACME Corp", last, first,
                              f"{rnd.randint(1, 999)} {rnd.choice(STREETS)}", None, postcode,
                              city, f"+1 555 {rnd.randint(1000000, 9999999)}", _ts(added),
                              _ts(added)))
            by_customer.setdefault(cid, []).append(id_address)
    db.insert("customer", ("id_customer", "id_shop_group", "id_shop", "id_gender",
                           "id_default_group", "id_lang", "firstname", "lastname", "email",
                           "passwd", "newsletter", "active", "is_guest", "deleted", "secure_key",
                           "date_add", "date_upd"), people)
    db.insert("customer_group", ("id_customer", "id_group"), groups)
    db.insert("address", ("id_address", "id_country", "id_state", "id_customer", "alias",
                          "company", "lastname", "firstname", "address1", "address2",
                          "postcode", "city", "phone", "date_add", "date_upd"), addresses)
    return by_customer


def seed_key(n: int) -> str:
    return f"anycart-prestashop-{n}"


def _orders(db: _Loader, rnd: random.Random, count: int,
            catalogue: list[tuple[int, str, str, float, float, int]],
            addresses: dict[int, list[int]]) -> None:
    if not count or not catalogue or not addresses:
        return
    orders, details, history, carriers, messages, returns, return_details = ([] for _ in range(7))
    id_detail = id_return = 0
    flow = (1, 2, 3, 4, 5)
    for oid in range(1, count + 1):
        cid = rnd.randint(1, len(addresses))
        invoice = addresses[cid][0]
        delivery = addresses[cid][-1]
        added = EPOCH + timedelta(hours=3 * oid, minutes=rnd.randint(0, 59))
        steps = rnd.randint(1, len(flow))
        state = 6 if oid % 19 == 0 else flow[steps - 1]
        updated = added + timedelta(hours=12 * steps)
        lines = rnd.sample(catalogue, k=min(len(catalogue), rnd.randint(1, 4)))
        subtotal = 0.0
        weight = 0.0
        first_detail = id_detail + 1
        for pid, name, reference, price, item_weight, default_pa in lines:
            id_detail += 1
            qty = rnd.randint(1, 3)
            total = round(price * qty, 2)
            subtotal += total
            weight += item_weight * qty
            details.append((id_detail, oid, SHOP, pid, default_pa or 0, name, qty, price,
                            reference, item_weight, "", 0, total, round(total * 1.2, 2), price,
                            round(price * 1.2, 2), price))
        shipping = 7.0 if subtotal < 100 else 0.0
        tax = round(subtotal * 0.2, 2)
        paid_incl = round(subtotal + tax + shipping, 2)
        carrier = 2 if shipping else 1
        reference = "".join(rnd.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(9))
        orders.append((oid, reference, SHOP_GROUP, SHOP, carrier, LANG_EN, cid, oid, 1, delivery,
                       invoice, state, hashlib.md5(reference.encode()).hexdigest(),
                       rnd.choice(("Bank wire", "Payments by check", "Credit card")), 1,
                       "ps_wirepayment", paid_incl, paid_incl, round(subtotal + shipping, 2),
                       paid_incl if state in (2, 3, 4, 5) else 0, subtotal, round(subtotal * 1.2, 2),
                       shipping, shipping, shipping, _ts(added), _ts(added), int(state in (2, 3, 4, 5)),
                       _ts(added), _ts(updated)))
        for n in range(steps):
            history.append((0, oid, flow[n], _ts(added + timedelta(hours=12 * n))))
        if state == 6:
            history.append((0, oid, 6, _ts(updated)))
        tracking = f"1Z{oid:010d}" if state in (4, 5) else None
        carriers.append((oid, carrier, round(weight, 3), shipping, shipping, tracking, _ts(added)))
        if oid % 7 == 0:
            messages.append((oid, cid, oid, "Please leave the parcel at the door.", 0, _ts(added)))
        if state == 5 and oid % 3 == 0:
            id_return += 1
            returns.append((id_return, cid, oid, rnd.choice(tuple(RETURN_STATES)),
                            "The size does not fit.", _ts(updated), _ts(updated)))
            return_details.append((id_return, first_detail, 0, 1))
    db.insert("orders", ("id_order", "reference", "id_shop_group", "id_shop", "id_carrier",
                         "id_lang", "id_customer", "id_cart", "id_currency",
                         "id_address_delivery", "id_address_invoice", "current_state",
                         "secure_key", "payment", "conversion_rate", "module", "total_paid",
                         "total_paid_tax_incl", "total_paid_tax_excl", "total_paid_real",
                         "total_products", "total_products_wt", "total_shipping",
                         "total_shipping_tax_incl", "total_shipping_tax_excl", "invoice_date",
                         "delivery_date", "valid", "date_add", "date_upd"), orders)
    db.insert("order_detail", ("id_order_detail", "id_order", "id_shop", "product_id",
                               "product_attribute_id", "product_name", "product_quantity",
                               "product_price", "product_reference", "product_weight",
                               "tax_name", "tax_rate", "total_price_tax_excl",
                               "total_price_tax_incl", "unit_price_tax_excl",
                               "unit_price_tax_incl", "original_product_price"), details)
    db.insert("order_history", ("id_employee", "id_order", "id_order_state", "date_add"), history)
    db.insert("order_carrier", ("id_order", "id_carrier", "weight", "shipping_cost_tax_excl",
                                "shipping_cost_tax_incl", "tracking_number", "date_add"), carriers)
    db.insert("message", ("id_cart", "id_customer", "id_order", "message", "private", "date_add"),
              messages)
    db.insert("order_return", ("id_order_return", "id_customer", "id_order", "state", "question",
                               "date_add", "date_upd"), returns)
    db.insert("order_return_detail", ("id_order_return", "id_order_detail", "id_customization",
                                      "product_quantity"), return_details)
