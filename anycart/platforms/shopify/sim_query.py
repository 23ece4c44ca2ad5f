"""GET list semantics: ``limit``, ``fields``, filters and cursor paging with ``page_info``.

Lists are in ascending id order. ``limit`` defaults to 50 and may not exceed 250. The first
request carries the filters; the ``Link`` header then offers ``rel="previous"`` and
``rel="next"`` URLs whose opaque ``page_info`` holds the direction, the boundary id and those
filters. A request with ``page_info`` may add only ``limit`` and ``fields``: anything else is
a 400 naming the parameter, with the message Shopify sends. A ``page_info`` that does not
decode (or belongs to another endpoint) is a 400 ``{"errors": {"page_info": "Invalid value."}}``.

Paging walks the sorted ids from the cursor and stops once the page is full, so following a
cursor costs one page of work however large the table is.
"""

from __future__ import annotations

import base64
import binascii
import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from urllib.parse import quote

from .sim_http import Ctx, bad_param
from .sim_ids import parse_ts
from .sim_table import Record, Table

Pred = Callable[[Mapping[str, Any]], bool]

DEFAULT_LIMIT = 50
MAX_LIMIT = 250
PAGING = ("limit", "fields", "page_info")
_PAGE_INFO_DOC = "https://shopify.dev/api/usage/pagination-rest"


@dataclass
class Query:
    """Which records a list shows: predicates, an optional id set, ids above ``after``."""

    preds: list[Pred] = field(default_factory=list)
    candidates: list[Any] | None = None
    after: Any = None


@dataclass
class Listing:
    limit: int
    fields: list[str] | None
    fields_raw: str | None
    direction: str
    cursor: Any
    filters: dict[str, str]


# -- parameters ---------------------------------------------------------------------------
def parse_limit(params: Mapping[str, str]) -> int:
    raw = params.get("limit")
    if raw is None or raw == "":
        return DEFAULT_LIMIT
    try:
        limit = int(raw)
    except ValueError:
        raise bad_param("limit", "Invalid value. Expected an integer.") from None
    if limit < 1:
        raise bad_param("limit", "must be greater than 0")
    if limit > MAX_LIMIT:
        raise bad_param("limit", f"must be less than or equal to {MAX_LIMIT}")
    return limit


def parse_fields(raw: str | None) -> list[str] | None:
    if raw is None:
        return None
    names = [f.strip() for f in raw.split(",") if f.strip()]
    return names or None


def project(record: Record, fields: list[str] | None) -> Record:
    if not fields:
        return record
    return {k: v for k, v in record.items() if k in fields}


def ints(params: Mapping[str, str], name: str) -> list[int] | None:
    raw = params.get(name)
    if raw is None or raw == "":
        return None
    try:
        return [int(x) for x in raw.split(",") if x.strip()]
    except ValueError:
        raise bad_param(name, "Invalid value. Expected a comma-separated list of integers.") \
            from None


def one_int(params: Mapping[str, str], name: str) -> int | None:
    values = ints(params, name)
    if values is None:
        return None
    if len(values) != 1:
        raise bad_param(name, "Invalid value. Expected an integer.")
    return values[0]


def choice(params: Mapping[str, str], name: str, allowed: tuple[str, ...],
           default: str | None = None) -> str | None:
    value = params.get(name, default)
    if value is None or value == "":
        return default
    if value not in allowed:
        raise bad_param(name, f"Invalid value. Expected one of: {', '.join(allowed)}.")
    return value


def record_ts(record: Mapping[str, Any], name: str) -> float | None:
    value = record.get(name)
    if not value:
        return None
    try:
        return parse_ts(value)
    except ValueError:
        return None


def common(params: Mapping[str, str], query: Query,
           dates: tuple[str, ...] = ("created_at", "updated_at")) -> Query:
    """``ids``, ``since_id`` and ``<date>_min`` / ``<date>_max`` (inclusive, ISO 8601)."""
    ids = ints(params, "ids")
    if ids is not None:
        query.candidates = sorted(set(ids))
    query.after = one_int(params, "since_id")
    for name in dates:
        for suffix, low in (("_min", True), ("_max", False)):
            raw = params.get(name + suffix)
            if not raw:
                continue
            try:
                bound = parse_ts(raw)
            except ValueError:
                raise bad_param(name + suffix, "Invalid value. Expected an ISO 8601 date.") \
                    from None
            query.preds.append(_time_pred(name, bound, low))
    return query


def _time_pred(name: str, bound: float, low: bool) -> Pred:
    def pred(record: Mapping[str, Any]) -> bool:
        value = record_ts(record, name)
        return value is not None and (value >= bound if low else value <= bound)
    return pred


