"""The transactional outbox: events, their deliveries, and what happens to a delivery.

:func:`record_events` runs inside the caller's transaction, the one that also advances the
poll cursor (or records a platform's push): either the cursor moves *and* every event and
its deliveries exist, or nothing does. A delivery row is the queue entry itself, so there is
no second system to keep in step with the database.

Retry schedule of one delivery (``webhook_retry_base_s`` = b, default 10 s): attempt n + 1
is due ``b * 3**(n-1)`` seconds after failure n, each delay scaled by a random factor in
[0.8, 1.2] (jitter, so a recovering callback is not hit by every retry at once). With the
defaults (8 attempts) that is about 10 s, 30 s, 1.5 min, 4.5 min, 13.5 min, 40 min and 2 h:
some 3 h 20 min in all. After the last attempt the delivery is ``failed``; it is listed by
``account.failed_webhooks`` for 24 h and ``anycart webhook redeliver`` sends it again. After
5 events in a row fail that way the webhook is deactivated (as API2Cart does); its pending
events wait, and go out when ``webhook.update active=true`` turns it back on.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from anycart.config import Settings
from anycart.events import STORE_ERROR, ChangeEvent
from anycart.storage.claims import claim
from anycart.storage.db import Database
from anycart.storage.models import Account, Delivery, Event, Store, Webhook, utcnow
from anycart.webhooks import filters, signing

FAILED_KEPT = timedelta(hours=24)
DEACTIVATE_AFTER = 5


@dataclass(frozen=True)
class DueDelivery:
    id: int
    attempts: int
    event_id: str
    entity: str
    action: str
    entity_id: str
    data: dict[str, Any]
    occurred_at: datetime
    webhook_id: int
    callback: str
    fields: str | None
    response_fields: str | None
    store_key: str
    platform_store_id: str | None
    secret: str


def record_events(session: Session, store_id: int, events: list[ChangeEvent]) -> int:
    """Write events and one delivery per matching active webhook; returns deliveries made."""
    if not events:
        return 0
    hooks = list(session.scalars(select(Webhook).where(Webhook.store_id == store_id,
                                                       Webhook.active.is_(True))))
    now = utcnow()
    rows = [Event(id=uuid.uuid4().hex, store_id=store_id, entity=c.entity, action=c.action,
                  entity_id=c.entity_id, data=c.data, occurred_at=now) for c in events]
    session.add_all(rows)
    session.flush()  # events before the deliveries that reference them
    made = 0
    for event, change in zip(rows, events, strict=False):
        notice = (change.entity, change.action) == STORE_ERROR  # goes to every webhook
        for hook in hooks:
            if not notice and (hook.entity, hook.action) != (change.entity, change.action):
                continue
            if not notice and not filters.matches(hook.filtering_conditions, change.data):
                continue
            session.add(Delivery(event_id=event.id, webhook_id=hook.id,
                                 account_id=hook.account_id, status="pending", attempts=0,
                                 next_attempt_at=now))
            made += 1
    session.flush()
    return made


def account_secret(db: Database, account_id: int) -> str:
    """The account's signing secret, created (and sealed at rest) on first use."""
    with db.session() as s:
        account = s.get_one(Account, account_id, with_for_update=True)
        if account.webhook_secret:
            return str(db.vault.open(account.webhook_secret)["secret"])
        secret = signing.new_secret()
        account.webhook_secret = db.vault.seal({"secret": secret})
        return secret


