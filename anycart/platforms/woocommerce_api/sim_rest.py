"""The WordPress REST conventions of WooCommerce's v3 controllers, over declared resources.

A :class:`Res` declares one collection; :func:`routes` serves it: lists with ``page``/
``per_page`` (1-100), ``offset``, ``order``/``orderby``, ``search``, ``include``/``exclude``,
RFC 3339 date windows and the resource's filters (``X-WP-Total``, ``X-WP-TotalPages``,
``Link``; ``_fields`` projects); create (201), one record (404 ``..._invalid_id``), a delete
without ``force`` trashing what WooCommerce trashes (again: 410; else 501); ``…/batch`` of at
most 100 items, a failing one answering ``{"id", "error"}``. Bodies are checked against the
template's JSON types; ``meta_data`` is upserted by id or key. Errors are ``{"code",
"message", "data": {"status", ...}}``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from starlette.responses import Response
from starlette.routing import Route

from anycart.sandbox import crud, served
from anycart.sandbox.bodies import Batch, each
from anycart.sandbox.crud import parse_fields
from anycart.sandbox.errors import Invalid, SimError
from anycart.sandbox.jsontypes import mistyped, written
from anycart.sandbox.paging import PagePerPage
from anycart.sandbox.params import Reader, flag
from anycart.sandbox.query import Filter, predicate, project
from anycart.sandbox.schema import parse_datetime
from anycart.sandbox.served import Hit
from anycart.sandbox.table import Record

from .seed import FACTS, RECORDS, TEMPLATES, nullable_type
from .sim_store import SHOP_TZ, WooShop, dated

_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)?$")
BATCH_LIMIT = 100  # the woocommerce_rest_batch_items_limit default
_BATCH = Batch(BATCH_LIMIT, lambda name: invalid(name, f"{name} is not of type array."),
               lambda n: WooError("woocommerce_rest_request_entity_too_large",
                                  f"Unable to accept more than {n} items for this request.", 413))
_PAGES = PagePerPage(total_header="X-WP-Total", pages_header="X-WP-TotalPages")  # 10 of 1-100
_EDIT = ("POST", "PUT", "PATCH")


class WooError(SimError):
    """A ``WP_Error`` answer."""

    def __init__(self, code: str, message: str, status: int = 400, **data: Any) -> None:
        super().__init__(status, {"code": code, "message": message,
                                  "data": {"status": status, **data}})


def invalid(param: str, message: str) -> WooError:
    return WooError("rest_invalid_param", f"Invalid parameter(s): {param}",
                    params={param: message})


def render_error(err: SimError) -> Response:
    if isinstance(err, Invalid):
        err = invalid(err.param or "", err.message)
    if err.body is None:  # router 404/405: WordPress answers both the same way
        err = WooError("rest_no_route", "No route was found matching the URL and request "
                       "method.", 404)
    return reply(err.body, err.status, err.headers)


def reply(body: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return crud.reply(body, status, headers, "application/json; charset=UTF-8")


#: (shop, record, body, created) -> None: derived fields, checks (raise WooError)
Hook = Callable[["WooShop", Record, dict[str, Any], bool], None]


@dataclass(frozen=True)
class Res:
    """One collection of the API."""

    path: str  # below /wc/v3, with {parent:int} for children: "/products/{parent:int}/variations"
    table: str
    template: str
    invalid_code: str  # the 404 code of a missing record
    invalid_message: str = "Invalid ID."
    #: (table, field holding its id, the 404 code and message of a missing parent)
    parent: tuple[str, str, str, str] | None = None
    orderby: tuple[str, ...] = ("date", "id", "include", "title", "slug")
    default_order: tuple[str, str] = ("date", "desc")
    filters: tuple[Filter, ...] = ()
    search: tuple[str, ...] = ("name",)
    required: tuple[str, ...] = ()
    #: (field, the values it may take): checked before ``before_save``
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: "trash": a delete without force moves it to the trash; else the 501 message
    trash: str = "Resource does not support trashing."
    hidden: tuple[str, ...] = ()  # internal fields, not rendered
    read_only: tuple[str, ...] = ("id",)
    before_save: Hook | None = None
    topic: str | None = None  # webhook resource: product, order, customer, coupon
    key: str = "id"
    paged: bool = True
    batch: bool = True
    #: the methods the collection and one record take
    collection: tuple[str, ...] = ("GET", "POST")
    item: tuple[str, ...] = ("GET", *_EDIT, "DELETE")
    #: the path in ``_links`` when it is not ``path``: a format of the record's fields
    links: str | None = None
    up: str | None = None  # a field naming the record's parent in the same collection
    cascade: tuple[tuple[str, str], ...] = ()  # (table, field naming us): deleted with us
    #: the date windows the list takes (posts; customers and terms take none)
    dates: tuple[str, ...] = ("after", "before", "modified_after", "modified_before")
    listed_in: str | None = None  # the parent's field listing our ids


# -- request parameters ---------------------------------------------------------------------
#: WordPress's wording (the kit's default) in a ``rest_invalid_param``
READ = Reader(lambda bad: invalid(bad.param, bad.message))
integer, enum, id_list = READ.integer, READ.choice, READ.ids


def _date(params: Mapping[str, str], name: str) -> str | None:
    raw = params.get(name)
    if raw is None:
        return None
    if not _RFC3339.match(raw):  # rest_parse_date: a date alone is not a date-time
        raise invalid(name, "Invalid date.")
    return parse_datetime(raw.replace(" ", "T")).strftime("%Y-%m-%dT%H:%M:%S")


def check_types(body: Mapping[str, Any], template: Mapping[str, Any], prefix: str = "") -> None:
    wrong = mistyped(body, template, prefix, nullable_type)
    if wrong is not None:
        raise invalid(wrong[0].split("[")[0], f"{wrong[0]} is not of type {wrong[1]}.")
    for name, value in body.items():  # format "date-time": rest_parse_date must read it
        if name.startswith("date_") and isinstance(value, str) and not _RFC3339.match(value):
            raise invalid(prefix or name, "Invalid date.")


def num(value: Any) -> float:
    """A decimal text as WooCommerce keeps prices and quantities (blank or unreadable: 0)."""
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _sort_value(record: Record, by: str, include: list[int] | None) -> Any:
    if by == "include":
        return include.index(record["id"]) if include and record["id"] in include else 0
    if by == "price":
        return num(record.get("price"))
    value = record.get(FACTS["orderby_fields"].get(by, by))  # where the field is not ``by``
    return value if value is not None else ""


# -- records --------------------------------------------------------------------------------
@dataclass
class Call(Hit[WooShop, Res]):
    """A request with its JSON object body (``sent``; else empty)."""

    sent: dict[str, Any] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return self.store.api_url(self.request.url.scheme)


def render(call: Call, record: Record) -> Record:
    return project(rendered(call.res, record, call.base), parse_fields(call.params.get("_fields")))


def rendered(res: Res, record: Record, base: str) -> Record:
    """The record as the API answers it: internal fields dropped, ``_links`` added."""
    out = {k: v for k, v in record.items() if k not in res.hidden}
    path = res.links.format_map(record) if res.links else res.path.replace(
        "{parent:int}", str(record.get(res.parent[1]) if res.parent else ""))
    links: dict[str, Any] = {"self": [{"href": f"{base}{path}/{record[res.key]}"}],
                             "collection": [{"href": f"{base}{path}"}]}
    if res.parent is not None:
        links["up"] = [{"href": f"{base}{path.rsplit('/', 1)[0]}"}]
    elif res.up and record.get(res.up):
        links["up"] = [{"href": f"{base}{path}/{record[res.up]}"}]
    out["_links"] = links
    return out


class Served(served.Served[WooShop, Res]):
    """The kit's steps as WooCommerce's controllers take them (checks, hooks, 404s, cascades)."""

    def below(self, res: Res) -> served.Below | None:
        return None if res.parent is None else served.Below(*res.parent[:2], "parent")

    def missing(self, res: Res, parent: bool) -> SimError:
        if parent and res.parent is not None:
            return WooError(res.parent[2], res.parent[3], 404)
        return WooError(res.invalid_code, res.invalid_message, 404)

    def hidden(self, record: Record) -> bool:
        return record.get("status") == "trash"

    def key(self, res: Res) -> str:
        return res.key

    def parts(self, res: Res) -> tuple[tuple[str, str], ...]:
        return res.cascade

    def check(self, store: WooShop, res: Res, body: dict[str, Any], created: bool) -> None:
        check_types(body, store.template(res.template))
        missing = [n for n in res.required if body.get(n) in (None, "")] if created else []
        if missing:
            raise WooError("rest_missing_callback_param", f"Missing parameter(s): "
                           f"{', '.join(missing)}", params=missing)

    def blank(self, store: WooShop, res: Res) -> Record:
        record = RECORDS[res.template].make()
        if isinstance(store.template(res.template).get(res.key), int):
            record[res.key] = store.next_id(res.table)
        return record

    def write(self, store: WooShop, res: Res, draft: Record, body: dict[str, Any]) -> None:
        apply(store, draft, body, store.template(res.template), res.read_only)

    def stamp(self, store: WooShop, res: Res, draft: Record, body: dict[str, Any],
              created: bool, when: Any) -> None:
        """The dates a body sets, in both forms (plain is the shop's zone, ``_gmt`` or an
        offset UTC), then ``date_modified`` (on creation an unset ``date_created`` too)."""
        for name, value in body.items():
            base = name.removesuffix("_gmt")
            if base.startswith("date_") and base in draft and isinstance(value, str):
                moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace(" ", "T"))
                zone = UTC if name.endswith("_gmt") else SHOP_TZ
                dated(draft, base, moment if moment.tzinfo else moment.replace(tzinfo=zone))
        for name in ("date_created", "date_modified") if created else ("date_modified",):
            if name in draft and (name == "date_modified" or not draft.get(name)):
                dated(draft, name, when or store.now())

    def rules(self, store: WooShop, res: Res, draft: Record, body: dict[str, Any],
              created: bool) -> None:
        """The declared choices, then the collection's own rules."""
        for name, allowed in res.choices:
            enum({name: draft[name]}, name, allowed, allowed[0])
        if res.before_save is not None:
            res.before_save(store, draft, body, created)

    def announce(self, store: WooShop, res: Res, record: Record, event: str) -> None:
        if res.topic:
            store.fire(res.topic, event, record if event != "deleted" else
                       {"id": record[res.key]})

    def detach(self, store: WooShop, res: Res, record: Record, parent: Any) -> None:
        if res.parent is not None and res.listed_in:
            key, rows = record[res.key], store.data.table(res.parent[0])
            owner = rows[parent]
            owner[res.listed_in] = [k for k in owner[res.listed_in]  # ids, or {"id": ...} rows
                                    if (k.get("id") if isinstance(k, dict) else k) != key]
            rows.changed()

    def unreadable(self) -> SimError:
        """400 ``rest_invalid_json``."""
        return WooError("rest_invalid_json", "Invalid JSON body passed.")


