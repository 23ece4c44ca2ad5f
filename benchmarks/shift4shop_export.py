"""Shift4Shop catalog export through AnyCart: how close to the platform's rate ceiling?

    python benchmarks/shift4shop_export.py [--quick] [--products N] [--scale S]

A client pages through a whole Shift4Shop catalog (50 000 products; ``--quick``: 20 000)
the way AnyCart clients do (``anycart.Client.iterate``): ``GET /v1.1/product.list.json``
with ``count=250&params=force_all``, then the ``pagination.next`` ``page_cursor`` until it
is null, through the ASGI gateway. Behind AnyCart is the in-process Shift4Shop simulator
and its documented bucket: 50 requests burst, leaking 2 per second.

The simulator's bucket and AnyCart's client-side bucket run on one shared clock,
``MonotonicClock(scale=S)``: one real second counts as ``S`` platform seconds. The budget keeps
its shape (50 burst, 2/s), only faster; ``S`` (default 10) is low enough that AnyCart's own
processing per page stays well under the bucket's pace, so the bucket is the bottleneck
(a "bucket never filled" warning says when it was not: use a lower ``--scale``). Adding the
store calls the platform once; the export starts after the bucket has drained to empty.

Measured on the simulator side (an ASGI wrapper around the simulator app, plus a wrapper
around the store's bucket):

* ``served``: simulator requests the bucket admitted. One contract page of 250 maps to
  Shift4Shop's batch limit of 200 products, so a page costs 3 simulator requests (200 + 50
  products, and the ``countonly`` total); the ceiling counts simulator requests, not pages.
* ``T``: platform (scaled-clock) seconds from the first admitted request to the last one.
* ``ceiling = 50 + 2 * T``: the most requests any client could have had admitted in that
  window: a bucket starting empty takes at most its capacity plus what leaks meanwhile.
  ``ceiling_ratio = served / ceiling`` is therefore at most 1. The burst is counted in the
  ceiling, so a short run is not flattered by it (served / (2 * T) alone would exceed 1).
  AnyCart's client bucket keeps 2 drops of margin, so its best is (48 + 2T) / (50 + 2T).
  A further line gives the sustained rate once the bucket first filled, as a fraction of
  the 2/s leak (it may read a hair over 1.00: the level at the end can be a fraction of a
  drop above the level where that phase began).
* ``http_429``: responses with status 429 the simulator sent. AnyCart retries them, so a
  429 never reaches the client; every page must still be ``return_code`` 0, and every
  product id must arrive exactly once.

The last line is exactly ``ceiling_ratio=<x.xx> http_429=<n>``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings  # noqa: E402
from anycart.http.app import build_services, create_app  # noqa: E402
from anycart.platforms.shift4shop import client as shift4shop_client  # noqa: E402
from anycart.platforms.shift4shop.sim_store import BUCKET  # noqa: E402
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator  # noqa: E402
from anycart.transport.ratelimit import Clock, LeakyBucket, MonotonicClock  # noqa: E402

API_HOST = "apirest.3dcart.bench"
STORE_URL = "https://export-bench.3dcartstores.com"
PAGE = 250


class SimulatorMeter:
    """ASGI wrapper around the simulator: counts answers by status and kind of request."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.statuses: dict[int, int] = {}
        self.count_requests = 0  # ``countonly`` GETs among the admitted ones

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

        await self.app(scope, receive, send_status)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        if status != 429 and b"countonly" in scope.get("query_string", b""):
            self.count_requests += 1

    def reset(self) -> None:
        self.statuses.clear()
        self.count_requests = 0

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


