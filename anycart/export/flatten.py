"""One flat row per record, shared by the CSV and Parquet writers.

A record's top-level fields are the columns. Nested values (objects, lists: ``images``,
``additional_fields``, ``create_at`` ``{value, format}``...) are JSON-encoded into their cell,
so a row round-trips with ``json.loads`` and no field is lost or renamed. Columns are fixed by
the first record (CSV) or first batch (Parquet); a later field that has no column, or a value
that does not fit its column's type, goes into the last column, ``_extra``, as a JSON object.
"""

from __future__ import annotations

import json
from typing import Any

EXTRA = "_extra"


def cell(value: Any) -> Any:
    """A scalar as it is; an object or list as compact JSON text."""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return value


def extra_cell(extra: dict[str, Any]) -> str | None:
    return json.dumps(extra, ensure_ascii=False, separators=(",", ":"), default=str) if extra else None


def kind_of(value: Any) -> str | None:
    """The narrowest Parquet column kind (bool, int64, float64, string) holding a flattened
    value (None for a null)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64" if -2**63 <= value < 2**63 else "string"
    if isinstance(value, float):
        return "float64"
    return "string"


def merge_kind(a: str | None, b: str | None) -> str | None:
    if a is None or b is None or a == b:
        return a or b
    if {a, b} == {"int64", "float64"}:
        return "float64"
    return "string"


def fits(kind: str, value: Any) -> Any:
    """``value`` as stored in a ``kind`` column, or :data:`NOFIT` (then it goes to ``_extra``)."""
    found = kind_of(value)
    if found is None or found == kind:
        return value
    if kind == "float64" and found == "int64":
        return float(value)
    if kind == "string" and found in ("bool", "int64", "float64"):
        return json.dumps(value)
    return NOFIT


NOFIT = object()
