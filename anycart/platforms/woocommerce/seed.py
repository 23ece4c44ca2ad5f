"""Deterministic WooCommerce store data for tests and benchmarks, loaded with PyMySQL.

``apply_schema`` creates the tables of ``schema.sql``; ``load`` fills them the way WordPress
and WooCommerce would: products (simple and variable, with images, categories, attributes),
customers (users with the ``customer`` role and their billing/shipping meta), orders in the
legacy ``shop_order`` posts or in the HPOS tables (``hpos=True``), with items, notes,
shipment tracking (the Shipment Tracking extension's meta) and refunds.
IDs are assigned here, so related rows are built without reading anything back.
"""

from __future__ import annotations

import hashlib
import random
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from anycart.platforms.bridge.phpserial import dumps
from anycart.sandbox.seeding import FIRST_NAMES, LAST_NAMES

SCHEMA = Path(__file__).with_name("schema.sql")
WC_VERSION = "9.3.3"
SITE_URL = "https://shop.example.com"
PAYMENT_GATEWAYS = {"bacs": "Direct bank transfer", "cheque": "Check payments",
                    "cod": "Cash on delivery"}
SHIPPING_METHODS = {1: ("flat_rate", "Flat rate"), 2: ("free_shipping", "Free shipping")}
_CHUNK = 5000
_BASE = datetime(2024, 1, 1, 9, 0, 0)

ORDER_STATUSES = {"wc-pending": "Pending payment", "wc-processing": "Processing",
                  "wc-on-hold": "On hold", "wc-completed": "Completed",
                  "wc-cancelled": "Cancelled", "wc-refunded": "Refunded", "wc-failed": "Failed"}
_ADJECTIVES = ("Classic", "Organic", "Vintage", "Modern", "Rustic", "Deluxe", "Compact", "Smart",
               "Handmade", "Premium", "Everyday", "Urban", "Alpine", "Coastal", "Nordic")
_NOUNS = ("Mug", "Backpack", "Lamp", "Notebook", "Scarf", "Water Bottle", "Desk Chair", "Sneakers",
          "Headphones", "Teapot", "Blanket", "Wallet", "Sunglasses", "Candle", "Cutting Board")
_CATEGORIES = (("Home & Kitchen", None), ("Cookware", 0), ("Tableware", 0), ("Lighting", 0),
               ("Apparel", None), ("Men", 4), ("Women", 4), ("Accessories", 4),
               ("Electronics", None), ("Audio", 8), ("Office", None), ("Outdoor", None))
_COLORS = ("Red", "Blue", "Green", "Black", "White")
_SIZES = ("S", "M", "L", "XL")
_CITIES = (("US", "CA", "San Francisco", "94103"), ("US", "NY", "New York", "10001"),
           ("US", "TX", "Austin", "73301"), ("GB", "", "London", "SW1A 1AA"),
           ("DE", "", "Berlin", "10115"), ("CA", "ON", "Toronto", "M5H 2N2"))
_STREETS = ("Main St", "Oak Avenue", "Market Street", "High Street", "Elm Road", "Park Lane")
_CARRIERS = ("USPS", "UPS", "FedEx", "DHL")


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def apply_schema(conn: Any, prefix: str) -> None:
    """Create the cart's tables (schema.sql with ``{PREFIX}`` replaced)."""
    sql = SCHEMA.read_text().replace("{PREFIX}", prefix)
    body = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    with conn.cursor() as cur:
        for statement in body.split(";\n"):
            if statement.strip():
                cur.execute(statement)


