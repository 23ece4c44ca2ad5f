"""Gateway concurrency: many clients over many stores, each platform request taking 100 ms.

    python benchmarks/concurrency.py [--quick] [--clients N] [--latency-ms L] [--seconds T]

N clients (1 000; ``--quick``: 300), each on its own store (N Shift4Shop stores in one
in-process simulator, connected through ``account.cart.add``), call ``product.info`` through
the ASGI gateway in a loop for T seconds. The simulator answers every request after
``latency`` (an ``asyncio.sleep`` in an ASGI wrapper, so waiting costs no CPU); its
rate-limit clock is sped up so no bucket throttles. A ``product.info`` is one platform
request (checked: the wrapper counts them), so the most any gateway could serve is
``ideal = N / latency`` calls per second.

Side by side in the same run, the same clients call the connector directly (no HTTP, no
account or store lookup, no validation, no response shaping): what the simulator and the
connector cost by themselves on this machine; and ``/healthz`` through the same HTTP client
(the load generator and the ASGI stack alone). The gateway's own CPU per call is what is
left of AnyCart's once both are taken off.

Printed: throughput of each side as a ratio of the ideal, p50/p99 latency, CPU per call, and
the added p99 (gateway p99 minus the platform latency). Everything shares one event loop on
one core, so the ceiling is ``1 / CPU per call``: when that is below the ideal, the ratio
reports the machine, not waiting. Last line: ``ideal_ratio=<x> added_p99_ms=<y>``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.base import Call, PlatformSettings
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.services import build_services
from anycart.transport.ratelimit import MonotonicClock

API_HOST = "apirest.3dcart.bench"


class Latency:
    """The simulator app answering each request after ``seconds``; counts what it served."""

    def __init__(self, app: Any) -> None:
        self.app, self.seconds, self.requests = app, 0.0, 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.requests += 1
            if self.seconds:
                await asyncio.sleep(self.seconds)
        await self.app(scope, receive, send)


async def run_clients(n: int, seconds: float,
                      call: Callable[[int], Awaitable[None]]) -> tuple[list[float], float, float]:
    """n clients calling ``call(i)`` back to back for ``seconds``: (latencies, wall, cpu)."""
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def client(i: int) -> None:
        while time.perf_counter() < deadline:
            t0 = time.perf_counter()
            await call(i)
            latencies.append(time.perf_counter() - t0)

    cpu0, wall0 = time.process_time(), time.perf_counter()
    await asyncio.gather(*(client(i) for i in range(n)))
    return latencies, time.perf_counter() - wall0, time.process_time() - cpu0


async def main(clients: int, latency_ms: float, seconds: float) -> None:
    fast = MonotonicClock(scale=1e6)  # budgets keep their shape but never throttle here
    sim = Shift4ShopSimulator(clock=fast)
    urls = [f"https://bench-{i}.3dcartstores.com" for i in range(clients)]
    for url in urls:
        sim.stores.add_store(url, "k" * 32, "t" * 32, size=3, seed=7)
    upstream = Latency(sim.app)
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-")),
                        embedded_worker=False)
    services = build_services(settings)
    services.gateway.platform_settings = PlatformSettings(
        api_urls={"3DCart": f"https://{API_HOST}"}, clock=fast)
    services.http.mount(API_HOST, upstream)
    account, api_key = services.repo.create_account("bench")
    platform = services.gateway.registry.get("3DCart")
    assert platform is not None
    gate = asyncio.Semaphore(32)

    async def connect(url: str) -> str:
        body = {"cart_id": "3DCart", "store_url": url, "3dcart_private_key": "k" * 32,
                "3dcart_access_token": "t" * 32}
        async with gate:
            answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key},
                                                   json.dumps(body).encode())
        assert answer["return_code"] == 0, answer
        return str(answer["result"]["store_key"])

    keys = await asyncio.gather(*(connect(url) for url in urls))
    stores = [services.repo.get_store(account.id, key) for key in keys]
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                             base_url="http://anycart.bench",
                             limits=httpx.Limits(max_connections=None))
    product_id = "1"

    async def via_anycart(i: int) -> None:
        r = await http.get("/v1.1/product.info.json", params={
            "api_key": api_key, "store_key": keys[i], "id": product_id})
        assert r.json()["return_code"] == 0, r.text

    async def http_floor(i: int) -> None:  # the load generator and the ASGI stack alone
        r = await http.get("/healthz")
        assert r.status_code == 200

    async def direct(i: int) -> None:
        store = stores[i]
        assert store is not None
        connector = platform.connect(store, services.http, services.gateway.platform_settings)
        record = await connector.product_info(Call("product.info", {"id": product_id}))
        assert record["id"] == product_id

    # Without latency: a first call per store (the gateway caches what it learns of the
    # store), then check that a call is one platform request.
    await asyncio.gather(*(via_anycart(i) for i in range(clients)))
    for fn in (via_anycart, direct):
        before = upstream.requests
        await fn(0)
        assert upstream.requests - before == 1, f"{fn.__name__}: not one platform request"
    upstream.seconds = latency_ms / 1000
    ideal = clients / upstream.seconds
    results: dict[str, tuple[list[float], float, float]] = {}
    for name, fn in (("direct", direct), ("anycart", via_anycart)):
        results[name] = await run_clients(clients, seconds, fn)
    floor, _wall, floor_cpu = await run_clients(clients, seconds / 4, http_floor)
    await http.aclose()
    await services.http.aclose()

    figures: dict[str, dict[str, float]] = {}
    for name, (lat, wall, cpu) in results.items():
        q = statistics.quantiles(lat, n=100)
        figures[name] = {"rps": len(lat) / wall, "p50": q[49] * 1000, "p99": q[98] * 1000,
                         "cpu_ms": cpu / len(lat) * 1000}
        f = figures[name]
        print(f"{name:7}: {f['rps']:.0f} calls/s = {f['rps'] / ideal:.2f} of ideal "
              f"{ideal:.0f}; p50 {f['p50']:.0f} ms, p99 {f['p99']:.0f} ms; "
              f"CPU {f['cpu_ms']:.2f} ms/call (one-core ceiling {1000 / f['cpu_ms']:.0f}/s)")
    a = figures["anycart"]
    floor_ms = floor_cpu / len(floor) * 1000
    print(f"of anycart's CPU per call: {floor_ms:.2f} ms the client and ASGI stack (/healthz), "
          f"{figures['direct']['cpu_ms']:.2f} ms simulator and connector, the rest "
          f"{a['cpu_ms'] - floor_ms - figures['direct']['cpu_ms']:.2f} ms the gateway")
    print(f"clients={clients} latency_ms={latency_ms:g} seconds={seconds:g}")
    print(f"ideal_ratio={a['rps'] / ideal:.2f} added_p99_ms={a['p99'] - latency_ms:.0f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute)")
    parser.add_argument("--clients", type=int)
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--seconds", type=float)
    args = parser.parse_args()
    quick = args.quick
    asyncio.run(main(args.clients or (300 if quick else 1000), args.latency_ms,
                     args.seconds or (8.0 if quick else 20.0)))
