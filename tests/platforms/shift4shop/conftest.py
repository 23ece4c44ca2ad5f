"""Shared fixtures of the Shift4Shop tests.

``s4s``: the AnyCart gateway with the Shift4Shop simulator mounted on the API host and one
seeded store already connected, built the way ``test_connector.py`` builds its ``env``
(whose :class:`Env` helper and constants it reuses).
"""

from __future__ import annotations

import httpx
import pytest

from anycart.config import Settings
from anycart.http.app import build_services, create_app
from anycart.platforms.registry import PlatformRegistry
from anycart.platforms.shift4shop import client as s4s_client
from anycart.platforms.shift4shop import connector as s4s_connector
from anycart.platforms.shift4shop.platform import PLATFORMS
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.transport.http import RetryPolicy
from anycart.transport.ratelimit import MonotonicClock
from tests.platforms.shift4shop.test_connector import (
    API_HOST, PRIVATE_KEY, SIZE, STORE_URL, TOKEN, Env,
)

__all__ = ["API_HOST", "PRIVATE_KEY", "SIZE", "STORE_URL", "TOKEN", "Env"]


@pytest.fixture
async def s4s(tmp_path):
    """A connected Shift4Shop store of ``SIZE`` seeded products, through the gateway."""
    clock = MonotonicClock(scale=20)
    sim = Shift4ShopSimulator(clock=clock)
    sim.stores.add_store(STORE_URL, PRIVATE_KEY, TOKEN, size=SIZE, seed=7)
    s4s_client.configure(clock=clock)
    s4s_connector._cache.clear()
    registry = PlatformRegistry()
    for p in PLATFORMS:
        registry.register(p)
    services = build_services(Settings(data_dir=tmp_path), registry=registry)
    services.http.retry = RetryPolicy(attempts=5, base_delay_s=0.02, max_delay_s=0.5)
    services.http.mount(API_HOST, sim.app)
    _, api_key = services.repo.create_account("t")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    e = Env(sim, services, client, api_key)
    answer = await e.connect()
    assert answer["return_code"] == 0, answer
    yield e
    await client.aclose()
    await services.http.aclose()
    services.db.dispose()
    s4s_client.configure()
