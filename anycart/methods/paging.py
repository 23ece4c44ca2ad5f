"""Opaque page cursors: the filters and the next offset of a list, URL-safe.

A cursor replays the query that produced it, which is why the contract forbids combining
``page_cursor`` with filters: the cursor's filters win. Those filters were validated when the
cursor was made, and resume hints (``_page_info``, ``_after_id``) come from connectors, so a
cursor carries an HMAC: an edited one is refused (109) instead of reaching a connector.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError


@dataclass(frozen=True)
class PageRequest:
    start: int
    count: int
    filters: dict[str, Any]


def cursor_key(secret: bytes) -> bytes:
    """The signing key of page cursors, derived from the server's secret key."""
    return hmac.new(secret, b"anycart page cursor v1", hashlib.sha256).digest()


def _mac(key: bytes, body: str) -> str:
    digest = hmac.new(key, body.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def encode_cursor(method: str, start: int, count: int, filters: dict[str, Any],
                  key: bytes = b"") -> str:
    raw = json.dumps({"m": method, "s": start, "c": count, "f": filters},
                     separators=(",", ":"), sort_keys=True, default=str)
    body = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    return f"{body}.{_mac(key, body)}" if key else body


def decode_cursor(method: str, cursor: str, key: bytes | None = None) -> PageRequest:
    """The page a cursor asks for; with ``key``, only a cursor this server signed."""
    try:
        body, _, mac = cursor.partition(".")
        if key is not None and not hmac.compare_digest(mac, _mac(key, body)):
            raise ValueError("cursor not signed by this server")
        padded = body + "=" * (-len(body) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if data["m"] != method:
            raise ValueError("cursor of another method")
        start, count, filters = int(data["s"]), int(data["c"]), data["f"]
        if start < 0 or not 0 < count <= 250 or not isinstance(filters, dict):
            raise ValueError("cursor out of range")
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError, RecursionError):
        raise ApiError.invalid("page_cursor") from None
    return PageRequest(start=start, count=count, filters=filters)
