"""Turn raw request input into typed parameters, or an API2Cart-worded error.

Query strings carry text, so values are parsed by the parameter's contract type. JSON bodies
are checked against the contract's body schema, recursively, with numbers accepted as numeric
strings as API2Cart accepts them. Every error names the parameter and what was expected.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from anycart.contract.catalogue import Operation, Param
from anycart.errors import ApiError, ReturnCode

# Parameters that page through lists: negative values make no sense.
_UNSIGNED = {"start", "count", "limit", "offset"}
_PAGING = frozenset({"start", "count"})
MAX_COUNT = 250
#: Most ids one list parameter (``product_ids=1,2,...``) may hold: each can cost the platform a
#: request, so a longer list is refused rather than fanned out (docs/return-codes.md).
MAX_IDS = 250
#: Largest integer any store can hold: a signed 64-bit column.
INT64_MAX = 2**63 - 1
#: AnyCart's own ids (webhooks, batch jobs) are INTEGER columns: 32 bits on PostgreSQL.
STORAGE_ID_MAX = 2**31 - 1
#: Deepest nesting of a JSON body: the contract's deepest body is a few levels; Python's
#: decoder would otherwise recurse until RecursionError.
MAX_JSON_DEPTH = 32
#: Longest text of a plain string parameter when the contract gives no ``maxLength``
#: (names, e-mails, ids, URLs); long-text fields (``LONG_TEXT``) are bounded by the body limit.
MAX_STRING = 4096
#: RFC 5321: an address longer than this cannot be delivered to.
MAX_EMAIL = 254
#: Longest id text (with its comma) counted for an id list's length limit.
_MAX_ID_TEXT = 64
#: Our own page cursors carry the filters (up to MAX_IDS ids): bounded by the URL, not here.
_UNBOUNDED = {"page_cursor"}
#: Fields that hold free text (HTML descriptions, comments, base64 image content): newlines
#: and tabs allowed, no length limit beyond the request body's.
LONG_TEXT = re.compile(r"description|content|html|comment|note|message|instructions|keywords")

_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}
_INT_RE = re.compile(r"^[+-]?\d+$", re.ASCII)
_ID_RE = re.compile(r"^\d+$", re.ASCII)
# C0 controls and DEL: never meaningful in a parameter, and they break outgoing URLs.
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_IN_TEXT_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

# Date filters (created_from, modified_to, ...) are strings in the contract but must be dates.
_DATE_PARAM_RE = re.compile(r"^(created|modified|updated|finished|processed|date|request)_(from|to|date)$"
                            r"|^date_(from|to|start|end)$")
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
    return ApiError.not_allowed(name, allowed)


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
    if abs(number) > INT64_MAX:
        raise ApiError.invalid(name, f"{expected} between {-INT64_MAX} and {INT64_MAX}")
    return number


def parse_id(name: str, value: Any, maximum: int = INT64_MAX) -> int:
    """A numeric id (``"42"`` or 42) as an int, or 109 naming the parameter, as API2Cart
    words it ("The required type of parameter is numeric character(s)")."""
    text = str(value).strip() if not isinstance(value, bool) else ""
    if not _ID_RE.match(text):
        raise ApiError.invalid(name, "numeric character(s)")
    number = int(text)
    if number > maximum:
        raise ApiError.invalid(name, f"numeric character(s) not greater than {maximum}")
    return number


def split_ids(name: str, value: Any) -> list[str]:
    """A list parameter (``1,2,3`` or a JSON array) as its items; 109 past :data:`MAX_IDS`."""
    if value in (None, ""):
        return []
    raw = value if isinstance(value, (list, tuple)) else str(value).split(",")
    items = [str(item).strip() for item in raw if str(item).strip()]
    if len(items) > MAX_IDS:
        raise too_many(name, MAX_IDS)
    return items


def parse_ids(name: str, value: Any, maximum: int = INT64_MAX) -> list[int]:
    """``1,2,3`` as ints: each one numeric and in range, at most :data:`MAX_IDS` of them."""
    return [parse_id(name, item, maximum) for item in split_ids(name, value)]


def too_many(name: str, limit: int) -> ApiError:
    return ApiError(ApiError.invalid(name).code,
                    f"Parameter '{name}' must not contain more than {limit} items.")


def is_id_list(name: str) -> bool:
    return name == "ids" or name.endswith("_ids")


def is_id(name: str) -> bool:
    return name == "id" or name.endswith("_id")


def check_text(name: str, value: str, max_length: int | None = None) -> str:
    """Refuse control characters and over-long values, naming the parameter."""
    leaf = name.rsplit("[", 1)[-1].rstrip("]")  # payload[0][email] -> email
    long_text = bool(LONG_TEXT.search(leaf))
    if (_CONTROL_IN_TEXT_RE if long_text else _CONTROL_RE).search(value):
        raise ApiError.invalid(name, "string without control characters")
    id_list = is_id_list(leaf)
    if (id_list or is_id(leaf)) and not value.isascii():
        # Every platform's ids are ASCII; and "²".isdigit() is True while int("²") fails,
        # so no connector's isdigit()-then-int() can be handed one.
        raise ApiError.invalid(name, "string of ASCII characters")
    limit = max_length or (None if long_text or name in _UNBOUNDED else
                           MAX_EMAIL if leaf.endswith("email") else
                           MAX_IDS * _MAX_ID_TEXT if id_list else MAX_STRING)
    if limit is not None and len(value) > limit:
        raise ApiError.invalid(name, f"string and length must be less than or equal to {limit}")
    if id_list:
        split_ids(name, value)
    return value


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
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        # A day inside datetime's range, so that any store's zone can convert it
        # (9999-12-31T23:59:59-1200 in UTC is past year 9999: OverflowError).
        if not _FIRST_MOMENT <= moment <= _LAST_MOMENT:
            raise ApiError.invalid(name, "a date between 0001-01-02 and 9999-12-30")
        return moment
    raise ApiError.invalid(name, "a date string in 'Y-m-d\\TH:i:sO' ISO_8601 format")


_FIRST_MOMENT = datetime(1, 1, 2, tzinfo=UTC)
_LAST_MOMENT = datetime(9999, 12, 30, 23, 59, 59, tzinfo=UTC)


def parse_date(name: str, value: str) -> str:
    """Accept the formats API2Cart accepts; keep the text (platforms re-parse it their way)."""
    parse_moment(name, value)
    return value.strip()


def _parse_query_value(param: Param, values: list[str]) -> Any:
    name = param.name
    if param.type == "array":
        items: list[str] = []
        for v in values:
            items.extend(check_text(name, part) for part in v.split(",") if part != "")
        if is_id_list(name) and len(items) > MAX_IDS:
            raise too_many(name, MAX_IDS)
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
    check_text(name, value)
    if value and _DATE_PARAM_RE.match(name):
        return parse_date(name, value)
    return value


def revalidate(op: Operation, name: str, value: Any) -> Any:
    """A typed value of ``op``'s query parameter ``name`` (say, replayed from a page cursor)
    checked again as if it had come in the query string; 109 for a name the method lacks."""
    param = op.param(name)
    if param is None:
        raise ApiError.invalid(name)
    if isinstance(value, list):
        text = [",".join(str(v) for v in value)]
    elif isinstance(value, bool):
        text = ["true" if value else "false"]
    else:
        text = [str(value)]
    return _parse_query_value(param, text)


#: Parameters the contract marks required that API2Cart requires only on the platforms that
#: need them: a product needs ``model`` only where the platform keys it by SKU, and the
#: drivers of those platforms require it themselves (OpenCart, PrestaShop, Shift4Shop).
#: A return needs only its order and lines everywhere (the FAQ; API2Cart answers a Bol
#: order.return.add with neither status, reason nor action 107, not 114:
#: a2c-recordings/Bol/order/return.add/error-already-returned); the carts keeping a reason
#: or action require it themselves (OpenCart's reason), the others refuse it (PrestaShop).
PLATFORM_REQUIRED: Mapping[str, frozenset[str]] = {
    "product.add": frozenset({"model"}),
    "order.return.add": frozenset({"return_status_id", "return_reason_id", "return_action_id",
                                   "order_product_reason_id", "order_product_action_id"})}


#: What the contract marks required on an update that only a create needs: an update
#: changes what it is given (the lines of a return, the kind of a booking) and keeps the rest.
CREATE_ONLY = frozenset({"order_products", "type"})


def _required(op: Operation, name: str) -> bool:
    """Whether the gateway requires ``name`` (a property at any depth) of ``op`` when the
    contract does (see :data:`PLATFORM_REQUIRED` and :data:`CREATE_ONLY`)."""
    if name in PLATFORM_REQUIRED.get(op.name, ()):
        return False
    return not (_is_update(op) and name in CREATE_ONLY)


def validate_query(op: Operation, query: Mapping[str, list[str]],
                   missing: list[str] | None = None) -> dict[str, Any]:
    """Typed values for the operation's query parameters, defaults filled in.

    ``query`` maps each name to all values sent for it (form style, explode=true).
    Names outside the contract are ignored, as API2Cart ignores them. As API2Cart, the
    values are checked first (empty, type, allowed values), then what is missing: the
    required names not given go to ``missing`` when one is passed (the caller checks a body
    too before answering 114), else the first is answered here.
    """
    out: dict[str, Any] = {}
    absent: list[str] = []
    for param in op.params:
        values = query.get(param.name)
        if not values:
            if param.required and _required(op, param.name):
                absent.append(param.name)
            elif param.default is not None:
                out[param.name] = param.default
            continue
        if values[-1] == "" and is_id(param.name) and not _filters(op):
            # The id naming what a method reads or writes is never empty (API2Cart:
            # order.info?order_id=, return.info?id=); a list's filters may be.
            raise ApiError.empty(param.name)
        out[param.name] = _parse_query_value(param, values)
    for name in _PAGING - {p.name for p in op.params}:
        # API2Cart checks paging values on every method, also one that does not page
        # (EtsyAPIv3/product/count/error-invalid-param: count=-1 is 109); then ignores them.
        if query.get(name):
            parse_int(name, query[name][-1], unsigned=True)
    if missing is None:
        _raise_missing(absent)
    else:
        missing.extend(absent)
    return out


def _filters(op: Operation) -> bool:
    """The method's id parameters filter what it lists or counts."""
    return op.is_list or op.name.endswith(".count")


