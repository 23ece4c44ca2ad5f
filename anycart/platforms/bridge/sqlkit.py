"""What a cart's schema driver talks to: an executor of parameterized SQL, plus small helpers.

Drivers write SQL with ``?`` placeholders and ``{p}`` in front of every table name
(``SELECT * FROM {p}product WHERE product_id = ?``). The bridge replaces ``{p}`` with the
cart's own table prefix, read from the cart's config file, and refuses any table reference
without it, so a driver cannot reach tables outside the cart. The tests' ``DirectExecutor``
(``tests/bridge/direct.py``) does the same against MariaDB directly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from anycart.errors import ApiError, ReturnCode

from .values import db_time, gmt_time


@dataclass(frozen=True)
class InsertId:
    """A parameter that stands for the insert id of statement ``index`` of the same write."""

    index: int


@dataclass(frozen=True)
class Statement:
    sql: str
    params: Sequence[Any] = ()


@dataclass(frozen=True)
class Written:
    insert_id: int
    affected: int


class SqlExecutor(Protocol):
    async def select(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of one SELECT, as dicts keyed by column label."""

    async def write(self, statements: Sequence[Statement]) -> list[Written]:
        """Run INSERT/UPDATE/DELETE statements in one transaction: all of them or none."""


async def scalar(db: SqlExecutor, sql: str, params: Sequence[Any] = ()) -> Any:
    rows = await db.select(sql, params)
    return next(iter(rows[0].values())) if rows else None


async def write_one(db: SqlExecutor, sql: str, params: Sequence[Any] = ()) -> Written:
    return (await db.write([Statement(sql, params)]))[0]


