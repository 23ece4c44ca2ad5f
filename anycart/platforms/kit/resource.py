"""A platform collection reached by its path, the records of one kind a contract method writes
without a whole entity declaration: a shop's carrier services, its webhook subscriptions, a
customer's addresses (``customers/{customer_id}/addresses``), a product's images.

A :class:`Resource` says where the collection is (a path whose ``{names}`` a call fills in:
the records it sits under), under which key one record and a list travel, and what its records
and its parent are called in 112 messages. It reads the collection, creates, changes and
deletes records. A 404 under a parent says which one is missing: a create names the parent, a
change or delete names the record unless the parent itself is unknown (read to tell).
:mod:`.links`, :mod:`.images` (``Uploads``) and :mod:`.subscribe` declare contract methods over one.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from anycart.errors import ApiError
from anycart.platforms.base import platform_error

from .fields import first_record, get
from .rest import RestClient

Record = dict[str, Any]
Names = Mapping[str, Any]


@dataclass(frozen=True)
class Resource:
    """``path``: the collection (``orders/{order_id}/fulfillments``); ``one``/``many``: the
    answer keys of one record and of a list (``""``: the body itself); ``wrap``: the key a
    written body goes under (None: ``one``; ``""``: none); ``label``/``parent``: the record's
    and its parent's names in 112 messages; ``suffix``: what every path ends with; ``safe``:
    characters a filled-in name keeps unescaped (an id made of parts, ``12,15``);
    ``named``: how a 112 names a missing record, from its id and the path's names (a
    variant known as ``"{product_id}-{ident}"``)."""

    path: str
    one: str
    many: str = ""
    wrap: str | None = None
    label: str = "Record"
    parent: str = ""
    suffix: str = ".json"
    id_field: str = "id"
    safe: str = ""
    named: str = "{ident}"

    @property
    def names(self) -> tuple[str, ...]:
        """The call parameters the path takes, in order."""
        return tuple(n for _, n, _, _ in string.Formatter().parse(self.path) if n)

    def at(self, names: Names, ident: Any = None) -> str:
        """The collection's path, or one record's, with ``names`` filled in (escaped: a value
        never reaches another path)."""
        path = self.path.format(**{n: quote(str(names[n]), safe="") for n in self.names})
        if ident is not None:
            path += "/" + quote(str(ident), safe=self.safe)
        return path + self.suffix

    def _body(self, body: Record | list[Record]) -> Any:
        key = self.one if self.wrap is None else self.wrap
        return {key: body} if key else body

    def _owner(self, names: Names) -> tuple[str | None, Any]:
        """(label, id) of the parent a 404 on the collection is about."""
        return (self.parent, names[self.names[-1]]) if self.parent and self.names else (None, None)

    async def all(self, client: RestClient, names: Names | None = None,
                  query: Mapping[str, Any] | None = None) -> list[Record]:
        """The records of one request (filtered by ``query``); none when the platform
        answers a status meaning "no records" (the error map's ``empty``)."""
        label, owner = self._owner(names or {})
        response = await client.request("GET", self.at(names or {}), params=query, entity=label,
                                        ident=owner, allow=client.error_map.empty)
        if response.status_code in client.error_map.empty or not response.content:
            return []
        data = response.json()
        found = get(data, self.many) if isinstance(data, dict) else data if not self.many else None
        return list(found) if isinstance(found, list) else []

    async def add(self, client: RestClient, body: Record | list[Record],
                  names: Names | None = None, *, idempotent: bool | None = None) -> Record:
        """Create (``body`` a list: the records of a platform taking arrays); answers the
        created record (``{}`` when the platform answers none) and, when the client reads
        created ids from per-item outcomes, that id at :attr:`id_field`."""
        label, owner = self._owner(names or {})
        response = await client.request("POST", self.at(names or {}), json=self._body(body),
                                        entity=label, ident=owner, idempotent=idempotent)
        if client.outcomes is not None:
            if (ident := client.outcomes.created(response)) is None:
                raise platform_error(client.platform, "the answer did not name the created record.")
            return {self.id_field: ident}
        return self._record(response)

    async def get(self, client: RestClient, ident: Any, names: Names | None = None) -> Record:
        """One record (112 naming it, or its parent, when unknown)."""
        return self._record(await self._item(client, "GET", ident, names or {}))

    async def change(self, client: RestClient, ident: Any, body: Record | list[Record],
                     names: Names | None = None) -> Record:
        response = await self._item(client, "PUT", ident, names or {}, self._body(body))
        return self._record(response)

    async def delete(self, client: RestClient, ident: Any, names: Names | None = None) -> None:
        await self._item(client, "DELETE", ident, names or {})

    async def _item(self, client: RestClient, method: str, ident: Any, names: Names,
                    body: Any = None) -> httpx.Response:
        response = await client.request(method, self.at(names, ident), json=body,
                                        allow={404})
        if response.status_code != 404:
            return response
        label, owner = self._owner(names)
        if label:  # the parent's own path answers 112 naming it when it is the one missing
            await client.request("GET", self.at(names).removesuffix(self.suffix)
                                 .rsplit("/", 1)[0] + self.suffix, entity=label, ident=owner)
        raise ApiError.not_found(self.label, self.named.format(ident=ident, **names))

    def _record(self, response: httpx.Response) -> Record:
        found = first_record(response.json() if response.content else {}, self.one)
        return dict(found) if found is not None else {}
