"""Issue 12 item 6: product.image.add decodes the image (Pillow) before anything is written;
a corrupt or truncated PNG is 109 naming the parameter and leaves file, rows and product alone."""

from __future__ import annotations

import base64

import pytest

from anycart.errors import ApiError, ReturnCode

from ..images import CORRUPT_PNG, PNG, TRUNCATED_PNG
from .conftest import run
from .test_driver import call


def state(oc, pid):
    images = run(oc.db.select("SELECT COUNT(*) AS n FROM {p}product_image WHERE product_id = ?", [pid]))
    product = run(oc.db.select("SELECT image, date_modified FROM {p}product WHERE product_id = ?", [pid]))
    files = sorted(p.name for p in oc.root.rglob("*") if p.is_file())
    return images[0]["n"], product[0], files


@pytest.mark.parametrize("content", [TRUNCATED_PNG, CORRUPT_PNG,
                                     base64.b64encode(b"\x89PNG\r\n\x1a\nnot really").decode(),
                                     base64.b64encode(b"GIF89a" + b"\x00" * 40).decode()])
@pytest.mark.parametrize("kind", ["base", "additional"])
def test_a_corrupt_image_is_refused_and_nothing_is_written(oc, content, kind):
    before = state(oc, 7)
    with pytest.raises(ApiError) as err:
        call(oc, "product.image.add", {"product_id": "7", "type": kind, "image_name": "bad.png",
                                       "content": content})
    assert err.value.code == ReturnCode.INCORRECT_VALUE and "'content'" in err.value.message
    assert state(oc, 7) == before


def test_a_real_image_still_goes_in(oc):
    added = call(oc, "product.image.add", {"product_id": "7", "type": "additional",
                                           "image_name": "good.png", "content": PNG})
    assert added["image_path"] == "catalog/anycart/good.png"
    assert (oc.root / "image/catalog/anycart/good.png").read_bytes() == base64.b64decode(PNG)