async def run(products: int, scale: float) -> dict[str, Any]:
    clock = MonotonicClock(scale=scale)  # shared by the simulator and AnyCart's client bucket
    sim = Shift4ShopSimulator(clock=clock)
    store = sim.stores.add_store(STORE_URL, "k" * 32, "t" * 32, size=products, seed=11)
    meter = SimulatorMeter(sim.app)
    admissions = AdmissionLog(store.bucket, clock)
    shift4shop_client.configure(api_url=f"https://{API_HOST}", clock=clock)
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))))
    services.http.mount(API_HOST, meter)
    _, api_key = services.repo.create_account("bench")
    answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key}, (
        f'{{"cart_id": "3DCart", "store_url": "{STORE_URL}", "3dcart_private_key": "{"k" * 32}",'
        f' "3dcart_access_token": "{"t" * 32}"}}').encode())
    assert answer["return_code"] == 0, answer
    # account.cart.add checks the credentials against the platform: let both buckets drain
    # so the export starts from an empty bucket, then start counting afresh.
    await asyncio.sleep(store.bucket.level / BUCKET.leak_per_s / scale + 0.01)
    assert store.bucket.level == 0
    admissions.reset()
    meter.reset()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.bench", timeout=600)
    auth = {"x-api-key": api_key, "x-store-key": answer["result"]["store_key"]}

    ids: list[str] = []
    pages = 0
    reported_total = None
    wall0, sim0 = time.perf_counter(), clock.now()
    query: dict[str, Any] = {"count": PAGE, "params": "force_all"}
    try:
        while True:
            r = await client.get("/v1.1/product.list.json", params=query, headers=auth)
            assert r.status_code == 200, (r.status_code, r.text[:300])
            body = r.json()
            assert body["return_code"] == 0, (pages, body.get("return_code"),
                                              body.get("return_message"))
            pages += 1
            result = body["result"]
            reported_total = result.get("products_count")
            ids.extend(str(p["id"]) for p in result.get("product", []))
            cursor = (body.get("pagination") or {}).get("next")
            if not cursor:
                break
            query = {"page_cursor": cursor, "params": "force_all"}
    finally:
        wall = time.perf_counter() - wall0
        sim_elapsed = clock.now() - sim0
        await client.aclose()
        await services.http.aclose()
        shift4shop_client.configure()

    assert len(ids) == len(set(ids)), f"{len(ids) - len(set(ids))} duplicate product ids"
    expected = {str(i) for i in range(1, products + 1)}
    assert set(ids) == expected, f"got {len(set(ids))} distinct ids of {products}"
    assert reported_total == products, (reported_total, products)
    assert admissions.refused == meter.http_429
    served, window = admissions.served, admissions.window_s
    ceiling = BUCKET.capacity + BUCKET.leak_per_s * window
    sustained = admissions.after_full(BUCKET.capacity)
    return {"products": len(set(ids)), "pages": pages, "served": served,
            "peak_level": max(admissions.levels, default=0.0), "sustained": sustained,
            "count_requests": meter.count_requests, "http_429": meter.http_429,
            "statuses": dict(sorted(meter.statuses.items())), "window": window,
            "sim_elapsed": sim_elapsed, "wall": wall, "ceiling": ceiling,
            "ratio": served / ceiling}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 000 products (about 15 s)")
    parser.add_argument("--products", type=int, default=None,
                        help="catalog size (default 50 000, or 20 000 with --quick)")
    parser.add_argument("--scale", type=float, default=10.0,
                        help="platform seconds per real second of the shared clock (default 10)")
    args = parser.parse_args()
    products = args.products or (20_000 if args.quick else 50_000)
    if products < 1:
        parser.error("--products must be positive")
    m = asyncio.run(run(products, args.scale))
    print(f"products exported : {m['products']} in {m['pages']} AnyCart pages of {PAGE}")
    print(f"simulator requests: {m['served']} admitted ({m['served'] - m['count_requests']} "
          f"product batches + {m['count_requests']} counts), statuses {m['statuses']}")
    print(f"simulated seconds : {m['window']:.1f} first-to-last request "
          f"({m['sim_elapsed']:.1f} whole export, clock x{args.scale:g})")
    print(f"ceiling           : {BUCKET.capacity} + {BUCKET.leak_per_s:g} * {m['window']:.1f} = {m['ceiling']:.1f} requests; "
          f"{m['served'] / m['window'] if m['window'] else 0:.3f} req/simulated s")
    print(f"wall seconds      : {m['wall']:.1f}; AnyCart pages/s: "
          f"{m['pages'] / m['wall']:.1f} wall, {m['pages'] / m['sim_elapsed']:.3f} simulated")
    sustained = m["sustained"]
    if sustained and sustained[1] > 0:
        n, secs = sustained
        print(f"after the burst   : {n} requests in {secs:.1f} simulated s = "
              f"{n / secs / BUCKET.leak_per_s:.2f} of the {BUCKET.leak_per_s:g}/s leak "
              f"(bucket peak {m['peak_level']:.1f}/{BUCKET.capacity})")
    else:
        print(f"WARNING: the bucket never filled (peak {m['peak_level']:.1f}/{BUCKET.capacity}): "
              "AnyCart, not the bucket, was the bottleneck; use more products or a lower --scale")
    print(f"ceiling_ratio={m['ratio']:.2f} http_429={m['http_429']}")


if __name__ == "__main__":
    main()
