"""In-memory data of simulated Shift4Shop stores.

A :class:`Collection` holds one resource table. Seeded records stay as compact rows and
are rendered to JSON text on demand; a record becomes a plain dict only once it is written
(or was created through the API). That keeps a 100 000-product store small and seeding
fast, while a page of 200 products costs one string join.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from anycart.platforms.simkit import Failure, FailureInjection
from anycart.transport.ratelimit import BucketBudget, Clock, LeakyBucket, MonotonicClock

Render = Callable[[int, Any], str]
Light = Callable[[int, Any], dict[str, Any]]

#: Documented GET batch sizes; also the largest accepted POST/PUT array.
BATCH_ORDERS = 300
BATCH_PRODUCTS = 200
BATCH_OTHERS = 500
#: Documented leaky bucket: 50 requests, leaking 2 per second.
BUCKET = BucketBudget(capacity=50, leak_per_s=2)


class Collection:
    """One resource table keyed by an auto-incremented integer id, ascending order."""

    def __init__(self, key: str, render: Render | None = None, light: Light | None = None) -> None:
        self.key = key
        self._render = render
        self._light = light
        self._rows: dict[int, Any] = {}
        self._docs: dict[int, dict[str, Any]] = {}
        self._order: list[int] | None = []
        self.next_id = 1
        self.version = 0
        self.filter_cache: dict[Any, list[int]] = {}

    # -- reading -------------------------------------------------------------------------
    def __contains__(self, rid: object) -> bool:
        return rid in self._docs or rid in self._rows

    def __len__(self) -> int:
        return len(self._docs) + len(self._rows)

    def ids(self) -> list[int]:
        if self._order is None:
            self._order = sorted([*self._rows, *self._docs])
        return self._order

    def json(self, rid: int) -> str:
        doc = self._docs.get(rid)
        if doc is not None:
            return json.dumps(doc, separators=(",", ":"))
        assert self._render is not None
        return self._render(rid, self._rows[rid])

    def get(self, rid: int) -> dict[str, Any] | None:
        """A fresh dict the caller may change freely (writes go through ``materialize``)."""
        if rid in self._docs:
            return json.loads(json.dumps(self._docs[rid]))
        if rid in self._rows:
            return json.loads(self.json(rid))
        return None

    def view(self, rid: int) -> dict[str, Any]:
        """Read-only record, possibly reduced to the fields filters look at."""
        doc = self._docs.get(rid)
        if doc is not None:
            return doc
        row = self._rows[rid]
        if self._light is not None:
            return self._light(rid, row)
        return json.loads(self.json(rid))

    def values(self) -> Iterator[dict[str, Any]]:
        for rid in self.ids():
            yield self.view(rid)

    # -- writing -------------------------------------------------------------------------
    def _changed(self) -> None:
        self.version += 1
        self.filter_cache.clear()

    def seed_row(self, rid: int, row: Any) -> None:
        self._rows[rid] = row
        self.next_id = max(self.next_id, rid + 1)
        self._order = None

    def seed_doc(self, doc: dict[str, Any]) -> int:
        rid = self.next_id
        self.next_id += 1
        self._docs[rid] = doc
        if self._order is not None:
            self._order.append(rid)
        return rid

    def materialize(self, rid: int) -> dict[str, Any]:
        """The stored dict of ``rid``, for in-place change; call ``touched`` afterwards."""
        doc = self._docs.get(rid)
        if doc is None:
            doc = self._docs[rid] = json.loads(self.json(rid))
            del self._rows[rid]
        return doc

    def touched(self) -> None:
        self._changed()

    def insert(self, doc: dict[str, Any]) -> int:
        rid = self.seed_doc(doc)
        self._changed()
        return rid

    def delete(self, rid: int) -> bool:
        if self._docs.pop(rid, None) is None and self._rows.pop(rid, None) is None:
            return False
        if self._order is not None:
            self._order.remove(rid)
        self._changed()
        return True


@dataclass
class StoreData:
    """All tables of one store, plus counters for ids of nested records."""

    products: Collection = field(default_factory=lambda: Collection("CatalogID"))
    categories: Collection = field(default_factory=lambda: Collection("CategoryID"))
    customers: Collection = field(default_factory=lambda: Collection("CustomerID"))
    customer_groups: Collection = field(default_factory=lambda: Collection("CustomerGroupID"))
    distributors: Collection = field(default_factory=lambda: Collection("DistributorID"))
    manufacturers: Collection = field(default_factory=lambda: Collection("ManufacturerID"))
    orders: Collection = field(default_factory=lambda: Collection("OrderID"))
    order_statuses: Collection = field(default_factory=lambda: Collection("OrderStatusID"))
    rmas: Collection = field(default_factory=lambda: Collection("RMAID"))
    gift_registries: Collection = field(default_factory=lambda: Collection("GiftRegistryID"))
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
        if u.startswith(prefix):
            u = u[len(prefix):]
    return u.rstrip("/")


class SimulatedStore(FailureInjection):
    """One merchant store: its credentials, data, rate-limit bucket and injected failures."""

    def __init__(self, secure_url: str, clock: Clock, now: Callable[[], datetime]) -> None:
        self.secure_url = secure_url
        self.key = normalize_url(secure_url)
        self.data = StoreData()
        #: token -> private key of the app the token was issued to
        self.tokens: dict[str, str] = {}
        self.bucket = LeakyBucket(BUCKET, clock)
        self.failures: list[Failure] = []
        self.now = now

    def authorize(self, private_key: str, token: str) -> None:
        self.tokens[token] = private_key

    def accepts(self, private_key: str | None, token: str | None) -> bool:
        if token is None or private_key is None:
            return False
        return self.tokens.get(token) == private_key

    def timestamp(self) -> str:
        return self.now().strftime("%Y-%m-%dT%H:%M:%S")


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class SimulatedStores:
    """The stores a simulator serves, keyed by normalized SecureURL."""

    def __init__(self, clock: Clock | None = None, now: Callable[[], datetime] | None = None) -> None:
        self.clock: Clock = clock or MonotonicClock()
        self.now = now or _utc_now
        self._stores: dict[str, SimulatedStore] = {}

    def add_store(
        self,
        secure_url: str,
        private_key: str,
        token: str,
        *,
        size: int = 100,
        seed: int = 0,
        anchor: datetime | None = None,
    ) -> SimulatedStore:
        """Register a store (or a new credential of an existing one) and seed it."""
        from .seed import seed_store  # seed imports this module

        existing = self._stores.get(normalize_url(secure_url))
        if existing is not None:
            existing.authorize(private_key, token)
            return existing
        store = SimulatedStore(secure_url, self.clock, self.now)
        store.authorize(private_key, token)
        if size:
            day = self.now().replace(hour=0, minute=0, second=0, microsecond=0)
            seed_store(store.data, size=size, seed=seed, anchor=anchor or day)
        self._stores[store.key] = store
        return store

    def get(self, secure_url: str | None) -> SimulatedStore | None:
        if not secure_url:
            return None
        return self._stores.get(normalize_url(secure_url))

    def __iter__(self) -> Iterator[SimulatedStore]:
        return iter(self._stores.values())

    def __len__(self) -> int:
        return len(self._stores)
