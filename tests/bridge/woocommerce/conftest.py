"""A fresh seeded WooCommerce database per test module (legacy and HPOS order storage), and
the driver under test connected to it directly (no bridge)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from anycart.platforms.bridge.files import LocalFiles
from anycart.platforms.woocommerce import seed
from anycart.platforms.woocommerce.platform import WooCommerce
from anycart.storage.repository import StoreRecord
from tests.bridge.direct import DirectExecutor
from tests.bridge.schema_check import SchemaCheckedExecutor

PREFIX = "wp_"
SIZES = {"products": 60, "customers": 30, "orders": 80}


def _database(mariadb, hpos: bool):
    name = mariadb.create_database("woo_hpos" if hpos else "woo")
    with mariadb.connect(name) as conn:
        seed.apply_schema(conn, PREFIX)
        seed.load(conn, PREFIX, **SIZES, hpos=hpos)
    return name


@pytest.fixture(scope="module")
def woo_db(mariadb):
    name = _database(mariadb, hpos=False)
    yield name
    mariadb.drop_database(name)


@pytest.fixture(scope="module")
def woo_hpos_db(mariadb):
    name = _database(mariadb, hpos=True)
    yield name
    mariadb.drop_database(name)


def _connector(mariadb, database: str, tmp_path):
    store = StoreRecord(id=1, account_id=1, store_key="k", cart_id="Woocommerce",
                        store_url="https://shop.example.com", label="woo",
                        credentials={"store_url": "https://shop.example.com"},
                        created_at=datetime.now(UTC))
    conn = WooCommerce.connect(store, http=None)
    direct = DirectExecutor(host=mariadb.host, port=mariadb.port, user=mariadb.user,
                            password=mariadb.password, database=database, prefix=PREFIX)
    conn.db = SchemaCheckedExecutor(direct, seed.SCHEMA)  # no column outside the cart's DDL
    conn.files = LocalFiles(tmp_path)
    conn.version = "9.3.3"
    return conn


@pytest.fixture
def woo(mariadb, woo_db, tmp_path):
    conn = _connector(mariadb, woo_db, tmp_path)
    yield conn
    conn.db.close()


@pytest.fixture
def woo_hpos(mariadb, woo_hpos_db, tmp_path):
    conn = _connector(mariadb, woo_hpos_db, tmp_path)
    yield conn
    conn.db.close()


@pytest.fixture
def raw(mariadb, woo_db):
    with mariadb.connect(woo_db) as conn:
        yield conn
