"""Lists in ascending id order behind a cursor that cannot jump (Shopify REST).

The contract pages by ``start``/``count``; such a platform by an opaque cursor in the ``Link``
header (``page_info``) and by ``since_id``. :meth:`IdList.listed` serves a contract page:

- from the start, or from a cursor AnyCart carried in ``page_cursor`` (``_page_info``), one
  request along the ``Link`` header;
- a jump to an arbitrary ``start`` walks the ids before it (``fields=id``, a page each) and
  goes on by ``since_id``; the next page then resumes after the last id (``_after_id``);
- the total (``_total``) comes from a count endpoint, or, for filters it ignores, by listing
  ids, and travels in ``page_cursor`` so later pages do not count again.

Every unbounded read (:meth:`IdList.walk`) stops after ``walk_limit`` requests: the call is
then refused (108, with what would narrow it), never answered with what was read so far.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Awaitable, Callable, Mapping
from contextlib import aclosing
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, ClassVar, Protocol

import httpx

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call, Page

from .connector import KitConnector
from .entities import Backend, Entity, Query, Runner
from .rest import RestClient

Record = dict[str, Any]


def _set(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if v is not None}


@dataclass(frozen=True)
class IdList:
    client: RestClient
    #: The most records one request returns.
    page_size: int
    #: The most requests one call may spend on an unbounded read.
    walk_limit: int
    since_param: str = "since_id"
    cursor_param: str = "page_info"
    limit_param: str = "limit"

    async def records(self, path: str, key: str, params: Mapping[str, Any]) -> list[Record]:
        """One request's records (``key`` in the body)."""
        return (await self.client.get_json(path, params=_set(params)) or {}).get(key) or []

    async def page(self, path: str, key: str, params: Mapping[str, Any], limit: int,
                   cursor: str | None = None) -> tuple[list[Record], str | None]:
        """One page and the cursor of the next (``Link: rel="next"``), or None. With a
        cursor the platform takes no filters (the cursor carries them), only the page size
        and ``fields``."""
        query = ({self.cursor_param: cursor, "fields": params.get("fields")} if cursor
                 else _set(params))
        response = await self.client.request("GET", path,
                                             params={**query, self.limit_param: limit})
        nxt = response.links.get("next", {}).get("url")
        token = httpx.URL(nxt).params.get(self.cursor_param) if nxt else None
        return response.json().get(key) or [], token

    async def walk(self, path: str, key: str, params: Mapping[str, Any],
                   narrow: str) -> AsyncGenerator[list[Record], None]:
        """Every page of a list, along the ``Link`` header, bounded (108 suggesting
        ``narrow`` past :attr:`walk_limit` requests)."""
        token: str | None = None
        for _ in range(self.walk_limit):
            items, token = await self.page(path, key, params, self.page_size, token)
            yield items
            if not token:
                return
        raise ApiError(ReturnCode.SEARCH_PARAMS_MISSING,
                       f"{self.client.platform} has more than {self.walk_limit * self.page_size} "
                       f"records in {path.removesuffix('.json')} to read for this call, the most "
                       f"AnyCart reads at once: narrow it with {narrow}.")

    async def every(self, path: str, key: str, params: Mapping[str, Any],
                    narrow: str) -> list[Record]:
        return [r async for chunk in self.walk(path, key, params, narrow) for r in chunk]

    async def _ids_after(self, path: str, key: str, base: Mapping[str, Any], since: int,
                         limit: int) -> list[Record]:
        return await self.records(path, key, {**base, "fields": "id", self.limit_param: limit,
                                              self.since_param: since or None})

    async def count_listed(self, path: str, key: str, params: Mapping[str, Any]) -> int:
        """Count by listing ids, a full page a request (filters a count endpoint ignores)."""
        base = _set(params)
        since, total = int(base.pop(self.since_param, 0) or 0), 0
        while True:
            chunk = await self._ids_after(path, key, base, since, self.page_size)
            total += len(chunk)
            if len(chunk) < self.page_size:
                return total
            since = chunk[-1]["id"]

    async def window(self, path: str, key: str, params: Mapping[str, Any], start: int,
                     count: int, after_id: int | None = None) -> list[Record]:
        """Records ``start .. start+count``; ``after_id``: the id before ``start`` when the
        caller knows it (then no walk over the ids before)."""
        base = _set(params)
        since = int(base.pop(self.since_param, 0) or 0)
        if after_id is not None:
            since = max(since, after_id)
        else:
            skipped = 0
            while skipped < start:
                ids = await self._ids_after(path, key, base, since,
                                            min(self.page_size, start - skipped))
                if not ids:
                    return []
                since, skipped = ids[-1]["id"], skipped + len(ids)
        out: list[Record] = []
        while len(out) < count:
            limit = min(self.page_size, count - len(out))
            chunk = await self.records(path, key, {**base, self.since_param: since or None,
                                                   self.limit_param: limit})
            out.extend(chunk)
            if len(chunk) < limit:
                break
            since = chunk[-1]["id"]
        return out

    async def listed(self, path: str, key: str, query: Mapping[str, Any], start: int,
                     count: int, resume: Mapping[str, Any],
                     total: Callable[[], Awaitable[int]]
                     ) -> tuple[list[Record], int, dict[str, Any]]:
        """A contract page: its records, the total and the resume hints of the next page.
        ``total``: how to count, called only when ``resume`` carries no total yet."""
        cursor, after = resume.get("_page_info"), resume.get("_after_id")
        known = resume.get("_total")
        next_cursor: str | None = None
        if cursor or (start == 0 and after is None):
            reading: Awaitable[tuple[list[Record], str | None]] = self.page(
                path, key, query, count, cursor)
        else:
            reading = self._plain(self.window(path, key, query, start, count,
                                              int(after) if after is not None else None))
        if known is None:
            (items, next_cursor), known = await asyncio.gather(reading, total())
        else:
            items, next_cursor = await reading
        hints: dict[str, Any] = {"_total": known}
        if next_cursor:
            hints["_page_info"] = next_cursor
        elif items:
            hints["_after_id"] = items[-1]["id"]
        return items, int(known or 0), hints

    @staticmethod
    async def _plain(items: Awaitable[list[Record]]) -> tuple[list[Record], None]:
        return await items, None


