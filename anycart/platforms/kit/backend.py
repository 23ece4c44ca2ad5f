"""The usual REST shape of an entity's records, as a :class:`~.entities.Backend`.

``GET <path>`` pages (a named paginator), ``GET <path>/<id>`` one record (404: none),
``POST <path>`` creates, ``PUT <path>/<id>`` updates, ``DELETE <path>/<id>`` deletes; the
count is ``GET <count_path>``, the list itself asked for a count (``count_query``:
Shift4Shop's ``countonly=1``), or the records counted. What differs between platforms is
declared: where one record is in an answer (a list of one is that one), whether creates
send an array, whether ids are numbers (anything else is no record, never sent).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import platform_error

from .entities import Entity, Query
from .fields import first_record
from .pagination import Paginator
from .rest import RestClient

Record = dict[str, Any]


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
    #: Where the record is in a write's answer when writes are not wrapped (BigCommerce v3
    #: answers ``{"data": {...}}`` to a bare body).
    reply: str = ""
    #: Sent with every read of one record (BigCommerce's ``include=variants,images``).
    get_query: Mapping[str, Any] | None = None

    def _path(self, ident: str) -> str:
        return f"{self.entity.path}/{ident}"

    def _known(self, ident: str) -> bool:
        return not self.numeric_ids or numeric_id(ident)

    @property
    def _counted(self) -> bool:
        return self.count_path is not None or self.count_query is not None

    async def page(self, query: Query, start: int, count: int) -> tuple[list[Record], int | None]:
        if self._counted:
            items, total = await asyncio.gather(self.read(query, start, count),
                                                self.count(query))
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
        return [r async for chunk in self.walk(query, start, count) for r in chunk]

    async def count(self, query: Query) -> int:
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
        response = await self.client.request("GET", self._path(ident), allow={404},
                                             params=self.get_query)
        if response.status_code == 404 or not response.content:
            return None
        return first_record(response.json(), self.one)

    def _body(self, body: Record) -> Any:
        return {self.wrap: body} if self.wrap else [body] if self.batch else body

    async def create(self, body: Record) -> str:
        response = await self.client.request("POST", self.entity.path, json=self._body(body))
        envelope = self.wrap or self.reply
        path = f"{envelope}.{self.entity.id_field}" if envelope else self.entity.id_field
        ident = self.client.created(response, path)
        if ident is None:
            raise platform_error(self.client.platform, "the answer did not name the created record.")
        return ident

    def _write_body(self, body: Record) -> Any:
        return {self.wrap: body} if self.wrap else body

    async def update(self, ident: str, body: Record) -> None:
        if not self._known(ident):
            raise ApiError.not_found(self.entity.label, ident)
        await self.client.request("PUT", self._path(ident), json=self._write_body(body),
                                  entity=self.entity.label, ident=ident)

    async def delete(self, ident: str) -> None:
        if not self._known(ident):
            raise ApiError.not_found(self.entity.label, ident)
        await self.client.request("DELETE", self._path(ident), entity=self.entity.label,
                                  ident=ident)
