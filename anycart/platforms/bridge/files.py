"""Image files of a bridge cart: where they come from and where they are written.

AnyCart fetches an image itself (``url``, checked against SSRF like every URL a user gives)
or takes it from ``content`` (base64), and has the bridge write the bytes under the cart's
image folder. The bridge never fetches URLs: a merchant's server is not made a proxy.
Before anything is written the bytes are decoded with Pillow (:func:`check_image`): a
corrupt or truncated file would crash the storefront's image resizer (PHP GD) on every page
that shows it.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import struct
import zlib
from pathlib import Path
from typing import Any, Protocol

from anycart.errors import ApiError

#: The most an image may weigh (the bridge enforces the same limit).
MAX_IMAGE_BYTES = 8 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
#: What the carts' image code (PHP GD) reads, as Pillow names the formats.
IMAGE_FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
#: Larger pictures are refused before decoding (decompression bombs); 40 MP is above any
#: product photo.
MAX_IMAGE_PIXELS = 40_000_000


class FileStore(Protocol):
    async def save(self, path: str, data: bytes) -> None:
        """Write ``data`` at ``path``, relative to the store root."""

    async def delete(self, path: str) -> None:
        """Remove the file at ``path`` (relative to the store root) if it is there."""


class LocalFiles:
    """A store root on this machine (tests of a driver without a bridge)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    async def save(self, path: str, data: bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    async def delete(self, path: str) -> None:
        (self.root / path).unlink(missing_ok=True)


def safe_file_name(name: str, default: str = "image.jpg") -> str:
    """A file name without folders or odd characters (``../x y.png`` -> ``x_y.png``)."""
    base = _SAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip("._")
    return base or default


def decode_content(params: dict[str, Any]) -> bytes | None:
    """The image in ``content`` (base64), or None when the call gave a URL instead."""
    content = params.get("content")
    if content in (None, ""):
        return None
    try:
        data = base64.b64decode(str(content), validate=True)
    except (binascii.Error, ValueError):
        raise ApiError.invalid("content", "base64-encoded file content") from None
    if len(data) > MAX_IMAGE_BYTES:
        raise ApiError.invalid("content", f"at most {MAX_IMAGE_BYTES // 1048576} MB")
    return data


def check_image(data: bytes, name: str) -> str:
    """The image's format, once Pillow has verified and fully decoded ``data``; 109 naming
    the parameter the bytes came from when they are no image, a truncated or corrupt one,
    too large, or in a format the carts do not read."""
    from PIL import Image

    expected = f"an image file ({', '.join(IMAGE_FORMATS)}) that decodes"
    try:
        with Image.open(io.BytesIO(data)) as probe:  # checks structure and chunk CRCs
            kind = str(probe.format)
            if probe.width * probe.height > MAX_IMAGE_PIXELS:
                raise ApiError.invalid(name, f"an image of at most {MAX_IMAGE_PIXELS:,} pixels")
            probe.verify()
        with Image.open(io.BytesIO(data)) as picture:  # verify() reads no pixel data
            picture.load()
    except (OSError, SyntaxError, ValueError, EOFError, IndexError, struct.error, zlib.error,
            Image.DecompressionBombError):  # what Pillow's decoders raise on a bad file
        raise ApiError.invalid(name, expected) from None
    if kind not in IMAGE_FORMATS:
        raise ApiError.invalid(name, expected)
    return kind
