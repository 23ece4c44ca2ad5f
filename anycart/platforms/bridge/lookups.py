"""What a write checks before anything changes: the ids it names exist (404 naming the first one
missing), a value that must be the only one is not taken (113)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from anycart.errors import ApiError, ReturnCode

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


async def free(db: SqlExecutor, table: str, column: str, value: Any, label: str, *,
               where: str = "", nocase: bool = False, **ctx: Any) -> None:
    """113 (``<label> with <column> <value> already exists``) when a row of ``{p}<table>``
    has ``value`` in ``column`` (``nocase``: compared in lower case, as OpenCart compares
    e-mails); ``where`` narrows the rows (`` AND id_customer <> :but``, bound to ``ctx``):
    the one a write changes, rows that do not count."""
    same = f"LOWER(`{column}`) = LOWER(:value)" if nocase else f"`{column}` = :value"
    if await db.select(*bind(f"SELECT 1 FROM `{{p}}{table}` WHERE {same}{where} LIMIT 1",
                             {**ctx, "value": value})):
        raise ApiError(ReturnCode.ALREADY_EXISTS, f"{label} with {column} {value} already exists")
