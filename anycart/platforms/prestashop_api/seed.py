"""Deterministic seed data of the PrestaShop webservice simulator: two languages (English,
French), two shops (the second sees every other product), currencies, countries, the
default order states, carriers, a category tree, size and colour options, products (every
third with size combinations), their stock per shop, customers with addresses, and orders
with their lines, carriers (tracking numbers) and histories.

Same ``size``, ``seed`` and ``anchor``: same store.
"""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from anycart.sandbox.seeding import FIRST_NAMES, LAST_NAMES, rng

if TYPE_CHECKING:
    from .sim_store import PrestashopShop

_LANGS = (("English (English)", "en", "en-US", "en-us", "m/d/Y", "m/d/Y H:i:s"),
          ("Français (French)", "fr", "fr-FR", "fr-fr", "d/m/Y", "d/m/Y H:i:s"))
_STATES = (("Awaiting check payment", "En attente du paiement par chèque", "#34209E", ""),
           ("Payment accepted", "Paiement accepté", "#3498D8", "paid logable"),
           ("Processing in progress", "En cours de préparation", "#3498D8", "paid logable"),
           ("Shipped", "Expédié", "#01b887", "paid logable shipped delivery"),
           ("Delivered", "Livré", "#01b887", "paid logable shipped delivery"),
           ("Canceled", "Annulé", "#2C3E50", ""),
           ("Refunded", "Remboursé", "#ec2e15", "paid"),
           ("Payment error", "Erreur de paiement", "#8f0621", ""),
           ("On backorder (paid)", "En attente de réapprovisionnement (payé)", "#3498D8",
            "paid logable"),
           ("Awaiting bank wire payment", "En attente de virement bancaire", "#34209E", ""),
           ("Remote payment accepted", "Paiement à distance accepté", "#3498D8",
            "paid logable"),
           ("On backorder (not paid)", "En attente de réapprovisionnement (non payé)",
            "#34209E", ""),
           ("Awaiting Cash On Delivery validation", "En attente de paiement à la livraison",
            "#34209E", ""))
_CATEGORIES = ((0, "Root", "Racine"), (1, "Home", "Accueil"), (2, "Clothes", "Vêtements"),
               (3, "Men", "Hommes"), (3, "Women", "Femmes"), (2, "Accessories", "Accessoires"),
               (6, "Stationery", "Papeterie"), (6, "Home Accessories", "Accessoires de maison"))
_OPTIONS = (("Size", "Taille", "select", (("S", "S"), ("M", "M"), ("L", "L"), ("XL", "XL"))),
            ("Color", "Couleur", "color", (("White", "Blanc"), ("Black", "Noir"),
                                           ("Blue", "Bleu"))))
_ADJ = (("Classic", "classique"), ("Organic", "bio"), ("Vintage", "vintage"),
        ("Modern", "moderne"), ("Deluxe", "de luxe"), ("Urban", "urbain"))
_THINGS = (("T-Shirt", "T-shirt", 4), ("Sweater", "Pull", 5), ("Mug", "Mug", 8),
           ("Notebook", "Carnet", 7), ("Poster", "Affiche", 8), ("Cushion", "Coussin", 8))
_CITIES = (("New York", "10001", 1), ("Chicago", "60601", 1), ("Paris", "75002", 2),
           ("Lyon", "69001", 2))


def _day(anchor: datetime, days: float) -> str:
    return (anchor - timedelta(days=days)).strftime("%Y-%m-%d %H:%M:%S")


