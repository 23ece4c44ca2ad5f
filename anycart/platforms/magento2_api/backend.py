"""Magento's records as a kit backend: lists by searchCriteria with their ``total_count``
(:class:`~anycart.platforms.kit.totals.TotalBackend` on the kit's ``SearchCriteria``), and
what Magento's repositories do their own way:

- a body is written under the entity's key (``{"product": {...}}``), beside it what is not
  the record's (a new customer's ``password``); the answer is the record, unwrapped;
- one record may live at another path than its list (``shipment/{id}``), or be named by
  another key (``products/{sku}``: a product is found by id in the list first);
- a customer is saved whole (``PUT customers/{id}`` without its names is refused);
- a list, count or write naming a store view (``_store``, the call's ``store_id``) goes to
  that view's ``/rest/<code>/V1`` (``scope`` answers its client).
"""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

from anycart.errors import ApiError
from anycart.platforms.base import platform_error
from anycart.platforms.kit.backend import numeric_id
from anycart.platforms.kit.fields import Entries, merge
from anycart.platforms.kit.rest import RestClient
from anycart.platforms.kit.totals import TotalBackend

Record = dict[str, Any]
#: The query and body key naming the store view of a call (``store_id``).
STORE = "_store"
#: EAV values, read and written by code (``custom_attributes.url_key``).
ATTRIBUTES = Entries("custom_attributes", "attribute_code")


@dataclass
class Records(TotalBackend):
    #: One record's path (``{id}``, or ``{key}``: its ``key_field``), where a new one is
    #: posted (None: the list's path) and what it takes when the call leaves it out.
    one_path: str = "{path}/{id}"
    create_path: str | None = None
    defaults_new: Mapping[str, Any] = field(default_factory=dict)
    key_field: str | None = None
    #: Body keys sent beside the wrapped record (``password``); ``whole``: saved whole.
    outside: tuple[str, ...] = ()
    whole: bool = False
    scope: Callable[[Any], Awaitable[RestClient]] | None = None

    async def _scoped(self, data: dict[str, Any]) -> Records:
        store = data.pop(STORE, None)
        return self if store is None or self.scope is None else replace(
            self, client=await self.scope(store))

    async def page(self, query: Record, start: int, count: int) -> tuple[list[Record], int | None]:
        query = dict(query)
        records, total = await TotalBackend.page(await self._scoped(query), query, start, count)
        return [ATTRIBUTES.read(r) for r in records], total

    async def count(self, query: Record) -> int:
        query = dict(query)
        return await TotalBackend.count(await self._scoped(query), query)

    def _at(self, ident: str, record: Record | None = None) -> str:
        key = quote(str((record or {}).get(self.key_field or "") or ""), safe="")
        return self.one_path.format(path=self.entity.path, id=quote(ident, safe=""), key=key)

    async def get(self, ident: str) -> Record | None:
        if not numeric_id(ident):
            return None
        if self.key_field is not None:
            found, _ = await self.page({"entity_id": ident}, 0, 1)
            return found[0] if found else None
        response = await self.client.request("GET", self._at(ident), allow={404})
        return ATTRIBUTES.read(response.json()) if response.status_code != 404 and response.content else None

    async def _named(self, ident: str) -> Record | None:
        """The record ``ident`` names, when a write needs it (112 for none)."""
        record = await self.get(ident) if self.key_field or self.whole else {}
        if record is None or not numeric_id(ident):
            raise ApiError.not_found(self.entity.label, ident)
        return record

    def _body(self, body: Record) -> Any:
        body = ATTRIBUTES.write(body)
        return {self.wrap or "entity": {k: v for k, v in body.items() if k not in self.outside},
                **{k: body[k] for k in self.outside if k in body}}

    async def create(self, body: Record) -> str:
        body = merge(copy.deepcopy(dict(self.defaults_new)), body)
        scoped = await self._scoped(body)
        response = await scoped.client.request("POST", self.create_path or self.entity.path,
                                               json=self._body(body))
        ident = scoped.client.created(response, self.entity.id_field)
        if ident is None:
            raise platform_error(self.client.platform, "the answer did not name the created record.")
        return ident

    async def update(self, ident: str, body: Record) -> None:
        body = dict(body)
        scoped = await self._scoped(body)
        record = await self._named(ident)
        if self.whole:  # the record with the changes over it
            body = merge(copy.deepcopy(record or {}), body)
        await scoped.client.request("PUT", self._at(ident, record), json=self._body(body),
                                    entity=self.entity.label, ident=ident)

    async def delete(self, ident: str) -> None:
        await self.client.request("DELETE", self._at(ident, await self._named(ident)),
                                  entity=self.entity.label, ident=ident)
