"""Record shapes and deterministic seed data of the WooCommerce REST API simulator.

``RECORDS`` (``sim_records.json``) is every record kind with every field of WooCommerce's
REST v3 responses, in its order, at the value a new record starts from (as its schema
defaults them: ``status`` "publish", ``stock_status`` "instock", ``download_limit`` -1...).
The simulator builds records from them, and the type of each default is the JSON type a body must send for that field.
``seed_shop`` fills a shop: the same ``size``, ``seed`` and ``anchor`` give the same data.
"""

from __future__ import annotations

import copy
import json
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anycart.sandbox.templates import Templates

if TYPE_CHECKING:
    from .sim_store import WooShop

#: every record kind's fields and defaults (pure data: WooCommerce's documented shapes)
RECORDS = Templates.load(Path(__file__).with_name("sim_records.json"))
TEMPLATES: dict[str, dict[str, Any]] = {name: t.fields for name, t in RECORDS.items()}

#: WooCommerce's fixed texts and values (error messages, webhook topics, id
#: sequences, shipping methods, the system status report), kept as data
FACTS: dict[str, Any] = json.loads(Path(__file__).with_name("sim_facts.json").read_text())
#: The JSON type of the fields a record starts with null (dates are date-time strings).
NULLABLE: dict[str, str] = FACTS["nullable_types"]
#: The shipping methods WooCommerce core registers (``/shipping_methods``): id -> (title,
#: description).
SHIPPING_METHODS: dict[str, list[str]] = FACTS["shipping_methods"]


def nullable_type(name: str) -> str | None:
    return "string" if name.startswith("date_") else NULLABLE.get(name)


_SETTING = {"id": "", "label": "", "description": "", "type": "text", "value": "",
            "default": "", "tip": "", "placeholder": ""}


def method_settings(title: str, cost: str) -> dict[str, Any]:
    """A zone method's settings in WooCommerce's shape (id, label, type, value...)."""
    return {"title": {**_SETTING, "id": "title", "label": "Method title", "value": title},
            "tax_status": {**_SETTING, "id": "tax_status", "label": "Tax status",
                           "type": "select", "value": "taxable", "default": "taxable",
                           "options": {"taxable": "Taxable", "none": "None"}},
            "cost": {**_SETTING, "id": "cost", "label": "Cost", "value": cost}}


def system_status(home: str) -> dict[str, Any]:
    """``GET /system_status``: the fixed report of the simulated install, at ``home``."""
    report: dict[str, Any] = copy.deepcopy(FACTS["system_status"])
    report["environment"].update(home_url=home, site_url=home)
    report["security"]["secure_connection"] = home.startswith("https")
    return report


# -- seeding --------------------------------------------------------------------------------
_WORDS = ("Classic", "Premium", "Organic", "Vintage", "Modern", "Compact", "Deluxe", "Urban")
_THINGS = ("T-Shirt", "Hoodie", "Mug", "Backpack", "Sneakers", "Cap", "Poster", "Notebook")
_COLORS = ("Black", "White", "Blue")
_SIZES = ("S", "M", "L")
_PEOPLE = (("Ada", "Lovelace"), ("Alan", "Turing"), ("Grace", "Hopper"), ("Linus", "Torvalds"),
           ("Margaret", "Hamilton"), ("Ken", "Thompson"))
#: The store's tax rates: a state's (the customers' own), a city's by postcode, a reduced
#: rate and a zero rate for every country.
_RATES: tuple[dict[str, Any], ...] = (
    {"country": "US", "state": "IL", "rate": "5", "name": "State Tax", "shipping": False},
    {"country": "US", "state": "CA", "postcodes": ["90210", "90211"], "cities": ["Beverly Hills"],
     "rate": "9.5", "name": "City Tax"},
    {"country": "US", "rate": "2.5", "name": "Reduced Rate", "class": "reduced-rate"},
    {"rate": "0", "name": "Zero Rate", "class": "zero-rate", "priority": 2})
_STATUSES = ("processing", "completed", "on-hold", "pending", "completed", "cancelled")


