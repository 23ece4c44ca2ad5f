"""sandbox.resources.declared_routes: a route table kept as JSON, endpoints named by module."""

from __future__ import annotations

import json
import types
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from anycart.sandbox.resources import declared_routes, named


def _module() -> types.ModuleType:
    mod = types.ModuleType("orders_endpoints")

    def get_order(request: Request) -> Response:
        return JSONResponse({"id": request.path_params["id"]})

    def act(name: str):  # a factory: one endpoint per argument
        async def endpoint(request: Request) -> Response:
            return JSONResponse({"did": name})
        return endpoint

    mod.get_order, mod.act = get_order, act  # type: ignore[attr-defined]
    return mod


async def test_a_json_table_becomes_routes_in_its_order(tmp_path: Path) -> None:
    table = {"routes": [["/orders/{id:int}/cancel", {"POST": "orders.act:cancel"}],
                        ["/orders/{id:int}", {"GET": "orders.get_order"}]]}
    path = tmp_path / "routes.json"
    path.write_text(json.dumps(table))
    modules = {"orders": _module()}
    assert named(modules, "orders.get_order") is modules["orders"].get_order
    app = Starlette(routes=declared_routes(path, modules))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as http:
        assert (await http.get("/orders/7")).json() == {"id": 7}
        assert (await http.post("/orders/7/cancel")).json() == {"did": "cancel"}
        assert (await http.post("/orders/7")).status_code == 405
        assert (await http.get("/orders/7/cancel")).status_code == 405
        assert (await http.get("/nothing")).status_code == 404
