"""Simulated BigCommerce stores (found by the hash in ``/stores/{hash}/...``): tables, API
tokens with their OAuth scopes (``store_v2_products`` or ``..._read_only``...), a fixed
request window (``quota`` per 30 s, by plan) and the webhook dispatcher, which retries a
failed delivery on the schedule of :data:`RETRY_S` and then deactivates the hook.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from anycart.sandbox.failures import FailureInjection
from anycart.sandbox.limits import FixedWindow
from anycart.sandbox.subscriptions import Subscriptions, Suspension
from anycart.sandbox.table import Record, Table, Tables
from anycart.sandbox.templates import Templates
from anycart.sandbox.tenants import Registry
from anycart.sandbox.webhooks import Emitter
from anycart.transport.ratelimit import Clock

_HERE = Path(__file__).parent
FACTS: dict[str, Any] = json.loads((_HERE / "sim_facts.json").read_text())
RECORDS = Templates.load(_HERE / "sim_records.json")
RESOURCES: dict[str, dict[str, Any]] = json.loads((_HERE / "sim_resources.json").read_text())
#: seconds between a failed delivery and its retries; after the last the hook is deactivated
RETRY_S: list[int] = FACTS["webhook_retry_s"]
#: the field naming the record a row belongs to, per table (a variant's product, a line's order)
OWNERS: dict[str, str] = {"order_products": "order_id", "order_addresses": "order_id",
                          "shipments": "order_id", **{
                              spec.get("table", name): (spec.get("parent") or [
                                  None, spec.get("owner")])[1]
                              for name, spec in RESOURCES.items()
                              if "parent" in spec or "owner" in spec}}
V3_DATE = "%Y-%m-%dT%H:%M:%S+00:00"
V2_DATE = "%a, %d %b %Y %H:%M:%S +0000"


@dataclass
class StoreData(Tables):
    products: Table = field(default_factory=Table)
    variants: Table = field(default_factory=Table)
    options: Table = field(default_factory=Table)
    modifiers: Table = field(default_factory=Table)
    images: Table = field(default_factory=Table)
    custom_fields: Table = field(default_factory=Table)
    categories: Table = field(default_factory=Table)
    trees: Table = field(default_factory=Table)
    brands: Table = field(default_factory=Table)
    customers: Table = field(default_factory=Table)
    addresses: Table = field(default_factory=Table)
    orders: Table = field(default_factory=Table)
    order_products: Table = field(default_factory=Table)
    order_addresses: Table = field(default_factory=Table)
    shipments: Table = field(default_factory=Table)
    coupons: Table = field(default_factory=Table)  # v2 coupon codes (sim_coupons)
    hooks: Table = field(default_factory=Table)


class BigCommerceStore:
    """One store: its data, its API tokens, its request window and its webhook queue."""

    def __init__(self, store_hash: str, now: Callable[[], datetime], clock: Clock | None,
                 quota: int, store_id: int) -> None:
        self.hash, self.now, self.store_id = store_hash, now, store_id
        self.tokens: dict[str, frozenset[str] | None] = {}
        self.data = StoreData()
        #: table -> owner id -> keys, so a product's variants are found without a scan
        self._owned: dict[str, dict[int, list[int]]] = {name: {} for name in OWNERS}
        self.window = FixedWindow(quota, FACTS["rate_window_s"], clock)
        self.injected = FailureInjection()
        #: a hook whose delivery is given up (no 2xx after every retry) is deactivated
        self.emitter = Emitter(lambda body: {}, source=f"bigcommerce:{store_hash}", now=now,
                               max_attempts=len(RETRY_S) + 1, attempted=Suspension(
                                   self.data.hooks, "is_active", False, len(RETRY_S) + 1))
        self.hooks = Subscriptions(self.data.hooks, frozenset(), topic="scope",
                                   address="destination", fields=None, state="is_active",
                                   live=True, wildcard=True)

    @property
    def producer(self) -> str:
        return f"stores/{self.hash}"

    def allows(self, token: str, scope: str | None, write: bool) -> bool | None:
        """None: no such token; else whether its scopes cover the request (``scope`` None:
        a path any token may use)."""
        if token not in self.tokens:
            return None
        scopes = self.tokens[token]
        return scopes is None or scope is None or scope in scopes or (
            not write and f"{scope}_read_only" in scopes)

    def stamp(self, fmt: str = V3_DATE) -> str:
        return self.now().astimezone(UTC).strftime(fmt)

    def make(self, table: str, template: str, values: dict[str, Any]) -> Record:
        """A new record of ``template`` with the next id, stored."""
        record = RECORDS[template].make(values, id=self.data.table(table).next_id)
        return self.put(table, record)

    def put(self, table: str, record: Record) -> Record:
        """Store ``record`` (new or changed; its owner never changes)."""
        rows = self.data.table(table)
        if table in OWNERS and record["id"] not in rows:
            self._owned[table].setdefault(record[OWNERS[table]], []).append(record["id"])
        rows[record["id"]] = record
        return record

    def owned(self, table: str, owner: int) -> list[Record]:
        """The records of ``table`` belonging to ``owner``, in id order (deleted ones
        skipped)."""
        rows = self.data.table(table)
        return [rows.peek(k) for k in self._owned[table].get(owner, ()) if k in rows]

    # -- webhooks --------------------------------------------------------------------------
    def fire(self, scope: str, kind: str, key: int, **more: Any) -> None:
        """Queue BigCommerce's thin payload ``{scope, store_id, data: {type, id, **more},
        hash, created_at, producer}`` to every active hook on ``scope`` (or its
        ``store/<kind>/*`` wildcard), with the hook's custom headers."""
        created = int(self.now().timestamp())
        data = {"type": kind, "id": key, **more}
        digest = hashlib.sha1(json.dumps(data, sort_keys=True).encode()).hexdigest()
        payload = {"scope": scope, "store_id": str(self.store_id), "data": data,
                   "hash": digest, "created_at": created, "producer": self.producer}
        for hook, body in self.hooks.to(scope, payload):
            self.emitter.emit(hook["destination"], scope, body, subscription=hook["id"],
                              headers={str(k): str(v) for k, v in (hook["headers"] or {}).items()})


class BigCommerceStores(Registry[BigCommerceStore]):
    """The stores a simulator serves, keyed by store hash."""

    def __init__(self, now: Callable[[], datetime] | None = None,
                 clock: Clock | None = None) -> None:
        super().__init__(lambda name: name.strip().lower())
        self.now = now or (lambda: datetime.now(UTC))
        self.clock = clock

    def add_shop(self, store_hash: str, token: str, *, scopes: frozenset[str] | None = None,
                 plan: str = FACTS["default_plan"], quota: int | None = None, size: int = 100,
                 seed: int = 0, anchor: datetime | None = None) -> BigCommerceStore:
        """Register a store seeded with ``size`` products (or, for a known hash, one more
        token). ``quota``: requests per 30 s window (default: the plan's). Same ``size``,
        ``seed`` and ``anchor`` (default: today 00:00 UTC), same data."""
        from .seed import seed_store

        store = self.get(store_hash)
        if store is None:
            limit = quota if quota is not None else FACTS["rate_plans"][plan]
            store = self.put(store_hash, BigCommerceStore(
                store_hash.strip().lower(), self.now, self.clock, limit, 1000001 + len(self)))
            day = self.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
            seed_store(store, size=size, seed=seed, anchor=anchor or day)
        store.tokens[token] = scopes
        return store
