"""Shipments as data: shipments held in their order, which ships whole order lines, with
their tracking codes kept in one text.

:class:`Shipments` declares where an order holds its shipments and lines and what they are
called; it maps a shipment to the contract's ``Shipment`` and call parameters to a shipment
body (tracking numbers, carrier, shipped date, declared fields), and lists them through the
order (:meth:`Shipments.listed`, a :class:`~.nested.Children`). :class:`OrderShipments`
serves ``order.shipment.add/update`` and ``order.shipment.tracking.add`` from it through a
:class:`ShipmentStore`: finding the order (by its id or another key), adding a shipment with
the lines it takes, changing one; :class:`HeldShipments` is that store for a REST platform
writing them at paths of their own, :class:`KeptShipments` for one keeping them as one list
inside the order, written back whole (which can also remove one: ``order.shipment.delete``).
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, cast

from anycart.errors import ApiError, ReturnCode
from anycart.model import A2CDateTime, Shipment, ShipmentItem, TrackingNumber
from anycart.platforms.applied import explicit
from anycart.platforms.base import Call
from anycart.platforms.overlap import carrier

from . import fields as F
from .entities import Backend, contract_names
from .local import inside
from .nested import Children, Fetch
from .resource import Resource
from .rest import RestClient
from .serve import Declared, PerStore

Record = dict[str, Any]
_TRACKING = {"tracking_number": None, "carrier_id": None}
#: Keys applied inside the list-of-objects parameters (``applied.refuse_nested``).
NESTED = {"order.shipment.add": {"items": {"order_product_id": None, "quantity": None},
                                 "tracking_numbers": _TRACKING},
          "order.shipment.update": {"tracking_numbers": _TRACKING}}


def tracking_numbers(params: Mapping[str, Any]) -> list[str]:
    """The numbers of a call's ``tracking_numbers`` entries, in order."""
    return [str(t["tracking_number"]) for t in params.get("tracking_numbers") or []
            if isinstance(t, dict) and t.get("tracking_number")]


def shipped_lines(lines: list[Record], line_id: str, items: list[Any]) -> dict[str, Record]:
    """The order lines (ids at ``line_id``) that ``items`` ship, by id: 112 naming an
    ``order_product_id`` the order lacks."""
    known = {str(li.get(line_id)): li for li in lines}
    out: dict[str, Record] = {}
    for item in items:
        line = str(item.get("order_product_id"))
        if line not in known:
            raise ApiError.not_found("Order product", item.get("order_product_id"))
        out[line] = known[line]
    return out


#: API2Cart's words for a shipment of an order with nothing left to ship (113,
#: Bol/order/shipment.add/error-all-items-shipped; Walmart's recording drops "or cancelled",
#: Bol's wording is the general one).
ALL_SHIPPED = "All items have been already shipped or cancelled for this order."


def all_shipped() -> ApiError:
    """113 for a shipment of an order with nothing left to ship, in API2Cart's words."""
    return ApiError(ReturnCode.ALREADY_EXISTS, ALL_SHIPPED)


def over_available(line: str, want: float, left: float) -> ApiError:
    """107 for ``want`` of order line ``line`` where ``left`` is all it has left to ship, in
    API2Cart's words (Bol/order/shipment.add/error-quantity-over-available)."""
    return ApiError(ReturnCode.PLATFORM_ERROR, (
        f"The specified quantity = {want:g} of order_product_id = {line} is larger than are "
        f"available for the shipment. Available quantity for the shipment is {max(left, 0):g}."))


