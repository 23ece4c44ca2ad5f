"""The AnyCart connector plugin's live rates on a simulated site: its ``anycart_live_rates``
method (:func:`install_live_rates`), and at checkout (:func:`checkout_rates`) each enabled
instance of the destination's zone POSTing the package, signed, to its ``rates_url`` (a
failed answer adds no rates, as the plugin's PHP does).
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from anycart.platforms.woocommerce_shipping import METHOD_ID, SIGNATURE, body_signature
from anycart.sandbox.rates import ask

from .sim_store import WooShop

Record = dict[str, Any]

#: The simulated store's address (WooCommerce > Settings > General).
STORE_ADDRESS = {"country": "US", "state": "CA", "postcode": "94103", "city": "San Francisco",
                 "address": "1 Market St", "address_2": ""}


def install_live_rates(shop: WooShop) -> None:
    """The plugin activated: its method is one of the site's shipping methods."""
    if METHOD_ID not in shop.data.shipping_methods:
        shop.create("shipping_methods", {"id": METHOD_ID, "title": "AnyCart live rates",
                                         "description": "Rates from the shipping services "
                                         "connected through AnyCart."})


def _value(method: Record, name: str) -> Any:
    value = (method.get("settings") or {}).get(name)
    return value.get("value") if isinstance(value, dict) else value


def _zone_for(shop: WooShop, country: str) -> int:
    """The first zone (by order) covering ``country``; 0, the rest of the world, else."""
    for zone_id in sorted(shop.data.zones, key=lambda z: shop.data.zones[z].get("order", 0)):
        if any(loc["code"].split(":")[0] == country for loc in shop.data.locations.get(zone_id, [])):
            return int(zone_id)
    return 0


def package(shop: WooShop, cart: list[tuple[int, int]], destination: Record) -> Record:
    """The cart's one package as ``WC_Cart::get_shipping_packages`` builds it."""
    contents: dict[str, Record] = {}
    for n, (product_id, quantity) in enumerate(cart):
        p = shop.data.products[product_id]
        total = round(float(p["price"] or 0) * quantity, 2)
        contents[f"item{n}"] = {
            "product_id": product_id, "variation_id": 0, "quantity": quantity,
            "line_total": total, "line_tax": 0, "line_subtotal": total, "line_subtotal_tax": 0,
            "name": p["name"], "sku": p["sku"], "weight": p["weight"], **p["dimensions"]}
    cost = round(sum(c["line_total"] for c in contents.values()), 2)
    return {"contents": contents, "contents_cost": cost, "cart_subtotal": cost,
            "applied_coupons": [], "destination": destination}


async def checkout_rates(shop: WooShop, client: httpx.AsyncClient, cart: list[tuple[int, int]],
                         destination: Record, currency: str = "USD") -> list[Record]:
    """The rates the plugin's methods add for ``cart`` shipped to ``destination``."""
    zone = _zone_for(shop, str(destination.get("country") or ""))
    shown: list[Record] = []
    for method in shop.data.zone_methods.values():
        if (method["method_id"] != METHOD_ID or not method.get("enabled")
                or int(method.get("zone_id") or 0) != zone):
            continue
        body = json.dumps({"currency": currency, "origin": STORE_ADDRESS, "weight_unit": "kg",
                           "dimension_unit": "cm",
                           "packages": [package(shop, cart, destination)]}).encode()
        key = str(_value(method, "signing_key") or "")
        answer = await ask(client, str(_value(method, "rates_url")), body,
                           {SIGNATURE: body_signature(key, body)})
        for answered in (answer or {}).get("packages") or []:
            shown += answered.get("rates") or []
    return shown


__all__ = ["STORE_ADDRESS", "checkout_rates", "install_live_rates", "package"]
