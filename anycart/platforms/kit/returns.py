"""The unified return (RMA) state machine every platform's returns are read and moved on.

A return request is made (``requested``), the merchant approves it (``approved``: goods may
come back) or declines it (``declined``); the goods arrive (``received``); the merchant
gives the money back (``refunded``) or otherwise settles it (``closed``: replaced, repaired,
credited); either side may withdraw an open one (``canceled``). :data:`LEGAL` holds the moves
the model allows, the superset of what any platform allows; a platform declares its own
statuses on it (:class:`ReturnStatuses`: each status id, its name and its unified state) and
the moves its real API refuses beyond those, each with the platform's own reason, so that a
refused move is answered before anything is written, in the contract's envelope.

    STATUSES = ReturnStatuses("Shift4Shop", {
        "1": ("Pending", Unified.REQUESTED), "2": ("Approved", Unified.APPROVED), ...},
        refused={(Unified.CLOSED, Unified.APPROVED): "a closed RMA cannot be reopened"})
    STATUSES.check_new(call.params.get("return_status_id"))       # order.return.add
    STATUSES.check_move(current_status_id, call.params["return_status_id"])  # .update

:class:`ReturnMethods` serves ``order.return.add/update/delete`` and ``return.status.list``
on that, in one order for every platform: the status asked for and the lines are checked,
then what the order still has to return, and only then is anything written
(:class:`ReturnStore` is what the platform gives: its statuses, an order's lines, a
return's status, the writes).

A platform whose statuses are the merchant's own names (OpenCart's ``oc_return_status``,
PrestaShop's ``order_return_state``) builds its table from them with :func:`from_names`,
which reads each name's unified state from :data:`SYNONYMS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Protocol

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.base import Call

from .resource import Resource
from .serve import Methods


class Unified(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    DECLINED = "declined"
    RECEIVED = "received"
    REFUNDED = "refunded"
    CLOSED = "closed"
    CANCELED = "canceled"


U = Unified

#: Where a new return may start: as a customer's request, or approved by the merchant who
#: makes it (a return made in the admin), or already received over the counter.
INITIAL = frozenset({U.REQUESTED, U.APPROVED, U.RECEIVED})

#: The moves the model allows. Refunded, declined and canceled are final; a closed return may
#: be reopened (Shopify's reopen), a declined one may not (the customer asks again).
LEGAL: Mapping[Unified, frozenset[Unified]] = {
    U.REQUESTED: frozenset({U.APPROVED, U.DECLINED, U.RECEIVED, U.REFUNDED, U.CLOSED,
                            U.CANCELED}),
    U.APPROVED: frozenset({U.RECEIVED, U.REFUNDED, U.CLOSED, U.CANCELED}),
    U.RECEIVED: frozenset({U.REFUNDED, U.CLOSED}),
    U.CLOSED: frozenset({U.APPROVED}),
    U.DECLINED: frozenset(), U.REFUNDED: frozenset(), U.CANCELED: frozenset(),
}

#: Status names as platforms spell them (lower case) -> their unified state.
SYNONYMS: Mapping[str, Unified] = {
    **dict.fromkeys(("requested", "pending", "new", "waiting for confirmation",
                     "awaiting approval", "open request"), U.REQUESTED),
    **dict.fromkeys(("approved", "authorized", "authorised", "open", "accepted",
                     "awaiting products", "waiting for package", "in transit"), U.APPROVED),
    **dict.fromkeys(("declined", "rejected", "denied", "return denied", "refused"),
                    U.DECLINED),
    **dict.fromkeys(("received", "package received", "returned"), U.RECEIVED),
    **dict.fromkeys(("refunded", "refund issued", "credit issued"), U.REFUNDED),
    **dict.fromkeys(("closed", "complete", "completed", "return completed", "done",
                     "resolved"), U.CLOSED),
    **dict.fromkeys(("canceled", "cancelled", "withdrawn"), U.CANCELED),
}


def guess(name: Any) -> Unified | None:
    """The unified state a status name says, or None for a name the table does not know."""
    return SYNONYMS.get(str(name or "").strip().lower())


#: A (from, to) move -> the platform's reason for refusing it.
Refused = Mapping[tuple[Unified, Unified], str]


@dataclass(frozen=True)
class ReturnStatuses:
    """One platform's return statuses on the unified machine.

    ``statuses``: status id -> (its name, its unified state); ``refused``: the moves of
    :data:`LEGAL` the platform's API refuses, each with its reason; ``initial``: the unified
    states a return made through the API may start in (a platform whose API only opens
    requests narrows it); ``param``: the contract parameter the status is given in."""

    platform: str
    statuses: Mapping[str, tuple[str, Unified]]
    refused: Refused = field(default_factory=dict)
    initial: frozenset[Unified] = INITIAL
    param: str = "return_status_id"

    # -- reading ---------------------------------------------------------------------------
    def state(self, status_id: Any) -> Unified | None:
        """The unified state of a status the platform reported (None for one not declared:
        a status the merchant added, whose name :func:`guess` does not read either)."""
        known = self.statuses.get(str(status_id))
        return known[1] if known else None

    def listed(self) -> list[dict[str, Any]]:
        """``return.status.list``'s entries, each with its unified state."""
        return [{"id": i, "name": n, "additional_fields": {"unified_status": s.value}}
                for i, (n, s) in self.statuses.items()]

    def answer(self) -> dict[str, Any]:
        return {"return_statuses": self.listed(), "additional_fields": {}, "custom_fields": {}}

    def status(self, status_id: Any, name: Any = None) -> dict[str, Any]:
        """A return's ``status`` part: the platform's id and name, the unified state in its
        additional fields (when known)."""
        known = self.statuses.get(str(status_id))
        state = known[1] if known else guess(name)
        return {"id": None if status_id is None else str(status_id),
                "name": name if name is not None else known[0] if known else None,
                "additional_fields": {"unified_status": state.value} if state else {}}

    # -- checking what a call asks for, before anything is written ----------------------------
    def resolve(self, given: Any) -> str:
        """The status id ``given`` names: an id, a status name, or a unified state one status
        has; 109 naming :attr:`param` and listing the statuses otherwise."""
        text = str(given).strip()
        if text in self.statuses:
            return text
        low = text.lower()
        by_name = [i for i, (n, _) in self.statuses.items() if n.lower() == low]
        by_state = [i for i, (_, s) in self.statuses.items() if s.value == low]
        for found in (by_name, by_state):
            if len(found) == 1:
                return found[0]
        raise ApiError(ReturnCode.INCORRECT_VALUE,
                       f"Parameter '{self.param}' has an unknown value '{text}': "
                       f"{self.platform} return statuses are {self._menu()}.")

    def check_new(self, given: Any) -> str | None:
        """The status id a new return is made in (None when the call gives none), refused
        when the platform cannot open a return in that state."""
        if given in (None, ""):
            return None
        sid = self.resolve(given)
        state = self.statuses[sid][1]
        if state not in self.initial:
            starts = ", ".join(sorted(s.value for s in self.initial))
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{self.param}': a {self.platform} return cannot be "
                           f"created as '{self.statuses[sid][0]}' ({state.value}); a new "
                           f"return starts as one of: {starts}.")
        return sid

    def check_move(self, current: Any, given: Any) -> str | None:
        """The status id a return moves to (None when the call gives none), refused (109
        naming :attr:`param`, with the platform's reason when it is the platform's rule)
        when the move from ``current`` is not allowed. A move to the same status is no move;
        from a status not declared, the platform is left to judge."""
        if given in (None, ""):
            return None
        sid = self.resolve(given)
        source, target = self.state(current), self.statuses[sid][1]
        if source is None or str(current) == sid:
            return sid
        reason = self.refused.get((source, target))
        if reason is None and target != source and target not in LEGAL[source]:
            allowed = ", ".join(sorted(s.value for s in LEGAL[source])) or "none (it is final)"
            reason = f"a {source.value} return may move to: {allowed}"
        if reason is not None:
            name = self.statuses.get(str(current), (str(current), source))[0]
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{self.param}': the return cannot move from "
                           f"'{name}' ({source.value}) to '{self.statuses[sid][0]}' "
                           f"({target.value}): {reason}.")
        return sid

    # -- a fixed table is its own ``return.status.list`` (:func:`~.serve.attach`) -------------
    async def _list(self, connector: Any, call: Call) -> dict[str, Any]:
        return self.answer()

    def methods(self) -> Methods:
        return {"return.status.list": (self._list, frozenset())}

    def _menu(self) -> str:
        return ", ".join(f"{i} ({n}: {s.value})" for i, (n, s) in self.statuses.items())


