"""A PrestaShop 8 webservice simulator (``/api/<resource>[/<id>]``), a Starlette ASGI app
serving any number of stores, chosen by the request's Host header.

    sim = PrestashopSimulator()
    store = sim.shops.add_shop("shop.example", "K" * 32, size=50)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=sim.app),
                                 base_url="https://shop.example") as http:
        r = await http.get("/api/products", auth=("K" * 32, ""),
                           params={"output_format": "JSON", "display": "full",
                                   "filter[price]": "[10,50]", "limit": "0,20"})

What it enforces, as ``webservice/dispatcher.php`` and ``WebserviceRequest`` do:

- the key as the HTTP Basic user (no password) or ``ws_key``; none at all: a bare
  ``401 Unauthorized``; an empty key, one not 32 characters long, an unknown or inactive
  one: 401 with codes 17, 18, 20; a key limited to other shops: 403 (132);
- per-key permissions: a resource the key may not use is 401 (26), a method it may not use
  405 (25), a method the resource forbids 405 (101), an unknown resource 400 (27, "Did
  you mean");
- XML by default (``<prestashop xmlns:xlink=...>``, values in CDATA, ``xlink:href`` links),
  JSON with ``output_format=JSON`` (or ``io_format``, the ``Output-Format`` header);
- lists with ``display``, ``filter[...]``, ``sort``, ``limit``, ``date=1``,
  ``schema=blank|synopsis``, ``language`` and ``id_shop`` (:mod:`.sim_query`); writes with
  POST, PUT (the whole object), PATCH and DELETE (XML bodies, as ``saveEntityFromXml``
  parses them with SimpleXML) (:mod:`.sim_store`); orders placed from carts
  (:mod:`.sim_orders`); product images under ``/api/images/products/<id>``
  (:mod:`.sim_images`).

Routes are declared per resource ``getResources`` lists (:func:`_routes`); each endpoint
checks in ``fetch``'s order: key, shop, language, resource, method; then it serves.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from functools import partial
from typing import Any

from lxml import etree
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute

from anycart.sandbox.auth import basic_credentials
from anycart.sandbox.grants import Grant
from anycart.sandbox.resources import Endpoint, route
from anycart.sandbox.resources import Resource as Routed
from anycart.sandbox.tenants import TenantMiddleware, tenant_of

from . import sim_images
from . import sim_output as O
from . import sim_query as Q
from .sim_model import FACTS, RESOURCES, Resource, WsError
from .sim_store import ALL_METHODS, PrestashopShop, PrestashopShops

__all__ = ["PrestashopShop", "PrestashopShops", "PrestashopSimulator"]

_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class PrestashopSimulator:
    """Stores and the ASGI app serving their webservice."""

    def __init__(self, *, now: Callable[[], datetime] | None = None) -> None:
        self.shops = PrestashopShops(now=now)
        self.app = Starlette(routes=_routes(), middleware=[Middleware(
            TenantMiddleware, find=lambda r: self.shops.get(r.headers.get("host")),
            missing=lambda: PlainTextResponse("Not Found", 404))])


class _Call:
    """One authenticated request past ``fetch``'s shop and language checks."""

    def __init__(self, store: PrestashopShop, key: Grant, request: Request, as_json: bool) -> None:
        self.store, self.key, self.request, self.q = store, key, request, request.query_params
        self.shops = self._shops()
        self.langs = Q.languages(self.q.get("language"), store.languages())
        self.out = O.Out(f"{request.url.scheme}://{request.headers.get('host')}/api/",
                         self.langs, as_json, display_given="display" in self.q)
        #: the URL's second segment (what follows it is ignored; none: the list)
        self.ident = request.path_params.get("id", "").split("/")[0]

    def _shops(self) -> list[int]:
        raw = self.q.get("id_shop")
        known = self.store.shop_ids()
        if raw is None:
            shops = known[:1]
        elif raw == "all":
            shops = known
        elif raw.isdecimal() and int(raw) in known:
            shops = [int(raw)]
        else:
            raise WsError("shop_unknown")
        if not self.key.reaches(shops):
            raise WsError("shop_denied")
        return shops


Serve = Callable[[_Call], Awaitable[Response]]


