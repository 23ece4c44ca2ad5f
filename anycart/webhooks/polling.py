"""Change events for platforms without native webhooks, by polling through the connector.

Platform-independent: it reads a store through the same contract methods a client would
(``product.list`` with ``modified_from``, ``product.count``...), so every connector that
lists an entity gets webhooks for it.

Cursor per (store, entity): ``known`` maps each entity id to a hash of the unified record,
``since`` is the newest modification time seen. A poll:

1. The first poll of an entity takes a baseline (every id and hash) and emits nothing: only
   changes after the subscription are events.
2. Entities the platform filters by modification time are read with ``modified_from`` =
   ``since`` minus a small overlap; the overlap makes late writers safe and the hashes drop
   what was already seen. A new id is ``add``; a known id with a new hash is ``update``.
   Times carry their offset (a bridge cart reports its store's clock) and are compared as
   instants; ``since`` never moves past the poller's own clock, so one record stamped in the
   future (a wrong clock or zone) cannot hide later edits: it is re-read, and its hash drops it.
3. Deletes: when somebody subscribed to ``delete``, ``*.count`` is compared with the known
   ids (one cheap request); only when they differ is the full id list read and diffed.
4. Entities without a modification filter (categories, returns on Shift4Shop) are listed in
   full and diffed every poll; so are the entities a subscription asked to watch by checksum
   (``change_detection=checksum``: for stores whose tools edit rows without touching their
   modification date, which ``modified_from`` cannot see).
5. Shipments come from orders: each changed order's shipments are listed and diffed
   (their baseline is read a few orders per poll, see :func:`poll_shipments`).

The caller writes the events, the new cursor and the next poll time in one transaction
(:mod:`anycart.webhooks.outbox`), so a crash never loses or skips a change: the cursor only
moves together with the events it produced.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from anycart.errors import ApiError
from anycart.events import ChangeEvent
from anycart.platforms.base import UNCOUNTED, Call, Page

#: Read back this far before the newest modification seen (clock granularity, late commits).
OVERLAP = timedelta(seconds=2)
#: Page size of polling reads (the contract's largest).
PAGE = 250

Invoke = Callable[[Call], Awaitable[Any]]
Resolve = Callable[[str], Invoke | None]


@dataclass(frozen=True)
class Source:
    """How to see one entity's changes through contract methods."""

    entity: str
    list_method: str
    count_method: str | None
    #: ``*.list`` filter of records modified since (None: diff the full list every poll).
    modified_param: str | None
    #: Where the unified record keeps its modification time.
    modified_field: str | None


SOURCES: dict[str, Source] = {s.entity: s for s in (
    Source("product", "product.list", "product.count", "modified_from", "modified_at"),
    Source("customer", "customer.list", "customer.count", "modified_from", "modified_time"),
    Source("order", "order.list", "order.count", "modified_from", "modified_at"),
    Source("category", "category.list", "category.count", None, None),
    Source("return", "return.list", "return.count", None, None),
)}


def digest(record: dict[str, Any]) -> str:
    text = json.dumps(record, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.blake2b(text.encode(), digest_size=10).hexdigest()


def record_moment(value: Any) -> datetime | None:
    """A record's date field (the contract's ``{"value", "format"}`` or plain text) as an
    aware moment, or None: what the poller's cursor and ``anycart export``'s marks compare."""
    if isinstance(value, dict):
        value = value.get("value")
    if not value:
        return None
    text = str(value).strip().replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-3] != ":":
        text = text[:-2] + ":" + text[-2:]
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _since_param(moment: datetime) -> str:
    return (moment - OVERLAP).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


