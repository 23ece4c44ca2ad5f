"""Collections with no path per record, written in arrays at the collection's own path and
named by an id filter (BigCommerce v3 customers and customer addresses; the same shape as
Wix's bulk endpoints or any JSON:API "batch" collection).

:class:`BatchBackend` is such a :class:`~.entities.Backend`: one record is the list filtered
by its id (``?id:in=7``), a create POSTs an array of one and reads the new id from the
answer's first record, an update PUTs an array of one carrying the id, a delete names the id
in the query. Lists page as :class:`~.totals.TotalBackend` does (the total in the body).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anycart.platforms.base import platform_error

from .fields import first_record
from .totals import TotalBackend

Record = dict[str, Any]


@dataclass
class BatchBackend(TotalBackend):
    #: The list filter naming records by id (a comma-separated list).
    ids_param: str = "id:in"

    async def get(self, ident: str) -> Record | None:
        if not self._known(ident):
            return None
        found = await self.read({self.ids_param: ident}, 0, 1)
        # a filter the platform ignored answers another record: only the one named counts
        return next((r for r in found if str(r.get(self.entity.id_field)) == str(ident)), None)

    async def create(self, body: Record) -> str:
        response = await self.client.request("POST", self.entity.path, json=[body])
        record = first_record(response.json() if response.content else None, self.reply or "")
        ident = record.get(self.entity.id_field) if record else None
        if ident in (None, ""):
            raise platform_error(self.client.platform, "the answer did not name the created record.")
        return str(ident)

    async def update(self, ident: str, body: Record) -> None:
        if not self._known(ident) or await self.get(ident) is None:
            raise self.entity.not_found(ident)
        key = int(ident) if self.numeric_ids else ident
        await self.client.request("PUT", self.entity.path, json=[{**body, self.entity.id_field: key}],
                                  entity=self.entity.label, ident=ident,
                                  field=self.entity.missing)

    async def delete(self, ident: str) -> None:
        # the platform answers 204 whether or not the id was there: 112 is told here
        if not self._known(ident) or await self.get(ident) is None:
            raise self.entity.not_found(ident)
        await self.client.request("DELETE", self.entity.path, params={self.ids_param: ident},
                                  entity=self.entity.label, ident=ident,
                                  field=self.entity.missing)