def _bilingual(en: str, fr: str) -> dict[str, str]:
    return {"1": en, "2": fr}


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def jpeg(seed: int) -> bytes:
    """A small JPEG, one colour per image (what ``/api/images/products/<id>/<image>``
    answers)."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (seed * 47 % 256, seed * 89 % 256, seed * 13 % 256)).save(
        buf, "JPEG")
    return buf.getvalue()


def _reference(store: PrestashopShop, anchor: datetime) -> None:
    for name in ("AnyCart Demo", "AnyCart Outlet"):
        store.insert("shops", {"id_shop_group": "1", "id_category": "2",
                               "theme_name": "classic", "name": name, "active": "1"})
    for name, iso, locale, code, lite, full in _LANGS:
        store.insert("languages", {"name": name, "iso_code": iso, "locale": locale,
                                   "language_code": code, "active": "1", "is_rtl": "0",
                                   "date_format_lite": lite, "date_format_full": full})
    for iso, num, name, rate in (("USD", "840", "US Dollar", "1"), ("EUR", "978", "Euro",
                                                                      "0.92")):
        store.insert("currencies", {"name": name, "iso_code": iso, "numeric_iso_code": num,
                                    "precision": "2", "conversion_rate": f"{float(rate):.6f}",
                                    "active": "1", "symbol": _bilingual(
                                        "$" if iso == "USD" else "€",
                                        "$US" if iso == "USD" else "€")})
    for iso, en, fr, cur, prefix in (("US", "United States", "États-Unis", "1", "1"),
                                     ("FR", "France", "France", "2", "33")):
        store.insert("countries", {"id_zone": "2" if iso == "US" else "1", "id_currency": cur,
                                   "call_prefix": prefix, "iso_code": iso, "active": "1",
                                   "contains_states": "0", "need_zip_code": "1",
                                   "need_identification_number": "0",
                                   "display_tax_label": "1", "name": _bilingual(en, fr)})
    for en, fr, color, flags in _STATES:
        store.insert("order_states", {"name": _bilingual(en, fr), "color": color,
                                      "template": _bilingual("", ""), "unremovable": "1",
                                      **{flag: "1" for flag in flags.split()}})
    for n, (name, url) in enumerate((("Click and collect", ""),
                                     ("My carrier", "https://track.example/?n=@")), 1):
        store.insert("carriers", {"id_reference": str(n), "name": name, "url": url,
                                  "active": "1", "is_free": str(int(n == 1)), "grade": "1",
                                  "shipping_handling": "1", "range_behavior": "0",
                                  "need_range": "1", "position": str(n - 1),
                                  "delay": _bilingual("Pick up in-store", "Retrait en magasin")
                                  if n == 1 else _bilingual("Delivery next day!",
                                                            "Livraison le lendemain !")})
    for n, (parent, en, fr) in enumerate(_CATEGORIES, 1):
        store.insert("categories", {
            "id_parent": str(parent), "level_depth": str(0 if n == 1 else 1 if n == 2 else 2),
            "nleft": str(2 * n - 1), "nright": str(2 * n), "active": "1",
            "id_shop_default": "1", "is_root_category": str(int(n == 2)),
            "position": str(n), "date_add": _day(anchor, 400), "date_upd": _day(anchor, 400),
            "name": _bilingual(en, fr), "link_rewrite": _bilingual(_slug(en), _slug(fr)),
            "description": _bilingual(f"<p>{en}</p>", f"<p>{fr}</p>")})
    for n, (en, fr, kind, values) in enumerate(_OPTIONS, 1):
        store.insert("product_options", {"is_color_group": str(int(kind == "color")),
                                         "group_type": kind, "position": str(n - 1),
                                         "name": _bilingual(en, fr),
                                         "public_name": _bilingual(en, fr)})
        for pos, (ven, vfr) in enumerate(values):
            store.insert("product_option_values", {
                "id_attribute_group": str(n), "position": str(pos),
                "color": {"White": "#ffffff", "Black": "#434A54", "Blue": "#5D9CEC"}.get(
                    ven, ""), "name": _bilingual(ven, vfr)})


def _products(store: PrestashopShop, size: int, r: Any, anchor: datetime) -> None:
    image = 0
    for n in range(1, size + 1):
        adj, thing = _ADJ[n % len(_ADJ)], _THINGS[(n // len(_ADJ)) % len(_THINGS)]
        en, fr = f"{adj[0]} {thing[0]} {n}", f"{thing[1]} {adj[1]} {n}"
        price = round(r.uniform(5, 120), 2)
        shops = [1, 2] if n % 2 == 0 else [1]
        images = []
        for _ in range(1 + n % 2):
            image += 1
            store.images[image] = jpeg(image)
            images.append({"id": str(image)})
        added = anchor - timedelta(days=size - n + 1, hours=n % 7)
        store.insert("products", {
            "id_manufacturer": "0", "id_supplier": "0", "id_category_default": str(thing[2]),
            "id_tax_rules_group": "1", "id_shop_default": "1", "reference": f"PS-{n:05d}",
            "ean13": f"{4000000000000 + n}", "weight": f"{r.uniform(0.1, 3):.6f}",
            "price": f"{price:.6f}", "wholesale_price": f"{price / 2:.6f}",
            "minimal_quantity": "1", "active": str(int(n % 9 != 0)),
            "available_for_order": "1", "show_price": "1", "condition": "new",
            "visibility": "both", "redirect_type": "404", "indexed": "1", "state": "1",
            "product_type": "combinations" if n % 3 == 0 else "standard",
            "date_add": added.strftime("%Y-%m-%d %H:%M:%S"),
            "date_upd": (added + timedelta(hours=n % 5)).strftime("%Y-%m-%d %H:%M:%S"),
            "name": _bilingual(en, fr), "link_rewrite": _bilingual(_slug(en), _slug(fr)),
            "description": _bilingual(f"<p>The {en.lower()}.</p>", f"<p>Le {fr.lower()}.</p>"),
            "description_short": _bilingual(f"<p>{en}</p>", f"<p>{fr}</p>"),
            "_shops": shops, "associations": {
                "categories": [{"id": "2"}, {"id": str(thing[2])}], "images": images}})
        combos = []
        if n % 3 == 0:
            for value in (1, 2, 3):
                combos.append(store.insert("combinations", {
                    "id_product": str(n), "reference": f"PS-{n:05d}-{value}",
                    "price": f"{value - 1:.6f}", "minimal_quantity": "1",
                    "default_on": str(int(value == 1)), "_shops": shops,
                    "associations": {"product_option_values": [{"id": str(value)}],
                                     "images": images[:1]}}))
        for shop in shops:
            quantities = [r.randint(0, 40) for _ in combos]
            for combo, qty in zip(combos, quantities, strict=True):
                _stock(store, n, combo["id"], shop, qty)
            _stock(store, n, 0, shop, sum(quantities) if combos else r.randint(0, 100))


def _stock(store: PrestashopShop, pid: int, attr: int, shop: int, qty: int) -> None:
    store.insert("stock_availables", {"id_product": str(pid), "id_product_attribute": str(attr),
                                      "id_shop": str(shop), "id_shop_group": "1",
                                      "quantity": str(qty), "depends_on_stock": "0",
                                      "out_of_stock": "2"})


def _customers(store: PrestashopShop, count: int, r: Any, anchor: datetime) -> None:
    for n in range(1, count + 1):
        first, last = FIRST_NAMES[n % len(FIRST_NAMES)], LAST_NAMES[n % len(LAST_NAMES)]
        when = _day(anchor, 300 - n)
        store.insert("customers", {
            "id_default_group": "3", "id_lang": str(1 + n % 2), "id_gender": str(1 + n % 2),
            "secure_key": hashlib.md5(f"c{n}".encode()).hexdigest(),
            "passwd": "$2y$10$" + hashlib.sha1(f"p{n}".encode()).hexdigest(),
            "firstname": first, "lastname": last, "email": f"{first}.{last}{n}@example.com"
            .lower(), "newsletter": str(n % 2), "active": "1", "id_shop": "1",
            "id_shop_group": "1", "date_add": when, "date_upd": when,
            "associations": {"groups": [{"id": "3"}]}})
        city, postcode, country = _CITIES[n % len(_CITIES)]
        store.insert("addresses", {
            "id_customer": str(n), "id_country": str(country), "alias": "My address",
            "firstname": first, "lastname": last, "address1": f"{n} Main Street",
            "postcode": postcode, "city": city, "phone": f"+1555000{n:04d}",
            "date_add": when, "date_upd": when})


def _abandoned(store: PrestashopShop, count: int, anchor: datetime) -> None:
    """Carts no order was made from (the first ids: a store's oldest carts are mostly
    abandoned ones)."""
    products, customers = len(store.tables["products"]), len(store.tables["customers"])
    for n in range(1, count + 1):
        customer, when = 1 + (n * 3) % customers, _day(anchor, 60 - n)
        store.insert("carts", {
            "id_address_delivery": str(customer), "id_address_invoice": str(customer),
            "id_currency": "1", "id_customer": str(customer), "id_lang": "1",
            "id_shop_group": "1", "id_shop": "1", "id_carrier": "2", "date_add": when,
            "date_upd": when, "associations": {"cart_rows": [
                {"id_product": str(1 + (n * 11) % products), "id_product_attribute": "0",
                 "id_address_delivery": str(customer), "id_customization": "0",
                 "quantity": "1"}]}})


def _orders(store: PrestashopShop, count: int, r: Any, anchor: datetime) -> None:
    products = store.tables["products"]
    for n in range(1, count + 1):
        customer = 1 + (n * 7) % len(store.tables["customers"])
        state = (2, 3, 4, 5, 1, 6)[n % 6]
        placed = anchor - timedelta(days=count - n + 1, hours=n % 11)
        when = placed.strftime("%Y-%m-%d %H:%M:%S")
        lines = []
        for k in range(1 + n % 3):
            pid = 1 + (n * 5 + k * 3) % len(products)
            product = products.peek(pid)
            qty, price = 1 + (n + k) % 3, float(product["price"])
            lines.append((pid, product, qty, price))
        total = sum(q * p for _, _, q, p in lines)
        store.insert("carts", {  # the cart the order was placed from
            "id_address_delivery": str(customer), "id_address_invoice": str(customer),
            "id_currency": "1", "id_customer": str(customer), "id_lang": "1",
            "id_shop_group": "1", "id_shop": str(1 + (n % 5 == 0)),
            "id_carrier": str(1 + n % 2), "date_add": when, "date_upd": when,
            "associations": {"cart_rows": [
                {"id_product": str(pid), "id_product_attribute": "0",
                 "id_address_delivery": str(customer), "id_customization": "0",
                 "quantity": str(qty)} for pid, _, qty, _ in lines]}})
        shipping = 0.0 if n % 4 == 0 else 7.0
        order = store.insert("orders", {
            "id_address_delivery": str(customer), "id_address_invoice": str(customer),
            "id_cart": str(len(store.tables["carts"])), "id_currency": "1", "id_lang": "1",
            "id_customer": str(customer),
            "id_carrier": str(1 + n % 2), "current_state": str(state),
            "module": "ps_checkpayment", "payment": "Payments by check", "valid": str(int(
                state in (2, 3, 4, 5))), "id_shop": str(1 + (n % 5 == 0)), "id_shop_group": "1",
            "secure_key": hashlib.md5(f"o{n}".encode()).hexdigest(),
            "reference": "".join(chr(65 + (n * k) % 26) for k in range(1, 10)),
            "total_paid": f"{total + shipping:.6f}", "total_paid_tax_incl": f"{total + shipping:.6f}",
            "total_paid_tax_excl": f"{total + shipping:.6f}",
            "total_paid_real": f"{total + shipping:.6f}", "total_products": f"{total:.6f}",
            "total_products_wt": f"{total:.6f}", "total_shipping": f"{shipping:.6f}",
            "total_shipping_tax_incl": f"{shipping:.6f}",
            "total_shipping_tax_excl": f"{shipping:.6f}", "conversion_rate": "1.000000",
            "round_mode": "2", "round_type": "2", "date_add": when,
            "date_upd": (placed + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M:%S")})
        for pid, product, qty, price in lines:
            store.insert("order_details", {
                "id_order": str(order["id"]), "id_warehouse": "0", "id_shop": order["id_shop"],
                "product_id": str(pid), "product_attribute_id": "0",
                "product_name": product["name"]["1"], "product_quantity": str(qty),
                "product_quantity_in_stock": str(qty), "product_price": f"{price:.6f}",
                "product_reference": product["reference"], "product_ean13": product["ean13"],
                "unit_price_tax_incl": f"{price:.6f}", "unit_price_tax_excl": f"{price:.6f}",
                "total_price_tax_incl": f"{price * qty:.6f}",
                "total_price_tax_excl": f"{price * qty:.6f}",
                "original_product_price": f"{price:.6f}", "product_weight": product["weight"]})
        store.insert("order_carriers", {
            "id_order": str(order["id"]), "id_carrier": order["id_carrier"],
            "shipping_cost_tax_excl": f"{shipping:.6f}", "shipping_cost_tax_incl":
            f"{shipping:.6f}", "weight": "1.000000", "date_add": when,
            "tracking_number": f"1Z{n:08d}" if state in (4, 5) else ""})
        for s in sorted({1 if state == 1 else 2, state}):
            store.insert("order_histories", {"id_order_state": str(s), "id_order": str(
                order["id"]), "id_employee": "1", "date_add": when})


def seed_store(store: PrestashopShop, *, size: int, seed: int, anchor: datetime) -> None:
    r = rng(seed)
    _reference(store, anchor)
    _products(store, size, r, anchor)
    _customers(store, max(6, size // 4), r, anchor)
    _abandoned(store, max(3, size // 10), anchor)
    _orders(store, max(6, size // 3), r, anchor)
