"""``anycart export`` of a Shift4Shop catalog: throughput, rate ceiling, and flat memory.

    python benchmarks/export.py [--quick] [--sizes N,N] [--format jsonl|csv|parquet] [--scale S]

Each catalog size (default 10 000 and 50 000 products; ``--quick``: 3 000 and 12 000) runs in
its own process: the in-process Shift4Shop simulator seeded with that many products, AnyCart
(SQLite storage in a temp dir) with the store connected, then the export command's own code
path (``anycart.export.cli.export_in_process``: ``product.count``, ``product.list`` pages of
250 with ``params=force_all`` and ``page_cursor``, written to the file as they arrive). The file
is read back and must hold every product exactly once.

* ``products_per_s``: products written per wall second.
* ``ceiling_ratio``: as in benchmarks/shift4shop_export.py: the simulator and AnyCart's client
  bucket share ``MonotonicClock(scale=S)``; simulator requests the bucket admitted during the
  export divided by ``50 + 2 * T`` (the most a bucket starting empty can admit in ``T``
  platform seconds). At most 1; near 1 means the export keeps the platform at its ceiling.
  ``S`` (default 5) sets that ceiling in real time: 2·S requests per second, 3 requests per
  page of 250 (Shift4Shop's batch limit is 200, plus the count), so at most about 167·S
  products/s. Above what AnyCart's own list path sustains on the machine, the ratio drops:
  then AnyCart, not the bucket, is the bottleneck.
* ``peak_rss_mb``: memory the export itself adds: the process's resident set is sampled every
  20 ms during the export, and its peak minus the resident set just before the export is
  reported (the seeded simulator lives in the same process and grows with the catalog; the
  export must not). Each size's line shows both, and the absolute peak.

The last line is exactly ``products_per_s=<x> ceiling_ratio=<y> peak_rss_mb=<z>`` for the
largest size.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

STORE_URL = "https://export-bench.3dcartstores.com"
API_HOST = "apirest.3dcart.exportbench"


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Sampler(threading.Thread):
    """The peak resident set while it runs."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = rss_mb()
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            self.peak = max(self.peak, rss_mb())


async def child(products: int, fmt: str, scale: float) -> dict[str, Any]:
    from anycart.config import Settings
    from anycart.export.cli import export_in_process
    from anycart.export.readback import ids_in
    from anycart.platforms.base import PlatformSettings
    from anycart.platforms.shift4shop.sim_store import BUCKET
    from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
    from anycart.services import build_services
    from anycart.transport.ratelimit import MonotonicClock
    from benchmarks.export_common import AdmissionLog

    work = Path(tempfile.mkdtemp(prefix="anycart-export-bench-"))
    clock = MonotonicClock(scale=scale)
    sim = Shift4ShopSimulator(clock=clock)
    store = sim.stores.add_store(STORE_URL, "k" * 32, "t" * 32, size=products, seed=11)
    admissions = AdmissionLog(store.bucket, clock)
    services = build_services(Settings(data_dir=work / "data", embedded_worker=False))
    services.gateway.platform_settings = PlatformSettings(
        api_urls={"3DCart": f"https://{API_HOST}"}, clock=clock)
    services.http.mount(API_HOST, sim.app)
    _, api_key = services.repo.create_account("bench")
    answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key}, json.dumps(
        {"cart_id": "3DCart", "store_url": STORE_URL, "3dcart_private_key": "k" * 32,
         "3dcart_access_token": "t" * 32}).encode())
    assert answer["return_code"] == 0, answer
    await asyncio.sleep(store.bucket.level / BUCKET.leak_per_s / scale + 0.01)  # start empty
    admissions.reset()
    gc.collect()
    before = rss_mb()
    sampler = Sampler()
    sampler.start()
    out = work / f"products.{fmt}"
    wall0 = time.perf_counter()
    result = await export_in_process(services, "product", answer["result"]["store_key"], api_key,
                                     fmt, out, None, False, None)
    wall = time.perf_counter() - wall0
    sampler.stop.set()
    sampler.join()
    ids = ids_in(out, fmt)
    assert len(ids) == len(set(ids)) == result.written == products, (len(ids), result.written)
    window = admissions.window_s
    ceiling = BUCKET.capacity + BUCKET.leak_per_s * window
    return {"products": products, "wall": wall, "products_per_s": products / wall,
            "served": admissions.served, "window": window, "ceiling_ratio": admissions.served / ceiling,
            "rss_before_mb": before, "rss_peak_mb": sampler.peak, "peak_rss_mb": sampler.peak - before,
            "bytes": out.stat().st_size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 000 and 12 000 products")
    parser.add_argument("--sizes", default=None, help="comma-separated catalog sizes")
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "parquet"])
    parser.add_argument("--scale", type=float, default=5.0,
                        help="platform seconds per real second of the shared clock (default 5)")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(asyncio.run(child(args.child, args.format, args.scale))))
        return
    sizes = [int(s) for s in (args.sizes or ("3000,12000" if args.quick else "10000,50000")).split(",")]
    runs = []
    for size in sizes:
        done = subprocess.run([sys.executable, __file__, "--child", str(size), "--format",
                               args.format, "--scale", str(args.scale)],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(f"export of {size} products failed:\n{done.stdout}{done.stderr}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    for m in runs:
        print(f"products {m['products']:>7}: {args.format} {m['bytes'] / 2**20:.1f} MB in "
              f"{m['wall']:.1f} s = {m['products_per_s']:.0f}/s; {m['served']} simulator requests "
              f"in {m['window']:.1f} platform s, ceiling_ratio {m['ceiling_ratio']:.2f}; RSS before "
              f"{m['rss_before_mb']:.0f} MB, peak {m['rss_peak_mb']:.0f} MB, export added "
              f"{m['peak_rss_mb']:.1f} MB")
    small, big = runs[0], runs[-1]
    print(f"catalog x{big['products'] / small['products']:.1f}: export memory "
          f"{small['peak_rss_mb']:.1f} MB -> {big['peak_rss_mb']:.1f} MB")
    print(f"products_per_s={big['products_per_s']:.0f} ceiling_ratio={big['ceiling_ratio']:.2f} "
          f"peak_rss_mb={big['peak_rss_mb']:.1f}")


if __name__ == "__main__":
    main()
