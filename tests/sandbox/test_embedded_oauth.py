"""Embedded rows, the OAuth code flow, the tenant registry."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlparse

import httpx
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from anycart.sandbox import Embedded, Registry, route, simulator_app
from anycart.sandbox.oauth import CodeFlow, Grant

OPTION = {"OptionID": "int", "OptionName": "str"}
SET = {"SetID": "int", "SetName": "str", "Added": "date", "Options": [OPTION]}
SETS = Embedded("Sets", "SetID", SET, assigned=True, nested=(("Options", "OptionID"),))
CODES = Embedded("Codes", "Code", {"Code": "str", "Stock": "int"})


class Ids:
    def __init__(self) -> None:
        self.n: dict[str, int] = {}

    def __call__(self, key: str) -> int:
        self.n[key] = self.n.get(key, 0) + 1
        return self.n[key]


def test_add_numbers_rows_blank_fills_and_dates_them() -> None:
    parent: dict[str, Any] = {}
    ids = Ids()
    row = SETS.add(parent, {"SetID": 99, "SetName": "Size", "Options": [{"OptionName": "S"}]},
                   ids, "2025-01-01T00:00:00")
    assert row == {"SetID": 1, "SetName": "Size", "Added": "2025-01-01T00:00:00",
                   "Options": [{"OptionID": 1, "OptionName": "S"}]}  # assigned: 99 ignored
    SETS.add(parent, {}, ids, "now")
    assert [r["SetID"] for r in SETS.rows(parent)] == [1, 2]
    kept = CODES.add(parent, {"Code": "A-1"}, ids, "now")
    assert kept["Code"] == "A-1"  # not assigned: the client's key stays
    assert CODES.add(parent, {}, ids, "now")["Code"] == "1"  # a str key numbered as text
    assert CODES.find(parent, "A-1") == [kept] and CODES.find(parent, "zz") == []


def test_update_merges_named_rows_and_their_nested_lists() -> None:
    ids = Ids()
    parent: dict[str, Any] = {}
    SETS.add(parent, {"SetName": "Size", "Options": [{"OptionName": "S"}, {"OptionName": "M"}]},
             ids, "now")
    SETS.update(parent, {"1": {"SetID": 7, "SetName": "Sizes", "Options": [
        {"OptionID": 2, "OptionName": "Medium"}, {"OptionName": "L"}]}}, ids)
    row = SETS.rows(parent)[0]
    assert row["SetID"] == 1 and row["SetName"] == "Sizes"  # the key is not rewritten
    assert [(o["OptionID"], o["OptionName"]) for o in row["Options"]] == [
        (1, "S"), (2, "Medium"), (3, "L")]  # merged by key, the new one numbered, none removed
    SETS.update(parent, {"42": {"SetName": "nobody"}}, ids)
    assert row["SetName"] == "Sizes"


def test_number_gives_keys_to_rows_written_without_them() -> None:
    ids = Ids()
    parent = {"Sets": [{"SetID": 5, "Options": [{"OptionID": 0}]}, {"SetName": "x"}]}
    SETS.number(parent, ids)
    assert [r["SetID"] for r in parent["Sets"]] == [5, 1]
    assert parent["Sets"][0]["Options"][0]["OptionID"] == 1


class Flow(CodeFlow):
    def tenant(self, query: QueryParams) -> Any:
        return query.get("shop") or Response("which shop?", status_code=400)

    async def issue(self, grant: Grant) -> str | None:
        return None if grant.tenant == "closed" else f"token-for-{grant.tenant}"


async def test_code_flow_issues_a_token_once_per_code() -> None:
    flow = Flow()
    flow.add("app", "secret")
    app = simulator_app([route("/authorize", {"GET": flow.authorize}),
                         route("/token", {"POST": flow.token})])
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://sim") as c:
        q = {"client_id": "app", "redirect_uri": "https://app/cb?x=1", "response_type": "code",
             "state": "s", "shop": "one"}
        r = await c.get("/authorize", params=q)
        assert r.status_code == 302 and r.headers["location"].startswith("https://app/cb?x=1&")
        back = parse_qs(urlparse(r.headers["location"]).query)
        assert back["state"] == ["s"]
        code = back["code"][0]
        form = {"grant_type": "authorization_code", "code": code, "client_id": "app",
                "client_secret": "wrong"}
        assert (await c.post("/token", data=form)).status_code == 400
        form["client_secret"] = "secret"
        assert (await c.post("/token", json=form)).status_code == 415
        r = await c.post("/token", data=form)
        assert r.json() == {"access_token": "token-for-one", "token_type": "bearer"}
        assert (await c.post("/token", data=form)).json() == {"error": "invalid_grant"}
        assert (await c.get("/authorize", params={**q, "shop": ""})).text == "which shop?"
        assert (await c.get("/authorize", params={**q, "client_id": "x"})).status_code == 400
        assert (await c.get("/authorize", params={**q, "response_type": "token"})
                ).status_code == 400
        r = await c.get("/authorize", params={**q, "shop": "closed"})
        code = parse_qs(urlparse(r.headers["location"]).query)["code"][0]
        r = await c.post("/token", data={**form, "code": code})
        assert r.status_code == 400 and r.json() == {"error": "Server not Responding"}


async def test_callbacks_are_posted_and_logged() -> None:
    got: list[Any] = []

    async def hook(request: Request) -> Response:
        got.append(await request.json())
        return JSONResponse({}, 200 if len(got) == 1 else 500)

    receiver = simulator_app([route("/hook", {"POST": hook})])
    flow = Flow(callback_client=httpx.AsyncClient(transport=httpx.ASGITransport(app=receiver)))
    assert (await flow.post("http://r/hook", {"a": 1})).ok
    second = await flow.post("http://r/hook", {"a": 2})
    assert not second.ok and second.status == 500
    assert got == [{"a": 1}, {"a": 2}] and [o.status for o in flow.callbacks] == [200, 500]


def test_registry_finds_a_tenant_however_its_name_is_spelled() -> None:
    reg: Registry[str] = Registry(lambda name: name.strip().lower().removeprefix("https://"))
    reg.put("https://Shop.Example", "shop")
    assert reg.get("shop.example") == "shop" and reg.get(" HTTPS://SHOP.EXAMPLE") == "shop"
    assert reg.get(None) is None and reg.get("") is None and reg.get("other") is None
    assert list(reg) == ["shop"] and len(reg) == 1
