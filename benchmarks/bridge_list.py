"""product.list of an OpenCart catalog through bridge.php vs the same rows read from MariaDB.

    python benchmarks/bridge_list.py [--quick] [--products N]

One MariaDB holds a seeded OpenCart 3 catalog (10 000 products by default). Two AnyCart
gateways serve the same OpenCart schema driver: one through the store's real bridge.php under
``php -S`` (signed, RSA-OAEP + AES-GCM, zlib), one with the driver's SQL sent straight to
MariaDB. Each exports the whole catalog with ``product.list`` (``count=250``, following
``page_cursor``); the two alternate round by round so machine noise hits both alike.

Bytes on the wire: every request and answer body between AnyCart and the bridge, against the
MariaDB protocol bytes of the direct path (the server's ``Bytes_sent`` + ``Bytes_received``
for that connection). Last line: ``products_per_s=<x> bytes_per_product=<y> direct_ratio=<z>``
(``direct_ratio`` = bridge products/s / direct products/s).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.platforms.opencart.platform import OpenCart
from anycart.platforms.opencart.seed import apply_schema, load
from anycart.platforms.registry import PlatformRegistry
from anycart.services import build_services
from anycart.transport.http import HttpLayer
from tests.bridge.direct import DirectExecutor
from tests.bridge.mariadb import (
    MariaDb,
    PrivateServer,
    configured,
    start_private_server,
)
from tests.bridge.site import PhpServer, install_bridge, write_cart_files

PREFIX = "oc_"
PAGE = 250


class WireMeter(httpx.AsyncBaseTransport):
    """The network transport of the bridge side's connection pools, counting the bytes of
    every request and answer body to the bridge (under retry, signing and rate limiting)."""

    def __init__(self) -> None:
        self.bytes = 0
        self.requests = 0
        self._inner = httpx.AsyncHTTPTransport(retries=0)

    def factory(self) -> httpx.AsyncBaseTransport:
        return self

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        self.bytes += len(await request.aread())
        response = await self._inner.handle_async_request(request)
        body = b"".join([chunk async for chunk in response.aiter_raw()])
        self.bytes += len(body)
        return httpx.Response(response.status_code, headers=response.headers, content=body,
                              extensions=response.extensions, request=request)

    async def aclose(self) -> None:
        await self._inner.aclose()


def _mariadb() -> tuple[MariaDb, PrivateServer | None]:
    """The configured MariaDB, else a private one (and the server, to stop at the end)."""
    given = configured()
    if given is not None:
        return given, None
    server = start_private_server()
    return server.db, server


async def _gateway(tmp: Path, platform, name: str, network=None):
    registry = PlatformRegistry()
    registry.register(platform)
    http = HttpLayer(allow_private=True, network=network)
    services = build_services(Settings(data_dir=tmp / name, allow_private_networks=True,
                                       embedded_worker=False), registry=registry, http=http)
    _, api_key = services.repo.create_account(name)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.bench", timeout=120)
    return services, client, api_key


async def _call(client: httpx.AsyncClient, keys: dict, method: str, **params) -> dict:
    verb = "POST" if method in ("account.cart.add", "bridge.update") else "GET"
    if verb == "POST":
        r = await client.post(f"/v1.1/{method}.json", params=keys, json=params)
    else:
        r = await client.get(f"/v1.1/{method}.json", params={**keys, **params})
    answer = r.json()
    assert answer["return_code"] == 0, answer
    return answer


async def export(client: httpx.AsyncClient, keys: dict, expected: int) -> float:
    """Seconds to list every product, checking each arrives once."""
    seen: set[str] = set()
    started = time.perf_counter()
    answer = await _call(client, keys, "product.list", count=PAGE,
                         params="id,name,price,quantity,u_model,categories_ids,images")
    while True:
        seen.update(p["id"] for p in answer["result"]["product"])
        cursor = answer["pagination"]["next"]
        if not cursor:
            break
        answer = await _call(client, keys, "product.list", page_cursor=cursor)
    elapsed = time.perf_counter() - started
    assert len(seen) == expected, (len(seen), expected)
    return elapsed


def _session_bytes(executor: DirectExecutor) -> int:
    with executor._conn.cursor() as cur:
        cur.execute("SHOW SESSION STATUS WHERE Variable_name IN ('Bytes_sent', 'Bytes_received')")
        return sum(int(row["Value"]) for row in cur.fetchall())


async def main(products: int, rounds: int) -> None:
    db, server = _mariadb()
    database = db.create_database("bench_opencart")
    tmp = Path(tempfile.mkdtemp(prefix="anycart-bridge-bench-"))
    site = None
    try:
        started = time.perf_counter()
        with db.connect(database) as conn:
            apply_schema(conn, PREFIX)
            load(conn, PREFIX, products=products, customers=10, orders=10)
        print(f"seeded {products} OpenCart products in {time.perf_counter() - started:.1f} s")

        # bridge side: the store's real bridge.php
        meter = WireMeter()
        services, bridge_client, api_key = await _gateway(tmp, OpenCart, "bridge", meter.factory)
        root = tmp / "store"
        root.mkdir()
        write_cart_files(root, "opencart", db, database, PREFIX)
        site = PhpServer(root, workers=2)
        added = await _call(bridge_client, {"api_key": api_key}, "account.cart.add",
                            cart_id=OpenCart.cart_id, store_url=site.url, verify=False)
        bridge_keys = {"api_key": api_key, "store_key": added["result"]["store_key"]}
        zipped = await bridge_client.get("/v1.1/bridge.download.file", params=bridge_keys)
        install_bridge(root, zipped.content)

        # direct side: the same driver, its SQL sent straight to MariaDB
        direct = DirectExecutor(host=db.host, port=db.port, user=db.user, password=db.password,
                                database=database, prefix=PREFIX)

        class DirectOpenCart(OpenCart):
            @classmethod
            def connect(cls, store, http, settings=None):
                connector = super().connect(store, http, settings)
                connector.db = direct
                connector.version = "3.0.3.8"
                return connector

        _, direct_client, direct_api_key = await _gateway(tmp, DirectOpenCart, "direct")
        added = await _call(direct_client, {"api_key": direct_api_key}, "account.cart.add",
                            cart_id=OpenCart.cart_id, store_url="http://93.184.216.34",
                            verify=False)
        direct_keys = {"api_key": direct_api_key, "store_key": added["result"]["store_key"]}

        await export(bridge_client, bridge_keys, products)  # warm both (PHP, buffer pool)
        await export(direct_client, direct_keys, products)
        bridge_s, direct_s, wire, sql_wire = [], [], [], []
        for _ in range(rounds):
            meter.bytes = meter.requests = 0
            bridge_s.append(await export(bridge_client, bridge_keys, products))
            wire.append(meter.bytes)
            before = _session_bytes(direct)
            direct_s.append(await export(direct_client, direct_keys, products))
            sql_wire.append(_session_bytes(direct) - before)
        b, d = statistics.median(bridge_s), statistics.median(direct_s)
        per_product = statistics.median(wire) / products
        direct_per_product = statistics.median(sql_wire) / products
        print(f"rounds={rounds} products={products} bridge_requests_per_export={meter.requests}")
        print(f"bridge: {b:.2f} s per export, {products / b:.0f} products/s, "
              f"{per_product:.0f} bytes/product on the wire")
        print(f"direct: {d:.2f} s per export, {products / d:.0f} products/s, "
              f"{direct_per_product:.0f} bytes/product on the MariaDB protocol")
        print(f"products_per_s={products / b:.0f} bytes_per_product={per_product:.0f} "
              f"direct_ratio={d / b:.2f}")
        direct.close()
        await bridge_client.aclose()
        await direct_client.aclose()
        await services.http.aclose()
    finally:
        if site is not None:
            site.stop()
        db.drop_database(database)
        if server is not None:
            server.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (under a minute)")
    parser.add_argument("--products", type=int, default=10_000)
    args = parser.parse_args()
    asyncio.run(main(args.products, 1 if args.quick else 3))
