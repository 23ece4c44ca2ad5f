"""A Magento 2 (Open Source / Adobe Commerce 2.4) REST API simulator, a Starlette ASGI app
serving any number of installs, chosen by the request's Host header
(``sim.shops.add_shop("m2.example", "integration-token", size=200)``). As Magento does:

- paths ``/rest/V1/...`` (the default store view), ``/rest/<store code>/V1/...`` and
  ``/rest/all/V1/...`` (global scope); an unknown store code is no route (404 ``Request does
  not match any route.``), and an unknown route is a 404 before authorization;
- ``Authorization: Bearer <token>``: an integration access token, or one issued by
  ``POST /V1/integration/admin/token`` (``{"username", "password"}``); without a valid one,
  401 ``The consumer isn't authorized to access %resources.`` naming the ACL resource;
- the endpoints of ``sim_routes.json``, lists through ``searchCriteria`` (:mod:`.sim_rest`),
  every write stamping ``updated_at`` so a poller on ``updated_at`` sees it;
- Adobe Commerce's returns (:mod:`.sim_returns`) unless the install is Magento Open Source
  (``add_shop(..., rma=False)``): then ``/V1/returns`` is no route.

Facts (texts, ACL resources, websites, views, seed pools) are data in ``sim_facts.json``,
record shapes in ``sim_records.json``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Mount, Route

from anycart.sandbox.app import api, simulator_app
from anycart.sandbox.auth import AuthMiddleware
from anycart.sandbox.resources import declared_routes, route
from anycart.sandbox.tenants import TenantMiddleware

from . import sim_catalog as cat
from . import sim_coupons as cou
from . import sim_customers as cus
from . import sim_returns as ret
from . import sim_sales as sal
from . import sim_shipping as shp
from . import sim_store
from .shipping import CARRIER
from .sim_rest import FACTS, TEXT, MagentoError, read_json, render_error, reply, required
from .sim_store import ALL, RMA_MODULE, MagentoStore, MagentoStores, store_of

__all__ = ["Magento2Simulator", "MagentoStore", "MagentoStores"]

_ACL: dict[str, str] = FACTS["acl"]

#: ``sim_routes.json``'s endpoint modules (shipping: the AnyCart module's own route)
_ENDPOINTS = {"catalog": cat, "coupons": cou, "customers": cus, "sales": sal, "returns": ret,
              "store": sim_store, "shipping": shp}
#: path segments a module of its own serves: a store without that module has no such route
#: (Adobe Commerce's RMAs; the AnyCart module's live rates carrier)
_MODULES = {"returns": RMA_MODULE, CARRIER: CARRIER}


def _bearer(request: Request) -> str | None:
    scheme, _, token = (request.headers.get("authorization") or "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


class Magento2Simulator:
    """Magento installs and the ASGI app serving them."""

    def __init__(self, *, now: Callable[[], datetime] | None = None) -> None:
        self.shops = MagentoStores(now=now)
        routes = declared_routes(Path(__file__).with_name("sim_routes.json"), _ENDPOINTS)
        self.routes: list[BaseRoute] = list(routes)
        token: dict[str, Any] = {"POST": self._admin_token}
        self.app = simulator_app([
            route("/rest/V1/integration/admin/token", token),
            route("/rest/{code}/V1/integration/admin/token", token),
            Mount("/rest/V1", app=self._api(routes)),
            Mount("/rest/{code}/V1", app=self._api(routes)),
        ], render=render_error, state={"simulator": self})

    def _api(self, routes: list[Route]) -> Any:
        def check(request: Request) -> MagentoStore | None:
            store = store_of(request)
            code = str(request.path_params.get("code") or "default")
            if code != ALL and store.view(code) is None:
                request.scope["m2.error"] = MagentoError(404, TEXT["no_route"])
                return None
            if not any(r.matches(request.scope)[0] == Match.FULL for r in routes):
                return store  # no route: the router's 404 comes before authorization
            segment = request.url.path.split("/V1/", 1)[-1].split("/", 1)[0]
            if segment in _MODULES and _MODULES[segment] not in store.modules:
                request.scope["m2.error"] = MagentoError(404, TEXT["no_route"])
                return None
            resource = _ACL.get(segment, "Magento_Backend::admin")
            grant = store.tokens.get(_bearer(request))
            if grant is not None and grant.may(resource):
                return store
            request.scope["m2.error"] = MagentoError(
                401, TEXT["unauthorized"], {"resources": resource})
            return None

        return api(routes, render=render_error, middleware=[
            Middleware(TenantMiddleware, find=lambda r: self.shops.get(r.headers.get("host")),
                       missing=lambda: render_error(MagentoError(404, TEXT["no_route"]))),
            Middleware(AuthMiddleware, check=check,
                       deny=lambda r: render_error(r.scope["m2.error"]))])

    async def _admin_token(self, request: Request) -> Response:
        store = self.shops.get(request.headers.get("host"))
        if store is None:
            return render_error(MagentoError(404, TEXT["no_route"]))
        try:
            body = await read_json(request)
            missing = [f for f in ("username", "password") if not isinstance(body.get(f), str)
                       or not body[f]]
            if missing:
                raise required(*missing)
        except MagentoError as err:
            return render_error(err)
        token = store.issue_token(body["username"], body["password"])
        if token is None:
            return render_error(MagentoError(401, TEXT["sign_in"]))
        return reply(token)
