"""The Shopify simulator: the GraphQL Admin API (:mod:`.sim_graphql`) as a Starlette ASGI
app serving any number of shops, chosen by the request's Host header.

    sim = ShopifySimulator(clock=MonotonicClock(scale=20))
    shop = sim.shops.add_shop("demo.myshopify.com", "shpat_...", shared_secret="...", size=1000)

Shopify made REST Admin legacy (2024-10-01) and the connector speaks GraphQL only, so every
path but ``graphql.json`` and the files it hands out is a 404. The mutations run Shopify's
record rules (``sim_products``, ``sim_orders``...) over the REST-shaped store of
``sim_store``, the shape its webhooks push; :meth:`ShopifySimulator.flush_webhooks` POSTs them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from datetime import datetime

import httpx
from starlette.middleware import Middleware

from anycart.sandbox.app import simulator_app
from anycart.sandbox.crud import RailsErrors
from anycart.sandbox.observe import StatusCounter
from anycart.sandbox.webhooks import Outcome, flush_all
from anycart.transport.ratelimit import Clock

from .sim_graphql import SERVED as GRAPHQL_VERSIONS
from .sim_graphql import GraphQLApi
from .sim_store import SimulatedShop, SimulatedShops

__all__ = ["ShopifySimulator", "SimulatedShop", "SimulatedShops"]

_STABLE = re.compile(r"^\d{4}-(01|04|07|10)$")
#: Shopify's bodies for a path it does not serve and a method a path does not take
ERRORS = RailsErrors({404: "Not Found", 405: "Method Not Allowed"})


def _served_version(requested: str | None, supported: tuple[str, ...]) -> str | None:
    """A retired stable version (or none) falls forward to the oldest supported one, as
    Shopify documents; anything else not served (a future or malformed version) is None."""
    if requested is None or (_STABLE.match(requested) and requested < supported[0]):
        return supported[0]
    return requested if requested in supported else None


class ShopifySimulator:
    """Shops, their webhook queues, and the ASGI app serving them."""

    def __init__(self, clock: Clock | None = None, *,
                 callback_client: httpx.AsyncClient | None = None,
                 now: Callable[[], datetime] | None = None,
                 allow_http_webhooks: bool = False) -> None:
        self.shops = SimulatedShops(clock=clock, now=now)
        self.callback_client = callback_client
        #: Status codes answered (THROTTLED is a 200: ``self.graphql.throttled`` counts it)
        self.requests: Counter[int] = Counter()
        #: Shopify only delivers webhooks to https:// addresses; a loopback sandbox may not
        #: have TLS, so this can be relaxed.
        self.allow_http_webhooks = allow_http_webhooks
        #: the GraphQL Admin API over the shops (``sim_graphql``)
        self.graphql = GraphQLApi(self, lambda v: _served_version(v, GRAPHQL_VERSIONS))
        self.app = simulator_app(self.graphql.routes(), render=ERRORS.render,
                                 middleware=[Middleware(StatusCounter, counter=self.requests)],
                                 state={"simulator": self})

    def inject_failure(self, domain: str, status: int = 500, times: int = 1) -> None:
        """The next ``times`` authenticated requests to ``domain`` answer ``status``."""
        self.shops.find(domain).inject_failure(status, times)

    async def flush_webhooks(self) -> list[Outcome]:
        """POST every queued webhook now; those not answered 2xx stay queued."""
        return await flush_all((shop.emitter for shop in self.shops), self.callback_client)
