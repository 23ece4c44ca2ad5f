"""One connected store per platform AnyCart has, reached the way its own tests reach it:
Shift4Shop, Shopify, WooCommerce's REST API, Magento 2, BigCommerce and PrestaShop's
webservice on their simulators (in-process, mounted in AnyCart's HTTP layer), and the bridge
carts through ``bridge.php`` on real PHP (``php -S``) over their real schemas on MariaDB
(``tests/bridge/harness.py``). Each store is seeded small, so that the ids API2Cart's
recordings look up (9771, 999999999, ...) are not in it."""

from __future__ import annotations

import importlib
import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx

from anycart.config import Settings
from tests.bridge.harness import close_bridge_env, open_bridge_env
from tests.bridge.mariadb import MariaDb
from tests.conformance.cases import Case

#: Products, customers and orders each store is seeded with.
SIZE = 12
#: The simulators' clocks run this much faster than real time (their rate limits keep shape).
_CLOCK_SCALE = 2000


@dataclass
class Store:
    """A connected store behind AnyCart's HTTP API."""

    platform: str
    client: httpx.AsyncClient
    keys: dict[str, str]

    async def call(self, method: str, body: dict[str, Any] | None = None,
                   **query: Any) -> dict[str, Any]:
        r = await self.client.request("POST" if body is not None else "GET",
                                      f"/v1.1/{method}.json", params={**self.keys, **query},
                                      json=body)
        answer: dict[str, Any] = r.json()
        return answer

    async def prepared(self, case: Case) -> Case:
        """``case`` naming the store's own record in the state it needs (``cases.NEEDS``);
        as it is where the store has no such record (a platform that serves no batch or
        shipment then answers as for the marketplace's id)."""
        if case.needs == "running_job":
            products = (await self.call("product.list", count=1, params="id"))["result"]
            submitted = await self.call("product.update.batch", body={"payload": [
                {"id": products["product"][0]["id"], "price": 1}]})
            if submitted["return_code"] != 0:
                return case
            return replace(case, query={**case.query, "id": submitted["result"]["job_id"]})
        if case.needs not in ("shipped_order", "order_line"):
            return case
        sent = dict(case.sent or {})
        items = [dict(i) for i in sent.get("items") or []]
        wanted = max([float(i.get("quantity") or 1) for i in items] or [1])
        orders = (await self.call("order.list", count=SIZE, params="force_all"))["result"]["order"]
        # the first order is the shipped one; a line of another is shipped in part
        for order in orders[1:] if case.needs == "order_line" else orders[:1]:
            lines = order.get("order_products") or []
            line = next((li for li in lines if case.needs == "shipped_order"
                         or float(li.get("quantity") or 0) < wanted), None)
            if line is None:
                continue
            if case.needs == "shipped_order":
                await self.call("order.shipment.add", body={"order_id": order["id"]})
            for item in items:
                item["order_product_id"] = line["order_product_id"]
            sent.update(order_id=order["id"], **({"items": items} if items else {}))
            return replace(case, body=sent)
        return case

    async def replay(self, case: Case) -> dict[str, Any]:
        """``case``'s request sent as API2Cart received it: a JSON body, or the query string
        with lists and objects as JSON text; first the store's record in the state the case
        needs put in its place (:meth:`prepared`)."""
        case = await self.prepared(case)
        url = f"/v1.1/{case.method}.json"
        if case.body is not None:
            r = await self.client.request(case.verb, url, params=self.keys, json=case.body)
        else:
            query = {k: (json.dumps(v) if isinstance(v, (list, dict)) else v)
                     for k, v in case.query.items()}
            r = await self.client.request(case.verb, url, params={**self.keys, **query})
        answer: dict[str, Any] = r.json()
        if r.status_code != 200:
            answer = {**answer, "return_message": f"HTTP {r.status_code}: {answer.get('return_message')}"}
        return answer


@asynccontextmanager
async def shift4shop(tmp_path: Path, _mariadb: MariaDb) -> AsyncIterator[Store]:
    from tests.platforms.shift4shop.test_connector import close_env, open_env

    env = await open_env(Settings(data_dir=tmp_path, embedded_worker=False),
                         scale=_CLOCK_SCALE, size=SIZE)
    try:
        assert (await env.connect())["return_code"] == 0
        assert env.store_key is not None
        yield Store("Shift4Shop", env.client, {"api_key": env.api_key, "store_key": env.store_key})
    finally:
        await close_env(env)


@asynccontextmanager
async def _hosted(tmp_path: Path, label: str, platform_module: str, host: str, app: Any,
                  credentials: dict[str, str], clock: Any = None) -> AsyncIterator[Store]:
    """A hosted platform's simulator ``app`` mounted on ``host`` in AnyCart's HTTP layer, the
    store connected with ``credentials`` (the body of ``account.cart.add``)."""
    from anycart.http.app import create_app
    from anycart.platforms.base import PlatformSettings
    from anycart.platforms.registry import PlatformRegistry
    from anycart.services import build_services
    from anycart.transport.http import RetryPolicy

    registry = PlatformRegistry()
    for p in importlib.import_module(f"anycart.platforms.{platform_module}.platform").PLATFORMS:
        registry.register(p)
    services = build_services(Settings(data_dir=tmp_path, embedded_worker=False,
                                       allow_private_networks=True), registry=registry,
                              platform_settings=PlatformSettings(clock=clock))
    services.http.retry = RetryPolicy(attempts=2, base_delay_s=0.01, max_delay_s=0.05)
    services.http.mount(host, app)
    _, api_key = services.repo.create_account("conformance")
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(services)),
                               base_url="http://anycart.test")
    try:
        r = await client.post("/v1.1/account.cart.add.json", params={"api_key": api_key},
                              json=credentials)
        assert r.json()["return_code"] == 0, r.text
        yield Store(label, client, {"api_key": api_key,
                                    "store_key": r.json()["result"]["store_key"]})
    finally:
        await client.aclose()
        await services.http.aclose()
        services.db.dispose()


