"""WooCommerce catalog export through AnyCart's WooCommerce REST connector (``WoocommerceApi``).

    python benchmarks/woocommerce_export.py [--quick] [--products N]

A client pages through a whole catalog (10 000 products; ``--quick``: 2 000) with
``product.list`` ``count=250`` and ``page_cursor``, through the ASGI gateway, backed by the
in-process WooCommerce REST simulator over https (HTTP Basic). WooCommerce caps a page at
``per_page=100`` and has no request budget of its own, so the figures are AnyCart's: a
contract page of 250 is three WooCommerce pages (the total comes with them, ``X-WP-Total``:
no count request), and the rate is what the connector, the gateway and the simulator
together sustain on this machine. The last line is
``products_per_s=<x> requests_per_page=<y>``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.platforms.woocommerce_api.simulator import WooSimulator
from benchmarks.export_common import cli_unbudgeted, export_unbudgeted

HOST = "export-bench.example"
KEY, SECRET = "ck_" + "b" * 40, "cs_" + "c" * 40


async def run(products: int) -> dict:
    sim = WooSimulator()
    shop = sim.shops.add_shop(HOST, KEY, SECRET, size=products, seed=5)
    return await export_unbudgeted(sim.app, HOST, {
        "cart_id": "WoocommerceApi", "store_url": f"https://{HOST}",
        "wc_consumer_key": KEY, "wc_consumer_secret": SECRET},
        {str(i) for i in shop.data.products})


if __name__ == "__main__":
    cli_unbudgeted(__doc__, run, "per_page=100")
