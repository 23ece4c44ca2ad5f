"""BigCommerce's v3 REST conventions over the resources declared in ``sim_resources.json``:
``{"data", "meta"}`` answers with ``meta.pagination`` (``page``, ``limit`` 1-250, else 422),
``include``/``include_fields``/``exclude_fields``, the filters and sorts of :func:`select`;
writes checked as Play JSON reads them (a 422 ``{"status", "title", "type", "errors":
{field: error key}}``), duplicates 409, missing records and parents 404. Catalog and hooks
write one record per request; customers, addresses and shop-wide variants take arrays.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from anycart.sandbox import crud, filtering, served
from anycart.sandbox.bodies import Batch
from anycart.sandbox.crud import parse_fields
from anycart.sandbox.declared import declared
from anycart.sandbox.errors import SimError
from anycart.sandbox.filtering import DATE_FAMILY, ID_FAMILY, family
from anycart.sandbox.jsontypes import problems, written
from anycart.sandbox.paging import PageMeta
from anycart.sandbox.params import Reader, Wording
from anycart.sandbox.query import get_path, project
from anycart.sandbox.served import Hit
from anycart.sandbox.table import Record

from .sim_store import FACTS, RECORDS, RESOURCES
from .sim_store import BigCommerceStore as Store

Body = dict[str, Any]
_PAGES = PageMeta("page", "limit", default=50, maximum=250)
_ERR: dict[str, str] = FACTS["field_errors"]


class V3Error(SimError):
    """``{"status", "title", "type"[, "errors"]}``."""

    def __init__(self, status: int, title: str | None = None,
                 errors: Mapping[str, str] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        body: Body = {"status": status, "title": title or FACTS["titles"].get(str(status), ""),
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
    return crud.reply(body, status, headers, "application/json")


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


Fail = Callable[[str], SimError]


def _bad(name: str) -> V3Error:
    return invalid({name: "Invalid value"}, f"The filter(s): {name} are not valid.")


def _value(record: Record, path: str) -> Any:
    if path == "name" and "name" not in record:  # customers and addresses: the full name
        return f"{record.get('first_name', '')} {record.get('last_name', '')}"
    return get_path(record, path)


def sort_of(res: Res, params: Mapping[str, str], fail: Fail) -> tuple[str, bool]:
    """(field, descending): ``sort=<field>`` with ``direction``, or ``<field>:asc|desc`` in
    one value (v2 orders; customers take only that form, as their declared sorts list)."""
    given = params.get("sort", "id")
    field, _, inline = given.partition(":")
    if given not in res.sorts and not (res.inline_sort and field in res.sorts
                                       and inline in ("", "asc", "desc")):
        raise fail("sort")
    direction = (inline or params.get("direction", "asc")).lower()
    if direction not in ("asc", "desc"):
        raise fail("direction")
    return field, direction == "desc"


def select(store: Store, res: Res, params: Mapping[str, str],
           parent: int | None = None, fail: Fail = _bad) -> list[Record]:
    """The records a list shows (only one parent's, a product's variants, with ``parent``):
    the filters ``res`` declares (parameter -> [op, record path], the ops of
    :func:`anycart.sandbox.query.predicate`), on v3 the id and date families too, sorted.
    A value that does not read is ``fail(parameter)``: v3's 422, v2's 400."""
    declared = {**res.filters}
    if not res.v2:
        declared.update(family("id", ID_FAMILY))
        for name in res.dates:
            declared.update(family(name, DATE_FAMILY))
    below = (res.parent[1], parent) if res.parent is not None and parent is not None else None
    return filtering.select(store.data.table(res.table), declared, params, fail,
                            sort=sort_of(res, params, fail), dates=res.dates, below=below,
                            value=_value)


def render(store: Store, res: Res, record: Record, params: Mapping[str, str]) -> Record:
    """The record as answered: ``include``d sub-resources, ``include_fields`` and
    ``exclude_fields`` applied (``id`` always kept)."""
    out = copy.deepcopy(record)
    if res.link is not None and res.link not in RECORDS[res.template].fields:
        del out[res.link]  # kept to find the owner, not answered (a custom field's product)
    for name in filter(None, params.get("include", "").split(",")):
        child = res.includes.get(name.strip())
        if child is not None:
            sub = Res.declared(child)
            rows = [render(store, sub, r, {}) for r in store.owned(sub.table, record["id"])]
            out[name] = rows if name != "primary_image" else next(
                (r for r in rows if r["is_thumbnail"]), rows[0] if rows else None)
    return project(out, parse_fields(params.get("include_fields")),
                   always=("id", *res.includes),
                   drop=set(parse_fields(params.get("exclude_fields")) or ()) - {"id"})


def page_of(request: Request, records: list[Record], params: Mapping[str, str],
            render_one: Callable[[Record], Record]) -> Response:
    window = _PAGES.window(params, _READ)
    return reply({"data": [render_one(r) for r in window.of(records)], "meta": {
        "pagination": _PAGES.meta(request.query_params, window, len(records))}})


# -- writes -------------------------------------------------------------------------------------
def check(res: Res, body: Any, creating: bool, prefix: str = "") -> dict[str, str]:
    """The field errors of a body (strict JSON types, as Play JSON reads them)."""
    if not isinstance(body, dict):
        return {prefix or "body": _ERR["object"]}
    found = problems(body, RECORDS[res.template].fields, prefix, strict=True, nested=False,
                     required=res.required if creating else (), choices=res.choices,
                     items=res.items, joined=str.__add__)
    return {label: _ERR[kind] for label, kind in found.items()}


#: (store, resource, record, body, created) -> None: a resource's own rules after a write
Hook = Callable[[Store, Res, Record, Body, bool], None]


@dataclass
class Served(served.Served[Store, Res]):
    """The kit's steps as v3 takes them: the rules of each kind (``hooks``), declared
    uniqueness (409), the product announced when one of its parts changes."""

    hooks: dict[str, Hook] = field(default_factory=dict)

    def below(self, res: Res) -> served.Below | None:
        return None if res.parent is None else served.Below(*res.parent, res.parent[1])

    def missing(self, res: Res, parent: bool) -> SimError:
        return V3Error(404)

    def parts(self, res: Res) -> list[tuple[str, str]]:
        return [(name, spec["parent"][1]) for name, spec in RESOURCES.items()
                if spec.get("parent", [None])[0] == res.name]

    def check(self, store: Store, res: Res, body: Body, created: bool) -> None:
        errors = check(res, body, created)
        if errors:
            raise invalid(errors)

    def blank(self, store: Store, res: Res) -> Record:
        return RECORDS[res.template].make(id=self.table(store, res).next_id)

    def write(self, store: Store, res: Res, draft: Record, body: Body) -> None:
        written(draft, body, RECORDS[res.template].fields)

    def stamp(self, store: Store, res: Res, draft: Record, body: Body,
              created: bool, when: Any) -> None:
        stamp = store.stamp()
        for name in ("date_created", "date_modified"):
            if name in draft and (name == "date_modified" or created):
                draft[name] = stamp

    def rules(self, store: Store, res: Res, draft: Record, body: Body, created: bool) -> None:
        if res.table in self.hooks:
            self.hooks[res.table](store, res, draft, body, created)

    def unique(self, store: Store, res: Res, draft: Record) -> None:
        for name, message in res.unique.items():
            other = self.table(store, res).index(name).get(draft.get(name))
            if other is not None and other != draft["id"]:
                raise V3Error(409, message, {name: message})

    def store(self, store: Store, res: Res, draft: Record) -> None:
        store.put(res.table, draft)

    def announce(self, store: Store, res: Res, record: Record, event: str) -> None:
        if res.scope is None:
            return
        if res.webhook is not None:
            store.fire(f"{res.scope}/{event}", res.webhook, record["id"], **{
                name: {k: record[v] for k, v in fields.items()}
                for name, fields in res.push.items()})
        elif res.link is not None:  # a product's part changed: the product is updated
            store.fire(f"{res.scope}/updated", res.scope.split("/")[1], record[res.link])

    def unreadable(self) -> SimError:
        return V3Error(400, "The request body is not valid JSON.")


_Hit = Hit[Store, Res]


async def _listing(hit: _Hit) -> Response:
    store, res, params, parent = hit.store, hit.res, hit.params, hit.parent
    return page_of(hit.request, select(store, res, params, parent), params,
                   lambda r: render(store, res, r, params))


async def _delete_listed(hit: _Hit) -> Response:
    if not any(k.startswith("id") for k in hit.params):
        raise invalid({"id:in": _ERR["missing"]})
    for record in list(select(hit.store, hit.res, hit.params, hit.parent)):
        hit.served.delete(hit.store, hit.res, record)
    return reply(None, 204)


async def _write(hit: _Hit) -> Response:
    """A new record (collection path) or the item path's record changed; arrays in bulk."""
    body, res = await hit.body(), hit.res
    if res.batch:
        return _answer(_batch(hit.store, res, hit.served, body, hit.request.method == "POST"))
    if not isinstance(body, dict):
        raise invalid({"body": _ERR["object"]})
    saved = hit.served.save(hit.store, res, body, hit.record, hit.parent)
    return _answer(render(hit.store, res, saved, hit.params))


async def _one(hit: _Hit) -> Response:
    return _answer(render(hit.store, hit.res, hit.found, hit.params))


async def _delete_one(hit: _Hit) -> Response:
    hit.served.delete(hit.store, hit.res, hit.found)
    return _answer(hit.found) if hit.res.delete_answers else reply(None, 204)


def _answer(data: Any) -> Response:
    return reply({"data": data, "meta": {}})


def routes(res: Res, served: Served) -> list[Route]:
    """The routes of one v3 resource."""
    handlers = {"GET": _listing, "POST": _write, "PUT": _write, "DELETE": _delete_listed}
    verbs = res.methods or (("GET", "POST", "PUT", "DELETE") if res.batch else
                            ("GET", "POST") if res.parent else ("GET", "POST", "DELETE"))
    item = {} if res.batch else {"GET": _one, "PUT": _write, "DELETE": _delete_one}
    return served.routes(res, res.path, {v: handlers[v] for v in verbs}, item)


def _batch(store: Store, res: Res, served: served.Served[Store, Res],
           body: Any, create: bool) -> list[Record]:
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
