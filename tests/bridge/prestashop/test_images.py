"""Issue 12 item 6 on PrestaShop, which writes its image rows before the file (the path is the
image id): a corrupt image is refused before any row changes, so the cover stays."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode

from ..images import CORRUPT_PNG, PNG
from .conftest import call


async def test_a_corrupt_image_changes_nothing(ps):
    await call(ps, "product.image.add", product_id="3", type="base", image_name="good.png", content=PNG)
    files = sorted(p for p in ps.root.rglob("*") if p.is_file())
    before = await ps.db.select("SELECT id_image, cover FROM {p}image WHERE id_product = 3 ORDER BY id_image")
    with pytest.raises(ApiError) as err:
        await call(ps, "product.image.add", product_id="3", type="base", image_name="bad.png",
                   content=CORRUPT_PNG)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'content'" in err.value.message
    after = await ps.db.select("SELECT id_image, cover FROM {p}image WHERE id_product = 3 ORDER BY id_image")
    assert after == before and any(r["cover"] for r in before)
    assert sorted(p for p in ps.root.rglob("*") if p.is_file()) == files
