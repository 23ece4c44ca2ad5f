"""Paging styles, request side: each reads its parameters, picks one page of keys and says
what the answer carries (headers, a cursor in the body). They mirror the client paginators
of ``anycart.platforms.kit.pagination`` (offset, page, link, since_id, body_cursor,
search_criteria), so a connector and its simulator speak the same style.

Every style works on the ascending keys of a :class:`~anycart.sandbox.table.Table` (or any
sorted list) and a match function, and raises :class:`~anycart.sandbox.errors.Invalid`
naming the parameter on a bad value.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any
from urllib.parse import urlencode

from .errors import Invalid
from .params import Reader

Match = Callable[[Any], bool]


def _int_param(params: Mapping[str, str], name: str, default: int) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise Invalid("Invalid value. Expected an integer.", name) from None


def _limit(params: Mapping[str, str], name: str, default: int, maximum: int) -> int:
    value = _int_param(params, name, default)
    if value < 1:
        raise Invalid("must be greater than 0", name)
    if value > maximum:
        raise Invalid(f"must be less than or equal to {maximum}", name)
    return value


@dataclass(frozen=True)
class Window:
    """``limit`` keys from index ``start``."""

    start: int
    limit: int

    def of(self, keys: Sequence[Any]) -> list[Any]:
        return list(keys[self.start:self.start + self.limit])


@dataclass(frozen=True)
class OffsetLimit:
    """``?offset=&limit=``; ``base`` is the index of the first record (Shift4Shop: 1, where
    0 also means the first)."""

    offset: str = "offset"
    limit: str = "limit"
    default: int = 10
    maximum: int = 100
    base: int = 0

    def window(self, params: Mapping[str, str], maximum: int | None = None) -> Window:
        limit = _limit(params, self.limit, self.default, maximum or self.maximum)
        offset = _int_param(params, self.offset, self.base)
        if offset < 0:
            raise Invalid("must not be negative", self.offset)
        return Window(max(offset, self.base) - self.base, limit)


@dataclass(frozen=True)
class PagePerPage:
    """``?page=&per_page=`` (1-based), the total in headers (WooCommerce ``X-WP-Total`` /
    ``X-WP-TotalPages``, BigCommerce-style ``X-Total-Count``)."""

    page: str = "page"
    per_page: str = "per_page"
    default: int = 10
    maximum: int = 100
    total_header: str = "X-Total"
    pages_header: str | None = "X-Total-Pages"

    def window(self, params: Mapping[str, str], read: Reader | None = None) -> Window:
        """The page asked for; a bad value refused as :class:`Invalid`, or by ``read`` in
        the platform's words (as :meth:`PageMeta.window`)."""
        if read is not None:
            per = read.integer(params, self.per_page, self.default, 1, self.maximum)
            return Window((read.integer(params, self.page, 1) - 1) * per, per)
        per = _limit(params, self.per_page, self.default, self.maximum)
        page = _int_param(params, self.page, 1)
        if page < 1:
            raise Invalid("must be greater than 0", self.page)
        return Window((page - 1) * per, per)

    def headers(self, total: int, window: Window, url: str | None = None,
                params: Mapping[str, str] | None = None) -> dict[str, str]:
        """The totals, and given the request's ``url`` the ``Link`` of :meth:`links`."""
        out = {self.total_header: str(total)}
        if self.pages_header:
            out[self.pages_header] = str(math.ceil(total / window.limit))
        if url is not None and (link := self.links(url, params or {}, window, total)):
            out["Link"] = link
        return out

    def links(self, url: str, params: Mapping[str, str], window: Window, total: int
              ) -> str | None:
        """The RFC 8288 ``Link`` to the pages before and after this one (``rel="prev"`` /
        ``"next"``, as WordPress and GitHub send them): the request's query, ``page`` changed."""
        page, pages = window.start // window.limit + 1, math.ceil(total / window.limit)
        query = {k: v for k, v in params.items() if k != self.page}
        found = [f'<{url}?{urlencode({**query, self.page: n})}>; rel="{rel}"'
                 for rel, n, present in (("prev", min(page - 1, pages), page > 1),
                                         ("next", page + 1, pages > page)) if present]
        return ", ".join(found) or None


