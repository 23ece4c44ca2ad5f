"""Deterministic sample data for a simulated Shopify shop.

``seed_shop(shop, size=..., seed=..., anchor=...)`` gives a shop ``size`` products (55 % with
one "Default Title" variant, 30 % in sizes S/M/L, 15 % in two sizes x two colours, each
variant stocked at the primary location), ``size // 2`` customers (at most 25 000) and
``size`` orders (at most 5 000) placed over the last year by those customers (one in ten by a
guest), with line items taken from real variants, fulfillments with tracking for most paid
orders, partial and full refunds, a few cancelled and archived orders. Custom collections:
one per product type (every product is collected into its type) plus "Frontpage" and "Sale".
Two locations; records grow in time with their ids.

Products, customers, orders, collects and inventory levels are compact rows rendered on
demand (see :mod:`anycart.sandbox.table`), so 50 000 products seed in a couple of seconds.
The same ``size``, ``seed`` and ``anchor`` always give the same shop.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime
from typing import TYPE_CHECKING, Any

from anycart.sandbox.seeding import FIRST_NAMES, LAST_NAMES
from anycart.sandbox.table import Record
from anycart.sandbox.values import from_cents, slug

from .sim_collections import collect_record
from .sim_customers import COUNTRIES, PROVINCES
from .sim_order_build import (
    assemble_order,
    fulfillment_record,
    line_item,
    recompute,
    refund_line,
    refund_record,
    shipping_line,
    transaction_record,
)
from .sim_products import level_record
from .sim_store import FIRST_ORDER_NUMBER, fmt_ts, gid, seeded_id

if TYPE_CHECKING:
    from .sim_store import SimulatedShop

_ADJ = ["Organic", "Classic", "Premium", "Vintage", "Ultra", "Eco", "Deluxe", "Everyday",
        "Slim", "Rugged", "Soft", "Handmade", "Compact", "Pro", "Lightweight", "Heritage"]
_MAT = ["Cotton", "Leather", "Bamboo", "Wool", "Steel", "Ceramic", "Linen", "Oak", "Silicone",
        "Canvas", "Glass", "Copper", "Denim", "Merino"]
_NOUN = ["T-Shirt", "Wallet", "Mug", "Backpack", "Water Bottle", "Scarf", "Desk Lamp",
         "Notebook", "Sneakers", "Cutting Board", "Headphones", "Watch", "Hoodie", "Tote Bag",
         "Phone Case", "Candle", "Blanket", "Sunglasses", "Belt", "Planter"]
_COLOR = ["Blue", "Black", "White", "Red", "Green", "Grey", "Navy", "Olive", "Sand", "Pink",
          "Charcoal", "Teal"]
_SIZES = ["S", "M", "L"]
_TYPES = ["Apparel", "Accessories", "Home", "Kitchen", "Outdoor", "Electronics", "Office",
          "Footwear", "Bags", "Gifts", "Decor", "Fitness"]
_VENDORS = ["Northwind Goods", "Acme Supply", "Harbor & Pine", "Blue Fox Studio",
            "Atlas Outfitters", "Maple Street Co.", "Lumen Works", "Tidewater Trading"]
_TAGS = ["", "new", "bestseller, summer", "eco-friendly", "gift, holiday", "sale",
         "limited edition", "bestseller"]
_FIRST, _LAST = FIRST_NAMES, LAST_NAMES
_CITY = [("Miami", "FL", "33101", "US"), ("Austin", "TX", "73301", "US"),
         ("Denver", "CO", "80201", "US"), ("Seattle", "WA", "98101", "US"),
         ("Boston", "MA", "02101", "US"), ("Chicago", "IL", "60601", "US"),
         ("Portland", "OR", "97201", "US"), ("Atlanta", "GA", "30301", "US"),
         ("Phoenix", "AZ", "85001", "US"), ("Toronto", "ON", "M5H 2N2", "CA")]
_STREET = ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Park Blvd", "Elm St", "Pine Rd"]
_COMPANY = ["", "", "", "", "Globex", "Initech", "Umbrella Corp", "Stark Industries"]
_SHIPPING = [("Standard Shipping", 599), ("Express Shipping", 1499), ("Free Shipping", 0),
             ("Economy", 399)]
_CARRIERS = ["UPS", "USPS", "FedEx", "DHL Express"]
_SHIPMENT = [None, "in_transit", "delivered", "delivered", "out_for_delivery"]
_STATES = ["disabled", "disabled", "enabled", "invited"]
_DAY = 86_400
_YEAR = 365 * _DAY
TAX_RATE = 0.08
#: (financial status, weight) of seeded orders; refunds follow from the status.
_FINANCIAL = ["paid"] * 82 + ["pending"] * 4 + ["authorized"] * 4 + \
    ["partially_refunded"] * 4 + ["refunded"] * 3 + ["voided"] * 3

#: One generated row (products, customers, orders: positional fields).
Row = tuple[Any, ...]


# -- products -----------------------------------------------------------------------------
# row: (n, adj, mat, noun, color, vendor, type, status, price_cents, compare_cents,
#       created, updated, published, kind, quantities, grams, tag)
def _variant_specs(row: Row) -> list[tuple[str, str | None, int, str]]:
    """(option1, option2, price in cents, sku suffix) per variant of a seeded product."""
    kind, price, color = row[13], row[8], row[4]
    if kind == 0:
        return [("Default Title", None, price, "")]
    if kind == 1:
        return [(s, None, price + (200 if s == "L" else 0), f"-{s}") for s in _SIZES]
    colors = [_COLOR[color], _COLOR[(color + 3) % len(_COLOR)]]
    return [(s, c, price, f"-{s}-{c[:3].upper()}") for c in colors for s in _SIZES[:2]]


def _title(row: Row) -> str:
    base = f"{_ADJ[row[1]]} {_MAT[row[2]]} {_NOUN[row[3]]}"
    return base if row[13] == 2 else f"{base} - {_COLOR[row[4]]}"


def _sku(row: Row) -> str:
    return f"{_MAT[row[2]][:3].upper()}-{_NOUN[row[3]][:3].upper()}-{row[0]:06d}"


def _build_product(pid: int, row: Row) -> Record:
    n, created, updated = row[0], fmt_ts(row[10]), fmt_ts(row[11])
    title, sku, kind = _title(row), _sku(row), row[13]
    handle = f"{slug(title)}-{n}"
    specs = _variant_specs(row)
    image_count = 2 if kind == 2 else 1
    images: list[dict[str, Any]] = []
    for j in range(image_count):
        iid = seeded_id("image", n, j)
        alt = title if kind != 2 else f"{title} - {_COLOR[(row[4] + 3 * j) % len(_COLOR)]}"
        images.append({"id": iid, "alt": alt, "position": j + 1,
                       "product_id": pid, "created_at": created, "updated_at": created,
                       "admin_graphql_api_id": gid("ProductImage", iid), "width": 1200,
                       "height": 1200, "src": f"https://cdn.shopify.com/s/files/1/0000/0001/"
                       f"products/{handle}-{j + 1}.jpg?v={row[10]}", "variant_ids": []})
    variants = []
    for j, (opt1, opt2, price, suffix) in enumerate(specs):
        vid = seeded_id("variant", n, j)
        image_id = images[j // 2]["id"] if kind == 2 else None
        if image_id:
            images[j // 2]["variant_ids"].append(vid)
        qty = row[14][j]
        variants.append({
            "id": vid, "product_id": pid,
            "title": opt1 if opt2 is None else f"{opt1} / {opt2}", "price": from_cents(price),
            "position": j + 1, "inventory_policy": "deny",
            "compare_at_price": from_cents(row[9] + price - row[8]) if row[9] else None,
            "option1": opt1, "option2": opt2, "option3": None, "created_at": created,
            "updated_at": updated, "taxable": True,
            "barcode": f"{(n * 7919 + j * 104729) % 10 ** 12:012d}",
            "fulfillment_service": "manual", "grams": row[15],
            "inventory_management": "shopify", "requires_shipping": True, "sku": sku + suffix,
            "weight": round(row[15] / 1000, 3), "weight_unit": "kg",
            "inventory_item_id": seeded_id("inventory_item", n, j), "inventory_quantity": qty,
            "old_inventory_quantity": qty, "admin_graphql_api_id": gid("ProductVariant", vid),
            "image_id": image_id})
    if kind == 0:
        names: list[tuple[str, list[str]]] = [("Title", ["Default Title"])]
    elif kind == 1:
        names = [("Size", list(_SIZES))]
    else:
        names = [("Size", _SIZES[:2]), ("Color", list(dict.fromkeys(s[1] for s in specs if s[1] is not None)))]
    options = [{"id": seeded_id("option", n, i), "product_id": pid, "name": name,
                "position": i + 1, "values": values} for i, (name, values) in enumerate(names)]
    return {
        "id": pid, "title": title,
        "body_html": f"<p>{_ADJ[row[1]]} {_MAT[row[2]].lower()} {_NOUN[row[3]].lower()}, "
                     f"made to last.</p>", "vendor": _VENDORS[row[5]],
        "product_type": _TYPES[row[6]], "created_at": created, "handle": handle,
        "updated_at": updated, "published_at": created if row[12] else None,
        "template_suffix": None, "published_scope": "web", "tags": _TAGS[row[16]],
        "status": ("active", "draft", "archived")[row[7]],
        "admin_graphql_api_id": gid("Product", pid), "variants": variants, "options": options,
        "images": images, "image": images[0],
    }


def _light_product(pid: int, row: Row) -> Record:
    title = _title(row)
    return {"id": pid, "title": title, "handle": f"{slug(title)}-{row[0]}",
            "vendor": _VENDORS[row[5]], "product_type": _TYPES[row[6]],
            "status": ("active", "draft", "archived")[row[7]], "created_at": fmt_ts(row[10]),
            "updated_at": fmt_ts(row[11]), "published_at": fmt_ts(row[10]) if row[12] else None}


# -- customers ----------------------------------------------------------------------------
# row: (n, first, last, city, street_no, street, created, updated, state, tag, marketing,
#       phone_digits, orders_count, spent_cents, last_order_n, company, second_city)
def _email(row: Row) -> str:
    return f"{_FIRST[row[1]].lower()}.{_LAST[row[2]].lower()}{row[0]}@example.com"


def _address(cid: int, row: Row, j: int, city_ix: int, default: bool) -> Record:
    city, province, zipc, country = _CITY[city_ix]
    first, last = _FIRST[row[1]], _LAST[row[2]]
    return {"id": seeded_id("address", row[0], j), "customer_id": cid, "first_name": first,
            "last_name": last, "company": _COMPANY[row[15]] or None,
            "address1": f"{row[4] + j * 17} {_STREET[row[5]]}", "address2": "", "city": city,
            "province": PROVINCES.get(province), "country": COUNTRIES[country], "zip": zipc,
            "phone": f"+1{row[11]}" if row[11] else None, "name": f"{first} {last}",
            "province_code": province, "country_code": country,
            "country_name": COUNTRIES[country], "default": default}


def _build_customer(cid: int, row: Row) -> Record:
    created, updated = fmt_ts(row[6]), fmt_ts(row[7])
    addresses = [_address(cid, row, 0, row[3], True)]
    if row[16] >= 0:
        addresses.append(_address(cid, row, 1, row[16], False))
    consent = {"state": "subscribed" if row[10] else "not_subscribed",
               "opt_in_level": "single_opt_in", "consent_updated_at": created if row[10] else None}
    last_n = row[14]
    return {
        "id": cid, "email": _email(row), "created_at": created, "updated_at": updated,
        "first_name": _FIRST[row[1]], "last_name": _LAST[row[2]], "orders_count": row[12],
        "state": _STATES[row[8]], "total_spent": from_cents(row[13]),
        "last_order_id": seeded_id("order", last_n) if last_n else None, "note": None,
        "verified_email": True, "multipass_identifier": None, "tax_exempt": False,
        "tags": _TAGS[row[9]], "last_order_name": f"#{FIRST_ORDER_NUMBER + last_n - 1}"
        if last_n else None, "currency": "USD",
        "phone": f"+1{row[11]}" if row[11] else None, "addresses": addresses,
        "tax_exemptions": [], "email_marketing_consent": consent,
        "sms_marketing_consent": {"state": "not_subscribed", "opt_in_level": "single_opt_in",
                                  "consent_updated_at": None, "consent_collected_from": "OTHER"}
        if row[11] else None, "admin_graphql_api_id": gid("Customer", cid),
        "default_address": addresses[0],
    }


def _light_customer(cid: int, row: Row) -> Record:
    city, _, _, country = _CITY[row[3]]
    return {"id": cid, "email": _email(row), "phone": f"+1{row[11]}" if row[11] else None,
            "first_name": _FIRST[row[1]], "last_name": _LAST[row[2]], "state": _STATES[row[8]],
            "tags": _TAGS[row[9]], "created_at": fmt_ts(row[6]), "updated_at": fmt_ts(row[7]),
            "default_address": {"city": city, "country": COUNTRIES[country],
                                "country_code": country}}


# -- orders -------------------------------------------------------------------------------
# row: (n, created, updated, customer_n, guest, items ((product_n, j, qty), ...), ship,
#       discount, financial, fulfilled (0/1/2), carrier, shipment, closed, browser ip)
class _OrderBuilder:
    """Renders order rows; needs the seeded product and customer rows (line items are the
    variants as they were when the order was placed)."""

    def __init__(self, shop_domain: str, products: list[Row], customers: list[Row],
                 location_id: int) -> None:
        self.domain, self.products, self.customers = shop_domain, products, customers
        self.location_id = location_id
        self._light: dict[int, Record] = {}

    def items(self, row: Row) -> list[tuple[Row, int, Row, int]]:
        out = []
        for pn, j, qty in row[5]:
            prow = self.products[pn - 1]
            out.append((prow, j, _variant_specs(prow)[j], qty))
        return out

    def build(self, oid: int, row: Row) -> Record:
        n, created = row[0], fmt_ts(row[1])
        lines = []
        for k, (prow, j, spec, qty) in enumerate(self.items(row)):
            title = f"{_ADJ[prow[1]]} {_MAT[prow[2]]} {_NOUN[prow[3]]}" if prow[13] == 2 \
                else _title(prow)
            opt = spec[0] if spec[1] is None else f"{spec[0]} / {spec[1]}"
            lines.append(line_item(
                seeded_id("line_item", n, k), product_id=seeded_id("product", prow[0]),
                variant_id=seeded_id("variant", prow[0], j), title=title,
                variant_title=None if opt == "Default Title" else opt, sku=_sku(prow) + spec[3],
                vendor=_VENDORS[prow[5]], price=from_cents(spec[2]), quantity=qty,
                grams=prow[15], tax_rate=TAX_RATE))
        crow = self.customers[row[3] - 1] if row[3] else None
        customer = _build_customer(seeded_id("customer", row[3]), crow) if crow else None
        if customer is not None:
            address = customer["default_address"]
            email = customer["email"]
        else:
            guest = (0, row[4] % len(_FIRST), row[4] % len(_LAST), row[4] % len(_CITY),
                     100 + row[4], row[4] % len(_STREET), 0, 0, 0, 0, False, "", 0, 0, 0, 0, -1)
            address = _address(0, guest, 0, guest[3], True)
            email = f"guest{n}@example.net"
        ship_title, ship_price = _SHIPPING[row[6]]
        subtotal = sum(spec[2] * qty for _, _, spec, qty in self.items(row))
        codes = [{"code": "WELCOME10", "amount": from_cents(round(subtotal * 0.1)),
                  "type": "percentage"}] if row[7] else []
        order = assemble_order(
            oid=oid, number=FIRST_ORDER_NUMBER + n - 1, domain=self.domain, created_at=created,
            updated_at=fmt_ts(row[2]), customer=customer, email=email,
            phone=address.get("phone"), billing=address, shipping=address, line_items=lines,
            shipping_lines=[shipping_line(seeded_id("line_item", n, 7), ship_title,
                                          from_cents(ship_price))],
            discount_codes=codes, financial_status=row[8] if row[8] != "voided" else "voided",
            browser_ip=row[13], location_id=None)
        self._fulfil_and_refund(order, row)
        return order

    def _fulfil_and_refund(self, order: Record, row: Row) -> None:
        n, placed = row[0], row[1]
        if row[8] == "voided":
            order["cancelled_at"] = order["closed_at"] = fmt_ts(placed + 3600)
            order["cancel_reason"] = "customer"
        if row[9]:
            items = [(li, li["quantity"]) for li in order["line_items"]]
            if row[9] == 1:  # partial: the first line only
                items = items[:1]
            carrier = _CARRIERS[row[10]]
            number = f"1Z{n:08d}{row[10]:02d}" if carrier == "UPS" else f"94{n:012d}"
            f = fulfillment_record(seeded_id("fulfillment", n), order, items,
                                   created_at=fmt_ts(placed + _DAY),
                                   location_id=self.location_id,
                                   shipment_status=_SHIPMENT[row[11]],
                                   tracking={"tracking_company": carrier,
                                             "tracking_numbers": [number]})
            order["fulfillments"].append(f)
        if row[8] in ("partially_refunded", "refunded"):
            lines = order["line_items"] if row[8] == "refunded" else order["line_items"][:1]
            when = fmt_ts(placed + 5 * _DAY)
            rlines = [refund_line(seeded_id("refund_line_item", n, k), li,
                                  li["quantity"] if row[8] == "refunded" else 1,
                                  "return" if row[9] else "cancel", self.location_id)
                      for k, li in enumerate(lines)]
            amount = order["total_price"] if row[8] == "refunded" else from_cents(
                round(rlines[0]["subtotal"] * 100 + rlines[0]["total_tax"] * 100))
            tx = transaction_record(seeded_id("transaction", n), order["id"], amount,
                                    created_at=when, kind="refund", gateway="shopify_payments",
                                    parent_id=None)
            order["refunds"].append(refund_record(seeded_id("refund", n), order["id"],
                                                  created_at=when, note=None, restock=True,
                                                  lines=rlines, transactions=[tx]))
            order["financial_status"] = "paid"
        recompute(order)
        if row[12]:
            order["closed_at"] = order["closed_at"] or fmt_ts(placed + 10 * _DAY)

    def light(self, oid: int, row: Row) -> Record:
        cached = self._light.get(oid)
        if cached is None:
            full = self.build(oid, row)
            cached = self._light[oid] = {
                k: full[k] for k in ("id", "name", "email", "created_at", "updated_at",
                                     "processed_at", "closed_at", "cancelled_at",
                                     "financial_status", "fulfillment_status")}
            cached["customer"] = {"id": full["customer"]["id"]} if full["customer"] else None
        return cached


# -- the shop -----------------------------------------------------------------------------
def _locations(shop: SimulatedShop, created: str) -> None:
    for n, (name, street, city, province, zipc) in enumerate(
            [("Main Warehouse", "1 Industrial Way", "Newark", "NJ", "07102"),
             ("Downtown Store", "150 Elgin Street", "New York", "NY", "10001")], 1):
        lid = seeded_id("location", n)
        shop.data.locations[lid] = {
            "id": lid, "name": name, "address1": street, "address2": None, "city": city,
            "zip": zipc, "province": {"NJ": "New Jersey", "NY": "New York"}[province],
            "country": "US", "phone": "+12125550100", "created_at": created,
            "updated_at": created, "country_code": "US", "country_name": "United States",
            "province_code": province, "legacy": False, "active": True,
            "admin_graphql_api_id": gid("Location", lid), "localized_country_name":
            "United States", "localized_province_name":
            {"NJ": "New Jersey", "NY": "New York"}[province]}
    shop.data.primary_location_id = seeded_id("location", 1)


def seed_shop(shop: SimulatedShop, *, size: int, seed: int = 0, anchor: datetime) -> None:
    """Fill ``shop`` deterministically from ``size``, ``seed`` and ``anchor``."""
    size = max(0, int(size))
    rng = random.Random(seed)
    rnd, randrange = rng.random, rng.randrange
    data = shop.data
    top = int(anchor.timestamp())
    opened = top - 3 * _YEAR
    _locations(shop, fmt_ts(opened))
    shop.info = shop_record(shop.domain, fmt_ts(opened), data.primary_location_id)
    primary = data.primary_location_id

    # products, their stock, and the collects into their type's collection
    products: list[Row] = []
    levels: dict[Any, Row] = {}
    span = top - 30 * _DAY - opened
    for n in range(1, size + 1):
        created = opened + span * (n - 1) // max(1, size) + randrange(3600)
        updated = created + int((top - created) * rnd() * rnd())
        kind = 0 if (r := rnd()) < 0.55 else 1 if r < 0.85 else 2
        count = (1, 3, 4)[kind]
        qtys = tuple(randrange(0, 120) if rnd() > 0.05 else 0 for _ in range(count))
        price = 500 + randrange(19_500)
        status = 0 if (s := rnd()) < 0.9 else 1 if s < 0.97 else 2
        row = (n, randrange(len(_ADJ)), randrange(len(_MAT)), randrange(len(_NOUN)),
               randrange(len(_COLOR)), randrange(len(_VENDORS)), randrange(len(_TYPES)), status,
               price, price + 500 + randrange(3000) if rnd() < 0.15 else 0, created, updated,
               status == 0, kind, qtys, 100 + randrange(1900), randrange(len(_TAGS)))
        products.append(row)
        for j in range(count):
            levels[(seeded_id("inventory_item", n, j), primary)] = (qtys[j], updated)
    data.products.seed_rows({seeded_id("product", r[0]): r for r in products})
    data.products.bind(_build_product, _light_product)
    data.inventory_levels.seed_rows(levels)
    data.inventory_levels.bind(lambda key, row: level_record(key[0], key[1], row[0],
                                                             fmt_ts(row[1])))
    _collections(shop, products, opened)
    _smart_collections(shop, fmt_ts(opened))

    # customers first (orders refer to them), their counters filled in from the orders
    n_customers = min(size // 2, 25_000)
    n_orders = min(size, 5_000)
    customer_rows: list[list[Any]] = []
    cspan = top - 30 * _DAY - opened
    for n in range(1, n_customers + 1):
        created = opened + cspan * (n - 1) // max(1, n_customers) + randrange(3600)
        customer_rows.append([
            n, randrange(len(_FIRST)), randrange(len(_LAST)), randrange(len(_CITY)),
            1 + randrange(9000), randrange(len(_STREET)), created,
            created + int((top - created) * rnd() * 0.5), randrange(len(_STATES)),
            randrange(len(_TAGS)), rnd() < 0.4,
            f"{randrange(200, 990)}555{randrange(1000, 9999)}" if rnd() < 0.6 else "",
            0, 0, 0, randrange(len(_COMPANY)), randrange(len(_CITY)) if rnd() < 0.15 else -1])

    order_rows = []
    for n in range(1, n_orders + 1):
        placed = top - _YEAR + (_YEAR - _DAY) * (n - 1) // max(1, n_orders) + randrange(3600)
        eligible = min(n_customers, max(1, (placed - opened) * n_customers // max(1, cspan)))
        cust = 1 + randrange(eligible) if n_customers and rnd() < 0.9 else 0
        items: list[tuple[Any, ...]] = []
        for _ in range(1 + int(rnd() * rnd() * 4)):
            pn = 1 + randrange(size)
            j = randrange(len(_variant_specs(products[pn - 1])))
            if all((pn, j) != (i[0], i[1]) for i in items):
                items.append((pn, j, 1 + int(rnd() * rnd() * 3)))
        financial = _FINANCIAL[randrange(len(_FINANCIAL))]
        age = top - placed
        fulfilled = 0
        if financial in ("paid", "partially_refunded", "refunded") and age > 2 * _DAY:
            fulfilled = 2 if rnd() < 0.85 else 1 if len(items) > 1 else 0
        if financial == "partially_refunded" and not fulfilled and \
                sum(i[2] for i in items) == 1:
            financial = "paid"  # one unfulfilled unit: a partial refund would be a full one
        updated = min(top, placed + (7 * _DAY if fulfilled or financial != "paid"
                                     else randrange(3600)) + randrange(_DAY))
        closed = fulfilled == 2 and financial == "paid" and age > 60 * _DAY and rnd() < 0.5
        order_rows.append((n, placed, updated, cust, randrange(10_000), tuple(items),
                           randrange(len(_SHIPPING)), rnd() < 0.1, financial, fulfilled,
                           randrange(len(_CARRIERS)), randrange(len(_SHIPMENT)), closed,
                           f"{randrange(11, 223)}.{randrange(256)}.{randrange(256)}."
                           f"{randrange(1, 255)}"))
        if cust and financial != "voided":
            total = _order_total(products, items, order_rows[-1][6], order_rows[-1][7])
            c = customer_rows[cust - 1]
            c[12] += 1
            c[13] += total
            c[14] = n
            c[7] = max(c[7], updated)
    customers = [tuple(r) for r in customer_rows]
    data.customers.seed_rows({seeded_id("customer", r[0]): r for r in customers})
    data.customers.bind(_build_customer, _light_customer)
    builder = _OrderBuilder(shop.domain, products, customers, primary)
    data.orders.seed_rows({seeded_id("order", r[0]): r for r in order_rows})
    data.orders.bind(builder.build, builder.light)

    data.ids.seeded_count.update({"product": size, "customer": n_customers, "order": n_orders})
    for id_kind, parents in (("product", size), ("variant", size), ("inventory_item", size),
                          ("option", size), ("image", size), ("customer", n_customers),
                          ("address", n_customers), ("order", n_orders),
                          ("line_item", n_orders), ("fulfillment", n_orders),
                          ("refund", n_orders), ("refund_line_item", n_orders),
                          ("transaction", n_orders), ("location", 2)):
        data.ids.reserve(id_kind, parents)


def _order_total(products: list[Row], items: list[Row], ship: int, discounted: bool) -> int:
    """The seeded order's total in cents, computed as :func:`assemble_order` does."""
    line_total = tax = 0
    for pn, j, qty in items:
        price = _variant_specs(products[pn - 1])[j][2]
        line_total += price * qty
        tax += round(price * qty * TAX_RATE)
    discount = round(line_total * 0.1) if discounted else 0
    return line_total - discount + tax + _SHIPPING[ship][1]