def from_names(platform: str, pairs: Iterable[tuple[Any, Any]], *,
               fallback: Unified = U.REQUESTED, **options: Any) -> ReturnStatuses:
    """The statuses of a platform whose merchant names them (``(id, name)`` rows read from
    its status table): each name's state from :data:`SYNONYMS`, ``fallback`` for a name
    the table does not know (a merchant's own "Awaiting inspection" reads as still open)."""
    table = {str(i): (str(n), guess(n) or fallback) for i, n in pairs}
    return ReturnStatuses(platform, table, **options)


# -- an order's return status (the FAQ's additional_fields.return_status) -----------------------
#: ``additional_fields.return_status`` of an order no return was made for (the FAQ's value).
NO_RETURN = "no_return"


def order_return_status(statuses: ReturnStatuses, latest: Any, name: Any = None) -> str:
    """An order's ``additional_fields.return_status``: the unified state of its latest return
    (``latest``: that return's status id, None when the order has none: :data:`NO_RETURN`);
    a status neither declared nor guessed from ``name`` answers its name, else its id."""
    if latest is None:
        return NO_RETURN
    state = statuses.state(latest) or guess(name)
    return state.value if state else str(name if name not in (None, "") else latest)


def wanted_statuses(statuses: ReturnStatuses, value: Any,
                    param: str = "return_status") -> tuple[bool, list[str]]:
    """``order.list``'s ``return_status`` read: ``(whether orders without a return match,
    the status ids a latest return may have)``. Each comma-separated value is
    :data:`NO_RETURN`, a unified state (every status in it), or a status id or name (109
    naming ``param`` and listing what is known otherwise)."""
    given = value if isinstance(value, list) else str(value).split(",")
    no_return, ids = False, []
    for raw in (str(v).strip() for v in given):
        if not raw:
            continue
        if raw.lower() == NO_RETURN:
            no_return = True
            continue
        by_state = [i for i, (_, s) in statuses.statuses.items() if s.value == raw.lower()]
        if by_state or raw.lower() in {s.value for s in Unified}:
            ids += by_state
            continue
        try:
            ids.append(ReturnStatuses(statuses.platform, statuses.statuses, param=param).resolve(raw))
        except ApiError:
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{param}' has an unknown value '{raw}': give {NO_RETURN}, "
                           f"a return state ({', '.join(s.value for s in Unified)}) or one of the "
                           f"{statuses.platform} return statuses {statuses._menu()}.") from None
    return no_return, list(dict.fromkeys(ids))


