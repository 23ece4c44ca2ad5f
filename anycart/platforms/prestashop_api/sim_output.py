"""What ``WebserviceOutputBuilder`` with ``WebserviceOutputXML`` / ``WebserviceOutputJSON``
renders, built with lxml and ``json`` (never by hand).

An entity to render is an :class:`Entity`: the resource, the field values in declaration
order and the association rows. XML wraps everything in ``<prestashop
xmlns:xlink=...>``, puts values in CDATA and links ids with ``xlink:href``; JSON keeps only
values (ids as numbers, the rest as strings, a multilingual value as ``[{"id", "value"}]``
unless one language is asked).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree
from starlette.responses import Response

from .sim_model import FACTS, RESOURCES, Association, Field, Resource, synopsis

XLINK = "http://www.w3.org/1999/xlink"
HREF = f"{{{XLINK}}}href"
Display = str | dict[str, list[str] | None]  # "full", "minimum" or {field: None | sub-fields}


@dataclass
class Entity:
    res: Resource
    id: int
    values: dict[str, Any]  # field -> str, or {lang id: str} for a multilingual field
    associations: dict[str, list[dict[str, str]]]


@dataclass
class Out:
    """One answer's rendering context: the webservice URL, the languages and the schema."""

    base: str  # https://host/api/
    langs: Sequence[str]
    json: bool
    schema: str | None = None
    display_given: bool = False


def envelope() -> etree._Element:
    return etree.Element("prestashop", nsmap={"xlink": XLINK})


def cdata(el: etree._Element, value: str) -> None:
    if value != "":
        el.text = etree.CDATA(value)


def xml_response(root: etree._Element, status: int = 200) -> Response:
    body = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Response(body, status, media_type="text/xml;charset=utf-8")


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    return Response(body, status, media_type="application/json")


def errors(errs: Sequence[tuple[int, str]], status: int, as_json: bool) -> Response:
    """``getErrors``: ``<errors><error><code>..<message>..`` or ``{"errors": [...]}``."""
    if as_json:
        return json_response({"errors": [{"code": c, "message": m} for c, m in errs]}, status)
    root = envelope()
    box = etree.SubElement(root, "errors")
    for code, message in errs:
        err = etree.SubElement(box, "error")
        cdata(etree.SubElement(err, "code"), str(code))
        cdata(etree.SubElement(err, "message"), message)
    return xml_response(root, status)


# -- XML ------------------------------------------------------------------------------------
def _xml_field(parent: etree._Element, f: Field, value: Any, out: Out, eid: int) -> None:
    el = etree.SubElement(parent, f.name)
    for lang in out.langs if "lang" in f.flags else ():
        node = etree.SubElement(el, "language", id=lang)
        if out.schema != "blank":
            node.set(HREF, f"{out.base}languages/{lang}")
        if out.schema == "synopsis":
            node.set("format", "isUnsignedId")
        if out.schema is None and isinstance(value, dict):
            cdata(node, str(value.get(lang, "")))
    if "lang" not in f.flags:
        text = "" if out.schema else str(value if value is not None else "")
        xlink = f.refs.get("xlink")
        if xlink and out.schema is None and not (f.name.startswith("id_") and text in ("", "0")):
            sub = xlink + (f"/{eid}" if xlink == "images/products" else "")
            el.set(HREF, f"{out.base}{sub}/{text}")
        if "virtual" in f.flags and out.schema != "blank":
            el.set("notFilterable", "true")
        cdata(el, text)
    if out.schema == "synopsis":
        el.attrib.update(synopsis(f))


def _xml_association(parent: etree._Element, ent: Entity, a: Association,
                     rows: list[dict[str, str]], out: Out, only: list[str] | None) -> None:
    box = etree.SubElement(parent, a.name)
    if out.schema != "blank":
        if a.virtual:
            box.set("virtualEntity", "true")
        if a.readonly:
            box.set("readOnly", "true")
        box.set("nodeType", a.node)
        box.set("api", a.api or a.name)
    for row in rows:
        item = etree.SubElement(box, a.node)
        if out.schema is None and a.name in FACTS["resources"]:
            # renderFlatAssociation: images are linked below their entity's name and id
            path = f"images/{ent.res.name}/{ent.id}" if a.name == "images" else a.name
            item.set(HREF, f"{out.base}{path}/{row.get('id', '')}")
        for name, f in a.fields.items():
            if only is None or name in only:
                el = etree.SubElement(item, name)
                if out.schema == "synopsis":
                    el.attrib.update(synopsis(f))
                cdata(el, str(row.get(name, "")))


_ID = Field("id", "int")


