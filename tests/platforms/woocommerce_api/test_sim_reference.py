"""The simulator's records against WooCommerce's own documentation
(``reference/platforms/woocommerce``: every JSON example and property table of the REST API v3
docs, woocommerce-rest-api-docs): each documented field is in every record the simulator
answers, with the documented JSON type, nested objects and list items included."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from anycart.platforms.woocommerce_api.simulator import WooSimulator

REFERENCE = Path(__file__).resolve().parents[3].parent / "shared" / "reference" / "platforms" \
    / "woocommerce"
HOST, KEY, SECRET = "docs.example", "ck_docs", "cs_docs"
#: Properties the docs list that are write-only (request parameters, never answered):
#: ``password``, ``set_paid``, ``secret``, ``api_refund``/``api_restock``, ``added_by_user``;
#: ``force`` and ``dp`` are query parameters the scraped tables run into.
WRITE_ONLY = {"password", "set_paid", "secret", "api_refund", "api_restock", "added_by_user",
              "force", "dp"}
#: Objects keyed by name rather than by a fixed field list (each key checked by its own table).
DYNAMIC = {"settings", "database_tables", "taxonomies"}
#: Documented as integer/object, answered null by WooCommerce when unset (an unmanaged stock,
#: a variation or category without image, a coupon without limits).
NULLABLE = {"stock_quantity", "image", "usage_limit", "usage_limit_per_user",
            "limit_usage_to_x_items", "date_expires", "date_expires_gmt"}
#: Example keys the same page's property table replaces: the order example's refunds show
#: ``refund`` where the table (and WooCommerce's v2+ controller) answers ``reason``.
SUPERSEDED = {"refunds[].refund"}
#: Example sections of a resource file answering another resource (not simulated).
NOT_SERVED = {"Retrieve customer downloads"}
_JSON = {"integer": "number", "number": "number", "string": "string", "boolean": "boolean",
         "bool": "boolean", "array": "array", "object": "object", "date-time": "string"}

#: resource file -> (API path listing the simulator's records, property table -> its path)
CASES: dict[str, tuple[str, dict[str, str]]] = {
    "products": ("/products?per_page=100", {
        "Product": "", "Product - Downloads": "downloads[]", "Product - Dimensions": "dimensions",
        "Product - Categories": "categories[]", "Product - Tags": "tags[]",
        "Product - Images": "images[]", "Product - Attributes": "attributes[]",
        "Product - Default attributes": "default_attributes[]",
        "Product - Meta data": "meta_data[]"}),
    "product-variations": ("/products/{variable}/variations", {
        "Product variation": "", "Product variation - Dimensions": "dimensions",
        "Product variation - Image": "image", "Product variation - Attributes": "attributes[]"}),
    "customers": ("/customers?per_page=100", {
        "Customer": "", "Customer - Billing": "billing", "Customer - Shipping": "shipping"}),
    "orders": ("/orders?per_page=100", {
        "Order": "", "Order - Billing": "billing", "Order - Shipping": "shipping",
        "Order - Meta data": "meta_data[]", "Order - Line items": "line_items[]",
        "Order - Tax lines": "tax_lines[]", "Order - Shipping lines": "shipping_lines[]",
        "Order - Fee lines": "fee_lines[]", "Order - Coupon lines": "coupon_lines[]",
        "Order - Refunds": "refunds[]"}),
    "order-refunds": ("/orders/{refunded}/refunds", {
        "Order refund": "", "Order refund - Line items": "line_items[]"}),
    "order-notes": ("/orders/{noted}/notes", {"Order note": ""}),
    "product-categories": ("/products/categories", {
        "Product category": "", "Product category - Image": "image"}),
    "product-tags": ("/products/tags", {"Product tag": ""}),
    "product-attributes": ("/products/attributes", {"Product attribute": ""}),
    "product-attribute-terms": ("/products/attributes/{attribute}/terms",
                                {"Product attribute term": ""}),
    "coupons": ("/coupons", {"Coupon": "", "Coupon - Meta data": "meta_data[]"}),
    "webhooks": ("/webhooks", {"Webhook": ""}),
    "shipping-zones": ("/shipping/zones", {"Shipping zone": ""}),
    "shipping-zone-methods": ("/shipping/zones/{zone}/methods", {
        "Shipping method": "", "Shipping method - Settings": "settings.title"}),
    "shipping-zone-locations": ("/shipping/zones/{zone}/locations", {"Shipping location": ""}),
    "shipping-methods": ("/shipping_methods", {"Shipping method": ""}),
    "tax-classes": ("/taxes/classes", {"Tax class": ""}),
    "taxes": ("/taxes?per_page=100", {"Tax rate": ""}),
    "system-status": ("/system_status", {
        "System status": "", "System status - Environment": "environment",
        "System status - Database": "database", "System status - Theme": "theme",
        "System status - Settings": "settings", "System status - Security": "security"}),
}


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object"}.get(type(value), "null")


def _at(records: list[Any], path: str) -> list[Any]:
    """Every value at ``path`` (``a.b``, ``items[]`` for each item) across ``records``."""
    values = records
    for part in filter(None, path.split(".")):
        name, many = part.removesuffix("[]"), part.endswith("[]")
        values = [v[name] for v in values if isinstance(v, dict) and v.get(name) is not None]
        if many:
            values = [item for v in values for item in v]
    return values


def _check_type(name: str, where: str, values: list[Any], allowed: set[str]) -> None:
    for value in values:
        kind = _kind(value)
        assert kind in allowed or (kind == "null" and (name in NULLABLE or name.startswith(
            "date_"))), f"{where}.{name}: {value!r} is {kind}, documented {sorted(allowed)}"


def _kinds(value: Any, path: str, out: dict[str, set[str]]) -> None:
    """The JSON kinds the docs show at each path (``line_items[].price``)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            sub = f"{path}.{key}" if path else key
            out.setdefault(sub, set()).add(_kind(inner))
            _kinds(inner, sub, out)
    elif isinstance(value, list):
        for item in value:
            _kinds(item, path + "[]", out)


