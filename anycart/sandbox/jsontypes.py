"""Request bodies checked against the JSON types of a record template, as JSON-schema-typed
REST servers check them (WordPress's ``rest_validate_value_from_schema``, OpenAPI request
validators): a template's default value gives each member's type (``""`` string, ``0``
integer, ``0.0`` number, ``False`` boolean, ``[]`` array, ``{}`` object; ``None``: a nullable
member, typed by the caller).

    mistyped(body, TEMPLATE)       # None, or ("billing[email]", "string")
    record[name] = sanitized(body[name], TEMPLATE[name])

Numeric strings pass for numbers and ``"true"``/``"1"``-style values for booleans (schema
servers sanitize them), never numbers for strings; a nested object is checked member by
member (``billing[email]``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean", list: "array",
          dict: "object"}
_FLAGS = (True, False, 0, 1, "true", "false", "0", "1")


def json_type(default: Any) -> str | None:
    """The JSON schema type a template default stands for (None: any)."""
    return _TYPES.get(type(default))


def _numeric(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return not isinstance(value, bool)


def fits(value: Any, want: str) -> bool:
    if want == "string":
        return isinstance(value, str)
    if want == "boolean":
        return isinstance(value, bool) or any(value == f and type(value) is type(f)
                                              for f in _FLAGS)
    if want == "integer":
        return _numeric(value) and float(value).is_integer()
    if want == "number":
        return _numeric(value)
    return isinstance(value, list if want == "array" else dict)


def mistyped(body: Mapping[str, Any], template: Mapping[str, Any], prefix: str = "",
             nullable: Callable[[str], str | None] = lambda name: None
             ) -> tuple[str, str] | None:
    """The first member of ``body`` whose value does not fit the template's type, as
    ``(name, expected type)``; unknown members and nulls are not checked. A member whose
    default is None has the type ``nullable(name)`` gives (None: any)."""
    for name, value in body.items():
        default = template.get(name)
        want = None if name not in template else json_type(default) if default is not None \
            else nullable(name)
        if want is None or value is None:
            continue
        label = f"{prefix}[{name}]" if prefix else name
        if not fits(value, want):
            return label, want
        if want == "object" and template[name]:
            inner = mistyped(value, template[name], label, nullable)
            if inner is not None:
                return inner
    return None


def sanitized(value: Any, default: Any) -> Any:
    """``value`` (already :func:`fits`) converted to the default's type."""
    if isinstance(default, bool):
        return str(value).lower() in ("1", "true")
    if isinstance(default, int):
        return int(float(value))
    if isinstance(default, float):
        return float(value)
    return value