@dataclass(frozen=True)
class PageMeta:
    """``?page=&limit=`` with the paging told in the body, as BigCommerce v3's
    ``meta.pagination`` (Laravel's and JSON:API's paginators answer the same fields): the
    totals, and links to this page and those around it (the request's query, ``page``
    changed). Values are read by a :class:`~anycart.sandbox.params.Reader`, so a bad one
    is refused in the platform's words."""

    page: str = "page"
    limit: str = "limit"
    default: int = 50
    maximum: int = 250

    def window(self, params: Mapping[str, str], read: Reader) -> Window:
        page = read.integer(params, self.page, 1)
        limit = read.integer(params, self.limit, self.default, 1, self.maximum)
        return Window((page - 1) * limit, limit)

    def meta(self, params: Mapping[str, str], window: Window, total: int) -> dict[str, Any]:
        """``{total, count, per_page, current_page, total_pages, links}`` of the page."""
        page = window.start // window.limit + 1
        pages = max(1, math.ceil(total / window.limit))
        query = {k: v for k, v in params.items() if k not in (self.page, self.limit)}

        def link(n: int) -> str:
            return "?" + urlencode({**query, self.page: n, self.limit: window.limit},
                                   safe=":,")
        links = {"current": link(page)}
        if page > 1:
            links["previous"] = link(page - 1)
        if page < pages:
            links["next"] = link(page + 1)
        count = max(0, min(window.limit, total - window.start))
        return {"total": total, "count": count, "per_page": window.limit,
                "current_page": page, "total_pages": pages, "links": links}


@dataclass(frozen=True)
class SinceId:
    """``?since_id=N``: only keys above N (ascending keys)."""

    param: str = "since_id"

    def after(self, params: Mapping[str, str]) -> int | None:
        raw = params.get(self.param)
        if raw is None or raw == "":
            return None
        try:
            return int(raw)
        except ValueError:
            raise Invalid("Invalid value. Expected an integer.", self.param) from None

    def keys(self, keys: Sequence[Any], params: Mapping[str, str]) -> Sequence[Any]:
        after = self.after(params)
        return keys if after is None else keys[bisect_right(keys, after):]