# -- the products a return takes back ------------------------------------------------------------
@dataclass(frozen=True)
class ReturnLine:
    """One element of ``order_products``: the order line, how many, its reason and action."""

    order_product_id: str
    quantity: int
    reason_id: str | None = None
    action_id: str | None = None
    comment: str | None = None


def lines(value: Any, name: str = "order_products") -> list[ReturnLine]:
    """``order_products`` read: each needs its ``order_product_id`` and a whole quantity above
    zero (109 naming the element's key otherwise; 114 when the list is missing)."""
    if not isinstance(value, list) or not value:
        raise ApiError.required(name)
    return [ReturnLine(ident, quantity, _text(item.get("order_product_reason_id")),
                       _text(item.get("order_product_action_id")),
                       _text(item.get("order_product_customer_comment")))
            for _, item, ident, quantity in _order_lines(value, name, "order_product_quantity")]


def _order_lines(value: list[Any], name: str, quantity_key: str,
                 default: int | None = None) -> Iterator[tuple[int, Mapping[str, Any], str, int]]:
    """Each element of a list of order lines, its position, its ``order_product_id`` (114
    naming it when empty) and its whole quantity above zero under ``quantity_key``
    (``default`` when absent; 109 naming it otherwise)."""
    for n, element in enumerate(value):
        item: Mapping[str, Any] = element if isinstance(element, Mapping) else {}
        ident = str(item.get("order_product_id") or "").strip()
        if not ident:
            raise ApiError.required(f"{name}[{n}][order_product_id]")
        quantity = _whole(item.get(quantity_key, default))
        if quantity is None or quantity < 1:
            raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{name}[{n}][{quantity_key}]' "
                           f"must be a whole number above zero.")
        yield n, item, ident, quantity