def left_to_ship(lines: list[Record], line_id: str, ordered: str, shipped: str,
                 items: list[Any]) -> list[tuple[Record, float]]:
    """The order lines a shipment takes and how many of each, for a cart that counts what
    each line has shipped (``ordered`` and ``shipped`` quantities) and refuses more:
    ``items``' lines (112 naming one the order lacks), else every line with some left. In
    API2Cart's words, an order with nothing left is 113 (:func:`all_shipped`) and an item
    asking more than its line has left is 107 (:func:`over_available`)."""
    known = shipped_lines(lines, line_id, items)
    left = {str(li.get(line_id)): (F.number(li.get(ordered)) or 0.0)
            - (F.number(li.get(shipped)) or 0.0) for li in lines}
    if not any(q > 0 for q in left.values()):
        raise all_shipped()
    if not items:
        return [(li, left[str(li.get(line_id))]) for li in lines if left[str(li.get(line_id))] > 0]
    out = []
    for item in items:
        line = str(item.get("order_product_id"))
        want = F.number(item.get("quantity")) or 1.0
        if want > left[line]:
            raise over_available(line, want, left[line])
        out.append((known[line], want))
    return out


def with_number(numbers: list[str], number: str) -> tuple[list[str], str]:
    """``numbers`` with ``number`` (once) and its place, the ``shipment_tracking_id``."""
    out = numbers if number in numbers else [*numbers, number]
    return out, str(out.index(number) + 1)


