"""Links a record keeps as a list of the other records' ids (a WooCommerce product's
``categories: [{"id": 9}]``, BigCommerce's ``categories: [9]``), declared: :class:`LinkList`
serves ``<entity>.assign``/``<entity>.unassign`` by reading the record, adding or removing
one id and writing the list back whole. The other record must exist (112 naming it);
an assign already there changes nothing, an unassign of what is not there is 112.
The record holding the list is a collection of its own (:class:`~.resource.Resource`) or
a declared entity, read and written through the connector's runner and backend (a Magento
product's ``extension_attributes.category_links``, saved by SKU).
Links kept as records of their own are :mod:`.links`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call

from . import fields as F
from .entities import Entity
from .resource import Resource
from .serve import Methods

Record = dict[str, Any]


def by_id(ident: int) -> Any:
    return {"id": ident}


@dataclass(frozen=True)
class LinkList:
    """``name``: the contract entity whose assign/unassign it serves (``category``);
    ``owners``/``owner``: the records holding the list (a collection, or an entity), and the
    parameter naming one; ``linked``/``param``: the records linked, and the parameter naming
    one; ``key``: the owner's list (a dotted path); ``entry``: one id as the list holds it
    (``{"id": n}``), ``ident`` reads it back; ``keep``: the other entries are written back as
    read (what they hold beside the id kept: a link's position), not rebuilt from their ids;
    ``missing``: the 112 label of an unassign finding no link."""

    name: str
    owners: Resource | Entity
    owner: str
    linked: Resource
    param: str
    key: str
    missing: str
    entry: Callable[[int], Any] = by_id
    ident: Callable[[Any], Any] = lambda e: e["id"] if isinstance(e, dict) else e
    keep: bool = False
    client: str = "rest"

    async def _change(self, connector: Any, call: Call, linking: bool) -> dict[str, Any]:
        client = getattr(connector, self.client)
        oid, lid = call.require(self.owner), F.converted(self.param, call.require(self.param), F.int_id)
        owner = (await connector.runner(self.owners).one(oid) if isinstance(self.owners, Entity)
                 else await self.owners.get(client, oid))
        entries = {int(self.ident(e)): e for e in F.get(owner, self.key) or []}
        if (lid in entries) == linking:
            if linking:
                return {}
            raise ApiError.not_found(self.missing, oid)
        if linking:
            await self.linked.get(client, lid)  # 112 naming it when it does not exist
            entries[lid] = self.entry(lid)
        else:
            del entries[lid]
        body: Record = {}
        F.put(body, self.key, [e if self.keep else self.entry(i) for i, e in entries.items()])
        if isinstance(self.owners, Entity):
            await connector.backend(self.owners).update(str(oid), body)
        else:
            await self.owners.change(client, oid, body)
        return {}

    async def assign(self, connector: Any, call: Call) -> dict[str, Any]:
        return await self._change(connector, call, True)

    async def unassign(self, connector: Any, call: Call) -> dict[str, Any]:
        return await self._change(connector, call, False)

    def methods(self) -> Methods:
        applied = frozenset({self.owner, self.param})
        return {f"{self.name}.assign": (self.assign, applied),
                f"{self.name}.unassign": (self.unassign, applied)}
