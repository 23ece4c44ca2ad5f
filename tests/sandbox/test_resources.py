"""Declarative resources -> Starlette routes: exactly the declared paths and methods, errors
rendered by the simulator's renderer."""

from __future__ import annotations

import httpx
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route

from anycart.sandbox import Invalid, Resource, SimError, api, ignore_case, simulator_app
from anycart.sandbox.app import empty
from anycart.sandbox.resources import actions


def _echo(name: str):
    def endpoint(request: Request) -> Response:
        return JSONResponse({"op": name, **request.path_params})
    return endpoint


async def _aecho(request: Request) -> Response:
    return JSONResponse({"op": "async", **request.path_params})


def _fail(request: Request) -> Response:
    raise Invalid("bad", "limit")


THINGS = Resource(
    "/things", {"GET": _echo("list"), "POST": _aecho},
    item={"GET": _echo("get"), "DELETE": _echo("delete")},
    count=_echo("count"),
    extra=(("/search", {"GET": _echo("search")}),),
    children=(Resource("/parts", {"GET": _echo("parts")}, item={"PUT": _echo("part")},
                       id="{part}"),),
)


def _paths(routes) -> dict[str, set[str]]:
    return {r.path: set(r.methods) for r in routes if isinstance(r, Route)}


def test_routes_are_generated_from_the_declaration() -> None:
    assert _paths(THINGS.routes()) == {
        "/things": {"GET", "POST"}, "/things/count": {"GET"}, "/things/search": {"GET"},
        "/things/{id:int}": {"GET", "DELETE"}, "/things/{id:int}/parts": {"GET"},
        "/things/{id:int}/parts/{part}": {"PUT"}}
    assert list(_paths(THINGS.routes(prefix="/v1", suffix=".json"))) == [
        "/v1/things.json", "/v1/things/count.json", "/v1/things/search.json",
        "/v1/things/{id:int}.json", "/v1/things/{id:int}/parts.json",
        "/v1/things/{id:int}/parts/{part}.json"]


def _render(err: SimError) -> Response:
    body = {"status": err.status, "param": getattr(err, "param", None)}
    return JSONResponse(body, err.status, headers=err.headers)


def _client(app) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sim")


async def test_declared_paths_answer_and_the_rest_is_404_or_405() -> None:
    routes = [*THINGS.routes(), *Resource("/boom", {"GET": _fail}).routes()]
    async with _client(simulator_app(routes, render=_render)) as c:
        assert (await c.get("/things")).json() == {"op": "list"}
        assert (await c.post("/things")).json() == {"op": "async"}
        assert (await c.get("/things/7")).json() == {"op": "get", "id": 7}
        assert (await c.get("/things/search")).json() == {"op": "search"}  # before {id}
        assert (await c.put("/things/7/parts/x")).json() == {"op": "part", "id": 7, "part": "x"}
        r = await c.get("/nothing")
        assert r.status_code == 404 and r.json()["status"] == 404
        assert (await c.get("/things/abc")).status_code == 404  # {id:int}
        r = await c.put("/things/7")
        assert r.status_code == 405 and r.json()["status"] == 405
        assert set(r.headers["allow"].split(", ")) == {"GET", "DELETE"}
        assert (await c.head("/things")).status_code == 405  # GET does not imply HEAD
        assert (await c.get("/things/")).status_code == 404  # no slash redirects
        r = await c.get("/boom")
        assert r.status_code == 400 and r.json() == {"status": 400, "param": "limit"}


async def test_a_mounted_api_renders_its_errors_inside_its_middleware() -> None:
    class Stamp:
        def __init__(self, app) -> None:
            self.app = app

        async def __call__(self, scope, receive, send) -> None:
            async def stamped(message) -> None:
                if message["type"] == "http.response.start":
                    message["headers"] = [*message["headers"], (b"x-stamp", b"1")]
                await send(message)
            await self.app(scope, receive, stamped)

    from starlette.middleware import Middleware

    inner = api(THINGS.routes(), render=empty, middleware=[Middleware(Stamp)])
    app = simulator_app(ignore_case([Mount("/API/V1", app=inner)]))
    async with _client(app) as c:
        ok = await c.get("/api/v1/THINGS/3")
        assert ok.json() == {"op": "get", "id": 3} and ok.headers["x-stamp"] == "1"
        missing = await c.get("/api/v1/nothing")
        assert missing.status_code == 404 and missing.content == b""
        assert missing.headers["x-stamp"] == "1"  # the error went through the middleware
        assert (await c.patch("/api/v1/things/3")).headers["x-stamp"] == "1"
        outside = await c.get("/elsewhere")
        assert outside.status_code == 404 and "x-stamp" not in outside.headers


