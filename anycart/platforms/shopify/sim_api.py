"""What every Shopify endpoint shares: the request context, answers and errors, list filters,
and the CRUD pattern of the top-level resources (on the simulator kit's table and paging).

Errors follow Shopify's: ``{"errors": "Not Found"}`` (404), ``{"errors": {"title": ["can't be
blank"]}}`` (422), ``{"errors": {"product": "Required parameter missing or invalid"}}`` (400,
the resource key missing; also for a body that is not JSON or not sent as JSON, the status
Shopify's response-code page gives for bad syntax or a wrong Content-Type). Lists are in id
order, ``limit`` 50 by default and at most 250, paged by ``page_info`` in the ``Link`` header
(:class:`~anycart.sandbox.paging.LinkCursor`); a count ignores the paging parameters.
"""

from __future__ import annotations

import copy
import json
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.errors import Invalid, SimError
from anycart.sandbox.paging import LinkCursor, seek
from anycart.sandbox.query import project
from anycart.sandbox.resources import Endpoint, Resource
from anycart.sandbox.table import Record, Table
from anycart.sandbox.tenants import tenant_of
from anycart.sandbox.values import rejected

from .sim_store import ShopData, SimulatedShop, parse_ts

_JSON = "application/json; charset=utf-8"
_PATH = re.compile(r"^/admin/(?:api/[^/]+/)?(.+)\.json$")
PAGING = LinkCursor(refuse=lambda name: (
    f"{name} cannot be passed when page_info is present. See "
    "https://shopify.dev/api/usage/pagination-rest for more information."))
Pred = Callable[[Mapping[str, Any]], bool]


def reply(body: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    if status == 204 or body is None:
        return Response(status_code=status, headers=dict(headers or {}))
    return Response(json.dumps(body, separators=(",", ":")), status_code=status,
                    media_type=_JSON, headers=dict(headers or {}))


def not_found() -> SimError:
    return SimError(404, {"errors": "Not Found"})


def not_allowed() -> SimError:
    return SimError(405, {"errors": "Method Not Allowed"})


def missing(key: str) -> SimError:
    return SimError(400, {"errors": {key: "Required parameter missing or invalid"}})


def fail(base: str) -> SimError:
    return rejected({"base": [base]})


@dataclass
class Ctx:
    """One authenticated request, as resource handlers see it."""

    shop: SimulatedShop
    method: str
    version: str
    path: str  # below /admin/api/{version}/, without ".json"
    params: dict[str, str]
    args: dict[str, Any] = field(default_factory=dict)  # path parameters
    body: bytes = b""
    content_type: str = ""

    @property
    def data(self) -> ShopData:
        return self.shop.data

    @property
    def base_url(self) -> str:
        return f"https://{self.shop.domain}/admin/api/{self.version}"

    @property
    def fields(self) -> list[str] | None:
        return parse_fields(self.params.get("fields"))

    def json_body(self) -> Any:
        media = self.content_type.split(";")[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            return None
        try:
            return json.loads(self.body) if self.body.strip() else None
        except ValueError:
            return None

    def payload(self, key: str) -> dict[str, Any]:
        """The object under ``key`` in the JSON body, or the 400 Shopify answers without it."""
        body = self.json_body()
        inner = body.get(key) if isinstance(body, dict) else None
        if not isinstance(inner, dict):
            raise missing(key)
        return inner


Handler = Callable[[Ctx], Response]


def endpoint(handler: Handler) -> Endpoint:
    """A kit endpoint running ``handler`` on the request's :class:`Ctx`."""
    async def run(request: Request) -> Response:
        match = _PATH.match(request.url.path)
        ctx = Ctx(tenant_of(request), request.method, request.scope["shopify.version"],
                  match.group(1) if match else "", dict(request.query_params),
                  dict(request.path_params), await request.body(),
                  request.headers.get("content-type", ""))
        return handler(ctx)
    return run


def commit(record: Record, draft: Record) -> None:
    """Keep a validated draft: the stored record (shared with callers) takes its content."""
    record.clear()
    record.update(draft)


# -- list parameters and filters ------------------------------------------------------------
def parse_fields(raw: str | None) -> list[str] | None:
    names = [f.strip() for f in (raw or "").split(",") if f.strip()]
    return names or None


def ints(params: Mapping[str, str], name: str) -> list[int] | None:
    raw = params.get(name)
    if not raw:
        return None
    try:
        return [int(x) for x in raw.split(",") if x.strip()]
    except ValueError:
        raise Invalid("Invalid value. Expected a comma-separated list of integers.",
                      name) from None


def one_int(params: Mapping[str, str], name: str) -> int | None:
    values = ints(params, name)
    if values is not None and len(values) != 1:
        raise Invalid("Invalid value. Expected an integer.", name)
    return None if values is None else values[0]


def choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...],
           default: str | None = None) -> str | None:
    value = params.get(name) or default
    if value is not None and value not in allowed:
        raise Invalid(f"Invalid value. Expected one of: {', '.join(allowed)}.", name)
    return value


