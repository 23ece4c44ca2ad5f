"""A platform test's handle on the gateway: call contract methods over the ASGI app, with
AnyCart built around a simulator mounted in its HTTP layer (:func:`open_gateway`)."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import httpx

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.registry import PlatformRegistry
from anycart.services import build_services


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

    async def add_cart(self, credentials: dict) -> dict:
        """account.cart.add with ``credentials`` (by a new account after the first: one store
        each); a store it adds becomes this env's store."""
        if self.store_key:
            _, self.api_key = self.services.repo.create_account("other")
        self.store_key = None
        answer = await self.call("account.cart.add", body=credentials)
        if answer["return_code"] == 0:
            self.store_key = answer["result"]["store_key"]
        return answer


def ok(answer: dict) -> Any:
    assert answer["return_code"] == 0, answer
    return answer["result"]


class ToAnycart:
    """The client a simulator sends its own calls with (native webhooks): each delivered into
    AnyCart's app as if to ``public_url``. The simulator is built before AnyCart is, so the
    services are bound later, by :func:`open_gateway`."""

    def __init__(self, public_url: str) -> None:
        self.public_url = public_url
        self.services: Any = None
        self.client = httpx.AsyncClient(transport=httpx.MockTransport(self._send))

    async def _send(self, request: httpx.Request) -> httpx.Response:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(self.services)),
                                     base_url=self.public_url) as c:
            return await c.send(request)


E = TypeVar("E", bound=GatewayEnv)


@contextlib.asynccontextmanager
async def open_gateway(tmp_path: Path, sim: Any, platforms: Iterable[Any], mounts: Mapping[str, Any],
                       env_cls: type[E], public_url: str | None = None,
                       to_anycart: ToAnycart | None = None,
                       platform_settings: Any = None,
                       connect: Callable[[E], Awaitable[dict]] | None = None) -> AsyncIterator[E]:
    """AnyCart serving ``platforms`` with each app of ``mounts`` on its host, an account made;
    ``connect`` (the env's account.cart.add) adds the store and must answer 0, else the env
    has no store yet. Closed after."""
    registry = PlatformRegistry()
    for p in platforms:
        registry.register(p)
    settings = Settings(data_dir=tmp_path, public_url=public_url, allow_private_networks=True)
    services = build_services(settings, registry=registry, platform_settings=platform_settings)
    if to_anycart is not None:
        to_anycart.services = services
    for host, app in mounts.items():
        services.http.mount(host, app)
    _, api_key = services.repo.create_account("t")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    try:
        e = env_cls(sim, services, client, api_key)
        if connect is not None:
            answer = await connect(e)
            assert answer["return_code"] == 0, answer
        yield e
    finally:
        await client.aclose()
        await services.http.aclose()
        services.db.dispose()
