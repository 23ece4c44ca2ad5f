"""Record CRUD over a tenant's tables, the REST pattern of Rails-style APIs (Shopify,
BigCommerce v2, Spree...): a body wraps the record in its key (``{"product": {...}}``), a
create answers 201, a delete ``{}``; lists take ``fields=`` and ``ids`` / ``since_id`` /
``<date>_min`` / ``<date>_max`` filters, are in key order and paged by a
:class:`~anycart.sandbox.paging.LinkCursor`; ``…/count`` counts what the list would show.

    PRODUCTS = Crud("products", "product", product_query, create_product, update_product)
    routes = PRODUCTS.resource(context).routes(suffix=".json")

A tenant offers ``table(path) -> Table`` and ``fire(topic, record)`` (webhooks); handlers get a
:class:`Call` (built by the simulator's ``context`` from the request). A platform's error
bodies come from its renderer: handlers raise :class:`~anycart.sandbox.errors.SimError` /
:class:`~anycart.sandbox.errors.Invalid`.
"""

from __future__ import annotations

import copy
import json
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from starlette.requests import Request
from starlette.responses import Response

from .errors import Invalid, SimError
from .paging import LinkCursor, seek
from .query import project
from .resources import Endpoint, Resource
from .table import Record, Table

_JSON = "application/json; charset=utf-8"
Pred = Callable[[Mapping[str, Any]], bool]


class Tenant(Protocol):
    def table(self, path: str) -> Table: ...

    def fire(self, topic: str, payload: dict[str, Any]) -> None: ...


def reply(body: Any, status: int = 200, headers: Mapping[str, str] | None = None,
          media: str = _JSON) -> Response:
    """Compact JSON (no body for a 204 or a None body) of the platform's ``media`` type."""
    if status == 204 or body is None:
        return Response(status_code=status, headers=dict(headers or {}))
    return Response(json.dumps(body, separators=(",", ":")), status_code=status,
                    media_type=media, headers=dict(headers or {}))


@dataclass(frozen=True)
class RailsErrors:
    """Error bodies as Rails-backed platforms send them: a value that does not bind is
    ``{"errors": {param: message}}`` (or the bare message), any other error its own body or
    ``{"errors": <reason>}`` with the platform's reason texts per status."""

    reasons: Mapping[int, str]
    fallback: str = "Error"

    def render(self, err: SimError) -> Response:
        body: Any
        if isinstance(err, Invalid):
            body = {"errors": {err.param: err.message} if err.param else err.message}
        else:
            body = err.body if err.body is not None else self.reason(err.status)
        return reply(body, err.status, err.headers)

    def reason(self, status: int) -> dict[str, str]:
        return {"errors": self.reasons.get(status, self.fallback)}

    def failure(self, status: int) -> Response:
        """An injected failure's answer (:class:`~anycart.sandbox.failures.FailureMiddleware`)."""
        return reply(self.reason(status), status)


def not_found() -> SimError:
    """The 404 a missing record answers (the platform's renderer gives the body)."""
    return SimError(404)


@dataclass
class Call:
    """One authenticated request, as handlers see it."""

    tenant: Any
    method: str
    path: str  # below the API root, without the suffix: "products/7/variants"
    base_url: str  # the API root, for Link headers
    params: dict[str, str]
    args: dict[str, Any] = field(default_factory=dict)  # path parameters
    body: bytes = b""
    content_type: str = ""

    @property
    def fields(self) -> list[str] | None:
        return parse_fields(self.params.get("fields"))

    def json_body(self) -> Any:
        """The parsed body, or None when it is not JSON (or not sent as JSON)."""
        media = self.content_type.split(";")[0].strip().lower()
        if media != "application/json" and not media.endswith("+json"):
            return None
        try:
            return json.loads(self.body) if self.body.strip() else None
        except ValueError:
            return None

    def payload(self, key: str) -> dict[str, Any]:
        """The object under ``key`` in the JSON body; a 400 naming ``key`` without it."""
        body = self.json_body()
        inner = body.get(key) if isinstance(body, dict) else None
        if not isinstance(inner, dict):
            raise Invalid("Required parameter missing or invalid", key)
        return inner


