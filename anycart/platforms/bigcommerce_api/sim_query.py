"""Which records a BigCommerce list answers, v2 and v3 alike: the filters a resource
declares (``sim_resources.json``: parameter -> [op, record path], the kit's ops of
:func:`anycart.sandbox.query.predicate`), the id family and the date families every v3 list
takes (:mod:`anycart.sandbox.filtering`), and the sort. A value that does not parse is
``fail(parameter)``: v3's 422, v2's 400.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from anycart.sandbox import filtering
from anycart.sandbox.errors import SimError
from anycart.sandbox.filtering import DATE_FAMILY, ID_FAMILY, family
from anycart.sandbox.query import get_path
from anycart.sandbox.table import Record, Table

Fail = Callable[[str], SimError]


class Listed(Protocol):
    """What a list declares (:class:`.sim_v3.Res`)."""

    @property
    def filters(self) -> dict[str, list[str]]: ...

    @property
    def sorts(self) -> tuple[str, ...]: ...

    @property
    def dates(self) -> tuple[str, ...]: ...

    @property
    def inline_sort(self) -> bool: ...


def _value(record: Record, path: str) -> Any:
    if path == "name" and "name" not in record:  # customers and addresses: the full name
        return f"{record.get('first_name', '')} {record.get('last_name', '')}"
    return get_path(record, path)


def sort_of(res: Listed, params: Mapping[str, str], fail: Fail) -> tuple[str, bool]:
    """(field, descending): ``sort=<field>`` with ``direction``, or ``<field>:asc|desc`` in
    one value (v2 orders; customers take only that form, as their declared sorts list)."""
    given = params.get("sort", "id")
    field, _, inline = given.partition(":")
    if given not in res.sorts and not (res.inline_sort and field in res.sorts
                                       and inline in ("", "asc", "desc")):
        raise fail("sort")
    direction = (inline or params.get("direction", "asc")).lower()
    if direction not in ("asc", "desc"):
        raise fail("direction")
    return field, direction == "desc"


def select(table: Table, res: Listed, params: Mapping[str, str], fail: Fail,
           below: tuple[str, int] | None = None, v3: bool = True) -> list[Record]:
    """The records of ``table`` the filters keep (only one product's variants, with
    ``below``), sorted."""
    declared = {**res.filters}
    if v3:
        declared.update(family("id", ID_FAMILY))
        for name in res.dates:
            declared.update(family(name, DATE_FAMILY))
    return filtering.select(table, declared, params, fail, sort=sort_of(res, params, fail),
                            dates=res.dates, below=below, value=_value)
