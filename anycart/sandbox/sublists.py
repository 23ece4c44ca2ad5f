"""Lists kept inside a record (a product's media entries or child links, an order's comments,
a return's tracks), served as a platform's own endpoints: list, add, read by id, change,
delete.

:mod:`.children` serves such lists the Rails way (``/parents/{id}/children[/{sub}]``, the
child wrapped under its key, 201 for a new one, ``{}`` after a delete). Here a platform's
:class:`Dialect` says how it reads a body, renders an answer, what a change or a delete
answers and how a missing item's 404 is worded; each :class:`Sublist` declares one list:
its parent, where the list sits in it, how an item is named, made and changed, and what the
list and an add answer.

    DIALECT = Dialect(reply, read, lambda asked: NotFound(asked))
    NOTES = Sublist(parent=order_of, field="notes", param="note", make=new_note)
    notes = endpoints({"notes": NOTES}, DIALECT)   # one endpoint per list, any method

Every operation keeps the order platforms keep: the parent (its own 404, or its refusal of
the operation: :attr:`Sublist.parent`), then on an item path the item (the list's 404, else
the dialect's), then the body (the dialect's 400s), then the change, written back to the
stored parent as a new list, then :attr:`Sublist.changed` (a stamp, a table version) and
the answer.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import Response

from .errors import SimError
from .table import Record
from .tenants import tenant_of

#: what a request does: read the list, add to it, read / change / delete one item
Op = Literal["list", "add", "read", "change", "delete"]


@dataclass(frozen=True)
class Dialect:
    """How a platform answers: ``reply(body)`` renders a 200; ``read(request, key)`` is the
    body's value under ``key`` (the whole body for ``""``), refused in its own words;
    ``missing(asked)`` is its 404 of an item the list does not hold (``asked``: the path's
    value); ``done`` is what a change or a delete answers."""

    reply: Callable[[Any], Response]
    read: Callable[[Request, str], Awaitable[Any]]
    missing: Callable[[Any], SimError]
    done: Any = True


@dataclass
class At:
    """One request to a list, as a declaration's hooks see it: the tenant, what the
    request does, the stored parent (a hook may change it) and its list as it stands."""

    request: Request
    store: Any
    op: Op
    parent: Record
    rows: list[Any]


def _by_id(item: Any) -> Any:
    return item["id"]


def _as_given(at: At, value: Any) -> Any:
    return value


def _nothing(at: At) -> None:
    return None


@dataclass(frozen=True)
class Sublist:
    """One list inside a record.

    ``parent(request, store, op)``: the stored parent the path names (raise the platform's
    404, or its refusal of ``op`` on this parent); ``field``: where the list sits in it,
    dotted through objects (``extension_attributes.links``; missing or null: empty).
    ``param``: the path parameter naming an item (``""``: none does); ``ident(item)``: an item's id;
    ``wanted(at, raw)``: the id the path's value asks for (a SKU naming a product id);
    ``missing(asked)``: the 404 of an item not in the list (None: the dialect's).
    ``listed(at, rows)`` and ``shown(at, item)``: the answers of the list and of one item.
    ``wrap``: the body key an add or a change is given under (``""``: the whole body).
    ``make(at, given)``: an add's new item (it may refuse; None: no add), put first when
    ``first`` (histories newest first), answered ``added(at, item)`` (None: the dialect's
    ``done``); ``change(at, item, given)`` changes the item in place (None: no change).
    ``changed(at)`` runs after every write (a stamp, a table's version)."""

    parent: Callable[[Request, Any, Op], Record]
    field: str
    param: str = ""
    ident: Callable[[Any], Any] = _by_id
    wanted: Callable[[At, Any], Any] = _as_given
    missing: Callable[[Any], SimError] | None = None
    listed: Callable[[At, list[Any]], Any] = _as_given
    shown: Callable[[At, Any], Any] = _as_given
    wrap: str = ""
    make: Callable[[At, Any], Any] | None = None
    first: bool = False
    added: Callable[[At, Any], Any] | None = None
    change: Callable[[At, Any, Any], None] | None = None
    changed: Callable[[At], None] = _nothing

    def op(self, request: Request) -> Op:
        """What the request does: its method, and whether its path names an item."""
        one = bool(self.param) and self.param in request.path_params
        if request.method == "GET":
            return "read" if one else "list"
        ops: dict[str, Op] = {"POST": "add", "PUT": "change", "DELETE": "delete"}
        if request.method not in ops or one == (request.method == "POST"):
            raise SimError(405)  # an add names no item, a change or a delete one
        return ops[request.method]

    async def serve(self, dialect: Dialect, request: Request) -> Response:
        op = self.op(request)
        store = tenant_of(request)
        parent = self.parent(request, store, op)
        at = At(request, store, op, parent, list(_get(parent, self.field) or ()))
        if op == "list":
            return dialect.reply(self.listed(at, at.rows))
        if op == "add":
            if self.make is None:
                raise SimError(405)
            item = self.make(at, await dialect.read(request, self.wrap))
            at.rows.insert(0 if self.first else len(at.rows), item)
            answer = dialect.done if self.added is None else self.added(at, item)
        else:
            raw = request.path_params[self.param]
            wanted = self.wanted(at, raw)
            index = next((i for i, r in enumerate(at.rows) if self.ident(r) == wanted), None)
            if index is None:
                raise (self.missing or dialect.missing)(raw)
            if op == "read":
                return dialect.reply(self.shown(at, at.rows[index]))
            if op == "delete":
                del at.rows[index]
            elif self.change is None:
                raise SimError(405)
            else:
                self.change(at, at.rows[index], await dialect.read(request, self.wrap))
            answer = dialect.done
        _put(parent, self.field, at.rows)
        self.changed(at)
        return dialect.reply(answer)


def endpoints(lists: Mapping[str, Sublist], dialect: Dialect
              ) -> Callable[[str], Callable[[Request], Awaitable[Response]]]:
    """The endpoint factory of ``lists`` (a route table's ``module.lists:media``): one
    endpoint per list, serving every method its routes give it."""
    def factory(name: str) -> Callable[[Request], Awaitable[Response]]:
        sublist = lists[name]

        async def endpoint(request: Request) -> Response:
            return await sublist.serve(dialect, request)
        return endpoint
    return factory


def _get(record: Record, field: str) -> Any:
    value: Any = record
    for name in field.split("."):
        value = value.get(name) if isinstance(value, dict) else None
    return value


def _put(record: Record, field: str, rows: list[Any]) -> None:
    *path, last = field.split(".")
    for name in path:
        record = record[name]
    record[last] = rows


__all__ = ["At", "Dialect", "Op", "Sublist", "endpoints"]
