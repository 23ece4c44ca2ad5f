"""Webhook lag with polling: 10 000 Shift4Shop stores, random product changes, one process.

    python benchmarks/webhook_lag.py [--quick] [--stores N] [--interval S] [--seconds T] [--hot F]

Everything runs in this process on the embedded default (SQLite): the Shift4Shop simulator
serving N stores (10 products each), the AnyCart gateway with those N stores connected and
one ``product.update`` webhook each, the worker (polling every ``--interval`` seconds, and
delivering), and the receiver (an in-process ASGI app mounted as the callback host).

For ``--seconds`` a driver changes the price of random products directly in the simulator
(each product at most once, so no two changes coalesce into one event). Lag of a change =
time its webhook arrived - time of the change. ``lost`` = changes with no webhook once the
worker had two more poll intervals to catch up. Peak RSS is this whole process, simulator
and receiver included. ``--hot F``: a share F of the stores gets 90 % of the changes (the
rest stay idle, and adaptive intervals back off on them), instead of uniform changes.

Polling cost: simulator requests during the changes, per store per minute, against what the
store's documented bucket refills (Shift4Shop: 2 a second, 120 a minute): ``budget_share``.
Stores: 10 000 (``--quick``: 1 000). Last line:
``stores=<n> p95_lag_s=<x> lost=<n> peak_rss_mb=<m> budget_share=<f>``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings
from anycart.platforms.base import PlatformSettings
from anycart.platforms.shift4shop.sim_store import BUCKET
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.services import build_services
from anycart.worker.loop import Worker

API_HOST = "apirest.3dcart.bench"
HOOK_HOST = "hooks.bench"
PRODUCTS_PER_STORE = 10


class Receiver:
    """Arrival time per (store_key, product id, price)."""

    def __init__(self) -> None:
        self.arrivals: dict[tuple[str, str, float], float] = {}
        self.count = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        payload = json.loads(body)
        key = (payload["store_key"], payload["entity_id"], float(payload["data"]["price"]))
        self.arrivals.setdefault(key, time.monotonic())
        self.count += 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b""})


class Counted:
    """The simulator app, counting the requests it serves (all stores share one API host)."""

    def __init__(self, app) -> None:
        self.app, self.requests = app, 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            self.requests += 1
        await self.app(scope, receive, send)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main(stores: int, interval: float, seconds: float, hot: float) -> None:
    wall0 = time.monotonic()
    sim = Shift4ShopSimulator()
    urls = [f"https://bench-{i:04d}.3dcartstores.com" for i in range(stores)]
    for i, url in enumerate(urls):
        sim.stores.add_store(url, f"key-{i}", f"token-{i}", size=PRODUCTS_PER_STORE, seed=i)
    settings = Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-lag-")),
                        poll_interval_s=interval, poll_concurrency=200, worker_tick_s=0.1)
    services = build_services(settings)
    services.gateway.platform_settings = PlatformSettings(api_urls={"3DCart": f"https://{API_HOST}"})
    counted = Counted(sim.app)
    services.http.mount(API_HOST, counted)
    receiver = Receiver()
    services.http.mount(HOOK_HOST, receiver)
    _, api_key = services.repo.create_account("bench")
    store_keys: dict[str, str] = {}

    async def connect(i: int, url: str) -> None:
        body = json.dumps({"cart_id": "3DCart", "store_url": url, "3dcart_private_key": f"key-{i}",
                           "3dcart_access_token": f"token-{i}"}).encode()
        answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key}, body)
        assert answer["return_code"] == 0, answer
        key = answer["result"]["store_key"]
        store_keys[url] = key
        hook = json.dumps({"entity": "product", "action": "update",
                           "callback": f"https://{HOOK_HOST}/hook", "fields": "id,price"}).encode()
        made = await services.gateway.handle("webhook.create", {},
                                             {"x-api-key": api_key, "x-store-key": key}, hook)
        assert made["return_code"] == 0, made

    sem = asyncio.Semaphore(50)

    async def limited(i: int, url: str) -> None:
        async with sem:
            await connect(i, url)

    await asyncio.gather(*(limited(i, u) for i, u in enumerate(urls)))
    print(f"setup: {stores} stores connected and subscribed in {time.monotonic() - wall0:.1f} s")

    worker = Worker(services)
    stop = asyncio.Event()
    running = asyncio.create_task(worker.run(stop))
    # Baseline: every store polled once before changes start.
    t0 = time.monotonic()
    while worker.stats["polls"] < stores and time.monotonic() - t0 < 120:
        await asyncio.sleep(0.2)
    print(f"baseline: {worker.stats['polls']} polls in {time.monotonic() - t0:.1f} s")

    rng = random.Random(42)
    candidates = [(url, pid) for url in urls for pid in range(1, PRODUCTS_PER_STORE + 1)]
    rng.shuffle(candidates)
    if hot:  # a share of the stores gets 90 % of the changes, as merchants' traffic is skewed
        busy = set(rng.sample(urls, max(1, int(hot * stores))))
        candidates.sort(key=lambda c: (c[0] in busy) != (rng.random() < 0.9))
    changes: dict[tuple[str, str, float], float] = {}
    rate = max(1.0, len(candidates) / max(seconds, 1.0) / 4)  # a quarter of the products change
    start = time.monotonic()
    requests_before = counted.requests
    while time.monotonic() - start < seconds and candidates:
        url, pid = candidates.pop()
        store = sim.stores.get(url)
        doc = store.data.products.materialize(pid)
        price = round(rng.uniform(1, 999), 2)
        doc["SKUInfo"]["Price"] = price
        doc["LastUpdate"] = store.timestamp()
        store.data.products.touched()
        store.data.change_seq += 1
        changes[(store_keys[url], str(pid), price)] = time.monotonic()
        await asyncio.sleep(rng.expovariate(rate))
    window = time.monotonic() - start
    per_store_min = (counted.requests - requests_before) / stores / (window / 60)
    budget_min = BUCKET.leak_per_s * 60
    deadline = time.monotonic() + 2 * interval + 10
    while time.monotonic() < deadline and not changes.keys() <= receiver.arrivals.keys():
        await asyncio.sleep(0.2)
    stop.set()
    await running

    lags = sorted(receiver.arrivals[k] - t for k, t in changes.items() if k in receiver.arrivals)
    lost = len(changes) - len(lags)
    p50 = statistics.median(lags) if lags else float("nan")
    p95 = lags[min(len(lags) - 1, int(0.95 * len(lags)))] if lags else float("nan")
    rss = peak_rss_mb()
    print(f"changes: {len(changes)} over {window:.1f} s; deliveries: {receiver.count} "
          f"({receiver.count / window:.1f}/s); polls: {worker.stats['polls']} "
          f"({worker.stats['polls'] / (time.monotonic() - t0):.0f}/s)")
    print(f"lag: p50 {p50:.2f} s, p95 {p95:.2f} s, max {lags[-1] if lags else float('nan'):.2f} s "
          f"(poll interval {interval:g} s); wall {time.monotonic() - wall0:.1f} s")
    await services.http.aclose()
    print(f"polling cost: {per_store_min:.2f} requests per store per minute, of the "
          f"{budget_min:.0f} Shift4Shop's bucket refills per minute (2/s)")
    print(f"stores={stores} p95_lag_s={p95:.2f} lost={lost} peak_rss_mb={rss:.0f} "
          f"budget_share={per_store_min / budget_min:.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a run of under a minute")
    parser.add_argument("--stores", type=int, default=None, help="10 000; --quick: 1 000")
    parser.add_argument("--hot", type=float, default=0.0,
                        help="share of stores getting 90%% of the changes (default: uniform)")
    parser.add_argument("--interval", type=float, default=None, help="poll interval, seconds")
    parser.add_argument("--seconds", type=float, default=None, help="how long changes go on")
    args = parser.parse_args()
    interval = args.interval or (5.0 if args.quick else 10.0)
    seconds = args.seconds or (15.0 if args.quick else 120.0)
    stores = args.stores or (1000 if args.quick else 10000)
    asyncio.run(main(stores, interval, seconds, args.hot))
