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

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings
from anycart.platforms.base import PlatformSettings
from anycart.platforms.shift4shop.sim_store import BUCKET
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.services import build_services
from anycart.transport.ratelimit import MonotonicClock
from benchmarks.export_common import (
    AdmissionLog,
    SimulatorMeter,
    cli,
    connect_and_export,
    measure,
)

API_HOST = "apirest.3dcart.bench"
STORE_URL = "https://export-bench.3dcartstores.com"


async def run(products: int, scale: float) -> dict:
    clock = MonotonicClock(scale=scale)  # shared by the simulator and AnyCart's client bucket
    sim = Shift4ShopSimulator(clock=clock)
    store = sim.stores.add_store(STORE_URL, "k" * 32, "t" * 32, size=products, seed=11)
    meter = SimulatorMeter(sim.app, lambda scope: b"countonly" in scope.get("query_string", b""))
    admissions = AdmissionLog(store.bucket, clock)
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))))
    services.gateway.platform_settings = PlatformSettings(api_urls={"3DCart": f"https://{API_HOST}"},
                                                          clock=clock)
    services.http.mount(API_HOST, meter)
    ids, pages, total, wall, sim_elapsed = await connect_and_export(
        services, meter, admissions, store.bucket, BUCKET, clock,
        {"cart_id": "3DCart", "store_url": STORE_URL, "3dcart_private_key": "k" * 32,
         "3dcart_access_token": "t" * 32})
    return measure(admissions, meter, BUCKET, ids, {str(i) for i in range(1, products + 1)},
                   pages, total, wall, sim_elapsed)


if __name__ == "__main__":
    cli(__doc__, run, BUCKET, default_scale=10.0)
