"""A Shopify Admin REST API simulator, as a Starlette ASGI app serving any number of shops.

    sim = ShopifySimulator(clock=MonotonicClock(scale=20))
    shop = sim.shops.add_shop("demo.myshopify.com", "shpat_...", shared_secret="...", size=1000)
    app = sim.app            # the shop is chosen by the request's Host header

What it enforces, as Shopify documents it: ``/admin/api/{version}/{resource}[/{id}].json``
paths (an unknown version is a 404, a retired one falls forward to the oldest supported),
the ``X-Shopify-Access-Token`` header (401 ``[API] Invalid API key or access token ...``),
cursor paging with ``page_info`` and ``Link`` (``limit`` at most 250), filters and
``fields``, 201/200/422 writes with Rails-style errors, ``{}`` after a delete, and a leaky
bucket per shop of 40 requests leaking 2 per second on the injectable clock: every
authenticated answer carries ``X-Shopify-Shop-Api-Call-Limit: <used>/40``; over it, 429 with
``Retry-After: 2.0`` (platform seconds, the value Shopify documents) and ``{"errors":
"Exceeded 2 calls per second for api client. ..."}``. Changes made through the API queue
webhooks, POSTed by :meth:`ShopifySimulator.flush_webhooks`.

Built on :mod:`anycart.sandbox`: the routes below are the whole API surface (any other path
is a 404, any other method a 405). Reading order: ``sim_store`` (shops, tables, ids),
``sim_api`` (context, lists, the CRUD pattern), then one module per resource family.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime

import httpx
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount
from starlette.types import ASGIApp

from anycart.sandbox.app import api, simulator_app
from anycart.sandbox.auth import AuthMiddleware, HeaderToken
from anycart.sandbox.crud import reply
from anycart.sandbox.errors import Invalid, SimError
from anycart.sandbox.failures import FailureMiddleware
from anycart.sandbox.limits import Limiter, RateLimitMiddleware
from anycart.sandbox.observe import AddHeaders, StatusCounter
from anycart.sandbox.resources import Methods, Resource, routes
from anycart.sandbox.tenants import TenantMiddleware
from anycart.sandbox.webhooks import Outcome
from anycart.transport.ratelimit import Clock, LeakyBucket

from . import sim_collections, sim_customers, sim_inventory, sim_orders, sim_products, sim_shop
from .sim_api import Handler, context, endpoint
from .sim_store import SimulatedShop, SimulatedShops

__all__ = ["API_VERSION", "SUPPORTED_VERSIONS", "ShopifySimulator", "SimulatedShop",
           "SimulatedShops"]

API_VERSION = "2024-10"
#: Stable versions served (Shopify supports each for a year). A retired stable version, or no
#: version at all, falls forward to the oldest supported one, as Shopify documents; anything
#: else (a future or malformed version) is a 404.
SUPPORTED_VERSIONS = ("2024-04", "2024-07", "2024-10", "2025-01", "2025-04")
_STABLE = re.compile(r"^\d{4}-(01|04|07|10)$")
THROTTLED = ("Exceeded 2 calls per second for api client. Reduce request rates to resume "
             "uninterrupted service.")
UNAUTHORIZED = "[API] Invalid API key or access token (unrecognized login or wrong password)"
_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout", 423: "This shop is unavailable", 402: "Payment Required",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 429: THROTTLED}


def _served_version(requested: str | None) -> str | None:
    if requested is None or (_STABLE.match(requested) and requested < SUPPORTED_VERSIONS[0]):
        return SUPPORTED_VERSIONS[0]
    return requested if requested in SUPPORTED_VERSIONS else None


def _render(err: SimError) -> Response:
    if isinstance(err, Invalid):
        body = {"errors": {err.param: err.message} if err.param else err.message}
    else:
        body = err.body if err.body is not None else {"errors": _REASONS.get(err.status,
                                                                             "Error")}
    return reply(body, err.status, err.headers)


def _call_limit(bucket: Limiter) -> dict[str, str]:
    assert isinstance(bucket, LeakyBucket)
    used = min(bucket.budget.capacity, math.ceil(bucket.level - 1e-9))
    return {"X-Shopify-Shop-Api-Call-Limit": f"{used}/{bucket.budget.capacity}"}


def _get(handler: Handler) -> Methods:
    return {"GET": endpoint(handler)}


def _api_routes(allow_http_webhooks: bool) -> list[BaseRoute]:
    p, c, o, i, s = sim_products, sim_customers, sim_orders, sim_inventory, sim_shop
    children = endpoint(p.variants), endpoint(p.images), endpoint(c.addresses)
    def post(handler: Handler) -> Methods:
        return {"POST": endpoint(handler)}
    sub = "{sub:int}"
    declared = [
        Resource("/shop", _get(s.get_shop)),
        Resource("/oauth/access_scopes", _get(s.access_scopes)),
        p.PRODUCTS.resource(context, children=(
            Resource("/variants", dict.fromkeys(("GET", "POST"), children[0]), id=sub,
                     item=dict.fromkeys(("GET", "PUT", "DELETE"), children[0]),
                     count=children[0]),
            Resource("/images", dict.fromkeys(("GET", "POST"), children[1]), id=sub,
                     item=dict.fromkeys(("GET", "PUT", "DELETE"), children[1]),
                     count=children[1]))),
        Resource("/variants", item=dict.fromkeys(("GET", "PUT"), children[0])),
        sim_collections.COLLECTIONS.resource(context), sim_collections.COLLECTS.resource(context),
        c.CUSTOMERS.resource(context, ("/search", _get(c.search)), children=(
            Resource("/addresses", dict.fromkeys(("GET", "POST"), children[2]), id=sub,
                     item=dict.fromkeys(("GET", "PUT", "DELETE"), children[2]),
                     extra=((f"/{sub}/default", {"PUT": children[2]}),)),
            Resource("/orders", _get(o.customer_orders)))),
        o.ORDERS.resource(context, *((f"/{{id:int}}/{a}", post(o.order_action))
                            for a in ("close", "open", "cancel")), children=(
            Resource("/fulfillments", dict.fromkeys(("GET", "POST"), endpoint(o.fulfillments)),
                     item=dict.fromkeys(("GET", "PUT"), endpoint(o.fulfillments)), id=sub,
                     count=endpoint(o.fulfillments),
                     extra=tuple((f"/{sub}/{a}", post(o.fulfillments))
                                 for a in ("cancel", "update_tracking"))),
            Resource("/refunds", dict.fromkeys(("GET", "POST"), endpoint(o.refunds)), id=sub,
                     item=_get(o.refunds)))),
        Resource("/fulfillments", extra=tuple((f"/{{id:int}}/{a}", post(o.fulfillment_by_id))
                                              for a in ("update_tracking", "cancel"))),
        s.CARRIER_SERVICES.resource(context), s.webhooks(allow_http_webhooks).resource(context),
        i.LOCATIONS.resource(context, children=(Resource("/inventory_levels",
                                                _get(i.location_levels)),)),
        Resource("/inventory_levels", {"GET": endpoint(i.list_levels),
                                       "DELETE": endpoint(i.delete_level)},
                 extra=tuple((f"/{a}", post(i.post_level)) for a in ("set", "adjust",
                                                                      "connect"))),
        Resource("/inventory_items", _get(i.get_items), item={
            "GET": endpoint(i.get_item), "PUT": endpoint(i.put_item)}),
    ]
    return list(routes(*declared, suffix=".json"))


class ShopifySimulator:
    """Shops, their webhook queues, and the ASGI app serving them."""

    def __init__(self, clock: Clock | None = None, *,
                 callback_client: httpx.AsyncClient | None = None,
                 now: Callable[[], datetime] | None = None,
                 allow_http_webhooks: bool = False) -> None:
        self.shops = SimulatedShops(clock=clock, now=now)
        self.callback_client = callback_client
        #: Status codes answered, so benchmarks can count 429s.
        self.requests: Counter[int] = Counter()
        #: Shopify only delivers webhooks to https:// addresses; a loopback sandbox may not
        #: have TLS, so this can be relaxed.
        self.allow_http_webhooks = allow_http_webhooks
        api_routes = _api_routes(allow_http_webhooks)
        self.app = simulator_app([
            Mount("/admin/api/{version}", app=self._api(api_routes)),
            Mount("/admin", app=self._api(api_routes))], render=_render,
            middleware=[Middleware(StatusCounter, counter=self.requests)],
            state={"simulator": self})

    def _api(self, api_routes: list[BaseRoute]) -> ASGIApp:
        def shop(request: Request) -> SimulatedShop | None:
            # an unknown version or a path without ".json" is a 404 before the token is read
            version = _served_version(request.path_params.get("version"))
            request.scope["shopify.version"] = version
            if version is None or not request.url.path.endswith(".json"):
                return None
            return self.shops.get(request.headers.get("host"))

        def failure(status: int) -> Response:
            return reply({"errors": _REASONS.get(status, "Error")}, status)

        return api(api_routes, render=_render, middleware=[
            Middleware(TenantMiddleware, find=shop, missing=lambda: _render(SimError(404))),
            Middleware(AuthMiddleware, check=HeaderToken(
                "X-Shopify-Access-Token", accepts=lambda s, token: s.accepts(token)),
                deny=lambda r: reply({"errors": UNAUTHORIZED}, 401)),
            Middleware(AddHeaders, headers=lambda scope: {
                "X-Shopify-API-Version": scope["shopify.version"]}),
            Middleware(RateLimitMiddleware, limiter=lambda s: s.bucket, headers=_call_limit,
                       deny=lambda b: reply({"errors": THROTTLED}, 429, {"Retry-After": "2.0"})),
            Middleware(FailureMiddleware, render=failure)])

    def inject_failure(self, domain: str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` authenticated requests to ``domain`` answer ``status``."""
        shop = self.shops.get(domain)
        if shop is None:
            raise KeyError(domain)
        shop.inject_failure(status, times)

    async def flush_webhooks(self) -> list[Outcome]:
        """POST every queued webhook now; those not answered 2xx stay queued."""
        outcomes: list[Outcome] = []
        for shop in self.shops:
            outcomes += await shop.emitter.flush(self.callback_client)
        return outcomes

