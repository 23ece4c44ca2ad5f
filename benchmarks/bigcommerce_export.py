"""BigCommerce catalog export through AnyCart's BigCommerce connector (``BigcommerceApi``):
how close to the store's request window?

    python benchmarks/bigcommerce_export.py [--quick] [--products N] [--quota Q] [--scale S]

A client pages through a whole catalog (6 000 products; ``--quick``: 2 000, under a minute)
with ``product.list`` ``count=250`` and ``page_cursor``, through the ASGI gateway, backed by
the in-process BigCommerce simulator with a tight window: ``Q`` requests per 30 s (default 2,
where a Standard plan has 150, so that the window and not this machine is the limit: a page
of 250 products takes this machine well under a second), on one clock sped up ``S`` times
(default 4) for both the simulator's window and AnyCart's plan of it. A contract page of 250
is one v3 ``catalog/products`` request (variants, images, custom fields and options
included, the total in ``meta.pagination``: no count request); the brand names are one
request more.

The meter records when the simulator admitted each request. ``N`` requests need at least
``floor((N - 1) / Q)`` whole windows between the first and the last (the first ``Q`` in
the first window, a window starting fresh): the ceiling's throughput is ``N`` over that
time, and ``ceiling_ratio`` is it over the achieved one, ``N`` over the ``T`` platform
seconds from the first admitted request to the last (1.0: each window's requests sent as
it resets, none waited out for nothing). A 429 is counted at the simulator (AnyCart waits
for the reset and sends it again); one reaching the client fails the export.
The last line is ``ceiling_ratio=<x.xx> http_429=<n>``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.base import PlatformSettings
from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator
from anycart.services import build_services
from anycart.transport.ratelimit import MonotonicClock
from benchmarks.export_common import SimulatorMeter, export_catalog

HASH, TOKEN = "benchstore", "tok_" + "b" * 28
WINDOW_S = 30.0


async def run(products: int, quota: int, scale: float) -> dict[str, Any]:
    clock = MonotonicClock(scale=scale)
    sim = BigCommerceSimulator(clock)
    store = sim.shops.add_shop(HASH, TOKEN, size=products, seed=5, quota=quota)
    meter = SimulatorMeter(sim.app, lambda scope: False, clock)  # times: what was admitted
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))),
                              platform_settings=PlatformSettings(clock=clock))
    services.http.mount("api.bigcommerce.com", meter)
    _, api_key = services.repo.create_account("bench")
    answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key}, json.dumps({
        "cart_id": "BigcommerceApi", "bigcommerceapi_context": f"stores/{HASH}",
        "bigcommerceapi_access_token": TOKEN}).encode())
    assert answer["return_code"] == 0, answer
    meter.reset()
    await asyncio.sleep(WINDOW_S / scale)  # the export starts on a fresh window
    auth = {"x-api-key": api_key, "x-store-key": answer["result"]["store_key"]}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                                 base_url="http://anycart.bench", timeout=600) as client:
        ids, pages, total, wall = await export_catalog(client, auth)
    await services.http.aclose()
    expected = {str(p["id"]) for p in store.data.table("products").values()}
    assert len(ids) == len(set(ids)) and set(ids) == expected and total == len(expected)
    times = meter.times
    span = times[-1] - times[0] if times else 0.0
    least = (len(times) - 1) // quota * WINDOW_S  # the ceiling's time for these requests
    return {"products": len(ids), "pages": pages, "requests": len(times), "span": span,
            "least": least, "ratio": least / span if span else 1.0,
            "http_429": meter.http_429, "wall": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 000 products, under a minute")
    parser.add_argument("--products", type=int, default=None, help="catalog size (default 6 000)")
    parser.add_argument("--quota", type=int, default=2, help="requests per 30 s window")
    parser.add_argument("--scale", type=float, default=4.0, help="clock speed-up")
    args = parser.parse_args()
    products = args.products or (2_000 if args.quick else 6_000)
    started = time.perf_counter()
    m = asyncio.run(run(products, args.quota, args.scale))
    print(f"products exported : {m['products']} in {m['pages']} AnyCart pages of 250 "
          f"({time.perf_counter() - started:.1f} s with seeding)")
    print(f"window            : {args.quota} requests / {WINDOW_S:.0f} s, clock x{args.scale:g}")
    print(f"admitted requests : {m['requests']} over {m['span']:.1f} platform s "
          f"(the window's least: {m['least']:.0f} s), 429s answered {m['http_429']}")
    print(f"wall seconds      : {m['wall']:.2f} export")
    print(f"ceiling_ratio={m['ratio']:.2f} http_429={m['http_429']}")


if __name__ == "__main__":
    main()
