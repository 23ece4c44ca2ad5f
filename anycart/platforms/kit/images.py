"""Product images as data: a gallery of image records held in the product, and images kept in
named slots of the product itself (a main image, a thumbnail: the file in a product key).

:class:`Gallery` declares both and reads them as the unified ``Image`` list; :class:`Images`
serves ``product.image.add/update`` from it through an :class:`ImageStore`: a ``base``/
``small``/``thumbnail`` image is written into its slot (no position; a caption only where
the slot has one), any other type becomes a gallery record.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from anycart.errors import ApiError
from anycart.model import Image
from anycart.platforms.base import Call

from . import fields as F
from .local import inside

Record = dict[str, Any]

APPLIED: dict[str, frozenset[str]] = {
    "product.image.add": frozenset({"product_id", "type", "image_name", "url", "label", "position"}),
    "product.image.update": frozenset({"product_id", "id", "image_name", "label", "position"}),
}


def _file_name(path: Any) -> str | None:
    return str(path or "").rsplit("/", 1)[-1] or None


@dataclass(frozen=True)
class Gallery:
    """``items``: the product path of its gallery; ``id``/``file``/``caption``/``sort``: an
    image record's keys. ``slots``: contract image type -> the product key of its file;
    ``captions``: type -> the product key of its caption (a slot without one takes no
    label); ``shown``: the slots read as images, type -> the id they answer with."""

    items: str
    id: str
    file: str
    caption: str
    sort: str
    slots: Mapping[str, str] = field(default_factory=dict)
    captions: Mapping[str, str] = field(default_factory=dict)
    shown: Mapping[str, str] = field(default_factory=dict)
    ids: Callable[[str], bool] = str.isdecimal

    def images(self, product: Record) -> list[Image]:
        out = [Image(id=ident, http_path=F.text(F.get(product, self.slots[kind])),
                     file_name=_file_name(F.get(product, self.slots[kind])),
                     alt=F.text(F.get(product, self.captions.get(kind, ""))) if kind in self.captions
                     else None, sort_order=0, type=kind)
               for kind, ident in self.shown.items() if F.get(product, self.slots[kind])]
        return out + [Image(id=F.text(i.get(self.id)), http_path=F.text(i.get(self.file)),
                            file_name=_file_name(i.get(self.file)), alt=F.text(i.get(self.caption)),
                            sort_order=i.get(self.sort), type="additional")
                      for i in F.get(product, self.items) or []]

    def slot_body(self, kind: str, url: str, params: Mapping[str, Any]) -> Record:
        """An image into slot ``kind``: 109 for a position, or a label where it has no caption."""
        if params.get("position"):
            raise ApiError.invalid("position", f"0 for a {kind} image (it has no position)")
        body: Record = {}
        F.put(body, self.slots[kind], url)
        if params.get("label"):
            if kind not in self.captions:
                raise ApiError.invalid("label", f"empty for a {kind} image (it has no caption)")
            F.put(body, self.captions[kind], params["label"])
        return body

    def item_body(self, url: str, params: Mapping[str, Any]) -> Record:
        return {self.file: url, self.caption: params.get("label") or "",
                self.sort: params.get("position") or 0}

    def changes(self, params: Mapping[str, Any]) -> Record:
        """product.image.update's changes of a gallery record (110 for none)."""
        out = {key: params[name] for name, key in (("image_name", self.file),
                                                   ("label", self.caption), ("position", self.sort))
               if params.get(name) not in (None, "")}
        if not out:
            raise ApiError.nothing_to_update()
        return out


class ImageStore(Protocol):
    """The requests :class:`Images` makes: a product (112 for none), a write of product keys,
    a new gallery record (its id), a change of one."""

    async def product(self, product_id: str) -> Record: ...
    async def put_product(self, product_id: str, body: Record) -> None: ...
    async def add_image(self, product_id: str, body: Record) -> str: ...
    async def put_image(self, product_id: str, image_id: str, body: Record) -> None: ...


@dataclass
class Images:
    gallery: Gallery
    store: ImageStore

    async def add(self, call: Call) -> dict[str, Any]:
        pid = str(call.require("product_id"))
        url = str(call.params.get("url") or call.require("image_name"))
        kind = str(call.params.get("type") or "additional").lower()
        if kind in self.gallery.slots:
            await self.store.put_product(pid, self.gallery.slot_body(kind, url, call.params))
            return {"id": kind, "image_path": url}
        image_id = await self.store.add_image(pid, self.gallery.item_body(url, call.params))
        return {"id": image_id, "image_path": url}

    async def update(self, call: Call) -> dict[str, Any]:
        """A gallery image's file, caption, position."""
        g = self.gallery
        pid, image_id = str(call.require("product_id")), str(call.require("id"))
        if not g.ids(image_id):
            raise ApiError.invalid("id")
        inside(await self.store.product(pid), g.items, g.id, image_id, "Image")
        await self.store.put_image(pid, image_id, g.changes(call.params))
        return {"updated": "true"}


#: Contract method -> the coroutine serving it (``serve.PerStore``).
VERBS: dict[str, str] = {
    "product.image.add": "add",
    "product.image.update": "update",
}
