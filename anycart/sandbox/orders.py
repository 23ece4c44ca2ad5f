"""Order bookkeeping: money totals, and what fulfilments (shipments) and refunds leave open.

A platform declares a :class:`Book`: where an order keeps its lines, shipments and refunds,
the names of the fields read (quantities, prices, tax lines, transaction amounts), and which
derived fields it shows (:class:`Shows`: per line the units still ordered, still to ship and a
shipping state; per order the shipping state, its names). The kit then keeps the arithmetic
every platform repeats: the totals of a new order (lines, discounts, taxes grouped by rate,
shipping), the units shipped and refunded per line, the derived fields after each shipment or
refund, the units a shipment or refund may take (:meth:`Book.take`), a refunded line's share
of its tax, and how much of the order was refunded. Money is in integer cents; texts with two
decimals are read and written with :func:`~anycart.sandbox.values.cents` /
:func:`~anycart.sandbox.values.from_cents`. :func:`tracking_urls` links a shipment's tracking
numbers to its carrier's public tracking page. A platform that keeps the units taken as
counters on the lines themselves (Magento's ``qty_shipped``) declares :mod:`.counted` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .table import Record
from .values import Errors, add, cents, from_cents, integer, rejected

#: (field, message) of a validation error; ``{id}`` is the line id given
Message = tuple[str, str]
#: carriers' public tracking pages (``{}`` is the tracking number), by the names carts show
CARRIER_TRACKING = {
    "UPS": "https://www.ups.com/WebTracking?loc=en_US&requester=ST&trackNums={}",
    "USPS": "https://tools.usps.com/go/TrackConfirmAction?tLabels={}",
    "FedEx": "https://www.fedex.com/fedextrack/?trknbr={}",
    "DHL Express": "https://www.dhl.com/en/express/tracking.html?AWB={}&brand=DHL",
    "Canada Post": "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor={}",
}


def tracking_urls(carrier: str | None, numbers: Iterable[str],
                  pages: Mapping[str, str] = CARRIER_TRACKING) -> list[str]:
    """The tracking page of each number, for a carrier ``pages`` knows (else none)."""
    template = pages.get(carrier or "")
    return [template.format(n) for n in numbers] if template else []


@dataclass(frozen=True)
class Tracking:
    """A shipment's tracking as REST platforms take it: a carrier, one number or a list, one
    URL or a list (Shopify's ``tracking_number(s)``; BigCommerce's ``tracking_number`` and
    ``tracking_link``); a record keeps the lists and, in the singular fields, their first.
    URLs nobody gave come from the carrier's page (:func:`tracking_urls`)."""

    company: str = "tracking_company"
    number: str = "tracking_number"
    numbers: str = "tracking_numbers"
    url: str = "tracking_url"
    urls: str = "tracking_urls"
    pages: Mapping[str, str] = field(default_factory=lambda: CARRIER_TRACKING)

    def apply(self, record: Record, body: Mapping[str, Any], fresh: bool = False) -> None:
        """Write what ``body`` says into ``record``. On a stored shipment the URLs stay
        unless the carrier, the numbers or the URLs change; on a ``fresh`` one an empty
        list of URLs is derived too."""
        company = body[self.company] if self.company in body else record.get(self.company)
        company = (_text(company) or None) if company is not None else None
        numbers = list(record.get(self.numbers) or [])
        if isinstance(body.get(self.numbers), list):
            numbers = [_text(n) for n in body[self.numbers] if _text(n)]
        elif self.number in body:
            numbers = [_text(body[self.number])] if _text(body[self.number]) else []
        urls: list[str] | None = None
        if isinstance(body.get(self.urls), list):
            urls = [_text(u) for u in body[self.urls] if _text(u)]
        elif body.get(self.url):
            urls = [_text(body[self.url])]
        if urls is None and not fresh and self.company not in body \
                and numbers == record.get(self.numbers):
            urls = record.get(self.urls)
        if urls is None or (fresh and not urls):
            urls = tracking_urls(company, numbers, self.pages)
        record.update({self.company: company, self.numbers: numbers,
                       self.number: numbers[0] if numbers else None, self.urls: list(urls),
                       self.url: urls[0] if urls else None})


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


#: :class:`Action` ``sets`` values: the action's stamp; the stamp unless the field has one
NOW, NOW_ONCE = object(), object()


