"""A BigCommerce REST API simulator: ``https://api.bigcommerce.com/stores/{hash}/v3/...`` and
``/v2/...`` as one Starlette ASGI app serving any number of stores, found by the hash.

    sim = BigCommerceSimulator()
    sim.shops.add_shop("abc123", "token", size=250)      # scopes=, plan=, quota=
    http = httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                             base_url="https://api.bigcommerce.com")
    await http.get("/stores/abc123/v3/catalog/products", headers={"X-Auth-Token": "token"})
    await sim.flush_webhooks()   # one delivery round of what the changes queued

Each store checks ``X-Auth-Token`` (401) and its scopes (403), counts a request window
(``X-Rate-Limit-*``, 429), injects 5xx, then serves v3 or v2, errors in each one's shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount

from anycart.sandbox.app import api, simulator_app
from anycart.sandbox.auth import AuthMiddleware
from anycart.sandbox.errors import SimError
from anycart.sandbox.failures import FailureMiddleware
from anycart.sandbox.limits import RateLimitMiddleware
from anycart.sandbox.observe import StatusCounter
from anycart.sandbox.tenants import TenantMiddleware, tenant_of
from anycart.sandbox.webhooks import Outcome, flush_all
from anycart.transport.ratelimit import Clock

from . import sim_coupons, sim_v2, sim_v3
from .sim_rules import SERVED
from .sim_store import FACTS, RESOURCES, BigCommerceStore, BigCommerceStores
from .sim_trees import TREE_ROUTES

__all__ = ["BigCommerceSimulator", "BigCommerceStore", "BigCommerceStores"]

_SCOPES: dict[str, str] = FACTS["scopes"]
Render = Callable[[SimError], Response]


def _scope_of(request: Request) -> str | None:
    """The OAuth scope the path needs (None: any valid token)."""
    rest = "/" + request.url.path.split("/", 4)[-1]
    return next((scope for prefix, scope in _SCOPES.items() if rest.startswith(prefix)), None)


def _rate_headers(window: Any) -> dict[str, str]:
    return {"X-Rate-Limit-Requests-Left": str(window.remaining),
            "X-Rate-Limit-Requests-Quota": str(window.quota),
            "X-Rate-Limit-Time-Window-Ms": str(int(window.window_s * 1000)),
            "X-Rate-Limit-Time-Reset-Ms": str(int(window.retry_after() * 1000))}


def _middleware(stores: BigCommerceStores, render: Render) -> list[Middleware]:
    def find(request: Request) -> BigCommerceStore | None:
        return stores.get(request.path_params.get("store_hash")
                          or request.url.path.split("/")[2])

    def check(request: Request) -> BigCommerceStore | None:
        store: BigCommerceStore = tenant_of(request)
        allowed = store.allows(request.headers.get("x-auth-token", ""), _scope_of(request),
                               request.method != "GET")
        request.scope["bc.denied"] = 401 if allowed is None else 403
        return store if allowed else None

    return [Middleware(TenantMiddleware, find=find, missing=lambda: render(SimError(404))),
            Middleware(AuthMiddleware, check=check,
                       deny=lambda r: render(SimError(r.scope["bc.denied"]))),
            Middleware(RateLimitMiddleware, limiter=lambda store: store.window,
                       deny=lambda window: render(SimError(429)), headers=_rate_headers),
            Middleware(FailureMiddleware, failures=lambda store: store.injected,
                       render=lambda status: render(SimError(status)))]


class BigCommerceSimulator:
    """Stores, their webhook queues, and the ASGI app serving them."""

    def __init__(self, clock: Clock | None = None, *,
                 now: Callable[[], datetime] | None = None,
                 callback_client: httpx.AsyncClient | None = None) -> None:
        self.shops = BigCommerceStores(now=now, clock=clock)
        self.callback_client = callback_client
        #: statuses answered, so benchmarks can count 429s
        self.requests: Counter[int] = Counter()
        v3: list[BaseRoute] = [*TREE_ROUTES]
        for name, spec in RESOURCES.items():
            if not spec.get("v2"):
                v3 += sim_v3.routes(sim_v3.Res.declared(name), SERVED)
        self.app = simulator_app([
            Mount(f"/stores/{{store_hash}}/{version}", app=api(
                routes, render=render, middleware=_middleware(self.shops, render)))
            for version, routes, render in (
                ("v3", v3, sim_v3.render_error),
                ("v2", [*sim_v2.ROUTES, *sim_coupons.ROUTES], sim_v2.render_error))],
            render=sim_v3.render_error, state={"simulator": self},
            middleware=[Middleware(StatusCounter, counter=self.requests)])

    def inject_failure(self, store_hash: str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` authenticated requests of the store answer ``status``."""
        self.shops.find(store_hash).injected.inject_failure(status, times)

    async def flush_webhooks(self) -> list[Outcome]:
        """One round of deliveries: every queued push is POSTed once; a failed one stays
        queued for the next round, until BigCommerce's retries are spent."""
        return await flush_all((store.emitter for store in self.shops), self.callback_client)
