"""List semantics shared by simulators: filters declared as data, field projection, ordering.

A :class:`Filter` names a query parameter, an operator and the dotted path of the record value
it compares (``SKUInfo.Price``; through a list, ``CategoryList.CategoryID`` gives every item's
value). A value that does not parse (a bad number or date) raises
:class:`~anycart.sandbox.errors.Invalid` naming the parameter.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from .errors import Invalid
from .schema import parse_datetime
from .table import Record, Table

Predicate = Callable[[Mapping[str, Any]], bool]
#: a query date value -> datetime (raises Invalid)
DateParse = Callable[[str], datetime]

OPS = ("eq", "ieq", "contains", "ge", "le", "gt", "lt", "dge", "dle", "bool", "int", "any_int",
       "in", "iin", "min", "max", "ids", "not_ids", "any_in", "on", "since", "until")


@dataclass(frozen=True)
class Filter:
    """``param`` (matched lower case) compares the value at ``path`` using ``op``:
    eq/ieq (case-insensitive), contains, ge/le/gt/lt (numbers), dge/dle (dates; a bare end
    date includes its day), bool, int, any_int (the int is among a list's values), in (the
    value is one of a comma-separated list), iin (the same, case-insensitively); min/max (a
    number, or a numeric text as money is written, at least/at most the value), ids/not_ids
    (an integer among/not among a comma-separated list: ``id:in``), any_in (a list holding
    one of them), on/since/until (a date, in any form :func:`moment` reads, equal to, at or
    after, at or before the value; ``on`` with a bare date: that whole day)."""

    param: str
    op: str
    path: str

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown filter op {self.op!r}")


def get_path(rec: Any, path: str) -> Any:
    cur: Any = rec
    for part in path.split("."):
        if isinstance(cur, list):
            return [x.get(part) if isinstance(x, dict) else None for x in cur]
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(part)
    return cur


def moment(raw: str) -> datetime:
    """A date as REST APIs write them: Unix seconds, ISO 8601 or RFC 2822 (``Tue, 20 Nov
    2018 14:01:40 +0000``, BigCommerce v2 and e-mail headers); UTC when it has no offset.
    ``ValueError`` when it is none of them."""
    if raw.isdecimal():
        return datetime.fromtimestamp(int(raw), UTC)
    when = parsedate_to_datetime(raw) if "," in raw else datetime.fromisoformat(
        raw.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _moments(raw: str, path: str, op: str, param: str) -> Predicate:
    try:
        bound = moment(raw)
    except (TypeError, ValueError):
        raise Invalid("bad date filter", param) from None
    day = op == "on" and ":" not in raw and "," not in raw  # a bare date: that whole day

    def test(r: Mapping[str, Any]) -> bool:
        value = get_path(r, path)
        if not value:
            return False
        when = moment(value)
        return (when.date() == bound.date() if day else when == bound) if op == "on" else (
            when >= bound if op == "since" else when <= bound)
    return test


def _extended(f: Filter, raw: str) -> Predicate:
    """The ops of numeric texts, id lists and dates in any form."""
    path, op, param = f.path, f.op, f.param
    if op in ("on", "since", "until"):
        return _moments(raw, path, op, param)
    if op in ("min", "max"):
        n, sign = _num(raw, param), 1 if op == "min" else -1
        return lambda r: (float(get_path(r, path) or 0) - n) * sign >= 0
    try:
        wanted = {int(v) for v in raw.split(",") if v.strip()}
    except ValueError:
        raise Invalid("bad integer list filter", param) from None
    if op == "any_in":
        return lambda r: bool(wanted & set(get_path(r, path) or ()))
    return lambda r: (get_path(r, path) in wanted) is (op == "ids")


def _iso_parse(value: str) -> datetime:
    return parse_datetime(value)


def _num(raw: str, param: str) -> float:
    try:
        return float(raw)
    except ValueError:
        raise Invalid("bad number filter", param) from None


def _int(raw: str, param: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise Invalid("bad integer filter", param) from None


def _bool(raw: str, param: str) -> bool:
    s = raw.strip().lower()
    if s in ("1", "true", "yes"):
        return True
    if s in ("0", "false", "no"):
        return False
    raise Invalid("bad boolean filter", param)


def predicate(f: Filter, raw: str, dates: DateParse = _iso_parse) -> Predicate:
    path, op, param = f.path, f.op, f.param
    if op in _EXTENDED:
        return _extended(f, raw)
    if op == "eq":
        return lambda r: str(get_path(r, path)) == raw
    if op in ("ieq", "contains"):
        want = raw.strip().lower()
        if op == "ieq":
            return lambda r: str(get_path(r, path) or "").lower() == want
        return lambda r: want in str(get_path(r, path) or "").lower()
    if op in ("ge", "le", "gt", "lt"):
        n = _num(raw, param)
        cmp: Callable[[Any, Any], bool] = getattr(operator, op)
        return lambda r: cmp(get_path(r, path) or 0, n)
    if op in ("dge", "dle"):
        try:
            dt = dates(raw)
        except Invalid as exc:
            raise Invalid(exc.message, param) from None
        if op == "dle" and ":" not in raw and "T" not in raw:
            dt = dt.replace(hour=23, minute=59, second=59)
        bound = dt.strftime("%Y-%m-%dT%H:%M:%S")
        if op == "dge":
            return lambda r: (get_path(r, path) or "") >= bound
        return lambda r: "" < (get_path(r, path) or "") <= bound
    if op == "bool":
        flag = _bool(raw, param)
        return lambda r: bool(get_path(r, path)) is flag
    if op == "int":
        i = _int(raw, param)
        return lambda r: get_path(r, path) == i
    if op == "any_int":
        a = _int(raw, param)
        return lambda r: a in (get_path(r, path) or ())
    if op == "iin":
        wanted = {v.strip().lower() for v in raw.split(",")}
        return lambda r: str(get_path(r, path)).lower() in wanted
    allowed = {v.strip() for v in raw.split(",")}
    return lambda r: str(get_path(r, path)) in allowed


_EXTENDED = frozenset(OPS[OPS.index("min"):])


def lower_params(params: Mapping[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in params.items()}


FilterKey = tuple[tuple[str, str], ...]


def predicates(filters: tuple[Filter, ...], params: Mapping[str, str],
               dates: DateParse = _iso_parse) -> tuple[list[Predicate], FilterKey]:
    """Predicates of the filters present (non-empty) in ``params``, and a hashable key of
    them for :meth:`Table.cached`."""
    preds: list[Predicate] = []
    key: list[tuple[str, str]] = []
    for f in filters:
        raw = params.get(f.param)
        if raw is None or raw == "":
            continue
        preds.append(predicate(f, raw, dates))
        key.append((f.param, raw))
    return preds, tuple(key)


def matching(table: Table, filters: tuple[Filter, ...], params: Mapping[str, str],
             dates: DateParse = _iso_parse) -> list[Any]:
    """Keys of ``table`` (ascending) whose view passes every filter present in ``params``;
    memoized per filter values until the table changes."""
    preds, key = predicates(filters, params, dates)
    if not preds:
        return table.sorted_keys()
    view = table.view
    return list(table.cached(("filter", key), lambda: [
        k for k in table.sorted_keys() if all(p(view(k)) for p in preds)]))


# -- projection and order -----------------------------------------------------------------
def project(record: Record, fields: list[str] | None, *, always: tuple[str, ...] = (),
            drop: Iterable[str] = ()) -> Record:
    """Top-level ``fields=a,b`` projection (None: everything), ``always`` kept when
    projecting (BigCommerce's ``id`` and the sub-resources ``include`` asked for), then
    ``drop`` left out (``exclude_fields``)."""
    dropped = set(drop)
    if not fields and not dropped:
        return record
    return {k: v for k, v in record.items() if (not fields or k in fields or k in always)
            and k not in dropped}


def _resolve(rec: Any, parts: list[str]) -> list[str] | None:
    """Canonical casing of a dotted path against a sample record, or None if unknown."""
    out: list[str] = []
    cur = rec
    for part in parts:
        while isinstance(cur, list):
            cur = cur[0] if cur else {}
        if not isinstance(cur, dict):
            return None
        lower = part.lower()
        name = next((k for k in cur if k.lower() == lower), None)
        if name is None:
            return None
        out.append(name)
        cur = cur[name]
    return out


def _project_paths(rec: Any, paths: list[list[str]]) -> Any:
    if isinstance(rec, list):
        return [_project_paths(x, paths) for x in rec]
    if not isinstance(rec, dict):
        return rec
    groups: dict[str, list[list[str]]] = {}
    for p in paths:
        groups.setdefault(p[0], []).append(p[1:])
    return {name: rec[name] if any(not r for r in groups[name])
            else _project_paths(rec[name], groups[name]) for name in rec if name in groups}


def select(records: list[Record], value: str, param: str = "$select") -> list[Record]:
    """Dotted, case-insensitive projection (OData ``$select``); an unknown field is Invalid."""
    if not records:
        return records
    paths = []
    for p in value.split(","):
        if not p.strip():
            continue
        resolved = _resolve(records[0], p.strip().split("."))
        if resolved is None:
            raise Invalid("unknown field", param)
        paths.append(resolved)
    return [_project_paths(r, paths) for r in records]


def odata(records: list[Record], params: Mapping[str, str]) -> list[Record]:
    """OData ``$orderby`` then ``$select`` (lower-cased parameter names), on the records
    given: services that take them apply them to the page already chosen."""
    if params.get("$orderby"):
        records = order_by(records, params["$orderby"])
    if params.get("$select"):
        records = select(records, params["$select"])
    return records


def _sort_key(v: Any) -> tuple[int, Any]:
    if v is None:
        return (0, 0)
    if isinstance(v, (bool, int, float)):
        return (1, v)
    return (2, str(v).lower())


def order_by(records: list[Record], value: str, param: str = "$orderby") -> list[Record]:
    """``Field[.Sub] [asc|desc]`` terms, comma separated, stable (OData ``$orderby``)."""
    if not records:
        return records
    terms = []
    for term in value.split(","):
        bits = term.split()
        if not bits:
            continue
        if len(bits) > 2 or (len(bits) == 2 and bits[1].lower() not in ("asc", "desc")):
            raise Invalid("bad order term", param)
        resolved = _resolve(records[0], bits[0].split("."))
        if resolved is None:
            raise Invalid("unknown field", param)
        terms.append((".".join(resolved), len(bits) == 2 and bits[1].lower() == "desc"))
    out = list(records)
    for path, desc in reversed(terms):
        out.sort(key=lambda r: _sort_key(get_path(r, path)), reverse=desc)
    return out
