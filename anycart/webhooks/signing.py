"""Webhook signatures: AnyCart's own headers and the Standard Webhooks ones, one key.

Each account has one secret, ``whsec_`` + base64 of 32 random bytes; the key is those bytes.
Every delivery carries two signatures over the exact body bytes sent:

* ``X-Webhook-Signature: sha256=<hex>`` where ``<hex>`` is
  HMAC-SHA256(key, ``"{X-Webhook-Timestamp}.{body}"``);
* ``webhook-signature: v1,<base64>`` where ``<base64>`` is
  HMAC-SHA256(key, ``"{webhook-id}.{webhook-timestamp}.{body}"``), as the Standard Webhooks
  specification (standardwebhooks.com) gives it, so its libraries verify AnyCart's deliveries.

Timestamps are Unix seconds. Receivers should refuse timestamps more than 5 minutes away from
their clock (replay protection) and compare signatures in constant time, as :func:`verify` does.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time

PREFIX = "whsec_"
TOLERANCE_S = 300


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def key_of(secret: str) -> bytes:
    return base64.b64decode(secret[len(PREFIX):] if secret.startswith(PREFIX) else secret)


def _hmac(key: bytes, message: bytes) -> bytes:
    return hmac.new(key, message, hashlib.sha256).digest()


def sign_headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    """The signature headers of one delivery."""
    key = key_of(secret)
    ts = str(int(timestamp))
    own = _hmac(key, ts.encode() + b"." + body).hex()
    standard = base64.b64encode(_hmac(key, f"{message_id}.{ts}.".encode() + body)).decode()
    return {
        "X-Webhook-Timestamp": ts,
        "X-Webhook-Signature": "sha256=" + own,
        "webhook-id": message_id,
        "webhook-timestamp": ts,
        "webhook-signature": "v1," + standard,
    }


def verify(secret: str, headers: dict[str, str], body: bytes, now: float | None = None,
           tolerance_s: int = TOLERANCE_S) -> bool:
    """Check a delivery as a receiver would (both signatures, timestamp tolerance)."""
    lower = {k.lower(): v for k, v in headers.items()}
    try:
        ts = int(lower["webhook-timestamp"])
    except (KeyError, ValueError):
        return False
    if abs((now if now is not None else time.time()) - ts) > tolerance_s:
        return False
    expected = sign_headers(secret, lower.get("webhook-id", ""), ts, body)
    own_ok = hmac.compare_digest(expected["X-Webhook-Signature"],
                                 lower.get("x-webhook-signature", ""))
    given = [s.strip() for s in lower.get("webhook-signature", "").split(" ") if s.strip()]
    std_ok = any(hmac.compare_digest(expected["webhook-signature"], s) for s in given)
    return own_ok and std_ok
