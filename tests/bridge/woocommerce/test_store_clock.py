"""Issue 12, item 3, on the WooCommerce driver: a store on America/New_York
(``timezone_string``). WordPress keeps local columns beside UTC ``*_gmt`` ones, and the sale
window as Unix timestamps where a bare date is that day's midnight in the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from .test_catalog import call
from .test_hardening import meta
from .test_order_add import BILL, PREFIX, rows, simple_product, store  # noqa: F401 (fixture)

NEW_YORK = ZoneInfo("America/New_York")


async def test_sale_window_and_post_dates_on_the_stores_clock(woo, raw):
    woo.zone = NEW_YORK
    before = datetime.now(UTC)
    added = await call(woo, "product.add", name="Zoned", price=20, special_price=15,
                       sprice_create="2030-01-01", sprice_expire="2030-02-01T05:00:00+0000")
    pid = int(added["product_id"])
    m = meta(raw, pid)
    assert m["_sale_price_dates_from"] == str(int(datetime(2030, 1, 1, tzinfo=NEW_YORK).timestamp()))
    assert m["_sale_price_dates_to"] == str(int(datetime(2030, 2, 1, 5, tzinfo=UTC).timestamp()))
    with raw.cursor() as cur:
        cur.execute("SELECT post_date, post_date_gmt, post_modified, post_modified_gmt "
                    "FROM wp_posts WHERE ID = %s", (pid,))
        local, gmt, mlocal, mgmt = cur.fetchone()
    assert abs(gmt - before.replace(tzinfo=None)) < timedelta(minutes=1)
    assert local == gmt - timedelta(hours=5) and mlocal == mgmt - timedelta(hours=5)
    info = await call(woo, "product.info", id=str(pid))
    assert info["create_at"]["value"] == gmt.replace(tzinfo=UTC).astimezone(NEW_YORK).strftime(
        "%Y-%m-%dT%H:%M:%S%z")


async def test_order_dates_local_beside_gmt(store):
    shop, raw, hpos = store
    shop.zone = NEW_YORK
    pid, _, _ = simple_product(raw)
    added = await call(shop, "order.add", order_status="wc-completed",
                       customer_email=f"zone.{int(hpos)}@example.org", **BILL,
                       date="2024-05-02T14:30:00+0000",
                       order_item=[{"order_item_id": str(pid), "order_item_price": 3,
                                    "order_item_quantity": 1}])
    oid = int(added["order_id"])
    # 14:30 UTC is 10:30 in New York (EDT) on 2 May 2024.
    assert rows(raw, f"SELECT post_date, post_date_gmt FROM {PREFIX}posts WHERE ID = %s", oid)[0] \
        == (datetime(2024, 5, 2, 10, 30), datetime(2024, 5, 2, 14, 30))
    stats = rows(raw, f"SELECT date_created, date_created_gmt, date_completed FROM "
                      f"{PREFIX}wc_order_stats WHERE order_id = %s", oid)[0]
    assert stats == (datetime(2024, 5, 2, 10, 30), datetime(2024, 5, 2, 14, 30),
                     datetime(2024, 5, 2, 10, 30))
    notes = rows(raw, f"SELECT comment_date, comment_date_gmt FROM {PREFIX}comments "
                      "WHERE comment_post_ID = %s", oid)
    assert notes and all(local == gmt - timedelta(hours=4) for local, gmt in notes)
    info = await call(shop, "order.info", order_id=str(oid))
    assert info["create_at"]["value"] == "2024-05-02T10:30:00-0400"
    listed = await call(shop, "order.list", created_from="2024-05-02T10:29:00-0400",
                        created_to="2024-05-02 14:31:00")
    assert str(oid) in [o["id"] for o in listed.items]
