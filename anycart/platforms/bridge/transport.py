"""AnyCart's side of the bridge: sign, encrypt, send, retry, open the answer.

One :class:`BridgeClient` per store and request. Each attempt is sealed anew (fresh nonce and
timestamp), so a retry is never refused as a replay. Reads are retried on any transient
failure; writes only when the request provably did not reach PHP (connection refused), since a
lost answer to a committed write must not write twice.
"""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx

from anycart.errors import ApiError, ReturnCode
from anycart.storage.repository import StoreRecord
from anycart.transport.http import HttpLayer, PlatformUnavailable, UnsafeDestination

from .files import MAX_IMAGE_BYTES
from .keys import has_bridge_keys
from .protocol import AnswerError, SealedRequest, open_answer, seal_request, signer
from .sqlkit import InsertId, Statement, Written, sql_failure
from .values import db_time

BRIDGE_PATH = "bridge2cart/bridge.php"
_RETRY_STATUS = {502, 503, 504}
_READ_ONLY = {"checkbridge", "getconfig", "query"}
#: How long a bridge's ``getconfig`` answer is reused across requests: the cart's version and
#: table prefix change only when the merchant upgrades or moves the cart.
CONFIG_TTL_S = 300.0
_configs: dict[tuple[str, str], tuple[float, dict[str, Any]]] = {}


def bridge_url(store_url: str, credentials: dict[str, Any]) -> str:
    return credentials.get("bridge_url") or f"{store_url.rstrip('/')}/{BRIDGE_PATH}"


