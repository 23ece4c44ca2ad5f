"""Value rules shared by the resources: money, tags, handles, numbers, e-mail addresses."""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation
from typing import Any

_SLUG = re.compile(r"[^a-z0-9]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CENT = Decimal("0.01")


def money(value: Any) -> str:
    """A price as Shopify renders it ("19.90"); ``ValueError`` when not a number."""
    if isinstance(value, bool) or value is None:
        raise ValueError("not a number")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("not a number") from None
    if not amount.is_finite():
        raise ValueError("not a number")
    try:  # 1e30 has no cents within the context's 28 digits: not a price Shopify stores
        return str(amount.quantize(CENT))
    except InvalidOperation:
        raise ValueError("not a number") from None


def cents(text: str | None) -> int:
    return int((Decimal(text or "0") * 100).to_integral_value())


def from_cents(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}" if value >= 0 else "-" + from_cents(-value)


def money_error(errors: dict[str, list[str]], name: str, value: Any,
                nullable: bool = False) -> str | None:
    """Validate a price field into ``errors``; the normalized text (or None)."""
    if value is None or value == "":
        if nullable:
            return None
        errors.setdefault(name, []).append("can't be blank")
        return None
    try:
        text = money(value)
    except ValueError:
        errors.setdefault(name, []).append("is not a number")
        return None
    if Decimal(text) < 0:
        errors.setdefault(name, []).append("must be greater than or equal to 0")
    return text


def integer(errors: dict[str, list[str]], name: str, value: Any) -> int | None:
    if isinstance(value, bool):
        errors.setdefault(name, []).append("is not a number")
        return None
    try:
        if isinstance(value, float) and not value.is_integer():
            raise ValueError
        return int(str(value).strip()) if not isinstance(value, (int, float)) else int(value)
    except (TypeError, ValueError):
        errors.setdefault(name, []).append("is not a number")
        return None


def number(errors: dict[str, list[str]], name: str, value: Any) -> float | None:
    if isinstance(value, bool):
        errors.setdefault(name, []).append("is not a number")
        return None
    try:
        result = float(value)
    except (TypeError, ValueError):
        result = math.nan
    if not math.isfinite(result):  # "NaN", "inf" and 1e400 are no measure Shopify stores
        errors.setdefault(name, []).append("is not a number")
        return None
    return result


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def tags(value: Any) -> str:
    """Shopify's tag string: unique (case-insensitively), sorted, joined by ", "."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    seen: dict[str, str] = {}
    for tag in items:
        t = str(tag).strip()
        if t and t.lower() not in seen:
            seen[t.lower()] = t
    return ", ".join(sorted(seen.values(), key=str.lower))


def slug(title: str) -> str:
    return _SLUG.sub("-", title.lower()).strip("-") or "untitled"


def valid_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def boolean(value: Any, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)
