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

Reading order: ``sim_store`` (shops and tables), ``sim_query`` and ``sim_crud`` (lists,
paging, the CRUD pattern), then one module per resource family (``sim_products`` and
``sim_variants``, ``sim_collections``, ``sim_customers``, ``sim_orders`` with
``sim_order_build`` and ``sim_fulfillments``, ``sim_inventory``, ``sim_shop``,
``sim_webhooks``) and ``seed``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from anycart.transport.ratelimit import Clock

from . import (
    sim_collections,
    sim_crud,
    sim_customers,
    sim_fulfillments,
    sim_inventory,
    sim_orders,
    sim_products,
    sim_shop,
    sim_variants,
)
from .sim_crud import Resource
from .sim_http import THROTTLED, UNAUTHORIZED, Answer, ApiError, Ctx, not_found
from .sim_store import SimulatedShop, SimulatedShops
from .sim_webhooks import flush

__all__ = ["API_VERSION", "SUPPORTED_VERSIONS", "ShopifySimulator", "SimulatedShop",
           "SimulatedShops"]

API_VERSION = "2024-10"
#: Stable versions served (Shopify supports each for a year). A retired stable version, or no
#: version at all, falls forward to the oldest supported one, as Shopify documents; anything
#: else (a future or malformed version) is a 404.
SUPPORTED_VERSIONS = ("2024-04", "2024-07", "2024-10", "2025-01", "2025-04")
RETRY_AFTER = "2.0"
_JSON = "application/json; charset=utf-8"
_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"]
_PATH = re.compile(r"^/admin/(?:api/([^/]+)/)?(.+)\.json$")
_STABLE = re.compile(r"^\d{4}-(01|04|07|10)$")
_FAILURES = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable",
             504: "Gateway Timeout", 423: "This shop is unavailable", 402: "Payment Required",
             403: "Forbidden", 404: "Not Found", 429: THROTTLED}

Handler = Callable[[Ctx, "re.Match[str]"], Answer]


