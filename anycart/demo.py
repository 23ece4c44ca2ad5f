"""``anycart demo``: the gateway with a Shift4Shop, a Shopify and a WooCommerce REST sandbox
store, ready to call.

The sandboxes are the platform simulators mounted in-process (Shift4Shop on its API host,
Shopify and WooCommerce on the shop's own host), so no request leaves the machine. The demo is
made for one machine, so webhook callbacks may be on loopback (private networks stay closed),
and the Shopify and WooCommerce sandboxes push their native webhooks, signed with the store's
secret, to this server's ``/ingress/<id>`` as the platforms would.

State survives a restart: the account, the stores and their keys are in the database and
``<data dir>/demo.json``; the sandboxes are seeded again from the same seed, size and day, and
every write they accepted, kept in ``<data dir>/demo-sandbox.jsonl``, is replayed at the time it
was first made. ``prepare_demo(reset=True)`` (``anycart demo --reset``) deletes the demo account
with everything it owns and starts afresh.
"""

from __future__ import annotations

import asyncio
import base64
import contextvars
import json
import logging
import os
import secrets
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
from fastapi import FastAPI

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.methods.context import FileAnswer
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.platforms.shopify.simulator import ShopifySimulator
from anycart.platforms.woocommerce_api.simulator import WooSimulator
from anycart.services import Services, build_services
from anycart.transport.ratelimit import MonotonicClock

log = logging.getLogger("anycart.demo")

SANDBOX_API_HOST = "apirest.3dcart.sandbox"
SANDBOX_STORE_URL = "https://sandbox-store.3dcartstores.com"
SANDBOX_SHOP = "sandbox-shop.myshopify.com"
SANDBOX_WOO = "sandbox-woo.example"
STATE_FILE = "demo.json"
JOURNAL_FILE = "demo-sandbox.jsonl"
#: demo.json layout; an older one (no WooCommerce store, no Shopify secret...) starts afresh.
_FORMAT = 3
#: Shopify tries a webhook 8 times, then gives up on it.
_PUSH_ATTEMPTS = 8
_PUSH_EVERY_S = 0.5

#: The time a sandbox write happens at: set while it is served, so that its replay after a
#: restart stamps the same ``updated_at``/``modified_at``.
_WRITE_TIME: contextvars.ContextVar[float | None] = contextvars.ContextVar("demo_write_time",
                                                                          default=None)


@dataclass
class DemoSetup:
    services: Services
    simulator: Shift4ShopSimulator
    shopify: ShopifySimulator
    woo: WooSimulator
    api_key: str
    store_key: str
    shopify_store_key: str
    woo_store_key: str
    #: products per sandbox (the first run's ``products``: later runs keep the same catalog)
    products: int
    #: keys and sandbox data come from an earlier run
    resumed: bool
    #: sandbox writes replayed from the journal
    replayed: int


def prepare_demo(settings: Settings, products: int = 500, *, reset: bool = False,
                 public_url: str | None = None) -> DemoSetup:
    """Build the demo's services, sandboxes and stores (reusing an earlier run's state).

    ``public_url`` is where the Shopify sandbox pushes webhooks to, unless
    ``ANYCART_PUBLIC_URL`` says otherwise."""
    settings.public_url = settings.public_url or public_url
    services = build_services(settings)
    services.http.allow_loopback_callbacks = True
    state_file = settings.data_dir / STATE_FILE
    journal = settings.data_dir / JOURNAL_FILE
    state = _read_state(state_file)
    if reset or (state and state.get("format") != _FORMAT):
        _delete_account(services, state.get("api_key"))
        state = {}
        journal.unlink(missing_ok=True)
    resumed = bool(state)
    state = state or _fresh_state(products)

    sandboxes = _Sandboxes(journal)
    simulator, shopify, woo = sandboxes.seed(state)
    replayed = asyncio.run(sandboxes.replay({"shift4shop": simulator.app, "shopify": shopify.app,
                                             "woocommerce": woo.app}))
    for shop in shopify.shops:
        shop.outbox.clear()  # pushes of replayed writes were sent in their own run
    for site in woo.shops:
        site.emitter.queue.clear()
    if settings.public_url:
        _point_pushes_at([(shopify, "address"), (woo, "delivery_url")], settings.public_url)
    services.gateway.platform_settings = services.gateway.platform_settings.merged(
        api_urls={"3DCart": f"https://{SANDBOX_API_HOST}"})
    services.http.mount(SANDBOX_API_HOST, sandboxes.journaled("shift4shop", simulator.app))
    services.http.mount(SANDBOX_SHOP, sandboxes.journaled("shopify", shopify.app))
    services.http.mount(SANDBOX_WOO, sandboxes.journaled("woocommerce", woo.app))

    if not _stores_exist(services, state):
        resumed = False
        _delete_account(services, state.get("api_key"))
        state.update(_connect_stores(services, state))
    _write_private(state_file, json.dumps(state))
    return DemoSetup(services, simulator, shopify, woo, state["api_key"], state["store_key"],
                     state["shopify_store_key"], state["woo_store_key"], int(state["products"]),
                     resumed, replayed)


