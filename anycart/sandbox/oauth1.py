"""One-legged OAuth 1.0a, server side: what a platform checks before it trusts a signed request
(WooCommerce over plain http; Magento's integrations and other OAuth 1.0a APIs alike).

    params = oauth_params(request)               # from the query and the Authorization header
    error = verify(request, params, secret_of, nonces, now=time.time())
    # None, or the reason the request is refused

The signature is recomputed by ``oauthlib`` (HMAC-SHA1 or HMAC-SHA256 over the RFC 5849 base
string: method, scheme://host/path, the sorted query and ``oauth_*`` parameters; a JSON body is
not a form and is not signed), a timestamp outside the window and a nonce seen before within it
are refused, so a captured request cannot be replayed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from oauthlib.common import Request as OAuthRequest
from oauthlib.oauth1.rfc5849 import signature
from starlette.requests import Request

REQUIRED = ("oauth_consumer_key", "oauth_timestamp", "oauth_nonce", "oauth_signature",
            "oauth_signature_method")
METHODS = {"HMAC-SHA1": signature.verify_hmac_sha1, "HMAC-SHA256": signature.verify_hmac_sha256}


def oauth_params(request: Request) -> list[tuple[str, str]]:
    """Every parameter taking part in the signature: the query's and the ``OAuth``
    Authorization header's."""
    header = request.headers.get("authorization", "")
    headers = {"Authorization": header} if header.lower().startswith("oauth ") else {}
    params: list[tuple[str, str]] = signature.collect_parameters(
        uri_query=request.url.query, headers=headers, exclude_oauth_signature=False)
    return params


@dataclass
class NonceLog:
    """Nonces seen per consumer key, forgotten once outside the timestamp window."""

    seen: dict[tuple[str, str], int] = field(default_factory=dict)

    def fresh(self, key: str, nonce: str, timestamp: int, now: float, window: int) -> bool:
        self.seen = {k: t for k, t in self.seen.items() if t >= now - window}
        if (key, nonce) in self.seen:
            return False
        self.seen[(key, nonce)] = timestamp
        return True


def verify(request: Request, params: list[tuple[str, str]],
           secret_of: Callable[[str], str | None], nonces: NonceLog, *, now: float,
           window: int = 15 * 60) -> str | None:
    """None when the request is signed by a known consumer, else why not: ``missing``
    (with the names), ``consumer``, ``method``, ``signature``, ``timestamp``, ``nonce``."""
    given = dict(params)
    missing = [name for name in REQUIRED if not given.get(name)]
    if missing:
        return "missing " + ", ".join(missing)
    secret = secret_of(given["oauth_consumer_key"])
    if secret is None:
        return "consumer"
    check = METHODS.get(given["oauth_signature_method"])
    if check is None:
        return "method"
    signed = OAuthRequest(str(request.url), request.method)
    signed.params = [(k, v) for k, v in params if k != "oauth_signature"]
    signed.signature = given["oauth_signature"].replace(" ", "+")  # a raw "+" read as space
    if not check(signed, secret):
        return "signature"
    try:
        stamp = int(given["oauth_timestamp"])
    except ValueError:
        return "timestamp"
    if abs(stamp - now) > window:
        return "timestamp"
    if not nonces.fresh(given["oauth_consumer_key"], given["oauth_nonce"], stamp, now, window):
        return "nonce"
    return None
