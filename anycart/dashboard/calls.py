"""Calls into the gateway, exactly as the HTTP API makes them, and what they tell about each
store's health (last successful call, error rate) as seen from the dashboard."""

from __future__ import annotations

import json
import logging
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from anycart.errors import ReturnCode
from anycart.methods.context import FileAnswer
from anycart.methods.gateway import Gateway, envelope

log = logging.getLogger("anycart.dashboard")

#: Outcomes kept per store for its error rate.
WINDOW = 50
#: Answers that are the caller's mistake (a bad or missing parameter), not the store's.
_CALLER_MISTAKES = {ReturnCode.INCORRECT_VALUE, ReturnCode.REQUIRED_PARAM_MISSING,
                    ReturnCode.INCORRECT_REQUEST, ReturnCode.UNKNOWN_METHOD,
                    ReturnCode.METHOD_NOT_SUPPORTED}


@dataclass
class Health:
    last_ok: float | None = None
    outcomes: deque[bool] = field(default_factory=lambda: deque(maxlen=WINDOW))

    @property
    def error_rate(self) -> float | None:
        return (self.outcomes.count(False) / len(self.outcomes)) if self.outcomes else None


class Caller:
    """``gateway.handle`` for a signed-in api_key, every store call's outcome remembered."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway
        self.health: dict[str, Health] = {}

    async def call(self, api_key: str, method: str, params: dict[str, Any] | None = None,
                   store_key: str | None = None, body: dict[str, Any] | None = None
                   ) -> dict[str, Any]:
        """The envelope of ``method``. ``params`` go in the query, which a body method takes
        as its body (as the gateway does for a body method called with a query string);
        ``body`` is sent as a JSON body, for values that are not text."""
        query = {k: [str(v)] for k, v in (params or {}).items() if v not in (None, "")}
        headers = {"x-api-key": api_key}
        if store_key:
            headers["x-store-key"] = store_key
        raw = json.dumps(body).encode() if body is not None else None
        try:
            answer = await self.gateway.handle(method, query, headers, raw)
        except Exception:  # a bug, not user input: the page says so, as the API would
            log.exception("unhandled error in %s (dashboard)", method)
            answer = envelope(code=ReturnCode.INTERNAL_ERROR, message="Internal service error")
        if isinstance(answer, FileAnswer):
            answer = envelope(result={"file": answer.filename, "media_type": answer.media_type,
                                      "bytes": len(answer.content)})
        if store_key:
            self._record(store_key, answer)
        return answer

    def _record(self, store_key: str, answer: dict[str, Any]) -> None:
        code = answer.get("return_code")
        if code in _CALLER_MISTAKES:
            return
        health = self.health.setdefault(store_key, Health())
        health.outcomes.append(code == ReturnCode.OK)
        if code == ReturnCode.OK:
            health.last_ok = time.time()
