"""Request bodies: JSON or XML by media type, 415 for anything else, batches bounded.

:func:`read_items` is the reading most bulk REST APIs share: one object or an array of them,
at most ``batch``; an unparsable body raises :class:`~anycart.sandbox.errors.Invalid` (400).
A :class:`Batch` bounds a bulk write in the platform's own errors: one array (BigCommerce's
customers) or named lists (WordPress's ``create``/``update``/``delete``); :func:`each` runs
its items, a failing one answered in its place.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from .errors import Invalid, SimError

JSON_MEDIA = ("application/json", "text/json")
XML_MEDIA = ("application/xml", "text/xml")


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def xml_to_obj(elem: ET.Element) -> Any:
    """An element as JSON-like data: leaves are text; ``ArrayOf*``/``*List`` elements and
    elements whose children all share one tag are lists, others objects."""
    children = list(elem)
    if not children:
        return elem.text or ""
    tags = {c.tag for c in children}
    if elem.tag.startswith("ArrayOf") or elem.tag.endswith("List") or (
            len(children) > 1 and len(tags) == 1):
        return [xml_to_obj(c) for c in children]
    return {c.tag: xml_to_obj(c) for c in children}


async def read_body(request: Request, *, xml: bool = True) -> Any:
    """The parsed body; 415 when its media type is neither JSON nor (if allowed) XML."""
    media = media_type(request)
    is_xml = xml and (media in XML_MEDIA or media.endswith("+xml"))
    if not is_xml and media not in JSON_MEDIA and not media.endswith("+json"):
        raise SimError(415)
    body = await request.body()
    if not body.strip():
        raise Invalid("empty body")
    try:
        return xml_to_obj(ET.fromstring(body)) if is_xml else json.loads(body)
    except (ET.ParseError, ValueError) as exc:
        raise Invalid("unparsable body") from exc


async def read_items(request: Request, batch: int, *, xml: bool = True) -> list[dict[str, Any]]:
    """One object or an array of 1..``batch`` objects."""
    data = await read_body(request, xml=xml)
    items = data if isinstance(data, list) else [data]
    if not items or len(items) > batch or not all(isinstance(i, dict) for i in items):
        raise Invalid("bad batch")
    return items


@dataclass(frozen=True)
class Batch:
    """At most ``limit`` items in all; ``not_list(name)`` and ``too_many(limit)`` are the
    platform's errors (``name`` is ``body`` for a body that is not a non-empty array)."""

    limit: int
    not_list: Callable[[str], SimError]
    too_many: Callable[[int], SimError]

    def items(self, body: Any) -> list[Any]:
        """The body as one non-empty array."""
        if not isinstance(body, list) or not body:
            raise self.not_list("body")
        self._bound(len(body))
        return body

    def lists(self, body: Mapping[str, Any], names: Iterable[str]) -> dict[str, list[Any]]:
        """The lists of ``names`` the body gives (each an array, missing or null: none)."""
        lists = {name: body.get(name) or [] for name in names}
        for name, items in lists.items():
            if not isinstance(items, list):
                raise self.not_list(name)
        self._bound(sum(map(len, lists.values())))
        return {name: items for name, items in lists.items() if name in body}

    def _bound(self, count: int) -> None:
        if count > self.limit:
            raise self.too_many(self.limit)


def each(items: Iterable[Any], run: Callable[[Any], Any],
         failed: Callable[[Any, SimError], Any], caught: type[SimError] = SimError
         ) -> list[Any]:
    """``run`` over the items in turn; an item whose run raises ``caught`` answers
    ``failed(item, error)`` in its place, and the others still run (WordPress's batch
    controller)."""
    out = []
    for item in items:
        try:
            out.append(run(item))
        except caught as err:
            out.append(failed(item, err))
    return out
