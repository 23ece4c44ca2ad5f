"""Simulated Shopify shops: their tables, credentials, bucket, failures and webhook queue.

``shop.data.<table>`` maps ids to records in Shopify's JSON shape (``inventory_levels`` is
keyed by ``(inventory_item_id, location_id)``, the pair that identifies a level). Records may
be read and changed in place; :meth:`SimulatedShop.touch` is the test helper that changes a
record's ``updated_at`` and fires its update webhook as an edit in the admin would.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from anycart.platforms.simkit import Failure, FailureInjection
from anycart.transport.ratelimit import BucketBudget, Clock, LeakyBucket, MonotonicClock

from .sim_ids import FIRST_ORDER_NUMBER, IdGen, fmt_ts, parse_ts, seeded_id, seeded_parent
from .sim_table import Record, Table
from .sim_webhooks import RESOURCE_TOPICS, Delivery, delivery

#: The documented REST bucket of a standard plan: 40 requests, leaking 2 per second.
BUCKET = BucketBudget(capacity=40, leak_per_s=2)

#: child kind -> the kind of record it belongs to (for id -> parent lookups)
PARENT_KIND = {"variant": "product", "inventory_item": "product", "image": "product",
               "line_item": "order", "fulfillment": "order", "refund": "order",
               "address": "customer"}


@dataclass
class ShopData:
    """Every table of one shop, plus what links child ids to their parents."""

    products: Table = field(default_factory=Table)
    custom_collections: Table = field(default_factory=Table)
    collects: Table = field(default_factory=Table)
    customers: Table = field(default_factory=Table)
    orders: Table = field(default_factory=Table)
    webhooks: Table = field(default_factory=Table)
    carrier_services: Table = field(default_factory=Table)
    locations: Table = field(default_factory=Table)
    inventory_levels: Table = field(default_factory=Table)
    #: inventory item id -> fields set through ``PUT inventory_items`` (cost, tracked, ...)
    inventory_items: dict[int, dict[str, Any]] = field(default_factory=dict)
    ids: IdGen = field(default_factory=IdGen)
    #: parent kind -> how many parents the seed numbered (bounds the id arithmetic)
    seeded: dict[str, int] = field(default_factory=dict)
    #: child kind -> child id -> parent id, for children created through the API
    owners: dict[str, dict[int, int]] = field(default_factory=dict)
    next_order_number: int = FIRST_ORDER_NUMBER
    primary_location_id: int = 0
    _members: tuple[int, dict[int, set[int]]] = field(default=(-1, {}), repr=False)
    _indexes: dict[tuple[str, str], dict[str, int]] = field(default_factory=dict, repr=False)

    def table(self, path: str) -> Table:
        table = getattr(self, path, None)
        if not isinstance(table, Table):
            raise KeyError(path)
        return table

    def own(self, kind: str, child_id: int, parent_id: int) -> None:
        self.owners.setdefault(kind, {})[child_id] = parent_id

    def owner(self, kind: str, child_id: int) -> int | None:
        """The parent id of a child id (a variant's product, a fulfillment's order, ...),
        or None; the caller still checks that the parent holds the child."""
        parent = self.owners.get(kind, {}).get(child_id)
        if parent is not None:
            return parent
        parent_kind = PARENT_KIND[kind]
        n = seeded_parent(kind, child_id)
        if 1 <= n <= self.seeded.get(parent_kind, 0):
            return seeded_id(parent_kind, n)
        return None

    def find_variant(self, variant_id: int) -> tuple[int, dict[str, Any]] | None:
        """``(product id, variant)`` read-only, without materializing the product."""
        pid = self.owner("variant", variant_id)
        if pid is None or pid not in self.products:
            return None
        for v in self.products.peek(pid)["variants"]:
            if v["id"] == variant_id:
                return pid, v
        return None

    def find_item(self, item_id: int) -> tuple[int, dict[str, Any]] | None:
        """``(product id, variant)`` of an inventory item, read-only."""
        pid = self.owner("inventory_item", item_id)
        if pid is None or pid not in self.products:
            return None
        for v in self.products.peek(pid)["variants"]:
            if v["inventory_item_id"] == item_id:
                return pid, v
        return None

    def index(self, path: str, name: str) -> dict[str, int]:
        """Lower-cased value of field ``name`` -> id, for uniqueness checks (handles, e-mail
        addresses). Built on first use, then kept current by the API handlers."""
        idx = self._indexes.get((path, name))
        if idx is None:
            idx = {}
            table = self.table(path)
            for key in table.sorted_keys():
                value = table.view(key).get(name)
                if value:
                    idx[str(value).lower()] = key
            self._indexes[(path, name)] = idx
        return idx

    def reindex(self, path: str, name: str, old: Any, new: Any, rid: int) -> None:
        idx = self.index(path, name)
        if old and idx.get(str(old).lower()) == rid:
            del idx[str(old).lower()]
        if new:
            idx[str(new).lower()] = rid

    def memberships(self) -> dict[int, set[int]]:
        """Custom collection id -> ids of the products collected into it (cached per
        version of the collects table)."""
        version, members = self._members
        if version != self.collects.version:
            members = {}
            for key in self.collects.sorted_keys():
                c = self.collects.view(key)
                members.setdefault(c["collection_id"], set()).add(c["product_id"])
            self._members = (self.collects.version, members)
        return members

    def collection_members(self, collection_id: int) -> set[int]:
        return self.memberships().get(collection_id, set())


class SimulatedShop(FailureInjection):
    """One ``*.myshopify.com`` shop and the app installed on it."""

    def __init__(self, domain: str, access_token: str, shared_secret: str, clock: Clock,
                 now: Callable[[], datetime]) -> None:
        self.domain = domain
        self.tokens: set[str] = {access_token}
        self.shared_secret = shared_secret
        self.data = ShopData()
        self.bucket = LeakyBucket(BUCKET, clock)
        self.failures: list[Failure] = []
        self.outbox: list[Delivery] = []
        self.now = now
        self.info: Record = {}

    # -- credentials and failures ----------------------------------------------------------
    def accepts(self, token: str | None) -> bool:
        return bool(token) and token in self.tokens

    # -- time ------------------------------------------------------------------------------
    def stamp(self, previous: str | None = None) -> str:
        """Now, as Shopify renders it; strictly later than ``previous`` (so ``updated_at``
        changes on every write, even two writes within one second)."""
        now = self.now().timestamp()
        if previous:
            with contextlib.suppress(ValueError):
                now = max(now, parse_ts(previous) + 1)
        return fmt_ts(now)

    # -- webhooks --------------------------------------------------------------------------
    def fire(self, topic: str, payload: dict[str, Any]) -> None:
        """Queue ``payload`` for every subscription to ``topic`` (a snapshot taken now)."""
        hooks = self.data.webhooks
        for rid in hooks.sorted_keys():
            hook = hooks.peek(rid)
            if hook.get("topic") == topic:
                self.outbox.append(delivery(self.domain, self.shared_secret, hook, topic,
                                            json.loads(json.dumps(payload))))

    def touch(self, resource: str, rid: int) -> Record:
        """Change ``updated_at`` of a product, order, customer or custom collection and fire
        its update topic, as if a merchant had edited it in the admin."""
        path = "custom_collections" if resource == "collections" else resource
        table = self.data.table(path)
        record = table[rid]
        record["updated_at"] = self.stamp(record.get("updated_at"))
        table.changed()
        self.fire(RESOURCE_TOPICS[path][1], record)
        return record


def normalize_domain(value: str) -> str:
    """Host as a key: no scheme, path, port or trailing dot; lower case."""
    host = value.strip().lower()
    for prefix in ("https://", "http://"):
        if host.startswith(prefix):
            host = host[len(prefix):]
    host = host.split("/", 1)[0].split(":", 1)[0]
    return host.rstrip(".")


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SimulatedShops:
    """The shops a simulator serves, keyed by their ``*.myshopify.com`` host."""

    def __init__(self, clock: Clock | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        self.clock: Clock = clock or MonotonicClock()
        self.now = now or _utc_now
        self._shops: dict[str, SimulatedShop] = {}

    def add_shop(self, domain: str, access_token: str, *, shared_secret: str = "",
                 size: int = 100, seed: int = 0,
                 anchor: datetime | None = None) -> SimulatedShop:
        """Register a shop seeded with ``size`` products (or, for a known domain, one more
        access token). Same ``size``, ``seed`` and ``anchor`` (default: today 00:00 UTC),
        same data."""
        from .seed import seed_shop  # seed builds on this module

        key = normalize_domain(domain)
        existing = self._shops.get(key)
        if existing is not None:
            existing.tokens.add(access_token)
            if shared_secret:
                existing.shared_secret = shared_secret
            return existing
        shop = SimulatedShop(key, access_token, shared_secret, self.clock, self.now)
        day = self.now().astimezone(UTC).replace(hour=0, minute=0, second=0,
                                                           microsecond=0)
        seed_shop(shop, size=size, seed=seed, anchor=anchor or day)
        self._shops[key] = shop
        return shop

    def get(self, domain: str | None) -> SimulatedShop | None:
        return self._shops.get(normalize_domain(domain)) if domain else None

    def __iter__(self) -> Iterator[SimulatedShop]:
        return iter(self._shops.values())

    def __len__(self) -> int:
        return len(self._shops)
