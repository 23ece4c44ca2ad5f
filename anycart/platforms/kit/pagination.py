"""Paginators: how one platform list is walked, picked by name from :data:`PAGINATORS`.

The contract pages by ``start``/``count``; each platform by its own scheme. A paginator turns
``(start, count)`` into the parameters of the first request, and each answer into the records
it holds (those before ``start`` dropped, none past ``count``) and the parameters of the next
request, or None. Declared once per entity (its settings), copied per walk (its state), so one
declaration serves concurrent calls. :meth:`~anycart.platforms.kit.rest.RestClient.pages` runs
the loop.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

import httpx

__all__ = ["PAGINATORS", "BodyCursor", "Connection", "LinkHeader", "Offset", "PageNumber",
           "Paginator", "SearchCriteria", "SinceId", "dig"]

Params = dict[str, Any]


def dig(data: Any, path: str) -> Any:
    """``data["a"]["b"]`` for ``"a.b"``; ``""`` is ``data`` itself; None where a step is missing."""
    for step in path.split(".") if path else ():
        if not isinstance(data, Mapping):
            return None
        data = data.get(step)
    return data


class Paginator:
    """The common protocol; subclasses say what the first and next requests ask for.

    ``records``: the dotted path of the record list in the body (``""``: the body is the list;
    ``"products"``; ``"data.products.nodes"``). ``page_size``: the most records one request
    asks for (the platform's cap). After a walk, :attr:`total` holds the platform's count of
    the whole list when it said one (total headers or a body total).
    """

    def __init__(self, *, records: str = "", page_size: int = 100) -> None:
        self.records = records
        self.page_size = page_size
        self.total: int | None = None
        self._base: Params = {}
        self._skip = 0  # records of the next page before ``start``
        self._left = 0  # records still wanted
        self._next: Params | None = None

    # -- the protocol -------------------------------------------------------------------------
    def fresh(self) -> Paginator:
        """A copy for one walk: the declaration's settings, no state."""
        return copy.copy(self)

    def first(self, params: Mapping[str, Any], start: int, count: int) -> Params:
        """The parameters of the first request for records ``start .. start+count``."""
        self._base = {k: v for k, v in params.items() if v is not None}
        self._left = max(0, count)
        self.total = None
        return self._first(max(0, start))

    def take(self, response: httpx.Response) -> list[dict[str, Any]]:
        """The wanted records of one answer; prepares the next request (:attr:`has_more`)."""
        body = response.json() if response.content else None
        found = dig(body, self.records)
        raw = [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []
        self._learn(response, body)
        wanted = raw[self._skip:][:self._left]
        self._skip = max(0, self._skip - len(raw))
        self._left -= len(wanted)
        self._next = self._after(response, body, raw) if self._left > 0 and raw else None
        return wanted

    @property
    def has_more(self) -> bool:
        return self._next is not None

    def next_params(self) -> Params | None:
        """The parameters of the next request (the whole query), or None at the end."""
        return self._next

    # -- what a scheme says -------------------------------------------------------------------
    def _first(self, start: int) -> Params:
        raise NotImplementedError

    def _after(self, response: httpx.Response, body: Any, raw: list[dict[str, Any]]) -> Params | None:
        raise NotImplementedError

    def _learn(self, response: httpx.Response, body: Any) -> None:
        """Read what the answer says about the whole list (:attr:`total`)."""

    def _size(self) -> int:
        """Records to ask for next: what is still wanted (plus those to skip), at most a page."""
        return max(1, min(self.page_size, self._skip + self._left))


class Offset(Paginator):
    """``offset``/``limit`` (Shift4Shop: ``base=1``, the offset of the first record is 1)."""

    def __init__(self, *, offset_param: str = "offset", limit_param: str = "limit", base: int = 0,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.offset_param, self.limit_param, self.base = offset_param, limit_param, base
        self._offset = self._asked = 0

    def _first(self, start: int) -> Params:
        self._offset = start
        return self._query()

    def _query(self) -> Params:
        self._asked = min(self.page_size, self._left)
        return {**self._base, self.offset_param: self._offset + self.base,
                self.limit_param: self._asked}

    def _after(self, response: httpx.Response, body: Any, raw: list[dict[str, Any]]) -> Params | None:
        if len(raw) < self._asked:
            return None
        self._offset += len(raw)
        return self._query()


class PageNumber(Paginator):
    """``page``/``per_page`` (WooCommerce, WordPress): pages from ``first_page``; the end is a
    short page, or the platform's count: ``X-WP-TotalPages`` / ``X-WP-Total`` headers or a
    body total (``total_path``). A ``start`` inside a page skips the records before it."""

    def __init__(self, *, page_param: str = "page", size_param: str = "per_page",
                 first_page: int = 1, total_header: str | None = "X-WP-Total",
                 pages_header: str | None = "X-WP-TotalPages", total_path: str | None = None,
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.page_param, self.size_param, self.first_page = page_param, size_param, first_page
        self.total_header, self.pages_header, self.total_path = total_header, pages_header, total_path
        self._page = self._per_page = 0
        self._pages: int | None = None

    def _first(self, start: int) -> Params:
        self._per_page = max(1, min(self.page_size, self._left))
        self._page = start // self._per_page
        self._skip = start % self._per_page
        return self._query()

    def _query(self) -> Params:
        return {**self._base, self.page_param: self._page + self.first_page,
                self.size_param: self._per_page}

    def _learn(self, response: httpx.Response, body: Any) -> None:
        headers = response.headers
        total = _int(headers.get(self.total_header)) if self.total_header else None
        if total is None and self.total_path:
            total = _int(dig(body, self.total_path))
        self.total = total if total is not None else self.total
        pages = _int(headers.get(self.pages_header)) if self.pages_header else None
        if pages is None and self.total is not None:
            pages = -(-self.total // self._per_page)
        self._pages = pages

    def _after(self, response: httpx.Response, body: Any, raw: list[dict[str, Any]]) -> Params | None:
        if len(raw) < self._per_page or (self._pages is not None and self._page + 1 >= self._pages):
            return None
        self._page += 1
        return self._query()


class SearchCriteria(PageNumber):
    """Magento 2's ``searchCriteria[pageSize]``/``[currentPage]`` with ``total_count`` in the
    body. Magento answers a ``currentPage`` past the end with the last page again, so the walk
    ends by the total (never by an empty page), and a page past it holds none of the list.

    The query it is given is written as searchCriteria (:func:`criteria`): each key a filter
    of its own group (an AND), ``field`` or ``field:condition`` (``created_at:gteq``,
    ``entity_id:in``, ``name:like``), and ``sortOrders`` as ``field:DIRECTION``."""

    def __init__(self, **kw: Any) -> None:
        kw = {"page_param": "searchCriteria[currentPage]", "size_param": "searchCriteria[pageSize]",
              "total_header": None, "pages_header": None, "total_path": "total_count",
              "records": "items", **kw}
        super().__init__(**kw)

    def first(self, params: Mapping[str, Any], start: int, count: int) -> Params:
        return super().first(criteria(params), start, count)

    def take(self, response: httpx.Response) -> list[dict[str, Any]]:
        wanted = super().take(response)
        if self.total is not None and self._page * self._per_page >= self.total:
            self._next = None  # the last page again, not records of this one
            return []
        return wanted


#: The searchCriteria key of each part of a filter.
_SC = "searchCriteria[{}]"


def criteria(query: Mapping[str, Any]) -> Params:
    """A flat query as Magento's searchCriteria parameters (see :class:`SearchCriteria`):
    ``{"created_at:gteq": d, "sortOrders": "id:ASC"}`` -> ``searchCriteria[filter_groups][0]
    [filters][0][field]=created_at``, ``...[value]=d``, ``...[condition_type]=gteq``,
    ``searchCriteria[sortOrders][0][field]=id``... A ``like`` value without a wildcard is
    matched anywhere (``%value%``); searchCriteria keys given as they are stay."""
    out: Params = {}
    group = 0
    for key, value in query.items():
        if key.startswith("searchCriteria"):
            out[key] = value
        elif key == "sortOrders":
            field, _, direction = str(value).partition(":")
            out[_SC.format("sortOrders][0][field")] = field
            out[_SC.format("sortOrders][0][direction")] = direction or "ASC"
        else:
            field, _, condition = key.partition(":")
            text = str(value)
            if condition == "like" and "%" not in text:
                text = f"%{text}%"
            at = f"filter_groups][{group}][filters][0]"
            out[_SC.format(at + "[field")] = field
            out[_SC.format(at + "[value")] = text
            out[_SC.format(at + "[condition_type")] = condition or "eq"
            group += 1
    return out


class LinkHeader(Paginator):
    """RFC 8288 ``Link: <...>; rel="next"`` (Shopify REST): the next request is the next URL's
    query, whole (Shopify takes no filters beside ``page_info``), plus the first request's
    parameters named in ``keep`` (Shopify's ``fields``). Cursors cannot jump: a ``start`` is
    reached by reading and dropping the records before it."""

    def __init__(self, *, limit_param: str = "limit", keep: tuple[str, ...] = (),
                 **kw: Any) -> None:
        super().__init__(**kw)
        self.limit_param = limit_param
        self.keep = keep

    def _first(self, start: int) -> Params:
        self._skip = start
        return {**self._base, self.limit_param: self._size()}

    def _after(self, response: httpx.Response, body: Any, raw: list[dict[str, Any]]) -> Params | None:
        url = response.links.get("next", {}).get("url")
        if not url:
            return None
        kept = {k: self._base[k] for k in self.keep if k in self._base}
        return {**kept, **httpx.URL(url).params, self.limit_param: self._size()}


class SinceId(Paginator):
    """Ascending ids after ``since_id`` (Shopify REST): the next request starts after the last
    id read; a short page is the end. A ``since_id`` in the filters is where the walk begins."""

    def __init__(self, *, since_param: str = "since_id", id_field: str = "id",
                 limit_param: str = "limit", **kw: Any) -> None:
        super().__init__(**kw)
        self.since_param, self.id_field, self.limit_param = since_param, id_field, limit_param
        self._asked = 0

    def _first(self, start: int) -> Params:
        self._skip = start
        self._asked = self._size()
        return {**self._base, self.limit_param: self._asked}

    def _after(self, response: httpx.Response, body: Any, raw: list[dict[str, Any]]) -> Params | None:
        if len(raw) < self._asked or raw[-1].get(self.id_field) is None:
            return None
        self._asked = self._size()
        return {**self._base, self.since_param: raw[-1][self.id_field],
                self.limit_param: self._asked}


class BodyCursor(Paginator):
    """A cursor in the body (GraphQL ``pageInfo { endCursor hasNextPage }``): ``cursor_path``
    and ``more_path`` are dotted paths into the answer; the cursor goes back in
    ``cursor_param`` and the page size in ``size_param`` (GraphQL variables ``after``/``first``
    when the walk is a GraphQL query)."""

    def __init__(self, *, cursor_path: str, more_path: str | None = None,
                 cursor_param: str = "after", size_param: str = "first", **kw: Any) -> None:
        super().__init__(**kw)
        self.cursor_path, self.more_path = cursor_path, more_path
        self.cursor_param, self.size_param = cursor_param, size_param

    def _first(self, start: int) -> Params:
        self._skip = start
        return {**self._base, self.size_param: self._size()}

    def _after(self, response: httpx.Response, body: Any, raw: list[dict[str, Any]]) -> Params | None:
        cursor = dig(body, self.cursor_path)
        more = bool(dig(body, self.more_path)) if self.more_path else cursor is not None
        if not more or cursor is None:
            return None
        return {**self._base, self.cursor_param: cursor, self.size_param: self._size()}


class Connection(BodyCursor):
    """A GraphQL connection (the Relay cursor spec: ``nodes`` and ``pageInfo { hasNextPage
    endCursor }``) at ``root`` under ``data`` (``"products"``; ``"product.variants"`` for one
    nested under a record): the cursor goes back in the ``after`` variable, the page size in
    ``first``. ``resume``: a cursor to start after (a contract page resumed from the cursor
    AnyCart carried in ``page_cursor``); :attr:`end_cursor` is where the walk stopped."""

    def __init__(self, root: str, *, resume: str | None = None, **kw: Any) -> None:
        base = f"data.{root}"
        super().__init__(records=f"{base}.nodes", cursor_path=f"{base}.pageInfo.endCursor",
                         more_path=f"{base}.pageInfo.hasNextPage", **kw)
        self.root = root
        self.resume = resume
        self.end_cursor: str | None = None
        self.has_next = False

    def _first(self, start: int) -> Params:
        self.end_cursor, self.has_next = self.resume, False
        first = super()._first(start)
        return {**first, self.cursor_param: self.resume} if self.resume else first

    def _learn(self, response: httpx.Response, body: Any) -> None:
        # the cursor of the last record taken is where the next contract page resumes
        self.has_next = bool(dig(body, self.more_path or ""))
        self.end_cursor = dig(body, self.cursor_path) or self.end_cursor


def _int(value: Any) -> int | None:
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


#: The paginators by the names connectors declare.
PAGINATORS: dict[str, type[Paginator]] = {
    "offset": Offset,
    "page": PageNumber,
    "link": LinkHeader,
    "since_id": SinceId,
    "body_cursor": BodyCursor,
    "search_criteria": SearchCriteria,
}
