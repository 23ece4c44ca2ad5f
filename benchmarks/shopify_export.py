"""Shopify catalog export through AnyCart over the GraphQL Admin API: how close to the
shop's cost ceiling?

    python benchmarks/shopify_export.py [--quick] [--products N] [--scale S]

A client pages through a whole Shopify catalog (20 000 products; ``--quick``: 3 000, under a
minute) with
``product.list`` ``count=250`` and ``page_cursor``, through the ASGI gateway, backed by the
in-process Shopify simulator's GraphQL endpoint and its calculated-cost bucket (2 000
points, 100 restored a second: a standard plan). Both the simulator's bucket and AnyCart's
cost bucket run on one clock sped up ``S`` times (default 15: beyond it AnyCart's own work
per page, not the bucket, starts to be the limit on a shared machine).

A contract page of 250 is ten GraphQL ``products`` queries of 25 (their requested cost stays
under Shopify's 1 000-point ceiling for one query), resumed from the connection's
``endCursor`` carried in AnyCart's cursor, plus one ``productsCount`` on the first page. The
meter reads every answer's ``extensions.cost``: the points the shop charged
(``actualQueryCost``) over the ceiling of the window, ``maximumAvailable + restoreRate * T``
(the most a bucket starting full can give in ``T`` seconds), is ``ceiling_ratio``; a
``THROTTLED`` answer is counted at the simulator (AnyCart waits and sends it again) and, if
one ever reached the client, in ``throttled`` (the export then fails).
The paged export is what the ceiling measures, so the shop's ``bulk_threshold`` is set above
the catalog; ``--bulk`` then exports it again the way AnyCart does above the threshold (one
``bulkOperationRunQuery``, its JSONL read) and reports that too (a few points, whatever the
size). The last line is ``ceiling_ratio=<x.xx> throttled=<n>`` (of the paged export).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.base import PlatformSettings
from anycart.platforms.shopify.simulator import ShopifySimulator
from anycart.services import build_services
from anycart.transport.ratelimit import MonotonicClock

SHOP = "export-bench.myshopify.com"
TOKEN = "shpat_" + "b" * 32
PAGE = 250


class CostMeter:
    """ASGI wrapper around the simulator: every GraphQL answer's cost, at the clock's time."""

    def __init__(self, app: Any, clock: MonotonicClock) -> None:
        self.app, self.clock = app, clock
        self.charged: list[tuple[float, float]] = []  # (time, actualQueryCost)
        self.throttled = 0
        self.maximum = self.restore = 0.0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/graphql.json"):
            await self.app(scope, receive, send)
            return
        chunks: list[bytes] = []

        async def keep(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, keep)
        body = json.loads(b"".join(chunks) or b"{}")
        cost = (body.get("extensions") or {}).get("cost") or {}
        status = cost.get("throttleStatus") or {}
        self.maximum = float(status.get("maximumAvailable", self.maximum))
        self.restore = float(status.get("restoreRate", self.restore))
        if any((e.get("extensions") or {}).get("code") == "THROTTLED"
               for e in body.get("errors") or []):
            self.throttled += 1
        elif cost.get("actualQueryCost") is not None:
            self.charged.append((self.clock.now(), float(cost["actualQueryCost"])))

    def reset(self) -> None:
        self.charged.clear()
        self.throttled = 0


async def export(client: httpx.AsyncClient, auth: dict[str, str]) -> dict[str, Any]:
    """``product.list`` pages until the cursor ends; a page answering anything but 0 is a
    failure the client saw (a THROTTLED reaching it is code 7)."""
    ids: list[str] = []
    pages = reached = 0
    total = None
    query: dict[str, Any] = {"count": PAGE, "params": "force_all"}
    while True:
        body = (await client.get("/v1.1/product.list.json", params=query, headers=auth)).json()
        if body["return_code"] != 0:
            reached += body["return_code"] == 7
            raise SystemExit(f"page {pages}: {body['return_code']} {body['return_message']}")
        pages += 1
        total = body["result"].get("products_count")
        ids += [str(p["id"]) for p in body["result"]["product"]]
        cursor = (body.get("pagination") or {}).get("next")
        if not cursor:
            return {"ids": ids, "pages": pages, "total": total, "reached": reached}
        query = {"page_cursor": cursor, "params": "force_all"}


async def run(products: int, scale: float, bulk: bool = False) -> dict[str, Any]:
    clock = MonotonicClock(scale=scale)
    sim = ShopifySimulator(clock=clock)
    shop = sim.shops.add_shop(SHOP, TOKEN, size=products, seed=5)
    meter = CostMeter(sim.app, clock)
    paged = PlatformSettings(clock=clock, options={"Shopify": {"bulk_threshold": products + 1}})
    services = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-"))),
                              platform_settings=paged)
    services.http.mount(SHOP, meter)
    _, api_key = services.repo.create_account("bench")
    answer = await services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key},
                                           json.dumps({"cart_id": "Shopify",
                                                       "store_url": f"https://{SHOP}",
                                                       "shopify_access_token": TOKEN}).encode())
    assert answer["return_code"] == 0, answer
    meter.reset()
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.bench", timeout=600)
    auth = {"x-api-key": api_key, "x-store-key": answer["result"]["store_key"]}
    wall0, sim0 = time.perf_counter(), clock.now()
    try:
        done = await export(client, auth)
        measured = list(meter.charged), meter.throttled, time.perf_counter() - wall0
        sim_elapsed = clock.now() - sim0
        extra: dict[str, Any] = {}
        if bulk:  # the same catalog again, above the threshold: one bulk operation
            services.gateway.platform_settings = paged.merged(
                options={"Shopify": {"bulk_threshold": 1}})
            meter.reset()
            wall1, sim1 = time.perf_counter(), clock.now()
            again = await export(client, auth)
            assert sorted(again["ids"]) == sorted(done["ids"])
            extra = {"bulk": {"points": sum(c for _, c in meter.charged),
                              "queries": len(meter.charged), "wall": time.perf_counter() - wall1,
                              "simulated": clock.now() - sim1}}
    finally:
        await client.aclose()
        await services.http.aclose()
    meter.charged, meter.throttled = measured[0], measured[1]
    expected = {str(i) for i in shop.data.products}
    assert len(done["ids"]) == len(set(done["ids"])) and set(done["ids"]) == expected
    assert done["total"] == len(expected), (done["total"], len(expected))
    times = [t for t, _ in meter.charged]
    window = times[-1] - times[0] if times else 0.0
    points = sum(c for _, c in meter.charged)
    ceiling = meter.maximum + meter.restore * window
    return {**done, "products": len(expected), "requests": len(meter.charged),
            "points": points, "window": window, "ceiling": ceiling,
            "maximum": meter.maximum, "restore": meter.restore,
            "at_simulator": meter.throttled, "wall": measured[2], "sim_elapsed": sim_elapsed,
            "ratio": points / ceiling if ceiling else 0.0, **extra}


def report(m: dict[str, Any], scale: float) -> None:
    print(f"products exported : {m['products']} in {m['pages']} AnyCart pages of {PAGE}")
    print(f"simulator answers : {m['requests']} GraphQL queries charged, {m['at_simulator']} "
          f"THROTTLED (sent again by AnyCart)")
    print(f"simulated seconds : {m['window']:.1f} first-to-last query ({m['sim_elapsed']:.1f} "
          f"whole export, clock x{scale:g}); wall {m['wall']:.1f} s")
    print(f"ceiling           : {m['maximum']:g} + {m['restore']:g} * {m['window']:.1f} = "
          f"{m['ceiling']:.0f} points; charged {m['points']:.0f}")
    if "bulk" in m:
        b = m["bulk"]
        print(f"bulk export       : the same {m['products']} products by one bulk operation: "
              f"{b['queries']} GraphQL queries, {b['points']:.0f} points, {b['simulated']:.1f} "
              f"simulated s, wall {b['wall']:.1f} s")
    print(f"ceiling_ratio={m['ratio']:.2f} throttled={m['reached']}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 000 products")
    parser.add_argument("--products", type=int, default=None,
                        help="catalog size (default 20 000, or 3 000 with --quick)")
    parser.add_argument("--scale", type=float, default=15.0,
                        help="platform seconds per real second of the shared clock")
    parser.add_argument("--bulk", action="store_true",
                        help="export again by a bulk operation, as above the threshold")
    args = parser.parse_args()
    report(asyncio.run(run(args.products or (3_000 if args.quick else 20_000), args.scale,
                           args.bulk)), args.scale)
