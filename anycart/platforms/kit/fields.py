"""Field maps: one line per field between a platform's JSON and the unified model.

A :class:`Field` names the unified field, where it sits in the platform record (a dotted
``path`` such as ``SKUInfo.Name``) and how its value is read; when the field is writable it
also names the contract parameter(s) that set it and how the value is written. Reading a
record is :func:`read`; a write body from call parameters is :func:`body`. Platform keys no
field reads go to ``additional_fields`` (:func:`extras`), never lost.

Converters are plain functions of one value. One that raises ``ValueError`` or ``TypeError``
on a call parameter makes the call a 109 naming that parameter (see :func:`converted`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from anycart.errors import ApiError, ReturnCode
from anycart.platforms.overlap import one_of

Convert = Callable[[Any], Any]
EMPTY: tuple[Any, ...] = (None, "", [], {})
#: The contract's article numbers a platform's one GTIN/barcode field holds: a UPC is a
#: GTIN-12 and an EAN a GTIN-13, so a cart with such a field writes either there (synonyms
#: of one :class:`Field`: the first given wins, a differing second is 109).
GTIN_PARAMS = ("gtin", "upc", "ean")


# -- converters ---------------------------------------------------------------------------
def same(v: Any) -> Any:
    return v


def text(v: Any) -> str | None:
    """Text, with empty values as None (a platform's ``""`` is "not set")."""
    return None if v in (None, "") else str(v)


def number(v: Any) -> float | None:
    try:
        return None if v in (None, "") else float(v)
    except (TypeError, ValueError):
        return None


def integer(v: Any) -> int | None:
    f = number(v)
    return None if f is None else int(f)


def flag(v: Any) -> bool | None:
    return None if v is None else bool(v)


def negated(v: Any) -> bool | None:
    """The opposite flag (``Hide`` <-> ``avail``); None stays None."""
    return None if v is None else not v


def last_four(v: Any) -> str | None:
    """A card number's last four digits, whether the platform masks it or not: never more."""
    return "".join(c for c in str(v or "") if c.isdecimal())[-4:] or None


def nonzero(v: Any) -> str | None:
    """A reference where 0 means none (no manufacturer, a guest's customer id) as text."""
    return text(v) if v else None


def ids_in(key: str) -> Convert:
    """The ids at ``key`` of a list of records, as text (a product's category records)."""
    return lambda records: [str(r.get(key)) for r in records or []
                            if isinstance(r, Mapping) and r.get(key) is not None]


def money(v: Any) -> str:
    """An amount written as platforms that keep prices as text take it (``"12.50"``);
    raises ValueError, so 109, for no number."""
    return f"{float(v):.2f}"


def choice(values: Mapping[str, Any], fold: Callable[[str], str] = str) -> Convert:
    """The platform's value of a contract value among ``values`` (read through ``fold``,
    e.g. ``str.lower``); ValueError, so 109, for any other."""
    def convert(v: Any) -> Any:
        key = fold(str(v))
        if key not in values:
            raise ValueError(v)
        return values[key]
    return convert


def as_ids(key: str, convert: Convert = str) -> Convert:
    """A comma-separated id list as the records naming them (``"3,5"`` -> ``[{key: 3},
    {key: 5}]`` with ``int_id``): how :func:`ids_in` reads them, written."""
    return lambda v: [{key: convert(i.strip())} for i in str(v).split(",") if i.strip()]


def renamed(keys: Mapping[str, str]) -> Convert:
    """A list-of-objects parameter as the platform's records: each entry's contract keys
    (all of them given, else ValueError, so 109) under the platform's names, as text."""
    def convert(v: Any) -> list[dict[str, str]]:
        if not all(isinstance(e, Mapping) and all(e.get(k) for k in keys) for e in v):
            raise ValueError(v)
        return [{to: str(e[k]) for k, to in keys.items()} for e in v]
    return convert


def int_id(v: Any) -> int:
    """A call parameter naming a record by number (raises ValueError, so 109, if not)."""
    return int(str(v))


def invalid_as_value(convert: Convert) -> Convert:
    """``convert`` whose contract error (a return status no status has) is a ``ValueError``,
    so a filter's 109 names the parameter it was given as (:func:`converted`)."""
    def convert_or_invalid(v: Any) -> Any:
        try:
            return convert(v)
        except ApiError:
            raise ValueError(v) from None
    return convert_or_invalid


def ref_id(label: str) -> Convert:
    """A call parameter naming a record of ``label`` (its parent: ``order_id``) by number:
    a value that is no number names nothing on the platform, so it is API2Cart's 112
    ("Order with id 99-99 not found"), not the value error :func:`int_id` makes it."""
    def convert(v: Any) -> int:
        try:
            return int_id(v)
        except ValueError:
            raise ApiError.not_found(label, v) from None
    return convert


# -- paths --------------------------------------------------------------------------------
def get(record: Mapping[str, Any], path: str) -> Any:
    """The value at dotted ``path`` (None where any step is missing); ``""`` is the record."""
    value: Any = record
    for step in path.split(".") if path else ():
        if not isinstance(value, Mapping):
            return None
        value = value.get(step)
    return value


def first_record(data: Any, path: str = "") -> dict[str, Any] | None:
    """The record at ``path`` of an answer; a list there is its first record (platforms
    answering arrays send one record as a list of one)."""
    found = get(data, path) if isinstance(data, Mapping) else data if not path else None
    if isinstance(found, list):
        found = next((r for r in found if isinstance(r, dict)), None)
    return found if isinstance(found, dict) else None


def entry(entries: Any, key: str, key_name: str = "key", value_name: str = "value") -> Any:
    """The value of entry ``key`` in a list of key/value entries (WordPress's ``meta_data``,
    ``[{"key", "value"}]``), None for none."""
    return next((e.get(value_name) for e in entries or []
                 if isinstance(e, Mapping) and e.get(key_name) == key), None)


@dataclass(frozen=True)
class Entry:
    """The entry ``key`` of a record's list of key/value entries at ``path`` (WordPress's
    ``meta_data``): its value read, and the record change writing it."""

    key: str
    path: str = "meta_data"

    def read(self, record: Mapping[str, Any]) -> Any:
        return entry(get(record, self.path), self.key)

    def write(self, value: Any) -> dict[str, Any]:
        out: dict[str, Any] = {}
        put(out, self.path, [{"key": self.key, "value": value}])
        return out


@dataclass(frozen=True)
class Entries:
    """A record's whole list of key/value entries at ``path`` (Magento's ``custom_attributes``
    ``[{"attribute_code", "value"}]``, WordPress's ``meta_data``) as one object by key, so a
    field map names one entry by path (``custom_attributes.description``): :meth:`read` makes
    the object of a platform record, :meth:`write` the list again of a body."""

    path: str
    key: str = "key"
    value: str = "value"

    def read(self, record: dict[str, Any]) -> dict[str, Any]:
        found = record.get(self.path)
        if not isinstance(found, list):
            return record
        return {**record, self.path: {e.get(self.key): e.get(self.value) for e in found
                                      if isinstance(e, Mapping)}}

    def write(self, body: dict[str, Any]) -> dict[str, Any]:
        found = body.get(self.path)
        if not isinstance(found, Mapping):
            return body
        return {**body, self.path: [{self.key: k, self.value: v} for k, v in found.items()]}


def merge(body: dict[str, Any], more: Mapping[str, Any]) -> dict[str, Any]:
    """``more`` written into ``body`` (and answered), nested objects merged (``billing.city``
    beside ``billing.phone``)."""
    for key, value in more.items():
        if isinstance(value, Mapping) and isinstance(body.get(key), dict):
            merge(body[key], value)
        else:
            body[key] = value
    return body


def put(body: dict[str, Any], path: str, value: Any) -> None:
    """Set dotted ``path`` in ``body``, creating the objects on the way."""
    *parents, last = path.split(".")
    for step in parents:
        body = body.setdefault(step, {})
    body[last] = value


# -- the map ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Field:
    """One unified field <-> one platform path.

    ``name``: the unified field (None for a write-only field; dotted: a field of a part,
    ``totals.tax``); ``read``: platform value ->
    unified value. ``param``: the contract parameter writing it (a tuple: synonyms, of which
    the first given wins and a differing second is 109, see ``overlap.one_of``); ``write``:
    parameter value -> platform value."""

    name: str | None
    path: str
    read: Convert = text
    param: str | tuple[str, ...] | None = None
    write: Convert = same

    @property
    def params(self) -> tuple[str, ...]:
        if self.param is None:
            return ()
        return (self.param,) if isinstance(self.param, str) else self.param


def converted(name: str, value: Any, convert: Convert) -> Any:
    """``convert(value)``; 109 naming the parameter when the converter rejects it."""
    try:
        return convert(value)
    except (TypeError, ValueError):
        raise ApiError.invalid(name) from None


def read(fields: Iterable[Field], record: Mapping[str, Any]) -> dict[str, Any]:
    """The unified values ``fields`` read from ``record`` (by unified name). A dotted name
    is a field of a part (``totals.total``, ``customer.email``): the parts are read as
    objects, which the unified model takes as its part models."""
    out: dict[str, Any] = {}
    for f in fields:
        if f.name is not None:
            put(out, f.name, f.read(get(record, f.path)))
    return out


def used_keys(fields: Iterable[Field]) -> set[str]:
    return {f.path.split(".", 1)[0] for f in fields if f.name is not None and f.path}


def extras(record: Mapping[str, Any], used: Iterable[str]) -> dict[str, Any]:
    """The record's keys no field reads: the ``additional_fields`` of the unified entity."""
    skip = set(used)
    return {k: v for k, v in record.items() if k not in skip}


def unified(fields: Iterable[Field], record: Mapping[str, Any],
            consumed: Iterable[str] = ()) -> dict[str, Any]:
    """A record as the plain dict of what ``fields`` read, the keys they leave in
    ``additional_fields`` (for answers with no unified model, e.g. transactions), but for
    those ``consumed`` (read by the caller); a value read as a model (a date) is its wire form."""
    fields = tuple(fields)
    values = {k: v.model_dump() if isinstance(v, BaseModel) else v
              for k, v in read(fields, record).items()}
    return {**values, "additional_fields": extras(record, used_keys(fields) | set(consumed))}


def body(fields: Iterable[Field], params: Mapping[str, Any]) -> dict[str, Any]:
    """The platform body for the writable ``fields`` given in ``params`` (only those given,
    so one map serves add and update; a value its converter turns into None is left out)."""
    out: dict[str, Any] = {}
    for f in fields:
        names = f.params
        if not names:
            continue
        # one name: any value but None is written ("" clears); synonyms: see one_of
        value = params.get(names[0]) if len(names) == 1 else one_of(params, *names)
        if value is None:
            continue
        given = next(n for n in names if params.get(n) is not None)
        written = converted(given, value, f.write)
        if written is not None:  # a converter answering None writes nothing
            put(out, f.path, written)
    return out


def writable(fields: Iterable[Field]) -> frozenset[str]:
    """The contract parameters ``fields`` write."""
    return frozenset(n for f in fields for n in f.params)


def stock_change(params: Mapping[str, Any]) -> float:
    """``increase_quantity`` less ``reduce_quantity``; 109 beside ``quantity`` (a stock and a
    change to it cannot both be applied)."""
    delta = float(params.get("increase_quantity") or 0) - float(params.get("reduce_quantity") or 0)
    if delta and params.get("quantity") is not None:
        raise ApiError(ReturnCode.INCORRECT_VALUE, "Parameter 'quantity' cannot be combined with "
                       "increase_quantity/reduce_quantity: give the stock or a change.")
    return delta
