"""Ids a write names, checked before anything changes: 404 naming the first one missing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from anycart.errors import ApiError

from .sqlentity import bind
from .sqlkit import SqlExecutor


async def require(db: SqlExecutor, table: str, ids: Iterable[int], label: str, *, key: str = "",
                  where: str = "", **ctx: Any) -> None:
    """112 naming ``label`` and the first (smallest) of ``ids`` that ``{p}<table>`` lacks in
    column ``key`` (``id_<table>`` by default); ``where`` narrows the rows (`` AND id_shop =
    :shop``, bound to ``ctx``). No query for no ids."""
    want, key = sorted(set(ids)), key or f"id_{table}"
    if not want:
        return
    found = {int(r["id"]) for r in await db.select(*bind(
        f"SELECT {key} AS id FROM `{{p}}{table}` WHERE {key} IN (??){where}", ctx, want))}
    missing = [i for i in want if i not in found]
    if missing:
        raise ApiError.not_found(label, missing[0])
