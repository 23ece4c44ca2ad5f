"""Scale-out: 1, 2 and 4 ``anycart worker`` processes polling the same stores on PostgreSQL.

    python benchmarks/scaleout.py [--quick] [--stores N] [--seconds T] [--postgres URL]

N Shift4Shop stores (10 000; ``--quick``: 300, 3 s rounds) are connected through ``account.cart.add``
with one polled ``product.update`` webhook each, on PostgreSQL (``--postgres URL``, or
``ANYCART_TEST_POSTGRES_URL``, else a throwaway cluster). The Shift4Shop simulator serving
them runs in its own process (uvicorn on loopback), as a platform would; the workers reach it
through ``ANYCART_API_URLS``. Every store is always due (``ANYCART_POLL_INTERVAL_S=0``, no
idle backoff), so the workers poll as fast as they can, claiming stores from one table with
leases (``FOR UPDATE SKIP LOCKED``). A poll of an unchanged store is one platform request,
so polls per second are the simulator's requests per second, counted by the simulator.

For each worker count the stores are made due again, the workers start, and once each has
said it runs and 2 s more have passed they are measured for T seconds. Everything
(PostgreSQL, simulator, workers) shares this machine's cores: ``cores`` is printed, and
speedups flatten once the cores are busy.
Last line: ``polls_per_s_1=<a> speedup_2=<b> speedup_4=<c>``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import update

from anycart.config import Settings
from anycart.methods.context import FileAnswer
from anycart.platforms.base import PlatformSettings
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.services import build_services
from anycart.storage.models import PollState, utcnow
from anycart.transport.ratelimit import MonotonicClock
from benchmarks.database_calls import scratch_database, throwaway_postgres

API_HOST = "apirest.3dcart.bench"
HOOK_HOST = "hooks.bench"
PRODUCTS = 2


def seeded_simulator(stores: int) -> Shift4ShopSimulator:
    # Budgets keep their shape but never throttle: the workers are what is measured.
    sim = Shift4ShopSimulator(clock=MonotonicClock(scale=1e6))
    for i in range(stores):
        sim.stores.add_store(f"https://bench-{i}.3dcartstores.com", "k" * 32, "t" * 32,
                             size=PRODUCTS, seed=i)
    return sim


class Counting:
    """The simulator, counting what it serves; ``GET /_bench/requests`` reads the count."""

    def __init__(self, app: Any) -> None:
        self.app, self.requests = app, 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope["path"] == "/_bench/requests":
            body = str(self.requests).encode()
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": body})
            return
        if scope["type"] == "http":
            self.requests += 1
        await self.app(scope, receive, send)


def serve_simulator(stores: int, port: int) -> None:
    """The simulator process (``--serve-simulator``)."""
    import uvicorn

    uvicorn.run(Counting(seeded_simulator(stores).app), host="127.0.0.1", port=port,
                log_level="warning", access_log=False)


async def prepare(settings: Settings, stores: int) -> None:
    """Stores and webhooks made through the gateway, against an in-process simulator."""
    sim = seeded_simulator(stores)
    services = build_services(settings, platform_settings=PlatformSettings(
        api_urls={"3DCart": f"https://{API_HOST}"}))
    services.http.mount(API_HOST, sim.app)
    services.http.mount(HOOK_HOST, sim.app)  # only resolved when the hooks are made
    _, api_key = services.repo.create_account("bench")
    gate = asyncio.Semaphore(32)

    async def connect(i: int) -> None:
        async with gate:
            body = {"cart_id": "3DCart", "store_url": f"https://bench-{i}.3dcartstores.com",
                    "3dcart_private_key": "k" * 32, "3dcart_access_token": "t" * 32}
            added = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key},
                                                  json.dumps(body).encode())
            assert not isinstance(added, FileAnswer) and added["return_code"] == 0, added
            hook = {"entity": "product", "action": "update",
                    "callback": f"https://{HOOK_HOST}/{i}"}
            made = await services.gateway.handle(
                "webhook.create", {},
                {"x-api-key": api_key, "x-store-key": added["result"]["store_key"]},
                json.dumps(hook).encode())
            assert not isinstance(made, FileAnswer) and made["return_code"] == 0, made

    await asyncio.gather(*(connect(i) for i in range(stores)))
    await services.http.aclose()
    services.db.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def requests_served(sim_url: str) -> int:
    return int(httpx.get(f"{sim_url}/_bench/requests", timeout=10).text)


def measure(settings: Settings, sim_url: str, workers: int, seconds: float) -> float:
    """Polls per second of ``workers`` worker processes."""
    services = build_services(settings, migrate=False)
    with services.db.session() as s:
        s.execute(update(PollState).values(next_poll_at=utcnow(), lease_until=None))
    services.db.dispose()
    env = {**os.environ, "ANYCART_DATA_DIR": str(settings.data_dir),
           "ANYCART_DATABASE_URL": str(settings.database_url),
           "ANYCART_ALLOW_PRIVATE_NETWORKS": "true", "ANYCART_POLL_INTERVAL_S": "0",
           "ANYCART_POLL_IDLE_BACKOFF": "1", "ANYCART_WORKER_TICK_S": "0.05",
           "ANYCART_API_URLS": json.dumps({"3DCart": sim_url})}
    with contextlib.ExitStack() as files:
        logs = [files.enter_context(tempfile.NamedTemporaryFile(
            "w+", prefix="anycart-worker-", suffix=".log")) for _ in range(workers)]
        return _timed(sim_url, env, logs, seconds)


def _timed(sim_url: str, env: dict[str, str], logs: list[Any], seconds: float) -> float:
    procs = [subprocess.Popen([sys.executable, "-m", "anycart.cli", "worker"], env=env,
                              stdout=subprocess.DEVNULL, stderr=log) for log in logs]
    try:
        deadline = time.monotonic() + 120
        while not all("worker running" in Path(log.name).read_text() for log in logs):
            if time.monotonic() > deadline or any(p.poll() is not None for p in procs):
                raise SystemExit("the workers did not start: "
                                 + " | ".join(Path(log.name).read_text() for log in logs))
            time.sleep(0.2)
        time.sleep(2)  # every process claiming and polling
        before, t0 = requests_served(sim_url), time.perf_counter()
        time.sleep(seconds)
        rate = (requests_served(sim_url) - before) / (time.perf_counter() - t0)
        if any(p.poll() is not None for p in procs):
            raise SystemExit("a worker process died during the run")
        return rate
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(20)


def run(database_url: str, stores: int, seconds: float) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="anycart-scaleout-"))
    settings = Settings(data_dir=data_dir, database_url=database_url, embedded_worker=False)
    t0 = time.perf_counter()
    asyncio.run(prepare(settings, stores))
    print(f"setup: {stores} stores connected and subscribed in {time.perf_counter() - t0:.0f} s")
    port = free_port()
    sim = subprocess.Popen([sys.executable, __file__, "--serve-simulator", str(port),
                            "--stores", str(stores)])
    sim_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                requests_served(sim_url)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or sim.poll() is not None:
                    raise SystemExit("the simulator did not start") from None
                time.sleep(0.2)
        rates = {n: measure(settings, sim_url, n, seconds) for n in (1, 2, 4)}
    finally:
        sim.terminate()
        sim.wait(20)
    if not rates[1]:
        raise SystemExit("one worker polled nothing in the measured window")
    for n, rate in rates.items():
        print(f"{n} worker{'s' if n > 1 else ' '}: {rate:.0f} polls/s "
              f"({rate / rates[1]:.2f}x one worker)")
    print(f"cores={os.cpu_count()} stores={stores} seconds={seconds:g} "
          "(PostgreSQL, the simulator and the workers share them)")
    print(f"polls_per_s_1={rates[1]:.0f} speedup_2={rates[2] / rates[1]:.2f} "
          f"speedup_4={rates[4] / rates[1]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute)")
    parser.add_argument("--stores", type=int)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--postgres", help="a PostgreSQL URL (default: a throwaway cluster)")
    parser.add_argument("--serve-simulator", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    stores = args.stores or (300 if args.quick else 10000)
    if args.serve_simulator:
        serve_simulator(stores, args.serve_simulator)
        return
    seconds = args.seconds or (3.0 if args.quick else 20.0)
    url = args.postgres or os.environ.get("ANYCART_TEST_POSTGRES_URL")
    if url:
        with scratch_database(url) as scratch:
            run(scratch, stores, seconds)
    else:
        with throwaway_postgres() as started:
            run(started, stores, seconds)


if __name__ == "__main__":
    main()
