"""Parameters that overlap: two names for one thing, or a lookup that excludes the filters.

A handler that reads ``a or b`` drops ``b`` when both are given; one that fetches records by
id cannot apply the list's other filters. Both would be silent drops (issue 12, item 4):
these helpers refuse them with 109 naming the parameter instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from anycart.errors import ApiError, ReturnCode

from .applied import NEUTRAL, given_names

_EMPTY: tuple[Any, ...] = (None, "", [], {})


def one_of(params: Mapping[str, Any], *names: str) -> Any:
    """The value of the first of ``names`` given (synonyms: ``avail``/``available_for_view``);
    109 naming a later one given with another value, which would otherwise be dropped."""
    first: str | None = None
    chosen: Any = None
    for name in names:
        value = params.get(name)
        if value in _EMPTY:
            continue
        if first is None:
            first, chosen = name, value
        elif value != chosen:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{name}' is not valid: it sets what '{first}' sets, to "
                           f"another value; give one of them.")
    return chosen


def split_all(params: Mapping[str, Any], *names: str) -> list[str]:
    """The comma-separated ids of all of ``names`` together (``order_ids`` and ``ids``), in
    order and without repeats: both filters apply, none is dropped for the other."""
    out: list[str] = []
    for name in names:
        value = params.get(name)
        if value in _EMPTY:
            continue
        items = value if isinstance(value, (list, tuple)) else str(value).split(",")
        out += [str(v).strip() for v in items if str(v).strip()]
    return list(dict.fromkeys(out))


def at_most_one(ids: list[str], name: str, cart: str) -> str | None:
    """The one id of a filter the platform takes a single value for; 109 for more."""
    if len(ids) > 1:
        raise ApiError(ReturnCode.INCORRECT_VALUE,
                       f"Parameter '{name}' is not valid: {cart} filters by one value, "
                       f"{len(ids)} were given.")
    return ids[0] if ids else None


def alone(method: str, params: Mapping[str, Any], names: Iterable[str], cart: str,
          allowed: Iterable[str] = (), same_as_default: Mapping[str, set[str]] | None = None) -> None:
    """For a lookup by ``names`` (ids fetched one by one), which cannot apply a list's other
    filters: 109 naming the first other parameter given (outside ``allowed``)."""
    names = tuple(names)
    used = next((n for n in names if params.get(n) not in _EMPTY), None)
    if used is None:
        return
    keep = {*names, *allowed} | NEUTRAL
    for other in given_names(method, params, same_as_default or {}):
        if other not in keep:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{other}' cannot be combined with '{used}' on {cart}: "
                           f"records asked for by '{used}' are fetched one by one, unfiltered.")


def carrier(params: Mapping[str, Any], *names: str) -> Any:
    """The one carrier of a shipment: the first of ``names`` given (``shipment_provider``...)
    or else the ``carrier_id`` of its tracking numbers. 109 naming a carrier that differs
    (case aside) from it: a platform shipment has one carrier, the other would be dropped."""
    chosen = one_of(params, *names)
    for n, t in enumerate(params.get("tracking_numbers") or []):
        cid = t.get("carrier_id") if isinstance(t, dict) else None
        if cid in _EMPTY:
            continue
        if chosen is None:
            chosen = cid
        elif str(cid).casefold() != str(chosen).casefold():
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter 'tracking_numbers[{n}][carrier_id]' is not valid: the "
                           f"shipment's carrier is '{chosen}'; a shipment has one carrier.")
    return chosen


def one_tracking(params: Mapping[str, Any], cart: str) -> dict[str, Any]:
    """``tracking_numbers`` where a platform's shipment keeps one number: its one
    ``{carrier_id, tracking_number}`` object (``{}`` when none is given); 109 naming it for
    more (the others would be dropped) or for anything but a list of objects."""
    given = params.get("tracking_numbers")
    if given in _EMPTY:
        return {}
    if not isinstance(given, list) or not all(isinstance(t, dict) for t in given):
        raise ApiError.invalid("tracking_numbers", "a list of {carrier_id, tracking_number} objects")
    if len(given) > 1:
        raise ApiError.invalid("tracking_numbers", f"at most one ({cart} keeps one number per shipment)")
    return dict(given[0])
