"""The ``shipping_services`` rows: created before the platform's record (its id is in the
URL the platform calls), the per-service error count: +1 per failed rate request, back to 0
on a success, the service turned off when it reaches ``Settings.shipping_error_limit``."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from anycart.storage.db import Database
from anycart.storage.models import ShippingService


@dataclass(frozen=True)
class Service:
    id: int
    store_id: int
    name: str
    callback: str
    platform_id: str | None
    active: bool
    error_count: int


def _record(row: ShippingService) -> Service:
    return Service(row.id, row.store_id, row.name, row.callback, row.platform_id, row.active,
                   row.error_count)


def add(db: Database, store_id: int, name: str, callback: str) -> Service:
    with db.session() as s:
        row = ShippingService(store_id=store_id, name=name, callback=callback, active=True,
                              error_count=0)
        s.add(row)
        s.flush()
        return _record(row)


def count(db: Database, store_id: int) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(ShippingService)
                            .where(ShippingService.store_id == store_id)) or 0)


def set_platform_id(db: Database, service_id: int, platform_id: str) -> None:
    with db.session() as s:
        s.execute(update(ShippingService).where(ShippingService.id == service_id)
                  .values(platform_id=platform_id))


def get(db: Database, service_id: int) -> Service | None:
    with db.session() as s:
        row = s.get(ShippingService, service_id)
        return _record(row) if row else None


def of_store(db: Database, store_id: int) -> dict[str, Service]:
    """The store's services by platform id."""
    with db.session() as s:
        rows = s.scalars(select(ShippingService).where(ShippingService.store_id == store_id))
        return {r.platform_id: _record(r) for r in rows if r.platform_id}


def remove(db: Database, store_id: int, *, service_id: int | None = None,
           platform_id: str | None = None) -> None:
    with db.session() as s:
        query = delete(ShippingService).where(ShippingService.store_id == store_id)
        if service_id is not None:
            query = query.where(ShippingService.id == service_id)
        if platform_id is not None:
            query = query.where(ShippingService.platform_id == platform_id)
        s.execute(query)


def succeeded(db: Database, service: Service) -> None:
    """Back to zero; no write when it already is (the common case stays read-only)."""
    if service.error_count:
        with db.session() as s:
            s.execute(update(ShippingService).where(ShippingService.id == service.id)
                      .values(error_count=0, last_error=None))


def failed(db: Database, service_id: int, error: str, limit: int) -> Service | None:
    """One more failure in a row; at ``limit`` the service is turned off."""
    with db.session() as s:
        row = s.get(ShippingService, service_id, with_for_update=True)
        if row is None:
            return None
        row.error_count += 1
        row.last_error = error[:500]
        if row.error_count >= limit:
            row.active = False
        return _record(row)
