"""sandbox.params: one set of reading rules, each platform's wording and error."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from anycart.sandbox.errors import SimError
from anycart.sandbox.params import Reader, Refused, Wording, flag, json_body


class Bad(SimError):
    def __init__(self, refused: Refused) -> None:
        super().__init__(400, refused)
        self.refused = refused


READ = Reader(Bad)


def _refused(call: object) -> Refused:
    with pytest.raises(Bad) as caught:
        call()  # type: ignore[operator]
    return caught.value.refused


def test_integer_default_value_and_wordpress_wording() -> None:
    assert READ.integer({}, "page", 1) == 1
    assert READ.integer({"page": "3"}, "page", 1) == 3
    bad = _refused(lambda: READ.integer({"page": "x"}, "page", 1))
    assert (bad.param, bad.message, bad.raw, bad.kind) == (
        "page", "page is not of type integer.", "x", "integer")
    bad = _refused(lambda: READ.integer({"per_page": "101"}, "per_page", 10, 1, 100))
    assert bad.kind == "range"
    assert bad.message == "per_page must be between 1 (inclusive) and 100 (inclusive)"
    bad = _refused(lambda: READ.integer({"offset": "-1"}, "offset", 0, 0))
    assert bad.message == "offset must be greater than or equal to 0"


def test_a_platform_words_its_own_errors() -> None:
    read = Reader(Bad, Wording(integer="{name} must be an integer",
                               between="{name} must be between {low} and {high}"))
    assert _refused(lambda: read.integer({"limit": "a"}, "limit", 50)).message == \
        "limit must be an integer"
    bad = _refused(lambda: read.integer({"limit": "500"}, "limit", 50, 1, 250))
    assert (bad.message, bad.raw) == ("limit must be between 1 and 250", "500")


def test_choice_and_ids() -> None:
    assert READ.choice({}, "order", ("asc", "desc"), "desc") == "desc"
    assert _refused(lambda: READ.choice({"order": "up"}, "order", ("asc", "desc"), "desc")
                    ).message == "order is not one of asc, desc."
    assert READ.ids({"include": "4,2"}, "include") == [4, 2]
    assert READ.ids({"include": "[7, 8]"}, "include") == [7, 8]
    assert READ.ids({}, "include") is None
    assert _refused(lambda: READ.ids({"include": "1,x"}, "include")).message == \
        "include[0] is not of type integer."
    assert flag("true") and flag(1) and flag("YES") and not flag("0") and not flag(False)


def test_json_body_empty_parsed_or_refused() -> None:
    async def echo(request: Request) -> JSONResponse:
        try:
            return JSONResponse({"body": await json_body(request, lambda: SimError(418))})
        except SimError as err:
            return JSONResponse({}, err.status)

    client = TestClient(Starlette(routes=[Route("/", echo, methods=["POST"])]))
    assert client.post("/", content=b"").json() == {"body": None}
    assert client.post("/", content=b'{"a": [1]}').json() == {"body": {"a": [1]}}
    assert client.post("/", content=b"{nope").status_code == 418
