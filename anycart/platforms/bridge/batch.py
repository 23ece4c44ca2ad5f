"""One write built step by step: statements appended in order, each INSERT answering the
:class:`~.sqlkit.InsertId` that later statements of the same write use for its new id."""

from __future__ import annotations

from typing import Any

from .sqlkit import InsertId, SqlExecutor, Statement, Written, insert


class Batch:
    def __init__(self) -> None:
        self.statements: list[Statement] = []

    def insert(self, table: str, columns: dict[str, Any]) -> InsertId:
        """Append ``INSERT INTO {p}<table>``; its new id, for the statements after it."""
        self.statements.append(insert(table, columns))
        return InsertId(len(self.statements) - 1)

    def add(self, *statements: Statement) -> InsertId:
        """Append ``statements``; the id the last one inserts (when it is an INSERT)."""
        self.statements.extend(statements)
        return InsertId(len(self.statements) - 1)

    async def run(self, db: SqlExecutor) -> list[Written]:
        """All statements in one transaction."""
        return await db.write(self.statements)


def written_id(written: list[Written], ident: int | InsertId) -> int:
    """An id that either existed (an int) or was inserted by the write (an InsertId)."""
    return written[ident.index].insert_id if isinstance(ident, InsertId) else ident


def update(table: str, columns: dict[str, Any], where: str, *params: Any) -> Statement:
    """``UPDATE {p}<table> SET a = ?, ... WHERE <where>``."""
    sets = ", ".join(f"`{c}` = ?" for c in columns)
    return Statement(f"UPDATE {{p}}{table} SET {sets} WHERE {where}", [*columns.values(), *params])

