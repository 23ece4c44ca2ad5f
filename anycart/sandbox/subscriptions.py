"""Webhook subscriptions a store keeps in a table (Shopify's webhooks, WooCommerce's webhooks,
BigCommerce's hooks): what a subscription must name, and which ones a change is sent to.

A :class:`Subscriptions` declares the table, the topic and address fields (and optionally a
field listing the payload fields a subscriber wants), the topics the platform knows, whether
plain http is taken, and its error texts. It checks a subscription being written (topic
known, address an absolute URL, no second one for the same topic and address) and lists the
subscriptions a topic goes to, in id order, with the payload each gets. A :class:`Suspension`
is what the platform does when a subscription's deliveries keep failing: it turns it off.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .table import Record, Table
from .values import Errors, url_errors
from .webhooks import Delivery


@dataclass(frozen=True)
class Subscriptions:
    table: Table
    known: frozenset[str]
    topic: str = "topic"
    address: str = "address"
    #: the subscription's list of payload fields (empty: the whole payload; None: no such field)
    fields: str | None = "fields"
    allow_http: bool = False
    blank: str = "can't be blank"
    #: ``{topic}`` and ``{allowed}`` (the known topics, sorted, joined by ", ") are filled in
    unknown: str = "Invalid topic specified: {topic}. Topics allowed: {allowed}"
    taken: str = "for this topic has already been taken"
    #: a field holding the subscription's state (None: none); only ``live`` ones are sent to
    state: str | None = None
    live: Any = "active"
    #: a subscription to ``<prefix>/*`` takes every topic below it (BigCommerce's
    #: ``store/order/*``)
    wildcard: bool = False

    def errors(self, hook: Mapping[str, Any]) -> Errors:
        """The topic's and the address' errors (the platform adds its own checks)."""
        errors: Errors = {}
        topic = hook.get(self.topic)
        if not topic:
            errors[self.topic] = [self.blank]
        elif not isinstance(topic, str) or topic not in self.known:
            errors[self.topic] = [self.unknown.format(topic=topic,
                                                      allowed=", ".join(sorted(self.known)))]
        if address := url_errors(hook.get(self.address), allow_http=self.allow_http):
            errors[self.address] = address
        return errors

    def duplicate(self, hook: Mapping[str, Any], own_id: Any, errors: Errors) -> None:
        """Another subscription has the same topic and address: an error on the address."""
        if any(other[self.topic] == hook[self.topic] and other[self.address] == hook[self.address]
               for key in self.table.sorted_keys() if key != own_id
               for other in (self.table.peek(key),)):
            errors[self.address] = [self.taken]

    def to(self, topic: str, payload: Mapping[str, Any]) -> Iterator[tuple[Record, Any]]:
        """``(subscription, its payload)`` for each subscription to ``topic``, in id order."""
        for key in self.table.sorted_keys():
            hook = self.table.peek(key)
            wanted_topic = hook.get(self.topic)
            if (wanted_topic != topic and not (
                    self.wildcard and wanted_topic == topic.rsplit("/", 1)[0] + "/*")) or (
                    self.state is not None and hook.get(self.state) != self.live):
                continue
            wanted = hook.get(self.fields) if self.fields is not None else None
            yield hook, ({k: v for k, v in payload.items() if k in wanted} if wanted
                         else payload)


@dataclass
class Suspension:
    """Turns a subscription off (``state`` set to ``off``) when its deliveries keep failing:
    once a delivery is given up after ``attempts`` tries (BigCommerce: its retries spent),
    or on a failure with more than ``after`` already counted in a row (WooCommerce's
    ``woocommerce_max_webhook_delivery_failures``). An answer in ``ok`` resets the count.
    Given to the :class:`~anycart.sandbox.webhooks.Emitter` as its ``attempted``."""

    table: Table
    state: str
    off: Any
    attempts: int | None = None
    after: int | None = None
    ok: range = range(200, 300)
    #: subscription id -> failed deliveries in a row
    failures: dict[int, int] = field(default_factory=dict)

    def __call__(self, delivery: Delivery, status: int | None) -> None:
        key = delivery.subscription
        if status is not None and status in self.ok:
            self.failures[key] = 0
            return
        count = self.failures.get(key, 0)
        spent = self.attempts is not None and delivery.attempts >= self.attempts
        if (spent or (self.after is not None and count > self.after)) and key in self.table:
            self.table[key][self.state] = self.off
            self.table.changed()
        else:
            self.failures[key] = count + 1
