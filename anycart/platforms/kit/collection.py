"""Contract methods over one :class:`~.resource.Resource`, declared: an add from a field map
(:class:`Adds`), a list of the whole collection paged here (:class:`Listed`) and one record
of it (:class:`Picked`, for a collection with no path per record), each with the records
that belong to it (:class:`Among`: a zone's locations, a tax class's rates), the records
under each parent a call names (:class:`PerParent`: an order's transactions), a delete by id
(:class:`Deletes`), a change of one record from a body made of the call (:class:`Changes`),
an entity's update whose parameter adds a record under the one it names
(:class:`UpdateAdds`: an order's staff note), an action posted under a record answering the
id it makes (:class:`Posts`: a refund, a shipment). For the small collections a platform
keeps beside its entities (carrier services, a customer's addresses) that need no entity
runner; the path's names
(``customer_id``) are call parameters, required. :func:`~.serve.attach` gives the methods
to a connector, which holds the client in ``client`` (``rest``).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from anycart.errors import ApiError
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call, Page, platform_error
from anycart.platforms.overlap import split_all

from . import fields as F
from .entities import Entity
from .local import inside, paged
from .pagination import Paginator
from .resource import Resource
from .serve import Methods

Record = dict[str, Any]


def _names(resource: Resource, call: Call) -> dict[str, Any]:
    return {n: call.require(n) for n in resource.names}


@dataclass(frozen=True)
class Adds:
    """``method`` creates a record from ``fields`` (what the call gives of them) and
    ``constant``; ``required`` come first; answers ``{answer: ident(created id)}``."""

    method: str
    resource: Resource
    fields: tuple[F.Field, ...]
    required: tuple[str, ...] = ()
    constant: Mapping[str, Any] = field(default_factory=dict)
    answer: str = "id"
    ident: F.Convert = str
    client: str = "rest"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        names = _names(self.resource, call)
        for name in self.required:
            call.require(name)
        body = {**F.body(self.fields, call.params), **self.constant}
        created = await self.resource.add(getattr(connector, self.client), body, names)
        return {self.answer: self.ident(created.get(self.resource.id_field))}

    def methods(self) -> Methods:
        applied = {*self.resource.names, *self.required, *F.writable(self.fields)}
        return {self.method: (self.run, frozenset(applied))}


@dataclass(frozen=True)
class Among:
    """The records of ``resource`` that belong to one record, read into ``key``: at a path
    whose last name is the record's id (``shipping/zones/{zone_id}/locations``, one
    request), or with ``by``, the list filtered by that query parameter holding it
    (``taxes?class=<slug>``), every page through ``paginator``."""

    resource: Resource
    key: str
    by: str | None = None
    paginator: Paginator | str = "page"

    async def joined(self, client: Any, record: Record, id_field: str) -> Record:
        ident = record[id_field]
        if self.by is None:
            found = await self.resource.all(client, {self.resource.names[-1]: ident})
        else:
            found = [r async for chunk in client.pages(self.resource.at({}), self.paginator,
                                                        {self.by: ident}) for r in chunk]
        return {**record, self.key: found}


@dataclass(frozen=True)
class Listed:
    """``method`` lists the whole collection (one request), each record through ``read``,
    the contract's page cut here. ``under``: the records belonging to each one, read for
    every record first (:class:`Among`)."""

    method: str
    resource: Resource
    read: Callable[[Record], Record]
    client: str = "rest"
    under: Among | None = None

    async def run(self, connector: Any, call: Call) -> Page:
        client = getattr(connector, self.client)
        found = await self.resource.all(client, _names(self.resource, call))
        if (under := self.under) is not None:
            found = await connector.gather(under.joined(client, r, self.resource.id_field)
                                           for r in found)
        items = [self.read(r) for r in found]
        return paged(items, call)

    def methods(self) -> Methods:
        return {self.method: (self.run, frozenset(self.resource.names))}


@dataclass(frozen=True)
class Picked:
    """``method`` answers the record of the whole collection (one request, each record
    through ``read``) whose ``key`` is the call's ``param``, 112 naming it for none: a
    collection the platform serves no record of by its id (WooCommerce's tax classes).
    ``under``: the records belonging to it, read for that one only (:class:`Among`)."""

    method: str
    resource: Resource
    read: Callable[[Record], Record]
    param: str
    key: str = "id"
    client: str = "rest"
    under: Among | None = None

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        ident, client = str(call.require(self.param)), getattr(connector, self.client)
        found = await self.resource.all(client, _names(self.resource, call))
        read = [self.read(r) for r in found]
        picked = inside({"all": read}, "all", self.key, ident, self.resource.label)
        if self.under is None:
            return picked
        raw = found[next(n for n, r in enumerate(read) if r is picked)]
        return self.read(await self.under.joined(client, raw, self.resource.id_field))

    def methods(self) -> Methods:
        return {self.method: (self.run, frozenset({self.param, *self.resource.names}))}


@dataclass(frozen=True)
class PerParent:
    """``method`` lists the records under each parent ``parents`` names (a comma-separated
    list of ids; one the platform cannot number names none), each through ``fields``,
    answered as ``{"<answer>_count": n, answer: [...]}`` cut at the call's ``count``. The
    resource's path names the parent (``orders/{order_id}/transactions``)."""

    method: str
    resource: Resource
    parents: str
    fields: tuple[F.Field, ...]
    answer: str
    client: str = "rest"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        call.require(self.parents)
        name = self.resource.names[-1]
        lists = await connector.gather(
            self.resource.all(getattr(connector, self.client), {name: i})
            for i in split_all(call.params, self.parents) if i.isdecimal())
        items = [F.unified(self.fields, r) for found in lists for r in found][: call.count or None]
        return {f"{self.answer}_count": len(items), self.answer: items}

    def methods(self) -> Methods:
        return {self.method: (self.run, frozenset({self.parents}))}


@dataclass(frozen=True)
class Deletes:
    """``method`` deletes the record ``param`` names (112 naming it when unknown)."""

    method: str
    resource: Resource
    answer: Mapping[str, Any] = field(default_factory=lambda: {"deleted": "true"})
    client: str = "rest"
    param: str = "id"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        ident = call.require(self.param)
        client = getattr(connector, self.client)
        await self.resource.delete(client, ident, _names(self.resource, call))
        return dict(self.answer)

    def methods(self) -> Methods:
        return {self.method: (self.run, frozenset({self.param, *self.resource.names}))}


@dataclass(frozen=True)
class Changes:
    """``method`` changes the record ``param`` names with ``body(params)`` (110 when the call
    changes nothing; 112 naming the record, or its parent, when unknown) and answers
    ``answer``: a record of a collection the contract updates apart from any entity (an
    image's alt text, a shipment's tracking). ``applied``: the parameters ``body`` reads."""

    method: str
    resource: Resource
    body: Callable[[Mapping[str, Any]], Record]
    applied: frozenset[str]
    answer: Mapping[str, Any] = field(default_factory=lambda: {"updated_items": 1})
    client: str = "rest"
    param: str = "id"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        body = self.body(call.params)
        if not body:
            raise ApiError.nothing_to_update()
        ident = call.require(self.param)
        client = getattr(connector, self.client)
        await self.resource.change(client, ident, body, _names(self.resource, call))
        return dict(self.answer)

    def methods(self) -> Methods:
        return {self.method: (self.run, self.applied | {self.param, *self.resource.names})}


@dataclass(frozen=True)
class UpdateAdds:
    """``<entity>.update`` whose ``param`` is written as a record of its own (``body`` of
    its value) added at ``resource``, under the record the call names (the path's last
    name: ``orders/{order_id}/notes``; WooCommerce keeps the staff's ``admin_comment`` as a
    private order note); the declared changes are then sent only if there are any."""

    entity: Entity
    param: str
    resource: Resource
    body: Callable[[Any], Record]
    client: str = "rest"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        runner, value = connector.runner(self.entity), call.params.get(self.param)
        if value in F.EMPTY:
            return dict(await runner.update(call))
        names = {self.resource.names[-1]: call.require(self.resource.names[-1])}
        await self.resource.add(getattr(connector, self.client), self.body(value), names)
        if self.entity.body(explicit(call)):
            await runner.update(call)
        return {"updated_items": 1}

    def methods(self) -> Methods:
        return {self.entity.method("update"): (self.run, self.entity.applied("update") | {self.param})}


@dataclass(frozen=True)
class Posts:
    """``method`` posts ``body(params, record)`` to ``path`` under the record of ``entity``
    the call's ``param`` names (112 for none; the record's keys fill the path:
    ``orders/{id}/refunds``, ``order/{entity_id}/ship``) and answers ``{answer: the created
    id}``: the answer itself when the platform answers a bare id (Magento's ship, invoice and
    refund actions), the one its per-item outcomes name for a client reading them
    (``RestClient.outcomes``: Shift4Shop's refund transaction), else its ``id_path``.
    ``applied``: the parameters ``body`` applies."""

    method: str
    entity: Entity
    param: str
    path: str
    body: Callable[[Mapping[str, Any], Record], Any]
    answer: str
    applied: frozenset[str]
    id_path: str = "id"
    client: str = "rest"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        record = await connector.runner(self.entity).one(call.require(self.param))
        names = {n: quote(str(F.get(record, n)), safe="") for _, n, _, _ in
                 string.Formatter().parse(self.path) if n}  # a SKU may hold a slash
        client = getattr(connector, self.client)
        response = await client.request("POST", self.path.format(**names),
                                        json=self.body(call.params, record))
        if client.outcomes is not None:
            if (ident := client.outcomes.created(response)) is None:
                raise platform_error(client.platform, "the answer did not name the created record.")
            return {self.answer: ident}
        data = response.json() if response.content else None
        return {self.answer: F.text(F.get(data, self.id_path) if isinstance(data, Mapping) else data)}

    def methods(self) -> Methods:
        return {self.method: (self.run, self.applied | {self.param})}
