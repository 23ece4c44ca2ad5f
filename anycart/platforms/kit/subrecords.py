"""Records a contract method writes under their parent's path, by their own id: a product's
variants (WooCommerce's ``products/{product_id}/variations``; Shopify's and BigCommerce's
variants have the same shape), declared: :class:`SubRecords` serves ``<name>.add``,
``<name>.update`` and ``<name>.delete`` from one entity's field map.

The parent the path names is required (114). An update writes only what the call gives: a
contract body default such as ``weight=0`` would overwrite the record's. A delete may carry
a query (WooCommerce's ``force=true``: its variations cannot go to the trash).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.applied import given_names
from anycart.platforms.base import Call

from . import fields as F
from .entities import Entity, contract_names
from .resource import Resource
from .serve import Methods


@dataclass(frozen=True)
class SubRecords:
    """``name``: the contract entity (``product.variant``); ``resource``: the records, under
    the parent its path names; ``entity``: their field map (and its ``written`` hook);
    ``added``: the answer key of the created id; ``delete_query``: sent with a delete."""

    name: str
    resource: Resource
    entity: Entity
    added: str
    delete_query: Mapping[str, Any] = field(default_factory=dict)
    client: str = "rest"

    def _names(self, call: Call) -> dict[str, Any]:
        return {n: call.require(n) for n in self.resource.names}

    async def add(self, connector: Any, call: Call) -> dict[str, Any]:
        names = self._names(call)
        created = await self.resource.add(getattr(connector, self.client),
                                          self.entity.body(call.params), names)
        return {self.added: F.text(created.get(self.resource.id_field))}

    async def update(self, connector: Any, call: Call) -> dict[str, Any]:
        names, ident = self._names(call), call.require("id")
        given = given_names(call.method, call.params, connector.same_as_default)
        changes = self.entity.body({k: call.params[k] for k in given})
        if not changes:
            raise ApiError.nothing_to_update()
        await self.resource.change(getattr(connector, self.client), ident, changes, names)
        return {"updated_items": 1}

    async def delete(self, connector: Any, call: Call) -> dict[str, Any]:
        names, ident = self._names(call), call.require("id")
        await getattr(connector, self.client).request(
            "DELETE", self.resource.at(names, ident), params=dict(self.delete_query),
            entity=self.resource.label, ident=ident)
        return {"deleted": "true"}

    def methods(self) -> Methods:
        writes = F.writable(self.entity.fields)
        keys = {*self.resource.names}
        return {f"{self.name}.{verb}": (getattr(self, verb), frozenset(
            (keys | more) & contract_names(f"{self.name}.{verb}")))
            for verb, more in (("add", writes), ("update", writes | {"id"}), ("delete", {"id"}))}
