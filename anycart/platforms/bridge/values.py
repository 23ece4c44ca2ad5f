"""The one set of value converters every bridge cart driver uses, both ways.

Call parameter -> SQL value (``ids``, ``first_id``, ``bit``, ``flag``, ``amount``,
``html_stored``, ``db_time`` ...) and cart column -> unified value (``number``, ``html_text``,
``a2c``, ``a2c_gmt``, ``iso`` ...). Converters used by filter declarations
(:class:`~.sqlentity.Filter`) take one value and raise :class:`ValueError` with what they
expect; the filter turns that into 109 naming the parameter.

Carts keep naive DATETIMEs on the store's clock (see :mod:`.clock`, except WordPress's
``*_gmt`` columns, which are UTC); the date helpers convert in the zone of the store the
current call serves.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from anycart.contract.validation import parse_bool, parse_moment
from anycart.errors import ApiError
from anycart.model import A2CDateTime

from .clock import from_local, from_utc, to_local, to_utc

# -- ids and numbers ---------------------------------------------------------------------------


def ids(value: Any) -> list[int]:
    """``1,2,3`` (or a list) as ints; blanks skipped."""
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    out = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        if not text.isdecimal():
            raise ValueError("comma-separated numeric ids")
        out.append(int(text))
    return out


def first_id(value: Any) -> int | None:
    """The first id of ``ids`` (a filter on one id given as ``5`` or ``5,6``)."""
    found = ids(value)
    return found[0] if found else None


def id_list(params: Mapping[str, Any], name: str) -> list[int] | None:
    """``params[name]`` as ints, None when not given; 109 naming it when one is no number."""
    value = params.get(name)
    if value in (None, "", []):
        return None
    try:
        return ids(value)
    except ValueError as exc:
        raise ApiError.invalid(name, str(exc)) from None


def one_id(value: Any, entity: str) -> int:
    """An id parameter as an int; a non-numeric id cannot exist in the cart, hence 112."""
    text = str(value).strip()
    if not text.isdecimal():
        raise ApiError.not_found(entity, value)
    return int(text)


def whole(value: Any) -> int:
    """An integer parameter (``"3"``, ``3``, ``3.0``)."""
    number = float(value)
    if number != int(number):
        raise ValueError("a whole number")
    return int(number)


def bit(value: Any) -> int:
    """A boolean parameter as a TINYINT: 1 or 0 (``"false"``/``"0"`` are false)."""
    return int(truthy(value))


def boolean(value: Any) -> int:
    """A boolean parameter as 1/0, strictly (``maybe`` is a :class:`ValueError`: 109)."""
    try:
        return int(parse_bool("", value))
    except ApiError:
        raise ValueError("boolean") from None


def truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off")
    return bool(value)


def flag(params: Mapping[str, Any], name: str) -> bool | None:
    """A boolean parameter, None when not given."""
    value = params.get(name)
    return None if value is None else truthy(value)


def number(value: Any) -> float | None:
    """A DECIMAL/FLOAT column (text from the bridge) as a float; blank or junk is None."""
    try:
        return None if value in (None, "") else float(value)
    except (TypeError, ValueError):
        return None


def amount(value: Any, name: str, required: bool = False) -> float:
    """A money or quantity parameter: a finite number not below 0 (109 naming ``name``)."""
    if value in (None, ""):
        if required:
            raise ApiError.required(name)
        return 0.0
    try:
        found = float(value)
    except (TypeError, ValueError):
        raise ApiError.invalid(name, "a number") from None
    if not math.isfinite(found) or found < 0:
        raise ApiError.invalid(name, "a number not below 0")
    return found


def email(value: Any, name: str, size: int = 100) -> str:
    """An e-mail address parameter, stripped, that fits the cart's column (``size``
    characters); 109 naming ``name`` otherwise."""
    text = str(value).strip()
    if "@" not in text or len(text) > size:
        raise ApiError.invalid(name, "e-mail address")
    return text


def stock_delta(params: Mapping[str, Any]) -> float:
    """product.update's ``increase_quantity`` less its ``reduce_quantity``: each a number not
    below 0 (109 naming it), 0 when not given."""
    return amount(params.get("increase_quantity"), "increase_quantity") - amount(
        params.get("reduce_quantity"), "reduce_quantity")


def sid(value: Any) -> str | None:
    """An id column as the contract's string id; blank is None."""
    return None if value in (None, "") else str(value)


# -- text --------------------------------------------------------------------------------------


def html_text(value: Any) -> str | None:
    """A text column a cart stores HTML-escaped (``&amp;``), as the shopper reads it."""
    return None if value is None else html.unescape(str(value))