def seed_shop(shop: WooShop, *, size: int, seed: int, anchor: datetime) -> None:
    """``size`` products (every fourth variable, with colour x size variations), categories,
    tags, one attribute with terms, ``size // 4 + 3`` customers and ``size // 2 + 3`` orders,
    a shipping zone with methods, tax classes with their rates and a coupon; times before
    ``anchor``."""
    rng = random.Random(seed)
    start = anchor - timedelta(days=365)

    def at(i: int, n: int) -> datetime:
        return start + timedelta(seconds=int(i * 365 * 86400 / max(n, 1)) + rng.randint(0, 59))

    cats = [shop.create("categories", {"name": n, "description": f"{n} products.", "image": {
        "src": f"https://picsum.photos/seed/{n.lower()}/400"} if n == "Clothing" else None},
        at(0, 1)) for n in ("Clothing", "Accessories", "Home", "Stationery")]
    cats.append(shop.create("categories", {"name": "T-Shirts", "parent": cats[0]["id"]},
                            at(0, 1)))
    tags = [shop.create("tags", {"name": n}, at(0, 1)) for n in ("sale", "new", "eco")]
    color = shop.create("attributes", {"name": "Color", "slug": "pa_color"}, at(0, 1))
    for n, term in enumerate(_COLORS):
        shop.create("terms", {"name": term, "menu_order": n, "attribute_id": color["id"]},
                    at(0, 1))
    for name, slug in (("Standard Rate", "standard"), ("Reduced Rate", ""), ("Zero Rate", "")):
        shop.create("tax_classes", {"name": name, "slug": slug}, at(0, 1))
    for n, rate in enumerate(_RATES):
        shop.create("taxes", {**rate, "order": n})
    for mid, (title, text) in SHIPPING_METHODS.items():
        shop.create("shipping_methods", {"id": mid, "title": title, "description": text})
    zone = shop.create("zones", {"name": "United States", "order": 0}, at(0, 1))
    shop.data.locations[zone["id"]] = [{"code": "US", "type": "country"}]
    for order, (mid, cost) in enumerate((("flat_rate", "10.00"), ("free_shipping", ""))):
        title = SHIPPING_METHODS[mid][0]
        shop.create("zone_methods", {"zone_id": zone["id"], "order": order, "method_id": mid,
                                     "title": title, "method_title": title,
                                     "settings": method_settings(title, cost)}, at(0, 1))
    shop.create("coupons", {"code": "save10", "amount": "10", "discount_type": "percent",
                            "meta_data": [{"key": "_campaign", "value": "launch"}]}, at(0, 1))
    products: list[dict[str, Any]] = []
    for i in range(size):
        word, thing = _WORDS[i % len(_WORDS)], _THINGS[(i // len(_WORDS)) % len(_THINGS)]
        price = f"{rng.randint(5, 120)}.{rng.choice(('00', '50', '99'))}"
        variable = i % 4 == 3
        cat, tag = cats[i % len(cats)], tags[i % len(tags)]
        body: dict[str, Any] = {
            "name": f"{word} {thing} {i + 1}", "sku": f"SKU-{i + 1:05d}",
            "type": "variable" if variable else "simple", "regular_price": price,
            "description": f"<p>The {word.lower()} {thing.lower()}.</p>",
            "short_description": f"<p>{word} {thing}.</p>", "weight": str(rng.randint(1, 9)),
            "manage_stock": not variable, "stock_quantity": None if variable else rng.randint(0, 80),
            "categories": [{"id": cat["id"]}], "tags": [{"id": tag["id"]}],
            "images": [{"src": f"https://picsum.photos/seed/{i + 1}/800"}],
            "meta_data": [{"key": "_origin", "value": "seed"}]}
        if i % 7 == 0:
            body["sale_price"] = f"{float(price) * 0.8:.2f}"
        if i % 10 == 5:
            body.update(virtual=True, downloadable=True, downloads=[{
                "id": f"dl-{i + 1}", "name": "Manual",
                "file": f"https://files.example/manual-{i + 1}.pdf"}])
        if products:
            body["upsell_ids"] = [products[-1]["id"]]
        if variable:
            body["attributes"] = [{"id": color["id"], "name": "Color", "position": 0,
                                   "visible": True, "variation": True, "options": list(_COLORS)},
                                  {"id": 0, "name": "Size", "position": 1, "visible": True,
                                   "variation": True, "options": list(_SIZES)}]
            body["default_attributes"] = [{"id": color["id"], "name": "Color",
                                           "option": _COLORS[0]}]
        product = shop.create("products", body, at(i, size))
        products.append(product)
        if variable:
            for n, (c, s) in enumerate((c, s) for c in _COLORS[:2] for s in _SIZES):
                shop.create("variations", {
                    "parent_id": product["id"], "sku": f"SKU-{i + 1:05d}-{c[0]}{s}",
                    "regular_price": price, "manage_stock": True,
                    "stock_quantity": rng.randint(0, 30), "menu_order": n,
                    "image": {"src": f"https://picsum.photos/seed/{i + 1}{c}{s}/800"},
                    "attributes": [{"id": color["id"], "name": "Color", "option": c},
                                   {"id": 0, "name": "Size", "option": s}]}, at(i, size))
    customers = []
    for i in range(size // 4 + 3):
        first, last = _PEOPLE[i % len(_PEOPLE)]
        address = {"first_name": first, "last_name": last, "company": "",
                   "address_1": f"{100 + i} Main St", "address_2": "", "city": "Springfield",
                   "state": "IL", "postcode": f"{62700 + i % 99}", "country": "US"}
        customers.append(shop.create("customers", {
            "email": f"{first.lower()}.{last.lower()}{i + 1}@example.com", "first_name": first,
            "last_name": last, "username": f"{first.lower()}{i + 1}",
            "billing": {**address, "email": f"{first.lower()}{i + 1}@example.com",
                        "phone": f"555-01{i % 100:02d}"}, "shipping": address},
            at(i, size // 4 + 3)))
    for i in range(size // 2 + 3 if products else 0):
        who = customers[i % len(customers)]
        lines = [{"product_id": products[(i * 3 + n) % len(products)]["id"],
                  "quantity": rng.randint(1, 3)} for n in range(1 + i % 3)]
        body = {"customer_id": who["id"], "billing": dict(who["billing"]),
                "shipping": dict(who["shipping"]), "status": _STATUSES[i % len(_STATUSES)],
                "payment_method": "bacs", "payment_method_title": "Direct bank transfer",
                "line_items": [_orderable(shop, ln) for ln in lines],
                "shipping_lines": [{"method_id": "flat_rate", "method_title": "Flat rate",
                                    "total": "10.00", "meta_data": [
                                        {"key": "Items", "value": f"{len(lines)} items"}]}],
                "meta_data": [{"key": "_origin", "value": "seed"}]}
        if i % 5 == 0:
            body["fee_lines"] = [{"name": "Gift wrap", "total": "2.50"}]
        if i % 6 == 0:
            body["coupon_lines"] = [{"code": "save10"}]
        placed = shop.create("orders", body, at(i, size // 2 + 3))
        if i % 4 == 0:
            shop.create("notes", {"order_id": placed["id"], "note": "Packed and ready.",
                                  "customer_note": i % 8 == 0}, at(i, size // 2 + 3))
        if i % 9 == 1 and placed["status"] == "completed":
            line = placed["line_items"][0]
            shop.create("refunds", {"order_id": placed["id"], "reason": "Damaged",
                                    "line_items": [{"id": line["id"], "quantity": 1,
                                                    "refund_total": line["price"]}]},
                        at(i, size // 2 + 3))


def _orderable(shop: WooShop, line: dict[str, Any]) -> dict[str, Any]:
    """A line of a variable product orders its first variation."""
    product = shop.data.products.peek(line["product_id"])
    return {**line, "variation_id": product["variations"][0]} if product["variations"] else line
