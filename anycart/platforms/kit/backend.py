"""The usual REST shape of an entity's records, as a :class:`~.entities.Backend`.

``GET <path>`` pages (a named paginator), ``GET <path>/<id>`` one record (404: none),
``POST <path>`` creates, ``PUT <path>/<id>`` updates, ``DELETE <path>/<id>`` deletes; the
count is ``GET <count_path>``, the list itself asked for a count (``count_query``:
Shift4Shop's ``countonly=1``), or the records counted. What differs between platforms is
declared: where one record is in an answer (a list of one is that one), whether creates
send an array, whether ids are numbers (anything else is no record, never sent).

Repositories of the Magento kind declare more of their own way, none of it code:

- one record at another path than its list (``shipment/{id}``), or named by a key of its
  own (``products/{sku}``: found in the list by id first, ``get_by``);
- creates posted elsewhere (``create_path``) with defaults under what the call gives;
- a record saved whole (``whole``: PUT replaces it, so an update reads it and writes the
  changes over it; PrestaShop's webservice does the same over XML);
- body keys sent beside the wrapped record (``outside``: a new customer's ``password``);
- a read and a write transform of every record (``shape``: EAV lists as one object);
- a scope named by a query or body key (``scope_key``) that picks the client of that scope
  (``scopes``: a Magento store view's ``/rest/<code>/V1``), and the scope one record is
  read in (``get_scope``: the store view a call names).
"""

from __future__ import annotations

import asyncio
import copy
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Protocol
from urllib.parse import quote

from anycart.platforms.base import platform_error

from .entities import Entity, Query
from .fields import first_record, merge
from .pagination import Paginator
from .rest import RestClient

Record = dict[str, Any]


class Shape(Protocol):
    """How a platform record is read (:meth:`read`) and a body written (:meth:`write`),
    as :class:`~.fields.Entries` does."""

    def read(self, record: Record) -> Record: ...

    def write(self, body: Record) -> Record: ...


def numeric_id(ident: Any) -> bool:
    """A positive whole number, as platforms with numeric ids number their records."""
    text = str(ident).strip()
    return text.isdecimal() and int(text) > 0


