"""Issue 12, item 3, on the OpenCart driver: dates on the store's clock (``config_timezone``).

OpenCart's own SQL runs with MySQL's session ``time_zone`` set to the store's zone, so its
``CURDATE()`` is the store's date, and its admin's date fields are calendar days there."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from anycart.platforms.bridge.sqlkit import Statement

from .conftest import run
from .test_driver import call


def test_a_bare_special_date_is_that_day_in_the_store(oc):
    oc.zone = ZoneInfo("America/New_York")
    pid = call(oc, "product.add", {"name": "Zoned Sale", "model": "z", "price": 20,
                                   "special_price": 15, "sprice_create": "2025-01-01",
                                   "sprice_expire": "2099-12-31"})["product_id"]
    (row,) = run(oc.db.select("SELECT date_start, date_end FROM {p}product_special "
                              "WHERE product_id = ?", [int(pid)]))
    assert row == {"date_start": "2025-01-01", "date_end": "2099-12-31"}


def test_a_special_ends_on_the_stores_date_not_the_servers(oc):
    now = datetime.now(UTC)
    # A zone whose date differs from UTC's right now: a day ahead, or a day behind.
    zone = ZoneInfo("Pacific/Kiritimati" if now.hour >= 10 else "Pacific/Pago_Pago")
    local, utc = now.astimezone(zone).date(), now.date()
    assert local != utc
    oc.zone = zone
    pid = call(oc, "product.add", {"name": "Last Day", "model": "ld", "price": 30})["product_id"]
    # The special runs while date_end > the store's date (OpenCart's CURDATE()).
    end = max(local, utc)
    run(oc.db.write([Statement("INSERT INTO {p}product_special (product_id, customer_group_id, "
                               "priority, price, date_start, date_end) VALUES (?, 1, 0, 9, "
                               "'0000-00-00', ?)", [int(pid), end.isoformat()])]))
    info = call(oc, "product.info", {"id": pid})
    running = end > local
    assert (info["additional_fields"].get("special_price") == 9.0) is running, (info, local, utc)


def test_declared_writes_stamp_rows_on_the_stores_clock(oc):
    """product/category/customer writes come from declarations (``opencart/writers.py``):
    they run on the store's clock as the driver's own methods do."""
    zone = ZoneInfo("Pacific/Kiritimati")  # UTC+14: its wall clock is never UTC's
    oc.zone = zone
    before = datetime.now(zone).replace(tzinfo=None, microsecond=0)
    pid = call(oc, "product.add", {"name": "Stamped", "model": "st", "price": 1})["product_id"]
    cid = call(oc, "category.add", {"name": "Stamped"})["category_id"]
    uid = call(oc, "customer.add", {"email": "stamped@example.com"})["customer_id"]
    for table, key, ident in (("product", "product_id", pid), ("category", "category_id", cid),
                              ("customer", "customer_id", uid)):
        (row,) = run(oc.db.select(f"SELECT date_added FROM {{p}}{table} WHERE {key} = ?", [int(ident)]))
        stamped = datetime.fromisoformat(str(row["date_added"]))
        assert abs((stamped - before).total_seconds()) < 120, (table, stamped, before)
