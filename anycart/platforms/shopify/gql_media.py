"""Product images over GraphQL, for the kit's :class:`~anycart.platforms.kit.images.Uploads`
(bodies in its REST image keys): ``product.image.add`` by ``productCreateMedia`` from the
image's URL, or for a base64 ``content`` from a staged upload (``stagedUploadsCreate``, the
bytes PUT without the shop's token); a ``position`` by ``productReorderMedia``.
``product.image.delete`` by ``productDeleteMedia``.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import platform_error
from anycart.platforms.kit.graphql import GraphQL
from anycart.platforms.kit.images import Uploads
from anycart.platforms.kit.resource import Resource

from . import mapping as M
from .gql import mutate

Record = dict[str, Any]


def _decoded(content: Any) -> bytes:
    try:
        return base64.b64decode(str(content), validate=True)
    except (binascii.Error, ValueError) as e:
        raise ApiError.invalid("content", "base64") from e


async def stage(gql: GraphQL, content: Any, filename: str) -> str:
    """The ``resourceUrl`` of a staged upload holding ``content`` (base64)."""
    data, mime = _decoded(content), mimetypes.guess_type(filename)[0] or ""
    if not mime.startswith("image/"):
        raise ApiError.invalid("image_name", "a file name with an image extension")
    made = await mutate(gql, "StagedUploadsCreate", {"input": [{
        "resource": "IMAGE", "filename": filename, "mimeType": mime, "httpMethod": "PUT",
        "fileSize": str(len(data))}]})
    target = (made.get("stagedTargets") or [{}])[0]
    acl = [p["value"] for p in target.get("parameters") or [] if p["name"] == "acl"]
    headers = {"Content-Type": mime, **({"x-goog-acl": acl[0]} if acl else {})}
    http = gql.rest.http  # the storage's signed URL: sent without the shop's token
    response = await http.send(http.client.build_request("PUT", str(target.get("url")),
                                                         content=data, headers=headers))
    if response.status_code >= 300:
        raise platform_error(gql.rest.platform, f"the staged upload of {filename} was refused "
                             f"(HTTP {response.status_code}).")
    return str(target["resourceUrl"])


#: mediaUserErrors codes -> the record AnyCart names as not found.
MISSING = {"PRODUCT_DOES_NOT_EXIST": "Product", "MEDIA_DOES_NOT_EXIST": "Image",
           "MEDIA_DOES_NOT_EXIST_ON_PRODUCT": "Image"}


def missing(ids: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """:func:`.gql.mutate`'s ``missing`` of a media mutation: a product or image that does
    not exist is 112 naming it (``ids``: label -> id); any other refusal is 107."""
    return {code: (label, ids.get(label)) for code, label in MISSING.items()}


class Media(Resource):
    """A product's images as media (``names`` carries ``product_id``)."""

    async def add(self, client: Any, body: Any, names: Any = None, *,
                  idempotent: bool | None = None) -> Record:
        pid = (names or {})["product_id"]
        source = body.get("src") or await stage(client, body["attachment"], body["filename"])
        media = {"mediaContentType": "IMAGE", "originalSource": source}
        if body.get("alt") is not None:
            media["alt"] = body["alt"]
        made = await mutate(client, "ProductCreateMedia", {
            "productId": M.gid("Product", pid), "media": [media]}, missing=missing({"Product": pid}))
        node = (made.get("media") or [{}])[0]
        if body.get("position"):
            await mutate(client, "ProductReorderMedia", {
                "id": M.gid("Product", pid), "moves": [{
                    "id": node["id"], "newPosition": str(int(body["position"]) - 1)}]},
                missing=missing({"Product": pid}), idempotent=True)
        return {"id": M.legacy_id(node.get("id")),
                "src": (node.get("image") or {}).get("url") or source}

    async def delete(self, client: Any, ident: Any, names: Any = None) -> None:
        pid = (names or {})["product_id"]
        if not str(ident).isdecimal():
            raise ApiError.not_found(self.label, ident)
        await mutate(client, "ProductDeleteMedia", {
            "productId": M.gid("Product", pid), "mediaIds": [M.gid("MediaImage", ident)]},
            missing=missing({"Product": pid, "Image": ident}))


#: product.image.add/delete.
IMAGES = Uploads(Media("products/{product_id}/images", "image", label="Image",
                       parent="Product"), client="gql")
