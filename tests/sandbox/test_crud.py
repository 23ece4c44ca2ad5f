"""The kit's CRUD pattern, on a throwaway resource: Link paging, filters, count, writes,
webhook topics, nested lists; and the value rules and id ranges it is used with."""

from __future__ import annotations

from datetime import UTC
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox import values
from anycart.sandbox.app import api
from anycart.sandbox.crud import (
    Call,
    Crud,
    Query,
    RailsErrors,
    common,
    endpoint,
    equals,
    nested,
    reply,
    required_int,
)
from anycart.sandbox.errors import Invalid, SimError
from anycart.sandbox.ids import IdRanges
from anycart.sandbox.resources import Resource, routes
from anycart.sandbox.table import Table
from anycart.sandbox.tenants import Registry, host_key


class Tenant:
    def __init__(self) -> None:
        self.items = Table()
        for n in range(1, 13):
            self.items[n] = {"id": n, "name": "odd" if n % 2 else "even",
                             "made": f"2025-01-{n:02d}T00:00:00+00:00", "parts": [
                                 {"id": 10 * n + j} for j in range(3)]}
        self.fired: list[tuple[str, Any]] = []

    def table(self, path: str) -> Table:
        return self.items

    def fire(self, topic: str, payload: dict[str, Any]) -> None:
        self.fired.append((topic, payload))


def _parse(text: str) -> float:
    return values.parse_ts(text, UTC)


def _query(call: Call, params: dict[str, str]) -> Query:
    q = common(params, ("made",), _parse)
    if params.get("name"):
        q.preds.append(equals("name", params["name"]))
    return q


def _create(call: Call, body: dict[str, Any]) -> dict[str, Any]:
    errors: values.Errors = {}
    record = {"id": 100 + len(call.tenant.items), "name": "", "parts": []}
    values.assign(record, body, {"name": values.stripped}, errors)
    if not record["name"]:
        values.add(errors, "name", "can't be blank")
    values.check(errors)
    return record


def _update(call: Call, record: dict[str, Any], body: dict[str, Any]) -> None:
    record.update(body)


ITEMS = Crud("items", "item", _query, _create, _update, None, ("items/create", "items/update",
                                                              "items/delete"))


def _render(err: SimError) -> Response:
    if isinstance(err, Invalid):
        return reply({"errors": {err.param: err.message}}, err.status)
    return reply(err.body or {"errors": str(err.status)}, err.status)


@pytest.fixture
def tenant() -> Tenant:
    return Tenant()


@pytest.fixture
async def client(tenant: Tenant):
    def context(request: Request, body: bytes) -> Call:
        path = request.url.path.removeprefix("/api/").removesuffix(".json")
        return Call(tenant, request.method, path, "https://shop.test/api",
                    dict(request.query_params), dict(request.path_params), body,
                    request.headers.get("content-type", ""))

    parts = endpoint(lambda call: nested(call, tenant.items.peek(call.args["id"])["parts"],
                                         "parts", "part"), context)
    app = api(routes(ITEMS.resource(context, children=(
        Resource("/parts", {"GET": parts}, item={"GET": parts}, id="{sub:int}", count=parts),)),
        prefix="/api", suffix=".json"), render=_render)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="https://shop.test") as c:
        yield c


def _next(r: httpx.Response, rel: str = "next") -> str | None:
    for part in (r.headers.get("link") or "").split(", "):
        if part.endswith(f'rel="{rel}"'):
            url = urlsplit(part.split(";")[0].strip("<>"))
            return f"{url.path}?{url.query}"
    return None


