"""``special_price`` with its window (``sprice_create``/``sprice_expire``) as a cart's
special-price row, declared: OpenCart's ``product_special`` of the default customer group,
PrestaShop's shop-wide ``specific_price``.

A :class:`Specials` names the table, the product column (``key``), the ``scope`` of the rows
the contract's special price is (SQL with ``:name`` values of the call's context), the other
columns of a new row (``row(ctx)``), the window columns and the cart's "no date". A price
replaces the special in scope (0 removes it); dates alone move the window of the special there
is (``moves``) or are refused (109): a window without a price would be written nowhere.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from anycart.errors import ApiError

from .columns import amount
from .sqlentity import bind
from .sqlkit import SqlExecutor, Statement, insert
from .values import db_moment

_WINDOW = (("sprice_expire", "end"), ("sprice_create", "start"))


@dataclass(frozen=True)
class Specials:
    table: str
    key: str
    scope: str
    row: Callable[[Mapping[str, Any]], dict[str, Any]] = field(default=lambda ctx: {})
    start: str = "date_start"
    end: str = "date_end"
    no_date: str = "0000-00-00"
    #: The window's columns are DATEs (the day of the moment given).
    day: bool = False
    moves: bool = False
    #: An end before the start is refused (109 naming ``sprice_expire``).
    ordered: bool = False
    #: The contract parameters :meth:`statements` reads (for a driver's applied sets).
    params: ClassVar[frozenset[str]] = frozenset({"special_price", *(src for src, _ in _WINDOW)})

    def select(self, columns: str, order: str = "") -> str:
        """The specials in scope of a page's products (``??`` their ids): what a read hangs
        on its rows, so reads and writes agree on which rows are the special price."""
        return f"SELECT {columns} FROM {{p}}{self.table} WHERE {self.key} IN (??) AND {self.scope}{order}"

    def _window(self, params: Mapping[str, Any]) -> dict[str, str]:
        """The window's columns given, the end first (bridge.php reads a bare ``from``
        followed by a comma as a comma join: PrestaShop's ``from`` goes last)."""
        out = {}
        for src, side in _WINDOW:
            moment = db_moment(dict(params), src)
            if moment is not None:
                out[getattr(self, side)] = moment[:10] if self.day else moment
        return out

    async def statements(self, db: SqlExecutor, ident: Any, params: Mapping[str, Any],
                         ctx: Mapping[str, Any], adding: bool) -> list[Statement]:
        window = self._window(params)
        scoped = {**ctx, "id": ident, **{f"w{n}": v for n, v in enumerate(window.values())}}
        where = f" WHERE {self.key} = :id AND {self.scope}"
        if params.get("special_price") in (None, ""):
            if not window:
                return []
            if not self.moves or adding or not await db.select(
                    *bind(f"SELECT 1 FROM {{p}}{self.table}{where}", scoped)):
                name = "sprice_create" if self.start in window else "sprice_expire"
                raise ApiError.invalid(name, "a date together with special_price" + (
                    " (the product has no special price)" if self.moves else ""))
            sets = ", ".join(f"`{c}` = :w{n}" for n, c in enumerate(window))
            return [Statement(*bind(f"UPDATE {{p}}{self.table} SET {sets}{where}", scoped))]
        price = amount("special_price", params["special_price"])
        start, end = window.get(self.start, self.no_date), window.get(self.end, self.no_date)
        if self.ordered and self.no_date not in (start, end) and end < start:
            raise ApiError.invalid("sprice_expire", "a date after sprice_create")
        out = [] if adding else [Statement(*bind(f"DELETE FROM {{p}}{self.table}{where}", scoped))]
        if price > 0:
            out.append(insert(self.table, {**self.row(ctx), self.key: ident, "price": price,
                                           self.end: end, self.start: start}))
        return out
