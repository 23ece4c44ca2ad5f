"""Schema drift: every column a driver statement names must exist in the cart's own schema.

A driver written against a column the cart does not have (PrestaShop's ``date_novelty``)
passes against a test schema that has it and fails on every real shop with 1054 Unknown
column. :class:`SchemaCheckedExecutor` wraps the test executor and refuses, before MariaDB
sees it, any statement naming a column that the platform's ``schema.sql`` (kept equal to the
cart's own DDL) does not declare for that table. Checked: INSERT column lists, UPDATE SET
targets, ``alias.column`` references, and bare columns of single-table statements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from anycart.platforms.bridge.sqlkit import SqlExecutor, Statement, Written

_CREATE = re.compile(r"CREATE TABLE (?:IF NOT EXISTS )?`?\{PREFIX\}(\w+)`?\s*\((.*?)\n\)\s*ENGINE",
                     re.DOTALL | re.IGNORECASE)
_NOT_COLUMN = ("PRIMARY", "KEY", "UNIQUE", "INDEX", "CONSTRAINT", "FULLTEXT", "FOREIGN")


@cache
def schema_columns(schema: Path) -> dict[str, frozenset[str]]:
    """``table -> column names`` of every CREATE TABLE in a ``schema.sql``."""
    text = "\n".join(ln for ln in schema.read_text().splitlines() if not ln.lstrip().startswith("--"))
    out: dict[str, frozenset[str]] = {}
    for table, body in _CREATE.findall(text):
        cols = set()
        for line in body.splitlines():
            first = line.strip().split(" ", 1)[0]
            word = first.strip("`,")
            # A quoted name is a column even when it is a keyword (OpenCart's `key`).
            if re.fullmatch(r"[A-Za-z_]\w*", word) and (first.startswith("`")
                                                        or word.upper() not in _NOT_COLUMN):
                cols.add(word.lower())
        out[table.lower()] = frozenset(cols)
    return out


_STRINGS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", re.DOTALL)
_KEYWORDS = {"WHERE", "SET", "ON", "JOIN", "LEFT", "RIGHT", "INNER", "CROSS", "ORDER", "GROUP",
             "LIMIT", "VALUES", "AND", "OR", "USING", "HAVING", "UNION", "FOR", "AS", "NOT",
             "NULL", "IS", "IN", "LIKE", "SELECT", "FROM", "BY", "ASC", "DESC", "OFFSET",
             "CASE", "WHEN", "THEN", "ELSE", "END", "EXISTS", "DISTINCT", "BETWEEN", "INTERVAL",
             "ESCAPE", "TRUE", "FALSE", "IF", "COUNT", "MAX", "MIN", "SUM", "COALESCE"}
_TABLE_REF = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE)\s+`?\{p\}(\w+)`?(?:\s+(?:AS\s+)?([A-Za-z_]\w*))?",
                        re.IGNORECASE)
_QUALIFIED = re.compile(r"(?<![\w.`])`?([A-Za-z_]\w*)`?\.`?([A-Za-z_]\w*|\*)`?")
_BARE = re.compile(r"(?<![\w.`])`?([A-Za-z_]\w*)`?\s*(?:=|<>|!=|>=|<=|<|>|\bNOT\s+IN\b|\bIN\b|"
                   r"\bIS\b|\bLIKE\b|\bBETWEEN\b)", re.IGNORECASE)


def _split_top(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def unknown_columns(sql: str, columns: dict[str, frozenset[str]]) -> list[str]:
    """``table.column`` names the statement uses that the schema does not declare."""
    bare = _STRINGS.sub("''", sql)
    aliases: dict[str, set[str]] = {}
    tables: list[str] = []
    for table, alias in _TABLE_REF.findall(bare):
        table = table.lower()
        tables.append(table)
        aliases.setdefault(table, set()).add(table)
        if alias and alias.upper() not in _KEYWORDS:
            aliases.setdefault(alias.lower(), set()).add(table)
    missing: list[str] = []

    def check(owners: set[str], column: str) -> None:
        column = column.lower()
        known = [t for t in owners if t in columns]
        if known and not any(column in columns[t] for t in known):
            missing.append(f"{min(known)}.{column}")

    for alias, column in _QUALIFIED.findall(bare):
        if column != "*" and alias.lower() in aliases:
            check(aliases[alias.lower()], column)
    insert = re.match(r"\s*INSERT\s+(?:IGNORE\s+)?INTO\s+`?\{p\}(\w+)`?\s*\(([^)]*)\)", bare, re.IGNORECASE)
    if insert:
        for col in insert.group(2).split(","):
            check({insert.group(1).lower()}, col.strip().strip("`"))
    update = re.match(r"\s*UPDATE\s+`?\{p\}(\w+)`?(?:\s+[A-Za-z_]\w*)?\s+SET\s+(.*?)(?:\bWHERE\b|$)",
                      bare, re.IGNORECASE | re.DOTALL)
    if update:
        for assignment in _split_top(update.group(2)):
            target = assignment.split("=", 1)[0].strip().strip("`").split(".")[-1].strip("`")
            check({update.group(1).lower()}, target)
    if len(set(tables)) == 1:
        only = {tables[0]}
        for column in _BARE.findall(bare):
            if column.upper() not in _KEYWORDS and column.lower() not in aliases:
                check(only, column)
        select = re.match(r"\s*SELECT\s+(?:DISTINCT\s+)?(.*?)\s+FROM\s", bare, re.IGNORECASE | re.DOTALL)
        if select:
            for item in _split_top(select.group(1)):
                word = re.sub(r"\s+AS\s+\w+$", "", item, flags=re.IGNORECASE).strip("`")
                if re.fullmatch(r"[A-Za-z_]\w*", word) and word.upper() not in _KEYWORDS:
                    check(only, word)
    return missing


class SchemaDrift(AssertionError):
    """A driver statement names a column the cart's schema does not have."""


class SchemaCheckedExecutor:
    """An executor that refuses statements naming columns missing from ``schema.sql``."""

    def __init__(self, inner: SqlExecutor, schema: Path) -> None:
        self.inner = inner
        self.columns = schema_columns(schema)

    def _check(self, sql: str) -> None:
        missing = unknown_columns(sql, self.columns)
        if missing:
            raise SchemaDrift(f"columns not in the cart's schema: {', '.join(missing)} in: {sql}")

    async def select(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        self._check(sql)
        return await self.inner.select(sql, params)

    async def write(self, statements: Sequence[Statement]) -> list[Written]:
        for st in statements:
            self._check(st.sql)
        return await self.inner.write(statements)

    def close(self) -> None:
        self.inner.close()  # type: ignore[attr-defined]

