"""Webhook subscriptions in the database. Always scoped by account and store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from anycart.model import A2CDateTime
from anycart.storage.db import Database
from anycart.storage.models import PollState, Webhook, utcnow

#: ``idempotency_key``: a repeated webhook.create within this time returns the first answer.
IDEMPOTENCY_WINDOW = timedelta(minutes=15)

#: ``INSERT ... ON CONFLICT`` of each supported storage backend.
_DIALECT_INSERT: dict[str, Callable[[Any], postgresql.Insert | sqlite.Insert]] = {
    "postgresql": postgresql.insert, "sqlite": sqlite.insert}

EDITABLE = ("callback", "label", "fields", "response_fields", "active", "lang_id",
            "filtering_conditions", "change_detection")


def _text(moment: Any) -> str | None:
    value = A2CDateTime.of(moment)
    return value.value if value else None


def to_wire(hook: Webhook | Row[*tuple[Any, ...]]) -> dict[str, Any]:
    return {
        "id": hook.id, "entity": hook.entity, "action": hook.action, "callback": hook.callback,
        "label": hook.label, "fields": hook.fields, "response_fields": hook.response_fields,
        "active": bool(hook.active), "store_id": hook.platform_store_id, "lang_id": hook.lang_id,
        "filtering_conditions": hook.filtering_conditions or {},
        "created_at": _text(hook.created_at),
        "updated_at": _text(hook.updated_at),
        "additional_fields": {"consecutive_failures": hook.consecutive_failures,
                              "change_detection": hook.change_detection or "modified_time"},
        "custom_fields": {},
    }


def _scoped(account_id: int, store_id: int) -> list[Any]:
    return [Webhook.account_id == account_id, Webhook.store_id == store_id]


def _ensure_polled(s: Session, store_id: int) -> None:
    """Poll the store soon (to take the new entity's baseline), creating its row if needed.

    One upsert, not read-then-insert: a store's first subscriptions created at once would
    otherwise both insert and one would die on the primary key.
    """
    now = utcnow()
    insert = _DIALECT_INSERT[s.get_bind().dialect.name]
    s.execute(insert(PollState).values(store_id=store_id, next_poll_at=now, cursors={},
                                       failures=0)
              .on_conflict_do_update(index_elements=[PollState.store_id],
                                     set_={"next_poll_at": now}))


def create(db: Database, account_id: int, store_id: int, values: dict[str, Any],
           polled: bool) -> int:
    with db.session() as s:
        key = values.get("idempotency_key")
        if key:
            earlier = s.scalar(select(Webhook).where(
                *_scoped(account_id, store_id), Webhook.idempotency_key == key,
                Webhook.created_at >= utcnow() - IDEMPOTENCY_WINDOW))
            if earlier is not None:
                return earlier.id
        hook = Webhook(account_id=account_id, store_id=store_id, consecutive_failures=0,
                       created_at=utcnow(), updated_at=utcnow(), **values)
        s.add(hook)
        if polled:
            _ensure_polled(s, store_id)
        s.flush()
        return hook.id


def get(db: Database, account_id: int, store_id: int, hook_id: int) -> dict[str, Any] | None:
    with db.session() as s:
        hook = s.scalar(select(Webhook).where(*_scoped(account_id, store_id),
                                              Webhook.id == hook_id))
        return to_wire(hook) if hook else None


def update(db: Database, account_id: int, store_id: int, hook_id: int,
           changes: dict[str, Any], polled: bool) -> bool:
    with db.session() as s:
        hook = s.scalar(select(Webhook).where(*_scoped(account_id, store_id),
                                              Webhook.id == hook_id))
        if hook is None:
            return False
        for name, value in changes.items():
            setattr(hook, name, value)
        if changes.get("active"):
            hook.consecutive_failures = 0
            if polled:
                _ensure_polled(s, store_id)
        hook.updated_at = utcnow()
        return True


def delete(db: Database, account_id: int, store_id: int, hook_id: int) -> bool:
    with db.session() as s:
        hook = s.scalar(select(Webhook).where(*_scoped(account_id, store_id),
                                              Webhook.id == hook_id))
        if hook is None:
            return False
        s.delete(hook)
        return True


def _filters(entity: str | None, action: str | None, active: bool | None,
             ids: list[int] | None) -> list[Any]:
    where = []
    if entity:
        where.append(Webhook.entity == entity)
    if action:
        where.append(Webhook.action == action)
    if active is not None:
        where.append(Webhook.active.is_(active))
    if ids:
        where.append(Webhook.id.in_(ids))
    return where


def page(db: Database, account_id: int, store_id: int, start: int, count: int, *,
         entity: str | None = None, action: str | None = None, active: bool | None = None,
         ids: list[int] | None = None) -> tuple[list[dict[str, Any]], int]:
    where = [*_scoped(account_id, store_id), *_filters(entity, action, active, ids)]
    with db.session() as s:
        total = s.scalar(select(func.count()).select_from(Webhook).where(*where))
        # Columns, not ORM objects (a page of webhooks is read on every webhook.list).
        rows = s.execute(select(*Webhook.__table__.columns).where(*where).order_by(Webhook.id)
                         .offset(start).limit(count))
        return [to_wire(h) for h in rows], int(total or 0)


def count(db: Database, account_id: int, store_id: int, *, entity: str | None = None,
          action: str | None = None, active: bool | None = None) -> int:
    where = [*_scoped(account_id, store_id), *_filters(entity, action, active, None)]
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Webhook).where(*where)) or 0)
