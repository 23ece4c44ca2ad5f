"""What BigCommerce does when it saves each kind of v3 record, beyond the declared checks:
a product's derived fields, its base variant and the parts written with it (``variants``,
``images``, ``custom_fields`` in the body), an option's values, a variant's option values,
a category's parent, a customer's addresses, a hook's scope and https destination."""

from __future__ import annotations

import pycountry

from anycart.sandbox.subscriptions import Subscriptions
from anycart.sandbox.table import Record
from anycart.sandbox.values import slug

from .sim_store import FACTS
from .sim_store import BigCommerceStore as Store
from .sim_v3 import Body, Hook, Res, Served, V3Error, check, invalid

_PARTS = ("variants", "images", "custom_fields")


def _named_url(record: Record, url: str) -> None:
    """No storefront path given: the one BigCommerce makes of the name."""
    if not record["custom_url"]["url"]:
        record["custom_url"]["url"] = url


def product(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    sale = record.get("sale_price") or 0
    record["calculated_price"] = sale if 0 < sale < record["price"] else record["price"]
    _named_url(record, f"/{slug(record['name'], '')}/")
    bad = [c for c in record["categories"] if c not in store.data.categories]
    if bad:
        raise invalid({"categories": f"Category {bad[0]} does not exist"})
    if record["brand_id"] and record["brand_id"] not in store.data.brands:
        raise invalid({"brand_id": f"Brand {record['brand_id']} does not exist"})
    for name in _PARTS:  # every part checked before the product is stored
        sub = Res.declared(name)
        given = body.get(name) or []
        errors = {k: v for n, item in enumerate(given)
                  for k, v in check(sub, item, True, f"{name}[{n}].").items()}
        if errors:
            raise invalid(errors)
    if created:
        variant = store.make("variants", "variant", {
            "product_id": record["id"], "sku": record["sku"], "sku_id": None,
            "calculated_price": record["calculated_price"], "price": None,
            "calculated_weight": record["weight"], "inventory_level": record["inventory_level"]})
        record["base_variant_id"] = variant["id"]
    for name in _PARTS:
        for item in body.get(name) or []:
            part = store.make(name, Res.declared(name).template,
                              {**item, "product_id": record["id"]})
            if "date_modified" in part:
                part["date_modified"] = record["date_modified"]
            if name == "images":
                image(store, res, part, item, True)


def image(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    """BigCommerce serves every size of an image from its own CDN; here they are the URL
    the image was given by."""
    for size in ("url_zoom", "url_standard", "url_thumbnail", "url_tiny"):
        record[size] = record["image_url"]


def variant(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    parent = store.data.products.peek(record["product_id"])
    record["calculated_price"] = record["price"] if record["price"] is not None \
        else parent["calculated_price"]
    record["calculated_weight"] = record["weight"] if record["weight"] is not None \
        else parent["weight"]
    options = {o["id"]: o for o in store.owned("options", record["product_id"])}
    values = []
    for given in record["option_values"]:
        option = options.get(given.get("option_id")) if isinstance(given, dict) else None
        value = next((v for v in option["option_values"] if v["id"] == given.get("id")
                      or v["label"] == given.get("label")), None) if option else None
        if option is None or value is None:
            raise invalid({"option_values": "Option value does not exist for this product"})
        values.append({"id": value["id"], "label": value["label"], "option_id": option["id"],
                       "option_display_name": option["display_name"]})
    record["option_values"] = values


def option(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    values = []
    for n, given in enumerate(record["option_values"]):
        if not isinstance(given, dict) or not given.get("label"):
            raise invalid({f"option_values[{n}].label": FACTS["field_errors"]["missing"]})
        values.append({"id": given.get("id") or store.data.options.next_id * 100 + n,
                       "label": given["label"], "sort_order": given.get("sort_order", n),
                       "value_data": given.get("value_data"),
                       "is_default": bool(given.get("is_default", False))})
    record["option_values"] = values
    record["name"] = record["name"] or f"{record['display_name']}{record['id']}"


def category(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    if record["parent_id"] and record["parent_id"] not in store.data.categories:
        raise invalid({"parent_id": f"Parent category {record['parent_id']} does not exist"})
    if record["parent_id"] == record["id"]:
        raise invalid({"parent_id": "A category cannot be its own parent"})
    _named_url(record, f"/{slug(record['name'], '')}/")


def brand(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    _named_url(record, f"/brands/{slug(record['name'], '').title()}.html")


def customer(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    given = record["authentication"]  # a new password is written, never answered
    record["authentication"] = {"force_password_reset": bool(given.get("force_password_reset"))}
    if created:
        for address in body.get("addresses") or []:
            _country(store.make("addresses", "address", {**address,
                                                         "customer_id": record["id"]}))
    record["address_count"] = len(store.owned("addresses", record["id"]))


def address(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    owner = store.data.customers.get(record["customer_id"])
    if owner is None:
        raise invalid({"customer_id": f"Customer {record['customer_id']} does not exist"})
    _country(record)
    if created:
        owner["address_count"] += 1
        store.data.customers.changed()


def _country(record: Record) -> None:
    country = pycountry.countries.get(alpha_2=str(record["country_code"]).upper())
    if country is None:
        raise invalid({"country_code": "Invalid country code"})
    record["country"] = country.name


def hook(store: Store, res: Res, record: Record, body: Body, created: bool) -> None:
    rules = Subscriptions(store.data.hooks, frozenset(FACTS["hook_scopes"]), topic="scope",
                          address="destination", fields=None, allow_http=False)
    errors = rules.errors(record)
    if errors:
        raise invalid({k: " ".join(v) for k, v in errors.items()})
    if record["headers"] is not None and not (isinstance(record["headers"], dict) and all(
            isinstance(v, str) for v in record["headers"].values())):
        raise invalid({"headers": FACTS["field_errors"]["string"]})
    now = int(store.now().timestamp())
    record.update(store_hash=store.hash, updated_at=now)
    if created:
        record.update(client_id=f"simulated{store.hash}", created_at=now)
    if any(other["id"] != record["id"] for other in store.data.hooks.where(
            scope=record["scope"], destination=record["destination"])):
        raise V3Error(409, "A webhook with this scope and destination already exists.")


RULES: dict[str, Hook] = {"products": product, "variants": variant, "options": option,
                          "modifiers": option, "images": image, "categories": category, "brands": brand,
                          "customers": customer, "addresses": address, "hooks": hook}
SERVED = Served(RULES)
