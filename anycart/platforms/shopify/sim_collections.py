"""Custom collections (AnyCart's categories) and the collects that put products in them.

A collection needs a title; its handle is unique (new collections get a suffix, an update to
a taken handle is refused); ``sort_order`` is one of Shopify's eight. A collect links one
existing product to one existing custom collection, once; collects cannot be updated, only
created and deleted. Adding or removing a collect touches the collection (``updated_at`` and
``collections/update``). Deleting a collection or a product deletes its collects.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .sim_crud import Resource
from .sim_http import Ctx, check
from .sim_ids import gid, parse_ts
from .sim_products import unique_handle
from .sim_query import Query, common, equals, exactly, one_int
from .sim_table import Record
from .sim_values import boolean, integer, text
from .sim_webhooks import RESOURCE_TOPICS

SORT_ORDERS = ("alpha-asc", "alpha-desc", "best-selling", "created", "created-desc", "manual",
               "price-asc", "price-desc")
_TOPICS = RESOURCE_TOPICS["custom_collections"]


def _image(src: Any, now: str, errors: dict[str, list[str]]) -> Record | None:
    if not isinstance(src, dict) or not text(src.get("src")).startswith(("http://", "https://")):
        errors.setdefault("image", []).append("is invalid")
        return None
    return {"created_at": now, "alt": src.get("alt"), "width": int(src.get("width") or 1024),
            "height": int(src.get("height") or 1024), "src": text(src["src"])}


def _apply(ctx: Ctx, c: Record, body: Mapping[str, Any], now: str,
           errors: dict[str, list[str]]) -> None:
    if "title" in body:
        c["title"] = text(body["title"])
    if not c["title"]:
        errors["title"] = ["can't be blank"]
    if "body_html" in body:
        c["body_html"] = body["body_html"]
    if "template_suffix" in body:
        c["template_suffix"] = body["template_suffix"]
    if "sort_order" in body:
        if isinstance(body["sort_order"], str) and body["sort_order"] in SORT_ORDERS:
            c["sort_order"] = body["sort_order"]
        else:
            errors["sort_order"] = ["is not included in the list"]
    if "published" in body:
        c["published_at"] = (c["published_at"] or now) if boolean(body["published"], True) \
            else None
    if body.get("published_at"):
        try:
            parse_ts(str(body["published_at"]))
            c["published_at"] = str(body["published_at"])
        except ValueError:
            errors["published_at"] = ["is invalid"]
    if "image" in body:
        image = _image(body["image"], now, errors) if body["image"] else None
        if image is None:
            c.pop("image", None)
        else:
            c["image"] = image


def _product_ids(ctx: Ctx, body: Mapping[str, Any], errors: dict[str, list[str]]) -> list[int]:
    given = body.get("collects")
    out = []
    for src in given if isinstance(given, list) else []:
        pid = integer(errors, "collects", src.get("product_id") if isinstance(src, dict) else None)
        if pid is not None and pid not in ctx.data.products:
            errors.setdefault("collects", []).append(f"Product {pid} does not exist")
        elif pid is not None:
            out.append(pid)
    return out


def _add_collects(ctx: Ctx, cid: int, product_ids: list[int], now: str) -> None:
    members = ctx.data.collection_members(cid)
    position = len(members)
    for pid in product_ids:
        if pid in members:
            continue
        position += 1
        collect_id = ctx.data.ids.next("collect")
        ctx.data.collects[collect_id] = collect_record(collect_id, cid, pid, position, now)
        members = ctx.data.collection_members(cid)


def collect_record(collect_id: int, cid: int, pid: int, position: int, now: str) -> Record:
    return {"id": collect_id, "collection_id": cid, "product_id": pid, "created_at": now,
            "updated_at": now, "position": position, "sort_value": f"{position:010d}"}


def create_collection(ctx: Ctx, body: dict[str, Any]) -> Record:
    now = ctx.shop.stamp()
    cid = ctx.data.ids.next("custom_collection")
    c: Record = {"id": cid, "handle": "", "title": "", "updated_at": now, "body_html": None,
                 "published_at": now, "sort_order": "best-selling", "template_suffix": None,
                 "published_scope": "web", "admin_graphql_api_id": gid("Collection", cid)}
    errors: dict[str, list[str]] = {}
    _apply(ctx, c, body, now, errors)
    c["handle"] = unique_handle(ctx, "custom_collections", body.get("handle"), c["title"], None, errors)
    product_ids = _product_ids(ctx, body, errors)
    check(errors)
    _add_collects(ctx, cid, product_ids, now)
    ctx.data.reindex("custom_collections", "handle", None, c["handle"], cid)
    return c


def update_collection(ctx: Ctx, c: Record, body: dict[str, Any]) -> None:
    now = ctx.shop.stamp(c["updated_at"])
    draft = copy.deepcopy(c)
    errors: dict[str, list[str]] = {}
    _apply(ctx, draft, body, now, errors)
    if "handle" in body:
        draft["handle"] = unique_handle(ctx, "custom_collections", body["handle"], draft["title"], c["id"], errors)
    product_ids = _product_ids(ctx, body, errors)
    check(errors)
    _add_collects(ctx, c["id"], product_ids, now)
    ctx.data.reindex("custom_collections", "handle", c["handle"], draft["handle"], c["id"])
    draft["updated_at"] = now
    c.clear()
    c.update(draft)


def delete_collection(ctx: Ctx, c: Record) -> None:
    for key in list(ctx.data.collects.sorted_keys()):
        if ctx.data.collects.view(key)["collection_id"] == c["id"]:
            del ctx.data.collects[key]
    ctx.data.reindex("custom_collections", "handle", c["handle"], None, c["id"])


def collection_query(ctx: Ctx, params: Mapping[str, str]) -> Query:
    query = common(params, Query(), dates=("updated_at", "published_at"))
    for name in ("title", "handle"):
        if params.get(name):
            query.preds.append(equals(name, params[name]))
    if params.get("product_id"):
        pid = one_int(params, "product_id")
        wanted = {c for c, members in ctx.data.memberships().items() if pid in members}
        query.preds.append(lambda r: r["id"] in wanted)
    status = params.get("published_status") or "any"
    if status in ("published", "unpublished"):
        query.preds.append(lambda r: (r["published_at"] is not None) == (status == "published"))
    return query


COLLECTIONS = Resource("custom_collections", "custom_collection", collection_query,
                       create_collection, update_collection, delete_collection, _TOPICS)


# -- collects -----------------------------------------------------------------------------
def _touch_collection(ctx: Ctx, cid: int) -> None:
    if cid in ctx.data.custom_collections:
        c = ctx.data.custom_collections[cid]
        c["updated_at"] = ctx.shop.stamp(c["updated_at"])
        ctx.data.custom_collections.changed()
        ctx.shop.fire(_TOPICS[1], c)


def create_collect(ctx: Ctx, body: dict[str, Any]) -> Record:
    errors: dict[str, list[str]] = {}
    pid = integer(errors, "product_id", body.get("product_id")) \
        if body.get("product_id") is not None else None
    cid = integer(errors, "collection_id", body.get("collection_id")) \
        if body.get("collection_id") is not None else None
    if pid is None:
        errors.setdefault("product_id", ["can't be blank"])
    elif pid not in ctx.data.products:
        errors["product"] = ["can't be blank"]
    if cid is None:
        errors.setdefault("collection_id", ["can't be blank"])
    elif cid not in ctx.data.custom_collections:
        errors["collection"] = ["can't be blank"]
    if not errors and pid in ctx.data.collection_members(cid or 0):
        errors["product_id"] = ["already exists in this collection"]
    check(errors)
    assert pid is not None and cid is not None
    now = ctx.shop.stamp()
    collect_id = ctx.data.ids.next("collect")
    record = collect_record(collect_id, cid, pid, len(ctx.data.collection_members(cid)) + 1, now)
    _touch_collection(ctx, cid)
    return record


def delete_collect(ctx: Ctx, collect: Record) -> None:
    _touch_collection(ctx, collect["collection_id"])


def collect_query(ctx: Ctx, params: Mapping[str, str]) -> Query:
    query = common(params, Query(), dates=())
    for name in ("collection_id", "product_id"):
        value = one_int(params, name)
        if value is not None:
            query.preds.append(exactly(name, value))
    return query


COLLECTS = Resource("collects", "collect", collect_query, create_collect, None, delete_collect)
