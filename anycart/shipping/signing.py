"""The FAQ's signature of a request to a shipping service's callback.

1. every ``X-Shipping-Service-*`` header except ``X-Shipping-Service-Signature``, name -> value;
2. sorted by name (PHP ``ksort``: byte order);
3. JSON-encoded as PHP's ``json_encode`` does (no spaces, ``/`` as ``\\/``, non-ASCII as
   ``\\uXXXX``) and the request body appended;
4. HMAC-SHA256 with the signing key, binary; 5. base64.

Header names are case-insensitive on the wire and servers often lower-case them, so both
sides sign the canonical spelling (``X-Shipping-Service-Request-Timestamp``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping

PREFIX = "X-Shipping-Service-"
SIGNATURE = "X-Shipping-Service-Signature"
TEST_REQUEST = "X-Shipping-Service-Test-Request"
TIMESTAMP = "X-Shipping-Service-Request-Timestamp"
SERVICE_ID = "X-Shipping-Service-Id"


def canonical_name(name: str) -> str:
    """``x-shipping-service-test-request`` -> ``X-Shipping-Service-Test-Request``."""
    return "-".join(part[:1].upper() + part[1:].lower() for part in name.split("-"))


def php_json(value: object) -> str:
    """``json_encode`` with PHP's default flags (escaped slashes and unicode)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True).replace("/", "\\/")


def signed_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers that are signed, canonical names, sorted (steps 1-2)."""
    picked = {canonical_name(k): v for k, v in headers.items()
              if canonical_name(k).startswith(PREFIX) and canonical_name(k) != SIGNATURE}
    return dict(sorted(picked.items(), key=lambda kv: kv[0].encode()))


def string_to_sign(headers: Mapping[str, str], body: bytes) -> bytes:
    """Step 3: the JSON of the signed headers, then the body."""
    return php_json(signed_headers(headers)).encode("ascii") + body


def sign(headers: Mapping[str, str], body: bytes, key: str | bytes) -> str:
    """Steps 4-5: base64 of the binary HMAC-SHA256."""
    secret = key.encode() if isinstance(key, str) else key
    digest = hmac.new(secret, string_to_sign(headers, body), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def with_signature(headers: Mapping[str, str], body: bytes, key: str | bytes) -> dict[str, str]:
    """``headers`` plus ``X-Shipping-Service-Signature``."""
    return {**headers, SIGNATURE: sign(headers, body, key)}