async def read_all(invoke: Invoke, method: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every record of a list method, page by page."""
    out: list[dict[str, Any]] = []
    start = 0
    while True:
        page: Page = await invoke(Call(method, dict(params), start=start, count=PAGE,
                                       extra={UNCOUNTED: True}))
        out.extend(page.items)
        start += len(page.items)
        if not page.items or len(page.items) < PAGE or (page.total is not None
                                                         and start >= page.total):
            return out


async def _count(invoke: Invoke, method: str) -> int | None:
    result = await invoke(Call(method, {}))
    if isinstance(result, dict):
        for key, value in result.items():
            if key.endswith("_count") and isinstance(value, int):
                return value
    return None


@dataclass
class EntityPoll:
    """The outcome for one entity: events, and the cursor to save with them."""

    events: list[ChangeEvent]
    cursor: dict[str, Any]


def _diff(entity: str, records: list[dict[str, Any]], known: dict[str, str],
          full: bool) -> tuple[list[ChangeEvent], dict[str, str]]:
    """Events between ``known`` and ``records``; ``full``: records are all there is (deletes)."""
    events: list[ChangeEvent] = []
    seen: dict[str, str] = {}
    for record in records:
        rid = str(record.get("id"))
        h = digest(record)
        seen[rid] = h
        before = known.get(rid)
        if before is None:
            events.append(ChangeEvent(entity, "add", rid, record))
        elif before != h:
            events.append(ChangeEvent(entity, "update", rid, record))
    if not full:
        return events, {**known, **seen}
    events += [ChangeEvent(entity, "delete", rid, {"id": rid}) for rid in known.keys() - seen.keys()]
    return events, seen


async def poll_entity(source: Source, invoke_for: Resolve, cursor: dict[str, Any] | None,
                      detect_deletes: bool, checksum: bool = False) -> EntityPoll:
    """All changes of one entity since ``cursor`` (none on the baseline poll); ``checksum``:
    diff the full list by record hash instead of trusting ``modified_from``."""
    lister = invoke_for(source.list_method)
    if lister is None:
        raise ApiError.unsupported(source.list_method, "this platform")
    if not cursor:
        records = await read_all(lister, source.list_method, {})
        baseline = {str(r.get("id")): digest(r) for r in records}
        return EntityPoll([], _cursor(source, records, baseline, None))
    known: dict[str, str] = dict(cursor.get("known") or {})
    since = record_moment(cursor.get("since"))
    if source.modified_param is None or since is None or checksum:
        records = await read_all(lister, source.list_method, {})
        events, known = _diff(source.entity, records, known, True)
        return EntityPoll(events, _cursor(source, records, known, since))
    records = await read_all(lister, source.list_method,
                             {source.modified_param: _since_param(since)})
    events, known = _diff(source.entity, records, known, False)
    counter = invoke_for(source.count_method) if source.count_method else None
    if detect_deletes and counter is not None:
        total = await _count(counter, source.count_method or "")
        if total is not None and total != len(known):
            everything = await read_all(lister, source.list_method, {})
            more, known = _diff(source.entity, everything, known, True)
            already = {(e.action, e.entity_id) for e in events}
            events += [e for e in more if (e.action, e.entity_id) not in already]
    return EntityPoll(events, _cursor(source, records, known, since))


def _cursor(source: Source, records: list[dict[str, Any]], known: dict[str, str],
            since: datetime | None) -> dict[str, Any]:
    if source.modified_field:
        now = datetime.now(UTC)
        for record in records:
            moment = record_moment(record.get(source.modified_field))
            if moment is not None and (since is None or moment > since):
                since = min(moment, now)
    return {"known": known, "since": since.isoformat() if since else None}


#: Orders whose shipments are read for the baseline, per poll (spreads the cost out).
SHIPMENT_BASELINE_PER_POLL = 25


async def poll_shipments(invoke_for: Resolve, changed_orders: list[tuple[str, bool]],
                         all_orders: list[str], cursor: dict[str, Any] | None) -> EntityPoll:
    """Shipments of the orders that changed, diffed per order.

    Cursor: ``known`` maps order id -> shipment id -> hash; ``pending`` lists the orders whose
    shipments were not read yet. The baseline is taken a few orders per poll, newest first
    (each order costs a request); until an order is in it, a change to that order only
    records its shipments (unless the order itself is new: then its shipments are new too).
    """
    lister = invoke_for("order.shipment.list")
    known: dict[str, dict[str, str]] = dict((cursor or {}).get("known") or {})
    if cursor is None:
        pending = sorted(all_orders, key=lambda i: int(i) if i.isdecimal() else 0, reverse=True)
    else:
        pending = list(cursor.get("pending") or [])
    events: list[ChangeEvent] = []
    if lister is None:
        return EntityPoll(events, {"known": known, "pending": []})

    async def shipments(order_id: str) -> list[dict[str, Any]]:
        return await read_all(lister, "order.shipment.list", {"order_id": order_id})

    for order_id, is_new in changed_orders:
        before = known.get(order_id)
        found, known[order_id] = _diff("shipment", await shipments(order_id), before or {}, True)
        if before is not None or is_new:
            events += found
    pending = [o for o in pending if o not in known]
    for order_id in pending[:SHIPMENT_BASELINE_PER_POLL]:
        _, known[order_id] = _diff("shipment", await shipments(order_id), {}, True)
    return EntityPoll(events, {"known": known, "pending": pending[SHIPMENT_BASELINE_PER_POLL:]})


async def poll_store(invoke_for: Resolve, subscribed: dict[str, set[str]],
                     cursors: dict[str, Any], checksum: frozenset[str] = frozenset()
                     ) -> tuple[list[ChangeEvent], dict[str, Any]]:
    """Events the subscriptions want, and the cursors of every entity polled; ``checksum``:
    the entities to diff in full (a subscription's ``change_detection=checksum``)."""
    events: list[ChangeEvent] = []
    new_cursors: dict[str, Any] = {}
    needed = set(subscribed) | ({"order"} if "shipment" in subscribed else set())
    changed_orders: list[tuple[str, bool]] = []
    for entity in sorted(needed & SOURCES.keys()):
        wanted = subscribed.get(entity, set())
        result = await poll_entity(SOURCES[entity], invoke_for, cursors.get(entity),
                                   "delete" in wanted, entity in checksum)
        events += [e for e in result.events if e.action in wanted]
        new_cursors[entity] = result.cursor
        if entity == "order":
            changed_orders = [(e.entity_id, e.action == "add") for e in result.events
                              if e.action in ("add", "update")]
    if "shipment" in subscribed:
        all_orders = list((new_cursors.get("order") or {}).get("known") or {})
        result = await poll_shipments(invoke_for, changed_orders, all_orders,
                                      cursors.get("shipment"))
        events += [e for e in result.events if e.action in subscribed["shipment"]]
        new_cursors["shipment"] = result.cursor
    return events, new_cursors