def _shown(ent: Entity, display: Display, out: Out) -> list[tuple[Field, Any]]:
    """The fields ``renderEntity`` / ``renderSchema`` output, in order, with their values:
    a synopsis has no id, a blank no read-only field."""
    shown = []
    for f in [_ID, *ent.res.visible()]:
        if (out.schema == "synopsis" and f is _ID) or (out.schema == "blank" and "ro" in f.flags):
            continue
        if display == "full" or (isinstance(display, dict) and f.name in display
                                 and display[f.name] is None):
            shown.append((f, ent.id if f is _ID else ent.values.get(f.name)))
    return shown


def _associations(ent: Entity, display: Display, out: Out
                  ) -> list[tuple[Association, list[str] | None, list[dict[str, str]]]]:
    """(association, the sub-fields asked or None for all, its rows); a schema shows one
    empty row, as ``renderAssociations`` does without calling the getters."""
    res = ent.res
    wanted: list[tuple[Association, list[str] | None]] = []
    if display == "full":
        wanted = [(a, None) for a in res.associations.values()]
    elif isinstance(display, dict):
        wanted = [(a, display[n]) for n, a in res.associations.items()
                  if isinstance(display.get(n), list)]
    return [(a, only, ent.associations.get(a.name, []) if out.schema is None else [{}])
            for a, only in wanted]


def xml_entity(parent: etree._Element, ent: Entity, display: Display, out: Out) -> None:
    node = etree.SubElement(parent, ent.res.node)
    for f, value in _shown(ent, display, out):
        _xml_field(node, f, value, out, ent.id)
    wanted = _associations(ent, display, out)
    if wanted:
        box = etree.SubElement(node, "associations")
        for a, only, rows in wanted:
            _xml_association(box, ent, a, rows, out, only)


def xml_list(res: Resource, ents: Sequence[Entity], display: Display, out: Out) -> Response:
    root = envelope()
    box = etree.SubElement(root, res.name)
    for ent in ents:
        if display == "minimum":
            etree.SubElement(box, res.node, {"id": str(ent.id),
                                             HREF: f"{out.base}{res.name}/{ent.id}"})
        else:
            xml_entity(box, ent, display, out)
    return xml_response(root)


# -- JSON -----------------------------------------------------------------------------------
def _json_value(f: Field, value: Any, out: Out) -> Any:
    if out.schema:
        return ""
    if "lang" in f.flags and isinstance(value, dict):
        pairs = [{"id": lang, "value": str(value.get(lang, ""))} for lang in out.langs]
        return pairs[0]["value"] if len(pairs) == 1 else pairs
    return value if f is _ID else "" if value is None else str(value)


def json_entity(ent: Entity, display: Display, out: Out) -> dict[str, Any]:
    obj: dict[str, Any] = {f.name: _json_value(f, v, out) for f, v in _shown(ent, display, out)}
    assoc = {a.name: [{k: str(r.get(k, "")) for k in a.fields if only is None or k in only}
                      for r in rows]
             for a, only, rows in _associations(ent, display, out) if rows}
    if assoc:
        obj["associations"] = assoc
    return obj


def json_list(res: Resource, ents: Sequence[Entity], display: Display, out: Out) -> Response:
    if not ents:  # the JSON renderer's content stays an empty array
        return json_response([])
    if display == "minimum":
        return json_response({res.name: [{"id": e.id} for e in ents]})
    return json_response({res.name: [json_entity(e, display, out) for e in ents]})


def listing(res: Resource, ents: Sequence[Entity], display: Display, out: Out) -> Response:
    return (json_list if out.json else xml_list)(res, ents, display, out)


def details(ents: Sequence[Entity], display: Display, out: Out, status: int = 200) -> Response:
    """One entity, or those a write saved (JSON shows the last)."""
    if out.json:
        body = json_entity(ents[-1], display, out)
        # renderNodeFooter: with ``display`` in the query the entity goes in the plural list
        return json_response({ents[-1].res.name: [body]} if out.display_given
                             else {ents[-1].res.node: body}, status)
    root = envelope()
    for ent in ents:
        xml_entity(root, ent, display, out)
    return xml_response(root, status)


def resource_list(allowed: Mapping[str, Collection[str]], out: Out, shop_name: str) -> Response:
    """``GET /api/``: the resources the key may use, with its methods and schema links."""
    names = [n for n in FACTS["resources"] if n in allowed]
    if out.json:
        return json_response(names)
    root = envelope()
    api = etree.SubElement(root, "api", shop_name=shop_name)
    for name in names:
        attrs = {HREF: out.base + name, **{m.lower(): str(m in allowed[name]).lower()
                                              for m in ("GET", "PUT", "POST", "PATCH",
                                                        "DELETE", "HEAD")}}
        node = etree.SubElement(api, name, attrs)
        desc = etree.SubElement(node, "description", attrs)
        desc.text = RESOURCES[name].description if name in RESOURCES else "The images"
        for kind in ("blank", "synopsis"):
            etree.SubElement(node, "schema", {HREF: f"{out.base}{name}?schema={kind}",
                                              "type": kind})
    return xml_response(root)
