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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.platforms.magento2_api.simulator import Magento2Simulator
from benchmarks.export_common import cli_unbudgeted, export_unbudgeted

HOST = "export-bench.m2.example"
TOKEN = "b" * 32


async def run(products: int) -> dict:
    sim = Magento2Simulator()
    store = sim.shops.add_shop(HOST, TOKEN, size=products, seed=5)
    return await export_unbudgeted(sim.app, HOST, {
        "cart_id": "Magento2Api", "store_url": f"https://{HOST}", "magento_access_token": TOKEN},
        {str(i) for i in store.data.products})


if __name__ == "__main__":
    cli_unbudgeted(__doc__, run, "pageSize up to 300")
