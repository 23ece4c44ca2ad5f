"""Simulated WooCommerce shops: tables, ids, REST keys, OAuth nonces and webhooks. Ids follow
WordPress: posts (products, variations, orders, refunds, coupons), terms and order items
each share a sequence; times are kept in the shop's zone and in UTC (``..._gmt``).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from functools import partial
from typing import Any

import httpx

from anycart.sandbox.failures import FailureInjection
from anycart.sandbox.oauth1 import NonceLog
from anycart.sandbox.subscriptions import Subscriptions, Suspension
from anycart.sandbox.table import Record, Table, Tables
from anycart.sandbox.tenants import Stores
from anycart.sandbox.webhooks import Emitter, hmac_signer

from .seed import FACTS, TEMPLATES

SHOP_TZ = timezone(timedelta(hours=-3))
_AGENT = "WooCommerce/9.4.0 Hookshot (WordPress/6.7)"
#: ``woocommerce_max_webhook_delivery_failures``: a failure past this many disables a webhook.
MAX_FAILURES = 5
_SEQUENCES: dict[str, str] = FACTS["id_sequences"]


@dataclass
class ShopData(Tables):
    products: Table = field(default_factory=Table)
    variations: Table = field(default_factory=Table)
    categories: Table = field(default_factory=Table)
    tags: Table = field(default_factory=Table)
    attributes: Table = field(default_factory=Table)
    terms: Table = field(default_factory=Table)
    customers: Table = field(default_factory=Table)
    orders: Table = field(default_factory=Table)
    notes: Table = field(default_factory=Table)
    refunds: Table = field(default_factory=Table)
    coupons: Table = field(default_factory=Table)
    zones: Table = field(default_factory=Table)
    zone_methods: Table = field(default_factory=Table)
    shipping_methods: Table = field(default_factory=Table)
    tax_classes: Table = field(default_factory=Table)
    taxes: Table = field(default_factory=Table)  # tax rates, each of one class (its slug)
    webhooks: Table = field(default_factory=Table)
    #: zone id -> its locations ({"code", "type"})
    locations: dict[int, list[dict[str, str]]] = field(default_factory=dict)


class WooShop:
    """One WordPress site with WooCommerce and its REST API keys."""

    def __init__(self, host: str, now: Callable[[], datetime],
                 client: httpx.AsyncClient | None = None) -> None:
        self.host = host
        self.now = now
        self.client = client  # how pushes and pings reach their URLs (None: the network)
        self.pinged: list[tuple[str, int | None]] = []
        self.keys: dict[str, str] = {}  # consumer key -> consumer secret
        self.data = ShopData()
        self.nonces = NonceLog()
        self._ids: dict[str, int] = {}
        #: 2xx-302 resets a webhook's failure count, anything else adds one, and a failure
        #: with the count already above :data:`MAX_FAILURES` sets the webhook ``disabled``
        self.suspension = Suspension(self.data.webhooks, "status", "disabled",
                                     after=MAX_FAILURES, ok=range(200, 303))
        self.emitter = Emitter(lambda body: {}, source=host, now=now, max_attempts=1,
                               attempted=self.suspension)  # signed per webhook: see fire()
        self.pinger = Emitter(lambda body: {}, source=f"{host}#pings", now=now, max_attempts=1)
        self.hooks = Subscriptions(self.data.webhooks, frozenset(), address="delivery_url",
                                   fields=None, state="status")
        self.secrets: dict[int, str] = {}  # webhook id -> its secret (write-only field)
        self.injected = FailureInjection()  # the next requests' 5xx, for retry tests

    def api_url(self, scheme: str = "https") -> str:
        return f"{scheme}://{self.host}/wp-json/wc/v3"

    template = staticmethod(TEMPLATES.__getitem__)  # a record kind's fields, at their defaults

    def next_id(self, table: str) -> int:
        seq = _SEQUENCES.get(table, table)
        self._ids[seq] = self._ids.get(seq, 0) + 1
        return self._ids[seq]

    def create(self, table: str, body: dict[str, Any], when: datetime | None = None
               ) -> Record:
        """A record made the way the API makes it (seeding uses this)."""
        from .sim_resources import BY_TABLE  # the declarations build on this module
        from .sim_rest import SERVED

        res = BY_TABLE[table]
        parent = body.pop(res.parent[1]) if res.parent else None
        return SERVED.save(self, res, body, None, parent, when)

    # -- webhooks --------------------------------------------------------------------------
    def secret(self, hook_id: int) -> str:
        return self.secrets.get(hook_id, "")

    def ping(self, hook: Record) -> None:
        """A new webhook's unsigned ``webhook_id=<id>`` form, no X-WC headers (``deliver_ping``)."""
        body = f"webhook_id={hook['id']}".encode()
        self.pinger.emit(str(hook["delivery_url"]), "ping", None, raw=body, headers={
            "User-Agent": _AGENT, "Content-Type": "application/x-www-form-urlencoded"})

    async def deliver_pings(self) -> None:
        """Send the pings now, once; answers are only kept in ``pinged`` (the controller ignores them)."""
        self.pinged += [(url, status) for url, _, status in await self.pinger.flush(self.client)]

    def fire(self, resource: str, event: str, record: Record) -> None:
        """Queue the record for each active webhook on ``resource.event``, signed as WooCommerce does."""
        topic = f"{resource}.{event}"
        from .sim_resources import payload

        for hook, body in self.hooks.to(topic, payload(self, resource, copy.deepcopy(record))):
            key, did = hook["id"], self.emitter.next_id()
            self.emitter.emit(hook["delivery_url"], topic, body, subscription=key, headers={
                "User-Agent": _AGENT,
                "X-WC-Webhook-Source": f"https://{self.host}/", "X-WC-Webhook-Topic": topic,
                "X-WC-Webhook-Resource": resource, "X-WC-Webhook-Event": event,
                "X-WC-Webhook-ID": str(key), "X-WC-Webhook-Delivery-ID": uuid.UUID(did).hex},
                delivery_id=did, signer=hmac_signer("X-WC-Webhook-Signature",
                                                    partial(self.secret, key)))


def local(moment: datetime) -> str:
    return moment.astimezone(SHOP_TZ).strftime("%Y-%m-%dT%H:%M:%S")


def gmt(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def dated(record: Record, name: str, moment: datetime) -> None:
    """``name`` at ``moment`` in the shop's zone, ``name_gmt`` in UTC (where it has one)."""
    record[name] = local(moment)
    if name + "_gmt" in record:
        record[name + "_gmt"] = gmt(moment)


class WooShops(Stores[WooShop]):
    """The shops a simulator serves, keyed by host."""

    def __init__(self, now: Callable[[], datetime] | None = None,
                 client: httpx.AsyncClient | None = None) -> None:
        super().__init__(lambda host, clock: WooShop(host, clock, client), now)

    def add_shop(self, host: str, consumer_key: str, consumer_secret: str, *, size: int = 100,
                 seed: int = 0, anchor: datetime | None = None) -> WooShop:
        """A shop seeded with ``size`` products (a known host: one more key pair); same ``size``,
        ``seed`` and ``anchor`` (default: today 00:00 UTC), same data."""
        from .seed import seed_shop

        shop = self.seeded(host, lambda new, day: seed_shop(new, size=size, seed=seed,
                                                            anchor=day), anchor)
        shop.keys[consumer_key] = consumer_secret
        return shop
