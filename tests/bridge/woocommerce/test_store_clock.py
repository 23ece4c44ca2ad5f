"""Issue 12, item 3, on the WooCommerce driver: a store on America/New_York
(``timezone_string``). WordPress keeps local columns beside UTC ``*_gmt`` ones, and the sale
window as Unix timestamps where a bare date is that day's midnight in the store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from .test_catalog import call
from .test_hardening import meta

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
