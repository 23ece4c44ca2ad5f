"""What the export benchmarks share: meters on the simulator side, the export loop, the report.

A platform's benchmark builds its simulator and AnyCart, wraps the simulator app in a
:class:`SimulatorMeter` and the store's bucket in an :class:`AdmissionLog`, runs
:func:`export_catalog`, and prints :func:`report` (last line ``ceiling_ratio=<x.xx>
http_429=<n>``). The ceiling over ``T`` platform seconds is ``capacity + leak * T``: the most a
bucket starting empty can admit in that window, so ``ceiling_ratio`` is at most 1.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.services import build_services
from anycart.transport.ratelimit import BucketBudget, Clock, LeakyBucket, MonotonicClock

PAGE = 250


class SimulatorMeter:
    """ASGI wrapper around the simulator: counts answers by status and kind of request; given
    a ``clock``, also keeps the time each admitted (not 429) request arrived, for a platform
    whose limit is a window rather than a bucket AnyCart can see."""

    def __init__(self, app: Any, is_count: Callable[[dict[str, Any]], bool],
                 clock: Clock | None = None) -> None:
        self.app = app
        self.is_count = is_count
        self.clock = clock
        self.statuses: dict[int, int] = {}
        self.count_requests = 0  # total-count GETs among the admitted ones
        self.times: list[float] = []

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 0

        async def send_status(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        at = self.clock.now() if self.clock else 0.0
        await self.app(scope, receive, send_status)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status != 429 and self.is_count(scope):
            self.count_requests += 1
        if status != 429 and self.clock:
            self.times.append(at)

    def reset(self) -> None:
        self.statuses.clear()
        self.count_requests = 0
        self.times.clear()

    @property
    def http_429(self) -> int:
        return self.statuses.get(429, 0)


class AdmissionLog:
    """Wraps the store's :class:`LeakyBucket`: the clock time of each admitted request."""

    def __init__(self, bucket: LeakyBucket, clock: Clock) -> None:
        self.times: list[float] = []
        self.levels: list[float] = []  # bucket level just after each admission
        self.refused = 0
        inner = bucket.try_acquire

        def try_acquire() -> bool:
            ok = inner()
            if ok:
                self.times.append(clock.now())
                self.levels.append(bucket.level)
            else:
                self.refused += 1
            return ok

        bucket.try_acquire = try_acquire  # type: ignore[method-assign]

    def reset(self) -> None:
        self.times.clear()
        self.levels.clear()
        self.refused = 0

    @property
    def served(self) -> int:
        return len(self.times)

    @property
    def window_s(self) -> float:
        return self.times[-1] - self.times[0] if self.times else 0.0

    def after_full(self, capacity: int, slack: float = 3.0) -> tuple[int, float] | None:
        """The sustained phase, once the burst is spent: requests admitted after the bucket
        first reached its peak level, and the seconds they span (None if the peak stayed more
        than ``slack`` below capacity: the bucket never throttled)."""
        peak = max(self.levels, default=0.0)
        if peak < capacity - slack:
            return None
        i = next(i for i, level in enumerate(self.levels) if level >= peak - 0.5)
        return len(self.times) - 1 - i, self.times[-1] - self.times[i]


async def export_catalog(client: httpx.AsyncClient, auth: dict[str, str]
                         ) -> tuple[list[str], int, int | None, float]:
    """Page through ``product.list`` (``count=250``, then ``page_cursor``) as SDK clients do:
    (ids, pages, the reported products_count, wall seconds). Every page must answer 0."""
    ids: list[str] = []
    pages = 0
    reported_total = None
    wall0 = time.perf_counter()
    query: dict[str, Any] = {"count": PAGE, "params": "force_all"}
    while True:
        r = await client.get("/v1.1/product.list.json", params=query, headers=auth)
        assert r.status_code == 200, (r.status_code, r.text[:300])
        body = r.json()
        assert body["return_code"] == 0, (pages, body.get("return_code"), body.get("return_message"))
        pages += 1
        result = body["result"]
        reported_total = result.get("products_count")
        ids.extend(str(p["id"]) for p in result.get("product", []))
        cursor = (body.get("pagination") or {}).get("next")
        if not cursor:
            return ids, pages, reported_total, time.perf_counter() - wall0
        query = {"page_cursor": cursor, "params": "force_all"}


def measure(admissions: AdmissionLog, meter: SimulatorMeter, budget: BucketBudget,
            ids: list[str], expected: set[str], pages: int, reported_total: int | None,
            wall: float, sim_elapsed: float) -> dict[str, Any]:
    assert len(ids) == len(set(ids)), f"{len(ids) - len(set(ids))} duplicate product ids"
    assert set(ids) == expected, f"got {len(set(ids))} distinct ids of {len(expected)}"
    assert reported_total == len(expected), (reported_total, len(expected))
    assert admissions.refused == meter.http_429
    served, window = admissions.served, admissions.window_s
    ceiling = budget.capacity + budget.leak_per_s * window
    return {"products": len(set(ids)), "pages": pages, "served": served,
            "peak_level": max(admissions.levels, default=0.0),
            "sustained": admissions.after_full(budget.capacity),
            "count_requests": meter.count_requests, "http_429": meter.http_429,
            "statuses": dict(sorted(meter.statuses.items())), "window": window,
            "sim_elapsed": sim_elapsed, "wall": wall, "ceiling": ceiling,
            "ratio": served / ceiling}


