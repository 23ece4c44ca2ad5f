"""FieldMap's ``html`` group (``bridge/fieldmap.py``): text a cart stores HTML-escaped reads
unescaped, NULL stays None, blank stays blank; the column is kept out of the extras."""

from __future__ import annotations

from anycart.platforms.bridge.fieldmap import FieldMap

MAP = FieldMap(html={"name": "pd_name", "meta_title": "pd_title"}, text={"sku": "sku"})


def test_html_columns_read_unescaped_and_are_not_extras():
    row = {"pd_name": "Tea &amp; Cake &quot;x&quot;", "pd_title": None, "sku": "", "other": 1}
    assert MAP.read(row) == {"name": 'Tea & Cake "x"', "meta_title": None, "sku": None}
    assert MAP.read({"pd_name": ""})["name"] == ""
    assert MAP.extras(row) == {"other": 1}
