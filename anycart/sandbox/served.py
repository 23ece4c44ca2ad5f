"""A shared engine for declared collections: what a REST simulator does with any record of
any collection, its platform filling in the steps that differ.

A platform subclasses :class:`Served` once (over its store type and its resource
declaration) and overrides the steps; the engine runs them in the order every platform
keeps them:

- :meth:`Served.save`: check the body, a draft (a blank record, or a copy of the stored one:
  nothing is kept when a later step refuses), the parent's id on a new child, the body
  written, timestamps, the collection's own rules (hooks), uniqueness, store, webhook;
- :meth:`Served.parent`: the parent a nested path names, the platform's 404 when it is
  missing (or hidden: a trashed post); :meth:`Served.find`: a record under that parent,
  else the platform's 404 (a record of another parent is missing too);
- :meth:`Served.delete`: the record and its parts (rows of other tables naming it), then
  :meth:`Served.detach` and the webhook;
- :meth:`Served.routes`: a resource's Starlette routes, each handler given a :class:`Hit`
  (store, resource, query, parent, and the record an item path names, already found).
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .errors import SimError
from .params import json_body
from .resources import Resource
from .table import Record, Table
from .tenants import tenant_of


class HasTables(Protocol):
    def table(self, path: str) -> Table: ...


class Keeps(Protocol):
    """A store keeping its tables as ``data`` (a :class:`~.table.Tables`)."""

    @property
    def data(self) -> HasTables: ...


class Declared(Protocol):
    """A collection's declaration naming the table it keeps its records in."""

    @property
    def table(self) -> str: ...


@dataclass(frozen=True)
class Below:
    """Records kept under a parent: the parent's table, the record field holding its id and
    the path parameter naming it."""

    table: str
    field: str
    param: str


S = TypeVar("S", bound=Keeps)
R = TypeVar("R", bound=Declared)


@dataclass
class Hit(Generic[S, R]):
    """One request to a collection, as its handlers see it."""

    served: Served[S, R]
    store: S
    res: R
    request: Request
    params: dict[str, str]
    parent: Any = None
    record: Record | None = None  # the item path's record (item routes only)

    @property
    def found(self) -> Record:
        assert self.record is not None, "an item route's record"
        return self.record

    async def body(self) -> Any:
        return await self.served.read(self.request)


Handler = Callable[[Hit[S, R]], Awaitable[Response]]


