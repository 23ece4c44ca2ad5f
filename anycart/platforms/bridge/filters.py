"""More :class:`~.sqlentity.Filter` kinds a declaration names: ids that name one record, and
the values of several parameters applied together.

``eq_id("o.id_customer", "Customer")`` compares with one record's id, where a value that is no
id is 112 naming the label (no such record can exist); ``above("p.id_product", "Product")`` is
``since_id`` with that check. :class:`AllOf` reads its parameter and its ``aliases`` together
(``order_status`` and ``order_status_ids``: the union of their values, lists or comma text)
and hands the list to ``resolve`` (status names to ids) before binding ``??``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .sqlentity import Converter, Ctx, Filter, bind, given
from .sqlkit import Where
from .values import one_id


def id_of(label: str) -> Converter:
    """A value naming one ``label`` record as its int id (112 naming it when it is no id)."""
    return lambda value: one_id(value, label)


def eq_id(column: str, label: str, **kw: Any) -> Filter:
    return Filter(f"{column} = ?", id_of(label), **kw)


def above(column: str, label: str, **kw: Any) -> Filter:
    """``since_id``: rows whose id is above one ``label`` id."""
    return Filter(f"{column} > ?", id_of(label), **kw)


def items(value: Any) -> list[Any]:
    """A list, or comma-separated text, as its non-blank items."""
    return [v for v in (value if isinstance(value, list) else str(value).split(",")) if str(v).strip()]


@dataclass(frozen=True)
class AllOf(Filter):
    """The items of the parameter and of each alias given, together, as one ``??`` list
    (through ``convert``, then ``resolve``, when declared); nothing applied when none is."""

    async def apply(self, w: Where, conn: Any, name: str, params: Mapping[str, Any], ctx: Ctx) -> None:
        values = [v for n in self.names(name) if given(params.get(n)) for v in items(params[n])]
        if not values:
            return
        if self.convert is not None:
            values = self.convert(values)
        if self.resolve is not None:
            values = await self.resolve(conn, values, ctx)
        sql, bound = bind(self.clause, ctx, values)
        w.add(sql, *bound)