async def test_link_paging_keeps_filters_and_refuses_new_ones(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/items.json", params={"name": "ODD", "limit": 2, "fields": "id"})
    assert r.json() == {"items": [{"id": 1}, {"id": 3}]}
    assert _next(r, "previous") is None
    seen, url = [1, 3], _next(r)
    assert url is not None and url.startswith("/api/items.json?limit=2&fields=id&page_info=")
    while url:
        r = await client.get(url)
        seen += [i["id"] for i in r.json()["items"]]
        url = _next(r)
    assert seen == [1, 3, 5, 7, 9, 11]
    back = await client.get(_next(r, "previous") or "")
    assert [i["id"] for i in back.json()["items"]] == [5, 7]
    token = (_next(back) or "").split("page_info=")[1]
    refused = await client.get("/api/items.json", params={"page_info": token, "name": "x"})
    assert refused.status_code == 400 and "name" in refused.json()["errors"]
    assert (await client.get("/api/items.json", params={"limit": 251})).status_code == 400


async def test_filters_and_count(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/items.json", params={"ids": "4,2,99", "since_id": 2})
    assert [i["id"] for i in r.json()["items"]] == [4]
    r = await client.get("/api/items.json", params={"made_min": "2025-01-03",
                                                    "made_max": "2025-01-05T00:00:00Z"})
    assert [i["id"] for i in r.json()["items"]] == [3, 4, 5]  # both ends inclusive
    bad = await client.get("/api/items.json", params={"made_min": "soon"})
    assert bad.status_code == 400 and "made_min" in bad.json()["errors"]
    count = await client.get("/api/items/count.json", params={"name": "even", "limit": 1,
                                                              "since_id": 8})
    assert count.json() == {"count": 6}  # paging parameters are not counted


async def test_writes_fire_topics(client: httpx.AsyncClient, tenant: Tenant) -> None:
    made = await client.post("/api/items.json", json={"item": {"name": " new "}})
    assert made.status_code == 201 and made.json()["item"]["name"] == "new"
    rid = made.json()["item"]["id"]
    blank = await client.post("/api/items.json", json={"item": {"name": ""}})
    assert blank.status_code == 422 and blank.json() == {"errors": {"name": ["can't be blank"]}}
    unwrapped = await client.post("/api/items.json", json={"name": "x"})
    assert unwrapped.status_code == 400
    assert unwrapped.json() == {"errors": {"item": "Required parameter missing or invalid"}}
    assert (await client.put(f"/api/items/{rid}.json", json={"item": {"name": "b"}})).json()[
        "item"]["name"] == "b"
    assert (await client.get(f"/api/items/{rid}.json", params={"fields": "name"})).json() == \
        {"item": {"name": "b"}}
    assert (await client.delete(f"/api/items/{rid}.json")).json() == {}
    assert (await client.get(f"/api/items/{rid}.json")).status_code == 404
    assert [t for t, _ in tenant.fired] == ["items/create", "items/update", "items/delete"]
    assert tenant.fired[-1][1] == {"id": rid}


async def test_nested_lists(client: httpx.AsyncClient) -> None:
    assert (await client.get("/api/items/2/parts/count.json")).json() == {"count": 3}
    r = await client.get("/api/items/2/parts.json", params={"since_id": 20, "limit": 1})
    assert r.json() == {"parts": [{"id": 21}]}
    assert (await client.get("/api/items/2/parts/22.json")).json() == {"part": {"id": 22}}
    assert (await client.get("/api/items/2/parts/99.json")).status_code == 404


def test_value_rules_collect_errors() -> None:
    errors: values.Errors = {}
    record = {"price": "1.00", "kind": "a", "on": True}
    values.assign(record, {"price": "abc", "kind": "z", "on": "0", "other": 1}, {
        "price": values.price(), "kind": values.one_of("a", "b"), "on": values.flag}, errors)
    assert record == {"price": "1.00", "kind": "a", "on": False}
    assert errors == {"price": ["is not a number"], "kind": ["is not included in the list"]}
    assert values.money(12.5) == "12.50" and values.from_cents(-5) == "-0.05"
    assert values.tags("b, a,A") == "a, b" and values.slug("Trail Mug!") == "trail-mug"
    with pytest.raises(SimError) as raised:
        values.check(errors)
    assert raised.value.status == 422 and raised.value.body == {"errors": errors}
    zone = values.fixed_zone(-5)
    assert values.fmt_ts(values.parse_ts("2025-01-01T10:00:00", zone), zone) == \
        "2025-01-01T10:00:00-05:00"


def test_helpers_for_fields() -> None:
    assert values.e164("(503) 555-0101") == "+15035550101"
    assert values.e164("+44 20 7946 0958") == "+442079460958"
    assert values.e164("call me") is None and values.e164("12345") is None
    assert values.url_errors("") == ["can't be blank"]
    assert values.url_errors("ftp://x") == values.url_errors("http://[x") == ["is invalid"]
    assert values.url_errors("http://x.example", allow_http=False) == \
        ["protocol http:// is not supported"]
    assert values.url_errors("https://x.example") == []
    table = Table()
    table[1] = {"id": 1, "handle": "mug"}
    table[2] = {"id": 2, "handle": "mug-1"}
    errors: values.Errors = {}
    assert values.unique_slug(table.index("handle"), None, "Mug!", None, errors) == "mug-2"
    assert values.unique_slug(table.index("handle"), "MUG", "", 1, errors) == "mug"
    assert errors == {}
    values.unique_slug(table.index("handle"), "mug", "", 2, errors)
    assert errors == {"handle": ["has already been taken"]}
    zone = values.fixed_zone(-5)
    at = values.parse_ts("2025-01-01T10:00:00-05:00", zone)
    assert values.stamp_after(at, None, zone) == "2025-01-01T10:00:00-05:00"
    assert values.stamp_after(at, "2025-01-01T10:00:00-05:00", zone) == \
        "2025-01-01T10:00:01-05:00"


def test_id_ranges() -> None:
    ids = IdRanges({"p": (1000, 1), "v": (5000, 8)}, parents={"v": "p"})
    assert ids.seeded("v", 3, 2) == 5026 and ids.parent("v", 5026) == 3
    ids.reserve("p", 10)
    assert ids.next("p") == 1011 and ids.next("p") == 1012 and ids.next("v") == 5008
    assert ids.owner("v", 5026) is None  # nothing seeded yet
    ids.seeded_count["p"] = 10
    assert ids.owner("v", 5026) == 1003 and ids.owner("v", 5000 + 11 * 8) is None
    ids.own("v", 9999, 1011)
    assert ids.owner("v", 9999) == 1011


def test_rails_errors_render_bodies_reasons_and_failures() -> None:
    errors = RailsErrors({404: "Not Found", 429: "Slow down"})
    bad = errors.render(Invalid("Invalid value.", "limit"))
    assert (bad.status_code, bad.body) == (400, b'{"errors":{"limit":"Invalid value."}}')
    assert errors.render(Invalid("Bad body")).body == b'{"errors":"Bad body"}'
    missing = errors.render(SimError(404, headers={"X-A": "1"}))
    assert (missing.body, missing.headers["x-a"]) == (b'{"errors":"Not Found"}', "1")
    assert errors.render(SimError(422, {"errors": {"title": ["x"]}})).body == \
        b'{"errors":{"title":["x"]}}'
    assert errors.failure(503).body == b'{"errors":"Error"}'
    assert errors.failure(429).status_code == 429


def test_registry_find_names_the_missing_tenant() -> None:
    shops: Registry[str] = Registry(host_key)
    shops.put("A.example.com", "a")
    assert shops.find("https://a.example.com/") == "a"
    with pytest.raises(KeyError, match=r"b\.example\.com"):
        shops.find("b.example.com")


def test_keep_stores_a_record_made_on_the_side_and_fires_its_create_topic() -> None:
    fired: list[tuple[str, Any]] = []

    class Tenant:
        def __init__(self) -> None:
            self.things = Table()

        def table(self, path: str) -> Table:
            return self.things

        def fire(self, topic: str, payload: dict[str, Any]) -> None:
            fired.append((topic, payload["id"]))

    tenant = Tenant()
    crud = Crud("things", "thing", lambda call, params: Query(), topics=("c", "u", "d"))
    call = Call(tenant, "POST", "things", "https://x", {})
    assert crud.keep(call, {"id": 4, "n": 1}) == {"id": 4, "n": 1}
    assert tenant.things[4] == {"id": 4, "n": 1} and fired == [("c", 4)]


def test_within_lists_below_a_parent_by_its_id() -> None:
    tenant = Tenant()
    seen: list[dict[str, str]] = []

    def query(call: Call, params: dict[str, str]) -> Query:
        seen.append(dict(params))
        return Query()

    handler = Crud("items", "item", query).within("items", "owner_id")
    first = handler(Call(tenant, "GET", "items/3/children", "https://x", {}, {"id": 3}))
    assert first.status_code == 200 and seen[-1] == {"owner_id": "3"}
    with pytest.raises(SimError) as err:
        handler(Call(tenant, "GET", "items/99/children", "https://x", {}, {"id": 99}))
    assert err.value.status == 404


def test_required_int_names_what_is_missing() -> None:
    assert required_int({"n": "7"}, "n") == 7 and required_int({"n": 8}, "n") == 8
    for bad in ({}, {"n": True}, {"n": "x"}, {"n": 1.5}, None):
        with pytest.raises(Invalid) as err:
            required_int(bad, "n")
        assert (err.value.param, err.value.message) == ("n", "Required parameter missing or invalid")
