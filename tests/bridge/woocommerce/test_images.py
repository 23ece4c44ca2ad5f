"""Issue 12 item 6 on a second cart: the shared save_image decodes before writing, so a
corrupt PNG is 109 naming ``content`` and WordPress gets neither a file nor an attachment."""

from __future__ import annotations

import pytest

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call

from ..images import TRUNCATED_PNG


async def test_a_truncated_png_is_refused_and_nothing_is_written(woo, tmp_path):
    count = "SELECT COUNT(*) AS n FROM {p}posts WHERE post_type = 'attachment'"
    before = (await woo.db.select(count))[0]["n"]
    product = (await woo.db.select("SELECT ID FROM {p}posts WHERE post_type = 'product' ORDER BY ID "
                                   "LIMIT 1"))[0]["ID"]
    with pytest.raises(ApiError) as err:
        await woo.product_image_add(Call("product.image.add", {
            "product_id": str(product), "type": "base", "image_name": "bad.png",
            "content": TRUNCATED_PNG}))
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'content'" in err.value.message
    assert (await woo.db.select(count))[0]["n"] == before
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]