def _routes() -> list[BaseRoute]:
    """The listing (no resource named: ``/api``, ``/api/``, ``/api//...``),
    ``/api/<resource>[/<id>]`` for every listed resource (one not simulated: no key may use
    it), product images, and last the names nobody lists."""
    listing = _webservice(_listing)
    out: list[BaseRoute] = [route(path, {}, listing) for path in ("/api", "/api/",
                                                                  "/api//{rest:path}")]
    for name in [n for n in FACTS["resources"] if n != "images"]:
        res = RESOURCES.get(name)
        served = {} if res is None else {m: _checked(name, partial(verb, res))
                                         for m, verb in _VERBS.items() if m not in res.forbidden}
        out += Routed(f"/api/{name}", served, item=served, id="{id:path}",
                      other=_checked(name, None)).routes()
    # images take every method (sim_images refuses some in its own words)
    image = _checked("images", lambda call: sim_images.serve(call.store, call.request, call.out))
    no_product = _checked("images", _refusal("image_product", id=""))  # an empty id
    no_image = _checked("images", _refusal("image_unknown"))
    out += [route("/api/images/products/{product}", {}, image),
            route("/api/images/products/{product}/{image:path}", {}, image),
            route("/api/images/products/{rest:path}", {}, no_product),
            route("/api/images", {}, no_image), route("/api/images/{rest:path}", {}, no_image)]
    unknown = _webservice(_unknown)
    return [*out, route("/api/{name}", {}, unknown), route("/api/{name}/{rest:path}", {}, unknown)]


def _webservice(serve: Serve) -> Endpoint:
    """What ``dispatcher.php`` and ``fetch`` do before ``serve``: the key (none at all: the
    bare 401), the shop and the language; a refusal in the webservice's shape; its headers."""

    async def endpoint(request: Request) -> Response:
        started = time.monotonic()
        store: PrestashopShop = tenant_of(request)
        as_json = _format(request) == "JSON"
        key = _key(request)
        if key is None:  # the dispatcher stops before the webservice answers
            return PlainTextResponse("401 Unauthorized", 401,
                                     headers={"WWW-Authenticate": FACTS["realm"]})
        authenticated = False
        try:
            account = _authenticate(store, key)
            authenticated = True
            response = await serve(_Call(store, account, request, as_json))
        except WsError as err:
            response = O.errors([(err.code, err.message)], err.status, as_json)
            if err.status == 401:
                response.headers["WWW-Authenticate"] = FACTS["realm"]
        return _headers(response, request, authenticated, started)

    return endpoint


def _checked(name: str, serve: Serve | None) -> Endpoint:
    """``checkResource`` and ``checkHTTPMethod`` before ``serve`` (None: the resource does
    not take the method)."""

    async def checked(call: _Call) -> Response:
        method = call.request.method
        if not call.key.may(name):
            raise WsError("resource_denied", resource=name)
        if method not in ALL_METHODS:
            raise WsError("method_invalid", method=method)
        if serve is None:
            raise WsError("method_forbidden", method=method, resource=name)
        if not call.key.may_use(name, method):
            raise WsError("method_denied", method=method, resource=name)
        return await serve(call)

    return _webservice(checked)


def _format(request: Request) -> str:
    h, q = request.headers, request.query_params
    return str(h.get("io-format") or h.get("output-format") or q.get("output_format")
               or q.get("io_format") or "XML")


def _key(request: Request) -> str | None:
    """``PHP_AUTH_USER`` when Basic credentials came, else ``ws_key``."""
    creds = basic_credentials(request.headers.get("authorization"))
    return creds[0] if creds is not None else request.query_params.get("ws_key")


def _authenticate(store: PrestashopShop, key: str) -> Grant:
    key = key.strip()
    if not key:
        raise WsError("key_empty")
    if len(key) != 32:
        raise WsError("key_format")
    account = store.keys.get(key)
    if account is None:
        raise WsError("key_inactive")
    if not account.usable():
        raise WsError("no_permission")
    return account


def _headers(response: Response, request: Request, authenticated: bool, started: float) -> Response:
    body = response.body
    if body:
        sha1 = hashlib.sha1(body).hexdigest()
        response.headers["Content-Sha1"] = sha1
        if request.headers.get("local-content-sha1") == sha1:  # the client's copy is current
            response = Response(status_code=304, headers={"Content-Sha1": sha1})
    response.headers.update({"Access-Time": str(int(time.time())),
                             "X-Powered-By": "PrestaShop Webservice",
                             "Execution-Time": f"{time.monotonic() - started:.3f}"})
    if authenticated:
        response.headers["PSWS-Version"] = FACTS["version"]
    if request.method == "HEAD":
        return Response(b"", response.status_code, headers=dict(response.headers))
    return response


# -- the endpoints ---------------------------------------------------------------------------
async def _listing(call: _Call) -> Response:
    return O.resource_list(call.key.usable() or {}, call.out, call.store.name)


async def _unknown(call: _Call) -> Response:
    name = call.request.path_params["name"]
    raise Q.did_you_mean("resource_unknown", name, FACTS["resources"], resource=name)


