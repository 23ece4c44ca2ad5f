"""GET list semantics of the Shift4Shop REST API: filters, paging, countonly and OData.

Query parameter names are matched case-insensitively. A filter value that cannot be parsed
(a date that is not ``MM/dd/yyyy[ HH:mm:ss]`` or ISO 8601, a non-numeric number) is a 400.
``$select`` and ``$orderby`` run on the page already selected, as the docs say.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .sim_body import Invalid, iso, parse_date

Predicate = Callable[[Mapping[str, Any]], bool]
DEFAULT_LIMIT = 10  # the API's default page size


@dataclass(frozen=True)
class Filter:
    """``param`` (lower case) compares the record value at dotted ``path`` using ``op``."""

    param: str
    op: str  # eq | ieq | contains | ge | le | dge | dle | bool | int | any_int
    path: str


def _get(rec: Mapping[str, Any], path: str) -> Any:
    cur: Any = rec
    for part in path.split("."):
        if isinstance(cur, list):
            return [x.get(part) if isinstance(x, dict) else None for x in cur]
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(part)
    return cur


def _parse_bool(v: str) -> bool:
    s = v.strip().lower()
    if s in ("1", "true", "yes"):
        return True
    if s in ("0", "false", "no"):
        return False
    raise Invalid("bad boolean filter")


def _parse_num(v: str) -> float:
    try:
        return float(v)
    except ValueError as exc:
        raise Invalid("bad number filter") from exc


def _parse_int(v: str) -> int:
    try:
        return int(v)
    except ValueError as exc:
        raise Invalid("bad integer filter") from exc


def _predicate(f: Filter, raw: str) -> Predicate:
    path, op = f.path, f.op
    if op == "ieq":
        want = raw.strip().lower()
        return lambda r: str(_get(r, path) or "").lower() == want
    if op == "contains":
        want = raw.strip().lower()
        return lambda r: want in str(_get(r, path) or "").lower()
    if op in ("ge", "le"):
        num = _parse_num(raw)
        if op == "ge":
            return lambda r: (_get(r, path) or 0) >= num
        return lambda r: (_get(r, path) or 0) <= num
    if op in ("dge", "dle"):
        dt = parse_date(raw)
        if op == "dle" and ":" not in raw and "T" not in raw:
            dt = dt.replace(hour=23, minute=59, second=59)  # a bare end date includes the day
        bound = iso(dt)
        if op == "dge":
            return lambda r: (_get(r, path) or "") >= bound
        return lambda r: "" < (_get(r, path) or "") <= bound
    if op == "bool":
        flag = _parse_bool(raw)
        return lambda r: bool(_get(r, path)) is flag
    if op == "int":
        num_i = _parse_int(raw)
        return lambda r: _get(r, path) == num_i
    if op == "any_int":
        num_a = _parse_int(raw)
        return lambda r: num_a in (_get(r, path) or ())
    raise AssertionError(op)


def lower_params(params: Mapping[str, str]) -> dict[str, str]:
    return {k.lower(): v for k, v in params.items()}


def build_predicates(filters: tuple[Filter, ...], params: Mapping[str, str]) -> tuple[
        list[Predicate], tuple[tuple[str, str], ...]]:
    """Predicates for the filters present in ``params`` and a hashable key for caching."""
    preds: list[Predicate] = []
    key: list[tuple[str, str]] = []
    for f in filters:
        raw = params.get(f.param)
        if raw is None or raw == "":
            continue
        preds.append(_predicate(f, raw))
        key.append((f.param, raw))
    return preds, tuple(key)


def paging(params: Mapping[str, str], batch: int) -> tuple[int, int]:
    """(start index, limit). ``offset`` is 1-based (0 counts as 1); limit above batch: 400."""
    try:
        limit = int(params.get("limit", DEFAULT_LIMIT))
        offset = int(params.get("offset", 1))
    except ValueError as exc:
        raise Invalid("bad paging") from exc
    if limit < 1 or limit > batch or offset < 0:
        raise Invalid("bad paging")
    return max(offset, 1) - 1, limit


def _split_fields(value: str) -> list[list[str]]:
    return [p.strip().split(".") for p in value.split(",") if p.strip()]


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


def _project(rec: Any, paths: list[list[str]]) -> Any:
    if isinstance(rec, list):
        return [_project(x, paths) for x in rec]
    if not isinstance(rec, dict):
        return rec
    out: dict[str, Any] = {}
    groups: dict[str, list[list[str]]] = {}
    for p in paths:
        groups.setdefault(p[0], []).append(p[1:])
    for name in rec:
        if name not in groups:
            continue
        rest = groups[name]
        out[name] = rec[name] if any(not r for r in rest) else _project(rec[name], rest)
    return out


def select(records: list[dict[str, Any]], value: str) -> list[dict[str, Any]]:
    """OData ``$select``: keep the listed (dotted) fields; an unknown field is a 400."""
    if not records:
        return records
    paths = []
    for parts in _split_fields(value):
        resolved = _resolve(records[0], parts)
        if resolved is None:
            raise Invalid("unknown $select field")
        paths.append(resolved)
    return [_project(r, paths) for r in records]


def orderby(records: list[dict[str, Any]], value: str) -> list[dict[str, Any]]:
    """OData ``$orderby``: ``Field[.Sub] [asc|desc]`` terms, comma separated, stable."""
    if not records:
        return records
    terms = []
    for term in value.split(","):
        bits = term.split()
        if not bits:
            continue
        if len(bits) > 2 or (len(bits) == 2 and bits[1].lower() not in ("asc", "desc")):
            raise Invalid("bad $orderby")
        resolved = _resolve(records[0], bits[0].split("."))
        if resolved is None:
            raise Invalid("unknown $orderby field")
        terms.append((".".join(resolved), len(bits) == 2 and bits[1].lower() == "desc"))
    out = list(records)
    for path, desc in reversed(terms):
        out.sort(key=lambda r: _sort_key(_get(r, path)), reverse=desc)
    return out


def _sort_key(v: Any) -> tuple[int, Any]:
    if v is None:
        return (0, 0)
    if isinstance(v, (bool, int, float)):
        return (1, v)
    return (2, str(v).lower())
