"""Each simulator paging style walked by its client paginator (anycart.platforms.kit): the
two sides of one style, written apart, agree on every record and its order."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from anycart.platforms.kit import pagination as client
from anycart.sandbox import (
    BodyCursor,
    LinkCursor,
    OffsetLimit,
    PagePerPage,
    SearchCriteria,
    SinceId,
    Table,
    route,
    seek,
    simulator_app,
)

TABLE = Table()
for i in range(1, 58):
    TABLE[i * 3] = {"id": i * 3, "name": f"n{i}"}  # ids with gaps: 3, 6, ... 171
ALL = [TABLE.peek(k) for k in TABLE.sorted_keys()]
KEYS = TABLE.sorted_keys()
MAX = 25


def _records(keys: list[Any]) -> list[dict[str, Any]]:
    return [TABLE.peek(k) for k in keys]


def offset(request: Request) -> Response:
    return JSONResponse(_records(OffsetLimit(maximum=MAX).window(request.query_params).of(KEYS)))


def page(request: Request) -> Response:
    style = PagePerPage(maximum=MAX, total_header="X-WP-Total", pages_header="X-WP-TotalPages")
    w = style.window(request.query_params)
    return JSONResponse(_records(w.of(KEYS)), headers=style.headers(len(KEYS), w))


def link(request: Request) -> Response:
    style = LinkCursor(maximum=MAX)
    req = style.parse(request.query_params, "link")
    keys, has_prev, has_next = seek(KEYS, lambda k: True, req.limit, req.direction, req.cursor)
    header = style.link("http://sim/link", "link", req, keys, has_prev, has_next)
    return JSONResponse({"items": _records(keys)}, headers={"Link": header} if header else {})


def since(request: Request) -> Response:
    limit = OffsetLimit(maximum=MAX).window(request.query_params).limit
    return JSONResponse(_records(list(SinceId().keys(KEYS, request.query_params))[:limit]))


def cursor(request: Request) -> Response:
    style = BodyCursor(param="after", limit="first", maximum=MAX)
    limit, after = style.parse(request.query_params)
    keys, _, has_next = seek(KEYS, lambda k: True, limit, "next", after)
    return JSONResponse({"data": _records(keys), "next": style.next_token(keys, has_next)})


def search(request: Request) -> Response:
    found = SearchCriteria(maximum=MAX).parse(request.query_params)
    keys = [k for k in KEYS if found.matches(TABLE.peek(k).get)]
    return JSONResponse({"items": _records(found.window(len(keys)).of(keys)),
                         "total_count": len(keys), "search_criteria": found.echo()})


APP = simulator_app([route(f"/{f.__name__}", {"GET": f})
                     for f in (offset, page, link, since, cursor, search)])

STYLES = {
    "offset": client.Offset(page_size=MAX),
    "page": client.PageNumber(page_size=MAX),
    "link": client.LinkHeader(records="items", page_size=MAX),
    "since": client.SinceId(page_size=MAX),
    "cursor": client.BodyCursor(records="data", cursor_path="next", page_size=MAX),
    "search": client.SearchCriteria(page_size=MAX),
}


async def _walk(name: str, start: int, count: int) -> tuple[list[dict[str, Any]], int]:
    pager = STYLES[name].fresh()
    out: list[dict[str, Any]] = []
    requests = 0
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=APP),
                                 base_url="http://sim") as c:
        params: dict[str, Any] | None = pager.first({}, start, count)
        while params is not None:
            r = await c.get(f"/{name}", params=params)
            assert r.status_code == 200, (name, params, r.text)
            requests += 1
            out += pager.take(r)
            params = pager.next_params() if pager.has_more else None
    return out, requests


@pytest.mark.parametrize("name", sorted(STYLES))
async def test_the_client_walks_the_whole_list(name: str) -> None:
    got, requests = await _walk(name, 0, 1000)
    assert got == ALL
    assert requests <= len(ALL) // MAX + 2


@pytest.mark.parametrize("name", sorted(STYLES))
async def test_the_client_reads_a_window(name: str) -> None:
    got, _ = await _walk(name, 7, 30)
    assert got == ALL[7:37]
