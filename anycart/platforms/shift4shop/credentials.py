"""Credentials of the two Shift4Shop (3dcart) cart_ids.

* ``3DCart``: the caller brings its own app: ``store_url`` (the merchant's SecureURL),
  ``3dcart_private_key`` (the app's private key) and ``3dcart_access_token`` (the token the
  merchant's authorization issued).
* ``3DCartApi``: the server's own app: ``store_url`` and ``3dcartapi_api_key``, which is the
  merchant's token; the app private key is server-wide, read from the environment variable
  ``ANYCART_SHIFT4SHOP_PRIVATE_KEY`` at request time.
"""

from __future__ import annotations

import os
from typing import Any

from anycart.platforms.base import CredentialSpec

#: Environment variable holding the private key of this server's Shift4Shop app (3DCartApi).
PRIVATE_KEY_ENV = "ANYCART_SHIFT4SHOP_PRIVATE_KEY"

SHIFT4SHOP = CredentialSpec(required=(("store_url", "3dcart_private_key", "3dcart_access_token"),))
SHIFT4SHOP_API = CredentialSpec(required=(("store_url", "3dcartapi_api_key"),))


def server_private_key() -> str | None:
    return os.environ.get(PRIVATE_KEY_ENV) or None


def auth_headers(cart_id: str, store_url: str, credentials: dict[str, Any]) -> dict[str, str]:
    """SecureURL / PrivateKey / Token headers for a store's credentials."""
    if cart_id == "3DCartApi":
        private_key = server_private_key() or ""
        token = credentials.get("3dcartapi_api_key") or ""
    else:
        private_key = credentials.get("3dcart_private_key") or ""
        token = credentials.get("3dcart_access_token") or ""
    return {"SecureURL": secure_url(store_url or credentials.get("store_url") or ""),
            "PrivateKey": str(private_key), "Token": str(token)}


def secure_url(store_url: str) -> str:
    """The SecureURL header value: the store's host name (no scheme, no trailing slash)."""
    u = store_url.strip()
    for prefix in ("https://", "http://"):
        if u.lower().startswith(prefix):
            u = u[len(prefix):]
    return u.rstrip("/")
