"""Shopify GraphQL Admin order nodes -> the Admin REST resource shape, which :mod:`.mapping`
reads for orders (with their fulfillments and refunds; other entities read nodes as they are).

The rule (:func:`rest_shape`): keys snake_cased, ``gid://shopify/<Type>/<n>`` ids as REST's
numbers, connections as lists, a MoneyBag ``xSet`` both as ``x_set`` and as ``x`` (the shop
amount), enums lowered, tags joined; other names declared (:data:`RENAMES`), reshaped values
the hooks.
"""

from __future__ import annotations

import re
from typing import Any

from .mapping import legacy_id, weight

Record = dict[str, Any]

_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")

#: GraphQL names (snake_cased) -> the REST names (the rest are the same in both).
RENAMES = {
    "currency_code": "currency", "presentment_currency_code": "presentment_currency",
    "display_financial_status": "financial_status",
    "display_fulfillment_status": "fulfillment_status", "custom_attributes": "note_attributes",
    "original_unit_price": "price", "original_unit_price_set": "price_set",
    "original_price": "price", "original_price_set": "price_set",
    "allocated_amount": "amount", "allocated_amount_set": "amount_set",
}
#: Values that are enums in GraphQL (``SUCCESS``) and lower case in REST (``success``).
ENUMS = frozenset({"status", "financial_status", "fulfillment_status", "restock_type"})


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


def _attributes(items: list[Record] | None) -> list[Record]:
    return [{"name": a.get("key"), "value": a.get("value")} for a in items or []]


def _line_item(li: Record) -> Record:
    variant_node = li.pop("variant", None) or {}
    return {**li, "variant_id": legacy_id(variant_node.get("id")),
            **weight(variant_node.get("inventoryItem")),
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
