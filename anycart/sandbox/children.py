"""Records kept in a list inside a parent record (a product's variants and images, a customer's
addresses), written through ``/parents/{id}/children[/{sub}]``.

A :class:`Children` declares the parent table, the list field, the JSON keys and hooks for
what differs per platform; :meth:`Children.handle` runs the flow REST platforms share: the
parent is a 404 when missing; GET reads the list (:func:`~anycart.sandbox.crud.nested`);
otherwise the request's input is read (``read``), the child named by ``sub`` is a 404 when
missing, and POST / PUT / DELETE run ``create`` / ``update`` / ``delete`` on a copy of the
parent. ``settle`` then puts the copy in step (option axes, positions, image links) and may
report errors; only a valid copy is kept: ``keep`` (indexes, derived fields), the parent's
stamp field, the commit, then the parent's update topic and ``after`` (more webhooks). The
answer is the child (201 for a new one) or ``{}`` after a delete.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.responses import Response

from .crud import Call, commit, drafted, nested, not_found, reply
from .errors import SimError
from .table import Record
from .values import Errors, check

#: (call, parent copy, input, now, errors) -> the new child, already in the copy's list
Create = Callable[[Any, Record, Any, str, Errors], Record]
#: (call, parent copy, child, input, now, errors)
Update = Callable[[Any, Record, Record, Any, str, Errors], None]
#: (call, parent copy, child): take the child out (or raise to refuse)
Delete = Callable[[Any, Record, Record], None]
#: (call, stored parent, parent copy, child, input, now, errors)
Settle = Callable[[Any, Record, Record, Record, Any, str, Errors], None]
#: (call, stored parent, valid parent copy, now)
Keep = Callable[[Any, Record, Record, str], None]
#: (call, stored parent after the commit, child, whether it is new)
After = Callable[[Any, Record, Record, bool], None]


def _nothing(*args: Any) -> None:
    return None


@dataclass(frozen=True)
class Children:
    parent: str
    field: str
    plural: str
    key: str
    create: Create
    #: None: children do not change once made (a route that would is a 405)
    update: Update | None
    #: now, as the platform stamps it, from the stored parent (later than its stamp)
    stamp: Callable[[Any, Record], str]
    delete: Delete | None = None
    read: Callable[[Any], Any] = _nothing
    settle: Settle = _nothing
    keep: Keep = _nothing
    stamp_field: str | None = "updated_at"
    #: the topic fired with the parent after a change (None: none), then ``after``
    topic: str | None = None
    after: After | None = None

    def handle(self, call: Call) -> Response:
        table = call.tenant.table(self.parent)
        pid, sub = call.args["id"], call.args.get("sub")
        if pid not in table:
            raise not_found()
        if call.method == "GET":
            return nested(call, table.peek(pid)[self.field], self.plural, self.key)
        given = self.read(call)
        stored = table[pid]
        draft = drafted(stored)
        child = next((c for c in draft[self.field] if c["id"] == sub), None)
        if sub is not None and child is None:
            raise not_found()
        now = self.stamp(call, stored)
        errors: Errors = {}
        if child is None:
            child = self.create(call, draft, given, now, errors)
        elif call.method == "DELETE":
            (self.delete or self._remove)(call, draft, child)
        elif self.update is None:
            raise SimError(405)
        else:
            self.update(call, draft, child, given, now, errors)
        self.settle(call, stored, draft, child, given, now, errors)
        check(errors)
        self.keep(call, stored, draft, now)
        if self.stamp_field is not None:
            draft[self.stamp_field] = now
        commit(stored, draft)
        table.changed()
        if self.topic is not None:
            call.tenant.fire(self.topic, stored)
        if self.after is not None:
            self.after(call, stored, child, sub is None)
        if call.method == "DELETE":
            return reply({})
        return reply({self.key: child}, 201 if sub is None else 200)

    def by_own_id(self, parent_of: Callable[[Any, Any], Any]) -> Callable[[Call], Response]:
        """A handler for the child addressed by its own id (``/variants/{id}``,
        ``/fulfillments/{id}/cancel``): ``parent_of(call, id)`` names its parent (None: a
        404), then the request runs as :meth:`handle` below that parent."""
        def handler(call: Call) -> Response:
            sub = call.args["id"]
            call.args = {"id": parent_of(call, sub), "sub": sub}
            return self.handle(call)
        return handler

    def _remove(self, call: Call, draft: Record, child: Record) -> None:
        draft[self.field].remove(child)
