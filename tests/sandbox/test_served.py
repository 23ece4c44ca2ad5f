"""sandbox.served: the engine for declared collections (save steps in order, a draft kept
only when valid, parents and records found with the platform's 404, a delete taking the
record's parts, routes per resource), on a small made-up platform: shelves and their books,
each book's pages its parts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.app import api
from anycart.sandbox.crud import reply
from anycart.sandbox.errors import SimError
from anycart.sandbox.served import Below, Hit, Served
from anycart.sandbox.table import Record, Table, Tables
from anycart.sandbox.tenants import TenantMiddleware


@dataclass
class Data(Tables):
    shelves: Table = field(default_factory=Table)
    books: Table = field(default_factory=Table)
    pages: Table = field(default_factory=Table)


@dataclass
class Shop:
    data: Data = field(default_factory=Data)
    clock: int = 0
    fired: list[tuple[str, str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Res:
    name: str
    table: str
    parent: str | None = None
    unique: str | None = None


SHELVES, BOOKS = Res("shelf", "shelves"), Res("book", "books", "shelves", "isbn")
STEPS: list[str] = []


class Library(Served[Shop, Res]):
    def below(self, res: Res) -> Below | None:
        return Below(res.parent, "shelf_id", "shelf") if res.parent else None

    def missing(self, res: Res, parent: bool) -> SimError:
        return SimError(404, {"missing": "shelf" if parent else res.name})

    def hidden(self, record: Record) -> bool:
        return record.get("closed", False)

    def parts(self, res: Res) -> list[tuple[str, str]]:
        return [("pages", "book_id")] if res is BOOKS else []

    def check(self, store: Shop, res: Res, body: dict[str, Any], created: bool) -> None:
        STEPS.append("check")
        if created and not body.get("title"):
            raise SimError(422, {"title": "required"})

    def blank(self, store: Shop, res: Res) -> Record:
        STEPS.append("blank")
        table = self.table(store, res)
        return {"id": table.next_id, "title": "", "isbn": None, "shelf_id": None,
                "created": None, "modified": None}

    def write(self, store: Shop, res: Res, draft: Record, body: dict[str, Any]) -> None:
        STEPS.append("write")
        draft.update({k: v for k, v in body.items() if k in draft and k != "id"})

    def stamp(self, store: Shop, res: Res, draft: Record, body: dict[str, Any],
              created: bool, when: Any) -> None:
        STEPS.append("stamp")
        store.clock += 1
        draft["modified"] = when or store.clock
        if created:
            draft["created"] = draft["modified"]

    def rules(self, store: Shop, res: Res, draft: Record, body: dict[str, Any],
              created: bool) -> None:
        STEPS.append("rules")
        draft["title"] = draft["title"].strip()

    def unique(self, store: Shop, res: Res, draft: Record) -> None:
        STEPS.append("unique")
        if res.unique and draft[res.unique] is not None:
            other = self.table(store, res).index(res.unique).get(draft[res.unique])
            if other is not None and other != draft["id"]:
                raise SimError(409, {res.unique: "taken"})

    def announce(self, store: Shop, res: Res, record: Record, event: str) -> None:
        store.fired.append((res.name, event, record["id"]))

    def detach(self, store: Shop, res: Res, record: Record, parent: Any) -> None:
        if parent is not None:
            store.data.shelves[parent]["count"] -= 1

    async def read(self, request: Request) -> Any:
        raw = await request.body()
        return json.loads(raw) if raw else None


LIBRARY = Library()


@pytest.fixture
def shop() -> Shop:
    shop = Shop()
    shop.data.shelves[1] = {"id": 1, "title": "Novels", "count": 1}
    shop.data.shelves[2] = {"id": 2, "title": "Old", "count": 0, "closed": True}
    shop.data.shelves[3] = {"id": 3, "title": "Poems", "count": 0}
    shop.data.books[10] = {"id": 10, "title": "Emma", "isbn": "111", "shelf_id": 1,
                           "created": 0, "modified": 0}
    shop.data.pages[100] = {"id": 100, "book_id": 10}
    shop.data.pages[101] = {"id": 101, "book_id": 11}
    return shop


def test_save_runs_the_steps_in_order_and_announces(shop: Shop) -> None:
    STEPS.clear()
    book = LIBRARY.save(shop, BOOKS, {"title": " Persuasion ", "id": 99}, None, parent=3)
    assert STEPS == ["check", "blank", "write", "stamp", "rules", "unique"]
    assert book["id"] == 11 and book["title"] == "Persuasion" and book["shelf_id"] == 3
    assert book["created"] == book["modified"] == 1
    assert shop.data.books[11] is book
    changed = LIBRARY.save(shop, BOOKS, {"isbn": "222"}, shop.data.books[10], when=50)
    assert changed["created"] == 0 and changed["modified"] == 50 and changed["shelf_id"] == 1
    assert shop.fired == [("book", "created", 11), ("book", "updated", 10)]


def test_a_refused_save_keeps_nothing(shop: Shop) -> None:
    with pytest.raises(SimError) as missing:
        LIBRARY.save(shop, BOOKS, {"isbn": "333"}, None, parent=1)
    assert missing.value.status == 422 and list(shop.data.books) == [10]
    LIBRARY.save(shop, BOOKS, {"title": "Sanditon", "isbn": "444"}, None, parent=1)
    stored = shop.data.books[10]
    with pytest.raises(SimError) as taken:  # a later step refuses: the stored record is as it was
        LIBRARY.save(shop, BOOKS, {"title": "Changed", "isbn": "444"}, stored)
    assert taken.value.status == 409 and taken.value.body == {"isbn": "taken"}
    assert shop.data.books.peek(10)["title"] == "Emma" and shop.data.books.peek(10)["isbn"] == "111"
    assert [e for _, e, _ in shop.fired] == ["created"]


def test_parent_and_find_answer_the_platforms_404(shop: Shop) -> None:
    assert LIBRARY.parent(shop, SHELVES, {}) is None
    assert LIBRARY.parent(shop, BOOKS, {"shelf": 1}) == 1
    for pid in (2, 9):  # a closed shelf counts as missing, as a trashed post
        with pytest.raises(SimError) as err:
            LIBRARY.parent(shop, BOOKS, {"shelf": pid})
        assert err.value.body == {"missing": "shelf"}
    assert LIBRARY.find(shop, BOOKS, 10, 1)["title"] == "Emma"
    for key, parent in ((10, 3), (12, 1)):  # another shelf's book is missing on this one
        with pytest.raises(SimError) as err:
            LIBRARY.find(shop, BOOKS, key, parent)
        assert err.value.status == 404 and err.value.body == {"missing": "book"}


def test_delete_takes_the_parts_and_detaches(shop: Shop) -> None:
    LIBRARY.delete(shop, BOOKS, shop.data.books.peek(10), 1)
    assert 10 not in shop.data.books and list(shop.data.pages) == [101]
    assert shop.data.shelves.peek(1)["count"] == 0
    assert shop.fired == [("book", "deleted", 10)]


async def _listing(hit: Hit[Shop, Res]) -> Response:
    rows = [r for r in map(hit.store.data.books.peek, hit.store.data.books)
            if r["shelf_id"] == hit.parent]
    return reply([r["title"] for r in rows])


async def _create(hit: Hit[Shop, Res]) -> Response:
    return reply(hit.served.save(hit.store, hit.res, await hit.body(), None, hit.parent), 201)


async def _one(hit: Hit[Shop, Res]) -> Response:
    return reply(hit.found)


@pytest.fixture
async def client(shop: Shop):
    def render(err: SimError) -> Response:
        return reply(err.body or {"status": err.status}, err.status)

    routes = LIBRARY.routes(BOOKS, "/shelves/{shelf:int}/books",
                            {"GET": _listing, "POST": _create}, {"GET": _one})
    app = TenantMiddleware(api(routes, render=render), lambda _: shop, Response)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="https://shop.test") as c:
        yield c


async def test_routes_find_parent_and_record_first(client: httpx.AsyncClient,
                                                   shop: Shop) -> None:
    assert (await client.get("/shelves/1/books")).json() == ["Emma"]
    assert (await client.get("/shelves/1/books/10")).json()["isbn"] == "111"
    r = await client.get("/shelves/3/books/10")
    assert r.status_code == 404 and r.json() == {"missing": "book"}
    r = await client.get("/shelves/2/books")
    assert r.status_code == 404 and r.json() == {"missing": "shelf"}
    r = await client.post("/shelves/3/books", json={"title": "Lyrics"})
    assert r.status_code == 201 and r.json()["shelf_id"] == 3
    assert (await client.get("/shelves/3/books")).json() == ["Lyrics"]
    assert (await client.delete("/shelves/1/books/10")).status_code == 405
