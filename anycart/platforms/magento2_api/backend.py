"""Magento's records as a kit backend: lists by searchCriteria with their ``total_count``
(:class:`~anycart.platforms.kit.totals.TotalBackend` on the kit's ``SearchCriteria``), and
what Magento's repositories do their own way:

- a written body goes under the entity's key (``{"product": {...}}``), beside it what is
  not the record's (a new customer's ``password``), and the answer is the record, unwrapped;
- one record may live at another path than the list (``shipment/{id}`` beside
  ``shipments``), or only be found in the list (a product by id: Magento names products by
  SKU, ``products/{sku}``, so writes find its SKU first);
- a customer is saved whole (``PUT customers/{id}`` without its names is refused), so an
  update sends the record with the changes over it;
- a list, count or write naming a store view (``_store``, the call's ``store_id``) goes to
  that view's ``/rest/<code>/V1`` (``scope`` answers its client).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import quote

from anycart.errors import ApiError
from anycart.platforms.base import platform_error
from anycart.platforms.kit.backend import numeric_id
from anycart.platforms.kit.rest import RestClient
from anycart.platforms.kit.totals import TotalBackend

Record = dict[str, Any]
#: The query and body key naming the store view of a call (``store_id``).
STORE = "_store"


def read(record: Record) -> Record:
    """A record with its ``custom_attributes`` as one object by code."""
    found = record.get("custom_attributes")
    if isinstance(found, list):
        record = {**record, "custom_attributes": {
            a.get("attribute_code"): a.get("value") for a in found if isinstance(a, dict)}}
    return record


def written(body: Record) -> Record:
    """A body with its ``custom_attributes`` object as Magento's list."""
    found = body.get("custom_attributes")
    if isinstance(found, dict):
        body = {**body, "custom_attributes": [{"attribute_code": k, "value": v}
                                              for k, v in found.items()]}
    return body


def merged(defaults: Mapping[str, Any], body: Record) -> Record:
    """``body`` over ``defaults``, objects merged one level down."""
    out = dict(defaults)
    for key, value in body.items():
        base = out.get(key)
        out[key] = {**base, **value} if isinstance(base, dict) and isinstance(value, dict) else value
    return out


@dataclass
class Records(TotalBackend):
    #: One record's path (``{id}``: its id; ``{key}``: its ``key_field`` value), and where
    #: a new one is posted (None: the list's path).
    one_path: str = "{path}/{id}"
    create_path: str | None = None
    #: What a new record takes when the call leaves it out.
    defaults_new: Mapping[str, Any] = field(default_factory=dict)
    #: Records named in paths by this field (a product's ``sku``), read by id from the list.
    key_field: str | None = None
    #: The list filter of one id (``entity_id``).
    id_filter: str = "entity_id"
    #: Body keys sent beside the wrapped record (``password``).
    outside: tuple[str, ...] = ()
    #: An update sends the whole record, changed (customers).
    whole: bool = False
    scope: Callable[[Any], Awaitable[RestClient]] | None = None

    async def _scoped(self, data: dict[str, Any]) -> Records:
        store = data.pop(STORE, None)
        if store is None or self.scope is None:
            return self
        return replace(self, client=await self.scope(store))

    async def page(self, query: Record, start: int, count: int) -> tuple[list[Record], int | None]:
        query = dict(query)
        scoped = await self._scoped(query)
        records, total = await TotalBackend.page(scoped, query, start, count)
        return [read(r) for r in records], total

    async def count(self, query: Record) -> int:
        query = dict(query)
        scoped = await self._scoped(query)
        return await TotalBackend.count(scoped, query)

    def _at(self, ident: str, record: Record | None = None) -> str:
        key = quote(str((record or {}).get(self.key_field or "") or ""), safe="")
        return self.one_path.format(path=self.entity.path, id=quote(ident, safe=""), key=key)

    async def get(self, ident: str) -> Record | None:
        if not numeric_id(ident):
            return None
        if self.key_field is not None:
            found, _ = await self.page({self.id_filter: ident}, 0, 1)
            return found[0] if found else None
        response = await self.client.request("GET", self._at(ident), allow={404})
        return read(response.json()) if response.status_code != 404 and response.content else None

    async def _named(self, ident: str) -> Record | None:
        """The record ``ident`` names when writes need its key (112 for none)."""
        if self.key_field is None and not self.whole:
            if not numeric_id(ident):
                raise ApiError.not_found(self.entity.label, ident)
            return None
        record = await self.get(ident)
        if record is None:
            raise ApiError.not_found(self.entity.label, ident)
        return record

    def _body(self, body: Record) -> Any:
        wrapped = {k: v for k, v in written(body).items() if k not in self.outside}
        return {self.wrap or "entity": wrapped, **{k: body[k] for k in self.outside if k in body}}

    async def create(self, body: Record) -> str:
        body = dict(body)
        scoped = await self._scoped(body)
        body = merged(self.defaults_new, body)
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
        if self.whole and record is not None:
            body = {**merged(record, body), "id": record.get("id")}
        await scoped.client.request("PUT", self._at(ident, record), json=self._body(body),
                                    entity=self.entity.label, ident=ident)

    async def delete(self, ident: str) -> None:
        record = await self._named(ident)
        await self.client.request("DELETE", self._at(ident, record), entity=self.entity.label,
                                  ident=ident)
