"""SQLite under concurrent writers: SQLite lets one writer in at a time, and the others wait
(``busy_timeout``). A slow writer must not make the next one fail with "database is locked"
after a few seconds: a loaded machine making 10 000 stores through 50 concurrent
webhook.create calls waited more than the 5 s the timeout used to be."""

from __future__ import annotations

import threading
import time

from sqlalchemy import select

from anycart.config import Settings
from anycart.storage.db import Database
from anycart.storage.models import Account

HELD_S = 6.0  # longer than the old 5 s timeout


def _account(name: str) -> Account:
    return Account(name=name, api_key_hash=name, api_key_hint=name[:8], config={})


def test_a_writer_waits_behind_a_slow_one(tmp_path):
    db = Database(Settings(data_dir=tmp_path))
    db.migrate()
    holding = threading.Event()

    def slow_writer() -> None:
        with db.session() as s:
            s.add(_account("slow"))
            s.flush()  # the write lock is taken here and held until commit
            holding.set()
            time.sleep(HELD_S)

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert holding.wait(10)
    started = time.monotonic()
    with db.session() as s:
        s.add(_account("next"))
    waited = time.monotonic() - started
    thread.join(10)
    with db.session() as s:
        names = sorted(s.scalars(select(Account.name)))
    assert names == ["next", "slow"] and waited >= HELD_S - 1
    db.dispose()
