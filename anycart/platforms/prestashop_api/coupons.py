"""Coupons as PrestaShop's cart rules (``CartRule``): one code, a percent or an amount off
(``reduction_percent`` / ``reduction_amount``, the latter off the cart or off one product),
or free shipping; ``date_from``/``date_to`` are required, so a coupon given no end runs a
year, as the back office proposes a period."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from anycart.platforms.kit.coupons import action, record
from anycart.platforms.kit.fields import integer

from .mapping import DATES, flag

Record = dict[str, Any]
#: The parameters :func:`written` applies beside the declared fields.
WRITTEN = frozenset({"action_type", "action_scope", "action_apply_to", "action_amount", "date_start"})


def written(p: Mapping[str, Any], out: Record) -> None:
    amount = float(p["action_amount"])
    if p.get("action_apply_to") == "shipping":
        out["free_shipping"] = "1"
    elif p.get("action_type") == "percent":
        out["reduction_percent"] = f"{amount:g}"
    else:
        out["reduction_amount"] = f"{amount:g}"
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    start = p.get("date_start")
    out["date_from"] = DATES.query(start) if start and start != "now" else str(now)
    out.setdefault("date_to", str(now + timedelta(days=365)))
    out["active"] = "1"


def coupon(c: Record, _: Mapping[str, Any] | None = None) -> Record:
    percent = float(c.get("reduction_percent") or 0) > 0
    shipping = bool(flag(c.get("free_shipping"))) and not percent and not float(c.get("reduction_amount") or 0)
    act = action(percent, c.get("reduction_percent") if percent else c.get("reduction_amount"),
                 each=bool(int(c.get("reduction_product") or 0)), shipping=shipping)
    return record(c.get("id"), c.get("code"), act, name=c.get("name"),
                  description=c.get("description"), date_start=DATES.moment(c.get("date_from")),
                  date_end=DATES.moment(c.get("date_to")), avail=bool(flag(c.get("active"))),
                  usage_limit=integer(c.get("quantity")),
                  usage_limit_per_customer=integer(c.get("quantity_per_user")))
