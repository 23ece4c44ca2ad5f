"""How one PrestaShop webservice resource is read and written, as a kit backend.

Reads: ``GET /api/<resource>?display=full`` (JSON), paged by ``limit=<offset>,<count>``; the
total of a query is a second request for its ids alone (``display=[id]``). Multilingual
fields (``[{"id": "1", "value": "..."}]``, a plain value in a one-language shop) are read in
the call's language (:class:`Scope`).

Queries are in a small notation the entities declare, turned into ``filter[...]`` here:
``name`` is ``filter[name]=[v]`` (several values ``[a|b]``), ``name~`` contains (``%[v]%``),
``name>=`` / ``name<=`` the two ends of an interval (``[from,to]``). PrestaShop filters and
sorts by ``date_add``/``date_upd`` only with ``date=1``.

Writes are XML (PrestaShop reads no JSON body), built with ``xmltodict``: a create sends the
fields given, each :class:`Localized` value in every language; an update reads the record as
XML, changes the fields given (a localized one in the call's language only), drops what
PrestaShop refuses to be sent back (``read_only``) and puts the whole record back, as
PrestaShop's PUT replaces it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import xmltodict

from anycart.platforms.base import platform_error
from anycart.platforms.kit.backend import RestBackend
from anycart.platforms.kit.entities import Query
from anycart.platforms.kit.pairlimit import OffsetCount

Record = dict[str, Any]
XML = "application/xml"
#: An interval's open end: a date's (PrestaShop checks each is one), else a number's.
OPEN = {True: ("1970-01-01 00:00:00", "9999-12-31 23:59:59"), False: ("0", "999999999999")}
#: The namespace of the ``xlink:href`` attributes PrestaShop's XML records carry.
ROOT = {"@xmlns:xlink": "http://www.w3.org/1999/xlink"}


class Localized(str):
    """A text written in a language (``name``): a create writes it in every language, an
    update in the call's."""


@dataclass(frozen=True)
class Scope:
    """What every request of a call reads in: the language picked, the store's default
    one, every language of the store (their ids), and the shop's zone (``PS_TIMEZONE``:
    its dates are written in it, without an offset; None when the key may not read it)."""

    lang: str
    default: str
    languages: tuple[str, ...]
    zone: str | None = None

    def local(self, utc: str) -> str:
        """A bound in UTC (``2024-05-02 10:11:12``, as the date filters write it) in the shop's zone."""
        if self.zone is None:
            return utc
        moment = datetime.fromisoformat(utc).replace(tzinfo=UTC).astimezone(ZoneInfo(self.zone))
        return moment.strftime("%Y-%m-%d %H:%M:%S")

    def stamped(self, key: str, value: Any) -> Any:
        """A record's ``date_*`` value with the shop's offset (``2024-05-02T10:11:12+02:00``)."""
        if self.zone is None or not key.startswith("date_") or not isinstance(value, str) \
                or len(value) != 19 or value.startswith("0000"):
            return value
        try:
            return datetime.fromisoformat(value).replace(tzinfo=ZoneInfo(self.zone)).isoformat()
        except ValueError:
            return value

    def pick(self, value: Any) -> Any:
        """A multilingual value in the picked language (else the default, else the first)."""
        if not (isinstance(value, list) and value and all(
                isinstance(v, dict) and set(v) == {"id", "value"} for v in value)):
            return value
        by = {str(v["id"]): v["value"] for v in value}
        return by.get(self.lang, by.get(self.default, value[0]["value"]))


def zone(name: Any) -> str | None:
    """The shop's zone when the key may read it and it is one this machine knows."""
    try:
        return str(ZoneInfo(str(name))) if name else None
    except (ValueError, ZoneInfoNotFoundError):
        return None


def query_params(query: Query, scope: Scope | None = None) -> dict[str, Any]:
    """The declared notation (see the module) as PrestaShop's parameters (date bounds in
    the shop's zone)."""
    out: dict[str, Any] = {}
    ranges: dict[str, list[str | None]] = {}
    for key, value in query.items():
        if key in ("sort", "display", "date") or value is None:
            out[key] = value
        elif key.endswith("~"):
            out[f"filter[{key[:-1]}]"] = f"%[{value}]%"
        elif key.endswith((">=", "<=")):
            ends = ranges.setdefault(key[:-2], [None, None])
            ends[0 if key.endswith(">=") else 1] = str(value) if scope is None or not key.startswith(
                "date_") else scope.local(str(value))
        else:
            out[f"filter[{key}]"] = "[" + "|".join(str(value).split(",")) + "]"
    for name, (low, high) in ranges.items():
        date = name.startswith("date_")
        out[f"filter[{name}]"] = f"[{low or OPEN[date][0]},{high or OPEN[date][1]}]"
    # PrestaShop filters and sorts by date_add/date_upd only when told ``date=1``
    if any("date_" in key for key in out if key.startswith("filter[")) or "date_" in str(out.get("sort")):
        out["date"] = 1
    return out


