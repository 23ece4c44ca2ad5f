"""The simulators' own speed: seeding a big store, and serving full pages of it.

    python benchmarks/simulators.py [--quick]

Tests lean on the simulators with stores of thousands of products, and the export benchmarks
must measure AnyCart, not the simulator behind it. Both figures are measured here, side by
side in one run (machines are noisy; tests assert no timings):

* ``<platform>_seed_s``: seconds to seed a store of N products (Shift4Shop 10 000, Shopify
  50 000, WooCommerce REST 10 000; ``--quick``: a fifth of each);
* ``<platform>_page_ms``: milliseconds per request for 10 full pages (Shift4Shop 200,
  Shopify 250, WooCommerce 100 records), through ASGI in process, as the tests call them;
* ``<platform>_us_per_record``: the page time per record, so the three compare.

The last line is ``shift4shop_seed_s=<x> shift4shop_page_ms=<y> shopify_seed_s=...
woocommerce_api_page_ms=<y>`` with the ``_us_per_record`` figures before it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.platforms.shift4shop.simulator import create_simulator
from anycart.platforms.shopify.client import API_VERSION
from anycart.platforms.shopify.simulator import ShopifySimulator
from anycart.platforms.woocommerce_api.simulator import WooSimulator
from anycart.transport.ratelimit import MonotonicClock

PAGES = 10
#: Reads page ``n`` and answers its record count; ``state`` carries a cursor between pages.
Pager = Callable[[httpx.AsyncClient, int, dict[str, str]], Awaitable[int]]


async def _shift4shop_page(c: httpx.AsyncClient, page: int, state: dict[str, str]) -> int:
    r = await c.get("/3dCartWebAPI/v1/Products", params={"limit": 200, "offset": page * 200 + 1})
    return len(r.json())


_SHOPIFY_PAGE = ("query ($after: String) { products(first: 250, after: $after) { nodes { id "
                 "title handle status updatedAt } pageInfo { endCursor } } }")


async def _shopify_page(c: httpx.AsyncClient, page: int, state: dict[str, str]) -> int:
    # Shopify pages by cursor only: each page's endCursor is the next page's `after`.
    r = await c.post(f"/admin/api/{API_VERSION}/graphql.json", json={
        "query": _SHOPIFY_PAGE, "variables": {"after": state.get("next") if page else None}})
    products = r.json()["data"]["products"]
    state["next"] = products["pageInfo"]["endCursor"]
    return len(products["nodes"])


async def _woo_page(c: httpx.AsyncClient, page: int, state: dict[str, str]) -> int:
    r = await c.get("/wp-json/wc/v3/products", params={"per_page": 100, "page": page + 1})
    return len(r.json())


def _shift4shop(size: int) -> tuple[float, httpx.AsyncClient]:
    app = create_simulator(clock=MonotonicClock())
    key, token, url = "a" * 32, "b" * 32, "https://bench.3dcartstores.com/"
    started = time.perf_counter()
    app.state.simulator.stores.add_store(url, key, token, size=size, seed=1)
    took = time.perf_counter() - started
    return took, httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="https://apirest.3dcart.com",
        headers={"SecureURL": url, "PrivateKey": key, "Token": token})


def _shopify(size: int) -> tuple[float, httpx.AsyncClient]:
    # a fast clock: the cost bucket refills at once (this measures serving, not throttling)
    sim, token = ShopifySimulator(clock=MonotonicClock(scale=1000)), "shpat_" + "0" * 32
    started = time.perf_counter()
    sim.shops.add_shop("bench.myshopify.com", token, size=size, seed=1)
    took = time.perf_counter() - started
    return took, httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                   base_url="https://bench.myshopify.com",
                                   headers={"X-Shopify-Access-Token": token})


def _woo(size: int) -> tuple[float, httpx.AsyncClient]:
    sim = WooSimulator()
    started = time.perf_counter()
    sim.shops.add_shop("bench.example", "ck_bench", "cs_bench", size=size, seed=1)
    took = time.perf_counter() - started
    return took, httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                   base_url="https://bench.example",
                                   auth=("ck_bench", "cs_bench"))


async def _pages(client: httpx.AsyncClient, pager: Pager) -> tuple[float, int]:
    async with client:
        await pager(client, 0, {})  # warm: first-request setup is not a page's cost
        started, records, state = time.perf_counter(), 0, dict[str, str]()
        for page in range(PAGES):
            records += await pager(client, page, state)
        return (time.perf_counter() - started) * 1000 / PAGES, records


async def main(quick: bool) -> dict[str, str]:
    scale = 5 if quick else 1
    runs = {"shift4shop": (_shift4shop, 10_000, _shift4shop_page),
            "shopify": (_shopify, 50_000, _shopify_page),
            "woocommerce_api": (_woo, 10_000, _woo_page)}
    figures: dict[str, str] = {}
    per_record: dict[str, str] = {}
    for name, (make, size, pager) in runs.items():
        seed_s, client = make(size // scale)
        page_ms, records = await _pages(client, pager)
        print(f"{name:<16} seed {size // scale:>6} products {seed_s:6.2f} s   "
              f"page {page_ms:6.1f} ms ({records // PAGES} records)")
        figures[f"{name}_seed_s"] = f"{seed_s:.2f}"
        figures[f"{name}_page_ms"] = f"{page_ms:.1f}"
        per_record[f"{name}_us_per_record"] = f"{page_ms * 1000 * PAGES / records:.0f}"
    print(" ".join(f"{k}={v}" for k, v in per_record.items()))
    return figures


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    result = asyncio.run(main(parser.parse_args().quick))
    print(" ".join(f"{k}={v}" for k, v in result.items()))