def taken(returns: Iterable[Mapping[str, Any]], items: str,
          line: str | Callable[[Mapping[str, Any]], Any], quantity: str) -> dict[Any, float]:
    """What ``returns`` already take back per order line: each return's ``items``, each
    naming its order line at ``line`` (or by what ``line`` reads of it, for an item that
    names its line by several fields) and how many at ``quantity`` (``check_returnable``'s
    ``returned``, for a platform whose return items name their order line)."""
    out: dict[Any, float] = {}
    for record in returns:
        for item in record.get(items) or []:
            key = line(item) if callable(line) else str(item.get(line))
            out[key] = out.get(key, 0) + float(item.get(quantity) or 0)
    return out


def check_returnable(asked: Iterable[ReturnLine | RefundLine], ordered: Mapping[str, float],
                     returned: Mapping[str, float], verb: str = "return") -> None:
    """Every asked line is a line of the order (112 naming it otherwise) and is not returned
    (``verb``: or refunded) beyond what was bought: ``ordered`` and ``returned`` are
    quantities per order line (107, worded as API2Cart words it, when nothing or too little
    is left)."""
    wanted: dict[str, int] = {}
    for line in asked:
        wanted[line.order_product_id] = wanted.get(line.order_product_id, 0) + line.quantity
    for ident, quantity in wanted.items():
        if ident not in ordered:
            raise ApiError(ReturnCode.NOT_FOUND,
                           f"Order product with id = '{ident}' is not found in the order.")
        left = ordered[ident] - returned.get(ident, 0)
        if left <= 0:
            raise ApiError(ReturnCode.PLATFORM_ERROR,
                           f"Unable to {verb} order product with id = '{ident}'. Product has "
                           f"already been {verb}ed.")
        if quantity > left:
            raise ApiError(ReturnCode.PLATFORM_ERROR,
                           f"Unable to {verb} order product with id = '{ident}'. Only "
                           f"{left:g} of it may still be {verb}ed.")


# -- order.refund.add's items and amount ------------------------------------------------------------
@dataclass(frozen=True)
class RefundLine:
    """One element of ``order.refund.add``'s ``items``: the order line, how many units, the
    unit price given back (None: the line's own)."""

    order_product_id: str
    quantity: int
    price: float | None = None


#: The ``order.refund.add`` parameters :func:`refund_lines` and :func:`refund_amount` read, and
#: the keys of an ``items`` element (``guard``'s applied and ``nested``).
REFUND_READS = frozenset({"items", "total_price", "shipping_price"})
REFUND_ITEM_KEYS: dict[str, None] = dict.fromkeys(("order_product_id", "quantity", "price"))