def _wire(value: Any) -> Any:
    if isinstance(value, InsertId):
        return {"$insert_id": value.index}
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return db_time(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def bridge_refused(code: str, message: str) -> ApiError:
    hint = ""
    if code in ("bad_signature", "bad_key", "bad_payload"):
        hint = (" The bridge at this address holds other keys than this store: download the "
                "store's bridge again (bridge.download) and upload it.")
    elif code == "expired":
        hint = " Check the clocks of AnyCart's host and the store's server."
    return ApiError(ReturnCode.BRIDGE_RESPONSE_ERROR,
                    f"Connection bridge response error: {code}: {message}.{hint}")


class BridgeClient:
    def __init__(self, http: HttpLayer, url: str, secret: str, public_key_pem: str,
                 *, attempts: int | None = None) -> None:
        self.http = http
        self.url = url
        self._secret = secret
        self._sign = signer(secret)
        self._public_key = public_key_pem
        self._attempts = attempts or http.retry.attempts  # ANYCART_HTTP_RETRIES + 1
        self._config: dict[str, Any] | None = None

    @classmethod
    def for_store(cls, store: StoreRecord, http: HttpLayer) -> BridgeClient:
        creds = store.credentials
        if not has_bridge_keys(creds):
            raise ApiError(ReturnCode.BRIDGE_NOT_FOUND,
                           "Bridge not found: this store has no bridge keys.")
        return cls(http, bridge_url(store.store_url, creds), creds["bridge_secret"],
                   creds["bridge_public_key"])

    async def call(self, action: str, payload: dict[str, Any] | None = None) -> Any:
        idempotent = action in _READ_ONLY
        last = ""
        for attempt in range(self._attempts):
            sealed = seal_request(action, payload or {}, public_key_pem=self._public_key)
            try:
                response = await self.http.client.post(
                    self.url, content=sealed.body, headers={"content-type": "application/json"},
                    auth=self._sign)
            except httpx.TransportError as exc:
                last = f"{type(exc).__name__}: {exc}"
                if isinstance(exc, UnsafeDestination):
                    raise PlatformUnavailable(str(exc)) from None
                if not idempotent and not isinstance(exc, httpx.ConnectError):
                    break
                await asyncio.sleep(self.http.retry.delay(attempt))
                continue
            if response.status_code in _RETRY_STATUS and idempotent:
                last = f"HTTP {response.status_code}"
                await asyncio.sleep(self.http.retry.delay(attempt))
                continue
            return self._result(sealed, response)
        raise PlatformUnavailable(f"The bridge at {self.url} could not be reached ({last}).")

    def _result(self, sealed: SealedRequest, response: httpx.Response) -> Any:
        if response.status_code == 404:
            raise ApiError(ReturnCode.BRIDGE_NOT_FOUND,
                           f"Bridge not found at {self.url}: upload bridge2cart/ to the store root.")
        try:
            answer = open_answer(sealed, response.content)
        except AnswerError as exc:
            raise ApiError(ReturnCode.BRIDGE_RESPONSE_ERROR,
                           f"Connection bridge response error: {exc} (HTTP {response.status_code})."
                           ) from None
        if answer.get("ok"):
            return answer.get("result")
        error = answer.get("error") or {}
        if error.get("code") == "sql_error":
            raise sql_failure(str(error.get("sqlstate") or ""), str(error.get("message") or ""))
        raise bridge_refused(str(error.get("code") or "error"),
                             str(error.get("message") or f"HTTP {response.status_code}"))

    async def config(self, fresh: bool = False) -> dict[str, Any]:
        """The bridge's ``getconfig``; drivers ask on every request (for the cart's version),
        so the answer is kept per store for :data:`CONFIG_TTL_S` unless ``fresh``."""
        if self._config is None or fresh:
            cached = _configs.get(self._config_key)
            if not fresh and cached and time.monotonic() - cached[0] < CONFIG_TTL_S:
                self._config = cached[1]
            else:
                self._remember(await self.call("getconfig"))
        assert self._config is not None
        return self._config

    async def check(self) -> dict[str, Any]:
        """``checkbridge``: the config, once the bridge has also reached the cart's database."""
        return self._remember(await self.call("checkbridge"))

    @property
    def _config_key(self) -> tuple[str, str]:
        return (self.url, self._secret)

    def _remember(self, config: dict[str, Any]) -> dict[str, Any]:
        self._config = config
        _configs[self._config_key] = (time.monotonic(), config)
        return config

    def executor(self) -> BridgeExecutor:
        return BridgeExecutor(self)

    async def save_file(self, path: str, data: bytes) -> None:
        await self.call("savefile", {"path": path, "content": base64.b64encode(data).decode()})

    async def delete_file(self, path: str) -> None:
        await self.call("deletefile", {"path": path})

    async def fetch_image(self, url: str) -> bytes:
        """An image a call names by URL, fetched by AnyCart (SSRF-guarded), size-capped."""
        try:
            async with self.http.client.stream("GET", url, follow_redirects=False) as response:
                if response.status_code != 200:
                    raise ApiError.invalid("url", f"an image URL answering 200 (got "
                                                  f"HTTP {response.status_code})")
                data = bytearray()
                async for chunk in response.aiter_bytes():
                    data += chunk
                    if len(data) > MAX_IMAGE_BYTES:
                        raise ApiError.invalid("url", "an image of at most 8 MB")
                return bytes(data)
        except httpx.TransportError as exc:
            raise ApiError.invalid("url", f"a reachable public image URL ({exc})") from None


class BridgeExecutor:
    """:class:`~.sqlkit.SqlExecutor` over the bridge's ``query`` and ``multiquery``."""

    def __init__(self, client: BridgeClient) -> None:
        self.client = client

    async def select(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        result = await self.client.call("query", {"sql": sql, "params": [_wire(p) for p in params]})
        columns = result["columns"]
        return [dict(zip(columns, row, strict=False)) for row in result["rows"]]

    async def write(self, statements: Sequence[Statement]) -> list[Written]:
        result = await self.client.call("multiquery", {"statements": [
            {"sql": st.sql, "params": [_wire(p) for p in st.params]} for st in statements]})
        return [Written(int(r["insert_id"]), int(r["affected"])) for r in result]
