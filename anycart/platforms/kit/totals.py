"""Lists whose every answer carries the total of the query in a header or the body
(WordPress and WooCommerce ``X-WP-Total``, JSON:API ``meta.total``): a page read answers its
total with it, a count is one request for one record.

:class:`TotalBackend` is :class:`~.backend.RestBackend` with a declared paginator instance
(its total read after the walk) and two more things such lists share: ``defaults`` sent
with every list query (an explicit ``orderby=id&order=asc`` where the platform's own
default order is another), and a count that is the total of a page of one.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .backend import RestBackend
from .entities import Query
from .pagination import PAGINATORS, Paginator


@dataclass
class TotalBackend(RestBackend):
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def _walk(self) -> Paginator:
        p = self.paginator
        return (p if isinstance(p, Paginator) else PAGINATORS[p]()).fresh()

    async def _walked(self, query: Query, start: int, count: int) -> tuple[list[dict[str, Any]], int | None]:
        walk, out = self._walk(), []
        step = walk.first({**self.defaults, **query}, start, count) if count > 0 else None
        while step is not None:
            response = await self.client.request("GET", self.entity.path, params=step)
            out.extend(walk.take(response))
            step = walk.next_params()
        return self._shaped(out), walk.total

    async def _page(self, query: Query, start: int, count: int) -> tuple[list[dict[str, Any]], int | None]:
        return await self._walked(query, start, count)

    def walk(self, query: Query, start: int = 0,
             count: int | None = None) -> AsyncIterator[list[dict[str, Any]]]:
        """The records page by page (``read``'s too), with the declared defaults."""
        return super().walk({**self.defaults, **query}, start, count)

    async def _count(self, query: Query) -> int:
        records, total = await self._walked(query, 0, 1)
        return total if total is not None else len(records)
