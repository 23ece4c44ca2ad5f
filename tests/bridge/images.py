"""Small real image files for bridge tests (product.image.add decodes what it is given)."""

from __future__ import annotations

import base64
import io

from PIL import Image


def png_bytes(size: tuple[int, int] = (8, 8), color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


PNG_BYTES = png_bytes()
PNG = b64(PNG_BYTES)
#: A PNG cut short: its header and size read, its pixels do not.
TRUNCATED_PNG = b64(png_bytes((64, 64))[:60])
#: A PNG whose image data was overwritten (chunk CRC no longer matches).
CORRUPT_PNG = b64(PNG_BYTES[:40] + b"\x00" * 20 + PNG_BYTES[60:])
