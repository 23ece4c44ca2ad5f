"""sandbox.sublists: lists kept inside a record, served in a platform's own dialect (list, add,
read by id, change, delete; the parent found first, then the item, then the body; a write
kept on the stored parent and followed by ``changed``), on a small made-up platform:
notebooks holding notes (newest first) and tags (named by label in the path)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.app import api
from anycart.sandbox.errors import SimError
from anycart.sandbox.resources import route
from anycart.sandbox.sublists import At, Dialect, Op, Sublist, endpoints
from anycart.sandbox.table import Record, Table
from anycart.sandbox.tenants import TenantMiddleware


class Shop:
    def __init__(self) -> None:
        self.books = Table()
        self.books[1] = {"id": 1, "notes": [{"id": 7, "text": "old"}],
                         "meta": {"tags": [{"label": "red", "n": 1}]}, "stamp": 0}
        self.books[2] = {"id": 2, "notes": [], "meta": {}, "stamp": 0, "locked": True}
        self.changes: list[tuple[str, int]] = []
        self.next = 100


def _reply(body: Any) -> Response:
    return Response(json.dumps(body), 200, media_type="application/json")


async def _read(request: Request, key: str) -> Any:
    try:
        body = json.loads(await request.body() or b"{}")
    except ValueError:
        raise SimError(400, {"error": "unreadable"}) from None
    if key and not isinstance(body.get(key), dict):
        raise SimError(400, {"error": f"{key} required"})
    return body[key] if key else body


DIALECT = Dialect(_reply, _read, lambda asked: SimError(404, {"gone": asked}), done="ok")


def _book(request: Request, store: Shop, op: Op) -> Record:
    key = request.path_params["book"]
    if key not in store.books:
        raise SimError(404, {"no_book": key})
    if op == "delete" and store.books.peek(key).get("locked"):
        raise SimError(400, {"locked": key})
    return store.books[key]


def _note(at: At, given: dict[str, Any]) -> Record:
    if not given.get("text"):
        raise SimError(400, {"error": "text required"})
    at.store.next += 1
    return {"id": at.store.next, "text": given["text"]}


def _tag(at: At, given: dict[str, Any]) -> Record:
    if any(t["label"] == given.get("label") for t in at.rows):
        raise SimError(400, {"error": "tagged"})
    return {"label": given.get("label"), "n": len(at.rows) + 1}


def _changed(at: At) -> None:
    at.parent["stamp"] += 1
    at.store.changes.append((at.op, at.parent["id"]))


def _edit(at: At, note: Record, given: dict[str, Any]) -> None:
    note["text"] = given.get("text", note["text"])


LISTS = {
    "notes": Sublist(_book, "notes", "note", wrap="note", make=_note, first=True,
                     added=lambda at, note: note["id"], change=_edit, changed=_changed,
                     listed=lambda at, rows: {"notes": rows, "count": len(rows)}),
    "tags": Sublist(_book, "meta.tags", "label", lambda t: t["label"],
                    wanted=lambda at, raw: str(raw).lower(),
                    missing=lambda asked: SimError(404, {"no_tag": asked}), make=_tag,
                    shown=lambda at, tag: tag["label"], changed=_changed)}


@pytest.fixture
def shop() -> Shop:
    return Shop()


@pytest.fixture
async def client(shop: Shop):
    def render(err: SimError) -> Response:
        return Response(json.dumps(err.body or {"status": err.status}), err.status)

    served = endpoints(LISTS, DIALECT)
    notes, tags = served("notes"), served("tags")
    app = TenantMiddleware(api([
        route("/books/{book:int}/notes", {"GET": notes, "POST": notes}),
        route("/books/{book:int}/notes/{note:int}", {"GET": notes, "PUT": notes,
                                                      "DELETE": notes, "PATCH": notes}),
        route("/books/{book:int}/tags", {"GET": tags, "POST": tags, "DELETE": tags}),
        route("/books/{book:int}/tags/{label}", {"GET": tags, "PUT": tags, "DELETE": tags}),
    ], render=render), lambda _: shop, Response)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="https://shop.test") as c:
        yield c


async def test_list_and_add_in_the_dialect(client: httpx.AsyncClient, shop: Shop) -> None:
    assert (await client.get("/books/1/notes")).json() == {
        "notes": [{"id": 7, "text": "old"}], "count": 1}
    r = await client.post("/books/1/notes", json={"note": {"text": "new"}})
    assert r.status_code == 200 and r.json() == 101  # ``added``: the new note's id
    notes = shop.books[1]["notes"]
    assert [n["id"] for n in notes] == [101, 7]  # ``first``: newest first
    assert shop.books[1]["stamp"] == 1 and shop.changes == [("add", 1)]
    assert (await client.post("/books/1/tags", json={"label": "blue"})).json() == "ok"
    assert shop.books[1]["meta"]["tags"][-1] == {"label": "blue", "n": 2}


async def test_the_parent_first_then_the_body_then_the_hook(client: httpx.AsyncClient,
                                                            shop: Shop) -> None:
    r = await client.post("/books/9/notes", content=b"{bad")
    assert r.status_code == 404 and r.json() == {"no_book": 9}  # before the body is read
    r = await client.post("/books/1/notes", content=b"{bad")
    assert r.status_code == 400 and r.json() == {"error": "unreadable"}
    r = await client.post("/books/1/notes", json={"text": "unwrapped"})
    assert r.json() == {"error": "note required"}
    r = await client.post("/books/1/notes", json={"note": {}})
    assert r.json() == {"error": "text required"}
    r = await client.post("/books/1/tags", json={"label": "red"})
    assert r.status_code == 400 and r.json() == {"error": "tagged"}
    assert len(shop.books[1]["notes"]) == 1 and shop.changes == [] and shop.books[1]["stamp"] == 0


async def test_one_item_read_changed_deleted(client: httpx.AsyncClient, shop: Shop) -> None:
    assert (await client.get("/books/1/notes/7")).json() == {"id": 7, "text": "old"}
    r = await client.get("/books/1/notes/8")
    assert r.status_code == 404 and r.json() == {"gone": 8}  # the dialect's 404
    r = await client.put("/books/1/notes/8", content=b"{bad")
    assert r.status_code == 404  # the item before the body
    r = await client.put("/books/1/notes/7", json={"note": {"text": "edited"}})
    assert r.json() == "ok" and shop.books[1]["notes"] == [{"id": 7, "text": "edited"}]
    assert (await client.delete("/books/1/notes/7")).json() == "ok"
    assert shop.books[1]["notes"] == [] and shop.changes == [("change", 1), ("delete", 1)]
    r = await client.delete("/books/1/notes/7")
    assert r.status_code == 404 and r.json() == {"gone": 7}


async def test_items_named_by_another_value_and_a_refused_op(client: httpx.AsyncClient,
                                                             shop: Shop) -> None:
    assert (await client.get("/books/1/tags/RED")).json() == "red"  # ``wanted``, ``shown``
    r = await client.get("/books/1/tags/green")
    assert r.status_code == 404 and r.json() == {"no_tag": "green"}  # the list's own 404
    assert (await client.get("/books/2/tags")).json() == []  # no list: empty
    r = await client.post("/books/2/tags", json={"label": "x"})
    assert shop.books[2]["meta"] == {"tags": [{"label": "x", "n": 1}]}
    r = await client.delete("/books/2/tags/x")
    assert r.status_code == 400 and r.json() == {"locked": 2}  # the parent refuses the op
    r = await client.put("/books/1/tags/red", json={})
    assert r.status_code == 405  # no ``change`` declared
    r = await client.delete("/books/1/tags")
    assert r.status_code == 405  # a delete names an item
    r = await client.patch("/books/1/notes/7")
    assert r.status_code == 405
    assert shop.books[1]["meta"]["tags"] == [{"label": "red", "n": 1}]


async def test_a_delete_takes_the_first_match_only(client: httpx.AsyncClient,
                                                   shop: Shop) -> None:
    shop.books[1]["notes"] = [{"id": 7, "text": "a"}, {"id": 7, "text": "b"}]
    assert (await client.delete("/books/1/notes/7")).json() == "ok"
    assert shop.books[1]["notes"] == [{"id": 7, "text": "b"}]