SERVED = Served()


def merge_meta(shop: WooShop, record: Record, given: Any) -> None:
    """``meta_data`` upserted by id, else key (next meta id); a null value deletes."""
    if not isinstance(given, list) or "meta_data" not in record:
        return
    current = record["meta_data"]
    for meta in (m for m in given if isinstance(m, dict) and m.get("key")):
        found = next((m for m in current if m["id"] == meta.get("id") or
                      (not meta.get("id") and m["key"] == meta["key"])), None)
        if found is None and meta.get("value") is not None:
            current.append({"id": shop.next_id("meta"), "key": str(meta["key"]),
                            "value": meta.get("value")})
        elif found is not None and meta.get("value") is None:
            current.remove(found)
        elif found is not None:
            found.update(key=str(meta["key"]), value=meta["value"])


def apply(shop: WooShop, record: Record, body: Mapping[str, Any], template: Mapping[str, Any],
          read_only: tuple[str, ...]) -> None:
    """The body typed as the template's (null and read-only fields kept), ``meta_data`` merged."""
    merge_meta(shop, record, body.get("meta_data"))
    written(record, body, template, (*read_only, "meta_data"), nulls=False, known_members=True)


def update(call: Call, record: Record, body: dict[str, Any]) -> Record:
    return SERVED.save(call.store, call.res, body, record)


