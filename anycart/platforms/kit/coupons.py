"""The contract's coupon action, shared by the drivers that keep coupons: how a
``cart.coupon.add`` names what it discounts, and a coupon's ``actions`` entry read back."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fields import number


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
