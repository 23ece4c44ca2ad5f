"""Lists that are GraphQL connections, as the entity runner's backend (Shopify's Admin API).

Records come in id order behind cursors that cannot jump, as on an
:mod:`~.idlist` platform, and a contract page resumes the same way from what AnyCart carried
in ``page_cursor``: ``_page_info`` the connection's ``endCursor``, ``_total`` the count. A jump
to an arbitrary ``start`` walks the ids before it through the light ``ids`` document (a
cursor and an id a record), then reads on from the cursor it stopped at. Every unbounded read
stops after ``walk_limit`` requests: the call is then refused (108), never answered short.

The platform declares the documents (:class:`Documents`), how a node becomes the record the
entity's fields read (``shape``), how the entity's query becomes the documents' variables
(``variables``: a search string, say) and how a contract id becomes the platform's. Writes go
to ``writes``: a backend of their own (GraphQL mutations).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from anycart.errors import ApiError, ReturnCode

from .entities import Entity, Query
from .graphql import GraphQL
from .pagination import Connection, dig

__all__ = ["ConnectionBackend", "Documents", "Writes"]

Record = dict[str, Any]


class Writes(Protocol):
    """Where an entity's records are written (mutations)."""

    async def create(self, body: Record) -> str: ...
    async def update(self, ident: str, body: Record) -> None: ...
    async def delete(self, ident: str) -> None: ...


@dataclass(frozen=True)
class Documents:
    """One entity's documents: ``list`` a connection at ``root`` (variables ``first``,
    ``after`` and the query's), ``ids`` the same connection asking only for ids, ``one`` a
    record by ``id`` (at ``one_root``), ``count`` the query's count at ``count_root.count``
    (None: counted by walking the ids), ``nodes`` the records of a list of ids (``$ids``, the
    answer's ``nodes``: one request, no search, and nothing missed that a search index has
    not seen yet)."""

    root: str
    list: str
    ids: str
    one: str
    one_root: str
    count: str | None = None
    count_root: str | None = None
    nodes: str | None = None


