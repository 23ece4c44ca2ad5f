"""Work claiming with leases: the queue primitive the worker processes share.

A row is claimable when its own conditions hold and nobody holds a live lease on it. A claim
sets ``lease_until``; a worker that dies (``kill -9``) simply lets the lease run out and the
row becomes claimable again, so nothing claimed is ever lost. On PostgreSQL the candidate
rows are locked ``FOR UPDATE SKIP LOCKED`` so concurrent workers on any number of machines
never claim the same row; the final ``UPDATE ... RETURNING`` re-checks the lease so the claim
stays exclusive on SQLite too.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from anycart.storage.models import utcnow


def claim(session: Session, model: Any, key: Any, conditions: list[Any], order_by: Any,
          limit: int, lease_s: float, joins: tuple[Any, ...] = ()) -> list[Any]:
    """Claim up to ``limit`` rows of ``model``; returns their keys."""
    now = utcnow()
    free = or_(model.lease_until.is_(None), model.lease_until < now)
    query = select(key)
    for join in joins:
        query = query.join(join)
    query = (query.where(*conditions, free).order_by(order_by).limit(limit)
             .with_for_update(of=model, skip_locked=True))
    candidates = list(session.scalars(query))
    if not candidates:
        return []
    claimed = session.scalars(
        update(model).where(key.in_(candidates), free)
        .values(lease_until=now + timedelta(seconds=lease_s)).returning(key))
    return list(claimed)


def release_at(lease_s: float) -> datetime:
    return utcnow() + timedelta(seconds=lease_s)
