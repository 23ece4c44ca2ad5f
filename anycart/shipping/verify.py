"""For shipping service authors: check that a request to your callback came from AnyCart
(exported as ``anycart.sdk.verify_shipping_request``).

The signature is compared in constant time, and the request's timestamp must be within
``window_s`` of now, so a recorded request cannot be replayed later."""

from __future__ import annotations

import hmac
import time
from collections.abc import Mapping

from .signing import SIGNATURE, TIMESTAMP, canonical_name, sign

#: Seconds a request's timestamp may differ from the receiver's clock.
DEFAULT_WINDOW_S = 300


class InvalidShippingRequest(ValueError):
    """The signature is missing or wrong, or the timestamp is missing or stale."""


def verify_shipping_request(headers: Mapping[str, str], body: bytes, key: str | bytes, *,
                            window_s: int = DEFAULT_WINDOW_S, now: float | None = None) -> None:
    """Raise :class:`InvalidShippingRequest` unless ``headers`` + ``body`` are signed with
    ``key`` and stamped within ``window_s`` seconds of ``now``."""
    by_name = {canonical_name(k): v for k, v in headers.items()}
    given = by_name.get(SIGNATURE)
    if not given:
        raise InvalidShippingRequest(f"no {SIGNATURE} header")
    if not hmac.compare_digest(given.encode(), sign(by_name, body, key).encode()):
        raise InvalidShippingRequest("the signature does not match")
    stamp = by_name.get(TIMESTAMP, "")
    if not stamp.isdecimal():
        raise InvalidShippingRequest(f"no {TIMESTAMP} header")
    if abs((time.time() if now is None else now) - int(stamp)) > window_s:
        raise InvalidShippingRequest(f"the timestamp is more than {window_s} s away")
