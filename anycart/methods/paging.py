"""Opaque page cursors: the filters and the next offset of a list, URL-safe.

A cursor replays the query that produced it, which is why the contract forbids combining
``page_cursor`` with filters: the cursor's filters win.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError


@dataclass(frozen=True)
class PageRequest:
    start: int
    count: int
    filters: dict[str, Any]


def encode_cursor(method: str, start: int, count: int, filters: dict[str, Any]) -> str:
    raw = json.dumps({"m": method, "s": start, "c": count, "f": filters},
                     separators=(",", ":"), sort_keys=True, default=str)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(method: str, cursor: str) -> PageRequest:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if data["m"] != method:
            raise ValueError("cursor of another method")
        start, count, filters = int(data["s"]), int(data["c"]), data["f"]
        if start < 0 or not 0 < count <= 250 or not isinstance(filters, dict):
            raise ValueError("cursor out of range")
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise ApiError.invalid("page_cursor") from None
    return PageRequest(start=start, count=count, filters=filters)