def html_stored(value: Any) -> str:
    """Text as a cart's admin stores it after PHP's ``htmlspecialchars($v, ENT_COMPAT)``
    (``& < > "``, not ``'``): OpenCart's request object does this to all input."""
    return (str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def given_text(params: Mapping[str, Any], name: str, stored: bool = True) -> str:
    """A text parameter stripped (and HTML-escaped when ``stored``), or ``""``."""
    value = params.get(name)
    if value in (None, ""):
        return ""
    text = str(value).strip()
    return html_stored(text) if stored else text


# -- status maps -------------------------------------------------------------------------------


class StatusMap:
    """Contract status names <-> a cart's stored codes: ``StatusMap({"enabled": 1,
    "disabled": 0}, active=1, inactive=0)``. Extra keyword names are accepted aliases
    (case-insensitive) read but never answered."""

    def __init__(self, names: Mapping[str, Any], **aliases: Any) -> None:
        self.names = dict(names)
        self._codes = {str(k).lower(): v for k, v in {**aliases, **names}.items()}
        self._back = {str(v): k for k, v in names.items()}

    def code(self, value: Any) -> Any:
        """The stored code of a contract name (or of a code given as such)."""
        key = str(value).strip().lower()
        if key in self._codes:
            return self._codes[key]
        if key in self._back:
            return self.names[self._back[key]]
        raise ValueError(" or ".join(self.names))

    def name(self, code: Any) -> str | None:
        return self._back.get(str(code))


#: One switch for enabled/visible/for sale (OpenCart ``status``, PrestaShop ``active``).
ENABLED = StatusMap({"enabled": 1, "disabled": 0}, active=1, inactive=0, true=1, false=0)


# -- dates on the store's clock ----------------------------------------------------------------


def moment(params: Mapping[str, Any], name: str) -> datetime | None:
    value = params.get(name)
    return None if value in (None, "") else parse_moment(name, value)


def db_time(when: datetime) -> str:
    """A moment as a cart DATETIME on the store's clock (naive: already on it)."""
    return to_local(when).strftime("%Y-%m-%d %H:%M:%S")


def given_db_time(params: Mapping[str, Any], name: str) -> str | None:
    """Parameter ``name`` as a cart DATETIME, or None when it is not given."""
    value = moment(params, name)
    return None if value is None else db_time(value)


def gmt_time(when: datetime) -> str:
    """A moment as a UTC DATETIME (WordPress ``*_gmt`` columns, ``user_registered``)."""
    return to_utc(when).strftime("%Y-%m-%d %H:%M:%S")


def _parse_db_time(value: Any) -> datetime | None:
    if value in (None, "") or str(value).startswith("0000-00-00"):
        return None
    if isinstance(value, datetime):
        return value
    return datetime.strptime(str(value)[:19], "%Y-%m-%d %H:%M:%S")


def from_db_time(value: Any) -> datetime | None:
    """A cart DATETIME (text or datetime) on the store's clock, as an aware datetime with
    the store's offset; zero dates are None."""
    parsed = _parse_db_time(value)
    return None if parsed is None else from_local(parsed)


def from_gmt_time(value: Any) -> datetime | None:
    """A UTC DATETIME (``*_gmt``), as an aware datetime with the store's offset."""
    parsed = _parse_db_time(value)
    return None if parsed is None else from_utc(parsed)


def a2c(value: Any) -> A2CDateTime | None:
    """A cart DATETIME on the store's clock as the contract's date object."""
    return A2CDateTime.of(from_db_time(value))


def a2c_gmt(value: Any) -> A2CDateTime | None:
    """A UTC DATETIME as the contract's date object (with the store's offset)."""
    return A2CDateTime.of(from_gmt_time(value))


def iso(value: Any) -> str | None:
    """A cart DATETIME as ISO 8601 with the store's offset (``2025-01-02T03:04:05+0100``)."""
    parsed = from_db_time(value)
    return parsed.strftime("%Y-%m-%dT%H:%M:%S%z") if parsed else None


_BARE_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def db_moment(params: Mapping[str, Any], name: str) -> str | None:
    """A date parameter as the cart DATETIME a write stores: a bare date (``2025-01-01``) is
    that calendar day on the store's clock, local midnight, as the cart's admin means it (not
    the UTC midnight a filter reads); a time converts to the store's clock like any moment."""
    value = params.get(name)
    if value in (None, ""):
        return None
    text = str(value).strip()
    if _BARE_DATE.match(text):
        parse_moment(name, text)  # 109 for 2025-13-45
        return f"{text} 00:00:00"
    return db_time(parse_moment(name, text))


def now_db() -> str:
    """Now on the store's clock, as the cart itself would write ``date_modified``."""
    return db_time(datetime.now(UTC))


def now_gmt() -> str:
    return gmt_time(datetime.now(UTC))
