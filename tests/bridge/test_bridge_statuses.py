"""A cart's status table (``bridge/statuses.py``) on its own, on a real MariaDB table: the
listing in one language, and a status given by id or by name, or refused with 109."""

from __future__ import annotations

import asyncio

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.bridge.statuses import Statuses
from anycart.platforms.bridge.values import html_text
from tests.bridge.direct import DirectExecutor

STATES = Statuses("state", "state_id", "order_status", "order.status.list", read=html_text)


@pytest.fixture
def db(mariadb):
    name = mariadb.create_database("statuses")
    mariadb.run_script(name, "CREATE TABLE s_state (state_id INT NOT NULL, language_id INT NOT NULL, "
                             "name VARCHAR(32) NOT NULL, PRIMARY KEY (state_id, language_id));"
                             "INSERT INTO s_state VALUES (2, 1, 'Paid &amp; packed'), (1, 1, 'Pending'),"
                             " (1, 2, 'Offen'), (3, 2, 'Nur deutsch');")
    direct = DirectExecutor(host=mariadb.host, port=mariadb.port, user=mariadb.user,
                            password=mariadb.password, database=name, prefix="s_")
    yield direct
    direct.close()
    mariadb.drop_database(name)


def test_listed_in_one_language_by_id(db):
    assert asyncio.run(STATES.listed(db, 1)) == [{"id": "1", "name": "Pending"},
                                                 {"id": "2", "name": "Paid & packed"}]
    assert asyncio.run(STATES.listed(db, 2)) == [{"id": "1", "name": "Offen"},
                                                 {"id": "3", "name": "Nur deutsch"}]


def test_resolved_by_id_or_name_in_the_language_else_109(db):
    assert asyncio.run(STATES.resolve(db, " 2 ", 1)) == 2
    assert asyncio.run(STATES.resolve(db, "pending", 1)) == 1  # the table's collation
    assert asyncio.run(STATES.resolve(db, "Offen", 2)) == 1
    for value, lang in (("3", 1), ("Offen", 1), ("Shipped", 1)):
        with pytest.raises(ApiError) as err:
            asyncio.run(STATES.resolve(db, value, lang))
        assert err.value.code == ReturnCode.INCORRECT_VALUE
        assert err.value.message == (f"Parameter 'order_status' is not valid: the store has no status "
                                     f"'{value}' (an id or name from order.status.list).")
