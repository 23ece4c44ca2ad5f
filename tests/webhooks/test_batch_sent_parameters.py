"""Batch items apply what each item sent, as single calls do (tests/test_sent_parameters.py):
an item ``{"id": ..., "avail": true}`` re-enables its product; an SDK-shaped item (every
defaulted parameter present) leaves the product as it is."""

from __future__ import annotations

from anycart.contract.catalogue import load_catalogue
from tests.webhooks.test_batch_jobs import result_when_done


async def _batch(hooks, payload: list[dict]) -> dict:
    submitted = await hooks.call("product.update.batch", body={"payload": payload})
    assert submitted["return_code"] == 0, submitted
    done = await result_when_done(hooks, submitted["result"]["job_id"])
    assert done["return_code"] == 0 and done["result"]["items_succeed"] == len(payload), done
    return done


async def _shown(hooks, pid: str) -> tuple:
    r = await hooks.call("product.info", {"id": pid, "params": "price,avail_view,avail_sale"})
    assert r["return_code"] == 0, r
    return r["result"]["price"], r["result"]["avail_view"], r["result"]["avail_sale"]


async def test_batch_item_avail_true_re_enables_and_sdk_item_does_not(hooks):
    listed = await hooks.call("product.list", {"count": 6, "params": "id,avail_view,avail_sale"})
    pid = next(p["id"] for p in listed["result"]["product"] if p["avail_view"] and p["avail_sale"])
    _, *shown = await _shown(hooks, pid)
    await _batch(hooks, [{"id": pid, "avail": False}])
    _, *off = await _shown(hooks, pid)
    assert off != shown
    op = load_catalogue().get("product.update")
    sdk = {k: s["default"] for k, s in op.body["properties"].items()
           if isinstance(s, dict) and "default" in s}
    await _batch(hooks, [{**sdk, "id": pid, "price": 3.5}])
    assert await _shown(hooks, pid) == (3.5, *off)
    await _batch(hooks, [{"id": pid, "avail": True}])
    _, *back = await _shown(hooks, pid)
    assert back == shown
