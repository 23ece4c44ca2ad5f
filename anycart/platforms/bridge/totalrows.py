"""An order's totals kept as rows beside it, one per code (OpenCart's ``order_total``; the
``orders_total`` of osCommerce-like carts): the rows ``order.add`` writes from its
:class:`~.orders.Totals`, and their amounts read back by code."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .orders import Totals


@dataclass(frozen=True)
class TotalRow:
    """One code's row: its default title and sort order, the :class:`~.orders.Totals` field
    it holds with its sign (a discount is stored negative); ``always`` written, even at 0."""

    code: str
    title: str
    field: str
    sign: int = 1
    sort: int = 0
    always: bool = False


def total_rows(rows: Iterable[TotalRow], totals: Totals,
               titles: Mapping[str, str] | None = None) -> Iterator[tuple[TotalRow, float, str]]:
    """``(row, signed amount, title)`` of each row to write: those with an amount, those
    ``always`` written and those given their own title (``titles``: code -> title, a
    shipping method's name)."""
    for row in rows:
        value, title = row.sign * getattr(totals, row.field), (titles or {}).get(row.code)
        if value or row.always or title:
            yield row, value, title or row.title


def by_code(rows: Iterable[Mapping[str, Any]], code: str = "code",
            value: str = "value") -> dict[str, float]:
    """Total rows' amounts summed by code (an order may have several tax rows)."""
    out: dict[str, float] = {}
    for r in rows:
        out[r[code]] = out.get(r[code], 0.0) + float(r[value])
    return out