def _int(value: str | None) -> int | None:
    return int(value) if value is not None and value.isdecimal() else None


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
        self._resources: dict[str, Resource] = {
            r.path: r for r in (sim_products.PRODUCTS, sim_collections.COLLECTIONS,
                                sim_collections.COLLECTS, sim_customers.CUSTOMERS,
                                sim_orders.ORDERS, sim_shop.CARRIER_SERVICES,
                                sim_inventory.LOCATIONS,
                                sim_shop.webhook_resource(allow_http_webhooks))}
        self._routes: list[tuple[re.Pattern[str], Handler]] = self._route_table()
        self.app = Starlette(routes=[Route("/{path:path}", self._dispatch, methods=_METHODS)])
        self.app.state.simulator = self

    # -- public helpers --------------------------------------------------------------------
    def inject_failure(self, domain: str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` authenticated requests to ``domain`` answer ``status``."""
        shop = self.shops.get(domain)
        if shop is None:
            raise KeyError(domain)
        shop.inject_failure(status, times)

    async def flush_webhooks(self) -> list[tuple[str, str, int | None]]:
        """POST every queued webhook now; those not answered 2xx stay queued."""
        outcomes: list[tuple[str, str, int | None]] = []
        for shop in self.shops:
            outcomes += await flush(shop.outbox, self.callback_client)
        return outcomes

    # -- ASGI entry ------------------------------------------------------------------------
    async def _dispatch(self, request: Request) -> Response:
        response = await self._answer(request)
        self.requests[response.status_code] += 1
        return response

    async def _answer(self, request: Request) -> Response:
        shop = self.shops.get(request.headers.get("host"))
        if shop is None:
            return _respond(Answer(404, {"errors": "Not Found"}))
        match = _PATH.match(request.url.path)
        version = _served_version(match.group(1)) if match else None
        if match is None or version is None:
            return _respond(Answer(404, {"errors": "Not Found"}))
        rest = match.group(2)
        if not shop.accepts(request.headers.get("x-shopify-access-token")):
            return _respond(Answer(401, {"errors": UNAUTHORIZED}))
        headers = {"X-Shopify-API-Version": version}
        if not shop.bucket.try_acquire():
            headers.update({**_limit(shop), "Retry-After": RETRY_AFTER})
            return _respond(Answer(429, {"errors": THROTTLED}), headers)
        headers.update(_limit(shop))
        failure = shop.take_failure()
        if failure is not None:
            return _respond(Answer(failure, {"errors": _FAILURES.get(failure, "Error")}), headers)
        ctx = Ctx(shop, request.method, version, rest, dict(request.query_params),
                  await request.body(), request.headers.get("content-type", ""))
        try:
            answer = self._route(ctx)
        except ApiError as exc:
            answer = Answer(exc.status, exc.body)
        return _respond(answer, headers)

    # -- routing ---------------------------------------------------------------------------
    def _route(self, ctx: Ctx) -> Answer:
        for pattern, handler in self._routes:
            match = pattern.fullmatch(ctx.path)
            if match is not None:
                return handler(ctx, match)
        raise not_found()

    def _collection(self, ctx: Ctx, m: re.Match[str]) -> Answer:
        res = self._resources[m.group(1)]
        if ctx.method == "GET":
            return sim_crud.list_records(ctx, res)
        if ctx.method == "POST" and res.create is not None:
            return sim_crud.create_record(ctx, res)
        raise _not_allowed()

    def _item(self, ctx: Ctx, m: re.Match[str]) -> Answer:
        res, rid = self._resources[m.group(1)], int(m.group(2))
        if ctx.method == "GET":
            return sim_crud.get_record(ctx, res, rid)
        if ctx.method == "PUT" and res.update is not None:
            return sim_crud.update_record(ctx, res, rid)
        if ctx.method == "DELETE" and res.create is not None:
            return sim_crud.delete_record(ctx, res, rid)
        raise _not_allowed()

    def _route_table(self) -> list[tuple[re.Pattern[str], Handler]]:
        names = "|".join(self._resources)
        get = _only("GET")
        table: list[tuple[str, Handler]] = [
            ("shop", get(lambda ctx, m: sim_shop.get_shop(ctx))),
            ("oauth/access_scopes", get(lambda ctx, m: sim_shop.access_scopes(ctx))),
            (f"({names})", self._collection),
            (f"({names})/count", get(lambda ctx, m: sim_crud.count_records(
                ctx, self._resources[m.group(1)]))),
            (f"({names})/(\\d+)", self._item),
            ("customers/search", get(lambda ctx, m: sim_crud.list_records(
                ctx, sim_customers.SEARCH))),
            (r"products/(\d+)/variants(?:/(count|\d+))?", lambda ctx, m: sim_variants.variants(
                ctx, int(m.group(1)), _int(m.group(2)), m.group(2) == "count")),
            (r"variants/(\d+)", _only("GET", "PUT")(lambda ctx, m: sim_variants.variants(
                ctx, 0, int(m.group(1)), False))),
            (r"products/(\d+)/images(?:/(count|\d+))?", lambda ctx, m: sim_variants.images(
                ctx, int(m.group(1)), _int(m.group(2)), m.group(2) == "count")),
            (r"customers/(\d+)/addresses(?:/(\d+)(?:/(default))?)?",
             lambda ctx, m: sim_customers.addresses(ctx, int(m.group(1)), _int(m.group(2)),
                                                    m.group(3))),
            (r"customers/(\d+)/orders", get(lambda ctx, m: sim_orders.customer_orders(
                ctx, int(m.group(1))))),
            (r"orders/(\d+)/(close|open|cancel)", lambda ctx, m: sim_orders.order_action(
                ctx, int(m.group(1)), m.group(2))),
            (r"orders/(\d+)/fulfillments(?:/(count|\d+)(?:/(cancel|update_tracking))?)?",
             lambda ctx, m: sim_fulfillments.fulfillments(
                 ctx, int(m.group(1)), _int(m.group(2)),
                 "count" if m.group(2) == "count" else m.group(3))),
            (r"fulfillments/(\d+)/(update_tracking|cancel)", _only("POST")(
                lambda ctx, m: sim_fulfillments.fulfillment_by_id(ctx, int(m.group(1)),
                                                                  m.group(2)))),
            (r"orders/(\d+)/refunds(?:/(\d+))?", lambda ctx, m: sim_fulfillments.refunds(
                ctx, int(m.group(1)), _int(m.group(2)))),
            ("inventory_levels", _only("GET", "DELETE")(self._levels)),
            (r"inventory_levels/(set|adjust|connect)", _only("POST")(
                lambda ctx, m: sim_inventory.post_level(ctx, m.group(1)))),
            (r"locations/(\d+)/inventory_levels", get(lambda ctx, m: sim_inventory.location_levels(
                ctx, int(m.group(1))))),
            ("inventory_items", get(lambda ctx, m: sim_inventory.get_items(ctx))),
            (r"inventory_items/(\d+)", _only("GET", "PUT")(
                lambda ctx, m: sim_inventory.get_item(ctx, int(m.group(1))) if ctx.method == "GET"
                else sim_inventory.put_item(ctx, int(m.group(1))))),
        ]
        return [(re.compile(p), h) for p, h in table]

    @staticmethod
    def _levels(ctx: Ctx, m: re.Match[str]) -> Answer:
        if ctx.method == "DELETE":
            return sim_inventory.delete_level(ctx)
        return sim_crud.list_records(ctx, sim_inventory.LEVELS)


def _served_version(requested: str | None) -> str | None:
    if requested is None:
        return SUPPORTED_VERSIONS[0]
    if requested in SUPPORTED_VERSIONS:
        return requested
    if _STABLE.match(requested) and requested < SUPPORTED_VERSIONS[0]:
        return SUPPORTED_VERSIONS[0]
    return None


def _not_allowed() -> ApiError:
    return ApiError(405, {"errors": "Method Not Allowed"})


def _only(*methods: str) -> Callable[[Handler], Handler]:
    def wrap(handler: Handler) -> Handler:
        def guarded(ctx: Ctx, m: re.Match[str]) -> Answer:
            if ctx.method not in methods:
                raise _not_allowed()
            return handler(ctx, m)
        return guarded
    return wrap


def _limit(shop: SimulatedShop) -> dict[str, str]:
    used = min(shop.bucket.budget.capacity, math.ceil(shop.bucket.level - 1e-9))
    return {"X-Shopify-Shop-Api-Call-Limit": f"{used}/{shop.bucket.budget.capacity}"}


def _respond(answer: Answer, headers: dict[str, str] | None = None) -> Response:
    all_headers = {**(headers or {}), **answer.headers}
    if answer.status == 204 or answer.body is None:
        return Response(status_code=answer.status, headers=all_headers)
    body: Any = json.dumps(answer.body, separators=(",", ":"))
    return Response(body, status_code=answer.status, media_type=_JSON, headers=all_headers)
