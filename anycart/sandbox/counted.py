"""Documents taken against an order's lines, counted on the lines themselves.

Some platforms keep, on each order line, a counter of the units later documents took
(Magento's ``qty_invoiced``, ``qty_shipped``, ``qty_refunded``; BigCommerce v2's
``quantity_shipped``) rather than deriving it from the documents (that is
:class:`~anycart.sandbox.orders.Book`). A platform declares :class:`Counters`: how a document
names lines and units (``[{order_item_id, qty}]``), how the entries read, and per kind of
document a :class:`Counted`: the counter it adds to, the line quantity bounding it (what is
left is bound - counter), the platform's refusal and what else the platform shows (the
money of the units counted per line, order totals). The kit checks a document against what is
left (:meth:`Counters.take`) and keeps the counters and totals (:meth:`Counters.count`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .table import Record

#: a line and the units a document takes of it (or has left on it)
Units = tuple[Record, float]


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Counted:
    """One kind of document (an invoice, a shipment, a credit memo)."""

    #: the line field counting the units documents of this kind took
    counter: str
    #: the line field bounding that counter (units ordered; a refund: units invoiced)
    bound: str
    #: the refusal of an entry naming no line with units left, or more units than are left:
    #: the platform's text, ``{n}`` the entry's place in the document
    refusal: str
    #: the refusal of a document taking nothing (None: :attr:`refusal` with ``{n}`` empty)
    nothing: str | None = None
    #: line fields holding the money of the units counted (price x counter, to the cent)
    line_money: tuple[str, ...] = ()
    #: order fields a document's amount adds to (to the cent)
    order_money: tuple[str, ...] = ()
    #: an order field holding the counter summed over the order's lines
    order_count: str | None = None


@dataclass(frozen=True)
class Counters:
    """A platform's documents taken against lines: the kinds, the entries' names, its error.

    ``follows``: a line field naming the line a line belongs to (a configurable's child item
    under its parent): such a line is never named by a document and counts what its parent
    counts. ``read_ref`` and ``read_units`` read an entry's line id and units as the platform
    does, None for a value absent (``read_units`` answers None for units it refuses)."""

    kinds: Mapping[str, Counted]
    #: the platform's error for one of its texts
    error: Callable[[str], Exception]
    #: an entry's field naming the line, and its field giving the units
    ref: str
    units: str
    line_id: str = "id"
    price: str = "price"
    follows: str | None = None
    read_ref: Callable[[Any], Any] = _same
    read_units: Callable[[Any], float | None] = _same

    def left(self, line: Mapping[str, Any], kind: str) -> float:
        """Units of ``line`` documents of ``kind`` may still take."""
        counted = self.kinds[kind]
        left: float = line[counted.bound] - line[counted.counter]
        return left

    def open(self, lines: Iterable[Record], kind: str) -> list[Units]:
        """``(line, units left)`` of every line a document of ``kind`` may still take from."""
        return [(li, n) for li in lines
                if (self.follows is None or li[self.follows] is None)
                and (n := self.left(li, kind)) > 0]

    def touched(self, lines: Iterable[Mapping[str, Any]], *kinds: str) -> bool:
        """Whether documents of any of ``kinds`` took anything of ``lines``."""
        return any(li[self.kinds[k].counter] for li in lines for k in kinds)

    def take(self, lines: Iterable[Record], kind: str, entries: Sequence[Any] | None
             ) -> list[Units]:
        """The lines and units a document of ``kind`` takes: ``entries`` (each naming a line
        and units), or every unit left when None; the platform's refusal (the first entry at
        fault, in order) when an entry names no line with units left or more units than are
        left, or when the document takes nothing."""
        counted = self.kinds[kind]
        still = {li[self.line_id]: (li, n) for li, n in self.open(lines, kind)}
        if entries is None:
            chosen = list(still.values())
        else:
            chosen = []
            for n, entry in enumerate(entries):
                given = entry if isinstance(entry, dict) else {}  # not an object: refused
                line, left = still.get(self.read_ref(given.get(self.ref)), (None, 0.0))
                units = self.read_units(given.get(self.units))
                if line is None or units is None or not 0 < units <= left:
                    raise self.error(counted.refusal.format(n=n))
                chosen.append((line, units))
        if not chosen:
            raise self.error(counted.nothing if counted.nothing is not None
                             else counted.refusal.format(n=""))
        return chosen

    def count(self, order: Record, lines: Sequence[Record], kind: str, taken: Iterable[Units],
              amount: float = 0.0) -> None:
        """Add ``taken`` to its lines' counters and to those of the ``lines`` following them,
        then set the taken lines' money, add ``amount`` (the document's) to the order's money
        fields and sum the counter over ``lines`` into the order's count. The taken lines are
        changed in place: they must be the stored records."""
        counted = self.kinds[kind]
        follows = self.follows
        for line, units in taken:
            line[counted.counter] += units
            for row in lines:
                if follows is not None and row[follows] == line[self.line_id]:
                    row[counted.counter] += units
            for name in counted.line_money:
                line[name] = round(line[self.price] * line[counted.counter], 2)
        for name in counted.order_money:
            order[name] = round(order[name] + amount, 2)
        if counted.order_count is not None:
            order[counted.order_count] = sum(li[counted.counter] for li in lines)
