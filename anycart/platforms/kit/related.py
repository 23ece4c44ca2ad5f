"""Records of other resources that a page of records names by id (an order's buyer, its
addresses and currency; a product's stock rows), declared: :class:`Related` says where they
are and which record keys name them, :func:`load` reads each kind once a page, by the ids the
page names (not once a record), into the mapping's context by id.

For platforms whose records carry bare references (PrestaShop's ``id_customer``,
``id_address_delivery``; any REST API answering foreign keys rather than embedded objects).
A connector declares them per entity in ``related`` (:class:`~.connector.KitConnector`); its
``read_related`` reads one path by a filter of ids.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import fields as F

Record = dict[str, Any]
#: (path, query) -> the records; the query is ``{by: "3,5,8"}``.
Read = Callable[[str, dict[str, Any]], Awaitable[Iterable[Record]]]
#: Values that name no record (a guest's customer 0, an address left out).
_NONE = frozenset({"", "0", "None"})


def ids_of(records: Iterable[Mapping[str, Any]], paths: Iterable[str]) -> str:
    """The ids ``records`` name at ``paths``, once each, sorted and comma-separated. A path
    may hold one id or a list of them (of ``{"id": ...}`` records too: an association list)."""
    found: set[str] = set()
    paths = tuple(paths)
    for record in records:
        for path in paths:
            value = F.get(record, path)
            for v in value if isinstance(value, list) else [value]:
                found.add(str(v.get("id") if isinstance(v, Mapping) else v))
    return ",".join(sorted(found - _NONE))


@dataclass(frozen=True)
class Related:
    """Records of ``path`` a page needs, read into the context under ``key`` by their
    ``id_field``: the ids are the values at ``names`` in the page's records, or in the
    ``source`` records read before (an address's country); ``by``: the filter they are ids
    of (``id_customer``: a customer's addresses, named by the customer's ``id``); ``each``:
    the filter takes one id, so each is read apart (Shift4Shop's ``orderid``), and of several
    records with one ``id_field`` the last read is kept (an order's latest RMA)."""

    key: str
    path: str
    names: tuple[str, ...]
    source: str | None = None
    by: str = "id"
    id_field: str = "id"
    each: bool = False


async def load(related: Iterable[Related], records: list[Record],
               read: Read) -> dict[str, dict[str, Record]]:
    """Each of ``related`` of ``records``, by id (none read when the page names none)."""
    out: dict[str, dict[str, Record]] = {}
    for rel in related:
        source = records if rel.source is None else list(out[rel.source].values())
        ids = ids_of(source, rel.names)
        queries = [{rel.by: i} for i in ids.split(",")] if rel.each and ids else [{rel.by: ids}] if ids else []
        found = [r for q in queries for r in await read(rel.path, q)]
        out[rel.key] = {str(r[rel.id_field]): r for r in found}
    return out
