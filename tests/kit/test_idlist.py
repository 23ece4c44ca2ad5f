"""kit.idlist and kit.nested on a small id-ordered platform over ``httpx.MockTransport``.

"Ordered" lists ``/items.json`` in ascending id order: ``limit``, ``since_id``, ``fields``,
an ``ids`` filter, an opaque ``page_info`` cursor in the ``Link`` header (which refuses other
filters beside it, as Shopify does) and ``/items/count.json`` (which ignores ``ids`` and
``since_id``, as Shopify's does). Each item holds a list of ``parts``: the children.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.model import Product
from anycart.platforms.base import Call
from anycart.platforms.kit import RestClient
from anycart.platforms.kit import nested as N
from anycart.platforms.kit.entities import Entity
from anycart.platforms.kit.fields import Field
from anycart.platforms.kit.idlist import IdList, IdListBackend
from anycart.platforms.kit.serve import attach
from anycart.transport.http import HttpLayer

HOST = "ordered.example"
ITEM = Entity(name="product", label="Product", path="items", id_field="id", model=Product,
              fields=(Field("id", "id"), Field("name", "title", param="name")))


class Server:
    def __init__(self, size: int = 23) -> None:
        # ids with gaps, each with 0..3 parts
        self.items = {i * 3: {"id": i * 3, "title": f"T{i}", "parts": [
            {"id": i * 100 + n} for n in range(i % 4)]} for i in range(1, size + 1)}
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        q = dict(request.url.params)
        path = request.url.path
        if path == "/items/count.json":
            return httpx.Response(200, json={"count": len(self.items)})
        if path == "/items.json" and request.method == "POST":
            body = json.loads(request.content)["item"]
            new = {**body, "id": max(self.items) + 1}
            self.items[new["id"]] = new
            return httpx.Response(201, json={"item": new})
        if path == "/items.json":
            if "page_info" in q:
                if set(q) - {"page_info", "limit", "fields"}:
                    return httpx.Response(400, json={"errors": "page_info takes no filters"})
                q = {**json.loads(q["page_info"]), "limit": q.get("limit", "50")}
            rows = sorted(self.items.values(), key=lambda r: r["id"])
            if q.get("ids"):
                wanted = {int(i) for i in q["ids"].split(",")}
                rows = [r for r in rows if r["id"] in wanted]
            rows = [r for r in rows if r["id"] > int(q.get("since_id") or 0)]
            limit = int(q.get("limit", 50))
            page, more = rows[:limit], len(rows) > limit
            fields = q.get("fields")
            out = [{k: v for k, v in r.items() if not fields or k in fields.split(",")}
                   for r in page]
            headers = {}
            if more:
                kept = {"ids": q["ids"]} if q.get("ids") else {}
                cursor = json.dumps({"since_id": page[-1]["id"], **kept})
                nxt = httpx.URL(f"https://{HOST}/items.json",
                                params={"limit": limit, "page_info": cursor})
                headers["Link"] = f'<{nxt}>; rel="next"'
            return httpx.Response(200, json={"items": out}, headers=headers)
        ident = path.removeprefix("/items/").removesuffix(".json")
        record = self.items.get(int(ident)) if ident.isdecimal() else None
        if record is None:
            return httpx.Response(404, json={"errors": "Not Found"})
        if request.method == "PUT":
            record.update(json.loads(request.content)["item"])
        return httpx.Response(200, json={"item": record})

    @property
    def ids(self) -> list[int]:
        return sorted(self.items)


@pytest.fixture
async def ordered():
    server = Server()
    http = HttpLayer()
    http.mounts[HOST] = httpx.MockTransport(server)
    rest = RestClient(http, f"https://{HOST}/", platform="Ordered")
    yield IdList(rest, page_size=5, walk_limit=20), server
    await http.aclose()


async def _count() -> int:
    return -1  # the total from the cursor, never this


async def test_pages_follow_the_link_cursor_one_request_each(ordered):
    ids, server = ordered
    seen: list[int] = []
    resume: dict[str, Any] = {}
    items, total, resume = await ids.listed("items.json", "items", {}, 0, 4, resume,
                                            lambda: _known(len(server.items)))
    assert total == 23 and "_page_info" in resume
    seen += [r["id"] for r in items]
    while "_page_info" in resume:
        before = len(server.seen)
        items, total, resume = await ids.listed("items.json", "items", {}, len(seen), 4,
                                                resume, _count)
        assert len(server.seen) - before == 1 and total == 23  # the total rides along
        seen += [r["id"] for r in items]
    assert seen == server.ids


async def _known(n: int) -> int:
    return n


async def test_a_jump_walks_ids_then_resumes_after_the_last(ordered):
    ids, server = ordered
    items, _, resume = await ids.listed("items.json", "items", {}, 12, 4, {},
                                        lambda: _known(23))
    assert [r["id"] for r in items] == server.ids[12:16]
    walked = [r for r in server.seen if r.url.params.get("fields") == "id"]
    assert walked and all(int(r.url.params["limit"]) <= 5 for r in walked)
    assert resume == {"_total": 23, "_after_id": server.ids[15]}
    nxt, _, _ = await ids.listed("items.json", "items", {}, 16, 4, resume, _count)
    assert [r["id"] for r in nxt] == server.ids[16:20]


async def test_count_listed_and_the_walk_bound(ordered):
    ids, server = ordered
    assert await ids.count_listed("items.json", "items", {"since_id": server.ids[10]}) == 12
    assert await ids.count_listed("items.json", "items", {"ids": "3,6,999"}) == 2
    tight = IdList(ids.client, page_size=5, walk_limit=4)  # 20 records, the list has 23
    with pytest.raises(ApiError) as refused:
        await tight.every("items.json", "items", {}, "item_ids")
    assert refused.value.code == 108 and "narrow it with item_ids" in refused.value.message
    assert len(await IdList(ids.client, 5, 5).every("items.json", "items", {}, "x")) == 23


async def test_backend_counts_lists_and_writes(ordered):
    ids, server = ordered
    backend = IdListBackend(ids, ITEM, "item", "items")
    assert await backend.count({}) == 23
    assert await backend.count({"ids": "3,6,999"}) == 2  # count.json ignores ids: listed
    before = len(server.seen)
    assert await backend.get("abc") is None and len(server.seen) == before  # no request
    assert (await backend.get("6"))["title"] == "T2"
    assert await backend.get("7") is None
    new = await backend.create({"title": "New"})
    await backend.update(new, {"title": "Renamed"})
    assert server.items[int(new)]["title"] == "Renamed"
    assert json.loads(server.seen[-1].content) == {"item": {"id": int(new), "title": "Renamed"}}
    with pytest.raises(ApiError) as missing:
        await backend.update("x1", {"title": "y"})
    assert missing.value.code == 112
    found, _ = await backend.page({}, 0, 1000)  # a find: every match, page by page
    assert len(found) == 24


PARTS = N.Children("part", "parts", "Part", ("item_ids", "item_id"), "item_id", "item",
                   lambda p, c: {"id": c["id"], "of": p["id"]},
                   N.Nest("items.json", "items", "parts", "id,parts", "item_ids"),
                   keep=lambda params, p: p["id"] != 9, verbs=("list", "count", "info"),
                   plural="parts")


def _truth(server: Server) -> list[int]:
    return [c["id"] for k in server.ids for c in server.items[k]["parts"]]


async def test_children_across_every_parent_page_by_page(ordered):
    ids, server = ordered
    truth = _truth(server)
    seen: list[int] = []
    page = await PARTS.list(_fetch(server), ids, Call("part.list", {}, 0, 4))
    assert page.total == len(truth)
    while True:
        seen += [c["id"] for c in page.items]
        if len(seen) >= len(truth):
            break
        assert {"_total", "_after_id", "_skip"} <= set(page.resume)
        page = await PARTS.list(_fetch(server), ids, Call("part.list", page.resume, len(seen), 4))
    assert seen == truth  # each once, in order, pages ending inside a parent
    jump = await PARTS.list(_fetch(server), ids, Call("part.list", {}, 9, 3))
    assert [c["id"] for c in jump.items] == truth[9:12]
    assert await PARTS.count(_fetch(server), ids, Call("part.count", {})) == {
        "parts_count": len(truth)}


def _fetch(server: Server):
    async def fetch(ident: Any) -> dict[str, Any]:
        return server.items[int(ident)]
    return fetch


async def test_children_of_named_parents_and_one_by_id(ordered):
    ids, server = ordered
    named = await PARTS.list(_fetch(server), ids, Call("part.list", {"item_ids": "6,9,21"}, 0, 10))
    assert [c["of"] for c in named.items] == [6, 6, 21, 21, 21]  # 9 is not kept
    one = await PARTS.info(_fetch(server), ids, Call("part.info", {"id": "702"}))
    assert one == {"id": 702, "of": 21}  # found by reading the parents
    inside = await PARTS.info(_fetch(server), ids,
                              Call("part.info", {"id": "702", "item_id": "21"}))
    assert inside == one
    with pytest.raises(ApiError) as wrong_parent:
        await PARTS.info(_fetch(server), ids, Call("part.info", {"id": "702", "item_id": "6"}))
    assert wrong_parent.value.code == 112
    only_named = N.Children("part", "parts", "Part", ("item_id",), "item_id", "item",
                            lambda p, c: c)
    with pytest.raises(ApiError) as required:
        await only_named.list(_fetch(server), ids, Call("part.list", {}))
    assert required.value.code == ReturnCode.REQUIRED_PARAM_MISSING
    assert "'item_id'" in required.value.message


def test_serve_writes_the_methods_and_says_what_they_apply():
    class Host:
        ids = None

    applied = attach(Host, PARTS)
    assert applied == {"part.list": {"item_ids", "item_id"}, "part.count": {"item_ids", "item_id"},
                       "part.info": {"id", "item_id"}}
    assert all(callable(getattr(Host, f"part_{v}")) for v in ("list", "count", "info"))
