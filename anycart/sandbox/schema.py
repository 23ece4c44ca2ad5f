"""Typed records: a field spec says each field's kind; bodies bind to it, blanks follow it.

A spec maps field names to kinds: ``"int"``, ``"float"``, ``"bool"``, ``"str"``, ``"date"``,
a nested spec (a dict) or a list of one (``[spec]``). :func:`coerce` binds a client object the
way typed model binders (Json.NET, Rails strong params) do: names match case-insensitively,
unknown names and nulls are dropped, numeric strings become numbers, and a value that cannot
convert makes the whole object :class:`~anycart.sandbox.errors.Invalid`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from .errors import Invalid

FieldSpec = dict[str, Any]
#: a client date value -> the stored text (raises Invalid)
DateParser = Callable[[str], str]

_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
_BLANK = {"str": "", "int": 0, "float": 0.0, "bool": False, "date": None}
_lower_maps: dict[int, dict[str, str]] = {}


def parse_datetime(value: str, formats: tuple[str, ...] = ()) -> datetime:
    """``value`` in one of the platform's ``strptime`` formats, else ISO 8601 (naive: an
    offset is dropped, as platforms keeping store-local time do); Invalid otherwise."""
    s = value.strip()
    for fmt in formats:
        try:
            return datetime.strptime(s, fmt)
        except ValueError:
            pass
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError as exc:
        raise Invalid("bad date") from exc


def iso_date(value: str, formats: tuple[str, ...] = ()) -> str:
    """A client date in, ``YYYY-MM-DDTHH:MM:SS`` (naive) out."""
    return parse_datetime(value, formats).strftime("%Y-%m-%dT%H:%M:%S")


def _canonical(spec: FieldSpec) -> dict[str, str]:
    m = _lower_maps.get(id(spec))
    if m is None:
        m = _lower_maps[id(spec)] = {k.lower(): k for k in spec}
    return m


def to_float(v: Any) -> float:
    if isinstance(v, bool):
        raise Invalid("bool for number")
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str) and _NUMBER.match(v):
        return float(v)
    raise Invalid("not a number")


def to_int(v: Any) -> int:
    f = to_float(v)
    if f != int(f):
        raise Invalid("not an integer")
    return int(f)


def to_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, int) and v in (0, 1):
        return bool(v)
    if isinstance(v, str) and v.strip().lower() in ("true", "false"):
        return v.strip().lower() == "true"
    raise Invalid("not a boolean")


def _to_str(v: Any) -> str:
    if isinstance(v, (dict, list)):
        raise Invalid("string expected")
    return v if isinstance(v, str) else ("true" if v is True else "false" if v is False else str(v))


def _convert(v: Any, kind: Any, date: DateParser) -> Any:
    if isinstance(kind, dict):
        return coerce(v, kind, date=date)
    if isinstance(kind, list):
        if not isinstance(v, list):
            raise Invalid("array expected")
        return [_convert(item, kind[0], date) for item in v]
    if kind == "date":
        if not isinstance(v, str):
            raise Invalid("not a date")
        return date(v)
    conv: Callable[[Any], Any] = {"str": _to_str, "float": to_float, "int": to_int,
                                  "bool": to_bool}[kind]
    return conv(v)


def coerce(obj: Any, spec: FieldSpec, *, date: DateParser = iso_date) -> dict[str, Any]:
    """Canonical copy of ``obj`` (canonical names, typed values); nulls mean "not sent"."""
    if not isinstance(obj, dict):
        raise Invalid("object expected")
    names = _canonical(spec)
    out: dict[str, Any] = {}
    for key, value in obj.items():
        name = names.get(key.lower()) if isinstance(key, str) else None
        if name is None or value is None:
            continue  # unknown members are ignored
        out[name] = _convert(value, spec[name], date)
    return out


def blank(spec: FieldSpec) -> dict[str, Any]:
    """A record with every field present at its kind's empty value."""
    out: dict[str, Any] = {}
    for name, kind in spec.items():
        if isinstance(kind, dict):
            out[name] = blank(kind)
        elif isinstance(kind, list):
            out[name] = []
        else:
            out[name] = _BLANK[kind]
    return out


def filled(spec: FieldSpec, item: dict[str, Any]) -> dict[str, Any]:
    """``item`` over a blank record: every field present."""
    row = blank(spec)
    merge(row, item)
    return row


def merge(target: dict[str, Any], changes: dict[str, Any]) -> None:
    """Apply an update: nested objects merge, scalars and lists replace."""
    for key, value in changes.items():
        current = target.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            merge(current, value)
        else:
            target[key] = value


def required(doc: dict[str, Any], paths: tuple[str, ...]) -> None:
    """Raise Invalid naming the first dotted path of ``paths`` missing or empty in ``doc``."""
    for path in paths:
        value: Any = doc
        for part in path.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value in (None, ""):
            raise Invalid(f"{path} is required", path)