@dataclass
class Where:
    """A WHERE clause built from optional filters: ``w.eq("p.status", 1)`` adds nothing when
    the value is ``None``."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> Where:
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def eq(self, column: str, value: Any) -> Where:
        return self if value is None else self.add(f"{column} = ?", value)

    def isin(self, column: str, values: Iterable[Any] | None) -> Where:
        if values is None:
            return self
        values = list(values)
        if not values:
            return self.add("1 = 0")
        return self.add(f"{column} IN ({', '.join('?' * len(values))})", *values)

    def since(self, column: str, moment: datetime | None, utc: bool | None = None) -> Where:
        """``column >= moment`` on the column's clock: the store's, or UTC for ``utc`` columns
        (by default those named ``*_gmt``, WordPress's convention)."""
        return self if moment is None else self.add(f"{column} >= ?", _on_clock(column, moment, utc))

    def until(self, column: str, moment: datetime | None, utc: bool | None = None) -> Where:
        return self if moment is None else self.add(f"{column} <= ?", _on_clock(column, moment, utc))

    def like(self, column: str, text: str | None) -> Where:
        if text is None:
            return self
        return self.add(f"{column} LIKE ?", f"%{like_escaped(text)}%")

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def like_escaped(text: Any) -> str:
    """``text`` matched literally inside a LIKE pattern (its ``%``, ``_`` and ``\\`` escaped)."""
    return str(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def sql_failure(sqlstate: str, message: str) -> ApiError:
    """A statement the database refused, in the contract's terms: a value longer than its
    column or out of its range names the column (109); a duplicate key is 113; anything
    else is the bridge's 105 with the database's text."""
    column = re.search(r"column '([^']+)'", message)
    where = f" (column '{column.group(1)}')" if column else ""
    if sqlstate in ("22001", "22003", "22007", "HY000") and column:
        return ApiError(ReturnCode.INCORRECT_VALUE,
                        f"A value does not fit the cart's database{where}: {message}")
    if sqlstate == "23000" and "Duplicate" in message:
        return ApiError(ReturnCode.ALREADY_EXISTS, f"The cart already holds this record: {message}")
    return ApiError(ReturnCode.BRIDGE_RESPONSE_ERROR,
                    f"Connection bridge response error: sql_error: {message}")


def order_by(params: dict[str, Any], columns: dict[str, str], default: str, key: str) -> str:
    """``ORDER BY`` for ``sort_by``/``sort_direction`` over the allowed ``columns`` (contract
    name -> SQL column), ties broken by the ``key`` column so pages never overlap."""
    by = str(params.get("sort_by") or default)
    if by not in columns:
        raise ApiError.invalid("sort_by", "one of " + ", ".join(columns))
    direction = str(params.get("sort_direction") or "asc").lower()
    if direction not in ("asc", "desc"):
        raise ApiError.invalid("sort_direction", "asc or desc")
    order = f" ORDER BY {columns[by]} {direction.upper()}"
    return order if columns[by] == key else f"{order}, {key} {direction.upper()}"


def set_clause(columns: dict[str, Any]) -> tuple[str, list[Any]]:
    """``a = ?, b = ?`` and its parameters, for an UPDATE."""
    return ", ".join(f"`{c}` = ?" for c in columns), list(columns.values())


def insert(table: str, columns: dict[str, Any]) -> Statement:
    """``INSERT INTO {p}<table> (...) VALUES (?, ...)``."""
    names = ", ".join(f"`{c}`" for c in columns)
    return Statement(f"INSERT INTO `{{p}}{table}` ({names}) VALUES "
                     f"({', '.join('?' * len(columns))})", list(columns.values()))


def _on_clock(column: str, moment: datetime, utc: bool | None) -> str:
    if utc is None:
        utc = column.lower().endswith("_gmt")
    return gmt_time(moment) if utc else db_time(moment)


# -- the statements a bridge runs ------------------------------------------------------------

class RefusedStatement(ValueError):
    """A statement bridge.php would refuse (``sql_refused``)."""


_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.S)
_FIRST = re.compile(r"^\s*(SELECT|INSERT\s+(IGNORE\s+)?INTO|UPDATE|DELETE)\b", re.I)
_FORBIDDEN = re.compile(
    r";|--|#|/\*|@|\bLOAD_FILE\b|\bOUTFILE\b|\bDUMPFILE\b|\bLOAD\s+DATA\b|"
    r"\binformation_schema\b|\bperformance_schema\b|\bsleep\s*\(|\bbenchmark\s*\(|"
    r"\bget_lock\s*\(", re.I)
_TABLE_REF = re.compile(r"\b(FROM|JOIN|INTO|UPDATE)\s+(\(\s*SELECT\b|\(|[^\s(),]+)", re.I)
_CART_TABLE = re.compile(r"^`?\{p\}[A-Za-z0-9_]+`?$")
_TOKENS = re.compile(r"\(|\)|,|[A-Za-z_][A-Za-z0-9_]*")
_CLAUSE_ENDS = {"WHERE", "GROUP", "ORDER", "LIMIT", "HAVING", "UNION", "SET", "VALUES", "FOR",
                "WINDOW", "SELECT"}


def check_statement(sql: str) -> None:
    """The rules bridge.php's ``checked_sql`` applies, in Python, so that a driver tested
    against MariaDB directly meets them too (``tests/bridge/test_bridge_security.py`` runs both
    on the same statements)."""
    bare = _STRINGS.sub("''", sql)
    if not _FIRST.match(bare):
        raise RefusedStatement("Only SELECT, INSERT INTO, UPDATE and DELETE statements are run")
    if _FORBIDDEN.search(bare):
        raise RefusedStatement("The statement holds a construct the bridge does not run")
    scan = re.sub(r"\bKEY\s+UPDATE\b", "KEY SET",
                  re.sub(r"\bFOR\s+UPDATE\b", "FOR LOCK", bare, flags=re.I), flags=re.I)
    for _, target in _TABLE_REF.findall(scan):
        if target.startswith("(") and target.upper().endswith("SELECT"):
            continue
        if not _CART_TABLE.match(target):
            raise RefusedStatement(f"Table {target} is not a table of the cart "
                                   f"(write it as {{p}}name)")
    depth, in_tables = 0, {0: False}
    for token in _TOKENS.findall(scan):
        word = token.upper()
        if token == "(":
            depth += 1
            in_tables[depth] = False
        elif token == ")":
            in_tables.pop(depth, None)
            depth = max(0, depth - 1)
        elif token == ",":
            if in_tables.get(depth):
                raise RefusedStatement("Comma joins are not run; use JOIN")
        elif word in ("FROM", "UPDATE"):
            in_tables[depth] = True
        elif word in _CLAUSE_ENDS:
            in_tables[depth] = False
