"""A platform test's handle on the gateway: call contract methods over the ASGI app."""

from __future__ import annotations

import json
from typing import Any

import httpx


class GatewayEnv:
    def __init__(self, sim: Any, services: Any, client: httpx.AsyncClient, api_key: str) -> None:
        self.sim = sim
        self.services = services
        self.client = client
        self.api_key = api_key
        self.store_key: str | None = None

    async def call(self, method: str, params: dict | None = None, body: dict | None = None,
                   verb: str | None = None) -> dict:
        """One contract call: ``body`` as JSON, else ``params`` as the query string."""
        keys = {"api_key": self.api_key}
        if self.store_key:
            keys["store_key"] = self.store_key
        verb = verb or self.services.catalogue.get(method).http_method
        if body is not None:
            r = await self.client.request(verb, f"/v1.1/{method}.json", params=keys,
                                          content=json.dumps(body),
                                          headers={"content-type": "application/json"})
        else:
            r = await self.client.request(verb, f"/v1.1/{method}.json",
                                          params={**keys, **(params or {})})
        assert r.status_code == 200, r.text
        return r.json()
