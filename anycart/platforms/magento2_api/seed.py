"""Deterministic seed of a simulated install: a category tree under ``Default Category``,
simple products and configurable ones (a color, sizes S/M/L as children), French names in
the ``fr`` view, customers with an address, and orders in every state (pending, invoiced,
shipped with a track, refunded), RMAs of some shipped ones. Same ``size``, ``seed`` and ``anchor``: same data."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from anycart.sandbox.seeding import FIRST_NAMES, LAST_NAMES, rng
from anycart.sandbox.values import slug

from .sim_catalog import new_category, new_product
from .sim_customers import new_customer
from .sim_rest import FACTS, RECORDS, SERVED
from .sim_returns import REPOS
from .sim_sales import Line, document, place_order
from .sim_store import RMA_MODULE, MagentoStore

_CAT: dict[str, Any] = FACTS["catalog"]
_AXES: dict[str, Any] = FACTS["axes"]
_RMA = ("pending", "authorized", "received", "closed")


def seed_store(store: MagentoStore, *, size: int, seed: int, anchor: datetime) -> None:
    r = rng(seed)
    start = anchor - timedelta(hours=size + 48)
    _categories(store, start)
    leaves = [k for k in store.data.categories.sorted_keys() if k > 2]
    configurables = max(1, size // 10)
    simples = max(0, size - 4 * configurables)
    sellable: list[tuple[dict[str, Any], dict[str, Any] | None]] = []
    for n in range(simples + configurables):
        when = start + timedelta(hours=n)
        noun, adjective = _CAT["nouns"][n % 10], _CAT["adjectives"][(n // 10) % 10]
        base: dict[str, Any] = {"name": f"{adjective} {noun}", "price": round(r.uniform(9, 120), 2),
                "weight": round(r.uniform(0.2, 3), 2),
                "extension_attributes": {
                    "category_links": [{"position": 0, "category_id": str(r.choice(leaves))}],
                    "stock_item": {"qty": r.randint(0, 150), "is_in_stock": True}},
                "custom_attributes": [
                    {"attribute_code": "description", "value": f"<p>The {noun.lower()}.</p>"},
                    {"attribute_code": "tax_class_id", "value": "2"}]}
        sku = f"MS{n + 1:05d}"
        base["custom_attributes"].append({"attribute_code": "url_key",
                                          "value": slug(f"{adjective} {noun} {sku}")})
        if n < simples:
            product = new_product(store, {**base, "sku": sku}, when)
            _french(store, product, noun, adjective)
            sellable.append((product, None))
        else:
            sellable += _configurable(store, base, sku, r.choice(list(_AXES["color"]["values"])),
                                      when, noun, adjective)
    customers = [_customer(store, i, r, start + timedelta(hours=i * 2))
                 for i in range(max(5, size // 4))]
    for i in range(max(6, size // 4)):
        when = anchor - timedelta(hours=max(6, size // 4) - i, minutes=r.randint(0, 50))
        lines: list[Line] = [(p, float(r.randint(1, 3)), parent) for p, parent in
                             r.sample(sellable, min(len(sellable), r.randint(1, 3)))]
        buyer = None if i % 5 == 4 else customers[i % len(customers)]
        address = (buyer["addresses"][0] if buyer else
                   _street(r, r.choice(FIRST_NAMES), r.choice(LAST_NAMES), i))
        order = place_order(store, lines, buyer, address, when, 2 if i % 4 == 3 else 1)
        later = when + timedelta(minutes=30)
        if i % 5 in (1, 2, 3):
            document(store, "invoice", order, when=later)
        if i % 5 in (2, 3, 4):
            document(store, "shipment", order, when=later + timedelta(minutes=5), tracks=[{
                "track_number": f"1Z{i:010d}", "title": "United Parcel Service",
                "carrier_code": "ups"}])
        if i % 5 == 3:
            document(store, "creditmemo", order, when=later + timedelta(minutes=10))
        if i % 5 == 2 and RMA_MODULE in store.modules:  # a return of a line, in each state in turn
            rma = SERVED.save(store, REPOS["rma"], {"order_id": order["entity_id"], "status": _RMA[
                i // 5 % len(_RMA)], "items": [{"order_item_id": order["items"][0]["item_id"],
                                                "qty_requested": 1, "reason": "Wrong Size"}]}, None)
            rma["date_requested"] = store.stamp(later + timedelta(hours=1))


def _categories(store: MagentoStore, when: datetime) -> None:
    table, now = store.data.categories, store.stamp(when)
    for key, parent, name, level, path in ((1, 0, "Root Catalog", 0, "1"),
                                           (2, 1, "Default Category", 1, "1/2")):
        table[key] = RECORDS["category"].make(id=key, parent_id=parent, name=name, level=level,
                                              path=path, created_at=now, updated_at=now)
    table[1]["children"] = "2"
    tops: list[int] = []
    for n, name in enumerate(_CAT["categories"]):
        parent = 2 if n < 4 else tops[n % 4]
        cat = new_category(store, {"name": name, "parent_id": parent, "position": n + 1}, when)
        if n < 4:
            tops.append(cat["id"])


def _french(store: MagentoStore, product: dict[str, Any], noun: str, adjective: str) -> None:
    store.save_scoped(product["id"], "fr", {"name": f"{_CAT['french'][noun]} {adjective}"})


def _configurable(store: MagentoStore, base: dict[str, Any], sku: str, color: str,
                  when: datetime, noun: str, adjective: str
                  ) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    children = []
    for size, value in _AXES["size"]["values"].items():
        child = new_product(store, {
            **base, "sku": f"{sku}-{size}-{color}", "name": f"{adjective} {noun}-{size}-{color}",
            "visibility": 1, "custom_attributes": [
                *base["custom_attributes"][:-1],
                {"attribute_code": "url_key", "value": slug(f"{sku}-{size}-{color}")},
                {"attribute_code": "color", "value": str(_AXES["color"]["values"][color])},
                {"attribute_code": "size", "value": str(value)}]}, when)
        _french(store, child, noun, f"{adjective} {size} {color}")
        children.append(child)
    options = [{"id": store.next_id("configurable_option"), "attribute_id": axis["attribute_id"],
                "label": axis["label"], "position": pos, "values": [
                    {"value_index": v} for v in (axis["values"].values() if name == "size"
                                                 else [axis["values"][color]])]}
               for pos, (name, axis) in enumerate(_AXES.items())]
    parent = new_product(store, {
        **base, "sku": sku, "type_id": "configurable", "extension_attributes": {
            **base["extension_attributes"], "configurable_product_options": options,
            "configurable_product_links": [c["id"] for c in children]}}, when)
    for option in parent["extension_attributes"]["configurable_product_options"]:
        option["product_id"] = parent["id"]
    _french(store, parent, noun, adjective)
    return [(child, parent) for child in children]


def _street(r: Any, first: str, last: str, n: int) -> dict[str, Any]:
    place = FACTS["addresses"][n % len(FACTS["addresses"])]
    return {"firstname": first, "lastname": last, "city": place["city"],
            "postcode": place["postcode"], "country_id": "US", "region": place["region"],
            "region_code": place["region_code"], "region_id": place["region_id"],
            "street": [f"{r.randint(1, 999)} {place['street']}"],
            "telephone": f"555-{r.randint(1000, 9999)}"}


def _customer(store: MagentoStore, i: int, r: Any, when: datetime) -> dict[str, Any]:
    first, last = FIRST_NAMES[i % len(FIRST_NAMES)], LAST_NAMES[(i * 7) % len(LAST_NAMES)]
    street = _street(r, first, last, i)
    region = {"region_code": street.pop("region_code"), "region": street.pop("region"),
              "region_id": street["region_id"]}
    return new_customer(store, {
        "email": f"{first}.{last}{i + 1}@example.com".lower(), "firstname": first,
        "lastname": last, "store_id": 2 if i % 6 == 5 else 1,
        "addresses": [{**street, "region": region, "default_billing": True,
                       "default_shipping": True}]}, when)