def _fresh_state(products: int) -> dict[str, Any]:
    """Sandbox credentials, size and seed day of a new demo."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return {"format": _FORMAT, "products": products, "day": today.timestamp(),
            "private_key": secrets.token_hex(16), "token": secrets.token_hex(16),
            "shopify_token": "shpat_" + secrets.token_hex(16),
            "shopify_secret": secrets.token_hex(32),
            "wc_key": "ck_" + secrets.token_hex(20), "wc_secret": "cs_" + secrets.token_hex(20)}


def _stores_exist(services: Services, state: dict[str, Any]) -> bool:
    account = services.repo.authenticate(state["api_key"]) if state.get("api_key") else None
    return account is not None and all(
        services.repo.get_store(account.id, state.get(key) or "") is not None
        for key in ("store_key", "shopify_store_key", "woo_store_key"))


def _connect_stores(services: Services, state: dict[str, Any]) -> dict[str, str]:
    """A new demo account with the sandbox stores connected, as a user would connect them."""
    _, api_key = services.repo.create_account("demo")
    store_key = _connect(services, api_key, {
        "cart_id": "3DCart", "store_url": SANDBOX_STORE_URL,
        "3dcart_private_key": state["private_key"], "3dcart_access_token": state["token"],
        "custom_label": "Shift4Shop sandbox"})
    shopify_store_key = _connect(services, api_key, {
        "cart_id": "Shopify", "store_url": f"https://{SANDBOX_SHOP}",
        "shopify_access_token": state["shopify_token"],
        "shopify_shared_secret": state["shopify_secret"], "custom_label": "Shopify sandbox"})
    woo_store_key = _connect(services, api_key, {
        "cart_id": "WoocommerceApi", "store_url": f"https://{SANDBOX_WOO}",
        "wc_consumer_key": state["wc_key"], "wc_consumer_secret": state["wc_secret"],
        "custom_label": "WooCommerce REST sandbox"})
    return {"api_key": api_key, "store_key": store_key, "shopify_store_key": shopify_store_key,
            "woo_store_key": woo_store_key}


def demo_app(setup: DemoSetup) -> FastAPI:
    """The gateway's ASGI app, plus the Shopify sandbox pushing its webhooks while it runs."""
    app = create_app(setup.services)
    gateway_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        async with gateway_lifespan(a) as state:
            stop = asyncio.Event()
            pushing = asyncio.create_task(_push_webhooks(setup.shopify, setup.woo, stop))
            try:
                yield state
            finally:
                stop.set()
                await pushing

    app.router.lifespan_context = lifespan
    return app


async def _push_webhooks(shopify: ShopifySimulator, woo: WooSimulator, stop: asyncio.Event) -> None:
    """What Shopify does after a change: POST the signed webhook to its address, again until
    it is answered 2xx, at most :data:`_PUSH_ATTEMPTS` times (WooCommerce: once)."""
    async with httpx.AsyncClient(timeout=10) as client:
        shopify.callback_client = woo.callback_client = client
        while not stop.is_set():
            try:
                await shopify.flush_webhooks()
                await woo.flush_webhooks()
            except Exception:  # a sandbox hiccup must not stop the demo
                log.exception("a sandbox could not push its webhooks")
            for shop in shopify.shops:
                shop.outbox[:] = [d for d in shop.outbox if d.attempts < _PUSH_ATTEMPTS]
            with suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), _PUSH_EVERY_S)


class _SkippingClock(MonotonicClock):
    """The sandboxes' rate-limit clock: real time, plus an hour per replayed write, so a long
    journal replays without being throttled by the simulators' buckets."""

    def __init__(self) -> None:
        super().__init__()
        self.skipped = 0.0

    def now(self) -> float:
        return super().now() + self.skipped