def documented(doc: dict[str, Any], tables: dict[str, str]) -> dict[str, set[str]]:
    """Kinds per path from every example and property table: where the docs disagree with
    themselves (a variation's ``status`` shown as ``true``, a category's missing image as
    PHP's empty ``[]``), each of their answers is WooCommerce's."""
    out: dict[str, set[str]] = {}
    for _, example in _examples(doc):
        _kinds(example, "", out)
    for table, path in tables.items():
        for prop in doc["properties"][table]:
            name = f"{path}.{prop['name']}" if path else prop["name"]
            out.setdefault(name, set()).add(_JSON.get(prop["type"], "null"))
    for kinds in out.values():
        kinds.discard("null")
    return out


def _compare(doc: Any, sims: list[Any], where: str, kinds: dict[str, set[str]],
             path: str = "") -> None:
    """Every key of the documented ``doc`` is in each simulated value, with a documented
    JSON type."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            sub = f"{path}.{key}" if path else key
            if key == "_links":  # "up" only where there is a parent
                for sim in sims:
                    assert set(value) & {"self", "collection"} <= set(sim[key]), where
                continue
            if sub in SUPERSEDED:
                continue
            for sim in sims:
                assert key in sim, f"{where}.{sub} missing from {sorted(sim)}"
            present = [sim[key] for sim in sims if sim[key] is not None]
            if value is not None and key not in DYNAMIC:
                _check_type(key, f"{where} {path}", present, kinds.get(sub, {_kind(value)}))
                _compare(value, [v for v in present if isinstance(v, (dict, list))], where,
                         kinds, sub)
    elif isinstance(doc, list) and doc and isinstance(doc[0], dict):
        items = [item for sim in sims if isinstance(sim, list) for item in sim]
        assert items, f"no simulated record has items in {where} {path}"
        _compare(doc[0], items, where, kinds, path + "[]")


def _examples(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for example in doc["examples"]:
        body = example["json"]
        items = body if isinstance(body, list) else [
            i for k in ("create", "update", "delete") for i in body.get(k, [])
            if isinstance(i, dict)] if set(body) <= {"create", "update", "delete"} else [body]
        out += [(example["section"], item) for item in items if isinstance(item, dict)]
    return out


@pytest.fixture(scope="module")
def answers() -> dict[str, list[Any]]:
    return asyncio.run(_answers())


async def _answers() -> dict[str, list[Any]]:
    sim = WooSimulator()
    shop = sim.shops.add_shop(HOST, KEY, SECRET, size=60)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url=f"https://{HOST}/wp-json/wc/v3",
                                 auth=(KEY, SECRET)) as http:
        assert (await http.post("/webhooks", json={
            "topic": "order.updated", "delivery_url": "https://hooks.example/wc",
            "secret": "s"})).status_code == 201
        ids = {"variable": next(k for k in shop.data.products
                                if shop.data.products.peek(k)["type"] == "variable"),
               "refunded": shop.data.refunds.peek(next(iter(shop.data.refunds)))["order_id"],
               "noted": shop.data.notes.peek(next(iter(shop.data.notes)))["order_id"],
               "attribute": next(iter(shop.data.attributes)), "zone": next(iter(shop.data.zones))}
        out = {}
        for resource, (path, _) in CASES.items():
            r = await http.get(path.format(**ids))
            assert r.status_code == 200, (path, r.text)
            body = r.json()
            out[resource] = body if isinstance(body, list) else [body]
        return out


@pytest.mark.parametrize("resource", sorted(CASES))
async def test_records_have_every_documented_example_field(
        resource: str, answers: dict[str, list[Any]]) -> None:
    doc = json.loads((REFERENCE / f"{resource}.json").read_text())
    examples = [(section, e) for section, e in _examples(doc) if section not in NOT_SERVED]
    assert examples, resource
    kinds = documented(doc, CASES[resource][1])
    for section, example in examples:
        _compare(example, answers[resource], f"{resource} ({section})", kinds)


@pytest.mark.parametrize("resource", sorted(CASES))
async def test_records_have_every_documented_property(
        resource: str, answers: dict[str, list[Any]]) -> None:
    doc = json.loads((REFERENCE / f"{resource}.json").read_text())
    tables = CASES[resource][1]
    kinds = documented(doc, tables)
    for table, path in tables.items():
        props = doc["properties"][table]
        names = [p["name"] for p in props]
        props = props[:names.index("context")] if "context" in names else props
        values = _at(answers[resource], path)
        assert values, f"{resource}: nothing simulated at {path!r} for {table}"
        for prop in props:
            name = prop["name"]
            if name in WRITE_ONLY:
                continue
            allowed = kinds[f"{path}.{name}" if path else name]
            for value in values:
                assert name in value, f"{resource}: {table}.{name} missing"
            _check_type(name, f"{resource}/{table}", [v[name] for v in values
                                                      if v[name] is not None], allowed)