@dataclass
class RestBackend:
    client: RestClient
    entity: Entity
    paginator: Paginator | str = "offset"
    #: Where one record is in the body of ``GET <path>/<id>`` (``"product"``; ``""``: the body).
    one: str = ""
    #: ``GET`` answering the count of a query, and where the number is in its body.
    count_path: str | None = None
    count_field: str = "count"
    #: Writes wrap the body under this key (``{"product": {...}}``), and answers likewise.
    wrap: str | None = None
    #: Parameters that make a list request answer its count instead (on ``count_path``,
    #: else on the list's own path).
    count_query: Mapping[str, Any] | None = None
    #: Ids are positive numbers: any other names no record (None, or 112 for a write).
    numeric_ids: bool = False
    #: A create sends an array of the one record (platforms whose writes take arrays).
    batch: bool = False
    #: Where the record is in a write's answer (None: under ``wrap``, BigCommerce v3
    #: answers ``{"data": {...}}`` to a bare body, Magento the bare record to a wrapped one).
    reply: str | None = None
    #: Sent with every read of one record (BigCommerce's ``include=variants,images``).
    get_query: Mapping[str, Any] | None = None
    #: One record's path, of ``{path}``, ``{id}`` and ``{key}`` (its ``key_field``); None:
    #: ``<path>/<id>``.
    one_path: str | None = None
    key_field: str | None = None
    #: One record is the list filtered by its id under this key (its path names it otherwise).
    get_by: str | None = None
    #: Where a create is posted (None: the list's path) and what it takes unless given.
    create_path: str | None = None
    create_defaults: Mapping[str, Any] = field(default_factory=dict)
    #: Saved whole: an update writes the record read with the changes over it.
    whole: bool = False
    #: Body keys sent beside the wrapped record rather than in it.
    outside: tuple[str, ...] = ()
    shape: Shape | None = None
    #: The query or body key naming a scope, and the client of the scope it names.
    scope_key: str = "_scope"
    scopes: Callable[[Any], Awaitable[RestClient]] | None = None
    #: The scope ``get`` reads one record in (None: the client's own).
    get_scope: Any = None
    #: Sent with every delete (WooCommerce's ``force=true``: without it some records go to
    #: the trash, others refuse).
    delete_query: Mapping[str, Any] = field(default_factory=dict)

    def _path(self, ident: str, record: Record | None = None) -> str:
        if self.one_path is None:
            return f"{self.entity.path}/{ident}"
        key = quote(str((record or {}).get(self.key_field or "") or ""), safe="")
        return self.one_path.format(path=self.entity.path, id=quote(ident, safe=""), key=key)

    def _shaped(self, records: list[Record]) -> list[Record]:
        return records if self.shape is None else [self.shape.read(r) for r in records]

    async def _in_scope(self, data: dict[str, Any]) -> RestBackend:
        """This backend on the client of the scope ``data`` names (its key taken out)."""
        named = data.pop(self.scope_key, None) if self.scopes is not None else None
        if named is None or self.scopes is None:
            return self
        return replace(self, client=await self.scopes(named))

    def _known(self, ident: str) -> bool:
        return not self.numeric_ids or numeric_id(ident)

    @property
    def _counted(self) -> bool:
        return self.count_path is not None or self.count_query is not None

    async def page(self, query: Query, start: int, count: int) -> tuple[list[Record], int | None]:
        query = dict(query)
        return await (await self._in_scope(query))._page(query, start, count)

    async def _page(self, query: Query, start: int, count: int) -> tuple[list[Record], int | None]:
        if self._counted:
            items, total = await asyncio.gather(self.read(query, start, count),
                                                self._count(query))
            return items, total
        return await self.read(query, start, count), None

    def walk(self, query: Query, start: int = 0,
             count: int | None = None) -> AsyncIterator[list[Record]]:
        """The records of a list, one platform page at a time (all of them by default)."""
        return self.client.pages(self.entity.path, self.paginator, query, start, count)

    async def first(self, query: Query) -> Record | None:
        """The first record of a query (one request, no count)."""
        async for chunk in self.walk(query, 0, 1):
            return chunk[0]
        return None

    async def read(self, query: Query, start: int = 0, count: int | None = None) -> list[Record]:
        """Records ``start .. start+count`` of a query (all of them by default), no count."""
        query = dict(query)
        backend = await self._in_scope(query)
        return self._shaped([r async for chunk in backend.walk(query, start, count) for r in chunk])

    async def count(self, query: Query) -> int:
        query = dict(query)
        return await (await self._in_scope(query))._count(query)

    async def _count(self, query: Query) -> int:
        if not self._counted:
            return len(await self.read(query, 0, None))
        path = self.count_path or self.entity.path
        response = await self.client.request("GET", path, params={**query, **(self.count_query or {})},
                                             allow=self.client.error_map.empty)
        if response.status_code in self.client.error_map.empty or not response.content:
            return 0
        data = response.json()
        if isinstance(data, dict):  # the number's key, case aside (as platforms vary it)
            wanted = self.count_field.lower()
            return int(next((v for k, v in data.items() if k.lower() == wanted), 0) or 0)
        return len(data) if isinstance(data, list) else int(data or 0)

    async def get(self, ident: str) -> Record | None:
        if not self._known(ident):
            return None
        if self.get_scope is not None and self.scopes is not None:
            scoped = replace(self, client=await self.scopes(self.get_scope), get_scope=None)
            return await scoped.get(ident)
        if self.get_by is not None:
            # a filter the platform ignored answers another record: only the one named counts
            found = await self.read({self.get_by: ident}, 0, 1)
            return next((r for r in found if str(r.get(self.entity.id_field)) == ident), None)
        response = await self.client.request("GET", self._path(ident), allow={404},
                                             params=self.get_query)
        if response.status_code == 404 or not response.content:
            return None
        record = first_record(response.json(), self.one)
        return None if record is None else self._shaped([record])[0]

    async def current(self, ident: str) -> Record:
        """The record as it is, for a write that needs it (112 for none)."""
        record = await self.get(ident)
        if record is None:
            raise self.entity.not_found(ident)
        return record

    async def merged(self, record: Record, changes: Record) -> Record:
        """What a whole-record update sends: the record with the changes over it."""
        return merge(copy.deepcopy(record), changes)

    def _write_body(self, body: Record) -> Any:
        body = self.shape.write(body) if self.shape is not None else body
        if not self.wrap:
            return body
        return {self.wrap: {k: v for k, v in body.items() if k not in self.outside},
                **{k: body[k] for k in self.outside if k in body}}

    def _body(self, body: Record) -> Any:
        return [self._write_body(body)] if self.batch and not self.wrap else self._write_body(body)

    async def create(self, body: Record) -> str:
        body = merge(copy.deepcopy(dict(self.create_defaults)), body)
        backend = await self._in_scope(body)
        response = await backend.client.request("POST", self.create_path or self.entity.path,
                                                json=self._body(body))
        envelope = self.wrap if self.reply is None else self.reply
        path = f"{envelope}.{self.entity.id_field}" if envelope else self.entity.id_field
        ident = self.client.created(response, path)
        if ident is None:
            raise platform_error(self.client.platform, "the answer did not name the created record.")
        return ident

    async def _named(self, ident: str, whole: bool = False) -> Record | None:
        """The record a write to ``ident`` needs (its key, or all of it), 112 for an id that
        names none."""
        if not self._known(ident):
            raise self.entity.not_found(ident)
        return await self.current(ident) if whole or self.key_field else None

    async def update(self, ident: str, body: Record) -> None:
        body = dict(body)
        backend = await self._in_scope(body)
        record = await self._named(ident, self.whole)
        if self.whole and record is not None:
            body = await self.merged(record, body)
        await backend.put(self._path(ident, record), body, ident)

    async def put(self, path: str, body: Record, ident: str) -> None:
        """An update sent (``body`` the changes, or the whole record)."""
        await self.client.request("PUT", path, json=self._write_body(body),
                                  entity=self.entity.label, ident=ident,
                                  field=self.entity.missing)

    async def delete(self, ident: str) -> None:
        await self.client.request("DELETE", self._path(ident, await self._named(ident)),
                                  params=dict(self.delete_query) or None,
                                  entity=self.entity.label, ident=ident,
                                  field=self.entity.missing)
