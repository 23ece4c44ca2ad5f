"""What the dashboard reads that no API method returns: recent deliveries (every status, not
only the failed ones ``account.failed_webhooks`` lists), their counts over time, how far
behind each polled store is, the exports ``anycart export`` recorded and the live shipping
services with their error counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import or_, select

from anycart.storage.db import Database
from anycart.storage.models import (
    Delivery,
    Event,
    ExportRun,
    PollState,
    ShippingService,
    Store,
    Webhook,
    utcnow,
)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they are UTC."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    webhook_id: int
    event_id: str
    topic: str
    entity_id: str
    store_label: str
    status: str
    attempts: int
    last_error: str | None
    at: datetime | None


def recent_deliveries(db: Database, account_id: int, limit: int = 50) -> list[DeliveryRow]:
    with db.session() as s:
        rows = s.execute(
            select(Delivery, Event.entity, Event.action, Event.entity_id, Store.label,
                   Store.store_url)
            .join(Event, Delivery.event_id == Event.id)
            .join(Webhook, Delivery.webhook_id == Webhook.id)
            .join(Store, Webhook.store_id == Store.id)
            .where(Delivery.account_id == account_id)
            .order_by(Delivery.id.desc()).limit(limit))
        return [DeliveryRow(d.id, d.webhook_id, d.event_id, f"{entity}.{action}", entity_id,
                            label or url, d.status, d.attempts, d.last_error,
                            aware(d.failed_at or d.delivered_at or d.next_attempt_at))
                for d, entity, action, entity_id, label, url in rows]


def hourly_outcomes(db: Database, account_id: int, hours: int = 24,
                    now: datetime | None = None) -> list[tuple[datetime, int, int]]:
    """Per hour of the last ``hours`` (oldest first): its start, deliveries made, failures."""
    now = now or utcnow()
    start = now.replace(minute=0, second=0, microsecond=0) - timedelta(hours=hours - 1)
    buckets = [(start + timedelta(hours=i), [0, 0]) for i in range(hours)]
    with db.session() as s:
        rows = s.execute(select(Delivery.delivered_at, Delivery.failed_at).where(
            Delivery.account_id == account_id,
            or_(Delivery.delivered_at >= start, Delivery.failed_at >= start)))
        for delivered, failed in rows:
            for moment, index in ((aware(delivered), 0), (aware(failed), 1)):
                if moment is not None and moment >= start:
                    slot = min(int((moment - start).total_seconds() // 3600), hours - 1)
                    buckets[slot][1][index] += 1
    return [(hour, ok, bad) for hour, (ok, bad) in buckets]


@dataclass(frozen=True)
class PollLag:
    store_key: str
    store_label: str
    #: seconds the next poll is overdue (0 when on time)
    lag_s: float
    next_poll_at: datetime | None
    failures: int
    last_error: str | None


def poll_lag(db: Database, account_id: int, now: datetime | None = None) -> list[PollLag]:
    now = now or utcnow()
    with db.session() as s:
        rows = s.execute(select(PollState, Store.store_key, Store.label, Store.store_url)
                         .join(Store, PollState.store_id == Store.id)
                         .where(Store.account_id == account_id).order_by(Store.id))
        out = []
        for state, key, label, url in rows:
            due = aware(state.next_poll_at)
            lag = max(0.0, (now - due).total_seconds()) if due else 0.0
            out.append(PollLag(key, label or url, lag, due, state.failures, state.last_error))
        return out


#: A running export whose progress has not moved for this long has died (killed, machine off).
STALLED_AFTER = timedelta(minutes=10)


@dataclass(frozen=True)
class ExportRow:
    id: int
    store_key: str
    store_label: str
    entity: str
    format: str
    out: str
    since: str | None
    #: running, done, failed, or stalled (running without progress for :data:`STALLED_AFTER`)
    status: str
    written: int
    total: int | None
    error: str | None
    started_at: datetime | None
    updated_at: datetime | None
    finished_at: datetime | None


def export_runs(db: Database, account_id: int, limit: int = 50,
                now: datetime | None = None) -> list[ExportRow]:
    now = now or utcnow()
    with db.session() as s:
        rows = s.execute(select(ExportRun, Store.store_key, Store.label, Store.store_url)
                         .join(Store, ExportRun.store_id == Store.id)
                         .where(Store.account_id == account_id)
                         .order_by(ExportRun.id.desc()).limit(limit))
        out = []
        for run, key, label, url in rows:
            updated = aware(run.updated_at)
            stalled = run.status == "running" and updated is not None and now - updated > STALLED_AFTER
            out.append(ExportRow(run.id, key, label or url, run.entity, run.format, run.out,
                                 run.since, "stalled" if stalled else run.status, run.written,
                                 run.total, run.error, aware(run.started_at), updated,
                                 aware(run.finished_at)))
        return out


@dataclass(frozen=True)
class ShippingRow:
    id: int
    store_key: str
    store_label: str
    name: str
    callback: str
    enabled: bool
    error_count: int
    last_error: str | None


def shipping_services(db: Database, account_id: int) -> list[ShippingRow]:
    """The account's live shipping services, by store. Read from the table rather than
    ``basket.live_shipping_service.list`` so the page needs no platform call per store."""
    with db.session() as s:
        rows = s.execute(select(ShippingService, Store.store_key, Store.label, Store.store_url)
                         .join(Store, ShippingService.store_id == Store.id)
                         .where(Store.account_id == account_id)
                         .order_by(Store.id, ShippingService.id))
        return [ShippingRow(svc.id, key, label or url, svc.name, svc.callback, svc.active,
                            svc.error_count, svc.last_error)
                for svc, key, label, url in rows]
