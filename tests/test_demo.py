"""The README's first command: ``anycart demo`` serves Shift4Shop and Shopify sandboxes the SDK
can list, lets webhooks call back on this machine, and keeps its state between runs."""

from __future__ import annotations

import asyncio
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self

import httpx
from typer.testing import CliRunner

import anycart
from anycart.cli import app as cli
from anycart.config import Settings
from anycart.demo import SANDBOXES, DemoSetup, prepare_demo
from anycart.webhooks.signing import verify
from tests.conftest import free_port, make_env


class Receiver:
    """A webhook receiver on loopback: every POST lands in ``received``."""

    def __init__(self) -> None:
        self.received: queue.Queue[tuple[dict[str, str], bytes]] = queue.Queue()
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                received.put((dict(self.headers.items()), body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> Self:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class DemoProcess:
    """``anycart demo`` as a user starts it; its banner parsed."""

    def __init__(self, data_dir, *args: str) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "ANYCART_DATA_DIR": str(data_dir), "COLUMNS": "300"}
        env.pop("ANYCART_PUBLIC_URL", None)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "anycart.cli", "demo", "--port", str(self.port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.output = ""

    def __enter__(self) -> Self:
        deadline = time.monotonic() + 90
        while "docs:" not in self.output and time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.output += line
        assert "docs:" in self.output, self.output
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.base}/healthz", timeout=1)
                return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("the demo did not start serving")

    def key(self, name: str) -> str:
        return re.search(rf"(?<!\w){name}:\s+(\w+)", self.output).group(1)

    def __exit__(self, *exc: object) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def test_anycart_demo_serves_a_sandbox_store(tmp_path):
    with DemoProcess(tmp_path, "--products", "60") as demo:
        api_key, store_key = demo.key("api_key"), demo.key("store_key")
        curl_url = re.search(r"curl -s '([^']+)'", demo.output).group(1)
        assert "loopback" in demo.output and "--reset" in demo.output
        answer = httpx.get(curl_url, timeout=10).json()
        assert answer["return_code"] == 0, answer
        assert len(answer["result"]["product"]) == 3
        with anycart.Client(demo.base, api_key, store_key) as client:
            products = list(client.products(count=25))
        assert len(products) == 60
        assert all(p.u_sku for p in products)
        with anycart.Client(demo.base, api_key, demo.key("shopify_store_key")) as client:
            shopify_products = list(client.products(count=25))
        assert len(shopify_products) == 60 and all(p.name for p in shopify_products)
        # the README's `anycart call`, against the demo it just started
        called = CliRunner().invoke(cli, ["call", "product.count", "--url", demo.base,
                                          "--api-key", api_key, "--store-key", store_key])
        assert called.exit_code == 0, called.output
        assert json.loads(called.output)["result"]["products_count"] == 60


def test_demo_shopify_native_webhook_reaches_a_loopback_receiver_signed(tmp_path):
    """webhook.create on the Shopify sandbox, a change through the API, and the sandbox's
    signed push to the ingress ends as an AnyCart delivery on a loopback callback."""
    with DemoProcess(tmp_path, "--products", "20") as demo, Receiver() as receiver:
        api_key, shopify_key = demo.key("api_key"), demo.key("shopify_store_key")
        with anycart.Client(demo.base, api_key, shopify_key) as client:
            hook = client.call("webhook.create", entity="product", action="update",
                               callback=receiver.url)
            product = next(iter(client.products(count=1)))
            client.call("product.update", id=product.id, name="Renamed in the demo")
        headers, body = receiver.received.get(timeout=30)
        secret = CliRunner().invoke(cli, ["webhook", "secret", "--api-key", api_key],
                                    env={"ANYCART_DATA_DIR": str(tmp_path)}).output.strip()
        assert secret.startswith("whsec_")
        assert verify(secret, headers, body)
        payload = json.loads(body)
        assert (payload["entity"], payload["action"]) == ("product", "update")
        assert payload["webhook_id"] == hook["id"] and payload["entity_id"] == product.id
        assert payload["data"]["name"] == "Renamed in the demo"


def test_demo_woocommerce_sandbox_lists_and_pushes(tmp_path):
    """The WooCommerce REST sandbox: its catalog listed through the SDK, and a change pushed
    by its native webhook (signed with the consumer secret) delivered to a loopback callback."""
    with DemoProcess(tmp_path, "--products", "20") as demo, Receiver() as receiver:
        api_key, woo_key = demo.key("api_key"), demo.key("woo_store_key")
        with anycart.Client(demo.base, api_key, woo_key) as client:
            products = list(client.products(count=25))
            assert len(products) == 20 and all(p.name for p in products)
            client.call("webhook.create", entity="product", action="update", callback=receiver.url)
            client.call("product.update", id=products[0].id, name="Renamed in WooCommerce")
        _, body = receiver.received.get(timeout=30)
        payload = json.loads(body)
        assert (payload["entity"], payload["action"], payload["entity_id"]) == (
            "product", "update", products[0].id)
        assert payload["data"]["name"] == "Renamed in WooCommerce"


def _call(setup: DemoSetup, method: str, store_key: str | None, api_key: str | None = None,
          **params: Any) -> dict[str, Any]:
    """One contract call through the demo's gateway, as the HTTP layer makes it."""
    op = setup.services.catalogue.get(method)
    headers = {"x-api-key": api_key or setup.api_key, **({"x-store-key": store_key}
                                                          if store_key else {})}
    if op is not None and op.body is not None:
        return asyncio.run(setup.services.gateway.handle(method, {}, headers,
                                                         json.dumps(params).encode()))
    return asyncio.run(setup.services.gateway.handle(
        method, {k: [str(v)] for k, v in params.items()}, headers, None))


def test_demo_lets_webhooks_call_back_on_loopback_only(tmp_path):
    setup = prepare_demo(Settings(data_dir=tmp_path / "demo", embedded_worker=False),
                         products=10)
    ok = _call(setup, "webhook.create", setup.store_key, entity="product", action="update",
               callback="http://127.0.0.1:9/hook")
    assert ok["return_code"] == 0, ok
    ok = _call(setup, "webhook.create", setup.store_key, entity="order", action="add",
               callback="http://localhost:9/hook")
    assert ok["return_code"] == 0, ok
    private = _call(setup, "webhook.create", setup.store_key, entity="product", action="add",
                    callback="http://10.1.2.3/hook")
    assert private["return_code"] == 109 and "'callback'" in private["return_message"]
    store = _call(setup, "account.cart.add", None, cart_id="Shopify",
                  store_url="https://127.0.0.1:9", shopify_access_token="shpat_x")
    assert store["return_code"] == 109 and "'store_url'" in store["return_message"], store
    setup.services.db.dispose()
    # outside the demo, loopback callbacks stay refused
    plain = asyncio.run(make_env(Settings(data_dir=tmp_path / "plain", embedded_worker=False)))
    refused = asyncio.run(plain.services.gateway.handle(
        "webhook.create", {}, {"x-api-key": plain.api_key, "x-store-key": plain.store_key},
        json.dumps({"entity": "product", "action": "update",
                    "callback": "http://127.0.0.1:9/hook"}).encode()))
    assert refused["return_code"] == 109 and "loopback" in refused["return_message"], refused
    plain.services.db.dispose()


def test_demo_keeps_keys_and_sandbox_data_until_reset(tmp_path):
    def settings() -> Settings:
        return Settings(data_dir=tmp_path, embedded_worker=False)

    first = prepare_demo(settings(), products=10, public_url="http://127.0.0.1:1111")
    assert not first.resumed
    hook = _call(first, "webhook.create", first.shopify_store_key, entity="product",
                 action="update", callback="http://127.0.0.1:9/hook")
    assert hook["return_code"] == 0, hook
    changed = _call(first, "product.update", first.store_key, id="3", price=12.34)
    assert changed["return_code"] == 0, changed
    added = _call(first, "product.add", first.store_key, name="Kept", model="KEPT-1", price=5,
                  description="d")
    assert added["return_code"] == 0, added
    renamed = _call(first, "product.update", first.shopify_store_key,
                    id=_first_id(first, first.shopify_store_key), name="Kept name")
    assert renamed["return_code"] == 0, renamed
    before = _call(first, "product.info", first.store_key, id="3", params="force_all")["result"]
    first.services.db.dispose()

    second = prepare_demo(settings(), products=10, public_url="http://127.0.0.1:2222")
    assert second.resumed and second.replayed == 4
    [shop] = second.shopify.shops
    [address] = [shop.data.webhooks.peek(rid)["address"] for rid in shop.data.webhooks]
    assert address.startswith("http://127.0.0.1:2222/ingress/")  # this run's port
    hooks = _call(second, "webhook.list", second.shopify_store_key)["result"]["webhook"]
    assert [h["id"] for h in hooks] == [hook["result"]["id"]]
    assert (second.api_key, second.store_key, second.shopify_store_key) == (
        first.api_key, first.store_key, first.shopify_store_key)
    after = _call(second, "product.info", second.store_key, id="3", params="force_all")
    assert after["return_code"] == 0, after
    assert after["result"]["price"] == 12.34
    assert after["result"]["modified_at"] == before["modified_at"]  # replayed at its own time
    kept = _call(second, "product.info", second.store_key, id=added["result"]["product_id"])
    assert kept["result"]["name"] == "Kept"
    shopify = _call(second, "product.info", second.shopify_store_key,
                    id=_first_id(second, second.shopify_store_key))
    assert shopify["result"]["name"] == "Kept name"
    second.services.db.dispose()

    third = prepare_demo(settings(), products=10, reset=True)
    assert not third.resumed and third.replayed == 0
    assert third.api_key != first.api_key and third.store_key != first.store_key
    old = _call(third, "account.cart.list", None, api_key=first.api_key)
    assert old["return_code"] == 2  # the old demo account is gone
    fresh = _call(third, "product.info", third.store_key, id="3")["result"]
    assert fresh["price"] != 12.34
    third.services.db.dispose()


def _first_id(setup: DemoSetup, store_key: str) -> str:
    return _call(setup, "product.list", store_key, count=1)["result"]["product"][0]["id"]


def test_demo_command_prints_the_same_keys_until_reset(tmp_path):
    runner = CliRunner()
    env = {"ANYCART_DATA_DIR": str(tmp_path), "COLUMNS": "300"}
    args = ["demo", "--no-serve", "--products", "10"]
    runs = [runner.invoke(cli, args, env=env) for _ in range(2)]
    runs.append(runner.invoke(cli, [*args, "--reset"], env=env))
    assert all(r.exit_code == 0 for r in runs), [r.output for r in runs]
    keys = [re.findall(r"(?:api_key|store_key):\s+(\w+)", r.output) for r in runs]
    assert len(keys[0]) == 1 + len(SANDBOXES) >= 4  # the account and each sandbox store
    assert keys[0] == keys[1]
    assert not set(keys[2]) & set(keys[0])
    assert "kept in" in runs[1].output


def test_every_sandbox_store_serves_its_catalog(tmp_path):
    """Each declared sandbox is connected through account.cart.add and lists its products
    (its simulator mounted on the platform's host, seeded with the demo's size)."""
    setup = prepare_demo(Settings(data_dir=tmp_path, embedded_worker=False), products=10)
    try:
        carts = _call(setup, "account.cart.list", None)["result"]["carts"]
        assert sorted(c["cart_id"] for c in carts) == sorted(
            box.connect({k: "x" for k in box.credentials()})["cart_id"] for box in SANDBOXES)
        for box in SANDBOXES:
            listed = _call(setup, "product.list", setup.store_keys[box.name], count=5)
            assert listed["return_code"] == 0, (box.name, listed)
            assert len(listed["result"]["product"]) == 5, box.name
            assert all(p["name"] for p in listed["result"]["product"]), box.name
    finally:
        setup.services.db.dispose()


def test_live_shipping_can_be_tried_on_the_plugin_sandboxes(tmp_path):
    """The WooCommerce and Magento sandboxes have AnyCart's store-side shipping method
    installed, so basket.live_shipping_service.list answers (an empty list) instead of
    asking for the plugin."""
    setup = prepare_demo(Settings(data_dir=tmp_path, embedded_worker=False), products=10)
    try:
        for name in ("woocommerce", "magento2"):
            listed = _call(setup, "basket.live_shipping_service.list", setup.store_keys[name])
            assert listed["return_code"] == 0, (name, listed)
    finally:
        setup.services.db.dispose()