class Served(Generic[S, R]):
    """The engine; the steps below are the defaults a platform overrides."""

    # -- where records are --------------------------------------------------------------------
    def tables(self, store: S) -> HasTables:
        return store.data

    def table(self, store: S, res: R) -> Table:
        return self.tables(store).table(res.table)

    def below(self, res: R) -> Below | None:
        """Where the collection's records sit under a parent (None: top-level)."""
        return None

    def missing(self, res: R, parent: bool) -> SimError:
        """The 404 of a missing record (``parent``: of its missing parent)."""
        return SimError(404)

    def hidden(self, record: Record) -> bool:
        """A parent that exists but does not count (WordPress's trash)."""
        return False

    def key(self, res: R) -> str:
        """The field a record is stored under."""
        return "id"

    def parts(self, res: R) -> Iterable[tuple[str, str]]:
        """(table, field naming the record): the rows that go when the record goes."""
        return ()

    # -- the save steps -----------------------------------------------------------------------
    def check(self, store: S, res: R, body: dict[str, Any], created: bool) -> None:
        """Refuse a body before anything changes (raise the platform's error)."""

    def blank(self, store: S, res: R) -> Record:
        raise NotImplementedError

    def write(self, store: S, res: R, draft: Record, body: dict[str, Any]) -> None:
        raise NotImplementedError

    def stamp(self, store: S, res: R, draft: Record, body: dict[str, Any], created: bool,
              when: Any) -> None:
        """Timestamps (created on a new record, modified always) at ``when`` (None: the
        store's clock)."""

    def rules(self, store: S, res: R, draft: Record, body: dict[str, Any],
              created: bool) -> None:
        """The collection's own rules: derived fields, cross-record checks."""

    def unique(self, store: S, res: R, draft: Record) -> None:
        """Refuse a draft another record already holds a unique value of."""

    def store(self, store: S, res: R, draft: Record) -> None:
        self.table(store, res)[draft[self.key(res)]] = draft  # replaced whole: indexes follow

    def announce(self, store: S, res: R, record: Record, event: str) -> None:
        """The webhook of ``event`` (created, updated, deleted)."""

    def detach(self, store: S, res: R, record: Record, parent: Any) -> None:
        """After a delete: what still names the record (a parent's list of ids)."""

    def unreadable(self) -> SimError:
        """The platform's answer to a body that does not parse (its 400)."""
        return SimError(400)

    async def read(self, request: Request) -> Any:
        """The request's JSON body (None when empty), :meth:`unreadable` when it does not
        parse."""
        return await json_body(request, self.unreadable)

    # -- the engine ---------------------------------------------------------------------------
    def save(self, store: S, res: R, body: dict[str, Any], record: Record | None,
             parent: Any = None, when: Any = None) -> Record:
        """A new record (``record`` None) or a changed one, stored and announced; ``when``:
        the moment it is written at (seeding's past, else the store's clock)."""
        created = record is None
        self.check(store, res, body, created)
        draft = self.blank(store, res) if record is None else copy.deepcopy(record)
        below = self.below(res)
        if created and below is not None and parent is not None:
            draft[below.field] = parent
        self.write(store, res, draft, body)
        self.stamp(store, res, draft, body, created, when)
        self.rules(store, res, draft, body, created)
        self.unique(store, res, draft)
        self.store(store, res, draft)
        self.announce(store, res, draft, "created" if created else "updated")
        return draft

    def parent(self, store: S, res: R, path: Mapping[str, Any]) -> Any:
        below = self.below(res)
        if below is None:
            return None
        pid = path[below.param]
        table = self.tables(store).table(below.table)
        if pid not in table or self.hidden(table.peek(pid)):
            raise self.missing(res, True)
        return pid

    def find(self, store: S, res: R, key: Any, parent: Any = None) -> Record:
        table, below = self.table(store, res), self.below(res)
        if key not in table or (below is not None and
                                table.peek(key).get(below.field) != parent):
            raise self.missing(res, False)
        found: Record = table[key]
        return found

    def delete(self, store: S, res: R, record: Record, parent: Any = None) -> None:
        key = record[self.key(res)]
        del self.table(store, res)[key]
        for name, field_name in self.parts(res):  # a product's variants, an order's notes
            rows = self.tables(store).table(name)
            for part in [k for k in rows if rows.peek(k).get(field_name) == key]:
                del rows[part]
        self.detach(store, res, record, parent)
        self.announce(store, res, record, "deleted")

    def routes(self, res: R, path: str, collection: Mapping[str, Handler[S, R]],
               item: Mapping[str, Handler[S, R]], *, id: str = "{key:int}",
               extra: Iterable[tuple[str, Mapping[str, Handler[S, R]]]] = ()) -> list[Route]:
        """``path`` (list, create...), ``path/{id}`` (the record found first) and ``extra``
        paths, each method to its handler."""
        key = id.strip("{}").split(":")[0]

        def endpoint(handler: Handler[S, R], one: bool) -> Callable[[Request],
                                                                     Awaitable[Response]]:
            async def run(request: Request) -> Response:
                store: S = tenant_of(request)
                hit = Hit(self, store, res, request, dict(request.query_params),
                          self.parent(store, res, request.path_params))
                if one:
                    hit.record = self.find(store, res, request.path_params[key], hit.parent)
                return await handler(hit)
            return run

        def each(methods: Mapping[str, Handler[S, R]], one: bool) -> dict[str, Any]:
            return {m: endpoint(h, one) for m, h in methods.items()}

        return Resource(path, each(collection, False), item=each(item, True), id=id,
                        extra=tuple((sub, each(m, False)) for sub, m in extra)).routes()


__all__ = ["Below", "Handler", "Hit", "Served"]
