"""An address's columns from contract parameters, declared once per cart: the same
declaration reads customer.address.add (``address1``), customer.add's address book
(``address_book_address1``) and order.add (``bill_address_1``), and says which parameters
those methods apply.

``AddressColumns(Part("address1", ("address1", "address_1"), 128, required=True), ...,
lookups=("country", "state"))``: each :class:`Part` is one column and the parameter keys that
give it (after the call's prefix; the first given wins), its VARCHAR size, whether it is
required, a ``fallback`` key read from a second mapping (the customer's own name) and a
``default``. Each :class:`Lookup` turns a key's text into an id column of the cart's tables
(a country's code or name to its ``id_country``; a state within that country), in order, so a
later lookup's SQL names an earlier one's column (``:id_country``). A lookup may keep more
columns of the row it finds (a country's stored name), and may keep a state's text when the
country has none to choose from (OpenCart's countries without zones).

Read ``like`` another address's row (an order's shipping address beside its billing one), a
part that ``inherits`` and is not given (blank or whitespace only) keeps that row's value as
stored, and the leading lookups whose keys are not given keep the columns it found.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from anycart.errors import ApiError

from .columns import bounded
from .sqlentity import bind
from .sqlkit import SqlExecutor

#: The prefix of the keys of customer.add's address book entries (``address_book_city``).
BOOK_PREFIX = "address_book_"


@dataclass(frozen=True)
class Part:
    column: str
    keys: tuple[str, ...]
    size: int | None = None
    required: bool = False
    #: Key of the ``fallback`` mapping read when no key is given (or given blank).
    fallback: str | None = None
    default: Any = None
    #: Blank stored as NULL (after the default).
    blank_null: bool = False
    #: The value as the cart stores it (OpenCart's HTML-escaped text), after the size check.
    convert: Callable[[Any], Any] | None = None
    #: Not given (whitespace only counts), the ``like`` row's value, as stored there.
    inherits: bool = False


def _given(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


@dataclass(frozen=True)
class Lookup:
    """``column``: the id ``sql`` finds for the text of ``key`` (bound as ``:text``, upper
    case as ``:upper``, ``binds``' own values, and the columns found before it); 109 naming
    the key and ``expected`` (or what it answers for the columns found) when none is found.
    Not given: 101 when ``required``, 109 when ``refuse_blank``, else ``blank``."""

    column: str
    key: str
    sql: str
    expected: str | Callable[[Mapping[str, Any]], str]
    required: bool = False
    refuse_blank: bool = False
    blank: Any = None
    #: More columns of the found row kept (``""`` when not given).
    keeps: tuple[str, ...] = ()
    #: More values bound from the text: ``lambda text: {"stored": escaped(text)}``.
    binds: Callable[[str], Mapping[str, Any]] | None = None
    #: ``(column, sql)``: nothing found and ``sql`` finding no candidate either (a country
    #: without zones), the id is ``blank`` and ``column`` keeps the text (as ``:stored`` if bound).
    free: tuple[str, str] | None = None

    async def find(self, db: SqlExecutor, value: Any, name: str,
                   found: Mapping[str, Any]) -> dict[str, Any]:
        """``{column: id, **keeps}`` for the text given."""
        text = str(value or "").strip()
        free = (self.free[0],) if self.free else ()
        if not text:
            if self.required:
                raise ApiError.required(name)
            if self.refuse_blank:
                raise ApiError.invalid(name, self._expected(found))
            return {self.column: self.blank, **dict.fromkeys((*self.keeps, *free), "")}
        values = {**found, "text": text, "upper": text.upper(), **(self.binds(text) if self.binds else {})}
        rows = await db.select(*bind(self.sql, values))
        if rows:
            row = rows[0]
            return {self.column: next(iter(row.values())), **dict.fromkeys(free, ""),
                    **{k: row[k] for k in self.keeps}}
        if self.free and not await db.select(*bind(self.free[1], values)):
            return {self.column: self.blank, **dict.fromkeys(self.keeps, ""),
                    self.free[0]: values.get("stored", text)}
        raise ApiError.invalid(name, self._expected(found))

    def kept(self) -> tuple[str, ...]:
        """The columns :meth:`find` answers."""
        return (self.column, *self.keeps, *(self.free[:1] if self.free else ()))

    def _expected(self, found: Mapping[str, Any]) -> str:
        return self.expected if isinstance(self.expected, str) else self.expected(found)


def book(value: Any, name: str = "address") -> list[dict[str, Any]]:
    """customer.add/update's address book (``address``): its entries with the contract's
    ``address_book_*`` keys read as the bare ones (a bare key given too wins); none when not
    given, 109 naming ``name`` unless a list of objects."""
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(a, dict) for a in value):
        raise ApiError.invalid(name, "array of addresses")
    return [{**{k.removeprefix(BOOK_PREFIX): v for k, v in a.items() if k.startswith(BOOK_PREFIX)},
             **{k: v for k, v in a.items() if not k.startswith(BOOK_PREFIX)}} for a in value]


class AddressColumns:
    def __init__(self, *parts: Part, lookups: tuple[Lookup, ...] = ()) -> None:
        self.parts, self.lookups = parts, lookups

    def names(self, prefix: str = "") -> set[str]:
        """Every parameter the declaration reads under ``prefix``."""
        return {prefix + k for k in (*(k for p in self.parts for k in p.keys),
                                     *(u.key for u in self.lookups))}

    async def row(self, db: SqlExecutor, params: Mapping[str, Any], prefix: str = "",
                  fallback: Mapping[str, Any] | None = None,
                  like: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """:meth:`columns` and the ids the lookups find."""
        return await self.found(db, params, prefix, self.columns(params, prefix, fallback, like), like)

    async def found(self, db: SqlExecutor, params: Mapping[str, Any], prefix: str = "",
                    out: dict[str, Any] | None = None,
                    like: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """``out`` with what the lookups find, in order; while their keys are not given,
        what ``like`` found (a state looked up within ``like``'s country)."""
        out = {} if out is None else out
        for u in self.lookups:
            value = params.get(prefix + u.key)
            if like is not None and not _given(value):
                out.update({k: like.get(k) for k in u.kept()})
                continue
            like = None
            out.update(await u.find(db, value, prefix + u.key, out))
        return out

    @staticmethod
    def value(params: Mapping[str, Any], prefix: str, keys: tuple[str, ...]) -> Any:
        """The first of ``keys`` (under ``prefix``) given, not None."""
        return next((params[prefix + k] for k in keys if params.get(prefix + k) is not None), None)

    def columns(self, params: Mapping[str, Any], prefix: str = "",
                fallback: Mapping[str, Any] | None = None,
                like: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """``{column: value}``: required parts first (in declared order, 101 naming the
        first key), then sizes (109 naming it); a value inherited from ``like`` is kept as is."""
        values: dict[str, Any] = {}
        inherited: set[str] = set()
        for p in self.parts:
            value = self.value(params, prefix, p.keys)
            if p.inherits and like is not None and p.column in like and not _given(value):
                value = like[p.column]
                inherited.add(p.column)
            if value in (None, "") and p.fallback and fallback:
                value = fallback.get(p.fallback)
            if value in (None, "") and p.default is not None:
                value = p.default
            if p.required and not value:
                raise ApiError.required(prefix + p.keys[0])
            values[p.column] = value
        for p in self.parts:
            value = values[p.column]
            if p.column in inherited:
                continue
            if p.size is not None and value is not None:
                value = bounded(prefix + p.keys[0], value, p.size)
            if p.convert is not None and value is not None:
                value = p.convert(value)
            values[p.column] = None if p.blank_null and value == "" else value
        return values
