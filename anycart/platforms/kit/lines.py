"""A record's list of parts read by a field map, declared as an entity's fields are
(:mod:`.fields`): an order's lines (``OrderItem``), its refunds (``OrderRefund``), a
return's products (``ReturnOrderProduct``), a line's options.

    LINE = Lines(OrderItem, (Field("order_product_id", "id"), Field("model", "sku"),
                             Field("quantity", "quantity", number), ...),
                 kept=("quantity_shipped",), more=lambda li, v: {...})
    "order_products": LINE.read(order.get("line_items"))

A field's name may be dotted (``reason.id``: a field of the part's own part); what no field
can read (a total worked out of several keys) is the ``more`` hook's; the platform keys
named in ``kept`` go to the part's ``additional_fields`` as they are (only those).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from . import fields as F

Record = Mapping[str, Any]
Part = TypeVar("Part", bound=BaseModel)
#: What a part's field map cannot read: the record and the values read -> more values.
More = Callable[[Record, dict[str, Any]], Mapping[str, Any]]


@dataclass(frozen=True)
class Lines(Generic[Part]):
    """Each record of a list as ``model``: what ``fields`` read, then what ``more`` adds,
    and the record's ``kept`` keys (those it has) as ``additional_fields``."""

    model: type[Part]
    fields: tuple[F.Field, ...]
    kept: tuple[str, ...] = ()
    more: More | None = None

    def one(self, record: Record) -> Part:
        values = F.read(self.fields, record)
        if self.more is not None:
            values.update(self.more(record, values))
        return self.model(**values, additional_fields={k: record[k] for k in self.kept
                                                       if k in record})

    def read(self, records: Iterable[Record] | None) -> list[Part]:
        """The parts of ``records`` (none: none); a converter of the list itself, so one
        ``Lines`` may read a field of another (``Field("options", "product_options",
        OPTIONS.read)``)."""
        return [self.one(r) for r in records or []]


def summed(key: str) -> F.Convert:
    """A list of records' amounts at ``key`` added up (a line's discounts, its taxes),
    rounded to the cent; none: 0."""
    return lambda records: round(sum(F.number(r.get(key)) or 0 for r in records or []), 2)


def amount(v: Any) -> float:
    """A number where none is 0 (a line's price or quantity the platform left out)."""
    return F.number(v) or 0


def percent(part: float | None, whole: float | None, digits: int = 2) -> float | None:
    """``part`` as a percentage of ``whole`` (a line's tax of its total), None for no whole."""
    return round(100 * (part or 0) / whole, digits) if whole else None