def _refusal(which: str, **values: Any) -> Serve:
    async def refuse(call: _Call) -> Response:
        raise WsError(which, **values)
    return refuse


# -- reading -----------------------------------------------------------------------------------
async def _get(res: Resource, call: _Call) -> Response:
    q, store = call.q, call.store
    schema = q.get("schema")
    if schema is not None:
        if schema not in ("blank", "synopsis"):
            raise WsError("schema")
        call.out.schema = schema
        blank = store.entity(res, {"id": 0, **store.blank(res)}, call.shops)
        return O.details([blank], "full", call.out)
    if call.ident:
        return await _one(res, call)
    dated = bool(q.get("date")) and q.get("date") != "0"
    tests = Q.filters(res, list(q.multi_items()), dated, call.langs)
    shown = Q.display(res, q.get("display"), "minimum")
    recs = [r for r in store.rows(res, call.shops) if all(t(r) for t in tests)]
    for field, desc in reversed(Q.order(res, q.get("sort"), dated)):
        recs.sort(key=Q.sort_key(field, call.langs[0]), reverse=desc)
    start, count = Q.limit(q.get("limit"))
    recs = recs[start:] if count is None else recs[start:start + count]
    return O.listing(res, [store.entity(res, r, call.shops) for r in recs], shown, call.out)


async def _one(res: Resource, call: _Call) -> Response:
    shown = Q.display(res, call.q.get("display"), "full")
    table = call.store.tables[res.name]
    rid = Q.php_int(call.ident)
    if rid not in table:
        return Response(status_code=404)  # getFilteredObjectDetails: no body
    rec = table.peek(rid)
    if not call.store.visible(res, rec, call.shops):
        raise WsError("not_on_shop", cls=res.cls, id=rid)
    return O.details([call.store.entity(res, rec, call.shops)], shown, call.out)


# -- writing -----------------------------------------------------------------------------------
async def _write(res: Resource, call: _Call) -> Response:
    method = call.request.method
    raw = await call.request.body()
    entities = _parse(raw.removeprefix(b"xml="))  # the dispatcher drops a form's prefix
    # saveEntityFromXml: an id given at all ((string) != '') counts, as its (int)
    ids = [Q.php_int(e["id"]) for e in entities if str(e.get("id", "")) != ""]
    if method in ("PUT", "PATCH"):
        if len(set(ids)) != len(ids):
            raise WsError("id_duplicate")
        if len(ids) != len(entities):
            raise WsError("id_required")
    elif ids:
        raise WsError("id_forbidden")
    saved = [call.store.save(res, given, method, call.shops) for given in entities]
    status = 201 if method == "POST" else 200
    if not saved:  # nothing saved, no objects: returnOutput falls back to the listing
        listing = O.resource_list(call.key.resources or {}, call.out, call.store.name)
        listing.status_code = status
        return listing
    return O.details([call.store.entity(res, r, call.shops) for r in saved], "full", call.out,
                     status)


async def _delete(res: Resource, call: _Call) -> Response:
    raw = call.q.get("id")
    if raw is not None:
        inner = raw[1:-1] if raw.startswith("[") and raw.endswith("]") else ""
        ids = [Q.php_int(i) for i in inner.split(",")] if inner else []
    else:
        ids = [Q.php_int(call.ident)]
    call.store.delete(res, ids)
    return Response(status_code=200)


#: what serves each method a resource takes (``forbidden`` ones left out)
_VERBS: dict[str, Callable[[Resource, _Call], Awaitable[Response]]] = {
    "GET": _get, "HEAD": _get, "DELETE": _delete, "POST": _write, "PUT": _write, "PATCH": _write}


def _parse(raw: bytes) -> list[dict[str, Any]]:
    """The entities of a ``<prestashop>`` body, as ``saveEntityFromXml`` reads them with
    SimpleXML: plain fields as text, multilingual ones ``{id: text}``, associations as rows.
    What does not parse is the webservice's 500 (code 127)."""
    try:
        root = etree.fromstring(raw, _XML_PARSER)
    except etree.XMLSyntaxError as exc:
        text = raw.decode(errors="replace")
        raise WsError("xml", error=str(exc), length=len(raw), xml=text) from None
    out = []
    for node in root:
        entity: dict[str, Any] = {}
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "associations":
                entity["associations"] = {
                    a.tag: [{f.tag: f.text or "" for f in row if isinstance(f.tag, str)}
                            for row in a if isinstance(row.tag, str)]
                    for a in child if isinstance(a.tag, str)}
            elif len(child) and all(c.tag == "language" for c in child):
                entity[child.tag] = {c.get("id", ""): c.text or "" for c in child}
            else:
                entity[child.tag] = child.text or ""
        out.append(entity)
    return out
