"""Coupons as Magento keeps them: a coupon is one code of a cart price rule (``salesRules``),
and the rule holds the discount and the dates. ``cart.coupon.add`` makes both (a rule of
``coupon_type`` ``SPECIFIC_COUPON``, then its coupon); a coupon read takes its rule's action."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.coupons import action as discount
from anycart.platforms.kit.coupons import per_item, record
from anycart.platforms.kit.fields import integer, text

from .mapping import DATES

Record = dict[str, Any]

#: The parameters :func:`add` applies (the others are 109).
ADD_PARAMS = frozenset({"code", "name", "action_type", "action_scope", "action_apply_to",
                        "action_amount", "date_start", "date_end", "usage_limit",
                        "usage_limit_per_customer"})


def rule_body(p: Mapping[str, Any]) -> Record:
    # the contract's action as a rule's simple_action: a percent of each item, a fixed amount
    # off each matching item (by_fixed), or off the whole cart (cart_fixed)
    action = "by_percent" if p.get("action_type") == "percent" else \
        "by_fixed" if per_item(p) else "cart_fixed"
    rule: Record = {"name": p.get("name") or p["code"], "is_active": True,
                    "coupon_type": "SPECIFIC_COUPON", "simple_action": action,
                    "discount_amount": float(p["action_amount"]),
                    "apply_to_shipping": p.get("action_apply_to") == "shipping",
                    "uses_per_customer": int(p.get("usage_limit_per_customer") or 0),
                    "uses_per_coupon": int(p.get("usage_limit") or 0)}
    for param, key in (("date_start", "from_date"), ("date_end", "to_date")):
        if p.get(param) and p[param] != "now":  # the contract's default start: today
            rule[key] = DATES.query(p[param])[:10]
    return rule


async def add(rest: RestClient, p: Mapping[str, Any]) -> Record:
    """The rule, then its coupon; a coupon refused (a code taken) takes its rule away."""
    if float(p["action_amount"]) < 0:
        raise ApiError.invalid("action_amount", "a positive number")
    body = rule_body(p)  # the rule's limits are its coupon's too
    rule = (await rest.request("POST", "salesRules", json={"rule": body})).json()
    coupon = {"rule_id": rule["rule_id"], "code": p["code"], "is_primary": True,
              "usage_limit": body["uses_per_coupon"], "usage_per_customer": body["uses_per_customer"]}
    try:
        made = (await rest.request("POST", "coupons", json={"coupon": coupon})).json()
    except ApiError:
        await rest.request("DELETE", f"salesRules/{rule['rule_id']}")
        raise
    return {"coupon_id": text(made["coupon_id"])}


def coupon(c: Record, context: Mapping[str, Any] | None = None) -> Record:
    """A coupon with its rule's action (``rules``: read beside the list, by id)."""
    rule: Record = (context or {}).get("rules", {}).get(str(c.get("rule_id"))) or {}
    action = str(rule.get("simple_action") or "")
    return record(c.get("coupon_id"), c.get("code"), discount(
        action == "by_percent", rule.get("discount_amount"), each=action in ("by_percent", "by_fixed"),
        shipping=bool(rule.get("apply_to_shipping"))),
        name=rule.get("name") or c.get("code"), description=rule.get("description"),
        date_start=DATES.moment(rule.get("from_date")), date_end=DATES.moment(rule.get("to_date")),
        avail=bool(rule.get("is_active", True)), usage_limit=integer(c.get("usage_limit")),
        usage_limit_per_customer=integer(c.get("usage_per_customer")),
        used_times=integer(c.get("times_used")),
        additional_fields={"rule_id": c.get("rule_id"), "simple_action": action or None})