#: smart collections (read through GraphQL): title, (column, relation, condition) rules
_SMART = (("New arrivals", (("tag", "equals", "new"),)),
          ("Under $50", (("variant_price", "less_than", "50"),)))


def _smart_collections(shop: SimulatedShop, created: str) -> None:
    for n, (title, rules) in enumerate(_SMART, 1):
        cid = 460_000_000_000 + n
        shop.data.smart_collections[cid] = {
            "id": cid, "handle": title.lower().replace(" ", "-").replace("$", ""),
            "title": title, "updated_at": created, "body_html": "", "published_at": created,
            "sort_order": "best-selling", "template_suffix": None, "disjunctive": False,
            "rules": [{"column": c, "relation": r, "condition": v} for c, r, v in rules]}


def _collections(shop: SimulatedShop, products: list[Row], opened: int) -> None:
    data = shop.data
    created = fmt_ts(opened)
    titles = [*_TYPES, "Frontpage", "Sale"]
    for n, title in enumerate(titles, 1):
        cid = seeded_id("custom_collection", n)
        data.custom_collections[cid] = {
            "id": cid, "handle": slug(title), "title": title, "updated_at": created,
            "body_html": f"<p>Our {title.lower()} collection.</p>", "published_at": created,
            "sort_order": "best-selling" if n <= len(_TYPES) else "manual",
            "template_suffix": None, "published_scope": "web",
            "admin_graphql_api_id": gid("Collection", cid)}
    rows: dict[int, Row] = {}
    positions = [0] * (len(titles) + 1)

    def add(collection_n: int, product_row: Row) -> None:
        positions[collection_n] += 1
        rows[data.ids.next("collect")] = (seeded_id("custom_collection", collection_n),
                                          seeded_id("product", product_row[0]),
                                          positions[collection_n], product_row[10])

    for row in products:
        add(row[6] + 1, row)
    for row in products[:12]:
        add(len(_TYPES) + 1, row)
    for row in [r for r in products if r[9]][:200]:
        add(len(_TYPES) + 2, row)
    data.collects.seed_rows(rows)
    data.collects.bind(lambda key, row: collect_record(key, row[0], row[1], row[2],
                                                       fmt_ts(row[3])))
    data.ids.reserve("custom_collection", len(titles))


