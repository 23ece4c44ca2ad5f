"""The ``--since last`` marks in AnyCart's storage: table ``export_sync`` (migration 0005), one
row per store and entity, removed with the store. Kept in the database rather than beside the
output so that any later export of the store (another file, another format) continues from it.
"""

from __future__ import annotations

from typing import Any

from anycart.storage.db import Database
from anycart.storage.models import ExportSync


class StoredMarks:
    def __init__(self, db: Database, store_id: int) -> None:
        self.db = db
        self.store_id = store_id

    def load(self, entity: str) -> dict[str, Any] | None:
        with self.db.session() as s:
            row = s.get(ExportSync, (self.store_id, entity))
            return dict(row.mark) if row else None

    def save(self, entity: str, mark: dict[str, Any]) -> None:
        with self.db.session() as s:
            row = s.get(ExportSync, (self.store_id, entity))
            if row is None:
                s.add(ExportSync(store_id=self.store_id, entity=entity, mark=mark))
            else:
                row.mark = mark
