"""Product images kept as an ordered list inside the product and written back whole
(WooCommerce's ``images``, the same shape as Wix's media items or BigCommerce's v2 product
images array): :class:`ImageList` serves ``product.image.add/update/delete`` by reading the
product, changing its list and sending it again. The list's first image is the base one.

Images already in the product travel as their id alone (the platform keeps them), a new one
by its URL (``url``, else ``image_name``; file content is not taken: such platforms fetch
images by URL). ``position`` places an image (0 first); a ``base`` image goes first. The
same keys read such a list, or one image of that shape, as the unified images
(:meth:`ImageList.images`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.model import Image
from anycart.platforms.base import Call

from . import fields as F
from .images import kind_of, source
from .local import inside
from .resource import Resource
from .serve import Methods

Record = dict[str, Any]

APPLIED: dict[str, frozenset[str]] = {
    "product.image.add": frozenset({"product_id", "type", "url", "image_name", "label", "position"}),
    "product.image.update": frozenset({"product_id", "id", "label", "image_name", "position"}),
    "product.image.delete": frozenset({"product_id", "id"}),
}


@dataclass(frozen=True)
class ImageList:
    """``products``: the products (one read by id, 112 naming it; a change answers the
    product); ``key``: its image list; ``id``/``url``/``alt``/``name``: an image's keys;
    ``client``: the connector attribute holding the :class:`~.rest.RestClient`."""

    products: Resource
    key: str = "images"
    id: str = "id"
    url: str = "src"
    alt: str = "alt"
    name: str = "name"
    client: str = "rest"

    def image(self, i: Record, n: int = 0) -> Image:
        """One image at place ``n`` (the first is the base one); its file name is the URL's."""
        src = F.text(i.get(self.url))
        return Image(id=F.text(i.get(self.id)), http_path=src, alt=F.text(i.get(self.alt)),
                     file_name=src.rsplit("/", 1)[-1] if src else F.text(i.get(self.name)),
                     sort_order=n, type="base" if n == 0 else "additional")

    def images(self, record: Record, key: str | None = None) -> list[Image]:
        """The record's images: its list (at ``key``, else :attr:`key`), or the one image
        there (a variation's, a category's)."""
        found = F.get(record, self.key if key is None else key)
        listed = ([found] if found else []) if isinstance(found, dict) else found or []
        return [self.image(i, n) for n, i in enumerate(listed) if isinstance(i, dict)]

    async def _kept(self, connector: Any, pid: Any) -> list[Record]:
        product = await self.products.get(getattr(connector, self.client), pid)
        return [{self.id: i[self.id]} for i in F.get(product, self.key) or []]

    async def _save(self, connector: Any, pid: Any, images: list[Record]) -> list[Record]:
        saved = await self.products.change(getattr(connector, self.client), pid, {self.key: images})
        return list(F.get(saved, self.key) or [])

    async def add(self, connector: Any, call: Call) -> dict[str, Any]:
        pid, kind = call.require("product_id"), kind_of(call.params)
        if kind not in ("base", "additional"):
            raise ApiError.invalid("type", "base or additional (no thumbnails are kept)")
        images = await self._kept(connector, pid)
        new = {self.url: source(call.params), self.alt: call.params.get("label") or ""}
        at = 0 if kind == "base" else min(int(call.params.get("position") or len(images)), len(images))
        images.insert(at, new)
        saved = await self._save(connector, pid, images)
        placed = saved[at] if at < len(saved) else {}
        return {"id": F.text(placed.get(self.id)), "image_path": placed.get(self.url) or new[self.url]}

    async def update(self, connector: Any, call: Call) -> dict[str, Any]:
        pid, iid = call.require("product_id"), call.require("id")
        images = await self._kept(connector, pid)
        image = inside({"all": images}, "all", self.id, iid, "Image")
        image.update({key: call.params[n] for n, key in (("label", self.alt), ("image_name", self.name))
                      if call.params.get(n) is not None})
        if len(image) == 1 and call.params.get("position") is None:
            raise ApiError.nothing_to_update()
        if call.params.get("position") is not None:
            images.remove(image)
            images.insert(int(call.params["position"]), image)
        await self._save(connector, pid, images)
        return {"updated": "true"}

    async def delete(self, connector: Any, call: Call) -> dict[str, Any]:
        pid, iid = call.require("product_id"), call.require("id")
        images = await self._kept(connector, pid)
        images.remove(inside({"all": images}, "all", self.id, iid, "Image"))
        await self._save(connector, pid, images)
        return {"deleted": "true"}

    def methods(self) -> Methods:
        return {f"product.image.{verb}": (getattr(self, verb), APPLIED[f"product.image.{verb}"])
                for verb in ("add", "update", "delete")}