@dataclass(frozen=True)
class IdListBackend:
    """One entity's records on an :class:`IdList` platform, as the entity runner's backend:
    ``<path>.json`` lists, ``<path>/<id>.json`` one record under ``one``, writes wrapped in
    ``{one: ...}``, ``<path>/count.json`` counts (``counted``) except for the filters in
    ``uncountable``, which it ignores. ``defaults``: query values every list sends;
    ``route``: takes a filter out of the query and answers (list path, count path or None)
    for it (Shopify lists a customer's orders under the customer, and finds customers
    through a search endpoint)."""

    ids: IdList
    entity: Entity
    one: str
    many: str
    counted: bool = True
    uncountable: tuple[str, ...] = ("ids", "since_id")
    defaults: Mapping[str, Any] = field(default_factory=dict)
    route: Callable[[Query], tuple[str, str | None]] | None = None
    narrow: str = "a longer find_value"

    def _source(self, query: Query) -> tuple[Query, str, str | None]:
        q = {**self.defaults, **query}
        if self.route is not None:
            path, count_path = self.route(q)
            return q, path, count_path
        base = self.entity.path
        return q, base + ".json", base + "/count.json" if self.counted else None

    async def _count(self, q: Query, path: str, count_path: str | None) -> int:
        if count_path is None or any(q.get(name) for name in self.uncountable):
            return await self.ids.count_listed(path, self.many, q)
        return int((await self.ids.client.get_json(count_path, params=q) or {}).get("count") or 0)

    async def listed(self, query: Query, start: int, count: int,
                     resume: Mapping[str, Any]) -> tuple[list[Record], int, dict[str, Any]]:
        q, path, count_path = self._source(query)
        # the total of the whole list, wherever this page starts
        whole = {k: v for k, v in q.items() if k != self.ids.since_param}
        return await self.ids.listed(path, self.many, q, start, count, resume,
                                     lambda: self._count(whole, path, count_path))

    async def page(self, query: Query, start: int, count: int) -> tuple[list[Record], int | None]:
        """From the start: along the ``Link`` header, bounded (a find: every match)."""
        q, path, _ = self._source(query)
        if start:
            return await self.ids.window(path, self.many, q, start, count), None
        out: list[Record] = []
        async with aclosing(self.ids.walk(path, self.many, q, self.narrow)) as pages:
            async for chunk in pages:
                out.extend(chunk)
                if len(out) >= count:
                    break
        return out[:count], None

    async def read(self, query: Query, start: int = 0, count: int | None = None) -> list[Record]:
        """Records of a query, no total (all of them, bounded by the walk limit, by default)."""
        items, _ = await self.page(query, start, count if count is not None else 1 << 40)
        return items

    async def count(self, query: Query) -> int:
        return await self._count(*self._source(query))

    def _path(self, ident: str) -> str:
        return f"{self.entity.path}/{ident}.json"

    async def get(self, ident: str) -> Record | None:
        if not ident.isdecimal():  # ids are numbers: anything else is no record
            return None
        response = await self.ids.client.request("GET", self._path(ident), allow={404})
        return None if response.status_code == 404 else response.json().get(self.one)

    async def create(self, body: dict[str, Any]) -> str:
        response = await self.ids.client.request("POST", self.entity.path + ".json",
                                                 json={self.one: body})
        return str(response.json()[self.one][self.entity.id_field])

    async def update(self, ident: str, body: dict[str, Any]) -> None:
        if not ident.isdecimal():
            raise self.entity.not_found(ident)
        await self.ids.client.request("PUT", self._path(ident), entity=self.entity.label,
                                      ident=ident, json={self.one: {"id": int(ident), **body}})

    async def delete(self, ident: str) -> None:
        if not ident.isdecimal():
            raise self.entity.not_found(ident)
        await self.ids.client.request("DELETE", self._path(ident), entity=self.entity.label,
                                      ident=ident)


