"""Magento 2 catalog export through AnyCart's Magento 2 REST connector (``Magento2Api``).

    python benchmarks/magento2_export.py [--quick] [--products N]

A client pages through a whole catalog (10 000 products; ``--quick``: 2 000) with
``product.list`` ``count=250`` and ``page_cursor``, through the ASGI gateway, backed by the
in-process Magento 2 REST simulator (bearer integration token, global scope ``/rest/all/V1``).
Magento sets no page cap; the connector asks for ``searchCriteria[pageSize]`` up to 300, so a
contract page of 250 is one Magento request whose ``total_count`` is the total (no count
request). Magento keeps no request budget of its own (the site's PHP workers are the limit),
so the rate is what the connector, the gateway and the simulator together sustain on this
machine. The last line is ``products_per_s=<x> requests_per_page=<y>``.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.magento2_api.simulator import Magento2Simulator
from anycart.services import build_services
from benchmarks.export_common import SimulatorMeter, export_catalog

HOST = "export-bench.m2.example"
TOKEN = "b" * 32


async def run(products: int) -> dict:
    sim = Magento2Simulator()
    store = sim.shops.add_shop(HOST, TOKEN, size=products, seed=5)
    meter = SimulatorMeter(sim.app, lambda scope: False)
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))))
    services.http.mount(HOST, meter)
    _, api_key = services.repo.create_account("bench")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                                 base_url="http://anycart.bench") as client:
        added = (await client.post("/v1.1/account.cart.add.json", headers={"x-api-key": api_key},
                                   json={"cart_id": "Magento2Api", "store_url": f"https://{HOST}",
                                         "magento_access_token": TOKEN})).json()
        assert added["return_code"] == 0, added
        meter.reset()
        auth = {"x-api-key": api_key, "x-store-key": added["result"]["store_key"]}
        ids, pages, total, wall = await export_catalog(client, auth)
    await services.http.aclose()
    expected = {str(i) for i in store.data.products}
    assert len(ids) == len(set(ids)) and set(ids) == expected and total == len(expected)
    requests = sum(meter.statuses.values())
    assert set(meter.statuses) == {200}, meter.statuses
    return {"products": len(ids), "pages": pages, "requests": requests, "wall": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 000 products")
    parser.add_argument("--products", type=int, default=None, help="catalog size (default 10 000)")
    args = parser.parse_args()
    products = args.products or (2_000 if args.quick else 10_000)
    started = time.perf_counter()
    m = asyncio.run(run(products))
    print(f"products exported : {m['products']} in {m['pages']} AnyCart pages of 250 "
          f"({time.perf_counter() - started:.1f} s with seeding)")
    print(f"simulator requests: {m['requests']} (pageSize up to 300; no count requests)")
    print(f"wall seconds      : {m['wall']:.2f} export")
    print(f"products_per_s={m['products'] / m['wall']:.0f} requests_per_page={m['requests'] / m['pages']:.2f}")


if __name__ == "__main__":
    main()
