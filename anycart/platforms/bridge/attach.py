"""A page's child rows hung on its rows: ``await attach(db, rows, "id_product", "_images",
sql)`` reads the children of every row in one SELECT (``sql`` has ``??`` for the parent ids,
see :func:`~.sqlentity.rows_by`) and sets ``row["_images"]`` to each row's list. Keys
starting with ``_`` are the hydrated ones a mapper reads and ``additional_fields`` skips."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .sqlentity import Row, rows_by
from .sqlkit import SqlExecutor


async def attach(db: SqlExecutor, rows: list[Row], key: str, name: str, sql: str,
                 ctx: Mapping[str, Any] | None = None, child_key: str | None = None) -> None:
    """``row[name]``: the child rows whose ``child_key`` (``key`` by default) is the row's
    ``key``, in the order ``sql`` gives them; ``[]`` for a row without any."""
    found = await rows_by(db, sql, child_key or key, sorted({r[key] for r in rows}), ctx)
    for r in rows:
        r[name] = found.get(r[key], [])
