"""The usual REST shape of an entity's records, as a :class:`~.entities.Backend`.

``GET <path>`` pages (a named paginator), ``GET <path>/<id>`` one record (404: none),
``POST <path>`` creates, ``PUT <path>/<id>`` updates, ``DELETE <path>/<id>`` deletes; the
count is ``GET <count_path>`` or the paginator's total. A platform whose shape differs in a
step overrides that method (Shift4Shop's ``countonly``, its response arrays).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx

from anycart.platforms.base import platform_error

from .entities import Entity, Query
from .fields import get
from .pagination import Paginator
from .rest import RestClient


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

    def _path(self, ident: str) -> str:
        return f"{self.entity.path}/{ident}"

    async def page(self, query: Query, start: int, count: int) -> tuple[list[dict[str, Any]], int | None]:
        walk = (self.paginator if isinstance(self.paginator, Paginator) else None)
        if self.count_path is not None:
            items, total = await asyncio.gather(self._items(query, start, count, walk),
                                                self.count(query))
            return items, total
        return await self._items(query, start, count, walk), None

    async def _items(self, query: Query, start: int, count: int | None,
                     walk: Paginator | None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        async for chunk in self.client.pages(self.entity.path, walk or str(self.paginator),
                                             query, start, count):
            out.extend(chunk)
        return out

    async def count(self, query: Query) -> int:
        if self.count_path is None:
            items = await self._items(query, 0, None, None)
            return len(items)
        data = await self.client.get_json(self.count_path, params=query)
        return int(get(data, self.count_field) or 0) if isinstance(data, dict) else int(data or 0)

    async def get(self, ident: str) -> dict[str, Any] | None:
        response = await self.client.request("GET", self._path(ident), allow={404})
        if response.status_code == 404 or not response.content:
            return None
        record = get(response.json(), self.one)
        return record if isinstance(record, dict) else None

    def _body(self, body: dict[str, Any]) -> Any:
        return {self.wrap: body} if self.wrap else body

    async def create(self, body: dict[str, Any]) -> str:
        response = await self.client.request("POST", self.entity.path, json=self._body(body))
        return self._id(response)

    def _id(self, response: httpx.Response) -> str:
        data = response.json() if response.content else {}
        record = get(data, self.wrap or "") if isinstance(data, dict) else None
        ident = get(record, self.entity.id_field) if isinstance(record, dict) else None
        if ident in (None, ""):
            raise platform_error(self.client.platform, "the answer did not name the created record.")
        return str(ident)

    async def update(self, ident: str, body: dict[str, Any]) -> None:
        await self.client.request("PUT", self._path(ident), json=self._body(body),
                                  entity=self.entity.label, ident=ident)

    async def delete(self, ident: str) -> None:
        await self.client.request("DELETE", self._path(ident), entity=self.entity.label,
                                  ident=ident)
