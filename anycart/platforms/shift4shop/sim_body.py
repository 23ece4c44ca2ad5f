"""Request-body conversion the way Json.NET model binding behaves on the real service.

``coerce`` turns a client object into a canonical one (canonical property casing, typed
values) or raises :class:`Invalid`, which the app answers with 400 and no content.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from .sim_fields import FieldSpec


class Invalid(ValueError):
    """The object cannot be bound to the service's model (the docs' 400)."""


_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
_lower_maps: dict[int, dict[str, str]] = {}


def _canonical(spec: FieldSpec) -> dict[str, str]:
    m = _lower_maps.get(id(spec))
    if m is None:
        m = _lower_maps[id(spec)] = {k.lower(): k for k in spec}
    return m


def _to_float(v: Any) -> float:
    if isinstance(v, bool):
        raise Invalid("bool for number")
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str) and _NUMBER.match(v):
        return float(v)
    raise Invalid("not a number")


def _to_int(v: Any) -> int:
    f = _to_float(v)
    if f != int(f):
        raise Invalid("not an integer")
    return int(f)


def _to_bool(v: Any) -> bool:
    if isinstance(v, bool):
        return v
    if isinstance(v, int) and v in (0, 1):
        return bool(v)
    if isinstance(v, str) and v.strip().lower() in ("true", "false"):
        return v.strip().lower() == "true"
    raise Invalid("not a boolean")


def parse_date(value: str) -> datetime:
    """3dcart dates: ``MM/dd/yyyy[ HH:mm:ss]`` in query strings, ISO 8601 in bodies."""
    s = value.strip()
    for fmt in ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y"):
        try:
            return datetime.strptime(s, fmt)
        except ValueError:
            pass
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError as exc:
        raise Invalid("bad date") from exc
    return dt.replace(tzinfo=None)


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S")


def _to_date(v: Any) -> str:
    if not isinstance(v, str):
        raise Invalid("not a date")
    return iso(parse_date(v))


def _convert(v: Any, kind: Any) -> Any:
    if isinstance(kind, dict):
        if not isinstance(v, dict):
            raise Invalid("object expected")
        return coerce(v, kind)
    if isinstance(kind, list):
        if not isinstance(v, list):
            raise Invalid("array expected")
        return [_convert(item, kind[0]) for item in v]
    if kind == "str":
        if isinstance(v, (dict, list)):
            raise Invalid("string expected")
        return v if isinstance(v, str) else ("true" if v is True else "false" if v is False else str(v))
    if kind == "float":
        return _to_float(v)
    if kind == "int":
        return _to_int(v)
    if kind == "bool":
        return _to_bool(v)
    if kind == "date":
        return _to_date(v)
    raise AssertionError(kind)


def coerce(obj: Any, spec: FieldSpec) -> dict[str, Any]:
    """Canonical copy of ``obj``; nulls mean "not sent" (nullable C# properties)."""
    if not isinstance(obj, dict):
        raise Invalid("object expected")
    names = _canonical(spec)
    out: dict[str, Any] = {}
    for key, value in obj.items():
        name = names.get(key.lower()) if isinstance(key, str) else None
        if name is None or value is None:
            continue  # Json.NET ignores unknown members
        out[name] = _convert(value, spec[name])
    return out


def merge(target: dict[str, Any], changes: dict[str, Any]) -> None:
    """Apply an update: nested objects merge, scalars and lists replace."""
    for key, value in changes.items():
        current = target.get(key)
        if isinstance(value, dict) and isinstance(current, dict):
            merge(current, value)
        else:
            target[key] = value
