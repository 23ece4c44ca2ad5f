"""Image files of a bridge cart: where they come from and where they are written.

AnyCart fetches an image itself (``url``, checked against SSRF like every URL a user gives)
or takes it from ``content`` (base64), and has the bridge write the bytes under the cart's
image folder. The bridge never fetches URLs: a merchant's server is not made a proxy.
"""

from __future__ import annotations

import base64
import binascii
import re
from pathlib import Path
from typing import Any, Protocol

from anycart.errors import ApiError

#: The most an image may weigh (the bridge enforces the same limit).
MAX_IMAGE_BYTES = 8 * 1024 * 1024
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


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