@dataclass(frozen=True)
class Action:
    """An action on a stored order (Shopify's ``orders/{id}/close|open|cancel``, Magento's
    ``orders/{id}/cancel|hold|unhold``): refused with a 422 on ``base`` while a ``refuse``
    condition holds (the first one's text), then ``sets`` fields (a value, :data:`NOW` or
    :data:`NOW_ONCE`) and ``moves`` state fields between values (pending -> voided).
    ``topic``: the webhook the action fires besides the order's update."""

    sets: Mapping[str, Any] = field(default_factory=dict)
    refuse: tuple[tuple[Callable[[Mapping[str, Any]], bool], str], ...] = ()
    moves: Mapping[str, Mapping[Any, Any]] = field(default_factory=dict)
    topic: str | None = None

    def check(self, order: Mapping[str, Any]) -> None:
        for holds, message in self.refuse:
            if holds(order):
                raise rejected({"base": [message]})

    def apply(self, order: Record, now: str) -> None:
        for name, value in self.sets.items():
            order[name] = now if value is NOW else (order.get(name) or now) \
                if value is NOW_ONCE else value
        for name, move in self.moves.items():
            order[name] = move.get(order.get(name), order.get(name))


@dataclass(frozen=True)
class Totals:
    """A new order's money, in cents."""

    lines: int
    discount: int
    tax: int
    shipping: int
    #: tax per (title, rate), in the order the lines name them
    taxes: dict[tuple[Any, Any], int]

    @property
    def subtotal(self) -> int:
        return self.lines - self.discount

    @property
    def total(self) -> int:
        return self.lines - self.discount + self.tax + self.shipping


@dataclass(frozen=True)
class Shows:
    """The derived fields a platform shows (None: not shown) and its names for the shipping
    states (nothing shipped, some, all)."""

    current: str | None = None
    open: str | None = None
    line_state: str | None = None
    order_state: str | None = None
    states: tuple[Any, Any, Any] = (None, "partial", "fulfilled")
    #: the order's total (money text), and what refunds change: the total left and the
    #: payment state, named for part and all of it refunded (a state in ``settled`` stays)
    total: str | None = None
    total_left: str | None = None
    paid_state: str | None = None
    paid_states: tuple[Any, Any] = ("partially_refunded", "refunded")
    settled: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Take:
    """How a shipment or refund names the units it takes: each entry ``{ref: line id,
    qty: units}``; what an entry without units takes; the error texts."""

    ref: str
    ref_error: str
    unknown: Message
    too_many: Message
    qty: str = "quantity"
    #: units when the entry gives none: "open" (all still to take) or a number
    default: str | int = "open"
    #: units that are not a number count as this (None: they are not checked further)
    blank: int | None = None