def delete(call: Call, record: Record, force: bool) -> Record:
    """The record answered: trashed (no ``force``, where it trashes), else as it was."""
    res = call.res
    if not force:
        if res.trash != "trash":
            raise WooError("woocommerce_rest_trash_not_supported", res.trash, 501)
        if record.get("status") == "trash":
            raise WooError("woocommerce_rest_already_trashed",
                           f"The {res.template} has already been deleted.", 410)
        return render(call, update(call, record, {"status": "trash"}))
    snapshot = render(call, record)
    SERVED.delete(call.store, res, record, call.parent)
    return snapshot


# -- lists ----------------------------------------------------------------------------------
_PAGING = ("page", "per_page", "offset", "_fields", "consumer_key", "consumer_secret")


def matching(call: Call) -> list[Record]:
    """The records a list shows, in order; cached until the table changes (pages sort once)."""
    table = call.store.data.table(call.res.table)
    query = tuple(sorted((k, v) for k, v in call.params.items()
                         if k not in _PAGING and not k.startswith("oauth_")))
    found: list[Record] = table.cached((call.res.path, call.parent, query),
                                       lambda: _matching(call))
    return found


def _matching(call: Call) -> list[Record]:
    res, table = call.res, call.store.data.table(call.res.table)
    # a short unpaged list (attributes, zones, notes) takes none of the collection
    # parameters: WordPress ignores what a route does not declare
    p = call.params if res.paged else {f.param: call.params[f.param] for f in res.filters
                                       if f.param in call.params}
    order = enum(p, "order", ("asc", "desc"), res.default_order[1])
    by = enum(p, "orderby", res.orderby, res.default_order[0])
    preds = [predicate(f, p[f.param]) for f in res.filters if p.get(f.param) not in
             (None, "", "all")]  # role=all: every role
    include, exclude = id_list(p, "include"), id_list(p, "exclude")
    gmt = flag(p.get("dates_are_gmt", "false"))
    bounds = [(name, _date(p, name)) for name in res.dates]
    search = p.get("search", "").lower()  # a list without one (tax rates) ignores it
    wanted = p.get("status", "any")  # "any" (webhooks: "all") shows all but the trash
    statuses = None if wanted in ("any", "all") else set(wanted.split(","))
    keys = include if include is not None else table.sorted_keys()
    out = []
    for key in keys:
        r = table.peek(key) if key in table else None
        if r is None or (res.parent is not None and r.get(res.parent[1]) != call.parent) \
                or (exclude and key in exclude):
            continue
        status = r.get("status")
        if isinstance(status, str) and (status not in statuses if statuses else
                                        status == "trash"):
            continue
        if search and res.search and not any(search in _text(r.get(f)) for f in res.search):
            continue
        if any(not _within(r, name, bound, gmt) for name, bound in bounds if bound):
            continue
        if all(pred(r) for pred in preds):
            out.append(r)
    out.sort(key=lambda r: (_sort_value(r, by, include), r.get(res.key)),
             reverse=order == "desc" and by != "include")  # include keeps the given order
    return out


