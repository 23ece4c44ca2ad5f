"""sandbox.rates.ask: a rates callback's answer, or nothing when it fails."""

from __future__ import annotations

import httpx

from anycart.sandbox.rates import ask


def _client(handler: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))  # type: ignore[arg-type]


async def test_the_signed_post_and_its_answer() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"rates": [{"code": "ground"}]})
    async with _client(handler) as client:
        got = await ask(client, "https://rates.example/r", b'{"a":1}', {"X-Sig": "abc"})
    assert got == {"rates": [{"code": "ground"}]}
    assert seen[0].content == b'{"a":1}' and seen[0].headers["x-sig"] == "abc"
    assert seen[0].headers["content-type"] == "application/json"


async def test_a_refusal_a_non_json_answer_or_no_answer_is_nothing() -> None:
    def refused(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, json={"rates": [1]})

    def garbled(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>")

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)
    for handler in (refused, garbled, down):
        async with _client(handler) as client:
            assert await ask(client, "https://rates.example/r", b"{}", {}) is None
