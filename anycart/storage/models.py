"""Tables. Schema changes go through Alembic (``anycart/storage/migrations``)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: SHA-256 of the api_key: a database leak does not leak working keys.
    api_key_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    api_key_hint: Mapped[str] = mapped_column(String(8))
    config: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: Fernet token of the webhook signing secret (``whsec_...``), made on first use.
    webhook_secret: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    stores: Mapped[list[Store]] = relationship(back_populates="account", cascade="all, delete-orphan")


class Store(Base):
    __tablename__ = "stores"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    store_key: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    cart_id: Mapped[str] = mapped_column(String(40))
    store_url: Mapped[str] = mapped_column(String(500), default="")
    label: Mapped[str] = mapped_column(String(200), default="")
    #: Fernet token of the platform credentials (JSON); see storage/crypto.py.
    credentials: Mapped[bytes] = mapped_column(LargeBinary)
    #: Opaque id in the URL platforms push native webhooks to (``/ingress/<id>``); made on
    #: the first native subscription, so the store_key never leaves AnyCart.
    ingress_id: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: Set when the store's connector plugin was uninstalled (anycart/plugins/accept.py).
    disconnected_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                             nullable=True)

    account: Mapped[Account] = relationship(back_populates="stores")


class BatchJob(Base):
    """A ``*.batch`` call: its payload, and one result per item once processed."""

    __tablename__ = "batch_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(80))
    #: pending | in_progress | processed
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    payload: Mapped[list[Any]] = mapped_column(JSON)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    results: Mapped[list[Any]] = mapped_column(JSON, default=list)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class Webhook(Base):
    """A subscription: events of ``entity``/``action`` in one store go to ``callback``."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    callback: Mapped[str] = mapped_column(String(2000))
    label: Mapped[str | None] = mapped_column(String(200), nullable=True)
    fields: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    response_fields: Mapped[str | None] = mapped_column(String(2000), nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    platform_store_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    lang_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    filtering_conditions: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    #: AnyCart extension: ``checksum`` polls the entity by diffing every record's hash (for
    #: stores whose tools edit rows without their modification date); NULL: ``modified_time``.
    change_detection: Mapped[str | None] = mapped_column(String(20), nullable=True)
    #: Events that exhausted every attempt in a row; at 5 the webhook is deactivated.
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Event(Base):
    """A change in a store (the outbox). Its id is stable across every delivery attempt."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(200))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: When the change was seen (polled, or received from the platform).
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Delivery(Base):
    """One event for one webhook: the unit of work of the delivery worker."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(Integer, index=True)
    #: pending | delivered | failed
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: A worker that claimed the delivery owns it until then; after a crash it is claimable again.
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class PollState(Base):
    """Per store: when to poll next, who is polling, and the cursors per entity."""

    __tablename__ = "poll_state"

    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True)
    next_poll_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    cursors: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    last_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    #: Polls failed in a row; webhooks hear of it (connection lost) at 3, then every 50.
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    #: Polls in a row that saw no change: an idle store is polled less often.
    idle_polls: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class ExportSync(Base):
    """Per store and entity: where ``anycart export --since last`` starts (see anycart/export)."""

    __tablename__ = "export_sync"

    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    #: ``{"since": newest modification time seen (ISO), "ids": ids stamped with it}``
    mark: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)


class ExportRun(Base):
    """One ``anycart export`` in-process run, recorded as it goes so that the dashboard (another
    process) shows its progress (anycart/export/runs.py)."""

    __tablename__ = "export_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), index=True)
    entity: Mapped[str] = mapped_column(String(40))
    format: Mapped[str] = mapped_column(String(16))
    out: Mapped[str] = mapped_column(String(1000))
    since: Mapped[str | None] = mapped_column(String(40), nullable=True)
    #: running, done or failed
    status: Mapped[str] = mapped_column(String(16), default="running")
    written: Mapped[int] = mapped_column(Integer, default=0)
    #: the ``<entity>.count`` the export started from (None when the store gave none)
    total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: the last progress written; a running export not updated for long has died
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class ShippingService(Base):
    """A live shipping service (``basket.live_shipping_service.create``): the vendor's
    callback, the platform's record of it (whose callback is AnyCart's rate endpoint) and
    the count of failed rate requests in a row (reset on success; off at the limit)."""

    __tablename__ = "shipping_services"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("stores.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    callback: Mapped[str] = mapped_column(String(2000))
    #: The platform's id (Shopify's carrier service id); NULL until the platform has it.
    platform_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    active: Mapped[bool] = mapped_column(default=True)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
