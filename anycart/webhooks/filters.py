"""``filtering_conditions`` of a webhook: which events of its entity/action it wants.

A condition is ``{"field": "status.id", "operator": "eq", "value": "2"}``; conditions combine
with ``{"and": [...]}``, ``{"or": [...]}`` and ``{"not": {...}}``. ``field`` is a dotted path
into the unified entity; on a list the condition holds if any element matches
(``match_items`` = ``all`` asks for every element).
"""

from __future__ import annotations

from typing import Any

from anycart.errors import ApiError, ReturnCode

_MISSING = object()


def _num(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _compare(op: str, actual: Any, expected: Any) -> bool:
    if op in ("eq", "neq"):
        same = str(actual).lower() == str(expected).lower() if actual is not None else expected is None
        return same if op == "eq" else not same
    if op in ("in", "not_in"):
        values = expected if isinstance(expected, list) else str(expected).split(",")
        hit = str(actual).lower() in {str(v).strip().lower() for v in values}
        return hit if op == "in" else not hit
    if op in ("contains", "not_contains"):
        hit = str(expected).lower() in str(actual if actual is not None else "").lower()
        return hit if op == "contains" else not hit
    if op == "empty":
        return actual in (None, "", [], {})
    if op == "not_empty":
        return actual not in (None, "", [], {})
    a, b = _num(actual), _num(expected)
    if a is None or b is None:
        return False
    return {"gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[op]


OPERATORS = ("eq", "neq", "in", "not_in", "contains", "not_contains", "empty", "not_empty",
             "gt", "gte", "lt", "lte")


def _values(data: Any, path: list[str]) -> list[Any]:
    if not path:
        return [data]
    if isinstance(data, list):
        return [v for item in data for v in _values(item, path)]
    if isinstance(data, dict):
        value = data.get(path[0], _MISSING)
        if value is _MISSING:
            return []
        if isinstance(value, dict) and set(value) >= {"value", "format"} and len(path) == 1:
            value = value["value"]  # dates compare by their text
        return _values(value, path[1:])
    return []


def validate(conditions: Any) -> None:
    """Raise 109 naming what is wrong in a ``filtering_conditions`` tree."""
    if conditions in (None, {}, ""):
        return
    if not isinstance(conditions, dict):
        raise _invalid("an object")
    if "and" in conditions or "or" in conditions:
        parts = conditions.get("and", conditions.get("or"))
        if not isinstance(parts, list) or not parts:
            raise _invalid("'and'/'or' with a non-empty list of conditions")
        for part in parts:
            validate(part)
        return
    if "not" in conditions:
        validate(conditions["not"])
        return
    if not conditions.get("field") or not isinstance(conditions["field"], str):
        raise _invalid("a 'field'")
    if conditions.get("operator", "eq") not in OPERATORS:
        raise _invalid(f"'operator' one of {', '.join(OPERATORS)}")


def matches(conditions: dict[str, Any] | None, data: dict[str, Any]) -> bool:
    if not conditions:
        return True
    if "and" in conditions:
        return all(matches(c, data) for c in conditions["and"])
    if "or" in conditions:
        return any(matches(c, data) for c in conditions["or"])
    if "not" in conditions:
        return not matches(conditions["not"], data)
    op = conditions.get("operator", "eq")
    found = _values(data, conditions["field"].split("."))
    if not found:
        found = [None]
    test = all if conditions.get("match_items") == "all" else any
    return test(_compare(op, v, conditions.get("value")) for v in found)


def _invalid(expected: str) -> ApiError:
    return ApiError(ReturnCode.INCORRECT_VALUE,
                    f"Parameter 'filtering_conditions' is not valid: expected {expected}.")
