"""kit.graphql against a real GraphQL server (graphql-core executing a small schema, served
by Starlette and mounted on an HttpLayer): connections walked and resumed by cursor,
``errors`` and ``userErrors`` as contract errors, and a cost bucket that throttles: the
THROTTLED answer is sent again by the transport and never reaches the caller."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import build_schema, graphql
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.kit import RestClient
from anycart.platforms.kit.graphql import GraphQL
from anycart.platforms.kit.pagination import Connection
from anycart.transport.http import HttpLayer
from anycart.transport.ratelimit import CostBucket

HOST = "shop.platform.example"
SDL = """
type Item { id: ID! name: String! }
type PageInfo { hasNextPage: Boolean! endCursor: String }
type ItemConnection { nodes: [Item!]! pageInfo: PageInfo! }
type UserError { field: [String!] message: String! code: String }
type RenamePayload { item: Item userErrors: [UserError!]! }
type Query { items(first: Int!, after: String): ItemConnection! item(id: ID!): Item }
type Mutation { rename(id: ID!, name: String!): RenamePayload!  forget(id: ID!): RenamePayload }
"""
ITEMS = [{"id": str(i), "name": f"I{i}"} for i in range(1, 12)]
RENAME = 'mutation($name: String!) { rename(id: "1", name: $name) { item { id name } userErrors { field message code } } }'  # noqa: E501
LIST = "query($first: Int!, $after: String) { items(first: $first, after: $after) { nodes { id name } pageInfo { hasNextPage endCursor } } }"  # noqa: E501


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def now(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:  # waits pass on the test's clock, at once
        self.t += seconds


class Server:
    """Points restored per second, a query costs ``first`` + 1 (Shopify's connection rule);
    over the budget the answer is THROTTLED and nothing runs."""

    def __init__(self, clock: Clock, maximum: float = 20, restore: float = 5) -> None:
        self.clock, self.maximum, self.restore = clock, maximum, restore
        self.available, self.at = maximum, 0.0
        self.sent: list[dict[str, Any]] = []
        self.throttled = 0
        self.schema = build_schema(SDL)
        root: dict[str, Any] = {"items": self._items, "item": self._item, "rename": self._rename,
                                "forget": lambda _info, id: None}  # a null payload, no errors
        self.root = root

    def _items(self, _info: Any, first: int, after: str | None = None) -> dict[str, Any]:
        at = int(after or 0)
        nodes = ITEMS[at:at + first]
        return {"nodes": nodes, "pageInfo": {"hasNextPage": at + len(nodes) < len(ITEMS),
                                             "endCursor": str(at + len(nodes))}}

    def _item(self, _info: Any, id: str) -> dict[str, Any] | None:
        return next((i for i in ITEMS if i["id"] == id), None)

    def _rename(self, _info: Any, id: str, name: str) -> dict[str, Any]:
        if not name:
            return {"item": None, "userErrors": [{"field": ["name"], "message": "can't be blank",
                                                  "code": "BLANK"}]}
        return {"item": {"id": id, "name": name}, "userErrors": []}

    async def answer(self, request: Request) -> Response:
        body = await request.json()
        self.sent.append(body)
        self.available = min(self.maximum,
                             self.available + (self.clock.now() - self.at) * self.restore)
        self.at = self.clock.now()
        cost = int((body.get("variables") or {}).get("first") or 0) + 1
        status = {"maximumAvailable": self.maximum, "restoreRate": self.restore}
        if cost > self.available:
            self.throttled += 1
            return JSONResponse({"errors": [{"message": "Throttled", "extensions": {
                "code": "THROTTLED"}}], "extensions": {"cost": {
                    "requestedQueryCost": cost,
                    "throttleStatus": {**status, "currentlyAvailable": self.available}}}})
        self.available -= cost
        result = await graphql(self.schema, body["query"], root_value=self.root,
                               variable_values=body.get("variables"))
        answer: dict[str, Any] = {"data": result.data, "extensions": {"cost": {
            "requestedQueryCost": cost, "actualQueryCost": cost,
            "throttleStatus": {**status, "currentlyAvailable": self.available}}}}
        if result.errors:
            answer["errors"] = [{"message": e.message} for e in result.errors]
        return JSONResponse(answer)


@pytest.fixture
def env():
    clock = Clock()
    server = Server(clock)
    layer = HttpLayer()
    layer.mount(HOST, Starlette(routes=[Route("/api/graphql.json", server.answer, methods=["POST"])]))

    bucket = CostBucket(20, 5, clock, expected_cost=1)  # a first guess far too low
    rest = RestClient(layer, f"https://{HOST}/api/", platform="Shop", limiter=bucket)
    return GraphQL(rest, page_size=4), server, clock


async def test_a_connection_is_walked_by_cursor_from_any_start(env):
    gql, _, _ = env
    pages = [p async for p in gql.pages(LIST, "items")]
    assert [len(p) for p in pages] == [4, 4, 3]
    assert [i["id"] for p in pages for i in p] == [i["id"] for i in ITEMS]
    window = [i["id"] async for p in gql.pages(LIST, "items", start=5, count=3) for i in p]
    assert window == ["6", "7", "8"]  # records before ``start`` read and dropped


async def test_a_walk_resumes_after_the_cursor_where_the_last_one_stopped(env):
    gql, server, _ = env
    walk = Connection("items", page_size=4)
    first = [i["id"] async for p in gql.pages(LIST, "items", count=4, walk=walk) for i in p]
    assert first == ["1", "2", "3", "4"] and walk.has_next and walk.end_cursor == "4"
    sent = len(server.sent)
    on = Connection("items", page_size=4, resume=walk.end_cursor)
    rest = [i["id"] async for p in gql.pages(LIST, "items", count=4, walk=on) for i in p]
    assert rest == ["5", "6", "7", "8"] and len(server.sent) == sent + 1  # no walk from the start
    assert server.sent[-1]["variables"]["after"] == "4"


async def test_throttled_answers_are_sent_again_and_never_reach_the_caller(env):
    gql, server, clock = env
    # 20 points, 5 restored a second, each page costs 5: the bucket runs dry mid-walk
    for _ in range(3):
        ids = [i["id"] async for p in gql.pages(LIST, "items") for i in p]
        assert len(ids) == 11
    assert clock.t > 0  # the client waited for points instead of failing
    assert server.throttled <= 1  # planned from throttleStatus: at most the first guess is off


async def test_errors_and_user_errors_are_contract_errors(env):
    gql, _, _ = env
    with pytest.raises(ApiError) as bad:
        await gql.run("query { nope }")
    assert bad.value.code == ReturnCode.PLATFORM_ERROR and "nope" in bad.value.message
    with pytest.raises(ApiError) as refused:
        await gql.mutate(RENAME, "rename", {"name": ""})
    # a platform's refusal, as a REST platform's 422 is: 107 with its message
    assert refused.value.code == ReturnCode.PLATFORM_ERROR
    assert refused.value.message == "Shop error message: name: can't be blank"
    done = await gql.mutate(RENAME, "rename", {"name": "X"})
    assert done["item"] == {"id": "1", "name": "X"}
    assert await gql.one('query { item(id: "99") { id } }', "item", {}) is None
    assert await gql.one('query { item(id: "2") { id name } }', "item", {}) == ITEMS[1]


async def test_a_null_mutation_payload_is_refused_never_taken_for_success(env):
    gql, _, _ = env
    with pytest.raises(ApiError) as empty:
        await gql.mutate('mutation { forget(id: "1") { userErrors { message } } }', "forget")
    assert empty.value.code == ReturnCode.PLATFORM_ERROR
    assert "no forget payload" in empty.value.message