def equals(name: str, value: str) -> Pred:
    want = value.lower()
    return lambda r: str(r.get(name) or "").lower() == want


def exactly(name: str, value: Any) -> Pred:
    return lambda r: r[name] == value


def _time(name: str, bound: float, low: bool) -> Pred:
    def pred(record: Mapping[str, Any]) -> bool:
        try:
            value = parse_ts(record[name]) if record.get(name) else None
        except ValueError:
            value = None
        return value is not None and (value >= bound if low else value <= bound)
    return pred


@dataclass
class Query:
    """Which records a list shows: predicates, an optional id set, ids above ``after``."""

    preds: list[Pred] = field(default_factory=list)
    candidates: list[Any] | None = None
    after: Any = None

    def keys(self, table: Table) -> list[Any]:
        keys = table.sorted_keys() if self.candidates is None else \
            [k for k in self.candidates if k in table]
        return keys if self.after is None else keys[bisect_right(keys, self.after):]

    def matcher(self, table: Table) -> Callable[[Any], bool]:
        preds, view = self.preds, table.view
        return (lambda key: all(p(view(key)) for p in preds)) if preds else (lambda key: True)

    def only(self, ids: Any) -> None:
        """Narrow the candidates to ``ids``."""
        wanted = sorted(ids)
        self.candidates = wanted if self.candidates is None else \
            [k for k in self.candidates if k in set(wanted)]


def common(params: Mapping[str, str], dates: tuple[str, ...] = ("created_at", "updated_at")
           ) -> Query:
    """``ids``, ``since_id`` and ``<date>_min`` / ``<date>_max`` (inclusive, ISO 8601)."""
    query = Query()
    ids = ints(params, "ids")
    if ids is not None:
        query.candidates = sorted(set(ids))
    query.after = one_int(params, "since_id")
    for name in dates:
        for suffix, low in (("_min", True), ("_max", False)):
            if raw := params.get(name + suffix):
                try:
                    query.preds.append(_time(name, parse_ts(raw), low))
                except ValueError:
                    raise Invalid("Invalid value. Expected an ISO 8601 date.",
                                  name + suffix) from None
    return query


# -- the CRUD pattern -----------------------------------------------------------------------
QueryFn = Callable[[Ctx, Mapping[str, str]], Query]


