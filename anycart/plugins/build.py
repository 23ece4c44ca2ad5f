"""``anycart plugin build``: the options checked, the templates rendered, the zips written."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from anycart.connect.errors import PluginError

from .layouts import CARTS, Files

PLUGIN_VERSION = "1.0.0"
_LOGO_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".svg"}
#: A value goes into PHP comments, plugin headers, XML and HTML: one line, no comment end.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]|\*/|<\?|\?>")


@dataclass
class BuildOptions:
    cart: str
    name: str
    company: str
    description: str
    callback_url: str
    public_key: str | None  # PEM; None builds a plugin that sends plain JSON
    logo: Path | None = None
    #: A logo given as bytes (the HTTP API): its file suffix and content, from :func:`logo_of`.
    logo_data: tuple[str, bytes] | None = None


def logo_of(data: bytes) -> tuple[str, bytes]:
    """A logo sent as bytes, checked as an image by Pillow (a full load, not the name): its
    suffix and the bytes. PNG, JPEG or GIF; SVG only from a file (``--logo``)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        kind = None
    suffix = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif"}.get(kind or "")
    if suffix is None:
        raise PluginError("logo must be a PNG, JPEG or GIF image (base64)")
    return suffix, data


def slug_of(name: str) -> str:
    """Module, plugin and extension code: lowercase letters, digits, underscores, starting
    with a letter (what PrestaShop module names and OpenCart codes allow)."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug or not slug[0].isalpha():
        raise PluginError(f"--name '{name}' must start with a letter")
    return slug[:48]


def _check(options: BuildOptions) -> None:
    if options.cart not in CARTS:
        raise PluginError(f"--cart must be one of {', '.join(CARTS)}")
    for field in ("name", "company", "description"):
        value = getattr(options, field)
        if not value.strip() or len(value) > 500 or _UNSAFE.search(value):
            raise PluginError(f"--{field} must be one line of text (at most 500 characters, "
                              "no '*/', '<?' or '?>')")
    url = urlsplit(options.callback_url)
    if url.scheme not in ("http", "https") or not url.hostname or _UNSAFE.search(
            options.callback_url) or "'" in options.callback_url:
        raise PluginError(f"--callback '{options.callback_url}' is not an http(s) URL")
    if options.logo is not None and (options.logo.suffix.lower() not in _LOGO_TYPES
                                     or not options.logo.is_file()):
        raise PluginError(f"--logo {options.logo} must be a {'/'.join(sorted(_LOGO_TYPES))} file")


def template_values(options: BuildOptions) -> dict[str, Any]:
    slug = slug_of(options.name)
    camel = "".join(part[:1].upper() + part[1:] for part in slug.split("_"))
    logo = options.logo_data or ((options.logo.suffix.lower(), options.logo.read_bytes())
                                 if options.logo else None)
    return {"name": options.name, "company": options.company,
            "description": options.description, "callback_url": options.callback_url,
            "public_key": options.public_key or "", "cart_id": CARTS[options.cart][0],
            "slug": slug, "camel": camel, "ident": slug, "php_class": f"{camel}Connector",
            "module_class": camel, "version": PLUGIN_VERSION,
            "logo": f"logo{logo[0]}" if logo else "",
            "logo_bytes": logo[1] if logo else b""}


def zip_bytes(files: Files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def packages(options: BuildOptions) -> dict[str, bytes]:
    """The cart's package(s): relative path -> zip bytes."""
    _check(options)
    values = template_values(options)
    return {name.format(slug=values["slug"]): zip_bytes(layout(values))
            for name, layout in CARTS[options.cart][1]}


def build(options: BuildOptions, out: Path) -> list[Path]:
    """Write the cart's package(s) into ``out``; answer their paths."""
    built = packages(options)
    written = []
    for name, content in built.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
