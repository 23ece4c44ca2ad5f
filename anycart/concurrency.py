"""Running blocking work (database sessions, file I/O) from async code.

One helper for every layer, so each caller does not reach into Starlette's threadpool itself:
the sync work runs in a worker thread and the event loop keeps serving other requests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, TypeVar

from starlette.concurrency import run_in_threadpool

P = ParamSpec("P")
T = TypeVar("T")


async def in_thread(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` in a worker thread, awaited."""
    return await run_in_threadpool(fn, *args, **kwargs)
