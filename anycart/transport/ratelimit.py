"""Rate limiting, used on both sides of the wire.

A platform simulator uses :class:`LeakyBucket` to *enforce* a budget (answer 429 when the
bucket is full); a connector uses a client-side :class:`Limiter` to *stay under* it (wait
before sending, learn from what the platform answers). Three shapes cover the platforms:

* :class:`ClientBucket`: a leaky bucket (Shift4Shop, Shopify REST); it can read the
  platform's own count from a ``used/capacity`` header (``X-Shopify-Shop-Api-Call-Limit``);
* :class:`FixedWindow`: a quota per time window with reset headers (BigCommerce);
* :class:`CostBucket`: points restored per second, spent by query cost (Shopify GraphQL).

All share one clock abstraction so tests and benchmarks can run a platform's budget faster
than real time (or on a fake clock) without changing its shape. A clock that has an
``async sleep(platform_seconds)`` is also asked to wait, so a fake clock never really sleeps.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, runtime_checkable

import httpx


class Clock(Protocol):
    def now(self) -> float: ...


async def wait(clock: Clock, platform_s: float) -> None:
    """Wait ``platform_s`` seconds of the clock's time (a sped-up clock waits less)."""
    if platform_s <= 0:
        return
    sleep = getattr(clock, "sleep", None)
    if sleep is not None:
        await sleep(platform_s)
    else:
        await asyncio.sleep(platform_s / getattr(clock, "scale", 1.0))


def retry_after(response: httpx.Response) -> float | None:
    """``Retry-After`` in seconds (the delta-seconds form), or None."""
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


@runtime_checkable
class Limiter(Protocol):
    """A per-store client-side limiter: awaited before each request, told each answer."""

    #: True when :meth:`observe` reads the body (GraphQL cost): it is read before.
    needs_body: ClassVar[bool]

    async def acquire(self) -> None: ...

    def observe(self, response: httpx.Response) -> None: ...

    def refused(self, response: httpx.Response) -> bool:
        """The platform turned the request away unapplied under a success status (GraphQL's
        ``THROTTLED``): it is sent again once the limiter lets it."""
        ...


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
    answers 429 anyway, to resynchronise our view with theirs; ``level_header`` names a
    ``used/capacity`` header (``X-Shopify-Shop-Api-Call-Limit: 32/40``) whose count, when
    above ours, is taken (other clients of the same store spend its budget too).
    """

    needs_body: ClassVar[bool] = False

    def __init__(self, budget: BucketBudget, clock: Clock | None = None, margin: int = 2,
                 level_header: str | None = None) -> None:
        self.budget = budget
        self.clock = clock or MonotonicClock()
        self.level_header = level_header
        self._capacity = max(1, budget.capacity - margin)
        self._level = 0.0
        self._updated = self.clock.now()
        self._lock = asyncio.Lock()

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
                await wait(self.clock, (self._level + 1 - self._capacity) / self.budget.leak_per_s)

    def penalize(self, retry_after_s: float | None = None) -> None:
        """The platform said 429: treat the bucket as full (plus the wait it asked for)."""
        self._drain()
        extra = (retry_after_s or 0.0) * self.budget.leak_per_s
        self._level = max(self._level, float(self._capacity)) + extra

    def observe(self, response: httpx.Response) -> None:
        if response.status_code == 429:
            self.penalize(retry_after(response))
            return
        used = _used(response.headers.get(self.level_header)) if self.level_header else None
        if used is not None:
            self._drain()
            self._level = max(self._level, used)

    def refused(self, response: httpx.Response) -> bool:
        return False  # a 429 says it: RetryTransport waits and resends

    @property
    def level(self) -> float:
        self._drain()
        return self._level


def _used(value: str | None) -> float | None:
    """``32`` of ``"32/40"``."""
    try:
        return float(value.split("/", 1)[0]) if value else None
    except ValueError:
        return None


def _header_number(headers: httpx.Headers, name: str) -> float | None:
    try:
        value = headers.get(name)
        return float(value) if value is not None else None
    except ValueError:
        return None


class Window:
    """The count both sides keep for a quota per window: ``quota`` requests, all restored at
    ``reset_at``; the next window starts with the first request after it. The client
    (:class:`FixedWindow`) waits on it; a simulator (``anycart.sandbox.limits``) refuses."""

    def __init__(self, quota: int, window_s: float, clock: Clock | None = None) -> None:
        self.quota = quota
        self.window_s = window_s
        self.clock: Clock = clock or MonotonicClock()
        self.left = quota
        self.reset_at = self.clock.now() + window_s

    def roll(self) -> float:
        """The clock's time, after restoring the quota if the window has passed."""
        now = self.clock.now()
        if now >= self.reset_at:
            self.left = self.quota
            self.reset_at = now + self.window_s
        return now

    def take(self) -> bool:
        """Count one request if the window has room."""
        self.roll()
        if self.left <= 0:
            return False
        self.left -= 1
        return True

    def until_reset(self) -> float:
        """Platform seconds until the quota is restored."""
        now = self.roll()
        return max(0.0, self.reset_at - now)


