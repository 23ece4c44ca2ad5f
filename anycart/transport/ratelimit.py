"""Leaky-bucket rate limiting, used on both sides of the wire.

A platform simulator uses :class:`LeakyBucket` to *enforce* a budget (answer 429 when the
bucket is full); a connector uses :class:`ClientBucket` to *stay under* the same budget
(wait before sending). Both share one clock abstraction so tests and benchmarks can run
a platform's budget faster than real time without changing its shape.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float: ...


class MonotonicClock:
    """Real time, optionally sped up: ``scale=10`` makes one real second count as ten."""

    def __init__(self, scale: float = 1.0) -> None:
        if scale <= 0:
            raise ValueError("clock scale must be positive")
        self.scale = scale
        self._origin = time.monotonic()

    def now(self) -> float:
        return (time.monotonic() - self._origin) * self.scale


@dataclass
class BucketBudget:
    """A platform's documented budget: ``capacity`` requests burst, ``leak_per_s`` drained."""

    capacity: int
    leak_per_s: float

    @property
    def ceiling_per_s(self) -> float:
        """Sustained requests per second the budget allows once the burst is spent."""
        return self.leak_per_s


@dataclass
class LeakyBucket:
    """Server-side bucket: each request adds one drop; a full bucket refuses the request."""

    budget: BucketBudget
    clock: Clock = field(default_factory=MonotonicClock)
    _level: float = 0.0
    _updated: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _drain(self, now: float) -> None:
        if self._updated is not None:
            self._level = max(0.0, self._level - (now - self._updated) * self.budget.leak_per_s)
        self._updated = now

    def try_acquire(self) -> bool:
        with self._lock:
            self._drain(self.clock.now())
            if self._level + 1 > self.budget.capacity:
                return False
            self._level += 1
            return True

    @property
    def level(self) -> float:
        with self._lock:
            self._drain(self.clock.now())
            return self._level

    def retry_after(self) -> float:
        """Platform seconds until one more request fits."""
        with self._lock:
            self._drain(self.clock.now())
            overflow = self._level + 1 - self.budget.capacity
            return max(0.0, overflow / self.budget.leak_per_s)


class ClientBucket:
    """Client-side mirror of a platform's bucket: ``await acquire()`` waits until a request fits.

    It keeps a small safety margin below the platform's capacity so that clock skew between
    us and the platform does not turn into 429s. ``penalize`` is called when the platform
    answers 429 anyway, to resynchronise our view with theirs.
    """

    def __init__(self, budget: BucketBudget, clock: Clock | None = None, margin: int = 2) -> None:
        self.budget = budget
        self.clock = clock or MonotonicClock()
        self._capacity = max(1, budget.capacity - margin)
        self._level = 0.0
        self._updated = self.clock.now()
        self._lock = asyncio.Lock()
        self._scale = getattr(self.clock, "scale", 1.0)

    def _drain(self) -> None:
        now = self.clock.now()
        self._level = max(0.0, self._level - (now - self._updated) * self.budget.leak_per_s)
        self._updated = now

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                self._drain()
                if self._level + 1 <= self._capacity:
                    self._level += 1
                    return
                wait_platform_s = (self._level + 1 - self._capacity) / self.budget.leak_per_s
                await asyncio.sleep(wait_platform_s / self._scale)

    def penalize(self, retry_after_s: float | None = None) -> None:
        """The platform said 429: treat the bucket as full (plus the wait it asked for)."""
        self._drain()
        extra = (retry_after_s or 0.0) * self.budget.leak_per_s
        self._level = max(self._level, float(self._capacity)) + extra
