"""Shopify's GraphQL Admin API, ``POST /admin/api/{version}/graphql.json``: the schema
``sim_admin.graphql`` (a subset of Shopify's) executed by graphql-core over the shops of
:mod:`.sim_store`; reads in :mod:`.sim_graphql_objects`, writes in :mod:`.sim_graphql_write`
(through Shopify's record rules, so every write keeps one truth and fires the same webhooks).
Enforced as Shopify documents it:

- versions: the quarterly releases of :data:`SERVED`; an older stable one falls forward to the
  oldest supported (``X-Shopify-API-Version`` says which), anything else is a 404;
- ``X-Shopify-Access-Token`` (401); each root field needs its access scope (``ACCESS_DENIED``;
  a ``write_`` scope implies its ``read_``);
- cost ("API rate limits"): a leaf 0, an object 1, a connection 2 + its page size times a
  node, a mutation 10; the requested cost must be in the bucket (2000 points, 100 restored a
  second on the simulator's clock) or nothing runs (``THROTTLED``); above 1000 a query is
  refused (``MAX_COST_EXCEEDED``); the difference to the actual cost is given back, and
  every answer carries ``extensions.cost``;
- bulk operations: ``bulkOperationRunQuery`` runs the query whole into a JSONL file (a nested
  connection's nodes with ``__parentId``) at ``url``, polled with ``currentBulkOperation``.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLError,
    GraphQLResolveInfo,
    OperationDefinitionNode,
    build_schema,
    execute,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from anycart.sandbox import graphql as kit
from anycart.sandbox.crud import reply
from anycart.sandbox.table import Record

from . import sim_graphql_collections, sim_graphql_returns, sim_graphql_write, sim_staged
from .sim_graphql_objects import QUERY, Resolver
from .sim_graphql_views import GqlCtx, View, ctx_of, gid, parse_gid, resolve_field, utc
from .sim_shop import SCOPES
from .sim_store import SimulatedShop

if TYPE_CHECKING:
    from .simulator import ShopifySimulator

#: Quarterly releases served; each is supported for at least twelve months.
VERSIONS = ("2025-10", "2026-01", "2026-04", "2026-07", "2026-10")
#: Shopify also answers the next quarter's release candidate and ``unstable`` (neither is
#: supported, so apps should not ship on them); any other version is a 404.
SERVED = (*VERSIONS, "2027-01", "unstable")
SCHEMA = build_schema(Path(__file__).with_name("sim_admin.graphql").read_text())
UNAUTHORIZED = "[API] Invalid API key or access token (unrecognized login or wrong password)"
RATE_DOCS = "https://shopify.dev/api/usage/rate-limits"
MAX_QUERY_COST = 1000
RULES = kit.CostRules(object=1, connection=2, mutation=10)
#: the scopes an app installed on a simulated shop holds (a token may be given fewer): the
#: REST app's, the Returns API's and the publications' (a category's avail)
GRANTED = frozenset((*SCOPES, "read_returns", "write_returns", "read_publications",
                     "write_publications"))


@dataclass
class ShopState:
    """What the GraphQL side keeps per shop besides the store: points, token scopes, bulk
    operations."""

    points: kit.Points
    scopes: dict[str, frozenset[str]] = field(default_factory=dict)
    bulk: dict[int, Record] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    #: staged upload targets by key (:mod:`.sim_staged`)
    staged: dict[str, Record] = field(default_factory=dict)


def _denied(name: str, scope: str) -> GraphQLError:
    need = f"`{scope}` access scope."
    return GraphQLError(f"Access denied for {name} field. Required access: {need}",
                        extensions={"code": "ACCESS_DENIED", "requiredAccess": need,
                                    "documentation": "https://shopify.dev/api/usage/access-scopes"})


def _guarded(name: str, scope: str | None, resolve: Resolver) -> Resolver:
    def guarded(source: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        g = ctx_of(info)
        if scope and scope not in g.scopes and scope.replace("read_", "write_") not in g.scopes:
            raise _denied(name, scope)
        return resolve(source, info, **args)
    return guarded


def _on_api(method: str) -> Resolver:
    """A resolver served by the request's :class:`GraphQLApi` (the schema is shared)."""
    return lambda source, info, **args: getattr(ctx_of(info).extra["api"], method)(
        source, info, **args)