def _raise_missing(missing: list[str]) -> None:
    if missing:
        raise ApiError.required(missing[0])


# --- JSON bodies --------------------------------------------------------------------------

def _path(parent: str, key: str | int) -> str:
    return f"{parent}[{key}]" if parent else str(key)


def _check(schema: dict[str, Any], value: Any, name: str, rules: _Rules) -> Any:
    """Validate ``value`` against ``schema``; return it with numeric strings coerced."""
    if value is None:
        return None
    kind = schema.get("type")
    if schema.get("enum") and value not in schema["enum"]:
        raise _enum_error(name, schema["enum"])
    if kind == "string":
        if isinstance(value, (bool, dict, list)):
            raise ApiError.invalid(name, "string")
        return check_text(name, value if isinstance(value, str) else str(value),
                          schema.get("maxLength"))
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
        kind_of_item = item_schema.get("type") or ("object" if "properties" in item_schema else None)
        for i, item in enumerate(value):
            # A null property means "not sent"; a null list item means nothing a connector reads.
            if item is None and kind_of_item:
                raise ApiError.invalid(_path(name, i), _TYPE_WORDS.get(kind_of_item, kind_of_item))
        return [_check(item_schema, item, _path(name, i), rules) for i, item in enumerate(value)]
    if kind == "object" or "properties" in schema:
        if not isinstance(value, dict):
            raise ApiError.invalid(name, "object")
        return _check_object(schema, value, name, rules)
    return value  # untyped (oneOf etc.): accepted as sent


