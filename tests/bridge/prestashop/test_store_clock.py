"""Issue 12, item 3, on the PrestaShop driver: dates on the store's clock (``PS_TIMEZONE``)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from .conftest import call, rows

NEW_YORK = ZoneInfo("America/New_York")


async def test_special_window_and_stamps_are_on_the_stores_clock(ps, raw):
    ps.zone = NEW_YORK
    before = datetime.now(UTC)
    added = await call(ps, "product.add", name="Zoned Mug", model="MUG-ZONE", price=20,
                       special_price=15, sprice_create="2025-01-01",
                       sprice_expire="2099-01-01T12:00:00+0000")
    pid = int(added["product_id"])
    (start, end), = rows(raw, "SELECT `from`, `to` FROM {p}specific_price WHERE id_product = %s",
                         pid)
    # A bare date is that day in the shop; a moment is converted to the shop's clock.
    assert (str(start), str(end)) == ("2025-01-01 00:00:00", "2099-01-01 07:00:00")
    (stamp,), = rows(raw, "SELECT date_upd FROM {p}product WHERE id_product = %s", pid)
    assert abs(stamp - before.astimezone(NEW_YORK).replace(tzinfo=None)) < timedelta(minutes=1)

    info = await call(ps, "product.info", id=str(pid))
    assert info["special_price"]["created_at"]["value"] == "2025-01-01T00:00:00-0500"
    assert info["modified_at"]["value"].endswith("-0500")
