"""Magento's REST conventions: the error body, JSON bodies, and lists answered through
``searchCriteria`` (``{items, search_criteria, total_count}``).

Errors are ``{"message": "...", "parameters": ...}`` where the message keeps its
placeholders (``%1`` with a list of parameters, ``%fieldName`` with an object of them), as
``Magento\\Framework\\Webapi\\ErrorProcessor`` renders a ``LocalizedException``; the key
``parameters`` is left out when there are none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox.errors import Invalid, SimError
from anycart.sandbox.paging import Search, SearchCriteria
from anycart.sandbox.templates import Templates

FACTS: dict[str, Any] = json.loads(Path(__file__).with_name("sim_facts.json").read_text())
RECORDS = Templates.load(Path(__file__).with_name("sim_records.json"))
TEXT: dict[str, str] = FACTS["messages"]
#: ``webapi/validation/maximum_page_size`` (Adobe Commerce 2.4.7 input limits, on by default)
MAX_PAGE_SIZE = 300
_CRITERIA = SearchCriteria(maximum=10**9)  # the limit is Magento's own message, below
Getter = Callable[[Any, str], Any]


class MagentoError(SimError):
    """An answer in Magento's error shape."""

    def __init__(self, status: int, message: str, parameters: Any = None) -> None:
        body: dict[str, Any] = {"message": message}
        if parameters:
            body["parameters"] = parameters
        super().__init__(status, body)


def no_such(field: str, value: Any) -> MagentoError:
    """``NoSuchEntityException::singleField``: 404 naming the field and the value asked."""
    return MagentoError(404, TEXT["no_such"], {"fieldName": field, "fieldValue": value})


def required(*fields: str) -> MagentoError:
    """``InputException::requiredField``; with several, Magento lists each under ``errors``."""
    if len(fields) == 1:
        return MagentoError(400, TEXT["required"], {"fieldName": fields[0]})
    err = MagentoError(400, TEXT["input"])
    err.body["errors"] = [{"message": TEXT["required"], "parameters": {"fieldName": f}}
                          for f in fields]
    return err


def render_error(err: SimError) -> Response:
    if isinstance(err, Invalid):
        body: Any = {"message": str(err)}
    elif err.body is not None:
        body = err.body
    elif err.status == 404:
        body = {"message": TEXT["no_route"]}
    elif err.status == 405:
        # Magento's router matches path and method together: another method is no route
        return reply({"message": TEXT["no_route"]}, 404)
    else:
        body = {"message": f"HTTP {err.status}"}
    return reply(body, err.status, err.headers)


def reply(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, separators=(",", ":")), status, headers=headers,
                    media_type="application/json; charset=utf-8")


async def read_json(request: Request, *keys: str) -> dict[str, Any]:
    """The request body as an object holding every one of ``keys`` as an object; Magento
    reads the service method's arguments from the body's top-level keys."""
    raw = await request.body()
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        raise MagentoError(400, TEXT["decoding"]) from None
    if not isinstance(body, dict):
        raise MagentoError(400, TEXT["decoding"])
    for key in keys:
        if not isinstance(body.get(key), dict):
            raise required(key)
    return body


def search(request: Request) -> Search:
    """The request's ``searchCriteria``, bound as Magento binds it: the argument of every
    ``getList`` is required (``searchCriteria=`` alone asks for everything)."""
    if not any(k.startswith("searchCriteria") for k in request.query_params):
        raise required("searchCriteria")
    try:
        found = _CRITERIA.parse(request.query_params)
    except Invalid as exc:
        raise MagentoError(400, str(exc)) from None
    if found.page_size is not None and found.page_size > MAX_PAGE_SIZE:
        raise MagentoError(400, TEXT["page_size"], {"max": MAX_PAGE_SIZE})
    return found


def plain(record: dict[str, Any], name: str) -> Any:
    """A field as a filter or sort sees it: top level, else a custom attribute. A record
    answered with ``id`` is ``entity_id`` in its table (products, categories, customers)."""
    if name in record:
        return record[name]
    if name == "entity_id" and "id" in record:
        return record["id"]
    for attr in record.get("custom_attributes") or ():
        if attr.get("attribute_code") == name:
            return attr.get("value")
    return None


def answer(request: Request, rows: Iterable[Any], get: Getter = plain,
           build: Callable[[Any], Any] | None = None) -> Response:
    """One page of ``rows`` as Magento's search results (:meth:`Search.results`), only the
    page's rows built into records (``build``; the rows themselves by default), so a large
    catalog pages at the cost of one page; ``search_criteria`` repeats the request as given."""
    found = search(request)
    hits, total = found.results(rows, get)
    items = hits if build is None else [build(r) for r in hits]
    return reply({"items": items, "search_criteria": found.echo(), "total_count": total})
