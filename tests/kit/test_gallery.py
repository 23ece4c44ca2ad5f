"""kit.images (Gallery) on Crate-like products shaped unlike Shift4Shop: the cover under
``media.cover`` (with ``media.cover_alt``), a ``thumb`` without caption, and ``photos``
records with ``pid``/``href``/``text``/``rank``. The store is an in-memory fake."""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError
from anycart.platforms.kit.images import APPLIED, Gallery, Images
from tests.kit.calls import call, code

GALLERY = Gallery(items="photos", id="pid", file="href", caption="text", sort="rank",
                  slots={"base": "media.cover", "thumbnail": "thumb"},
                  captions={"base": "media.cover_alt"}, shown={"base": "cover", "thumbnail": "t"},
                  ids=lambda v: v.startswith("p"))
PRODUCT = {"id": 1, "media": {"cover": "https://cdn/x/cover.jpg", "cover_alt": "Front"},
           "thumb": "https://cdn/x/t.jpg",
           "photos": [{"pid": "p1", "href": "https://cdn/x/side.jpg", "text": "", "rank": 2}]}


class Store:
    def __init__(self) -> None:
        self.sent: list[tuple[str, Any]] = []

    async def product(self, product_id: str) -> dict[str, Any]:
        if product_id != "1":
            raise ApiError.not_found("Product", product_id)
        return PRODUCT

    async def put_product(self, product_id: str, body: dict[str, Any]) -> None:
        self.sent.append(("product", body))

    async def add_image(self, product_id: str, body: dict[str, Any]) -> str:
        self.sent.append(("add", body))
        return "p9"

    async def put_image(self, product_id: str, image_id: str, body: dict[str, Any]) -> None:
        self.sent.append((image_id, body))


def test_reads_slots_then_the_gallery():
    cover, thumb, side = GALLERY.images(PRODUCT)
    assert (cover.id, cover.type, cover.http_path, cover.file_name, cover.alt, cover.sort_order) == (
        "cover", "base", "https://cdn/x/cover.jpg", "cover.jpg", "Front", 0)
    assert (thumb.id, thumb.type, thumb.alt) == ("t", "thumbnail", None)
    assert (side.id, side.type, side.alt, side.sort_order) == ("p1", "additional", None, 2)
    assert GALLERY.images({"id": 2}) == []


async def test_add_writes_a_slot_or_a_gallery_record():
    store = Store()
    images = Images(GALLERY, store)
    assert await images.add(call("product.image.add", product_id="1", type="base",
                                 image_name="https://cdn/n.jpg", label="New")) == {
        "id": "base", "image_path": "https://cdn/n.jpg"}
    assert store.sent[-1] == ("product", {"media": {"cover": "https://cdn/n.jpg",
                                                    "cover_alt": "New"}})
    added = await images.add(call("product.image.add", product_id="1", url="https://cdn/g.jpg",
                                  position=4))
    assert added == {"id": "p9", "image_path": "https://cdn/g.jpg"}
    assert store.sent[-1] == ("add", {"href": "https://cdn/g.jpg", "text": "", "rank": 4})
    assert await code(images.add(call("product.image.add", product_id="1", type="thumbnail",
                                      url="u", label="x"))) == 109  # a thumb has no caption
    assert await code(images.add(call("product.image.add", product_id="1", type="base",
                                      url="u", position=2))) == 109
    assert await code(images.add(call("product.image.add", product_id="1"))) == 114


async def test_update_changes_one_gallery_record():
    store = Store()
    images = Images(GALLERY, store)
    assert await images.update(call("product.image.update", product_id="1", id="p1",
                                    label="Side", position=0)) == {"updated": "true"}
    assert store.sent == [("p1", {"text": "Side", "rank": 0})]
    assert await code(images.update(call("product.image.update", product_id="1", id="p7",
                                         label="x"))) == 112
    assert await code(images.update(call("product.image.update", product_id="1", id="7",
                                         label="x"))) == 109  # cannot be an image id
    assert await code(images.update(call("product.image.update", product_id="1", id="p1"))) == 110
    assert await code(images.update(call("product.image.update", product_id="2", id="p1",
                                         label="x"))) == 112
    assert set(APPLIED) == {"product.image.add", "product.image.update"}


def test_more_images_in_product_keys_follow_the_slots():
    """``more``: numbered image keys of the product itself, read as additional images after
    the shown slots and before the gallery; ``keys`` names every key the images come from."""
    more = Gallery(items="photos", id="pid", file="href", caption="text", sort="rank",
                   slots={"base": "media.cover"}, shown={"base": "cover"},
                   more={"extra2": ("pic2", "alt2"), "extra3": ("pic3", "alt3")})
    record = {**PRODUCT, "pic2": "https://cdn/x/back.jpg", "alt2": "Back", "pic3": ""}
    cover, back, side = more.images(record)
    assert (cover.id, side.id) == ("cover", "p1")
    assert (back.id, back.type, back.http_path, back.file_name, back.alt, back.sort_order) == (
        "extra2", "additional", "https://cdn/x/back.jpg", "back.jpg", "Back", 1)
    assert more.keys() == {"media.cover", "photos", "pic2", "alt2", "pic3", "alt3"}
    assert GALLERY.keys() == {"media.cover", "thumb", "media.cover_alt", "photos"}
