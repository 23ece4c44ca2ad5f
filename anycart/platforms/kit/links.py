"""Links between two records kept as records of their own (Shopify's collects: a product in a
collection), declared: :class:`Link` serves ``<entity>.assign``/``<entity>.unassign``
(:func:`~.serve.attach` gives them to a connector).

An assign creates one link record from the two ids; an unassign finds the link records of
the pair (the collection filtered by both ends) and deletes each, 112 when there is none.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call

from . import fields as F
from .resource import Resource
from .serve import Methods


@dataclass(frozen=True)
class Link:
    """``name``: the contract entity whose ``assign``/``unassign`` it serves; ``resource``:
    the link records; ``ends``: contract parameter -> the link's key holding that id (both
    written on assign, both filtering on unassign); ``convert``: an id as the platform takes
    it (a ``ValueError`` is 109 naming the parameter); ``missing``: the 112 label of an
    unassign finding no link, named by the last end's id; ``client``: the connector
    attribute holding the :class:`~.rest.RestClient`."""

    name: str
    resource: Resource
    ends: Mapping[str, str]
    missing: str
    convert: F.Convert = F.int_id
    client: str = "rest"

    def _pair(self, call: Call) -> dict[str, Any]:
        return {to: F.converted(n, call.require(n), self.convert) for n, to in self.ends.items()}

    async def assign(self, connector: Any, call: Call) -> dict[str, Any]:
        await self.resource.add(getattr(connector, self.client), self._pair(call))
        return {}

    async def unassign(self, connector: Any, call: Call) -> dict[str, Any]:
        client = getattr(connector, self.client)
        found = await self.resource.all(client, query=self._pair(call))
        if not found:
            raise ApiError.not_found(self.missing, call.params[list(self.ends)[-1]])
        for link in found:
            await self.resource.delete(client, link[self.resource.id_field])
        return {}

    def methods(self) -> Methods:
        pair = frozenset(self.ends)
        return {f"{self.name}.assign": (self.assign, pair),
                f"{self.name}.unassign": (self.unassign, pair)}
