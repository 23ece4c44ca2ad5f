"""Side rows declared once for reads and writes: the rows hanging on an entity's row by its
key, one per language or shop (OpenCart's ``product_description``, PrestaShop's
``product_shop`` and ``product_lang``).

A :class:`Side` is the :class:`~.writes.Part` an entity's writes add and change (its key,
the scope columns bound from the call's context, the columns an added row starts blank) and
also the JOIN and SELECT items its :class:`~.sqlentity.SqlEntity` reads it with, so that the
table, the key and the scope are written once, not once for the reads and again for the
writes::

    TEXT = Side("product_description", "product_id", {"language_id": "lang"}, alias="pd",
                columns=("name", "description"))
    PRODUCT = Writes(main=Part("product", "product_id"), parts=(TEXT,))

    class Products(SqlEntity):
        columns = f"p.*, {TEXT.select()}"      # p.*, pd.name, pd.description
        joins = (TEXT.join("p.product_id"),)   # LEFT JOIN {p}product_description pd ON
        # pd.product_id = p.product_id AND pd.language_id = :lang

Reads bind the scope's context values as ``:name`` (one language, one shop); an add may
give a list (every language of the shop: one row each, see :meth:`.writes.Part.rows`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .writes import Part


@dataclass(frozen=True)
class Side(Part):
    """A :class:`~.writes.Part` that reads know too, under ``alias``."""

    alias: str = ""
    #: The columns reads select (:meth:`select`) and an added row starts as ``blank``.
    columns: tuple[str, ...] = ()
    #: An added row's value of ``columns`` the call does not give (None: no default).
    blank: Any = ""

    def __post_init__(self) -> None:
        if self.blank is not None and self.columns:
            blanks = dict.fromkeys(self.columns, self.blank)
            object.__setattr__(self, "defaults", {**blanks, **self.defaults})

    def join(self, owner: str, inner: bool = False, alias: str | None = None) -> str:
        """The JOIN of the entity's row here, in the call's scope: ``owner`` is the column
        the key matches (``p.product_id``); an ``inner`` join drops rows without one (an
        entity not in the call's shop); ``alias`` names a second join of the table (another
        entity's row here, such as a product's default category's names)."""
        alias = alias or self.alias
        on = [f"{alias}.{self.key} = {owner}",
              *(f"{alias}.{column} = :{name}" for column, name in self.scope.items())]
        return f"{'' if inner else 'LEFT '}JOIN {{p}}{self.table} {alias} ON {' AND '.join(on)}"

    def select(self) -> str:
        """``alias.column, ...`` of :attr:`columns`."""
        return ", ".join(f"{self.alias}.{column}" for column in self.columns)
