"""Shopify catalog export through AnyCart: how close to the platform's rate ceiling?

    python benchmarks/shopify_export.py [--quick] [--products N] [--scale S]

A client pages through a whole Shopify catalog (50 000 products; ``--quick``: 20 000) with
``product.list`` ``count=250`` and ``page_cursor``, through the ASGI gateway, backed by the
in-process Shopify simulator and its documented bucket: 40 requests burst, leaking 2 per
second. Both the simulator's bucket and AnyCart's client bucket run on one clock sped up
``S`` times (default 2: one request per page makes AnyCart's own work per page the
limit at higher scales), so the bucket keeps its shape and is the bottleneck.

A contract page of 250 is one Shopify request (``limit=250``, then the ``page_info`` of the
``Link`` header, carried inside AnyCart's cursor), plus one ``products/count.json`` for the
first page only (the total travels in the cursor too). Ceiling over ``T`` platform seconds = 40 + 2 * T requests; see
``benchmarks/export_common.py``. The last line is ``ceiling_ratio=<x.xx> http_429=<n>``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings
from anycart.platforms.base import PlatformSettings
from anycart.platforms.shopify.client import RATE_BUDGET
from anycart.platforms.shopify.simulator import ShopifySimulator
from anycart.services import build_services
from anycart.transport.ratelimit import MonotonicClock
from benchmarks.export_common import (
    AdmissionLog,
    SimulatorMeter,
    cli,
    connect_and_export,
    measure,
)

SHOP = "export-bench.myshopify.com"
TOKEN = "shpat_" + "b" * 32


async def run(products: int, scale: float) -> dict:
    clock = MonotonicClock(scale=scale)
    sim = ShopifySimulator(clock=clock)
    shop = sim.shops.add_shop(SHOP, TOKEN, size=products, seed=5)
    meter = SimulatorMeter(sim.app, lambda scope: scope.get("path", "").endswith("/count.json"))
    admissions = AdmissionLog(shop.bucket, clock)
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))),
                              platform_settings=PlatformSettings(clock=clock))
    services.http.mount(SHOP, meter)
    ids, pages, total, wall, sim_elapsed = await connect_and_export(
        services, meter, admissions, shop.bucket, RATE_BUDGET, clock,
        {"cart_id": "Shopify", "store_url": f"https://{SHOP}", "shopify_access_token": TOKEN})
    return measure(admissions, meter, RATE_BUDGET, ids, {str(i) for i in shop.data.products},
                   pages, total, wall, sim_elapsed)


if __name__ == "__main__":
    cli(__doc__, run, RATE_BUDGET, default_scale=2.0)