ROOTS: dict[str, dict[str, tuple[str | None, Resolver]]] = {
    "QueryRoot": {**QUERY, **sim_graphql_returns.QUERY,
                  "currentBulkOperation": (None, _on_api("bulk_current"))},
    "Mutation": {**sim_graphql_write.MUTATIONS, **sim_graphql_collections.MUTATIONS,
                 **sim_graphql_returns.MUTATIONS,
                 "bulkOperationRunQuery": (None, _on_api("bulk_run")),
                 "bulkOperationCancel": (None, _on_api("bulk_cancel"))}}
for _type, _fields in ROOTS.items():
    for _name, (_scope, _resolve) in _fields.items():
        SCHEMA.get_type(_type).fields[_name].resolve = _guarded(  # type: ignore[union-attr]
            _name, _scope, _resolve)
#: fields of objects resolved apart from their views (an order's returns status, transactions)
for (_type, _name), _resolve in sim_graphql_returns.FIELDS.items():
    SCHEMA.get_type(_type).fields[_name].resolve = _resolve  # type: ignore[union-attr]


class GraphQLApi:
    """The GraphQL endpoint and bulk files of a :class:`~.simulator.ShopifySimulator`."""

    def __init__(self, simulator: ShopifySimulator,
                 served: Callable[[str | None], str | None]) -> None:
        self.sim = simulator
        self.served = served
        self.states: dict[str, ShopState] = {}
        #: queries refused THROTTLED (answered 200, so the status counter cannot see them)
        self.throttled = 0

    def routes(self) -> list[BaseRoute]:
        return [Route("/admin/api/{version}/graphql.json", self.endpoint, methods=["POST"]),
                Route("/bulk-operations/{key}.jsonl", self.bulk_file, methods=["GET"]),
                Route(sim_staged.PATH + "{key:path}", self.staged_file, methods=["PUT", "POST"])]

    def state(self, shop: SimulatedShop) -> ShopState:
        if shop.domain not in self.states:
            self.states[shop.domain] = ShopState(kit.Points(self.sim.shops.clock, 2000, 100))
        return self.states[shop.domain]

    def grant(self, domain: str, token: str, scopes: set[str] | frozenset[str]) -> None:
        """Give ``token`` (added to the shop) exactly ``scopes``."""
        shop = self.sim.shops.find(domain)
        shop.tokens.add(token)
        self.state(shop).scopes[token] = frozenset(scopes)

    # -- HTTP -----------------------------------------------------------------------------
    async def endpoint(self, request: Request) -> Response:
        version = self.served(request.path_params["version"])
        shop = self.sim.shops.get(request.headers.get("host"))
        if version is None or shop is None:
            return reply({"errors": "Not Found"}, 404)
        token = request.headers.get("x-shopify-access-token")
        if not shop.accepts(token):
            return reply({"errors": UNAUTHORIZED}, 401)
        headers = {"X-Shopify-API-Version": version}
        if (status := shop.take_failure()) is not None:
            return reply({"errors": "Internal Server Error" if status == 500 else
                          "Service Unavailable"}, status, headers)
        body = await request.body()
        payload = kit.request_payload(body, request.headers.get("content-type", ""))
        if payload is None:
            return reply({"errors": {"query": "Required parameter missing or invalid"}}, 400,
                         headers)
        assert token is not None
        g = GqlCtx(shop, version, self.state(shop).scopes.get(token, GRANTED),
                   self.sim.allow_http_webhooks, extra={"api": self, "bulk_node": self.bulk_node})
        result = self.run(g, payload["query"], payload.get("variables"),
                          payload.get("operationName"))
        return reply(result, 200, headers)

    def run(self, g: GqlCtx, query: str, variables: Mapping[str, Any] | None,
            operation: str | None) -> dict[str, Any]:
        """Parse, validate, cost, charge, execute: the body Shopify answers."""
        prepared = kit.prepare(SCHEMA, query, operation)
        if isinstance(prepared, list):
            return {"errors": prepared}
        document, op = prepared
        coster = kit.Coster(SCHEMA, kit.fragments_of(document), dict(variables or {}), RULES)
        requested = coster.operation(op)
        points = self.state(g.shop).points
        cost: dict[str, Any] = {"requestedQueryCost": requested, "actualQueryCost": None}
        if requested > MAX_QUERY_COST:
            return {"errors": [{"message": _too_costly(requested), "extensions": {
                "code": "MAX_COST_EXCEEDED", "cost": requested, "maxCost": MAX_QUERY_COST,
                "documentation": RATE_DOCS}}]}
        if not points.take(requested):
            self.throttled += 1
            cost["throttleStatus"] = throttle_status(points)
            return {"errors": [{"message": "Throttled", "extensions": {
                "code": "THROTTLED", "documentation": RATE_DOCS}}],
                "extensions": {"cost": cost}}
        result = execute(SCHEMA, document, context_value=g, field_resolver=resolve_field,
                         variable_values=dict(variables or {}), operation_name=operation)
        assert isinstance(result, ExecutionResult)  # every resolver is synchronous
        actual = coster.operation(op, result.data) if result.data else 0
        points.give(max(0, requested - actual))
        cost.update(actualQueryCost=actual, throttleStatus=throttle_status(points))
        out: dict[str, Any] = {}
        if result.errors:
            out["errors"] = [e.formatted for e in result.errors]
        out["data"] = result.data
        out["extensions"] = {"cost": cost}
        return out

    async def staged_file(self, request: Request) -> Response:
        shop = self.sim.shops.get(request.headers.get("host"))
        return await sim_staged.receive(self.state(shop).staged if shop else None, request)

    async def bulk_file(self, request: Request) -> Response:
        key = request.path_params["key"]
        for state in self.states.values():
            if key in state.files:
                return Response(state.files[key], media_type="application/jsonl")
        return Response(b"<Error><Code>NoSuchKey</Code></Error>", 404,
                        media_type="application/xml")

    # -- bulk operations ------------------------------------------------------------------
    def bulk_run(self, _: Any, info: GraphQLResolveInfo, query: str,
                  groupObjects: bool = True) -> View:
        g = ctx_of(info)
        state = self.state(g.shop)
        prepared = kit.prepare(SCHEMA, query, None)
        if isinstance(prepared, list):  # a syntax error, or what validation found
            problems = [str(e["message"]) for e in prepared]
        elif prepared[1].operation.value != "query":
            problems = ["Bulk queries must be a query operation."]
        else:
            problems = _bulk_limits(prepared[1])
        if problems or isinstance(prepared, list):
            return {"bulkOperation": None, "userErrors": [
                {"field": ["query"], "message": m, "code": "INVALID"} for m in problems]}
        inner = GqlCtx(g.shop, g.version, g.scopes, bulk=True, extra=g.extra)
        result = execute(SCHEMA, prepared[0], context_value=inner, field_resolver=resolve_field)
        assert isinstance(result, ExecutionResult)
        errors = result.errors
        rows = flatten(result.data or {}) if not errors else []
        bid, key = 1000 + len(state.bulk) + 1, secrets.token_hex(8)
        state.files[key] = "".join(json.dumps(r, separators=(",", ":")) + "\n"
                                   for r in rows).encode()
        now = utc(g.shop.stamp())
        state.bulk[bid] = made = {
            "__typename": "BulkOperation", "id": gid("BulkOperation", bid), "type": "QUERY",
            "query": query, "status": "FAILED" if errors else "COMPLETED",
            "errorCode": "ACCESS_DENIED" if errors else None, "createdAt": now,
            "completedAt": now, "objectCount": str(len(rows)),
            "rootObjectCount": str(sum("__parentId" not in r for r in rows)),
            "fileSize": str(len(state.files[key])) if rows else None, "partialDataUrl": None,
            "url": f"https://{g.shop.domain}/bulk-operations/{key}.jsonl" if rows else None}
        # the answer shows the operation as it was made; polling sees it finished
        return {"bulkOperation": {**made, "status": "CREATED", "completedAt": None, "url": None,
                                  "objectCount": "0", "fileSize": None}, "userErrors": []}

    def bulk_cancel(self, _: Any, info: GraphQLResolveInfo, id: str) -> View:
        op = self.state(ctx_of(info).shop).bulk.get(parse_gid(id, "BulkOperation") or 0)
        if op is None:
            return {"bulkOperation": None, "userErrors": [
                {"field": ["id"], "message": "Bulk operation does not exist", "code": "INVALID"}]}
        return {"bulkOperation": op, "userErrors": [
            {"field": None, "message": f"A bulk operation cannot be canceled when it is "
             f"{op['status'].lower()}", "code": "INVALID"}]}

    def bulk_current(self, _: Any, info: GraphQLResolveInfo, type: str = "QUERY") -> View | None:
        ops = self.state(ctx_of(info).shop).bulk
        return ops[max(ops)] if ops and type == "QUERY" else None

    def bulk_node(self, g: GqlCtx, id: str) -> View | None:
        return self.state(g.shop).bulk.get(parse_gid(id, "BulkOperation") or 0)