class Listed(Backend, Protocol):
    """A backend serving a contract page with the hints its next page resumes from
    (:meth:`IdListBackend.listed`; :class:`~.connections.ConnectionBackend` is the other)."""

    async def listed(self, query: Query, start: int, count: int, resume: Mapping[str, Any]
                     ) -> tuple[list[Record], int, dict[str, Any]]: ...


class IdListRunner(Runner):
    """The entity runner whose lists resume from ``page_cursor`` (:meth:`IdList.listed`)."""

    backend: Listed

    async def list(self, call: Call) -> Page:
        if self.prepare is not None:
            call = await self.prepare(call)
        query = self.entity.query(call.params, self.cart)
        items, total, resume = await self.backend.listed(query, call.start, call.count,
                                                         call.params)
        return Page(await self.unified(items), total, resume=resume)


class IdListConnector(KitConnector):
    """A declared connector whose entities live on an :class:`IdList` platform: ``backends``
    gives each entity's :class:`IdListBackend` settings (``one``, ``many``...); a subclass
    makes the store's client (:meth:`make_client`) and its :class:`IdList`."""

    backends: ClassVar[Mapping[str, Mapping[str, Any]]] = {}
    runner_class = IdListRunner

    def make_client(self) -> RestClient:
        raise NotImplementedError

    def make_lists(self, client: RestClient) -> IdList:
        raise NotImplementedError

    @cached_property
    def rest(self) -> RestClient:
        return self.make_client()

    @cached_property
    def ids(self) -> IdList:
        return self.make_lists(self.rest)

    def backend(self, entity: Entity) -> Listed:
        return IdListBackend(self.ids, entity, **self.backends[entity.name])