def _text(value: Any) -> str:
    """What ``search`` looks in: a text, or an address's values (not its field names)."""
    return " ".join(map(str, value.values())).lower() if isinstance(value, dict) \
        else str(value or "").lower()


def _within(record: Record, name: str, bound: str, gmt: bool) -> bool:
    stamp = record.get(("date_modified" if name.startswith("modified") else "date_created")
                       + ("_gmt" if gmt else "")) or ""
    return bool(stamp) and (stamp > bound if name.endswith("after") else stamp < bound)


def list_page(call: Call) -> Response:
    records = matching(call)
    if not call.res.paged:
        return reply([render(call, r) for r in records])
    p = call.params
    window = _PAGES.window(p, READ)
    offset = integer(p, "offset", window.start, 0)
    url = f"{call.base}{call.request.url.path.split('/wc/v3', 1)[1]}"
    headers = _PAGES.headers(len(records), window, url, p)
    return reply([render(call, r) for r in records[offset:offset + window.limit]], 200, headers)


# -- endpoints ------------------------------------------------------------------------------
async def _call(hit: Hit[WooShop, Res]) -> Call:
    body = await hit.body()
    return Call(**vars(hit), sent=body if isinstance(body, dict) else {})


async def _listing(hit: Hit[WooShop, Res]) -> Response:
    call, res = await _call(hit), hit.res
    if hit.request.method == "GET":
        return list_page(call)
    if call.sent.get(res.key) and isinstance(TEMPLATES[res.template][res.key], int):
        raise WooError(f"woocommerce_rest_{res.template}_exists",
                       f"Cannot create existing {res.template}.")
    record = SERVED.save(call.store, res, call.sent, None, call.parent)
    await call.store.deliver_pings()
    where = rendered(res, record, call.base)["_links"]["self"][0]["href"]
    return reply(render(call, record), 201, {"Location": where})