def refund_lines(value: Any, name: str = "items") -> list[RefundLine]:
    """``items`` read (none given: none): each needs its ``order_product_id``, a whole
    ``quantity`` above zero (1 when absent) and a ``price`` not below zero when given (109
    naming the element's key otherwise)."""
    if value in (None, "", []):
        return []
    if not isinstance(value, list):
        raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{name}' must be a list.")
    return [RefundLine(ident, quantity, _money(item.get("price"), f"{name}[{n}][price]"))
            for n, item, ident, quantity in _order_lines(value, name, "quantity", 1)]


def refund_amount(lines_total: float, shipping: float, total_price: Any) -> float:
    """What a refund gives back: ``total_price`` when given, else its lines' and the
    shipping's; 109 naming ``total_price`` unless it is above zero and covers the shipping."""
    given = _money(total_price, "total_price")
    amount = round(given if given is not None else lines_total + shipping, 2)
    if amount <= 0 or amount + 1e-9 < shipping:
        raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'total_price': a refund needs an "
                       "amount above zero (total_price, or items and shipping_price), and no less "
                       "than the shipping it gives back.")
    return amount


def _money(value: Any, name: str) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if not number >= 0 or number == float("inf"):
        raise ApiError(ReturnCode.INCORRECT_VALUE, f"Parameter '{name}' must be a number not "
                       f"below zero.")
    return number


#: A platform's own refund amount parameter: None when not given, else 109 unless a finite
#: number not below zero.
money_param = _money


def _whole(value: Any) -> int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def _text(value: Any) -> str | None:
    return None if value in (None, "") else str(value)


# -- order.return.add / update / delete, declared ------------------------------------------------
class ReturnStore(Protocol):
    """A platform's returns as :class:`ReturnMethods` uses them, for one call's store."""

    async def statuses(self) -> ReturnStatuses: ...

    async def ordered(self, order_id: str) -> tuple[Mapping[str, float], Mapping[str, float]]:
        """Per line of the order (112 when there is no such order): what was bought, and
        what its returns already take back."""
        ...

    async def current(self, call: Call) -> Any:
        """The status id of the return the call names (``return_id``; 112 when unknown)."""
        ...

    async def create(self, call: Call, lines: list[ReturnLine], status_id: str | None) -> str: ...

    async def update(self, call: Call, status_id: str | None) -> None: ...

    async def delete(self, call: Call) -> None: ...


@dataclass
class RecordReturns:
    """The state a :class:`ReturnStore` keeps whose returns are records of the connector's
    ``return`` entity: the order the call is about and the return it names, read once."""

    connector: Any
    order: dict[str, Any] = field(default_factory=dict)
    rma: dict[str, Any] = field(default_factory=dict)

    #: A return record's keys of its status id and of the order it is of.
    status_key: ClassVar[str] = "status"
    order_key: ClassVar[str] = "order_id"

    @property
    def rmas(self) -> Any:
        """The ``return`` entity's backend (read, get, create)."""
        return self.connector.backend(self.connector.entity("return"))

    async def current(self, call: Call) -> Any:
        """The status id of the return the call names (``return_id``), kept as :attr:`rma`:
        112 naming it when the store has none, or when it is not of the order ``order_id``
        names (when given)."""
        ident = call.params["return_id"]
        found = await self.found(str(ident))
        order_id = call.params.get("order_id")
        if found is not None and order_id not in (None, "") and \
                not await self.of_order(found, str(order_id)):
            found = None
        if found is None:
            raise ApiError.not_found("Return", ident)
        self.rma = found
        return found.get(self.status_key)

    async def found(self, ident: str) -> dict[str, Any] | None:
        """The return of id ``ident``, None when the store has none."""
        raise NotImplementedError

    async def of_order(self, rma: Mapping[str, Any], order_id: str) -> bool:
        """Whether ``rma`` is of the order ``order_id`` names: by default, of that id."""
        return str(rma.get(self.order_key)) == order_id


