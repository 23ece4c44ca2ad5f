"""A platform's dates, declared once (:class:`Dates`): how its answers write them and how its
queries take a contract date filter (``created_from``...).

:data:`ISO` is a platform speaking ISO 8601 throughout (Shopify): it reads ``Z`` or an offset,
and its queries take ISO 8601 in UTC. A platform whose texts are not all ISO 8601
(Shift4Shop's ``MM/dd/yyyy``) lists its formats and its query format; one keeping Unix
times (WooCommerce's Shipment Tracking dates) says ``unix``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from anycart.contract.validation import parse_moment
from anycart.model import A2CDateTime


@dataclass(frozen=True)
class Dates:
    """``parse`` reads what the platform answers (ISO 8601, else one of ``formats``; a text
    starting with a ``none`` prefix such as ``0001-01-01`` is no date), ``a2c`` makes the
    contract's date of it. ``query`` writes a contract date filter in ``query_format`` (a
    bare date in ``bare``, so an end bound takes the whole day), in UTC when it names its
    zone, a ``ValueError`` for no date (109 naming the filter, through ``Filter``); with no
    ``query_format`` it is ISO 8601 in UTC, read as the contract reads dates (:meth:`filter`
    then names the filter in its 109)."""

    formats: tuple[str, ...] = ()
    query_format: str | None = None
    bare: str = "%Y-%m-%d"
    none: tuple[str, ...] = ()
    #: A whole number (or its text) is Unix seconds (UTC); :meth:`stamp` writes one.
    unix: bool = False

    def parse(self, value: Any) -> datetime | None:
        if self.unix and value not in (None, "") and str(value).isdecimal():
            return datetime.fromtimestamp(int(str(value)), UTC)
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

    def stamp(self, moment: datetime) -> str:
        """A moment as this platform writes one: Unix seconds as text (``unix``), else ISO
        8601."""
        return str(int(moment.timestamp())) if self.unix else moment.isoformat()

    def a2c(self, value: Any) -> A2CDateTime | None:
        return A2CDateTime.of(self.parse(value))

    def moment(self, value: Any) -> str | None:
        """The contract's moment text of a platform date (fields that are a plain string)."""
        date = self.a2c(value)
        return date.value if date else None

    def utc(self, value: Any) -> datetime:
        """A date as naive UTC (one naming no zone taken as UTC), to compare dates here (a
        record's and a contract bound); a ``ValueError`` for no date."""
        dt = self.parse(str(value))
        if dt is None:
            raise ValueError(value)
        return dt.astimezone(UTC).replace(tzinfo=None) if dt.tzinfo else dt

    def iso(self, value: Any) -> str:
        """A contract date parameter as a body's ISO 8601 date and time (its own zone kept
        as is, dropped); a ``ValueError`` for no date."""
        dt = self.parse(str(value))
        if dt is None:
            raise ValueError(value)
        return dt.replace(tzinfo=None).isoformat(timespec="seconds")

    def query(self, value: Any, name: str = "date") -> str:
        if self.query_format is None:
            return parse_moment(name, str(value)).astimezone(UTC).isoformat()
        dt = self.parse(str(value)) if value is not None else None
        if dt is None:
            raise ValueError(value)
        if dt.tzinfo is not None:
            dt = dt.astimezone(UTC).replace(tzinfo=None)
        text = str(value).strip()
        return dt.strftime(self.bare if len(text) <= 10 and ":" not in text else self.query_format)

    def filter(self, name: str) -> Callable[[Any], str]:
        """The converter of contract date filter ``name`` (``date_filters(named=...)``)."""
        return lambda value: self.query(value, name)


#: ISO 8601 answers and queries (UTC when no offset is given).
ISO = Dates()
