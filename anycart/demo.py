"""``anycart demo``: the gateway with a sandbox store of each hosted platform (Shift4Shop,
Shopify, WooCommerce REST, Magento 2, BigCommerce, PrestaShop webservice), ready to call.

The sandboxes are the platform simulators mounted in-process (on the platform's API host, or
the shop's own host), so no request leaves the machine; :data:`SANDBOXES` declares them. The
demo is made for one machine, so webhook callbacks may be on loopback (private networks stay
closed), and the sandboxes of platforms with native webhooks (Shopify, WooCommerce,
BigCommerce) push them, signed or secured as the platform does, to this server's
``/ingress/<id>``; the others are polled.

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
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import graphql
import httpx
from fastapi import FastAPI

from anycart.config import Settings
from anycart.http.app import create_app
from anycart.methods.context import FileAnswer
from anycart.platforms.bigcommerce_api.simulator import BigCommerceSimulator
from anycart.platforms.magento2_api.sim_shipping import install_module
from anycart.platforms.magento2_api.simulator import Magento2Simulator
from anycart.platforms.prestashop_api.simulator import PrestashopSimulator
from anycart.platforms.shift4shop.simulator import Shift4ShopSimulator
from anycart.platforms.shopify.simulator import ShopifySimulator
from anycart.platforms.woocommerce_api.sim_shipping import install_live_rates
from anycart.platforms.woocommerce_api.simulator import WooSimulator
from anycart.services import Services, build_services
from anycart.transport.ratelimit import MonotonicClock

log = logging.getLogger("anycart.demo")

SANDBOX_API_HOST = "apirest.3dcart.sandbox"
SANDBOX_STORE_URL = "https://sandbox-store.3dcartstores.com"
SANDBOX_SHOP = "sandbox-shop.myshopify.com"
SANDBOX_WOO = "sandbox-woo.example"
SANDBOX_MAGENTO = "sandbox-magento.example"
SANDBOX_BIGCOMMERCE = "api.bigcommerce.com"  # the store is a hash on BigCommerce's API host
SANDBOX_BC_HASH = "sandboxhash"
SANDBOX_PRESTASHOP = "sandbox-prestashop.example"
STATE_FILE = "demo.json"
JOURNAL_FILE = "demo-sandbox.jsonl"
#: demo.json layout; an older one (flat credentials, fewer sandboxes...) starts afresh.
_FORMAT = 4
#: Shopify tries a webhook 8 times, then gives up on it.
_PUSH_ATTEMPTS = 8
_PUSH_EVERY_S = 0.5

#: The time a sandbox write happens at: set while it is served, so that its replay after a
#: restart stamps the same ``updated_at``/``modified_at``.
_WRITE_TIME: contextvars.ContextVar[float | None] = contextvars.ContextVar("demo_write_time",
                                                                          default=None)


@dataclass(frozen=True)
class Sandbox:
    """One sandbox store of the demo: its simulator, where it is mounted, how it is connected."""

    name: str  # its key in the journal and in demo.json
    label: str  # the platform's name: the banner, and the store's custom label
    host: str  # the host its simulator is mounted on
    key: str  # the banner's name for its store key
    credentials: Callable[[], dict[str, str]]  # fresh sandbox credentials
    #: the seeded simulator: (clocks, credentials, products, seed day)
    build: Callable[[_Sandboxes, dict[str, str], int, datetime], Any]
    #: the ``account.cart.add`` body connecting it (custom_label added)
    connect: Callable[[dict[str, str]], dict[str, Any]]
    #: where its simulator keeps webhooks and their address (table of ``shop.data``, key),
    #: when it pushes native ones (``sim.flush_webhooks()``, ``shop.emitter``); None: polled
    pushes: tuple[str, str] | None = None
    #: the platform's API base this sandbox stands for (``cart_id``, url), when not the store's
    api_url: tuple[str, str] | None = None


def _shift4shop(boxes: _Sandboxes, creds: dict[str, str], size: int, day: datetime) -> Any:
    sim = Shift4ShopSimulator(clock=boxes.clock, now=boxes.naive_now)
    sim.stores.add_store(SANDBOX_STORE_URL, creds["private_key"], creds["token"], size=size,
                         seed=1, anchor=day.replace(tzinfo=None))
    return sim


def _shopify(boxes: _Sandboxes, creds: dict[str, str], size: int, day: datetime) -> Any:
    sim = ShopifySimulator(clock=boxes.clock, now=boxes.now,
                           allow_http_webhooks=True)  # the ingress is on http://127.0.0.1
    sim.shops.add_shop(SANDBOX_SHOP, creds["token"], shared_secret=creds["secret"], size=size,
                       seed=1, anchor=day)
    return sim


def _woo(boxes: _Sandboxes, creds: dict[str, str], size: int, day: datetime) -> Any:
    sim = WooSimulator(now=boxes.now)
    shop = sim.shops.add_shop(SANDBOX_WOO, creds["key"], creds["secret"], size=size, seed=1,
                              anchor=day)
    install_live_rates(shop)  # the connector plugin active: live shipping rates can be tried
    return sim


def _magento(boxes: _Sandboxes, creds: dict[str, str], size: int, day: datetime) -> Any:
    sim = Magento2Simulator(now=boxes.now)
    store = sim.shops.add_shop(SANDBOX_MAGENTO, creds["token"], size=size, seed=1, anchor=day)
    install_module(store)  # the AnyCart module installed: live shipping rates can be tried
    return sim


def _bigcommerce(boxes: _Sandboxes, creds: dict[str, str], size: int, day: datetime) -> Any:
    sim = BigCommerceSimulator(clock=boxes.clock, now=boxes.now)
    sim.shops.add_shop(SANDBOX_BC_HASH, creds["token"], size=size, seed=1, anchor=day)
    return sim


def _prestashop(boxes: _Sandboxes, creds: dict[str, str], size: int, day: datetime) -> Any:
    sim = PrestashopSimulator(now=boxes.now)
    sim.shops.add_shop(SANDBOX_PRESTASHOP, creds["key"], size=size, seed=1, anchor=day)
    return sim


#: The demo's sandbox stores, in the banner's order.
SANDBOXES: tuple[Sandbox, ...] = (
    Sandbox("shift4shop", "Shift4Shop", SANDBOX_API_HOST, "store_key",
            lambda: {"private_key": secrets.token_hex(16), "token": secrets.token_hex(16)},
            _shift4shop,
            lambda c: {"cart_id": "3DCart", "store_url": SANDBOX_STORE_URL,
                       "3dcart_private_key": c["private_key"], "3dcart_access_token": c["token"]},
            api_url=("3DCart", f"https://{SANDBOX_API_HOST}")),
    Sandbox("shopify", "Shopify", SANDBOX_SHOP, "shopify_store_key",
            lambda: {"token": "shpat_" + secrets.token_hex(16), "secret": secrets.token_hex(32)},
            _shopify,
            lambda c: {"cart_id": "Shopify", "store_url": f"https://{SANDBOX_SHOP}",
                       "shopify_access_token": c["token"], "shopify_shared_secret": c["secret"]},
            pushes=("webhooks", "address")),
    Sandbox("woocommerce", "WooCommerce REST", SANDBOX_WOO, "woo_store_key",
            lambda: {"key": "ck_" + secrets.token_hex(20), "secret": "cs_" + secrets.token_hex(20)},
            _woo,
            lambda c: {"cart_id": "WoocommerceApi", "store_url": f"https://{SANDBOX_WOO}",
                       "wc_consumer_key": c["key"], "wc_consumer_secret": c["secret"]},
            pushes=("webhooks", "delivery_url")),
    Sandbox("magento2", "Magento 2", SANDBOX_MAGENTO, "magento_store_key",
            lambda: {"token": secrets.token_hex(16)}, _magento,
            lambda c: {"cart_id": "Magento2Api", "store_url": f"https://{SANDBOX_MAGENTO}",
                       "magento_access_token": c["token"]}),
    Sandbox("bigcommerce", "BigCommerce", SANDBOX_BIGCOMMERCE, "bigcommerce_store_key",
            lambda: {"token": secrets.token_hex(16)}, _bigcommerce,
            lambda c: {"cart_id": "BigcommerceApi",
                       "bigcommerceapi_context": f"stores/{SANDBOX_BC_HASH}",
                       "bigcommerceapi_access_token": c["token"]},
            pushes=("hooks", "destination")),
    Sandbox("prestashop", "PrestaShop webservice", SANDBOX_PRESTASHOP, "prestashop_store_key",
            lambda: {"key": secrets.token_hex(16).upper()}, _prestashop,  # 32 characters
            lambda c: {"cart_id": "PrestashopApi", "store_url": f"https://{SANDBOX_PRESTASHOP}",
                       "prestashop_webservice_key": c["key"]}),
)


@dataclass
class DemoSetup:
    services: Services
    #: each sandbox's simulator and store key, by :attr:`Sandbox.name`
    sims: dict[str, Any]
    store_keys: dict[str, str]
    api_key: str
    #: products per sandbox (the first run's ``products``: later runs keep the same catalog)
    products: int
    #: keys and sandbox data come from an earlier run
    resumed: bool
    #: sandbox writes replayed from the journal
    replayed: int

    @property
    def store_key(self) -> str:  # the Shift4Shop store: the README's first curl line
        return self.store_keys["shift4shop"]

    @property
    def shopify_store_key(self) -> str:
        return self.store_keys["shopify"]

    @property
    def shopify(self) -> ShopifySimulator:
        sim: ShopifySimulator = self.sims["shopify"]
        return sim


def prepare_demo(settings: Settings, products: int = 500, *, reset: bool = False,
                 public_url: str | None = None) -> DemoSetup:
    """Build the demo's services, sandboxes and stores (reusing an earlier run's state).

    ``public_url`` is where the pushing sandboxes send webhooks to, unless
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

    boxes = _Sandboxes(journal)
    day = datetime.fromtimestamp(state["day"], UTC)
    sims = {box.name: box.build(boxes, state["credentials"][box.name], state["products"], day)
            for box in SANDBOXES}
    replayed = asyncio.run(boxes.replay({name: sim.app for name, sim in sims.items()}))
    pushing = [(sims[box.name], box.pushes) for box in SANDBOXES if box.pushes]
    for sim, _ in pushing:
        for shop in sim.shops:
            shop.emitter.queue.clear()  # pushes of replayed writes were sent in their own run
    if settings.public_url:
        _point_pushes_at(pushing, settings.public_url)
    services.gateway.platform_settings = services.gateway.platform_settings.merged(
        api_urls=dict(box.api_url for box in SANDBOXES if box.api_url))
    for box in SANDBOXES:
        services.http.mount(box.host, boxes.journaled(box.name, sims[box.name].app))

    if not _stores_exist(services, state):
        resumed = False
        _delete_account(services, state.get("api_key"))
        state.update(_connect_stores(services, state))
    _write_private(state_file, json.dumps(state))
    return DemoSetup(services, sims, dict(state["stores"]), state["api_key"],
                     int(state["products"]), resumed, replayed)


