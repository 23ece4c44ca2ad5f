"""Issue 12, item 3 (store time zones) on a real OpenCart whose ``config_timezone`` is
America/New_York. OpenCart then sets PHP's zone and MySQL's session ``time_zone`` from it, so
its admin writes ``date_modified`` in New York time; AnyCart must report that time with New
York's offset and keep its poll cursor on the same clock, or a merchant's admin edit made
after one of AnyCart's own writes is never delivered as a webhook."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from anycart.worker.loop import Worker
from tests.bridge.harness import disconnect_bridge_env
from tests.bridge.real_opencart.admin import Admin
from tests.bridge.real_opencart.conftest import connect, ok, poll_and_deliver
from tests.bridge.real_opencart.install import Store

ZONE = "America/New_York"
SETTING = ("UPDATE {p}setting SET value = %s "
           "WHERE store_id = 0 AND code = 'config' AND `key` = 'config_timezone'")


#: Earlier tests edited products on UTC's clock; a store that was always in New York has
#: those times on its own clock (else they lie hours "ahead" and hold the poll cursor there).
SHIFT = ("UPDATE {p}product SET date_modified = date_modified + INTERVAL %s SECOND, "
         "date_added = date_added + INTERVAL %s SECOND WHERE date_modified > '1971-01-01' "
         "AND date_added > '1971-01-01'")


@contextmanager
def store_zone(store: Store, zone: str) -> Iterator[None]:
    """The store's time zone as its admin settings page saves it, put back afterwards."""
    import pymysql

    def run(sql: str, params: Sequence[object]) -> list[dict]:
        with store.mariadb.connect(store.database) as conn, \
                conn.cursor(pymysql.cursors.DictCursor) as cur:
            cur.execute(sql.replace("{p}", "oc_"), list(params))
            return list(cur.fetchall())

    (before,) = run("SELECT value FROM {p}setting WHERE store_id = 0 AND code = 'config' "
                    "AND `key` = 'config_timezone'", [])
    offset = int((ZoneInfo(zone).utcoffset(datetime.now()) or timedelta()).total_seconds())
    run(SETTING, [zone])
    run(SHIFT, [offset, offset])
    try:
        yield
    finally:
        run(SETTING, [before["value"]])
        run(SHIFT, [-offset, -offset])


@pytest.fixture
async def new_york(store, tmp_path):
    with store_zone(store, ZONE):
        env = await connect(store, tmp_path)
        yield env
        await disconnect_bridge_env(env)


def _moment(field: dict) -> datetime:
    return datetime.strptime(field["value"], "%Y-%m-%dT%H:%M:%S%z")


async def test_item3_product_info_reports_admin_edits_with_the_stores_offset(new_york):
    env = new_york
    before = datetime.now(UTC).replace(microsecond=0)
    async with Admin(env.cart_store) as admin:
        assert (await admin.save("product", "43")).ok
    after = datetime.now(UTC)
    # OpenCart itself wrote New York wall-clock time (the store really is non-UTC).
    (row,) = env.sql("SELECT date_modified FROM {p}product WHERE product_id = 43")
    local = before.astimezone(ZoneInfo(ZONE)).replace(tzinfo=None)
    assert abs(row["date_modified"] - local) < timedelta(minutes=2), (row, local)

    info = ok(await env.call("product.info", {"id": "43", "params": "id,modified_at"}))
    modified = _moment(info["modified_at"])
    assert modified.utcoffset() == ZoneInfo(ZONE).utcoffset(before.replace(tzinfo=None)), info
    assert before - timedelta(seconds=1) <= modified <= after + timedelta(seconds=1), (
        info, before, after)


async def test_item3_an_admin_edit_after_an_anycart_write_arrives_as_a_webhook(new_york,
                                                                                receiver):
    env = new_york
    ok(await env.call("webhook.create", body={
        "entity": "product", "action": "update", "callback": receiver.url + "/hook"}))
    worker = Worker(env.services)
    await poll_and_deliver(worker)  # the baseline poll
    ok(await env.call("product.update", body={"id": "44", "price": 44.44}))
    await poll_and_deliver(worker)  # AnyCart's own write moves the poll cursor
    async with Admin(env.cart_store) as admin:
        saved = await admin.save("product", "45", {"price": "45.4500"})
    assert saved.ok, saved.message
    await poll_and_deliver(worker)
    edits = [r.json for r in receiver.received if r.json["entity_id"] == "45"]
    assert [e["action"] for e in edits] == ["update"], [r.json for r in receiver.received]
    assert edits[0]["data"]["price"] == 45.45
