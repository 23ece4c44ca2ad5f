"""Request bodies: JSON or XML by media type, 415 for anything else, batches bounded.

:func:`read_items` is the reading most bulk REST APIs share: one object or an array of them,
at most ``batch``; an unparsable body raises :class:`~anycart.sandbox.errors.Invalid` (400).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
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
