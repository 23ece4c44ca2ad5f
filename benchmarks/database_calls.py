"""Database-bound calls: ``webhook.list`` and ``account.cart.list`` at 32 concurrent clients.

    python benchmarks/database_calls.py [--quick] [--clients N] [--seconds T] [--postgres URL]

These two methods never reach a platform: each is an account lookup (cached), a store lookup
(cached) and database reads. The same run measures them on the embedded default (SQLite in
WAL mode, in a temporary data dir) and on PostgreSQL: ``--postgres URL`` (or
``ANYCART_TEST_POSTGRES_URL``: a database of its own is made there and dropped), else a
throwaway cluster is started with the machine's
``initdb``/``pg_ctl`` (as the ``postgres`` user when run as root) and removed afterwards.

Setup per database: one account, 10 Shift4Shop stores (in-process simulator) connected with
``account.cart.add``, 5 polled webhooks each. Then the gateway runs as deployed, ``anycart
serve`` in its own process (one uvicorn process, access log on), and N clients (32, httpx over
loopback TCP, keep-alive) in this process call the two methods in turn for T seconds.
Printed per database: requests/s, p50 and p99, and the gateway process's CPU per call.
Last line: ``sqlite_rps=<x> postgres_rps=<y> p99_ms=<z>`` (p99 the worse of the two).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings
from anycart.methods.context import FileAnswer
from anycart.platforms.base import PlatformSettings
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.services import build_services
from anycart.transport.ratelimit import MonotonicClock

API_HOST = "apirest.3dcart.bench"
HOOK_HOST = "hooks.bench"  # mounted: never called here, only resolved when hooks are made
STORES, HOOKS = 10, 5
ACTIONS = ("add", "update", "delete")
ENTITIES = ("product", "order")


async def prepare(settings: Settings) -> str:
    """The account, its stores and webhooks, made through the gateway (in this process, the
    stores on an in-process simulator); returns the account's api_key."""
    fast = MonotonicClock(scale=1e6)
    sim = Shift4ShopSimulator(clock=fast)
    services = build_services(settings)
    services.gateway.platform_settings = PlatformSettings(
        api_urls={"3DCart": f"https://{API_HOST}"}, clock=fast)
    services.http.mount(API_HOST, sim.app)
    services.http.mount(HOOK_HOST, sim.app)
    _, api_key = services.repo.create_account("bench")

    async def call(method: str, store_key: str | None = None, **params: object) -> dict:
        headers = {"x-api-key": api_key, **({"x-store-key": store_key} if store_key else {})}
        answer = await services.gateway.handle(method, {}, headers, json.dumps(params).encode())
        assert not isinstance(answer, FileAnswer) and answer["return_code"] == 0, answer
        return answer

    for i in range(STORES):
        url = f"https://bench-{i}.3dcartstores.com"
        sim.stores.add_store(url, "k" * 32, "t" * 32, size=1, seed=i)
        added = await call("account.cart.add", cart_id="3DCart", store_url=url,
                           **{"3dcart_private_key": "k" * 32, "3dcart_access_token": "t" * 32})
        for n in range(HOOKS):
            await call("webhook.create", added["result"]["store_key"], entity=ENTITIES[n % 2],
                       action=ACTIONS[n % 3], callback=f"https://{HOOK_HOST}/{i}/{n}")
    await services.http.aclose()
    services.db.dispose()
    return api_key


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def gateway(settings: Settings) -> Iterator[tuple[str, int]]:
    """``anycart serve`` on a free port in its own process (as deployed, access log on)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "ANYCART_DATA_DIR": str(settings.data_dir),
           "ANYCART_EMBEDDED_WORKER": "false"}
    if settings.database_url:
        env["ANYCART_DATABASE_URL"] = settings.database_url
    proc = subprocess.Popen([sys.executable, "-m", "anycart.cli", "serve", "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("the gateway did not start") from None
                time.sleep(0.1)
        yield base, proc.pid
    finally:
        proc.terminate()
        proc.wait(10)


async def load(base: str, pid: int, api_key: str, keys: list[str], clients: int,
               seconds: float) -> dict[str, float]:
    """``clients`` callers alternating the two methods for ``seconds``."""
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as http:

        async def client(i: int, until: float) -> None:
            turn = i
            while time.perf_counter() < until:
                t0 = time.perf_counter()
                if turn % 2:
                    r = await http.get("/v1.1/webhook.list.json", params={
                        "api_key": api_key, "store_key": keys[turn % len(keys)]})
                else:
                    r = await http.get("/v1.1/account.cart.list.json", params={"api_key": api_key})
                latencies.append(time.perf_counter() - t0)
                assert r.json()["return_code"] == 0, r.text
                turn += 1

        warm = time.perf_counter() + 1  # connections open, caches and pools warm
        await asyncio.gather(*(client(i, warm) for i in range(clients)))
        latencies.clear()
        started, cpu = time.perf_counter(), cpu_seconds(pid)
        until = started + seconds
        await asyncio.gather(*(client(i, until) for i in range(clients)))
        wall, cpu = time.perf_counter() - started, cpu_seconds(pid) - cpu
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / wall, "p50": q[49] * 1000, "p99": q[98] * 1000,
            "cpu_ms": cpu / len(latencies) * 1000}


def measure(database_url: str | None, clients: int, seconds: float) -> dict[str, float]:
    data_dir = Path(tempfile.mkdtemp(prefix="anycart-bench-"))
    settings = Settings(data_dir=data_dir, database_url=database_url, embedded_worker=False)
    try:
        api_key = asyncio.run(prepare(settings))
        with gateway(settings) as (base, pid):
            listed = httpx.get(f"{base}/v1.1/account.cart.list.json",
                               params={"api_key": api_key}).json()["result"]["carts"]
            keys = [c["store_key"] for c in listed]
            assert len(keys) == STORES
            return asyncio.run(load(base, pid, api_key, keys, clients, seconds))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A database of its own on the server ``url`` names, dropped afterwards: a benchmark's
    accounts, stores and poll rows must not land in a database others use (the test
    suite's ``ANYCART_TEST_POSTGRES_URL``, whose tests count what they find)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"anycart_bench_{secrets.token_hex(4)}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL cluster on a free port for this run only (as ``.ci/run`` starts one)."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not bins:
        raise SystemExit("no PostgreSQL here: pass --postgres URL")
    pgbin = bins[-1]
    data = Path(tempfile.mkdtemp(prefix="anycart-pg-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    as_postgres = ["su", "postgres", "-c"] if os.geteuid() == 0 else ["sh", "-c"]
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    subprocess.run([*as_postgres, f"{pgbin}/initdb -D {data} -A trust -U postgres >/dev/null"],
                   check=True)
    subprocess.run([*as_postgres, f"{pgbin}/pg_ctl -D {data} -o '-p {port} -k /tmp "
                    f"-c listen_addresses=127.0.0.1' -w start >/dev/null"], check=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*as_postgres, f"{pgbin}/pg_ctl -D {data} -m fast stop >/dev/null"],
                       check=False)
        shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float)
    parser.add_argument("--postgres", help="a PostgreSQL URL (default: a throwaway cluster)")
    args = parser.parse_args()
    seconds = args.seconds or (8.0 if args.quick else 30.0)
    url = args.postgres or os.environ.get("ANYCART_TEST_POSTGRES_URL")
    figures = {"sqlite": measure(None, args.clients, seconds)}
    if url:
        with scratch_database(url) as scratch:
            figures["postgres"] = measure(scratch, args.clients, seconds)
    else:
        with throwaway_postgres() as started:
            figures["postgres"] = measure(started, args.clients, seconds)
    for name, f in figures.items():
        print(f"{name:8}: {f['rps']:.0f} req/s, p50 {f['p50']:.1f} ms, p99 {f['p99']:.1f} ms "
              f"({args.clients} clients, {seconds:g} s); gateway CPU {f['cpu_ms']:.2f} ms/call")
    p99 = max(f["p99"] for f in figures.values())
    print(f"sqlite_rps={figures['sqlite']['rps']:.0f} postgres_rps={figures['postgres']['rps']:.0f}"
          f" p99_ms={p99:.0f}")


if __name__ == "__main__":
    main()
