"""A fresh PrestaShop database per test module (``schema.sql`` + the seed) and the driver
under test, talking to it through :class:`DirectExecutor`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from anycart.platforms.base import Call
from anycart.platforms.bridge.files import LocalFiles
from anycart.platforms.prestashop import seed
from anycart.platforms.prestashop.platform import PrestaShop
from anycart.storage.repository import StoreRecord
from tests.bridge.direct import DirectExecutor
from tests.bridge.schema_check import SchemaCheckedExecutor

PREFIX = "ps_"
PRODUCTS, CUSTOMERS, ORDERS = 300, 60, 150


@pytest.fixture(scope="module")
def ps_db(mariadb):
    name = mariadb.create_database("anycart_ps")
    with mariadb.connect(name) as conn:
        seed.apply_schema(conn, PREFIX)
        seed.load(conn, PREFIX, products=PRODUCTS, customers=CUSTOMERS, orders=ORDERS)
    yield name
    mariadb.drop_database(name)


@pytest.fixture
def ps(mariadb, ps_db, tmp_path):
    store = StoreRecord(id=1, account_id=1, store_key="k", cart_id="Prestashop",
                        store_url="https://shop.example.test", label="ps", credentials={},
                        created_at=datetime.now(UTC))
    conn = PrestaShop.connect(store, http=None)
    executor = DirectExecutor(host=mariadb.host, port=mariadb.port, user=mariadb.user,
                              password=mariadb.password, database=ps_db, prefix=PREFIX)
    conn.db = SchemaCheckedExecutor(executor, seed.SCHEMA_FILE)  # no column outside the cart's DDL
    conn.files = LocalFiles(tmp_path)
    conn.version = "8.1.7"
    conn.root = tmp_path
    yield conn
    executor.close()


@pytest.fixture
def raw(mariadb, ps_db):
    """A plain PyMySQL connection to the test database (to check rows directly)."""
    with mariadb.connect(ps_db) as conn:
        yield conn


async def call(conn, method: str, start: int = 0, count: int = 10, **params: Any):
    return await getattr(conn, method.replace(".", "_"))(Call(method, params, start=start,
                                                              count=count))


def rows(raw, sql: str, *args: Any) -> list[tuple]:
    with raw.cursor() as cur:
        cur.execute(sql.replace("{p}", PREFIX), args)
        return list(cur.fetchall())
