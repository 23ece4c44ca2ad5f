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


@pytest.mark.parametrize("position", ["first", "2.5"])
async def test_a_position_that_is_no_whole_number_is_109_and_adds_nothing(ps, position):
    before = await ps.db.select("SELECT id_image FROM {p}image WHERE id_product = 5")
    with pytest.raises(ApiError) as err:
        await call(ps, "product.image.add", product_id="5", type="additional", image_name="p.png",
                   content=PNG, position=position)
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'position'" in err.value.message
    assert await ps.db.select("SELECT id_image FROM {p}image WHERE id_product = 5") == before
    added = await call(ps, "product.image.add", product_id="5", type="additional", image_name="p.png",
                       content=PNG, position="7")
    assert await ps.db.select("SELECT position FROM {p}image WHERE id_image = ?",
                              [int(added["id"])]) == [{"position": 7}]
