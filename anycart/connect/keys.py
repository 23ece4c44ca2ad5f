"""The vendor's RSA key pair for connect callbacks: made once, the private key never rewritten.

The plugin only holds the public key; the private key decrypts callbacks on the vendor's side.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from .errors import PluginError

DEFAULT_BITS = 2048
PRIVATE_NAME, PUBLIC_NAME = "callback_private.pem", "callback_public.pem"


def generate_keys(directory: Path, bits: int = DEFAULT_BITS) -> tuple[Path, Path]:
    """Write ``callback_private.pem`` (mode 0600, refused if it exists) and
    ``callback_public.pem`` in ``directory``; answer both paths."""
    directory.mkdir(parents=True, exist_ok=True)
    private_path, public_path = directory / PRIVATE_NAME, directory / PUBLIC_NAME
    private = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    try:  # O_EXCL: a second build must never replace the key that decrypts stores' callbacks
        fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise PluginError(f"{private_path} exists: it is never overwritten; pass "
                          f"--public-key {public_path} to build with it") from None
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    public_path.write_bytes(public_pem(private.public_key()))
    return private_path, public_path


def public_pem(key: rsa.RSAPublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM,
                            serialization.PublicFormat.SubjectPublicKeyInfo)


def load_public_key(path: Path) -> str:
    """The PEM of an RSA public key file, checked before it is built in."""
    try:
        return check_public_pem(path.read_bytes(), str(path))
    except OSError as exc:
        raise PluginError(f"{path}: {exc}") from None


def check_public_pem(pem: bytes, source: str = "public_key") -> str:
    """An RSA public key of at least 2048 bits, as PEM."""
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError as exc:
        raise PluginError(f"{source} is not a PEM public key: {exc}") from None
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < DEFAULT_BITS:
        raise PluginError(f"{source}: an RSA public key of at least {DEFAULT_BITS} bits is needed")
    return public_pem(key).decode()


def load_private_key(path: Path) -> rsa.RSAPrivateKey:
    try:
        return private_key_from_pem(path.read_bytes(), str(path))
    except OSError as exc:
        raise PluginError(f"{path}: {exc}") from None


def private_key_from_pem(pem: bytes, source: str = "the private key") -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as exc:
        raise PluginError(f"{source} is not an unencrypted PEM private key: {exc}") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise PluginError(f"{source} is not an RSA private key")
    return key
