"""Category trees (v3 ``/catalog/trees``): the store's one tree (channel 1) holds every
category; ``/catalog/trees/categories`` is the same category table seen with ``category_id``,
``tree_id`` and ``url`` {path, is_customized}, written in arrays (POST 201, PUT 200, DELETE
202 with ``meta`` {total, success, failed}); ``/catalog/trees/{id}/categories`` is the nested
tree of nodes (``depth``, ``path`` of ancestor ids, ``children``)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute

from anycart.sandbox.resources import route
from anycart.sandbox.table import Record
from anycart.sandbox.tenants import tenant_of

from .sim_rules import SERVED
from .sim_store import BigCommerceStore
from .sim_v3 import Res, V3Error, invalid, page_of, render, reply, select

_CATEGORIES = Res.declared("categories")
_RENAMED = {"category_id:in": "id:in", "category_id:not_in": "id:not_in",
            "parent_id:in": "parent_id:in", "include_fields": "include_fields"}


def _viewed(store: BigCommerceStore, record: Record, params: dict[str, str]) -> Record:
    out = render(store, _CATEGORIES, record, params)
    url = out.pop("custom_url", None)
    out = {"category_id": out.pop("id", record["id"]), "tree_id": 1, **out}
    if url is not None:
        out["url"] = {"path": url["url"], "is_customized": url["is_customized"]}
    return out


def _in_tree(params: dict[str, str]) -> dict[str, str]:
    trees = params.get("tree_id:in")
    if trees is not None and "1" not in trees.split(","):
        return {"id:in": "0"}  # another tree holds nothing
    return {_RENAMED.get(k, k): v for k, v in params.items() if k != "tree_id:in"}


def _written(body: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in body.items() if k not in ("category_id", "tree_id", "url")}
    if isinstance(body.get("url"), dict):
        out["custom_url"] = {"url": body["url"].get("path", ""),
                             "is_customized": bool(body["url"].get("is_customized", True))}
    return out


async def categories(request: Request) -> Response:
    """The trees API puts a 422 inside ``{"errors": {...}, "meta": {...}}``."""
    try:
        return await _categories(request)
    except V3Error as err:
        if err.status != 422:
            raise
        return reply({"errors": err.body, "meta": {"total": 0, "success": 0, "failed": 0}},
                     422)


async def _categories(request: Request) -> Response:
    store: BigCommerceStore = tenant_of(request)
    params = _in_tree(dict(request.query_params))
    if request.method == "GET":
        return page_of(request, select(store, _CATEGORIES, params, None), params,
                       lambda r: _viewed(store, r, params))
    if request.method == "DELETE":
        if not any(k in request.query_params for k in ("category_id:in", "tree_id:in",
                                                        "parent_id:in")):
            raise invalid({"category_id:in": "error.path.missing"})
        gone = list(select(store, _CATEGORIES, params, None))
        for record in gone:
            SERVED.delete(store, _CATEGORIES, record)
        return _meta(len(gone), 202)
    body = await SERVED.read(request)
    if not isinstance(body, list) or not all(isinstance(b, dict) for b in body):
        raise invalid({"body": "error.expected.jsarray"})
    if request.method == "POST":
        made = [SERVED.save(store, _CATEGORIES, _written(b), None, None) for b in body]
        return _meta(len(made), 201, [_viewed(store, r, {}) for r in made])
    for item in body:
        if item.get("category_id") not in store.data.categories:
            raise V3Error(404)
        SERVED.save(store, _CATEGORIES, _written(item),
                    store.data.categories[item["category_id"]], None)
    return _meta(len(body), 200)


def _meta(n: int, status: int, data: list[Record] | None = None) -> Response:
    body: dict[str, Any] = {"meta": {"total": n, "success": n, "failed": 0}}
    return reply({"data": data, **body} if data is not None else body, status)


def trees(request: Request) -> Response:
    tree = tenant_of(request).data.trees.peek(1)
    return reply({"data": [tree], "meta": {"pagination": {
        "total": 1, "count": 1, "per_page": 50, "current_page": 1, "total_pages": 1}}})


def tree(request: Request) -> Response:
    store: BigCommerceStore = tenant_of(request)
    if request.path_params["tree_id"] != 1:
        raise V3Error(404)
    rows = [store.data.categories.peek(k) for k in store.data.categories.sorted_keys()]

    def nodes(parent: int, path: list[int]) -> list[Record]:
        return [{"id": r["id"], "parent_id": parent, "depth": len(path) + 1, "path": path,
                 "name": r["name"], "is_visible": r["is_visible"], "url": r["custom_url"]["url"],
                 "children": nodes(r["id"], [*path, r["id"]])}
                for r in rows if r["parent_id"] == parent]
    return reply({"data": nodes(0, []), "meta": {}})


TREE_ROUTES: list[BaseRoute] = [
    route("/catalog/trees/categories", dict.fromkeys(("GET", "POST", "PUT", "DELETE"),
                                                     categories)),
    route("/catalog/trees", {"GET": trees}),
    route("/catalog/trees/{tree_id:int}/categories", {"GET": tree}),
]
