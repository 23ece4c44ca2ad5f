"""Validating client values the way Rails-backed platforms do (Shopify, BigCommerce...).

A write collects field errors (``{"title": ["can't be blank"]}``) instead of failing on the
first; :func:`check` then answers 422 ``{"errors": {...}}`` if any. The converters here take
``(errors, name, value)`` and return the normalized value, or None after noting an error.
:func:`assign` applies a table of them (a :data:`Rules` declaration) to a record.
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from .errors import SimError
from .table import Index

Errors = dict[str, list[str]]
#: (errors, field name, client value, current value) -> the value to store
Rule = Callable[[Errors, str, Any, Any], Any]
Rules = Mapping[str, Rule]

CENT = Decimal("0.01")
_SLUG = re.compile(r"[^a-z0-9]+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def add(errors: Errors, name: str, message: str) -> None:
    errors.setdefault(name, []).append(message)


def check(errors: Errors) -> None:
    """422 with every collected field error."""
    if errors:
        raise SimError(422, {"errors": errors})


def rejected(errors: Errors) -> SimError:
    return SimError(422, {"errors": errors})


# -- money and numbers --------------------------------------------------------------------
def money(value: Any) -> str:
    """A price as text with two decimals ("19.90"); ``ValueError`` when not a number."""
    if isinstance(value, bool) or value is None:
        raise ValueError("not a number")
    try:
        amount = Decimal(str(value).strip())
        if not amount.is_finite():
            raise ValueError("not a number")
        return str(amount.quantize(CENT))  # 1e30 has no cents within 28 digits: refused
    except InvalidOperation:
        raise ValueError("not a number") from None


def cents(text: str | None) -> int:
    return int((Decimal(text or "0") * 100).to_integral_value())


def from_cents(value: int) -> str:
    return f"{value // 100}.{value % 100:02d}" if value >= 0 else "-" + from_cents(-value)


def money_error(errors: Errors, name: str, value: Any, nullable: bool = False) -> str | None:
    """A price field: required (unless ``nullable``), a number, not negative."""
    if value is None or value == "":
        if not nullable:
            add(errors, name, "can't be blank")
        return None
    try:
        text = money(value)
    except ValueError:
        add(errors, name, "is not a number")
        return None
    if Decimal(text) < 0:
        add(errors, name, "must be greater than or equal to 0")
    return text


def integer(errors: Errors, name: str, value: Any) -> int | None:
    try:
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise ValueError
        return int(value) if isinstance(value, (int, float)) else int(str(value).strip())
    except (TypeError, ValueError):
        add(errors, name, "is not a number")
        return None


def number(errors: Errors, name: str, value: Any) -> float | None:
    try:
        result = math.nan if isinstance(value, bool) else float(value)
    except (TypeError, ValueError):
        result = math.nan
    if not math.isfinite(result):  # "NaN", "inf" and 1e400 are no measure a store keeps
        add(errors, name, "is not a number")
        return None
    return result


# -- text ---------------------------------------------------------------------------------
def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def tags(value: Any) -> str:
    """A tag string: unique (case-insensitively), sorted, joined by ", "."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    seen: dict[str, str] = {}
    for tag in items:
        t = str(tag).strip()
        if t and t.lower() not in seen:
            seen[t.lower()] = t
    return ", ".join(sorted(seen.values(), key=str.lower))


def slug(title: str, empty: str = "untitled") -> str:
    """``title`` lower case, each run of other characters one ``-`` (``empty`` when nothing
    is left)."""
    return _SLUG.sub("-", title.lower()).strip("-") or empty


def numbered(index: Index, base: str, key: Any = None, start: int = 1) -> str:
    """``base``, else ``base-<n>`` counting from ``start``: the first that no record but
    ``key`` holds (Shopify's handles count from 1, WordPress's ``wp_unique_post_slug``
    from 2)."""
    handle, n = base, start - 1
    while index.get(handle) not in (None, key):
        n += 1
        handle = f"{base}-{n}"
    return handle


def valid_email(value: str) -> bool:
    return bool(_EMAIL.match(value))


def e164(value: Any, country_code: str = "1") -> str | None:
    """A phone number in E.164 (``+15035550101``); ten digits without ``+`` take
    ``country_code``. None when it cannot be a phone number."""
    raw = text(value)
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 7 or len(digits) > 15 or re.search(r"[^\d\s()+.\-]", raw):
        return None
    if not raw.startswith("+") and len(digits) == 10:
        digits = country_code + digits
    return "+" + digits


def url_errors(value: Any, *, allow_http: bool = True) -> list[str]:
    """The errors of a callback URL field: blank, not an absolute http(s) URL, or plain
    http where only https is taken."""
    if not isinstance(value, str) or not value.strip():
        return ["can't be blank"]
    try:
        parts = urlsplit(value.strip())
    except ValueError:  # an unclosed "[": invalid, not a crash
        return ["is invalid"]
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ["is invalid"]
    return ["protocol http:// is not supported"] if parts.scheme == "http" and not allow_http \
        else []


