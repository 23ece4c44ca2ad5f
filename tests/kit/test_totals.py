"""TotalBackend against a small WordPress-style list (``page``/``per_page``, ``X-WP-Total``):
a page answers the query's total, a count is one request of one record, the declared defaults
go with every list query (an explicit order), deletes carry ``delete_query``; and a Sort whose
direction travels apart (``orderby``/``order``)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from anycart.platforms.kit import RestClient
from anycart.platforms.kit.entities import Entity, Sort
from anycart.platforms.kit.pagination import PageNumber
from anycart.platforms.kit.totals import TotalBackend
from anycart.transport.http import HttpLayer

HOST = "wp.example"
ROWS = [{"id": i, "name": f"P{i}"} for i in range(1, 251)]


def site(log: list[str]) -> Starlette:
    async def items(request: Request) -> Response:
        q = request.query_params
        log.append(str(request.url.query))
        rows = sorted(ROWS, key=lambda r: r["id"], reverse=q.get("order") != "asc")
        if q.get("name"):
            rows = [r for r in rows if q["name"] in r["name"]]
        size, page = int(q["per_page"]), int(q["page"])
        if size > 100:
            return JSONResponse({"code": "rest_invalid_param"}, 400)
        return JSONResponse(rows[(page - 1) * size:page * size], headers={
            "X-WP-Total": str(len(rows)), "X-WP-TotalPages": str(-(-len(rows) // size))})

    async def delete(request: Request) -> Response:
        log.append(f"DELETE {request.path_params['id']}?{request.url.query}")
        return JSONResponse({"id": int(request.path_params["id"])})

    return Starlette(routes=[Route("/items", items), Route("/items/{id}", delete, methods=["DELETE"])])


def backend(log: list[str]) -> TotalBackend:
    layer = HttpLayer()
    layer.mount(HOST, site(log))
    rest = RestClient(layer, f"https://{HOST}/", platform="WP")
    entity = Entity(name="product", label="Product", path="items", id_field="id")
    return TotalBackend(rest, entity, PageNumber(page_size=100),
                        defaults={"orderby": "id", "order": "asc"}, delete_query={"force": True})


async def test_page_answers_the_total_and_walks_past_one_page():
    log: list[str] = []
    records, total = await backend(log).page({}, 90, 120)
    assert total == 250 and [r["id"] for r in records] == list(range(91, 211))
    assert all("orderby=id" in q and "order=asc" in q for q in log)  # the defaults, every page
    assert all("per_page=100" in q for q in log)


async def test_read_walks_with_the_defaults_too():
    log: list[str] = []
    records = await backend(log).read({"name": "P2"})
    assert [r["id"] for r in records][:2] == [2, 20] and len(records) == 62  # P2, P20-29, P200-250
    assert log and all("orderby=id" in q and "order=asc" in q for q in log)


async def test_count_is_one_request_of_one_record():
    log: list[str] = []
    assert await backend(log).count({"name": "P1"}) == 111  # P1, P10-P19, P100-P199
    assert len(log) == 1 and "per_page=1&" in log[0] + "&"


async def test_delete_carries_the_declared_query():
    log: list[str] = []
    await backend(log).delete("7")
    assert log == ["DELETE 7?force=true"]


def test_sort_with_the_direction_apart():
    sort = Sort({"id": "id", "name": "title"}, "orderby", direction_param="order")
    query: dict = {}
    sort.apply({"sort_by": "name", "sort_direction": "desc"}, query)
    assert query == {"orderby": "title", "order": "desc"}
    joined: dict = {}
    Sort({"name": "title"}, "order").apply({"sort_by": "name"}, joined)
    assert joined == {"order": "title asc"}  # the one-parameter form is unchanged
