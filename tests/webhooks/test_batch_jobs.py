"""Batch jobs (``*.batch``, batch.job.list/result) against the Shift4Shop simulator.

They share the webhook tests' environment: both are run by the worker.
"""

from __future__ import annotations

import asyncio
import time

from tests.webhooks.conftest import HookEnv


async def result_when_done(env: HookEnv, job_id: str, timeout_s: float = 15) -> dict:
    deadline = time.monotonic() + timeout_s
    while True:
        r = await env.call("batch.job.result", {"id": job_id})
        if r["return_code"] != 12 or time.monotonic() > deadline:
            return r
        await asyncio.sleep(0.05)


async def test_product_add_batch_runs_each_item(hooks):
    payload = [
        {"name": "Batch A", "sku": "BATCH-A", "model": "BATCH-A", "price": 10, "description": "a"},
        {"name": "Batch B", "model": "BATCH-B", "price": 11},
        {"name": "Batch C", "sku": "BATCH-A", "model": "BATCH-C", "price": 12, "description": "c"},
        {"name": "Batch D", "sku": "BATCH-D", "model": "BATCH-D", "price": 13, "description": "d"},
    ]
    submitted = await hooks.call("product.add.batch", body={"payload": payload})
    assert submitted["return_code"] == 0, submitted
    job_id = submitted["result"]["job_id"]
    assert isinstance(job_id, str) and job_id.isdigit()

    done = await result_when_done(hooks, job_id)
    assert done["return_code"] == 0, done
    result = done["result"]
    assert result["job_id"] == int(job_id) and result["job_name"] == "product.add.batch"
    assert result["items_processed"] == 4 and result["items_succeed"] == 2
    items = result["items"]
    assert [i["id"] for i in items] == [0, 1, 2, 3]
    assert [i["status"] for i in items] == ["success", "failed", "failed", "success"]
    assert "is required" in items[1]["errors"][0]
    assert "already exists" in items[2]["errors"][0]
    skus = set()
    for item in (items[0], items[3]):
        found = await hooks.call("product.info", {"id": item["entity_id"], "params": "u_sku"})
        assert found["return_code"] == 0, found
        skus.add(found["result"]["u_sku"])
    assert skus == {"BATCH-A", "BATCH-D"}

    listed = await hooks.call("batch.job.list", {"count": 5})
    assert listed["return_code"] == 0, listed
    [job] = listed["result"]["jobs"]
    assert job["id"] == job_id and job["status"] == "processed"
    assert job["method"] == "product.add.batch" and job["processed_time"]["value"]


async def test_batch_errors(hooks):
    typed = await hooks.call("product.add.batch", body={"payload": [
        {"name": "ok", "sku": "OK", "model": "OK", "price": 1, "description": "x"},
        {"name": "bad", "sku": "BAD", "model": "BAD", "price": "not a price"}]})
    assert typed["return_code"] == 109 and "payload[1][price]" in typed["return_message"]
    listed = await hooks.call("batch.job.list")
    assert listed["result"]["jobs"] == []  # refused as a whole: nothing was queued
    empty = await hooks.call("product.update.batch", body={"payload": []})
    assert empty["return_code"] in (109, 114), empty
    too_many = await hooks.call("product.delete.batch",
                                body={"payload": [{"id": str(i)} for i in range(251)]})
    assert too_many["return_code"] == 109 and "250" in too_many["return_message"]
    unknown = await hooks.call("batch.job.result", {"id": "999999"})
    assert unknown == {"return_code": 112, "return_message": "Job with id 999999 not found",
                       "result": {}}
    missing = await hooks.call("batch.job.result", {})
    assert missing["return_code"] == 114
    bad_date = await hooks.call("batch.job.list", {"created_from": "yesterday"})
    assert bad_date["return_code"] == 109 and "created_from" in bad_date["return_message"]


async def test_job_in_progress_answers_12_then_resumes_after_a_crash(hooks):
    """A job claimed by a worker that died stays in progress until its lease runs out; then
    the worker loop picks it up and finishes it."""
    hooks.services.settings.embedded_worker = False  # nobody starts it at submit time
    hooks.services.settings.worker_lease_s = 0.2
    payload = [{"id": str(i), "price": 50 + i} for i in range(1, 4)]
    submitted = await hooks.call("product.update.batch", body={"payload": payload})
    job_id = submitted["result"]["job_id"]
    waiting = await hooks.call("batch.job.result", {"id": job_id})
    assert waiting["return_code"] == 12 and "in progress" in waiting["return_message"]

    from anycart.methods.batch_jobs import claim_jobs

    assert claim_jobs(hooks.services.gateway, 10) == [int(job_id)]  # ...and that worker dies
    assert claim_jobs(hooks.services.gateway, 10) == []  # leased: nobody else takes it
    await asyncio.sleep(0.3)
    await hooks.worker.drain()
    done = await hooks.call("batch.job.result", {"id": job_id})
    assert done["return_code"] == 0 and done["result"]["items_succeed"] == 3, done
    info = await hooks.call("product.info", {"id": "2", "params": "price"})
    assert info["result"]["price"] == 52


async def test_other_store_cannot_read_the_job(hooks):
    submitted = await hooks.call("product.delete.batch", body={"payload": [{"id": "1"}]})
    job_id = submitted["result"]["job_id"]
    _, other_key = hooks.services.repo.create_account("other")
    foreign = HookEnv(hooks.sim, hooks.services, hooks.client, other_key)
    foreign.store_key = hooks.store_key
    r = await foreign.call("batch.job.result", {"id": job_id})
    assert r["return_code"] == 101


async def test_job_for_a_method_this_server_lacks_fails_its_items(hooks):
    """A stored job naming a method this server no longer has (found by mypy: the catalogue
    lookup's None reached ``validate_body``) fails each item instead of crashing the worker."""
    from anycart.storage.models import BatchJob

    hooks.services.settings.embedded_worker = False
    submitted = await hooks.call("product.update.batch", body={"payload": [{"id": "1", "price": 5}]})
    job_id = int(submitted["result"]["job_id"])
    with hooks.services.repo.db.session() as s:
        s.get_one(BatchJob, job_id).method = "product.retired.batch"  # e.g. queued by an older version
    await hooks.worker.drain()
    done = await hooks.call("batch.job.result", {"id": str(job_id)})
    assert done["return_code"] == 0, done
    [item] = done["result"]["items"]
    assert item["status"] == "failed"
    assert item["errors"] == ["Method 'product.retired.batch' not found."]
