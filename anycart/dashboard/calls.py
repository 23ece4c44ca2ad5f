"""Calls into the gateway, exactly as the HTTP API makes them. Store health (last
successful call, error rate) is the gateway's own record of all API traffic
(:class:`anycart.methods.health.StoreHealth`), these calls included."""

from __future__ import annotations

import json
import logging
from typing import Any

from anycart.errors import ReturnCode
from anycart.methods.context import FileAnswer
from anycart.methods.gateway import Gateway, envelope

log = logging.getLogger("anycart.dashboard")


class Caller:
    """``gateway.handle`` for a signed-in api_key."""

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

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
        return answer
