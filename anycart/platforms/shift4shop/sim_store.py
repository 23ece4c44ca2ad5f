"""Simulated Shift4Shop stores: their tables (kit :class:`~anycart.sandbox.table.Table`),
credentials, leaky bucket and injected failures.

Seeded products, customers and orders stay compact rows rendered to JSON text on demand
(``seed.py``), so a 100 000-product store is small and a page of 200 costs one string join.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from anycart.sandbox import FailureInjection, Table
from anycart.sandbox.schema import iso_date, parse_datetime
from anycart.sandbox.tenants import Registry
from anycart.transport.ratelimit import BucketBudget, Clock, LeakyBucket, MonotonicClock

#: Documented GET batch sizes; also the largest accepted POST/PUT array.
BATCH_ORDERS = 300
BATCH_PRODUCTS = 200
BATCH_OTHERS = 500
#: Documented leaky bucket: 50 requests, leaking 2 per second.
BUCKET = BucketBudget(capacity=50, leak_per_s=2)


#: 3dcart dates: ``MM/dd/yyyy[ HH:mm:ss]`` in query strings, ISO 8601 in bodies.
DATE_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y")
parse_date = partial(parse_datetime, formats=DATE_FORMATS)
body_date = partial(iso_date, formats=DATE_FORMATS)


class Collection(Table):
    """A table as tests read it: ``get`` is a fresh copy, ``values`` the filter views."""

    def get(self, key: Any, default: Any = None) -> Any:
        found = self.snapshot(key)
        return default if found is None else found

    def ids(self) -> list[int]:
        return self.sorted_keys()

    def values(self) -> Iterator[dict[str, Any]]:  # type: ignore[override]
        return (self.view(k) for k in self.sorted_keys())

    #: the names tests and benchmarks edit a store by
    seed_doc = Table.insert
    materialize = Table.__getitem__
    touched = Table.changed


#: *unconfirmed*: the names of a new store's RMA lists (the docs give none; the merchant
#: edits them in the admin).
RMA_STATUSES = {1: "Pending", 2: "Approved", 3: "Closed", 4: "Received", 5: "Declined",
                6: "Refunded"}
RMA_REASONS = {1: "Defective", 2: "Wrong item", 3: "No longer needed", 4: "Damaged"}
RMA_METHODS = {1: "Refund", 2: "Exchange", 3: "Store credit", 4: "Repair"}


@dataclass
class StoreData:
    """All tables of one store, plus counters for ids of nested records."""

    products: Collection = field(default_factory=Collection)
    categories: Collection = field(default_factory=Collection)
    customers: Collection = field(default_factory=Collection)
    customer_groups: Collection = field(default_factory=Collection)
    distributors: Collection = field(default_factory=Collection)
    manufacturers: Collection = field(default_factory=Collection)
    orders: Collection = field(default_factory=Collection)
    order_statuses: Collection = field(default_factory=Collection)
    rmas: Collection = field(default_factory=Collection)
    #: The store's RMA settings, id -> name of each status, reason and method (the admin's
    #: lists: the REST API has no service for them, an RMA carries the id and the name).
    rma_statuses: dict[int, str] = field(default_factory=lambda: dict(RMA_STATUSES))
    rma_reasons: dict[int, str] = field(default_factory=lambda: dict(RMA_REASONS))
    rma_methods: dict[int, str] = field(default_factory=lambda: dict(RMA_METHODS))
    gift_registries: Collection = field(default_factory=Collection)
    counters: dict[str, int] = field(default_factory=dict)
    #: Monotonic count of writes, so pollers (and tests) can tell that something changed.
    change_seq: int = 0

    def next_sub_id(self, key: str, floor: int = 0) -> int:
        value = max(self.counters.get(key, 0), floor) + 1
        self.counters[key] = value
        return value


def normalize_url(url: str) -> str:
    """SecureURL as a key: no scheme, no trailing slash, lower case."""
    u = url.strip().lower()
    for prefix in ("https://", "http://"):
        u = u.removeprefix(prefix)
    return u.rstrip("/")


class SimulatedStore(FailureInjection):
    """One merchant store: its credentials, data, rate-limit bucket and injected failures."""

    def __init__(self, secure_url: str, clock: Clock, now: Callable[[], datetime]) -> None:
        super().__init__()
        self.secure_url = secure_url
        self.key = normalize_url(secure_url)
        self.data = StoreData()
        #: token -> private key of the app the token was issued to
        self.tokens: dict[str, str] = {}
        self.bucket = LeakyBucket(BUCKET, clock)
        self.now = now

    def authorize(self, private_key: str, token: str) -> None:
        self.tokens[token] = private_key

    def accepts(self, private_key: str | None, token: str | None) -> bool:
        return token is not None and private_key is not None \
            and self.tokens.get(token) == private_key

    def timestamp(self) -> str:
        return self.now().strftime("%Y-%m-%dT%H:%M:%S")


class SimulatedStores(Registry[SimulatedStore]):
    """The stores a simulator serves, keyed by normalized SecureURL."""

    def __init__(self, clock: Clock | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(normalize_url)
        self.clock: Clock = clock or MonotonicClock()
        self.now = now or (lambda: datetime.now(UTC).replace(tzinfo=None))

    def add_store(self, secure_url: str, private_key: str, token: str, *, size: int = 100,
                  seed: int = 0, anchor: datetime | None = None) -> SimulatedStore:
        """Register a store (or a new credential of an existing one) and seed it."""
        from .seed import seed_store  # seed imports this module

        store = self.get(secure_url)
        if store is None:
            store = SimulatedStore(secure_url, self.clock, self.now)
            if size:
                day = self.now().replace(hour=0, minute=0, second=0, microsecond=0)
                seed_store(store.data, size=size, seed=seed, anchor=anchor or day)
            self.put(secure_url, store)
        store.authorize(private_key, token)
        return store