class FixedWindow(Window):
    """A quota of requests per window that resets at once (BigCommerce): ``quota`` requests,
    then wait for the window's reset. The platform's headers correct our view after every
    answer: ``<prefix>-Requests-Left``, ``-Requests-Quota``, ``-Time-Window-Ms`` and
    ``-Time-Reset-Ms`` (milliseconds until the window resets)."""

    needs_body: ClassVar[bool] = False
    #: A 429 is sent again after each reset up to this many times (other clients of the
    #: store may take a window first): waiting for a reset costs nothing but the wait.
    resends: ClassVar[int] = 10

    def __init__(self, quota: int, window_s: float, clock: Clock | None = None,
                 header_prefix: str = "X-Rate-Limit", probe: bool = False,
                 probe_timeout_s: float = 5.0) -> None:
        super().__init__(quota, window_s, clock)
        self.prefix = header_prefix
        self._lock = asyncio.Lock()
        #: ``probe``: the quota given is only a guess (a store's plan sets it), so the first
        #: request goes alone and the others wait for its answer's headers (at most
        #: ``probe_timeout_s`` real seconds: a request that never answers holds none back).
        self._learned: asyncio.Event | None = asyncio.Event() if probe else None
        self._probe_timeout_s = probe_timeout_s
        self._probing = False

    async def acquire(self) -> None:
        async with self._lock:
            await self._after_probe()
            while not self.take():
                await wait(self.clock, self.until_reset())

    async def _after_probe(self) -> None:
        learned = self._learned
        if learned is None or learned.is_set():
            return
        if not self._probing:
            self._probing = True  # this one is the probe
            return
        try:
            await asyncio.wait_for(learned.wait(), self._probe_timeout_s)
        except TimeoutError:
            learned.set()

    def observe(self, response: httpx.Response) -> None:
        headers, p = response.headers, self.prefix
        quota = _header_number(headers, f"{p}-Requests-Quota")
        window_ms = _header_number(headers, f"{p}-Time-Window-Ms")
        left = _header_number(headers, f"{p}-Requests-Left")
        reset_ms = _header_number(headers, f"{p}-Time-Reset-Ms")
        # the probe's answer, or a quota other than ours (the guess was wrong, the plan
        # changed): the platform's count stands; otherwise requests in flight are not in it
        fresh = (self._learned is not None and not self._learned.is_set()) or (
            quota is not None and int(quota) != self.quota)
        if quota is not None:
            self.quota = int(quota)
        if window_ms is not None:
            self.window_s = window_ms / 1000
        if left is not None:
            self.left = int(left) if fresh else min(self.left, int(left))
        if response.status_code == 429:
            self.left = 0
            if reset_ms is None and (after := retry_after(response)) is not None:
                reset_ms = after * 1000
        if reset_ms is not None:
            # the answers of one window name one reset, each late by its own latency: the
            # earliest is the truest (a new window's is a window away)
            now = self.clock.now()
            at = now + reset_ms / 1000
            same = now < self.reset_at and abs(at - self.reset_at) < self.window_s / 2
            self.reset_at = min(self.reset_at, at) if same else at
        if self._learned is not None:
            self._learned.set()  # the probe answered: what it said (or not) is all there is

    def refused(self, response: httpx.Response) -> bool:
        """A 429 under a window quota was turned away unapplied: it is sent again once the
        window announced in its headers has reset (before the retry layer's backoff)."""
        return response.status_code == 429


class CostBucket:
    """Cost-based points (Shopify GraphQL): ``maximum`` points, ``restore_per_s`` restored;
    a query spends its cost. The cost of the next query is guessed from the last one's
    ``requestedQueryCost``; every answer's ``extensions.cost.throttleStatus``
    (``maximumAvailable``, ``currentlyAvailable``, ``restoreRate``) resets our view."""

    needs_body: ClassVar[bool] = True

    def __init__(self, maximum: float, restore_per_s: float, clock: Clock | None = None,
                 expected_cost: float = 10.0) -> None:
        self.maximum = maximum
        self.restore_per_s = restore_per_s
        self.clock = clock or MonotonicClock()
        self.expected_cost = expected_cost
        self._available = maximum
        self._updated = self.clock.now()
        self._lock = asyncio.Lock()

    @property
    def available(self) -> float:
        now = self.clock.now()
        self._available = min(self.maximum,
                              self._available + (now - self._updated) * self.restore_per_s)
        self._updated = now
        return self._available

    async def acquire(self) -> None:
        async with self._lock:
            cost = min(self.expected_cost, self.maximum)
            while self.available < cost:
                await wait(self.clock, (cost - self._available) / self.restore_per_s)
            self._available -= cost

    def observe(self, response: httpx.Response) -> None:
        try:
            cost = json.loads(response.content).get("extensions", {}).get("cost", {})
        except (ValueError, AttributeError):
            return
        if not isinstance(cost, dict):
            return
        if isinstance(requested := cost.get("requestedQueryCost"), int | float):
            self.expected_cost = float(requested)
        status: dict[str, Any] = cost.get("throttleStatus") or {}
        if not isinstance(status, dict) or "currentlyAvailable" not in status:
            return
        self.maximum = float(status.get("maximumAvailable", self.maximum))
        self.restore_per_s = float(status.get("restoreRate", self.restore_per_s))
        self._available = float(status["currentlyAvailable"])
        self._updated = self.clock.now()

    def refused(self, response: httpx.Response) -> bool:
        """Shopify answers an over-budget query 200 with ``errors[].extensions.code``
        ``THROTTLED``, having run nothing."""
        try:
            errors = json.loads(response.content).get("errors")
        except (ValueError, AttributeError):
            return False
        return isinstance(errors, list) and any(
            isinstance(e, dict) and (e.get("extensions") or {}).get("code") == "THROTTLED"
            for e in errors)
