"""``anycart worker`` as real processes: kill -9 mid-delivery loses nothing; two workers on
PostgreSQL deliver each event once per subscription.

Events are made in-process (subscribe, baseline, change the simulated store, poll), so they
sit in the outbox as pending deliveries; the worker processes only deliver them.
"""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from anycart.storage.models import Delivery, PollState, utcnow
from tests.webhooks.conftest import HookEnv


async def make_events(env: HookEnv, hooks_per_event: int, changes: int) -> int:
    """Pending deliveries in the outbox; returns how many."""
    for _ in range(hooks_per_event):
        await env.subscribe("product", "update")
    poll = env.worker.lanes[0]
    await poll.step()
    await poll.settle()  # baseline
    for pid in range(1, changes + 1):
        r = await env.call("product.update", body={"id": str(pid), "price": 1000 + pid})
        assert r["return_code"] == 0, r
    await poll.step()
    await poll.settle()
    with env.services.db.session() as s:
        # The worker processes must not poll: the simulator lives in this process only.
        s.execute(update(PollState).values(next_poll_at=utcnow() + timedelta(days=1)))
        pending = s.scalar(select(func.count()).select_from(Delivery)
                           .where(Delivery.status == "pending"))
    assert pending == hooks_per_event * changes
    return pending


def worker_env(env: HookEnv, **extra: str) -> dict[str, str]:
    settings = env.services.settings
    out = {**os.environ, "ANYCART_DATA_DIR": str(settings.data_dir),
           "ANYCART_ALLOW_PRIVATE_NETWORKS": "true", "ANYCART_WORKER_TICK_S": "0.1",
           "ANYCART_WEBHOOK_RETRY_BASE_S": "0.2", "ANYCART_POLL_INTERVAL_S": "3600"}
    if settings.database_url:
        out["ANYCART_DATABASE_URL"] = settings.database_url
    out.update(extra)
    return out


def start_worker(environ: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "anycart.cli", "worker"], env=environ,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def statuses(env: HookEnv) -> dict[str, int]:
    with env.services.db.session() as s:
        return dict(s.execute(select(Delivery.status, func.count()).group_by(Delivery.status)).all())


def wait_until(predicate, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


async def test_kill_9_mid_delivery_loses_nothing(hooks):
    total = await make_events(hooks, hooks_per_event=1, changes=10)
    hooks.receiver.delay_s = 1.0  # deliveries are in flight when the worker dies
    first = start_worker(worker_env(hooks, ANYCART_WORKER_LEASE_S="2"))
    try:
        assert wait_until(lambda: len(hooks.receiver.received) >= 3, 30), first.stderr
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    assert statuses(hooks).get("pending", 0) > 0  # the dead worker recorded nothing
    hooks.receiver.delay_s = 0.0
    second = start_worker(worker_env(hooks, ANYCART_WORKER_LEASE_S="2"))
    try:
        assert wait_until(lambda: statuses(hooks) == {"delivered": total}, 60), statuses(hooks)
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(10)
    delivered_ids = {r.json["event_id"] for r in hooks.receiver.delivered()}
    assert len(delivered_ids) == total  # every event, at least once


def _stats(stderr: str) -> dict:
    line = [ln for ln in stderr.splitlines() if ln.startswith("worker stopped:")][-1]
    return ast.literal_eval(line.split(":", 1)[1].strip())


# Scale-out mode runs on PostgreSQL only (on SQLite the worker is embedded).
@pytest.mark.parametrize("settings", ["postgresql"], indirect=True)
async def test_two_workers_on_postgresql_deliver_each_event_once(hooks):
    assert hooks.services.settings.database_url
    total = await make_events(hooks, hooks_per_event=2, changes=20)
    hooks.receiver.delay_s = 0.05
    environ = worker_env(hooks, ANYCART_DELIVERY_CONCURRENCY="4")
    workers = [start_worker(environ) for _ in range(2)]
    try:
        assert wait_until(lambda: statuses(hooks) == {"delivered": total}, 60), statuses(hooks)
    finally:
        outputs = []
        for w in workers:
            w.send_signal(signal.SIGTERM)
            outputs.append(w.communicate(timeout=15)[1])
    keys = [(r.json["event_id"], r.json["webhook_id"]) for r in hooks.receiver.received]
    assert len(keys) == total and len(set(keys)) == total  # once per subscription
    counts = [_stats(out).get("delivered", 0) for out in outputs]
    assert sum(counts) == total and all(c > 0 for c in counts), counts