@dataclass(frozen=True)
class Shipments:
    """``items``: the order path of its shipments; ``id``/``tracking``/``method``/``shipped``/
    ``modified``: a shipment's id, tracking codes (joined by ``separator``), carrier name,
    shipped date, last change; ``carrier_id``: the key naming its carrier. ``lines``: the
    order path of its lines, ``line_id``, the line key naming the shipment it is in
    (``line_shipment``) and its ``line_quantity``; ``line_fields``: a line as a
    ``ShipmentItem``. ``fields``: more shipment keys written from parameters. ``parse``
    reads the platform's dates, ``stamp`` writes a shipped date. ``whole_lines``: a
    shipment takes an order line whole (an item's quantity must be the line's)."""

    items: str
    id: str
    order_id: str
    tracking: str
    method: str
    shipped: str
    modified: str
    lines: str
    line_id: str
    line_shipment: str
    line_quantity: str
    parse: Callable[[Any], datetime | None]
    stamp: Callable[[datetime], str]
    carrier_id: str | None = None
    line_fields: tuple[F.Field, ...] = ()
    fields: tuple[F.Field, ...] = ()
    separator: str = ","
    whole_lines: bool = False
    cart: str = ""

    def of(self, order: Record) -> list[Record]:
        return list(F.get(order, self.items) or [])

    def codes(self, shipment: Record) -> list[str]:
        raw = str(shipment.get(self.tracking) or "").split(self.separator)
        return [c.strip() for c in raw if c.strip()]

    def joined(self, codes: list[str]) -> str:
        return self.separator.join(codes)

    def listed(self, fetch: str | Callable[[Any], Fetch]) -> Children:
        """``order.shipment.list/info``: the order's shipments, read through the order
        (``fetch``: the connector method reading it, 112 for none, or what makes it of the
        connector: ``lambda c: store(c).order``)."""
        return Children("order.shipment", self.items, "Shipment", ("order_id",), "order_id",
                        fetch, self.to_unified, id_key=self.id)

    def served(self, store: Callable[[Any], ShipmentStore], fetch: str | Callable[[Any], Fetch],
               *, deletes: bool = False) -> tuple[Declared, ...]:
        """Every shipment method of this declaration: the list and info read through the
        order (``fetch``, :meth:`listed`), the writes through ``store(connector)``
        (:class:`OrderShipments`; ``deletes``: ``order.shipment.delete`` too, the store a
        :class:`RemovingStore`), for :func:`~.serve.attach`."""
        verbs, applied = dict(VERBS), self.applied()
        if deletes:
            verbs["order.shipment.delete"] = "delete"
            applied["order.shipment.delete"] = frozenset({"order_id", "shipment_id"})
        return (self.listed(fetch),
                PerStore(lambda c: OrderShipments(self, store(c)), verbs, applied))

    def find(self, order: Record, shipment_id: Any) -> Record:
        """The shipment ``shipment_id`` of ``order``, or 112 naming it."""
        return inside(order, self.items, self.id, shipment_id, "Shipment")

    # -- reading ------------------------------------------------------------------------------
    def to_unified(self, order: Record, s: Record) -> dict[str, Any]:
        sid, codes = s.get(self.id), self.codes(s)
        items = [ShipmentItem(**F.read(self.line_fields, i)) for i in F.get(order, self.lines) or []
                 if i.get(self.line_shipment) == sid]
        shipped, modified = self.parse(s.get(self.shipped)), self.parse(s.get(self.modified))
        method = F.text(s.get(self.method))
        carrier_id = F.text(s.get(self.carrier_id)) if self.carrier_id else None
        return Shipment(
            id=str(sid), order_id=str(F.get(order, self.order_id)), name=method,
            shipment_provider=method, items=items, is_shipped=bool(shipped) or bool(codes),
            tracking_numbers=[TrackingNumber(carrier_id=carrier_id, tracking_number=c)
                              for c in codes],
            created_at=A2CDateTime.of(shipped or modified), modified_time=A2CDateTime.of(modified),
            additional_fields=F.extras(s, {self.id, self.tracking, self.method, self.shipped,
                                           self.modified} | F.used_keys(self.fields)),
        ).to_wire()

    # -- writing ------------------------------------------------------------------------------
    def body(self, params: Mapping[str, Any], today: str) -> Record:
        """A shipment body of what ``params`` give: tracking numbers, the carrier (one:
        ``overlap.carrier``), the shipped date (``ship_date``, else ``today``, when shipped
        or tracked, unless ``is_shipped`` is false) and the declared fields."""
        g = params.get
        out: Record = {}
        numbers = tracking_numbers(params)
        if numbers:
            out[self.tracking] = self.joined(numbers)
        if provider := carrier(params, "shipment_provider", "tracking_provider", "shipping_method"):
            out[self.method] = provider
        if g("is_shipped") is not False and (g("is_shipped") or numbers):
            when = self.parse(str(g("ship_date"))) if g("ship_date") else None
            out[self.shipped] = self.stamp(when) if when else today
        out.update(F.body(self.fields, params))
        return out

    def lines_shipped(self, order: Record, items: list[Any]) -> list[str]:
        """The order line ids ``items`` name: 112 for one the order lacks; with
        ``whole_lines``, 109 for a quantity short of its line's."""
        known = shipped_lines(F.get(order, self.lines) or [], self.line_id, items)
        for n, item in enumerate(items):
            line = str(item.get("order_product_id"))
            whole = F.number(known[line].get(self.line_quantity)) or 0.0
            if self.whole_lines and item.get("quantity") not in (None, "") \
                    and F.number(item["quantity"]) != whole:
                raise ApiError.invalid(f"items[{n}][quantity]", f"{whole:g}, the whole order "
                                       f"line (a {self.cart} shipment takes whole lines)")
        return [str(item.get("order_product_id")) for item in items]

    def applied(self) -> dict[str, frozenset[str]]:
        """The contract parameters :class:`OrderShipments`' methods apply."""
        writes = {"order_id", "tracking_numbers", "shipment_provider", "tracking_provider",
                  "shipping_method", "is_shipped", "ship_date", *F.writable(self.fields)}
        return {"order.shipment.add": frozenset({*writes, "items"}
                                                & contract_names("order.shipment.add")),
                "order.shipment.update": frozenset({*writes, "shipment_id", "replace"}
                                                   & contract_names("order.shipment.update")),
                "order.shipment.tracking.add": frozenset({"order_id", "shipment_id",
                                                          "tracking_number", "tracking_provider"})}


class ShipmentStore(Protocol):
    """The requests :class:`OrderShipments` makes. ``order``: by id or the platform's other
    keys, 112 for none; ``add``: a shipment of ``body`` taking ``lines`` (order line ids),
    its id; ``put``: one shipment's changes."""

    async def order(self, order_id: str) -> Record: ...
    async def add(self, order: Record, body: Record, lines: list[str]) -> str: ...
    async def put(self, order: Record, shipment_id: str, body: Record) -> None: ...


