"""Simulated Shopify shops: tables of records in Shopify's REST JSON shape (the shape its
webhooks push), ids, credentials, failures and webhooks.

Ids grow with time in one range per kind (:mod:`anycart.sandbox.ids`); timestamps are in the
shop's zone, a fixed UTC-5. ``inventory_levels`` is keyed by ``(item id, location id)``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from anycart.sandbox import crud, values
from anycart.sandbox.failures import FailureInjection
from anycart.sandbox.ids import IdRanges
from anycart.sandbox.links import Links
from anycart.sandbox.listing import Listing
from anycart.sandbox.subscriptions import Subscriptions
from anycart.sandbox.table import Record, Table, Tables
from anycart.sandbox.templates import Templates
from anycart.sandbox.tenants import Registry, host_key
from anycart.sandbox.webhooks import Delivery, Emitter, hmac_signer
from anycart.transport.ratelimit import Clock, MonotonicClock

#: Every record kind's fields in Shopify's order, with the values a new record starts from.
RECORDS = Templates.load(Path(__file__).with_name("sim_records.json"))
SHOP_TZ = values.fixed_zone(-5)
#: Orders are numbered from 1001 ("#1001"), as in a new Shopify shop.
FIRST_ORDER_NUMBER = 1001
#: topics, id ranges, countries...: see its "_about"
FACTS: dict[str, Any] = json.loads(Path(__file__).with_name("sim_facts.json").read_text())
#: kind -> (first id, slots per parent sequence number)
BASES: dict[str, tuple[int, int]] = {k: (v[0], v[1]) for k, v in FACTS["id_ranges"].items()}
#: child kind -> the kind of record it belongs to (for id -> parent lookups)
PARENT_KIND: dict[str, str] = FACTS["parent_kind"]
#: API resource path -> (create, update, delete) topics.
RESOURCE_TOPICS: dict[str, tuple[str, str, str]] = {
    k: (v[0], v[1], v[2]) for k, v in FACTS["resource_topics"].items()}
seeded_id = IdRanges(BASES).seeded
#: Topics a subscription may name: the REST-era list as recorded, and the GraphQL side's own
GRAPHQL_TOPICS = frozenset(f"{resource}/{event}" for key in ("topics", "graphql_topics")
                           for resource, events in FACTS[key].items()
                           if not resource.startswith("_") for event in events)


def gid(kind: str, rid: int | str) -> str:
    """GraphQL global id, as REST records carry it in ``admin_graphql_api_id``."""
    return f"gid://shopify/{kind}/{rid}"


def fmt_ts(ts: float) -> str:
    return values.fmt_ts(ts, SHOP_TZ)


def parse_ts(text: str) -> float:
    return values.parse_ts(text, SHOP_TZ)


@dataclass
class ShopData(Tables):
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
    #: smart collections (``rules``, ``disjunctive``): read through the GraphQL API
    smart_collections: Table = field(default_factory=Table)
    #: returns (the GraphQL Returns API; REST has none)
    returns: Table = field(default_factory=Table)
    #: ids by kind, and which parent a child id belongs to
    ids: IdRanges = field(default_factory=lambda: IdRanges(BASES, PARENT_KIND))
    primary_location_id: int = 0

    def _variant_by(self, kind: str, key: str, wanted: int) -> tuple[int, Record] | None:
        pid = self.ids.owner(kind, wanted)
        if pid is None or pid not in self.products:
            return None
        return next(((pid, v) for v in self.products.peek(pid)["variants"] if v[key] == wanted),
                    None)

    def find_variant(self, variant_id: int) -> tuple[int, Record] | None:
        """``(product id, variant)`` read-only, without materializing the product."""
        return self._variant_by("variant", "id", variant_id)

    def find_item(self, item_id: int) -> tuple[int, Record] | None:
        """``(product id, variant)`` of an inventory item, read-only."""
        return self._variant_by("inventory_item", "inventory_item_id", item_id)

    def subscriptions(self, allow_http: bool = False) -> Subscriptions:
        """The webhook subscriptions (Shopify takes only https:// addresses)."""
        return Subscriptions(self.webhooks, GRAPHQL_TOPICS, allow_http=allow_http)

    @property
    def links(self) -> Links:
        """Which products each custom collection holds (the collects)."""
        return Links(self.collects, "collection_id", "product_id")


class SimulatedShop(FailureInjection):
    """One ``*.myshopify.com`` shop and the app installed on it."""

    def __init__(self, domain: str, access_token: str, shared_secret: str, clock: Clock,
                 now: Callable[[], datetime]) -> None:
        super().__init__()
        self.domain = domain
        self.tokens: set[str] = {access_token}
        self.shared_secret = shared_secret
        self.data = ShopData()
        self.now = now
        self.info: Record = {}
        self.emitter = Emitter(hmac_signer("X-Shopify-Hmac-Sha256", lambda: self.shared_secret),
                               source=domain, now=now)

    @property
    def outbox(self) -> list[Delivery]:
        """Deliveries queued and not yet answered 2xx."""
        return self.emitter.queue

    def table(self, path: str) -> Table:
        return self.data.table(path)

    def accepts(self, token: str | None) -> bool:
        return bool(token) and token in self.tokens

    def stamp(self, previous: str | None = None) -> str:
        """Now, as Shopify renders it; strictly later than ``previous`` (so ``updated_at``
        changes on every write, even two writes within one second)."""
        return values.stamp_after(self.now().timestamp(), previous, SHOP_TZ)

    def fire(self, topic: str, payload: dict[str, Any]) -> None:
        """Queue ``payload`` (cut to the subscription's ``fields``) for every subscription to
        ``topic``, with the headers Shopify sends."""
        for hook, body in self.data.subscriptions().to(topic, payload):
            wid = self.emitter.next_id()
            self.emitter.emit(str(hook["address"]), topic, body, subscription=int(hook["id"]),
                              delivery_id=wid, headers={
                                  "X-Shopify-Topic": topic, "X-Shopify-Shop-Domain": self.domain,
                                  "X-Shopify-API-Version": str(hook.get("api_version") or ""),
                                  "X-Shopify-Webhook-Id": wid,
                                  "X-Shopify-Event-Id": self.emitter.next_id(),
                                  "X-Shopify-Triggered-At": self.emitter.timestamp()})

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


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SimulatedShops(Registry[SimulatedShop]):
    """The shops a simulator serves, keyed by their ``*.myshopify.com`` host."""

    def __init__(self, clock: Clock | None = None,
                 now: Callable[[], datetime] | None = None) -> None:
        super().__init__(host_key)
        self.clock: Clock = clock or MonotonicClock()
        self.now = now or _utc_now

    def add_shop(self, domain: str, access_token: str, *, shared_secret: str = "",
                 size: int = 100, seed: int = 0,
                 anchor: datetime | None = None) -> SimulatedShop:
        """Register a shop seeded with ``size`` products (or, for a known domain, one more
        access token). Same ``size``, ``seed`` and ``anchor`` (default: today 00:00 UTC),
        same data."""
        from .seed import seed_shop  # seed builds on this module

        existing = self.get(domain)
        if existing is not None:
            existing.tokens.add(access_token)
            existing.shared_secret = shared_secret or existing.shared_secret
            return existing
        shop = SimulatedShop(host_key(domain), access_token, shared_secret, self.clock,
                             self.now)
        day = self.now().astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        seed_shop(shop, size=size, seed=seed, anchor=anchor or day)
        return self.put(domain, shop)


# -- the record rules' call context -------------------------------------------------------
#: the kit's CRUD pattern: the record rules' create, update and delete
Crud = crud.Crud


@dataclass
class Ctx(crud.Call):
    """One write to a shop, as a GraphQL mutation hands it to the record rules."""

    version: str = ""

    @property
    def shop(self) -> SimulatedShop:
        shop: SimulatedShop = self.tenant
        return shop

    @property
    def data(self) -> ShopData:
        return self.shop.data


#: the kit's Crud wants a list query; nothing lists through it (the GraphQL side lists with its
#: own search syntax, ``sim_graphql_views``)
UNLISTED = Listing(parse_ts, ())


def new_id(kind: str) -> Callable[[Ctx], dict[str, Any]]:
    """A new record's id, from the shop's range for ``kind``."""
    return lambda ctx: {"id": ctx.data.ids.next(kind)}


def stamp(ctx: Ctx, stored: Record | None) -> str:
    """Now, for a new record or (later than its stamp) a stored one."""
    return ctx.shop.stamp(stored["updated_at"] if stored else None)
