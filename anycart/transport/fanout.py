"""Bounded fan-out: one contract call that needs many platform requests, a few at a time.

``product.list?product_ids=1,...`` costs one platform request per id on platforms without a
multi-id filter. Fired all at once they used the store's whole budget for every other caller
for half a minute (and 20 000 of them kept the process from stopping). :func:`gather` runs
at most :data:`PER_STORE` of them at once per store, shared by every call to that store in
this process; the id lists themselves are capped by validation (``MAX_IDS``).
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Iterable
from typing import TypeVar

T = TypeVar("T")

#: Platform requests of fan-outs in flight at once per store (and event loop).
PER_STORE = 8

_slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[str, asyncio.Semaphore]] = (
    weakref.WeakKeyDictionary())


def _semaphore(key: str) -> asyncio.Semaphore:
    per_loop = _slots.setdefault(asyncio.get_running_loop(), {})
    if key not in per_loop:
        per_loop[key] = asyncio.Semaphore(PER_STORE)
    return per_loop[key]


async def gather(key: str, aws: Iterable[Awaitable[T]]) -> list[T]:
    """The results of ``aws`` in order, at most :data:`PER_STORE` running at once for the
    store ``key``. The first failure cancels the rest (a TaskGroup), so a failed or
    cancelled call leaves nothing running behind it. Do not nest on the same key."""
    slots = _semaphore(key)

    async def one(aw: Awaitable[T]) -> T:
        async with slots:
            return await aw

    pending = list(aws)
    try:
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(one(aw)) for aw in pending]
    except BaseExceptionGroup as grouped:
        for aw in pending:  # those cancelled before they started
            if asyncio.iscoroutine(aw):
                aw.close()
        # Callers catch ApiError / PlatformUnavailable: hand them the first real failure.
        raise grouped.exceptions[0] from None
    return [t.result() for t in tasks]
