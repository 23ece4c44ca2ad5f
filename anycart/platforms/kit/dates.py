"""Dates of REST platforms that speak ISO 8601 (Shopify, WooCommerce, Shift4Shop's answers).

:func:`moment` reads a platform's timestamp (``Z`` or an offset) as the contract's
``A2CDateTime``; :func:`iso_filter` makes the converter of a contract date filter
(``created_from``...) into the platform's ISO 8601 in UTC, 109 naming the filter for a date
the contract cannot read. :class:`Dates` is a platform whose texts are not all ISO 8601
(Shift4Shop's ``MM/dd/yyyy``): it reads them in its formats and writes its query format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Dates:
    """``parse`` reads what the platform answers (ISO 8601, else one of ``formats``; a text
    starting with a ``none`` prefix such as ``0001-01-01`` is no date), ``a2c`` makes the
    contract's date of it, ``query`` writes a contract date filter in ``query_format`` (a
    bare date in ``bare``, so an end bound takes the whole day), in UTC when it names its
    zone; a ``ValueError`` for no date (109 naming the filter, through ``Filter``)."""

    formats: tuple[str, ...] = ()
    query_format: str = "%Y-%m-%d %H:%M:%S"
    bare: str = "%Y-%m-%d"
    none: tuple[str, ...] = ()

    def parse(self, value: Any) -> datetime | None:
        if not value or not isinstance(value, str):
            return None
        s = value.strip()
        if self.none and s.startswith(self.none):
            return None
        try:
            return datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            pass
        for fmt in self.formats:
            try:
                return datetime.strptime(s, fmt)
            except ValueError:
                continue
        return None

    def a2c(self, value: Any) -> A2CDateTime | None:
        return A2CDateTime.of(self.parse(value))

    def iso(self, value: Any) -> str:
        """A contract date parameter as a body's ISO 8601 date and time (its own zone kept
        as is, dropped); a ``ValueError`` for no date."""
        dt = self.parse(str(value))
        if dt is None:
            raise ValueError(value)
        return dt.replace(tzinfo=None).isoformat(timespec="seconds")

    def query(self, value: Any) -> str:
        dt = self.parse(str(value)) if value is not None else None
        if dt is None:
            raise ValueError(value)
        if dt.tzinfo is not None:
            dt = dt.astimezone(UTC).replace(tzinfo=None)
        text = str(value).strip()
        return dt.strftime(self.bare if len(text) <= 10 and ":" not in text else self.query_format)
