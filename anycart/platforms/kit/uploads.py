"""Product images uploaded from a URL or as base64 content, declared: :class:`Uploads` serves
``product.image.add`` and ``product.image.delete`` over the product's image records
(:func:`~.serve.attach` gives them to a connector).

The contract gives an image by ``url``, or as ``content`` (base64) named ``image_name``
(``image_name`` alone is taken as the URL, for platforms that fetch images themselves);
``label`` is its alt text, ``type`` ``base`` or ``additional`` and ``position`` its place. A
platform that keeps no image types shows the base image first: ``base`` then takes position
``base_position`` and refuses another one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call

from .resource import Resource
from .serve import Methods

ADD = frozenset({"product_id", "url", "image_name", "content", "label", "type", "position"})
DELETE = frozenset({"product_id", "id"})


@dataclass(frozen=True)
class Uploads:
    """``resource``: the images of one product (its path names ``product_id``); the other
    fields are the platform keys of an image's URL, base64 content, file name, alt text and
    position, and of the URL the answer gives (``stored``); ``client``: the connector
    attribute holding the :class:`~.rest.RestClient`."""

    resource: Resource
    url: str = "src"
    attachment: str = "attachment"
    filename: str = "filename"
    alt: str = "alt"
    position: str = "position"
    stored: str = "src"
    base_position: int = 1
    client: str = "rest"

    def body(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The image record of ``product.image.add``'s parameters (109/114 naming the one
        that does not fit)."""
        content, name = params.get("content"), params.get("image_name")
        if content:
            if not name:
                raise ApiError.required("image_name")
            image = {self.attachment: content, self.filename: name}
        else:
            src = params.get("url") or name
            if not src:
                raise ApiError.required("image_name")
            image = {self.url: src}
        if params.get("label") is not None:
            image[self.alt] = params["label"]
        kind = str(params.get("type") or "additional").lower()
        if kind not in ("base", "additional"):  # the first image serves every size
            raise ApiError.invalid("type", "base or additional (no thumbnails are kept)")
        if kind == "base":
            if params.get("position"):
                raise ApiError.invalid("position", "0 for the base image (it is the first)")
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
        return {"product.image.add": (self.add, ADD), "product.image.delete": (self.delete, DELETE)}
