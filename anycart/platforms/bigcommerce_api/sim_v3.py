"""BigCommerce's v3 REST conventions over the resources declared in ``sim_resources.json``:
``{"data", "meta"}`` answers with ``meta.pagination`` (``page``, ``limit`` 1-250, else 422),
``include``/``include_fields``/``exclude_fields``, the filters and sorts of :mod:`.sim_query`;
writes checked as Play JSON reads them (a 422 ``{"status", "title", "type", "errors":
{field: error key}}``), duplicates 409, missing records and parents 404. Catalog and hooks
write one record per request; customers, addresses and shop-wide variants take arrays.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from anycart.sandbox import values
from anycart.sandbox.bodies import Batch
from anycart.sandbox.crud import parse_fields
from anycart.sandbox.declared import declared
from anycart.sandbox.errors import SimError
from anycart.sandbox.jsontypes import problems
from anycart.sandbox.paging import PageMeta
from anycart.sandbox.params import Reader, Wording, json_body
from anycart.sandbox.query import project
from anycart.sandbox.resources import Resource
from anycart.sandbox.table import Record
from anycart.sandbox.tenants import tenant_of

from . import sim_query
from .sim_store import FACTS, RECORDS, RESOURCES, BigCommerceStore

_PAGES = PageMeta("page", "limit", default=50, maximum=250)
_ERR: dict[str, str] = FACTS["field_errors"]


class V3Error(SimError):
    """``{"status", "title", "type"[, "errors"]}``."""

    def __init__(self, status: int, title: str | None = None,
                 errors: Mapping[str, str] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        body: dict[str, Any] = {"status": status,
                                "title": title or FACTS["titles"].get(str(status), ""),
                                "type": FACTS["type"]}
        if errors is not None:
            body["errors"] = dict(errors)
        super().__init__(status, body, headers)


def invalid(errors: Mapping[str, str], title: str | None = None) -> V3Error:
    return V3Error(422, title or FACTS["titles"]["422"], errors)


def render_error(err: SimError) -> Response:
    body = err.body if err.body is not None else V3Error(err.status).body
    return reply(body, err.status, err.headers)


def reply(body: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    if status == 204:
        return Response(status_code=204, headers=dict(headers or {}))
    return Response(json.dumps(body, separators=(",", ":")), status, dict(headers or {}),
                    media_type="application/json")


@dataclass(frozen=True)
class Res:
    """One v3 collection, as ``sim_resources.json`` declares it."""

    name: str
    path: str
    template: str
    table: str = ""  # the table it shows (another resource's: shop-wide variants)
    parent: tuple[str, str] | None = None
    scope: str | None = None  # webhook scope prefix: store/product
    webhook: str | None = None  # the payload's data.type when the resource itself fires
    required: tuple[str, ...] = ()
    unique: dict[str, str] = field(default_factory=dict)
    choices: dict[str, list[str]] = field(default_factory=dict)
    sorts: tuple[str, ...] = ("id",)
    includes: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    dates: tuple[str, ...] = ("date_modified",)
    batch: bool = False
    delete_answers: bool = False
    owner: str | None = None  # the field naming the record it belongs to (an address')
    items: dict[str, str] = field(default_factory=dict)  # the JSON type of a list's items
    methods: tuple[str, ...] | None = None  # the collection's verbs, when not the usual
    batch_max: int = 10
    inline_sort: bool = False  # sort=<field>:asc|desc taken for any sortable field (v2)
    v2: bool = False  # served by the v2 API (:mod:`.sim_v2`)
    #: what a push carries beyond {type, id}: {"address": {"customer_id": "customer_id"}}
    push: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def link(self) -> str | None:
        return self.parent[1] if self.parent else self.owner

    @classmethod
    @cache
    def declared(cls, name: str) -> Res:
        return declared(cls, {"name": name, "table": name, **RESOURCES[name]})


# -- request values ---------------------------------------------------------------------------
#: v3's texts; a range error is titled with the value (``Invalid limit: 500``)
_READ = Reader(lambda bad: invalid({bad.param: bad.message}, f"Invalid {bad.param}: {bad.raw}"
                                   if bad.kind == "range" else None),
               Wording(integer="{name} must be an integer",
                       between="{name} must be between {low} and {high}",
                       at_least="{name} must be at least {low}"))
number = _READ.integer


def _bad(name: str) -> V3Error:
    return invalid({name: "Invalid value"}, f"The filter(s): {name} are not valid.")


def select(store: BigCommerceStore, res: Res, params: Mapping[str, str],
           parent: int | None) -> list[Record]:
    """The records a list shows, filtered and sorted (:mod:`.sim_query`)."""
    below = (res.parent[1], parent) if res.parent is not None and parent is not None else None
    return sim_query.select(store.data.table(res.table), res, params, _bad, below)


def render(store: BigCommerceStore, res: Res, record: Record, params: Mapping[str, str]
           ) -> Record:
    """The record as answered: ``include``d sub-resources, ``include_fields`` and
    ``exclude_fields`` applied (``id`` always kept)."""
    out = copy.deepcopy(record)
    if res.link is not None and res.link not in RECORDS[res.template].fields:
        del out[res.link]  # kept to find the owner, not answered (a custom field's product)
    for name in filter(None, params.get("include", "").split(",")):
        child = res.includes.get(name.strip())
        if child is not None:
            sub = Res.declared(child)
            rows = [render(store, sub, r, {}) for r in children(store, sub, record["id"])]
            out[name] = rows if name != "primary_image" else next(
                (r for r in rows if r["is_thumbnail"]), rows[0] if rows else None)
    return project(out, parse_fields(params.get("include_fields")),
                   always=("id", *res.includes),
                   drop=set(parse_fields(params.get("exclude_fields")) or ()) - {"id"})


def children(store: BigCommerceStore, res: Res, parent: int) -> list[Record]:
    return store.owned(res.table, parent)


def page_of(request: Request, records: list[Record], params: Mapping[str, str],
            render_one: Callable[[Record], Record]) -> Response:
    window = _PAGES.window(params, _READ)
    return reply({"data": [render_one(r) for r in window.of(records)], "meta": {
        "pagination": _PAGES.meta(request.query_params, window, len(records))}})


# -- writes -------------------------------------------------------------------------------------
def slug(text: str) -> str:
    return values.slug(text, "")


def check(res: Res, body: Any, creating: bool, prefix: str = "") -> dict[str, str]:
    """The field errors of a body (strict JSON types, as Play JSON reads them)."""
    if not isinstance(body, dict):
        return {prefix or "body": _ERR["object"]}
    found = problems(body, RECORDS[res.template].fields, prefix, strict=True, nested=False,
                     required=res.required if creating else (), choices=res.choices,
                     items=res.items, joined=str.__add__)
    return {label: _ERR[kind] for label, kind in found.items()}


def written(res: Res, record: Record, body: Mapping[str, Any]) -> None:
    """The body's known fields into the record (objects merged, ``id`` kept, an integral
    number stored as the int its field is)."""
    template = RECORDS[res.template].fields
    for name, value in body.items():
        if isinstance(template.get(name), int) and isinstance(value, float):
            value = int(value)
        if name in template and name != "id":
            current = record.get(name)
            record[name] = {**current, **value} if isinstance(current, dict) and isinstance(
                value, dict) else value


def unique(store: BigCommerceStore, res: Res, record: Record) -> None:
    table = store.data.table(res.table)
    for name, message in res.unique.items():
        other = table.index(name).get(record.get(name))
        if other is not None and other != record["id"]:
            raise V3Error(409, message, {name: message})


async def body_of(request: Request) -> Any:
    return await json_body(request, lambda: V3Error(400, "The request body is not valid JSON."))


#: (store, resource, record, body, created) -> None: a resource's own rules after a write
Hook = Callable[[BigCommerceStore, Res, Record, dict[str, Any], bool], None]


@dataclass
class Served:
    """What the generic handlers call per resource: the rules of each kind (``hooks``) and
    what a change announces."""

    hooks: dict[str, Hook] = field(default_factory=dict)

    def save(self, store: BigCommerceStore, res: Res, body: dict[str, Any],
             record: Record | None, parent: int | None) -> Record:
        errors = check(res, body, record is None)
        if errors:
            raise invalid(errors)
        table = store.data.table(res.table)
        created = record is None
        draft = RECORDS[res.template].make(id=table.next_id) if record is None \
            else copy.deepcopy(record)
        if res.parent is not None and created:
            draft[res.parent[1]] = parent
        written(res, draft, body)
        stamp = store.stamp()
        for name in ("date_created", "date_modified"):
            if name in draft and (name == "date_modified" or created):
                draft[name] = stamp
        if res.table in self.hooks:
            self.hooks[res.table](store, res, draft, body, created)
        unique(store, res, draft)
        store.put(res.table, draft)
        self.announce(store, res, draft, "created" if created else "updated")
        return draft

    @staticmethod
    def announce(store: BigCommerceStore, res: Res, record: Record, event: str) -> None:
        if res.scope is None:
            return
        if res.webhook is not None:
            store.fire(f"{res.scope}/{event}", res.webhook, record["id"], **{
                name: {k: record[v] for k, v in fields.items()}
                for name, fields in res.push.items()})
        elif res.link is not None:  # a product's part changed: the product is updated
            store.fire(f"{res.scope}/updated", res.scope.split("/")[1], record[res.link])

    def delete(self, store: BigCommerceStore, res: Res, record: Record) -> None:
        table = store.data.table(res.table)
        del table[record["id"]]
        for name, spec in RESOURCES.items():  # the record's parts go with it
            if spec.get("parent", [None])[0] == res.name:
                for part in store.owned(name, record["id"]):
                    del store.data.table(name)[part["id"]]
        self.announce(store, res, record, "deleted")


def _find(store: BigCommerceStore, res: Res, key: int, parent: int | None) -> Record:
    table = store.data.table(res.table)
    if key not in table or (res.parent is not None and table.peek(key)[res.parent[1]] != parent):
        raise V3Error(404)
    return table[key]


def _parent(store: BigCommerceStore, res: Res, request: Request) -> int | None:
    if res.parent is None:
        return None
    pid: int = request.path_params[res.parent[1]]
    if pid not in store.data.table(res.parent[0]):
        raise V3Error(404)
    return pid


def routes(res: Res, served: Served) -> list[Route]:
    """The routes of one v3 resource."""
    async def collection(request: Request) -> Response:
        store: BigCommerceStore = tenant_of(request)
        params = dict(request.query_params)
        parent = _parent(store, res, request)
        if request.method == "GET":
            return page_of(request, select(store, res, params, parent),
                           params, lambda r: render(store, res, r, params))
        if request.method == "DELETE":
            if not any(k.startswith("id") for k in params):
                raise invalid({"id:in": _ERR["missing"]})
            for record in list(select(store, res, params, parent)):
                served.delete(store, res, record)
            return reply(None, 204)
        body = await body_of(request)
        if not res.batch:
            record = served.save(store, res, body if isinstance(body, dict) else {}, None,
                                 parent) if isinstance(body, dict) else _not_object()
            return reply({"data": render(store, res, record, params), "meta": {}})
        return reply({"data": _batch(store, res, served, body, request.method == "POST"),
                      "meta": {}})

    async def item(request: Request) -> Response:
        store: BigCommerceStore = tenant_of(request)
        params = dict(request.query_params)
        parent = _parent(store, res, request)
        record = _find(store, res, request.path_params["key"], parent)
        if request.method == "GET":
            return reply({"data": render(store, res, record, params), "meta": {}})
        if request.method == "DELETE":
            served.delete(store, res, record)
            return reply({"data": record, "meta": {}}) if res.delete_answers \
                else reply(None, 204)
        body = await body_of(request)
        if not isinstance(body, dict):
            _not_object()
        saved = served.save(store, res, body, record, parent)
        return reply({"data": render(store, res, saved, params), "meta": {}})

    methods = dict.fromkeys(res.methods or (("GET", "POST", "PUT", "DELETE") if res.batch
                                            else ("GET", "POST") if res.parent
                                            else ("GET", "POST", "DELETE")), collection)
    item_methods = {} if res.batch else dict.fromkeys(("GET", "PUT", "DELETE"), item)
    return Resource(res.path, methods, item=item_methods, id="{key:int}").routes()


def _not_object() -> Any:
    raise invalid({"body": _ERR["object"]})


def _batch(store: BigCommerceStore, res: Res, served: Served, body: Any, create: bool
           ) -> list[Record]:
    """Customers and addresses: an array of up to 10, all checked before any is written."""
    body = Batch(res.batch_max, lambda name: invalid({name: _ERR["array"]}), lambda n: V3Error(
        413, f"You can create or update at most {n} at a time.")).items(body)
    table = store.data.table(res.table)
    errors: dict[str, str] = {}
    for n, item in enumerate(body):
        errors.update(check(res, item, create, f"[{n}]."))
        if not create and isinstance(item, dict) and item.get("id") not in table:
            errors[f"[{n}].id"] = "error.path.missing" if "id" not in item else "Not found"
    if errors:
        raise invalid(errors)
    return [render(store, res, served.save(store, res, item, None if create else
                                           table[item["id"]], None), {})
            for item in body]