@dataclass(frozen=True)
class ReturnMethods:
    """``order.return.add``/``.update``/``.delete`` and ``return.status.list`` (each status
    with its unified state) over the :class:`ReturnStore` ``make``
    builds for the connector; ``applied``: per method, the parameters its store applies
    (``order_id`` and ``return_id`` are the kit's). A method left out is not served."""

    make: Callable[[Any], ReturnStore]
    applied: Mapping[str, frozenset[str]]

    async def add(self, connector: Any, call: Call) -> dict[str, Any]:
        return await self.add_to(self.make(connector), call)

    async def add_to(self, store: ReturnStore, call: Call) -> dict[str, Any]:
        """``order.return.add`` over ``store``: a platform that reads the order before the
        kit's checks (to refuse first what its API cannot take back) hands on the store it
        read it in, which need not read it again."""
        order_id = str(call.require("order_id"))
        asked = lines(call.params.get("order_products"))
        status_id = (await store.statuses()).check_new(call.params.get("return_status_id"))
        check_returnable(asked, *await store.ordered(order_id))
        return {"return_id": await store.create(call, asked, status_id)}

    async def update(self, connector: Any, call: Call) -> dict[str, Any]:
        store = self.make(connector)
        call.require("return_id")
        statuses, current = await store.statuses(), await store.current(call)
        await store.update(call, statuses.check_move(current, call.params.get(statuses.param)))
        return {"updated_items": 1}

    async def delete(self, connector: Any, call: Call) -> dict[str, Any]:
        call.require("return_id")
        await self.make(connector).delete(call)
        return {"deleted": True}

    async def listed(self, connector: Any, call: Call) -> dict[str, Any]:
        return (await self.make(connector).statuses()).answer()

    def methods(self) -> Methods:
        runs = {"return.status.list": (self.listed, set()),
                "order.return.add": (self.add, {"order_id"}),
                "order.return.update": (self.update, {"return_id", "order_id"}),
                "order.return.delete": (self.delete, {"return_id", "order_id"})}
        return {m: (run, frozenset(own | self.applied[m])) for m, (run, own) in runs.items()
                if m in self.applied}


@dataclass(frozen=True)
class FinalReturns:
    """``order.return.update`` of a platform whose returns cannot change once made (a
    WooCommerce refund): refused, before anything is read, with ``reason``; 109 naming
    the status parameter when one is given (the move asked for), else 120."""

    platform: str
    reason: str
    param: str = "return_status_id"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        if call.params.get(self.param) not in (None, ""):
            raise ApiError(ReturnCode.INCORRECT_VALUE,
                           f"Parameter '{self.param}': {self.platform} cannot change a "
                           f"return's status: {self.reason}.")
        raise ApiError(ReturnCode.METHOD_NOT_SUPPORTED,
                       f"{self.platform} cannot update a return: {self.reason}.")

    def methods(self) -> Methods:
        # order_products (the lines to change) is refused with the method itself, by run
        return {"order.return.update": (self.run, frozenset({"return_id", "order_id",
                                                             "order_products", self.param}))}


@dataclass(frozen=True)
class DeletesReturn:
    """``order.return.delete`` of a return kept under its order at ``resource`` (the path
    names the order: ``orders/{order_id}/refunds``), sent with ``query`` (what the delete
    needs: WooCommerce's ``force=true``): ``return_id`` and the path's names required, 112
    naming the return when the platform finds none."""

    resource: Resource
    query: Mapping[str, Any] = field(default_factory=dict)
    client: str = "rest"

    async def run(self, connector: Any, call: Call) -> dict[str, Any]:
        ident, names = call.require("return_id"), {n: call.require(n) for n in self.resource.names}
        await getattr(connector, self.client).request(
            "DELETE", self.resource.at(names, ident), params=self.query,
            entity=self.resource.label, ident=ident)
        return {"deleted": True}

    def methods(self) -> Methods:
        return {"order.return.delete": (self.run, frozenset({"return_id", *self.resource.names}))}
