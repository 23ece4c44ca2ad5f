"""Where ``--since last`` marks live.

In-process, in AnyCart's storage: table ``export_sync`` (migration 0005), one row per store and
entity, removed with the store. Kept in the database rather than beside the output so that any
later export of the store (another file, another format) continues from it. An export through
a server (``--url``) cannot reach that database: its marks are in a JSON file in the data dir,
keyed by server URL and store_key.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
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


class FileMarks:
    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key

    def _all(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.path.read_text()) if self.path.exists() else {}
        return data

    def load(self, entity: str) -> dict[str, Any] | None:
        mark: dict[str, Any] | None = self._all().get(self.key, {}).get(entity)
        return mark

    def save(self, entity: str, mark: dict[str, Any]) -> None:
        data = self._all()
        data.setdefault(self.key, {})[entity] = mark
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps(data, indent=1))
        os.replace(tmp, self.path)
