"""Deterministic seed data of a simulated BigCommerce store: brands, a category tree, ``size``
products (every third with Color x Size options and their variants, images, custom fields,
every fifth an engraving modifier), customers with addresses, orders with products, shipping
addresses and, for some, shipments. Written through the same paths as the API's writes, then
dated back from ``anchor``: same size, seed and anchor, same store."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from itertools import product as combos
from typing import Any

from anycart.sandbox.seeding import FIRST_NAMES, LAST_NAMES, rng

from .sim_rules import SERVED
from .sim_store import V2_DATE, V3_DATE, BigCommerceStore
from .sim_v2 import create_order, ship
from .sim_v3 import Res

_BRANDS = ("Common Good", "Sagaform", "OFS", "Fog Linen", "Barrel", "Kinfolk")
_TREE = {"Shop All": (), "Kitchen": ("Cookware", "Utensils"), "Bath": ("Towels", "Soap"),
         "Garden": ("Planters",), "Publications": ()}
_NOUNS = ("Journal", "Towel", "Mug", "Planter", "Tote", "Soap", "Bowl", "Candle", "Jar")
_ADJECTIVES = ("Oak", "Linen", "Copper", "Orbit", "Canvas", "Stone", "Field", "Harbor")
_COLORS, _SIZES = ("Red", "Blue", "Green"), ("Small", "Large")
_CITIES = (("Austin", "Texas", "78701", "US"), ("Portland", "Oregon", "97201", "US"),
           ("Toronto", "Ontario", "M5H 2N2", "CA"), ("London", "", "EC1A 1BB", "GB"))


def seed_store(store: BigCommerceStore, *, size: int, seed: int, anchor: datetime) -> None:
    real, store.now = store.now, lambda: anchor  # what seeding stamps is not today's clock
    try:
        _seed(store, rng(seed), size, anchor)
    finally:
        store.now = real


def _seed(store: BigCommerceStore, r: random.Random, size: int, anchor: datetime) -> None:

    def dated(table: str, key: int, back: float) -> None:
        record = store.data.table(table)[key]
        when = anchor - timedelta(seconds=back)
        for name in ("date_created", "date_modified"):
            if name in record:
                record[name] = when.strftime(V2_DATE if table == "orders" else V3_DATE)

    store.make("trees", "tree", {"name": "Default"})
    brands = [SERVED.save(store, Res.declared("brands"), {"name": name}, None, None)["id"]
              for name in _BRANDS]
    categories: list[int] = []
    for top, subs in _TREE.items():
        parent = SERVED.save(store, Res.declared("categories"), {
            "name": top, "parent_id": 0, "sort_order": len(categories)}, None, None)["id"]
        categories.append(parent)
        for sub in subs:
            categories.append(SERVED.save(store, Res.declared("categories"), {
                "name": sub, "parent_id": parent}, None, None)["id"])
    products = [_product(store, r, n, brands, categories) for n in range(1, size + 1)]
    for n, key in enumerate(products):
        dated("products", key, (size - n) * 3600.0)
    customers = []
    for n in range(max(5, size // 2)):
        first, last = r.choice(FIRST_NAMES), r.choice(LAST_NAMES)
        city, state, zip_code, country = r.choice(_CITIES)
        body = {"email": f"{first}.{last}.{n}@example.com".lower(), "first_name": first,
                "last_name": last, "phone": f"555-01{n % 100:02d}", "addresses": [{
                    "first_name": first, "last_name": last, "address1": f"{n + 1} Main St",
                    "city": city, "state_or_province": state, "postal_code": zip_code,
                    "country_code": country}]}
        customer = SERVED.save(store, Res.declared("customers"), body, None, None)
        customers.append(customer)
        dated("customers", customer["id"], (max(5, size // 2) - n) * 7200.0)
    for n in range(max(5, size // 2)):
        buyer = customers[n % len(customers)]
        address = store.data.addresses.peek(store.data.addresses.sorted_keys()[
            n % len(customers)])
        billing = {"first_name": buyer["first_name"], "last_name": buyer["last_name"],
                   "street_1": address["address1"], "city": address["city"],
                   "state": address["state_or_province"], "zip": address["postal_code"],
                   "country": address["country"], "country_iso2": address["country_code"],
                   "email": buyer["email"]}
        lines = [{"product_id": products[r.randrange(len(products))],
                  "quantity": r.randint(1, 3)} for _ in range(r.randint(1, 3))]
        when = anchor - timedelta(hours=(max(5, size // 2) - n) * 5)
        order = create_order(store, {"customer_id": buyer["id"], "billing_address": billing,
                                     "products": lines, "status_id": 11,
                                     "shipping_cost_inc_tax": "5.00"}, when)
        if n % 3 == 0:
            line = store.owned("order_products", order["id"])[0]
            shipment = ship(store, order, {"order_address_id": line["order_address_id"],
                                           "tracking_number": f"1Z{order['id']:08d}",
                                           "shipping_provider": "ups", "items": [{
                                               "order_product_id": line["id"],
                                               "quantity": line["quantity"]}]})
            shipment["date_created"] = order["date_shipped"] = when.strftime(V2_DATE)
        dated("orders", order["id"], (max(5, size // 2) - n) * 18000.0)
    store.emitter.queue.clear()  # nothing was subscribed yet: seeding announces nothing


def _product(store: BigCommerceStore, r: random.Random, n: int, brands: list[int],
             categories: list[int]) -> int:
    name = f"{r.choice(_ADJECTIVES)} {r.choice(_NOUNS)} {n}"
    price = round(r.uniform(5, 120), 2)
    body: dict[str, Any] = {"name": name, "type": "physical", "sku": f"SKU-{n:05d}", "price": price,
            "weight": round(r.uniform(0.1, 5), 2), "brand_id": r.choice(brands),
            "categories": sorted(set(r.sample(categories, 2))), "is_visible": n % 7 != 0,
            "inventory_level": r.randint(0, 200), "inventory_tracking": "product",
            "description": f"<p>{name}, made to last.</p>", "total_sold": r.randint(0, 80),
            "images": [{"image_url": f"https://cdn.example.com/products/{n}/{k}.jpg",
                        "is_thumbnail": k == 0, "sort_order": k,
                        "description": f"{name} view {k + 1}"} for k in range(1 + n % 2)],
            "custom_fields": [{"name": "Material", "value": r.choice(_ADJECTIVES)}]
            if n % 2 == 0 else []}
    record = SERVED.save(store, Res.declared("products"), body, None, None)
    pid: int = record["id"]
    if n % 5 == 0:
        SERVED.save(store, Res.declared("modifiers"), {
            "display_name": "Engraving", "type": "text", "required": False,
            "config": {"default_value": "", "text_characters_limited": True,
                       "text_min_length": 0, "text_max_length": 30}}, None, pid)
    if n % 3 == 0:
        axes = [SERVED.save(store, Res.declared("options"), {
            "display_name": axis, "type": "dropdown",
            "option_values": [{"label": v, "sort_order": k} for k, v in enumerate(values)]},
            None, pid) for axis, values in (("Color", _COLORS), ("Size", _SIZES))]
        for k, (color, size) in enumerate(combos(axes[0]["option_values"],
                                                 axes[1]["option_values"])):
            SERVED.save(store, Res.declared("variants"), {
                "sku": f"SKU-{n:05d}-{k + 1}", "price": round(price + k, 2),
                "inventory_level": r.randint(0, 40),
                "option_values": [{"option_id": axes[0]["id"], "id": color["id"]},
                                  {"option_id": axes[1]["id"], "id": size["id"]}]},
                None, pid)
    return pid
