"""The store's clock: bridge carts keep naive DATETIMEs in the store's own time zone.

OpenCart sets PHP's zone and MySQL's session ``time_zone`` from ``config_timezone`` and writes
``NOW()``; PrestaShop writes PHP's ``date()`` in ``PS_TIMEZONE``; WordPress writes local time
(``timezone_string``, else ``gmt_offset``) next to UTC ``*_gmt`` columns. AnyCart reads the
zone once per store (kept with the bridge config, see :meth:`BridgeConnector.store_zone`) and
serves each call in it: :func:`using_zone` makes it the zone of :mod:`.sqlkit`'s date helpers
for that call, so a driver's ``now_db()``/``db_time()``/``from_db_time()`` speak the cart's
own clock without passing it around.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_zone: ContextVar[tzinfo] = ContextVar("anycart_store_zone", default=UTC)
_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def zone_named(name: str | None) -> tzinfo:
    """A cart's zone setting as a tzinfo: an IANA name (``America/New_York``), an offset
    (``+05:30``, ``UTC-5``) or WordPress's ``gmt_offset`` in hours (``5.5``). Empty or
    unknown names are UTC, as PHP falls back to UTC for a zone it does not know."""
    text = str(name or "").strip()
    if not text or text.upper() in ("UTC", "GMT", "Z"):
        return UTC
    try:
        hours = float(text)
    except ValueError:
        pass
    else:
        return fixed_offset(timedelta(hours=hours))
    match = _OFFSET.match(text)
    if match:
        sign, hh, mm = match.groups()
        delta = timedelta(hours=int(hh), minutes=int(mm or 0))
        return fixed_offset(-delta if sign == "-" else delta)
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def fixed_offset(delta: timedelta) -> tzinfo:
    return UTC if not delta else timezone(delta)


def store_zone() -> tzinfo:
    """The zone of the store the current call serves (UTC outside a bridge call)."""
    return _zone.get()


@contextmanager
def using_zone(zone: tzinfo) -> Iterator[None]:
    token = _zone.set(zone)
    try:
        yield
    finally:
        _zone.reset(token)


def to_local(moment: datetime) -> datetime:
    """An aware moment as the store's naive wall-clock time; naive moments are taken as
    already on the store's clock."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(store_zone()).replace(tzinfo=None)


def from_local(moment: datetime) -> datetime:
    """A naive store wall-clock time as an aware moment with the store's offset. A time in
    the hour a DST change repeats is read as its first occurrence (``fold=0``)."""
    if moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=store_zone())


def to_utc(moment: datetime) -> datetime:
    """An aware moment as naive UTC (WordPress ``*_gmt`` columns); naive is taken as UTC."""
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def from_utc(moment: datetime) -> datetime:
    """A naive UTC time (a ``*_gmt`` column), shown with the store's offset."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    try:
        return aware.astimezone(store_zone())
    except OverflowError:  # 0001-01-01 or 9999-12-31 moved past datetime's range: keep UTC
        return aware