@dataclass(frozen=True)
class Book:
    lines: str = "line_items"
    shipments: str = "fulfillments"
    shipment_lines: str = "line_items"
    shipment_status: str = "status"
    #: shipment statuses that count as shipped (None: every shipment)
    live: tuple[str, ...] | None = None
    refunds: str = "refunds"
    refund_lines: str = "refund_line_items"
    refund_ref: str = "line_item_id"
    transactions: str = "transactions"
    #: a transaction counts as refunded money when its ``kind_field`` is ``refund_kind``
    kind_field: str = "kind"
    refund_kind: str = "refund"
    amount: str = "amount"
    id: str = "id"
    quantity: str = "quantity"
    price: str = "price"
    tax_lines: str = "tax_lines"
    tax_amount: str = "price"
    tax_key: tuple[str, ...] = ("title", "rate")
    shows: Shows = field(default_factory=Shows)

    # -- a new order ----------------------------------------------------------------------
    def totals(self, lines: Iterable[Mapping[str, Any]], discounts: Iterable[Mapping[str, Any]],
               shipping: Iterable[Mapping[str, Any]], *, discount_amount: str = "amount",
               shipping_price: str = "price") -> Totals:
        lines = list(lines)
        taxes: dict[tuple[Any, ...], int] = {}
        for li in lines:
            for t in li[self.tax_lines]:
                key = tuple(t[k] for k in self.tax_key)
                taxes[key] = taxes.get(key, 0) + cents(t[self.tax_amount])
        return Totals(sum(cents(li[self.price]) * li[self.quantity] for li in lines),
                      sum(cents(d[discount_amount]) for d in discounts), sum(taxes.values()),
                      sum(cents(s[shipping_price]) for s in shipping), taxes)

    # -- what shipments and refunds took ----------------------------------------------------
    def shipped(self, order: Mapping[str, Any]) -> dict[Any, int]:
        """Line id -> units in the shipments that count."""
        done: dict[Any, int] = {}
        for s in order[self.shipments]:
            if self.live is None or s[self.shipment_status] in self.live:
                for li in s[self.shipment_lines]:
                    done[li[self.id]] = done.get(li[self.id], 0) + li[self.quantity]
        return done

    def refunded(self, order: Mapping[str, Any]) -> dict[Any, int]:
        """Line id -> units refunded."""
        done: dict[Any, int] = {}
        for r in order[self.refunds]:
            for rl in r[self.refund_lines]:
                done[rl[self.refund_ref]] = done.get(rl[self.refund_ref], 0) + rl[self.quantity]
        return done

    def refunded_money(self, order: Mapping[str, Any]) -> int:
        """Cents paid back by the refunds' refund transactions."""
        return sum(cents(t[self.amount]) for r in order[self.refunds]
                   for t in r[self.transactions] if t[self.kind_field] == self.refund_kind)

    def paid_back(self, order: Mapping[str, Any], total: int) -> int:
        """0 nothing refunded, 1 part of ``total``, 2 all of it."""
        money = self.refunded_money(order)
        return 0 if not money else 2 if money >= total else 1

    def tax_share(self, line: Mapping[str, Any], units: int) -> int:
        """The line's tax, in cents, for ``units`` of it (spread evenly over its units)."""
        taxes: float = sum(cents(t[self.tax_amount]) for t in line[self.tax_lines])
        return round(taxes / max(1, int(line[self.quantity])) * units)

    # -- the derived fields ---------------------------------------------------------------
    def recount(self, order: Record) -> None:
        """Set the fields :attr:`shows` names from the lines, shipments and refunds: per line
        the units not refunded, those still to ship and its state; the order's state counts
        the lines still holding or having shipped units; the total left and payment state
        follow the money refunded."""
        shows, shipped, refunded = self.shows, self.shipped(order), self.refunded(order)
        open_lines = done_lines = 0
        for li in order[self.lines]:
            current = max(0, li[self.quantity] - refunded.get(li[self.id], 0))
            sent = shipped.get(li[self.id], 0)
            left = max(0, current - sent)
            for name, value in ((shows.current, current), (shows.open, left), (
                    shows.line_state, shows.states[2 if sent and not left else 1 if sent
                                                    else 0])):
                if name is not None:
                    li[name] = value
            if current or sent:
                open_lines += 1
                done_lines += not left
        any_sent = any(shipped.values())
        if shows.order_state is not None:
            order[shows.order_state] = shows.states[
                2 if any_sent and done_lines == open_lines else 1 if any_sent else 0]
        if shows.total is None:
            return
        total = cents(order[shows.total])
        paid_back = self.paid_back(order, total)
        if shows.paid_state is not None and paid_back \
                and order[shows.paid_state] not in shows.settled:
            order[shows.paid_state] = shows.paid_states[paid_back - 1]
        if shows.total_left is not None:
            order[shows.total_left] = from_cents(max(0, total - self.refunded_money(order)))

    def open_units(self, order: Mapping[str, Any], line: Mapping[str, Any]) -> int:
        """Units of ``line`` neither refunded nor shipped."""
        return self._open(line, self.shipped(order), self.refunded(order))

    def _open(self, line: Mapping[str, Any], shipped: Mapping[Any, int],
              refunded: Mapping[Any, int]) -> int:
        lid = line[self.id]
        ordered = int(line[self.quantity])
        return max(0, max(0, ordered - refunded.get(lid, 0)) - shipped.get(lid, 0))

    def refundable(self, order: Mapping[str, Any], line: Mapping[str, Any]) -> int:
        return int(line[self.quantity]) - self.refunded(order).get(line[self.id], 0)

    def unshipped(self, order: Mapping[str, Any], line: Mapping[str, Any]) -> int:
        return int(line[self.quantity]) - self.shipped(order).get(line[self.id], 0)

    # -- what a shipment or refund takes --------------------------------------------------
    def take(self, order: Mapping[str, Any], given: Any, errors: Errors, how: Take,
             limit: Callable[[Mapping[str, Any]], int],
             then: Callable[[Any, Record, int], Any] | None = None) -> list[Any]:
        """For each entry of ``given``, ``then(entry, line, units)`` (default: ``(line,
        units)``): an unknown line is ``how.unknown`` and left out; units that are not a
        number are an error on ``how.qty`` and count as ``how.blank``; units outside
        1..``limit(line)`` are ``how.too_many``. Errors come in entry order (``then`` may
        add its own)."""
        lines = {li[self.id]: li for li in order[self.lines]}
        out: list[Any] = []
        for src in given if isinstance(given, list) else []:
            lid = integer(errors, how.ref_error, src.get(how.ref)) \
                if isinstance(src, dict) else None
            li = lines.get(lid) if lid is not None else None
            if li is None:
                add(errors, how.unknown[0], how.unknown[1].format(id=lid))
                continue
            fallback = limit(li) if how.default == "open" else how.default
            qty = integer(errors, how.qty, src.get(how.qty, fallback))
            qty = how.blank if qty is None else qty
            if qty is not None and not 1 <= qty <= limit(li):
                add(errors, how.too_many[0], how.too_many[1].format(id=lid))
            out.append((then or _pair)(src, li, qty or 0))
        return out

    def everything_open(self, order: Mapping[str, Any]) -> list[tuple[Record, int]]:
        """``(line, units)`` of every line with units still to ship."""
        shipped, refunded = self.shipped(order), self.refunded(order)
        return [(li, n) for li in order[self.lines] if (n := self._open(li, shipped, refunded))]


def _pair(src: Any, line: Record, units: int) -> tuple[Record, int]:
    return line, units
