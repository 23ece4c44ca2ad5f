"""A real AnyCart (SQLite storage in a temp dir) with a Shift4Shop sandbox store connected as
``anycart demo`` connects it: the simulator mounted in-process on its API host."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from anycart.config import Settings
from anycart.platforms.base import PlatformSettings
from anycart.platforms.shift4shop.sim_store import SimulatedStore
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.services import Services, build_services
from anycart.transport.ratelimit import MonotonicClock

API_HOST = "apirest.3dcart.export"
STORE_URL = "https://export-test.3dcartstores.com"


@dataclass
class Env:
    services: Services
    store: SimulatedStore
    api_key: str
    store_key: str


async def make_env(data_dir: Path, products: int,
                   keys: tuple[str, str] | None = None) -> Env:
    """``keys``: (api_key, store_key) of a store an earlier process connected in ``data_dir``
    (the simulator is seeded again with the same data)."""
    # The bucket's 2 requests/s would make 50 000 products take minutes: the shared clock
    # runs 1000 platform seconds per real second, so the bucket stays out of the way.
    clock = MonotonicClock(scale=1000)
    sim = Shift4ShopSimulator(clock=clock)
    store = sim.stores.add_store(STORE_URL, "k" * 32, "t" * 32, size=products, seed=3)
    services = build_services(Settings(data_dir=data_dir, embedded_worker=False))
    services.gateway.platform_settings = PlatformSettings(
        api_urls={"3DCart": f"https://{API_HOST}"}, clock=clock)
    services.http.mount(API_HOST, sim.app)
    if keys:
        return Env(services, store, *keys)
    _, api_key = services.repo.create_account("export")
    answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key},
                                           json.dumps({"cart_id": "3DCart", "store_url": STORE_URL,
                                                       "3dcart_private_key": "k" * 32,
                                                       "3dcart_access_token": "t" * 32}).encode())
    assert answer["return_code"] == 0, answer
    return Env(services, store, api_key, answer["result"]["store_key"])
