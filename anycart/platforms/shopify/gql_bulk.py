"""Large product exports by one bulk operation instead of pages: above ``bulk_threshold``
products (settings option; 10 000 by default) a plain ``product.list`` from the start in full
pages (``count=250``, as an export reads) runs ``bulkOperationRunQuery``, polls it, reads its
JSONL (a product a line, its variants and media on lines naming it in ``__parentId``) and
serves the pages from it; the next pages find it by the operation id carried in
``page_cursor`` (``_bulk``). A bulk operation costs a few points however large the catalog.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from anycart.platforms.base import platform_error
from anycart.platforms.kit.connections import ConnectionBackend
from anycart.platforms.kit.entities import Query
from anycart.platforms.kit.graphql import GraphQL
from anycart.transport.ratelimit import Clock, MonotonicClock, wait

from . import mapping as M
from .gql import DOCS, mutate

Record = dict[str, Any]

BULK_THRESHOLD = 10_000
#: Finished exports kept in this process (by operation id), the oldest dropped first.
_KEPT: OrderedDict[str, list[Record]] = OrderedDict()
_KEEP = 4


async def run(gql: GraphQL, clock: Clock) -> tuple[str, list[Record]]:
    """(the operation id, the products in id order, REST-shaped)."""
    made = await mutate(gql, "BulkRun", {"query": DOCS["BulkProducts"]})
    op = str((made.get("bulkOperation") or {}).get("id"))
    while True:
        state = await gql.one(DOCS["BulkStatus"], "node", {"id": op}) or {}
        if state.get("status") == "COMPLETED":
            break
        if state.get("status") in ("FAILED", "CANCELED", "EXPIRED", None):
            raise platform_error(gql.rest.platform, f"the bulk export ended "
                                 f"{state.get('status')} ({state.get('errorCode')}).")
        await wait(clock, 1.0)
    return op, await _read(gql, state.get("url"))


async def _read(gql: GraphQL, url: Any) -> list[Record]:
    if not url:  # no product at all
        return []
    # a signed URL of Shopify's storage: sent without the shop's token
    http = gql.rest.http
    response = await http.send(http.client.build_request("GET", str(url)))
    if response.status_code != 200:
        raise platform_error(gql.rest.platform, f"the bulk export file answered "
                             f"HTTP {response.status_code}.")
    products: dict[str, Record] = {}
    for line in filter(str.strip, response.text.splitlines()):  # an object a line
        node = json.loads(line)
        parent = products.get(node.pop("__parentId", ""))
        if parent is None:
            products[node["id"]] = {**node, "variants": {"nodes": []}, "media": {"nodes": []}}
        else:
            kind = "variants" if "/ProductVariant/" in node["id"] else "media"
            parent[kind]["nodes"].append(node)
    return sorted((M.shaped(p) for p in products.values()), key=lambda p: p["id"])


@dataclass(frozen=True)
class BulkProducts(ConnectionBackend):
    threshold: int = BULK_THRESHOLD
    clock: Clock | None = None

    async def listed(self, query: Query, start: int, count: int,
                     resume: Mapping[str, Any]) -> tuple[list[Record], int, dict[str, Any]]:
        op = resume.get("_bulk")
        records = _KEPT.get(op) if op else None
        # an export: a plain list from the start, in full pages (a look at a few is paged)
        if records is None and (op or (start == 0 and not query and count >= self.gql.page_size
                                       and not resume.get("_page_info"))):
            total = int(resume.get("_total") or 0) or await self.count(query)
            if op or total >= self.threshold:
                op, records = await run(self.gql, self.clock or MonotonicClock())
                _KEPT[op] = records
                while len(_KEPT) > _KEEP:
                    _KEPT.popitem(last=False)
        if records is None or op is None:
            return await super().listed(query, start, count, resume)
        hints: dict[str, Any] = {"_total": len(records)}
        if start + count < len(records):
            hints["_bulk"] = op
        return records[start:start + count], len(records), hints