@dataclass(frozen=True)
class ConnectionBackend:
    gql: GraphQL
    entity: Entity
    docs: Documents
    #: A node as the record the entity's field map reads.
    shape: Callable[[Record], Record]
    #: The entity's query (its filters, see :meth:`~.entities.Entity.query`) as variables.
    variables: Callable[[Query], dict[str, Any]]
    #: A contract id as the platform's (None: it names no record).
    ident: Callable[[str], str | None]
    #: Where the entity's writes go (create, update, delete).
    writes: Writes | None = None
    #: Variables the list and the one-record documents always take (nested page sizes).
    list_vars: Mapping[str, Any] = field(default_factory=dict)
    one_vars: Mapping[str, Any] = field(default_factory=dict)
    #: A record read by id, completed (nested connections longer than one page); with
    #: ``complete_listed`` each listed record too (an order's lines: none may be left out).
    complete: Callable[[GraphQL, Record], Awaitable[Record]] | None = None
    complete_listed: bool = False
    #: Records one request asks for (a connection's cost grows with it; 0: the client's).
    page_size: int = 0
    walk_limit: int = 200
    narrow: str = "a narrower filter"
    #: The query keys of a list of ids (comma-separated) and of "the ids after": a query of
    #: nothing else is read through :attr:`Documents.nodes`.
    ids_key: str = "ids"
    since_key: str = "since_id"
    @property
    def _size(self) -> int:
        return self.page_size or self.gql.page_size

    def _refused(self) -> ApiError:
        most = self.walk_limit * self._size
        return ApiError(ReturnCode.SEARCH_PARAMS_MISSING,
                        f"{self.gql.rest.platform} has more than {most} {self.docs.root} to "
                        f"read for this call, the most AnyCart reads at once: narrow it with "
                        f"{self.narrow}.")

    async def _walk(self, document: str, query: Query, start: int, count: int | None,
                    resume: str | None = None, size: int = 0) -> tuple[list[Record], Connection]:
        """Nodes ``start .. start+count`` (``count`` None: all, bounded by the walk limit),
        ``size`` a request (the entity's page size by default)."""
        size = size or self._size
        bound = self.walk_limit * size
        walk = Connection(self.docs.root, page_size=size, resume=resume)
        wanted = min(count, bound) if count is not None else bound
        nodes = [n async for chunk in self.gql.pages(
            document, self.docs.root, {**self.list_vars, **self.variables(query)}, start, wanted,
            walk=walk) for n in chunk]
        if count is None and walk.has_next:
            raise self._refused()
        return nodes, walk

    def _by_ids(self, query: Query) -> bool:
        return (self.docs.nodes is not None and query.get(self.ids_key) not in (None, "")
                and set(query) <= {self.ids_key, self.since_key})

    async def _nodes(self, query: Query) -> list[Record]:
        """The records of the query's ids, in id order (the unknown ones left out)."""
        assert self.docs.nodes is not None
        asked = [i for i in (self.ident(t.strip()) for t in str(query[self.ids_key]).split(","))
                 if i is not None]
        data = await self.gql.run(self.docs.nodes, {**self.list_vars, "ids": asked}) if asked else {}
        found = [self.shape(n) for n in await self._completed([n for n in data.get("nodes") or []
                                                               if n])]
        since = query.get(self.since_key)
        keep = [r for r in found if since in (None, "") or self.entity.ident(r) >
                self.entity.ident({self.entity.id_field: since})]
        return sorted(keep, key=self.entity.ident)

    async def _read(self, query: Query, start: int, count: int | None,
                    resume: str | None = None) -> tuple[list[Record], Connection]:
        if self._by_ids(query):
            found = await self._nodes(query)
            return found[start:][:count], Connection(self.docs.root)
        if start and resume is None:  # cursors cannot jump: the ids before ``start`` are walked
            if start > self.walk_limit * self.gql.page_size:  # ids come a full page each
                raise self._refused()
            ids, before = await self._walk(self.docs.ids, query, 0, start,
                                           size=self.gql.page_size)
            if len(ids) < start or not before.has_next:
                return [], before
            start, resume = 0, before.end_cursor
        nodes, walk = await self._walk(self.docs.list, query, start, count, resume)
        return [self.shape(n) for n in await self._completed(nodes)], walk

    async def _completed(self, nodes: list[Record]) -> list[Record]:
        if self.complete is None or not self.complete_listed:
            return nodes
        return [await self.complete(self.gql, n) for n in nodes]

    async def listed(self, query: Query, start: int, count: int,
                     resume: Mapping[str, Any]) -> tuple[list[Record], int, dict[str, Any]]:
        """A contract page: its records, the total and the resume hints of the next page."""
        cursor, known = resume.get("_page_info"), resume.get("_total")
        reading = self._read(query, 0 if cursor else start, count, cursor)
        if known is None:
            (items, walk), known = await asyncio.gather(reading, self.count(query))
        else:
            items, walk = await reading
        hints: dict[str, Any] = {"_total": known}
        if walk.has_next and walk.end_cursor:
            hints["_page_info"] = walk.end_cursor
        return items, int(known or 0), hints

    async def page(self, query: Query, start: int, count: int) -> tuple[list[Record], int | None]:
        return (await self._read(query, start, count))[0], None

    async def read(self, query: Query, start: int = 0, count: int | None = None) -> list[Record]:
        return (await self._read(query, start, count))[0]

    async def count(self, query: Query) -> int:
        if self._by_ids(query):
            return len(await self._nodes(query))
        if self.docs.count is None or self.docs.count_root is None:
            return len((await self._walk(self.docs.ids, query, 0, None,
                                         size=self.gql.page_size))[0])
        data = await self.gql.run(self.docs.count, self.variables(query))
        return int(dig(data, f"{self.docs.count_root}.count") or 0)

    async def get(self, ident: str) -> Record | None:
        platform_id = self.ident(ident)
        if platform_id is None:
            return None
        node = await self.gql.one(self.docs.one, self.docs.one_root,
                                  {**self.one_vars, "id": platform_id})
        if node is not None and self.complete is not None:
            node = await self.complete(self.gql, node)
        return None if node is None else self.shape(node)

    def _writer(self) -> Writes:
        if self.writes is None:
            raise ApiError(ReturnCode.METHOD_NOT_SUPPORTED,
                           f"{self.entity.label}s are not written on {self.gql.rest.platform}.")
        return self.writes

    async def create(self, body: Record) -> str:
        return await self._writer().create(body)

    async def update(self, ident: str, body: Record) -> None:
        await self._writer().update(ident, body)

    async def delete(self, ident: str) -> None:
        await self._writer().delete(ident)
