"""A ``*.list`` method answering a cart's named rows (:class:`~.statuses.Statuses`: order
statuses, return reasons and actions) in the store's language, under one key; declared on a
connector (:meth:`~.connector.BridgeConnector.declare`) rather than written per cart."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from anycart.platforms.base import Call
from anycart.platforms.kit.serve import Methods

from .statuses import Statuses


@dataclass(frozen=True)
class Listing:
    """``table.listing`` (``order.status.list``) answering ``{key: [{"id", "name"}]}``, with
    empty ``additional_fields``/``custom_fields`` when ``extras``; ``applied``: what it reads
    (none: the rows are the store's whatever the call says). The language is the
    connector's ``_lang`` of the call."""

    table: Statuses
    key: str
    applied: Collection[str] = frozenset()
    extras: bool = True

    async def run(self, conn: Any, call: Call) -> dict[str, Any]:
        rows = await self.table.listed(conn.db, await conn._lang(call.params))
        return {self.key: rows, **({"additional_fields": {}, "custom_fields": {}} if self.extras else {})}

    def methods(self) -> Methods:
        return {self.table.listing: (self.run, frozenset(self.applied))}