@dataclass(frozen=True)
class HeldShipments:
    """The :class:`ShipmentStore` of shipments held in their order but written at paths of
    their own (Shift4Shop: ``Orders/{id}/Shipments``, its lines moved into one by
    ``PUT Orders/{id}/Items``). ``find``: the order a call names (by id or number, 112 for
    none); ``at``: the order's shipments (its path names ``order_id``); ``lines``: where the
    order's lines are written, each as ``{line_id, line_shipment}`` (ids by ``ident``);
    ``copied``: the key prefixes a new shipment takes from the order's first one (where it
    goes); ``from_order``: shipment key -> the order key it takes; ``reuse_open``: an add
    naming no lines fills the order's open shipment (not shipped, untracked) instead;
    ``batch``: a create sends an array of the one shipment."""

    shipments: Shipments
    client: RestClient
    find: Callable[[str], Awaitable[Record]]
    at: Resource
    lines: Resource
    copied: tuple[str, ...] = ()
    from_order: Mapping[str, str] = field(default_factory=dict)
    reuse_open: bool = False
    batch: bool = False
    ident: F.Convert = F.int_id

    async def order(self, order_id: str) -> Record:
        return await self.find(order_id)

    def _names(self, order: Record) -> dict[str, Any]:
        return {"order_id": F.get(order, self.shipments.order_id)}

    async def add(self, order: Record, body: Record, lines: list[str]) -> str:
        s, held = self.shipments, self.shipments.of(order)
        open_ = [x for x in held if not x.get(s.tracking) and not x.get(s.shipped)]
        if self.reuse_open and open_ and not lines:
            sid = str(open_[0].get(s.id))
            await self.put(order, sid, body)
            return sid
        new = {k: v for k, v in (held[0] if held else {}).items() if k.startswith(self.copied)}
        new.update(body, **{k: F.get(order, v) for k, v in self.from_order.items()})
        names = self._names(order)
        sid = str((await self.at.add(self.client, [new] if self.batch else new, names))[
            self.at.id_field])
        moved = [{s.line_id: self.ident(i), s.line_shipment: self.ident(sid)} for i in lines
                 if str(i).isdecimal()]
        if moved:
            await self.client.request("PUT", self.lines.at(names), json=moved,
                                      entity=self.lines.parent or None, ident=names["order_id"])
        return sid

    async def put(self, order: Record, shipment_id: str, body: Record) -> None:
        await self.at.change(self.client, shipment_id, body, self._names(order))


class RemovingStore(ShipmentStore, Protocol):
    """A :class:`ShipmentStore` that also removes a shipment of an order."""

    async def remove(self, order: Record, shipment_id: str) -> None: ...


def _new_id() -> str:
    return uuid.uuid4().hex


@dataclass(frozen=True)
class KeptShipments:
    """The :class:`RemovingStore` of shipments kept as one list inside their order, written
    back whole with it (WooCommerce: the Shipment Tracking extension's items, one order meta
    entry: ``fields.Entry``). ``records``: the orders (an unknown id is 112 naming
    ``label``); ``kept``: an order's list (None: none), put at the declaration's ``items``
    path; ``written``: the order changes writing a whole list. A new shipment gets an id of
    ``new_id`` and the ``blank`` keys; ``added(order, shipment)``: what is done beside an add
    (a note to the customer)."""

    shipments: Shipments
    records: Backend
    kept: Callable[[Record], list[Any] | None]
    written: Callable[[list[Record]], Record]
    label: str = "Order"
    blank: Mapping[str, Any] = field(default_factory=dict)
    added: Callable[[Record, Record], Awaitable[None]] | None = None
    new_id: Callable[[], str] = _new_id

    async def order(self, order_id: Any) -> Record:
        ident = str(order_id)  # a parent id as a call gave it (a list's are text)
        found = await self.records.get(ident) if ident.strip() else None
        if found is None:
            raise ApiError.not_found(self.label, order_id)
        order = dict(found)
        F.put(order, self.shipments.items,
              [dict(x) for x in self.kept(found) or [] if isinstance(x, dict)])
        return order

    async def _save(self, order: Record, items: list[Record]) -> None:
        await self.records.update(str(F.get(order, self.shipments.order_id)), self.written(items))

    async def add(self, order: Record, body: Record, lines: list[str]) -> str:
        """A new shipment of ``body`` (the lines of a list kept apart from the order's are
        not moved: the list holds none)."""
        item = {self.shipments.id: self.new_id(), **self.blank, **body}
        await self._save(order, [*self.shipments.of(order), item])
        if self.added is not None:
            await self.added(order, item)
        return str(item[self.shipments.id])

    async def put(self, order: Record, shipment_id: str, body: Record) -> None:
        sid = self.shipments.id
        await self._save(order, [{**x, **body} if str(x.get(sid)) == shipment_id else x
                                 for x in self.shipments.of(order)])

    async def remove(self, order: Record, shipment_id: str) -> None:
        gone = self.shipments.find(order, shipment_id)
        await self._save(order, [x for x in self.shipments.of(order) if x is not gone])


