"""A WooCommerce REST API v3 simulator (``/wp-json/wc/v3/...``): a Starlette app serving any
number of shops by Host header (``sim.shops.add_shop(host, key, secret, size=250)``).

As WooCommerce does (``WC_REST_Authentication``, the v3 controllers): over https, HTTP Basic
or ``consumer_key``/``consumer_secret`` in the query (a wrong one: 401
``woocommerce_rest_authentication_error``); over http only a one-legged OAuth 1.0a signature
(a bad one, a stale timestamp, a nonce used again: 401), else 401
``woocommerce_rest_cannot_<verb>``. The collections of :mod:`.sim_resources` follow
:mod:`.sim_rest`. Each change queues a signed webhook delivery (``X-WC-Webhook-*``), tried
once: past 5 failures in a row the webhook is ``disabled``; a new webhook is pinged
(``webhook_id=<id>``) before the answer. :meth:`WooSimulator.inject_failure` answers 5xx
with WordPress's fatal-error body. Facts are data beside it: ``sim_collections.json``,
``sim_records.json``, ``sim_facts.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import httpx
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount

from anycart.sandbox.app import api, simulator_app
from anycart.sandbox.auth import AuthMiddleware, basic_credentials
from anycart.sandbox.errors import SimError
from anycart.sandbox.failures import FailureMiddleware
from anycart.sandbox.oauth1 import oauth_params, verify
from anycart.sandbox.resources import route
from anycart.sandbox.tenants import TenantMiddleware, tenant_of
from anycart.sandbox.webhooks import Outcome, flush_all
from anycart.transport.ratelimit import Clock

from . import sim_rest
from .seed import FACTS, system_status
from .sim_resources import RESOURCES
from .sim_rest import WooError, render_error, reply
from .sim_store import MAX_FAILURES, WooShop, WooShops

__all__ = ["MAX_FAILURES", "WooShop", "WooShops", "WooSimulator"]

_AUTH = "woocommerce_rest_authentication_error"
_CANNOT: dict[str, list[str]] = FACTS["cannot"]

def _authenticate(shop: WooShop, request: Request) -> WooError | None:
    """None when the request is authenticated, else the error WooCommerce answers."""
    if request.url.scheme == "https":
        creds = basic_credentials(request.headers.get("authorization"))
        q = request.query_params
        if creds is None and "consumer_key" in q:
            creds = (q["consumer_key"], q.get("consumer_secret", ""))
        if creds is not None:
            if creds[0] not in shop.keys:
                return WooError(_AUTH, "Consumer key is invalid.", 401)
            if shop.keys[creds[0]] != creds[1]:
                return WooError(_AUTH, "Consumer secret is invalid.", 401)
            return None
    params = oauth_params(request)
    if not any(k.startswith("oauth_") for k, _ in params):
        return _cannot(request)
    why = verify(request, params, shop.keys.get, shop.nonces, now=shop.now().timestamp())
    if why is None:
        return None
    if why.startswith("missing"):
        return WooError("woocommerce_rest_authentication_missing_parameter",
                        f"Missing OAuth parameter(s) {why.removeprefix('missing ')}", 401)
    return WooError(_AUTH, FACTS["oauth_errors"][why], 401)


def _cannot(request: Request) -> WooError:
    verb, message = _CANNOT.get(request.method, _CANNOT["GET"])
    if request.url.path.endswith("/batch"):
        verb, message = "batch", "Sorry, you are not allowed to batch manipulate this resource."
    elif request.method == "GET" and request.url.path.rstrip("/").split("/")[-1].isdecimal():
        message = "Sorry, you cannot view this resource."
    return WooError(f"woocommerce_rest_cannot_{verb}", message, 401)


class WooSimulator:
    """Shops, their webhook queues, and the ASGI app serving them."""

    def __init__(self, clock: Clock | None = None, *,
                 now: Callable[[], datetime] | None = None,
                 callback_client: httpx.AsyncClient | None = None) -> None:
        self.clock = clock  # WooCommerce has no rate limit; kept for ShopifySimulator's shape
        self.shops = WooShops(now=now, client=callback_client)
        self.callback_client = callback_client
        self.app = simulator_app([Mount("/wp-json/wc/v3", app=self._api())],
                                 render=render_error, state={"simulator": self})

    def _api(self) -> Any:
        routes: list[BaseRoute] = [
            *(r for res in RESOURCES for r in sim_rest.routes(res)),
            route("/shipping/zones/{key:int}/locations", {"GET": _locations, "PUT": _locations}),
            route("/system_status", {"GET": _system_status})]

        def check(request: Request) -> WooShop | None:
            shop: WooShop = tenant_of(request)
            error = _authenticate(shop, request)
            request.scope["wc.auth_error"] = error
            # no credentials at all: WordPress routes first, so an unknown path stays a 404
            anonymous = error is not None and "_cannot_" in error.body["code"]  # all 401s
            if anonymous and not any(r.matches(request.scope)[0] == Match.FULL for r in routes):
                return shop
            return shop if error is None else None

        return api(routes, render=render_error, middleware=[
            Middleware(TenantMiddleware, find=lambda r: self.shops.get(r.headers.get("host")),
                       missing=lambda: render_error(SimError(404))),  # rest_no_route
            Middleware(AuthMiddleware, check=check,
                       deny=lambda r: render_error(r.scope["wc.auth_error"])),
            Middleware(FailureMiddleware, failures=lambda shop: shop.injected,
                       render=lambda status: reply(FACTS["critical_error"], status))])

    def inject_failure(self, host: str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` requests to ``host`` answer ``status``, WordPress's fatal-error body."""
        self.shops.find(host).injected.inject_failure(status, times)

    async def flush_webhooks(self) -> list[Outcome]:
        """POST every queued delivery once (WooCommerce does not retry), failures counted."""
        return await flush_all((shop.emitter for shop in self.shops), self.callback_client)


async def _locations(request: Request) -> Response:
    shop: WooShop = tenant_of(request)
    zone = request.path_params["key"]
    if zone not in shop.data.zones:
        raise WooError("woocommerce_rest_shipping_zone_invalid", "Resource does not exist.", 404)
    if request.method == "PUT":
        body = await sim_rest.SERVED.read(request)
        if not isinstance(body, list) or not all(isinstance(x, dict) and x.get("code")
                                                 for x in body):
            raise sim_rest.invalid("locations", "locations is not of type array.")
        shop.data.locations[zone] = [{"code": str(x["code"]), "type": str(x.get("type")
                                                                            or "country")}
                                     for x in body]
    base = shop.api_url(request.url.scheme) + f"/shipping/zones/{zone}"
    links = {"collection": [{"href": base + "/locations"}], "describes": [{"href": base}]}
    return reply([{**loc, "_links": links} for loc in shop.data.locations.get(zone, [])])


def _system_status(request: Request) -> Response:
    shop: WooShop = tenant_of(request)
    return reply(system_status(f"{request.url.scheme}://{shop.host}"))
