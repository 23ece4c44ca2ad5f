"""The endpoints below a product: ``products/{id}/variants``, ``variants/{id}`` and
``products/{id}/images``.

Each change is made on a copy of the product and only kept when valid, then bumps the
product's ``updated_at`` and fires ``products/update``, as Shopify does for variant and image
changes. Variant writes refuse ``inventory_quantity`` (use the inventory levels).
"""

from __future__ import annotations

import copy

from .sim_crud import sub_list
from .sim_http import Answer, ApiError, Ctx, check, not_found
from .sim_products import (
    apply_variant,
    blank_variant,
    commit_children,
    link_images,
    new_image,
    refresh,
    refuse_stock_writes,
    resolve_options,
)
from .sim_query import parse_fields, project
from .sim_table import Record
from .sim_values import integer
from .sim_webhooks import RESOURCE_TOPICS

_UPDATE = RESOURCE_TOPICS["products"][1]


def _product(ctx: Ctx, pid: int) -> Record:
    if pid not in ctx.data.products:
        raise not_found()
    return ctx.data.products.peek(pid)


def _changed(ctx: Ctx, product: Record, now: str) -> None:
    product["updated_at"] = now
    refresh(product)
    ctx.data.products.changed()
    ctx.shop.fire(_UPDATE, product)


def variants(ctx: Ctx, pid: int, vid: int | None, count: bool) -> Answer:
    """``products/{id}/variants[/count|/{vid}].json`` and ``variants/{vid}.json``."""
    if vid is not None and pid == 0:  # variants/{vid}.json
        found = ctx.data.find_variant(vid)
        if found is None:
            raise not_found()
        pid = found[0]
    product = _product(ctx, pid)
    if count:
        return Answer(200, {"count": len(product["variants"])})
    if ctx.method == "GET":
        if vid is None:
            return sub_list(ctx, "variants", product["variants"])
        for v in product["variants"]:
            if v["id"] == vid:
                return Answer(200, {"variant": project(v, parse_fields(ctx.params.get("fields")))})
        raise not_found()
    body = ctx.payload("variant") if ctx.method in ("POST", "PUT") else {}
    refuse_stock_writes(body)
    product = ctx.data.products[pid]
    draft = copy.deepcopy(product)
    now = ctx.shop.stamp(product["updated_at"])
    errors: dict[str, list[str]] = {}
    if ctx.method == "POST" and vid is None:
        v = blank_variant(ctx, pid, now)
        apply_variant(v, body, errors)
        draft["variants"].append(v)
        status, target = 201, v
    elif ctx.method in ("PUT", "DELETE") and vid is not None:
        found = next((v for v in draft["variants"] if v["id"] == vid), None)
        if found is None:
            raise not_found()
        target = found
        if ctx.method == "DELETE":
            draft["variants"].remove(target)
        else:
            apply_variant(target, body, errors)
            target["updated_at"] = now
        status = 200
    else:
        raise ApiError(405, {"errors": "Method Not Allowed"})
    draft["options"] = resolve_options(ctx, pid, product["options"], None, draft["variants"],
                                       errors)
    link_images(draft, {}, errors)
    check(errors)
    commit_children(ctx, pid, product, draft, now)
    product.clear()
    product.update(draft)
    _changed(ctx, product, now)
    return Answer(status, {} if ctx.method == "DELETE" else {"variant": target})


def images(ctx: Ctx, pid: int, iid: int | None, count: bool) -> Answer:
    """``products/{id}/images[/count|/{iid}].json``."""
    product = _product(ctx, pid)
    if count:
        return Answer(200, {"count": len(product["images"])})
    if ctx.method == "GET":
        if iid is None:
            return sub_list(ctx, "images", product["images"])
        for image in product["images"]:
            if image["id"] == iid:
                return Answer(200, {"image": project(image, parse_fields(ctx.params.get("fields")))})
        raise not_found()
    body = ctx.payload("image") if ctx.method in ("POST", "PUT") else {}
    product = ctx.data.products[pid]
    draft = copy.deepcopy(product)
    now = ctx.shop.stamp(product["updated_at"])
    errors: dict[str, list[str]] = {}
    position = integer(errors, "position", body["position"]) if "position" in body else None
    check(errors)
    if ctx.method == "POST" and iid is None:
        target = new_image(ctx, pid, body, len(draft["images"]) + 1, now, errors)
        check(errors)
        assert target is not None
        draft["images"].insert(max(0, (position or len(draft["images"]) + 1) - 1), target)
        status = 201
    elif ctx.method in ("PUT", "DELETE") and iid is not None:
        target = next((i for i in draft["images"] if i["id"] == iid), None)
        if target is None:
            raise not_found()
        status = 200
        if ctx.method == "DELETE":
            draft["images"].remove(target)
        else:
            target.update({k: body[k] for k in ("alt", "src") if k in body})
            target["updated_at"] = now
            if position is not None:
                draft["images"].remove(target)
                draft["images"].insert(max(0, position - 1), target)
    else:
        raise ApiError(405, {"errors": "Method Not Allowed"})
    for pos, image in enumerate(draft["images"], 1):
        image["position"] = pos
    wanted = {target["id"]: body["variant_ids"]} if "variant_ids" in body else {}
    link_images(draft, wanted, errors)
    check(errors)
    commit_children(ctx, pid, product, draft, now)
    product.clear()
    product.update(draft)
    _changed(ctx, product, now)
    return Answer(status, {} if ctx.method == "DELETE" else {"image": target})
