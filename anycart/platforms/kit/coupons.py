"""The contract's coupon action, shared by the drivers that keep coupons: how a
``cart.coupon.add`` names what it discounts, and a coupon's ``actions`` entry read back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fields import number, text


def per_item(p: Mapping[str, Any]) -> bool:
    """Whether the add discounts each matching item (``action_scope`` ``matching_items`` or
    ``action_apply_to`` ``item_price``) rather than the order's total."""
    return p.get("action_scope") == "matching_items" or p.get("action_apply_to") == "item_price"


def action(percent: bool, amount: Any, *, each: bool, shipping: bool = False) -> dict[str, Any]:
    """A coupon's ``actions`` entry: a percent or a fixed ``amount`` off each matching item
    (``each``), off the order's total, or off its shipping."""
    return {"type": "percent" if percent else "fixed", "amount": number(amount),
            "scope": "matching_items" if each else "order",
            "apply_to": "shipping" if shipping else ("item_price" if each else "order_total")}


def record(ident: Any, code: Any, act: dict[str, Any], *, name: Any = None,
           description: Any = None, date_start: str | None = None, date_end: str | None = None,
           avail: bool = True, usage_limit: int | None = None,
           usage_limit_per_customer: int | None = None, used_times: int | None = None,
           additional_fields: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A coupon of one code as the contract's Coupon read back: its id, code and uses are also
    its one ``codes`` entry, ``act`` (:func:`action`) its one action."""
    ident = text(ident)
    return {"id": ident, "code": code, "name": name, "description": description,
            "date_start": date_start, "date_end": date_end, "avail": avail,
            "usage_limit": usage_limit, "usage_limit_per_customer": usage_limit_per_customer,
            "used_times": used_times,
            "codes": [{"id": ident, "code": code, "used_times": used_times}],
            "actions": [act], "additional_fields": dict(additional_fields or {}),
            "custom_fields": {}}
