"""Links a record keeps as a list of the other records' ids (a WooCommerce product's
``categories: [{"id": 9}]``, BigCommerce's ``categories: [9]``), declared: :class:`LinkList`
serves ``<entity>.assign``/``<entity>.unassign`` by reading the record, adding or removing
one id and writing the list back whole. The other record must exist (112 naming it);
an assign already there changes nothing, an unassign of what is not there is 112.
Links kept as records of their own are :mod:`.links`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError
from anycart.platforms.base import Call

from . import fields as F
from .resource import Resource
from .serve import Methods

Record = dict[str, Any]


def by_id(ident: int) -> Any:
    return {"id": ident}


@dataclass(frozen=True)
class LinkList:
    """``name``: the contract entity whose assign/unassign it serves (``category``);
    ``owners``/``owner``: the records holding the list, and the parameter naming one;
    ``linked``/``param``: the records linked, and the parameter naming one; ``key``: the
    owner's list; ``entry``: one id as the list holds it (``{"id": n}``), ``ident`` reads it
    back; ``missing``: the 112 label of an unassign finding no link."""

    name: str
    owners: Resource
    owner: str
    linked: Resource
    param: str
    key: str
    missing: str
    entry: Callable[[int], Any] = by_id
    ident: Callable[[Any], Any] = lambda e: e["id"] if isinstance(e, dict) else e
    client: str = "rest"

    async def _change(self, connector: Any, call: Call, linking: bool) -> dict[str, Any]:
        client = getattr(connector, self.client)
        oid, lid = call.require(self.owner), F.converted(self.param, call.require(self.param), F.int_id)
        ids = [int(self.ident(e)) for e in F.get(await self.owners.get(client, oid), self.key) or []]
        if (lid in ids) == linking:
            if linking:
                return {}
            raise ApiError.not_found(self.missing, oid)
        if linking:
            await self.linked.get(client, lid)  # 112 naming it when it does not exist
        ids = [*ids, lid] if linking else [i for i in ids if i != lid]
        await self.owners.change(client, oid, {self.key: [self.entry(i) for i in ids]})
        return {}

    async def assign(self, connector: Any, call: Call) -> dict[str, Any]:
        return await self._change(connector, call, True)

    async def unassign(self, connector: Any, call: Call) -> dict[str, Any]:
        return await self._change(connector, call, False)

    def methods(self) -> Methods:
        applied = frozenset({self.owner, self.param})
        return {f"{self.name}.assign": (self.assign, applied),
                f"{self.name}.unassign": (self.unassign, applied)}
