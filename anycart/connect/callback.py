"""The connect callback as the FAQ describes it, read on the vendor's side.

The plugin JSON-encodes the store's fields, splits the string into chunks the RSA key can
take with OAEP padding (``key bytes - 42``: PHP's ``OPENSSL_PKCS1_OAEP_PADDING`` is OAEP with
SHA-1 and MGF1-SHA-1), encrypts each chunk with the public key, joins them and base64-encodes
the result into the JSON field ``data``. Headers ``x-webhook-cart-id`` and
``x-webhook-timestamp`` travel with it; the timestamp is also inside the encrypted fields, so
a replayed body cannot be made fresh by changing the header.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Mapping
from typing import Any, Literal

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import PluginError

#: How far a callback's timestamp may be from now (seconds), either way.
DEFAULT_WINDOW_S = 300
_OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(),
                     label=None)
_OAEP_OVERHEAD = 2 * 20 + 2  # two SHA-1 digests and two bytes


class ConnectFields(BaseModel):
    """What a store's plugin sends: the FAQ's four fields and what AnyCart's bridge adds (its
    RSA public key: the bridge keeps the private one), the event and the timestamp."""

    model_config = ConfigDict(extra="ignore")

    store_url: str
    store_key: str
    store_root: str = ""
    bridge_url: str = ""
    bridge_public_key: str = ""
    event: Literal["connect", "disconnect"] = "connect"
    timestamp: int


class Callback(BaseModel):
    cart_id: str
    fields: ConnectFields


def chunk_size(key: rsa.RSAPublicKey) -> int:
    return key.key_size // 8 - _OAEP_OVERHEAD


def seal(fields: Mapping[str, Any], key: rsa.RSAPublicKey) -> str:
    """What the plugin's PHP does, in Python (the SDK's tests and other senders)."""
    text = json.dumps(dict(fields)).encode()
    size = chunk_size(key)
    parts = [key.encrypt(text[i:i + size], _OAEP) for i in range(0, len(text), size)]
    return base64.b64encode(b"".join(parts)).decode()


def unseal(data: str, key: rsa.RSAPrivateKey) -> bytes:
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise PluginError("the callback's data is not base64") from None
    size = key.key_size // 8
    if not raw or len(raw) % size:
        raise PluginError(f"the callback's data is not whole {size}-byte RSA blocks: "
                          "tampered, or encrypted for another key")
    try:
        return b"".join(key.decrypt(raw[i:i + size], _OAEP) for i in range(0, len(raw), size))
    except ValueError:
        raise PluginError("the callback does not decrypt with this private key: "
                          "a wrong key or a tampered body") from None


def _header(headers: Mapping[str, str], name: str) -> str:
    lowered = {k.lower(): v for k, v in headers.items()}
    if not lowered.get(name):
        raise PluginError(f"the callback has no {name} header")
    return lowered[name]


def read_callback(body: bytes, headers: Mapping[str, str], private_key: rsa.RSAPrivateKey | None,
                  *, window_s: int = DEFAULT_WINDOW_S, now: float | None = None) -> Callback:
    """Decrypt and check one callback. With a private key the body must be encrypted (a
    plain body is refused: no downgrade); without one it must be a plugin built with
    ``--no-encryption``."""
    try:
        outer = json.loads(body)
    except (UnicodeDecodeError, ValueError):
        raise PluginError("the callback body is not JSON") from None
    if not isinstance(outer, dict):
        raise PluginError("the callback body is not a JSON object")
    encrypted = isinstance(outer.get("data"), str)
    if private_key is not None and not encrypted:
        raise PluginError("the callback is not encrypted, but a private key was given: refused")
    if private_key is None and encrypted:
        raise PluginError("the callback is encrypted: give the private key to decrypt it")
    text = unseal(outer["data"], private_key) if private_key is not None else body
    try:
        fields = ConnectFields.model_validate_json(text)
    except ValidationError as exc:
        raise PluginError(f"the callback's fields are not what a plugin sends: {exc}") from None
    cart_id = _header(headers, "x-webhook-cart-id")
    stamp = _header(headers, "x-webhook-timestamp")
    if not stamp.isdecimal() or int(stamp) != fields.timestamp:
        raise PluginError("x-webhook-timestamp differs from the timestamp inside the callback")
    age = (time.time() if now is None else now) - fields.timestamp
    if abs(age) > window_s:
        raise PluginError(f"the callback is stale: its timestamp is {int(age)} s from now "
                          f"(allowed: {window_s} s)")
    return Callback(cart_id=cart_id, fields=fields)