def equals(name: str, value: str, *, lower: bool = True) -> Pred:
    want = value.lower() if lower else value
    return lambda r: (str(r.get(name) or "").lower() if lower else r.get(name)) == want


def exactly(name: str, value: Any) -> Pred:
    """``record[name] == value``, bound now (a lambda in a loop would see the last value)."""
    return lambda r: r[name] == value


# -- cursors ------------------------------------------------------------------------------
def encode_cursor(path: str, direction: str, key: Any, filters: dict[str, str]) -> str:
    raw = json.dumps({"direction": direction, "last_id": key, "path": path, "filters": filters},
                     separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, path: str) -> tuple[str, Any, dict[str, str]]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        direction, key, filters = data["direction"], data["last_id"], data["filters"]
        ok = (data["path"] == path and direction in ("next", "prev")
              and isinstance(filters, dict))
    except (ValueError, KeyError, TypeError, binascii.Error):
        ok = False
    if not ok:
        raise bad_param("page_info", "Invalid value.")
    return direction, tuple(key) if isinstance(key, list) else key, filters


def listing(ctx: Ctx) -> Listing:
    """Paging parameters of a list request; refuses filters next to ``page_info``."""
    params = ctx.params
    limit = parse_limit(params)
    fields_raw = params.get("fields")
    token = params.get("page_info")
    if token is None:
        filters = {k: v for k, v in params.items() if k not in PAGING}
        return Listing(limit, parse_fields(fields_raw), fields_raw, "next", None, filters)
    for name in params:
        if name not in PAGING:
            raise bad_param(name, f"{name} cannot be passed when page_info is present. "
                                  f"See {_PAGE_INFO_DOC} for more information.")
    direction, cursor, filters = decode_cursor(token, ctx.path)
    return Listing(limit, parse_fields(fields_raw), fields_raw, direction, cursor, filters)


def link_header(ctx: Ctx, lst: Listing, prev_key: Any, next_key: Any,
                has_prev: bool, has_next: bool) -> str | None:
    links = []
    base = f"{ctx.base_url}/{ctx.path}.json?limit={lst.limit}"
    if lst.fields_raw:
        base += "&fields=" + quote(lst.fields_raw, safe=",")
    if has_prev:
        token = encode_cursor(ctx.path, "prev", prev_key, lst.filters)
        links.append(f'<{base}&page_info={token}>; rel="previous"')
    if has_next:
        token = encode_cursor(ctx.path, "next", next_key, lst.filters)
        links.append(f'<{base}&page_info={token}>; rel="next"')
    return ", ".join(links) or None


# -- selection ----------------------------------------------------------------------------
def _keys(table: Table, query: Query) -> list[Any]:
    if query.candidates is None:
        return table.sorted_keys()
    return [k for k in query.candidates if k in table]


def _matcher(table: Table, query: Query) -> Callable[[Any], bool]:
    preds, view = query.preds, table.view
    if not preds:
        return lambda key: True
    return lambda key: all(p(view(key)) for p in preds)


def count(table: Table, query: Query) -> int:
    keys = _keys(table, query)
    lo = bisect_right(keys, query.after) if query.after is not None else 0
    ok = _matcher(table, query)
    return sum(1 for k in islice(keys, lo, None) if ok(k))


def page(table: Table, query: Query, limit: int, direction: str = "next",
         cursor: Any = None) -> tuple[list[Any], bool, bool]:
    """Keys of one page, and whether matching records exist before and after it."""
    keys = _keys(table, query)
    lo = bisect_right(keys, query.after) if query.after is not None else 0
    ok = _matcher(table, query)
    out: list[Any] = []
    if direction == "next":
        start = max(lo, bisect_right(keys, cursor)) if cursor is not None else lo
        i = start
        while i < len(keys) and len(out) < limit:
            if ok(keys[i]):
                out.append(keys[i])
            i += 1
        has_next = any(ok(k) for k in islice(keys, i, None))
        has_prev = cursor is not None and any(ok(keys[j]) for j in range(start - 1, lo - 1, -1))
        return out, has_prev, has_next
    end = max(lo, bisect_left(keys, cursor))
    i = end - 1
    while i >= lo and len(out) < limit:
        if ok(keys[i]):
            out.append(keys[i])
        i -= 1
    out.reverse()
    has_prev = any(ok(keys[j]) for j in range(i, lo - 1, -1))
    has_next = any(ok(k) for k in islice(keys, end, None))
    return out, has_prev, has_next