@dataclass(frozen=True)
class _Rules:
    """What a body check needs besides the schema: the operation (whose required names
    :func:`_required` relaxes) and where missing names are collected, so that every value
    is checked before a missing one is answered (API2Cart's order)."""

    op: Operation
    missing: list[str]


#: Members of a list item that are the item itself (a tracking number entry is its number;
#: the carrier only qualifies it): empty, the item is a value error, in API2Cart's words
#: (Walmart/order/shipment.add/error-empty-tracking-number), checked before any lookup.
_ITEM_ITSELF = {"tracking_number": "Tracking number can not be empty."}


def _check_object(schema: dict[str, Any], value: dict[str, Any], parent: str,
                  rules: _Rules) -> dict[str, Any]:
    props: dict[str, Any] = schema.get("properties") or {}
    # Missing parameters are reported in the order the contract lists its properties.
    required = sorted((k for k in schema.get("required") or [] if _required(rules.op, k)),
                      key=lambda k: list(props).index(k) if k in props else 0)
    for key in required:
        if value.get(key) in ("", []):
            raise ApiError.empty(_path(parent, key))  # a value check: before anything missing
    if parent.endswith("]"):  # an item of a list
        for key, message in _ITEM_ITSELF.items():
            if value.get(key) == "":
                raise ApiError(ReturnCode.INCORRECT_VALUE, message)
    out: dict[str, Any] = {}
    for key, item in value.items():
        sub = props.get(key)
        out[key] = _check(sub, item, _path(parent, key), rules) if sub else item
    rules.missing.extend(_path(parent, key) for key in required if value.get(key) is None)
    for key, sub in props.items():
        if key not in out and "default" in sub and not parent:
            out[key] = sub["default"]
    return out


