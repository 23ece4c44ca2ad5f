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

import asyncio
import sys
import tempfile
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings  # noqa: E402
from anycart.http.app import build_services, create_app  # noqa: E402
from anycart.platforms.shopify import client as shopify_client  # noqa: E402
from anycart.platforms.shopify.capabilities import RATE_BUDGET  # noqa: E402
from anycart.platforms.shopify.simulator import ShopifySimulator  # noqa: E402
from anycart.transport.ratelimit import MonotonicClock  # noqa: E402
from benchmarks.export_common import (  # noqa: E402
    AdmissionLog, SimulatorMeter, cli, export_catalog, measure,
)

SHOP = "export-bench.myshopify.com"
TOKEN = "shpat_" + "b" * 32


async def run(products: int, scale: float) -> dict:
    clock = MonotonicClock(scale=scale)
    sim = ShopifySimulator(clock=clock)
    shop = sim.shops.add_shop(SHOP, TOKEN, size=products, seed=5)
    meter = SimulatorMeter(sim.app, lambda scope: scope.get("path", "").endswith("/count.json"))
    admissions = AdmissionLog(shop.bucket, clock)
    shopify_client.configure(clock=clock)
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))))
    services.http.mount(SHOP, meter)
    _, api_key = services.repo.create_account("bench")
    answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key}, (
        f'{{"cart_id": "Shopify", "store_url": "https://{SHOP}", '
        f'"shopify_access_token": "{TOKEN}"}}').encode())
    assert answer["return_code"] == 0, answer
    await asyncio.sleep(shop.bucket.level / RATE_BUDGET.leak_per_s / scale + 0.01)
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
        shopify_client.configure()
    return measure(admissions, meter, RATE_BUDGET, ids, {str(i) for i in shop.data.products},
                   pages, total, wall, sim_elapsed)


if __name__ == "__main__":
    cli(__doc__, run, RATE_BUDGET, default_scale=2.0)