def _bulk_limits(op: OperationDefinitionNode) -> list[str]:
    """Shopify's bulk query rules: at least one connection, at most five, nested at most two
    deep, and no top-level ``node``/``nodes``."""
    root = SCHEMA.query_type
    assert root is not None
    depths = kit.Coster(SCHEMA, {}, {}, RULES).connections(op.selection_set, root)
    tops = {s.name.value for s in op.selection_set.selections if isinstance(s, FieldNode)}
    return [message for broken, message in (
        (not depths, "Bulk queries must contain at least one connection."),
        (len(depths) > 5, "Bulk queries cannot contain more than 5 connections."),
        (max(depths, default=0) > 2, "Bulk queries cannot contain connections with a nesting "
                                     "depth greater than 2."),
        (bool(tops & {"node", "nodes"}), "The top-level node and nodes fields are not "
                                         "supported in bulk queries.")) if broken]


def _is_connection(value: Any) -> bool:
    return isinstance(value, dict) and ("edges" in value or "nodes" in value)


def flatten(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A bulk query's answer as Shopify's JSONL rows: each connection node on its own line,
    without its nested connections, whose nodes follow with ``__parentId``."""
    rows: list[dict[str, Any]] = []

    def split(obj: dict[str, Any], found: list[dict[str, Any]]) -> dict[str, Any]:
        kept: dict[str, Any] = {}
        for k, v in obj.items():
            if _is_connection(v):
                found.append(v)
            else:
                kept[k] = split(v, found) if isinstance(v, dict) else v
        return kept

    def emit(conn: dict[str, Any], parent: str | None) -> None:
        for node in conn["nodes"] if "nodes" in conn else [
                e["node"] for e in conn["edges"] if isinstance(e, dict) and "node" in e]:
            inner: list[dict[str, Any]] = []
            rows.append(split(node, inner) | ({"__parentId": parent} if parent else {}))
            for c in inner:
                emit(c, node.get("id"))

    for value in data.values():
        if _is_connection(value):
            emit(value, None)
    return rows


def throttle_status(bucket: kit.Points) -> dict[str, float | int]:
    return {"maximumAvailable": float(bucket.maximum),
            "currentlyAvailable": int(bucket.level()), "restoreRate": float(bucket.restore_per_s)}


def _too_costly(cost: int) -> str:
    return (f"Query cost is {cost}, which exceeds the single query max cost limit "
            f"({MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits "
            "for more information on how the\ncost of a query is calculated.\n\nTo query "
            "larger amounts of data with fewer limits, bulk operations should be used instead."
            "\nSee https://shopify.dev/tutorials/perform-bulk-operations-with-admin-api for "
            "usage details.\n")