# -- cursors ------------------------------------------------------------------------------
def encode_token(data: Mapping[str, Any]) -> str:
    """An opaque cursor: url-safe base64 of sorted compact JSON."""
    raw = json.dumps(data, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_token(token: str, param: str) -> dict[str, Any]:
    try:
        data = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (ValueError, binascii.Error):
        data = None
    if not isinstance(data, dict):
        raise Invalid("Invalid value.", param)
    return data


def seek(keys: Sequence[Any], ok: Match, limit: int, direction: str = "next",
         cursor: Any = None) -> tuple[list[Any], bool, bool]:
    """Up to ``limit`` matching keys after (``next``) or before (``prev``) ``cursor``, and
    whether matching keys exist before and after them. Costs one page of work."""
    out: list[Any] = []
    if direction == "next":
        start = bisect_right(keys, cursor) if cursor is not None else 0
        i = start
        while i < len(keys) and len(out) < limit:
            if ok(keys[i]):
                out.append(keys[i])
            i += 1
        has_next = any(ok(k) for k in islice(keys, i, None))
        has_prev = cursor is not None and any(ok(keys[j]) for j in range(start - 1, -1, -1))
        return out, has_prev, has_next
    end = bisect_left(keys, cursor) if cursor is not None else len(keys)
    i = end - 1
    while i >= 0 and len(out) < limit:
        if ok(keys[i]):
            out.append(keys[i])
        i -= 1
    out.reverse()
    return out, any(ok(keys[j]) for j in range(i, -1, -1)), \
        any(ok(k) for k in islice(keys, end, None))


@dataclass(frozen=True)
class CursorRequest:
    limit: int
    direction: str  # next | prev
    cursor: Any  # the boundary key, None on the first page
    filters: dict[str, str]  # the first request's filters, carried in the cursor


@dataclass(frozen=True)
class LinkCursor:
    """Cursor paging through the ``Link`` header (Shopify ``page_info``): the first request
    carries the filters; ``rel="next"``/``rel="previous"`` URLs carry an opaque cursor holding
    them, and a cursored request may add only ``keep`` parameters."""

    param: str = "page_info"
    limit: str = "limit"
    default: int = 50
    maximum: int = 250
    keep: tuple[str, ...] = ("limit", "fields")
    #: (name) -> message refusing a parameter next to the cursor
    refuse: Callable[[str], str] = lambda name: f"{name} cannot be passed with page_info"

    def parse(self, params: Mapping[str, str], path: str) -> CursorRequest:
        limit = _limit(params, self.limit, self.default, self.maximum)
        token = params.get(self.param)
        if token is None:
            filters = {k: v for k, v in params.items() if k not in (*self.keep, self.param)}
            return CursorRequest(limit, "next", None, filters)
        for name in params:
            if name not in (*self.keep, self.param):
                raise Invalid(self.refuse(name), name)
        data = decode_token(token, self.param)
        direction, key, carried = data.get("direction"), data.get("last_id"), data.get("filters")
        if data.get("path") != path or direction not in ("next", "prev") \
                or not isinstance(carried, dict):
            raise Invalid("Invalid value.", self.param)
        return CursorRequest(limit, direction, tuple(key) if isinstance(key, list) else key,
                             carried)

    def token(self, path: str, direction: str, key: Any, filters: Mapping[str, str]) -> str:
        return encode_token({"direction": direction, "last_id": key, "path": path,
                             "filters": dict(filters)})

    def link(self, url: str, path: str, req: CursorRequest, page: list[Any], has_prev: bool,
             has_next: bool, extra: Mapping[str, str] | None = None) -> str | None:
        """The ``Link`` header value for a page (``url``: the list URL without a query)."""
        if not page:
            return None
        base = {self.limit: str(req.limit), **(extra or {})}
        links = []
        for rel, direction, key, present in (("previous", "prev", page[0], has_prev),
                                             ("next", "next", page[-1], has_next)):
            if present:
                q = urlencode({**base, self.param: self.token(path, direction, key,
                                                                req.filters)}, safe=",")
                links.append(f'<{url}?{q}>; rel="{rel}"')
        return ", ".join(links) or None


@dataclass(frozen=True)
class BodyCursor:
    """An opaque cursor in the body (``{"data": [...], "next_cursor": "..."}``): the request
    sends it back as ``?cursor=``; it holds the last key served."""

    param: str = "cursor"
    limit: str = "limit"
    default: int = 50
    maximum: int = 250

    def parse(self, params: Mapping[str, str]) -> tuple[int, Any]:
        limit = _limit(params, self.limit, self.default, self.maximum)
        token = params.get(self.param)
        if not token:
            return limit, None
        data = decode_token(token, self.param)
        if "after" not in data:
            raise Invalid("Invalid value.", self.param)
        return limit, data["after"]

    def next_token(self, page: list[Any], has_next: bool) -> str | None:
        return encode_token({"after": page[-1]}) if page and has_next else None


# -- Magento searchCriteria ---------------------------------------------------------------
_SC = re.compile(r"^searchCriteria\[(\w+)\](?:\[(\d+)\]\[(\w+)\](?:\[(\d+)\]\[(\w+)\])?)?$")
_LIKE = {"%": ".*", "_": "."}


@dataclass(frozen=True)
class Condition:
    field: str
    value: str
    condition_type: str = "eq"

    def test(self, value: Any) -> bool:
        ct, want = self.condition_type, self.value
        if isinstance(value, bool):  # a flag is a 0/1 column to SQL (``is_active`` eq 1)
            value = int(value)
        if isinstance(value, frozenset):  # a link table's ids: Magento's addCategoriesFilter
            return self._any_of(value)
        if ct in ("null", "notnull"):
            return (value in (None, "")) == (ct == "null")
        if ct in ("in", "nin", "finset"):
            hit = str(value) in {v.strip() for v in want.split(",")}
            return hit if ct != "nin" else not hit
        if ct in ("like", "nlike"):
            rx = "".join(_LIKE.get(c, re.escape(c)) for c in want)
            hit = re.fullmatch(rx, str(value or ""), re.IGNORECASE | re.DOTALL) is not None
            return hit if ct == "like" else not hit
        if ct in ("eq", "neq"):
            return (str(value) == want) == (ct == "eq")
        try:
            a, b = float(value), float(want)
        except (TypeError, ValueError):
            a, b = str(value or ""), want  # type: ignore[assignment]
        return {"gt": a > b, "gteq": a >= b, "from": a >= b, "lt": a < b, "lteq": a <= b,
                "to": a <= b, "moreq": a >= b}[ct]

    def _any_of(self, ids: frozenset[str]) -> bool:
        """A set-valued field (ids joined from a link table) as a subselect: ``eq``/``in``
        keep a row linked to any wanted id (``finset`` too: the wanted id among the row's),
        ``neq``/``nin`` one linked to none (``in``/``nin`` split a comma list, the others take
        the value whole); other conditions never match."""
        ct = self.condition_type
        wanted = ({v.strip() for v in self.value.split(",")} if ct in ("in", "nin")
                  else {self.value})
        if ct in ("eq", "in", "finset"):
            return bool(ids & wanted)
        if ct in ("neq", "nin"):
            return not ids & wanted
        return False


def _sort_key(value: Any) -> tuple[int, Any]:
    """A searchCriteria sort value: blanks, numbers (numeric texts too, as SQL compares a
    number column), texts case aside."""
    if value is None or value == "":
        return (0, 0)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value)
    try:
        return (1, float(value))
    except (TypeError, ValueError):
        return (2, str(value).lower())