def _fresh_state(products: int) -> dict[str, Any]:
    """Sandbox credentials, size and seed day of a new demo."""
    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return {"format": _FORMAT, "products": products, "day": today.timestamp(),
            "credentials": {box.name: box.credentials() for box in SANDBOXES}}


def _stores_exist(services: Services, state: dict[str, Any]) -> bool:
    account = services.repo.authenticate(state["api_key"]) if state.get("api_key") else None
    stores = state.get("stores") or {}
    return account is not None and all(
        services.repo.get_store(account.id, stores.get(box.name) or "") is not None
        for box in SANDBOXES)


def _connect_stores(services: Services, state: dict[str, Any]) -> dict[str, Any]:
    """A new demo account with the sandbox stores connected, as a user would connect them."""
    _, api_key = services.repo.create_account("demo")
    stores = {box.name: _connect(services, api_key, {
        **box.connect(state["credentials"][box.name]), "custom_label": f"{box.label} sandbox"})
        for box in SANDBOXES}
    return {"api_key": api_key, "stores": stores}


def demo_app(setup: DemoSetup) -> FastAPI:
    """The gateway's ASGI app, plus the Shopify sandbox pushing its webhooks while it runs."""
    app = create_app(setup.services)
    gateway_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(a: Any) -> AsyncIterator[Any]:
        async with gateway_lifespan(a) as state:
            stop = asyncio.Event()
            pushing = asyncio.create_task(_push_webhooks(
                [setup.sims[box.name] for box in SANDBOXES if box.pushes], stop))
            try:
                yield state
            finally:
                stop.set()
                await pushing

    app.router.lifespan_context = lifespan
    return app