#: (request, its body) -> the Call handlers get
Context = Callable[[Request, bytes], Call]
Handler = Callable[[Any], Response]


def endpoint(handler: Handler, context: Context) -> Endpoint:
    """A kit endpoint running ``handler`` on the request's :class:`Call`."""
    async def run(request: Request) -> Response:
        return handler(context(request, await request.body()))
    return run


def commit(record: Record, draft: Record) -> None:
    """Keep a validated draft: the stored record (shared with callers) takes its content."""
    record.clear()
    record.update(draft)


def drafted(record: Record) -> Record:
    """A copy to change and validate before :func:`commit`."""
    return copy.deepcopy(record)


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


def required_int(values: Any, name: str) -> int:
    """An integer a body or query must carry (400 naming it, Rails' "Required parameter
    missing or invalid", when it is absent or not a whole number)."""
    value = values.get(name) if isinstance(values, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise Invalid("Required parameter missing or invalid", name)
    try:
        return int(value)
    except ValueError:
        raise Invalid("Required parameter missing or invalid", name) from None


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
    """Case-insensitive equality of a text field."""
    want = value.lower()
    return lambda r: str(r.get(name) or "").lower() == want


def exactly(name: str, value: Any) -> Pred:
    return lambda r: r[name] == value


def _time(name: str, bound: float, low: bool, parse: Callable[[str], float]) -> Pred:
    def pred(record: Mapping[str, Any]) -> bool:
        try:
            value = parse(record[name]) if record.get(name) else None
        except ValueError:
            value = None
        return value is not None and (value >= bound if low else value <= bound)
    return pred


@dataclass
class Query:
    """Which records a list shows: predicates, an optional key set, keys above ``after``."""

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

    def only(self, keys: Any) -> None:
        """Narrow the candidates to ``keys``."""
        wanted = sorted(keys)
        self.candidates = wanted if self.candidates is None else \
            [k for k in self.candidates if k in set(wanted)]


def common(params: Mapping[str, str], dates: tuple[str, ...], parse: Callable[[str], float]
           ) -> Query:
    """``ids``, ``since_id`` and ``<date>_min`` / ``<date>_max`` (inclusive; ``parse``: the
    platform's time text -> epoch seconds, ``ValueError`` when it is none)."""
    query = Query()
    ids = ints(params, "ids")
    if ids is not None:
        query.candidates = sorted(set(ids))
    query.after = one_int(params, "since_id")
    for name in dates:
        for suffix, low in (("_min", True), ("_max", False)):
            if raw := params.get(name + suffix):
                try:
                    query.preds.append(_time(name, parse(raw), low, parse))
                except ValueError:
                    raise Invalid("Invalid value. Expected an ISO 8601 date.",
                                  name + suffix) from None
    return query


# -- the CRUD pattern -----------------------------------------------------------------------
QueryFn = Callable[[Any, Mapping[str, str]], Query]


@dataclass(frozen=True)
class Crud:
    """A top-level resource: its table (= URL segment), JSON key, list filters, how a body
    becomes or changes a record, and its (create, update, delete) webhook topics."""

    paging: ClassVar[LinkCursor] = LinkCursor()
    #: Parameters no count takes (a count by ids has to list the ids, as on Shopify).
    not_counted: ClassVar[tuple[str, ...]] = ("limit", "fields", "page_info", "ids",
                                             "since_id")

    path: str
    key: str
    query: QueryFn
    create: Callable[[Any, dict[str, Any]], Record] | None = None
    update: Callable[[Any, Record, dict[str, Any]], None] | None = None
    delete: Callable[[Any, Record], None] | None = None
    topics: tuple[str, str, str] | None = None

    def resource(self, context: Context, *extra: tuple[str, Mapping[str, Endpoint]],
                 children: tuple[Resource, ...] = ()) -> Resource:
        """The routes: list/create, count, get/update/delete (create and delete only when
        records can be created, update only when they can change)."""
        methods: dict[str, Handler] = {"GET": self.list}
        item: dict[str, Handler] = {"GET": self.get}
        if self.create is not None:
            methods["POST"], item["DELETE"] = self.add, self.remove
        if self.update is not None:
            item["PUT"] = self.put
        return Resource("/" + self.path, {m: endpoint(h, context) for m, h in methods.items()},
                        item={m: endpoint(h, context) for m, h in item.items()},
                        count=endpoint(self.count, context), extra=extra, children=children)

    def table(self, call: Call) -> Table:
        table: Table = call.tenant.table(self.path)
        return table

    def list(self, call: Call, extra: Pred | None = None) -> Response:
        req = self.paging.parse(call.params, call.path)
        table = self.table(call)
        query = self.query(call, req.filters)
        if extra is not None:
            query.preds.append(extra)
        keys, has_prev, has_next = seek(query.keys(table), query.matcher(table), req.limit,
                                        req.direction, req.cursor)
        raw_fields = call.params.get("fields")
        link = self.paging.link(f"{call.base_url}/{call.path}.json", call.path, req, keys,
                                has_prev, has_next, {"fields": raw_fields} if raw_fields else None)
        return reply({self.path: [project(table.peek(k), call.fields) for k in keys]},
                     headers={"Link": link} if link else None)

    def within(self, parent: str, param: str) -> Handler:
        """``GET /parents/{id}/<these>``: the list filtered by ``param`` = the parent's id (a
        404 when the parent is missing; a later page's cursor carries the filter)."""
        def handler(call: Call) -> Response:
            if call.args["id"] not in call.tenant.table(parent):
                raise not_found()
            if self.paging.param not in call.params:
                call.params[param] = str(call.args["id"])
            return self.list(call)
        return handler

    def count(self, call: Call) -> Response:
        params = {k: v for k, v in call.params.items() if k not in self.not_counted}
        table = self.table(call)
        query = self.query(call, params)
        ok = query.matcher(table)
        return reply({"count": sum(1 for k in query.keys(table) if ok(k))})

    def _stored(self, call: Call) -> tuple[Table, Any]:
        table, key = self.table(call), call.args["id"]
        if key not in table:
            raise not_found()
        return table, key

    def get(self, call: Call) -> Response:
        table, key = self._stored(call)
        return reply({self.key: project(table.peek(key), call.fields)})

    def add(self, call: Call) -> Response:
        assert self.create is not None
        record = self.keep(call, self.create(call, call.payload(self.key)))
        return reply({self.key: record}, 201)

    def keep(self, call: Call, record: Record) -> Record:
        """Store a new record and fire its create topic (also for one made on the side,
        as an order makes its new customer)."""
        self.table(call)[record["id"]] = record
        if self.topics:
            call.tenant.fire(self.topics[0], record)
        return record

    def put(self, call: Call) -> Response:
        assert self.update is not None
        table, key = self._stored(call)
        changes = call.payload(self.key)
        record = table[key]
        self.update(call, record, changes)
        table.changed()
        if self.topics:
            call.tenant.fire(self.topics[1], record)
        return reply({self.key: record})

    def remove(self, call: Call) -> Response:
        table, key = self._stored(call)
        if self.delete is not None:
            self.delete(call, table.peek(key))
        del table[key]
        if self.topics:
            call.tenant.fire(self.topics[2], {"id": key})
        return reply({})


def nested(call: Call, items: list[Record], plural: str, key: str,
           paging: LinkCursor = Crud.paging) -> Response:
    """GET of a short list inside a record (variants, addresses...): ``limit``,
    ``since_id`` and ``fields``, no cursor; ``…/count``; one item by ``args["sub"]``."""
    if call.path.endswith("/count"):
        return reply({"count": len(items)})
    child = call.args.get("sub")
    if child is not None:
        found = next((i for i in items if i["id"] == child), None)
        if found is None:
            raise not_found()
        return reply({key: project(found, call.fields)})
    limit = paging.parse({k: v for k, v in call.params.items() if k == "limit"}, "").limit
    since = one_int(call.params, "since_id")
    chosen = [i for i in items if since is None or i["id"] > since][:limit]
    return reply({plural: [project(i, call.fields) for i in chosen]})


__all__ = ["Call", "Crud", "Query", "RailsErrors", "Tenant", "choice", "commit", "common",
           "drafted", "endpoint", "equals", "exactly", "ints", "nested", "not_found",
           "one_int", "parse_fields", "reply"]