@dataclass(frozen=True)
class Crud:
    """A top-level resource: its table (= URL segment), JSON key, list filters, how a body
    becomes or changes a record, and its (create, update, delete) webhook topics."""

    path: str
    key: str
    query: QueryFn
    create: Callable[[Ctx, dict[str, Any]], Record] | None = None
    update: Callable[[Ctx, Record, dict[str, Any]], None] | None = None
    delete: Callable[[Ctx, Record], None] | None = None
    topics: tuple[str, str, str] | None = None

    def resource(self, *extra: tuple[str, Mapping[str, Endpoint]],
                 children: tuple[Resource, ...] = ()) -> Resource:
        methods: dict[str, Handler] = {"GET": self.list}
        item: dict[str, Handler] = {"GET": self.get}
        if self.create is not None:
            methods["POST"], item["DELETE"] = self.add, self.remove
        if self.update is not None:
            item["PUT"] = self.put
        return Resource("/" + self.path, {m: endpoint(h) for m, h in methods.items()},
                        item={m: endpoint(h) for m, h in item.items()},
                        count=endpoint(self.count), extra=extra, children=children)

    def table(self, ctx: Ctx) -> Table:
        return ctx.data.table(self.path)

    def list(self, ctx: Ctx, extra: Pred | None = None) -> Response:
        req = PAGING.parse(ctx.params, ctx.path)
        table = self.table(ctx)
        query = self.query(ctx, req.filters)
        if extra is not None:
            query.preds.append(extra)
        keys, has_prev, has_next = seek(query.keys(table), query.matcher(table), req.limit,
                                        req.direction, req.cursor)
        raw_fields = ctx.params.get("fields")
        link = PAGING.link(f"{ctx.base_url}/{ctx.path}.json", ctx.path, req, keys, has_prev,
                           has_next, {"fields": raw_fields} if raw_fields else None)
        return reply({self.path: [project(table.peek(k), ctx.fields) for k in keys]},
                     headers={"Link": link} if link else None)

    def count(self, ctx: Ctx) -> Response:
        # no count takes the paging parameters: Shopify ignores them (so a count by ids
        # has to list the ids)
        params = {k: v for k, v in ctx.params.items()
                  if k not in ("limit", "fields", "page_info", "ids", "since_id")}
        table = self.table(ctx)
        query = self.query(ctx, params)
        ok = query.matcher(table)
        return reply({"count": sum(1 for k in query.keys(table) if ok(k))})

    def _stored(self, ctx: Ctx) -> tuple[Table, int]:
        table, rid = self.table(ctx), ctx.args["id"]
        if rid not in table:
            raise not_found()
        return table, rid

    def get(self, ctx: Ctx) -> Response:
        table, rid = self._stored(ctx)
        return reply({self.key: project(table.peek(rid), ctx.fields)})

    def add(self, ctx: Ctx) -> Response:
        assert self.create is not None
        record = self.create(ctx, ctx.payload(self.key))
        self.table(ctx)[record["id"]] = record
        if self.topics:
            ctx.shop.fire(self.topics[0], record)
        return reply({self.key: record}, 201)

    def put(self, ctx: Ctx) -> Response:
        assert self.update is not None
        table, rid = self._stored(ctx)
        changes = ctx.payload(self.key)
        record = table[rid]
        self.update(ctx, record, changes)
        table.changed()
        if self.topics:
            ctx.shop.fire(self.topics[1], record)
        return reply({self.key: record})

    def remove(self, ctx: Ctx) -> Response:
        table, rid = self._stored(ctx)
        if self.delete is not None:
            self.delete(ctx, table.peek(rid))
        del table[rid]
        if self.topics:
            ctx.shop.fire(self.topics[2], {"id": rid})
        return reply({})


def nested(ctx: Ctx, items: list[Record], plural: str, key: str) -> Response:
    """GET of a list inside a record (variants, images, addresses, fulfillments, refunds):
    ``limit``, ``since_id`` and ``fields`` (short lists: no cursor); ``…/count``; one item."""
    if ctx.path.endswith("/count"):
        return reply({"count": len(items)})
    child = ctx.args.get("sub")
    if child is not None:
        found = next((i for i in items if i["id"] == child), None)
        if found is None:
            raise not_found()
        return reply({key: project(found, ctx.fields)})
    limit = PAGING.parse({k: v for k, v in ctx.params.items() if k == "limit"}, "").limit
    since = one_int(ctx.params, "since_id")
    chosen = [i for i in items if since is None or i["id"] > since][:limit]
    return reply({plural: [project(i, ctx.fields) for i in chosen]})


def drafted(record: Record) -> Record:
    return copy.deepcopy(record)
