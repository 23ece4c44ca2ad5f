"""Live shipping rates: a store's rate request answered through AnyCart vs the vendor's
callback called directly.

    python benchmarks/shipping_rates.py [--quick] [--platform shopify|woocommerce]

The vendor's callback is a real uvicorn server on loopback (a thread) answering the FAQ's
two-rate example. "Through AnyCart": Shopify's CarrierService request, HMAC-signed as Shopify
does, POSTed to AnyCart's ``/shipping/<id>/rates`` (in-process ASGI), which reads the
service, unifies the request, signs it, asks the callback over loopback, validates and
translates the answer; ``--platform woocommerce``: the connector plugin's request (a
WooCommerce package, signed ``X-AnyCart-Rates-Signature``) to a WooCommerce REST store's
service instead. "Direct": the same unified request POSTed to the callback. Runs
alternate in small batches so machine noise hits both alike. The last line is
``rates_per_s=<x> added_p50_ms=<y>`` (goal: added_p50_ms <= 5).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms import woocommerce_shipping as woo
from anycart.platforms.shopify import rates as shopify
from anycart.sandbox.webhooks import hmac_signature
from anycart.services import build_services
from anycart.shipping import callback, services, signing

SECRET = "shpss_bench"
ANSWER = json.dumps({"packages_rates": [{"package_id": "1", "rates": [
    {"name": "Ground", "code": "ground", "currency": "USD", "total_cost": 10.56},
    {"name": "Express", "code": "express", "currency": "USD", "total_cost": 20.59,
     "min_delivery_timestamp": 1558177278, "max_delivery_timestamp": 1559177278}]}]}).encode()
RATE = {"rate": {
    "origin": {"country": "CA", "postal_code": "K2P1L4", "province": "ON", "city": "Ottawa",
               "address1": "150 Elgin St."},
    "destination": {"country": "US", "postal_code": "35005", "province": "AL",
                    "city": "Adamsville", "name": "Bob Norman", "address1": "24 Sussex Dr."},
    "items": [{"name": "T-Shirt", "sku": "TS-1", "quantity": 2, "grams": 1000, "price": 1999,
               "product_id": 1, "variant_id": 2, "requires_shipping": True}],
    "currency": "USD"}}
WOO_SECRET = "cs_bench"
#: The connector plugin's request: one WooCommerce package.
WOO_RATE = {"currency": "USD", "origin": {"country": "US", "state": "CA", "postcode": "94103",
                                          "city": "San Francisco", "address": "1 Market St"},
            "packages": [{"contents": {"k1": {"product_id": 1, "variation_id": 0, "quantity": 2,
                                              "line_total": 39.98, "line_tax": 0, "name": "T-Shirt",
                                              "sku": "TS-1", "weight": "1"}},
                          "destination": {"country": "US", "state": "AL", "postcode": "35005",
                                          "city": "Adamsville", "address": "24 Sussex Dr."},
                          "cart_subtotal": "39.98"}]}


def _shopify() -> tuple[str, dict[str, str], bytes, dict[str, str], bytes]:
    """(cart_id, credentials, the store's body, its headers, the unified body)."""
    body = json.dumps(RATE).encode()
    return ("Shopify", {"shopify_access_token": "shpat_x", "shopify_shared_secret": SECRET}, body,
            {"content-type": "application/json", "X-Shopify-Hmac-Sha256": hmac_signature(SECRET, body)},
            shopify.unified(shopify.ShopifyRateRequest.model_validate(RATE)).body())


def _woocommerce() -> tuple[str, dict[str, str], bytes, dict[str, str], bytes]:
    body = json.dumps(WOO_RATE).encode()
    return ("WoocommerceApi", {"store_url": "https://bench.example", "wc_consumer_key": "ck_bench",
                               "wc_consumer_secret": WOO_SECRET}, body,
            {"content-type": "application/json",
             woo.SIGNATURE: woo.body_signature(woo.signing_key(WOO_SECRET), body)},
            woo.unified(woo.WooRateRequest.model_validate(WOO_RATE)).body())


PLATFORMS = {"shopify": _shopify, "woocommerce": _woocommerce}


def vendor() -> tuple[uvicorn.Server, str]:
    async def rates(request: Request) -> Response:
        await request.body()
        return Response(ANSWER, media_type="application/json")

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/rates", rates,
                                                                   methods=["POST"])]),
                                           host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return server, f"http://127.0.0.1:{port}/rates"


async def main(quick: bool, platform: str = "shopify") -> None:
    rounds, batch = (20, 10) if quick else (100, 20)
    server, url = vendor()
    app = build_services(Settings(data_dir=Path(tempfile.mkdtemp(prefix="anycart-bench-")),
                                  allow_private_networks=True, public_url="http://anycart.bench"))
    account, _ = app.repo.create_account("bench")
    cart_id, credentials, body, store_headers, unified = PLATFORMS[platform]()
    store = app.repo.add_store(account.id, cart_id, "https://bench.example", "bench", credentials)
    service = services.add(app.db, store.id, "Bench rates", url)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(app)),
                               base_url="http://anycart.bench")
    direct_client = httpx.AsyncClient()

    async def through_anycart() -> None:
        r = await client.post(f"/shipping/{service.id}/rates", content=body, headers=store_headers)
        answer = r.json()
        shown = answer["rates"] if "rates" in answer else answer["packages"][0]["rates"]
        assert r.status_code == 200 and len(shown) == 2, r.text

    async def direct() -> None:
        headers = signing.with_signature(callback.headers_for(service.id), unified, "k")
        r = await direct_client.post(url, content=unified, headers=headers)
        assert r.status_code == 200 and len(r.json()["packages_rates"][0]["rates"]) == 2

    timings: dict[str, list[float]] = {"anycart": [], "direct": []}
    for fn in (through_anycart, direct):  # warm-up: pools, caches
        for _ in range(5):
            await fn()
    for _ in range(rounds):
        for name, fn in (("anycart", through_anycart), ("direct", direct)):
            for _ in range(batch):
                t0 = time.perf_counter()
                await fn()
                timings[name].append(time.perf_counter() - t0)
    await client.aclose()
    await direct_client.aclose()
    await app.http.aclose()
    server.should_exit = True
    assert services.get(app.db, service.id).error_count == 0  # type: ignore[union-attr]

    p50 = {k: statistics.median(v) * 1000 for k, v in timings.items()}
    rate = {k: len(v) / sum(v) for k, v in timings.items()}
    print(f"platform: {platform}")
    print(f"rate requests per side: {len(timings['direct'])}")
    print(f"direct : {rate['direct']:.0f} req/s, p50 {p50['direct']:.2f} ms")
    print(f"anycart: {rate['anycart']:.0f} req/s, p50 {p50['anycart']:.2f} ms")
    print(f"rates_per_s={rate['anycart']:.0f} added_p50_ms={p50['anycart'] - p50['direct']:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (under a minute)")
    parser.add_argument("--platform", choices=sorted(PLATFORMS), default="shopify",
                        help="whose rate request the store sends")
    args = parser.parse_args()
    asyncio.run(main(args.quick, args.platform))