class _Sandboxes:
    """The journal of writes the sandboxes accepted, and their replay."""

    def __init__(self, journal: Path) -> None:
        self.journal = journal
        self.clock = _SkippingClock()

    @staticmethod
    def now() -> datetime:
        pinned = _WRITE_TIME.get()
        return datetime.fromtimestamp(time.time() if pinned is None else pinned, UTC)

    @classmethod
    def naive_now(cls) -> datetime:  # the Shift4Shop simulator keeps naive UTC
        return cls.now().replace(tzinfo=None)

    def seed(self, state: dict[str, Any]) -> tuple[Shift4ShopSimulator, ShopifySimulator,
                                                   WooSimulator]:
        """The sandboxes, seeded as on the demo's first day (same seed, size and day)."""
        day = datetime.fromtimestamp(state["day"], UTC)
        simulator = Shift4ShopSimulator(clock=self.clock, now=self.naive_now)
        simulator.stores.add_store(SANDBOX_STORE_URL, state["private_key"], state["token"],
                                   size=state["products"], seed=1,
                                   anchor=day.replace(tzinfo=None))
        shopify = ShopifySimulator(clock=self.clock, now=self.now,
                                   allow_http_webhooks=True)  # the ingress is on http://127.0.0.1
        shopify.shops.add_shop(SANDBOX_SHOP, state["shopify_token"],
                               shared_secret=state["shopify_secret"], size=state["products"],
                               seed=1, anchor=day)
        woo = WooSimulator(now=self.now)
        woo.shops.add_shop(SANDBOX_WOO, state["wc_key"], state["wc_secret"],
                           size=state["products"], seed=1, anchor=day)
        return simulator, shopify, woo

    def journaled(self, name: str, app: Any) -> Any:
        """``app``, with every write it answers 2xx appended to the journal."""

        async def journaled_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
                await app(scope, receive, send)
                return
            chunks: list[bytes] = []
            status = 0

            async def recording_receive() -> dict[str, Any]:
                message: dict[str, Any] = await receive()
                if message["type"] == "http.request":
                    chunks.append(message.get("body", b""))
                return message

            async def recording_send(message: dict[str, Any]) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                await send(message)

            at = time.time()
            token = _WRITE_TIME.set(at)
            try:
                await app(scope, recording_receive, recording_send)
            finally:
                _WRITE_TIME.reset(token)
            if 200 <= status < 300:
                headers = [[k.decode("latin-1"), v.decode("latin-1")] for k, v in scope["headers"]]
                query = scope.get("query_string", b"").decode("latin-1")
                entry = {"sandbox": name, "at": at, "method": scope["method"],
                         "path": scope["path"], "query": query, "headers": headers,
                         "body": base64.b64encode(b"".join(chunks)).decode()}
                _append_private(self.journal, json.dumps(entry) + "\n")

        return journaled_app

    async def replay(self, apps: dict[str, Any]) -> int:
        """Apply the journal to freshly seeded sandboxes; returns the writes replayed."""
        if not self.journal.exists():
            return 0
        clients = {name: httpx.AsyncClient(transport=httpx.ASGITransport(app=app))
                   for name, app in apps.items()}
        count = 0
        try:
            for line in self.journal.read_text().splitlines():
                try:
                    entry = json.loads(line)
                except ValueError:  # a line cut short by a crash: the write was not kept
                    continue
                headers = [(k, v) for k, v in entry["headers"]]
                host = next((v for k, v in headers if k.lower() == "host"), "sandbox")
                url = f"https://{host}{entry['path']}" + (f"?{entry['query']}"
                                                           if entry["query"] else "")
                token = _WRITE_TIME.set(entry["at"])
                try:
                    response = await clients[entry["sandbox"]].request(
                        entry["method"], url, headers=headers,
                        content=base64.b64decode(entry["body"]))
                finally:
                    _WRITE_TIME.reset(token)
                    self.clock.skipped += 3600
                if not 200 <= response.status_code < 300:
                    log.warning("sandbox write %s %s replayed with HTTP %s", entry["method"],
                                entry["path"], response.status_code)
                count += 1
        finally:
            for client in clients.values():
                await client.aclose()
        return count


def _point_pushes_at(sandboxes: list[tuple[Any, str]], public_url: str) -> None:
    """Webhooks the sandbox shops keep from an earlier run (maybe on another port) push to
    this run's ingress, as an app updates its webhook addresses when it moves (``sandboxes``:
    each simulator and the key of a webhook's address)."""
    for sim, key in sandboxes:
        for shop in sim.shops:
            hooks = shop.data.webhooks
            for rid in hooks.sorted_keys():
                hook = hooks[rid]
                path = urlsplit(str(hook.get(key) or "")).path
                if path.startswith("/ingress/"):
                    hook[key] = public_url.rstrip("/") + path
            hooks.changed()


def _read_state(path: Path) -> dict[str, Any]:
    try:
        state = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def _write_private(path: Path, text: str) -> None:
    """The demo's keys and sandbox credentials: readable by the owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)


def _append_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a") as f:
        f.write(text)


def _delete_account(services: Services, api_key: str | None) -> None:
    """The old demo account, its stores, webhooks, events and jobs (database cascades)."""
    account = services.repo.authenticate(api_key) if api_key else None
    if account is not None:
        services.repo.delete_account(account.id)


def _connect(services: Services, api_key: str, body: dict[str, Any]) -> str:
    answer = asyncio.run(services.gateway.handle("account.cart.add", {}, {"x-api-key": api_key},
                                                 json.dumps(body).encode()))
    if isinstance(answer, FileAnswer) or answer["return_code"]:
        message = "" if isinstance(answer, FileAnswer) else answer["return_message"]
        raise RuntimeError(f"demo store {body['cart_id']} could not be connected: {message}")
    return str(answer["result"]["store_key"])
