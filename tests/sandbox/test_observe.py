"""StatusCounter counts every answer; AddHeaders appends headers without overriding."""

from __future__ import annotations

from collections import Counter

import httpx
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from anycart.sandbox.observe import AddHeaders, StatusCounter


async def test_counts_statuses_and_adds_headers() -> None:
    def answer(request: Request) -> Response:
        return Response(status_code=int(request.path_params["n"]), headers={"X-Kept": "own"})

    counter: Counter[int] = Counter()
    app = Starlette(routes=[Route("/{n:int}", answer)], middleware=[
        Middleware(StatusCounter, counter=counter),
        Middleware(AddHeaders, headers=lambda scope: {"X-Path": scope["path"],
                                                      "X-Kept": "added"})])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://t") as c:
        r = await c.get("/201")
        assert r.status_code == 201 and r.headers["x-path"] == "/201"
        assert r.headers.get_list("x-kept") == ["own"]
        await c.get("/429")
        await c.get("/429")
        assert (await c.get("/nowhere")).headers["x-path"] == "/nowhere"
    assert counter == Counter({201: 1, 429: 2, 404: 1})
