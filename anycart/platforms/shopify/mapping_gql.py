"""Shopify GraphQL Admin nodes -> the Admin REST resource shape, which :mod:`.mapping` reads
(Shopify's webhooks still push REST-shaped payloads, so one mapping serves both).

The rule (:func:`rest_shape`): keys snake_cased, ``gid://shopify/<Type>/<n>`` ids as REST's
numbers, connections as lists, a MoneyBag ``xSet`` both as ``x_set`` and as ``x`` (the shop
amount), enums lowered, tags joined; other names declared (:data:`RENAMES`), reshaped values
the hooks.
"""

from __future__ import annotations

import re
from typing import Any

Record = dict[str, Any]

_GID = re.compile(r"^gid://shopify/\w+/(\d+)")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")

#: GraphQL names (snake_cased) -> the REST names (the rest are the same in both).
RENAMES = {
    "description_html": "body_html", "currency_code": "currency",
    "presentment_currency_code": "presentment_currency", "country_code_v2": "country_code",
    "display_financial_status": "financial_status",
    "display_fulfillment_status": "fulfillment_status", "custom_attributes": "note_attributes",
    "original_unit_price": "price", "original_unit_price_set": "price_set",
    "original_price": "price", "original_price_set": "price_set",
    "allocated_amount": "amount", "allocated_amount_set": "amount_set",
    "marketing_state": "state", "marketing_opt_in_level": "opt_in_level",
}
#: Values that are enums in GraphQL (``ACTIVE``) and lower case in REST (``active``).
ENUMS = frozenset({"status", "state", "financial_status", "fulfillment_status", "opt_in_level",
                   "inventory_policy", "restock_type"})
#: GraphQL's WeightUnit -> REST's ``weight_unit``.
WEIGHT_UNITS = {"KILOGRAMS": "kg", "GRAMS": "g", "POUNDS": "lb", "OUNCES": "oz"}


def legacy_id(gid: Any) -> Any:
    """``gid://shopify/Product/42`` -> ``42`` (anything else as it is)."""
    found = _GID.match(gid) if isinstance(gid, str) else None
    return int(found.group(1)) if found else gid


def gid(kind: str, ident: Any) -> str:
    """The GraphQL id of REST id ``ident`` (``gid("Product", 42)``); a gid stays itself."""
    text = str(ident).strip()
    return text if text.startswith("gid://") else f"gid://shopify/{kind}/{text}"


def made_id(payload: Record, key: str) -> str:
    """The REST id of the record a mutation's ``payload`` answers under ``key``."""
    return str(legacy_id((payload.get(key) or {}).get("id")))


def _snake(name: str) -> str:
    snake = _CAMEL.sub("_", name).lower()
    return RENAMES.get(snake, snake)


def _money(bag: Record) -> Record:
    return {_snake(side): {"amount": m.get("amount"), "currency_code": m.get("currencyCode")}
            for side, m in bag.items() if isinstance(m, dict)}


def rest_shape(value: Any) -> Any:
    """The rule (see the module): any GraphQL value in the REST shape."""
    if isinstance(value, list):
        return [rest_shape(v) for v in value]
    if not isinstance(value, dict):
        return value
    if set(value) <= {"nodes", "pageInfo"} and "nodes" in value:
        return rest_shape(value["nodes"])
    if set(value) <= {"edges", "pageInfo"} and "edges" in value:
        return [rest_shape(e.get("node")) for e in value["edges"]]
    out: Record = {}
    for key, v in value.items():
        name = _snake(key)
        if name.endswith("_set") and isinstance(v, dict) and "shopMoney" in v:
            out[name] = _money(v)
            out[RENAMES.get(name[:-4], name[:-4])] = (v["shopMoney"] or {}).get("amount")
        elif name == "id":
            out["id"], out["admin_graphql_api_id"] = legacy_id(v), v
        elif isinstance(v, dict) and set(v) == {"id"}:
            out[f"{name}_id"] = legacy_id(v["id"])  # product { id } -> product_id
        elif name in ENUMS and isinstance(v, str):
            out[name] = v.lower()
        elif name == "tags" and isinstance(v, list):  # REST's are one comma-joined string
            out[name] = ", ".join(v)
        else:
            out[name] = rest_shape(v)
    return out


