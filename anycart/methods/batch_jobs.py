"""Batch jobs: ``*.batch`` payloads run item by item through the single-item method.

``product.add.batch`` is ``product.add`` once per payload item, each validated against the
contract like a direct call, so an item fails alone with the same error text a direct call
would get. Results are saved as items finish (every few items, and at the end); a worker
that dies mid-job loses its lease and another one resumes after the last saved item.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from anycart.concurrency import in_thread
from anycart.contract.validation import validate_body
from anycart.errors import ApiError, ReturnCode
from anycart.platforms.applied import SENT
from anycart.platforms.base import Call
from anycart.storage.claims import claim, release_at
from anycart.storage.models import BatchJob, utcnow
from anycart.transport.http import PlatformUnavailable

if TYPE_CHECKING:
    from anycart.methods.gateway import Gateway

#: Most items one batch call may carry.
MAX_ITEMS = 250
_SAVE_EVERY = 10


def single_method(batch_method: str) -> str:
    return batch_method[: -len(".batch")]


def _entity_id(result: Any, params: dict[str, Any]) -> str | None:
    if isinstance(result, dict):
        for key, value in result.items():
            if (key == "id" or key.endswith("_id")) and value not in (None, ""):
                return str(value)
    for key in ("id", "product_id", "order_id", "category_id"):
        if params.get(key) not in (None, ""):
            return str(params[key])
    return None


def claim_jobs(gateway: Gateway, limit: int) -> list[int]:
    lease_s = gateway.settings.worker_lease_s
    with gateway.repo.db.session() as s:
        return claim(s, BatchJob, BatchJob.id, [BatchJob.status.in_(("pending", "in_progress"))],
                     BatchJob.id, limit, lease_s)


def claim_one(gateway: Gateway, job_id: int) -> bool:
    """Claim one given job (embedded mode starts a job as soon as it is submitted)."""
    lease_s = gateway.settings.worker_lease_s
    with gateway.repo.db.session() as s:
        return bool(claim(s, BatchJob, BatchJob.id,
                          [BatchJob.id == job_id, BatchJob.status != "processed"],
                          BatchJob.id, 1, lease_s))


def _save(gateway: Gateway, job_id: int, results: list[dict[str, Any]], done: bool) -> None:
    with gateway.repo.db.session() as s:
        job = s.get_one(BatchJob, job_id)
        job.results = list(results)
        if done:
            job.status, job.processed_at, job.lease_until = "processed", utcnow(), None
        else:
            job.status, job.lease_until = "in_progress", release_at(gateway.settings.worker_lease_s)


async def run_job(gateway: Gateway, job_id: int) -> None:
    """Process a job this worker has claimed, from its first unsaved item on."""
    def load() -> tuple[BatchJob | None, Any]:
        with gateway.repo.db.session() as s:
            job = s.scalar(select(BatchJob).where(BatchJob.id == job_id))
            if job is None or job.status == "processed":
                return None, None
            return job, gateway.repo.get_store_by_id(job.store_id)

    job, store = await in_thread(load)
    if job is None:
        return
    results: list[dict[str, Any]] = list(job.results or [])
    op = gateway.catalogue.get(single_method(job.method))
    for index in range(len(results), len(job.payload)):
        item = job.payload[index]
        entry: dict[str, Any] = {"id": index, "status": "success", "entity_id": None,
                                 "errors": [], "warnings": []}
        try:
            if store is None:
                raise ApiError.not_found("Store", job.store_id)
            if op is None:  # the job was submitted for a method this server no longer has
                raise ApiError(ReturnCode.UNKNOWN_METHOD, f"Method '{job.method}' not found.")
            params = validate_body(op, item)
            # An item's own keys are what its client sent (a write applies them: applied.meant).
            result = await gateway.handler(store, op.name)(Call(op.name, params,
                                                                extra={SENT: frozenset(item)}))
            entry["entity_id"] = _entity_id(result, params)
        except ApiError as err:
            entry.update(status="failed", errors=[err.message],
                         entity_id=_entity_id(None, item if isinstance(item, dict) else {}))
        except PlatformUnavailable as err:
            entry.update(status="failed", errors=[str(err)])
        results.append(entry)
        if (index + 1) % _SAVE_EVERY == 0:
            await in_thread(_save, gateway, job_id, results, False)
    await in_thread(_save, gateway, job_id, results, True)
