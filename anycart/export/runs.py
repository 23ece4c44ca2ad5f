"""Export runs in AnyCart's storage (table ``export_runs``, migration 0008), so that the
dashboard, in the server's process, shows an export running in its own: entity, store,
format, records written of the total, started, finished or failed.

:class:`RunLog` is the runner's :class:`~anycart.export.runner.Progress` (wrapping the
terminal's bar, if any). Progress is written at most every :data:`EVERY_S` seconds, so a
fast export does not pay a commit per page. A resumed export continues its unfinished row.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from anycart.storage.db import Database
from anycart.storage.models import ExportRun, utcnow

if TYPE_CHECKING:
    from anycart.export.runner import Progress

#: Seconds between two progress writes.
EVERY_S = 0.5


class RunLog:
    def __init__(self, db: Database, store_id: int, entity: str, fmt: str, out: Path,
                 since: str | None, resume: bool, inner: Progress | None = None) -> None:
        self.db = db
        self.inner = inner
        self._where = dict(store_id=store_id, entity=entity, format=fmt, out=str(out.resolve()))
        self._since, self._resume = since, resume
        self.run_id: int | None = None
        self.written = 0
        self._saved_at = 0.0

    # --- Progress ------------------------------------------------------------------------

    def start(self, total: int | None) -> None:
        """The first page is in (the request was accepted): the run is recorded from here."""
        with self.db.session() as s:
            row = self._unfinished(s) if self._resume else None
            if row is None:
                row = ExportRun(**self._where, since=self._since, written=0)
                s.add(row)
            row.status, row.total, row.error = "running", total, None
            row.updated_at, row.finished_at = utcnow(), None
            s.flush()
            self.run_id = row.id
        self._saved_at = time.monotonic()
        if self.inner:
            self.inner.start(total)

    def advance(self, written: int) -> None:
        self.written += written
        if time.monotonic() - self._saved_at >= EVERY_S:
            self._save()
        if self.inner:
            self.inner.advance(written)

    def finish(self, written: int) -> None:
        self.written = written
        self._save(status="done")
        if self.inner:
            self.inner.finish(written)

    # --- the end -----------------------------------------------------------------------

    def fail(self, error: BaseException) -> None:
        """The export stopped: interrupted, or a call failed (the output stays for --resume)."""
        if self.run_id is not None:
            reason = "interrupted" if isinstance(error, KeyboardInterrupt) else str(error)
            self._save(status="failed", error=reason[:500] or type(error).__name__)

    def _save(self, status: str | None = None, error: str | None = None) -> None:
        if self.run_id is None:
            return
        with self.db.session() as s:
            row = s.get_one(ExportRun, self.run_id)
            row.written, row.updated_at = self.written, utcnow()
            if status is not None:
                row.status, row.error, row.finished_at = status, error, utcnow()
        self._saved_at = time.monotonic()

    def _unfinished(self, s: Session) -> ExportRun | None:
        found: ExportRun | None = s.scalar(
            select(ExportRun).filter_by(**self._where).where(ExportRun.status != "done")
            .order_by(ExportRun.id.desc()).limit(1))
        return found
