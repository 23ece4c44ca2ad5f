"""The list / count / get / create / update / delete pattern every top-level resource shares.

A :class:`Resource` names its table, its JSON keys, how its list is filtered and how a body
becomes (or changes) a record; the handlers here add what is common: ``fields``, paging and
the ``Link`` header, 201/200 answers, ``{}`` after a delete, and the webhook topics.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .sim_http import Answer, Ctx, not_found
from .sim_query import Query, count, link_header, listing, page, parse_fields, project
from .sim_table import Record, Table

QueryFn = Callable[[Ctx, Mapping[str, str]], Query]
CreateFn = Callable[[Ctx, dict[str, Any]], Record]
UpdateFn = Callable[[Ctx, Record, dict[str, Any]], None]
DeleteFn = Callable[[Ctx, Record], None]


@dataclass(frozen=True)
class Resource:
    path: str  # URL segment and ShopData table name, e.g. "custom_collections"
    key: str  # JSON key of one record, e.g. "custom_collection"
    query: QueryFn
    create: CreateFn | None = None
    update: UpdateFn | None = None
    delete: DeleteFn | None = None
    topics: tuple[str, str, str] | None = None  # create, update, delete

    def table(self, ctx: Ctx) -> Table:
        return ctx.data.table(self.path)


def list_records(ctx: Ctx, res: Resource, extra: Query | None = None) -> Answer:
    lst = listing(ctx)
    table = res.table(ctx)
    query = res.query(ctx, lst.filters)
    if extra is not None:
        query.preds.extend(extra.preds)
    keys, has_prev, has_next = page(table, query, lst.limit, lst.direction, lst.cursor)
    body = {res.path: [project(table.peek(k), lst.fields) for k in keys]}
    headers: dict[str, str] = {}
    link = link_header(ctx, lst, keys[0] if keys else lst.cursor,
                       keys[-1] if keys else lst.cursor, has_prev and bool(keys),
                       has_next and bool(keys))
    if link:
        headers["Link"] = link
    return Answer(200, body, headers)


#: Parameters of a list that no ``<resource>/count.json`` takes: Shopify ignores them there
#: (and counts every record), so a count by ids has to list the ids.
_NOT_COUNT_PARAMS = ("limit", "fields", "page_info", "ids", "since_id")


def count_records(ctx: Ctx, res: Resource, extra: Query | None = None) -> Answer:
    params = {k: v for k, v in ctx.params.items() if k not in _NOT_COUNT_PARAMS}
    query = res.query(ctx, params)
    if extra is not None:
        query.preds.extend(extra.preds)
    return Answer(200, {"count": count(res.table(ctx), query)})


def get_record(ctx: Ctx, res: Resource, rid: int) -> Answer:
    table = res.table(ctx)
    if rid not in table:
        raise not_found()
    return Answer(200, {res.key: project(table.peek(rid), parse_fields(ctx.params.get("fields")))})


def create_record(ctx: Ctx, res: Resource) -> Answer:
    assert res.create is not None
    record = res.create(ctx, ctx.payload(res.key))
    res.table(ctx)[record["id"]] = record
    if res.topics:
        ctx.shop.fire(res.topics[0], record)
    return Answer(201, {res.key: record})


def update_record(ctx: Ctx, res: Resource, rid: int) -> Answer:
    assert res.update is not None
    table = res.table(ctx)
    if rid not in table:
        raise not_found()
    changes = ctx.payload(res.key)
    record = table[rid]
    res.update(ctx, record, changes)
    table.changed()
    if res.topics:
        ctx.shop.fire(res.topics[1], record)
    return Answer(200, {res.key: record})


def delete_record(ctx: Ctx, res: Resource, rid: int) -> Answer:
    table = res.table(ctx)
    if rid not in table:
        raise not_found()
    if res.delete is not None:
        res.delete(ctx, table.peek(rid))
    del table[rid]
    if res.topics:
        ctx.shop.fire(res.topics[2], {"id": rid})
    return Answer(200, {})


def sub_list(ctx: Ctx, plural: str, items: list[Record]) -> Answer:
    """A nested list (variants, images, addresses, fulfillments, refunds): ``limit``,
    ``since_id`` and ``fields``; these lists are short, so no cursor paging."""
    from .sim_query import one_int, parse_limit

    limit = parse_limit(ctx.params)
    since = one_int(ctx.params, "since_id")
    fields = parse_fields(ctx.params.get("fields"))
    chosen = [i for i in items if since is None or i["id"] > since][:limit]
    return Answer(200, {plural: [project(i, fields) for i in chosen]})
