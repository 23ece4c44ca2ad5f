"""Staged uploads: ``stagedUploadsCreate`` hands out a signed target, the file is sent there,
and its ``resourceUrl`` becomes a media's ``originalSource`` (``productCreateMedia``).

Shopify's targets are on Google Cloud Storage; the simulator's on the shop's own host
(``/staged-uploads/<key>``), so a test reaches them where it reaches the shop. A target takes
a ``PUT`` of the bytes, with the signature in its URL, the ``mimeType`` asked for as
``Content-Type`` and no more than ``fileSize``; refusals are Cloud Storage's XML ``<Error>``
(403 ``SignatureDoesNotMatch`` / ``AccessDenied``, 400). ``POST`` targets are handed out but
not taken (405).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.table import Record

from .sim_graphql_views import GqlCtx, View
from .sim_graphql_write import UserErrors, error

PATH = "/staged-uploads/"
#: Shopify takes images up to 20 MB; videos and 3D models must say their size.
MAX_IMAGE = 20 * 1024 * 1024
SIZED = frozenset({"VIDEO", "MODEL_3D"})
IMAGES = frozenset({"IMAGE", "PRODUCT_IMAGE", "COLLECTION_IMAGE", "SHOP_IMAGE"})


def _sign(g: GqlCtx, key: str) -> str:
    return hmac.new(g.shop.shared_secret.encode(), key.encode(), hashlib.sha256).hexdigest()


def _checked(i: int, given: Mapping[str, Any]) -> list[View]:
    at = ["input", str(i)]
    resource, mime, size = given["resource"], str(given["mimeType"]), given.get("fileSize")
    errors = []
    if resource in SIZED and size is None:
        errors.append(error([*at, "fileSize"], f"File size is required for {resource} "
                            "resources."))
    if resource in IMAGES and not mime.startswith("image/"):
        errors.append(error([*at, "mimeType"], f"Mime type {mime} is not supported for "
                            "images."))
    if resource in IMAGES and size is not None and int(size) > MAX_IMAGE:
        errors.append(error([*at, "fileSize"], "File size exceeds the maximum of 20 MB."))
    if not str(given["filename"]).strip():
        errors.append(error([*at, "filename"], "Filename can't be blank"))
    return errors


def create(g: GqlCtx, input: list[Mapping[str, Any]]) -> View:
    errors = [e for i, given in enumerate(input) for e in _checked(i, given)]
    if errors:
        raise UserErrors(*errors)
    store: dict[str, Record] = g.extra["api"].state(g.shop).staged
    base = f"https://{g.shop.domain}{PATH}"
    targets = []
    for given in input:
        # numbered, so a simulated shop's answers stay deterministic
        key = f"tmp/{g.shop.info.get('id', 0)}/products/{len(store) + 1}/{given['filename']}"
        signature, method = _sign(g, key), given.get("httpMethod") or "PUT"
        store[key] = {"mime": given["mimeType"], "size": given.get("fileSize"), "file": None,
                      "signature": signature}
        params = [("content_type", given["mimeType"]), ("acl", "private")] if method == "PUT" \
            else [("Content-Type", given["mimeType"]), ("success_action_status", "201"),
                  ("acl", "private"), ("key", key), ("x-goog-algorithm", "GOOG4-HMAC-SHA256"),
                  ("x-goog-signature", signature)]
        targets.append({"url": f"{base}{key}?X-Goog-Algorithm=GOOG4-HMAC-SHA256&"
                               f"X-Goog-Signature={signature}" if method == "PUT" else base,
                        "resourceUrl": base + key,
                        "parameters": [{"name": n, "value": v} for n, v in params]})
    return {"stagedTargets": targets}


def uploaded(g: GqlCtx, url: str) -> bool | None:
    """Whether the staged target at ``url`` holds its file (None: not a staged URL)."""
    base = f"https://{g.shop.domain}{PATH}"
    if not url.startswith(base):
        return None
    found = g.extra["api"].state(g.shop).staged.get(url[len(base):].split("?")[0])
    return bool(found and found["file"] is not None)


def _refused(status: int, code: str, message: str) -> Response:
    return Response(f"<?xml version='1.0' encoding='UTF-8'?><Error><Code>{code}</Code>"
                    f"<Message>{message}</Message></Error>", status, media_type="application/xml")


async def receive(staged: Mapping[str, Record] | None, request: Request) -> Response:
    """A file sent to a target (``staged``: the shop's targets, None for an unknown host)."""
    if request.method != "PUT":
        return _refused(405, "MethodNotAllowed", "The simulator takes PUT uploads only.")
    target = (staged or {}).get(request.path_params["key"])
    if target is None:
        return _refused(403, "AccessDenied", "Access denied.")
    if not hmac.compare_digest(request.query_params.get("X-Goog-Signature", ""),
                               target["signature"]):
        return _refused(403, "SignatureDoesNotMatch", "The request signature we calculated "
                        "does not match the signature you provided.")
    if request.headers.get("content-type", "").split(";")[0].strip() != target["mime"]:
        return _refused(400, "InvalidArgument", "Content-Type does not match the signed "
                        "upload's.")
    body = await request.body()
    if len(body) > (int(target["size"]) if target["size"] is not None else MAX_IMAGE):
        return _refused(400, "EntityTooLarge", "Your proposed upload is larger than the "
                        "maximum object size specified in your policy.")
    target["file"] = body
    return Response(b"", 200)
