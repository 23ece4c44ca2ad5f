"""Magento's REST conventions: the error body, JSON bodies, lists through ``searchCriteria``
(``{items, search_criteria, total_count}``) and repositories (:class:`Repo`). An error is
``{"message", "parameters"}`` with the placeholders kept (``%1`` with a list, ``%fieldName``
with an object), as ``Webapi\\ErrorProcessor`` renders a ``LocalizedException``; no
``parameters`` when there are none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from anycart.sandbox import served
from anycart.sandbox.errors import Invalid, SimError
from anycart.sandbox.paging import Search, SearchCriteria
from anycart.sandbox.sublists import At, Dialect
from anycart.sandbox.table import Record
from anycart.sandbox.templates import Templates
from anycart.sandbox.tenants import tenant_of

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


def invalid(name: str, value: Any, type_: str) -> MagentoError:
    """Magento's input processor's answer to a body value it cannot convert to the type its
    service contract declares: the rendered text of its ``SerializationException``."""
    inner = TEXT["invalid_type"].replace("%value", str(value)).replace("%type", type_)
    return MagentoError(400, TEXT["field_error"].replace("%field_name", name)
                        .replace("%details", inner))


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


def found(field: str, parent: str) -> Callable[[At, list[Any]], Any]:
    """A list's answer (:attr:`Sublist.listed`) as a search result of all of one record's
    rows (an order's comments, an RMA's tracks), its ``search_criteria`` the repository's
    own: ``field`` equal to the id (the ``parent`` field) of the record holding them."""
    def listed(at: At, rows: list[Any]) -> Any:
        criteria = {"filter_groups": [{"filters": [{"field": field, "condition_type": "eq",
                                                    "value": str(at.parent[parent])}]}]}
        return {"items": rows, "search_criteria": criteria, "total_count": len(rows)}
    return listed


async def _item(request: Request, key: str) -> Any:
    """A list item's body: the service argument ``key`` (an object), or the whole body."""
    body = await read_json(request, *filter(None, [key]))
    return body[key] if key else body


#: lists inside a record as Magento serves them: answers in its JSON, an item not in the list
#: ``NoSuchEntityException``'s own text, a change or a delete ``true``
DIALECT = Dialect(reply, _item, lambda asked: MagentoError(404, TEXT["no_entity"]))


#: (store, draft, body, created) -> None: a repository's own rules (after the copy)
Step = Callable[[Any, Record, dict[str, Any], bool], None]


@dataclass(frozen=True)
class Repo:
    """One of Magento's repositories (``save``, ``getById``, ``deleteById``): its table and
    record template, the body key a save wraps the record in, its id field, the field its
    404 names (none: ``NoSuchEntityException``'s own text), the fields a save copies and
    requires of a new record, the rows deleted with it, and its own rules."""

    table: str
    template: str
    wrap: str = ""
    id: str = "entity_id"
    named: str = ""
    writable: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    parts: tuple[tuple[str, str], ...] = ()
    rules: Step | None = None


class Repos(served.Served[Any, Repo]):
    """The sandbox's served engine as Magento's repositories take its steps."""

    def key(self, res: Repo) -> str:
        return res.id

    def parts(self, res: Repo) -> tuple[tuple[str, str], ...]:
        return res.parts

    def find(self, store: Any, res: Repo, key: Any, parent: Any = None) -> Record:
        return self.table(store, res).named(key, lambda k: no_such(res.named, k) if res.named
                                            else MagentoError(404, TEXT["no_entity"]))

    def check(self, store: Any, res: Repo, body: dict[str, Any], created: bool) -> None:
        missing = [f for f in res.required if not body.get(f)] if created else []
        if missing:
            raise required(*missing)

    def blank(self, store: Any, res: Repo) -> Record:
        return RECORDS[res.template].make({res.id: self.table(store, res).next_id})

    def write(self, store: Any, res: Repo, draft: Record, body: dict[str, Any]) -> None:
        draft.update({k: body[k] for k in res.writable if k in body})

    def stamp(self, store: Any, res: Repo, draft: Record, body: dict[str, Any], created: bool,
              when: Any) -> None:
        for name in ("created_at", "updated_at"):
            if name in draft and (created or name == "updated_at"):
                draft[name] = store.stamp(when)

    def rules(self, store: Any, res: Repo, draft: Record, body: dict[str, Any],
              created: bool) -> None:
        if res.rules is not None:
            res.rules(store, draft, body, created)

    async def read(self, request: Request) -> Any:
        return await read_json(request)

    def endpoints(self, repos: Mapping[str, Repo]) -> Callable[[str], Callable[[Request], Any]]:
        """The endpoint factory of ``repos`` (``sim_routes.json``'s ``coupons.repo:rule``): one
        endpoint per repository, its method the operation (a save answers the record, a delete
        ``true``; any but a POST reads the path's record first)."""
        def factory(name: str) -> Callable[[Request], Any]:
            res = repos[name]

            async def endpoint(request: Request) -> Response:
                store, method = tenant_of(request), request.method
                record = None if method == "POST" else self.find(store, res, request.path_params["id"])
                if method == "GET":
                    return reply(record)
                if method == "DELETE" and record is not None:
                    self.delete(store, res, record)
                    return reply(True)
                body = (await read_json(request, res.wrap))[res.wrap]
                return reply(self.save(store, res, body, record))
            return endpoint
        return factory


SERVED = Repos()