class _Rows:
    """Rows per table, inserted with ``executemany`` in chunks at the end."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.tables: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]] = {}

    def add(self, table: str, **values: Any) -> None:
        columns, rows = self.tables.setdefault(table, (tuple(values), []))
        rows.append(tuple(values[c] for c in columns))

    def meta(self, table: str, owner: str, owner_id: int, values: dict[str, Any]) -> None:
        for key, value in values.items():
            self.add(table, **{owner: owner_id, "meta_key": key, "meta_value": str(value)})

    def flush(self, conn: Any) -> None:
        with conn.cursor() as cur:
            for table, (columns, rows) in self.tables.items():
                names = ", ".join(f"`{c}`" for c in columns)
                marks = ", ".join(["%s"] * len(columns))
                sql = f"INSERT INTO `{self.prefix}{table}` ({names}) VALUES ({marks})"
                for i in range(0, len(rows), _CHUNK):
                    cur.executemany(sql, rows[i:i + _CHUNK])
        conn.commit()


def _time(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")


class _Seeder:
    def __init__(self, prefix: str, seed: int, hpos: bool) -> None:
        self.rnd = random.Random(seed)
        self.rows = _Rows(prefix)
        self.prefix = prefix
        self.hpos = hpos
        self.next_post = 1
        self.next_term = 1
        self.term_counts: dict[int, int] = {}
        self.next_item = 1
        self.next_comment = 1
        self.next_lookup = 1  # wc_customer_lookup ids (WooCommerce Analytics' own customer ids)

    # -- generic WordPress rows ---------------------------------------------------------------
    def post(self, post_type: str, title: str, *, status: str = "publish", when: datetime = _BASE,
             modified: datetime | None = None, content: str = "", excerpt: str = "",
             parent: int = 0, name: str = "", mime: str = "", guid: str = "", order: int = 0,
             password: str = "", author: int = 1) -> int:
        pid = self.next_post
        self.next_post += 1
        modified = modified or when
        self.rows.add("posts", ID=pid, post_author=author, post_date=_time(when),
                      post_date_gmt=_time(when), post_content=content, post_title=title,
                      post_excerpt=excerpt, post_status=status, comment_status="closed",
                      ping_status="closed", post_password=password,
                      post_name=name or slugify(title) or str(pid), to_ping="", pinged="",
                      post_modified=_time(modified), post_modified_gmt=_time(modified),
                      post_content_filtered="", post_parent=parent,
                      guid=guid or f"{SITE_URL}/?post_type={post_type}&p={pid}", menu_order=order,
                      post_type=post_type, post_mime_type=mime, comment_count=0)
        return pid

    def term(self, taxonomy: str, name: str, *, parent: int = 0, description: str = "",
             slug: str = "") -> int:
        """A term and its taxonomy row share one id here (as on a fresh WordPress)."""
        tid = self.next_term
        self.next_term += 1
        self.rows.add("terms", term_id=tid, name=name, slug=slug or slugify(name), term_group=0)
        self.rows.add("term_taxonomy", term_taxonomy_id=tid, term_id=tid, taxonomy=taxonomy,
                      description=description, parent=parent, count=0)
        return tid

    def relate(self, object_id: int, ttid: int, order: int = 0) -> None:
        self.rows.add("term_relationships", object_id=object_id, term_taxonomy_id=ttid,
                      term_order=order)
        self.term_counts[ttid] = self.term_counts.get(ttid, 0) + 1

    def option(self, name: str, value: Any, autoload: str = "yes") -> None:
        self.rows.add("options", option_name=name, option_value=str(value), autoload=autoload)

    # -- fixed rows -------------------------------------------------------------------------
    def store(self) -> None:
        p = self.prefix
        caps = {"read": True}
        roles = {"administrator": {"name": "Administrator", "capabilities": {"manage_options": True, **caps}},
                 "editor": {"name": "Editor", "capabilities": caps},
                 "author": {"name": "Author", "capabilities": caps},
                 "contributor": {"name": "Contributor", "capabilities": caps},
                 "subscriber": {"name": "Subscriber", "capabilities": caps},
                 "customer": {"name": "Customer", "capabilities": caps},
                 "shop_manager": {"name": "Shop manager", "capabilities": {"manage_woocommerce": True, **caps}}}
        for name, value in (
                ("siteurl", SITE_URL), ("home", SITE_URL), ("blogname", "Northwind Goods"),
                ("blogdescription", "Everyday things, made well"),
                ("admin_email", "owner@northwind.example"), ("db_version", "58975"),
                ("default_role", "subscriber"), (f"{p}user_roles", dumps(roles)),
                ("woocommerce_version", WC_VERSION), ("woocommerce_db_version", WC_VERSION),
                ("woocommerce_currency", "USD"), ("woocommerce_weight_unit", "kg"),
                ("woocommerce_dimension_unit", "cm"), ("woocommerce_default_country", "US:CA"),
                ("woocommerce_store_address", "1 Market Street"),
                ("woocommerce_store_city", "San Francisco"), ("woocommerce_store_postcode", "94103"),
                ("woocommerce_calc_taxes", "yes"), ("woocommerce_prices_include_tax", "no"),
                ("woocommerce_manage_stock", "yes"),
                ("woocommerce_custom_orders_table_enabled", "yes" if self.hpos else "no"),
                ("woocommerce_custom_orders_table_data_sync_enabled", "no"),
                ("woocommerce_specific_allowed_countries", dumps(["US", "GB", "DE", "CA"])),
                ("permalink_structure", "/%postname%/"),
                ("woocommerce_permalinks", dumps({"product_base": "product",
                                                  "category_base": "product-category",
                                                  "tag_base": "product-tag", "attribute_base": "",
                                                  "use_verbose_page_rules": False})),
                # the payment gateways WooCommerce ships, as their settings pages save them
                *((f"woocommerce_{gid}_settings", dumps({"enabled": "yes", "title": title}))
                  for gid, title in PAYMENT_GATEWAYS.items())):
            self.option(name, value)
        # One zone for the United States with a flat rate and free shipping, as the setup
        # wizard leaves it (the methods' titles are their instances' settings).
        self.rows.add("woocommerce_shipping_zones", zone_id=1, zone_name="United States", zone_order=0)
        self.rows.add("woocommerce_shipping_zone_locations", location_id=1, zone_id=1,
                      location_code="US", location_type="country")
        for instance, (method, title) in SHIPPING_METHODS.items():
            self.rows.add("woocommerce_shipping_zone_methods", zone_id=1, instance_id=instance,
                          method_id=method, method_order=instance, is_enabled=1)
            self.option(f"woocommerce_{method}_{instance}_settings",
                        dumps({"title": title, "tax_status": "taxable", "cost": "5"}))
        self.rows.add("users", ID=1, user_login="admin", user_pass="$P$BkQ0G7xJ4nA3r0m5vZ3nY0bS1h3lP0/",
                      user_nicename="admin", user_email="owner@northwind.example", user_url="",
                      user_registered=_time(_BASE - timedelta(days=400)), user_activation_key="",
                      user_status=0, display_name="admin")
        self.rows.meta("usermeta", "user_id", 1, {"nickname": "admin", "first_name": "Store",
                                                  "last_name": "Owner",
                                                  f"{p}capabilities": dumps({"administrator": True}),
                                                  f"{p}user_level": "10"})
        for slug in ("simple", "grouped", "variable", "external"):
            self.types = getattr(self, "types", {})
            self.types[slug] = self.term("product_type", slug)
        self.visibility = {slug: self.term("product_visibility", slug)
                           for slug in ("exclude-from-search", "exclude-from-catalog", "featured",
                                        "outofstock")}
        self.uncategorized = self.term("product_cat", "Uncategorized")
        self.option("default_product_cat", self.uncategorized)
        self.categories: list[int] = []
        for name, parent in _CATEGORIES:
            parent_id = self.categories[parent] if parent is not None else 0
            cid = self.term("product_cat", name, parent=parent_id,
                            description=f"Our {name.lower()} range.")
            self.rows.meta("termmeta", "term_id", cid, {"order": len(self.categories),
                                                        "display_type": ""})
            self.categories.append(cid)
        self.attributes: dict[str, tuple[int, dict[str, int]]] = {}
        for aid, (name, values) in enumerate((("color", _COLORS), ("size", _SIZES)), start=1):
            self.rows.add("woocommerce_attribute_taxonomies", attribute_id=aid,
                          attribute_name=name, attribute_label=name.title(),
                          attribute_type="select", attribute_orderby="menu_order",
                          attribute_public=0)
            terms = {slugify(v): self.term(f"pa_{name}", v) for v in values}
            for order, tid in enumerate(terms.values()):
                self.rows.meta("termmeta", "term_id", tid, {"order": order})
            self.attributes[name] = (aid, terms)
        for i, name in enumerate(("Reduced rate", "Zero rate"), start=1):
            self.rows.add("wc_tax_rate_classes", tax_rate_class_id=i, name=name, slug=slugify(name))

    # -- products ---------------------------------------------------------------------------
    def image(self, parent: int, title: str, when: datetime) -> int:
        file = f"{when:%Y/%m}/{slugify(title)}-{self.next_post}.jpg"
        aid = self.post("attachment", title, status="inherit", when=when, parent=parent,
                        mime="image/jpeg", guid=f"{SITE_URL}/wp-content/uploads/{file}")
        self.rows.meta("postmeta", "post_id", aid, {"_wp_attached_file": file,
                                                    "_wp_attachment_image_alt": title})
        return aid

    def products(self, count: int) -> list[tuple[int, str, float, list[int]]]:
        """Simple products and every 7th a variable one; answers (id, name, price, variation ids)."""
        made = []
        for i in range(count):
            rnd = self.rnd
            name = f"{rnd.choice(_ADJECTIVES)} {rnd.choice(_NOUNS)} {i + 1}"
            created = _BASE + timedelta(minutes=37 * i)
            modified = created + timedelta(days=rnd.randint(0, 90), minutes=rnd.randint(0, 600))
            status = "publish" if i % 23 else rnd.choice(("draft", "private", "pending"))
            variable = i % 7 == 3
            pid = self.post("product", name, status=status, when=created, modified=modified,
                            content=f"<p>The {name} is built to last.</p>",
                            excerpt=f"A {name.lower()} for every day.",
                            name=f"{slugify(name)}")
            price = round(rnd.uniform(4, 240), 2)
            stock = rnd.randint(0, 120)
            in_stock = stock > 0 or variable
            thumb = self.image(pid, name, created)
            gallery = [self.image(pid, f"{name} detail {k}", created) for k in range(2)] if i % 3 == 0 else []
            sale = round(price * 0.8, 2) if i % 11 == 0 else None
            meta: dict[str, Any] = {
                "_sku": f"NW-{i + 1:05d}", "_regular_price": f"{price:.2f}",
                "_sale_price": f"{sale:.2f}" if sale else "", "_price": f"{sale or price:.2f}",
                "_tax_status": "taxable", "_tax_class": "", "_manage_stock": "no" if variable else "yes",
                "_backorders": "no", "_sold_individually": "no",
                "_weight": f"{rnd.uniform(0.1, 8):.2f}", "_length": str(rnd.randint(5, 60)),
                "_width": str(rnd.randint(5, 40)), "_height": str(rnd.randint(2, 30)),
                "_virtual": "no", "_downloadable": "no", "_stock_status": "instock" if in_stock else "outofstock",
                "_thumbnail_id": thumb, "_product_image_gallery": ",".join(map(str, gallery)),
                "total_sales": 0, "_wc_average_rating": "0", "_wc_review_count": "0",
                "_product_version": WC_VERSION, "_global_unique_id": f"0{400638133390 + i}" if i % 5 == 0 else ""}
            if not variable:
                meta["_stock"] = str(stock)
            self.relate(pid, self.types["variable" if variable else "simple"])
            cats = {self.categories[(i * 5) % len(self.categories)]}
            if i % 4 == 0:
                cats.add(self.categories[(i * 3 + 1) % len(self.categories)])
            for cid in sorted(cats):
                self.relate(pid, cid)
            if i % 17 == 0:
                for slug in ("exclude-from-search", "exclude-from-catalog"):
                    self.relate(pid, self.visibility[slug])
            if not in_stock:
                self.relate(pid, self.visibility["outofstock"])
            variations = self.variations(pid, name, price, created, meta) if variable else []
            self.rows.meta("postmeta", "post_id", pid, meta)
            self.rows.add("wc_product_meta_lookup", product_id=pid, sku=meta["_sku"],
                          global_unique_id=meta["_global_unique_id"], virtual=0, downloadable=0,
                          min_price=sale or price, max_price=price if not variable else price * 1.3,
                          onsale=1 if sale else 0, stock_quantity=None if variable else stock,
                          stock_status=meta["_stock_status"], rating_count=0, average_rating=0,
                          total_sales=0, tax_status="taxable", tax_class="")
            made.append((pid, name, sale or price, variations))
        return made

    def variations(self, pid: int, name: str, price: float, when: datetime,
                   parent_meta: dict[str, Any]) -> list[int]:
        _, colors = self.attributes["color"]
        _, sizes = self.attributes["size"]
        picked_colors = list(colors)[: 2 + pid % 2]
        picked_sizes = list(sizes)[:2]
        parent_meta["_product_attributes"] = dumps({
            "pa_color": {"name": "pa_color", "value": "", "position": 0, "is_visible": 1,
                         "is_variation": 1, "is_taxonomy": 1},
            "pa_size": {"name": "pa_size", "value": "", "position": 1, "is_visible": 1,
                        "is_variation": 1, "is_taxonomy": 1}})
        parent_meta["_default_attributes"] = dumps({"pa_color": picked_colors[0],
                                                    "pa_size": picked_sizes[0]})
        for slug in picked_colors:
            self.relate(pid, colors[slug])
        for slug in picked_sizes:
            self.relate(pid, sizes[slug])
        made = []
        for order, (c, s) in enumerate((c, s) for c in picked_colors for s in picked_sizes):
            vprice = round(price + 5 * order, 2)
            title = f"{name} - {c.title()}, {s.upper()}"
            vid = self.post("product_variation", title, when=when, parent=pid, order=order,
                            name=slugify(title), excerpt=f"Color: {c.title()}, Size: {s.upper()}")
            stock = self.rnd.randint(0, 30)
            meta = {"attribute_pa_color": c, "attribute_pa_size": s,
                    "_sku": f"{parent_meta['_sku']}-{c[:3].upper()}-{s.upper()}",
                    "_regular_price": f"{vprice:.2f}", "_sale_price": "", "_price": f"{vprice:.2f}",
                    "_manage_stock": "yes", "_stock": str(stock),
                    "_stock_status": "instock" if stock else "outofstock", "_backorders": "no",
                    "_weight": parent_meta["_weight"], "_length": "", "_width": "", "_height": "",
                    "_tax_status": "taxable", "_tax_class": "parent", "_thumbnail_id": "0",
                    "_variation_description": "", "_virtual": "no", "_downloadable": "no",
                    "total_sales": "0", "_product_version": WC_VERSION}
            self.rows.meta("postmeta", "post_id", vid, meta)
            self.rows.add("wc_product_meta_lookup", product_id=vid, sku=meta["_sku"],
                          global_unique_id="", virtual=0, downloadable=0, min_price=vprice,
                          max_price=vprice, onsale=0, stock_quantity=stock,
                          stock_status=meta["_stock_status"], rating_count=0, average_rating=0,
                          total_sales=0, tax_status="taxable", tax_class="parent")
            made.append(vid)
        return made

    # -- customers --------------------------------------------------------------------------
    def customers(self, count: int) -> list[dict[str, Any]]:
        made = []
        for i in range(count):
            uid = i + 2
            first, last = FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[(i * 7) % len(LAST_NAMES)]
            email = f"{first}.{last}.{uid}@example.com".lower()
            registered = _BASE + timedelta(hours=5 * i)
            updated = registered + timedelta(days=self.rnd.randint(0, 60))
            country, state, city, postcode = _CITIES[i % len(_CITIES)]
            street = f"{10 + i} {_STREETS[i % len(_STREETS)]}"
            login = f"{first}{last}{uid}".lower()
            self.rows.add("users", ID=uid, user_login=login,
                          user_pass="$P$B" + hashlib.md5(login.encode()).hexdigest()[:27],
                          user_nicename=login, user_email=email, user_url="",
                          user_registered=_time(registered), user_activation_key="",
                          user_status=0, display_name=f"{first} {last}")
            phone = f"+1-555-{1000 + i:04d}"
            meta = {"nickname": login, "first_name": first, "last_name": last,
                    "description": "", "rich_editing": "true", "locale": "",
                    f"{self.prefix}capabilities": dumps({"customer": True}),
                    f"{self.prefix}user_level": "0", "last_update": int(updated.timestamp()),
                    "billing_first_name": first, "billing_last_name": last,
                    "billing_company": "Acme Ltd" if i % 9 == 0 else "", "billing_address_1": street,
                    "billing_address_2": "", "billing_city": city, "billing_postcode": postcode,
                    "billing_country": country, "billing_state": state, "billing_email": email,
                    "billing_phone": phone, "paying_customer": "1" if i % 2 else "0"}
            if i % 3 == 0:
                meta.update({"shipping_first_name": first, "shipping_last_name": last,
                             "shipping_company": "", "shipping_address_1": f"PO Box {100 + i}",
                             "shipping_address_2": "", "shipping_city": city,
                             "shipping_postcode": postcode, "shipping_country": country,
                             "shipping_state": state, "shipping_phone": ""})
            self.rows.meta("usermeta", "user_id", uid, meta)
            self.rows.add("wc_customer_lookup", customer_id=self.next_lookup, user_id=uid, username=login,
                          first_name=first, last_name=last, email=email,
                          date_last_active=_time(updated), date_registered=_time(registered),
                          country=country, postcode=postcode, city=city, state=state)
            self.next_lookup += 1
            made.append({"id": uid, "lookup": self.next_lookup - 1, "first": first, "last": last, "email": email,
                         "street": street, "city": city, "state": state, "country": country,
                         "postcode": postcode, "phone": phone})
        return made

    # -- orders -----------------------------------------------------------------------------
    def orders(self, count: int, products: list[Any], customers: list[Any]) -> None:
        statuses = list(ORDER_STATUSES)
        weights = (1, 4, 1, 6, 1, 1, 1)
        ordered: set[int] = set()  # lookup ids that have an order (returning_customer)
        for i in range(count):
            rnd = self.rnd
            created = _BASE + timedelta(days=30, hours=3 * i)
            modified = created + timedelta(hours=rnd.randint(1, 200))
            status = rnd.choices(statuses, weights)[0]
            customer = customers[i % len(customers)] if customers and i % 8 else None
            buyer = customer or {"id": 0, "first": "Guest", "last": f"Buyer{i}",
                                 "email": f"guest{i}@example.net", "street": "5 Side St",
                                 "city": "Austin", "state": "TX", "country": "US",
                                 "postcode": "73301", "phone": ""}
            if customer is None:  # Analytics keeps a lookup row per guest e-mail too
                buyer["lookup"] = self.next_lookup
                self.next_lookup += 1
                self.rows.add("wc_customer_lookup", customer_id=buyer["lookup"], user_id=None, username="",
                              first_name=buyer["first"], last_name=buyer["last"], email=buyer["email"],
                              date_last_active=_time(created), date_registered=None, country="US",
                              postcode="73301", city="Austin", state="TX")
            oid = self.post("shop_order_placehold" if self.hpos else "shop_order",
                            f"Order &ndash; {created:%B %d, %Y @ %I:%M %p}",
                            status="draft" if self.hpos else status, when=created,
                            modified=modified, excerpt="" if self.hpos or i % 5 else "Please gift wrap.",
                            password=f"wc_order_{hashlib.md5(str(i).encode()).hexdigest()[:13]}",
                            name=f"order-{created:%b-%d-%Y-%I%M-%p}".lower())
            lines = [rnd.choice(products) for _ in range(1 + i % 3)] if products else []
            subtotal = 0.0
            for pid, name, price, variations in lines:
                qty = 1 + rnd.randint(0, 2)
                variation = variations[0] if variations else 0
                total = round(price * qty, 2)
                subtotal += total
                tax = round(total * 0.08, 2)
                self.item(oid, name, "line_item", {
                    "_product_id": pid, "_variation_id": variation, "_qty": qty, "_tax_class": "",
                    "_line_subtotal": f"{total:.2f}", "_line_subtotal_tax": f"{tax:.2f}",
                    "_line_total": f"{total:.2f}", "_line_tax": f"{tax:.2f}",
                    "_line_tax_data": dumps({"total": {1: f"{tax:.2f}"}, "subtotal": {1: f"{tax:.2f}"}}),
                    **({"pa_color": "red", "pa_size": "s"} if variation else {})})
            shipping = 5.0 if i % 4 else 0.0
            self.item(oid, "Flat rate", "shipping", {"method_id": "flat_rate", "instance_id": "1",
                                                     "cost": f"{shipping:.2f}", "total_tax": "0",
                                                     "taxes": dumps({"total": []})})
            tax = round(subtotal * 0.08, 2)
            total = round(subtotal + tax + shipping, 2)
            self.order_rows(oid, status, created, modified, buyer, total, tax, shipping, i)
            self.note(oid, created, "Order status changed from Pending payment to "
                      f"{ORDER_STATUSES[status]}.")
            meta_table = "wc_orders_meta" if self.hpos else "postmeta"
            owner = "order_id" if self.hpos else "post_id"
            if status == "wc-completed" and i % 3 == 0:
                shipped = modified
                item = {"tracking_provider": rnd.choice(_CARRIERS).lower(),
                        "custom_tracking_provider": "", "custom_tracking_link": "",
                        "tracking_number": f"1Z{999000 + i:010d}",
                        "date_shipped": int(shipped.timestamp()),
                        "tracking_id": hashlib.md5(f"ship{i}".encode()).hexdigest()}
                self.rows.meta(meta_table, owner, oid, {"_wc_shipment_tracking_items": dumps([item])})
            if status in ("wc-refunded", "wc-completed") and i % 10 in (0, 5) and lines:
                self.refund(oid, created + timedelta(days=3), lines[0], status == "wc-refunded",
                            total, buyer)
            self.rows.add("wc_order_stats", order_id=oid, parent_id=0, date_created=_time(created),
                          date_created_gmt=_time(created), date_paid=_time(created),
                          date_completed=_time(modified) if status == "wc-completed" else None,
                          num_items_sold=len(lines), total_sales=total, tax_total=tax,
                          shipping_total=shipping, net_total=round(subtotal, 2),
                          returning_customer=int(buyer["lookup"] in ordered),
                          status=status, customer_id=buyer["lookup"])
            ordered.add(buyer["lookup"])

    def item(self, order_id: int, name: str, kind: str, meta: dict[str, Any]) -> int:
        iid = self.next_item
        self.next_item += 1
        self.rows.add("woocommerce_order_items", order_item_id=iid, order_item_name=name,
                      order_item_type=kind, order_id=order_id)
        self.rows.meta("woocommerce_order_itemmeta", "order_item_id", iid, meta)
        return iid

    def note(self, order_id: int, when: datetime, text: str) -> None:
        cid = self.next_comment
        self.next_comment += 1
        self.rows.add("comments", comment_ID=cid, comment_post_ID=order_id,
                      comment_author="WooCommerce", comment_author_email="woocommerce@shop.example.com",
                      comment_author_url="", comment_author_IP="", comment_date=_time(when),
                      comment_date_gmt=_time(when), comment_content=text, comment_karma=0,
                      comment_approved="1", comment_agent="WooCommerce", comment_type="order_note",
                      comment_parent=0, user_id=0)

    def order_rows(self, oid: int, status: str, created: datetime, modified: datetime,
                   buyer: dict[str, Any], total: float, tax: float, shipping: float, i: int) -> None:
        address = {"first_name": buyer["first"], "last_name": buyer["last"], "company": "",
                   "address_1": buyer["street"], "address_2": "", "city": buyer["city"],
                   "state": buyer["state"], "postcode": buyer["postcode"],
                   "country": buyer["country"], "phone": buyer["phone"]}
        key = f"wc_order_{hashlib.md5(str(i).encode()).hexdigest()[:13]}"
        if self.hpos:
            self.rows.add("wc_orders", id=oid, status=status, currency="USD", type="shop_order",
                          tax_amount=tax, total_amount=total, customer_id=buyer["id"],
                          billing_email=buyer["email"], date_created_gmt=_time(created),
                          date_updated_gmt=_time(modified), parent_order_id=0,
                          payment_method="stripe", payment_method_title="Credit card (Stripe)",
                          transaction_id=f"ch_{i:08d}", ip_address="203.0.113.7",
                          user_agent="Mozilla/5.0", customer_note="" if i % 5 else "Please gift wrap.")
            for kind in ("billing", "shipping"):
                self.rows.add("wc_order_addresses", order_id=oid, address_type=kind, **address,
                              email=buyer["email"] if kind == "billing" else None)
            self.rows.add("wc_order_operational_data", order_id=oid, created_via="checkout",
                          woocommerce_version=WC_VERSION, prices_include_tax=0,
                          coupon_usages_are_counted=1, download_permission_granted=1,
                          cart_hash="", new_order_email_sent=1, order_key=key,
                          order_stock_reduced=1, date_paid_gmt=_time(created),
                          date_completed_gmt=_time(modified) if status == "wc-completed" else None,
                          shipping_tax_amount=0, shipping_total_amount=shipping,
                          discount_tax_amount=0, discount_total_amount=0, recorded_sales=1)
            return
        meta: dict[str, Any] = {"_order_key": key, "_customer_user": buyer["id"],
                                "_payment_method": "stripe",
                                "_payment_method_title": "Credit card (Stripe)",
                                "_transaction_id": f"ch_{i:08d}", "_customer_ip_address": "203.0.113.7",
                                "_customer_user_agent": "Mozilla/5.0", "_created_via": "checkout",
                                "_order_currency": "USD", "_cart_discount": "0",
                                "_cart_discount_tax": "0", "_order_shipping": f"{shipping:.2f}",
                                "_order_shipping_tax": "0", "_order_tax": f"{tax:.2f}",
                                "_order_total": f"{total:.2f}", "_order_version": WC_VERSION,
                                "_prices_include_tax": "no", "_date_paid": int(created.timestamp()),
                                "_paid_date": _time(created), "_billing_email": buyer["email"]}
        for kind in ("billing", "shipping"):
            for field, value in address.items():
                meta[f"_{kind}_{field}"] = value
            meta[f"_{kind}_address_index"] = " ".join(str(v) for v in address.values())
        if status == "wc-completed":
            meta["_date_completed"] = int(modified.timestamp())
        self.rows.meta("postmeta", "post_id", oid, meta)

    def refund(self, order_id: int, when: datetime, line: tuple[Any, ...], full: bool, total: float,
               buyer: dict[str, Any]) -> None:
        pid, name, price, _ = line
        amount = total if full else price
        reason = "Item arrived damaged" if not full else "Order cancelled by customer"
        rid = self.post("shop_order_placehold" if self.hpos else "shop_order_refund",
                        f"Refund &ndash; {when:%B %d, %Y @ %I:%M %p}",
                        status="draft" if self.hpos else "wc-completed", when=when,
                        parent=order_id, excerpt=reason)
        meta = {"_refund_amount": f"{amount:.2f}", "_refund_reason": reason, "_refunded_by": 1,
                "_refunded_payment": "1", "_order_currency": "USD", "_order_total": f"{-amount:.2f}"}
        if self.hpos:
            self.rows.add("wc_orders", id=rid, status="wc-completed", currency="USD",
                          type="shop_order_refund", tax_amount=0, total_amount=-amount,
                          customer_id=0, billing_email=None, date_created_gmt=_time(when),
                          date_updated_gmt=_time(when), parent_order_id=order_id,
                          payment_method=None, payment_method_title=None, transaction_id=None,
                          ip_address=None, user_agent=None, customer_note=None)
            self.rows.meta("wc_orders_meta", "order_id", rid,
                           {k: v for k, v in meta.items() if k.startswith("_refund")})
        else:
            self.rows.meta("postmeta", "post_id", rid, meta)
        self.item(rid, name, "line_item", {"_product_id": pid, "_variation_id": 0, "_qty": -1,
                                           "_line_total": f"{-price:.2f}", "_line_tax": "0",
                                           "_refunded_item_id": "0"})
        self.note(order_id, when, f"Refunded ${amount:.2f} &ndash; {reason}")

    def finish(self) -> None:
        columns, rows = self.rows.tables["term_taxonomy"]
        index = columns.index("count")
        self.rows.tables["term_taxonomy"] = (columns, [
            (*row[:index], self.term_counts.get(row[0], 0), *row[index + 1:]) for row in rows])


def load(conn: Any, prefix: str, *, products: int, customers: int, orders: int, seed: int = 1,
         hpos: bool = False) -> None:
    """Fill a fresh schema with a deterministic store (``hpos``: orders in the HPOS tables)."""
    seeder = _Seeder(prefix, seed, hpos)
    seeder.store()
    made_products = seeder.products(products)
    made_customers = seeder.customers(customers)
    seeder.orders(orders, made_products, made_customers)
    seeder.finish()
    seeder.rows.flush(conn)
