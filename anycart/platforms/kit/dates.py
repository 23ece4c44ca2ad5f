"""Dates of REST platforms that speak ISO 8601 (Shopify, WooCommerce, Shift4Shop's answers).

:func:`moment` reads a platform's timestamp (``Z`` or an offset) as the contract's
``A2CDateTime``; :func:`iso_filter` makes the converter of a contract date filter
(``created_from``...) into the platform's ISO 8601 in UTC, 109 naming the filter for a date
the contract cannot read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from anycart.contract.validation import parse_moment
from anycart.model import A2CDateTime


def moment(value: Any) -> A2CDateTime | None:
    """A platform timestamp as the contract's; None when empty or unreadable."""
    if not value:
        return None
    try:
        return A2CDateTime.of(datetime.fromisoformat(str(value).replace("Z", "+00:00")))
    except ValueError:
        return None


def iso_filter(name: str) -> Callable[[Any], str]:
    """The converter of contract date filter ``name`` (UTC when no offset is given)."""
    return lambda value: parse_moment(name, str(value)).astimezone(UTC).isoformat()
