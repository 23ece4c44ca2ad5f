"""A many-to-many link table: products in categories (Shopify's collects, Magento's category
product links, PrestaShop's category associations), each link one record naming both ends.

:class:`Links` declares the table and the two id fields; the kit answers which members a
group has (cached until the table changes), which groups hold a member, adds a link once
with the next position, and drops every link of a group or member that is deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .table import Record, Table

#: (group id, member id, position from 1) -> the link record (its "id" is its key)
MakeLink = Callable[[Any, Any, int], Record]


@dataclass(frozen=True)
class Links:
    table: Table
    group: str
    member: str

    def memberships(self) -> dict[Any, set[Any]]:
        """Group id -> ids of its members."""
        def build() -> dict[Any, set[Any]]:
            groups: dict[Any, set[Any]] = {}
            for key in self.table.sorted_keys():
                link = self.table.view(key)
                groups.setdefault(link[self.group], set()).add(link[self.member])
            return groups
        result: dict[Any, set[Any]] = self.table.cached(("links", self.group), build)
        return result

    def members(self, group: Any) -> set[Any]:
        return self.memberships().get(group, set())

    def groups_of(self, member: Any) -> set[Any]:
        return {g for g, members in self.memberships().items() if member in members}

    def position(self, group: Any) -> int:
        """The position a new member of ``group`` takes (after the others)."""
        return len(self.members(group)) + 1

    def add(self, group: Any, members: list[Any], make: MakeLink) -> list[Record]:
        """Link each of ``members`` not yet in ``group``, in order."""
        made = []
        for member in members:
            if member not in self.members(group):
                link = make(group, member, self.position(group))
                self.table[link["id"]] = link
                made.append(link)
        return made

    def drop(self, field: str, value: Any) -> None:
        """Delete every link whose ``field`` (the group or the member field) is ``value``."""
        for key in list(self.table.sorted_keys()):
            if self.table.view(key)[field] == value:
                del self.table[key]