def _today() -> datetime:
    return datetime.now(UTC)


@dataclass
class OrderShipments:
    """The shipment methods of one store; ``now`` is the clock of shipped dates."""

    shipments: Shipments
    store: ShipmentStore
    now: Callable[[], datetime] = field(default=_today)

    def _today(self) -> str:
        return self.shipments.stamp(self.now())

    async def add(self, call: Call) -> dict[str, Any]:
        order = await self.store.order(str(call.require("order_id")))
        body = self.shipments.body({**call.params, "is_shipped": call.params.get("is_shipped", True)},
                                   self._today())
        lines = self.shipments.lines_shipped(order, call.params.get("items") or [])
        return {"shipment_id": await self.store.add(order, body, lines)}

    async def update(self, call: Call) -> dict[str, Any]:
        """The given changes; ``replace=false`` adds tracking numbers to the shipment's,
        ``is_shipped=false`` clears its shipped date, a shipped date stays otherwise."""
        s, sid = self.shipments, str(call.require("shipment_id"))
        order = await self.store.order(str(call.require("order_id")))
        current = s.find(order, sid)
        body = s.body(explicit(call), self._today())
        if current.get(s.shipped) and not call.params.get("ship_date"):
            body.pop(s.shipped, None)
        if call.params.get("tracking_numbers") and not call.params.get("replace", True):
            old = s.codes(current)
            body[s.tracking] = s.joined(old + [c for c in s.codes(body) if c not in old])
        if call.params.get("is_shipped") is False:
            body[s.shipped] = ""
        if not body:
            raise ApiError.nothing_to_update()
        await self.store.put(order, sid, body)
        return {"updated_items": 1}

    async def delete(self, call: Call) -> dict[str, Any]:
        """One shipment removed (112 naming it when the order has none such)."""
        order = await self.store.order(str(call.require("order_id")))
        sid = str(call.require("shipment_id"))
        self.shipments.find(order, sid)
        await cast(RemovingStore, self.store).remove(order, sid)
        return {"deleted_items": 1}

    async def tracking_add(self, call: Call) -> dict[str, Any]:
        """One more tracking number (shipping the shipment, if it was not yet)."""
        s, sid = self.shipments, str(call.require("shipment_id"))
        order = await self.store.order(str(call.require("order_id")))
        number = str(call.require("tracking_number"))
        current = s.find(order, sid)
        codes, place = with_number(s.codes(current), number)
        body: Record = {s.tracking: s.joined(codes)}
        if not current.get(s.shipped):
            body[s.shipped] = self._today()
        if call.params.get("tracking_provider"):
            body[s.method] = call.params["tracking_provider"]
        await self.store.put(order, sid, body)
        return {"shipment_tracking_id": place}


#: Contract method -> the coroutine serving it (``serve.PerStore``).
VERBS: dict[str, str] = {
    "order.shipment.add": "add",
    "order.shipment.update": "update",
    "order.shipment.tracking.add": "tracking_add",
}