def shopify(tmp_path: Path, _mariadb: MariaDb) -> AbstractAsyncContextManager[Store]:
    from anycart.platforms.shopify.simulator import ShopifySimulator
    from anycart.transport.ratelimit import MonotonicClock

    shop, token = "conformance.myshopify.com", "shpat_conformance"
    clock = MonotonicClock(scale=_CLOCK_SCALE)
    sim = ShopifySimulator(clock=clock)
    sim.shops.add_shop(shop, token, size=SIZE, seed=1)
    return _hosted(tmp_path, "Shopify", "shopify", shop, sim.app, {
        "cart_id": "Shopify", "store_url": f"https://{shop}", "shopify_access_token": token},
        clock=clock)


def magento2_api(tmp_path: Path, _mariadb: MariaDb) -> AbstractAsyncContextManager[Store]:
    from anycart.platforms.magento2_api.simulator import Magento2Simulator
    from tests.platforms.magento2_api.magento_schema import require_schema, validated

    require_schema()  # every answer checked against Magento's published schema
    host, token = "m2.conformance.test", "0123456789abcdef0123456789abcdef"
    sim = Magento2Simulator()
    sim.shops.add_shop(host, token, size=SIZE, seed=1)
    return _hosted(tmp_path, "Magento2Api", "magento2_api", host, validated(sim.app), {
        "cart_id": "Magento2Api", "store_url": f"https://{host}", "magento_access_token": token})


def bigcommerce_api(tmp_path: Path, _mariadb: MariaDb) -> AbstractAsyncContextManager[Store]:
    from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator
    from anycart.transport.ratelimit import MonotonicClock
    from tests.platforms.bigcommerce_api.bc_schema import validated

    store_hash, token = "conformance", "tok_0123456789abcdef0123456789ab"
    clock = MonotonicClock(scale=_CLOCK_SCALE)
    sim = BigCommerceSimulator(clock)
    sim.shops.add_shop(store_hash, token, size=SIZE, seed=1)
    return _hosted(tmp_path, "BigcommerceApi", "bigcommerce_api", "api.bigcommerce.com",
                   validated(sim.app), {"cart_id": "BigcommerceApi", "store_url": "https://shop.example",
                             "bigcommerceapi_context": f"stores/{store_hash}",
                             "bigcommerceapi_access_token": token,
                             "bigcommerceapi_client_id": "client_conformance"}, clock=clock)


def prestashop_api(tmp_path: Path, _mariadb: MariaDb) -> AbstractAsyncContextManager[Store]:
    from anycart.platforms.prestashop_api.simulator import PrestashopSimulator

    host, key = "prestashop.conformance.test", "CKJ1ZEWRJWRLTPVBQJ9FGGRORD4AGS96"
    sim = PrestashopSimulator()
    sim.shops.add_shop(host, key, size=SIZE, seed=1)
    return _hosted(tmp_path, "PrestashopApi", "prestashop_api", host, sim.app, {
        "cart_id": "PrestashopApi", "store_url": f"https://{host}",
        "prestashop_webservice_key": key})


@asynccontextmanager
async def woocommerce_api(tmp_path: Path, _mariadb: MariaDb) -> AsyncIterator[Store]:
    from tests.platforms.woocommerce_api.test_connector import open_env

    async with open_env(tmp_path, SIZE) as env:
        assert env.store_key is not None
        # no batch worker in the replay's stores (the others are built without one): a job
        # stays pending (AmazonSP/batch/job.result/error-job-in-progress)
        env.services.settings.embedded_worker = False
        yield Store("WooCommerceApi", env.client, {"api_key": env.api_key,
                                                   "store_key": env.store_key})


def _bridge(folder: str, label: str, prefix: str) -> Callable[
        [Path, MariaDb], AbstractAsyncContextManager[Store]]:
    @asynccontextmanager
    async def open_store(tmp_path: Path, mariadb: MariaDb) -> AsyncIterator[Store]:
        seed = importlib.import_module(f"anycart.platforms.{folder}.seed")
        platform = importlib.import_module(f"anycart.platforms.{folder}.platform").PLATFORMS[0]

        def load(conn: Any, prefix: str) -> None:
            seed.apply_schema(conn, prefix)
            seed.load(conn, prefix, products=SIZE, customers=SIZE, orders=SIZE)

        env = await open_bridge_env(tmp_path, mariadb, folder, [platform], load, prefix=prefix)
        try:
            assert env.store_key is not None
            yield Store(label, env.client, {"api_key": env.api_key, "store_key": env.store_key})
        finally:
            await close_bridge_env(env)
    return open_store


#: Every platform AnyCart has, by the name the report and docs/conformance.md use.
STORES: dict[str, Callable[[Path, MariaDb], AbstractAsyncContextManager[Store]]] = {
    "Shift4Shop": shift4shop,
    "Shopify": shopify,
    "WooCommerceApi": woocommerce_api,
    "Magento2Api": magento2_api,
    "BigcommerceApi": bigcommerce_api,
    "PrestashopApi": prestashop_api,
    "OpenCart": _bridge("opencart", "OpenCart", "oc_"),
    "WooCommerce": _bridge("woocommerce", "WooCommerce", "wp_"),
    "PrestaShop": _bridge("prestashop", "PrestaShop", "ps_"),
}
#: The stores served by ``bridge.php`` on PHP and MariaDB (the others need neither).
BRIDGED = frozenset({"OpenCart", "WooCommerce", "PrestaShop"})
