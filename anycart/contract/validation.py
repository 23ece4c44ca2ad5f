"""Turn raw request input into typed parameters, or an API2Cart-worded error.

Query strings carry text, so values are parsed by the parameter's contract type. JSON bodies
are checked against the contract's body schema, recursively, with numbers accepted as numeric
strings as API2Cart accepts them. Every error names the parameter and what was expected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from anycart.contract.catalogue import Operation, Param
from anycart.errors import ApiError

# Parameters that page through lists: negative values make no sense.
_UNSIGNED = {"start", "count", "limit", "offset"}
MAX_COUNT = 250

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}
_INT_RE = re.compile(r"^[+-]?\d+$")

# Date filters (created_from, modified_to, ...) are strings in the contract but must be dates.
_DATE_PARAM_RE = re.compile(r"^(created|modified|updated|finished|processed|date|request)_(from|to|date)$|^date_(from|to|start|end)$")
_DATE_FORMATS = ("%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d")

_TYPE_WORDS = {
    "integer": "integer",
    "number": "decimal",
    "boolean": "boolean",
    "string": "string",
    "array": "array",
    "object": "object",
}


def _enum_error(name: str, allowed: tuple[Any, ...] | list[Any]) -> ApiError:
    values = ", ".join(str(v) for v in allowed)
    return ApiError.invalid(name, f"string. The following values are allowed: {values}")


def parse_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        low = value.strip().lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
    raise ApiError.invalid(name, "boolean")


def parse_int(name: str, value: Any, unsigned: bool = False) -> int:
    expected = "unsigned integer" if unsigned else "integer"
    if isinstance(value, bool):
        raise ApiError.invalid(name, expected)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str) and _INT_RE.match(value.strip()):
        number = int(value.strip())
    else:
        raise ApiError.invalid(name, expected)
    if unsigned and number < 0:
        raise ApiError.invalid(name, expected)
    # Beyond 64 bits nothing downstream can store it.
    if abs(number) > 2**63 - 1:
        raise ApiError.invalid(name, expected)
    return number


def parse_number(name: str, value: Any) -> float:
    if isinstance(value, bool):
        raise ApiError.invalid(name, "decimal")
    try:
        number = float(value.strip()) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise ApiError.invalid(name, "decimal") from None
    if not math.isfinite(number):
        raise ApiError.invalid(name, "decimal")
    return number


def parse_moment(name: str, value: str) -> datetime:
    """A date parameter as an aware datetime (UTC when the text has no offset)."""
    text = str(value).strip()
    for fmt in _DATE_FORMATS:
        try:
            moment = datetime.strptime(text.replace("Z", "+0000"), fmt)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    raise ApiError.invalid(name, "a date string in 'Y-m-d\\TH:i:sO' ISO_8601 format")


def parse_date(name: str, value: str) -> str:
    """Accept the formats API2Cart accepts; keep the text (platforms re-parse it their way)."""
    parse_moment(name, value)
    return value.strip()


def _parse_query_value(param: Param, values: list[str]) -> Any:
    name = param.name
    if param.type == "array":
        items: list[str] = []
        for v in values:
            items.extend(part for part in v.split(",") if part != "")
        return items
    value = values[-1]
    if param.type == "integer":
        if value == "":
            raise ApiError.empty(name)
        number = parse_int(name, value, unsigned=name in _UNSIGNED)
        if name == "count" and number > MAX_COUNT:
            raise ApiError.invalid(name, f"unsigned integer not greater than {MAX_COUNT}")
        return number
    if param.type == "number":
        if value == "":
            raise ApiError.empty(name)
        return parse_number(name, value)
    if param.type == "boolean":
        return parse_bool(name, value)
    if param.enum and value not in param.enum:
        raise _enum_error(name, param.enum)
    if value == "" and param.required:
        raise ApiError.empty(name)
    if value and _DATE_PARAM_RE.match(name):
        return parse_date(name, value)
    return value


def validate_query(op: Operation, query: Mapping[str, list[str]]) -> dict[str, Any]:
    """Typed values for the operation's query parameters, defaults filled in.

    ``query`` maps each name to all values sent for it (form style, explode=true).
    Names outside the contract are ignored, as API2Cart ignores them.
    """
    out: dict[str, Any] = {}
    for param in op.params:
        values = query.get(param.name)
        if not values:
            if param.required:
                raise ApiError.required(param.name)
            if param.default is not None:
                out[param.name] = param.default
            continue
        out[param.name] = _parse_query_value(param, values)
    return out


# --- JSON bodies --------------------------------------------------------------------------

def _path(parent: str, key: str | int) -> str:
    return f"{parent}[{key}]" if parent else str(key)


def _check(schema: dict[str, Any], value: Any, name: str) -> Any:
    """Validate ``value`` against ``schema``; return it with numeric strings coerced."""
    if value is None:
        return None
    kind = schema.get("type")
    if schema.get("enum") and value not in schema["enum"]:
        raise _enum_error(name, schema["enum"])
    if kind == "string":
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            raise ApiError.invalid(name, "string")
        return value if isinstance(value, str) else str(value)
    if kind == "integer":
        if value == "":
            raise ApiError.empty(name)
        return parse_int(name, value)
    if kind == "number":
        if value == "":
            raise ApiError.empty(name)
        return parse_number(name, value)
    if kind == "boolean":
        return parse_bool(name, value)
    if kind == "array":
        if not isinstance(value, list):
            raise ApiError.invalid(name, "array")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            raise ApiError(ApiError.invalid(name).code,
                           f"Parameter '{name}' must not contain more than {schema['maxItems']} items.")
        if "minItems" in schema and len(value) < schema["minItems"]:
            raise ApiError(ApiError.invalid(name).code,
                           f"Parameter '{name}' must contain at least {schema['minItems']} items.")
        item_schema = schema.get("items") or {}
        return [_check(item_schema, item, _path(name, i)) for i, item in enumerate(value)]
    if kind == "object" or "properties" in schema:
        if not isinstance(value, dict):
            raise ApiError.invalid(name, "object")
        return _check_object(schema, value, name)
    return value  # untyped (oneOf etc.): accepted as sent


def _check_object(schema: dict[str, Any], value: dict[str, Any], parent: str) -> dict[str, Any]:
    props: dict[str, Any] = schema.get("properties") or {}
    required = schema.get("required") or []
    # Report missing parameters in the order the contract lists its properties.
    for key in sorted(required, key=lambda k: list(props).index(k) if k in props else 0):
        present = value.get(key)
        if present is None:
            raise ApiError.required(_path(parent, key))
        if present == "" or present == []:
            raise ApiError.empty(_path(parent, key))
    out: dict[str, Any] = {}
    for key, item in value.items():
        sub = props.get(key)
        out[key] = _check(sub, item, _path(parent, key)) if sub else item
    for key, sub in props.items():
        if key not in out and "default" in sub and not parent:
            out[key] = sub["default"]
    return out


def validate_body(op: Operation, body: Any) -> dict[str, Any]:
    """Typed body of a POST/PUT operation; ``body`` is the decoded JSON (or None if absent)."""
    schema = op.body or {}
    if body is None:
        body = {}
    if not body and op.name.endswith(".batch"):
        raise ApiError(ApiError.empty("payload").code,
                       "Invalid request: 'raw_body' is either empty or not provided.")
    if not isinstance(body, dict):
        raise ApiError.invalid("body", "JSON object")
    return _check_object(schema, body, "")