def _weight(item: Record | None) -> Record:
    """``inventoryItem.measurement.weight`` -> REST ``weight``/``weight_unit``/``grams``."""
    weight = (((item or {}).get("measurement") or {}).get("weight")) or {}
    if weight.get("value") is None:
        return {}
    unit = WEIGHT_UNITS.get(str(weight.get("unit")), str(weight.get("unit")).lower())
    grams = {"kg": 1000, "g": 1, "lb": 453.59237, "oz": 28.349523125}.get(unit, 0)
    return {"weight": weight["value"], "weight_unit": unit,
            "grams": round(float(weight["value"]) * grams)}


# -- the hooks: one per GraphQL type whose REST shape differs beyond the rule -------------------
def variant(node: Record) -> Record:
    v = rest_shape(node)
    item = v.pop("inventory_item", None) or {}
    options = {f"option{n}": o.get("value") for n, o in enumerate(v.pop("selected_options", None)
                                                                 or [], 1) if n <= 3}
    return {**v, **options, **_weight(item), "inventory_item_id": item.get("id"),
            "inventory_management": "shopify" if item.get("tracked") else None}


def product(node: Record) -> Record:
    p = rest_shape({k: v for k, v in node.items() if k not in ("variants", "media")})
    images = [m for m in ((node.get("media") or {}).get("nodes") or []) if m.get("image")]
    return {**p, "variants_count": (p.get("variants_count") or {}).get("count"),
            "variants": [{**variant(v), "product_id": p["id"]}
                         for v in ((node.get("variants") or {}).get("nodes") or [])],
            "images": [{"id": legacy_id(m.get("id")), "src": m["image"].get("url"),
                        "alt": m.get("alt"), "position": n} for n, m in enumerate(images, 1)]}


def _attributes(items: list[Record] | None) -> list[Record]:
    return [{"name": a.get("key"), "value": a.get("value")} for a in items or []]


def _line_item(li: Record) -> Record:
    variant_node = li.pop("variant", None) or {}
    return {**li, "variant_id": legacy_id(variant_node.get("id")),
            **_weight(variant_node.get("inventoryItem")),
            "properties": _attributes(li.pop("customAttributes", None))}


def _code(application: Record) -> Record:
    """A discount code application as REST's ``discount_codes`` item: a fixed amount, or a
    percentage (REST then says the amount taken; GraphQL says the rate)."""
    value = application.get("value") or {}
    if value.get("__typename") == "PricingPercentageValue":
        return {"code": application["code"], "amount": value.get("percentage"),
                "type": "percentage"}
    return {"code": application["code"], "amount": value.get("amount"), "type": "fixed_amount"}


def order(node: Record) -> Record:
    lines = [_line_item(dict(li)) for li in ((node.get("lineItems") or {}).get("nodes") or [])]
    o = rest_shape({**node, "lineItems": lines})
    applied = [_code(a) for a in (node.get("discountApplications") or {}).get("nodes") or []
               if a.get("code")]
    named, name = {c["code"] for c in applied}, str(node.get("name") or "")
    # addresses stay MailingAddress nodes, as :data:`.mapping.ADDRESS` reads them
    buyer = node.get("customer")
    return {**o, "billing_address": node.get("billingAddress"),
            "shipping_address": node.get("shippingAddress"),
            "customer": {**o["customer"], "defaultAddress": buyer.get("defaultAddress")}
            if buyer else buyer,
            "order_number": int(name[1:]) if name[1:].isdecimal() else None,
            "note_attributes": _attributes(node.get("customAttributes")),
            "discount_codes": applied + [{"code": c} for c in node.get("discountCodes") or []
                                         if c not in named],
            "fulfillments": [fulfillment(f, o["id"]) for f in node.get("fulfillments") or []],
            "refunds": [refund(r, o["id"]) for r in node.get("refunds") or []]}


def refund(node: Record, order_id: Any) -> Record:
    r = rest_shape(node)
    return {**r, "order_id": order_id, "refund_line_items": [
        {**i, "line_item_id": (i.get("line_item") or {}).get("id")}
        for i in r.get("refund_line_items") or []]}


def fulfillment(node: Record, order_id: Any) -> Record:
    f = rest_shape(node)
    tracking = f.pop("tracking_info", None) or []
    return {**f, "order_id": order_id,
            "tracking_company": next((t.get("company") for t in tracking if t.get("company")),
                                     None),
            "tracking_numbers": [t["number"] for t in tracking if t.get("number")],
            "tracking_urls": [t["url"] for t in tracking if t.get("url")],
            "line_items": [{**(i.get("line_item") or {}), "quantity": i.get("quantity")}
                           for i in f.pop("fulfillment_line_items", None) or []]}
