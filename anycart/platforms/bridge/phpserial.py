"""PHP's ``serialize()`` format, in which WordPress stores arrays in options and meta
(``wp_user_roles``, ``wp_capabilities``, ``_product_attributes``,
``_wc_shipment_tracking_items``), through the ``phpserialize`` library. Strings are counted in
UTF-8 bytes, as PHP counts them; objects are refused (WordPress does not unserialize them
from meta either)."""

from __future__ import annotations

import io
from typing import Any

import phpserialize


def dumps(value: Any) -> str:
    return str(phpserialize.dumps(value).decode("utf-8"))


def loads(text: str | None) -> Any:
    """``maybe_unserialize``: the value of a serialized string, any other string as is."""
    if text is None:
        return None
    raw = text.encode("utf-8")
    stream = io.BytesIO(raw)
    try:
        value = phpserialize.load(stream, decode_strings=True)
    except ValueError:
        return text
    return value if stream.tell() == len(raw) else text
