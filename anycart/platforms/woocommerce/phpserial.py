"""PHP's ``serialize()`` format, the little of it WordPress options and meta use.

WordPress stores arrays in options and meta serialized (``wp_user_roles``,
``wp_capabilities``, ``_product_attributes``, ``_wc_shipment_tracking_items``). Strings are
counted in UTF-8 bytes, as PHP counts them. Objects are not supported (WordPress refuses to
unserialize them from meta anyway).
"""

from __future__ import annotations

from typing import Any


class PhpSerialError(ValueError):
    pass


def dumps(value: Any) -> str:
    return _dump(value).decode("utf-8")


def _dump(value: Any) -> bytes:
    if value is None:
        return b"N;"
    if isinstance(value, bool):
        return b"b:1;" if value else b"b:0;"
    if isinstance(value, int):
        return b"i:%d;" % value
    if isinstance(value, float):
        return b"d:" + repr(value).encode() + b";"
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return b's:%d:"' % len(raw) + raw + b'";'
    if isinstance(value, (list, tuple)):
        value = dict(enumerate(value))
    if isinstance(value, dict):
        body = b"".join(_dump(_key(k)) + _dump(v) for k, v in value.items())
        return b"a:%d:{" % len(value) + body + b"}"
    raise PhpSerialError(f"cannot serialize {type(value).__name__}")


def _key(key: Any) -> int | str:
    """PHP turns numeric-string keys into ints."""
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    text = str(key)
    return int(text) if text.isdecimal() and (text == "0" or not text.startswith("0")) else text


def loads(text: str | bytes | None) -> Any:
    """The value of a serialized string; a string that is not serialized is answered as is
    (``maybe_unserialize`` does the same)."""
    if text is None:
        return None
    raw = text.encode("utf-8") if isinstance(text, str) else text
    try:
        value, end = _load(raw, 0)
    except (IndexError, ValueError) as exc:
        if isinstance(text, str):
            return text
        raise PhpSerialError(str(exc)) from None
    if end != len(raw):
        return text if isinstance(text, str) else raw.decode("utf-8", "replace")
    return value


def _until(raw: bytes, pos: int, stop: bytes) -> tuple[bytes, int]:
    end = raw.index(stop, pos)
    return raw[pos:end], end + 1


def _load(raw: bytes, pos: int) -> tuple[Any, int]:
    kind = raw[pos:pos + 2]
    if kind == b"N;":
        return None, pos + 2
    if kind == b"b:":
        digits, pos = _until(raw, pos + 2, b";")
        return digits == b"1", pos
    if kind == b"i:":
        digits, pos = _until(raw, pos + 2, b";")
        return int(digits), pos
    if kind == b"d:":
        digits, pos = _until(raw, pos + 2, b";")
        return float(digits), pos
    if kind == b"s:":
        size, pos = _until(raw, pos + 2, b":")
        length = int(size)
        if raw[pos:pos + 1] != b'"' or raw[pos + 1 + length:pos + 3 + length] != b'";':
            raise PhpSerialError("bad string")
        return raw[pos + 1:pos + 1 + length].decode("utf-8"), pos + 3 + length
    if kind == b"a:":
        size, pos = _until(raw, pos + 2, b":")
        if raw[pos:pos + 1] != b"{":
            raise PhpSerialError("bad array")
        pos += 1
        out: dict[Any, Any] = {}
        for _ in range(int(size)):
            key, pos = _load(raw, pos)
            out[key], pos = _load(raw, pos)
        if raw[pos:pos + 1] != b"}":
            raise PhpSerialError("bad array end")
        return out, pos + 1
    raise PhpSerialError(f"unsupported type at {pos}")
