"""The signature of a store's rate request to AnyCart (store -> AnyCart ``/shipping/<id>/rates``),
as the AnyCart shipping method of WooCommerce and carrier of Magento 2 sign it. Not the FAQ's
signature of AnyCart's request to a vendor's callback (AnyCart -> vendor): that is
:mod:`.signing`.

The store is given ``signing_key``, derived from a store secret AnyCart already keeps (WooCommerce:
the consumer or bridge secret; Magento: the integration's access token), so no key of its own is
stored and the secret itself is never written to the site. It sends ``X-AnyCart-Rates-Signature``:
base64 HMAC-SHA256 of the body with that key.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Mapping
from typing import Any

from anycart.events import PushRejected

#: The header the store signs its rate request in.
SIGNATURE = "X-AnyCart-Rates-Signature"

#: (store credentials, request headers lower-cased, body) -> None, as NativeRates checks.
Check = Callable[[Mapping[str, Any], Mapping[str, str], bytes], None]


def signing_key(secret: str) -> str:
    """The store's ``signing_key`` for the store secret ``secret``."""
    digest = hmac.new(secret.encode(), b"anycart-live-shipping", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def body_signature(key: str, body: bytes) -> str:
    return base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode()


def checker(credential: str) -> Check:
    """A :attr:`~.native.NativeRates.check` of the signature, the key derived from the store's
    ``credential``: raises :class:`~anycart.events.PushRejected` unless it matches."""

    def check(credentials: Mapping[str, Any], headers: Mapping[str, str], body: bytes) -> None:
        given = headers.get(SIGNATURE.lower(), "")
        secret = str(credentials.get(credential) or "")
        if not secret or not hmac.compare_digest(
                given.encode(), body_signature(signing_key(secret), body).encode()):
            raise PushRejected(f"the rate request's {SIGNATURE} does not match")

    return check
