"""kit.backend.RestBackend's repository options against a small Magento-like site: one
record named by a key of its own (found in the list by id first), creates posted elsewhere
with defaults and a key beside the wrapped record, a record saved whole (the site refuses a
PUT without its name), EAV entries read and written as one object, a scope picked by a key
of the query or body (and never sent)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from anycart.errors import ApiError
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import Entries
from anycart.platforms.kit.pagination import PageNumber
from anycart.platforms.kit.totals import TotalBackend
from anycart.transport.http import HttpLayer

HOST = "repo.example"
THING = Entity(name="product", label="Thing", path="things", id_field="id")


def site(seen: list[tuple[str, str, Any]]) -> Starlette:
    rows: dict[str, list[dict[str, Any]]] = {"a": [], "b": []}
    for scope in rows:
        rows[scope] += [{"id": i, "code": f"T-{i}", "name": f"{scope}{i}",
                         "attrs": [{"code": "colour", "value": "red"}]} for i in (1, 2)]

    async def listed(request: Request) -> Response:
        scope, q = request.path_params["scope"], request.query_params
        seen.append(("GET", request.url.path, dict(q)))
        found = [r for r in rows[scope] if "id" not in q or str(r["id"]) == q["id"]]
        size, page = int(q["per_page"]), int(q["page"])
        return JSONResponse(found[(page - 1) * size:page * size], headers={"X-WP-Total": str(len(found))})

    async def created(request: Request) -> Response:
        body = json.loads(await request.body())
        seen.append(("POST", request.url.path, body))
        record = {**body["thing"], "id": 10}
        rows[request.path_params["scope"]].append(record)
        return JSONResponse(record)

    async def one(request: Request) -> Response:
        scope, code = request.path_params["scope"], request.path_params["code"]
        record = next((r for r in rows[scope] if r["code"] == code), None)
        body = json.loads(await request.body()) if request.method == "PUT" else None
        seen.append((request.method, request.url.path, body))
        if record is None:
            return JSONResponse({"message": "no such thing"}, 404)
        if request.method == "DELETE":
            rows[scope].remove(record)
            return JSONResponse(True)
        if "name" not in (body or {}).get("thing", {}):
            return JSONResponse({"message": "name is required"}, 400)
        record.update((body or {})["thing"])
        return JSONResponse(record)

    return Starlette(routes=[Route("/{scope}/things", listed), Route("/{scope}/thing", created, methods=["POST"]),
                             Route("/{scope}/thing/{code}", one, methods=["PUT", "DELETE"])])


@pytest.fixture
def repo() -> tuple[RestBackend, list[tuple[str, str, Any]]]:
    seen: list[tuple[str, str, Any]] = []
    layer = HttpLayer()
    layer.mount(HOST, site(seen))

    def client(scope: str) -> RestClient:
        return RestClient(layer, f"https://{HOST}/{scope}/", platform="Repo")

    async def scopes(named: Any) -> RestClient:
        return client(str(named))

    backend = TotalBackend(client("a"), THING, PageNumber(page_size=50), numeric_ids=True,
                           one_path="thing/{key}", key_field="code", get_by="id", create_path="thing",
                           create_defaults={"kind": "simple", "attrs": {"size": "M"}}, wrap="thing",
                           reply="", whole=True, outside=("secret",), shape=Entries("attrs", "code"),
                           scope_key="_scope", scopes=scopes)
    return backend, seen


async def test_one_record_is_found_in_the_list_by_id_its_entries_one_object(repo):
    things, seen = repo
    thing = await things.get("2")
    assert thing is not None and thing["code"] == "T-2" and thing["attrs"] == {"colour": "red"}
    assert seen == [("GET", "/a/things", {"id": "2", "page": "1", "per_page": "1"})]
    assert await things.get("7") is None and await things.get("x") is None
    assert len(seen) == 2  # "x" is no id: never asked


async def test_a_create_in_a_scope_takes_the_defaults_and_sends_a_key_beside_the_record(repo):
    things, seen = repo
    ident = await things.create({"name": "new", "code": "T-10", "secret": "s3", "attrs": {"colour": "blue"},
                                 "_scope": "b"})
    assert ident == "10"
    assert seen[-1] == ("POST", "/b/thing", {"thing": {
        "kind": "simple", "name": "new", "code": "T-10",
        "attrs": [{"code": "size", "value": "M"}, {"code": "colour", "value": "blue"}]}, "secret": "s3"})
    items, total = await things.page({"_scope": "b"}, 0, 10)
    assert total == 3 and [t["name"] for t in items] == ["b1", "b2", "new"]
    assert seen[-1][:2] == ("GET", "/b/things") and "_scope" not in seen[-1][2]


async def test_an_update_writes_the_whole_record_at_its_key(repo):
    things, seen = repo
    await things.update("1", {"attrs": {"colour": "green"}})
    method, path, body = seen[-1]
    assert (method, path) == ("PUT", "/a/thing/T-1")
    assert body == {"thing": {"id": 1, "code": "T-1", "name": "a1", "attrs": [{"code": "colour", "value": "green"}]}}
    assert (await things.get("1") or {})["attrs"] == {"colour": "green"}


async def test_a_delete_is_at_the_key_and_an_unknown_id_is_112(repo):
    things, seen = repo
    await things.delete("2")
    assert seen[-1][:2] == ("DELETE", "/a/thing/T-2") and await things.get("2") is None
    for ident in ("9", "zz"):
        with pytest.raises(ApiError) as err:
            await things.update(ident, {"name": "n"})
        assert err.value.code == 112 and err.value.message == f"Thing with id {ident} not found"
