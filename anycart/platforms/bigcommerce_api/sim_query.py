"""Which records a BigCommerce list answers, v2 and v3 alike: the filters a resource
declares (``sim_resources.json``: parameter -> [op, record path]), the id and date filters
every v3 list takes, and the sort.

Ops are the kit's (:func:`anycart.sandbox.query.predicate`: eq, ieq, contains, in, iin, int,
bool, ge, le, gt, lt, any_int) and BigCommerce's own: ``any_in`` (a list field holds one of
the ids), ``ids``/``not_ids`` (``id:in``/``id:not_in``: integers), ``on``/``since``/``until``
(a date: Unix time, ISO 8601 or, as v2 writes them, RFC 2822), ``min``/``max`` (v2 money
strings). A value that does not parse is ``fail(parameter)``: v3's 422, v2's 400.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Protocol

from anycart.sandbox.errors import SimError
from anycart.sandbox.query import Filter, get_path, predicate
from anycart.sandbox.table import Record, Table

Test = Callable[[Record], bool]
Fail = Callable[[str], SimError]
#: the id filters of every v3 list
ID_FILTERS = {"id": "int", "id:in": "ids", "id:not_in": "not_ids", "id:min": "ge",
              "id:max": "le", "id:greater": "gt", "id:less": "lt"}


class Listed(Protocol):
    """What a list declares (:class:`.sim_v3.Res`)."""

    @property
    def filters(self) -> dict[str, list[str]]: ...

    @property
    def sorts(self) -> tuple[str, ...]: ...

    @property
    def dates(self) -> tuple[str, ...]: ...

    @property
    def inline_sort(self) -> bool: ...


def moment(raw: str) -> datetime:
    """A date as BigCommerce takes or writes it (UTC when it has no offset)."""
    if raw.isdecimal():
        return datetime.fromtimestamp(int(raw), UTC)
    when = parsedate_to_datetime(raw) if "," in raw else datetime.fromisoformat(
        raw.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _value(record: Record, path: str) -> Any:
    if path == "name" and "name" not in record:  # customers and addresses: the full name
        return f"{record.get('first_name', '')} {record.get('last_name', '')}"
    return get_path(record, path)


def _dates(raw: str, path: str, op: str) -> Test:
    bound = moment(raw)
    day = op == "on" and ":" not in raw and "," not in raw  # a bare date: that whole day

    def test(record: Record) -> bool:
        value = record.get(path)
        if not value:
            return False
        when = moment(value)
        return (when.date() == bound.date() if day else when == bound) if op == "on" else (
            when >= bound if op == "since" else when <= bound)
    return test


def test_of(op: str, path: str, raw: str) -> Test:
    """The record test of one filter value (ValueError, TypeError or SimError when it does
    not parse)."""
    if op in ("on", "since", "until"):
        return _dates(raw, path, op)
    if op in ("min", "max"):
        n = float(raw)
        return lambda r: (float(_value(r, path) or 0) - n) * (1 if op == "min" else -1) >= 0
    if op in ("any_in", "ids", "not_ids"):
        wanted = {int(v) for v in raw.split(",") if v.strip()}
        if op == "any_in":
            return lambda r: bool(wanted & set(_value(r, path) or ()))
        return lambda r: (_value(r, path) in wanted) is (op == "ids")
    inner = predicate(Filter("v", op, "v"), raw)
    return lambda r: inner({"v": _value(r, path)})


def tests(res: Listed, params: Mapping[str, str], fail: Fail, v3: bool = True) -> list[Test]:
    declared = {**res.filters}
    if v3:
        declared.update({name: [op, "id"] for name, op in ID_FILTERS.items()})
        for name in res.dates:
            declared.update({name: ["on", name], f"{name}:min": ["since", name],
                             f"{name}:max": ["until", name]})
    out = []
    for name, (op, path) in declared.items():
        if params.get(name):
            try:
                out.append(test_of(op, path, params[name]))
            except (ValueError, TypeError, SimError):
                raise fail(name) from None
    return out


def sort_of(res: Listed, params: Mapping[str, str], fail: Fail) -> tuple[str, bool]:
    """(field, descending): ``sort=<field>`` with ``direction``, or ``<field>:asc|desc`` in
    one value (v2 orders; customers take only that form, as their declared sorts list)."""
    given = params.get("sort", "id")
    field, _, inline = given.partition(":")
    if given not in res.sorts and not (res.inline_sort and field in res.sorts
                                       and inline in ("", "asc", "desc")):
        raise fail("sort")
    direction = (inline or params.get("direction", "asc")).lower()
    if direction not in ("asc", "desc"):
        raise fail("direction")
    return field, direction == "desc"


def select(table: Table, res: Listed, params: Mapping[str, str], fail: Fail,
           below: tuple[str, int] | None = None, v3: bool = True) -> list[Record]:
    """The records of ``table`` the filters keep (those whose ``below[0]`` is ``below[1]``:
    one product's variants), sorted; kept until the table changes, so walking the pages of a
    large store filters it once."""
    preds = tests(res, params, fail, v3)
    field, desc = sort_of(res, params, fail)

    def key(r: Record) -> tuple[Any, ...]:
        value = r.get(field)
        value = moment(value) if field in res.dates and value else value
        return (value is None, value if value is not None else 0, r["id"])

    def compute() -> list[Record]:
        rows = [table.peek(k) for k in table.sorted_keys()]
        return sorted((r for r in rows if (below is None or r.get(below[0]) == below[1])
                       and all(p(r) for p in preds)), key=key, reverse=desc)
    found: list[Record] = table.cached(("list", below, tuple(sorted(params.items()))),
                                       compute)
    return found