def claim_deliveries(db: Database, limit: int, lease_s: float) -> list[DueDelivery]:
    with db.session() as s:
        ids = claim(s, Delivery, Delivery.id,
                    [Delivery.status == "pending", Delivery.next_attempt_at <= utcnow(),
                     Webhook.active.is_(True)],
                    Delivery.next_attempt_at, limit, lease_s, joins=(Webhook,))
        if not ids:
            return []
        rows = s.execute(select(Delivery, Event, Webhook, Store.store_key, Account.webhook_secret)
                         .join(Event, Delivery.event_id == Event.id)
                         .join(Webhook, Delivery.webhook_id == Webhook.id)
                         .join(Store, Webhook.store_id == Store.id)
                         .join(Account, Webhook.account_id == Account.id)
                         .where(Delivery.id.in_(ids)))
        sealed = {}
        due = []
        for d, e, w, store_key, secret_token in rows:
            if secret_token is None:
                continue  # made before the webhook existed: account_secret() sets it first
            if w.account_id not in sealed:
                sealed[w.account_id] = db.vault.open(secret_token)["secret"]
            due.append(DueDelivery(d.id, d.attempts, e.id, e.entity, e.action, e.entity_id,
                                   e.data, e.occurred_at, w.id, w.callback, w.fields,
                                   w.response_fields, store_key, w.platform_store_id,
                                   sealed[w.account_id]))
        return due


def retry_delay(settings: Settings, failures: int) -> float:
    return float(settings.webhook_retry_base_s * 3 ** (failures - 1) * random.uniform(0.8, 1.2))


def finish_delivery(db: Database, settings: Settings, delivery_id: int, ok: bool,
                    error: str | None = None) -> str:
    """Record an attempt's outcome; returns the delivery's new status."""
    now = utcnow()
    with db.session() as s:
        d = s.get(Delivery, delivery_id, with_for_update=True)
        if d is None or d.status != "pending":
            return d.status if d else "gone"
        d.attempts += 1
        d.lease_until = None
        this_hook = Webhook.id == d.webhook_id
        if ok:
            d.status, d.delivered_at, d.last_error = "delivered", now, None
            s.execute(update(Webhook).where(this_hook, Webhook.consecutive_failures > 0)
                      .values(consecutive_failures=0))
            return d.status
        d.last_error = (error or "failed")[:500]
        if d.attempts >= settings.webhook_max_attempts:
            d.status, d.failed_at = "failed", now
            # One atomic statement: concurrent failures must each count (no lost update).
            s.execute(update(Webhook).where(this_hook).values(
                consecutive_failures=Webhook.consecutive_failures + 1,
                active=Webhook.active & (Webhook.consecutive_failures + 1 < DEACTIVATE_AFTER)))
            return d.status
        d.next_attempt_at = now + timedelta(seconds=retry_delay(settings, d.attempts))
        return d.status


def failed_deliveries(db: Database, account_id: int, webhook_ids: list[int],
                      start: int, count: int) -> tuple[list[dict[str, Any]], int]:
    since = utcnow() - FAILED_KEPT
    where = [Delivery.account_id == account_id, Delivery.status == "failed",
             Delivery.failed_at >= since]
    if webhook_ids:
        where.append(Delivery.webhook_id.in_(webhook_ids))
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(Delivery).where(*where))
        rows = s.execute(select(Delivery, Event.entity_id).join(Event)
                         .where(*where).order_by(Delivery.failed_at.desc(), Delivery.id.desc())
                         .offset(start).limit(count))
        return [{"webhook_id": d.webhook_id, "entity_id": entity_id, "failed_at": d.failed_at,
                 "event_id": d.event_id, "attempts": d.attempts, "last_error": d.last_error}
                for d, entity_id in rows], int(total or 0)


def redeliver(db: Database, account_id: int, webhook_id: int | None = None,
              event_id: str | None = None) -> int:
    """Put the account's failed deliveries (optionally one webhook's or one event's) back."""
    where = [Delivery.account_id == account_id, Delivery.status == "failed"]
    if webhook_id is not None:
        where.append(Delivery.webhook_id == webhook_id)
    if event_id is not None:
        where.append(Delivery.event_id == event_id)
    with db.session() as s:
        result = s.execute(update(Delivery).where(*where).values(
            status="pending", attempts=0, next_attempt_at=utcnow(), failed_at=None,
            lease_until=None))
        assert isinstance(result, CursorResult)  # an UPDATE always answers a cursor result
        return int(result.rowcount or 0)
