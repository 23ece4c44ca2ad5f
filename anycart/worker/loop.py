"""The worker: polls stores, delivers webhooks, runs batch jobs.

Embedded mode: ``anycart serve`` runs one inside the gateway process (SQLite or PostgreSQL).
Scale-out mode: ``anycart worker`` processes, on as many machines as needed, share one
PostgreSQL database; they divide the work by claiming rows with leases
(:mod:`anycart.storage.claims`), so each delivery is sent by one worker at a time, and work
a dead worker held is picked up by another once its lease runs out.

Three independent loops, so slow stores never hold up deliveries. Each keeps up to its
concurrency limit in flight and claims more as slots free up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, select

from anycart.concurrency import in_thread
from anycart.errors import ApiError, ReturnCode
from anycart.events import ChangeEvent, store_error
from anycart.methods.batch_jobs import claim_jobs, run_job
from anycart.platforms.base import Call, Capabilities
from anycart.storage.claims import claim
from anycart.storage.models import PollState, Store, Webhook, utcnow
from anycart.storage.repository import StoreRecord
from anycart.transport.http import PlatformUnavailable
from anycart.webhooks import outbox
from anycart.webhooks.delivery import deliver
from anycart.webhooks.polling import poll_store

if TYPE_CHECKING:
    from anycart.services import Services

log = logging.getLogger("anycart.worker")

#: Polls failed in a row before the store's webhooks get a connection-lost notice, and how
#: often it is repeated while the store stays unreachable.
NOTICE_AFTER = 3
NOTICE_EVERY = 50


@dataclass(frozen=True)
class _DuePoll:
    """A claimed poll: the store, its cursors, and what its webhooks watch."""

    store_id: int
    store: StoreRecord | None
    cursors: dict[str, Any]
    subscribed: dict[str, set[str]]
    checksum: frozenset[str]


def poll_interval(base: float, backoff: float, idle_polls: int, reconcile: bool) -> float:
    """Seconds to a store's next poll. A busy store (a change in its last poll) is polled
    every ``base`` seconds; each poll in a row that saw nothing adds half an interval, up to
    ``backoff`` times ``base``, so idle stores spend little of their rate budget and the
    busy ones get the worker's time. A store whose platform pushes its changes is polled
    only to reconcile what a push missed: always at ``backoff`` times ``base``."""
    if reconcile:
        return base * backoff
    return base * min(backoff, 1 + idle_polls / 2)


def _reconciled_only(caps: Capabilities, subscribed: dict[str, set[str]]) -> bool:
    """The platform pushes every change these subscriptions watch: polls only reconcile."""
    return caps.native_webhooks and not any(
        (entity, action) in caps.polled_events
        for entity, actions in subscribed.items() for action in actions)


class _Lane:
    """Claims work and runs it with at most ``limit`` items in flight."""

    def __init__(self, name: str, limit: int, claim_fn: Callable[[int], Any],
                 run_fn: Callable[[Any], Awaitable[None]]) -> None:
        self.name, self.limit = name, limit
        self._claim, self._run = claim_fn, run_fn
        self.inflight: set[asyncio.Task[None]] = set()

    async def step(self) -> int:
        free = self.limit - len(self.inflight)
        if free <= 0:
            return 0
        items = await in_thread(self._claim, free)
        for item in items:
            task = asyncio.create_task(self._guarded(item))
            self.inflight.add(task)
            task.add_done_callback(self.inflight.discard)
        return len(items)

    async def _guarded(self, item: Any) -> None:
        try:
            await self._run(item)
        except Exception:  # the lease runs out and the item is retried; never kill the loop
            log.exception("%s: unexpected error", self.name)

    async def settle(self) -> None:
        if self.inflight:
            await asyncio.gather(*list(self.inflight), return_exceptions=True)


class Worker:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.settings = services.settings
        self.stats: Counter[str] = Counter()
        s = self.settings
        self.lanes = [
            _Lane("poll", s.poll_concurrency, self._claim_polls, self._poll),
            _Lane("deliver", s.delivery_concurrency, self._claim_deliveries, self._deliver),
            _Lane("batch", 4, lambda n: claim_jobs(services.gateway, n), self._run_job),
        ]

    # --- running ------------------------------------------------------------------------
    async def run(self, stop: asyncio.Event) -> None:
        await asyncio.gather(*(self._loop(lane, stop) for lane in self.lanes))
        for lane in self.lanes:
            await lane.settle()

    async def _loop(self, lane: _Lane, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                claimed = await lane.step()
            except Exception:  # database briefly unavailable: keep going
                log.exception("%s: claim failed", lane.name)
                claimed = 0
            if not claimed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.settings.worker_tick_s)

    async def drain(self, rounds: int = 50) -> None:
        """Run until nothing is due (tests and one-shot CLI use)."""
        for _ in range(rounds):
            claimed = 0
            for lane in self.lanes:
                claimed += await lane.step()
            for lane in self.lanes:
                await lane.settle()
            if not claimed:
                return

    # --- polling ------------------------------------------------------------------------
    def _claim_polls(self, limit: int) -> list[_DuePoll]:
        db = self.services.db
        with db.session() as s:
            watched = exists().where(Webhook.store_id == PollState.store_id,
                                     Webhook.active.is_(True))
            ids = claim(s, PollState, PollState.store_id,
                        [PollState.next_poll_at <= utcnow(), watched],
                        PollState.next_poll_at, limit, self.settings.worker_lease_s)
            if not ids:
                return []
            wanted: dict[int, dict[str, set[str]]] = {i: {} for i in ids}
            checksum: dict[int, set[str]] = {i: set() for i in ids}
            for store_id, entity, action, detection in s.execute(
                    select(Webhook.store_id, Webhook.entity, Webhook.action,
                           Webhook.change_detection)
                    .where(Webhook.store_id.in_(ids), Webhook.active.is_(True))):
                wanted[store_id].setdefault(entity, set()).add(action)
                if detection == "checksum":
                    checksum[store_id].add(entity)
            cursors: dict[int, Any] = dict(s.execute(select(PollState.store_id, PollState.cursors)
                                     .where(PollState.store_id.in_(ids))).all())
        # The stores of a whole claim in one query, not one session per poll.
        stores = self.services.repo.stores_by_id(ids)
        return [_DuePoll(i, stores.get(i), dict(cursors.get(i) or {}), wanted[i],
                         frozenset(checksum[i])) for i in ids]

    async def _poll(self, due: _DuePoll) -> None:
        store, cursors = due.store, due.cursors
        gateway = self.services.gateway
        error: str | None = None
        code = 0
        events: list[ChangeEvent] = []
        new_cursors = cursors
        platform = gateway.registry.get(store.cart_id) if store is not None else None
        if store is not None:
            def invoke_for(method: str) -> Callable[[Call], Awaitable[Any]] | None:
                if platform is None or not platform.connector.serves(method):
                    return None
                return gateway.handler(store, method)

            try:
                events, new_cursors = await poll_store(invoke_for, due.subscribed, cursors,
                                                       due.checksum)
            except ApiError as exc:
                error, code = exc.message, int(exc.code)
            except PlatformUnavailable as exc:
                error, code = str(exc), int(ReturnCode.STORE_UNREACHABLE)
            if error:
                log.warning("polling store %s: %s", due.store_id, error)
        reconcile = platform is not None and _reconciled_only(platform.capabilities,
                                                              due.subscribed)
        await in_thread(self._save_poll, due.store_id, events, new_cursors, error, code,
                        reconcile)
        self.stats["polls"] += 1
        self.stats["events"] += len(events)

    def _save_poll(self, store_id: int, events: list[ChangeEvent],
                   cursors: dict[str, Any], error: str | None, code: int = 0,
                   reconcile: bool = False) -> None:
        """Events, cursor and schedule in one transaction: the outbox guarantee."""
        with self.services.db.session() as s:
            state = s.get(PollState, store_id)
            if state is None:
                return
            state.failures = (state.failures or 0) + 1 if error else 0
            if error and (state.failures == NOTICE_AFTER or state.failures % NOTICE_EVERY == 0):
                store = s.get(Store, store_id)
                assert store is not None  # its poll_state row cascades with it
                events = [store_error(store.store_key, code, error, state.failures)]
            outbox.record_events(s, store_id, events)
            state.cursors = cursors
            state.last_error = error[:500] if error else None
            state.idle_polls = 0 if events or error else (state.idle_polls or 0) + 1
            interval = poll_interval(self.settings.poll_interval_s,
                                     self.settings.poll_idle_backoff, state.idle_polls, reconcile)
            # A little jitter keeps 1 000 stores from falling due in the same second.
            state.next_poll_at = utcnow() + timedelta(seconds=interval * random.uniform(0.9, 1.1))
            state.lease_until = None

    # --- delivery -----------------------------------------------------------------------
    def _claim_deliveries(self, limit: int) -> list[outbox.DueDelivery]:
        return outbox.claim_deliveries(self.services.db, limit, self.settings.worker_lease_s)

    async def _deliver(self, due: outbox.DueDelivery) -> None:
        ok, error = await deliver(self.services.http, due, self.settings.webhook_timeout_s)
        status = await in_thread(outbox.finish_delivery, self.services.db, self.settings,
                                  due.id, ok, error)
        self.stats["delivered" if ok else "attempt_failed"] += 1
        if status == "failed":
            self.stats["failed"] += 1
            log.warning("webhook %s: event %s failed for good (%s)", due.webhook_id,
                        due.event_id, error)

    # --- batch jobs ---------------------------------------------------------------------
    async def _run_job(self, job_id: int) -> None:
        await run_job(self.services.gateway, job_id)
