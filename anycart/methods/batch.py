"""``*.batch`` methods and batch.job.list/result: AnyCart queues and runs them itself.

A batch call answers at once with ``job_id``; the items run in the background (in the
embedded worker right away, or in ``anycart worker`` processes) through the single-item
method of the store's connector. ``batch.job.result`` answers 12 while the job runs.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy import ColumnElement, func, select

from anycart.concurrency import in_thread
from anycart.contract.validation import STORAGE_ID_MAX, parse_id, parse_ids
from anycart.errors import ApiError, ReturnCode
from anycart.methods.batch_jobs import MAX_ITEMS, claim_one, run_job, single_method
from anycart.methods.context import Context, Handler
from anycart.model import A2CDateTime
from anycart.platforms.base import Page
from anycart.storage.models import BatchJob, utcnow

log = logging.getLogger("anycart.batch")

BATCH_METHODS = ("category.add.batch", "category.delete.batch", "order.shipment.add.batch",
                 "product.add.batch", "product.update.batch", "product.delete.batch",
                 "product.variant.add.batch", "product.variant.update.batch",
                 "product.variant.delete.batch")

_running: set[asyncio.Task[None]] = set()


def _payload(params: dict[str, Any]) -> list[dict[str, Any]]:
    payload = params.get("payload")
    if payload in (None, "", []):
        raise ApiError.required("payload")
    if not isinstance(payload, list) or not all(isinstance(i, dict) for i in payload):
        raise ApiError.invalid("payload", "array of objects")
    if len(payload) > MAX_ITEMS:
        raise ApiError(ReturnCode.INCORRECT_VALUE,
                       f"Parameter 'payload' is not valid: at most {MAX_ITEMS} items per batch "
                       f"({len(payload)} given).")
    return payload


async def submit(ctx: Context) -> dict[str, Any]:
    store = ctx.store
    assert store is not None
    payload = _payload(ctx.params)
    ctx.gateway.handler(store, single_method(ctx.op.name))  # 120 now, not per item later
    options = {k: v for k, v in ctx.params.items() if k != "payload"}

    def create() -> int:
        with ctx.repo.db.session() as s:
            job = BatchJob(account_id=ctx.account.id, store_id=store.id, method=ctx.op.name,
                           status="pending", payload=payload, options=options, results=[],
                           created_at=utcnow())
            s.add(job)
            s.flush()
            return job.id

    job_id = await in_thread(create)
    if ctx.gateway.settings.embedded_worker:
        task = asyncio.create_task(_run_now(ctx, job_id))
        _running.add(task)
        task.add_done_callback(_running.discard)
    return {"job_id": str(job_id)}


async def _run_now(ctx: Context, job_id: int) -> None:
    """Embedded mode: start the job at once if no worker has claimed it."""
    try:
        if await in_thread(claim_one, ctx.gateway, job_id):
            await run_job(ctx.gateway, job_id)
    except Exception:  # the lease runs out and the worker loop retries the job
        log.exception("batch job %s failed", job_id)


def _job_query(ctx: Context) -> list[ColumnElement[bool]]:
    assert ctx.store is not None
    return [BatchJob.account_id == ctx.account.id, BatchJob.store_id == ctx.store.id]


def _date_filters(params: dict[str, Any]) -> list[Any]:
    from anycart.contract.validation import parse_moment

    where = []
    for name, column, op in (("created_from", BatchJob.created_at, "ge"),
                             ("created_to", BatchJob.created_at, "le"),
                             ("processed_from", BatchJob.processed_at, "ge"),
                             ("processed_to", BatchJob.processed_at, "le")):
        if params.get(name):
            moment = parse_moment(name, params[name])
            where.append(column >= moment if op == "ge" else column <= moment)
    return where


async def batch_job_list(ctx: Context) -> Page:
    call = ctx.call
    assert call is not None
    where = _job_query(ctx) + _date_filters(call.params)
    ids = parse_ids("ids", call.params.get("ids"), STORAGE_ID_MAX)
    if ids:
        where.append(BatchJob.id.in_(ids))

    def load() -> tuple[list[dict[str, Any]], int]:
        with ctx.repo.db.session() as s:
            total = s.scalar(select(func.count()).select_from(BatchJob).where(*where))
            rows = s.scalars(select(BatchJob).where(*where).order_by(BatchJob.id.desc())
                             .offset(call.start).limit(call.count))
            return [{"id": str(j.id), "method": j.method, "status": j.status,
                     "created_time": A2CDateTime.of(j.created_at).model_dump(),
                     "processed_time": (A2CDateTime.of(j.processed_at).model_dump()
                                        if j.processed_at else None),
                     "additional_fields": {"items": len(j.payload),
                                           "items_processed": len(j.results or [])},
                     "custom_fields": {}} for j in rows], int(total or 0)

    items, total = await in_thread(load)
    return Page(items, total)


async def batch_job_result(ctx: Context) -> dict[str, Any]:
    raw = str(ctx.params.get("id") or "").strip()
    if not raw.isdecimal():
        raise ApiError(ReturnCode.NOT_FOUND, f"Job with id {raw} not found")
    job_id = parse_id("id", raw, STORAGE_ID_MAX)  # a number no INTEGER column can hold: 109

    def load() -> BatchJob | None:
        with ctx.repo.db.session() as s:
            return s.scalar(select(BatchJob).where(*_job_query(ctx), BatchJob.id == job_id))

    job = await in_thread(load)
    if job is None:
        raise ApiError(ReturnCode.NOT_FOUND, f"Job with id {raw} not found")
    if job.status != "processed":
        raise ApiError(ReturnCode.JOB_IN_PROGRESS,
                       f"Job with id {raw} is still in progress "
                       f"({len(job.results or [])} of {len(job.payload)} items processed).")
    results = job.results or []
    return {"job_id": job.id, "job_name": job.method, "items_processed": len(results),
            "items_succeed": sum(1 for r in results if r["status"] == "success"),
            "items": results, "additional_fields": {}, "custom_fields": {}}


METHODS: dict[str, Handler] = {
    **{name: submit for name in BATCH_METHODS},
    "batch.job.list": batch_job_list,
    "batch.job.result": batch_job_result,
}