async def _push_webhooks(sims: list[Any], stop: asyncio.Event) -> None:
    """What a platform does after a change: POST the signed webhook to its address, again
    until it is answered 2xx, at most :data:`_PUSH_ATTEMPTS` times (or as few as the
    platform's own emitter allows: WooCommerce tries once)."""
    async with httpx.AsyncClient(timeout=10) as client:
        for sim in sims:
            sim.callback_client = client
        while not stop.is_set():
            for sim in sims:
                try:
                    await sim.flush_webhooks()
                except Exception:  # a sandbox hiccup must not stop the demo
                    log.exception("a sandbox could not push its webhooks")
                for shop in sim.shops:
                    queue = shop.emitter.queue
                    queue[:] = [d for d in queue if d.attempts < _PUSH_ATTEMPTS]
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
            if 200 <= status < 300 and _is_write(scope["path"], b"".join(chunks)):
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


def _is_write(path: str, body: bytes) -> bool:
    """Whether a POST/PUT/DELETE changed the sandbox: a GraphQL POST does only when its
    document holds a mutation (Shopify's reads are POSTs too)."""
    if not path.endswith("/graphql.json"):
        return True
    try:
        document = graphql.parse(json.loads(body)["query"])
    except (ValueError, KeyError, TypeError, graphql.GraphQLError):
        return False  # refused by the sandbox as well: nothing to replay
    return any(isinstance(d, graphql.OperationDefinitionNode)
               and d.operation == graphql.OperationType.MUTATION for d in document.definitions)


def _point_pushes_at(sandboxes: list[tuple[Any, tuple[str, str]]], public_url: str) -> None:
    """Webhooks the sandbox shops keep from an earlier run (maybe on another port) push to
    this run's ingress, as an app updates its webhook addresses when it moves (``sandboxes``:
    each simulator, the table its webhooks are in and the key of their address)."""
    for sim, (table, key) in sandboxes:
        for shop in sim.shops:
            hooks = getattr(shop.data, table)
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
