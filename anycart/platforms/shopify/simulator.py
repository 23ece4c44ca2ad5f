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

Built on :mod:`anycart.sandbox`: the route table below is the whole API surface (any other
path is a 404, any other method a 405); tables, paging, the CRUD pattern and its Rails error
bodies, auth, the bucket, failures and the webhook emitter are the kit's. So are writes and
lists declared as data (``sandbox.forms``, ``sandbox.listing``) over record shapes kept in
``sim_records.json`` (``sandbox.templates``; Shopify's topics, id ranges and countries are
in ``sim_facts.json``), and the commerce arithmetic: option axes and variants, images,
weights (``sandbox.catalog``), edits below a product or customer (``sandbox.children``),
collects (``sandbox.links``), stock per location (``sandbox.stock``), order lines and buyers
(``sandbox.placement``), order totals, tracking and what fulfillments and refunds leave
(``sandbox.orders``), the customer search syntax (``sandbox.search``); the modules here
declare Shopify's names and rules. Reading order: ``sim_store`` (shops, tables, ids),
``sim_api`` (the request context, Shopify's cursor rules), then one module per resource
family (``sim_products``, ``sim_collections``, ``sim_customers``, ``sim_orders`` with
``sim_order_build``, ``sim_inventory``, ``sim_shop``) and ``seed``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.routing import BaseRoute, Mount
from starlette.types import ASGIApp

from anycart.sandbox.app import api, simulator_app
from anycart.sandbox.auth import AuthMiddleware, HeaderToken
from anycart.sandbox.crud import RailsErrors, reply
from anycart.sandbox.errors import SimError
from anycart.sandbox.failures import FailureMiddleware
from anycart.sandbox.limits import RateLimitMiddleware, bucket_usage
from anycart.sandbox.observe import AddHeaders, StatusCounter
from anycart.sandbox.resources import Resource, actions, routes
from anycart.sandbox.tenants import TenantMiddleware
from anycart.sandbox.webhooks import Outcome, flush_all
from anycart.transport.ratelimit import Clock

from . import sim_collections, sim_customers, sim_inventory, sim_orders, sim_products, sim_shop
from .sim_api import Handler, context, endpoint
from .sim_graphql import SERVED as GRAPHQL_VERSIONS
from .sim_graphql import GraphQLApi
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
ERRORS = RailsErrors({500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
            504: "Gateway Timeout", 423: "This shop is unavailable", 402: "Payment Required",
            403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 429: THROTTLED})


def _served_version(requested: str | None,
                    supported: tuple[str, ...] = SUPPORTED_VERSIONS) -> str | None:
    if requested is None or (_STABLE.match(requested) and requested < supported[0]):
        return supported[0]
    return requested if requested in supported else None


_GET = ("GET",)
_LIST_ADD, _ITEM_RW, _ITEM_RWD = ("GET", "POST"), ("GET", "PUT"), ("GET", "PUT", "DELETE")


def _by(handler: Handler, path: str, collection: tuple[str, ...] = (),
        item: tuple[str, ...] = (), *, id: str = "{sub:int}", **how: Any) -> Resource:
    return Resource.one_endpoint(endpoint(handler), path, collection, item, id=id, **how)


def _api_routes(allow_http_webhooks: bool) -> list[BaseRoute]:
    """Every path the simulated Admin API serves (below ``/admin/api/{version}``)."""
    p, c, o, i, s = sim_products, sim_customers, sim_orders, sim_inventory, sim_shop
    declared = [
        _by(s.get_shop, "/shop", _GET),
        _by(s.access_scopes, "/oauth/access_scopes", _GET),
        p.PRODUCTS.resource(context, children=(
            _by(p.VARIANTS.handle, "/variants", _LIST_ADD, _ITEM_RWD, count=True),
            _by(p.IMAGES.handle, "/images", _LIST_ADD, _ITEM_RWD, count=True))),
        _by(p.VARIANT_BY_ID, "/variants", item=_ITEM_RW, id="{id:int}"),
        sim_collections.COLLECTIONS.resource(context),
        sim_collections.COLLECTS.resource(context),
        c.CUSTOMERS.resource(context, ("/search", {"GET": endpoint(c.search)}), children=(
            _by(c.ADDRESSES.handle, "/addresses", _LIST_ADD, _ITEM_RWD,
                extra=actions("default", at="/{sub:int}", method="PUT")),
            _by(o.ORDERS.within("customers", "customer_id"), "/orders", _GET))),
        _by(o.order_action, "/orders", extra=actions("close", "open", "cancel")),
        o.ORDERS.resource(context, children=(
            _by(o.FULFILLMENTS.handle, "/fulfillments", _LIST_ADD, _ITEM_RW, count=True,
                extra=actions("cancel", "update_tracking", at="/{sub:int}")),
            _by(o.REFUNDS.handle, "/refunds", _LIST_ADD, _GET))),
        _by(o.FULFILLMENT_BY_ID, "/fulfillments", extra=actions("update_tracking", "cancel")),
        s.CARRIER_SERVICES.resource(context),
        s.webhooks(allow_http_webhooks).resource(context),
        i.LOCATIONS.resource(context, children=(
            _by(i.LEVELS.within("locations", "location_ids"), "/inventory_levels", _GET),)),
        _by(i.levels, "/inventory_levels", ("GET", "DELETE"),
            extra=actions("set", "adjust", "connect", at="")),
        _by(i.items, "/inventory_items", _GET, _ITEM_RW, id="{id:int}"),
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
        #: the GraphQL Admin API over the same shops (``sim_graphql``)
        self.graphql = GraphQLApi(self, lambda v: _served_version(v, GRAPHQL_VERSIONS))
        self.app = simulator_app([
            *self.graphql.routes(),
            Mount("/admin/api/{version}", app=self._api(api_routes)),
            Mount("/admin", app=self._api(api_routes))], render=ERRORS.render,
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

        return api(api_routes, render=ERRORS.render, middleware=[
            Middleware(TenantMiddleware, find=shop, missing=lambda: ERRORS.render(SimError(404))),
            Middleware(AuthMiddleware, check=HeaderToken(
                "X-Shopify-Access-Token", accepts=lambda s, token: s.accepts(token)),
                deny=lambda r: reply({"errors": UNAUTHORIZED}, 401)),
            Middleware(AddHeaders, headers=lambda scope: {
                "X-Shopify-API-Version": scope["shopify.version"]}),
            Middleware(RateLimitMiddleware, limiter=lambda s: s.bucket,
                       headers=bucket_usage("X-Shopify-Shop-Api-Call-Limit"),
                       deny=lambda b: reply({"errors": THROTTLED}, 429, {"Retry-After": "2.0"})),
            Middleware(FailureMiddleware, render=ERRORS.failure)])

    def inject_failure(self, domain: str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` authenticated requests to ``domain`` answer ``status``."""
        self.shops.find(domain).inject_failure(status, times)

    async def flush_webhooks(self) -> list[Outcome]:
        """POST every queued webhook now; those not answered 2xx stay queued."""
        return await flush_all((shop.emitter for shop in self.shops), self.callback_client)
