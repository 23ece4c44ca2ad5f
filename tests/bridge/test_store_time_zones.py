"""Issue 12, item 3: bridge carts on a non-UTC store clock, through bridge.php on real PHP.

Each cart keeps naive DATETIMEs on the store's clock (OpenCart ``config_timezone``, PrestaShop
``PS_TIMEZONE``, WordPress ``timezone_string`` or ``gmt_offset``, beside UTC ``*_gmt``
columns). A row the merchant's admin wrote in local time must be reported with the store's
offset, filters must be read on that clock, AnyCart's own writes must use it, and a merchant's
local-time edit made after one of AnyCart's writes must still arrive as a webhook.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from anycart.platforms.bridge.clock import using_zone, zone_named
from anycart.platforms.bridge.values import from_gmt_time
from anycart.worker.loop import Worker
from tests.bridge.harness import BridgeEnv, close_bridge_env, open_bridge_env
from tests.bridge.test_carts_through_bridge import Cart
from tests.webhooks.conftest import receiver  # noqa: F401  (a loopback webhook receiver)

#: The zone settings each cart's own admin saves (WordPress: the +05:30 store has only
#: ``gmt_offset``, as a site set to "UTC+5:30" in Settings > General does).
ZONE_ROWS = {
    "opencart": lambda zone: [
        (("INSERT INTO {p}setting (store_id, code, `key`, value, serialized) "
         "VALUES (0, 'config', 'config_timezone', %s, 0)"), [_iana(zone)])],
    "prestashop": lambda zone: [
        (("INSERT INTO {p}configuration (name, value, date_add, date_upd) "
         "VALUES ('PS_TIMEZONE', %s, NOW(), NOW())"), [_iana(zone)])],
    "woocommerce": lambda zone: [
        (("INSERT INTO {p}options (option_name, option_value, autoload) VALUES "
         "('timezone_string', %s, 'yes'), ('gmt_offset', %s, 'yes')"),
         ["", "5.5"] if zone == "+05:30" else [zone, "0"])],
}

#: A merchant's admin edit of a product's price, stamped with the store's local time
#: (``%(local)s``) as the cart itself writes it (WordPress: also the UTC ``*_gmt`` column).
MERCHANT_EDITS = {
    "opencart": [("UPDATE {p}product SET price = %(price)s, date_modified = %(local)s "
                 "WHERE product_id = %(id)s")],
    "prestashop": [("UPDATE {p}product SET price = %(price)s, date_upd = %(local)s "
                   "WHERE id_product = %(id)s"),
                   ("UPDATE {p}product_shop SET price = %(price)s, date_upd = %(local)s "
                   "WHERE id_product = %(id)s")],
    "woocommerce": [("UPDATE {p}postmeta SET meta_value = %(price)s WHERE post_id = %(id)s "
                    "AND meta_key IN ('_price', '_regular_price')"),
                    ("UPDATE {p}postmeta SET meta_value = '' WHERE post_id = %(id)s "
                    "AND meta_key = '_sale_price'"),
                    ("UPDATE {p}posts SET post_modified = %(local)s, post_modified_gmt = %(gmt)s "
                    "WHERE ID = %(id)s")],
}

#: Where each cart keeps a product's modification time on the store's clock.
MODIFIED = {
    "opencart": "SELECT date_modified AS local FROM {p}product WHERE product_id = %s",
    "prestashop": "SELECT date_upd AS local FROM {p}product WHERE id_product = %s",
    "woocommerce": "SELECT post_modified AS local, post_modified_gmt AS gmt FROM {p}posts "
                   "WHERE ID = %s",
}

CARTS = [Cart("opencart", "oc_", products=12, customers=2, orders=2),
         Cart("prestashop", "ps_", products=12, customers=2, orders=2),
         Cart("woocommerce", "wp_", products=12, customers=2, orders=2)]
ZONES = ["America/New_York", "+05:30"]


def _iana(name: str) -> str:
    return "Asia/Kolkata" if name == "+05:30" else name


def _zone(name: str) -> tzinfo:
    return ZoneInfo(_iana(name))


async def _open(tmp_path, mariadb, cart: Cart, zone: str) -> BridgeEnv:
    seed = cart.loader()

    def load(conn, prefix: str) -> None:
        seed(conn, prefix)
        with conn.cursor() as cur:
            for sql, params in ZONE_ROWS[cart.folder](zone):
                cur.execute(sql.replace("{p}", prefix), params)
        conn.commit()

    return await open_bridge_env(tmp_path, mariadb, cart.folder, [cart.platform()], load,
                                 prefix=cart.prefix, poll_interval_s=0.0,
                                 webhook_retry_base_s=0.1)


def _merchant_edit(env: BridgeEnv, cart: Cart, zone: str, pid: str, price: str,
                   at: datetime) -> None:
    """The edit, at the aware moment ``at``, in the store's local wall-clock time."""
    values = {"id": int(pid), "price": price,
              "local": at.astimezone(_zone(zone)).strftime("%Y-%m-%d %H:%M:%S"),
              "gmt": at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")}
    for statement in MERCHANT_EDITS[cart.folder]:
        names = [n for n in ("id", "price", "local", "gmt") if f"%({n})s" in statement]
        order = sorted(names, key=lambda n: statement.index(f"%({n})s"))
        sql = statement
        for n in names:
            sql = sql.replace(f"%({n})s", "%s")
        env.sql(sql, [values[n] for n in order])


def _moment(field: dict) -> datetime:
    return datetime.strptime(field["value"], "%Y-%m-%dT%H:%M:%S%z")


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("cart", CARTS, ids=lambda c: c.folder)
async def test_dates_are_on_the_stores_clock(tmp_path, mariadb, cart, zone):
    env = await _open(tmp_path, mariadb, cart, zone)
    try:
        pid = (await env.call("product.list", {"count": 1, "params": "id"}))["result"]["product"][0]["id"]
        edited = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
        _merchant_edit(env, cart, zone, pid, "12.34", edited)

        # product.info: the instant the merchant saved, with the store's offset
        info = await env.call("product.info", {"id": pid, "params": "id,modified_at"})
        assert info["return_code"] == 0, info
        modified = _moment(info["result"]["modified_at"])
        assert modified == edited, (info, edited)
        assert modified.utcoffset() == edited.astimezone(_zone(zone)).utcoffset(), info

        # modified_from/to: instants (UTC or any offset) compared on the store's clock
        def listed(**window: str):
            return env.call("product.list", {"product_ids": pid, "params": "id", **window})

        near = {"modified_from": (edited - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S%z"),
                "modified_to": (edited + timedelta(minutes=1)).astimezone(_zone(zone))
                .strftime("%Y-%m-%dT%H:%M:%S%z")}
        assert [p["id"] for p in (await listed(**near))["result"]["product"]] == [pid]
        later = {"modified_from": (edited + timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S")}
        assert (await listed(**later))["result"]["product"] == []

        # AnyCart's own write stamps the row with the store's local time, as the cart would
        before = datetime.now(UTC)
        updated = await env.call("product.update", body={"id": pid, "price": 20.5})
        assert updated["return_code"] == 0, updated
        (row,) = env.sql(MODIFIED[cart.folder], [int(pid)])
        local = before.astimezone(_zone(zone)).replace(tzinfo=None)
        assert abs(row["local"] - local) < timedelta(minutes=1), (row, local)
        if "gmt" in row:
            assert abs(row["gmt"] - before.replace(tzinfo=None)) < timedelta(minutes=1), row
    finally:
        await close_bridge_env(env)


@pytest.mark.parametrize("zone", ZONES)
@pytest.mark.parametrize("cart", CARTS, ids=lambda c: c.folder)
async def test_an_admin_edit_after_an_anycart_write_is_delivered(tmp_path, mariadb, receiver,
                                                                 cart, zone):
    env = await _open(tmp_path, mariadb, cart, zone)
    try:
        hook = await env.call("webhook.create", body={
            "entity": "product", "action": "update", "callback": receiver.url + "/hook"})
        assert hook["return_code"] == 0, hook
        worker = Worker(env.services)
        await worker.drain()  # the baseline poll
        ids = [p["id"] for p in (await env.call("product.list", {"count": 2, "params": "id"}))
               ["result"]["product"]]
        written = await env.call("product.update", body={"id": ids[0], "price": 31.5})
        assert written["return_code"] == 0, written
        await worker.drain()  # AnyCart's own write moves the poll cursor
        _merchant_edit(env, cart, zone, ids[1], "45.45", datetime.now(UTC))
        await worker.drain()

        got = {r.json["entity_id"]: r.json for r in receiver.received}
        assert set(got) == set(ids), [r.json for r in receiver.received]
        assert got[ids[1]]["data"]["price"] == 45.45
        modified = _moment(got[ids[1]]["data"]["modified_at"])
        assert abs(modified - datetime.now(UTC)) < timedelta(minutes=1), got[ids[1]]
    finally:
        await close_bridge_env(env)


@pytest.mark.parametrize("name, offset", [("America/New_York", None), ("Asia/Kolkata", 5.5),
                                          ("5.5", 5.5), ("-5", -5), ("+05:30", 5.5),
                                          ("UTC-3", -3), ("", 0), ("Not/AZone", 0)])
def test_zone_settings_as_carts_save_them(name, offset):
    zone = zone_named(name)
    winter = datetime(2026, 1, 15, 12, 0)
    if offset is None:
        assert zone.utcoffset(winter) == timedelta(hours=-5)
        assert zone.utcoffset(datetime(2026, 7, 15, 12, 0)) == timedelta(hours=-4)
    else:
        assert zone.utcoffset(winter) == timedelta(hours=offset)


async def test_the_zone_is_read_once_and_afresh_by_cart_info(tmp_path, mariadb):
    cart = CARTS[0]
    env = await _open(tmp_path, mariadb, cart, "America/New_York")
    try:
        async def offset() -> str:
            info = await env.call("product.info", {"id": "1", "params": "id,modified_at"})
            return info["result"]["modified_at"]["value"][-5:]

        new_york = await offset()
        assert new_york in ("-0500", "-0400"), new_york  # the seeded date: winter or summer
        env.sql("UPDATE {p}setting SET value = 'Asia/Kolkata' WHERE `key` = 'config_timezone'")
        assert await offset() == new_york  # kept with the bridge config: no query per call
        assert (await env.call("cart.info"))["return_code"] == 0  # reads the config afresh
        assert await offset() == "+0530"
    finally:
        await close_bridge_env(env)


def test_utc_columns_at_the_edge_of_the_calendar_stay_utc():
    # A *_gmt value WordPress may hold as "never" must not overflow when shown in the zone.
    with using_zone(ZoneInfo("America/New_York")):
        assert from_gmt_time("0001-01-01 00:00:00") == datetime(1, 1, 1, tzinfo=UTC)
    with using_zone(ZoneInfo("Asia/Kolkata")):
        assert from_gmt_time("9999-12-31 23:00:00").year == 9999
        assert from_gmt_time("2024-05-02 14:30:00").strftime("%H:%M%z") == "20:00+0530"
