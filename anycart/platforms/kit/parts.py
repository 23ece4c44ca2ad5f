"""A parent's first child written with it, declared: the record that holds a parent's sellable
fields where the parent is only a container (a Shopify or BigCommerce product's first
variant: its price, SKU, barcode, weight, stock).

:class:`Part` serves ``<parent>.add`` (the child's fields go inside the parent's body, a list
of one under ``key``), ``<parent>.update`` (the parent's fields by the parent's update, the
child's through the child's own path, the child found in the parent as read) and
``<name>.update`` (one child by id, checked against the parent a call names). A platform
keeping stock per location in records of their own (:class:`Levels`) has the child's stock
written there instead of in its body.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import given_names
from anycart.platforms.base import Call, platform_error

from . import fields as F
from .entities import Entity, contract_names
from .resource import Resource
from .rest import RestClient
from .serve import Methods

Record = dict[str, Any]


@dataclass(frozen=True)
class Levels:
    """Stock kept per location: ``locations`` the platform's locations (those whose
    ``active`` key is false are skipped), ``levels`` where an absolute level is set (a POST
    of ``{location, item, amount}``: sent twice it leaves the same stock, so it is retried);
    ``item``: the key, in the child and in the level, of the stock item."""

    locations: Resource
    levels: Resource
    item: str
    location: str = "location_id"
    amount: str = "available"
    active: str = "active"

    async def set(self, client: RestClient, child: Record, quantity: Any) -> None:
        """``quantity`` as the child's stock, at the first active location."""
        here = [loc for loc in await self.locations.all(client) if loc.get(self.active, True)]
        if not here:
            raise platform_error(client.platform, "the shop has no active location to hold "
                                 "stock.")
        await self.levels.add(client, {self.location: here[0][self.locations.id_field],
                                       self.item: child[self.item], self.amount: int(quantity)},
                              idempotent=True)


@dataclass(frozen=True)
class Part:
    """``parent``/``child``: the two declarations (their field maps write the bodies);
    ``params``: the call parameters that are the child's; ``key``: the parent's list of
    children; ``resource``: the children's own records; ``owner``: the contract parameter and
    the child's key naming its parent; ``name``: the contract entity of one child
    (``product.variant``); ``required``: what an add must give; ``stock``: the child key of
    its stock, which ``levels`` writes when the platform keeps stock apart; ``client``: the
    connector attribute holding the :class:`~.rest.RestClient`. The parent's runner comes
    from the connector (``connector.runner(parent)``)."""

    parent: Entity
    child: Entity
    params: frozenset[str]
    key: str
    resource: Resource
    owner: tuple[str, str]
    name: str
    required: tuple[str, ...] = ()
    stock: str = ""
    levels: Levels | None = None
    client: str = "rest"

    def bodies(self, params: Mapping[str, Any]) -> tuple[Record, Record]:
        """(the parent's body, the child's) of a call's parameters."""
        return self.parent.body(params), self.child.body(
            {k: v for k, v in params.items() if k in self.params})

    async def add(self, connector: Any, call: Call) -> dict[str, Any]:
        for name in self.required:
            if call.params.get(name) in F.EMPTY:
                raise ApiError.required(name)
        body, child = self.bodies(call.params)
        backend = connector.runner(self.parent).backend
        return {self.parent.added_key: await backend.create(
            {**body, self.key: [child]} if child else body)}

    async def update(self, connector: Any, call: Call) -> dict[str, Any]:
        ident = str(call.require("id"))
        body, child = self.bodies(call.params)
        if not body and not child:
            raise ApiError.nothing_to_update()
        runner = connector.runner(self.parent)
        if body:
            await runner.backend.update(ident, body)
        if child:
            first = ((await runner.one(ident)).get(self.key) or [{}])[0]
            if not first.get(self.child.id_field):
                raise ApiError.not_found(
                    f"{self.resource.label} of {self.parent.label.lower()}", ident)
            await self.change(getattr(connector, self.client), first, child)
        return {"updated_items": 1}

    async def update_one(self, connector: Any, call: Call) -> dict[str, Any]:
        """``<name>.update``: only what the call gives (a body default such as ``weight=0``
        would overwrite every child's)."""
        ident = call.require("id")
        given = given_names(call.method, call.params, connector.same_as_default)
        changes = self.child.body({k: call.params[k] for k in given})
        if not changes:
            raise ApiError.nothing_to_update()
        client = getattr(connector, self.client)
        child = await self.resource.get(client, ident)
        param, key = self.owner
        owner = call.params.get(param)
        if owner not in F.EMPTY and str(child.get(key)) != str(owner):
            raise ApiError.not_found(self.resource.label, ident)  # not a child of that one
        await self.change(client, child, changes)
        return {"updated_items": 1}

    async def change(self, client: RestClient, child: Record, changes: Record) -> None:
        """The child's fields through its own path; its stock through :attr:`levels`."""
        changes = dict(changes)
        quantity = changes.pop(self.stock, None) if self.levels is not None else None
        ident = child[self.child.id_field]
        if changes:
            await self.resource.change(client, ident, {self.child.id_field: ident, **changes})
        if quantity is not None and self.levels is not None:
            await self.levels.set(client, child, quantity)

    def methods(self) -> Methods:
        one = f"{self.name}.update"
        return {
            self.parent.method("add"): (self.add, self.parent.applied("add") | self._own("add")),
            self.parent.method("update"): (self.update,
                                           self.parent.applied("update") | self._own("update")),
            one: (self.update_one, frozenset({"id", self.owner[0]} | (
                F.writable(self.child.fields) & contract_names(one))))}

    def _own(self, verb: str) -> frozenset[str]:
        return self.params & contract_names(self.parent.method(verb))
