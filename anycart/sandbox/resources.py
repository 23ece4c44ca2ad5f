"""Declarative resources that generate Starlette routes: an explicit ``Route`` list, one
route per path with exactly the declared methods, so an undeclared path is a 404 and an
undeclared method a 405 (from Starlette's router, rendered in the platform's shape).

    PRODUCTS = Resource("/Products", {"GET": list_products, "POST": add_products},
                        item={"GET": get_product, "PUT": put_product, "DELETE": delete_product},
                        children=(Resource("/Images", {"GET": ...}, item={"PUT": ...},
                                           id="{sub_id}"),))
    routes = PRODUCTS.routes()   # /Products, /Products/{id:int}, /Products/{id:int}/Images...

Endpoints are ``request -> Response`` (sync or async); path parameters are in
``request.path_params`` and the tenant in :func:`anycart.sandbox.tenants.tenant_of`.

A route table may also be data (:func:`declared_routes`): ``[[path, {method: name}], ...]``
in JSON, each name ``module.function`` or ``module.factory:argument`` (one endpoint per
document kind), the modules given by name, so the paths read as the platform's reference.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route

Endpoint = Callable[[Request], Awaitable[Response] | Response]
Methods = Mapping[str, Endpoint]


@dataclass(frozen=True)
class Resource:
    """A collection at ``path`` and its items at ``path/{id}``.

    ``methods``: the collection's (list, create, batch update...); ``item``: one record's;
    ``count``: ``GET path/count``; ``children``: resources below one item (their paths are
    relative to ``path/{id}``; give them another ``id`` name); ``extra``: more paths relative
    to ``path`` (``"/{id:int}/close"``, ``"/search"``), routed before the item path;
    ``allow``: when given, only these of the collection's and item's methods are served (a
    service declaring the standard handlers once and the methods each endpoint allows);
    ``other``: the endpoint of every method the collection and the item do not declare
    (:func:`route`)."""

    path: str
    methods: Methods = field(default_factory=dict)
    item: Methods = field(default_factory=dict)
    id: str = "{id:int}"
    count: Endpoint | None = None
    children: tuple[Resource, ...] = ()
    extra: tuple[tuple[str, Methods], ...] = ()
    allow: frozenset[str] | None = None
    other: Endpoint | None = None

    @classmethod
    def one_endpoint(cls, endpoint: Endpoint, path: str, collection: Sequence[str] = (),
                     item: Sequence[str] = (), *, count: bool = False, id: str = "{id:int}",
                     extra: Sequence[tuple[str, Sequence[str]]] = ()) -> Resource:
        """A resource whose paths and methods all go to one ``endpoint`` (it reads which
        from the request): ``collection`` and ``item`` methods, ``/count``, ``extra`` paths
        with their methods (:func:`actions`)."""
        return cls(path, dict.fromkeys(collection, endpoint), item=dict.fromkeys(item, endpoint),
                   id=id, count=endpoint if count else None,
                   extra=tuple((sub, dict.fromkeys(methods, endpoint)) for sub, methods in extra))

    def _allowed(self, methods: Methods) -> Methods:
        return methods if self.allow is None else {
            m: e for m, e in methods.items() if m in self.allow}

    def routes(self, prefix: str = "", suffix: str = "") -> list[Route]:
        """The routes of this resource below ``prefix``; ``suffix`` ends every path
        (Shopify's ``.json``)."""
        base = prefix + self.path
        out: list[Route] = []
        if self._allowed(self.methods) or self.other:
            out.append(route(base + suffix, self._allowed(self.methods), self.other))
        if self.count is not None:
            out.append(route(f"{base}/count{suffix}", {"GET": self.count}))
        out += [route(base + sub + suffix, methods) for sub, methods in self.extra]
        if self._allowed(self.item) or self.other:
            out.append(route(f"{base}/{self.id}{suffix}", self._allowed(self.item), self.other))
        for child in self.children:
            out += child.routes(f"{base}/{self.id}", suffix)
        return out


def actions(*names: str, at: str = "/{id:int}", method: str = "POST"
            ) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``extra`` paths for actions on one record (``/{id}/close``, ``/{id}/cancel``)."""
    return tuple((f"{at}/{name}", (method,)) for name in names)


def route(path: str, methods: Methods, other: Endpoint | None = None) -> Route:
    """One route serving exactly ``methods`` (no implicit HEAD: a simulator refuses what the
    platform refuses), or with ``other`` every method, the undeclared ones going to it (a
    platform that refuses a method in its own words, after checks that come first:
    PrestaShop's webservice refuses a resource the key may not use before a method)."""
    handlers = dict(methods)

    async def endpoint(request: Request) -> Response:
        handler = handlers.get(request.method, other)
        assert handler is not None  # without ``other`` the router lets only ``methods`` in
        result = handler(request)
        if inspect.isawaitable(result):
            return await result
        return result

    endpoint.__name__ = "_".join(sorted(handlers) or ["any"]) + path.replace("/", "_")
    r = Route(path, endpoint, methods=list(handlers) or ["GET"])
    if other is not None:
        r.methods = None  # every method reaches the endpoint
    elif r.methods is not None and "HEAD" not in handlers:
        r.methods.discard("HEAD")
    return r


def routes(*resources: Resource, prefix: str = "", suffix: str = "") -> list[Route]:
    out: list[Route] = []
    for res in resources:
        out += res.routes(prefix, suffix)
    return out


def named(modules: Mapping[str, ModuleType], name: str) -> Any:
    """The endpoint ``module.function``, or ``module.factory:argument`` (the factory's
    answer for that argument)."""
    module, _, rest = name.partition(".")
    function, _, argument = rest.partition(":")
    found = getattr(modules[module], function)
    return found(argument) if argument else found


def declared_routes(path: Path, modules: Mapping[str, ModuleType], key: str = "routes"
                    ) -> list[Route]:
    """The routes of the JSON table ``path`` holds under ``key``, in its order."""
    table = json.loads(path.read_text(encoding="utf-8"))[key]
    return [route(p, {method: named(modules, name) for method, name in methods.items()})
            for p, methods in table]


def ignore_case(routes: Sequence[BaseRoute]) -> Sequence[BaseRoute]:
    """Match these routes' paths case-insensitively (path parameters keep their case)."""
    for r in routes:
        if isinstance(r, (Route, Mount)):
            r.path_regex = re.compile(r.path_regex.pattern, re.IGNORECASE)
        if isinstance(r, Mount):
            ignore_case(r.routes)
    return routes

