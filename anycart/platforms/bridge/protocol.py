"""The wire format between AnyCart and ``bridge.php`` (the PHP side is ``php/bridge.php``).

Request: ``POST`` JSON ``{"v", "action", "ts", "nonce", "key", "iv", "data"}`` with header
``X-Bridge-Signature: hex(HMAC-SHA256(store secret, body))``. ``data`` is the JSON payload
sealed with a fresh AES-256-GCM key (associated data ``action|ts|nonce``); ``key`` is that AES
key wrapped for the bridge's RSA public key with OAEP. OAEP uses SHA-1 for hash and MGF1
because that is the only OAEP PHP's ``openssl_private_decrypt`` speaks; OAEP's security does
not rest on SHA-1's collision resistance.

Answer: ``{"ok": true, "z", "iv", "data"}`` sealed with the same AES key (associated data
``nonce|answer``), zlib-compressed when ``z`` is 1; inside, ``{"ok": true, "result": ...}`` or
``{"ok": false, "error": {"code", "message"}}``. Requests the bridge refuses before opening
them (bad signature, expired, replayed) get a plain ``{"ok": false, "error": ...}`` and 4xx.
"""

from __future__ import annotations

import base64
import json
import secrets
import time
import zlib
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from anycart.platforms.kit.auth import HmacSigned

VERSION = 1
SIGNATURE_HEADER = "X-Bridge-Signature"
_OAEP = padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(),
                     label=None)


class AnswerError(Exception):
    """The bridge's answer could not be opened (tampered, or not a bridge answering)."""


@dataclass(frozen=True)
class SealedRequest:
    body: bytes
    nonce: str
    aes_key: bytes


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def seal_request(action: str, payload: dict[str, Any], *, public_key_pem: str,
                 now: float | None = None, nonce: str | None = None) -> SealedRequest:
    aes_key = AESGCM.generate_key(bit_length=256)
    iv = secrets.token_bytes(12)
    ts = int(time.time() if now is None else now)
    nonce = nonce or secrets.token_hex(16)
    public_key = serialization.load_pem_public_key(public_key_pem.encode())
    sealed = AESGCM(aes_key).encrypt(iv, json.dumps(payload, separators=(",", ":")).encode(),
                                     f"{action}|{ts}|{nonce}".encode())
    body = json.dumps({"v": VERSION, "action": action, "ts": ts, "nonce": nonce,
                       "key": _b64(public_key.encrypt(aes_key, _OAEP)),  # type: ignore[union-attr]
                       "iv": _b64(iv), "data": _b64(sealed)}, separators=(",", ":")).encode()
    return SealedRequest(body, nonce, aes_key)


def signer(secret: str) -> HmacSigned:
    """The request's signature as ``bridge.php`` checks it: hex HMAC-SHA256 of the body."""
    return HmacSigned(secret, header=SIGNATURE_HEADER)


def open_answer(request: SealedRequest, text: bytes) -> dict[str, Any]:
    """The bridge's inner answer ``{"ok": ..., "result"|"error": ...}``."""
    try:
        outer = json.loads(text)
    except ValueError:
        raise AnswerError("the answer is not JSON") from None
    if not isinstance(outer, dict):
        raise AnswerError("the answer is not a JSON object")
    if not outer.get("ok") or "data" not in outer:
        return outer  # refused before opening the request: a plain error
    try:
        plain = AESGCM(request.aes_key).decrypt(
            base64.b64decode(outer["iv"]), base64.b64decode(outer["data"]),
            f"{request.nonce}|answer".encode())
        if outer.get("z"):
            plain = zlib.decompress(plain)
        inner = json.loads(plain)
    except Exception:
        raise AnswerError("the answer does not decrypt with this request's key") from None
    if not isinstance(inner, dict):
        raise AnswerError("the answer holds no result")
    return inner
