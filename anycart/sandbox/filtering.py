"""A list's records chosen by declared filters and their families, sorted, kept until the
table changes.

REST lists name filters in families around one field: BigCommerce v3's ``id``, ``id:in``,
``id:not_in``, ``id:min``... and ``date_modified``, ``date_modified:min``/``:max``;
Magento's ``eq``/``in``/``from``/``to`` conditions and PrestaShop's ``filter[id]=[1|5]``
and ``[a,b]`` ranges are the same families under other spellings. A declaration maps each
parameter to ``[op, record path]`` over :func:`~anycart.sandbox.query.predicate`'s ops;
:func:`family` spells a family out so a platform declares it once::

    declared = {**res.filters, **family("id", ID_FAMILY), **family("date_modified", DATES)}
    rows = select(table, declared, params, fail, sort=("name", False))

A value that does not read is ``fail(parameter)``: the platform's own error (v3's 422,
v2's 400, WordPress's ``rest_invalid_param``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from .errors import SimError
from .query import Filter, get_path, moment, predicate
from .table import Record, Table

Test = Callable[[Record], bool]
#: (record, path) -> the value a filter compares (a platform's derived value: a full name)
Value = Callable[[Record, str], Any]
Declared = Mapping[str, Sequence[str]]

#: ``id``, ``id:in``, ``id:not_in``, ``id:min``, ``id:max``, ``id:greater``, ``id:less``
ID_FAMILY = {"": "int", ":in": "ids", ":not_in": "not_ids", ":min": "ge", ":max": "le",
             ":greater": "gt", ":less": "lt"}
#: ``date_modified`` (that day, or that moment), ``date_modified:min``, ``:max``
DATE_FAMILY = {"": "on", ":min": "since", ":max": "until"}


def family(name: str, suffixes: Mapping[str, str], path: str | None = None
           ) -> dict[str, list[str]]:
    """The declarations of one family: ``name`` + each suffix -> its op on ``path``
    (default: the field ``name``)."""
    return {name + suffix: [op, path or name] for suffix, op in suffixes.items()}


def tests(declared: Declared, params: Mapping[str, str], fail: Callable[[str], SimError],
          value: Value = get_path) -> list[Test]:
    """The record tests of the declared parameters given (non-empty) in ``params``."""
    out: list[Test] = []
    for name, (op, path) in declared.items():
        raw = params.get(name)
        if not raw:
            continue
        try:
            inner = predicate(Filter(name, op, "v"), raw)
        except (ValueError, TypeError, SimError):
            raise fail(name) from None
        out.append(_through(inner, path, value))
    return out


def _through(inner: Callable[[Mapping[str, Any]], bool], path: str, value: Value) -> Test:
    return lambda r: inner({"v": value(r, path)})


def select(table: Table, declared: Declared, params: Mapping[str, str],
           fail: Callable[[str], SimError], *, sort: tuple[str, bool] = ("id", False),
           dates: Iterable[str] = (), below: tuple[str, Any] | None = None,
           value: Value = get_path) -> list[Record]:
    """The records of ``table`` the filters keep (only those whose field ``below[0]`` is
    ``below[1]``: one product's variants), sorted by ``sort`` (field, descending; a field
    of ``dates`` compared as a moment, records without one last; ties by id). Kept until
    the table changes, so walking the pages of a large store filters it once."""
    preds = tests(declared, params, fail, value)
    field, desc = sort
    as_moment = field in set(dates)

    def key(r: Record) -> tuple[Any, ...]:
        got = r.get(field)
        got = moment(got) if as_moment and got else got
        return (got is None, got if got is not None else 0, r["id"])

    def compute() -> list[Record]:
        rows = [table.peek(k) for k in table.sorted_keys()]
        return sorted((r for r in rows if (below is None or r.get(below[0]) == below[1])
                       and all(p(r) for p in preds)), key=key, reverse=desc)
    # keyed by what decides the rows: the filters given, not the page asked for
    given = tuple(sorted((k, v) for k, v in params.items() if v and k in declared))
    found: list[Record] = table.cached(
        ("select", below, sort, tuple(declared), given), compute)
    return found