_CONDITIONS = ("eq", "neq", "like", "nlike", "in", "nin", "finset", "null", "notnull", "gt",
               "gteq", "from", "lt", "lteq", "to", "moreq")


@dataclass(frozen=True)
class Search:
    """One parsed ``searchCriteria``: filter groups (AND of ORs), sort orders, a window."""

    groups: list[list[Condition]] = field(default_factory=list)
    sort: list[tuple[str, bool]] = field(default_factory=list)  # (field, descending)
    page_size: int | None = None
    current_page: int = 1

    def matches(self, get: Callable[[str], Any]) -> bool:
        return all(any(c.test(get(c.field)) for c in group) for group in self.groups)

    def window(self, total: int) -> Window:
        size = self.page_size or max(total, 1)
        return Window((self.current_page - 1) * size, size)

    def results(self, rows: Iterable[Any], get: Callable[[Any, str], Any]) -> tuple[list[Any], int]:
        """The page of ``rows`` this search asks for and the total it matches: filtered and
        sorted through ``get(row, field)`` (stable, the first sort order wins; blanks first,
        then numbers, then texts case aside); a page past the end is the last page (as
        Magento's ``Collection::getCurPage`` clamps it)."""
        hits = [r for r in rows if self.matches(partial(get, r))]
        for name, descending in reversed(self.sort):
            hits.sort(key=lambda r: _sort_key(get(r, name)), reverse=descending)
        total = len(hits)
        if self.page_size is not None:
            last = max(1, math.ceil(total / self.page_size))
            start = (min(self.current_page, last) - 1) * self.page_size
            hits = hits[start:start + self.page_size]
        return hits, total

    def echo(self) -> dict[str, Any]:
        """The ``search_criteria`` object Magento repeats in the answer."""
        out: dict[str, Any] = {"filter_groups": [
            {"filters": [{"field": c.field, "value": c.value, "condition_type": c.condition_type}
                         for c in g]} for g in self.groups]}
        if self.sort:
            out["sort_orders"] = [{"field": f, "direction": "DESC" if d else "ASC"}
                                  for f, d in self.sort]
        if self.page_size is not None:
            out["page_size"] = self.page_size
        out["current_page"] = self.current_page
        return out


@dataclass(frozen=True)
class SearchCriteria:
    """Magento's ``searchCriteria[filter_groups][i][filters][j][field|value|condition_type]``,
    ``[sortOrders][k][field|direction]``, ``[pageSize]``, ``[currentPage]``."""

    maximum: int = 300

    def parse(self, params: Mapping[str, str]) -> Search:
        groups: dict[int, dict[int, dict[str, str]]] = {}
        sorts: dict[int, dict[str, str]] = {}
        size: int | None = None
        page = 1
        for name, value in params.items():
            m = _SC.match(name)
            if m is None:
                continue
            top, i, sub, j, leaf = m.groups()
            if top == "pageSize" and i is None:
                size = _limit(params, name, 1, self.maximum)
            elif top == "currentPage" and i is None:
                page = _int_param(params, name, 1)
                if page < 1:
                    raise Invalid("must be greater than 0", name)
            elif top == "filter_groups" and sub == "filters" and leaf is not None:
                groups.setdefault(int(i), {}).setdefault(int(j), {})[leaf] = value
            elif top == "sortOrders" and j is None and sub is not None:
                sorts.setdefault(int(i), {})[sub] = value
            else:
                raise Invalid("unknown searchCriteria parameter", name)
        out_groups = []
        for gi in sorted(groups):
            conds = []
            for fi in sorted(groups[gi]):
                f = groups[gi][fi]
                ct = f.get("condition_type", "eq")
                if "field" not in f or ct not in _CONDITIONS:
                    raise Invalid("bad filter", f"searchCriteria[filter_groups][{gi}]")
                conds.append(Condition(f["field"], f.get("value", ""), ct))
            out_groups.append(conds)
        sort = [(s["field"], s.get("direction", "ASC").upper() == "DESC")
                for _, s in sorted(sorts.items()) if "field" in s]
        return Search(out_groups, sort, size, page)