def _xml_value(value: Any, languages: tuple[str, ...]) -> Any:
    if isinstance(value, Localized):
        return {"language": [{"@id": lang, "#text": str(value)} for lang in languages]}
    if isinstance(value, dict):
        return {k: _xml_value(v, languages) for k, v in value.items()}
    if isinstance(value, list):
        return [_xml_value(v, languages) for v in value]
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def _merge(record: Record, changes: Mapping[str, Any], lang: str) -> None:
    """``changes`` written into an XML record read by xmltodict (localized texts in ``lang``;
    a list replaces the whole node, as an association list is written whole)."""
    for key, value in changes.items():
        have = record.get(key)
        if isinstance(value, Localized) and isinstance(have, dict) and "language" in have:
            entries = have["language"]
            entry = next((e for e in entries if str(e.get("@id")) == lang), None)
            if entry is None:
                entries.append(entry := {"@id": lang})
            entry["#text"] = str(value)
        elif isinstance(value, dict) and isinstance(have, dict):
            _merge(have, value, lang)
        else:
            record[key] = _xml_value(value, (lang,))


def node_of(resource: str) -> str:
    """A resource's record node, its singular (``categories``: ``category``, ``addresses``:
    ``address``), as every resource PrestaShop serves names it."""
    if resource.endswith("ies"):
        return resource[:-3] + "y"
    return resource[:-2] if resource.endswith("sses") else resource.removesuffix("s")


@dataclass
class WebserviceBackend(RestBackend):
    """``entity.path`` is the resource (``products``), its record the node
    (:func:`node_of`); lists page by ``limit=<offset>,<count>``, their total a second
    request for the ids alone (``count_query``)."""

    node: str = field(init=False, default="")
    scope: Callable[[], Awaitable[Scope]] | None = None
    read_only: tuple[str, ...] = ()
    #: Sent with every list read (``sort=[id_ASC]``: PrestaShop's own order is no order).
    defaults: Mapping[str, Any] = field(default_factory=dict)
    numeric_ids: bool = True
    count_query: Mapping[str, Any] | None = field(default_factory=lambda: {"display": "[id]"})
    #: PrestaShop's PUT replaces the record: an update is the record read, changed, put back.
    whole: bool = True

    def __post_init__(self) -> None:
        self.one = self.node = node_of(self.entity.path)
        self.paginator = OffsetCount(records=self.entity.path, page_size=250)

    async def _scope(self) -> Scope | None:
        return await self.scope() if self.scope is not None else None

    async def _picked(self, records: list[Record]) -> list[Record]:
        scope = await self._scope()
        if scope is None:
            return records
        return [{k: scope.stamped(k, scope.pick(v)) for k, v in r.items()} for r in records]

    async def read(self, query: Query, start: int = 0, count: int | None = None) -> list[Record]:
        params = {"display": "full", **self.defaults, **query_params(query, await self._scope())}
        return await self._picked([r async for chunk in self.walk(params, start, count) for r in chunk])

    async def _count(self, query: Query) -> int:
        params = {**query_params(query, await self._scope()), **(self.count_query or {})}
        data = await self.client.get_json(self.entity.path, params=params)
        found = data.get(self.entity.path) if isinstance(data, dict) else None
        return len(found) if isinstance(found, list) else 0

    async def get(self, ident: str) -> Record | None:
        record = await super().get(ident)
        return None if record is None else (await self._picked([record]))[0]

    async def _send(self, method: str, path: str, record: Record, **kw: Any) -> Record:
        xml = xmltodict.unparse({"prestashop": {**ROOT, self.node: record}}).encode()
        response = await self.client.request(method, path, content=xml, content_type=XML, **kw)
        data = response.json() if response.content else None
        return (data.get(self.node) if isinstance(data, dict) else None) or {}

    async def create(self, body: Record, query: Mapping[str, Any] | None = None) -> str:
        scope = await self._scope()
        languages = scope.languages if scope is not None else ("1",)
        made = await self._send("POST", self.entity.path, _xml_value(body, languages), params=query)
        if made.get("id") in (None, ""):
            raise platform_error(self.client.platform, "the answer did not name the created record.")
        return str(made["id"])

    async def current(self, ident: str) -> Record:
        """The record as XML (what PrestaShop takes back), 112 for none."""
        response = await self.client.request("GET", self._path(ident), params={"output_format": "XML"},
                                             entity=self.entity.label, ident=ident)
        tree = xmltodict.parse(response.content, force_list=("language",))
        return dict((tree.get("prestashop") or {}).get(self.node) or {})

    async def merged(self, record: Record, changes: Record) -> Record:
        """The changes written in (a localized text in the call's language), less what
        PrestaShop refuses to be sent back."""
        scope = await self._scope()
        _merge(record, changes, scope.lang if scope is not None else "1")
        return {k: v for k, v in record.items() if k not in self.read_only}

    async def put(self, path: str, body: Record, ident: str) -> None:
        await self._send("PUT", path, body, entity=self.entity.label, ident=ident)