async def test_sim_error_carries_status_body_and_headers() -> None:
    def teapot(request: Request) -> Response:
        raise SimError(418, {"why": "tea"}, {"X-Why": "tea"})

    def render(err: SimError) -> Response:
        return JSONResponse(err.body, err.status, headers=err.headers)

    async with _client(simulator_app(Resource("/t", {"GET": teapot}).routes(),
                                     render=render)) as c:
        r = await c.get("/t")
        assert (r.status_code, r.json(), r.headers["x-why"]) == (418, {"why": "tea"}, "tea")


def test_allow_serves_only_the_allowed_of_the_declared_methods() -> None:
    handlers = {"GET": _echo("list"), "POST": _echo("add"), "PUT": _echo("put")}
    read_only = Resource("/statuses", handlers, item={"GET": _echo("get"),
                                                       "DELETE": _echo("delete")},
                         allow=frozenset({"GET"}))
    assert _paths(read_only.routes()) == {"/statuses": {"GET"}, "/statuses/{id:int}": {"GET"}}
    nothing = Resource("/gone", handlers, allow=frozenset())
    assert nothing.routes() == []


async def test_normalize_path_ignores_empty_segments() -> None:
    from starlette.middleware import Middleware

    from anycart.sandbox import NormalizePath

    app = simulator_app(THINGS.routes(), middleware=[Middleware(NormalizePath)])
    async with _client(app) as c:
        assert (await c.get("/things/")).json() == {"op": "list"}
        assert (await c.get("/things//7/")).json() == {"op": "get", "id": 7}
        assert (await c.get("/")).status_code == 404


def test_one_endpoint_resource_and_actions() -> None:
    ep = _echo("any")
    res = Resource.one_endpoint(ep, "/orders", ("GET",), ("GET", "PUT"), count=True,
                                extra=(*actions("close", "cancel"),
                                       *actions("default", at="/{id:int}/x", method="PUT")))
    assert _paths(res.routes(suffix=".json")) == {
        "/orders.json": {"GET"}, "/orders/count.json": {"GET"},
        "/orders/{id:int}/close.json": {"POST"}, "/orders/{id:int}/cancel.json": {"POST"},
        "/orders/{id:int}/x/default.json": {"PUT"}, "/orders/{id:int}.json": {"GET", "PUT"}}
    assert actions("set", at="") == (("/set", ("POST",)),)


async def test_other_takes_every_undeclared_method() -> None:
    """With ``other`` a route lets every method in: the declared ones to their endpoints,
    the rest (HEAD, OPTIONS, a made-up verb) to ``other``, the router answering no 405."""
    refuse = _echo("other")
    routes = [*Resource("/things", {"GET": _echo("list")}, item={"PUT": _echo("put")},
                        other=refuse).routes(),
              *Resource("/none", other=refuse).routes()]
    assert {r.path: r.methods for r in routes if isinstance(r, Route)} == {
        "/things": None, "/things/{id:int}": None, "/none": None, "/none/{id:int}": None}
    async with _client(simulator_app(routes, render=_render)) as c:
        assert (await c.get("/things")).json() == {"op": "list"}
        assert (await c.put("/things/3")).json() == {"op": "put", "id": 3}
        for method in ("HEAD", "POST", "OPTIONS", "FROB"):
            r = await c.request(method, "/things")
            assert r.status_code == 200 and (method == "HEAD" or r.json() == {"op": "other"})
        assert (await c.get("/things/3")).json() == {"op": "other", "id": 3}
        assert (await c.delete("/none/4")).json() == {"op": "other", "id": 4}
        assert (await c.get("/nothing")).status_code == 404
