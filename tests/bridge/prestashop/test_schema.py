"""The PrestaShop schema the driver is tested on is PrestaShop's own (item 1 of issue 12):
no column the cart lacks, and no driver statement naming one (``SchemaCheckedExecutor``
wraps every test's executor)."""

from __future__ import annotations

import pytest

from anycart.platforms.prestashop import seed
from tests.bridge.schema_check import SchemaCheckedExecutor, SchemaDrift, schema_columns

from .conftest import call, rows


def test_no_date_novelty_in_the_schema():
    # Not in 1.7.x/8.0.0 install-dev/data/db_structure.sql nor in any upgrade script of
    # PrestaShop/autoupgrade 8.0.0-9.3.0: a product insert naming it fails with 1054.
    columns = schema_columns(seed.SCHEMA_FILE)
    assert "date_novelty" not in columns["product"]
    assert "date_novelty" not in columns["product_shop"]
    assert {"date_add", "date_upd", "product_type", "state"} <= columns["product"]


async def test_checker_refuses_a_column_the_cart_lacks(ps):
    checked = ps.db
    assert isinstance(checked, SchemaCheckedExecutor)
    with pytest.raises(SchemaDrift, match=r"product\.date_novelty"):
        await checked.select("SELECT p.date_novelty FROM {p}product p")
    with pytest.raises(SchemaDrift, match=r"product_shop\.date_novelty"):
        from anycart.platforms.bridge.sqlkit import insert
        await checked.write([insert("product_shop", {"id_product": 1, "date_novelty": "x"})])


async def test_product_add_writes_only_real_columns(ps, raw):
    added = await call(ps, "product.add", name="Real Schema Mug", model="MUG-REAL", price=3)
    pid = int(added["product_id"])
    assert rows(raw, "SELECT reference FROM {p}product WHERE id_product = %s", pid) == [("MUG-REAL",)]
    await call(ps, "product.delete", id=str(pid))


def test_redirect_type_is_the_8x_enum():
    # 8.0.0's upgrade script: ENUM('404', '410', '301-product', '302-product', '301-category',
    # '302-category') DEFAULT '404'; 'default' and the '*-displayed' values are 9.x's.
    import re

    text = seed.SCHEMA_FILE.read_text()
    enums = re.findall(r"`redirect_type` ENUM\((.*?)\) NOT NULL DEFAULT '(\w+)'", text, re.S)
    assert len(enums) == 2
    for values, default in enums:
        assert [v.strip().strip("'") for v in values.split(",")] == [
            "404", "410", "301-product", "302-product", "301-category", "302-category"]
        assert default == "404"
