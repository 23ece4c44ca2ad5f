"""Credentials at rest: Fernet (AES-128-CBC + HMAC-SHA256) with a key kept outside the DB."""

from __future__ import annotations

import functools
import json
import os
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken


def load_or_create_key(path: Path) -> bytes:
    """The key file is created on first run, readable by the owner only."""
    if path.exists():
        return path.read_bytes().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Fernet.generate_key()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key)
    return key


#: Opened credentials kept (as plaintext JSON) for the stores most recently read.
_OPENED = 4096


class Vault:
    def __init__(self, key: bytes) -> None:
        #: The key file's key, also the root other server secrets derive from (page cursors).
        self.key = key
        self._fernet = Fernet(key)
        # A store's sealed token changes only when its credentials do, and decrypting
        # (HMAC + AES) costs more than the query that read it (account.cart.list opens every
        # store of the account): so each token is decrypted once.
        self._plaintext = functools.lru_cache(maxsize=_OPENED)(self._decrypt)

    def seal(self, secrets: dict[str, Any]) -> bytes:
        return self._fernet.encrypt(json.dumps(secrets, separators=(",", ":")).encode())

    def open(self, token: bytes) -> dict[str, Any]:
        """The secrets sealed in ``token``: a new dict each time (callers may change it)."""
        opened: dict[str, Any] = json.loads(self._plaintext(bytes(token)))
        return opened

    def _decrypt(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken:
            raise RuntimeError("stored credentials cannot be decrypted with this key file") from None
