"""Gateway overhead: product.list through AnyCart vs the platform connector called directly.

    python benchmarks/overhead.py [--quick]

Both sides read the same Shift4Shop simulator store (in-process, its rate-limit clock sped up
so the bucket never throttles either side); runs alternate in small batches so machine noise
hits both alike. Prints throughput ratio (AnyCart / direct) and the added p50 latency; the
last line is ``throughput_ratio=<x> added_p50_ms=<y>``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.base import Call, PlatformSettings
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.services import build_services
from anycart.transport.ratelimit import MonotonicClock

API_HOST = "apirest.3dcart.bench"
STORE_URL = "https://bench-store.3dcartstores.com"


async def main(quick: bool) -> None:
    rounds, batch = (20, 10) if quick else (100, 20)
    fast = MonotonicClock(scale=1e6)  # budget shape unchanged, never the bottleneck here
    sim = Shift4ShopSimulator(clock=fast)
    sim.stores.add_store(STORE_URL, "k" * 32, "t" * 32, size=1000, seed=7)
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))))
    services.gateway.platform_settings = PlatformSettings(api_urls={"3DCart": f"https://{API_HOST}"},
                                                          clock=fast)
    services.http.mount(API_HOST, sim.app)
    account, api_key = services.repo.create_account("bench")
    answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key}, (
        f'{{"cart_id": "3DCart", "store_url": "{STORE_URL}", "3dcart_private_key": "{"k" * 32}",'
        f' "3dcart_access_token": "{"t" * 32}"}}').encode())
    store_key = answer["result"]["store_key"]
    store = services.repo.get_store(account.id, store_key)
    platform = services.gateway.registry.get("3DCart")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.bench")
    params = {"api_key": api_key, "store_key": store_key, "count": 10}

    async def via_anycart() -> None:
        r = await client.get("/v1.1/product.list.json", params=params)
        assert r.json()["return_code"] == 0

    async def direct() -> None:
        connector = platform.connect(store, services.http, services.gateway.platform_settings)
        page = await connector.product_list(Call("product.list", {}, start=0, count=10))
        assert len(page.items) == 10

    timings: dict[str, list[float]] = {"anycart": [], "direct": []}
    for fn in (via_anycart, direct):  # warm-up
        for _ in range(5):
            await fn()
    for _ in range(rounds):
        for name, fn in (("anycart", via_anycart), ("direct", direct)):
            for _ in range(batch):
                t0 = time.perf_counter()
                await fn()
                timings[name].append(time.perf_counter() - t0)
    await client.aclose()
    await services.http.aclose()

    p50 = {k: statistics.median(v) * 1000 for k, v in timings.items()}
    rate = {k: len(v) / sum(v) for k, v in timings.items()}
    ratio = rate["anycart"] / rate["direct"]
    print(f"calls per side: {len(timings['direct'])}")
    print(f"direct : {rate['direct']:.0f} req/s, p50 {p50['direct']:.2f} ms")
    print(f"anycart: {rate['anycart']:.0f} req/s, p50 {p50['anycart']:.2f} ms")
    print(f"throughput_ratio={ratio:.2f} added_p50_ms={p50['anycart'] - p50['direct']:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute)")
    asyncio.run(main(parser.parse_args().quick))
