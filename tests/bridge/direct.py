"""Driver SQL run on MariaDB directly with PyMySQL, for tests and benchmarks (in production
every statement goes through the store's bridge). It applies the bridge's own statement rules
(:func:`anycart.platforms.bridge.sqlkit.check_statement`) so a driver tested here runs
unchanged through ``bridge.php``."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from anycart.platforms.bridge.sqlkit import (
    InsertId,
    RefusedStatement,
    Statement,
    Written,
    check_statement,
    sql_failure,
)
from anycart.platforms.bridge.transport import bridge_refused

_PREFIX = re.compile(r"\{p\}")


def _as_bridge_value(value: Any) -> Any:
    """Values as bridge.php returns them (PDO with native prepares): integers and floats as
    numbers, DECIMAL and date/time columns as text, so drivers see one representation."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, (date, timedelta)):
        return str(value)
    if isinstance(value, (bytes, bytearray)):
        return value.decode("utf-8", "replace")
    return value


class DirectExecutor:
    """Runs driver SQL on MariaDB directly with PyMySQL (tests and benchmarks only; in
    production every statement goes through the store's bridge)."""

    def __init__(self, *, host: str, port: int, user: str, password: str, database: str,
                 prefix: str) -> None:
        import pymysql  # test/benchmark dependency only

        self.prefix = prefix
        self._conn = pymysql.connect(host=host, port=port, user=user, password=password,
                                     database=database, charset="utf8mb4", autocommit=True,
                                     cursorclass=pymysql.cursors.DictCursor)
        self._lock = asyncio.Lock()

    def _sql(self, sql: str) -> str:
        """The statement as PyMySQL takes it, once it passed the bridge's own rules (a driver
        tested here must run unchanged through bridge.php)."""
        try:
            check_statement(sql)
        except RefusedStatement as exc:
            raise bridge_refused("sql_refused", str(exc)) from None
        return _PREFIX.sub(self.prefix, sql.replace("%", "%%")).replace("?", "%s")

    async def select(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        async with self._lock:
            return await self._run(self._select, self._sql(sql), list(params))

    async def _run(self, fn, *args):
        import pymysql

        try:
            return await asyncio.to_thread(fn, *args)
        except (pymysql.err.DataError, pymysql.err.IntegrityError,
                pymysql.err.OperationalError) as exc:
            code, text = (*exc.args, "")[:2]
            state = "23000" if isinstance(exc, pymysql.err.IntegrityError) else (
                "22001" if code == 1406 else "22003" if code == 1264 else "HY000")
            raise sql_failure(state, str(text)) from None

    def _select(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        with self._conn.cursor() as cur:
            cur.execute(sql, params)
            return [{k: _as_bridge_value(v) for k, v in row.items()} for row in cur.fetchall()]

    async def write(self, statements: Sequence[Statement]) -> list[Written]:
        async with self._lock:
            return await self._run(self._write, list(statements))

    def _write(self, statements: list[Statement]) -> list[Written]:
        done: list[Written] = []
        self._conn.begin()
        try:
            with self._conn.cursor() as cur:
                for st in statements:
                    params = [done[p.index].insert_id if isinstance(p, InsertId) else p
                              for p in st.params]
                    cur.execute(self._sql(st.sql), params)
                    done.append(Written(int(cur.lastrowid or 0), int(cur.rowcount)))
            self._conn.commit()
        except Exception:
            self._conn.rollback()
            raise
        return done

    def close(self) -> None:
        self._conn.close()


@contextmanager
def scratch(server: Any, name: str, schema: str, prefix: str = "t_") -> Iterator[DirectExecutor]:
    """A fresh database ``name`` on the test MariaDB ``server`` with ``schema`` run in it, as a
    DirectExecutor; dropped afterwards. For tests of shared bridge pieces on a tiny schema."""
    database = server.create_database(name)
    server.run_script(database, schema)
    direct = DirectExecutor(host=server.host, port=server.port, user=server.user,
                            password=server.password, database=database, prefix=prefix)
    try:
        yield direct
    finally:
        direct.close()
        server.drop_database(database)
