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


def fits(value: Any, want: str, strict: bool = False) -> bool:
    """Whether ``value`` passes for ``want``. ``strict``: only JSON's own types, as Play JSON
    and Jackson read them (any number for a number, an integral one, ``7.0`` too, for an
    integer; no numeric texts, no ``"true"``)."""
    if strict:
        got = _TYPES.get(type(value))
        return got == want or (want == "number" and got == "integer") or (
            want == "integer" and got == "number" and float(value).is_integer())
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


def _bracketed(prefix: str, name: str) -> str:
    return f"{prefix}[{name}]" if prefix else name


def problems(body: Mapping[str, Any], template: Mapping[str, Any], prefix: str = "", *,
             required: tuple[str, ...] = (), choices: Mapping[str, Any] | None = None,
             items: Mapping[str, str] | None = None, strict: bool = False,
             nested: bool = True, joined: Callable[[str, str], str] = _bracketed,
             nullable: Callable[[str], str | None] = lambda name: None) -> dict[str, str]:
    """Every member's problem, by its label (``joined(prefix, name)``: ``billing[email]``;
    items ``tags[2]``): ``missing`` (a ``required`` one null or blank), the JSON type it
    should have, ``enum`` (not one of its ``choices``), or the type a list's ``items``
    should have. Unknown members and nulls are not type-checked; an object member is
    checked member by member when ``nested``. A member whose default is None has the type
    ``nullable(name)`` gives (None: any)."""
    out = {joined(prefix, name): "missing" for name in required
           if body.get(name) in (None, "")}
    for name, value in body.items():
        default = template.get(name)
        want = None if name not in template else json_type(default) if default is not None \
            else nullable(name)
        label = joined(prefix, name)
        if want is not None and value is not None and not fits(value, want, strict):
            out[label] = want
        elif choices and name in choices and value not in choices[name]:
            out[label] = "enum"
        elif items and name in items and isinstance(value, list):
            out.update({f"{label}[{n}]": items[name] for n, item in enumerate(value)
                        if not fits(item, items[name], strict)})
        elif nested and want == "object" and template[name] and isinstance(value, dict):
            out.update(problems(value, template[name], label, strict=strict, joined=joined,
                                nullable=nullable))
    return out


def mistyped(body: Mapping[str, Any], template: Mapping[str, Any], prefix: str = "",
             nullable: Callable[[str], str | None] = lambda name: None
             ) -> tuple[str, str] | None:
    """The first member of ``body`` whose value does not fit the template's type, as
    ``(name, expected type)`` (:func:`problems`' first)."""
    return next(iter(problems(body, template, prefix, nullable=nullable).items()), None)


def sanitized(value: Any, default: Any) -> Any:
    """``value`` (already :func:`fits`) converted to the default's type."""
    if isinstance(default, bool):
        return str(value).lower() in ("1", "true")
    if isinstance(default, int):
        return int(float(value))
    if isinstance(default, float):
        return float(value)
    return value


def written(record: dict[str, Any], body: Mapping[str, Any], template: Mapping[str, Any],
            read_only: tuple[str, ...] = ("id",), *, nulls: bool = True,
            known_members: bool = False) -> None:
    """A checked body's fields the template knows into ``record``, each typed as the
    template's (:func:`sanitized`); an object merged into the record's member by member
    (``known_members``: only the members the template's object declares, each typed); a
    ``read_only`` field kept, and a null too unless ``nulls`` (WordPress leaves a field a
    null is sent for)."""
    for name, value in body.items():
        if name not in template or name in read_only or (value is None and not nulls):
            continue
        default, current = template[name], record.get(name)
        if isinstance(value, dict) and isinstance(current, dict) and (
                default or not known_members):
            record[name] = {**current, **({k: sanitized(v, default.get(k, v)) for k, v in
                                           value.items() if k in default}
                                          if known_members else value)}
        else:
            record[name] = None if value is None else sanitized(value, default)