def report(m: dict[str, Any], budget: BucketBudget, scale: float) -> None:
    cap, leak = budget.capacity, budget.leak_per_s
    print(f"products exported : {m['products']} in {m['pages']} AnyCart pages of {PAGE}")
    print(f"simulator requests: {m['served']} admitted ({m['served'] - m['count_requests']} "
          f"product batches + {m['count_requests']} counts), statuses {m['statuses']}")
    print(f"simulated seconds : {m['window']:.1f} first-to-last request "
          f"({m['sim_elapsed']:.1f} whole export, clock x{scale:g})")
    print(f"ceiling           : {cap} + {leak:g} * {m['window']:.1f} = {m['ceiling']:.1f} requests; "
          f"{m['served'] / m['window'] if m['window'] else 0:.3f} req/simulated s")
    print(f"wall seconds      : {m['wall']:.1f}; AnyCart pages/s: "
          f"{m['pages'] / m['wall']:.1f} wall, {m['pages'] / m['sim_elapsed']:.3f} simulated")
    sustained = m["sustained"]
    if sustained and sustained[1] > 0:
        n, secs = sustained
        print(f"after the burst   : {n} requests in {secs:.1f} simulated s = "
              f"{n / secs / leak:.2f} of the {leak:g}/s leak (bucket peak {m['peak_level']:.1f}/{cap})")
    else:
        print(f"WARNING: the bucket never filled (peak {m['peak_level']:.1f}/{cap}): AnyCart, not "
              "the bucket, was the bottleneck; use more products or a lower --scale")
    print(f"ceiling_ratio={m['ratio']:.2f} http_429={m['http_429']}")


def cli(doc: str, run: Callable[[int, float], Awaitable[dict[str, Any]]], budget: BucketBudget,
        default_scale: float) -> None:
    """``[--quick] [--products N] [--scale S]``, run, report."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 000 products")
    parser.add_argument("--products", type=int, default=None,
                        help="catalog size (default 50 000, or 20 000 with --quick)")
    parser.add_argument("--scale", type=float, default=default_scale,
                        help="platform seconds per real second of the shared clock "
                             f"(default {default_scale:g})")
    args = parser.parse_args()
    products = args.products or (20_000 if args.quick else 50_000)
    if products < 1:
        parser.error("--products must be positive")
    report(asyncio.run(run(products, args.scale)), budget, args.scale)


async def connect_and_export(services: Any, meter: SimulatorMeter, admissions: AdmissionLog,
                             bucket: LeakyBucket, budget: BucketBudget, clock: MonotonicClock,
                             store: dict[str, Any]) -> tuple[list[str], int, int | None, float, float]:
    """Connect the store (``account.cart.add`` body ``store``), let the bucket drain so the
    export starts from empty, then export: (ids, pages, total, wall s, platform s)."""
    import json

    _, api_key = services.repo.create_account("bench")
    answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key},
                                           json.dumps(store).encode())
    assert answer["return_code"] == 0, answer
    # account.cart.add checks the credentials against the platform: let the bucket drain,
    # then count afresh.
    await asyncio.sleep(bucket.level / budget.leak_per_s / clock.scale + 0.01)
    admissions.reset()
    meter.reset()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.bench", timeout=600)
    auth = {"x-api-key": api_key, "x-store-key": answer["result"]["store_key"]}
    sim0 = clock.now()
    try:
        ids, pages, total, wall = await export_catalog(client, auth)
    finally:
        sim_elapsed = clock.now() - sim0
        await client.aclose()
        await services.http.aclose()
    return ids, pages, total, wall, sim_elapsed


async def export_unbudgeted(app: Any, host: str, store: dict[str, Any],
                            expected: set[str]) -> dict[str, Any]:
    """The export for a platform that keeps no request budget of its own (the site's workers
    are the limit): ``app`` mounted on ``host``, the store connected with ``store`` (the
    ``account.cart.add`` body), the catalog exported and checked against ``expected`` ids;
    every simulator answer must be 200."""
    meter = SimulatorMeter(app, lambda scope: False)
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))))
    services.http.mount(host, meter)
    _, api_key = services.repo.create_account("bench")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                                 base_url="http://anycart.bench") as client:
        added = (await client.post("/v1.1/account.cart.add.json", headers={"x-api-key": api_key},
                                   json=store)).json()
        assert added["return_code"] == 0, added
        meter.reset()
        auth = {"x-api-key": api_key, "x-store-key": added["result"]["store_key"]}
        ids, pages, total, wall = await export_catalog(client, auth)
    await services.http.aclose()
    assert len(ids) == len(set(ids)) and set(ids) == expected and total == len(expected)
    requests = sum(meter.statuses.values())
    assert set(meter.statuses) == {200}, meter.statuses
    return {"products": len(ids), "pages": pages, "requests": requests, "wall": wall}


def cli_unbudgeted(doc: str, run: Callable[[int], Awaitable[dict[str, Any]]],
                   paging: str) -> None:
    """``[--quick] [--products N]`` (2 000 / 10 000), run, report; the last line is
    ``products_per_s=<x> requests_per_page=<y>``. ``paging`` says how the platform pages."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 000 products")
    parser.add_argument("--products", type=int, default=None, help="catalog size (default 10 000)")
    args = parser.parse_args()
    products = args.products or (2_000 if args.quick else 10_000)
    started = time.perf_counter()
    m = asyncio.run(run(products))
    print(f"products exported : {m['products']} in {m['pages']} AnyCart pages of {PAGE} "
          f"({time.perf_counter() - started:.1f} s with seeding)")
    print(f"simulator requests: {m['requests']} ({paging}; no count requests)")
    print(f"wall seconds      : {m['wall']:.2f} export")
    print(f"products_per_s={m['products'] / m['wall']:.0f} "
          f"requests_per_page={m['requests'] / m['pages']:.2f}")
