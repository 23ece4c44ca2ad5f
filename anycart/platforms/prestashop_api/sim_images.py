"""``WebserviceSpecificManagementImages`` for products (``/api/images/products/<id>[/<image>]``):
the image list of a product, each image's JPEG, an upload (``POST``, multipart field
``image``) and a deletion. An upload answers the new ``Image`` (id, product, position, cover)
and its content in base64, as ``renderEntity`` plus the ``content`` field render them.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import io
from typing import Any

from lxml import etree
from PIL import Image, UnidentifiedImageError
from starlette.requests import Request
from starlette.responses import Response

from . import sim_output as O
from .sim_model import RULES, Resource, WsError
from .sim_store import PrestashopShop

#: The ``Image`` an upload answers (``renderEntity`` of its fields).
_IMAGE = Resource("images", "image", "Image", "image", "The images", RULES.parse_all({
    "id_product": "int xlink=products", "position": "int", "cover": "bool", "legend": "lang"}))


def _file(body: bytes, content_type: str) -> bytes | None:
    """The ``image`` part of a multipart/form-data body (the stdlib's MIME parser)."""
    if not content_type.startswith("multipart/form-data"):
        return None
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + body)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "image":
            payload = part.get_payload(decode=True)
            return payload if isinstance(payload, bytes) else None
    return None


async def serve(store: PrestashopShop, request: Request, out: O.Out) -> Response:
    """``images/products/{product}[/{image}]`` (what follows the image's segment is
    ignored)."""
    products = store.tables["products"]
    given = request.path_params["product"]
    pid = int(given) if given.isdecimal() else 0
    if pid not in products:
        raise WsError("image_product", id=given)
    product = products[pid]
    images = product.setdefault("associations", {}).setdefault("images", [])
    ids = [i["id"] for i in images]
    one = request.path_params.get("image", "").split("/")[0] or None
    if request.method == "POST" and one is None:
        return _upload(store, pid, images, await request.body(),
                       request.headers.get("content-type", ""), out)
    if one is not None and one not in ids:
        raise WsError("image_unknown")
    if request.method == "DELETE" and one is not None:
        images[:] = [i for i in images if i["id"] != one]
        store.images.pop(int(one), None)
        products.changed()
        return Response(status_code=200)
    if request.method not in ("GET", "HEAD"):
        raise WsError("image_method", method=request.method)
    if one is not None:
        return Response(store.images.get(int(one), b""), media_type="image/jpeg")
    root = O.envelope()
    node = etree.SubElement(root, "image", id=str(pid))
    for iid in ids:
        etree.SubElement(node, "declination", {
            "id": iid, O.HREF: f"{out.base}images/products/{pid}/{iid}"})
    return O.xml_response(root)


def _upload(store: PrestashopShop, pid: int, images: list[dict[str, str]], body: bytes,
            content_type: str, out: O.Out) -> Response:
    data = _file(body, content_type)
    if not data:
        raise WsError("image_missing")
    try:
        picture = Image.open(io.BytesIO(data))
        picture.verify()
    except (UnidentifiedImageError, OSError):
        raise WsError("image_format") from None
    if picture.format not in ("JPEG", "PNG", "GIF", "WEBP"):
        raise WsError("image_format")
    iid = max([0, *store.images]) + 1
    store.images[iid] = data
    images.append({"id": str(iid)})
    store.tables["products"].changed()
    root = O.envelope()
    values: dict[str, Any] = {"id_product": str(pid), "position": str(len(images)),
                              "cover": "1" if len(images) == 1 else "", "legend": {}}
    O.xml_entity(root, O.Entity(_IMAGE, iid, values, {}), "full", out)
    content = etree.SubElement(root, "content", encode="base64")
    O.cdata(content, base64.b64encode(data).decode())
    return O.xml_response(root)
