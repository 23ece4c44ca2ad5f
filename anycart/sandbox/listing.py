"""List parameters declared as data, for the Rails-style lists of :mod:`.crud`: which
records a ``GET /things`` shows.

    LISTING = Listing(parse_ts, dates=("created_at", "updated_at", "published_at"),
                      filters=(Filter("vendor", "ieq", "vendor"),),
                      choices=(Choice("published_status", {
                          "published": present("published_at"),
                          "unpublished": absent("published_at"), "any": None}, "any"),))
    PRODUCTS = Crud("products", "product", LISTING, ...)

Every list takes ``ids``, ``since_id`` and ``<date>_min`` / ``<date>_max`` for its ``dates``
(:func:`~anycart.sandbox.crud.common`); :class:`~anycart.sandbox.query.Filter` compares a
parameter with a record value; a :class:`Choice` is a parameter taking one of a few values
(``status=open|closed|any``), each selecting by its predicate, an unknown one refused with
:class:`~anycart.sandbox.errors.Invalid` naming it (or ignored, for platforms that do);
``narrow`` hooks say what a declaration cannot (a join through a link table).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .crud import Pred, Query, choice, common
from .query import Filter, predicates

#: (call, list parameters, the query so far): narrow it further
Narrow = Callable[[Any, Mapping[str, str], Query], None]


def present(field: str) -> Pred:
    return lambda r: r.get(field) is not None


def absent(field: str) -> Pred:
    return lambda r: r.get(field) is None


def among(field: str, values: Iterable[Any]) -> Pred:
    wanted = frozenset(values)
    return lambda r: r.get(field) in wanted


@dataclass(frozen=True)
class Choice:
    """``param`` takes one of ``cases`` (in the order an error lists them); each selects by
    its predicate (None: every record). Unknown values are refused unless not ``strict``."""

    param: str
    cases: Mapping[str, Pred | None]
    default: str | None = None
    strict: bool = True

    def predicate(self, params: Mapping[str, str]) -> Pred | None:
        if self.strict:
            value = choice(params, self.param, tuple(self.cases), self.default)
        else:
            value = params.get(self.param) or self.default
        return self.cases.get(value) if value is not None else None


@dataclass(frozen=True)
class Listing:
    #: the platform's time text -> epoch seconds (``ValueError`` when it is none)
    parse: Callable[[str], float]
    dates: tuple[str, ...] = ("created_at", "updated_at")
    filters: tuple[Filter, ...] = ()
    choices: tuple[Choice, ...] = ()
    narrow: tuple[Narrow, ...] = ()

    def __call__(self, call: Any, params: Mapping[str, str]) -> Query:
        query = common(params, self.dates, self.parse)
        query.preds += predicates(self.filters, params)[0]
        for c in self.choices:
            pred = c.predicate(params)
            if pred is not None:
                query.preds.append(pred)
        for hook in self.narrow:
            hook(call, params, query)
        return query
