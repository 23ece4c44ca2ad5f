"""Per-store bridge keys: an HMAC secret that signs requests and an RSA-2048 key pair.

The bridge keeps the private key (it is baked into the store's ``bridge2cart/config.php``);
AnyCart wraps each request's AES-256-GCM key with the public one (RSA-OAEP, SHA-256). Both
are sealed at rest with the rest of the store's credentials.
"""

from __future__ import annotations

import secrets
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def has_bridge_keys(credentials: dict[str, Any]) -> bool:
    """The store is a bridge store: it holds the keys its bridge.php was made with."""
    return bool(credentials.get("bridge_secret") and credentials.get("bridge_public_key"))


def new_bridge_keys() -> dict[str, str]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return {
        "bridge_secret": secrets.token_hex(32),
        "bridge_private_key": private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()).decode(),
        "bridge_public_key": private.public_key().public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo).decode(),
    }