def _is_update(op: Operation) -> bool:
    return ".update" in op.name and not op.name.endswith(".batch")


def decode_json(body: bytes) -> Any:
    """The decoded body, or 100 when it is not JSON or nests deeper than
    :data:`MAX_JSON_DEPTH` (checked without recursion, so depth cannot crash it)."""
    try:
        decoded = json.loads(body)
    except RecursionError:
        decoded = _TOO_DEEP
    except (ValueError, UnicodeDecodeError):
        raise ApiError(ReturnCode.INCORRECT_REQUEST,
                       "Incorrect API request: the body is not valid JSON.") from None
    if decoded is _TOO_DEEP or _depth(decoded) > MAX_JSON_DEPTH:
        raise ApiError(ReturnCode.INCORRECT_REQUEST, "Incorrect API request: the JSON body is "
                       f"nested deeper than {MAX_JSON_DEPTH} levels.")
    return decoded


_TOO_DEEP = object()


def _depth(value: Any) -> int:
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (dict, list)):
            deepest = max(deepest, level)
            if level > MAX_JSON_DEPTH:
                break
            stack.extend((child, level + 1) for child in
                         (node.values() if isinstance(node, dict) else node))
    return deepest


#: What a reference parameter names, for API2Cart's "Category with category_id test not
#: found". The contract types these ids as strings, so a non-numeric one passes the value
#: checks and is a lookup that finds nothing (112), as API2Cart answers it; one that is a
#: number past the platform's range stays a value error (109).
_LOOKED_UP = {
    "category_id": "Category", "categories_ids": "Category", "product_id": "Product",
    "product_ids": "Product", "related_products_ids": "Product",
    "up_sell_products_ids": "Product", "cross_sell_products_ids": "Product",
    "customer_id": "Customer", "manufacturer_id": "Manufacturer", "image_id": "Image",
    "product_images_ids": "Image", "option_id": "Option", "product_option_id": "Option",
    "option_value_id": "Option value", "variant_ids": "Variant", "group_id": "Customer group",
    "group_ids": "Customer group",
}


def check_numeric_ids(params: Mapping[str, Any], names: frozenset[str],
                      maximum: int = INT64_MAX, entity: str = "Entity") -> None:
    """The one place a platform's numeric ids are checked, in the order sent (the first bad
    one is named): 112 for a reference that cannot name anything here (not digits), 109 for
    a number out of range. ``entity`` is what a ``parent_id`` names (the method's own)."""
    for name, value in params.items():
        if name not in names or value in (None, "", []):
            continue
        if is_id_list(name):
            items: list[Any] = split_ids(name, value)
        else:
            items = [value.strip() if isinstance(value, str) else value]
        looked_up = _LOOKED_UP.get(name, entity if name == "parent_id" else None)
        for item in items:
            if (looked_up and isinstance(item, str) and item.isascii()
                    and not _ID_RE.match(item)):
                raise ApiError(ReturnCode.NOT_FOUND, f"{looked_up} with {name} {item} not found")
            parse_id(name, item, maximum)


def validate_body(op: Operation, body: Any, missing: list[str] | None = None) -> dict[str, Any]:
    """Typed body of a POST/PUT operation; ``body`` is the decoded JSON (or None if absent).

    Values first, then what is missing (see :func:`validate_query` for ``missing``)."""
    schema = op.body or {}
    if body is None:
        body = {}
    if not body and op.name.endswith(".batch"):
        raise ApiError(ApiError.empty("payload").code,
                       "Invalid request: 'raw_body' is either empty or not provided.")
    if not isinstance(body, dict):
        raise ApiError.invalid("body", "JSON object")
    rules = _Rules(op, missing if missing is not None else [])
    out = _check_object(schema, body, "", rules)
    if missing is None:
        _raise_missing(rules.missing)
    return out