def shop_record(domain: str, created_at: str, primary_location_id: int) -> Record:
    """shop.json of a simulated shop: named after its subdomain, in New York, in USD."""
    prefix = domain.split(".", 1)[0]
    name = prefix.replace("-", " ").title()
    sid = 50_000_000_000 + int(hashlib.md5(domain.encode()).hexdigest()[:8], 16) % 10_000_000
    return {
        "id": sid, "name": name, "email": f"owner@{prefix}.example.com", "domain": domain,
        "province": "New York", "country": "US", "address1": "150 Elgin Street",
        "zip": "10001", "city": "New York", "source": None, "phone": "+12125550100",
        "latitude": 40.7505, "longitude": -73.9965, "primary_locale": "en", "address2": "",
        "created_at": created_at, "updated_at": created_at, "country_code": "US",
        "country_name": "United States", "currency": "USD",
        "customer_email": f"support@{prefix}.example.com",
        "timezone": "(GMT-05:00) Eastern Time (US & Canada)", "iana_timezone": "America/New_York",
        "shop_owner": f"{name} Owner", "money_format": "${{amount}}",
        "money_with_currency_format": "${{amount}} USD", "weight_unit": "kg",
        "province_code": "NY", "taxes_included": False, "auto_configure_tax_inclusivity": None,
        "tax_shipping": None, "county_taxes": True, "plan_display_name": "Basic",
        "plan_name": "basic", "has_discounts": True, "has_gift_cards": False,
        "myshopify_domain": domain, "google_apps_domain": None, "google_apps_login_enabled": None,
        "money_in_emails_format": "${{amount}}",
        "money_with_currency_in_emails_format": "${{amount}} USD",
        "eligible_for_payments": True, "requires_extra_payments_agreement": False,
        "password_enabled": False, "has_storefront": True, "finances": True,
        "primary_location_id": primary_location_id, "checkout_api_supported": True,
        "multi_location_enabled": True, "setup_required": False, "pre_launch_enabled": False,
        "enabled_presentment_currencies": ["USD"], "marketing_sms_consent_enabled_at_checkout":
        False, "transactional_sms_disabled": False,
    }
