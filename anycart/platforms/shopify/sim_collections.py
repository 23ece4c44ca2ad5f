"""Custom collections (AnyCart's categories), the collects putting products in them, and
smart collections (products chosen by a rule set).

A collection needs a title; its handle is unique among both kinds; ``sort_order`` is one of Shopify's eight.
A collect links an existing product to an existing custom collection once, and is only
created or deleted, touching the collection (``collections/update``). Deleting a
collection or a product deletes its collects. A smart collection holds no collects: its
``rules`` (``disjunctive``: any of them, else all) say which products it holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anycart.sandbox import values as v_
from anycart.sandbox.forms import Form, Slug
from anycart.sandbox.table import Record
from anycart.sandbox.values import Errors

from .sim_store import RECORDS, RESOURCE_TOPICS, UNLISTED, Crud, Ctx, new_id, stamp

SORT_ORDERS = ("alpha-asc", "alpha-desc", "best-selling", "created", "created-desc", "manual",
               "price-asc", "price-desc")
_TOPICS = RESOURCE_TOPICS["custom_collections"]


def _publishing(ctx: Ctx, c: Record, body: Mapping[str, Any], errors: Errors) -> None:
    if "published" in body:
        c["published_at"] = (c["published_at"] or c["updated_at"]) \
            if v_.boolean(body["published"], True) else None


def collect_record(collect_id: int, cid: int, pid: int, position: int, now: str) -> Record:
    return RECORDS["collect"].make(id=collect_id, collection_id=cid, product_id=pid,
                                   created_at=now, position=position)


def _add_collects(ctx: Ctx, stored: Record | None, c: Record, body: Mapping[str, Any]) -> None:
    def make(cid: int, pid: int, position: int) -> Record:
        return collect_record(ctx.data.ids.next("collect"), cid, pid, position, now)
    now = c["updated_at"]
    # ``collects: [{"product_id"}]``: products collectionCreate found in the shop
    ctx.data.links.add(c["id"], [src["product_id"] for src in body.get("collects") or []], make)


def delete_collection(ctx: Ctx, c: Record) -> None:
    ctx.data.links.drop("collection_id", c["id"])


FORM = Form("custom_collections", RECORDS["custom_collection"], rules={
    "title": v_.stripped, "body_html": v_.raw, "template_suffix": v_.raw,
    "sort_order": v_.one_of(*SORT_ORDERS)}, required=("title",), slug=Slug(shared=("smart_collections",)),
    hooks=(_publishing,), kept=_add_collects, start=new_id("custom_collection"),
    stamp=stamp)


COLLECTIONS = Crud("custom_collections", "custom_collection", UNLISTED, FORM.create,
                   FORM.update, delete_collection, _TOPICS)

#: smart collections' ids, apart from the custom ones' (each new one the highest plus one)
SMART_IDS = 460_000_000_000
SMART_FORM = Form("smart_collections", RECORDS["smart_collection"], rules={
    **FORM.rules, "rules": v_.raw, "disjunctive": v_.flag}, required=("title",),
    slug=Slug(shared=("custom_collections",)),
    hooks=(_publishing,), stamp=stamp, start=lambda ctx: {
        "id": max(ctx.data.smart_collections.keys(), default=SMART_IDS) + 1})
SMART = Crud("smart_collections", "smart_collection", UNLISTED, SMART_FORM.create,
             SMART_FORM.update, None, _TOPICS)


# -- collects -----------------------------------------------------------------------------
def _touch_collection(ctx: Ctx, cid: int) -> None:
    if cid in ctx.data.custom_collections:
        ctx.shop.touch("collections", cid)


def create_collect(ctx: Ctx, body: dict[str, Any]) -> Record:
    """A link of an existing product and custom collection (the mutation checked both)."""
    pid, cid = int(body["product_id"]), int(body["collection_id"])
    if pid in ctx.data.links.members(cid):
        raise v_.rejected({"product_id": ["already exists in this collection"]})
    record = collect_record(ctx.data.ids.next("collect"), cid, pid,
                            ctx.data.links.position(cid), ctx.shop.stamp())
    _touch_collection(ctx, cid)
    return record


def delete_collect(ctx: Ctx, collect: Record) -> None:
    _touch_collection(ctx, collect["collection_id"])


COLLECTS = Crud("collects", "collect", UNLISTED, create_collect, None, delete_collect)
