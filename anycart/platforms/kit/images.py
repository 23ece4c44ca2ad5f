"""Product images, declared in one of two shapes, read from the same call parameters (an
image by ``url``, or ``image_name`` taken as one; ``label`` its alt text, ``type`` and
``position`` its place; a slot or the base image takes no position).

Images as data of the product (Shift4Shop): a gallery of image records held in the product,
and images kept in named slots of the product itself (a main image, a thumbnail: the file in
a product key). :class:`Gallery` declares both and reads them as the unified ``Image`` list;
:class:`Images` serves ``product.image.add/update`` from it through an :class:`ImageStore`:
a ``base``/``small``/``thumbnail`` image is written into its slot (a caption only where the
slot has one), any other type becomes a gallery record.

Images as records of their own under the product (Shopify): :class:`Uploads` serves
``product.image.add`` (also as base64 ``content`` named ``image_name``) and
``product.image.delete`` (:func:`~.serve.attach` gives them to a connector). A platform that
keeps no image types shows the base image first: ``base`` then takes position
``base_position``.
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
from .resource import Resource
from .serve import Methods

Record = dict[str, Any]

APPLIED: dict[str, frozenset[str]] = {
    "product.image.add": frozenset({"product_id", "type", "image_name", "url", "label", "position"}),
    "product.image.update": frozenset({"product_id", "id", "image_name", "label", "position"}),
}


def _file_name(path: Any) -> str | None:
    return str(path or "").rsplit("/", 1)[-1] or None


def source(params: Mapping[str, Any]) -> str:
    """The image's URL: ``url``, else ``image_name``; 114 naming ``image_name`` for none."""
    src = params.get("url") or params.get("image_name")
    if not src:
        raise ApiError.required("image_name")
    return str(src)


def kind_of(params: Mapping[str, Any]) -> str:
    return str(params.get("type") or "additional").lower()


def unplaced(params: Mapping[str, Any], why: str) -> None:
    """109 for a ``position`` given to an image that has none (``why``)."""
    if params.get("position"):
        raise ApiError.invalid("position", why)


@dataclass(frozen=True)
class Gallery:
    """``items``: the product path of its gallery; ``id``/``file``/``caption``/``sort``: an
    image record's keys. ``slots``: contract image type -> the product key of its file;
    ``captions``: type -> the product key of its caption (a slot without one takes no
    label); ``shown``: the slots read as images, type -> the id they answer with; ``more``:
    further images in product keys (a second to fourth image), read as additional ones after
    the shown slots, id -> (file key, caption key)."""

    items: str
    id: str
    file: str
    caption: str
    sort: str
    slots: Mapping[str, str] = field(default_factory=dict)
    captions: Mapping[str, str] = field(default_factory=dict)
    shown: Mapping[str, str] = field(default_factory=dict)
    more: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    ids: Callable[[str], bool] = str.isdecimal

    def images(self, product: Record) -> list[Image]:
        out = [Image(id=ident, http_path=F.text(F.get(product, self.slots[kind])),
                     file_name=_file_name(F.get(product, self.slots[kind])),
                     alt=F.text(F.get(product, self.captions.get(kind, ""))) if kind in self.captions
                     else None, sort_order=0, type=kind)
               for kind, ident in self.shown.items() if F.get(product, self.slots[kind])]
        out += [Image(id=ident, http_path=F.text(F.get(product, file)),
                      file_name=_file_name(F.get(product, file)),
                      alt=F.text(F.get(product, caption)), sort_order=n, type="additional")
                for n, (ident, (file, caption)) in enumerate(self.more.items(), 1)
                if F.get(product, file)]
        return out + [Image(id=F.text(i.get(self.id)), http_path=F.text(i.get(self.file)),
                            file_name=_file_name(i.get(self.file)), alt=F.text(i.get(self.caption)),
                            sort_order=i.get(self.sort), type="additional")
                      for i in F.get(product, self.items) or []]

    def keys(self) -> frozenset[str]:
        """The product keys :meth:`images` reads (not in ``additional_fields``)."""
        return frozenset({*(self.slots[k] for k in self.shown), *self.captions.values(),
                          self.items, *(k for pair in self.more.values() for k in pair)})

    def slot_body(self, kind: str, url: str, params: Mapping[str, Any]) -> Record:
        """An image into slot ``kind``: 109 for a position, or a label where it has no caption."""
        unplaced(params, f"0 for a {kind} image (it has no position)")
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
        url, kind = source(call.params), kind_of(call.params)
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


#: What :class:`Uploads` applies.
UPLOAD_ADD = frozenset({"product_id", "url", "image_name", "content", "label", "type", "position"})
UPLOAD_DELETE = frozenset({"product_id", "id"})


@dataclass(frozen=True)
class Uploads:
    """``resource``: the images of one product (its path names ``product_id``); the other
    fields are the platform keys of an image's URL, base64 content, file name, alt text and
    position, and of the URL the answer gives (``stored``); ``client``: the connector
    attribute holding the :class:`~.rest.RestClient`; ``added``: the parameters an add
    applies (a platform taking files by URL only leaves out ``content``, so 109)."""

    resource: Resource
    url: str = "src"
    attachment: str = "attachment"
    filename: str = "filename"
    alt: str = "alt"
    position: str = "position"
    stored: str = "src"
    base_position: int = 1
    client: str = "rest"
    added: frozenset[str] = UPLOAD_ADD

    def body(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The image record of ``product.image.add``'s parameters (109/114 naming the one
        that does not fit)."""
        content, name = params.get("content"), params.get("image_name")
        if content:
            if not name:
                raise ApiError.required("image_name")
            image = {self.attachment: content, self.filename: name}
        else:
            image = {self.url: source(params)}
        if params.get("label") is not None:
            image[self.alt] = params["label"]
        kind = kind_of(params)
        if kind not in ("base", "additional"):  # the first image serves every size
            raise ApiError.invalid("type", "base or additional (no thumbnails are kept)")
        if kind == "base":
            unplaced(params, "0 for the base image (it is the first)")
            image[self.position] = self.base_position
        elif params.get("position") is not None:
            image[self.position] = params["position"]
        return image

    async def add(self, connector: Any, call: Call) -> dict[str, Any]:
        pid = call.require("product_id")
        image = self.body(call.params)
        created = await self.resource.add(getattr(connector, self.client), image,
                                          {"product_id": pid})
        return {"id": str(created.get(self.resource.id_field)),
                "image_path": created.get(self.stored) or image.get(self.url)}

    async def delete(self, connector: Any, call: Call) -> dict[str, Any]:
        pid, image_id = call.require("product_id"), call.require("id")
        await self.resource.delete(getattr(connector, self.client), image_id,
                                   {"product_id": pid})
        return {"deleted": "true"}

    def methods(self) -> Methods:
        return {"product.image.add": (self.add, self.added),
                "product.image.delete": (self.delete, UPLOAD_DELETE)}
