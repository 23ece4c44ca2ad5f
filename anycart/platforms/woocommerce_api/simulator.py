"""A WooCommerce REST API v3 simulator (``/wp-json/wc/v3/...``), a Starlette ASGI app serving
any number of shops, chosen by the request's Host header.

    sim = WooSimulator()
    shop = sim.shops.add_shop("shop.example", "ck_test", "cs_test", size=250)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url="https://shop.example") as http:
        r = await http.get("/wp-json/wc/v3/products", auth=("ck_test", "cs_test"),
                           params={"per_page": 100, "page": 2})
        r.headers["X-WP-Total"], r.headers["X-WP-TotalPages"], r.headers["Link"]
    await sim.flush_webhooks()   # deliver what the changes queued

What it enforces, as WooCommerce does (``WC_REST_Authentication`` and the v3 controllers):

- over https, HTTP Basic with the consumer key and secret, or ``consumer_key`` /
  ``consumer_secret`` in the query; a wrong key or secret is 401
  ``woocommerce_rest_authentication_error``; over plain http only OAuth 1.0a one-legged
  signatures count (HMAC-SHA1/SHA256, checked by oauthlib; a bad signature, a timestamp
  more than 15 minutes off, a nonce used again: 401), so keys in the query or Basic over http
  leave the request unauthenticated: 401 ``woocommerce_rest_cannot_view`` (or ``..._create``,
  ``..._edit``, ``..._delete``, ``..._batch``);
- the collections of :mod:`.sim_resources` with the paging, filters, batch limit and error
  codes of :mod:`.sim_rest`; ``/system_status`` and zone locations;
- webhooks: each change queues a POST to every active webhook on its topic, signed
  ``X-WC-Webhook-Signature`` (base64 HMAC-SHA256 of the body with the webhook's secret), with
  ``-Topic``, ``-Resource``, ``-Event``, ``-ID``, ``-Delivery-ID`` and ``-Source``; a delivery
  is tried once (WooCommerce does not retry); 2xx-302 resets the webhook's failure count, any
  other answer adds one, and a failure with the count already above 5 (the
  ``woocommerce_max_webhook_delivery_failures`` default) sets the webhook ``disabled``; a
  webhook created through the API is sent the unsigned ping ``webhook_id=<id>`` before the
  answer (its outcome in ``shop.pinged``);
- :meth:`WooSimulator.inject_failure`: the next requests answer a 5xx with WordPress's
  fatal-error body, for retry tests. WooCommerce itself has no rate limit.

What is fact rather than behaviour is data beside it: the collections in
``sim_collections.json`` (:mod:`anycart.sandbox.declared`), the record shapes in
``sim_records.json`` (:mod:`anycart.sandbox.templates`), fixed texts and values in
``sim_facts.json``.
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
_OAUTH: dict[str, str] = FACTS["oauth_errors"]
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
    return WooError(_AUTH, _OAUTH[why], 401)


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
        routes = self._routes()

        def check(request: Request) -> WooShop | None:
            shop: WooShop = tenant_of(request)
            error = _authenticate(shop, request)
            request.scope["wc.auth_error"] = error
            # no credentials at all: WordPress routes first, so an unknown path stays a 404
            anonymous = error is not None and error.status == 401 and "cannot" in str(
                error.body.get("code"))
            if anonymous and not any(r.matches(request.scope)[0] == Match.FULL for r in routes):
                return shop
            return shop if error is None else None

        return api(routes, render=render_error, middleware=[
            Middleware(TenantMiddleware, find=lambda r: self.shops.get(r.headers.get("host")),
                       missing=lambda: render_error(WooError(
                           "rest_no_route", "No route was found matching the URL and request "
                           "method.", 404))),
            Middleware(AuthMiddleware, check=check,
                       deny=lambda r: render_error(r.scope["wc.auth_error"])),
            Middleware(FailureMiddleware, failures=lambda shop: shop.injected,
                       render=lambda status: reply(FACTS["critical_error"], status))])

    def inject_failure(self, host: str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` authenticated requests to ``host`` answer ``status`` with the
        body WordPress's fatal-error handler gives a REST request."""
        shop = self.shops.get(host)
        if shop is None:
            raise KeyError(host)
        shop.injected.inject_failure(status, times)

    @staticmethod
    def _routes() -> list[BaseRoute]:
        out: list[BaseRoute] = []
        for res in RESOURCES:
            out += sim_rest.routes(res)
        return [*out,
                route("/shipping/zones/{key:int}/locations", {"GET": _locations,
                                                              "PUT": _locations}),
                route("/system_status", {"GET": _system_status})]

    async def flush_webhooks(self) -> list[Outcome]:
        """POST every queued delivery once (WooCommerce does not retry); each shop counts its
        webhooks' failures (:attr:`WooShop.suspension`)."""
        return await flush_all((shop.emitter for shop in self.shops), self.callback_client)


async def _locations(request: Request) -> Response:
    shop: WooShop = tenant_of(request)
    zone = request.path_params["key"]
    if zone not in shop.data.zones:
        raise WooError("woocommerce_rest_shipping_zone_invalid", "Resource does not exist.", 404)
    if request.method == "PUT":
        body = await sim_rest.read_json(request)
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
