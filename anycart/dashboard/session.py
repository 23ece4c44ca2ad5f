"""Who is signed in: a signed session cookie naming a server-side session.

The cookie holds only a random session id, signed with itsdangerous (so a forged or edited
cookie is refused); the api_key stays in this process. Sessions end at logout, after
:data:`MAX_AGE_S`, or when the server restarts (sign in again). Every POST form carries the
session's CSRF token, compared in constant time.
"""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass, field

from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "anycart_dashboard"
LOGIN_COOKIE = "anycart_dashboard_login"
MAX_AGE_S = 8 * 3600
#: How long a sign-in form stays good.
LOGIN_MAX_AGE_S = 3600


@dataclass
class SignedIn:
    api_key: str
    account_id: int
    account_name: str
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    started: float = field(default_factory=time.time)


class Sessions:
    """The dashboard's sessions; one per sign-in."""

    def __init__(self, secret: bytes | None = None) -> None:
        self._signer = URLSafeTimedSerializer(secret or secrets.token_bytes(32), salt="dashboard")
        self._open: dict[str, SignedIn] = {}

    def start(self, api_key: str, account_id: int, account_name: str) -> tuple[str, SignedIn]:
        """A new session: the cookie value and what it stands for."""
        sid = secrets.token_urlsafe(32)
        self._open[sid] = session = SignedIn(api_key, account_id, account_name)
        return self._signer.dumps(sid), session

    def find(self, cookie: str | None) -> SignedIn | None:
        sid = self._sid(cookie)
        session = self._open.get(sid) if sid else None
        if session is not None and time.time() - session.started > MAX_AGE_S:
            self._open.pop(sid or "", None)
            return None
        return session

    def end(self, cookie: str | None) -> None:
        sid = self._sid(cookie)
        if sid:
            self._open.pop(sid, None)

    def login_token(self) -> tuple[str, str]:
        """The sign-in form's CSRF token and the cookie that vouches for it (double submit:
        no session exists yet, so the cookie itself carries the signed token)."""
        token = secrets.token_urlsafe(32)
        return self._signer.dumps(["login", token]), token

    def login_token_ok(self, cookie: str | None, given: str | None) -> bool:
        try:
            kind, token = self._signer.loads(cookie or "", max_age=LOGIN_MAX_AGE_S)
        except (BadSignature, ValueError, TypeError):
            return False
        return kind == "login" and bool(given) and hmac.compare_digest(str(token), given or "")

    def _sid(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            sid = self._signer.loads(cookie, max_age=MAX_AGE_S)
        except BadSignature:
            return None
        return sid if isinstance(sid, str) else None


def csrf_ok(session: SignedIn, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(session.csrf, given or "")