def unique_slug(index: Index, wanted: Any, title: str, key: Any, errors: Errors,
                field: str = "handle", shared: Sequence[Index] = ()) -> str:
    """A record's URL handle: the one asked for (an update, ``key`` not None, may not take
    another record's), else the title's slug made unique with ``-1``, ``-2``...; one that
    ``shared`` (other tables' handles in the same namespace) holds is taken too."""
    def taken(handle: str) -> bool:
        return index.get(handle) not in (None, key) or any(handle in other for other in shared)
    base = slug(text(wanted) or title)
    if key is not None:
        if taken(base):
            add(errors, field, "has already been taken")
        return base
    handle, n = base, 0
    while taken(handle):
        n += 1
        handle = f"{base}-{n}"
    return handle


def boolean(value: Any, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


# -- timestamps in a store's fixed zone ---------------------------------------------------
def fmt_ts(ts: float, zone: timezone) -> str:
    """Epoch seconds -> ISO 8601 text with the zone's offset."""
    return datetime.fromtimestamp(int(ts), zone).isoformat()


def parse_ts(value: str, zone: timezone) -> float:
    """ISO 8601 (date, or date-time with or without offset; a naive one is in ``zone``) ->
    epoch seconds; ``ValueError`` for anything else."""
    raw = value.strip().replace(" ", "+") if "T" in value else value.strip()
    parsed = datetime.fromisoformat(raw)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)).timestamp()


def fixed_zone(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


def stamp_after(now: float, previous: str | None, zone: timezone) -> str:
    """``now`` as text, but strictly later than ``previous`` (so ``updated_at`` changes on
    every write, even two within one second)."""
    if previous:
        with contextlib.suppress(ValueError):
            now = max(now, parse_ts(previous, zone) + 1)
    return fmt_ts(now, zone)


# -- rules: declared field conversions ----------------------------------------------------
def assign(record: dict[str, Any], body: Mapping[str, Any], rules: Rules,
           errors: Errors) -> None:
    """For each field of ``rules`` present in ``body``, store the rule's value."""
    for name, rule in rules.items():
        if name in body:
            record[name] = rule(errors, name, body[name], record.get(name))


def raw(errors: Errors, name: str, value: Any, current: Any) -> Any:
    return value


def stripped(errors: Errors, name: str, value: Any, current: Any) -> str:
    return text(value)


def stripped_or_none(errors: Errors, name: str, value: Any, current: Any) -> str | None:
    return text(value) or None


def keep_none(errors: Errors, name: str, value: Any, current: Any) -> str | None:
    """Text, but a null stays null."""
    return None if value is None else text(value)


def flag(errors: Errors, name: str, value: Any, current: Any) -> bool:
    return boolean(value, bool(current))


def tag_list(errors: Errors, name: str, value: Any, current: Any) -> str:
    return tags(value)


def email(errors: Errors, name: str, value: Any, current: Any) -> str | None:
    """An e-mail address in lower case (blank: null); "is invalid" when it cannot be one."""
    got = text(value).lower() or None
    if got and not valid_email(got):
        add(errors, name, "is invalid")
    return got


def phone(errors: Errors, name: str, value: Any, current: Any) -> str | None:
    """A phone number in E.164 (blank: null); "is invalid" when it cannot be one."""
    got = e164(value) if value else None
    if value and got is None:
        add(errors, name, "is invalid")
    return got


def strings(errors: Errors, name: str, value: Any, current: Any) -> Any:
    """A list of texts (anything else leaves the field as it is)."""
    return [str(x) for x in value] if isinstance(value, list) else current


def blank_keeps(rule: Rule) -> Rule:
    """``rule``, but a blank client value (null, "", []) keeps the current value (on a
    create: the template's default)."""
    def blank_or_rule(errors: Errors, name: str, value: Any, current: Any) -> Any:
        if value is None or (isinstance(value, (str, list)) and not str(value).strip()):
            return current
        return rule(errors, name, value, current)
    return blank_or_rule


def timestamp(parse: Callable[[str], float], render: Callable[[float], str]) -> Rule:
    """A time a client sends, stored as the store renders times (blank: null; "is
    invalid" when it is no time ``parse`` reads)."""
    def rule(errors: Errors, name: str, value: Any, current: Any) -> str | None:
        if value in (None, ""):
            return None
        try:
            return render(parse(str(value)))
        except ValueError:
            add(errors, name, "is invalid")
            return None
    return rule


def price(nullable: bool = False) -> Rule:
    def rule(errors: Errors, name: str, value: Any, current: Any) -> Any:
        got = money_error(errors, name, value, nullable)
        return got if got is not None or nullable else current
    return rule


def one_of(*allowed: str, default: str | None = None) -> Rule:
    """One of ``allowed`` ("is not included in the list" otherwise; falsy -> ``default``
    when one is given)."""
    def rule(errors: Errors, name: str, value: Any, current: Any) -> Any:
        if default is not None and not value:
            return default
        if isinstance(value, str) and value in allowed:
            return value
        add(errors, name, "is not included in the list")
        return current
    return rule
