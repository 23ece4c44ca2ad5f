"""Coupons as BigCommerce's v2 coupons API keeps them: each code is its own discount, its
``type`` saying how ``amount`` reads (a percent of each item, a fixed amount off each item,
off the order's total or off its shipping). A coupon applies to products or categories;
one added here applies to every category (``ids`` ``[0]``). It has no start date, only an
``expires`` in RFC 2822."""

from __future__ import annotations

from collections.abc import Mapping
from email.utils import format_datetime
from typing import Any

from anycart.contract.validation import parse_moment
from anycart.errors import ApiError
from anycart.platforms.kit.coupons import action as discount
from anycart.platforms.kit.coupons import per_item, record
from anycart.platforms.kit.fields import Field, integer

from .mapping import RFC

Record = dict[str, Any]

#: Every category: BigCommerce's "applies to all products".
EVERYTHING = {"entity": "categories", "ids": [0]}


def coupon_type(p: Mapping[str, Any]) -> str:
    """The contract's action as a coupon ``type``; a percent off shipping is not one."""
    percent = p.get("action_type") == "percent"
    if p.get("action_apply_to") == "shipping":
        if percent:
            raise ApiError.invalid("action_type", "fixed: BigCommerce discounts shipping by an amount")
        return "shipping_discount"
    if percent:
        return "percentage_discount"
    return "per_item_discount" if per_item(p) else "per_total_discount"


def _expires(v: Any) -> str | None:
    return format_datetime(parse_moment("date_end", str(v))) if v else None


#: cart.coupon.add's code, amount, uses and expiry as a v2 coupon's keys.
WRITE = (Field(None, "code", param="code"), Field(None, "amount", param="action_amount", write=str),
         Field(None, "max_uses", param="usage_limit", write=int),
         Field(None, "max_uses_per_customer", param="usage_limit_per_customer", write=int),
         Field(None, "expires", param="date_end", write=_expires))
#: The parameters :func:`written` applies beside :data:`WRITE`.
WRITTEN = frozenset({"name", "action_type", "action_scope", "action_apply_to"})


def written(p: Mapping[str, Any], out: Record) -> None:
    """The coupon's name (its code, unless named) and ``type``; every coupon added here is
    enabled, for every category."""
    if float(p["action_amount"]) < 0:
        raise ApiError.invalid("action_amount", "a positive number")
    out.update(name=p.get("name") or p["code"], type=coupon_type(p), applies_to=EVERYTHING,
               enabled=True)


_EACH = {"percentage_discount", "per_item_discount"}


def coupon(c: Record, context: Mapping[str, Any] | None = None) -> Record:
    """A v2 coupon as the contract's Coupon."""
    kind = str(c.get("type") or "")
    # free shipping: all of the shipping, whatever ``amount`` says
    act = discount(kind in ("percentage_discount", "free_shipping"),
                   100 if kind == "free_shipping" else c.get("amount"), each=kind in _EACH,
                   shipping=kind in ("shipping_discount", "free_shipping"))
    return record(c.get("id"), c.get("code"), act, name=c.get("name"),
                  date_end=RFC.moment(c.get("expires")), avail=bool(c.get("enabled", True)),
                  usage_limit=integer(c.get("max_uses")),
                  usage_limit_per_customer=integer(c.get("max_uses_per_customer")),
                  used_times=integer(c.get("num_uses")),
                  additional_fields={"type": kind or None, "applies_to": c.get("applies_to"),
                                     "min_purchase": c.get("min_purchase")})