async def _item(hit: Hit[WooShop, Res]) -> Response:
    call, method = await _call(hit), hit.request.method
    if method == "GET":
        return reply(render(call, hit.found))
    if method == "DELETE":
        force = flag(call.params.get("force", call.sent.get("force", False)))
        return reply(delete(call, hit.found, force))
    return reply(render(call, update(call, hit.found, call.sent)))


async def _batch(hit: Hit[WooShop, Res]) -> Response:
    call = await _call(hit)
    lists = _BATCH.lists(call.sent, ("create", "update", "delete"))
    out = {name: each(items, partial(_batch_item, call, name), _failed, WooError)
           for name, items in lists.items()}
    await call.store.deliver_pings()
    return reply(out)


def routes(res: Res) -> list[Route]:
    """The collection's routes: list and create, one record, ``…/batch``."""
    key = "{key:int}" if isinstance(TEMPLATES[res.template][res.key], int) else "{key}"
    batches = (("/batch", dict.fromkeys(_EDIT, _batch)),) if res.batch else ()
    return SERVED.routes(res, res.path, dict.fromkeys(res.collection, _listing),
                         dict.fromkeys(res.item, _item), id=key, extra=batches)


def _batch_item(call: Call, name: str, item: Any) -> Any:
    res = call.res
    if name == "create":
        return render(call, SERVED.save(call.store, res, item if isinstance(item, dict) else {},
                                        None, call.parent))
    key = item.get(res.key) if isinstance(item, dict) else item
    key = int(str(key)) if str(key).isdecimal() and isinstance(
        TEMPLATES[res.template][res.key], int) else key
    if name == "update" and not isinstance(item, dict):
        raise invalid(name, f"{name}[] is not of type object.")
    found = SERVED.find(call.store, res, key, call.parent)
    return render(call, update(call, found, item)) if name == "update" else delete(call, found, True)


def _failed(item: Any, err: SimError) -> Any:
    """A batch item that failed answers its id and the error it would have answered."""
    return {"id": item.get("id", 0) if isinstance(item, dict) else item, "error": err.body}
