"""``bridge.zip`` for one store: ``bridge2cart/`` with bridge.php, the store's keys and a guard.

The keys go into ``config.php`` as PHP constants; the file refuses to run unless bridge.php
includes it, so a browser asking for it gets nothing.
"""

from __future__ import annotations

import io
import zipfile
from importlib import resources
from typing import Any

BRIDGE_VERSION = "1.0.0"
_FOLDER = "bridge2cart"
_GUARD = "<?php\nhttp_response_code(404);\n"


def bridge_code(whitelabel: bool = False) -> str:
    code = resources.files("anycart.platforms.bridge").joinpath("php/bridge.php").read_text()
    return code.replace("'AnyCart bridge '", "'Connection bridge '") if whitelabel else code


def _php_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def config_php(credentials: dict[str, Any]) -> str:
    store_root = credentials.get("store_root") or ""
    return (
        "<?php\n"
        "// The keys of one AnyCart store. Keep this file private: it is the store's access.\n"
        "if (!defined('ANYCART_BRIDGE')) { http_response_code(404); exit; }\n"
        f"define('ANYCART_STORE_SECRET', {_php_string(credentials['bridge_secret'])});\n"
        f"define('ANYCART_STORE_ROOT', {_php_string(store_root)});\n"
        "define('ANYCART_PRIVATE_KEY', <<<'PEM'\n"
        f"{credentials['bridge_private_key'].strip()}\n"
        "PEM\n);\n")


def bridge_files(credentials: dict[str, Any], whitelabel: bool = False) -> dict[str, str]:
    """The files of ``bridge2cart/``, by name."""
    return {"bridge.php": bridge_code(whitelabel), "config.php": config_php(credentials),
            "index.php": _GUARD}


def bridge_zip(credentials: dict[str, Any], whitelabel: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in bridge_files(credentials, whitelabel).items():
            archive.writestr(f"{_FOLDER}/{name}", text)
    return buffer.getvalue()
